// Descent's benchmarks: run with `make bench` (release build). Prints one line per measure
// with the target from DESIGN.md §7. Timings are the best of several repetitions.
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
    print(String(format: "%-58@ %9.2f %@  (target ≤ %g %@, %@)", name as NSString, value, unit as NSString, target, unit as NSString, verdict as NSString))
}

let moons = try DataSource.moons(samples: 4096, noise: 0.2).make(seed: 1)
let logistic = try SupervisedProblem(model: LinearModel(kind: .logistic, inputs: 2), loss: .bce, reduction: .mean, training: moons)
let gd = try Optimizer(.gd(GradientDescent()), learningRate: 0.1)

// Logistic regression, batch 256: time per sample-gradient through the whole trainer.
let batchEpochs = 200
let batchTime = try seconds {
    _ = try Trainer.train(logistic, from: [0, 0, 0], optimizer: gd,
                          configuration: TrainingConfiguration(batch: .size(256), budget: .epochs(batchEpochs), seed: 1))
}
// Each epoch also evaluates the full training loss once (one forward pass per sample).
let batchSamples = Double(batchEpochs * moons.sampleCount)
let perSample = batchTime / batchSamples * 1e9
report("logistic, 2 features, batch 256: per sample-gradient", perSample, unit: "ns", target: 5)

// Batch 1: the cost of a step beyond its one sample-gradient.
let stepCount = 400_000
let singleTime = try seconds {
    _ = try Trainer.train(logistic, from: [0, 0, 0], optimizer: gd,
                          configuration: TrainingConfiguration(batch: .size(1), budget: .steps(stepCount), seed: 1))
}
let perStep = singleTime / Double(stepCount) * 1e9
report("logistic, batch 1: step cost beyond the sample-gradient", perStep - perSample, unit: "ns", target: 100)

// MLP 2-16-16-1 with tanh and bce, batch 64.
let mlp = try SupervisedProblem(
    model: MLP(inputs: 2, hidden: [16, 16], outputs: 1, activation: .tanh, link: .sigmoid),
    loss: .bce, reduction: .mean, training: moons)
var random = SeededGenerator(seed: 1)
let mlpStart = mlp.model.defaultInitialization(random: &random)
let mlpEpochs = 20
let mlpTime = try seconds {
    _ = try Trainer.train(mlp, from: mlpStart, optimizer: try Optimizer(.adam(Adam()), learningRate: 0.01),
                          configuration: TrainingConfiguration(batch: .size(64), budget: .epochs(mlpEpochs), seed: 1))
}
report("mlp 2-16-16-1 tanh, batch 64: per sample-gradient", mlpTime / Double(mlpEpochs * moons.sampleCount) * 1e6, unit: "µs", target: 0.5)
