/// Clipping of device-space paths to a rectangle, as matplotlib's Cairo backend clips every
/// path to the clip extents before Cairo sees it: what lies far outside never reaches the
/// rasteriser, and what is not finite becomes a gap.
enum Clipping {
    /// The parts of the polyline through `points` inside `bounds`: runs of finite points
    /// (a NaN or infinite point breaks the line), each segment clipped by Liang–Barsky.
    static func polylines(_ points: [Point], in bounds: Rect) -> [[Point]] {
        var runs: [[Point]] = []
        var current: [Point] = []
        var previous: Point?
        func finishRun() {
            if current.count > 1 { runs.append(current) }
            current = []
        }
        for point in points {
            guard point.x.isFinite, point.y.isFinite else {
                finishRun()
                previous = nil
                continue
            }
            defer { previous = point }
            guard let start = previous else {
                if bounds.contains(point) { current = [point] }
                continue
            }
            guard let (a, b) = segment(start, point, in: bounds) else {
                finishRun()
                continue
            }
            if current.isEmpty || current[current.count - 1] != a {
                finishRun()
                current = [a]
            }
            current.append(b)
            if b != point { finishRun() }
        }
        finishRun()
        return runs
    }

    /// The runs of consecutive finite points of `points`: a NaN or infinite point is a gap.
    static func finiteRuns(_ points: [Point]) -> [ArraySlice<Point>] {
        var runs: [ArraySlice<Point>] = []
        var start = points.startIndex
        for index in points.indices where !(points[index].x.isFinite && points[index].y.isFinite) {
            if index - start > 1 { runs.append(points[start..<index]) }
            start = index + 1
        }
        if points.endIndex - start > 1 { runs.append(points[start...]) }
        return runs
    }

    /// The part of the segment from `a` to `b` inside `bounds` (Liang–Barsky); nil when none.
    /// Coordinates are finite; a segment whose length would overflow is clipped at half scale.
    static func segment(_ a: Point, _ b: Point, in bounds: Rect) -> (Point, Point)? {
        let dx = b.x - a.x, dy = b.y - a.y
        guard dx.isFinite, dy.isFinite else {
            let half = { (p: Point) in Point(p.x / 2, p.y / 2) }
            let halfBounds = Rect(x: bounds.x / 2, y: bounds.y / 2, width: bounds.width / 2, height: bounds.height / 2)
            return segment(half(a), half(b), in: halfBounds).map { (Point($0.0.x * 2, $0.0.y * 2), Point($0.1.x * 2, $0.1.y * 2)) }
        }
        var enter = 0.0, leave = 1.0
        // Each side's test: p·t ≤ q for the part of the segment on the inner side.
        func keep(_ p: Double, _ q: Double) -> Bool {
            if p == 0 { return q >= 0 }
            let t = q / p
            if p < 0 { enter = max(enter, t) } else { leave = min(leave, t) }
            return enter <= leave
        }
        guard keep(-dx, a.x - bounds.minX), keep(dx, bounds.maxX - a.x),
              keep(-dy, a.y - bounds.minY), keep(dy, bounds.maxY - a.y) else { return nil }
        let start = enter == 0 ? a : Point(a.x + enter * dx, a.y + enter * dy)
        let end = leave == 1 ? b : Point(a.x + leave * dx, a.y + leave * dy)
        return (start, end)
    }

    /// `polygon` clipped to `bounds` (Sutherland–Hodgman); empty when nothing is inside.
    static func polygon(_ polygon: [Point], in bounds: Rect) -> [Point] {
        guard polygon.count > 2 else { return [] }
        if polygon.allSatisfy(bounds.contains) { return polygon }
        typealias Edge = (inside: (Point) -> Bool, cross: (Point, Point) -> Point)
        func crossAtX(_ x: Double) -> (Point, Point) -> Point {
            { a, b in Point(x, a.y + (b.y - a.y) * ((x - a.x) / (b.x - a.x))) }
        }
        func crossAtY(_ y: Double) -> (Point, Point) -> Point {
            { a, b in Point(a.x + (b.x - a.x) * ((y - a.y) / (b.y - a.y)), y) }
        }
        let edges: [Edge] = [
            ({ $0.x >= bounds.minX }, crossAtX(bounds.minX)),
            ({ $0.x <= bounds.maxX }, crossAtX(bounds.maxX)),
            ({ $0.y >= bounds.minY }, crossAtY(bounds.minY)),
            ({ $0.y <= bounds.maxY }, crossAtY(bounds.maxY)),
        ]
        var output = polygon
        for edge in edges {
            guard let last = output.last else { return [] }
            let input = output
            output = []
            output.reserveCapacity(input.count + 4)
            var previous = last
            for point in input {
                let inside = edge.inside(point), previousInside = edge.inside(previous)
                if inside != previousInside {
                    let crossing = edge.cross(previous, point)
                    if crossing.x.isFinite, crossing.y.isFinite { output.append(crossing) }
                }
                if inside { output.append(point) }
                previous = point
            }
        }
        return output.count > 2 ? output : []
    }
}

/// Decimation of long device-space paths to what the pixels can show.
enum Decimation {
    /// Paths at most this long are kept as they are, so that ordinary figures draw exactly.
    static let threshold = 2048

    /// `path` with each run of consecutive points inside one device-pixel column reduced to
    /// its first, lowest, highest and last point (in path order): the drawn line differs by
    /// less than a pixel. A path still longer than `Caps.pathPoints` keeps evenly spaced
    /// points, its first and last included.
    static func decimated(_ path: [Point], scale: Double) -> [Point] {
        guard path.count > threshold else { return path }
        var kept: [Point] = []
        kept.reserveCapacity(min(path.count, 4 * Caps.pathPoints))
        var first = 0, lowest = 0, highest = 0
        var column = Int.min
        func flush(through last: Int) {
            var previous = -1
            for index in [first, min(lowest, highest), max(lowest, highest), last] where index != previous {
                kept.append(path[index])
                previous = index
            }
        }
        for (index, point) in path.enumerated() {
            let pixel = Int(clamping: (point.x * scale).rounded(.down), to: -1_000_000_000...1_000_000_000)
            if pixel != column {
                if index > 0 { flush(through: index - 1) }
                column = pixel
                (first, lowest, highest) = (index, index, index)
            }
            if point.y < path[lowest].y { lowest = index }
            if point.y > path[highest].y { highest = index }
        }
        flush(through: path.count - 1)
        guard kept.count > Caps.pathPoints else { return kept }
        let step = Double(kept.count - 1) / Double(Caps.pathPoints - 1)
        return (0..<Caps.pathPoints).map { kept[Int(clamping: (Double($0) * step).rounded(), to: 0...(kept.count - 1))] }
    }
}
