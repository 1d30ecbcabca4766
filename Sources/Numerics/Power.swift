/// xⁿ for a whole n, from plain IEEE-754 operations (the engine's only powers are of this kind:
/// Adam's βᵗ, the step and exponential schedules' γᵏ).
///
/// Binary exponentiation carried in double-double arithmetic (Dekker's product with Veltkamp's
/// split, no FMA), so the error stays near one rounding however large n is, where plain repeated
/// squaring would lose about n/2 ulp. Where a double-double would overflow in the split
/// (|value| > 2⁹⁹⁶) or lose its tail to underflow (< 2⁻⁹⁰⁰) it continues with plain products.
extension Elementary {
    /// (hi, lo) with hi + lo = a·b exactly, for |a|, |b| < 2⁹⁹⁶ and a product that does not underflow.
    @inlinable @inline(__always)
    static func exactProduct(_ a: Double, _ b: Double) -> (hi: Double, lo: Double) {
        let product = a * b
        let (aHigh, aLow) = split(a)
        let (bHigh, bLow) = split(b)
        let lo = ((aHigh * bHigh - product) + aHigh * bLow + aLow * bHigh) + aLow * bLow
        return (product, lo)
    }

    /// Veltkamp's split of a into two halves of 26 bits each.
    @inlinable @inline(__always)
    static func split(_ a: Double) -> (Double, Double) {
        let c = 134217729.0 * a  // 2²⁷ + 1
        let high = c - (c - a)
        return (high, a - high)
    }

    /// (a.hi + a.lo)·(b.hi + b.lo) as a double-double.
    @inlinable @inline(__always)
    static func product(_ a: (hi: Double, lo: Double), _ b: (hi: Double, lo: Double)) -> (hi: Double, lo: Double) {
        let p = exactProduct(a.hi, b.hi)
        guard abs(p.hi) < 0x1p1000 else { return (p.hi, 0) }  // overflow: no tail to keep
        let lo = p.lo + (a.hi * b.lo + a.lo * b.hi)
        let hi = p.hi + lo
        return (hi, lo - (hi - p.hi))
    }

    @inlinable @inline(__always)
    static func isSafeForDoubleDouble(_ x: Double) -> Bool {
        let magnitude = abs(x)
        return magnitude < 0x1p996 && (magnitude > 0x1p-900 || magnitude == 0)
    }

    /// xⁿ, as C's pow(x, n) for a whole n: x⁰ = 1 (also for NaN), 0⁻ⁿ = ±∞.
    @inlinable
    public static func power(_ x: Double, _ n: Int) -> Double {
        if n == 0 { return 1 }
        if n < 0 {
            // 1/x^|n| costs one more rounding; where x^|n| overflows but its reciprocal is still
            // representable (down to 2⁻¹⁰⁷⁴), (1/x)^|n| is the value to take.
            let magnitude = n == Int.min ? power(x * x, -(n / 2)) : power(x, -n)
            if magnitude.isInfinite, x.isFinite, x != 0 {
                return n == Int.min ? power(1 / (x * x), -(n / 2)) : power(1 / x, -n)
            }
            return 1 / magnitude
        }
        guard x.isFinite, x != 0 else {
            // ±0, ±∞, NaN: plain multiplication gets the value and sign right.
            return n % 2 == 0 ? abs(x) : x
        }
        var result: (hi: Double, lo: Double) = (1, 0)
        var base: (hi: Double, lo: Double) = (x, 0)
        var exponent = n
        while true {
            if exponent & 1 == 1 {
                if isSafeForDoubleDouble(result.hi), isSafeForDoubleDouble(base.hi) {
                    result = product(result, base)
                } else {
                    result = (result.hi * base.hi, 0)
                }
            }
            exponent >>= 1
            if exponent == 0 { break }
            if isSafeForDoubleDouble(base.hi) {
                base = product(base, base)
            } else {
                base = (base.hi * base.hi, 0)
            }
        }
        return result.hi + result.lo
    }
}
