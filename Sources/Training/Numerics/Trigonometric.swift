/// Sine and cosine from plain IEEE-754 operations, so that every machine gets the same bits.
///
/// Design (as fdlibm and musl): reduce x to r = x − n·π/2 with |r| ≲ π/4, then evaluate a
/// minimax polynomial for sin or cos on r according to n mod 4. The reduction subtracts n·π/2
/// in three 33-bit pieces (Cody–Waite), which is exact for |x| < 2²⁰·π/2 ≈ 1.6·10⁶; in that
/// range the results are within a few ulp of libm (measured in ElementaryTests and
/// `make numerics-sweep`). Larger finite arguments are first brought below that bound by
/// repeated rounded reductions: the result is still deterministic and in [−1, 1], and the loop
/// is bounded, but it is not accurate (no Payne–Hanek). ±∞ and NaN give NaN; sin(±0) = ±0.
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
        var x = x
        var quadrant = 0.0
        // Huge arguments: bring them under the bound, deterministically (see the type's comment).
        var rounds = 0
        while abs(x) >= reductionBound, rounds < 64 {
            let n = (x * invPio2).rounded(.toNearestOrEven)
            quadrant += n.truncatingRemainder(dividingBy: 4)
            x = (x - n * pio2Part1) - n * pio2Tail1
            rounds += 1
        }
        if abs(x) >= reductionBound { x = 0 }  // unreachable for finite input; keeps the bound honest
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
        let total = (quadrant + n).truncatingRemainder(dividingBy: 4)
        let q = Int(total < 0 ? total + 4 : total)
        return (q, y, tail)
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
