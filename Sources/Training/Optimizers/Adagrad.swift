/// Adagrad as torch documents it:
///
///     η_t = η / (1 + (t − 1)·decay)
///     s ← s + g²
///     θ ← θ − η_t · g / (√s + ε)
///
/// ε sits outside the square root; s starts at `initialAccumulator`.
public struct Adagrad: OptimizerRule {
    public var learningRateDecay: Double
    public var epsilon: Double
    public var initialAccumulator: Double

    public init(learningRateDecay: Double = 0, epsilon: Double = 1e-10, initialAccumulator: Double = 0) throws {
        try HyperParameter.nonNegative("lr_decay", learningRateDecay)
        try HyperParameter.positive("eps", epsilon)
        try HyperParameter.nonNegative("initial_accumulator", initialAccumulator)
        self.learningRateDecay = learningRateDecay
        self.epsilon = epsilon
        self.initialAccumulator = initialAccumulator
    }

    public struct State: Sendable {
        var sum: [Double]
        var step = 0
    }

    public func makeState(parameterCount: Int) -> State {
        State(sum: [Double](repeating: initialAccumulator, count: parameterCount))
    }

    @inline(__always)
    public func step(
        parameters: UnsafeMutableBufferPointer<Double>, gradient: UnsafeBufferPointer<Double>,
        state: inout State, learningRate: Double
    ) {
        state.step += 1
        let rate = learningRate / (1 + Double(state.step - 1) * learningRateDecay)
        state.sum.withUnsafeMutableBufferPointer { sum in
            for i in parameters.indices {
                let g = gradient[i]
                sum[i] += g * g
                parameters[i] -= rate * g / (sum[i].squareRoot() + epsilon)
            }
        }
    }

    /// η_t / (√s + ε) with the accumulated s and the decayed η_t of the last step.
    public func effectiveLearningRates(state: State, learningRate: Double, into rates: UnsafeMutableBufferPointer<Double>) {
        let rate = learningRate / (1 + Double(max(0, state.step - 1)) * learningRateDecay)
        state.sum.withUnsafeBufferPointer { sum in
            for i in rates.indices { rates[i] = rate / (sum[i].squareRoot() + epsilon) }
        }
    }
}
