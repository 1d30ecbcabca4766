public import TrainingKernels

/// The batch kernels (Sources/TrainingKernels): the loss and gradient of a whole batch, eight
/// samples per instruction, for linear models and MLPs with every head. The per-sample path of
/// `Model.forward` and `backward` serves the rest (surfaces, models above the kernels' size limit) and is the
/// kernels' reference in the tests.
extension Head {
    /// The kernels' name for this head; nil for a link and loss that do not fit.
    @usableFromInline var kernelHead: DescentHead? {
        switch (link, loss) {
        case (.identity, .mse): return DescentHeadIdentityMSE
        case (.identity, .halfMSE): return DescentHeadIdentityHalfMSE
        case (.sigmoid, .bce): return DescentHeadSigmoidBCE
        case (.sigmoid, .mse): return DescentHeadSigmoidMSE
        case (.sigmoid, .halfMSE): return DescentHeadSigmoidHalfMSE
        case (.softmax, .crossEntropy): return DescentHeadSoftmaxCrossEntropy
        default: return nil
        }
    }
}

/// Whether a kernel computes `head` over `outputs` outputs: one, or one per class for softmax.
@inlinable func kernelFits(_ head: DescentHead, outputs: Int) -> Bool {
    outputs == 1 ? head != DescentHeadSoftmaxCrossEntropy : head == DescentHeadSoftmaxCrossEntropy
}

/// A pass of a batch kernel over some samples of a dataset.
public struct KernelBatch {
    public let features: UnsafePointer<Double>
    public let targets: UnsafePointer<Double>
    /// The samples' indices; nil means samples 0..<count in order.
    public let indices: UnsafePointer<Int>?
    public let count: Int
    public let head: DescentHead

    @inlinable
    public init(features: UnsafePointer<Double>, targets: UnsafePointer<Double>, indices: UnsafePointer<Int>?, count: Int, head: DescentHead) {
        self.features = features
        self.targets = targets
        self.indices = indices
        self.count = count
        self.head = head
    }
}

extension Model {
    /// Models without a kernel.
    @inlinable public var kernelWorkspaceCount: Int { 0 }

    @inlinable
    public func kernel(
        _ parameters: UnsafePointer<Double>, _ batch: KernelBatch,
        gradient: UnsafeMutablePointer<Double>?, workspace: UnsafeMutablePointer<Double>
    ) -> DescentBatchResult? { nil }

    @inlinable
    public func kernelLosses(_ points: UnsafePointer<Double>, count: Int, _ batch: KernelBatch, into losses: UnsafeMutablePointer<Double>) -> Bool {
        false
    }

    @inlinable public func kernelLineParameter(_ first: Int, _ second: Int, head: DescentHead) -> Int? { nil }

    @inlinable public func kernelLineWorkspaceCount(samples: Int, points: Int) -> Int { 0 }

    @inlinable
    public func kernelLineLosses(
        _ base: UnsafePointer<Double>, inner: Int, values: UnsafeBufferPointer<Double>, _ batch: KernelBatch,
        into losses: UnsafeMutablePointer<Double>, workspace: UnsafeMutablePointer<Double>
    ) -> Bool { false }
}

extension LinearModel {
    /// A softmax model's parameters (W row per class, then b) are those of an MLP without
    /// hidden layers, whose kernel it uses: `body` gets those two widths, or nil when the
    /// model is above the kernels' size limit.
    @inlinable @inline(__always)
    func withSoftmaxWidths<R>(_ body: (UnsafePointer<Int>) -> R) -> R? {
        guard parameterCount <= MLP.largestKernelModel else { return nil }
        return withUnsafePointer(to: (inputCount, outputCount)) { body(UnsafeRawPointer($0).assumingMemoryBound(to: Int.self)) }
    }

    /// Doubles of workspace the kernel needs.
    @inlinable public var kernelWorkspaceCount: Int {
        if outputCount == 1 { return descent_linear_workspace(inputCount) }
        return withSoftmaxWidths { descent_mlp_workspace($0, 2) } ?? 0
    }

    /// Σ loss and right predictions over the batch, writing Σ ∂loss/∂θ into `gradient` when
    /// it is given.
    @inlinable @inline(__always)
    public func kernel(
        _ parameters: UnsafePointer<Double>, _ batch: KernelBatch,
        gradient: UnsafeMutablePointer<Double>?, workspace: UnsafeMutablePointer<Double>
    ) -> DescentBatchResult? {
        guard kernelFits(batch.head, outputs: outputCount) else { return nil }
        if outputCount == 1 {
            return descent_linear_batch(
                parameters, inputCount, batch.features, batch.targets, batch.indices, batch.count, batch.head, gradient, workspace)
        }
        return withSoftmaxWidths {
            descent_mlp_batch(
                $0, 2, DescentActivationTanh /* unused: no hidden layer */, parameters, batch.features, batch.targets,
                batch.indices, batch.count, batch.head, gradient, workspace)
        }
    }
}

extension LinearModel {
    /// One output: `descent_linear_losses`, two points per pass over the data.
    @inlinable
    public func kernelLosses(_ points: UnsafePointer<Double>, count: Int, _ batch: KernelBatch, into losses: UnsafeMutablePointer<Double>) -> Bool {
        guard outputCount == 1, kernelFits(batch.head, outputs: 1) else { return false }
        return descent_linear_losses(points, count, inputCount, batch.features, batch.targets, batch.count, batch.head, losses) != 0
    }

    /// One sigmoid output with cross-entropy: `descent_linear_bce_line`, which varies the bias
    /// (its last parameter) fastest when it can, since then e^(−|z|) needs no exponential.
    @inlinable public func kernelLineParameter(_ first: Int, _ second: Int, head: DescentHead) -> Int? {
        guard outputCount == 1, head == DescentHeadSigmoidBCE else { return nil }
        return second == inputCount ? second : first
    }

    @inlinable public func kernelLineWorkspaceCount(samples: Int, points: Int) -> Int {
        descent_linear_line_workspace(samples, points)
    }

    @inlinable
    public func kernelLineLosses(
        _ base: UnsafePointer<Double>, inner: Int, values: UnsafeBufferPointer<Double>, _ batch: KernelBatch,
        into losses: UnsafeMutablePointer<Double>, workspace: UnsafeMutablePointer<Double>
    ) -> Bool {
        guard kernelLineParameter(inner, inner, head: batch.head) != nil, let first = values.baseAddress else { return false }
        return descent_linear_bce_line(
            base, inputCount, inner, first, values.count, batch.features, batch.targets, batch.count, losses, workspace) != 0
    }
}

extension MLP {
    /// The kernel keeps a gradient sum per lane, so networks (and softmax models) with more
    /// parameters than this use the per-sample path instead of a workspace of tens of megabytes.
    @inlinable static var largestKernelModel: Int { 262_144 }

    @inlinable public var kernelWorkspaceCount: Int {
        guard parameterCount <= MLP.largestKernelModel else { return 0 }
        return widths.withUnsafeBufferPointer { descent_mlp_workspace($0.baseAddress, $0.count) }
    }

    @inlinable @inline(__always)
    public func kernel(
        _ parameters: UnsafePointer<Double>, _ batch: KernelBatch,
        gradient: UnsafeMutablePointer<Double>?, workspace: UnsafeMutablePointer<Double>
    ) -> DescentBatchResult? {
        guard kernelFits(batch.head, outputs: outputCount), parameterCount <= MLP.largestKernelModel else { return nil }
        let activation: DescentActivation
        switch self.activation {
        case .tanh: activation = DescentActivationTanh
        case .relu: activation = DescentActivationReLU
        case .sigmoid: activation = DescentActivationSigmoid
        }
        return widths.withUnsafeBufferPointer { widths in
            descent_mlp_batch(
                widths.baseAddress, widths.count, activation, parameters, batch.features, batch.targets,
                batch.indices, batch.count, batch.head, gradient, workspace)
        }
    }
}
