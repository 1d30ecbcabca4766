import Foundation

/// The layout pass: turns a `Figure` into a `Scene`, the device-space display list that
/// renderers replay.
///
/// Layout is decided from measured text: tick labels, axis labels and titles get the room
/// they need, and the plot area is what is left. Every data-derived number becomes a device
/// number here and only here, through `SceneBuilder` (clipping, gaps, decimation),
/// `AxisDomain.nonsingular` (ranges) and `Caps` (counts).
public struct FigureDrawing {
    public let figure: Figure
    public let theme: ChartTheme

    public init(_ figure: Figure, theme: ChartTheme = .light) {
        self.figure = figure
        self.theme = theme
    }

    static let padding = 6.0
    static let tickLength = 4.0
    static let tickLabelGap = 3.0

    /// The figure laid out with text measured by `measurer`, for output at `scale` device
    /// pixels per point.
    public func scene(measuring measurer: TextMeasuring, scale: Double) -> Scene {
        let builder = SceneBuilder(size: figure.size, scale: scale, theme: theme, measuring: measurer)
        lay(on: builder)
        return builder.scene
    }

    /// Lays the figure out and replays the scene through `renderer`.
    public func draw(on renderer: Renderer) {
        scene(measuring: renderer, scale: renderer.scale).replay(on: renderer)
    }

    private func lay(on scene: SceneBuilder) {
        let bounds = Rect(x: 0, y: 0, width: figure.size.width, height: figure.size.height)
        // A figure on the default white takes the theme's background (the page's).
        scene.fill(bounds, color: figure.background == .white ? scene.theme.background : figure.background)
        var top = 0.0
        if let title = figure.title, !title.isEmpty {
            // A long title wraps onto a second line, then ends in “…”; it is never clipped.
            let style = Self.fitted(title, style: .title, width: bounds.width - 2 * Self.padding, lines: 2, scene: scene)
            let extent = scene.measure(title, style: style)
            top = Self.padding + extent.height
            scene.draw(title, style: style, at: Point((bounds.width - extent.width) / 2, Self.padding), vertical: false)
        }
        let cellWidth = bounds.width / Double(figure.columns)
        let cellHeight = (bounds.height - top) / Double(max(1, figure.rows))
        let limits = sharedLimits()
        for (index, axes) in figure.panels.enumerated() {
            let cell = Rect(
                x: Double(index % figure.columns) * cellWidth,
                y: top + Double(index / figure.columns) * cellHeight,
                width: cellWidth, height: cellHeight)
            PanelDrawing(axes: axes, cell: cell, xLimits: limits[index].x, yLimits: limits[index].y, layers: figure.layers).draw(on: scene)
        }
    }

    /// `style` when `text` fits in `width` points on one line, else the style wrapped to that
    /// width on at most `lines` lines (so that text that fits is set exactly as before).
    static func fitted(_ text: ChartText, style: TextStyle, width: Double, lines: Int, scene: SceneBuilder) -> TextStyle {
        scene.measure(text, style: style).width <= width ? style : style.wrapped(width: width, lines: lines)
    }

    /// Each panel's limits: its own, or shared along its column (x) and row (y).
    func sharedLimits() -> [(x: ClosedRange<Double>, y: ClosedRange<Double>)] {
        func limits(_ fixed: ClosedRange<Double>?, _ values: @autoclosure () -> [Double], scale: Scale) -> ClosedRange<Double> {
            guard let fixed else { return AxisDomain.limits(of: values(), scale: scale) }
            return AxisDomain.nonsingular(fixed.lowerBound, fixed.upperBound, scale: scale)
        }
        let own = figure.panels.map { panel in
            (limits(panel.xLimits, panel.marks.flatMap(\.dataPoints).map(\.x), scale: panel.xScale),
             limits(panel.yLimits, panel.marks.flatMap(\.dataPoints).map(\.y), scale: panel.yScale))
        }
        return own.indices.map { index in
            var (x, y) = own[index]
            if figure.sharedX {
                for other in own.indices where other % figure.columns == index % figure.columns && figure.panels[other].xScale == figure.panels[index].xScale {
                    x = min(x.lowerBound, own[other].0.lowerBound)...max(x.upperBound, own[other].0.upperBound)
                }
            }
            if figure.sharedY {
                for other in own.indices where other / figure.columns == index / figure.columns && figure.panels[other].yScale == figure.panels[index].yScale {
                    y = min(y.lowerBound, own[other].1.lowerBound)...max(y.upperBound, own[other].1.upperBound)
                }
            }
            return (x, y)
        }
    }
}

/// Where everything of one panel goes, decided before anything is drawn.
struct PanelLayout {
    var plot: Rect
    var x: AxisTransform
    var y: AxisTransform
    var xTicks: [Tick]
    var yTicks: [Tick]
    /// The widest y tick label, so that the y axis label sits just left of the labels.
    var yTickWidth: Double
}

/// One axes panel laid out inside its cell.
struct PanelDrawing {
    let axes: Axes
    let cell: Rect
    let xLimits: ClosedRange<Double>
    let yLimits: ClosedRange<Double>
    /// Which marks and whether the legend are drawn; the layout is the same either way.
    var layers: FigureLayers = .all

    private typealias Metrics = FigureDrawing

    var colorBarMark: ContourMark? {
        for case let .contour(contour) in axes.marks where contour.colorBarLabel != nil && contour.filled { return contour.drawable }
        return nil
    }

    func draw(on scene: SceneBuilder) {
        let entries = axes.marks.compactMap(\.legendEntry)
        var legend = LegendDrawing(entries: entries)
        let colorBar = colorBarMark.map { ColorBarDrawing(mark: $0) }
        var reserve = colorBar?.width(scene) ?? 0
        var layout = self.layout(reservingRight: reserve, scene: scene)
        var legendFrame: Rect?
        if !entries.isEmpty, axes.legend != .none {
            let size = legend.size(scene)
            let points = Self.capped(axes.marks.flatMap { MarkDrawing(mark: $0, x: layout.x, y: layout.y).devicePoints() }, to: Caps.legendSamples)
            let inside = axes.legend == .best ? legend.bestFrame(size: size, in: layout.plot, avoiding: points) : nil
            if let inside, inside.covered == 0 || Double(inside.covered) <= 0.02 * Double(points.count) {
                legendFrame = inside.frame
            } else if size.width > Self.widestSideLegend * cell.width,
                      let below = legend.below(in: cell, scene: scene)
                        // A narrow cell (a phone's figure) has no room beside the plot: one column below.
                        ?? (size.width + Metrics.padding * 2 > cell.width / 2 ? legend.below(in: cell, scene: scene, minimumColumns: 1, heightShare: 0.5) : nil) {
                // Beside the plot it would squeeze the plot: below it, in columns.
                legend = below
                let size = legend.size(scene)
                layout = self.layout(reservingRight: reserve, reservingBottom: size.height + Metrics.padding, scene: scene)
                legendFrame = Rect(x: cell.minX + (cell.width - size.width) / 2, y: cell.maxY - Metrics.padding - size.height, width: size.width, height: size.height)
            } else {
                reserve += size.width + Metrics.padding * 2
                layout = self.layout(reservingRight: reserve, scene: scene)
                legendFrame = Rect(x: cell.maxX - Metrics.padding - size.width, y: layout.plot.minY, width: size.width, height: size.height)
            }
        }
        let plot = layout.plot
        scene.panels.append(PanelTransform(plot: plot, xScale: axes.xScale, xLimits: xLimits, yScale: axes.yScale, yLimits: yLimits))
        if axes.grid {
            for tick in layout.xTicks where tick.isMajor {
                scene.stroke([Point(layout.x(tick.value), plot.minY), Point(layout.x(tick.value), plot.maxY)], color: .grid, width: 0.6, dash: [])
            }
            for tick in layout.yTicks where tick.isMajor {
                scene.stroke([Point(plot.minX, layout.y(tick.value)), Point(plot.maxX, layout.y(tick.value))], color: .grid, width: 0.6, dash: [])
            }
        }
        scene.clip(to: plot)
        for mark in axes.marks where layers.draws(mark) {
            MarkDrawing(mark: mark, x: layout.x, y: layout.y).draw(on: scene)
        }
        for case let .trajectory(trajectory) in axes.marks where layers.draws(.trajectory(trajectory)) {
            MarkDrawing(mark: .trajectory(trajectory), x: layout.x, y: layout.y).drawEnds(trajectory, on: scene)
        }
        scene.resetClip()
        // Text annotations may reach past the plot; they are drawn unclipped.
        for case let .text(text) in axes.marks {
            MarkDrawing(mark: .text(text), x: layout.x, y: layout.y).drawText(text, on: scene)
        }
        drawAxes(layout, on: scene)
        if let colorBar {
            colorBar.draw(on: scene, beside: plot, right: cell.maxX - Metrics.padding - (legendFrame.map { $0.minX < plot.maxX ? 0 : $0.width + Metrics.padding * 2 } ?? 0))
        }
        if let legendFrame, layers.drawsLegends {
            legend.draw(on: scene, in: legendFrame)
        }
    }

    /// The largest share of the cell's width a legend beside the plot may take; a wider one goes
    /// below the plot, in columns.
    static let widestSideLegend = 0.25

    /// The plot rectangle, transforms and ticks when `reserve` points are kept free on the right
    /// and `bottomReserve` below.
    func layout(reservingRight reserve: Double, reservingBottom bottomReserve: Double = 0, scene: SceneBuilder) -> PanelLayout {
        let titleHeight = axes.title.map { scene.measure($0, style: .title).height + Metrics.padding } ?? 0
        let xLabelHeight = axes.xLabel.map { scene.measure($0, style: xLabelStyle(scene)).height + Metrics.padding } ?? 0
        let yLabelWidth = axes.yLabel.map { scene.measure($0, style: yLabelStyle(scene)).height + Metrics.padding } ?? 0
        let tickLabelHeight = scene.measure("0", style: .tick).height

        let top = cell.minY + Metrics.padding + titleHeight + tickLabelHeight / 2
        let bottom = cell.maxY - Metrics.padding - bottomReserve - xLabelHeight - tickLabelHeight - Metrics.tickLength - Metrics.tickLabelGap
        var yTicks = axes.yTicks ?? yTicksThatFit(height: bottom - top, scene: scene)
        let yTickWidth = yTicks.map { scene.measure($0.label, style: .tick).width }.max() ?? 0
        let left = cell.minX + Metrics.padding + yLabelWidth + yTickWidth + Metrics.tickLength + Metrics.tickLabelGap

        // The last x tick label may stand out past the plot by half its width.
        let outerRight = cell.maxX - Metrics.padding - reserve
        var right = outerRight
        var xTicks: [Tick] = []
        for attempt in 0..<2 {
            xTicks = axes.xTicks ?? xTicksThatFit(from: left, to: right, scene: scene)
            let lastWidth = xTicks.last { !$0.label.isEmpty }.map { scene.measure($0.label, style: .tick).width } ?? 0
            let lastPosition = xTicks.last.map { AxisTransform(scale: axes.xScale, lower: xLimits.lowerBound, upper: xLimits.upperBound, deviceLower: left, deviceUpper: right)($0.value) } ?? right
            let overhang = lastPosition + lastWidth / 2 - (reserve > 0 ? cell.maxX : outerRight)
            if attempt == 0, overhang > 0 { right -= overhang } else { break }
        }
        var plot = Rect(x: left, y: top, width: max(1, right - left), height: max(1, bottom - top))
        if axes.equalAspect, axes.xScale == .linear, axes.yScale == .linear {
            // Points per data unit made equal by shrinking the longer side, kept centred; a
            // long, thin region (a valley ten times longer than wide) would shrink to a strip,
            // so the plot keeps its box when equal units would lose more than half of a side.
            let xSpan = xLimits.upperBound - xLimits.lowerBound, ySpan = yLimits.upperBound - yLimits.lowerBound
            let perUnit = min(plot.width / xSpan, plot.height / ySpan)
            let width = xSpan * perUnit, height = ySpan * perUnit
            if width >= plot.width / 2, height >= plot.height / 2 {
                plot = Rect(x: plot.x + (plot.width - width) / 2, y: plot.y + (plot.height - height) / 2, width: width, height: height)
            }
        }
        // Ticks chosen for the box are chosen again for a plot that equal units shrank, so
        // that their labels still stand apart.
        if axes.xTicks == nil, plot.width < right - left - 0.5 { xTicks = xTicksThatFit(from: plot.minX, to: plot.maxX, scene: scene) }
        if axes.yTicks == nil, plot.height < bottom - top - 0.5 { yTicks = yTicksThatFit(height: plot.height, scene: scene) }
        let x = AxisTransform(scale: axes.xScale, lower: xLimits.lowerBound, upper: xLimits.upperBound, deviceLower: plot.minX, deviceUpper: plot.maxX)
        let y = AxisTransform(scale: axes.yScale, lower: yLimits.lowerBound, upper: yLimits.upperBound, deviceLower: plot.maxY, deviceUpper: plot.minY)
        let inside = { (tick: Tick, limits: ClosedRange<Double>) in
            tick.value >= limits.lowerBound - 1e-9 * abs(limits.upperBound - limits.lowerBound)
                && tick.value <= limits.upperBound + 1e-9 * abs(limits.upperBound - limits.lowerBound)
        }
        return PanelLayout(
            plot: plot, x: x, y: y,
            xTicks: xTicks.filter { inside($0, xLimits) }, yTicks: yTicks.filter { inside($0, yLimits) },
            yTickWidth: yTickWidth)
    }

    private func drawAxes(_ layout: PanelLayout, on scene: SceneBuilder) {
        let plot = layout.plot
        // Spines on the left and bottom, ticks outward.
        scene.stroke([Point(plot.minX, plot.minY), Point(plot.minX, plot.maxY), Point(plot.maxX, plot.maxY)], color: .ink, width: 0.8, dash: [])
        for tick in layout.xTicks {
            let position = layout.x(tick.value)
            let length = tick.isMajor ? Metrics.tickLength : Metrics.tickLength / 2
            scene.stroke([Point(position, plot.maxY), Point(position, plot.maxY + length)], color: .ink, width: 0.8, dash: [])
            guard !tick.label.isEmpty else { continue }
            let extent = scene.measure(tick.label, style: .tick)
            scene.draw(tick.label, style: .tick, at: Point(position - extent.width / 2, plot.maxY + Metrics.tickLength + Metrics.tickLabelGap), vertical: false)
        }
        for tick in layout.yTicks {
            let position = layout.y(tick.value)
            let length = tick.isMajor ? Metrics.tickLength : Metrics.tickLength / 2
            scene.stroke([Point(plot.minX, position), Point(plot.minX - length, position)], color: .ink, width: 0.8, dash: [])
            guard !tick.label.isEmpty else { continue }
            let extent = scene.measure(tick.label, style: .tick)
            scene.draw(tick.label, style: .tick, at: Point(plot.minX - Metrics.tickLength - Metrics.tickLabelGap - extent.width, position - extent.height / 2), vertical: false)
        }
        // Axis labels follow the plot (which an equal aspect may have shrunk), just beyond the tick labels.
        let tickLabelHeight = scene.measure("0", style: .tick).height
        // A label wider than its plot stays centred on it as far as its cell allows.
        func centred(_ length: Double, on start: Double, _ span: Double, within lower: Double, _ upper: Double) -> Double {
            min(max(start + (span - length) / 2, lower + Metrics.padding), upper - Metrics.padding - length)
        }
        if let label = axes.xLabel {
            let style = xLabelStyle(scene)
            let extent = scene.measure(label, style: style)
            let top = plot.maxY + Metrics.tickLength + Metrics.tickLabelGap + tickLabelHeight + Metrics.padding
            scene.draw(label, style: style, at: Point(centred(extent.width, on: plot.minX, plot.width, within: cell.minX, cell.maxX), top), vertical: false)
        }
        if let label = axes.yLabel {
            let style = yLabelStyle(scene)
            let extent = scene.measure(label, style: style)
            let left = plot.minX - Metrics.tickLength - Metrics.tickLabelGap - layout.yTickWidth - Metrics.padding - extent.height
            scene.draw(label, style: style, at: Point(left, centred(extent.width, on: plot.minY, plot.height, within: cell.minY, cell.maxY)), vertical: true)
        }
        if let title = axes.title {
            let extent = scene.measure(title, style: .title)
            scene.draw(title, style: .title, at: Point(plot.minX + (plot.width - extent.width) / 2, cell.minY + Metrics.padding), vertical: false)
        }
    }

    /// Axis labels wrap onto two lines within their cell when they are longer than it.
    private func xLabelStyle(_ scene: SceneBuilder) -> TextStyle {
        axes.xLabel.map { FigureDrawing.fitted($0, style: .label, width: cell.width - 2 * Metrics.padding, lines: 2, scene: scene) } ?? .label
    }

    private func yLabelStyle(_ scene: SceneBuilder) -> TextStyle {
        axes.yLabel.map { FigureDrawing.fitted($0, style: .label, width: cell.height - 2 * Metrics.padding, lines: 2, scene: scene) } ?? .label
    }

    /// At most `count` of `points`, evenly chosen.
    static func capped(_ points: [Point], to count: Int) -> [Point] {
        guard points.count > count else { return points }
        let step = Double(points.count) / Double(count)
        return (0..<count).map { points[Int(clamping: Double($0) * step, to: 0...(points.count - 1))] }
    }

    /// The most y ticks whose labels stack without touching (log axes thin their own labels).
    private func yTicksThatFit(height: Double, scene: SceneBuilder) -> [Tick] {
        let lineHeight = scene.measure("0", style: .tick).height
        var target = Int(clamping: height / 40, to: 2...Caps.ticks)
        while true {
            let ticks = Ticks.ticks(for: axes.yScale, from: yLimits.lowerBound, to: yLimits.upperBound, targetCount: target)
            let labelled = ticks.filter { !$0.label.isEmpty }.count
            if Double(labelled) * (lineHeight + 4) <= height || target <= 2 { return ticks }
            target -= 1
        }
    }

    /// The most x ticks whose labels fit side by side without touching.
    private func xTicksThatFit(from left: Double, to right: Double, scene: SceneBuilder) -> [Tick] {
        let transform = AxisTransform(scale: axes.xScale, lower: xLimits.lowerBound, upper: xLimits.upperBound, deviceLower: left, deviceUpper: right)
        var target = Int(clamping: (right - left) / 60, to: 2...Caps.ticks)
        while true {
            let ticks = Ticks.ticks(for: axes.xScale, from: xLimits.lowerBound, to: xLimits.upperBound, targetCount: target, integers: axes.xCounts)
            let boxes = ticks.filter { !$0.label.isEmpty }.map { tick -> (Double, Double) in
                let width = scene.measure(tick.label, style: .tick).width
                return (transform(tick.value) - width / 2, transform(tick.value) + width / 2)
            }
            let fits = zip(boxes, boxes.dropFirst()).allSatisfy { $0.1 + 8 <= $1.0 }
            if fits || target <= 2 { return ticks }
            target -= 1
        }
    }
}
