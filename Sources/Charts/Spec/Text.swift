/// Text drawn in a chart: either plain (escaped before it reaches Pango) or Pango markup,
/// which allows `<i>`, `<sub>`, `<sup>` for labels such as θ₁ or 10⁻³.
public struct ChartText: Hashable, Codable, Sendable {
    /// The Pango markup to draw.
    public var markup: String

    public init(markup: String) {
        self.markup = markup
    }

    public init(plain: String) {
        self.markup = ChartText.escape(plain)
    }

    public var isEmpty: Bool { markup.isEmpty }

    /// Escapes the characters Pango markup gives meaning to.
    public static func escape(_ plain: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(plain.utf8.count)
        for character in plain {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            default: escaped.append(character)
            }
        }
        return escaped
    }
}

extension ChartText: ExpressibleByStringLiteral {
    public init(stringLiteral value: String) {
        self.init(plain: value)
    }
}

/// How a run of text is set.
public struct TextStyle: Hashable, Codable, Sendable {
    public var size: Double
    public var bold: Bool
    public var color: Color
    /// The widest a line may be, in points; nil sets the text on one line however long.
    /// Longer text wraps at words (between any two characters in a script without spaces,
    /// such as Chinese) onto at most `maxLines` lines, the last one ending in “…”.
    public var maxWidth: Double?
    public var maxLines: Int

    public init(size: Double, bold: Bool = false, color: Color = .ink, maxWidth: Double? = nil, maxLines: Int = 1) {
        self.size = size
        self.bold = bold
        self.color = color
        self.maxWidth = maxWidth
        self.maxLines = max(1, maxLines)
    }

    /// The style wrapped to `width` points (at least one) on at most `lines` lines, centred.
    public func wrapped(width: Double, lines: Int) -> TextStyle {
        var style = self
        style.maxWidth = width.isFinite ? max(1, width) : nil
        style.maxLines = max(1, lines)
        return style
    }

    public static let tick = TextStyle(size: 11)
    public static let label = TextStyle(size: 12.5)
    public static let legend = TextStyle(size: 11.5)
    public static let title = TextStyle(size: 14, bold: true)
    public static let annotation = TextStyle(size: 11)
}
