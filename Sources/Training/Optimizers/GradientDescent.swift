/// Plain gradient descent: θ ← θ − η·g (torch's SGD without momentum).
public struct GradientDescent: OptimizerRule {
    public init() {}

    public struct State: Sendable {}

    public func makeState(parameterCount: Int) -> State { State() }

    @inline(__always)
    public func step(
        parameters: UnsafeMutableBufferPointer<Double>, gradient: UnsafeBufferPointer<Double>,
        state: inout State, learningRate: Double
    ) {
        for i in parameters.indices {
            parameters[i] -= learningRate * gradient[i]
        }
    }

    /// η·schedule for every parameter.
    public func effectiveLearningRates(state: State, learningRate: Double, into rates: UnsafeMutableBufferPointer<Double>) {
        rates.update(repeating: learningRate)
    }
}
