/// Gradient descent with momentum, and Nesterov's look-ahead form, as torch's SGD:
///
///     b ← g                      on the first step
///     b ← μ·b + (1 − τ)·g         afterwards (τ is the dampening)
///     u ← g + μ·b  (Nesterov)  or  u ← b
///     θ ← θ − η·u
///
/// The textbook form v ← μv + ηg, θ ← θ − v is the same update with η folded into the buffer.
public struct Momentum: OptimizerRule {
    public var momentum: Double
    public var dampening: Double
    public var nesterov: Bool

    /// μ = 0.9 unless given: with torch's own default of 0 there would be no momentum at all.
    public init(momentum: Double = 0.9, dampening: Double = 0, nesterov: Bool = false) throws {
        try HyperParameter.fraction("momentum", momentum)
        try HyperParameter.fraction("dampening", dampening, closedAbove: true)
        if nesterov {
            guard momentum > 0 else {
                throw TrainingError.invalidValue(name: "momentum", value: "\(momentum)", allowed: "greater than 0 for Nesterov momentum")
            }
            guard dampening == 0 else {
                throw TrainingError.invalidValue(name: "dampening", value: "\(dampening)", allowed: "0 for Nesterov momentum")
            }
        }
        self.momentum = momentum
        self.dampening = dampening
        self.nesterov = nesterov
    }

    public struct State: Sendable {
        var buffer: [Double]
        var started = false
    }

    public func makeState(parameterCount: Int) -> State {
        State(buffer: [Double](repeating: 0, count: parameterCount))
    }

    @inline(__always)
    public func step(
        parameters: UnsafeMutableBufferPointer<Double>, gradient: UnsafeBufferPointer<Double>,
        state: inout State, learningRate: Double
    ) {
        let first = !state.started
        state.started = true
        state.buffer.withUnsafeMutableBufferPointer { buffer in
            for i in parameters.indices {
                let g = gradient[i]
                buffer[i] = first ? g : momentum * buffer[i] + (1 - dampening) * g
                let update = nesterov ? g + momentum * buffer[i] : buffer[i]
                parameters[i] -= learningRate * update
            }
        }
    }

    /// η·schedule for every parameter: the velocity's amplification, up to 1/(1 − μ) on a
    /// steady gradient, is the buffer's and not counted here.
    public func effectiveLearningRates(state: State, learningRate: Double, into rates: UnsafeMutableBufferPointer<Double>) {
        rates.update(repeating: learningRate)
    }
}
