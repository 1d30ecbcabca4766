// Descent's benchmarks: run with `make bench` (release build). Prints one line per measure
// with the target from DESIGN.md §7. Each timing is the best of five repetitions.
import Foundation
import Training

func seconds(_ body: () throws -> Void) rethrows -> Double {
    let clock = ContinuousClock()
    var best = Double.infinity
    for _ in 0..<5 {
        let start = clock.now
        try body()
        let elapsed = clock.now - start
        best = min(best, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
    }
    return best
}

func report(_ name: String, _ value: Double, unit: String, target: Double) {
    let verdict = value <= target ? "ok" : "over target"
    print(String(format: "%-62@ %9.2f %@  (target ≤ %g %@, %@)", name as NSString, value, unit as NSString, target, unit as NSString, verdict as NSString))
}

/// Time per sample of `problem.lossAndGradient` over consecutive batches of `batchSize`,
/// `passes` times through the data: the cost of one sample-gradient, loss included.
func sampleGradientCost(_ problem: some TrainingProblem, at parameters: [Double], batchSize: Int, passes: Int) -> Double {
    let samples = problem.sampleCount
    let order = Array(0..<samples)
    var gradient = [Double](repeating: 0, count: problem.parameterCount)
    var workspace = [Double](repeating: 0, count: max(1, problem.workspaceCount))
    var sink = 0.0
    let time = seconds {
        parameters.withUnsafeBufferPointer { point in
            order.withUnsafeBufferPointer { indices in
                gradient.withUnsafeMutableBufferPointer { g in
                    workspace.withUnsafeMutableBufferPointer { w in
                        for _ in 0..<passes {
                            var start = 0
                            while start < samples {
                                let end = min(start + batchSize, samples)
                                sink += problem.lossAndGradient(
                                    point.baseAddress!, batch: UnsafeBufferPointer(rebasing: indices[start..<end]),
                                    gradient: g.baseAddress!, workspace: w.baseAddress!)
                                start = end
                            }
                        }
                    }
                }
            }
        }
    }
    precondition(sink.isFinite)
    return time / Double(passes * samples)
}

let moons = try DataSource.moons(samples: 4096, noise: 0.2).make(seed: 1)
let logistic = try SupervisedProblem(model: LinearModel(kind: .logistic, inputs: 2), loss: .bce, reduction: .mean, training: moons)

// Logistic regression on 2 features, bce, batches of 256.
let logisticCost = sampleGradientCost(logistic, at: [0.3, -0.2, 0.1], batchSize: 256, passes: 500)
report("logistic, 2 features, batch 256: per sample-gradient", logisticCost * 1e9, unit: "ns", target: 5)

// Batch 1 through the whole trainer: what a step costs beyond its one sample-gradient. The
// trainer also evaluates the full training loss once per epoch (one forward pass per sample),
// which at batch 1 is one more sample-loss per step; it is counted in the step's cost.
let stepCount = 409_600
let singleTime = try seconds {
    _ = try Trainer.train(
        logistic, from: [0, 0, 0], optimizer: try Optimizer(.gd(GradientDescent()), learningRate: 0.1),
        configuration: TrainingConfiguration(batch: .size(1), budget: .steps(stepCount), seed: 1))
}
let perStep = singleTime / Double(stepCount)
report("logistic, batch 1, trainer: step cost beyond the sample-gradient", (perStep - logisticCost) * 1e9, unit: "ns", target: 100)

// MLP 2-16-16-1, tanh, bce, batches of 64.
let mlp = try SupervisedProblem(
    model: MLP(inputs: 2, hidden: [16, 16], outputs: 1, activation: .tanh, link: .sigmoid),
    loss: .bce, reduction: .mean, training: moons)
var random = SeededGenerator(seed: 1)
let mlpStart = mlp.model.defaultInitialization(random: &random)
let mlpCost = sampleGradientCost(mlp, at: mlpStart, batchSize: 64, passes: 20)
report("mlp 2-16-16-1 tanh, batch 64: per sample-gradient", mlpCost * 1e6, unit: "µs", target: 0.5)

// The same MLP trained with Adam through the trainer, per sample (epoch evaluations included).
let mlpEpochs = 20
let mlpTime = try seconds {
    _ = try Trainer.train(
        mlp, from: mlpStart, optimizer: try Optimizer(.adam(Adam()), learningRate: 0.01),
        configuration: TrainingConfiguration(batch: .size(64), budget: .epochs(mlpEpochs), seed: 1))
}
report("mlp 2-16-16-1 tanh, Adam, batch 64, trainer: per sample", mlpTime / Double(mlpEpochs * moons.sampleCount) * 1e6, unit: "µs", target: 1)
