/// Where one panel's data lands: its plot rectangle in points and each axis's scale and
/// limits, the same transform its marks were drawn through. Exported so that a browser can
/// draw over the PNG (an `explore` figure's paths) exactly where the renderer would.
public struct PanelTransform: Hashable, Codable, Sendable {
    /// The plot area in points; y grows downwards, so `yLimits.lowerBound` is at `plot.maxY`.
    public var plot: Rect
    public var xScale: Scale
    public var xLimits: ClosedRange<Double>
    public var yScale: Scale
    public var yLimits: ClosedRange<Double>

    public init(plot: Rect, xScale: Scale, xLimits: ClosedRange<Double>, yScale: Scale, yLimits: ClosedRange<Double>) {
        self.plot = plot
        self.xScale = xScale
        self.xLimits = xLimits
        self.yScale = yScale
        self.yLimits = yLimits
    }

    /// Where `point` (in data units) is drawn, in device pixels at `scale` pixels per point
    /// (2 for a 2× PNG); far-off values are held a few axis lengths away, as the renderer holds them.
    public func device(_ point: Point, scale: Double) -> Point {
        let x = AxisTransform(scale: xScale, lower: xLimits.lowerBound, upper: xLimits.upperBound, deviceLower: plot.minX, deviceUpper: plot.maxX)
        let y = AxisTransform(scale: yScale, lower: yLimits.lowerBound, upper: yLimits.upperBound, deviceLower: plot.maxY, deviceUpper: plot.minY)
        return Point(x(point.x) * scale, y(point.y) * scale)
    }
}

extension FigureDrawing {
    /// Each panel's transform when the figure is laid out at `scale` device pixels per point
    /// with text measured by `measurer` (layout depends on the measured text).
    public func panelTransforms(measuring measurer: TextMeasuring, scale: Double) -> [PanelTransform] {
        scene(measuring: measurer, scale: scale).panels
    }
}

extension Figure {
    /// Each panel's transform as `png(scale:theme:)` lays the figure out: text measured by
    /// Cairo and Pango at `scale`, so the plot rectangle is the PNG's.
    public func panelTransforms(scale: Double, theme: ChartTheme = .light) throws -> [PanelTransform] {
        FigureDrawing(self, theme: theme).panelTransforms(measuring: try CairoRenderer(size: size, scale: scale), scale: scale)
    }
}
