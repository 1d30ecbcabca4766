/// Something the trainer can minimise: a loss over named parameters with an analytic gradient.
///
/// Parameters live in one flat buffer; `parameterNames[i]` names `parameters[i]` so that a
/// figure can pick two of them by name.
public protocol Objective: Sendable {
    var parameterNames: [String] { get }

    /// The loss at `parameters`, with its gradient written into `gradient`.
    func lossAndGradient(
        at parameters: UnsafeBufferPointer<Double>,
        gradient: UnsafeMutableBufferPointer<Double>
    ) -> Double

    /// The loss at `parameters`.
    func loss(at parameters: UnsafeBufferPointer<Double>) -> Double
}

extension Objective {
    public var parameterCount: Int { parameterNames.count }

    /// Convenience for tests and analysis: the loss at an array of parameters.
    public func loss(at parameters: [Double]) -> Double {
        parameters.withUnsafeBufferPointer { loss(at: $0) }
    }

    /// Convenience for tests and analysis: the gradient at an array of parameters.
    public func gradient(at parameters: [Double]) -> [Double] {
        var gradient = [Double](repeating: 0, count: parameterCount)
        parameters.withUnsafeBufferPointer { point in
            gradient.withUnsafeMutableBufferPointer { _ = lossAndGradient(at: point, gradient: $0) }
        }
        return gradient
    }
}
