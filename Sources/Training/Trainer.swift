import Foundation

/// Runs an optimizer rule on an objective for a budget of steps and records what happened.
public struct Trainer: Sendable {
    /// A run stops as diverged when its loss grows past this factor times max(1, |L₀|),
    /// and as unbounded below when it falls past the negative of that.
    public static let divergenceFactor = 1e12
    /// The most steps one run may take.
    public static let maximumSteps = 10_000_000

    public var steps: Int

    public init(steps: Int) throws {
        guard steps >= 1 else {
            throw TrainingError.invalidValue(name: "steps", value: "\(steps)", allowed: "at least 1")
        }
        guard steps <= Trainer.maximumSteps else {
            throw TrainingError.budgetTooLarge(name: "steps", value: steps, limit: Trainer.maximumSteps)
        }
        self.steps = steps
    }

    public func train<Rule: OptimizerRule>(
        _ objective: some Objective, from initial: [Double], with rule: Rule
    ) throws -> TrainingLog {
        let count = objective.parameterCount
        guard initial.count == count else {
            throw TrainingError.invalidValue(
                name: "initial parameters", value: "\(initial.count) values",
                allowed: "\(count) values (\(objective.parameterNames.joined(separator: ", ")))")
        }
        let clock = ContinuousClock()
        let start = clock.now
        var parameters = initial
        var gradient = [Double](repeating: 0, count: count)
        var state = rule.makeState(parameterCount: count)
        var records: [TrainingLog.Step] = []
        records.reserveCapacity(steps + 1)
        var stop: TrainingLog.Stop?
        var bound = Double.infinity
        var updates = 0

        for step in 0...steps {
            let loss = parameters.withUnsafeBufferPointer { point in
                gradient.withUnsafeMutableBufferPointer {
                    objective.lossAndGradient(at: point, gradient: $0)
                }
            }
            let norm = gradient.reduce(0) { $0 + $1 * $1 }.squareRoot()
            records.append(.init(step: step, loss: loss, gradientNorm: norm, parameters: parameters))
            if step == 0 { bound = Trainer.divergenceFactor * max(1, abs(loss)) }
            if !loss.isFinite || loss > bound || parameters.contains(where: { !$0.isFinite }) {
                stop = .diverged(step: step)
                break
            }
            if loss < -bound {
                stop = .unboundedBelow(step: step)
                break
            }
            if step == steps { break }
            parameters.withUnsafeMutableBufferPointer { point in
                gradient.withUnsafeBufferPointer { rule.step(parameters: point, gradient: $0, state: &state) }
            }
            updates += 1
        }
        let elapsed = clock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        return TrainingLog(
            parameterNames: objective.parameterNames, steps: records, updates: updates,
            gradientEvaluations: records.count, stop: stop, seconds: seconds)
    }
}
