/// Something drawn in data coordinates. Marks declare their data; the axes derive their
/// limits from all of them, so a figure kind is a composition of marks, not a new routine.
public enum Mark: Hashable, Codable, Sendable {
    case line(LineMark)
    case point(PointMark)
    case scatter(ScatterMark)
    case area(AreaMark)
    case bar(BarMark)
    case contour(ContourMark)
    case trajectory(TrajectoryMark)
    case text(TextMark)

    /// The data points that decide the axes' limits.
    var dataPoints: [Point] {
        switch self {
        case let .line(line): return line.points
        case let .point(point): return [point.position]
        case let .scatter(scatter): return scatter.points
        case let .area(area): return area.lower + area.upper
        case let .bar(bar): return bar.dataPoints
        case let .contour(contour): return contour.corners
        case let .trajectory(trajectory): return trajectory.points
        case let .text(text): return [text.position]
        }
    }

    /// Whether a page draws the mark itself over a rendering without it (`FigureLayers`).
    public var isOverlay: Bool {
        switch self {
        case let .line(line): return line.overlay
        case let .point(point): return point.overlay
        case let .trajectory(trajectory): return trajectory.overlay
        case .scatter, .area, .bar, .contour, .text: return false
        }
    }

    /// The mark as an overlay, for the marks that can be one (lines, points, trajectories).
    public var overlaid: Mark {
        switch self {
        case var .line(line): line.overlay = true; return .line(line)
        case var .point(point): point.overlay = true; return .point(point)
        case var .trajectory(trajectory): trajectory.overlay = true; return .trajectory(trajectory)
        case .scatter, .area, .bar, .contour, .text: return self
        }
    }

    /// Whether the mark has a row in its axes' legend.
    public var isInLegend: Bool { legendEntry != nil }

    /// The legend entry of this mark, if it has a label.
    var legendEntry: LegendEntry? {
        switch self {
        case let .line(line):
            return line.label.map { LegendEntry(label: $0, color: line.color, symbol: .line(width: line.width, dash: line.dash, marker: line.markers?.shape)) }
        case let .scatter(scatter):
            return scatter.label.map { LegendEntry(label: $0, color: scatter.color, symbol: .marker(scatter.shape)) }
        case let .area(area):
            return area.label.map { LegendEntry(label: $0, color: area.color, symbol: .box) }
        case let .bar(bar):
            return bar.label.map { LegendEntry(label: $0, color: bar.color, symbol: .box) }
        case let .trajectory(trajectory):
            return trajectory.label.map { LegendEntry(label: $0, color: trajectory.color, symbol: .path(width: trajectory.width, end: trajectory.endShape)) }
        case .point, .contour, .text:
            return nil
        }
    }
}

/// The shape of a marker, for scatter points, path ends and single points.
public enum MarkerShape: String, Hashable, Codable, Sendable, CaseIterable {
    case circle, square, triangle, diamond, cross, star

    /// A shape per class, so that classes differ in shape as well as in colour.
    public static func forClass(_ index: Int) -> MarkerShape {
        let shapes: [MarkerShape] = [.circle, .triangle, .square, .diamond, .star, .cross]
        return shapes[((index % shapes.count) + shapes.count) % shapes.count]
    }

    /// A shape per run, so that runs differ in shape as well as in colour: the filled shapes
    /// that read at a small size (a cross marks a stopped run, a star a known minimum). The
    /// cycle moves on by one every four runs, so that runs 1 and 5 (blue and sky blue in the
    /// palette) and 2 and 6 (vermilion and orange), the pairs most alike, differ in shape.
    public static func forRun(_ index: Int) -> MarkerShape {
        let shapes: [MarkerShape] = [.circle, .square, .triangle, .diamond]
        let index = max(0, index)
        return shapes[(index + index / shapes.count) % shapes.count]
    }
}

/// Markers along a line, one every `spacing` points across the plot (the first half a spacing
/// in, away from where curves start together), that tell a run apart by shape where colours
/// are hard to tell. `offset` (a fraction of the spacing) staggers the markers of different
/// lines so that they do not sit on one another.
public struct LineMarkers: Hashable, Codable, Sendable {
    public var shape: MarkerShape
    public var offset: Double

    /// Points between two markers of a line, across the plot.
    public static let spacing = 72.0
    /// A marker's size in points (smaller than a scatter's: it rides on a line).
    public static let size = 5.5

    public init(shape: MarkerShape, offset: Double = 0) {
        self.shape = shape
        self.offset = offset
    }

    /// The markers of run `index`: its shape, staggered by a quarter spacing per run.
    public static func forRun(_ index: Int) -> LineMarkers {
        LineMarkers(shape: .forRun(index), offset: Double(((index % 4) + 4) % 4) / 4)
    }
}

/// A polyline through data points; points that the scales cannot show break the line.
public struct LineMark: Hashable, Codable, Sendable {
    @DataDigested public var points: [Point]
    public var label: ChartText?
    /// The colour, whose alpha is the line's opacity.
    public var color: Color
    public var width: Double
    /// Dash lengths in points; empty for a solid line.
    public var dash: [Double]
    /// Markers along the line; nil for none.
    public var markers: LineMarkers?
    /// Drawn over the figure by a page (see `FigureLayers`).
    public var overlay: Bool

    public init(points: [Point], label: ChartText? = nil, color: Color, width: Double = 1.75, dash: [Double] = [], markers: LineMarkers? = nil, overlay: Bool = false) {
        self.points = points
        self.label = label
        self.color = color
        self.width = width
        self.dash = dash
        self.markers = markers
        self.overlay = overlay
    }
}

/// A single marker, such as the point where a run diverged or a known minimum.
public struct PointMark: Hashable, Codable, Sendable {
    public var position: Point
    public var shape: MarkerShape
    public var color: Color
    /// Diameter in points.
    public var size: Double
    /// Drawn over the figure by a page (see `FigureLayers`).
    public var overlay: Bool

    public init(position: Point, shape: MarkerShape, color: Color, size: Double = 7, overlay: Bool = false) {
        self.position = position
        self.shape = shape
        self.color = color
        self.size = size
        self.overlay = overlay
    }
}

/// Many markers of one shape and colour: one class of a dataset, say.
public struct ScatterMark: Hashable, Codable, Sendable {
    @DataDigested public var points: [Point]
    public var label: ChartText?
    public var shape: MarkerShape
    public var color: Color
    public var size: Double

    public init(points: [Point], label: ChartText? = nil, shape: MarkerShape = .circle, color: Color, size: Double = 5) {
        self.points = points
        self.label = label
        self.shape = shape
        self.color = color
        self.size = size
    }
}

/// The region between two curves, such as a band of ± one standard deviation. `lower[i]` and
/// `upper[i]` share an x.
public struct AreaMark: Hashable, Codable, Sendable {
    public var lower: [Point]
    public var upper: [Point]
    public var label: ChartText?
    public var color: Color

    public init(lower: [Point], upper: [Point], label: ChartText? = nil, color: Color) {
        self.lower = lower
        self.upper = upper
        self.label = label
        self.color = color
    }
}

/// One series of a grouped bar chart: `values[i]` is the bar of category i, placed at x = i.
/// With `seriesCount` series, series k takes its share of each category's width.
public struct BarMark: Hashable, Codable, Sendable {
    public var values: [Double]
    public var label: ChartText?
    public var color: Color
    public var series: Int
    public var seriesCount: Int
    /// The fraction of a category's width that its bars fill together.
    public static let groupWidth = 0.8

    public init(values: [Double], label: ChartText? = nil, color: Color, series: Int = 0, seriesCount: Int = 1) {
        self.values = values
        self.label = label
        self.color = color
        self.seriesCount = max(1, seriesCount)
        self.series = min(max(0, series), self.seriesCount - 1)
    }

    /// The left and right data x of bar `index`.
    public func span(of index: Int) -> (left: Double, right: Double) {
        let width = Self.groupWidth / Double(seriesCount)
        let left = Double(index) - Self.groupWidth / 2 + Double(series) * width
        return (left, left + width)
    }

    var dataPoints: [Point] {
        guard !values.isEmpty else { return [] }
        // The categories' full width, the base at 0 (a log axis leaves it out) and each bar's top.
        return [Point(-0.5, 0), Point(Double(values.count) - 0.5, values[0])]
            + values.enumerated().map { Point(Double($0.offset), $0.element) }
    }
}

/// A scalar field on a regular grid drawn as filled bands between `levels` and/or iso-lines
/// at them. Cells with a NaN corner are left empty.
public struct ContourMark: Hashable, Codable, Sendable {
    public var grid: Grid
    /// Increasing level values: band k lies between levels[k] and levels[k + 1]; values below
    /// the first level take the first band, above the last the last band.
    public var levels: [Double]
    public var filled: Bool
    public var lines: Bool
    public var colormap: Colormap
    /// Shown beside the colour bar; nil draws no colour bar.
    public var colorBarLabel: ChartText?

    public init(
        grid: Grid, levels: [Double], filled: Bool = true, lines: Bool = true, colormap: Colormap = .viridis,
        colorBarLabel: ChartText? = nil
    ) {
        self.grid = grid
        self.levels = levels
        self.filled = filled
        self.lines = lines
        self.colormap = colormap
        self.colorBarLabel = colorBarLabel
    }

    var corners: [Point] {
        guard let x0 = grid.xValues.first, let x1 = grid.xValues.last, let y0 = grid.yValues.first, let y1 = grid.yValues.last else { return [] }
        return [Point(x0, y0), Point(x1, y1)]
    }

    /// The colour of band `index` of `levels.count − 1` bands.
    func bandColor(_ index: Int) -> Color {
        let bands = max(1, levels.count - 1)
        return colormap.color(at: bands == 1 ? 0.5 : Double(index) / Double(bands - 1))
    }
}

/// Values on a regular grid: `values[row * xValues.count + column]` is at
/// (xValues[column], yValues[row]); both axes increase evenly.
public struct Grid: Hashable, Codable, Sendable {
    public var xValues: [Double]
    public var yValues: [Double]
    @DataDigested public var values: [Double]

    public init(xValues: [Double], yValues: [Double], values: [Double]) {
        self.xValues = xValues
        self.yValues = yValues
        self.values = values
    }

    public var columns: Int { xValues.count }
    public var rows: Int { yValues.count }
    public var isValid: Bool { columns >= 2 && rows >= 2 && values.count == columns * rows }

    func value(column: Int, row: Int) -> Double { values[row * columns + column] }

}

/// An optimizer's path: a polyline with a hollow start, a filled end (a cross when the run
/// stopped early) and arrows that show the direction. Dense paths are thinned when drawn.
/// The ends of all paths are drawn after every path, and the end is filled with a darker shade
/// of the path's colour, so that it reads as filled even over a tangle of its own path.
public struct TrajectoryMark: Hashable, Codable, Sendable {
    public enum Ending: String, Hashable, Codable, Sendable {
        case finished, stopped
    }

    @DataDigested public var points: [Point]
    public var label: ChartText?
    public var color: Color
    public var width: Double
    public var ending: Ending
    /// Roughly how many direction arrows to draw along the path.
    public var arrows: Int
    /// A white casing under the path that sets it off from a filled contour. Off when the
    /// casings are drawn beforehand as their own marks, so that one casing never covers
    /// another path.
    public var halo: Bool
    /// The shape of the end marker of a path that finished (a stopped one ends in a cross).
    public var endShape: MarkerShape
    /// Drawn over the figure by a page, with its casing and ends (see `FigureLayers`).
    public var overlay: Bool

    public init(points: [Point], label: ChartText? = nil, color: Color, width: Double = 1.6, ending: Ending = .finished, arrows: Int = 4, halo: Bool = true, endShape: MarkerShape = .circle, overlay: Bool = false) {
        self.points = points
        self.label = label
        self.color = color
        self.width = width
        self.ending = ending
        self.arrows = arrows
        self.halo = halo
        self.endShape = endShape
        self.overlay = overlay
    }

    /// The fill of the end marker: darker than the path, so that it shows over the path.
    public var endColor: Color { Self.endColor(of: color) }

    /// The end marker's fill for a path of `color` (also the legend's).
    static func endColor(of color: Color) -> Color { color.darkened(0.35) }

    /// The casing of this path as a line to draw before every path.
    public var casing: LineMark {
        LineMark(points: points, color: Color.white.opacity(0.7), width: width + 1.2, overlay: overlay)
    }
}

/// A text annotation at a data point, offset in points.
public struct TextMark: Hashable, Codable, Sendable {
    public enum Anchor: String, Hashable, Codable, Sendable {
        case left, center, right
    }

    public var position: Point
    public var text: ChartText
    public var anchor: Anchor
    /// Offset from the anchor point in points (y down).
    public var offset: Point
    public var style: TextStyle

    public init(position: Point, text: ChartText, anchor: Anchor = .left, offset: Point = Point(6, -6), style: TextStyle = .annotation) {
        self.position = position
        self.text = text
        self.anchor = anchor
        self.offset = offset
        self.style = style
    }
}

/// What a legend row shows beside its label.
enum LegendSymbol: Hashable {
    case line(width: Double, dash: [Double], marker: MarkerShape?)
    case marker(MarkerShape)
    case box
    case path(width: Double, end: MarkerShape)
    /// No symbol: the row that counts entries left out of a long legend.
    case none
}

struct LegendEntry: Hashable {
    var label: ChartText
    var color: Color
    var symbol: LegendSymbol
}

/// A mark's data (a grid's values, a line's, scatter's or path's points) reduced to a short
/// text that changes with any bit of it, which an encoder writes in place of the numbers when its
/// `userInfo` holds a `Function` under `key`. A figure's value is hashed once per layout, and
/// writing 100,000 points or a 200 × 200 grid out as JSON text each time cost more than drawing
/// them. Any other encoder (and every decoder) sees the numbers.
public enum DataDigest {
    public static let key: CodingUserInfoKey? = CodingUserInfoKey(rawValue: "descent.dataDigest")

    /// Reduces numbers (a point as its x then its y) to their digest.
    public typealias Function = @Sendable ([Double]) -> String

    /// A value that is numbers for the digest.
    public protocol Numbers {
        func appendNumbers(to numbers: inout [Double])
    }
}

extension Double: DataDigest.Numbers {
    public func appendNumbers(to numbers: inout [Double]) { numbers.append(self) }
}

extension Point: DataDigest.Numbers {
    public func appendNumbers(to numbers: inout [Double]) { numbers += [x, y] }
}

/// A mark's data, encoded through `DataDigest` when the encoder asks for it.
@propertyWrapper
public struct DataDigested<Element: DataDigest.Numbers & Hashable & Codable & Sendable>: Hashable, Codable, Sendable {
    public var wrappedValue: [Element]

    public init(wrappedValue: [Element]) {
        self.wrappedValue = wrappedValue
    }

    public init(from decoder: any Decoder) throws {
        wrappedValue = try [Element](from: decoder)
    }

    public func encode(to encoder: any Encoder) throws {
        guard let key = DataDigest.key, let digest = encoder.userInfo[key] as? DataDigest.Function else {
            return try wrappedValue.encode(to: encoder)
        }
        var numbers: [Double] = []
        numbers.reserveCapacity(2 * wrappedValue.count)
        for element in wrappedValue { element.appendNumbers(to: &numbers) }
        var container = encoder.singleValueContainer()
        try container.encode(digest(numbers))
    }
}
