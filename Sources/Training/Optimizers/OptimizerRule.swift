/// An optimizer as a rule plus state, in the manner of optax and Optimisers.jl.
///
/// The rule is a value holding hyper-parameters; the state (moment buffers, step counts) is a
/// separate value created once per run, so a step allocates nothing.
public protocol OptimizerRule: Sendable {
    associatedtype State: Sendable

    /// The state before the first step, for `parameterCount` parameters.
    func makeState(parameterCount: Int) -> State

    /// Moves `parameters` one step against `gradient`, updating `state`.
    func step(
        parameters: UnsafeMutableBufferPointer<Double>,
        gradient: UnsafeBufferPointer<Double>,
        state: inout State
    )
}
