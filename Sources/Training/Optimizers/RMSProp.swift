/// RMSprop as torch documents it (α is `decay` in lessons):
///
///     v ← α·v + (1 − α)·g²
///     ṽ ← v − ḡ², with ḡ ← α·ḡ + (1 − α)·g     (centered only; otherwise ṽ = v)
///     b ← μ·b + g / (√ṽ + ε);  θ ← θ − η·b      (with momentum μ > 0)
///     θ ← θ − η·g / (√ṽ + ε)                    (without)
public struct RMSProp: OptimizerRule {
    public var decay: Double
    public var epsilon: Double
    public var momentum: Double
    public var centered: Bool

    public init(decay: Double = 0.99, epsilon: Double = 1e-8, momentum: Double = 0, centered: Bool = false) throws {
        try HyperParameter.fraction("decay", decay)
        try HyperParameter.positive("eps", epsilon)
        try HyperParameter.fraction("momentum", momentum)
        self.decay = decay
        self.epsilon = epsilon
        self.momentum = momentum
        self.centered = centered
    }

    public struct State: Sendable {
        var squareAverage: [Double]
        var gradientAverage: [Double]
        var buffer: [Double]
    }

    public func makeState(parameterCount: Int) -> State {
        let zeros = [Double](repeating: 0, count: parameterCount)
        return State(squareAverage: zeros, gradientAverage: zeros, buffer: zeros)
    }

    @inline(__always)
    public func step(
        parameters: UnsafeMutableBufferPointer<Double>, gradient: UnsafeBufferPointer<Double>,
        state: inout State, learningRate: Double
    ) {
        let alpha = decay
        state.squareAverage.withUnsafeMutableBufferPointer { v in
            state.gradientAverage.withUnsafeMutableBufferPointer { average in
                state.buffer.withUnsafeMutableBufferPointer { buffer in
                    for i in parameters.indices {
                        let g = gradient[i]
                        v[i] = alpha * v[i] + (1 - alpha) * g * g
                        var denominator = v[i]
                        if centered {
                            average[i] = alpha * average[i] + (1 - alpha) * g
                            denominator -= average[i] * average[i]
                        }
                        let scaled = g / (denominator.squareRoot() + epsilon)
                        if momentum > 0 {
                            buffer[i] = momentum * buffer[i] + scaled
                            parameters[i] -= learningRate * buffer[i]
                        } else {
                            parameters[i] -= learningRate * scaled
                        }
                    }
                }
            }
        }
    }

    /// η / (√ṽ + ε), ṽ centred when the rule is (with momentum, the buffer adds up to 1/(1 − μ) more).
    public func effectiveLearningRates(state: State, learningRate: Double, into rates: UnsafeMutableBufferPointer<Double>) {
        state.squareAverage.withUnsafeBufferPointer { v in
            state.gradientAverage.withUnsafeBufferPointer { average in
                for i in rates.indices {
                    let denominator = centered ? v[i] - average[i] * average[i] : v[i]
                    rates[i] = learningRate / (denominator.squareRoot() + epsilon)
                }
            }
        }
    }
}
