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
    public var background: Color

    public init(
        size: Size, title: ChartText? = nil, panels: [Axes], columns: Int = 1,
        background: Color = .white
    ) {
        self.size = size
        self.title = title
        self.panels = panels
        self.columns = max(1, columns)
        self.background = background
    }

    public var rows: Int { (panels.count + columns - 1) / columns }
}

/// One panel: scales, labels and the marks drawn in it.
public struct Axes: Hashable, Codable, Sendable {
    public var title: ChartText?
    public var xLabel: ChartText?
    public var yLabel: ChartText?
    public var xScale: Scale
    public var yScale: Scale
    public var marks: [Mark]
    public var legend: LegendPlacement
    public var grid: Bool

    public init(
        title: ChartText? = nil, xLabel: ChartText? = nil, yLabel: ChartText? = nil,
        xScale: Scale = .linear, yScale: Scale = .linear, marks: [Mark] = [],
        legend: LegendPlacement = .best, grid: Bool = true
    ) {
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.xScale = xScale
        self.yScale = yScale
        self.marks = marks
        self.legend = legend
        self.grid = grid
    }
}

/// Where an axes' legend goes.
public enum LegendPlacement: Hashable, Codable, Sendable {
    /// Inside the plot, in the corner that covers the fewest data points.
    case best
    case none
}
