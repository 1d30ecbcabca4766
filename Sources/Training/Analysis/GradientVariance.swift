import Foundation

/// How noisy mini-batch gradients are at one point, for each batch size.
public struct GradientVariance: Hashable, Codable, Sendable {
    public var batchSize: Int
    /// The mean of ‖g_B − g‖² over the sampled batches (g the full gradient).
    public var measured: Double
    /// The exact expectation for batches drawn without replacement:
    /// (V / B)·(N − B)/(N − 1), with V = (1/N)·Σ‖g_i − g‖², the per-sample gradients' variance.
    public var expected: Double

    /// Samples `trials` batches of each size without replacement at `parameters` of a
    /// problem whose reduction is the mean.
    ///
    /// The per-sample gradients and the trials' batch means run on up to `jobs` cores; the
    /// batches are drawn, and the trials' distances summed, in one order, so the result is the
    /// same bits for any `jobs`.
    public static func measure(
        _ problem: some TrainingProblem, at parameters: [Double], batchSizes: [Int], trials: Int, seed: UInt64,
        jobs: Int = ProcessInfo.processInfo.activeProcessorCount
    ) throws -> [GradientVariance] {
        let n = problem.sampleCount
        let count = problem.parameterCount
        guard parameters.count == count else {
            throw TrainingError.invalidValue(name: "parameters", value: "\(parameters.count) values", allowed: "\(count) values")
        }
        if let bad = batchSizes.first(where: { !(1...n).contains($0) }) {
            throw TrainingError.invalidValue(name: "batch size", value: "\(bad)", allowed: "from 1 to the number of samples (\(n))")
        }
        guard (1...100_000).contains(trials) else {
            throw TrainingError.invalidValue(name: "trials", value: "\(trials)", allowed: "from 1 to 100000")
        }
        // Per-sample gradients, so that each batch gradient is a mean of them.
        let sampleGradients = Array(parallelMap(chunks(of: n, jobs: jobs, minimum: 256), jobs: jobs) { block in
            var gradients = [Double](repeating: 0, count: block.count * count)
            var workspace = [Double](repeating: 0, count: max(1, problem.workspaceCount))
            var single = [Double](repeating: 0, count: count)
            var index = [0]
            for sample in block {
                index[0] = sample
                parameters.withUnsafeBufferPointer { point in
                    index.withUnsafeBufferPointer { batch in
                        single.withUnsafeMutableBufferPointer { g in
                            workspace.withUnsafeMutableBufferPointer { scratch in
                                _ = problem.lossAndGradient(point.baseAddress!, batch: batch, gradient: g.baseAddress!, workspace: scratch.baseAddress!)
                            }
                        }
                    }
                }
                for j in 0..<count { gradients[(sample - block.lowerBound) * count + j] = single[j] }
            }
            return gradients
        }.joined())
        var mean = [Double](repeating: 0, count: count)
        for sample in 0..<n { for j in 0..<count { mean[j] += sampleGradients[sample * count + j] } }
        for j in 0..<count { mean[j] /= Double(n) }
        var spread = 0.0
        for sample in 0..<n {
            for j in 0..<count {
                let d = sampleGradients[sample * count + j] - mean[j]
                spread += d * d
            }
        }
        spread /= Double(n)

        let fullMean = mean
        var random = SeededGenerator(seed: seed, stream: Streams.varianceSampling)
        var order = Array(0..<n)
        return batchSizes.map { size in
            var total = 0.0
            // The batches of up to a million indices at a time are drawn here, in order; their
            // distances are computed in parallel and added in the same order.
            let trialsAtOnce = max(1, min(trials, 1_000_000 / size))
            var done = 0
            while done < trials {
                let drawn = min(trialsAtOnce, trials - done)
                var batches = [Int](repeating: 0, count: drawn * size)
                for trial in 0..<drawn {
                    // A partial Fisher–Yates shuffle draws `size` distinct samples.
                    for i in 0..<size { order.swapAt(i, i + random.index(below: n - i)) }
                    for i in 0..<size { batches[trial * size + i] = order[i] }
                }
                let chosen = batches
                let distances = parallelMap(chunks(of: drawn, jobs: jobs, minimum: max(1, 4096 / size)), jobs: jobs) { block in
                    var batchMean = [Double](repeating: 0, count: count)
                    return block.map { trial in
                        squaredDistance(ofMeanOf: chosen[(trial * size)..<((trial + 1) * size)], in: sampleGradients, from: fullMean, batchMean: &batchMean)
                    }
                }
                for distance in distances.joined() { total += distance }
                done += drawn
            }
            let expected = n > 1 ? spread / Double(size) * Double(n - size) / Double(n - 1) : 0
            return GradientVariance(batchSize: size, measured: total / Double(trials), expected: expected)
        }
    }

    /// ‖mean of the samples' gradients − mean‖², the mean summed in the samples' order.
    private static func squaredDistance(
        ofMeanOf samples: ArraySlice<Int>, in sampleGradients: [Double], from mean: [Double], batchMean: inout [Double]
    ) -> Double {
        let count = mean.count
        for j in 0..<count { batchMean[j] = 0 }
        for sample in samples {
            for j in 0..<count { batchMean[j] += sampleGradients[sample * count + j] }
        }
        var distance = 0.0
        for j in 0..<count {
            let d = batchMean[j] / Double(samples.count) - mean[j]
            distance += d * d
        }
        return distance
    }
}
