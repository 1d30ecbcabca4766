import Foundation

/// Lays out a `Figure` and draws it through a `Renderer`.
///
/// Layout is decided from measured text: tick labels, axis labels and titles get the room
/// they need, and the plot area is what is left.
public struct FigureDrawing {
    public let figure: Figure

    public init(_ figure: Figure) {
        self.figure = figure
    }

    static let padding = 6.0
    static let tickLength = 4.0
    static let tickLabelGap = 3.0

    public func draw(on renderer: Renderer) {
        let bounds = Rect(x: 0, y: 0, width: figure.size.width, height: figure.size.height)
        renderer.fill(bounds, color: figure.background)
        var top = 0.0
        if let title = figure.title, !title.isEmpty {
            let extent = renderer.measure(title, style: .title)
            top = Self.padding + extent.height
            renderer.draw(
                title, style: .title,
                at: Point((bounds.width - extent.width) / 2, Self.padding), vertical: false)
        }
        let cellWidth = bounds.width / Double(figure.columns)
        let cellHeight = (bounds.height - top) / Double(max(1, figure.rows))
        for (index, axes) in figure.panels.enumerated() {
            let cell = Rect(
                x: Double(index % figure.columns) * cellWidth,
                y: top + Double(index / figure.columns) * cellHeight,
                width: cellWidth, height: cellHeight)
            PanelDrawing(axes: axes, cell: cell).draw(on: renderer)
        }
    }
}

/// One axes panel laid out inside its cell.
struct PanelDrawing {
    let axes: Axes
    let cell: Rect

    private typealias Metrics = FigureDrawing

    func draw(on renderer: Renderer) {
        let allPoints = axes.marks.flatMap(\.dataPoints)
        let xLimits = AxisDomain.limits(of: allPoints.map(\.x), scale: axes.xScale)
        let yLimits = AxisDomain.limits(of: allPoints.map(\.y), scale: axes.yScale)

        let titleHeight = axes.title.map { renderer.measure($0, style: .title).height + Metrics.padding } ?? 0
        let xLabelHeight = axes.xLabel.map { renderer.measure($0, style: .label).height + Metrics.padding } ?? 0
        let yLabelWidth = axes.yLabel.map { renderer.measure($0, style: .label).height + Metrics.padding } ?? 0
        let tickLabelHeight = renderer.measure("0", style: .tick).height

        let top = cell.minY + Metrics.padding + titleHeight + tickLabelHeight / 2
        let bottom = cell.maxY - Metrics.padding - xLabelHeight - tickLabelHeight
            - Metrics.tickLength - Metrics.tickLabelGap
        let yTicks = Ticks.ticks(
            for: axes.yScale, from: yLimits.lower, to: yLimits.upper,
            targetCount: max(2, Int((bottom - top) / 40)))
        let yTickWidth = yTicks.map { renderer.measure($0.label, style: .tick).width }.max() ?? 0
        let left = cell.minX + Metrics.padding + yLabelWidth + yTickWidth + Metrics.tickLength + Metrics.tickLabelGap

        // The last x tick label may stand out past the plot by half its width.
        var right = cell.maxX - Metrics.padding
        var xTicks: [Tick] = []
        for attempt in 0..<2 {
            xTicks = xTicksThatFit(xLimits, from: left, to: right, renderer: renderer)
            let lastWidth = xTicks.last.map { renderer.measure($0.label, style: .tick).width } ?? 0
            let needed = cell.maxX - Metrics.padding - lastWidth / 2
            if attempt == 0, needed < right { right = needed } else { break }
        }
        let plot = Rect(x: left, y: top, width: max(1, right - left), height: max(1, bottom - top))
        let x = AxisTransform(
            scale: axes.xScale, lower: xLimits.lower, upper: xLimits.upper,
            deviceLower: plot.minX, deviceUpper: plot.maxX)
        let y = AxisTransform(
            scale: axes.yScale, lower: yLimits.lower, upper: yLimits.upper,
            deviceLower: plot.maxY, deviceUpper: plot.minY)

        if axes.grid {
            for tick in xTicks where tick.isMajor {
                renderer.stroke([Point(x(tick.value), plot.minY), Point(x(tick.value), plot.maxY)], color: .grid, width: 0.6, dash: [])
            }
            for tick in yTicks where tick.isMajor {
                renderer.stroke([Point(plot.minX, y(tick.value)), Point(plot.maxX, y(tick.value))], color: .grid, width: 0.6, dash: [])
            }
        }

        renderer.clip(to: plot)
        for mark in axes.marks {
            MarkDrawing(mark: mark, x: x, y: y).draw(on: renderer)
        }
        renderer.resetClip()

        // Spines on the left and bottom, ticks outward.
        renderer.stroke([Point(plot.minX, plot.minY), Point(plot.minX, plot.maxY), Point(plot.maxX, plot.maxY)], color: .ink, width: 0.8, dash: [])
        for tick in xTicks {
            let position = x(tick.value)
            let length = tick.isMajor ? Metrics.tickLength : Metrics.tickLength / 2
            renderer.stroke([Point(position, plot.maxY), Point(position, plot.maxY + length)], color: .ink, width: 0.8, dash: [])
            guard !tick.label.isEmpty else { continue }
            let extent = renderer.measure(tick.label, style: .tick)
            renderer.draw(tick.label, style: .tick, at: Point(position - extent.width / 2, plot.maxY + Metrics.tickLength + Metrics.tickLabelGap), vertical: false)
        }
        for tick in yTicks {
            let position = y(tick.value)
            let length = tick.isMajor ? Metrics.tickLength : Metrics.tickLength / 2
            renderer.stroke([Point(plot.minX, position), Point(plot.minX - length, position)], color: .ink, width: 0.8, dash: [])
            guard !tick.label.isEmpty else { continue }
            let extent = renderer.measure(tick.label, style: .tick)
            renderer.draw(tick.label, style: .tick, at: Point(plot.minX - Metrics.tickLength - Metrics.tickLabelGap - extent.width, position - extent.height / 2), vertical: false)
        }

        if let label = axes.xLabel {
            let extent = renderer.measure(label, style: .label)
            renderer.draw(label, style: .label, at: Point(plot.minX + (plot.width - extent.width) / 2, cell.maxY - Metrics.padding - extent.height), vertical: false)
        }
        if let label = axes.yLabel {
            let extent = renderer.measure(label, style: .label)
            renderer.draw(label, style: .label, at: Point(cell.minX + Metrics.padding, plot.minY + (plot.height - extent.width) / 2), vertical: true)
        }
        if let title = axes.title {
            let extent = renderer.measure(title, style: .title)
            renderer.draw(title, style: .title, at: Point(plot.minX + (plot.width - extent.width) / 2, cell.minY + Metrics.padding), vertical: false)
        }
        if axes.legend == .best {
            LegendDrawing(entries: axes.marks.compactMap(\.legendEntry), plot: plot)
                .draw(on: renderer, avoiding: axes.marks.flatMap { MarkDrawing(mark: $0, x: x, y: y).devicePoints() })
        }
    }

    /// The most x ticks whose labels fit side by side without touching.
    private func xTicksThatFit(_ limits: (lower: Double, upper: Double), from left: Double, to right: Double, renderer: Renderer) -> [Tick] {
        let transform = AxisTransform(scale: axes.xScale, lower: limits.lower, upper: limits.upper, deviceLower: left, deviceUpper: right)
        var target = max(2, Int((right - left) / 60))
        while true {
            let ticks = Ticks.ticks(for: axes.xScale, from: limits.lower, to: limits.upper, targetCount: target)
            let labelled = ticks.filter { !$0.label.isEmpty }
            let boxes = labelled.map { tick -> (Double, Double) in
                let width = renderer.measure(tick.label, style: .tick).width
                return (transform(tick.value) - width / 2, transform(tick.value) + width / 2)
            }
            let fits = zip(boxes, boxes.dropFirst()).allSatisfy { $0.1 + 8 <= $1.0 }
            if fits || target <= 2 { return ticks }
            target -= 1
        }
    }
}

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
            guard x.scale.accepts(point.position.x), y.scale.accepts(point.position.y) else { return }
            let center = Point(x(point.position.x), y(point.position.y))
            let radius = point.size / 2
            switch point.shape {
            case .circle:
                let outline = (0..<24).map { index -> Point in
                    let angle = Double(index) / 24 * 2 * Double.pi
                    return Point(center.x + radius * cos(angle), center.y + radius * sin(angle))
                }
                renderer.fill(polygon: outline, color: .white)
                renderer.fill(polygon: outline.map { Point(center.x + ($0.x - center.x) * 0.7, center.y + ($0.y - center.y) * 0.7) }, color: point.color)
            case .cross:
                renderer.stroke([Point(center.x - radius, center.y - radius), Point(center.x + radius, center.y + radius)], color: point.color, width: 2, dash: [])
                renderer.stroke([Point(center.x - radius, center.y + radius), Point(center.x + radius, center.y - radius)], color: point.color, width: 2, dash: [])
            }
        }
    }

    /// The device points of the mark, with long segments sampled, for legend placement.
    func devicePoints() -> [Point] {
        switch mark {
        case let .line(line):
            return segments(line.points).flatMap { segment -> [Point] in
                guard var previous = segment.first else { return [] }
                var sampled = [previous]
                for point in segment.dropFirst() {
                    let distance = hypot(point.x - previous.x, point.y - previous.y)
                    let count = min(200, Int(distance / 4))
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
        case let .point(point):
            guard x.scale.accepts(point.position.x), y.scale.accepts(point.position.y) else { return [] }
            return [Point(x(point.position.x), y(point.position.y))]
        }
    }

    /// Runs of consecutive points the scales can show, in device coordinates.
    private func segments(_ points: [Point]) -> [[Point]] {
        var runs: [[Point]] = [[]]
        for point in points {
            if x.scale.accepts(point.x), y.scale.accepts(point.y) {
                runs[runs.count - 1].append(Point(x(point.x), y(point.y)))
            } else if !(runs.last?.isEmpty ?? true) {
                runs.append([])
            }
        }
        return runs
    }
}

/// A legend inside the plot, in the candidate corner that covers the fewest data points.
struct LegendDrawing {
    let entries: [LegendEntry]
    let plot: Rect

    static let inset = 8.0
    static let sampleLength = 22.0

    func draw(on renderer: Renderer, avoiding points: [Point]) {
        guard !entries.isEmpty else { return }
        let padding = 6.0
        let sizes = entries.map { renderer.measure($0.label, style: .legend) }
        let rowHeight = (sizes.map(\.height).max() ?? 0) + 2
        let width = padding * 2 + Self.sampleLength + 6 + (sizes.map(\.width).max() ?? 0)
        let height = padding * 2 + rowHeight * Double(entries.count)
        let candidates = [
            Rect(x: plot.maxX - Self.inset - width, y: plot.minY + Self.inset, width: width, height: height),
            Rect(x: plot.minX + Self.inset, y: plot.minY + Self.inset, width: width, height: height),
            Rect(x: plot.maxX - Self.inset - width, y: plot.maxY - Self.inset - height, width: width, height: height),
            Rect(x: plot.minX + Self.inset, y: plot.maxY - Self.inset - height, width: width, height: height),
            Rect(x: plot.maxX - Self.inset - width, y: plot.minY + (plot.height - height) / 2, width: width, height: height),
        ]
        var best = candidates[0]
        var fewest = Int.max
        for candidate in candidates {
            let covered = points.reduce(0) { $0 + (candidate.contains($1) ? 1 : 0) }
            if covered < fewest {
                fewest = covered
                best = candidate
            }
        }
        let frame = [Point(best.minX, best.minY), Point(best.maxX, best.minY), Point(best.maxX, best.maxY), Point(best.minX, best.maxY), Point(best.minX, best.minY)]
        renderer.fill(best, color: Color.white.opacity(0.9))
        renderer.stroke(frame, color: Color(hex: 0xCCCCCC), width: 0.6, dash: [])
        for (index, entry) in entries.enumerated() {
            let rowTop = best.minY + padding + Double(index) * rowHeight
            let middle = rowTop + rowHeight / 2
            renderer.stroke([Point(best.minX + padding, middle), Point(best.minX + padding + Self.sampleLength, middle)], color: entry.color, width: entry.width, dash: entry.dash)
            renderer.draw(entry.label, style: .legend, at: Point(best.minX + padding + Self.sampleLength + 6, middle - sizes[index].height / 2), vertical: false)
        }
    }
}
