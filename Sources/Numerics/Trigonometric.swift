/// Sine and cosine from plain IEEE-754 operations, so that every machine gets the same bits.
///
/// Design (as fdlibm and musl): reduce x to r = x − n·π/2 with |r| ≲ π/4, then evaluate a
/// minimax polynomial for sin or cos on r according to n mod 4. The reduction subtracts n·π/2
/// in three 33-bit pieces (Cody–Waite), which is exact for |x| < 2²⁰·π/2 ≈ 1.6·10⁶; in that
/// range the results are within a few ulp of libm (measured in ElementaryTests and
/// `make numerics-sweep`). Larger finite arguments, up to 1.8·10³⁰⁸ (a data generator can meet
/// them in a user's data range), are reduced exactly by Payne and Hanek's method: x·2/π mod 4
/// from the bits of 2/π that x's exponent selects, in 192-bit integer arithmetic. ±∞ and NaN
/// give NaN; sin(±0) = ±0.
extension Elementary {
    @inlinable static var invPio2: Double { 6.36619772367581382433e-01 }
    @inlinable static var pio2Part1: Double { 1.57079632673412561417e+00 }  // first 33 bits of π/2
    @inlinable static var pio2Tail1: Double { 6.07710050650619224932e-11 }  // π/2 − pio2Part1
    @inlinable static var pio2Part2: Double { 6.07710050630396597660e-11 }  // next 33 bits
    @inlinable static var pio2Tail2: Double { 2.02226624879595063154e-21 }
    @inlinable static var pio2Part3: Double { 2.02226624871116645580e-21 }  // next 33 bits
    @inlinable static var pio2Tail3: Double { 8.47842766036889956997e-32 }
    /// 2²⁰·π/2: below it the three-piece reduction is exact.
    @inlinable static var reductionBound: Double { 1647099.3291652855 }

    /// sin(r + tail) for |r| ≲ π/4, where tail is a correction far below ulp(r).
    @inlinable @inline(__always)
    static func sinReduced(_ r: Double, _ tail: Double) -> Double {
        let z = r * r
        let v = z * r
        let p = 8.33333333332248946124e-03 + z * (-1.98412698298579493134e-04 + z * (2.75573137070700676789e-06
            + z * (-2.50507602534068634195e-08 + z * 1.58969099521155010221e-10)))
        let s1 = -1.66666666666666324348e-01
        return r - ((z * (0.5 * tail - v * p) - tail) - v * s1)
    }

    /// cos(r + tail) for |r| ≲ π/4.
    @inlinable @inline(__always)
    static func cosReduced(_ r: Double, _ tail: Double) -> Double {
        let z = r * r
        let w = z * z
        let p = z * (4.16666666666666019037e-02 + z * (-1.38888888888741095749e-03 + z * 2.48015872894767294178e-05))
            + w * w * (-2.75573143513906633035e-07 + z * (2.08757232129817482790e-09 + z * -1.13596475577881948265e-11))
        let half = 0.5 * z
        let one = 1.0 - half
        // 1 − z/2 rounded, plus what that rounding lost, plus the rest of the series.
        return one + (((1.0 - one) - half) + (z * p - r * tail))
    }

    /// (quadrant, r, tail) with x ≈ quadrant·π/2 + r + tail (quadrant mod 4), for finite x.
    @inlinable
    static func reduceQuarterTurns(_ x: Double) -> (quadrant: Int, r: Double, tail: Double) {
        if abs(x) >= reductionBound { return reduceLargeQuarterTurns(x) }
        var n = (x * invPio2 + roundingShift) - roundingShift
        var r = x - n * pio2Part1
        var w = n * pio2Tail1
        var y = r - w
        // A rounding of x·2/π can leave |r| just above π/4: move to the neighbouring quadrant.
        if y < -0.7853981633974483 || y > 0.7853981633974483 {
            n += y < 0 ? -1 : 1
            r = x - n * pio2Part1
            w = n * pio2Tail1
            y = r - w
        }
        let exponentX = x.exponent
        // y is never 0 for a finite x ≠ 0 (no Double is that close to a multiple of π/2), but
        // 0's exponent is Int.min: keep the subtraction from overflowing all the same.
        func lostBits(_ y: Double) -> Int { y == 0 ? 1100 : exponentX - y.exponent }
        if n != 0, x != 0, lostBits(y) > 16 {
            // Cancellation: x was close to a multiple of π/2; use the next 33 bits of π/2.
            var t = r
            w = n * pio2Part2
            r = t - w
            w = n * pio2Tail2 - ((t - r) - w)
            y = r - w
            if lostBits(y) > 49 {
                t = r
                w = n * pio2Part3
                r = t - w
                w = n * pio2Tail3 - ((t - r) - w)
                y = r - w
            }
        }
        let tail = (r - y) - w
        let total = n.truncatingRemainder(dividingBy: 4)
        let q = Int(total < 0 ? total + 4 : total)
        return (q, y, tail)
    }

    /// The bits of 2/π after the binary point, 64 to an element, most significant first (1280
    /// bits: x·2/π mod 4 for x up to 2¹⁰²⁴ needs bits up to the 1024 + 2 + 190th).
    @usableFromInline static let twoOverPiBits: [UInt64] = [
        0xa2f9836e4e441529, 0xfc2757d1f534ddc0, 0xdb6295993c439041, 0xfe5163abdebbc561,
        0xb7246e3a424dd2e0, 0x06492eea09d1921c, 0xfe1deb1cb129a73e, 0xe88235f52ebb4484,
        0xe99c7026b45f7e41, 0x3991d639835339f4, 0x9c845f8bbdf9283b, 0x1ff897ffde05980f,
        0xef2f118b5a0a6d1f, 0x6d367ecf27cb09b7, 0x4f463f669e5fea2d, 0x7527bac7ebe5f17b,
        0x3d0739f78a5292ea, 0x6bfb5fb11f8d5d08, 0x56033046fc7b6bab, 0xf0cfbc209af4361d,
    ]

    /// 64 bits of 2/π starting at bit `position` after the binary point (counted from 1; bits
    /// at positions below 1 are 0, as 2/π < 1).
    @usableFromInline
    static func twoOverPiWord(at position: Int) -> UInt64 {
        let index = position - 1
        if index <= -64 { return 0 }
        if index < 0 { return twoOverPiBits[0] >> UInt64(-index) }
        let (element, offset) = (index / 64, index % 64)
        let high = twoOverPiBits[element] << UInt64(offset)
        guard offset > 0, element + 1 < twoOverPiBits.count else { return high }
        return high | (twoOverPiBits[element + 1] >> UInt64(64 - offset))
    }

    /// Payne–Hanek: for x = M·2^E (M a 53-bit integer), x·2/π = Σ bᵢ·M·2^(E−i) over the bits bᵢ
    /// of 2/π; the terms with E − i ≥ 2 are multiples of 4 and drop out, and the 192 bits from
    /// i = E − 1 on give x·2/π mod 4 as M·W mod 2¹⁹² (2 bits of quadrant, 190 of fraction, the
    /// bits left out worth less than 2⁻¹³⁷). The fraction, taken in [−½, ½), times π/2 is r.
    @usableFromInline
    static func reduceLargeQuarterTurns(_ x: Double) -> (quadrant: Int, r: Double, tail: Double) {
        let magnitude = abs(x)
        let exponent = Int(magnitude.exponent) - 52
        let significand = magnitude.significandBitPattern | (1 << 52)
        let first = exponent - 1
        let window = [twoOverPiWord(at: first), twoOverPiWord(at: first + 64), twoOverPiWord(at: first + 128)]
        // M·W mod 2¹⁹², as three words, most significant first.
        let low = significand.multipliedFullWidth(by: window[2])
        let middle = significand.multipliedFullWidth(by: window[1])
        let (word1, carry) = low.high.addingReportingOverflow(middle.low)
        let word0 = significand &* window[0] &+ middle.high &+ (carry ? 1 : 0)
        var quadrant = Int(word0 >> 62)
        var fraction = (word0 & (1 << 62 - 1), word1, low.low)  // 190 bits: 62 + 64 + 64
        var negative = false
        if fraction.0 >> 61 == 1 {
            // fraction ≥ ½: take fraction − 1, as its magnitude 2¹⁹⁰ − fraction.
            quadrant += 1
            negative = true
            let (w2, borrow2) = (0 as UInt64).subtractingReportingOverflow(fraction.2)
            let (w1a, borrow1a) = (0 as UInt64).subtractingReportingOverflow(fraction.1)
            let (w1, borrow1b) = w1a.subtractingReportingOverflow(borrow2 ? 1 : 0)
            let w0 = ((0 as UInt64) &- fraction.0 &- (borrow1a || borrow1b ? 1 : 0)) & (1 << 62 - 1)
            fraction = (w0, w1, w2)
        }
        // The fraction as hi + lo: from its leading 1 bit, 53 bits, then the next 64 (more than a
        // double-double holds). x is never closer to a multiple of π/2 than 2⁻⁶² or so, so the
        // 190 bits leave over 120 after the leading zeros.
        var words = [fraction.0 << 2 | fraction.1 >> 62, fraction.1 << 2 | fraction.2 >> 62, fraction.2 << 2]
        var shift = 0
        while words[0] == 0, shift < 192 {
            words = [words[1], words[2], 0]
            shift += 64
        }
        let zeros = words[0].leadingZeroBitCount
        shift += zeros
        let top = zeros == 0 ? words[0] : words[0] << UInt64(zeros) | words[1] >> UInt64(64 - zeros)
        let next = zeros == 0 ? words[1] : words[1] << UInt64(zeros) | words[2] >> UInt64(64 - zeros)
        let leading = (top >> 11) << 11
        let scale = shift >= 192 ? 0 : powerOfTwo(-64 - shift)
        let fractionHigh = Double(leading) * scale
        let fractionLow = (Double(top - leading) + Double(next) * 0x1p-64) * scale
        // r = fraction·π/2 as a double-double (π/2 = pio2High + pio2Low).
        let product = exactProduct(fractionHigh, 1.5707963267948966)
        let rLow = product.lo + (fractionHigh * 6.123233995736766e-17 + fractionLow * 1.5707963267948966)
        let r = product.hi + rLow
        var tail = rLow - (r - product.hi)
        var reduced = r
        if negative {
            reduced = -reduced
            tail = -tail
        }
        quadrant &= 3
        guard x < 0 else { return (quadrant, reduced, tail) }
        // sin and cos of −x: the quadrant and the remainder mirrored.
        return ((4 - quadrant) & 3, -reduced, -tail)
    }

    /// sin x.
    @inlinable
    public static func sin(_ x: Double) -> Double {
        guard x.isFinite else { return .nan }
        if abs(x) < 0x1p-26 { return x }  // sin x = x to within half an ulp; keeps ±0 and subnormals
        if abs(x) <= 0.7853981633974483 { return sinReduced(x, 0) }
        let (q, r, tail) = reduceQuarterTurns(x)
        switch q {
        case 0: return sinReduced(r, tail)
        case 1: return cosReduced(r, tail)
        case 2: return -sinReduced(r, tail)
        default: return -cosReduced(r, tail)
        }
    }

    /// cos x.
    @inlinable
    public static func cos(_ x: Double) -> Double {
        guard x.isFinite else { return .nan }
        if abs(x) < 0x1p-27 { return 1 }
        if abs(x) <= 0.7853981633974483 { return cosReduced(x, 0) }
        let (q, r, tail) = reduceQuarterTurns(x)
        switch q {
        case 0: return cosReduced(r, tail)
        case 1: return -sinReduced(r, tail)
        case 2: return -cosReduced(r, tail)
        default: return sinReduced(r, tail)
        }
    }
}
