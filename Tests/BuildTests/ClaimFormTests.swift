import Foundation
import Charts
import Lessons
import Testing
@testable import Build

/// The claims at an epoch and on an unbounded loss, checked against trained runs: each
/// failure names what was measured.
@Suite struct ClaimFormTests {
    /// gd on f = x² + 2y² from (−5, −2): after epoch e, x = −5·(1 − 2η)ᵉ and y = −2·(1 − 4η)ᵉ.
    /// At η = 0.1 the loss after epoch 5 is 25·0.8¹⁰ + 8·0.6¹⁰ = 2.7327; at η = 0.01,
    /// 25·0.98¹⁰ + 8·0.96¹⁰ = 25.7349. η = 0.6 diverges; on x² − y² from (1, 0.01) gd escapes.
    static let lesson = """
        ---
        title: Claims
        ---

        ```experiment
        id: bowl
        model: {kind: surface, function: quadratic, a: 1, b: 2}
        init: {x: -5, y: -2}
        epochs: 30
        sweep: {lr: [0.1, 0.01, 0.6]}
        runs: [{optimizer: gd}]
        expect:
          - {run: lr 0.1, loss_at: {epoch: 5, below: 2.74}}
          - {run: lr 0.1, lower_than: {run: lr 0.01, epoch: 5}}
          - {run: lr 0.1, unbounded: false}
          - {run: lr 0.01, loss_at: {epoch: 5, below: 1}}
          - {run: lr 0.01, lower_than: {run: lr 0.1, epoch: 5}}
          - {run: lr 0.1, lower_than: {run: lr 0.01, epoch: 0}}
          - {run: lr 0.6, loss_at: {epoch: 30, above: 1}}
          - {run: lr 0.1, lower_than: {run: lr 0.6, epoch: 30}}
        ```

        ```experiment
        id: saddle
        model: {kind: surface, function: saddle}
        init: {x: 1, y: 0.01}
        epochs: 100
        runs: [{label: gd, lr: 0.1}]
        expect:
          - {run: gd, unbounded: true}
          - {run: gd, unbounded: false}
        ```
        """

    @Test func eachFailedClaimNamesWhatWasMeasured() throws {
        let lesson = try LessonParser.parse(Self.lesson, file: "l.md", slug: "l")
        var failures: [String] = []
        for spec in lesson.experiments {
            let (result, _) = try ExperimentRunner.run(spec, cache: .none, stored: nil)
            failures += ClaimCheck.failures(of: result).map(\.description)
        }
        #expect(failures == [
            "l.md:16:5: error: The claim `lr 0.01`: loss after epoch 5 below 1 does not hold: its loss after epoch 5 is 25.75.",
            "l.md:17:5: error: The claim `lr 0.01`: is lower than `lr 0.1` after epoch 5 does not hold: after epoch 5 its loss is 25.75 and that of `lr 0.1` is 2.733.",
            "l.md:18:5: error: The claim `lr 0.1`: is lower than `lr 0.01` after epoch 0 does not hold: after epoch 0 its loss is 33 and that of `lr 0.01` is 33.",
            // |1 − 4·0.6| = 1.4: 8·1.96ᵉ passes 10⁶ × 33 after epoch 23.
            "l.md:19:5: error: The claim `lr 0.6`: loss after epoch 30 above 1 does not hold: it has no loss after epoch 30; its last evaluated epoch is 23.",
            "l.md:20:5: error: The claim `lr 0.1`: is lower than `lr 0.6` after epoch 30 does not hold: `lr 0.6` has no loss after epoch 30; its last evaluated epoch is 23.",
            // y = 0.01·1.2ᵗ passes 1000 (f below −10⁶) at t = 64.
            "l.md:31:5: error: The claim `gd`: does not fall without bound does not hold: its loss fell without bound at step 64.",
        ])
    }
}

/// A batch-sizes figure over a second swept key: a colour per group and a dash per batch size.
@Suite struct TwoKeyBatchSizesTests {
    @Test func eachCurveIsToldApartAndEachGroupNamedWithoutItsBatch() throws {
        let lesson = try LessonParser.parse("""
            ---
            title: Two keys
            ---

            ```experiment
            id: grid
            model: logistic
            data: {kind: moons, n: 40}
            epochs: 2
            sweep: {momentum: [0, 0.9], batch: [1, full]}
            runs: [{label: Heavy ball, optimizer: momentum, lr: 0.1}]
            figures: [{kind: batch-sizes}]
            ```
            """, file: "l.md", slug: "l")
        let spec = try #require(lesson.experiments.first)
        let (result, _) = try ExperimentRunner.run(spec, cache: .none, stored: nil)
        let chart = FigureBuilder.batchSizesChart(result: result)
        let lines = chart.panels[0].marks.compactMap { mark -> LineMark? in
            if case let .line(line) = mark { return line }
            return nil
        }
        #expect(lines.map { $0.label?.markup } == ["momentum 0, batch 1", "momentum 0, full batch", "momentum 0.9, batch 1", "momentum 0.9, full batch"])
        #expect(lines.map(\.dash) == [[], [6, 3], [], [6, 3]])
        #expect(Set(lines.map(\.color)).count == 2)
        let bars = chart.panels[2].marks.compactMap { mark -> BarMark? in
            if case let .bar(bar) = mark { return bar }
            return nil
        }
        #expect(bars.map { $0.label?.markup } == ["momentum 0", "momentum 0.9"])
    }
}
