/// Plain gradient descent: θ ← θ − η·∇L(θ).
public struct GradientDescent: OptimizerRule, Hashable, Codable {
    public var learningRate: Double

    public init(learningRate: Double) throws {
        guard learningRate > 0, learningRate.isFinite else {
            throw TrainingError.invalidValue(
                name: "lr", value: "\(learningRate)", allowed: "a finite number greater than 0")
        }
        self.learningRate = learningRate
    }

    public struct State: Sendable {}

    public func makeState(parameterCount: Int) -> State { State() }

    public func step(
        parameters: UnsafeMutableBufferPointer<Double>,
        gradient: UnsafeBufferPointer<Double>,
        state: inout State
    ) {
        for i in parameters.indices {
            parameters[i] -= learningRate * gradient[i]
        }
    }
}
