import Foundation
import Testing
@testable import Training

@Suite struct GradientDescentTests {
    /// On f = a·x² + b·y², one gd step multiplies x by (1 − 2ηa) and y by (1 − 2ηb), so
    /// x_t = (1 − 2ηa)^t · x₀: the closed form the iterates must follow.
    @Test(arguments: [(1.0, 2.0, 0.1), (0.5, 3.0, 0.05), (2.0, 0.25, 0.2)])
    func quadraticIteratesFollowTheClosedForm(a: Double, b: Double, learningRate: Double) throws {
        let surface = Surface(.quadratic(a: a, b: b))
        let log = try Trainer(steps: 25).train(surface, from: [-5, -2], with: GradientDescent(learningRate: learningRate))
        #expect(log.stop == nil)
        #expect(log.steps.count == 26)
        #expect(log.updates == 25)
        for record in log.steps {
            let t = Double(record.step)
            let x = pow(1 - 2 * learningRate * a, t) * -5
            let y = pow(1 - 2 * learningRate * b, t) * -2
            #expect(abs(record.parameters[0] - x) <= 1e-12 * max(1, abs(x)))
            #expect(abs(record.parameters[1] - y) <= 1e-12 * max(1, abs(y)))
            #expect(abs(record.loss - (a * x * x + b * y * y)) <= 1e-12 * max(1, record.loss))
        }
    }

    @Test func twentyStepsOnTheEllipticBowl() throws {
        // f(x, y) = x² + 2y² from (−5, −2), η = 0.1: (0.8²⁰·−5, 0.6²⁰·−2).
        let log = try Trainer(steps: 20).train(Surface(.quadratic(a: 1, b: 2)), from: [-5, -2], with: GradientDescent(learningRate: 0.1))
        let final = try #require(log.final)
        #expect((final.parameters[0] * 1e6).rounded() / 1e6 == -0.057646)
        #expect((final.parameters[1] * 1e6).rounded() / 1e6 == -0.000073)
    }

    @Test func gradientNormIsRecordedBeforeEachUpdate() throws {
        let log = try Trainer(steps: 1).train(Surface(.quadratic(a: 1, b: 2)), from: [3, 1], with: GradientDescent(learningRate: 0.1))
        // ∇f(3, 1) = (6, 4).
        #expect(log.steps[0].gradientNorm == (36.0 + 16.0).squareRoot())
        #expect(log.steps[0].loss == 11)
    }

    @Test func tooLargeALearningRateIsReportedAsDivergedAtItsStep() throws {
        // η = 1.1 on x² + y²: each step multiplies the loss by (1 − 2.2)² = 1.44, so it passes
        // 10¹² times its start (29) at step 76, since 1.44⁷⁵ < 10¹² < 1.44⁷⁶.
        let log = try Trainer(steps: 200).train(Surface(.quadratic(a: 1, b: 1)), from: [-5, -2], with: GradientDescent(learningRate: 1.1))
        #expect(log.stop == .diverged(step: 76))
        #expect(log.divergedAtStep == 76)
        #expect(log.updates == 76)
        #expect(log.steps.last?.step == 76)
    }

    @Test func aLossWithoutMinimumIsReportedAsUnboundedBelow() throws {
        // b < 0 turns the bowl into a saddle; the y direction falls forever.
        let log = try Trainer(steps: 500).train(Surface(.quadratic(a: 1, b: -1)), from: [1, 1], with: GradientDescent(learningRate: 0.1))
        guard case .unboundedBelow = log.stop else {
            Issue.record("expected unbounded below, got \(String(describing: log.stop))")
            return
        }
        #expect(log.divergedAtStep == nil)
    }

    @Test(arguments: [0.0, -0.1, Double.nan, Double.infinity])
    func learningRatesOutsideTheRangeAreRefused(learningRate: Double) {
        #expect(throws: TrainingError.invalidValue(name: "lr", value: "\(learningRate)", allowed: "a finite number greater than 0")) {
            try GradientDescent(learningRate: learningRate)
        }
    }

    @Test func theErrorMessageNamesTheValueAndTheRange() {
        let error = TrainingError.invalidValue(name: "lr", value: "0.0", allowed: "a finite number greater than 0")
        #expect(error.description == "lr is 0.0, but it must be a finite number greater than 0.")
    }

    @Test func budgetsOutsideTheLimitsAreRefused() {
        #expect(throws: TrainingError.invalidValue(name: "steps", value: "0", allowed: "at least 1")) { try Trainer(steps: 0) }
        #expect(throws: TrainingError.budgetTooLarge(name: "steps", value: 20_000_000, limit: 10_000_000)) { try Trainer(steps: 20_000_000) }
    }

    @Test func theSameRunGivesTheSameLog() throws {
        let surface = Surface(.quadratic(a: 0.3, b: 1.7))
        let first = try Trainer(steps: 50).train(surface, from: [1.5, -0.5], with: GradientDescent(learningRate: 0.2))
        var second = try Trainer(steps: 50).train(surface, from: [1.5, -0.5], with: GradientDescent(learningRate: 0.2))
        second.seconds = first.seconds
        #expect(first == second)
    }
}

@Suite struct SurfaceTests {
    @Test func quadraticGradientMatchesFiniteDifferences() {
        let surface = Surface(.quadratic(a: 0.7, b: 2.3))
        for point in [[1.0, -2.0], [-0.3, 0.9], [4.0, 4.0]] {
            let gradient = surface.gradient(at: point)
            for index in 0..<2 {
                let h = 1e-6
                var plus = point
                var minus = point
                plus[index] += h
                minus[index] -= h
                let numeric = (surface.loss(at: plus) - surface.loss(at: minus)) / (2 * h)
                #expect(abs(numeric - gradient[index]) <= 1e-6 * max(1, abs(numeric)))
            }
        }
    }
}
