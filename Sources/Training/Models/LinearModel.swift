/// z = W·x + b with one output per class: linear regression (identity link), logistic
/// regression and the single sigmoid neuron (sigmoid link), softmax regression (softmax link).
///
/// Parameter names: with one output, `w1 … wd, b` (`w, b` when d = 1); with K outputs,
/// `w<k>_<j>` (class k counted from 0 like the labels, feature j from 1) then `b<k>`.
public struct LinearModel: Model, Hashable, Codable {
    public enum Kind: String, Hashable, Codable, Sendable {
        case linear, logistic, softmax
        case sigmoidNeuron = "sigmoid-neuron"
    }

    public let kind: Kind
    public let inputCount: Int
    public let outputCount: Int

    public init(kind: Kind, inputs: Int, classes: Int? = nil) throws {
        guard inputs >= 1 else {
            throw TrainingError.invalidValue(name: "features", value: "\(inputs)", allowed: "at least 1")
        }
        if kind == .sigmoidNeuron, inputs != 1 {
            throw TrainingError.invalidValue(name: "features of the sigmoid-neuron model", value: "\(inputs)", allowed: "1 (the neuron has one input)")
        }
        if kind == .softmax {
            guard let classes, classes >= 2 else {
                throw TrainingError.invalidValue(name: "classes of the softmax model", value: classes.map(String.init) ?? "none", allowed: "at least 2 (use classification data)")
            }
            outputCount = classes
        } else {
            outputCount = 1
        }
        self.kind = kind
        self.inputCount = inputs
    }

    public var name: String { kind.rawValue }

    public var link: OutputLink { Self.link(of: kind) }

    /// The output link each kind of linear model has.
    public static func link(of kind: Kind) -> OutputLink {
        switch kind {
        case .linear: return .identity
        case .logistic, .sigmoidNeuron: return .sigmoid
        case .softmax: return .softmax
        }
    }

    public var parameterNames: [String] {
        if outputCount == 1 {
            return (inputCount == 1 ? ["w"] : (1...inputCount).map { "w\($0)" }) + ["b"]
        }
        let weights = (0..<outputCount).flatMap { k in (1...inputCount).map { "w\(k)_\($0)" } }
        return weights + (0..<outputCount).map { "b\($0)" }
    }

    public var parameterCount: Int { outputCount * (inputCount + 1) }

    public var workspaceCount: Int { 0 }

    @inlinable @inline(__always)
    public func forward(
        _ parameters: UnsafePointer<Double>, input: UnsafePointer<Double>,
        output: UnsafeMutablePointer<Double>, workspace: UnsafeMutablePointer<Double>
    ) {
        let biases = parameters + outputCount * inputCount
        for k in 0..<outputCount {
            let row = parameters + k * inputCount
            var z = biases[k]
            for j in 0..<inputCount { z += row[j] * input[j] }
            output[k] = z
        }
    }

    @inlinable @inline(__always)
    public func backward(
        _ parameters: UnsafePointer<Double>, input: UnsafePointer<Double>,
        outputGradient: UnsafePointer<Double>, gradient: UnsafeMutablePointer<Double>,
        workspace: UnsafeMutablePointer<Double>
    ) {
        let biasGradient = gradient + outputCount * inputCount
        for k in 0..<outputCount {
            let delta = outputGradient[k]
            let row = gradient + k * inputCount
            for j in 0..<inputCount { row[j] += delta * input[j] }
            biasGradient[k] += delta
        }
    }

    public func defaultInitialization(random: inout SeededGenerator) -> [Double] {
        [Double](repeating: 0, count: parameterCount)
    }
}
