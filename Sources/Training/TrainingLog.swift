/// Everything one training run produced, as plain values that can be cached and re-drawn.
public struct TrainingLog: Codable, Equatable, Sendable {
    /// One optimizer step: the loss and gradient at the parameters *before* the update, and
    /// those parameters. Step 0 is the initial point; the last record is where the run ended.
    public struct Step: Codable, Equatable, Sendable {
        public var step: Int
        public var loss: Double
        public var gradientNorm: Double
        public var parameters: [Double]

        public init(step: Int, loss: Double, gradientNorm: Double, parameters: [Double]) {
            self.step = step
            self.loss = loss
            self.gradientNorm = gradientNorm
            self.parameters = parameters
        }
    }

    /// Why a run ended before its budget.
    public enum Stop: Codable, Equatable, Sendable {
        /// The loss or a parameter became NaN or infinite, or the loss exceeded
        /// `Trainer.divergenceFactor` times its starting size.
        case diverged(step: Int)
        /// The loss fell below −`Trainer.divergenceFactor` times its starting size: the
        /// objective has no minimum in that direction (a saddle, for example).
        case unboundedBelow(step: Int)
    }

    public var parameterNames: [String]
    public var steps: [Step]
    /// Number of parameter updates made.
    public var updates: Int
    /// Number of gradient evaluations of single samples (for a surface, one per step).
    public var gradientEvaluations: Int
    public var stop: Stop?
    /// Wall-clock time of the run; informative only, never part of any comparison of results.
    public var seconds: Double

    public init(
        parameterNames: [String], steps: [Step], updates: Int, gradientEvaluations: Int,
        stop: Stop?, seconds: Double
    ) {
        self.parameterNames = parameterNames
        self.steps = steps
        self.updates = updates
        self.gradientEvaluations = gradientEvaluations
        self.stop = stop
        self.seconds = seconds
    }

    /// The last recorded point: the final parameters and their loss.
    public var final: Step? { steps.last }

    /// The step at which the run diverged, if it did.
    public var divergedAtStep: Int? {
        if case let .diverged(step) = stop { return step }
        return nil
    }
}
