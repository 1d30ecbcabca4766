/// Something drawn in data coordinates. Marks declare their data; the axes derive their
/// limits from all of them.
public enum Mark: Hashable, Codable, Sendable {
    case line(LineMark)
    case point(PointMark)

    /// The data points that decide the axes' limits and the legend's placement.
    var dataPoints: [Point] {
        switch self {
        case let .line(line): return line.points
        case let .point(point): return [point.position]
        }
    }

    /// The legend entry of this mark, if it has a label.
    var legendEntry: LegendEntry? {
        switch self {
        case let .line(line):
            guard let label = line.label else { return nil }
            return LegendEntry(label: label, color: line.color, width: line.width, dash: line.dash)
        case .point:
            return nil
        }
    }
}

/// A polyline through data points; points that the scales cannot show break the line.
public struct LineMark: Hashable, Codable, Sendable {
    public var points: [Point]
    public var label: ChartText?
    public var color: Color
    public var width: Double
    /// Dash lengths in points; empty for a solid line.
    public var dash: [Double]

    public init(
        points: [Point], label: ChartText? = nil, color: Color, width: Double = 1.75,
        dash: [Double] = []
    ) {
        self.points = points
        self.label = label
        self.color = color
        self.width = width
        self.dash = dash
    }
}

/// A single marker, such as the point where a run diverged.
public struct PointMark: Hashable, Codable, Sendable {
    public enum Shape: String, Hashable, Codable, Sendable {
        case circle, cross
    }

    public var position: Point
    public var shape: Shape
    public var color: Color
    /// Diameter in points.
    public var size: Double

    public init(position: Point, shape: Shape, color: Color, size: Double = 7) {
        self.position = position
        self.shape = shape
        self.color = color
        self.size = size
    }
}

struct LegendEntry: Hashable {
    var label: ChartText
    var color: Color
    var width: Double
    var dash: [Double]
}
