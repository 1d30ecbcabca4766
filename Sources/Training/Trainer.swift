import Foundation

/// How a run is batched, how long it lasts and what it records.
public struct TrainingConfiguration: Hashable, Codable, Sendable {
    public enum BatchSize: Hashable, Codable, Sendable {
        case full
        case size(Int)

        /// As lessons write it: `full` or the number.
        public var name: String {
            switch self {
            case .full: return "full"
            case let .size(size): return String(size)
            }
        }
    }

    public enum Budget: Hashable, Codable, Sendable {
        case epochs(Int)
        case steps(Int)
    }

    public var batch: BatchSize
    public var budget: Budget
    /// Stop when the full training loss changes by less than this from one epoch to the next.
    public var tolerance: Double?
    public var seed: UInt64
    /// At most this many per-step records (plus the final one); more steps are evenly thinned.
    public var traceLimit: Int
    /// The parameters kept per step; nil keeps all of them when there are at most 64.
    public var tracedParameters: [Int]?

    public init(
        batch: BatchSize = .full, budget: Budget, tolerance: Double? = nil, seed: UInt64 = 0,
        traceLimit: Int = 2000, tracedParameters: [Int]? = nil
    ) throws {
        if case let .size(size) = batch, size < 1 {
            throw TrainingError.invalidValue(name: "batch", value: "\(size)", allowed: "at least 1, or full")
        }
        switch budget {
        case let .epochs(count) where count < 1:
            throw TrainingError.invalidValue(name: "epochs", value: "\(count)", allowed: "at least 1")
        case let .steps(count) where count < 1:
            throw TrainingError.invalidValue(name: "steps", value: "\(count)", allowed: "at least 1")
        default: break
        }
        if let tolerance, !(tolerance > 0 && tolerance.isFinite) {
            throw TrainingError.invalidValue(name: "tolerance", value: "\(tolerance)", allowed: "a number greater than 0")
        }
        guard traceLimit >= 1 else {
            throw TrainingError.invalidValue(name: "trace limit", value: "\(traceLimit)", allowed: "at least 1")
        }
        self.batch = batch
        self.budget = budget
        self.tolerance = tolerance
        self.seed = seed
        self.traceLimit = traceLimit
        self.tracedParameters = tracedParameters
    }
}

/// Runs an optimizer on a training problem and records what happened.
public enum Trainer {
    /// Changes whenever the engine would compute different numbers for the same spec, so
    /// that results cached under the old version are trained again.
    public static let engineVersion = "8"

    /// The whole training (and validation) set evaluated at `parameters`.
    private static func evaluate<Problem: TrainingProblem>(
        _ problem: Problem, _ parameters: UnsafeMutableBufferPointer<Double>,
        _ workspace: UnsafeMutableBufferPointer<Double>, epoch: Int
    ) -> TrainingLog.Epoch {
        let training = problem.evaluate(UnsafePointer(parameters.baseAddress!), validation: false, workspace: workspace.baseAddress!)
        let validation = problem.hasValidation
            ? problem.evaluate(UnsafePointer(parameters.baseAddress!), validation: true, workspace: workspace.baseAddress!) : nil
        return TrainingLog.Epoch(
            epoch: epoch, loss: training.loss, validationLoss: validation?.loss,
            accuracy: training.accuracy, validationAccuracy: validation?.accuracy)
    }

    /// A run stops as diverged when its loss grows past this factor times max(1, |L₀|), and
    /// as unbounded below when it falls past the negative of that.
    public static let divergenceFactor = 1e6
    /// The most single-sample gradients one run may compute.
    public static let maximumGradientEvaluations = 500_000_000

    /// Trains `problem` from `initial` with `optimizer`.
    public static func train(
        _ problem: some TrainingProblem, from initial: [Double], optimizer: Optimizer,
        configuration: TrainingConfiguration
    ) throws -> TrainingLog {
        // The problems Descent ships are cast to their concrete types here, inside the module,
        // so that the loop below is compiled for each of them with every call inlined.
        if let surface = problem as? Surface {
            return try dispatch(surface, from: initial, optimizer: optimizer, configuration: configuration)
        }
        if let linear = problem as? SupervisedProblem<LinearModel> {
            return try dispatch(linear, from: initial, optimizer: optimizer, configuration: configuration)
        }
        if let mlp = problem as? SupervisedProblem<MLP> {
            return try dispatch(mlp, from: initial, optimizer: optimizer, configuration: configuration)
        }
        return try dispatch(problem, from: initial, optimizer: optimizer, configuration: configuration)
    }

    private static func dispatch<Problem: TrainingProblem>(
        _ problem: Problem, from initial: [Double], optimizer: Optimizer, configuration: TrainingConfiguration
    ) throws -> TrainingLog {
        switch optimizer.rule {
        case let .gd(rule): return try train(problem, from: initial, rule: rule, optimizer: optimizer, configuration: configuration)
        case let .momentum(rule): return try train(problem, from: initial, rule: rule, optimizer: optimizer, configuration: configuration)
        case let .adagrad(rule): return try train(problem, from: initial, rule: rule, optimizer: optimizer, configuration: configuration)
        case let .rmsprop(rule): return try train(problem, from: initial, rule: rule, optimizer: optimizer, configuration: configuration)
        case let .adam(rule): return try train(problem, from: initial, rule: rule, optimizer: optimizer, configuration: configuration)
        }
    }

    /// The loop, specialised per problem and rule so that a step allocates nothing.
    static func train<Problem: TrainingProblem, Rule: OptimizerRule>(
        _ problem: Problem, from initial: [Double], rule: Rule, optimizer: Optimizer,
        configuration: TrainingConfiguration
    ) throws -> TrainingLog {
        let count = problem.parameterCount
        guard initial.count == count else {
            throw TrainingError.invalidValue(
                name: "initial parameters", value: "\(initial.count) values",
                allowed: "\(count) values (\(problem.parameterNames.prefix(8).joined(separator: ", "))\(count > 8 ? ", …" : ""))")
        }
        if let bad = initial.first(where: { !$0.isFinite }) {
            throw TrainingError.invalidValue(name: "initial parameter", value: "\(bad)", allowed: "a finite number")
        }
        let sampleCount = problem.sampleCount
        let batchSize: Int
        switch configuration.batch {
        case .full: batchSize = sampleCount
        case let .size(size): batchSize = min(size, sampleCount)
        }
        let batchesPerEpoch = (sampleCount + batchSize - 1) / batchSize
        let totalSteps: Int
        let epochLimit: Int
        switch configuration.budget {
        case let .epochs(epochs):
            // A budget from the public API may be any Int: overflow is refused, not trapped.
            let product = epochs.multipliedReportingOverflow(by: batchesPerEpoch)
            guard !product.overflow else {
                throw TrainingError.budgetTooLarge(name: "steps (epochs × batches per epoch)", value: Int.max, limit: maximumGradientEvaluations)
            }
            totalSteps = product.partialValue
            epochLimit = epochs
        case let .steps(steps):
            totalSteps = steps
            epochLimit = steps / batchesPerEpoch + (steps % batchesPerEpoch == 0 ? 0 : 1)
        }
        let evaluations = Double(totalSteps) * Double(batchSize)
        guard evaluations <= Double(maximumGradientEvaluations) else {
            throw TrainingError.budgetTooLarge(name: "sample gradients (steps × batch)", value: Int(min(evaluations, 9e18)), limit: maximumGradientEvaluations)
        }
        let traced = configuration.tracedParameters ?? (count <= 64 ? Array(0..<count) : [])
        if let bad = traced.first(where: { !(0..<count).contains($0) }) {
            throw TrainingError.invalidValue(name: "traced parameter", value: "\(bad)", allowed: "an index below \(count)")
        }

        let clock = ContinuousClock()
        let start = clock.now
        let stride = max(1, (totalSteps + configuration.traceLimit - 1) / configuration.traceLimit)
        let recordCapacity = totalSteps / stride + 2

        // Buffers live for the whole run; the loop below only reads and writes them.
        let parameters = UnsafeMutableBufferPointer<Double>.allocate(capacity: count)
        let gradient = UnsafeMutableBufferPointer<Double>.allocate(capacity: count)
        let workspace = UnsafeMutableBufferPointer<Double>.allocate(capacity: max(1, problem.workspaceCount))
        let order = UnsafeMutableBufferPointer<Int>.allocate(capacity: sampleCount)
        // The effective learning rates of one recorded step, reordered to find their percentiles.
        let rates = UnsafeMutableBufferPointer<Double>.allocate(capacity: count)
        defer {
            rates.deallocate()
            parameters.deallocate()
            gradient.deallocate()
            workspace.deallocate()
            order.deallocate()
        }
        _ = parameters.initialize(from: initial)
        gradient.initialize(repeating: 0)
        rates.initialize(repeating: 0)
        workspace.initialize(repeating: 0)
        for index in 0..<sampleCount { order[index] = index }
        var state = rule.makeState(parameterCount: count)
        var shuffler = SeededGenerator(seed: configuration.seed, stream: Streams.shuffling)
        var noise = SeededGenerator(seed: configuration.seed, stream: Streams.gradientNoise)
        let noiseLevel = problem.gradientNoise
        let weightDecay = optimizer.weightDecay

        var trace = TrainingLog.Trace()
        trace.steps.reserveCapacity(recordCapacity)
        trace.epochs.reserveCapacity(recordCapacity)
        trace.losses.reserveCapacity(recordCapacity)
        trace.gradientNorms.reserveCapacity(recordCapacity)
        trace.parameterIndices = traced
        trace.parameters.reserveCapacity(recordCapacity * traced.count)
        let layerCounts = problem.layerParameterCounts.reduce(0, +) == count ? problem.layerParameterCounts : [count]
        trace.layerCount = layerCounts.count
        trace.layerGradientNorms.reserveCapacity(recordCapacity * layerCounts.count)
        trace.learningRates.reserveCapacity(recordCapacity)
        trace.learningRateLows.reserveCapacity(recordCapacity)
        trace.learningRateHighs.reserveCapacity(recordCapacity)
        trace.parameterLearningRates.reserveCapacity(recordCapacity * traced.count)
        var epochs: [TrainingLog.Epoch] = []
        // Lessons keep epochs to `Limits.recordedPoints`; a caller of this API may ask for more,
        // which then grows the array instead of reserving it all up front.
        epochs.reserveCapacity(min(epochLimit, 1 << 20) + 1)

        let initialEvaluation = evaluate(problem, parameters, workspace, epoch: 0)
        epochs.append(initialEvaluation)
        let bound = divergenceFactor * max(1, abs(initialEvaluation.loss))
        var stop: TrainingLog.Stop?
        var updates = 0
        var gradientEvaluations = 0
        var lastRecordedStep = -1
        if !initialEvaluation.loss.isFinite {
            stop = .diverged(step: 0)
        }

        let schedulePerUpdate = optimizer.scheduleUnit == .update
        var learningRate = optimizer.learningRate
        training: for epoch in 1...max(1, epochLimit) where stop == nil {
            if !schedulePerUpdate { learningRate = optimizer.learningRate(at: epoch - 1, of: epochLimit) }
            if batchSize < sampleCount { shuffler.shuffle(order) }
            var batchStart = 0
            while batchStart < sampleCount {
                if updates == totalSteps { break training }
                let batchEnd = min(batchStart + batchSize, sampleCount)
                let loss = problem.lossAndGradient(
                    UnsafePointer(parameters.baseAddress!), batch: UnsafeBufferPointer(rebasing: order[batchStart..<batchEnd]),
                    gradient: gradient.baseAddress!, workspace: workspace.baseAddress!)
                gradientEvaluations += batchEnd - batchStart
                var squared = 0.0
                for i in 0..<count {
                    if noiseLevel > 0 { gradient[i] += noiseLevel * noise.normal() }
                    squared += gradient[i] * gradient[i]
                }
                let step = updates
                let diverged = !loss.isFinite || loss > bound || !squared.isFinite
                let unbounded = loss < -bound
                let recorded = diverged || unbounded || step % stride == 0
                if recorded {
                    trace.record(step: step, batchesPerEpoch: batchesPerEpoch, loss: loss, gradientNorm: squared.squareRoot(), parameters: parameters)
                    trace.recordLayerNorms(UnsafeBufferPointer(gradient), layers: layerCounts)
                    lastRecordedStep = step
                }
                if diverged || unbounded {
                    // No update is made: the rates recorded are those of the state as it stands.
                    trace.recordLearningRates(rule, state, learningRate: learningRate, scratch: rates)
                    stop = diverged ? .diverged(step: step) : .unboundedBelow(step: step)
                    break training
                }
                if weightDecay > 0 {
                    for i in 0..<count { gradient[i] += weightDecay * parameters[i] }
                }
                if schedulePerUpdate { learningRate = optimizer.learningRate(at: updates, of: totalSteps) }
                rule.step(parameters: parameters, gradient: UnsafeBufferPointer(gradient), state: &state, learningRate: learningRate)
                if recorded {
                    trace.recordLearningRates(rule, state, learningRate: learningRate, scratch: rates)
                }
                updates += 1
                batchStart = batchEnd
            }
            let evaluation = evaluate(problem, parameters, workspace, epoch: epoch)
            epochs.append(evaluation)
            if !evaluation.loss.isFinite || evaluation.loss > bound || parameters.contains(where: { !$0.isFinite }) {
                stop = .diverged(step: updates)
            } else if evaluation.loss < -bound {
                stop = .unboundedBelow(step: updates)
            } else if let tolerance = configuration.tolerance, let previous = epochs.dropLast().last,
                      abs(evaluation.loss - previous.loss) < tolerance {
                stop = .converged(epoch: epoch)
            }
        }

        // The end of the run: the full loss and gradient at the final parameters.
        let finalParameters = Array(parameters)
        if lastRecordedStep != updates {
            let full = problem.fullLossAndGradient(at: finalParameters)
            let norm = full.gradient.reduce(0) { $0 + $1 * $1 }.squareRoot()
            trace.record(step: updates, batchesPerEpoch: batchesPerEpoch, loss: full.loss, gradientNorm: norm, parameters: parameters)
            full.gradient.withUnsafeBufferPointer { trace.recordLayerNorms($0, layers: layerCounts) }
            trace.recordLearningRates(rule, state, learningRate: learningRate, scratch: rates)
        }
        let elapsed = clock.now - start
        return TrainingLog(
            parameterNames: problem.parameterNames, trace: trace, epochs: epochs, finalParameters: finalParameters,
            updates: updates, gradientEvaluations: gradientEvaluations, stop: stop,
            seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
    }
}

extension TrainingLog.Trace {
    /// Appends one record; capacity is reserved before the run, so this does not allocate.
    mutating func record(step: Int, batchesPerEpoch: Int, loss: Double, gradientNorm: Double, parameters: UnsafeMutableBufferPointer<Double>) {
        steps.append(step)
        epochs.append(Double(step) / Double(batchesPerEpoch))
        losses.append(loss)
        self.gradientNorms.append(gradientNorm)
        for index in parameterIndices { self.parameters.append(parameters[index]) }
    }

    /// Appends the norm of each layer's slice of `gradient`, layers of `layers` parameters in turn.
    mutating func recordLayerNorms(_ gradient: UnsafeBufferPointer<Double>, layers: [Int]) {
        var start = 0
        for size in layers {
            var squared = 0.0
            for i in start..<(start + size) { squared += gradient[i] * gradient[i] }
            layerGradientNorms.append(squared.squareRoot())
            start += size
        }
    }

    /// Appends the rule's effective learning rates in `state`: those of the kept parameters,
    /// then the median and band over all parameters, found in `scratch` (one Double per parameter).
    @inline(__always)
    mutating func recordLearningRates<Rule: OptimizerRule>(_ rule: Rule, _ state: Rule.State, learningRate: Double, scratch: UnsafeMutableBufferPointer<Double>) {
        rule.effectiveLearningRates(state: state, learningRate: learningRate, into: scratch)
        for index in parameterIndices { parameterLearningRates.append(scratch[index]) }
        let band = Percentile.band(scratch)
        learningRates.append(band.median)
        learningRateLows.append(band.low)
        learningRateHighs.append(band.high)
    }
}
