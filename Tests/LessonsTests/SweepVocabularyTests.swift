import Foundation
import Testing
import Training
@testable import Lessons

/// Sweeps over any run key and over two keys, warm-up and schedule units, Adam's switches and
/// the claims at an epoch: what they parse to, and each mistake at its position.
@Suite struct SweepVocabularyTests {
    /// A linear experiment whose `sweep:` is on line 9 (value from column 8) and runs on line 10.
    func swept(_ sweep: String, runs: String = "[{label: a, optimizer: momentum, lr: 0.1}]", expect: String = "") -> String {
        lesson(experiment: """
            id: s
            model: linear
            data: {kind: linear, n: 20}
            sweep: \(sweep)
            epochs: 3
            runs: \(runs)
            """ + (expect.isEmpty ? "" : "\nexpect: \(expect)"))
    }

    func spec(_ text: String) throws -> ExperimentSpec {
        try #require(LessonParser.parse(text, file: "l.md", slug: "l").experiments.first)
    }

    @Test func twoKeysGiveTheirProductFirstKeyOuterInWrittenOrder() throws {
        let runs = try spec(swept("{lr: [0.3, 0.1], momentum: [0, 0.5, 0.9]}")).runs
        #expect(runs.map(\.label) == [
            "lr 0.3, momentum 0", "lr 0.3, momentum 0.5", "lr 0.3, momentum 0.9",
            "lr 0.1, momentum 0", "lr 0.1, momentum 0.5", "lr 0.1, momentum 0.9",
        ])
        #expect(runs.map(\.optimizer.learningRate) == [0.3, 0.3, 0.3, 0.1, 0.1, 0.1])
        #expect(runs.map { run -> Double in
            guard case let .momentum(rule) = run.optimizer.rule else { return -1 }
            return rule.momentum
        } == [0, 0.5, 0.9, 0, 0.5, 0.9])
        #expect(runs[4].coordinates == [Sweep.Coordinate(key: "lr", value: .number(0.1)), Sweep.Coordinate(key: "momentum", value: .number(0.5))])
        let sweep = try #require(try spec(swept("{lr: [0.3, 0.1], momentum: [0, 0.5, 0.9]}")).sweep)
        #expect(sweep.keys == ["lr", "momentum"])
        #expect(sweep.axes[0].values == [.number(0.3), .number(0.1)])
    }

    /// The encoded spec is the cache key: coordinates restate the optimizer and batch, so a
    /// swept experiment keeps the key it had before they existed.
    @Test func coordinatesStayOutOfTheEncoding() throws {
        let run = try #require(try spec(swept("{lr: [0.3, 0.1], momentum: [0, 0.5]}")).runs.first)
        var bare = run
        bare.coordinates = []
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        #expect(try encoder.encode(run) == encoder.encode(bare))
        #expect(!run.coordinates.isEmpty)
    }

    @Test func severalRunsAreLabelledByTheirLabelThenTheValues() throws {
        let runs = try spec(swept("{batch: [8, full], warmup: [0, 2]}", runs: "[{label: Adam, optimizer: adam, lr: 0.1}, {optimizer: gd, lr: 0.2}]")).runs
        #expect(runs.map(\.label) == [
            "Adam, batch 8, warmup 0", "Adam, batch 8, warmup 2", "Adam, full batch, warmup 0", "Adam, full batch, warmup 2",
            "gd, lr 0.2, batch 8, warmup 0", "gd, lr 0.2, batch 8, warmup 2", "gd, lr 0.2, full batch, warmup 0", "gd, lr 0.2, full batch, warmup 2",
        ])
        #expect(runs.map(\.batch) == [.size(8), .size(8), .full, .full, .size(8), .size(8), .full, .full])
        #expect(runs.map(\.optimizer.warmup) == [0, 2, 0, 2, 0, 2, 0, 2])
    }

    @Test func theOptimizerItselfIsSwept() throws {
        let runs = try spec(swept("{optimizer: [adam, rmsprop], eps: [1e-8, 0.1]}", runs: "[{lr: 0.01}]")).runs
        #expect(runs.map(\.optimizer.rule.name) == ["adam", "adam", "rmsprop", "rmsprop"])
        #expect(runs.map(\.label) == ["adam, eps 1e-08", "adam, eps 0.1", "rmsprop, eps 1e-08", "rmsprop, eps 0.1"])
    }

    @Test func adamsSwitchesAreSwept() throws {
        let runs = try spec(swept("{bias_correction: [true, false], amsgrad: [false, true]}", runs: "[{optimizer: adam, lr: 0.1}]")).runs
        #expect(runs.map(\.label) == [
            "bias_correction true, amsgrad false", "bias_correction true, amsgrad true",
            "bias_correction false, amsgrad false", "bias_correction false, amsgrad true",
        ])
        #expect(runs.map { run -> [Bool] in
            guard case let .adam(adam) = run.optimizer.rule else { return [] }
            return [adam.biasCorrection, adam.amsgrad]
        } == [[true, false], [true, true], [false, false], [false, true]])
    }

    @Test func aSweptKeyOfAnotherOptimizerIsAnErrorAtTheSweepKey() {
        #expect(diagnostics(swept("{beta1: [0.8, 0.9]}")) == [
            "l.md:9:9: error: `beta1` does not apply to momentum; it is a hyper-parameter of adam.",
        ])
        #expect(diagnostics(swept("{optimizer: [nesterov, adam]}", runs: "[{momentum: 0.5}]")) == [
            "l.md:9:9: error: `momentum` does not apply to adam; it is a hyper-parameter of momentum, nesterov, rmsprop.",
        ])
    }

    @Test func aSweptValueTheOptimizerRefusesIsAnErrorAtTheValueOnce() {
        #expect(diagnostics(swept("{momentum: [0.5, 1]}", runs: "[{label: a, optimizer: momentum}, {label: b, optimizer: nesterov}]")) == [
            "l.md:9:25: error: `momentum` is 1, but momentum must be at least 0 and less than 1.",
        ])
    }

    @Test func aThirdKeyIsAnErrorSayingAtMostTwo() {
        #expect(diagnostics(swept("{lr: [0.1], momentum: [0.5], batch: [1, 2]}")) == [
            "l.md:9:37: error: `batch` is a third swept key, but batch must be left out: a sweep repeats the runs over at most two keys (their Cartesian product); sweep the others in another experiment.",
        ])
    }

    @Test func aRepeatedValueOfEitherKeyIsAnErrorAtTheRepeat() {
        #expect(diagnostics(swept("{lr: [0.1, 0.2], momentum: [0.9, 0.90]}")) == [
            "l.md:9:41: error: The sweep of `momentum` already holds 0.9 (on line 9); each value gives one run, so list it once.",
        ])
        #expect(diagnostics(swept("{optimizer: [adam, adam]}")) == [
            "l.md:9:27: error: The sweep of `optimizer` already holds adam (on line 9); each value gives one run, so list it once.",
        ])
    }

    @Test func aBatchSizesFigureNeedsBatchAsTheSecondKey() {
        let figure = "\nfigures: [{kind: batch-sizes}]"
        #expect(diagnostics(swept("{batch: [1, full], lr: [0.1, 0.2]}", expect: "[]" + figure)) == [
            "l.md:13:18: error: A `batch-sizes` figure compares batch sizes; add `sweep: {batch: [1, 8, 32, full]}` to the experiment (with two swept keys, `batch` second).",
        ])
        #expect(diagnostics(swept("{lr: [0.1, 0.2], batch: [1, full]}", expect: "[]" + figure)) == [])
    }

    @Test func theLimitsCountTheProduct() {
        // 40 learning rates × 3 batch sizes: the limits count 120 runs.
        let text = lesson(experiment: """
            id: big
            model: logistic
            data: {kind: moons, n: 100000}
            epochs: 100
            sweep: {lr: [\((1...40).map { "\(Double($0) / 1000)" }.joined(separator: ", "))], batch: [\((1...3).map(String.init).joined(separator: ", "))]}
            runs: [{optimizer: gd}]
            """)
        let messages = diagnostics(text)
        #expect(messages.count == 1)
        #expect(messages.first?.contains("120 runs") == true)
    }

    @Test func warmUpScheduleUnitAndAdamSwitchesParse() throws {
        let runs = try spec(swept("{lr: [0.1]}", runs: "[{optimizer: adam, warmup: 5, bias_correction: false, amsgrad: true, schedule: {kind: cosine, per: update}}]")).runs
        let optimizer = try #require(runs.first?.optimizer)
        #expect(optimizer.warmup == 5)
        #expect(optimizer.scheduleUnit == .update)
        #expect(optimizer.schedule == .cosine(period: nil, minimum: 0))
        guard case let .adam(adam) = optimizer.rule else { Issue.record("not adam"); return }
        #expect(!adam.biasCorrection && adam.amsgrad)
    }

    @Test func scheduleAndAdamMistakesAreErrorsAtTheirKeys() {
        #expect(diagnostics(swept("{lr: [0.1]}", runs: "[{optimizer: gd, bias_correction: false}]")) == [
            "l.md:11:24: error: `bias_correction` does not apply to gd; it is a hyper-parameter of adam.",
        ])
        #expect(diagnostics(swept("{lr: [0.1]}", runs: "[{schedule: {kind: step, every: 0, gamma: 0.5, per: update}}]")) == [
            "l.md:11:39: error: `every` is 0, but every must be a whole number of updates from 1 to 1000000.",
        ])
        #expect(diagnostics(swept("{lr: [0.1]}", runs: "[{schedule: {kind: constant, per: batch}}]")) == [
            "l.md:11:41: error: `per` is `batch`, but per must be one of epoch, update.",
        ])
        #expect(diagnostics(swept("{lr: [0.1]}", runs: "[{warmup: -1}]")) == [
            "l.md:11:17: error: `warmup` is -1, but warmup must be a whole number of epochs (or updates, with the schedule's `per: update`) from 0 to 1000000.",
        ])
    }

    @Test func claimsAtAnEpochAndOnUnboundedParse() throws {
        let claims = try spec(swept("{lr: [0.1, 0.2]}", runs: "[{optimizer: gd}]", expect: """
            [{run: lr 0.1, lower_than: {run: lr 0.2, epoch: 2}}, {run: lr 0.1, lower_than: lr 0.2}, {run: lr 0.2, loss_at: {epoch: 0, above: 0.5}}]
            """)).claims
        #expect(claims.map(\.check) == [
            .lowerThanAt(run: "lr 0.2", epoch: 2), .lowerThan(run: "lr 0.2"), .lossAt(epoch: 0, bound: .above(0.5)),
        ])
        let saddle = lesson(experiment: """
            id: s
            model: {kind: surface, function: saddle}
            init: {x: 1, y: 0.01}
            epochs: 3
            runs: [{label: gd, lr: 0.1}]
            expect: [{run: gd, unbounded: true}]
            """)
        #expect(try spec(saddle).claims.map(\.check) == [.unbounded(true)])
    }

    @Test func claimMistakesAreErrorsAtTheirPosition() {
        #expect(diagnostics(swept("{lr: [0.1, 0.2]}", runs: "[{optimizer: gd}]", expect: "[{run: lr 0.1, loss_at: {epoch: 4, below: 1}}]")) == [
            "l.md:12:41: error: `epoch` is 4, but epoch must be a whole number of epochs from 0 (the start) to 3 (the experiment's `epochs`).",
        ])
        #expect(diagnostics(swept("{lr: [0.1, 0.2]}", runs: "[{optimizer: gd}]", expect: "[{run: lr 0.1, loss_at: {epoch: 2}}]")) == [
            "l.md:12:33: error: `loss_at` is a bound with neither `below` nor `above`, but loss_at must be one of `{epoch: 5, below: x}` or `{epoch: 5, above: x}`.",
        ])
        #expect(diagnostics(swept("{lr: [0.1, 0.2]}", runs: "[{optimizer: gd}]", expect: "[{run: lr 0.1, lower_than: {run: lr 0.3, epoch: 1}}]")) == [
            "l.md:12:42: error: There is no run labelled `lr 0.3`; did you mean `lr 0.1`? the runs are `lr 0.1`, `lr 0.2`.",
        ])
        #expect(diagnostics(swept("{lr: [0.1, 0.2]}", runs: "[{optimizer: gd}]", expect: "[{run: lr 0.1, unbounded: false}]")) == [
            "l.md:12:35: error: A claim on `unbounded` cannot be checked: only a surface's loss can fall without bound, and this model's loss is never below 0; claim `diverged` or `final_loss` instead.",
        ])
        #expect(diagnostics(swept("{lr: [0.1, 0.2]}", runs: "[{optimizer: gd}]", expect: "[{run: lr 0.1, lower_than: {epoch: 1}}]")) == [
            "l.md:12:36: error: Lower_than needs the key `run`.",
        ])
    }
}
