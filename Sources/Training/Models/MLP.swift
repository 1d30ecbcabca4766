import Foundation
import Numerics

/// The non-linearity of an MLP's hidden layers.
public enum Activation: String, Hashable, Codable, Sendable, CaseIterable {
    case tanh, relu, sigmoid

    @inlinable @inline(__always)
    func apply(_ x: Double) -> Double {
        switch self {
        case .tanh: return Elementary.tanh(x)
        case .relu: return x > 0 ? x : 0
        case .sigmoid: return Elementary.sigmoid(x)
        }
    }

    /// The derivative expressed through the activation's output a = f(x).
    @inlinable @inline(__always)
    func derivative(output a: Double) -> Double {
        switch self {
        case .tanh: return 1 - a * a
        case .relu: return a > 0 ? 1 : 0
        case .sigmoid: return a * (1 - a)
        }
    }
}

/// A fully connected network: inputs → hidden layers with `activation` → outputs with the
/// head's link (identity for regression, sigmoid for binary, softmax for K classes).
///
/// Parameter names: layer ℓ (from 1) has weights `l<ℓ>.w<i>_<j>` (unit i of the layer, input j,
/// both from 1) followed by biases `l<ℓ>.b<i>`; layers follow one another.
public struct MLP: Model, Hashable, Codable {
    public let inputCount: Int
    public let hidden: [Int]
    public let outputCount: Int
    public let activation: Activation
    public let link: OutputLink
    /// Widths of every layer from the inputs to the outputs.
    @usableFromInline let widths: [Int]
    /// Offset of each layer's weights in the parameter buffer.
    @usableFromInline let weightOffsets: [Int]
    /// Offset of each layer's activations in the workspace (inputs excluded).
    @usableFromInline let activationOffsets: [Int]
    private let parameterTotal: Int
    @usableFromInline let deltaOffset: Int
    @usableFromInline let widest: Int

    public init(inputs: Int, hidden: [Int], outputs: Int, activation: Activation, link: OutputLink) throws {
        guard inputs >= 1 else {
            throw TrainingError.invalidValue(name: "features", value: "\(inputs)", allowed: "at least 1")
        }
        guard !hidden.isEmpty, hidden.count <= 16 else {
            throw TrainingError.invalidValue(name: "hidden", value: "\(hidden.count) layers", allowed: "a list of 1 to 16 layer widths")
        }
        if let bad = hidden.first(where: { !(1...1024).contains($0) }) {
            throw TrainingError.invalidValue(name: "hidden layer width", value: "\(bad)", allowed: "a whole number from 1 to 1024")
        }
        self.inputCount = inputs
        self.hidden = hidden
        self.outputCount = outputs
        self.activation = activation
        self.link = link
        widths = [inputs] + hidden + [outputs]
        var offsets: [Int] = []
        var activationOffsets: [Int] = []
        var parameterTotal = 0
        var activationTotal = 0
        for layer in 1..<widths.count {
            offsets.append(parameterTotal)
            parameterTotal += widths[layer] * widths[layer - 1] + widths[layer]
            activationOffsets.append(activationTotal)
            activationTotal += widths[layer]
        }
        self.weightOffsets = offsets
        self.activationOffsets = activationOffsets
        self.parameterTotal = parameterTotal
        self.deltaOffset = activationTotal
        self.widest = widths.max() ?? 1
    }

    public var name: String { "mlp" }

    public var parameterCount: Int { parameterTotal }

    /// Layer ℓ's weights and biases, `l<ℓ>.…`, follow one another.
    public var layerParameterCounts: [Int] {
        (1..<widths.count).map { widths[$0] * widths[$0 - 1] + widths[$0] }
    }

    public var parameterNames: [String] {
        var names: [String] = []
        names.reserveCapacity(parameterTotal)
        for layer in 1..<widths.count {
            for unit in 1...widths[layer] {
                for input in 1...widths[layer - 1] { names.append("l\(layer).w\(unit)_\(input)") }
            }
            for unit in 1...widths[layer] { names.append("l\(layer).b\(unit)") }
        }
        return names
    }

    /// Activations of every layer, then two delta buffers of the widest layer.
    public var workspaceCount: Int { deltaOffset + 2 * widest }

    @inlinable @inline(__always)
    public func forward(
        _ parameters: UnsafePointer<Double>, input: UnsafePointer<Double>,
        output: UnsafeMutablePointer<Double>, workspace: UnsafeMutablePointer<Double>
    ) {
        var previous = input
        let last = widths.count - 1
        for layer in 1...last {
            let width = widths[layer]
            let fanIn = widths[layer - 1]
            let weights = parameters + weightOffsets[layer - 1]
            let biases = weights + width * fanIn
            let current = workspace + activationOffsets[layer - 1]
            for unit in 0..<width {
                let row = weights + unit * fanIn
                var z = biases[unit]
                for j in 0..<fanIn { z += row[j] * previous[j] }
                current[unit] = layer == last ? z : activation.apply(z)
            }
            previous = UnsafePointer(current)
        }
        output.update(from: previous, count: outputCount)
    }

    @inlinable @inline(__always)
    public func backward(
        _ parameters: UnsafePointer<Double>, input: UnsafePointer<Double>,
        outputGradient: UnsafePointer<Double>, gradient: UnsafeMutablePointer<Double>,
        workspace: UnsafeMutablePointer<Double>
    ) {
        var delta = workspace + deltaOffset
        var nextDelta = delta + widest
        delta.update(from: outputGradient, count: outputCount)
        var layer = widths.count - 1
        while layer >= 1 {
            let width = widths[layer]
            let fanIn = widths[layer - 1]
            let weights = parameters + weightOffsets[layer - 1]
            let weightGradient = gradient + weightOffsets[layer - 1]
            let biasGradient = weightGradient + width * fanIn
            let previous = layer == 1 ? input : UnsafePointer(workspace + activationOffsets[layer - 2])
            for unit in 0..<width {
                let d = delta[unit]
                let row = weightGradient + unit * fanIn
                for j in 0..<fanIn { row[j] += d * previous[j] }
                biasGradient[unit] += d
            }
            if layer > 1 {
                // δ_prev = (Wᵀ δ) ⊙ f′(a_prev)
                for j in 0..<fanIn {
                    var sum = 0.0
                    for unit in 0..<width { sum += weights[unit * fanIn + j] * delta[unit] }
                    nextDelta[j] = sum * activation.derivative(output: previous[j])
                }
                swap(&delta, &nextDelta)
            }
            layer -= 1
        }
    }

    /// Weights ~ N(0, 1/fan-in) (LeCun normal), biases zero.
    public func defaultInitialization(random: inout SeededGenerator) -> [Double] {
        var parameters = [Double](repeating: 0, count: parameterTotal)
        for layer in 1..<widths.count {
            let scale = 1 / Double(widths[layer - 1]).squareRoot()
            for index in 0..<(widths[layer] * widths[layer - 1]) {
                parameters[weightOffsets[layer - 1] + index] = scale * random.normal()
            }
        }
        return parameters
    }
}
