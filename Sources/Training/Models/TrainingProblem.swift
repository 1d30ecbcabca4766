public import TrainingKernels

/// What the trainer minimises: a surface, or a model with a loss on a dataset.
public protocol TrainingProblem: Sendable {
    var parameterNames: [String] { get }
    /// The number of parameters, without building their names.
    var parameterCount: Int { get }
    /// How many consecutive parameters make each layer, for per-layer gradient norms; one
    /// layer of every parameter unless the model has layers.
    var layerParameterCounts: [Int] { get }
    /// Samples per epoch; a surface counts as one sample, so one step is one epoch.
    var sampleCount: Int { get }
    /// Scratch Doubles the problem needs per evaluation.
    var workspaceCount: Int { get }
    /// Standard deviation of Gaussian noise the trainer adds to each gradient component.
    var gradientNoise: Double { get }
    var hasValidation: Bool { get }
    var isClassification: Bool { get }

    /// The reduced loss of the samples `batch` at `parameters`, writing its gradient into
    /// `gradient` (overwritten, not added to).
    func lossAndGradient(
        _ parameters: UnsafePointer<Double>, batch: UnsafeBufferPointer<Int>,
        gradient: UnsafeMutablePointer<Double>, workspace: UnsafeMutablePointer<Double>) -> Double

    /// The reduced loss over the whole training (or validation) set, and the accuracy for
    /// classification.
    func evaluate(_ parameters: UnsafePointer<Double>, validation: Bool, workspace: UnsafeMutablePointer<Double>) -> Evaluation

    /// The reduced training loss at each of `count` parameter vectors laid one after another
    /// (`parameterCount` each), into `losses[0..<count]`: the same bits as `evaluate` at each,
    /// possibly faster (a loss grid's row).
    func trainingLosses(
        _ points: UnsafePointer<Double>, count: Int, into losses: UnsafeMutablePointer<Double>, workspace: UnsafeMutablePointer<Double>)

    /// Which of parameters `first` and `second` `lineLosses` should vary along a line, or nil
    /// when it makes no difference (no line kernel: a line is a row of points for
    /// `trainingLosses`).
    func lineParameter(_ first: Int, _ second: Int) -> Int?

    /// Doubles of workspace `lineLosses` needs for `points` points.
    func lineWorkspaceCount(points: Int) -> Int

    /// The reduced training loss at each point of a line: parameter `inner` takes each of
    /// `values`, the others are those of `base`. Through a line kernel (where `lineParameter`
    /// names one) not necessarily `evaluate`'s bits: within a few units in the last place of
    /// the exact loss, or 2⁻⁵² per sample where the loss is that small; otherwise `evaluate`'s
    /// bits. Either way the same bits on every machine.
    func lineLosses(
        _ base: UnsafePointer<Double>, inner: Int, values: UnsafeBufferPointer<Double>,
        into losses: UnsafeMutablePointer<Double>, workspace: UnsafeMutablePointer<Double>)
}

extension TrainingProblem {
    public var layerParameterCounts: [Int] { [parameterCount] }

    public func trainingLosses(
        _ points: UnsafePointer<Double>, count: Int, into losses: UnsafeMutablePointer<Double>, workspace: UnsafeMutablePointer<Double>
    ) {
        evaluatePointByPoint(points, count: count, into: losses, workspace: workspace)
    }

    public func lineParameter(_ first: Int, _ second: Int) -> Int? { nil }

    public func lineWorkspaceCount(points: Int) -> Int { workspaceCount }

    public func lineLosses(
        _ base: UnsafePointer<Double>, inner: Int, values: UnsafeBufferPointer<Double>,
        into losses: UnsafeMutablePointer<Double>, workspace: UnsafeMutablePointer<Double>
    ) {
        lineLossesPointByPoint(base, inner: inner, values: values, into: losses, workspace: workspace)
    }

    /// `lineLosses` as a row of points for `trainingLosses`, whose workspace `workspace` is.
    func lineLossesPointByPoint(
        _ base: UnsafePointer<Double>, inner: Int, values: UnsafeBufferPointer<Double>,
        into losses: UnsafeMutablePointer<Double>, workspace: UnsafeMutablePointer<Double>
    ) {
        var points = [Double]()
        points.reserveCapacity(values.count * parameterCount)
        for value in values {
            points.append(contentsOf: UnsafeBufferPointer(start: base, count: parameterCount))
            points[points.count - parameterCount + inner] = value
        }
        points.withUnsafeBufferPointer { row in
            guard let first = row.baseAddress else { return }
            trainingLosses(first, count: values.count, into: losses, workspace: workspace)
        }
    }

    /// `trainingLosses` by one `evaluate` per point.
    func evaluatePointByPoint(
        _ points: UnsafePointer<Double>, count: Int, into losses: UnsafeMutablePointer<Double>, workspace: UnsafeMutablePointer<Double>
    ) {
        for point in 0..<count {
            losses[point] = evaluate(points + point * parameterCount, validation: false, workspace: workspace).loss
        }
    }
}

/// A full-dataset evaluation.
public struct Evaluation: Hashable, Codable, Sendable {
    public var loss: Double
    public var accuracy: Double?
}

extension Surface: TrainingProblem {
    public var parameterCount: Int { 2 }
    public var sampleCount: Int { 1 }
    public var workspaceCount: Int { 0 }
    public var hasValidation: Bool { false }
    public var isClassification: Bool { false }

    public func lossAndGradient(
        _ parameters: UnsafePointer<Double>, batch: UnsafeBufferPointer<Int>,
        gradient: UnsafeMutablePointer<Double>, workspace: UnsafeMutablePointer<Double>
    ) -> Double {
        let g = self.gradient(x: parameters[0], y: parameters[1])
        gradient[0] = g.x
        gradient[1] = g.y
        return value(x: parameters[0], y: parameters[1])
    }

    public func evaluate(_ parameters: UnsafePointer<Double>, validation: Bool, workspace: UnsafeMutablePointer<Double>) -> Evaluation {
        Evaluation(loss: value(x: parameters[0], y: parameters[1]), accuracy: nil)
    }
}

/// A model, its head (link and loss), a reduction and the data it learns from.
public struct SupervisedProblem<M: Model>: TrainingProblem {
    public let model: M
    public let head: Head
    public let reduction: Reduction
    public let training: Dataset
    public let validation: Dataset?

    public init(model: M, loss: Loss, reduction: Reduction, training: Dataset, validation: Dataset? = nil) throws {
        guard training.featureCount == model.inputCount else {
            throw TrainingError.invalidValue(name: "features", value: "\(training.featureCount) per sample", allowed: "\(model.inputCount), the model's inputs")
        }
        for data in [training] + (validation.map { [$0] } ?? []) {
            switch model.link {
            case .identity:
                break
            case .sigmoid:
                if let classes = data.classCount, classes != 2 {
                    throw TrainingError.invalidValue(name: "classes", value: "\(classes)", allowed: "2 for a model with one sigmoid output; use softmax with cross-entropy")
                }
                if let bad = data.targets.firstIndex(where: { !(0...1).contains($0) }) {
                    throw TrainingError.invalidValue(name: "target of sample \(bad + 1)", value: "\(data.targets[bad])", allowed: "between 0 and 1 for the \(model.name) model")
                }
            case .softmax:
                guard let classes = data.classCount, classes == model.outputCount else {
                    throw TrainingError.invalidValue(name: "data", value: data.classCount.map { "\($0) classes" } ?? "regression data", allowed: "classification data with \(model.outputCount) classes for the \(model.name) model")
                }
            }
        }
        self.model = model
        self.head = try Head(link: model.link, loss: loss, model: model.name)
        self.reduction = reduction
        self.training = training
        self.validation = validation
    }

    public var parameterNames: [String] { model.parameterNames }
    public var parameterCount: Int { model.parameterCount }
    public var layerParameterCounts: [Int] { model.layerParameterCounts }
    public var sampleCount: Int { training.sampleCount }
    public var gradientNoise: Double { 0 }
    public var hasValidation: Bool { validation != nil }
    /// Accuracy is reported for class labels with a sigmoid or softmax output.
    public var isClassification: Bool { model.link != .identity && training.classCount != nil }

    /// Model activations, then the outputs and their gradient; or the kernel's workspace.
    public var workspaceCount: Int { max(model.workspaceCount + 2 * model.outputCount, model.kernelWorkspaceCount) }

    @inlinable @inline(__always)
    public func lossAndGradient(
        _ parameters: UnsafePointer<Double>, batch: UnsafeBufferPointer<Int>,
        gradient: UnsafeMutablePointer<Double>, workspace: UnsafeMutablePointer<Double>
    ) -> Double {
        let count = model.parameterCount
        let total: Double
        if let result = kernelPass(parameters, data: training, indices: batch.baseAddress, count: batch.count, gradient: gradient, workspace: workspace) {
            total = result.loss
        } else {
            gradient.update(repeating: 0, count: count)
            total = training.features.withUnsafeBufferPointer { x in
                training.targets.withUnsafeBufferPointer { y in
                    accumulate(parameters, features: x, targets: y, batch: batch, gradient: gradient, workspace: workspace)
                }
            }
        }
        if reduction == .mean, batch.count > 0 {
            let scale = 1 / Double(batch.count)
            for i in 0..<count { gradient[i] *= scale }
            return total * scale
        }
        return total
    }

    /// The batch kernel's pass over `count` samples of `data` (`indices`, or the first `count`
    /// in order when nil); nil when the model has no kernel for this head.
    @inlinable @inline(__always)
    func kernelPass(
        _ parameters: UnsafePointer<Double>, data: Dataset, indices: UnsafePointer<Int>?, count: Int,
        gradient: UnsafeMutablePointer<Double>?, workspace: UnsafeMutablePointer<Double>
    ) -> DescentBatchResult? {
        guard let head = head.kernelHead else { return nil }
        return data.features.withUnsafeBufferPointer { x in
            data.targets.withUnsafeBufferPointer { y in
                guard let features = x.baseAddress, let targets = y.baseAddress else { return nil }
                return model.kernel(
                    parameters, KernelBatch(features: features, targets: targets, indices: indices, count: count, head: head),
                    gradient: gradient, workspace: workspace)
            }
        }
    }

    /// Σ loss over the batch, adding Σ ∂loss/∂θ to `gradient`: the per-sample path.
    @inlinable @inline(__always)
    func accumulate(
        _ parameters: UnsafePointer<Double>, features: UnsafeBufferPointer<Double>, targets: UnsafeBufferPointer<Double>,
        batch: UnsafeBufferPointer<Int>, gradient: UnsafeMutablePointer<Double>, workspace: UnsafeMutablePointer<Double>
    ) -> Double {
        guard let base = features.baseAddress else { return 0 }
        let outputs = workspace + model.workspaceCount
        let outputGradient = outputs + model.outputCount
        let width = training.featureCount
        let outputCount = model.outputCount
        var total = 0.0
        for index in batch {
            let input = base + index * width
            model.forward(parameters, input: input, output: outputs, workspace: workspace)
            total += head.lossAndGradient(outputs, count: outputCount, target: targets[index], dz: outputGradient)
            model.backward(parameters, input: input, outputGradient: outputGradient, gradient: gradient, workspace: workspace)
        }
        return total
    }

    public func evaluate(_ parameters: UnsafePointer<Double>, validation: Bool, workspace: UnsafeMutablePointer<Double>) -> Evaluation {
        guard let data = validation ? self.validation : training else { return Evaluation(loss: .nan, accuracy: nil) }
        var total = 0.0
        var correct = 0
        if let result = kernelPass(parameters, data: data, indices: nil, count: data.sampleCount, gradient: nil, workspace: workspace) {
            total = result.loss
            correct = result.correct
        } else {
            let outputs = workspace + model.workspaceCount
            let scratch = outputs + model.outputCount
            data.features.withUnsafeBufferPointer { x in
                guard let base = x.baseAddress else { return }
                for index in 0..<data.sampleCount {
                    model.forward(parameters, input: base + index * data.featureCount, output: outputs, workspace: workspace)
                    let result = head.lossAndCorrectness(outputs, count: model.outputCount, target: data.targets[index], scratch: scratch)
                    total += result.loss
                    if result.correct { correct += 1 }
                }
            }
        }
        let loss = reduction == .mean ? total / Double(data.sampleCount) : total
        return Evaluation(loss: loss, accuracy: isClassification ? Double(correct) / Double(data.sampleCount) : nil)
    }

    /// Through the model's several-point kernel where it has one (a one-output linear model),
    /// reduced as `evaluate` reduces.
    public func trainingLosses(
        _ points: UnsafePointer<Double>, count: Int, into losses: UnsafeMutablePointer<Double>, workspace: UnsafeMutablePointer<Double>
    ) {
        let summed = head.kernelHead.map { head in
            training.features.withUnsafeBufferPointer { x in
                training.targets.withUnsafeBufferPointer { y in
                    guard let features = x.baseAddress, let targets = y.baseAddress else { return false }
                    return model.kernelLosses(
                        points, count: count, KernelBatch(features: features, targets: targets, indices: nil, count: training.sampleCount, head: head),
                        into: losses)
                }
            }
        } ?? false
        guard summed else { return evaluatePointByPoint(points, count: count, into: losses, workspace: workspace) }
        if reduction == .mean {
            for point in 0..<count { losses[point] /= Double(training.sampleCount) }
        }
    }

    public func lineParameter(_ first: Int, _ second: Int) -> Int? {
        head.kernelHead.flatMap { model.kernelLineParameter(first, second, head: $0) }
    }

    public func lineWorkspaceCount(points: Int) -> Int {
        max(workspaceCount, model.kernelLineWorkspaceCount(samples: training.sampleCount, points: points))
    }

    public func lineLosses(
        _ base: UnsafePointer<Double>, inner: Int, values: UnsafeBufferPointer<Double>,
        into losses: UnsafeMutablePointer<Double>, workspace: UnsafeMutablePointer<Double>
    ) {
        let summed = head.kernelHead.map { head in
            training.features.withUnsafeBufferPointer { x in
                training.targets.withUnsafeBufferPointer { y in
                    guard let features = x.baseAddress, let targets = y.baseAddress else { return false }
                    return model.kernelLineLosses(
                        base, inner: inner, values: values,
                        KernelBatch(features: features, targets: targets, indices: nil, count: training.sampleCount, head: head),
                        into: losses, workspace: workspace)
                }
            }
        } ?? false
        guard summed else { return lineLossesPointByPoint(base, inner: inner, values: values, into: losses, workspace: workspace) }
        if reduction == .mean {
            for point in 0..<values.count { losses[point] /= Double(training.sampleCount) }
        }
    }
}

extension TrainingProblem {
    /// The loss and gradient over the whole training set (or a surface) at `parameters`.
    public func fullLossAndGradient(at parameters: [Double]) -> (loss: Double, gradient: [Double]) {
        var gradient = [Double](repeating: 0, count: parameterCount)
        var workspace = [Double](repeating: 0, count: max(1, workspaceCount))
        let all = Array(0..<sampleCount)
        let loss = parameters.withUnsafeBufferPointer { point in
            all.withUnsafeBufferPointer { batch in
                gradient.withUnsafeMutableBufferPointer { g in
                    workspace.withUnsafeMutableBufferPointer { w in
                        lossAndGradient(point.baseAddress!, batch: batch, gradient: g.baseAddress!, workspace: w.baseAddress!)
                    }
                }
            }
        }
        return (loss, gradient)
    }

    /// The full training loss at `parameters`.
    public func loss(at parameters: [Double]) -> Double {
        var workspace = [Double](repeating: 0, count: max(1, workspaceCount))
        return parameters.withUnsafeBufferPointer { point in
            workspace.withUnsafeMutableBufferPointer { evaluate(point.baseAddress!, validation: false, workspace: $0.baseAddress!).loss }
        }
    }
}
