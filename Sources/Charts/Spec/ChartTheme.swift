import Foundation
import Numerics

/// The colours a figure is drawn in around its data: the page it sits on (light or dark), its
/// text and axes, grid and legend frame, and how run colours change so that they stay
/// distinguishable on that page.
///
/// A figure value is theme-free: the layout pass applies the theme as it builds the scene
/// (`SceneBuilder`), so that one chart gives a light and a dark rendering.
public struct ChartTheme: Hashable, Sendable {
    /// The name used in file names and cache keys: `light`, `dark`.
    public var name: String
    public var background: Color
    /// Text, axes and ticks.
    public var ink: Color
    public var grid: Color
    public var legendOutline: Color
    /// Each light-theme colour with the colour drawn instead (the palette, ink, grid).
    var replacements: [Color: Color]
    /// Strokes (lines) of other colours are lightened to this contrast against the background
    /// (a layer's dark viridis colour on a dark page); 0 keeps them.
    var strokeContrast: Double

    /// Black on white, as figures always were.
    public static let light = ChartTheme(
        name: "light", background: .white, ink: .ink, grid: .grid, legendOutline: Color(hex: 0xCCCCCC),
        replacements: [:], strokeContrast: 0)

    /// For a dark page: the page's own background (the stylesheet's `#0d1117`), its text
    /// colour for text and axes, and Okabe–Ito's hues made lighter where they were too dark
    /// on it (blue and black, which becomes a light grey).
    public static let dark: ChartTheme = {
        let background = Color(hex: 0x0D1117)
        let ink = Color(hex: 0xE6EDF3)
        let grid = Color(hex: 0x2D333B)
        return ChartTheme(
            name: "dark", background: background, ink: ink, grid: grid, legendOutline: Color(hex: 0x484F58),
            replacements: Dictionary(uniqueKeysWithValues: zip(Palette.okabeIto, Palette.okabeItoDark) + [(Color.ink, ink), (Color.grid, grid)]),
            strokeContrast: 3)
    }()

    /// The colour drawn for `color`: its replacement in this theme, with its opacity.
    public func color(_ color: Color) -> Color {
        let opaque = color.opacity(1)
        return replacements[opaque]?.opacity(color.alpha) ?? color
    }

    /// The colour a line of `color` is stroked in: as `color(_:)`; a data colour the theme does
    /// not replace is lightened (in Oklab, keeping its hue) until it stands out from the
    /// background by `strokeContrast`. The theme's own colours (grid, outlines) stay as they are.
    package func strokeColor(_ color: Color) -> Color {
        let opaque = color.opacity(1)
        let mapped = self.color(color)
        guard strokeContrast > 0, replacements[opaque] == nil, opaque != background, opaque != legendOutline,
              mapped.contrast(with: background) < strokeContrast else { return mapped }
        var lab = Oklab(mapped)
        var lighter = mapped
        for _ in 0..<20 where lighter.contrast(with: background) < strokeContrast {
            lab.l = min(1, lab.l + 0.04)
            lighter = lab.color.opacity(mapped.alpha)
        }
        return lighter
    }

    /// The smallest text a figure sets, in points (tick and annotation labels): on a page, a
    /// figure shown at its layout width sets it at this many CSS pixels.
    public static let smallestTextSize = [TextStyle.tick, .label, .legend, .title, .annotation].map(\.size).min() ?? 11
}

extension Palette {
    /// `okabeIto` for a dark background, colour for colour: the same hues, lighter where the
    /// original is too dark on it (blue, vermillion, bluish green, reddish purple; black
    /// becomes a light grey), sky blue lighter still so that it stays apart from the blue.
    /// Each has at least 3:1 contrast on the dark theme's background.
    public static let okabeItoDark: [Color] = [
        Color(hex: 0x3A93DB),  // blue
        Color(hex: 0xE8702A),  // vermillion
        Color(hex: 0x1FB88A),  // bluish green
        Color(hex: 0xDB8FBA),  // reddish purple
        Color(hex: 0x86CEF5),  // sky blue
        Color(hex: 0xE69F00),  // orange
        Color(hex: 0xC8C8C8),  // black → light grey
        Color(hex: 0xF0E442),  // yellow
    ]
}

extension Color {
    /// WCAG 2's relative luminance of the colour (its opacity ignored).
    public var relativeLuminance: Double {
        0.2126 * Self.linear(red) + 0.7152 * Self.linear(green) + 0.0722 * Self.linear(blue)
    }

    /// An sRGB component (0…1) as linear light.
    static func linear(_ c: Double) -> Double { c <= 0.04045 ? c / 12.92 : Elementary.pow((c + 0.055) / 1.055, 2.4) }

    /// WCAG 2's contrast ratio between two colours, 1…21.
    public func contrast(with other: Color) -> Double {
        let (a, b) = (relativeLuminance, other.relativeLuminance)
        return (max(a, b) + 0.05) / (min(a, b) + 0.05)
    }
}
