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

    /// Changes whenever the same problem would give a grid other values, so that grids cached
    /// under the old version are evaluated again (2: the logistic regression's line kernel;
    /// 3: along the bias, its points in lanes and its linear part by prefix sums; 4: each
    /// lane's product kept less 1).
    public static let version = "4"

    /// Evaluates the full training loss of `problem` on a `columns` × `rows` grid over
    /// `xRange` × `yRange` of parameters `xIndex` and `yIndex`, starting from `base`.
    ///
    /// Lines of points go through `lineLosses`, blocks of lines on up to `jobs` cores: along
    /// the parameter the problem's line kernel chooses (a logistic regression's: within a few
    /// units in the last place of the exact loss, or 2⁻⁵² per sample where the loss is that
    /// small, docs/development.md), or else rows through `trainingLosses` (two points per pass
    /// over the data for a linear model), the same bits as `evaluate` point by point. Either
    /// way a point's value does not depend on the core that computes it: the same bits for any
    /// `jobs`.
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
        let alongX = (problem.lineParameter(xIndex, yIndex) ?? xIndex) == xIndex
        return lines(problem, base: base, alongX: alongX, xIndex: xIndex, yIndex: yIndex, xs: xs, ys: ys, jobs: jobs)
    }

    /// The grid as lines along x (rows) or y (columns), as `lineParameter` chose; blocks of
    /// lines split over cores.
    private static func lines(
        _ problem: some TrainingProblem, base: [Double], alongX: Bool, xIndex: Int, yIndex: Int,
        xs: [Double], ys: [Double], jobs: Int
    ) -> LossGrid {
        let (inner, outer) = alongX ? (xIndex, yIndex) : (yIndex, xIndex)
        let (innerValues, outerValues) = alongX ? (xs, ys) : (ys, xs)
        let blocks = parallelMap(chunks(of: outerValues.count, jobs: jobs), jobs: jobs) { block in
            var point = base
            var workspace = [Double](repeating: 0, count: max(1, problem.lineWorkspaceCount(points: innerValues.count)))
            var values = [Double](repeating: 0, count: innerValues.count * block.count)
            innerValues.withUnsafeBufferPointer { along in
                for line in block {
                    point[outer] = outerValues[line]
                    point.withUnsafeBufferPointer { parameters in
                        workspace.withUnsafeMutableBufferPointer { scratch in
                            values.withUnsafeMutableBufferPointer { out in
                                guard let parameters = parameters.baseAddress, let scratch = scratch.baseAddress,
                                      let out = out.baseAddress else { return }
                                problem.lineLosses(
                                    parameters, inner: inner, values: along,
                                    into: out + (line - block.lowerBound) * innerValues.count, workspace: scratch)
                            }
                        }
                    }
                }
            }
            return values
        }
        let byLine = Array(blocks.joined())
        guard !alongX else { return LossGrid(xValues: xs, yValues: ys, values: byLine) }
        // Lines along y are the grid's columns.
        var values = [Double](repeating: 0, count: byLine.count)
        for column in xs.indices {
            for row in ys.indices { values[row * xs.count + column] = byLine[column * ys.count + row] }
        }
        return LossGrid(xValues: xs, yValues: ys, values: values)
    }
}
