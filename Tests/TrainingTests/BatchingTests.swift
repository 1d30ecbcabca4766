import Foundation
import Testing
@testable import Training

/// A problem that records which samples each batch used.
final class CountingProblem: TrainingProblem, @unchecked Sendable {
    let sampleCount: Int
    var batches: [[Int]] = []

    init(samples: Int) { sampleCount = samples }

    var parameterNames: [String] { ["w"] }
    var parameterCount: Int { 1 }
    var workspaceCount: Int { 0 }
    var gradientNoise: Double { 0 }
    var hasValidation: Bool { false }
    var isClassification: Bool { false }

    func lossAndGradient(_ parameters: UnsafePointer<Double>, batch: UnsafeBufferPointer<Int>, gradient: UnsafeMutablePointer<Double>, workspace: UnsafeMutablePointer<Double>) -> Double {
        batches.append(Array(batch))
        gradient[0] = parameters[0]
        return parameters[0] * parameters[0]
    }

    func evaluate(_ parameters: UnsafePointer<Double>, validation: Bool, workspace: UnsafeMutablePointer<Double>) -> Evaluation {
        Evaluation(loss: parameters[0] * parameters[0], accuracy: nil)
    }
}

@Suite struct BatchingTests {
    @Test func tenSamplesInBatchesOfFourMakeThreeUpdatesUsingEachSampleOnce() throws {
        let problem = CountingProblem(samples: 10)
        let log = try train(problem, from: [1], .gd(GradientDescent()), lr: 0.1, batch: .size(4), budget: .epochs(2), seed: 5)
        #expect(log.updates == 6)
        #expect(log.gradientEvaluations == 20)
        // The last batch of full-batch evaluation at the end is not an update batch.
        let updateBatches = Array(problem.batches.prefix(6))
        #expect(updateBatches.map(\.count) == [4, 4, 2, 4, 4, 2])
        for epoch in 0..<2 {
            let used = updateBatches[(epoch * 3)..<(epoch * 3 + 3)].flatMap { $0 }
            #expect(used.sorted() == Array(0..<10))
        }
        let firstEpoch: [Int] = updateBatches[0] + updateBatches[1] + updateBatches[2]
        let secondEpoch: [Int] = updateBatches[3] + updateBatches[4] + updateBatches[5]
        #expect(firstEpoch != secondEpoch)
        #expect(log.epochs.map(\.epoch) == [0, 1, 2])
        let positions: [Double] = [0, 1, 2, 3, 4, 5, 6].map { $0 / 3 }
        #expect(log.trace.epochs == positions)
    }

    @Test func theSameSeedShufflesTheSameWayAndAnotherSeedDoesNot() throws {
        func order(seed: UInt64) throws -> [[Int]] {
            let problem = CountingProblem(samples: 10)
            _ = try train(problem, from: [1], .gd(GradientDescent()), lr: 0.1, batch: .size(3), budget: .epochs(1), seed: seed)
            return problem.batches
        }
        #expect(try order(seed: 1) == order(seed: 1))
        #expect(try order(seed: 1) != order(seed: 2))
    }

    @Test func fullBatchIsOneUpdatePerEpochInOrder() throws {
        let problem = CountingProblem(samples: 5)
        let log = try train(problem, from: [1], .gd(GradientDescent()), lr: 0.1, budget: .epochs(3))
        #expect(log.updates == 3)
        #expect(problem.batches.prefix(3).allSatisfy { $0 == [0, 1, 2, 3, 4] })
    }

    @Test func aStepBudgetStopsMidEpoch() throws {
        let problem = CountingProblem(samples: 10)
        let log = try train(problem, from: [1], .gd(GradientDescent()), lr: 0.1, batch: .size(4), budget: .steps(4))
        #expect(log.updates == 4)
        #expect(log.trace.steps.last == 4)
    }

    @Test func theToleranceStopsARunThatNoLongerMoves() throws {
        let log = try Trainer.train(
            Surface(.quadratic(a: 1, b: 1)), from: [1, 1], optimizer: Optimizer(.gd(GradientDescent()), learningRate: 0.25),
            configuration: TrainingConfiguration(budget: .epochs(1000), tolerance: 1e-6))
        // The loss is 2·0.25^t; it changes by 1.5·0.25^(t−1), below 10⁻⁶ first at t = 12.
        #expect(log.stop == .converged(epoch: 12))
        #expect(log.updates == 12)
    }

    @Test func longRunsAreThinnedKeepingFirstAndLast() throws {
        let log = try Trainer.train(
            Surface(.quadratic(a: 1, b: 1)), from: [1, 1], optimizer: Optimizer(.gd(GradientDescent()), learningRate: 0.001),
            configuration: TrainingConfiguration(budget: .steps(10_000), traceLimit: 1000))
        #expect(log.trace.count == 1001)
        #expect(log.trace.steps.first == 0)
        #expect(log.trace.steps.last == 10_000)
        #expect(log.trace.steps[1] == 10)
        #expect(log.epochs.count == 10_001)
    }

    @Test func surfaceGradientNoiseIsSeeded() throws {
        let noisy = try Surface(.saddle, gradientNoise: 0.1)
        let a = try train(noisy, from: [1, 0], .gd(GradientDescent()), lr: 0.1, budget: .steps(30), seed: 1)
        let b = try train(noisy, from: [1, 0], .gd(GradientDescent()), lr: 0.1, budget: .steps(30), seed: 1)
        let c = try train(noisy, from: [1, 0], .gd(GradientDescent()), lr: 0.1, budget: .steps(30), seed: 2)
        #expect(a.finalParameters == b.finalParameters)
        #expect(a.finalParameters != c.finalParameters)
        // Without noise, y stays exactly on the saddle's ridge.
        let clean = try train(Surface(.saddle), from: [1, 0], .gd(GradientDescent()), lr: 0.1, budget: .steps(30))
        #expect(clean.finalParameters[1] == 0)
        #expect(a.finalParameters[1] != 0)
    }

    @Test func validationAndAccuracyAreReportedPerEpoch() throws {
        let data = try DataSource.blobs(samples: 100, centers: 2, features: 2, spread: 0.5, box: 4).make(seed: 4)
        let (training, validation) = try data.split(validationFraction: 0.2, seed: 4)
        #expect(training.sampleCount == 80)
        #expect(validation.sampleCount == 20)
        let problem = try SupervisedProblem(model: LinearModel(kind: .logistic, inputs: 2), loss: .bce, reduction: .mean, training: training, validation: validation)
        let log = try train(problem, from: [0, 0, 0], .gd(GradientDescent()), lr: 0.5, batch: .size(16), budget: .epochs(20))
        let first = try #require(log.epochs.first)
        let last = try #require(log.epochs.last)
        #expect(abs(first.loss - log2Loss) < 1e-15)
        // At zero weights every logit is 0, which predicts class 1.
        #expect(first.accuracy == Double(training.targets.filter { $0 == 1 }.count) / 80)
        #expect(last.loss < first.loss)
        #expect(last.validationLoss != nil)
        #expect((last.accuracy ?? 0) > 0.8)
        #expect((last.validationAccuracy ?? 0) > 0.8)
    }

    /// bce at zero weights: log 2 per sample.
    var log2Loss: Double { log(2.0) }
}
