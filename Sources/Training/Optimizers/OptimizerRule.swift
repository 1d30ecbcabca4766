/// An optimizer as a rule plus state, in the manner of optax and Optimisers.jl.
///
/// The rule is a value holding hyper-parameters; the state (moment buffers, step counts) is a
/// separate value made once per run, so a step allocates nothing. Every rule follows the
/// algorithm `torch.optim` documents for it.
public protocol OptimizerRule: Sendable, Hashable, Codable {
    associatedtype State: Sendable

    /// The state before the first step, for `parameterCount` parameters.
    func makeState(parameterCount: Int) -> State

    /// Moves `parameters` one step against `gradient` with learning rate `learningRate`.
    func step(
        parameters: UnsafeMutableBufferPointer<Double>, gradient: UnsafeBufferPointer<Double>,
        state: inout State, learningRate: Double)

    /// Writes into `rates` the step size each parameter gets from the state as it stands after
    /// the last step: the factor the rule multiplies its gradient estimate by (EffectiveRate.swift).
    func effectiveLearningRates(state: State, learningRate: Double, into rates: UnsafeMutableBufferPointer<Double>)
}

/// Checks shared by the rules' initialisers.
enum HyperParameter {
    static func fraction(_ name: String, _ value: Double, closedAbove: Bool = false) throws {
        let valid = value >= 0 && (closedAbove ? value <= 1 : value < 1)
        guard valid else {
            throw TrainingError.invalidValue(name: name, value: "\(value)", allowed: closedAbove ? "between 0 and 1" : "at least 0 and less than 1")
        }
    }

    static func positive(_ name: String, _ value: Double) throws {
        guard value > 0, value.isFinite else {
            throw TrainingError.invalidValue(name: name, value: "\(value)", allowed: "a finite number greater than 0")
        }
    }

    static func nonNegative(_ name: String, _ value: Double) throws {
        guard value >= 0, value.isFinite else {
            throw TrainingError.invalidValue(name: name, value: "\(value)", allowed: "a finite number ≥ 0")
        }
    }
}
