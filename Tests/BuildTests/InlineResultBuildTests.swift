import Foundation
import Lessons
import Testing
import TestSupport
@testable import Build

@Suite struct InlineResultBuildTests {
    static let lesson = """
        ---
        title: Numbers
        ---

        ## What it measured

        Gradient descent ends at `{result} bowl: final_loss of gd`, at
        x = `{result} bowl: parameter x of gd` and y = `{result} bowl: parameter y of gd as 2 digits`,
        after `{result} bowl: updates of gd` updates in `{result} bowl: seconds of gd`. At epoch 1
        the loss is `{result} bowl: loss at epoch 1 of gd`; the wild run's final loss is
        `{result} bowl: final_loss of wild`, from step `{result} bowl: diverged_at of wild`.
        Its updates are `{result} bowl: updates of gd / updates of wild as × 2 digits` those of the wild run,
        and the time ratio is `{result} bowl: seconds of gd / seconds of wild as ×`.

        ```experiment
        id: bowl
        model: {kind: surface, function: quadratic, a: 1, b: 2}
        init: {x: -5, y: -2}
        steps: 20
        runs:
          - {label: gd, lr: 0.1}
          - {label: wild, lr: 2}
        figures:
          - {kind: table}
        ```
        """

    @Test func theNumbersTheBuildMeasuredStandInTheProse() throws {
        let folder = try TemporaryFolder()
        let (report, output) = try build(Self.lesson, in: folder)
        #expect(report.problems.isEmpty)
        let page = try HTMLDocument.parse(contentsOf: output.appendingPathComponent("01-kinds.html"))
        let spans = page.all(class: "result")
        // 20 steps of η = 0.1 from (−5, −2) on x² + 2y²: x = −5·0.8²⁰, y = −2·0.6²⁰, f = 0.0033231.
        #expect(spans.prefix(4).map(\.text) == ["0.003323", "−0.05765", "−7.3 × 10⁻⁵", "20"])
        #expect(spans[4].text.hasSuffix(" ms") || spans[4].text.hasSuffix(" s"))
        #expect(spans[4].attributes["title"] == "bowl: seconds of gd")
        // Epoch 1 is one step on a surface: (−4, −1.2) gives 16 + 2·1.44.
        #expect(spans[5].text == "18.88")
        // η = 2 multiplies x by −3 each step: the run diverges, and says so instead of a number.
        #expect(spans[6].text.hasPrefix("[diverged at step "))
        #expect(spans[6].attributes["class"] == "result missing")
        // η = 2 multiplies x by −3 a step; the trainer stops the run at step 4, after 4 updates.
        #expect(spans[6].text == "[diverged at step 4]" && spans[7].text == "4")
        #expect(spans[8].text == "5.0×")
        #expect(spans[9].text.hasSuffix("×"))
    }

    @Test func recordedRatesAndGradientNormsStandInTheProse() throws {
        let lesson = """
            ---
            title: Recorded
            ---

            Rate `{result} bowl: learning_rate at end of gd`, norm `{result} bowl: gradient_norm at start of gd`,
            layer `{result} bowl: layer 1 gradient_norm at start of gd as 3 digits`.

            ```experiment
            id: bowl
            model: {kind: surface, function: quadratic, a: 1, b: 2}
            init: {x: -5, y: -2}
            steps: 20
            runs:
              - {label: gd, lr: 0.1, schedule: {kind: step, every: 10, gamma: 0.5}}
            ```
            """
        let folder = try TemporaryFolder()
        let (report, output) = try build(lesson, in: folder)
        #expect(report.problems.isEmpty)
        let spans = try HTMLDocument.parse(contentsOf: output.appendingPathComponent("01-kinds.html")).all(class: "result")
        // The step schedule halves η = 0.1 after 10 steps; the gradient (2x, 4y) at (−5, −2)
        // is (−10, −8), of norm √164 = 12.806.
        #expect(spans.map(\.text) == ["0.05000", "12.81", "12.8"])
    }

    @Test func anExperimentThatFailedShowsAMarkerNotANumber() throws {
        var prose = try LessonParser.parse(Self.lesson, file: "l.md", slug: "l").prose
        #expect(InlineResults.fill(&prose, results: []).isEmpty)
        #expect(prose.results.allSatisfy { $0.rendered == .missing(marker: "[not measured]", reason: "experiment `bowl` did not build") })
        let html = prose.substitutingSpans(in: "<p>\(Prose.resultPlaceholder(0))</p>", escape: { $0 })
        #expect(html == "<p><span class=\"result missing\" title=\"experiment `bowl` did not build\">[not measured]</span></p>")
    }

    @Test func numbersAreWrittenWithTheirSignificantDigitsAndUnits() {
        #expect(InlineResults.format(0.0033083, unit: .milliseconds, digits: 3) == "3.31 ms")
        #expect(InlineResults.format(9.996, unit: .times, digits: 3) == "10.0×")
        #expect(InlineResults.format(10.03, unit: .times, digits: 2) == "10×")
        #expect(InlineResults.format(0.9751, unit: .percent, digits: 3) == "97.5%")
        #expect(InlineResults.format(-1234.5, unit: nil, digits: 2) == "−1200")
        #expect(InlineResults.format(2.5e-7, unit: .seconds, digits: 2) == "2.5 × 10⁻⁷ s")
        #expect(InlineResults.grouped(4096) == "4096")
        #expect(InlineResults.grouped(40960) == "40\u{202F}960")
        #expect(InlineResults.grouped(1_234_567) == "1\u{202F}234\u{202F}567")
    }

    @Test func aPageThatStatesTimingsIsTheSameOnEveryBuild() throws {
        let folder = try TemporaryFolder()
        let (_, output) = try build(Self.lesson, in: folder)
        let first = try Data(contentsOf: output.appendingPathComponent("01-kinds.html"))
        // No cache: the second build trains again, and keeps the timings stored in output/.
        let (report, _) = try build(Self.lesson, in: folder)
        #expect(report.experimentsTrained == 1)
        let second = try Data(contentsOf: output.appendingPathComponent("01-kinds.html"))
        #expect(first == second)
    }
}
