import Foundation

/// The loss over a rectangle of two chosen parameters, the others held fixed: the data of a
/// contour plot.
public struct LossGrid: Hashable, Codable, Sendable {
    public var xValues: [Double]
    public var yValues: [Double]
    /// Loss values row by row: `values[row * xValues.count + column]` is at
    /// (xValues[column], yValues[row]).
    public var values: [Double]

    public static let maximumCells = 1_000_000

    /// Evaluates the full training loss of `problem` on a `columns` × `rows` grid over
    /// `xRange` × `yRange` of parameters `xIndex` and `yIndex`, starting from `base`.
    ///
    /// Blocks of rows run on up to `jobs` cores, a row at a time through `trainingLosses` (the
    /// batch kernels, two points per pass over the data for a linear model). Each point's sum
    /// over the training set is in `evaluate`'s order whichever core computes it, so the values
    /// are the same bits as `evaluate` point by point, for any `jobs`.
    public static func evaluate(
        _ problem: some TrainingProblem, base: [Double], xIndex: Int, yIndex: Int,
        xRange: ClosedRange<Double>, yRange: ClosedRange<Double>, columns: Int, rows: Int,
        jobs: Int = ProcessInfo.processInfo.activeProcessorCount
    ) throws -> LossGrid {
        let count = problem.parameterCount
        guard base.count == count else {
            throw TrainingError.invalidValue(name: "base parameters", value: "\(base.count) values", allowed: "\(count) values")
        }
        for index in [xIndex, yIndex] where !(0..<count).contains(index) {
            throw TrainingError.invalidValue(name: "grid parameter", value: "\(index)", allowed: "an index below \(count)")
        }
        guard xIndex != yIndex else {
            throw TrainingError.invalidValue(name: "grid parameters", value: "the same parameter twice", allowed: "two different parameters")
        }
        guard columns >= 2, rows >= 2, columns * rows <= maximumCells else {
            throw TrainingError.invalidValue(name: "grid size", value: "\(columns)×\(rows)", allowed: "at least 2×2 and at most \(maximumCells) cells")
        }
        guard xRange.lowerBound.isFinite, xRange.upperBound.isFinite, yRange.lowerBound.isFinite, yRange.upperBound.isFinite,
              xRange.upperBound > xRange.lowerBound, yRange.upperBound > yRange.lowerBound else {
            throw TrainingError.invalidValue(name: "grid range", value: "\(xRange) × \(yRange)", allowed: "finite ranges of positive width")
        }
        // lower·(1 − t) + upper·t stays finite for any finite bounds, where upper − lower can
        // overflow (−1e308…1e308).
        func values(_ range: ClosedRange<Double>, count: Int) -> [Double] {
            (0..<count).map { index in
                let t = Double(index) / Double(count - 1)
                return range.lowerBound * (1 - t) + range.upperBound * t
            }
        }
        let xs = values(xRange, count: columns)
        let ys = values(yRange, count: rows)
        let blocks = parallelMap(chunks(of: rows, jobs: jobs), jobs: jobs) { block in
            // A row's points one after another, for `trainingLosses` to take at once.
            var points = [Double](repeating: 0, count: columns * count)
            for column in 0..<columns {
                for j in 0..<count { points[column * count + j] = base[j] }
                points[column * count + xIndex] = xs[column]
            }
            var workspace = [Double](repeating: 0, count: max(1, problem.workspaceCount))
            var values = [Double](repeating: 0, count: columns * block.count)
            for row in block {
                for column in 0..<columns { points[column * count + yIndex] = ys[row] }
                points.withUnsafeBufferPointer { rowPoints in
                    workspace.withUnsafeMutableBufferPointer { scratch in
                        values.withUnsafeMutableBufferPointer { out in
                            problem.trainingLosses(
                                rowPoints.baseAddress!, count: columns, into: out.baseAddress! + (row - block.lowerBound) * columns,
                                workspace: scratch.baseAddress!)
                        }
                    }
                }
            }
            return values
        }
        let values = Array(blocks.joined())
        return LossGrid(xValues: xs, yValues: ys, values: values)
    }
}
