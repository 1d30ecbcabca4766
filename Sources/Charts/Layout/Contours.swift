import Foundation
import Numerics

/// Contour geometry as pure functions of a grid: the levels to draw, the iso-lines at a
/// level (marching squares), and the filled bands as a raster at device resolution.
public enum Contours {
    /// Contour levels for `values`: nice linear steps, or 1–2–5 (or 1–3) steps per decade
    /// when the values are non-negative and skewed, their maximum at least 100 times their
    /// 10th percentile (Rosenbrock's or Beale's surface, whose valleys would otherwise be a
    /// single band; a bowl stays linear).
    /// Values that are not finite are left out (their cells stay empty), magnitudes beyond
    /// 1e300 count as 1e300 so that the span stays finite, and there are at most
    /// `Caps.contourLevels` levels.
    public static func levels(for values: [Double], targetCount: Int = 10) -> (levels: [Double], logarithmic: Bool) {
        let largest = AxisDomain.largestMagnitude(.linear)
        let finite = values.filter(\.isFinite).map { min(max($0, -largest), largest) }.sorted()
        guard let low = finite.first, let high = finite.last else { return ([0, 1], false) }
        let targetCount = min(max(1, targetCount), Caps.contourLevels - 3)
        if high - low <= 1e-12 * max(1, abs(high)) {
            let half = max(0.5, abs(low) * 1e-3)
            return ([low - half, low + half], false)
        }
        let tenth = finite[finite.count / 10]
        if low >= 0, tenth > 0, high / tenth >= 100 {
            // Two decades below the 10th percentile show the valley floor without a level per
            // rounding error near an exact zero.
            let floor = max(finite.first { $0 > 0 } ?? tenth, tenth / 100, 1e-300)
            return (logLevels(from: floor, to: high, targetCount: targetCount), true)
        }
        let step = Ticks.niceStep(span: high - low, targetCount: targetCount)
        let first = (low / step).rounded(.down)
        let count = Int(clamping: (high / step).rounded(.up) - first, to: 1...(Caps.contourLevels - 1))
        return ((0...count).map { (first + Double($0)) * step }, false)
    }

    static func logLevels(from low: Double, to high: Double, targetCount: Int) -> [Double] {
        let firstDecade = Ticks.decade(of: low)
        let lastDecade = Ticks.decade(of: high, rounded: .up)
        let decades = max(1, lastDecade - firstDecade)
        let multiples: [Double]
        if decades * 3 <= targetCount + 2 { multiples = [1, 2, 5] }
        else if decades * 2 <= targetCount + 2 { multiples = [1, 3] }
        else { multiples = [1] }
        let every = Int(clamping: (Double(decades) / Double(max(1, targetCount))).rounded(.up), to: 1...800)
        var levels: [Double] = []
        decades: for decade in stride(from: firstDecade, through: lastDecade, by: every) {
            for multiple in multiples {
                let level = multiple * Elementary.pow(10, Double(decade))
                guard level >= low * (1 - 1e-12) else { continue }
                levels.append(level)
                if level >= high { break decades }
            }
        }
        // One level below the data, so that its lowest values have a band of their own.
        if let first = levels.first {
            let below = multiples.count == 1 ? first / Elementary.pow(10, Double(every)) : first / (multiples.count == 3 ? 2 : 10.0 / 3)
            levels.insert(below, at: 0)
        }
        return levels
    }

    /// The iso-lines of `grid` at `level`, in data coordinates, as polylines (closed ones end
    /// where they start). Cells with a NaN corner are skipped; a saddle cell is resolved by
    /// the value at its centre.
    public static func isolines(_ grid: Grid, level: Double) -> [[Point]] {
        guard grid.isValid else { return [] }
        let columns = grid.columns
        // An edge's id: 2·(row·columns + column) for the edge going right from that vertex,
        // the same + 1 for the edge going up.
        func crossing(_ edge: Int) -> Point {
            let vertex = edge / 2
            let column = vertex % columns, row = vertex / columns
            let (column2, row2) = edge % 2 == 0 ? (column + 1, row) : (column, row + 1)
            let a = grid.value(column: column, row: row), b = grid.value(column: column2, row: row2)
            let t = a == b ? 0.5 : (level - a) / (b - a)
            let x = grid.xValues[column] + (grid.xValues[column2] - grid.xValues[column]) * t
            let y = grid.yValues[row] + (grid.yValues[row2] - grid.yValues[row]) * t
            return Point(x, y)
        }
        var segments: [(Int, Int)] = []
        for row in 0..<(grid.rows - 1) {
            for column in 0..<(columns - 1) {
                let v00 = grid.value(column: column, row: row)
                let v10 = grid.value(column: column + 1, row: row)
                let v11 = grid.value(column: column + 1, row: row + 1)
                let v01 = grid.value(column: column, row: row + 1)
                guard v00.isFinite, v10.isFinite, v11.isFinite, v01.isFinite else { continue }
                let bottom = 2 * (row * columns + column)
                let left = bottom + 1
                let top = 2 * ((row + 1) * columns + column)
                let right = 2 * (row * columns + column + 1) + 1
                let index = (v00 >= level ? 1 : 0) | (v10 >= level ? 2 : 0) | (v11 >= level ? 4 : 0) | (v01 >= level ? 8 : 0)
                switch index {
                case 0, 15: break
                case 1, 14: segments.append((left, bottom))
                case 2, 13: segments.append((bottom, right))
                case 3, 12: segments.append((left, right))
                case 4, 11: segments.append((right, top))
                case 6, 9: segments.append((bottom, top))
                case 7, 8: segments.append((left, top))
                case 5, 10:
                    // Two corners above across a diagonal: the centre decides which pairs join.
                    let centreAbove = (v00 + v10 + v11 + v01) / 4 >= level
                    if (index == 5) == centreAbove {
                        segments.append((left, top))
                        segments.append((bottom, right))
                    } else {
                        segments.append((left, bottom))
                        segments.append((right, top))
                    }
                default: break
                }
            }
        }
        return chain(segments).map { $0.map(crossing) }
    }

    /// Joins segments that share edge crossings into polylines, deterministically.
    static func chain(_ segments: [(Int, Int)]) -> [[Int]] {
        var byEdge: [Int: [Int]] = [:]
        for (index, segment) in segments.enumerated() {
            byEdge[segment.0, default: []].append(index)
            byEdge[segment.1, default: []].append(index)
        }
        var used = [Bool](repeating: false, count: segments.count)
        func next(from edge: Int) -> (segment: Int, edge: Int)? {
            for candidate in byEdge[edge] ?? [] where !used[candidate] {
                let (a, b) = segments[candidate]
                return (candidate, a == edge ? b : a)
            }
            return nil
        }
        var lines: [[Int]] = []
        for start in segments.indices where !used[start] {
            used[start] = true
            var forward = [segments[start].0, segments[start].1]
            while let (segment, edge) = next(from: forward[forward.count - 1]) {
                used[segment] = true
                forward.append(edge)
            }
            var backward: [Int] = []
            while let (segment, edge) = next(from: backward.last ?? forward[0]) {
                used[segment] = true
                backward.append(edge)
            }
            lines.append(backward.reversed() + forward)
        }
        return lines
    }

    /// The iso-lines of `grid` at each of `levels`, as `isolines` gives them, computed once for
    /// all the renderings of a figure.
    static func rememberedIsolines(_ grid: Grid, levels: [Double]) -> [[[Point]]] {
        rememberedLines.value(for: LinesKey(grid: grid, levels: levels)) {
            levels.map { isolines(grid, level: $0) }
        }
    }

    private struct LinesKey: Equatable, Sendable {
        var grid: Grid
        var levels: [Double]
    }

    private static let rememberedLines = ComputationMemo<LinesKey, [[[Point]]]>(capacity: 8)

    /// The filled bands of `mark` as premultiplied ARGB pixels, `width` × `height`, row 0 at
    /// the top. `dataX(column)` and `dataY(row)` give the data position of a pixel centre.
    /// Renderings of the same size (a figure in both themes, whole and as a background) share
    /// one computation.
    static func bandPixels(
        _ mark: ContourMark, width: Int, height: Int, dataX: (Double) -> Double, dataY: (Double) -> Double
    ) -> [UInt32] {
        let grid = mark.grid
        guard grid.isValid, width > 0, height > 0 else { return [] }
        let x0 = grid.xValues[0], dx = (grid.xValues[grid.columns - 1] - x0) / Double(grid.columns - 1)
        let y0 = grid.yValues[0], dy = (grid.yValues[grid.rows - 1] - y0) / Double(grid.rows - 1)
        // Fractional grid positions of each pixel column and row, computed once.
        let key = RasterKey(
            grid: grid, levels: mark.levels,
            colors: (0..<max(1, mark.levels.count - 1)).map { mark.bandColor($0).premultipliedARGB },
            gridColumns: (0..<width).map { (dataX(Double($0) + 0.5) - x0) / dx },
            gridRows: (0..<height).map { (dataY(Double($0) + 0.5) - y0) / dy })
        return rememberedRasters.value(for: key) { bandPixels(key) }
    }

    private struct RasterKey: Equatable, Sendable {
        var grid: Grid
        var levels: [Double]
        var colors: [UInt32]
        var gridColumns: [Double]
        var gridRows: [Double]
    }

    /// A 2× raster of a wide figure is about 3 MB.
    private static let rememberedRasters = ComputationMemo<RasterKey, [UInt32]>(capacity: 6)

    private static func bandPixels(_ key: RasterKey) -> [UInt32] {
        let grid = key.grid, colors = key.colors, gridColumns = key.gridColumns, gridRows = key.gridRows
        let width = gridColumns.count
        var pixels = [UInt32](repeating: 0, count: width * gridRows.count)
        let levels = key.levels
        let columns = grid.columns, rows = grid.rows
        grid.values.withUnsafeBufferPointer { values in
            pixels.withUnsafeMutableBufferPointer { output in
                for (pixelRow, gridRow) in gridRows.enumerated() {
                    guard gridRow >= 0, gridRow <= Double(rows - 1) else { continue }
                    let row = Int(clamping: gridRow, to: 0...(rows - 2))
                    let fy = gridRow - Double(row)
                    let below = values.baseAddress! + row * columns, above = below + columns
                    let line = output.baseAddress! + pixelRow * width
                    for (pixelColumn, gridColumn) in gridColumns.enumerated() {
                        guard gridColumn >= 0, gridColumn <= Double(columns - 1) else { continue }
                        let column = Int(clamping: gridColumn, to: 0...(columns - 2))
                        let fx = gridColumn - Double(column)
                        let value = (below[column] * (1 - fx) + below[column + 1] * fx) * (1 - fy)
                            + (above[column] * (1 - fx) + above[column + 1] * fx) * fy
                        guard value.isFinite else { continue }
                        line[pixelColumn] = colors[band(of: value, levels: levels)]
                    }
                }
            }
        }
        return pixels
    }

    /// The index of the band holding `value`: k when levels[k] ≤ value < levels[k + 1],
    /// clamped to the first and last bands.
    static func band(of value: Double, levels: [Double]) -> Int {
        var low = 0, high = levels.count - 1
        while high - low > 1 {
            let middle = (low + high) / 2
            if value < levels[middle] { high = middle } else { low = middle }
        }
        return min(low, max(0, levels.count - 2))
    }
}
