/// Everything one training run produced, as plain values that can be cached and re-drawn.
public struct TrainingLog: Codable, Equatable, Sendable {
    /// Per-step records, evenly thinned past a cap; the first and last steps are always kept.
    /// Record r is the state before update `steps[r]`: the mini-batch loss and gradient norm
    /// there, and the parameters. The last record is the end of the run, with the full
    /// training loss and gradient.
    public struct Trace: Codable, Equatable, Sendable {
        public var steps: [Int] = []
        /// The epoch position of each record: step / batches per epoch.
        public var epochs: [Double] = []
        public var losses: [Double] = []
        public var gradientNorms: [Double] = []
        /// Which parameters are kept per record (indices into `parameterNames`).
        public var parameterIndices: [Int] = []
        /// The kept parameters, record after record.
        public var parameters: [Double] = []
        /// The effective learning rate of the update made at each record's step (for the last
        /// record, and one where the run stopped, that of the state as it stands): the median
        /// over parameters and the 10th and 90th percentiles (see `OptimizerRule.effectiveLearningRates`).
        public var learningRates: [Double] = []
        public var learningRateLows: [Double] = []
        public var learningRateHighs: [Double] = []
        /// The effective learning rate of each kept parameter, record after record.
        public var parameterLearningRates: [Double] = []
        /// The number of layers whose gradient norms are kept: an MLP's layers, else 1.
        public var layerCount = 1
        /// ‖∂loss/∂(weights and biases of layer ℓ)‖ for each layer, record after record.
        public var layerGradientNorms: [Double] = []

        public var count: Int { steps.count }

        /// The kept parameters of record `record`.
        public func parameters(at record: Int) -> ArraySlice<Double> {
            let width = parameterIndices.count
            return parameters[record * width..<(record + 1) * width]
        }

        /// The values of parameter number `index` over the records, if it was kept.
        public func values(ofParameter index: Int) -> [Double]? {
            guard let column = parameterIndices.firstIndex(of: index) else { return nil }
            let width = parameterIndices.count
            return (0..<count).map { parameters[$0 * width + column] }
        }

        /// The effective learning rates of parameter number `index` over the records, if it was kept.
        public func learningRates(ofParameter index: Int) -> [Double]? {
            guard let column = parameterIndices.firstIndex(of: index), parameterLearningRates.count == count * parameterIndices.count else { return nil }
            let width = parameterIndices.count
            return (0..<count).map { parameterLearningRates[$0 * width + column] }
        }

        /// The gradient norms of layer `layer` (from 1) over the records.
        public func gradientNorms(ofLayer layer: Int) -> [Double]? {
            guard (1...max(1, layerCount)).contains(layer), layerGradientNorms.count == count * layerCount else { return nil }
            return (0..<count).map { layerGradientNorms[$0 * layerCount + layer - 1] }
        }
    }

    /// The whole training set (and validation set) evaluated at the end of an epoch; epoch 0
    /// is the starting point.
    public struct Epoch: Codable, Equatable, Sendable {
        public var epoch: Int
        public var loss: Double
        public var validationLoss: Double?
        public var accuracy: Double?
        public var validationAccuracy: Double?
    }

    /// Why a run ended before its budget.
    public enum Stop: Codable, Equatable, Sendable {
        /// The loss or a parameter became NaN or infinite, or the loss exceeded
        /// `Trainer.divergenceFactor` × max(1, |initial loss|).
        case diverged(step: Int)
        /// The loss fell below −`Trainer.divergenceFactor` × max(1, |initial loss|): the
        /// objective has no minimum in that direction (a saddle, for example).
        case unboundedBelow(step: Int)
        /// The full loss changed by less than the tolerance from one epoch to the next.
        case converged(epoch: Int)
    }

    public var parameterNames: [String]
    public var trace: Trace
    public var epochs: [Epoch]
    public var finalParameters: [Double]
    /// Number of parameter updates made.
    public var updates: Int
    /// Number of single-sample gradients computed for updates (a surface counts one per step).
    public var gradientEvaluations: Int
    public var stop: Stop?
    /// Wall-clock time of the run; informative only, never part of a comparison of results.
    public var seconds: Double

    /// The full training loss at the end of the run.
    public var finalLoss: Double? { trace.losses.last }

    /// The step at which the run diverged, if it did.
    public var divergedAtStep: Int? {
        if case let .diverged(step) = stop { return step }
        return nil
    }

    /// The step at which the loss was found unbounded below, if it was.
    public var unboundedAtStep: Int? {
        if case let .unboundedBelow(step) = stop { return step }
        return nil
    }
}
