import Foundation
import Testing
import TrainingKernels
@testable import Training

/// The batch kernels against the per-sample path they replace (`accumulate`, one sample at a
/// time through `Model.forward`, `Head` and `Model.backward`).
@Suite struct BatchKernelTests {
    /// Loss and gradient of `batch` through the kernel (`lossAndGradient`) and through the
    /// per-sample path, both reduced by sum.
    static func bothPaths<M: Model>(_ problem: SupervisedProblem<M>, at parameters: [Double], batch: [Int]) -> (kernel: (Double, [Double]), reference: (Double, [Double])) {
        var workspace = [Double](repeating: 0, count: max(1, problem.workspaceCount))
        var kernelGradient = [Double](repeating: .nan, count: problem.parameterCount)
        var referenceGradient = [Double](repeating: 0, count: problem.parameterCount)
        let scale = problem.reduction == .mean && !batch.isEmpty ? Double(batch.count) : 1
        let (kernelLoss, referenceLoss) = parameters.withUnsafeBufferPointer { p in
            batch.withUnsafeBufferPointer { b in
                workspace.withUnsafeMutableBufferPointer { w in
                    let kernel = kernelGradient.withUnsafeMutableBufferPointer { g in
                        problem.lossAndGradient(p.baseAddress!, batch: b, gradient: g.baseAddress!, workspace: w.baseAddress!)
                    }
                    let reference = referenceGradient.withUnsafeMutableBufferPointer { g in
                        problem.training.features.withUnsafeBufferPointer { x in
                            problem.training.targets.withUnsafeBufferPointer { y in
                                problem.accumulate(p.baseAddress!, features: x, targets: y, batch: b, gradient: g.baseAddress!, workspace: w.baseAddress!)
                            }
                        }
                    }
                    return (kernel * scale, reference)
                }
            }
        }
        return ((kernelLoss, kernelGradient.map { $0 * scale }), (referenceLoss, referenceGradient))
    }

    static func close(_ a: Double, _ b: Double) -> Bool {
        abs(a - b) <= 1e-12 * max(1, abs(a), abs(b))
    }

    /// Batches that fill no group of lanes, exactly one, one and a bit, and more, in a shuffled
    /// order with a repeated sample (indices wrap around smaller datasets).
    static let batches: [[Int]] = [[], [5], [2, 7, 1], [0, 1, 2, 3, 4, 5, 6, 7], [11, 3, 3, 8, 0, 9, 6, 2, 10], Array((0..<12).reversed())]

    @Test func kernelsAgreeWithThePerSamplePathForEveryModelHeadAndBatch() throws {
        var compared = 0
        for (index, (name, problem)) in GradientCheckTests.cases.enumerated() {
            let parameters = randomParameters(problem.parameterCount, seed: UInt64(index + 1))
            for batch in Self.batches.map({ $0.map { $0 % problem.sampleCount } }) {
                let paths: (kernel: (Double, [Double]), reference: (Double, [Double]))
                if let linear = problem as? SupervisedProblem<LinearModel> {
                    paths = Self.bothPaths(linear, at: parameters, batch: batch)
                } else if let mlp = problem as? SupervisedProblem<MLP> {
                    paths = Self.bothPaths(mlp, at: parameters, batch: batch)
                } else {
                    continue
                }
                compared += 1
                #expect(Self.close(paths.kernel.0, paths.reference.0), "\(name) batch \(batch): loss \(paths.kernel.0) against \(paths.reference.0)")
                for (k, r) in zip(paths.kernel.1, paths.reference.1) {
                    #expect(Self.close(k, r), "\(name) batch \(batch): gradient \(paths.kernel.1) against \(paths.reference.1)")
                }
            }
        }
        // 2 reductions × (2 linear + 6 logistic and neuron + 1 softmax + 3 activations × 6 MLP heads) × 6 batches.
        #expect(compared == 2 * (2 + 6 + 1 + 18) * 6)
    }

    @Test func aLinearModelWithManyFeaturesUsesTheGeneralKernel() throws {
        let data = try DataSource.linear(samples: 21, features: 7, weights: [1, -2, 0.5, 0, 3, -1, 0.25], bias: 0.3, noise: 0.2).make(seed: 4)
        let problem = try SupervisedProblem(model: LinearModel(kind: .linear, inputs: 7), loss: .mse, reduction: .mean, training: data)
        let paths = Self.bothPaths(problem, at: randomParameters(8, seed: 9), batch: Array((0..<21).reversed()))
        #expect(Self.close(paths.kernel.0, paths.reference.0))
        #expect(zip(paths.kernel.1, paths.reference.1).allSatisfy { Self.close($0, $1) }, "\(paths.kernel.1) against \(paths.reference.1)")
        #expect(checkGradient(problem, at: randomParameters(8, seed: 9)).isEmpty)
    }

    /// The kernel's evaluation (loss and right predictions) and the per-sample path's.
    static func evaluations<M: Model>(_ problem: SupervisedProblem<M>, at parameters: [Double]) -> (kernel: Evaluation, loss: Double, right: Int) {
        var workspace = [Double](repeating: 0, count: problem.workspaceCount)
        let evaluation = parameters.withUnsafeBufferPointer { p in
            workspace.withUnsafeMutableBufferPointer { problem.evaluate(p.baseAddress!, validation: false, workspace: $0.baseAddress!) }
        }
        let data = problem.training
        let outputCount = problem.model.outputCount
        var loss = 0.0
        var right = 0
        var outputs = [Double](repeating: 0, count: 2 * outputCount)
        for sample in 0..<data.sampleCount {
            parameters.withUnsafeBufferPointer { p in
                data.features.withUnsafeBufferPointer { x in
                    workspace.withUnsafeMutableBufferPointer { w in
                        outputs.withUnsafeMutableBufferPointer { o in
                            problem.model.forward(p.baseAddress!, input: x.baseAddress! + data.featureCount * sample, output: o.baseAddress!, workspace: w.baseAddress!)
                            let result = problem.head.lossAndCorrectness(
                                o.baseAddress!, count: outputCount, target: data.targets[sample], scratch: o.baseAddress! + outputCount)
                            loss += result.loss
                            if result.correct { right += 1 }
                        }
                    }
                }
            }
        }
        return (evaluation, loss / Double(data.sampleCount), right)
    }

    @Test func evaluationCountsTheSameRightPredictionsAsThePerSamplePath() throws {
        let moons = try DataSource.moons(samples: 37, noise: 0.3).make(seed: 5)
        let blobs = try DataSource.blobs(samples: 41, centers: 4, features: 3, spread: 1.5, box: 3).make(seed: 5)
        let sigmoid = try SupervisedProblem(
            model: MLP(inputs: 2, hidden: [6], outputs: 1, activation: .tanh, link: .sigmoid), loss: .bce, reduction: .mean, training: moons)
        let softmaxMLP = try SupervisedProblem(
            model: MLP(inputs: 3, hidden: [5], outputs: 4, activation: .relu, link: .softmax), loss: .crossEntropy, reduction: .mean, training: blobs)
        let softmax = try SupervisedProblem(
            model: LinearModel(kind: .softmax, inputs: 3, classes: 4), loss: .crossEntropy, reduction: .mean, training: blobs)
        let results = [
            Self.evaluations(sigmoid, at: randomParameters(sigmoid.parameterCount, seed: 3, scale: 1.5)),
            Self.evaluations(softmaxMLP, at: randomParameters(softmaxMLP.parameterCount, seed: 3, scale: 1.5)),
            Self.evaluations(softmax, at: randomParameters(softmax.parameterCount, seed: 3, scale: 1.5)),
        ]
        for (result, samples) in zip(results, [37, 41, 41]) {
            #expect(Self.close(result.kernel.loss, result.loss))
            #expect(result.kernel.accuracy == Double(result.right) / Double(samples))
            #expect(result.right > 0 && result.right < samples)
        }
    }

    /// Binary cross-entropy of one sample with logit z and a 0/1 target, and its ∂/∂z, from
    /// libm in forms that cancel nothing: −log σ(z) = log1p(e^(−z)) and σ(z) − 1 = −1/(1 + e^z)
    /// for y = 1, their mirror images for y = 0.
    static func binaryCrossEntropy(_ z: Double, _ y: Double) -> (loss: Double, dz: Double) {
        y == 1 ? (log1p(exp(-z)), -1 / (1 + exp(z))) : (log1p(exp(z)), 1 / (1 + exp(-z)))
    }

    /// A confident right answer has a loss near e^(−|z|) beside a margin term near |z|; summing
    /// the two naively loses the loss to rounding (at z = 30, y = 1, by 4%), and σ(z) − 1 loses
    /// the gradient the same way. Both the kernel and the per-sample head keep them to a few ulp.
    @Test func binaryCrossEntropyStaysAccurateForConfidentAndWrongSamples() throws {
        let head = try Head(link: .sigmoid, loss: .bce, model: "logistic")
        var worst = (kernelLoss: UInt64(0), kernelSlope: UInt64(0), headLoss: UInt64(0), headSlope: UInt64(0))
        for z in points(-40, 40, count: 2_000) + points(-700, 700, count: 2_000) + [0, 30, -30] {
            for y in [0.0, 1.0] {
                let reference = Self.binaryCrossEntropy(z, y)
                var gradient = [0.0, 0.0]
                let kernel = [1.0, 0.0].withUnsafeBufferPointer { parameters in
                    [z].withUnsafeBufferPointer { features in
                        [y].withUnsafeBufferPointer { targets in
                            [0].withUnsafeBufferPointer { batch in
                                gradient.withUnsafeMutableBufferPointer { g in
                                    var workspace = [Double](repeating: 0, count: descent_linear_workspace(1))
                                    return descent_linear_batch(
                                        parameters.baseAddress, 1, features.baseAddress, targets.baseAddress, batch.baseAddress, 1,
                                        DescentHeadSigmoidBCE, g.baseAddress, &workspace)
                                }
                            }
                        }
                    }
                }
                var logit = z
                var slope = 0.0
                let loss = head.lossAndGradient(&logit, count: 1, target: y, dz: &slope)
                worst.kernelLoss = max(worst.kernelLoss, ulps(kernel.loss, reference.loss))
                worst.kernelSlope = max(worst.kernelSlope, ulps(gradient[1], reference.dz))
                worst.headLoss = max(worst.headLoss, ulps(loss, reference.loss))
                worst.headSlope = max(worst.headSlope, ulps(slope, reference.dz))
            }
        }
        // Measured: 2 ulp for the losses, 3 for the slopes.
        #expect(worst.kernelLoss <= 4 && worst.kernelSlope <= 4, "\(worst)")
        #expect(worst.headLoss <= 4 && worst.headSlope <= 4, "\(worst)")
    }

    /// Softmax cross-entropy of one sample with outputs z and class y, and its ∂/∂z, from libm
    /// relative to z_y: ln(1 + Σ_{k≠y} e^(z_k − z_y)), with softmax(z)_y − 1 = −Σ/(1 + Σ).
    static func softmaxCrossEntropy(_ z: [Double], _ y: Int) -> (loss: Double, dz: [Double]) {
        let others = z.indices.filter { $0 != y }.map { exp(z[$0] - z[y]) }
        let rest = others.reduce(0, +)
        let dz = z.indices.map { $0 == y ? -rest / (1 + rest) : exp(z[$0] - z[y]) / (1 + rest) }
        return (log1p(rest), dz)
    }

    /// The same for softmax: a confident right answer (z = (30, 0, −30), y = 0 has loss
    /// 9.4·10⁻¹⁴) must not round away, nor may a wrong one, through the kernel (a softmax
    /// model with W = 0, x = 1 and the outputs as biases) and the per-sample head.
    @Test func softmaxCrossEntropyStaysAccurateForConfidentAndWrongSamples() throws {
        let head = try Head(link: .softmax, loss: .crossEntropy, model: "softmax")
        var random = SeededGenerator(seed: 12)
        // Multiples of 1/64, so that differences of outputs are exact in both computations.
        var cases = [([30.0, 0, -30], 0), ([0, 30, -30], 0), ([1e-3, 0, 0], 0), ([5, 5, 5], 2)]
        for _ in 0..<2_000 {
            cases.append(((0..<3).map { _ in (random.uniform(-40, 40) * 64).rounded() / 64 }, Int(random.uniform(0, 3))))
        }
        // Sample k has x = 1 and class k.
        let data = try DataSource.points(features: [[1], [1], [1]], targets: [0, 1, 2], classification: true).make(seed: 0)
        let problem = try SupervisedProblem(
            model: LinearModel(kind: .softmax, inputs: 1, classes: 3), loss: .crossEntropy, reduction: .sum, training: data)
        var worst = (kernelLoss: UInt64(0), kernelSlope: UInt64(0), headLoss: UInt64(0), headSlope: UInt64(0))
        for (z, y) in cases {
            let reference = Self.softmaxCrossEntropy(z, y)
            var gradient = [Double](repeating: .nan, count: 6)
            var workspace = [Double](repeating: 0, count: problem.workspaceCount)
            let loss = ([0, 0, 0] + z).withUnsafeBufferPointer { p in
                [y].withUnsafeBufferPointer { batch in
                    problem.lossAndGradient(p.baseAddress!, batch: batch, gradient: &gradient, workspace: &workspace)
                }
            }
            var outputs = z
            var slopes = [0.0, 0.0, 0.0]
            let headLoss = head.lossAndGradient(&outputs, count: 3, target: Double(y), dz: &slopes)
            worst.kernelLoss = max(worst.kernelLoss, ulps(loss, reference.loss))
            worst.headLoss = max(worst.headLoss, ulps(headLoss, reference.loss))
            for k in 0..<3 {
                worst.kernelSlope = max(worst.kernelSlope, ulps(gradient[3 + k], reference.dz[k]))
                worst.headSlope = max(worst.headSlope, ulps(slopes[k], reference.dz[k]))
            }
        }
        // Measured: 2 ulp for the losses, 3 for the slopes.
        #expect(worst.kernelLoss <= 4 && worst.kernelSlope <= 4, "\(worst)")
        #expect(worst.headLoss <= 4 && worst.headSlope <= 4, "\(worst)")
    }

    /// A kernel keeps a gradient sum per lane and parameter, so models above 262,144
    /// parameters take the per-sample path rather than tens of megabytes of workspace.
    @Test func modelsAboveTheKernelLimitTakeThePerSamplePath() throws {
        let wide = try DataSource.blobs(samples: 5, centers: 2, features: 512, spread: 1, box: 3).make(seed: 2)
        // 32 classes of 8,193 features (a CSV's reach; the generators stop at 1,000 features).
        var random = SeededGenerator(seed: 4)
        let widest = try Dataset(
            features: (0..<5 * 8_193).map { _ in random.normal() }, targets: [0, 31, 7, 7, 2], featureCount: 8_193, classCount: 32)
        let mlp = try SupervisedProblem(
            model: MLP(inputs: 512, hidden: [512], outputs: 1, activation: .tanh, link: .sigmoid), loss: .bce, reduction: .mean, training: wide)
        let softmax = try SupervisedProblem(
            model: LinearModel(kind: .softmax, inputs: 8_193, classes: 32), loss: .crossEntropy, reduction: .mean, training: widest)
        #expect(mlp.parameterCount == 263_169 && softmax.parameterCount == 262_208)
        #expect(mlp.model.kernelWorkspaceCount == 0 && softmax.model.kernelWorkspaceCount == 0)
        func kernelPass(_ problem: SupervisedProblem<some Model>) -> DescentBatchResult? {
            var workspace = [Double](repeating: 0, count: problem.workspaceCount)
            return randomParameters(problem.parameterCount, seed: 1, scale: 0.01).withUnsafeBufferPointer { p in
                problem.kernelPass(p.baseAddress!, data: problem.training, indices: nil, count: 5, gradient: nil, workspace: &workspace)
            }
        }
        #expect(kernelPass(mlp) == nil && kernelPass(softmax) == nil)
        for full in [mlp.fullLossAndGradient(at: randomParameters(mlp.parameterCount, seed: 1, scale: 0.01)),
                     softmax.fullLossAndGradient(at: randomParameters(softmax.parameterCount, seed: 1, scale: 0.01))] {
            #expect(full.loss.isFinite && full.loss > 0 && full.gradient.allSatisfy(\.isFinite))
        }
    }

    @Test func theGenericAndAVX2CopiesGiveTheSameBits() throws {
        let moons = try DataSource.moons(samples: 29, noise: 0.2).make(seed: 6)
        let logistic = try SupervisedProblem(model: LinearModel(kind: .logistic, inputs: 2), loss: .bce, reduction: .mean, training: moons)
        let mlp = try SupervisedProblem(
            model: MLP(inputs: 2, hidden: [5, 4], outputs: 1, activation: .tanh, link: .sigmoid), loss: .bce, reduction: .sum, training: moons)
        func bits(_ problem: some TrainingProblem, seed: UInt64) -> [UInt64] {
            let result = problem.fullLossAndGradient(at: randomParameters(problem.parameterCount, seed: seed, scale: 3))
            return ([result.loss] + result.gradient).map(\.bitPattern)
        }
        let blobs = try DataSource.blobs(samples: 29, centers: 3, features: 2, spread: 1, box: 3).make(seed: 6)
        let softmax = try SupervisedProblem(
            model: MLP(inputs: 2, hidden: [5], outputs: 3, activation: .sigmoid, link: .softmax), loss: .crossEntropy, reduction: .mean, training: blobs)
        let fast = (bits(logistic, seed: 1), bits(mlp, seed: 2), bits(softmax, seed: 3))
        let hadAVX2 = descent_kernels_use_avx2(1) == 1
        _ = descent_kernels_use_avx2(0)
        let generic = (bits(logistic, seed: 1), bits(mlp, seed: 2), bits(softmax, seed: 3))
        _ = descent_kernels_use_avx2(1)
        #expect(fast.0 == generic.0)
        #expect(fast.1 == generic.1)
        #expect(fast.2 == generic.2)
        // On this machine kind both copies ran.
        #expect(hadAVX2)
    }
}
