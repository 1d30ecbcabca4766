/// The antialiased coverage of a thick solid polyline with round caps and joins, computed
/// directly rather than through cairo's stroker, as cairo's 4 × 4 supersampling
/// (`CAIRO_ANTIALIAS_FAST`) computes it: a pixel's coverage is the share of its 16 sample
/// points inside the stroke, and the stroke is the union of a rectangle along each segment
/// and a disc at each point (round caps and joins).
///
/// Each pixel keeps the set of its samples covered so far (16 bits), so that where segments
/// overlap, their samples unite instead of their coverages adding or the larger one winning:
/// a dense band of strokes a pixel apart is solid, as it is under cairo. What makes this
/// faster than cairo on a scribble, where hundreds of segments cross every few pixels: cairo
/// builds and sorts the outline of the whole path with all its crossings, where this visits
/// the pixels near each segment once, and finds a pixel's samples inside a rectangle in a
/// table by the segment's direction and the pixel centre's distance from its line (which
/// changes by a fixed step from one column to the next).
enum PolylineCoverage {
    /// The widest pen in device pixels: its table (by direction and distance across the pen)
    /// stays small. A wider pen's stroke is not a scribble's, and cairo draws it.
    static let maximumPen = 64.0

    /// Raises `coverage` (`width` × `height` bytes, rows `stride` apart, 0 nothing to 255
    /// covered) to the stroke of `points` with pen `penWidth`, both in device pixels relative
    /// to the coverage's top-left corner, inside `clip` (device pixels; a pixel partly inside
    /// it keeps that share of its coverage). Points must be finite; a pen wider than
    /// `maximumPen` draws nothing.
    static func stroke(
        _ points: [Point], penWidth: Double, clip: Rect,
        into coverage: UnsafeMutableBufferPointer<UInt8>, width: Int, height: Int, stride: Int
    ) {
        let half = penWidth / 2
        guard half > 0, penWidth <= maximumPen, width > 0, height > 0, stride >= width, coverage.count >= stride * height else { return }
        var samples = [UInt16](repeating: 0, count: width * height)
        let table = tables.value(for: half) { SampleTable(half: half) }
        samples.withUnsafeMutableBufferPointer { samples in
            table.masks.withUnsafeBufferPointer { masks in
                let canvas = Canvas(samples: samples, width: width, height: height, half: half, table: table, masks: masks)
                canvas.discs(points)
                canvas.rectangles(points)
            }
        }
        // How much of each column and row lies inside the clip, in 256ths.
        func inside(_ count: Int, from lower: Double, to upper: Double) -> [UInt32] {
            (0..<count).map { UInt32((max(0, min(Double($0 + 1), upper) - max(Double($0), lower)) * 256).rounded()) }
        }
        let columnsInside = inside(width, from: clip.minX, to: clip.maxX)
        let rowsInside = inside(height, from: clip.minY, to: clip.maxY)
        for row in 0..<height where rowsInside[row] > 0 {
            for column in 0..<width where samples[row * width + column] != 0 {
                let level = UInt32(samples[row * width + column].nonzeroBitCount * 255 + 8) / 16
                let byte = UInt8(truncatingIfNeeded: (level * columnsInside[column] * rowsInside[row] + 32_768) >> 16)
                coverage[row * stride + column] = max(coverage[row * stride + column], byte)
            }
        }
    }

    /// A pixel's 16 samples, as offsets from its centre: sample `4 · j + i` at
    /// ((i + ½) / 4 − ½, (j + ½) / 4 − ½).
    static let sampleOffsets: [(x: Double, y: Double)] = (0..<16).map { index in
        let (i, j) = (Double(index % 4), Double(index / 4))
        return ((i + 0.5) / 4 - 0.5, (j + 0.5) / 4 - 0.5)
    }

    /// Tables by half pen width: a figure strokes its scribbles with a few pens.
    private static let tables = ComputationMemo<Double, SampleTable>(capacity: 16)

    /// For a pen `half` wide on each side of a line: which of a pixel's samples lie within
    /// `half` of the line, by the line's direction (`directions` steps of a pseudo-angle, no
    /// trigonometry) and the pixel centre's signed distance from it (in `1 / steps` pixels,
    /// from −`extent` to `extent`, beyond which none or all do).
    struct SampleTable: Sendable {
        static let directions = 64
        static let steps = 16.0
        let extent: Double
        let distances: Int
        let masks: [UInt16]

        init(half: Double) {
            // A sample lies at most √2 · 3/8 < 0.54 from its pixel's centre.
            extent = half + 0.54
            distances = Int(2 * extent * Self.steps) + 1
            var masks = [UInt16](repeating: 0, count: Self.directions * distances)
            for direction in 0..<Self.directions {
                let normal = Self.normal(direction)
                for step in 0..<distances {
                    let distance = (Double(step) + 0.5) / Self.steps - extent
                    var mask: UInt16 = 0
                    for (index, offset) in PolylineCoverage.sampleOffsets.enumerated()
                    where abs(distance + offset.x * normal.x + offset.y * normal.y) < half {
                        mask |= 1 << index
                    }
                    masks[direction * distances + step] = mask
                }
            }
            self.masks = masks
        }

        /// The bucket of a unit normal (x, y) with y ≥ 0: its pseudo-angle 1 − x / (|x| + y),
        /// which grows with the angle from 0 at (1, 0) to 2 at (−1, 0).
        static func direction(_ x: Double, _ y: Double) -> Int {
            let angle = 1 - x / (abs(x) + y)
            return min(max(Int(angle / 2 * Double(directions)), 0), directions - 1)
        }

        /// The unit normal at the middle of a bucket.
        static func normal(_ direction: Int) -> (x: Double, y: Double) {
            let t = 1 - (Double(direction) + 0.5) / Double(directions) * 2
            let (x, y) = (t, 1 - abs(t))
            let length = (x * x + y * y).squareRoot()
            return (x / length, y / length)
        }
    }

    private struct Canvas {
        let samples: UnsafeMutableBufferPointer<UInt16>
        let width: Int
        let height: Int
        let half: Double
        let table: SampleTable
        let masks: UnsafeBufferPointer<UInt16>

        /// The samples within `half` of each point: on each row of samples, those between
        /// the ends of the disc's chord.
        func discs(_ points: [Point]) {
            let reach = table.extent
            let lastSample = 4 * width - 1
            for point in points {
                guard let rows = Self.indices(point.y - reach - 0.5, point.y + reach - 0.5, last: height - 1),
                      Self.indices(point.x - reach - 0.5, point.x + reach - 0.5, last: width - 1) != nil
                else { continue }
                for row in rows {
                    for sampleRow in 0..<4 {
                        let offsetY = Double(row) + (Double(sampleRow) + 0.5) / 4 - point.y
                        guard offsetY * offsetY < half * half else { continue }
                        let chord = (half * half - offsetY * offsetY).squareRoot()
                        // Samples 4c + i of the row lie at x = (4c + i + ½) / 4; those strictly
                        // within `chord` of the point's x.
                        let left = 4 * (point.x - chord) - 0.5, right = 4 * (point.x + chord) - 0.5
                        guard let range = Self.indices(left, right, last: lastSample) else { continue }
                        var first = range.lowerBound, last = range.upperBound - 1
                        if Double(first) == left { first += 1 }
                        if Double(last) == right { last -= 1 }
                        guard first <= last else { continue }
                        let shift = UInt16(4 * sampleRow)
                        for column in first / 4..<last / 4 + 1 {
                            let low = max(first, 4 * column) - 4 * column, high = min(last, 4 * column + 3) - 4 * column
                            let bits = UInt16((1 << (high + 1)) - (1 << low))
                            samples[row * width + column] |= bits << shift
                        }
                    }
                }
            }
        }

        /// Along each segment, the samples within `half` of its line in the pixels whose
        /// centres project between its ends.
        func rectangles(_ points: [Point]) {
            let extent = table.extent, steps = SampleTable.steps, distances = table.distances
            for (start, end) in zip(points, points.dropFirst()) {
                let dx = end.x - start.x, dy = end.y - start.y
                let length = (dx * dx + dy * dy).squareRoot()
                guard length > 0, length.isFinite else { continue }
                let (ux, uy) = (dx / length, dy / length)
                // The normal (−uy, ux) turned to y ≥ 0; `sign` turns distances with it.
                let sign: Double = ux > 0 || (ux == 0 && -uy > 0) ? 1 : -1
                let base = SampleTable.direction(-uy * sign, ux * sign) * distances
                // A direction within 10⁻¹² of an axis counts as along it (no reciprocal overflows).
                let (inverseX, inverseY) = (abs(ux) > 1e-12 ? 1 / ux : 0, abs(uy) > 1e-12 ? 1 / uy : 0)
                guard let rows = Self.indices(min(start.y, end.y) - extent - 0.5, max(start.y, end.y) + extent - 0.5, last: height - 1) else { continue }
                for row in rows {
                    let offsetY = Double(row) + 0.5 - start.y
                    // At column c, with x = c + 0.5 − start.x, the centre lies x·ux + offsetY·uy
                    // along the segment (0...length between its ends) and offsetY·ux − x·uy
                    // across it (within `extent` of its line): each bounds x to an interval.
                    let along = offsetY * uy, across = offsetY * ux
                    var lower = -Double.infinity, upper = Double.infinity
                    if inverseX != 0 {
                        let a = -along * inverseX, b = (length - along) * inverseX
                        (lower, upper) = (min(a, b), max(a, b))
                    } else if along < 0 || along > length {
                        continue
                    }
                    if inverseY != 0 {
                        let a = (across - extent) * inverseY, b = (across + extent) * inverseY
                        (lower, upper) = (max(lower, min(a, b)), min(upper, max(a, b)))
                    } else if abs(across) >= extent {
                        continue
                    }
                    guard let columns = Self.indices(lower + start.x - 0.5, upper + start.x - 0.5, last: width - 1) else { continue }
                    // The table's step of the signed distance, which falls by uy per column.
                    var step = (sign * (across - (Double(columns.lowerBound) + 0.5 - start.x) * uy) + extent) * steps
                    let change = -sign * uy * steps
                    let rowBase = row * width
                    for column in columns {
                        if step >= 0, step < Double(distances) {
                            samples[rowBase + column] |= masks[base + Int(step)]
                        }
                        step += change
                    }
                }
            }
        }

        /// The integers in `lower...upper` that are also in `0...last`, as a half-open range
        /// (which loops faster than a closed one), without libm's ceil and floor, which are
        /// calls on plain x86-64 and would cost more than a short row.
        static func indices(_ lower: Double, _ upper: Double, last: Int) -> Range<Int>? {
            guard lower <= upper, upper >= 0, lower <= Double(last) else { return nil }
            let low = max(lower, -1), high = min(upper, Double(last) + 1)
            var first = Int(low), final = Int(high)  // toward zero
            if Double(first) < low { first += 1 }
            if Double(final) > high { final -= 1 }
            first = max(first, 0)
            final = min(final, last)
            return first <= final ? first..<final + 1 : nil
        }
    }
}
