import Foundation

/// Draws one mark with the axes' transforms.
struct MarkDrawing {
    let mark: Mark
    let x: AxisTransform
    let y: AxisTransform

    func draw(on renderer: Renderer) {
        switch mark {
        case let .line(line):
            for segment in segments(line.points) where segment.count > 1 {
                renderer.stroke(segment, color: line.color, width: line.width, dash: line.dash)
            }
        case let .point(point):
            guard let center = device(point.position) else { return }
            Self.marker(point.shape, at: center, size: point.size, color: point.color, outline: .white, on: renderer)
        case let .scatter(scatter):
            for point in scatter.points {
                guard let center = device(point) else { continue }
                Self.marker(scatter.shape, at: center, size: scatter.size, color: scatter.color, outline: Color.white.opacity(0.8), on: renderer)
            }
        case let .area(area):
            let lower = area.lower.compactMap(device)
            let upper = area.upper.compactMap(device)
            guard lower.count > 1, upper.count > 1 else { return }
            renderer.fill(polygon: lower + upper.reversed(), color: area.color)
        case let .bar(bar):
            drawBars(bar, on: renderer)
        case let .contour(contour):
            drawContour(contour, on: renderer)
        case let .trajectory(trajectory):
            drawTrajectory(trajectory, on: renderer)
        case .text:
            break  // drawn after the clip is lifted, by `drawText`
        }
    }

    func drawText(_ text: TextMark, on renderer: Renderer) {
        guard let anchor = device(text.position) else { return }
        let extent = renderer.measure(text.text, style: text.style)
        let left: Double
        switch text.anchor {
        case .left: left = anchor.x + text.offset.x
        case .center: left = anchor.x + text.offset.x - extent.width / 2
        case .right: left = anchor.x + text.offset.x - extent.width
        }
        let origin = Point(left, anchor.y + text.offset.y - extent.height / 2)
        // A soft white backing keeps the text readable over lines and colour fills.
        renderer.fill(Rect(x: origin.x - 2, y: origin.y, width: extent.width + 4, height: extent.height), color: Color.white.opacity(0.75))
        renderer.draw(text.text, style: text.style, at: origin, vertical: false)
    }

    /// The device position of a data point, when the scales can show it.
    func device(_ point: Point) -> Point? {
        guard x.scale.accepts(point.x), y.scale.accepts(point.y) else { return nil }
        return Point(x(point.x), y(point.y))
    }

    // MARK: Bars

    private func drawBars(_ bar: BarMark, on renderer: Renderer) {
        // Bars rise from 0 on a linear axis and from the bottom of a log axis.
        let base = y.scale == .log ? y.deviceLower : y(max(min(0, y.upper), y.lower))
        for (index, value) in bar.values.enumerated() where y.scale.accepts(value) {
            let (left, right) = bar.span(of: index)
            let top = y(value)
            let rect = Rect(x: x(left), y: min(top, base), width: x(right) - x(left), height: abs(base - top))
            renderer.fill(rect, color: bar.color)
        }
    }

    // MARK: Contours

    private func drawContour(_ contour: ContourMark, on renderer: Renderer) {
        guard contour.grid.isValid, contour.levels.count >= 2 else { return }
        if contour.filled {
            // The bands are rasterised at device resolution over the plot's pixels, so their
            // edges are as sharp as the output allows and as exact as the grid.
            let scale = renderer.scale
            let left = min(x.deviceLower, x.deviceUpper), right = max(x.deviceLower, x.deviceUpper)
            let top = min(y.deviceLower, y.deviceUpper), bottom = max(y.deviceLower, y.deviceUpper)
            let pixelLeft = (left * scale).rounded(.down), pixelTop = (top * scale).rounded(.down)
            let width = Int((right * scale).rounded(.up) - pixelLeft)
            let height = Int((bottom * scale).rounded(.up) - pixelTop)
            let pixels = Contours.bandPixels(
                contour, width: width, height: height,
                dataX: { x.data(at: (pixelLeft + $0) / scale) }, dataY: { y.data(at: (pixelTop + $0) / scale) })
            renderer.draw(RasterImage(width: width, height: height, pixels: pixels),
                          in: Rect(x: pixelLeft / scale, y: pixelTop / scale, width: Double(width) / scale, height: Double(height) / scale))
        }
        if contour.lines {
            let color = contour.filled ? Color.white.opacity(0.45) : Color.ink.opacity(0.55)
            for level in contour.levels {
                for line in Contours.isolines(contour.grid, level: level) {
                    let points = line.compactMap(device)
                    if points.count > 1 { renderer.stroke(points, color: color, width: 0.6, dash: []) }
                }
            }
        }
    }

    // MARK: Trajectories

    private func drawTrajectory(_ trajectory: TrajectoryMark, on renderer: Renderer) {
        let path = Self.thinned(trajectory.points.compactMap(device), minimumDistance: 0.75)
        guard let start = path.first, let end = path.last else { return }
        // A white halo under the path keeps it visible on any colour of a filled contour.
        if path.count > 1 {
            if trajectory.halo {
                renderer.stroke(path, color: trajectory.casing.color, width: trajectory.casing.width, dash: [])
            }
            renderer.stroke(path, color: trajectory.color, width: trajectory.width, dash: [])
        }
        for (position, angle) in Self.arrowPlaces(path, count: trajectory.arrows) {
            let size = 4.2 + trajectory.width
            let tip = Point(position.x + cos(angle) * size * 0.6, position.y + sin(angle) * size * 0.6)
            let back = { (side: Double) in
                Point(position.x - cos(angle) * size * 0.4 + cos(angle + side) * size * 0.45,
                      position.y - sin(angle) * size * 0.4 + sin(angle + side) * size * 0.45)
            }
            renderer.fill(polygon: [tip, back(Double.pi / 2), back(-Double.pi / 2)], color: trajectory.color)
        }
        Self.marker(.circle, at: start, size: 8, color: .white, outline: trajectory.color, on: renderer)
        switch trajectory.ending {
        case .finished: Self.marker(.circle, at: end, size: 7.5, color: trajectory.color, outline: .white, on: renderer)
        case .stopped: Self.marker(.cross, at: end, size: 9, color: trajectory.color, outline: .white, on: renderer)
        }
    }

    /// Drops points closer than `minimumDistance` to the last kept one; keeps the first and last.
    static func thinned(_ points: [Point], minimumDistance: Double) -> [Point] {
        guard points.count > 2 else { return points }
        var kept = [points[0]]
        kept.reserveCapacity(points.count)
        for point in points.dropFirst().dropLast() {
            let last = kept[kept.count - 1]
            if hypot(point.x - last.x, point.y - last.y) >= minimumDistance { kept.append(point) }
        }
        kept.append(points[points.count - 1])
        return kept
    }

    /// Evenly spaced places along a path (by length) with the direction of travel there.
    static func arrowPlaces(_ path: [Point], count: Int) -> [(Point, Double)] {
        guard path.count > 1, count > 0 else { return [] }
        var lengths = [0.0]
        for (a, b) in zip(path, path.dropFirst()) { lengths.append(lengths[lengths.count - 1] + hypot(b.x - a.x, b.y - a.y)) }
        let total = lengths[lengths.count - 1]
        guard total > 40 else { return [] }
        let arrows = min(count, Int(total / 40))
        var places: [(Point, Double)] = []
        var segment = 1
        for index in 0..<arrows {
            let target = total * (Double(index) + 0.5) / Double(arrows)
            while segment < lengths.count - 1, lengths[segment] < target { segment += 1 }
            let a = path[segment - 1], b = path[segment]
            let span = lengths[segment] - lengths[segment - 1]
            guard span > 0 else { continue }
            let t = (target - lengths[segment - 1]) / span
            places.append((Point(a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t), atan2(b.y - a.y, b.x - a.x)))
        }
        return places
    }

    // MARK: Markers

    /// Draws a marker of `size` points centred at `center`, over an outline that sets it off.
    static func marker(_ shape: MarkerShape, at center: Point, size: Double, color: Color, outline: Color, on renderer: Renderer) {
        let radius = size / 2
        switch shape {
        case .cross:
            for (dx, dy) in [(1.0, 1.0), (1.0, -1.0)] {
                let line = [Point(center.x - radius * dx, center.y - radius * dy), Point(center.x + radius * dx, center.y + radius * dy)]
                renderer.stroke(line, color: outline, width: 3.6, dash: [])
                renderer.stroke(line, color: color, width: 2, dash: [])
            }
        default:
            let outer = outlinePolygon(shape, center: center, radius: radius + 0.8)
            renderer.fill(polygon: outer, color: outline)
            renderer.fill(polygon: outlinePolygon(shape, center: center, radius: radius), color: color)
        }
    }

    static func outlinePolygon(_ shape: MarkerShape, center: Point, radius: Double) -> [Point] {
        func polygon(_ corners: Int, rotation: Double, radii: [Double]) -> [Point] {
            (0..<corners).map { index in
                let angle = rotation + Double(index) / Double(corners) * 2 * Double.pi
                let r = radius * radii[index % radii.count]
                return Point(center.x + r * cos(angle), center.y + r * sin(angle))
            }
        }
        switch shape {
        case .circle: return polygon(28, rotation: 0, radii: [1])
        case .square: return polygon(4, rotation: Double.pi / 4, radii: [1.15])
        case .diamond: return polygon(4, rotation: 0, radii: [1.2])
        case .triangle: return polygon(3, rotation: -Double.pi / 2, radii: [1.25]).map { Point($0.x, $0.y + radius * 0.2) }
        case .star: return polygon(10, rotation: -Double.pi / 2, radii: [1.35, 0.6])
        case .cross: return []
        }
    }

    // MARK: Geometry for layout

    /// The device points of the mark, with long segments sampled, for legend placement.
    func devicePoints() -> [Point] {
        switch mark {
        case let .line(line):
            return segments(line.points).flatMap(Self.sampled)
        case let .trajectory(trajectory):
            return Self.sampled(trajectory.points.compactMap(device))
        case let .point(point):
            return device(point.position).map { [$0] } ?? []
        case let .scatter(scatter):
            return scatter.points.compactMap(device)
        case let .area(area):
            return Self.sampled(area.lower.compactMap(device)) + Self.sampled(area.upper.compactMap(device))
        case let .bar(bar):
            return bar.values.indices.flatMap { index -> [Point] in
                let (left, right) = bar.span(of: index)
                guard let top = device(Point((left + right) / 2, bar.values[index])) else { return [] }
                return stride(from: top.y, through: y.deviceLower, by: 4).map { Point(top.x, $0) }
            }
        case .contour, .text:
            return []
        }
    }

    static func sampled(_ segment: [Point]) -> [Point] {
        guard var previous = segment.first else { return [] }
        var sampled = [previous]
        for point in segment.dropFirst() {
            let count = min(200, Int(hypot(point.x - previous.x, point.y - previous.y) / 4))
            if count > 1 {
                for index in 1..<count {
                    let fraction = Double(index) / Double(count)
                    sampled.append(Point(previous.x + (point.x - previous.x) * fraction, previous.y + (point.y - previous.y) * fraction))
                }
            }
            sampled.append(point)
            previous = point
        }
        return sampled
    }

    /// Runs of consecutive points the scales can show, in device coordinates.
    private func segments(_ points: [Point]) -> [[Point]] {
        var runs: [[Point]] = [[]]
        for point in points {
            if let position = device(point) {
                runs[runs.count - 1].append(position)
            } else if !(runs.last?.isEmpty ?? true) {
                runs.append([])
            }
        }
        return runs
    }
}
