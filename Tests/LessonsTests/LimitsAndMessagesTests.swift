import Foundation
import Testing
@testable import Lessons

/// The diagnostics of `text`, or none when it parses.
func diagnostics(_ text: String, lessonsRoot: URL? = nil, lessonDirectory: URL? = nil) -> [String] {
    do {
        _ = try LessonParser.parse(text, file: "l.md", slug: "l", lessonsRoot: lessonsRoot, lessonDirectory: lessonDirectory)
        return []
    } catch {
        return error.all.map(\.description)
    }
}

/// A logistic regression on `n` moons for `epochs` epochs, with `runs` full-batch runs; its
/// YAML starts on line 6, `epochs:` on line 9.
func moons(n: Int, epochs: Int, runs: Int = 1, figures: String = "[]") -> String {
    lesson(experiment: """
        id: big
        model: logistic
        data: {kind: moons, n: \(n)}
        epochs: \(epochs)
        sweep: {lr: [\((1...runs).map { "0.\($0)" }.joined(separator: ", "))]}
        runs: [{optimizer: gd}]
        figures: \(figures)
        """)
}

/// A quadratic surface trained for `epochs` epochs; `epochs:` is on line 9.
func surface(epochs: Int) -> String {
    lesson(experiment: """
        id: bowl
        model: {kind: surface, function: quadratic}
        init: {x: 1, y: 1}
        epochs: \(epochs)
        runs: [{lr: 0.1}]
        """)
}

@Suite struct LimitsTests {
    @Test func evaluationsAtTheLimitPassAndOneEpochMoreFails() {
        // 2 runs × (499 epochs × 10⁶ gradients + 500 loss passes × 10⁶) = 1.998·10⁹.
        #expect(diagnostics(moons(n: 1_000_000, epochs: 499, runs: 2)) == [])
        #expect(diagnostics(moons(n: 1_000_000, epochs: 500, runs: 2)) == [
            "l.md:9:9: error: This experiment needs 2.002·10⁹ gradient and loss evaluations (2 runs × epochs 500 × 1,000,000 samples, and the loss after every epoch); the limit is 2·10⁹ per experiment. Lower `epochs`, the data's `n` or the number of runs.",
        ])
    }

    @Test func surfacesCountTheirStepsAndRecordedPoints() {
        // One record per epoch plus 2,002 trace records: 197,998 + 2,002 = 200,000.
        #expect(diagnostics(surface(epochs: 197_997)) == [])
        #expect(diagnostics(surface(epochs: 197_998)) == [
            "l.md:9:9: error: This experiment needs 200,001 recorded points per run (one per epoch for 197,998 epochs, plus up to 2,002 steps); the limit is 200,000 per run. Lower `epochs`; on data, larger epochs (more samples, smaller batches) record fewer points.",
        ])
    }

    @Test func contourGridsCountCellsSamplesAndParameters() {
        // 400² cells × 20,833 samples × 3 parameters = 9.99984·10⁹.
        let figure = "[{kind: contour, params: [w1, w2], resolution: 400}]"
        #expect(diagnostics(moons(n: 20_833, epochs: 1, figures: figure)) == [])
        #expect(diagnostics(moons(n: 20_834, epochs: 1, figures: figure)) == [
            "l.md:12:57: error: This experiment needs 1.001·10¹⁰ loss terms for its contour grids (this one: 400 × 400 cells × 20,834 samples × 3 parameters); the limit is 1·10¹⁰ per experiment. Lower `resolution`, the data's `n`, or the number of contour figures.",
        ])
    }

    @Test func stepsCountTenEvaluationsPerParameter() {
        // 224 epochs: 4,490,000 evaluations × 337 + 10 × 2,240,000 steps × (337 + 40) = 9.958·10⁹.
        let network = { (epochs: Int) in
            lesson(experiment: """
                id: net
                model: {kind: mlp, hidden: [16, 16]}
                data: {kind: moons, n: 10000}
                epochs: \(epochs)
                runs: [{optimizer: adam, lr: 0.001, batch: 1}]
                """)
        }
        #expect(diagnostics(network(224)) == [])
        #expect(diagnostics(network(225)) == [
            "l.md:9:9: error: This experiment needs 1.001·10¹⁰ parameter operations (4,510,000 evaluations and 2,250,000 optimizer steps on 337 parameters, a step costing about 10 evaluations); the limit is 1·10¹⁰ per experiment. Lower `epochs`, the data's `n`, the number of runs or the model's size, or use larger batches.",
        ])
    }

    @Test func gradientVarianceCountsTrialsTimesBatchSizes() {
        // (10⁶ + 50 trials × 3·10⁶) × (3 + 10) = 1.963·10⁹.
        #expect(diagnostics(moons(n: 1_000_000, epochs: 1, figures: "[{kind: gradient-variance, trials: 50}]")) == [])
        #expect(diagnostics(moons(n: 1_000_000, epochs: 1, figures: "[{kind: gradient-variance, trials: 51}]")) == [
            "l.md:12:45: error: This experiment needs 2.002·10⁹ gradient terms for a gradient-variance figure (51 trials × 3,000,000 samples over its batch sizes × (3 parameters + 10 for each pick)); the limit is 2·10⁹. Lower `trials`, the batch `sizes` or the data's `n`.",
        ])
    }

    @Test func aHugeNetworkIsRefusedForItsStoredResults() {
        let text = lesson(experiment: """
            id: wide
            model: {kind: mlp, hidden: [1024, 1024, 1024]}
            data: {kind: moons, n: 2}
            epochs: 1
            runs: [{lr: 0.1}, {lr: 0.2}]
            """)
        #expect(diagnostics(text) == [
            "l.md:7:8: error: This experiment needs about 404 MB of stored results (2,103,297 final parameters for each of 2 runs); the limit is 64 MB per experiment. Use a smaller model or fewer runs.",
        ])
    }

    @Test func countsReadAsAuthorsWriteThem() {
        #expect(Limits.format(1_000_000) == "1,000,000")
        #expect(Limits.format(3.1e9) == "3.1·10⁹")
        #expect(Limits.format(2_000_000_000) == "2·10⁹")
        #expect(Limits.format(Double.infinity) == "more than 10³⁰⁸")
    }
}

@Suite struct YAMLGuardTests {
    @Test func anAliasBombIsRefusedBeforeAnythingExpands() {
        var yaml = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for level in 1...30 {
            yaml += "a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ") + "]\n"
        }
        yaml += "? [*a30, *a30]\n: 1\n"
        let problems = diagnostics("---\n" + yaml + "title: t\n---\n")
        #expect(problems.first == "l.md:2:5: error: The anchor `&a0` is not supported in lessons (nor are aliases); remove it and write values out where they are used.")
        #expect(problems.dropFirst() == ["l.md:3:10: error: The alias `*a0` is not supported in lessons; write the value out where it is used.", "l.md:33:3: error: A key here is a list; keys must be plain names such as `id` or `lr`."])
    }

    @Test func messagesSayWhatIsWrongAtTheKey() {
        #expect(diagnostics(lesson(experiment: validExperiment + "\nepochs: 20")) == [
            "l.md:15:1: error: The key `epochs` appears twice in this mapping (first on line 9); keep one of the two.",
        ])
        #expect(diagnostics("---\ntitle: t\n[a]: 1\n---\n") == [
            "l.md:3:1: error: A key here is a list; keys must be plain names such as `id` or `lr`.",
        ])
        #expect(diagnostics("---\ntitle: t\norder: 99999999999999999999\n---\n") == [
            "l.md:3:8: error: `order` is 99999999999999999999, but order must be a whole number from 0 to 1000000.",
        ])
        #expect(diagnostics(lesson(experiment: validExperiment + "\nseed: -1")) == [
            "l.md:15:7: error: `seed` is -1, but seed must be a whole number from 0 to 9223372036854775807.",
        ])
    }

    @Test func crlfAndByteOrderMarksParseLikeNewlines() throws {
        let text = lesson(experiment: validExperiment)
        let crlf = try LessonParser.parse("\u{FEFF}" + text.replacingOccurrences(of: "\n", with: "\r\n"), file: "l.md", slug: "l")
        let plain = try LessonParser.parse(text, file: "l.md", slug: "l")
        #expect(crlf.title == "Test")
        #expect(crlf.experiments == plain.experiments.map { var spec = $0; spec.source = spec.source.replacingOccurrences(of: "\n", with: "\r\n"); return spec } || crlf.experiments.map(\.id) == ["rates"])
        #expect(diagnostics("---\r\ntitle: t\r\norder: x\r\n---\r\n") == [
            "l.md:3:8: error: `order` is x, but order must be a whole number from 0 to 1000000.",
        ])
    }
}

@Suite struct AllProblemsAtOnceTests {
    @Test func aDanglingReferenceIsReportedBesideYAMLErrors() {
        let text = lesson(experiment: validExperiment.replacingOccurrences(of: "lr: 0.01", with: "lr: -1")) + "\n\nSee @fig-nowhere and @fig-rates-1.\n"
        #expect(diagnostics(text) == [
            "l.md:11:38: error: `lr` is -1, but lr must be a number greater than 0.",
            "l.md:17:5: error: `@fig-nowhere` refers to no figure or experiment of this lesson. This lesson has no figures or experiments to refer to.",
        ])
    }

    @Test func aClaimAboutARunWithItsOwnErrorIsNotAnError() {
        let text = lesson(experiment: """
            id: pair
            model: {kind: surface, function: quadratic}
            init: {x: 1, y: 1}
            epochs: 5
            runs:
              - {label: a, lr: 0.1}
              - {label: b, lr: -2}
            expect:
              - {run: a, lower_than: b}
            """)
        #expect(diagnostics(text) == [
            "l.md:12:20: error: `lr` is -2, but lr must be a number greater than 0.",
        ])
    }
}

@Suite struct LessonFilesTests {
    /// A lessons folder with a link `etc -> /etc` and a lesson beside it.
    func folderWithALinkOut() throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("descent-files-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent("etc").path, withDestinationPath: "/etc")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("folder.csv"), withIntermediateDirectories: true)
        return root
    }

    func csvLesson(_ path: String) -> String {
        lesson(experiment: """
            id: table
            model: linear
            data: {kind: csv, path: \(path), features: [a], target: b}
            epochs: 1
            runs: [{lr: 0.1}]
            """)
    }

    @Test func aLinkOutOfTheLessonsFolderIsRefusedWithoutShowingTheFile() throws {
        let root = try folderWithALinkOut()
        defer { try? FileManager.default.removeItem(at: root) }
        let problems = diagnostics(csvLesson("etc/passwd"), lessonsRoot: root, lessonDirectory: root)
        #expect(problems == [
            "l.md:8:25: error: The file `etc/passwd` is outside the lessons folder (a link may point outside it); put the file inside `lessons/` and give its path relative to the lesson.",
        ])
        #expect(!problems.joined().contains("root:"))
    }

    @Test func unreadableFilesAreNamedWithWhatToDo() throws {
        let root = try folderWithALinkOut()
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(diagnostics(csvLesson("missing.csv"), lessonsRoot: root, lessonDirectory: root) == [
            "l.md:8:25: error: The file `missing.csv` does not exist; check the spelling of the path, which is relative to the lesson.",
        ])
        #expect(diagnostics(csvLesson("folder.csv"), lessonsRoot: root, lessonDirectory: root) == [
            "l.md:8:25: error: The file `folder.csv` is a folder, not a file; give the path of a file inside it.",
        ])
    }

    @Test func anUnreadableCourseFileIsNamedNotACocoaCode() throws {
        let root = try folderWithALinkOut()
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root.appendingPathComponent("course.yml"), withIntermediateDirectories: true)
        #expect(throws: Diagnostics.self) { try CourseSettings.load(from: root, displayDirectory: "lessons") }
        do {
            _ = try CourseSettings.load(from: root, displayDirectory: "lessons")
        } catch {
            #expect(error.all.map(\.description) == [
                "lessons/course.yml:1:1: error: The file `lessons/course.yml` is a folder, not a file; give the path of a file inside it.",
            ])
        }
    }
}
