import Foundation
import Testing
@testable import Training

@Suite struct GradientDescentTests {
    /// On f = a·x² + b·y², one gd step multiplies x by (1 − 2ηa) and y by (1 − 2ηb), so
    /// x_t = (1 − 2ηa)^t · x₀: the closed form the iterates must follow.
    @Test(arguments: [(1.0, 2.0, 0.1), (0.5, 3.0, 0.05), (2.0, 0.25, 0.2)])
    func quadraticIteratesFollowTheClosedForm(a: Double, b: Double, learningRate: Double) throws {
        let log = try train(Surface(.quadratic(a: a, b: b)), from: [-5, -2], .gd(GradientDescent()), lr: learningRate, budget: .steps(25))
        #expect(log.stop == nil)
        #expect(log.trace.steps == Array(0...25))
        #expect(log.updates == 25)
        for record in 0..<log.trace.count {
            let t = Double(log.trace.steps[record])
            let x = pow(1 - 2 * learningRate * a, t) * -5
            let y = pow(1 - 2 * learningRate * b, t) * -2
            let point = log.trace.parameters(at: record)
            #expect(abs(point[point.startIndex] - x) <= 1e-12 * max(1, abs(x)))
            #expect(abs(point[point.startIndex + 1] - y) <= 1e-12 * max(1, abs(y)))
            #expect(abs(log.trace.losses[record] - (a * x * x + b * y * y)) <= 1e-12 * max(1, log.trace.losses[record]))
        }
    }

    @Test func twentyStepsOnTheEllipticBowl() throws {
        // f(x, y) = x² + 2y² from (−5, −2), η = 0.1: (0.8²⁰·−5, 0.6²⁰·−2).
        let log = try train(Surface(.quadratic(a: 1, b: 2)), from: [-5, -2], .gd(GradientDescent()), lr: 0.1, budget: .steps(20))
        #expect(rounded(log.finalParameters[0], 6) == -0.057646)
        #expect(rounded(log.finalParameters[1], 6) == -0.000073)
    }

    @Test func theSourceArticlesSigmoidNeuron() throws {
        // x = [0.5, 2.5], y = [0.2, 0.9], ½(ŷ − y)² summed, w = b = −2, full-batch gd, η = 1.
        let neuron = try sourceNeuron()
        let hundred = try train(neuron, from: [-2, -2], .gd(GradientDescent()), lr: 1, budget: .epochs(100))
        #expect(rounded(hundred.finalParameters[0], 5) == 1.00299)
        #expect(rounded(hundred.finalParameters[1], 5) == -1.05079)
        #expect(rounded(try #require(hundred.finalLoss), 6) == 0.017741)
        #expect(hundred.epochs.last?.loss == hundred.finalLoss)
        let thousand = try train(neuron, from: [-2, -2], .gd(GradientDescent()), lr: 1, budget: .epochs(1000))
        #expect(rounded(thousand.finalParameters[0], 5) == 1.79172)
        #expect(rounded(thousand.finalParameters[1], 5) == -2.28212)
    }

    @Test func gradientNormIsRecordedBeforeEachUpdate() throws {
        let log = try train(Surface(.quadratic(a: 1, b: 2)), from: [3, 1], .gd(GradientDescent()), lr: 0.1, budget: .steps(1))
        // ∇f(3, 1) = (6, 4).
        #expect(log.trace.gradientNorms[0] == (36.0 + 16.0).squareRoot())
        #expect(log.trace.losses[0] == 11)
    }

    @Test func tooLargeALearningRateIsReportedAsDivergedAtItsStep() throws {
        // η = 1.1 on x²: each step multiplies x by 1 − 2.2 = −1.2 and the loss by 1.44, which
        // passes 10⁶ times its start at step 38, since 1.44³⁷ < 10⁶ < 1.44³⁸.
        let log = try train(Surface(.quadratic(a: 1, b: 0)), from: [3, 0], .gd(GradientDescent()), lr: 1.1, budget: .steps(200))
        #expect(log.stop == .diverged(step: 38))
        #expect(log.divergedAtStep == 38)
        #expect(log.updates == 38)
        #expect(log.trace.steps.last == 38)
        let expected: Double = 9 * pow(1.44, 38.0)
        #expect(abs((log.trace.losses.last ?? 0) - expected) <= 1e-12 * expected)
    }

    @Test func theSaddleIsReportedUnboundedBelowNotCrashed() throws {
        let log = try train(Surface(.saddle), from: [1, 0.5], .gd(GradientDescent()), lr: 0.1, budget: .steps(500))
        // y grows by 1.2 per step while x shrinks; −y² passes −10⁶ once 0.25·1.44^t > 10⁶,
        // that is at t = 42 (1.44⁴¹ < 4·10⁶ < 1.44⁴²).
        #expect(log.stop == .unboundedBelow(step: 42))
        #expect(log.unboundedAtStep == 42)
        #expect(log.divergedAtStep == nil)
    }

    @Test func theSameRunGivesTheSameLog() throws {
        let problem = try SupervisedProblem(
            model: LinearModel(kind: .logistic, inputs: 2), loss: .bce, reduction: .mean,
            training: DataSource.moons(samples: 50, noise: 0.2).make(seed: 3))
        var first = try train(problem, from: [0, 0, 0], .adam(Adam()), lr: 0.05, batch: .size(8), budget: .epochs(5), seed: 11)
        let second = try train(problem, from: [0, 0, 0], .adam(Adam()), lr: 0.05, batch: .size(8), budget: .epochs(5), seed: 11)
        first.seconds = second.seconds
        #expect(first == second)
        let other = try train(problem, from: [0, 0, 0], .adam(Adam()), lr: 0.05, batch: .size(8), budget: .epochs(5), seed: 12)
        #expect(other.finalParameters != first.finalParameters)
    }
}

@Suite struct FirstStepTests {
    /// One step from θ = (1, −2) on f = x² + y², whose gradient there is g = (2, −4).
    func firstStep(_ rule: Optimizer.Rule, lr: Double) throws -> [Double] {
        try train(Surface(.quadratic(a: 1, b: 1)), from: [1, -2], rule, lr: lr, budget: .steps(1)).finalParameters
    }

    @Test func gradientDescent() throws {
        let expected: [Double] = [0.8, -1.6]
        #expect(try firstStep(.gd(GradientDescent()), lr: 0.1) == expected)
    }

    @Test func momentumStartsWithTheGradientAsBuffer() throws {
        let expected: [Double] = [1 - 0.1 * 2, -2 + 0.1 * 4]
        #expect(try firstStep(.momentum(Momentum(momentum: 0.9)), lr: 0.1) == expected)
    }

    @Test func nesterovLooksAheadByMomentumTimesTheBuffer() throws {
        // u = g + μ·b with b = g: (1 + μ)·g.
        let θ = try firstStep(.momentum(Momentum(momentum: 0.9, nesterov: true)), lr: 0.1)
        let g: [Double] = [2, -4]
        #expect(θ[0] == 1 - 0.1 * (g[0] + 0.9 * g[0]))
        #expect(θ[1] == -2 - 0.1 * (g[1] + 0.9 * g[1]))
    }

    @Test func momentumSecondStepUsesTheBuffer() throws {
        // b₁ = g₁ = (2, −4); θ₁ = (0.8, −1.6); g₂ = (1.6, −3.2); b₂ = 0.9·b₁ + g₂ = (3.4, −6.8).
        let log = try train(Surface(.quadratic(a: 1, b: 1)), from: [1, -2], .momentum(Momentum(momentum: 0.9)), lr: 0.1, budget: .steps(2))
        #expect(abs(log.finalParameters[0] - (0.8 - 0.34)) < 1e-15)
        #expect(abs(log.finalParameters[1] - (-1.6 + 0.68)) < 1e-15)
    }

    @Test func adagradFirstStepIsLearningRateTimesSign() throws {
        // s = g², step = η·g / (|g| + ε) ≈ η·sign(g).
        let θ = try firstStep(.adagrad(Adagrad()), lr: 0.5)
        #expect(θ[0] == 1 - 0.5 * 2 / (2 + 1e-10))
        #expect(θ[1] == -2 + 0.5 * 4 / (4 + 1e-10))
    }

    @Test func rmspropFirstStepIsTenTimesLearningRateTimesSign() throws {
        // v = 0.01·g², √v = 0.1·|g|: step = η·g / (0.1·|g| + ε) ≈ 10·η·sign(g).
        let θ = try firstStep(.rmsprop(RMSProp()), lr: 0.01)
        #expect(θ[0] == 1 - 0.01 * 2 / ((0.01 * 4).squareRoot() + 1e-8))
        #expect(θ[1] == -2 + 0.01 * 4 / ((0.01 * 16).squareRoot() + 1e-8))
        #expect(abs(θ[0] - (1 - 0.1)) < 1e-7)
        #expect(abs(θ[1] - (-2 + 0.1)) < 1e-7)
    }

    @Test func adamFirstStepIsLearningRateTimesSign() throws {
        // Bias correction makes m̂ = g and v̂ = g²: step = η·g / (|g| + ε) ≈ η·sign(g).
        let θ = try firstStep(.adam(Adam()), lr: 0.1)
        #expect(abs(θ[0] - 0.9) < 1e-9)
        #expect(abs(θ[1] - (-1.9)) < 1e-9)
    }

    @Test func weightDecayAddsLambdaTheta() throws {
        let log = try Trainer.train(
            Surface(.quadratic(a: 1, b: 1)), from: [1, -2],
            optimizer: Optimizer(.gd(GradientDescent()), learningRate: 0.1, weightDecay: 0.5),
            configuration: TrainingConfiguration(budget: .steps(1)))
        // g + λθ = (2 + 0.5, −4 − 1).
        let expected: [Double] = [0.75, -1.5]
        #expect(log.finalParameters == expected)
    }

    @Test func torchDefaults() throws {
        #expect(try Optimizer(.adam(Adam())).learningRate == 0.001)
        #expect(try Optimizer(.rmsprop(RMSProp())).learningRate == 0.01)
        #expect(try Optimizer(.adagrad(Adagrad())).learningRate == 0.01)
        let adam = try Adam()
        #expect(adam.beta1 == 0.9 && adam.beta2 == 0.999 && adam.epsilon == 1e-8)
        let rmsprop = try RMSProp()
        #expect(rmsprop.decay == 0.99 && rmsprop.epsilon == 1e-8)
        #expect(try Adagrad().epsilon == 1e-10)
    }
}

@Suite struct ScheduleTests {
    @Test func schedulesFollowTheirFormulas() {
        #expect(Schedule.constant.learningRate(base: 0.1, epoch: 7, epochs: 10) == 0.1)
        #expect(Schedule.step(every: 3, gamma: 0.5).learningRate(base: 0.1, epoch: 7, epochs: 10) == 0.025)
        #expect(Schedule.exponential(gamma: 0.5).learningRate(base: 1, epoch: 3, epochs: 10) == 0.125)
        #expect(Schedule.inverseSqrt.learningRate(base: 1, epoch: 3, epochs: 10) == 0.5)
        #expect(Schedule.cosine(period: nil, minimum: 0).learningRate(base: 1, epoch: 5, epochs: 10) == 0.5)
        #expect(Schedule.cosine(period: 4, minimum: 0.1).learningRate(base: 1, epoch: 4, epochs: 10) == 0.1)
    }

    @Test func theLearningRateChangesPerEpoch() throws {
        // Exponential decay 0.5 on x²: x₁ = (1 − 2·1·0.25)·x₀ with η = 0.25, then η = 0.125.
        let log = try Trainer.train(
            Surface(.quadratic(a: 1, b: 1)), from: [1, 1],
            optimizer: Optimizer(.gd(GradientDescent()), learningRate: 0.25, schedule: .exponential(gamma: 0.5)),
            configuration: TrainingConfiguration(budget: .epochs(2)))
        #expect(log.finalParameters[0] == 0.5 * 0.75)
    }
}

@Suite struct InvalidHyperParameterTests {
    @Test func everyInvalidValueIsATypedErrorNamingTheRange() {
        let cases: [(() throws -> Any, TrainingError)] = [
            ({ try Optimizer(.gd(GradientDescent()), learningRate: 0) }, .invalidValue(name: "lr", value: "0.0", allowed: "a finite number greater than 0")),
            ({ try Optimizer(.gd(GradientDescent()), learningRate: -1) }, .invalidValue(name: "lr", value: "-1.0", allowed: "a finite number greater than 0")),
            ({ try Momentum(momentum: 1) }, .invalidValue(name: "momentum", value: "1.0", allowed: "at least 0 and less than 1")),
            ({ try Momentum(momentum: -0.1) }, .invalidValue(name: "momentum", value: "-0.1", allowed: "at least 0 and less than 1")),
            ({ try Momentum(momentum: 0, nesterov: true) }, .invalidValue(name: "momentum", value: "0.0", allowed: "greater than 0 for Nesterov momentum")),
            ({ try Adam(beta2: 1) }, .invalidValue(name: "beta2", value: "1.0", allowed: "at least 0 and less than 1")),
            ({ try RMSProp(epsilon: 0) }, .invalidValue(name: "eps", value: "0.0", allowed: "a finite number greater than 0")),
            ({ try Adagrad(initialAccumulator: -1) }, .invalidValue(name: "initial_accumulator", value: "-1.0", allowed: "a finite number ≥ 0")),
            ({ try TrainingConfiguration(batch: .size(0), budget: .epochs(1)) }, .invalidValue(name: "batch", value: "0", allowed: "at least 1, or full")),
            ({ try TrainingConfiguration(budget: .epochs(0)) }, .invalidValue(name: "epochs", value: "0", allowed: "at least 1")),
            ({ try Optimizer(.gd(GradientDescent()), learningRate: 0.1, schedule: .step(every: 0, gamma: 0.5)) }, .invalidValue(name: "every", value: "0", allowed: "a whole number ≥ 1")),
        ]
        for (make, expected) in cases {
            #expect(throws: expected) { _ = try make() }
        }
        #expect(TrainingError.invalidValue(name: "batch", value: "0", allowed: "at least 1, or full").description == "batch is 0, but it must be at least 1, or full.")
    }

    @Test func runawayBudgetsAreStopped() throws {
        let problem = try SupervisedProblem(
            model: LinearModel(kind: .linear, inputs: 1), loss: .mse, reduction: .mean,
            training: DataSource.linear(samples: 1000, features: 1, weights: [2], bias: 1, noise: 0.1).make(seed: 1))
        #expect(throws: TrainingError.budgetTooLarge(name: "sample gradients (steps × batch)", value: 1_000_000_000, limit: 500_000_000)) {
            try train(problem, from: [0, 0], .gd(GradientDescent()), lr: 0.1, budget: .epochs(1_000_000))
        }
    }
}
