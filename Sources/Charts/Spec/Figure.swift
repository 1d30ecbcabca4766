/// A whole chart: a size in points, the resolution to draw at, and its panels.
///
/// A figure is a value; drawing it is the job of `FigureDrawing` with some `Renderer`.
public struct Figure: Hashable, Codable, Sendable {
    /// Width and height in points (1/72 inch); a PNG is `size × scale` pixels.
    public var size: Size
    public var title: ChartText?
    public var panels: [Axes]
    /// Panels per row; panels fill the grid row by row.
    public var columns: Int
    /// Panels in one column share their x limits; panels in one row their y limits.
    public var sharedX: Bool
    public var sharedY: Bool
    public var background: Color
    /// What is drawn: everything, or all but the marks a page draws over it.
    public var layers: FigureLayers = .all

    public init(
        size: Size, title: ChartText? = nil, panels: [Axes], columns: Int = 1,
        sharedX: Bool = false, sharedY: Bool = false, background: Color = .white
    ) {
        self.size = size
        self.title = title
        self.panels = panels
        self.columns = max(1, columns)
        self.sharedX = sharedX
        self.sharedY = sharedY
        self.background = background
    }

    public var rows: Int { (panels.count + columns - 1) / columns }
}

/// Which of a figure's parts are drawn. A page that draws a figure's runs itself (a path played
/// back, the run a slider picks) shows a rendering without those marks, the overlay, and draws
/// them through the panel's `PanelTransform`; the layout is the whole figure's in every case
/// (limits, ticks, the legend's place and the room it takes), so the transforms are the same.
public enum FigureLayers: Hashable, Codable, Sendable {
    /// The whole figure.
    case all
    /// The figure without its overlay marks (`Mark.isOverlay`), and without its legends when
    /// `legends` is false (their room is kept).
    case underOverlay(legends: Bool)

    func draws(_ mark: Mark) -> Bool {
        guard case .underOverlay = self else { return true }
        return !mark.isOverlay
    }

    var drawsLegends: Bool {
        guard case let .underOverlay(legends) = self else { return true }
        return legends
    }
}

/// One panel: scales, labels and the marks drawn in it.
public struct Axes: Hashable, Codable, Sendable {
    public var title: ChartText?
    public var xLabel: ChartText?
    public var yLabel: ChartText?
    public var xScale: Scale
    public var yScale: Scale
    /// Fixed limits; nil derives them from the marks with a small margin.
    public var xLimits: ClosedRange<Double>?
    public var yLimits: ClosedRange<Double>?
    /// Fixed ticks (values and labels, as for categories); nil chooses nice ones.
    public var xTicks: [Tick]?
    public var yTicks: [Tick]?
    /// The x values are counts (epochs, steps): linear ticks fall on whole numbers.
    public var xCounts: Bool
    /// One data unit is as long on x as on y (for a surface, so that its shape is true); the
    /// plot shrinks in one direction to make it so, unless that would lose more than half of it.
    public var equalAspect: Bool
    public var marks: [Mark]
    public var legend: LegendPlacement
    public var grid: Bool

    public init(
        title: ChartText? = nil, xLabel: ChartText? = nil, yLabel: ChartText? = nil,
        xScale: Scale = .linear, yScale: Scale = .linear,
        xLimits: ClosedRange<Double>? = nil, yLimits: ClosedRange<Double>? = nil,
        xTicks: [Tick]? = nil, yTicks: [Tick]? = nil, xCounts: Bool = false, equalAspect: Bool = false, marks: [Mark] = [],
        legend: LegendPlacement = .best, grid: Bool = true
    ) {
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.xScale = xScale
        self.yScale = yScale
        self.xLimits = xLimits
        self.yLimits = yLimits
        self.xTicks = xTicks
        self.yTicks = yTicks
        self.xCounts = xCounts
        self.equalAspect = equalAspect
        self.marks = marks
        self.legend = legend
        self.grid = grid
    }
}

/// Where an axes' legend goes.
public enum LegendPlacement: String, Hashable, Codable, Sendable {
    /// Inside the plot, in the candidate place that covers the fewest data points; outside
    /// on the right when every place inside would cover data.
    case best
    /// To the right of the plot.
    case outside
    case none
}
