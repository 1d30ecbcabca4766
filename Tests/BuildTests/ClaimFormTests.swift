import Foundation
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
