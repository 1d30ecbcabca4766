import Foundation
import Testing
@testable import Training

/// Warm-up, schedules stepped per epoch or per update, and Adam's teaching switches.
@Suite struct ScheduleAndAdamSwitchTests {
    /// torch's LinearLR(start_factor=1/N, total_iters=N) then the main schedule, whose clock
    /// starts at 0 after the warm-up: η·(1/N + (1 − 1/N)·t/N) for t < N, then main(t − N).
    @Test func warmUpRisesLinearlyFromOneNthThenHandsOverToTheSchedule() throws {
        let constant = try Optimizer(.gd(GradientDescent()), learningRate: 0.4, warmup: 4)
        let rates = (0...5).map { constant.learningRate(at: $0, of: 10) }
        let expected = [0.4 * 0.25, 0.4 * 0.4375, 0.4 * 0.625, 0.4 * 0.8125, 0.4, 0.4]
        for (rate, value) in zip(rates, expected) { #expect(abs(rate - value) < 1e-15) }
        // A cosine over the 6 ticks left after 4 of warm-up: η at tick 4, η/2 at 7, 0 at 10.
        let cosine = try Optimizer(.gd(GradientDescent()), learningRate: 0.4, schedule: .cosine(period: nil, minimum: 0), warmup: 4)
        #expect(abs(cosine.learningRate(at: 0, of: 10) - 0.1) < 1e-15)
        #expect(cosine.learningRate(at: 4, of: 10) == 0.4)
        #expect(abs(cosine.learningRate(at: 7, of: 10) - 0.2) < 1e-15)
        #expect(abs(cosine.learningRate(at: 10, of: 10)) < 1e-15)
        // A step schedule's clock starts after the warm-up: γ first applies at tick N + every.
        let step = try Optimizer(.gd(GradientDescent()), learningRate: 1, schedule: .step(every: 2, gamma: 0.5), warmup: 2)
        #expect((0...6).map { step.learningRate(at: $0, of: 10) } == [0.5, 0.75, 1, 1, 0.5, 0.5, 0.25])
    }

    @Test func withoutWarmUpTheRateIsTheScheduleAlone() throws {
        let optimizer = try Optimizer(.gd(GradientDescent()), learningRate: 0.3, schedule: .exponential(gamma: 0.9))
        for tick in 0..<20 {
            #expect(optimizer.learningRate(at: tick, of: 20) == Schedule.exponential(gamma: 0.9).learningRate(base: 0.3, epoch: tick, epochs: 20))
        }
    }

    @Test func aNegativeWarmUpIsRefused() {
        #expect(throws: TrainingError.invalidValue(name: "warmup", value: "-1", allowed: "a whole number ≥ 0")) {
            try Optimizer(.gd(GradientDescent()), warmup: -1)
        }
    }

    /// gd on f(x, y) = x² + y² from x = 1: each step multiplies x by (1 − 2η_t).
    @Test func theTrainerUsesTheWarmedUpRates() throws {
        let log = try Trainer.train(
            Surface(.quadratic(a: 1, b: 1)), from: [1, 0],
            optimizer: Optimizer(.gd(GradientDescent()), learningRate: 0.2, warmup: 4),
            configuration: TrainingConfiguration(budget: .epochs(5)))
        let rates = [0.2 * 0.25, 0.2 * 0.4375, 0.2 * 0.625, 0.2 * 0.8125, 0.2]
        let x = rates.reduce(1.0) { $0 * (1 - 2 * $1) }
        #expect(abs(log.finalParameters[0] - x) < 1e-15)
    }

    /// Two identical samples (x = 1, y = 1) fitted by w·x + b with ½(ŷ − y)² averaged, in
    /// batches of one: every update is a full gd step, and the residual r = w + b − 1
    /// becomes r·(1 − 2η_t). Per update η halves every update; per epoch, every epoch.
    @Test(arguments: [(Optimizer.ScheduleUnit.update, [0.1, 0.05, 0.025, 0.0125]), (.epoch, [0.1, 0.1, 0.05, 0.05])])
    func aScheduleStepsPerEpochOrPerUpdate(unit: Optimizer.ScheduleUnit, rates: [Double]) throws {
        let data = try DataSource.points(features: [[1], [1]], targets: [1, 1], classification: false).make(seed: 0)
        let problem = try SupervisedProblem(model: LinearModel(kind: .linear, inputs: 1), loss: .halfMSE, reduction: .mean, training: data)
        let log = try Trainer.train(
            problem, from: [0, 0],
            optimizer: Optimizer(.gd(GradientDescent()), learningRate: 0.1, schedule: .exponential(gamma: 0.5), scheduleUnit: unit),
            configuration: TrainingConfiguration(batch: .size(1), budget: .epochs(2)))
        #expect(log.updates == 4)
        let residual = rates.reduce(-1.0) { $0 * (1 - 2 * $1) }
        #expect(abs(log.finalParameters[0] - (1 + residual) / 2) < 1e-15)
        #expect(abs(log.finalParameters[1] - (1 + residual) / 2) < 1e-15)
    }

    /// f(x, y) = x² + y² from (1, 0), η = 0.1: g = 2, m = 0.2, v = 0.004. Corrected, m̂ = 2 and
    /// v̂ = 4, a step of η·2/(2 + ε); uncorrected, a step of η·0.2/(√0.004 + ε) ≈ 3.16·η.
    @Test func adamWithAndWithoutBiasCorrection() throws {
        func run(_ adam: Adam, steps: Int) throws -> Double {
            try train(Surface(.quadratic(a: 1, b: 1)), from: [1, 0], .adam(adam), lr: 0.1, budget: .steps(steps)).finalParameters[0]
        }
        #expect(abs(try run(Adam(), steps: 1) - (1 - 0.1 * 2 / (2 + 1e-8))) < 1e-15)
        #expect(abs(try run(Adam(biasCorrection: false), steps: 1) - (1 - 0.1 * 0.2 / (0.004.squareRoot() + 1e-8))) < 1e-15)
        #expect(rounded(try run(Adam(biasCorrection: false), steps: 1), 9) == 0.683772284)
        // Second step, by hand: x₁ = 0.683772284, g = 1.367544568, m = 0.18 + 0.1·g, v = 0.003996 + 0.001·g².
        #expect(rounded(try run(Adam(biasCorrection: false), steps: 2), 9) == 0.270206069)
        #expect(rounded(try run(Adam(), steps: 2), 9) == 0.800412229)
    }

    @Test func adamEncodesItsBiasCorrectionOnlyWhenSwitchedOff() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let on = String(decoding: try encoder.encode(Adam()), as: UTF8.self)
        #expect(on == #"{"amsgrad":false,"beta1":0.9,"beta2":0.999,"epsilon":1e-08}"#)
        let off = try Adam(biasCorrection: false)
        #expect(try JSONDecoder().decode(Adam.self, from: encoder.encode(off)) == off)
        let optimizer = try Optimizer(.gd(GradientDescent()), learningRate: 0.1, warmup: 3, scheduleUnit: .update)
        #expect(try JSONDecoder().decode(Optimizer.self, from: encoder.encode(optimizer)) == optimizer)
        #expect(!String(decoding: try encoder.encode(Optimizer(.gd(GradientDescent()), learningRate: 0.1)), as: UTF8.self).contains("warmup"))
    }
}
