/// An sRGB colour with opacity, components in 0…1.
public struct Color: Hashable, Codable, Sendable {
    public var red: Double
    public var green: Double
    public var blue: Double
    public var alpha: Double

    public init(red: Double, green: Double, blue: Double, alpha: Double = 1) {
        self.red = red
        self.green = green
        self.blue = blue
        self.alpha = alpha
    }

    /// A colour from a 24-bit hex value such as `0x0072B2`.
    public init(hex: UInt32, alpha: Double = 1) {
        self.init(
            red: Double((hex >> 16) & 0xFF) / 255,
            green: Double((hex >> 8) & 0xFF) / 255,
            blue: Double(hex & 0xFF) / 255,
            alpha: alpha)
    }

    /// The colour as premultiplied 32-bit ARGB, Cairo's pixel format.
    var premultipliedARGB: UInt32 {
        func channel(_ value: Double) -> UInt32 { UInt32(Int(clamping: (value * 255).rounded(), to: 0...255)) }
        let a = channel(alpha)
        return a << 24 | channel(red * alpha) << 16 | channel(green * alpha) << 8 | channel(blue * alpha)
    }

    public func opacity(_ alpha: Double) -> Color {
        Color(red: red, green: green, blue: blue, alpha: alpha)
    }

    /// The colour mixed with black: `amount` 0 keeps it, 1 gives black.
    public func darkened(_ amount: Double) -> Color {
        let keep = 1 - min(max(amount, 0), 1)
        return Color(red: red * keep, green: green * keep, blue: blue * keep, alpha: alpha)
    }

    public static let black = Color(hex: 0x000000)
    public static let white = Color(hex: 0xFFFFFF)
    /// Text and axis lines: near-black, softer than pure black.
    public static let ink = Color(hex: 0x222222)
    /// Grid lines.
    public static let grid = Color(hex: 0xE3E3E3)
}

/// Colour sets for the marks of a chart.
public enum Palette {
    /// The Okabe–Ito qualitative palette, distinguishable under the common forms of colour
    /// blindness. Ordered so the first runs get the colours with most contrast on white;
    /// yellow, the weakest on white, comes last. Sky blue comes before orange, so that five
    /// runs do not get both vermillion and orange, which are hard to tell apart.
    public static let okabeIto: [Color] = [
        Color(hex: 0x0072B2),  // blue
        Color(hex: 0xD55E00),  // vermillion
        Color(hex: 0x009E73),  // bluish green
        Color(hex: 0xCC79A7),  // reddish purple
        Color(hex: 0x56B4E9),  // sky blue
        Color(hex: 0xE69F00),  // orange
        Color(hex: 0x000000),  // black
        Color(hex: 0xF0E442),  // yellow
    ]

    /// The run colour for the `index`-th series, cycling through `okabeIto`.
    public static func series(_ index: Int) -> Color {
        okabeIto[((index % okabeIto.count) + okabeIto.count) % okabeIto.count]
    }
}
