import Foundation
@testable import Training

/// Trains with the defaults tests use most.
func train(
    _ problem: some TrainingProblem, from initial: [Double], _ rule: Optimizer.Rule, lr: Double,
    batch: TrainingConfiguration.BatchSize = .full, budget: TrainingConfiguration.Budget, seed: UInt64 = 0
) throws -> TrainingLog {
    try Trainer.train(
        problem, from: initial, optimizer: Optimizer(rule, learningRate: lr),
        configuration: TrainingConfiguration(batch: batch, budget: budget, seed: seed))
}

func rounded(_ value: Double, _ places: Int) -> Double {
    let scale = pow(10, Double(places))
    return (value * scale).rounded() / scale
}

/// The sigmoid neuron of the source articles: two points, half squared error summed.
func sourceNeuron() throws -> SupervisedProblem<LinearModel> {
    let data = try DataSource.points(features: [[0.5], [2.5]], targets: [0.2, 0.9], classification: false).make(seed: 0)
    return try SupervisedProblem(model: LinearModel(kind: .sigmoidNeuron, inputs: 1), loss: .halfMSE, reduction: .sum, training: data)
}

/// Units in the last place between two Doubles of the same sign.
func ulps(_ a: Double, _ b: Double) -> UInt64 {
    if a == b { return 0 }
    let x = Int64(bitPattern: a.bitPattern), y = Int64(bitPattern: b.bitPattern)
    return x > y ? UInt64(x - y) : UInt64(y - x)
}

/// Deterministic sample points over [lower, upper]: an even grid plus seeded random points.
func points(_ lower: Double, _ upper: Double, count: Int = 20_000) -> [Double] {
    var random = SeededGenerator(seed: 11)
    let grid = (0...count).map { lower + (upper - lower) * Double($0) / Double(count) }
    return grid + (0..<count).map { _ in random.uniform(lower, upper) }
}
