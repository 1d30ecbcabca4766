import Foundation
import Lessons
import Site
import Testing
import TestSupport
@testable import Build

/// A lesson with two experiments, so that `--jobs 2` runs them side by side.
let workflowLesson = """
    ---
    title: Workflow
    ---

    Some prose.

    ```experiment
    id: bowl
    model: {kind: surface, function: quadratic, a: 1, b: 2}
    init: {x: -5, y: -2}
    epochs: 20
    runs:
      - {label: slow, lr: 0.02}
      - {label: fast, lr: 0.2}
    figures:
      - {kind: loss, y: log, caption: Loss.}
      - {kind: contour, caption: Paths.}
    ```

    ```experiment
    id: moons
    model: logistic
    data: {kind: moons, n: 200, noise: 0.2}
    epochs: 5
    runs:
      - {label: SGD, lr: 0.1, batch: 8}
    figures:
      - {kind: loss}
    ```
    """

/// A course folder with the lesson, its output and its cache.
struct Workspace {
    let folder: TemporaryFolder
    var lessons: URL { folder.url.appendingPathComponent("lessons") }
    var output: URL { folder.url.appendingPathComponent("output") }
    var cache: URL { folder.url.appendingPathComponent(".descent-cache") }

    init(lesson: String = workflowLesson) throws {
        folder = try TemporaryFolder()
        try folder.write(lesson, to: "lessons/01-workflow.md")
    }

    func build(jobs: Int = 2, fresh: Bool = false, output: URL? = nil, cached: Bool = true) -> BuildReport {
        CourseBuild(options: BuildOptions(
            lessonsDirectory: lessons, outputDirectory: output ?? self.output, jobs: jobs, fresh: fresh,
            cacheDirectory: cached ? cache : nil)).run()
    }

    func edit(_ change: (String) -> String) throws {
        let url = lessons.appendingPathComponent("01-workflow.md")
        try folder.write(change(try String(contentsOf: url, encoding: .utf8)), to: "lessons/01-workflow.md")
    }

    func snapshot(_ root: URL? = nil) -> [String: [UInt8]] { CourseCheck.filesOnDisk(root ?? output) }
}

@Suite struct WorkflowTests {
    /// Edits and whether each retrains the experiment `bowl`.
    static let edits: [(name: String, change: @Sendable (String) -> String, retrains: Bool)] = [
        ("prose", { $0.replacingOccurrences(of: "Some prose.", with: "Other prose, longer.") }, false),
        ("caption", { $0.replacingOccurrences(of: "caption: Loss.", with: "caption: The loss per epoch.") }, false),
        ("figure look", { $0.replacingOccurrences(of: "{kind: loss, y: log, caption: Loss.}", with: "{kind: loss, caption: Loss.}") }, false),
        ("key order", { $0.replacingOccurrences(of: "init: {x: -5, y: -2}\nepochs: 20", with: "epochs: 20\ninit: {y: -2, x: -5}") }, false),
        ("lr", { $0.replacingOccurrences(of: "lr: 0.02", with: "lr: 0.03") }, true),
        ("epochs", { $0.replacingOccurrences(of: "epochs: 20", with: "epochs: 21") }, true),
    ]

    @Test(arguments: edits.indices)
    func theCacheRetrainsOnlyWhatChanged(index: Int) throws {
        let (name, change, retrains) = Self.edits[index]
        let workspace = try Workspace()
        defer { workspace.folder.remove() }
        #expect(workspace.build().experimentsTrained == 2)
        try workspace.edit(change)
        let report = workspace.build()
        #expect(report.problems.isEmpty, "\(name)")
        #expect(report.experimentsTrained == (retrains ? 1 : 0), "\(name)")
        #expect(report.explanations.first { $0.hasPrefix("01-workflow#moons") }?.contains("reused") == true, "\(name)")
    }

    @Test func aRebuildWithoutChangesDrawsNothing() throws {
        let workspace = try Workspace()
        defer { workspace.folder.remove() }
        #expect(workspace.build().figuresDrawn == 3)
        let again = workspace.build()
        #expect(again.figuresDrawn == 0)
        #expect(again.filesWritten == 0)
        // A caption is not part of the figure: still nothing to draw.
        try workspace.edit { $0.replacingOccurrences(of: "caption: Paths.", with: "caption: The paths.") }
        #expect(workspace.build().figuresDrawn == 0)
        // A figure's look is: only that figure is drawn again.
        try workspace.edit { $0.replacingOccurrences(of: "{kind: loss, y: log, caption: Loss.}", with: "{kind: loss, caption: Loss.}") }
        #expect(workspace.build().figuresDrawn == 1)
    }

    @Test func anotherEngineVersionGivesAnotherKey() throws {
        let lesson = try LessonParser.parse(workflowLesson, file: "l.md", slug: "l")
        let spec = try #require(lesson.experiments.first)
        #expect(CacheKey.training(spec) == CacheKey.training(spec))
        #expect(CacheKey.training(spec, engine: "1") != CacheKey.training(spec, engine: "2"))
    }

    @Test func freshRetrainsEverythingAndKeepsTheStoredTimes() throws {
        let workspace = try Workspace()
        defer { workspace.folder.remove() }
        _ = workspace.build()
        let before = workspace.snapshot()
        let report = workspace.build(fresh: true)
        #expect(report.experimentsTrained == 2)
        // Same spec, same numbers, and the times recorded the first time: nothing to rewrite.
        #expect(report.filesWritten == 0)
        #expect(workspace.snapshot() == before)
    }

    @Test func onlyOneExperimentIsRetrainedFresh() throws {
        let workspace = try Workspace()
        defer { workspace.folder.remove() }
        _ = workspace.build()
        let report = CourseBuild(options: BuildOptions(
            lessonsDirectory: workspace.lessons, outputDirectory: workspace.output, fresh: true,
            only: "01-workflow#moons", cacheDirectory: workspace.cache)).run()
        #expect(report.experimentsTrained == 1)
        #expect(report.explanations.contains { $0.hasPrefix("01-workflow#bowl: reused") })
        #expect(report.filesWritten == 0)
    }

    @Test func oneJobAndTwoJobsGiveTheSameBytes() throws {
        let workspace = try Workspace()
        defer { workspace.folder.remove() }
        _ = workspace.build(jobs: 2, cached: false)
        let serial = workspace.folder.url.appendingPathComponent("serial")
        // Training anew at one job, with the timings of the first build kept.
        _ = CourseBuild(options: BuildOptions(lessonsDirectory: workspace.lessons, outputDirectory: serial, jobs: 1, fresh: true, timingsDirectory: workspace.output)).run()
        #expect(workspace.snapshot(serial) == workspace.snapshot())
        // index, page, stylesheet, three figures at 1× and 2×, two results JSON and three run CSVs.
        #expect(workspace.snapshot().count == 14)
    }

    @Test func checkPassesOnAFreshBuildAndFailsOnAnyChange() throws {
        let workspace = try Workspace()
        defer { workspace.folder.remove() }
        _ = workspace.build()
        #expect(CourseCheck.run(lessons: workspace.lessons, output: workspace.output, jobs: 2, progress: nil).differences == [])

        let figure = workspace.output.appendingPathComponent("figures/01-workflow/bowl-1.png")
        var bytes = try Data(contentsOf: figure)
        bytes[bytes.count - 20] ^= 0xFF
        try bytes.write(to: figure)
        #expect(CourseCheck.run(lessons: workspace.lessons, output: workspace.output, jobs: 2, progress: nil).differences
            == ["figures/01-workflow/bowl-1.png: stale; its bytes differ from what the lessons give now"])

        _ = workspace.build()
        try workspace.edit { $0.replacingOccurrences(of: "lr: 0.02", with: "lr: 0.05") }
        let differences = CourseCheck.run(lessons: workspace.lessons, output: workspace.output, jobs: 2, progress: nil).differences
        #expect(differences.contains { $0.hasPrefix("data/01-workflow/bowl.json: stale; run `slow` final loss ") })
        #expect(differences.contains("figures/01-workflow/bowl-1.png: stale; its bytes differ from what the lessons give now"))
    }

    @Test func anInterruptedBuildLeavesThePreviousOutputWhole() throws {
        let workspace = try Workspace()
        defer { workspace.folder.remove() }
        _ = workspace.build()
        let before = workspace.snapshot()
        try workspace.edit { $0.replacingOccurrences(of: "lr: 0.02", with: "lr: 0.05") }
        // A build interrupted after staging its files, before renaming them over the old ones.
        let build = CourseBuild(options: BuildOptions(lessonsDirectory: workspace.lessons, outputDirectory: workspace.output, cacheDirectory: workspace.cache))
        let (_, files) = build.produce()
        let staged = try build.stage(files)
        #expect(staged.count >= 3)
        #expect(workspace.snapshot() == before)
        // The next build finishes the job and clears what the interrupted one left.
        let next = workspace.build()
        #expect(next.problems.isEmpty)
        #expect(workspace.snapshot() != before)
        let left = try FileManager.default.subpathsOfDirectory(atPath: workspace.output.path).filter { $0.hasSuffix(CourseBuild.temporarySuffix) }
        #expect(left == [])
    }

    @Test func filesOfARemovedFigureAreRemoved() throws {
        let workspace = try Workspace()
        defer { workspace.folder.remove() }
        _ = workspace.build()
        let contour = workspace.output.appendingPathComponent("figures/01-workflow/bowl-2.png")
        #expect(FileManager.default.fileExists(atPath: contour.path))
        try workspace.edit { $0.replacingOccurrences(of: "  - {kind: contour, caption: Paths.}\n", with: "") }
        let report = workspace.build()
        #expect(report.filesRemoved == 2)
        #expect(!FileManager.default.fileExists(atPath: contour.path))
    }

    @Test func aNewLessonBuilds() throws {
        let workspace = try Workspace()
        defer { workspace.folder.remove() }
        let url = try CourseCommands.new(title: "Momentum and Nesterov", lessons: workspace.lessons)
        #expect(url.lastPathComponent == "02-momentum-and-nesterov.md")
        #expect(CourseCommands.validate(lessons: workspace.lessons) == [])
        let report = workspace.build()
        #expect(report.problems.map(\.description) == [])
        #expect(FileManager.default.fileExists(atPath: workspace.output.appendingPathComponent("02-momentum-and-nesterov.html").path))
    }

    @Test func runPrintsOneExperimentsTable() throws {
        let workspace = try Workspace()
        defer { workspace.folder.remove() }
        let text = try CourseCommands.run("01-workflow#bowl", lessons: workspace.lessons)
        let lines = text.split(separator: "\n")
        let cells = { (line: Substring) in line.components(separatedBy: "  ").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } }
        #expect(lines.count == 4)
        #expect(cells(lines[0]) == ["Run", "Optimizer", "lr", "Batch", "Final loss", "Updates", "Gradient evaluations", "Seconds", "Stopped"])
        #expect(Array(cells(lines[2]).prefix(4)) == ["slow", "gd", "0.02", "full"])
        #expect(Array(cells(lines[3]).prefix(4)) == ["fast", "gd", "0.2", "full"])
    }
}
