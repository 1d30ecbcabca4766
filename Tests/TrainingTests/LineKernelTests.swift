import Foundation
import Testing
import TrainingKernels
@testable import Training

/// The logistic regression's line kernel (`descent_linear_bce_line`), which a loss grid uses:
/// a lane's ln(1 + e^(−|z|)) terms summed as the logarithm of their product, and along the
/// bias e^(−|z|) as a product of precomputed exponentials.
@Suite struct LineKernelTests {
    /// 5003 moons: a partial last group of lanes, and more samples (4096) than one product holds.
    static func logistic(samples: Int = 5003, reduction: Reduction = .mean) throws -> SupervisedProblem<LinearModel> {
        let moons = try DataSource.moons(samples: samples, noise: 0.2).make(seed: 3)
        return try SupervisedProblem(model: LinearModel(kind: .logistic, inputs: 2), loss: .bce, reduction: reduction, training: moons)
    }

    static func line(_ problem: some TrainingProblem, base: [Double], inner: Int, values: [Double]) -> [Double] {
        var losses = [Double](repeating: .nan, count: values.count)
        var workspace = [Double](repeating: 0, count: max(1, problem.lineWorkspaceCount(points: values.count)))
        base.withUnsafeBufferPointer { base in
            values.withUnsafeBufferPointer { values in
                losses.withUnsafeMutableBufferPointer { out in
                    workspace.withUnsafeMutableBufferPointer {
                        problem.lineLosses(base.baseAddress!, inner: inner, values: values, into: out.baseAddress!, workspace: $0.baseAddress!)
                    }
                }
            }
        }
        return losses
    }

    static func exact(_ problem: some TrainingProblem, base: [Double], inner: Int, values: [Double]) -> [Double] {
        values.map { value in
            var point = base
            point[inner] = value
            return problem.loss(at: point)
        }
    }

    /// The loss at each point summed with compensation (Neumaier) from libm's log1p and exp:
    /// a reference a few units in the last place more accurate than either sum.
    static func reference(_ problem: SupervisedProblem<LinearModel>, base: [Double], inner: Int, values: [Double]) -> [Double] {
        let data = problem.training
        return values.map { value in
            var point = base
            point[inner] = value
            var sum = 0.0, compensation = 0.0
            for i in 0..<data.sampleCount {
                let z = point[0] * data.features[2 * i] + point[1] * data.features[2 * i + 1] + point[2]
                let y = data.targets[i]
                let term = Foundation.log1p(Foundation.exp(-abs(z))) + (z >= 0 ? (1 - y) * z : -y * z)
                let next = sum + term
                compensation += abs(sum) >= abs(term) ? (sum - next) + term : (term - next) + sum
                sum = next
            }
            let total = sum + compensation
            return problem.reduction == .mean ? total / Double(data.sampleCount) : total
        }
    }

    @Test func theKernelVariesTheBiasWhenItCan() throws {
        let problem = try Self.logistic()
        #expect(problem.lineParameter(0, 2) == 2)
        #expect(problem.lineParameter(2, 1) == 2)
        #expect(problem.lineParameter(1, 0) == 1)
        #expect(problem.lineParameter(0, 1) == 0)
        let squares = try SupervisedProblem(
            model: LinearModel(kind: .logistic, inputs: 2), loss: .mse, reduction: .mean, training: try DataSource.moons(samples: 20, noise: 0.2).make(seed: 3))
        #expect(squares.lineParameter(0, 2) == nil)
    }

    /// Along the bias (two multiplications per sample) and along a weight (an exponential), near
    /// the minimum and far from it, where most samples' e^(−|z|) underflow; and along the bias
    /// beyond ±350, where e^(±b) would overflow and the kernel takes the exponential path.
    /// Rounding 1 + e^(−|z|) and multiplying it into the product each cost at most 2⁻⁵³ of
    /// ln(product), so besides a few units in the last place the sum may be off by 2⁻⁵² per
    /// sample: 2.2·10⁻¹⁶ on the mean loss, which matters only where the loss is that small.
    @Test(arguments: [2, 7, 8, 9, 5003])
    func aLineIsTheLossWithinAFewUnitsInTheLastPlaceOrTwoToTheMinus52PerSample(samples: Int) throws {
        for reduction in [Reduction.mean, .sum] {
            let problem = try Self.logistic(samples: samples, reduction: reduction)
            let perSample = 0x1p-52 * (reduction == .mean ? 1 : Double(samples))
            let near = stride(from: -6.0, through: 6, by: 0.25).map { $0 }
            for (inner, values) in [(2, near), (0, near), (1, near), (2, [-400, -2, 0, 3, 351]), (0, [-900, 900])] {
                for base in [[1.2, -3.1, 0.4], [0, 0, 0], [40, -25, 3]] {
                    let line = Self.line(problem, base: base, inner: inner, values: values)
                    let reference = Self.reference(problem, base: base, inner: inner, values: values)
                    for (value, (loss, expected)) in zip(values, zip(line, reference)) {
                        #expect(abs(loss - expected) <= 4e-15 * expected + perSample,
                                "\(samples) samples, \(reduction), parameter \(inner) at \(value), base \(base): \(loss) against \(expected)")
                    }
                }
            }
        }
    }

    /// Where every sample is classified right with a wide margin, each e^(−|z|) is far below
    /// 2⁻⁵³ and 1 + e rounds to 1: the loss is what the rounding lost, kept in full, not 0.
    @Test func aConfidentRegionKeepsItsTinyLoss() throws {
        let problem = try Self.logistic(samples: 2, reduction: .sum)
        for values in [[-900.0], [-2000, -900]] {
            let line = Self.line(problem, base: [0, 0, 0], inner: 0, values: values)
            let reference = Self.reference(problem, base: [0, 0, 0], inner: 0, values: values)
            for (loss, expected) in zip(line, reference) {
                #expect(expected > 0 && expected < 1e-9)
                #expect(abs(loss - expected) <= 1e-14 * expected, "\(values): \(loss) against \(expected)")
            }
        }
    }

    /// Along the bias the kernel takes the points in lanes and the samples one by one, and
    /// sums the linear part by each sample's first point with z ≥ 0: exact for unevenly spaced
    /// points, points between which no sample changes side or many do, soft labels (m = 1 − y
    /// and −y both nonzero), a point where every sample is confidently right (each 1 + e
    /// rounds to 1, and the tiny loss is kept) and the points before the last lane of a chunk.
    @Test func alongTheBiasEveryPointIsTheLoss() throws {
        var state: UInt64 = 11
        func random() -> Double {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(state >> 11) / Double(1 << 53)
        }
        let count = 1500
        // x₁ at least ½ from 0 on either side, x₂ anywhere in −2…2.
        let features = (0..<2 * count).map { index in
            index % 2 == 1 ? 4 * random() - 2 : (random() < 0.5 ? -1 : 1) * (0.5 + 1.5 * random())
        }
        let soft = (0..<count).map { _ in random() }
        let sides = (0..<count).map { features[2 * $0] > 0 ? 1.0 : 0 }
        for targets in [soft, sides] {
            let data = try Dataset(features: features, targets: targets, featureCount: 2, classCount: nil)
            let problem = try SupervisedProblem(model: LinearModel(kind: .logistic, inputs: 2), loss: .bce, reduction: .sum, training: data)
            #expect(problem.lineParameter(0, 2) == 2)
            let uneven = [-30.0, -7.5, -7.25, -1, -0.999, 0, 1e-9, 0.3, 2, 2.5, 11, 40]
            for (base, values) in [([1.3, -0.7, 0], uneven), ([80, 0, 0], [-3.0, -1e-3, 0, 1e-3, 3]), ([0.5, 0.25, 0], [0.1])] {
                let line = Self.line(problem, base: base, inner: 2, values: values)
                let reference = Self.reference(problem, base: base, inner: 2, values: values)
                for (value, (loss, expected)) in zip(values, zip(line, reference)) {
                    #expect(abs(loss - expected) <= 4e-15 * expected + 0x1p-52 * Double(count),
                            "\(targets == soft ? "soft" : "hard") labels, bias \(value), base \(base): \(loss) against \(expected)")
                }
            }
            if targets == sides {
                // w₁ = 80: every sample 40 or more from the boundary on its own side, so each
                // e^(−|z|) is below 2⁻⁵⁷ and 1 + e rounds to 1; the loss is tiny, and kept.
                let confident = Self.line(problem, base: [80, 0, 0], inner: 2, values: [0])[0]
                let expected = Self.reference(problem, base: [80, 0, 0], inner: 2, values: [0])[0]
                #expect(expected > 0 && expected < 1e-13 && abs(confident - expected) <= 1e-13 * expected, "\(confident) against \(expected)")
            }
        }
    }

    /// One sample near the boundary among many confident ones: its factor 1 + e stays above 1
    /// while theirs round to 1, and their tiny losses still count (the loss keeps falling as
    /// the bias grows, as the exact loss does).
    @Test func alongTheBiasTinyLossesCountBesideALargerOne() throws {
        let features: [Double] = [0, 0] + (0..<599).flatMap { _ -> [Double] in [3, 0] }
        let data = try Dataset(features: features, targets: Array(repeating: 1, count: 600), featureCount: 2, classCount: nil)
        let problem = try SupervisedProblem(model: LinearModel(kind: .logistic, inputs: 2), loss: .bce, reduction: .sum, training: data)
        let values = [33.0, 34, 35, 36, 37, 38]
        let line = Self.line(problem, base: [1, 0, 0], inner: 2, values: values)
        let reference = Self.reference(problem, base: [1, 0, 0], inner: 2, values: values)
        for (value, (loss, expected)) in zip(values, zip(line, reference)) {
            #expect(abs(loss - expected) <= 1e-10 * expected, "bias \(value): \(loss) against \(expected)")
        }
        #expect(zip(line, line.dropFirst()).allSatisfy { (earlier: Double, later: Double) in earlier > later })
    }

    /// At zero every z is 0, so each factor is exactly 2 and the mean loss is ln 2.
    @Test func atZeroTheMeanLossIsLnTwo() throws {
        let problem = try Self.logistic()
        for inner in 0...2 {
            let losses = Self.line(problem, base: [0, 0, 0], inner: inner, values: [0, 0])
            #expect(losses.allSatisfy { abs($0 - M_LN2) <= M_LN2.ulp }, "parameter \(inner): \(losses)")
        }
    }

    @Test func aNonFiniteParameterGivesTheLossEvaluateGives() throws {
        let problem = try Self.logistic(samples: 9)
        for base in [[Double.nan, 0, 0], [0, 1e308, 0], [0, 0, -Double.infinity]] {
            for inner in [0, 2] {
                let line = Self.line(problem, base: base, inner: inner, values: [-1, 0.5])
                let exact = Self.exact(problem, base: base, inner: inner, values: [-1, 0.5])
                #expect(line.map(\.isNaN) == exact.map(\.isNaN), "\(base), parameter \(inner)")
                #expect(zip(line, exact).allSatisfy { $0.isNaN || $0 == $1 || abs($0 - $1) <= 4e-15 * abs($1) }, "\(base): \(line) \(exact)")
            }
        }
    }

    @Test func bothCopiesOfTheKernelGiveTheSameBits() throws {
        let problem = try Self.logistic()
        let values = stride(from: -5.0, through: 5, by: 0.5).map { $0 }
        func bits() -> [UInt64] {
            [2, 0].flatMap { Self.line(problem, base: [0.7, -1.1, 0.2], inner: $0, values: values).map(\.bitPattern) }
        }
        let fast = bits()
        _ = descent_kernels_use_avx2(0)
        let generic = bits()
        _ = descent_kernels_use_avx2(1)
        #expect(fast == generic)
    }
}
