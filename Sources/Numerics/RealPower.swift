/// log₁₀ x and xʸ for any real y, from plain IEEE-754 operations: the figure values use them
/// (log-scale limits, contour levels and ticks in decades, the sRGB curve of colour maps), so that
/// a figure's value hash is the same under any libm.
///
/// Both go through ln x carried as a double-double (about 2⁻⁶⁰ relative): log₁₀ x is then
/// correctly rounded in all but rare cases (log₁₀ 1000 is exactly 3), and xʸ = e^(y·ln x) keeps
/// its error near one ulp even where y·ln x is large.
extension Elementary {
    @inlinable static var invLn10High: Double { 0.4342944819032518 }  // 1/ln 10 rounded
    @inlinable static var invLn10Low: Double { 1.098319650216765e-17 }  // 1/ln 10 − invLn10High

    /// (s, e) with s + e = a + b exactly (Knuth's two-sum).
    @inlinable @inline(__always)
    static func exactSum(_ a: Double, _ b: Double) -> (hi: Double, lo: Double) {
        let s = a + b
        let bPart = s - a
        return (s, (a - (s - bPart)) + (b - bPart))
    }

    /// ln x as hi + lo for a positive finite x: x = m·2^k, ln m = 2·atanh(s) with
    /// s = (m − 1)/(m + 1) carried as a double-double, the series' tail 2s³·p(s²) in plain doubles.
    @inlinable
    static func logExtended(_ x: Double) -> (hi: Double, lo: Double) {
        let (k, m) = x.isNormal ? decompose(x) : { let d = decompose(x * 0x1p54); return (d.k - 54, d.m) }()
        let f = m - 1  // exact: m is in [√½, √2)
        let denominator = 2 + f
        let denominatorLow = f - (denominator - 2)
        let sHigh = f / denominator
        let product = exactProduct(sHigh, denominator)
        let sLow = (((f - product.hi) - product.lo) - sHigh * denominatorLow) / denominator
        let w = sHigh * sHigh
        let w2 = w * w
        let w4 = w2 * w2
        let w8 = w4 * w4
        let p = ((1.0 / 3 + w * (1.0 / 5)) + w2 * (1.0 / 7 + w * (1.0 / 9)))
            + w4 * ((1.0 / 11 + w * (1.0 / 13)) + w2 * (1.0 / 15 + w * (1.0 / 17))) + w8 * (1.0 / 19 + w * (1.0 / 21))
        let kd = Double(k)
        let (hi, error) = exactSum(kd * ln2High, 2 * sHigh)  // k·ln2High is exact (k has 11 bits)
        let lo = error + ((2 * sLow + 2 * sHigh * w * p) + kd * ln2Low)
        let sum = hi + lo
        return (sum, lo - (sum - hi))
    }

    /// log₁₀ x (C's log10).
    @inlinable
    public static func log10(_ x: Double) -> Double {
        guard x > 0, x < .infinity else {
            if x == 0 { return -.infinity }
            return x == .infinity ? x : .nan
        }
        let ln = logExtended(x)
        let product = exactProduct(ln.hi, invLn10High)
        return product.hi + (product.lo + (ln.hi * invLn10Low + ln.lo * invLn10High))
    }

    /// xʸ (C's pow): a whole y goes to `power`; otherwise e^(y·ln x) with y·ln x as a
    /// double-double, for x > 0. Special values as C: x⁰ = 1 and 1ʸ = 1 (also for NaN),
    /// a negative x with a y that is not whole gives NaN.
    @inlinable
    public static func pow(_ x: Double, _ y: Double) -> Double {
        if y == 0 || x == 1 { return 1 }
        if x.isNaN || y.isNaN { return .nan }
        if y.isInfinite {
            if abs(x) == 1 { return 1 }
            return (abs(x) < 1) == (y > 0) ? 0 : .infinity
        }
        if y == y.rounded(.towardZero) {
            if abs(y) < 0x1p62 { return power(x, Int(y)) }
            if x < 0 { return pow(-x, y) }  // so large a y is even
        }
        guard x > 0 else {
            if x == 0 { return y > 0 ? 0 : .infinity }
            if x == -.infinity { return y > 0 ? .infinity : 0 }
            return .nan
        }
        if x == .infinity { return y > 0 ? .infinity : 0 }
        let ln = logExtended(x)
        // Beyond 2⁹⁹⁶ the split of y would overflow; there y·ln x overflows e^ anyway
        // (x ≠ 1 puts |ln x| above 2⁻⁵⁴).
        guard abs(y) < 0x1p996 else { return exp(y * ln.hi) }
        let product = exactProduct(y, ln.hi)
        let tail = product.lo + y * ln.lo
        let value = exp(product.hi)
        guard value.isFinite, value > 0 else { return value }
        // e^(hi + tail) = e^hi·(1 + tail) to within tail², far below an ulp (|tail| < 2⁻⁴⁰).
        return value + value * tail
    }
}
