import Foundation

/// Draws one mark with the axes' transforms.
struct MarkDrawing {
    let mark: Mark
    let x: AxisTransform
    let y: AxisTransform

    func draw(on scene: SceneBuilder) {
        switch mark {
        case let .line(line):
            let runs = segments(line.points)
            for segment in runs where segment.count > 1 {
                scene.stroke(segment, color: line.color, width: line.width, dash: line.dash)
            }
            if let markers = line.markers {
                for center in Self.linePlaces(runs, markers: markers, in: plot) {
                    Self.marker(markers.shape, at: center, size: LineMarkers.size, color: line.color, outline: scene.theme.background.opacity(0.8), on: scene)
                }
            }
        case let .point(point):
            guard let center = device(point.position) else { return }
            Self.marker(point.shape, at: center, size: point.size, color: point.color, outline: scene.theme.background, on: scene)
        case let .scatter(scatter):
            for center in Self.markerPlaces(scatter.points.compactMap(device), size: scatter.size, in: plot) {
                Self.marker(scatter.shape, at: center, size: scatter.size, color: scatter.color, outline: scene.theme.background.opacity(0.8), on: scene)
            }
        case let .area(area):
            let lower = area.lower.compactMap(device)
            let upper = area.upper.compactMap(device)
            guard lower.count > 1, upper.count > 1 else { return }
            scene.fill(polygon: Decimation.decimated(lower, scale: scene.scale) + Decimation.decimated(upper, scale: scene.scale).reversed(), color: area.color)
        case let .bar(bar):
            drawBars(bar, on: scene)
        case let .contour(contour):
            drawContour(contour, on: scene)
        case let .trajectory(trajectory):
            drawTrajectory(trajectory, on: scene)  // its ends come later, from `drawEnds`
        case .text:
            break  // drawn after the clip is lifted, by `drawText`
        }
    }

    func drawText(_ text: TextMark, on scene: SceneBuilder) {
        guard let anchor = device(text.position) else { return }
        let extent = scene.measure(text.text, style: text.style)
        let left: Double
        switch text.anchor {
        case .left: left = anchor.x + text.offset.x
        case .center: left = anchor.x + text.offset.x - extent.width / 2
        case .right: left = anchor.x + text.offset.x - extent.width
        }
        let origin = Point(left, anchor.y + text.offset.y - extent.height / 2)
        // A soft backing of the background's colour keeps the text readable over lines and colour fills.
        scene.fill(Rect(x: origin.x - 2, y: origin.y, width: extent.width + 4, height: extent.height), color: scene.theme.background.opacity(0.75))
        scene.draw(text.text, style: text.style, at: origin, vertical: false)
    }

    /// The plot rectangle in device space.
    var plot: Rect {
        let left = min(x.deviceLower, x.deviceUpper), top = min(y.deviceLower, y.deviceUpper)
        return Rect(x: left, y: top, width: abs(x.deviceUpper - x.deviceLower), height: abs(y.deviceUpper - y.deviceLower))
    }

    /// The device position of a data point, when the scales can show it: always finite. A
    /// point more than `Caps.axisLengthsOutside` axis lengths outside is drawn at that
    /// distance in the same direction from the plot's centre, so that a line from inside the
    /// plot towards it keeps its direction.
    func device(_ point: Point) -> Point? {
        guard x.scale.accepts(point.x), y.scale.accepts(point.y) else { return nil }
        var fx = x.fraction(point.x) - 0.5, fy = y.fraction(point.y) - 0.5
        guard !fx.isNaN, !fy.isNaN else { return nil }
        let bound = Caps.axisLengthsOutside
        if fx.isInfinite || fy.isInfinite {
            (fx, fy) = (fx.isInfinite ? (fx > 0 ? bound : -bound) : 0, fy.isInfinite ? (fy > 0 ? bound : -bound) : 0)
        } else if max(abs(fx), abs(fy)) > bound {
            let shrink = bound / max(abs(fx), abs(fy))
            (fx, fy) = (fx * shrink, fy * shrink)
        }
        return Point(x.device(atFraction: fx + 0.5), y.device(atFraction: fy + 0.5))
    }

    /// Where to draw the markers of a scatter: those that can show inside `plot`, one per
    /// spot (a quarter point), at most `Caps.markers` of them evenly chosen.
    static func markerPlaces(_ centers: [Point], size: Double, in plot: Rect) -> [Point] {
        let reach = plot.insetBy(-(size + 2))
        var seen = Set<Point>()
        var places: [Point] = []
        for center in centers where reach.contains(center) {
            let spot = Point((center.x * 4).rounded(), (center.y * 4).rounded())
            if seen.insert(spot).inserted { places.append(center) }
        }
        guard places.count > Caps.markers else { return places }
        let step = Double(places.count) / Double(Caps.markers)
        return (0..<Caps.markers).map { places[Int(clamping: Double($0) * step, to: 0...(places.count - 1))] }
    }

    /// Where a line's markers go: where it crosses x = left + spacing·(k + ½ + offset) inside the
    /// plot (the first crossing, for a line that turns back), so that markers are evenly spread
    /// across the plot however densely the line is sampled; at most one per `spacing`.
    static func linePlaces(_ segments: [[Point]], markers: LineMarkers, in plot: Rect) -> [Point] {
        let spacing = LineMarkers.spacing
        let offset = markers.offset.isFinite ? min(max(markers.offset, 0), 1) : 0
        let count = Int(clamping: (plot.width / spacing).rounded(.up) + 1, to: 0...Caps.lineMarkers)
        var places: [Point] = []
        for index in 0..<count {
            let target = plot.minX + spacing * (Double(index) + 0.5 + offset)
            guard target <= plot.maxX else { break }
            crossing: for segment in segments {
                for (a, b) in zip(segment, segment.dropFirst()) where min(a.x, b.x) <= target && target <= max(a.x, b.x) {
                    let t = b.x == a.x ? 0 : (target - a.x) / (b.x - a.x)
                    let point = Point(target, a.y + (b.y - a.y) * t)
                    if plot.contains(point) { places.append(point) }
                    break crossing
                }
            }
        }
        return places
    }

    // MARK: Bars

    private func drawBars(_ bar: BarMark, on scene: SceneBuilder) {
        // Bars rise from 0 on a linear axis and from the bottom of a log axis.
        let base = y.scale == .log ? y.deviceLower : y(max(min(0, y.upper), y.lower))
        for (index, value) in bar.values.prefix(Caps.bars).enumerated() where y.scale.accepts(value) {
            let (left, right) = bar.span(of: index)
            let top = y(value)
            let rect = Rect(x: x(left), y: min(top, base), width: x(right) - x(left), height: abs(base - top))
            scene.fill(rect, color: bar.color)
        }
    }

    // MARK: Contours

    private func drawContour(_ contour: ContourMark, on scene: SceneBuilder) {
        let contour = contour.drawable
        guard contour.grid.isValid, contour.levels.count >= 2 else { return }
        if contour.filled {
            // The bands are rasterised at device resolution over the plot's pixels, so their
            // edges are as sharp as the output allows and as exact as the grid.
            let scale = scene.scale
            let left = min(x.deviceLower, x.deviceUpper), right = max(x.deviceLower, x.deviceUpper)
            let top = min(y.deviceLower, y.deviceUpper), bottom = max(y.deviceLower, y.deviceUpper)
            let pixelLeft = (left * scale).rounded(.down), pixelTop = (top * scale).rounded(.down)
            let width = Int(clamping: (right * scale).rounded(.up) - pixelLeft, to: 0...8192)
            let height = Int(clamping: (bottom * scale).rounded(.up) - pixelTop, to: 0...8192)
            let pixels = Contours.bandPixels(
                contour, width: width, height: height,
                dataX: { x.data(at: (pixelLeft + $0) / scale) }, dataY: { y.data(at: (pixelTop + $0) / scale) })
            scene.draw(RasterImage(width: width, height: height, pixels: pixels),
                          in: Rect(x: pixelLeft / scale, y: pixelTop / scale, width: Double(width) / scale, height: Double(height) / scale))
        }
        if contour.lines {
            let color = contour.filled ? Color.white.opacity(0.45) : Color.ink.opacity(0.55)
            for lines in Contours.rememberedIsolines(contour.grid, levels: contour.levels) {
                for line in lines {
                    let points = line.compactMap(device)
                    if points.count > 1 { scene.stroke(points, color: color, width: 0.6, dash: []) }
                }
            }
        }
    }

    // MARK: Trajectories

    private func drawTrajectory(_ trajectory: TrajectoryMark, on scene: SceneBuilder) {
        let path = Self.thinned(trajectory.points.compactMap(device), minimumDistance: 0.75)
        // Arrows only where they show; the path itself is clipped by the scene.
        let visible = Clipping.polylines(path, in: plot).flatMap { $0 }
        // A white halo under the path keeps it visible on any colour of a filled contour.
        if path.count > 1 {
            if trajectory.halo {
                scene.stroke(path, color: trajectory.casing.color, width: trajectory.casing.width, dash: [])
            }
            scene.stroke(path, color: trajectory.color, width: trajectory.width, dash: [])
        }
        for (position, angle) in Self.arrowPlaces(visible, count: min(trajectory.arrows, Caps.arrows)) {
            let size = 4.2 + trajectory.width
            let tip = Point(position.x + cos(angle) * size * 0.6, position.y + sin(angle) * size * 0.6)
            let back = { (side: Double) in
                Point(position.x - cos(angle) * size * 0.4 + cos(angle + side) * size * 0.45,
                      position.y - sin(angle) * size * 0.4 + sin(angle + side) * size * 0.45)
            }
            scene.fill(polygon: [tip, back(Double.pi / 2), back(-Double.pi / 2)], color: trajectory.color)
        }
    }

    /// A trajectory's hollow start and filled end (a cross when it stopped), drawn once every
    /// path is down so that no later path covers them.
    func drawEnds(_ trajectory: TrajectoryMark, on scene: SceneBuilder) {
        let points = trajectory.points.compactMap(device)
        guard let start = points.first, let end = points.last else { return }
        Self.marker(.circle, at: start, size: 8, color: .white, outline: trajectory.color, on: scene)
        switch trajectory.ending {
        case .finished: Self.marker(trajectory.endShape, at: end, size: 7.5, color: trajectory.endColor, outline: .white, on: scene)
        case .stopped: Self.marker(.cross, at: end, size: 9, color: trajectory.endColor, outline: .white, on: scene)
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
        let arrows = min(count, Int(clamping: total / 40, to: 0...Caps.arrows))
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
    static func marker(_ shape: MarkerShape, at center: Point, size: Double, color: Color, outline: Color, on scene: SceneBuilder) {
        let radius = size / 2
        switch shape {
        case .cross:
            for (dx, dy) in [(1.0, 1.0), (1.0, -1.0)] {
                let line = [Point(center.x - radius * dx, center.y - radius * dy), Point(center.x + radius * dx, center.y + radius * dy)]
                scene.stroke(line, color: outline, width: 3.6, dash: [])
                scene.stroke(line, color: color, width: 2, dash: [])
            }
        default:
            let outer = outlinePolygon(shape, center: center, radius: radius + 0.8)
            scene.fill(polygon: outer, color: outline)
            scene.fill(polygon: outlinePolygon(shape, center: center, radius: radius), color: color)
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

    /// The device points of the mark inside the plot, with long segments sampled, for
    /// legend placement.
    func devicePoints() -> [Point] {
        let plot = self.plot
        let inside = { (points: [Point]) in
            Clipping.polylines(Decimation.decimated(points, scale: 1), in: plot).flatMap(Self.sampled)
        }
        switch mark {
        case let .line(line):
            return segments(line.points).flatMap(inside)
        case let .trajectory(trajectory):
            return inside(trajectory.points.compactMap(device))
        case let .point(point):
            return device(point.position).map { [$0] }?.filter(plot.contains) ?? []
        case let .scatter(scatter):
            return scatter.points.compactMap(device).filter(plot.contains)
        case let .area(area):
            return inside(area.lower.compactMap(device)) + inside(area.upper.compactMap(device))
        case let .bar(bar):
            return bar.values.prefix(Caps.bars).indices.flatMap { index -> [Point] in
                let (left, right) = bar.span(of: index)
                guard let top = device(Point((left + right) / 2, bar.values[index])),
                      let column = Clipping.segment(top, Point(top.x, y.deviceLower), in: plot) else { return [] }
                return Self.sampled([column.0, column.1])
            }
        case .contour, .text:
            return []
        }
    }

    /// The points of a path inside the plot with points added every 4 points along long
    /// segments (at most 200 per segment).
    static func sampled(_ segment: [Point]) -> [Point] {
        guard var previous = segment.first else { return [] }
        var sampled = [previous]
        for point in segment.dropFirst() {
            let count = Int(clamping: hypot(point.x - previous.x, point.y - previous.y) / 4, to: 0...200)
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
        var runs: [[Point]] = []
        var run: [Point] = []
        run.reserveCapacity(points.count)
        for point in points {
            if let position = device(point) {
                run.append(position)
            } else if !run.isEmpty {
                runs.append(run)
                run.removeAll(keepingCapacity: true)
            }
        }
        if !run.isEmpty { runs.append(run) }
        return runs
    }
}

extension ContourMark {
    /// The mark as the layout pass draws it: its levels finite, strictly increasing and at
    /// most `Caps.contourLevels` (evenly chosen, the first and last kept); a grid whose axes
    /// are not finite and increasing, or whose span overflows, draws nothing.
    var drawable: ContourMark {
        var mark = self
        var levels: [Double] = []
        for level in self.levels.filter(\.isFinite).sorted() where levels.last.map({ level > $0 }) ?? true {
            levels.append(level)
        }
        if levels.count > Caps.contourLevels {
            let step = Double(levels.count - 1) / Double(Caps.contourLevels - 1)
            levels = (0..<Caps.contourLevels).map { levels[Int(clamping: (Double($0) * step).rounded(), to: 0...(levels.count - 1))] }
        }
        mark.levels = levels
        func increasing(_ values: [Double]) -> Bool {
            guard let first = values.first, let last = values.last, (last - first).isFinite else { return false }
            return zip(values, values.dropFirst()).allSatisfy { $0.isFinite && $1.isFinite && $0 < $1 }
        }
        if !increasing(grid.xValues) || !increasing(grid.yValues) {
            mark.grid = Grid(xValues: [], yValues: [], values: [])
        }
        return mark
    }
}
