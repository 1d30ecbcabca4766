import Foundation
import Testing
@testable import Training

/// What the trainer records beside the loss: the effective learning rate of each update and
/// the gradient's norm per layer.
@Suite struct EffectiveLearningRateTests {
    /// Adagrad on f = x² + y² from (3, 3), η = 0.5, ε = 1e-10: g₀ = 6, s = 36, rate 0.5/(6 + ε),
    /// x₁ = 2.5; g₁ = 5, s = 61, rate 0.5/(√61 + ε), x₂ = 2.5 − 2.5/√61; g₂ = 2x₂, s = 61 + g₂².
    @Test func adagradsRateShrinksAsItsSumOfSquaresGrows() throws {
        let log = try train(Surface(.quadratic(a: 1, b: 1)), from: [3, 3], .adagrad(Adagrad()), lr: 0.5, budget: .steps(3))
        let x2 = 2.5 - 2.5 / 61.0.squareRoot()
        let expected = [0.5 / (6 + 1e-10), 0.5 / (61.0.squareRoot() + 1e-10), 0.5 / ((61 + 4 * x2 * x2).squareRoot() + 1e-10)]
        #expect(log.trace.steps == [0, 1, 2, 3])
        for (record, rate) in expected.enumerated() {
            // ε moves x₁ off 2.5 by 10⁻¹¹ or so; nothing else separates the two.
            #expect(abs(log.trace.learningRates[record] - rate) <= 1e-10 * rate, "record \(record): \(log.trace.learningRates[record]) against \(rate)")
            #expect(log.trace.learningRateLows[record] == log.trace.learningRates[record])
            #expect(log.trace.learningRates(ofParameter: 1)?[record] == log.trace.learningRates[record])
        }
        // The end of the run makes no update: its rate is that of the state the last one left.
        #expect(log.trace.learningRates[3] == log.trace.learningRates[2])
    }

    /// After one step v = (1 − β₂)g² and v̂ = g²: Adam's rate is η/(|g| + ε), whatever β₂.
    @Test func adamsFirstRateIsTheLearningRateOverTheGradientsSize() throws {
        let log = try train(Surface(.quadratic(a: 1, b: 2)), from: [3, 1], .adam(Adam(beta2: 0.99)), lr: 0.1, budget: .steps(1))
        // ∇f(3, 1) = (6, 4).
        #expect(log.trace.learningRates(ofParameter: 0)?.first == 0.1 / (6 + 1e-8))
        #expect(abs((log.trace.learningRates(ofParameter: 1)?.first ?? 0) - 0.1 / (4 + 1e-8)) < 1e-15)
        let mean: Double = (0.1 / 6 + 0.1 / 4) / 2
        #expect(abs(log.trace.learningRates[0] - mean) < 1e-9)
    }

    /// Without bias correction v = (1 − β₂)g² after one step, and nothing scales it back:
    /// the rate is η/(√(1 − β₂)·|g| + ε), ten times larger at β₂ = 0.99.
    @Test func adamWithoutBiasCorrectionStartsWithALargerRate() throws {
        let log = try train(Surface(.quadratic(a: 1, b: 1)), from: [3, 3], .adam(Adam(beta2: 0.99, biasCorrection: false)), lr: 0.1, budget: .steps(1))
        let expected: Double = 0.1 / ((1 - 0.99).squareRoot() * 6 + 1e-8)
        #expect(abs(log.trace.learningRates[0] - expected) < 1e-14)
    }

    /// RMSProp after one step: v = (1 − α)g², so the rate is η/(√(1 − α)·|g| + ε) — ten times
    /// the learning rate over |g| at α = 0.99, the early boost its leaky average gives.
    @Test func rmspropsFirstRateCarriesTheUnwarmedAverage() throws {
        let log = try train(Surface(.quadratic(a: 1, b: 1)), from: [3, 3], .rmsprop(RMSProp()), lr: 0.01, budget: .steps(1))
        let expected: Double = 0.01 / ((1 - 0.99).squareRoot() * 6 + 1e-8)
        #expect(abs(log.trace.learningRates[0] - expected) < 1e-15)
    }

    @Test func gradientDescentAndMomentumRecordTheScheduledRate() throws {
        let optimizer = try Optimizer(.momentum(Momentum(momentum: 0.9)), learningRate: 0.1, schedule: .exponential(gamma: 0.5))
        let log = try Trainer.train(Surface(.quadratic(a: 1, b: 1)), from: [1, 1], optimizer: optimizer, configuration: TrainingConfiguration(budget: .steps(3)))
        // A surface's step is an epoch: η·0.5^e.
        #expect(log.trace.learningRates == [0.1, 0.05, 0.025, 0.025])
        #expect(log.trace.learningRateHighs == log.trace.learningRates)
    }

    @Test func everyRecordHasItsRatesWhenTheTraceIsThinned() throws {
        let optimizer = try Optimizer(.adagrad(Adagrad()), learningRate: 0.1)
        let configuration = try TrainingConfiguration(budget: .steps(50), traceLimit: 7)
        let log = try Trainer.train(Surface(.quadratic(a: 1, b: 3)), from: [2, 1], optimizer: optimizer, configuration: configuration)
        #expect(log.trace.learningRates.count == log.trace.count)
        #expect(log.trace.learningRateLows.count == log.trace.count)
        #expect(log.trace.parameterLearningRates.count == 2 * log.trace.count)
        #expect(log.trace.layerGradientNorms == log.trace.gradientNorms)
    }
}

@Suite struct PercentileTests {
    @Test func anEvenCountInterpolatesAsNumPyDoes() {
        var values = [4.0, 1, 3, 2]
        let band = values.withUnsafeMutableBufferPointer { Percentile.band($0) }
        // np.percentile([4, 1, 3, 2], [10, 50, 90]) = [1.3, 2.5, 3.7]
        #expect(abs(band.low - 1.3) < 1e-12)
        #expect(band.median == 2.5)
        #expect(abs(band.high - 3.7) < 1e-12)
    }

    @Test func anOddCount() {
        var values = [5.0, 1, 9, 3, 7]
        let band = values.withUnsafeMutableBufferPointer { Percentile.band($0) }
        // positions 0.4, 2 and 3.6 of [1, 3, 5, 7, 9]
        #expect(abs(band.low - 1.8) < 1e-12)
        #expect(band.median == 5)
        #expect(abs(band.high - 8.2) < 1e-12)
    }

    @Test func selectionAgreesWithSortingOnSeededVectors() {
        var random = SeededGenerator(seed: 4)
        for count in [1, 2, 3, 10, 101, 1000] {
            // Repeated values as well as distinct ones.
            var values = (0..<count).map { _ in (random.normal() * 4).rounded() / 2 }
            let sorted = values.sorted()
            for percent in [0.0, 10, 37.5, 50, 90, 100] {
                let position = percent / 100 * Double(count - 1)
                let lower = Int(position), fraction = position - Double(lower)
                let expected = fraction > 0 ? sorted[lower] + (sorted[lower + 1] - sorted[lower]) * fraction : sorted[lower]
                let found = values.withUnsafeMutableBufferPointer { Percentile.percentile(percent, of: $0) }
                #expect(abs(found - expected) < 1e-12, "\(percent)th of \(count)")
            }
        }
    }

    @Test func aNaNSortsLast() {
        var values = [Double.nan, 2, 1]
        let median = values.withUnsafeMutableBufferPointer { Percentile.percentile(50, of: $0) }
        #expect(median == 2)
    }
}

@Suite struct LayerGradientNormTests {
    /// The norm of each layer's slice of the gradient, against central differences of the loss.
    @Test func anMLPsLayerNormsMatchFiniteDifferences() throws {
        let data = try DataSource.points(features: [[0.5, -1], [1.5, 0.25], [-0.75, 2]], targets: [0.3, -0.2, 0.8], classification: false).make(seed: 0)
        let problem = try SupervisedProblem(model: MLP(inputs: 2, hidden: [3, 2], outputs: 1, activation: .sigmoid, link: .identity), loss: .mse, reduction: .mean, training: data)
        #expect(problem.layerParameterCounts == [9, 8, 3])
        var random = SeededGenerator(seed: 2)
        let start = (0..<problem.parameterCount).map { _ in random.normal() }
        let log = try train(problem, from: start, .gd(GradientDescent()), lr: 0.1, budget: .steps(1))
        #expect(log.trace.layerCount == 3)
        var offset = 0
        for (layer, size) in [9, 8, 3].enumerated() {
            var squared = 0.0
            for index in offset..<(offset + size) {
                var up = start, down = start
                let h = 1e-5
                up[index] += h
                down[index] -= h
                let derivative = (problem.loss(at: up) - problem.loss(at: down)) / (2 * h)
                squared += derivative * derivative
            }
            let recorded = try #require(log.trace.gradientNorms(ofLayer: layer + 1)?.first)
            #expect(abs(recorded - squared.squareRoot()) < 1e-8 * max(1, recorded), "layer \(layer + 1)")
            offset += size
        }
        let whole = (1...3).compactMap { log.trace.gradientNorms(ofLayer: $0)?.first }.reduce(0) { $0 + $1 * $1 }.squareRoot()
        #expect(abs(whole - log.trace.gradientNorms[0]) < 1e-12)
    }

    @Test func aModelWithoutLayersIsOneLayer() throws {
        let log = try train(sourceNeuron(), from: [-2, -2], .gd(GradientDescent()), lr: 1, budget: .epochs(3))
        #expect(log.trace.layerCount == 1)
        #expect(log.trace.gradientNorms(ofLayer: 1) == log.trace.gradientNorms)
        #expect(log.trace.gradientNorms(ofLayer: 2) == nil)
    }
}
