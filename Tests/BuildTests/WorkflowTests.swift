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
        #expect(report.explanations.first { $0.contains(" experiment `moons`: ") }?.contains("experiment `moons`: reused (cache key ") == true, "\(name)")
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
        let bowl = try #require(try LessonParser.parse(workflowLesson, file: "l.md", slug: "l").experiments.first)
        let reused = "experiment `bowl`: reused (cache key \(CacheRecord.short(CacheKey.training(bowl))), same spec, data and engine)"
        #expect(report.explanations.contains { $0.hasSuffix(reused) })
        #expect(report.explanations.contains { $0.hasSuffix("experiment `moons`: redone: --fresh") })
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
        // index, page, stylesheet, theme script, search index and script, three figures (wide light
        // and dark at 1× and 2×, narrow light and dark at 2×), the contour's six backgrounds and
        // data script, the player's script, two results JSON, three run CSVs, the code blocks'
        // script and highlight.js.
        #expect(workspace.snapshot().count == 39)
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
        // libpng splits the image data into IDAT chunks of 8 KB; the flipped byte is in the last.
        var lastChunk = 8
        while true {
            let length = bytes[lastChunk..<lastChunk + 4].reduce(0) { $0 << 8 | Int($1) }
            if lastChunk + length + 12 > bytes.count - 20 { break }
            lastChunk += length + 12
        }
        #expect(lastChunk > 33)
        #expect(CourseCheck.run(lessons: workspace.lessons, output: workspace.output, jobs: 2, progress: nil).differences
            == ["figures/01-workflow/bowl-1.png: pixels not compared: the committed or rebuilt file cannot decode the PNG: chunk IDAT at byte \(lastChunk) has a wrong CRC"])

        _ = workspace.build()
        try workspace.edit { $0.replacingOccurrences(of: "lr: 0.02", with: "lr: 0.05") }
        let differences = CourseCheck.run(lessons: workspace.lessons, output: workspace.output, jobs: 2, progress: nil).differences
        #expect(differences.contains { $0.hasPrefix("data/01-workflow/bowl.json: stale; run `slow` final loss ") })
        #expect(differences.contains { $0.hasPrefix("figures/01-workflow/bowl-1.png: pixels differ: RMS ") && $0.hasSuffix(" over the tolerance 2.0") })
    }

    @Test func filesOfARemovedFigureAreRemoved() throws {
        let workspace = try Workspace()
        defer { workspace.folder.remove() }
        _ = workspace.build()
        let contour = workspace.output.appendingPathComponent("figures/01-workflow/bowl-2.png")
        #expect(FileManager.default.fileExists(atPath: contour.path))
        try workspace.edit { $0.replacingOccurrences(of: "  - {kind: contour, caption: Paths.}\n", with: "") }
        let report = workspace.build()
        // The figure's six files (wide light and dark at 1× and 2×, narrow light and dark at 2×),
        // the six of its background, its data script and the player's, which no page needs now.
        #expect(report.filesRemoved == 14)
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

/// The output folder as a whole: atomic replacement, the lock, the manifest, file names.
@Suite struct SiteOutputTests {
    /// Every file under `root` (and what each symbolic link points at), by path.
    static func tree(_ root: URL) -> [String: [UInt8]] {
        var files: [String: [UInt8]] = [:]
        for path in (try? FileManager.default.subpathsOfDirectory(atPath: root.path)) ?? [] {
            let full = root.appendingPathComponent(path).path
            if let destination = try? FileManager.default.destinationOfSymbolicLink(atPath: full) {
                files[path] = Array(("-> " + destination).utf8)
            } else if let data = FileManager.default.contents(atPath: full) {
                files[path] = Array(data)
            }
        }
        return files
    }

    /// What a build may leave beside the output folder: nothing of its own.
    static func leftovers(_ workspace: Workspace) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: workspace.folder.url.path).filter { $0.contains("descent-") && $0 != ".descent-cache" }.sorted()
            + (try FileManager.default.subpathsOfDirectory(atPath: workspace.output.path)).filter { $0.contains(".descent-tmp") }
    }

    struct Interrupted: Error {}

    static let kills: [(step: SiteWriter.Step, exchange: Bool)] =
        [SiteWriter.Step.firstFileStaged, .staged, .swapped].map { ($0, true) } + SiteWriter.Step.allCases.map { ($0, false) }

    @Test(arguments: kills.indices)
    func aBuildKilledAtAnyStepLeavesTheOldSiteOrTheNewOne(index: Int) throws {
        let (step, exchange) = Self.kills[index]
        let workspace = try Workspace()
        defer { workspace.folder.remove() }
        _ = workspace.build()
        let old = Self.tree(workspace.output)
        try workspace.edit { $0.replacingOccurrences(of: "lr: 0.02", with: "lr: 0.05") }
        var options = BuildOptions(lessonsDirectory: workspace.lessons, outputDirectory: workspace.output, jobs: 2, cacheDirectory: workspace.cache)
        options.exchangeFolders = exchange
        options.interruption = { if $0 == step { throw Interrupted() } }
        let killed = CourseBuild(options: options).run()
        #expect(killed.problems.last?.description.hasSuffix("the build was interrupted at `\(step.rawValue)`.") == true)
        let between = Self.tree(workspace.output)

        // What the next build does first: complete or roll back what the killed one left.
        let writer = SiteWriter(output: workspace.output, display: workspace.output.path)
        try withExtendedLifetime(try writer.lock()) { try writer.recover() }
        let recovered = Self.tree(workspace.output)
        #expect(try Self.leftovers(workspace) == [])
        let next = workspace.build()
        #expect(next.problems.map(\.description) == [])
        #expect(next.filesWritten == 0 || recovered == old)
        let new = Self.tree(workspace.output)
        #expect(new != old)
        switch step {
        case .firstFileStaged, .staged, .journalWritten:
            #expect(between == old && recovered == old, "killed at \(step), exchange \(exchange)")
        case .oldMovedAside:
            // For that instant nothing is at the output; the journal says the staged site is whole.
            #expect(between.isEmpty && recovered == new, "exchange \(exchange)")
        case .swapped:
            #expect(between == new && recovered == new, "exchange \(exchange)")
        }
        #expect(try Self.leftovers(workspace) == [])
    }

    @Test func aSecondBuildWhileTheLockIsHeldStopsAndLeavesTheSite() throws {
        let workspace = try Workspace()
        defer { workspace.folder.remove() }
        _ = workspace.build()
        let before = Self.tree(workspace.output)
        let writer = SiteWriter(output: workspace.output, display: workspace.output.path)
        let lock = try writer.lock()
        let second = workspace.build()
        #expect(second.problems.map(\.description) == [
            "\(workspace.output.path):1:1: error: another descent build is writing \(workspace.output.path) (pid \(getpid())); wait for it to finish, or stop it, then build again.",
        ])
        #expect(!second.succeeded)
        #expect(Self.tree(workspace.output) == before)
        withExtendedLifetime(lock) {}
    }

    @Test func theLockFileGoesWithTheBuild() throws {
        let workspace = try Workspace()
        defer { workspace.folder.remove() }
        #expect(workspace.build().problems.isEmpty)
        #expect(try Self.leftovers(workspace) == [])
        #expect(workspace.build().problems.isEmpty)
    }

    @Test func filesDescentDidNotWriteAreKept() throws {
        let workspace = try Workspace()
        defer { workspace.folder.remove() }
        try workspace.folder.write("<p>About</p>", to: "output/about.html")
        try workspace.folder.write("logo", to: "output/figures/logo.png")
        // What an older Descent left half-written goes.
        try workspace.folder.write("<p>half", to: "output/01-workflow.html.descent-tmp")
        #expect(workspace.build().problems.isEmpty)
        #expect(try Self.leftovers(workspace) == [])
        try workspace.edit { $0.replacingOccurrences(of: "  - {kind: contour, caption: Paths.}\n", with: "") }
        let report = workspace.build()
        // The figure's six files (wide light and dark at 1× and 2×, narrow light and dark at 2×),
        // the six of its background, its data script and the player's, which no page needs now.
        #expect(report.filesRemoved == 14)
        let files = Self.tree(workspace.output)
        #expect(files["about.html"] == Array("<p>About</p>".utf8))
        #expect(files["figures/logo.png"] == Array("logo".utf8))
        #expect(files["figures/01-workflow/bowl-2.png"] == nil)
        let manifest = SiteWriter.manifest(in: workspace.output)
        #expect(manifest.contains("index.html") && !manifest.contains("about.html") && !manifest.contains("figures/logo.png"))
    }

    @Test func anEmptyLessonsFolderIsAnErrorAndKeepsTheSite() throws {
        let workspace = try Workspace()
        defer { workspace.folder.remove() }
        _ = workspace.build()
        let before = Self.tree(workspace.output)
        let empty = workspace.folder.url.appendingPathComponent("empty")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        let report = CourseBuild(options: BuildOptions(lessonsDirectory: empty, outputDirectory: workspace.output)).run()
        #expect(report.problems.map(\.description) == [
            "\(empty.path):1:1: error: the lessons folder has no lessons (files named like `01-first-steps.md`); write one with `descent new \"Title\"`, or give the course's folder with --lessons. The output is left as it was.",
        ])
        #expect(Self.tree(workspace.output) == before)
    }

    @Test func aLessonNamedLikeAFileOfTheSiteIsAnError() throws {
        let workspace = try Workspace()
        defer { workspace.folder.remove() }
        try workspace.folder.write("---\ntitle: Not the index\n---\n\nText.\n", to: "lessons/index.md")
        try workspace.folder.write("---\ntitle: Assets\n---\n\nText.\n", to: "lessons/Assets.md")
        let report = workspace.build()
        let lessons = workspace.lessons.path
        #expect(report.problems.map(\.description) == [
            "\(lessons)/Assets.md:1:1: error: the file name `Assets.md` is reserved: the site's own `assets` would be overwritten by this lesson's page; rename the lesson, for example to `01-Assets.md`.",
            "\(lessons)/index.md:1:1: error: the file name `index.md` is reserved: the site's own `index` would be overwritten by this lesson's page; rename the lesson, for example to `01-index.md`.",
        ])
        let index = try HTMLDocument.parse(contentsOf: workspace.output.appendingPathComponent("index.html"))
        #expect(index.all(class: "lesson-title").map(\.text) == ["Workflow"])
    }

    @Test func runLabelsThatLookAlikeGetTheirOwnFiles() throws {
        let names = FileNames.runFileNames(["a!", "a?", "a-2", "η = 0.02", "SGD, B = 1", "v1.2.3", "..."])
        #expect(Set(names).count == 7)
        #expect(names[0].hasPrefix("a-") && names[1].hasPrefix("a-") && names[0].count == 10)
        #expect(Array(names[2...]) == ["a-2", "η-0.02", "sgd-b-1", "v1.2.3", "run"])
        // A name depends on its label and the others, not on their order.
        #expect(FileNames.runFileNames(["a?", "a-2", "a!"]) == [names[1], names[2], names[0]])
        let long = String(repeating: "long label ", count: 30)
        let short = FileNames.runFileNames([long])[0]
        #expect(short.utf8.count <= FileNames.maximumBytes)
        #expect(short.hasPrefix("long-label-long-label") && short.hasSuffix("-" + FileNames.shortHash(long)))
    }

    @Test func runsWithLookAlikeAndLongLabelsAllGetDownloads() throws {
        let long = String(repeating: "x", count: 300)
        let lesson = workflowLesson.replacingOccurrences(of: "  - {label: slow, lr: 0.02}\n  - {label: fast, lr: 0.2}", with: """
              - {label: "a!", lr: 0.02}
              - {label: "a?", lr: 0.03}
              - {label: "a-2", lr: 0.04}
              - {label: "\(long)", lr: 0.2}
            """)
        let workspace = try Workspace(lesson: lesson)
        defer { workspace.folder.remove() }
        let report = workspace.build()
        #expect(report.problems.map(\.description) == [])
        let csvs = Self.tree(workspace.output).keys.filter { $0.hasPrefix("data/01-workflow/bowl/") }
        #expect(csvs.count == 4)
        let (_, broken) = try LinkCheck.run(workspace.output, pages: ["index.html", "01-workflow.html"])
        #expect(broken == [])
    }

    @Test func aLinkedOutputFolderStaysALink() throws {
        let workspace = try Workspace()
        defer { workspace.folder.remove() }
        let real = workspace.folder.url.appendingPathComponent("site")
        try FileManager.default.createDirectory(at: real, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(at: workspace.output, withDestinationURL: real)
        #expect(workspace.build().problems.isEmpty)
        try workspace.edit { $0.replacingOccurrences(of: "Some prose.", with: "Other prose.") }
        #expect(workspace.build().problems.isEmpty)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: workspace.output.path) == real.path)
        #expect(FileManager.default.fileExists(atPath: real.appendingPathComponent("01-workflow.html").path))
        #expect(try FileManager.default.contentsOfDirectory(atPath: workspace.folder.url.path).filter { $0.contains("descent-") && $0 != ".descent-cache" } == [])
    }

    @Test func anOutputThatIsAFileIsAnError() throws {
        let workspace = try Workspace()
        defer { workspace.folder.remove() }
        try workspace.folder.write("not a folder", to: "output")
        let report = workspace.build()
        #expect(report.problems.map(\.description) == ["\(workspace.output.path):1:1: error: is a file, not a folder: remove it or choose another --output."])
    }

    @Test func systemErrorsAreSentences() {
        #expect(IOFailure.sentence(errno: EACCES) == "permission denied; make the folder writable (chmod u+w) or choose another folder.")
        #expect(IOFailure.sentence(errno: ENOSPC) == "the disk is full; free some space and build again.")
        #expect(IOFailure.sentence(CocoaError(.fileWriteOutOfSpace)) == "the disk is full; free some space and build again.")
        #expect(!IOFailure.sentence(CocoaError(.fileWriteUnknown)).contains("NSCocoaErrorDomain"))
    }

    @Test func anOnlyBuildKeepsTheOtherPages() throws {
        let workspace = try Workspace()
        defer { workspace.folder.remove() }
        try workspace.folder.write("---\ntitle: Second\n---\n\nText.\n", to: "lessons/02-second.md")
        _ = workspace.build()
        try workspace.edit { $0.replacingOccurrences(of: "Some prose.", with: "Other prose.") }
        let before = Self.tree(workspace.output)
        let report = CourseBuild(options: BuildOptions(lessonsDirectory: workspace.lessons, outputDirectory: workspace.output, only: "01-workflow", cacheDirectory: workspace.cache)).run()
        #expect(report.problems.isEmpty)
        let after = Self.tree(workspace.output)
        #expect(after["02-second.html"] == before["02-second.html"])
        #expect(after["01-workflow.html"] != before["01-workflow.html"])
        #expect(Set(after.keys) == Set(before.keys))
    }
}

extension SiteOutputTests {
    @Test func theLessonsFolderCannotBeTheOutput() throws {
        let workspace = try Workspace()
        defer { workspace.folder.remove() }
        let lessons = workspace.lessons.path
        let report = workspace.build(output: workspace.lessons)
        #expect(report.problems.map(\.description) == [
            "\(lessons):1:1: error: cannot be the output folder: it holds the lessons folder, and a build replaces its output folder as a whole; choose a folder of its own for the site, such as `output`.",
        ])
        #expect(try FileManager.default.contentsOfDirectory(atPath: lessons) == ["01-workflow.md"])
    }

    @Test func aFolderNamedLikeALessonIsAnErrorAtItsStart() throws {
        let workspace = try Workspace()
        defer { workspace.folder.remove() }
        try FileManager.default.createDirectory(at: workspace.lessons.appendingPathComponent("02-notes.md"), withIntermediateDirectories: true)
        let report = workspace.build()
        #expect(report.problems.map(\.description) == [
            "\(workspace.lessons.path)/02-notes.md:1:1: error: is a folder, not a lesson file; rename it so that its name does not end in `.md`.",
        ])
    }
}

extension SiteOutputTests {
    @Test func anOutputFolderInFoldersThatDoNotExistYetIsMade() throws {
        let workspace = try Workspace()
        defer { workspace.folder.remove() }
        let deep = workspace.folder.url.appendingPathComponent("a/b/site")
        #expect(workspace.build(output: deep).problems.isEmpty)
        #expect(FileManager.default.fileExists(atPath: deep.appendingPathComponent("index.html").path))
        #expect(try FileManager.default.contentsOfDirectory(atPath: deep.deletingLastPathComponent().path) == ["site"])
    }
}

extension SiteOutputTests {
    @Test func anOnlyBuildKilledBeforeTheSwapLeavesTheOldSite() throws {
        let workspace = try Workspace()
        defer { workspace.folder.remove() }
        _ = workspace.build()
        let old = Self.tree(workspace.output)
        try workspace.edit { $0.replacingOccurrences(of: "Some prose.", with: "Other prose.") }
        var options = BuildOptions(lessonsDirectory: workspace.lessons, outputDirectory: workspace.output, only: "01-workflow", cacheDirectory: workspace.cache)
        options.interruption = { if $0 == .staged { throw Interrupted() } }
        #expect(!CourseBuild(options: options).run().succeeded)
        #expect(Self.tree(workspace.output) == old)
        options.interruption = nil
        #expect(CourseBuild(options: options).run().problems.isEmpty)
        #expect(Self.tree(workspace.output)["01-workflow.html"] != old["01-workflow.html"])
        #expect(try Self.leftovers(workspace) == [])
    }

    @Test func aStagedFileIsNamedAsTheOutputFileItBecomes() {
        let writer = SiteWriter(output: URL(fileURLWithPath: "/tmp/course/out"), display: "out")
        #expect(writer.shown("/tmp/course/.out.descent-new/figures/a.png") == "out/figures/a.png")
        #expect(writer.shown("/tmp/course/out/index.html") == "out/index.html")
    }
}
