import Foundation
import Numerics

/// Adam as torch documents it:
///
///     m ← β₁·m + (1 − β₁)·g
///     v ← β₂·v + (1 − β₂)·g²
///     m̂ = m / (1 − β₁ᵗ),  v̂ = v / (1 − β₂ᵗ)     (bias correction)
///     θ ← θ − η·m̂ / (√v̂ + ε)
///
/// With `amsgrad`, v̂ uses the largest v seen so far. Without `biasCorrection` (Descent's
/// teaching switch; torch has none), m and v are used uncorrected: θ ← θ − η·m / (√v + ε).
public struct Adam: OptimizerRule {
    public var beta1: Double
    public var beta2: Double
    public var epsilon: Double
    public var amsgrad: Bool
    public var biasCorrection: Bool

    public init(beta1: Double = 0.9, beta2: Double = 0.999, epsilon: Double = 1e-8, amsgrad: Bool = false, biasCorrection: Bool = true) throws {
        try HyperParameter.fraction("beta1", beta1)
        try HyperParameter.fraction("beta2", beta2)
        try HyperParameter.positive("eps", epsilon)
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        self.amsgrad = amsgrad
        self.biasCorrection = biasCorrection
    }

    private enum CodingKeys: String, CodingKey {
        case beta1, beta2, epsilon, amsgrad, biasCorrection
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        beta1 = try container.decode(Double.self, forKey: .beta1)
        beta2 = try container.decode(Double.self, forKey: .beta2)
        epsilon = try container.decode(Double.self, forKey: .epsilon)
        amsgrad = try container.decode(Bool.self, forKey: .amsgrad)
        biasCorrection = try container.decodeIfPresent(Bool.self, forKey: .biasCorrection) ?? true
    }

    /// With bias correction (the default) Adam encodes as before the switch existed, so that
    /// its experiments' cache keys stay the same.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(beta1, forKey: .beta1)
        try container.encode(beta2, forKey: .beta2)
        try container.encode(epsilon, forKey: .epsilon)
        try container.encode(amsgrad, forKey: .amsgrad)
        if !biasCorrection { try container.encode(biasCorrection, forKey: .biasCorrection) }
    }

    public struct State: Sendable {
        var first: [Double]
        var second: [Double]
        var largestSecond: [Double]
        var step = 0
    }

    public func makeState(parameterCount: Int) -> State {
        let zeros = [Double](repeating: 0, count: parameterCount)
        return State(first: zeros, second: zeros, largestSecond: zeros)
    }

    @inline(__always)
    public func step(
        parameters: UnsafeMutableBufferPointer<Double>, gradient: UnsafeBufferPointer<Double>,
        state: inout State, learningRate: Double
    ) {
        state.step += 1
        let correction1 = biasCorrection ? 1 - Elementary.power(beta1, state.step) : 1
        let correction2 = biasCorrection ? 1 - Elementary.power(beta2, state.step) : 1
        let stepSize = learningRate / correction1
        let root2 = correction2.squareRoot()
        state.first.withUnsafeMutableBufferPointer { m in
            state.second.withUnsafeMutableBufferPointer { v in
                state.largestSecond.withUnsafeMutableBufferPointer { largest in
                    for i in parameters.indices {
                        let g = gradient[i]
                        m[i] = beta1 * m[i] + (1 - beta1) * g
                        v[i] = beta2 * v[i] + (1 - beta2) * g * g
                        var second = v[i]
                        if amsgrad {
                            largest[i] = max(largest[i], v[i])
                            second = largest[i]
                        }
                        parameters[i] -= stepSize * m[i] / (second.squareRoot() / root2 + epsilon)
                    }
                }
            }
        }
    }

    /// η / (√v̂ + ε): the factor that multiplies the gradient estimate m̂. The first moment's own
    /// correction 1/(1 − β₁ᵗ) belongs to m̂ and is not counted, as momentum's velocity is not;
    /// v̂ is v/(1 − β₂ᵗ), or the largest such v with AMSGrad. Without bias correction, v̂ = v.
    public func effectiveLearningRates(state: State, learningRate: Double, into rates: UnsafeMutableBufferPointer<Double>) {
        let root2 = biasCorrection ? (1 - Elementary.power(beta2, max(1, state.step))).squareRoot() : 1
        let second = amsgrad ? state.largestSecond : state.second
        second.withUnsafeBufferPointer { v in
            for i in rates.indices { rates[i] = learningRate / (v[i].squareRoot() / root2 + epsilon) }
        }
    }
}
