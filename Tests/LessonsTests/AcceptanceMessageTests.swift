import Foundation
import Testing
@testable import Lessons

/// The messages an outside tester found wrong or missing: each at its position, in one line,
/// never a consequence of another.
@Suite struct AcceptanceMessageTests {
    /// A linear experiment whose `sweep:` is on line 9 (value at column 8) and runs on line 10.
    func swept(_ sweep: String) -> String {
        lesson(experiment: """
            id: s
            model: linear
            data: {kind: linear, n: 20}
            sweep: \(sweep)
            epochs: 3
            runs: [{label: a, lr: 0.1}]
            """)
    }

    @Test func anEmptySweepIsAnErrorAtTheList() {
        #expect(diagnostics(swept("{lr: []}")) == [
            "l.md:9:13: error: `lr` is an empty list, but lr must be a list of at least one learning rate, such as [0.01, 0.1].",
        ])
    }

    @Test func aRepeatedSweepValueIsAnErrorAtTheRepeat() {
        #expect(diagnostics(swept("{lr: [0.1, 0.1, 0.10000000000000001]}")) == [
            "l.md:9:19: error: The sweep of `lr` already holds 0.1 (on line 9); each value gives one run, so list it once.",
            "l.md:9:24: error: The sweep of `lr` already holds 0.1 (on line 9); each value gives one run, so list it once.",
        ])
        #expect(diagnostics(swept("{batch: [8, full, 8]}")) == [
            "l.md:9:26: error: The sweep of `batch` already holds 8 (on line 9); each value gives one run, so list it once.",
        ])
    }

    @Test func anUnknownSweepKeyIsTheOnlyError() {
        #expect(diagnostics(swept("{lrs: [0.1, 0.2]}")) == [
            "l.md:9:9: error: Unknown key `lrs` in sweep; did you mean `lr`? allowed keys: lr, momentum, beta1, beta2, decay, eps, weight_decay, initial_accumulator, warmup, batch, optimizer, bias_correction, amsgrad.",
        ])
    }

    @Test func aDuplicateFigureIDIsReportedAtTheSecondID() {
        let text = lesson(experiment: """
            id: e
            model: linear
            data: {kind: linear, n: 10}
            epochs: 2
            runs: [{label: a, lr: 0.1}]
            figures:
              - {kind: loss, id: lossy}
              - {kind: loss, id: lossy}
            """)
        #expect(diagnostics(text) == [
            "l.md:13:22: error: The figure id `lossy` is already used on line 12; give each figure its own id.",
        ])
    }

    @Test func anEmptyCSVPathSaysSo() {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("descent-empty-path-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let text = lesson(experiment: """
            id: c
            model: linear
            data: {kind: csv, path: "", features: [x], target: y}
            epochs: 2
            runs: [{lr: 0.1}]
            """)
        #expect(diagnostics(text, lessonsRoot: folder, lessonDirectory: folder) == [
            "l.md:8:25: error: `path` is empty, but path must be the CSV file's path relative to the lesson.",
        ])
    }

    @Test func aControlCharacterIsNamedAtItsColumnAndNeverEchoed() {
        let text = "---\ntitle: Ctl \u{1B}[31mred\n---\nx\n"
        #expect(diagnostics(text) == [
            "l.md:2:12: error: A control character (U+001B) is not allowed in YAML; remove it.",
        ])
        let message = Diagnostic(.fileUnreadable(path: "a\u{0}b\u{1B}.csv", problem: "does not exist", advice: "check it"),
                                 at: SourceLocation(file: "l.md", line: 1, column: 1)).description
        #expect(message == "l.md:1:1: error: The file `aU+0000bU+001B.csv` does not exist; check it.")
    }

    @Test func aSecondDocumentInABlockIsNamed() {
        let text = lesson(experiment: "id: m\nmodel: linear\ndata: {kind: linear}\nepochs: 3\nruns: [{label: a}]\n---\nid: n")
        #expect(diagnostics(text) == [
            "l.md:11:1: error: An experiment block holds one YAML document; remove the `---` line.",
        ])
    }

    @Test func deepNestingNamesTheLimit() {
        let deep = String(repeating: "[", count: 2000) + String(repeating: "]", count: 2000)
        let shallow = String(repeating: "[", count: 70) + String(repeating: "]", count: 70)
        let errors = diagnostics(lesson(experiment: "id: d\nmodel: \(deep)"))
        #expect(errors.count == 1)
        #expect(errors.first?.hasPrefix("l.md:7:") == true)
        #expect(errors.first?.hasSuffix("error: The YAML nests deeper than 64 levels, the limit; a spec needs only a few levels of lists and mappings.") == true)
        #expect(diagnostics(lesson(experiment: "id: d\nmodel: \(shallow)")) == [
            "l.md:7:71: error: The YAML nests deeper than 64 levels, the limit; a spec needs only a few levels of lists and mappings.",
        ])
    }

    @Test func longScalarsAreRefusedAtTheirPosition() {
        let label = String(repeating: "a", count: 501)
        #expect(diagnostics(swept("{lr: [0.1]}").replacingOccurrences(of: "label: a,", with: "label: \(label),")) == [
            "l.md:11:16: error: The value of `label` is 501 characters long, more than the limit of 500; shorten it.",
        ])
        let title = "---\ntitle: " + String(repeating: "é", count: 600) + "\n---\nx\n"
        #expect(diagnostics(title) == [
            "l.md:2:8: error: The value of `title` is 600 characters long, more than the limit of 500; shorten it.",
        ])
        let summary = "---\ntitle: T\nsummary: " + String(repeating: "s", count: 10_001) + "\n---\nx\n"
        #expect(diagnostics(summary) == [
            "l.md:3:10: error: The value of `summary` is 10,001 characters long, more than the limit of 10,000; shorten it.",
        ])
        #expect(diagnostics("---\ntitle: " + String(repeating: "t", count: 500) + "\n---\nx\n") == [])
    }

    @Test func aBlockThatGivesNoExperimentIsNeverSilent() {
        // Whatever the reason, a block that parses to nothing must say so.
        #expect(diagnostics(lesson(experiment: "")) != [])
    }
}

@Suite struct QuotedNumberTests {
    @Test func aQuotedNumberIsAnErrorSayingToWriteANumber() {
        #expect(diagnostics(surface(epochs: 10).replacingOccurrences(of: "epochs: 10", with: "epochs: \"7\"")) == [
            "l.md:9:9: error: `epochs` is `7` in quotes, which YAML reads as text, but epochs must be a number written without quotes.",
        ])
    }
}

@Suite struct FileSizeLimitTests {
    /// A folder holding `files`, removed after `body`.
    func withFolder(_ files: [String: Data], _ body: (URL) -> Void) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("descent-size-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for (name, data) in files { FileManager.default.createFile(atPath: folder.appendingPathComponent(name).path, contents: data) }
        body(folder)
    }

    @Test func aLessonOverTheLimitIsRefusedAtItsFirstLine() {
        let prose = Data(("---\ntitle: Big\n---\n" + String(repeating: "word ", count: 800_001)).utf8)
        withFolder(["big.md": prose]) { folder in
            do throws(Diagnostics) {
                _ = try LessonParser.parse(contentsOf: folder.appendingPathComponent("big.md"), displayPath: "big.md")
                Issue.record("a lesson over the size limit parsed")
            } catch {
                #expect(error.all.map(\.description) == [
                    "big.md:1:1: error: The file `big.md` is 4,000,024 bytes, more than the limit of 4,000,000; use a smaller file.",
                ])
            }
        }
    }

    @Test func aCSVOverTheLimitIsRefusedAtItsPath() {
        let csv = Data(("x,y\n" + String(repeating: "1,2\n", count: 1_000_000)).utf8)
        withFolder(["big.csv": csv]) { folder in
            let text = lesson(experiment: """
                id: c
                model: linear
                data: {kind: csv, path: big.csv, features: [x], target: y}
                epochs: 2
                runs: [{lr: 0.1}]
                """)
            #expect(diagnostics(text, lessonsRoot: folder, lessonDirectory: folder) == [
                "l.md:8:25: error: The file `big.csv` is 4,000,004 bytes, more than the limit of 4,000,000; use a smaller file.",
            ])
        }
    }

    @Test func aCourseFileOverTheLimitIsRefused() {
        withFolder(["course.yml": Data(("title: " + String(repeating: "t", count: 4_000_000)).utf8)]) { folder in
            do throws(Diagnostics) {
                _ = try CourseSettings.load(from: folder, displayDirectory: "lessons")
                Issue.record("a course.yml over the size limit was read")
            } catch {
                #expect(error.all.map(\.description) == [
                    "lessons/course.yml:1:1: error: The file `lessons/course.yml` is 4,000,007 bytes, more than the limit of 4,000,000; use a smaller file.",
                ])
            }
        }
    }
}

@Suite struct ClaimsCheckedBeforeTrainingTests {
    @Test func aValidationLossClaimNeedsAValidationSet() {
        let text = lesson(experiment: validExperiment + "\nexpect:\n  - {run: slow, validation_loss: {below: 1}}")
        #expect(diagnostics(text) == [
            "l.md:16:34: error: A claim on `validation_loss` cannot be checked: the experiment has no validation set; add `validation: 0.2` to `data`.",
        ])
    }

    @Test func anAccuracyClaimNeedsAClassifier() {
        let regression = lesson(experiment: """
            id: r
            model: linear
            data: {kind: linear, n: 20}
            epochs: 3
            runs: [{label: a, lr: 0.1}]
            expect:
              - {run: a, accuracy: {above: 0.9}}
            """)
        #expect(diagnostics(regression) == [
            "l.md:12:24: error: A claim on `accuracy` cannot be checked: the model is a regression, which measures no accuracy; claim `final_loss` instead.",
        ])
        let classifier = lesson(experiment: supervisedExperiment + "\nexpect:\n  - {run: Adam, accuracy: {above: 0.5}}\n  - {run: SGD, validation_loss: {below: 9}}")
        #expect(diagnostics(classifier) == [])
    }
}
