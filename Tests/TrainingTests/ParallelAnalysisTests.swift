import Testing
@testable import Training

/// Loss grids and gradient-variance measurements split their work over cores; these check that
/// every value is the same bits as a serial evaluation, point by point, for any worker count.
@Suite struct ParallelAnalysisTests {
    /// A logistic regression (bce), a linear regression (mse) and an MLP (tanh, bce) on 1001
    /// samples: 125 full groups of eight kernel lanes and one partial group.
    static func problems() throws -> [(name: String, problem: any TrainingProblem, base: [Double])] {
        let moons = try DataSource.moons(samples: 1001, noise: 0.2).make(seed: 3)
        let line = try DataSource.linear(samples: 1001, features: 3, weights: [1, -2, 0.5], bias: 0.3, noise: 0.4).make(seed: 4)
        let mlp = try MLP(inputs: 2, hidden: [5], outputs: 1, activation: .tanh, link: .sigmoid)
        var random = SeededGenerator(seed: 5)
        return [
            ("logistic", try SupervisedProblem(model: LinearModel(kind: .logistic, inputs: 2), loss: .bce, reduction: .mean, training: moons), [0.7, -1.1, 0.2]),
            ("linear mse", try SupervisedProblem(model: LinearModel(kind: .linear, inputs: 3), loss: .mse, reduction: .mean, training: line), [0.9, -1.5, 0.1, 0.2]),
            ("mlp", try SupervisedProblem(model: mlp, loss: .bce, reduction: .mean, training: moons), mlp.defaultInitialization(random: &random)),
        ]
    }

    /// The loss at each grid point, one `evaluate` after another on this thread.
    static func serialGrid(_ problem: some TrainingProblem, base: [Double], xIndex: Int, yIndex: Int, xs: [Double], ys: [Double]) -> [Double] {
        var point = base
        return ys.flatMap { y in
            xs.map { x in
                point[xIndex] = x
                point[yIndex] = y
                return problem.loss(at: point)
            }
        }
    }

    /// Without a line kernel (least squares, the MLP) a grid is `evaluate` at each point, bit
    /// for bit; with one (the logistic regression) it is within a few units in the last place,
    /// along x or along y. Either way the bits do not depend on the number of workers.
    @Test(arguments: [1, 2, 3, 5])
    func aLossGridIsTheSerialEvaluationForAnyWorkerCount(jobs: Int) throws {
        for (name, problem, base) in try Self.problems() {
            for (xIndex, yIndex) in [(0, base.count - 1), (base.count - 1, 0), (0, 1)] {
                for (columns, rows) in [(7, 5), (3, 11), (2, 2)] {
                    func grid(_ jobs: Int) throws -> LossGrid {
                        try LossGrid.evaluate(
                            problem, base: base, xIndex: xIndex, yIndex: yIndex, xRange: -3...2.5, yRange: -1.5...4,
                            columns: columns, rows: rows, jobs: jobs)
                    }
                    let parallel = try grid(jobs)
                    let serial = Self.serialGrid(problem, base: base, xIndex: xIndex, yIndex: yIndex, xs: parallel.xValues, ys: parallel.yValues)
                    let context: Comment = "\(name), (\(xIndex), \(yIndex)), \(columns)×\(rows), \(jobs) workers"
                    #expect(parallel.xValues.count == columns && parallel.yValues.count == rows)
                    #expect(parallel.values.map(\.bitPattern) == (try grid(1)).values.map(\.bitPattern), context)
                    if problem.lineParameter(xIndex, yIndex) == nil {
                        #expect(parallel.values.map(\.bitPattern) == serial.map(\.bitPattern), context)
                    } else {
                        let worst = zip(parallel.values, serial).map { abs($0 - $1) / $1 }.max() ?? .nan
                        #expect(worst <= 1e-14, context)
                    }
                    // A contour needs a surface that varies: not the same value everywhere.
                    #expect(Set(parallel.values).count > 1, "\(name)")
                }
            }
        }
    }

    /// The measurement as it was computed on one core before it was split: the per-sample
    /// gradients, their mean and spread, then each trial's shuffle and batch mean in turn.
    static func serialVariances(_ problem: some TrainingProblem, at parameters: [Double], batchSizes: [Int], trials: Int, seed: UInt64) -> [(Double, Double)] {
        let n = problem.sampleCount
        let count = problem.parameterCount
        var gradients: [[Double]] = []
        for sample in 0..<n {
            var gradient = [Double](repeating: 0, count: count)
            var workspace = [Double](repeating: 0, count: max(1, problem.workspaceCount))
            let batch = [sample]
            _ = parameters.withUnsafeBufferPointer { point in
                batch.withUnsafeBufferPointer { batch in
                    gradient.withUnsafeMutableBufferPointer { g in
                        workspace.withUnsafeMutableBufferPointer { w in
                            problem.lossAndGradient(point.baseAddress!, batch: batch, gradient: g.baseAddress!, workspace: w.baseAddress!)
                        }
                    }
                }
            }
            gradients.append(gradient)
        }
        var mean = [Double](repeating: 0, count: count)
        for gradient in gradients { for j in 0..<count { mean[j] += gradient[j] } }
        mean = mean.map { $0 / Double(n) }
        var spread = 0.0
        for gradient in gradients { for j in 0..<count { spread += (gradient[j] - mean[j]) * (gradient[j] - mean[j]) } }
        spread /= Double(n)
        var random = SeededGenerator(seed: seed, stream: Streams.varianceSampling)
        var order = Array(0..<n)
        return batchSizes.map { size in
            var total = 0.0
            for _ in 0..<trials {
                for i in 0..<size { order.swapAt(i, i + random.index(below: n - i)) }
                var sum = [Double](repeating: 0, count: count)
                for sample in order.prefix(size) { for j in 0..<count { sum[j] += gradients[sample][j] } }
                total += (0..<count).reduce(0.0) { distance, j in
                    let d = sum[j] / Double(size) - mean[j]
                    return distance + d * d
                }
            }
            return (total / Double(trials), spread / Double(size) * Double(n - size) / Double(n - 1))
        }
    }

    @Test(arguments: [1, 2, 3])
    func gradientVarianceIsTheSerialMeasurementBitForBitForAnyWorkerCount(jobs: Int) throws {
        for (name, problem, base) in try Self.problems() {
            let sizes = [1, 3, 64, 1000, 1001]
            let variances = try GradientVariance.measure(problem, at: base, batchSizes: sizes, trials: 300, seed: 7, jobs: jobs)
            let serial = Self.serialVariances(problem, at: base, batchSizes: sizes, trials: 300, seed: 7)
            #expect(variances.map(\.batchSize) == sizes)
            #expect(variances.map(\.measured.bitPattern) == serial.map(\.0.bitPattern), "\(name), \(jobs) workers")
            #expect(variances.map(\.expected.bitPattern) == serial.map(\.1.bitPattern), "\(name), \(jobs) workers")
            #expect(variances[0].measured > variances[2].measured, "\(name)")
        }
    }

    @Test func severalPointLossesAreEvaluateAtEachPointBitForBit() throws {
        let line = try DataSource.linear(samples: 203, features: 5, weights: [1, -2, 0.5, 0, 3], bias: 0.3, noise: 0.4).make(seed: 4)
        let single = try DataSource.linear(samples: 9, features: 1, weights: [2], bias: -1, noise: 0.1).make(seed: 6)
        let moons = try DataSource.moons(samples: 77, noise: 0.2).make(seed: 3)
        let blobs = try DataSource.blobs(samples: 50, centers: 3, features: 2, spread: 1, box: 4).make(seed: 2)
        let problems: [any TrainingProblem] = [
            try SupervisedProblem(model: LinearModel(kind: .linear, inputs: 5), loss: .mse, reduction: .mean, training: line),
            try SupervisedProblem(model: LinearModel(kind: .linear, inputs: 1), loss: .halfMSE, reduction: .sum, training: single),
            try SupervisedProblem(model: LinearModel(kind: .logistic, inputs: 2), loss: .mse, reduction: .mean, training: moons),
            try SupervisedProblem(model: LinearModel(kind: .logistic, inputs: 2), loss: .halfMSE, reduction: .sum, training: moons),
            try SupervisedProblem(model: LinearModel(kind: .logistic, inputs: 2), loss: .bce, reduction: .mean, training: moons),
            try SupervisedProblem(model: LinearModel(kind: .softmax, inputs: 2, classes: 3), loss: .crossEntropy, reduction: .mean, training: blobs),
        ]
        for problem in problems {
            var random = SeededGenerator(seed: 11)
            for pointCount in [1, 2, 5] {
                let points = (0..<pointCount * problem.parameterCount).map { _ in random.uniform(-3, 3) }
                var losses = [Double](repeating: .nan, count: pointCount)
                var workspace = [Double](repeating: 0, count: max(1, problem.workspaceCount))
                points.withUnsafeBufferPointer { p in
                    losses.withUnsafeMutableBufferPointer { out in
                        workspace.withUnsafeMutableBufferPointer { problem.trainingLosses(p.baseAddress!, count: pointCount, into: out.baseAddress!, workspace: $0.baseAddress!) }
                    }
                }
                let expected = (0..<pointCount).map { problem.loss(at: Array(points[($0 * problem.parameterCount)..<(($0 + 1) * problem.parameterCount)])) }
                #expect(losses.map(\.bitPattern) == expected.map(\.bitPattern), "\(problem.parameterNames), \(pointCount) points")
            }
        }
    }

    @Test func chunksCoverTheRangeInOrderWithoutGaps() {
        #expect(chunks(of: 0, jobs: 2).isEmpty)
        #expect(chunks(of: 5, jobs: 2) == [0..<1, 1..<2, 2..<3, 3..<4, 4..<5])
        #expect(chunks(of: 10, jobs: 1, minimum: 3) == [0..<3, 3..<6, 6..<10])
        let pieces = chunks(of: 200, jobs: 2)
        #expect(pieces.count == 8)
        #expect(pieces.first?.lowerBound == 0 && pieces.last?.upperBound == 200)
        #expect(zip(pieces, pieces.dropFirst()).allSatisfy { $0.upperBound == $1.lowerBound })
    }
}
