/// A renderer that records drawing operations instead of making pixels.
///
/// Text is measured with a fixed advance per character so that layouts are repeatable
/// without fonts; tests use the recorded text boxes to check that nothing overlaps or leaves
/// the figure.
public final class RecordingRenderer: Renderer {
    public struct TextBox: Hashable, Sendable {
        public var text: ChartText
        public var frame: Rect
    }

    public enum Operation: Hashable, Sendable {
        case fillRect(Rect, Color)
        case stroke([Point], Color, width: Double, dash: [Double])
        case fillPolygon([Point], Color)
        case text(TextBox)
        case image(Rect, width: Int, height: Int)
        case clip(Rect?)
    }

    public private(set) var operations: [Operation] = []
    public let scale: Double

    public init(scale: Double = 1) {
        self.scale = scale
    }

    public var textBoxes: [TextBox] {
        operations.compactMap { if case let .text(box) = $0 { return box } else { return nil } }
    }

    public func measure(_ text: ChartText, style: TextStyle) -> Size {
        let visible = Self.visibleCharacters(text.markup)
        let advance = style.size * 0.6
        guard let maxWidth = style.maxWidth else { return Size(width: Double(visible) * advance, height: style.size * 1.2) }
        // Wrapped as Pango would break a text without spaces: as many characters per line as fit.
        let perLine = max(1, Int(maxWidth / advance))
        let lines = min(style.maxLines, max(1, (visible + perLine - 1) / perLine))
        return Size(width: Double(min(visible, perLine)) * advance, height: Double(lines) * style.size * 1.2)
    }

    public func fill(_ rect: Rect, color: Color) {
        operations.append(.fillRect(rect, color))
    }

    public func stroke(_ points: [Point], color: Color, width: Double, dash: [Double]) {
        operations.append(.stroke(points, color, width: width, dash: dash))
    }

    public func fill(polygon points: [Point], color: Color) {
        operations.append(.fillPolygon(points, color))
    }

    public func draw(_ text: ChartText, style: TextStyle, at origin: Point, vertical: Bool) {
        let size = measure(text, style: style)
        let frame = vertical
            ? Rect(x: origin.x, y: origin.y, width: size.height, height: size.width)
            : Rect(x: origin.x, y: origin.y, width: size.width, height: size.height)
        operations.append(.text(TextBox(text: text, frame: frame)))
    }

    public func draw(_ image: RasterImage, in rect: Rect) {
        operations.append(.image(rect, width: image.width, height: image.height))
    }

    public func clip(to rect: Rect) {
        operations.append(.clip(rect))
    }

    public func resetClip() {
        operations.append(.clip(nil))
    }

    /// Characters outside markup tags, counting an entity such as `&amp;` as one.
    static func visibleCharacters(_ markup: String) -> Int {
        var count = 0
        var inTag = false
        var inEntity = false
        for character in markup {
            switch character {
            case "<": inTag = true
            case ">": inTag = false
            case "&" where !inTag: inEntity = true; count += 1
            case ";" where inEntity: inEntity = false
            default: if !inTag && !inEntity { count += 1 }
            }
        }
        return count
    }
}
