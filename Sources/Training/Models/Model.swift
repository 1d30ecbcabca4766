public import TrainingKernels

/// A differentiable model of data: raw outputs from inputs and parameters, and the
/// backward pass that turns ∂loss/∂outputs into ∂loss/∂parameters.
///
/// Parameters live in one flat buffer; `parameterNames[i]` names parameter i so that a
/// figure can pick two by name. All buffers are the caller's: a call allocates nothing.
public protocol Model: Sendable {
    var parameterNames: [String] { get }
    /// The number of parameters, without building their names.
    var parameterCount: Int { get }
    /// How many consecutive parameters make each layer (one layer for a model without layers).
    var layerParameterCounts: [Int] { get }
    var inputCount: Int { get }
    var outputCount: Int { get }
    /// The link from raw outputs to predictions.
    var link: OutputLink { get }
    /// Scratch space per sample (activations), in Doubles.
    var workspaceCount: Int { get }
    /// The model's name as lessons write it.
    var name: String { get }

    /// Writes the raw outputs for `input` into `output`, keeping what backward needs in `workspace`.
    func forward(
        _ parameters: UnsafePointer<Double>, input: UnsafePointer<Double>,
        output: UnsafeMutablePointer<Double>, workspace: UnsafeMutablePointer<Double>)

    /// Adds ∂loss/∂parameters to `gradient`, given ∂loss/∂outputs, after `forward` on the same input.
    func backward(
        _ parameters: UnsafePointer<Double>, input: UnsafePointer<Double>,
        outputGradient: UnsafePointer<Double>, gradient: UnsafeMutablePointer<Double>,
        workspace: UnsafeMutablePointer<Double>)

    /// Doubles of workspace `kernel` needs (0 without a kernel).
    var kernelWorkspaceCount: Int { get }

    /// The batch kernel's pass over `batch` (BatchKernel.swift): Σ loss and the right
    /// predictions, with Σ ∂loss/∂parameters written into `gradient` when it is given; nil
    /// when the model has no kernel for the batch's head.
    func kernel(
        _ parameters: UnsafePointer<Double>, _ batch: KernelBatch,
        gradient: UnsafeMutablePointer<Double>?, workspace: UnsafeMutablePointer<Double>) -> DescentBatchResult?

    /// Σ loss over all of `batch` (its `indices` ignored) at each of `count` parameter vectors
    /// laid one after another, into `losses`: the same bits as `kernel` at each. False, with
    /// nothing written, when the model has no such kernel for the batch's head.
    func kernelLosses(_ points: UnsafePointer<Double>, count: Int, _ batch: KernelBatch, into losses: UnsafeMutablePointer<Double>) -> Bool

    /// Which of parameters `first` and `second` a line kernel (`kernelLineLosses`) should vary
    /// for `head`; nil when the model has none for it.
    func kernelLineParameter(_ first: Int, _ second: Int, head: DescentHead) -> Int?

    /// Doubles of workspace `kernelLineLosses` needs for `samples` samples and `points` points.
    func kernelLineWorkspaceCount(samples: Int, points: Int) -> Int

    /// Σ loss over all of `batch` at each point of a line: parameter `inner` takes each of
    /// `values`, the others are those of `base`. False, with nothing written, without a line
    /// kernel for the batch's head.
    func kernelLineLosses(
        _ base: UnsafePointer<Double>, inner: Int, values: UnsafeBufferPointer<Double>, _ batch: KernelBatch,
        into losses: UnsafeMutablePointer<Double>, workspace: UnsafeMutablePointer<Double>) -> Bool

    /// Seeded default starting parameters (zeros where that works, scaled normal weights where
    /// zeros would keep hidden units identical).
    func defaultInitialization(random: inout SeededGenerator) -> [Double]
}

extension Model {
    public var layerParameterCounts: [Int] { [parameterCount] }
}
