import Foundation
import Numerics

/// A continuous colour map for values scaled to 0…1.
public enum Colormap: String, Hashable, Codable, Sendable {
    /// Dark blue-violet through teal to yellow, after matplotlib's viridis: lightness rises
    /// evenly, so the order of values reads in grey-scale prints and for colour-blind readers.
    case viridis

    /// The colour at `fraction` (clamped to 0…1).
    public func color(at fraction: Double) -> Color {
        let table = Colormap.viridisTable
        return table[Int(clamping: (fraction * Double(table.count - 1)).rounded(), to: 0...(table.count - 1))]
    }

    /// 256 entries interpolated in Oklab between nine stops of viridis, so that steps between
    /// neighbouring entries look alike.
    static let viridisTable: [Color] = {
        let stops: [UInt32] = [0x440154, 0x472D7B, 0x3B528B, 0x2C728E, 0x21918C, 0x28AE80, 0x5EC962, 0xADDC30, 0xFDE725]
        let lab = stops.map { Oklab(Color(hex: $0)) }
        return (0..<256).map { index in
            let position = Double(index) / 255 * Double(stops.count - 1)
            let lower = min(Int(position), stops.count - 2)
            let fraction = position - Double(lower)
            return lab[lower].mixed(with: lab[lower + 1], fraction).color
        }
    }()
}

/// A colour in the Oklab space (Björn Ottosson, 2020), where straight lines look like even
/// changes of colour.
struct Oklab {
    var l: Double
    var a: Double
    var b: Double

    init(l: Double, a: Double, b: Double) {
        self.l = l
        self.a = a
        self.b = b
    }

    init(_ color: Color) {
        let r = Color.linear(color.red), g = Color.linear(color.green), b = Color.linear(color.blue)
        let lms = (
            Elementary.cbrt(0.4122214708 * r + 0.5363325363 * g + 0.0514459929 * b),
            Elementary.cbrt(0.2119034982 * r + 0.6806995451 * g + 0.1073969566 * b),
            Elementary.cbrt(0.0883024619 * r + 0.2817188376 * g + 0.6299787005 * b))
        l = 0.2104542553 * lms.0 + 0.7936177850 * lms.1 - 0.0040720468 * lms.2
        a = 1.9779984951 * lms.0 - 2.4285922050 * lms.1 + 0.4505937099 * lms.2
        self.b = 0.0259040371 * lms.0 + 0.7827717662 * lms.1 - 0.8086757660 * lms.2
    }

    func mixed(with other: Oklab, _ fraction: Double) -> Oklab {
        Oklab(l: l + (other.l - l) * fraction, a: a + (other.a - a) * fraction, b: b + (other.b - b) * fraction)
    }

    var color: Color {
        let l1 = l + 0.3963377774 * a + 0.2158037573 * b
        let m1 = l - 0.1055613458 * a - 0.0638541728 * b
        let s1 = l - 0.0894841775 * a - 1.2914855480 * b
        let (lc, mc, sc) = (l1 * l1 * l1, m1 * m1 * m1, s1 * s1 * s1)
        func gamma(_ c: Double) -> Double {
            let clamped = min(max(c, 0), 1)
            return clamped <= 0.0031308 ? 12.92 * clamped : 1.055 * Elementary.pow(clamped, 1 / 2.4) - 0.055
        }
        return Color(
            red: gamma(4.0767416621 * lc - 3.3077115913 * mc + 0.2309699292 * sc),
            green: gamma(-1.2684380046 * lc + 2.6097574011 * mc - 0.3413193965 * sc),
            blue: gamma(-0.0041960863 * lc - 0.7034186147 * mc + 1.7076147010 * sc))
    }
}
