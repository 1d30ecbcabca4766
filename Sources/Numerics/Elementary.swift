/// Elementary functions for the training loop, written in Swift so they inline into it.
///
/// Why not libm: a call to `exp`, `log1p` or `tanh` costs 5–20 ns and cannot be inlined,
/// which made those calls most of the cost of a sample-gradient. These versions use
/// Cody–Waite range reduction and Taylor or atanh series whose truncation error is below
/// 2⁻⁵³; they agree with libm to a few ulp (tested), and since Swift never fuses a multiply
/// and an add on its own, they give the same bits on every machine.
public enum Elementary {
    // Constants are computed properties so that inlined code folds them instead of
    // calling a global's lazy initialiser.
    @inlinable static var ln2High: Double { 6.93147180369123816490e-01 }  // ln 2, low 32 bits cleared
    @inlinable static var ln2Low: Double { 1.90821492927058770002e-10 }  // ln 2 − ln2High
    @inlinable static var log2e: Double { 1.44269504088896338700 }
    /// 1.5 · 2⁵²: adding and subtracting it rounds a Double of magnitude < 2⁵¹ to an integer.
    @inlinable static var roundingShift: Double { 6755399441055744.0 }
    @inlinable static var sqrtHalf: Double { 0.70710678118654752440 }

    /// (k, r) with x = k·ln 2 + r and |r| ≤ ½ ln 2 (for |x| < 2⁵⁰).
    @inlinable @inline(__always)
    static func reduce(_ x: Double) -> (k: Double, r: Double) {
        let k = (x * log2e + roundingShift) - roundingShift
        return (k, (x - k * ln2High) - k * ln2Low)
    }

    /// 2^k for an integral k from −1074 to 1023.
    @inlinable @inline(__always)
    static func powerOfTwo(_ k: Int) -> Double {
        if k >= -1022 { return Double(bitPattern: UInt64(k + 1023) << 52) }
        return Double(bitPattern: UInt64(k + 1023 + 54) << 52) * 0x1p-54
    }

    /// e^r − 1 for |r| ≤ ½ ln 2: the Taylor series to r¹³ (the next term is below 2⁻⁵⁵·|r|),
    /// r + r²·p(r) with p evaluated by Estrin's scheme, so its chain of dependent operations
    /// is four deep instead of twelve.
    @inlinable @inline(__always)
    static func expm1Reduced(_ r: Double) -> Double {
        let r2 = r * r
        let r4 = r2 * r2
        let r8 = r4 * r4
        let q0 = 1.0 / 2 + r * (1.0 / 6)
        let q1 = 1.0 / 24 + r * (1.0 / 120)
        let q2 = 1.0 / 720 + r * (1.0 / 5040)
        let q3 = 1.0 / 40320 + r * (1.0 / 362880)
        let q4 = 1.0 / 3628800 + r * (1.0 / 39916800)
        let q5 = 1.0 / 479001600 + r * (1.0 / 6227020800)
        let p = ((q0 + r2 * q1) + r4 * (q2 + r2 * q3)) + r8 * (q4 + r2 * q5)
        return r + r2 * p
    }

    /// e^x.
    @inlinable @inline(__always)
    public static func exp(_ x: Double) -> Double {
        guard x < 709.782712893384 else { return x.isNaN ? x : .infinity }
        guard x > -745.1332191019412 else { return x.isNaN ? x : 0 }
        let (k, r) = reduce(x)
        let value = 1 + expm1Reduced(r)
        // Split 2^k in two factors so that k = 1024 and subnormal results stay exact.
        let kInt = Int(k)
        let half = kInt / 2
        return value * powerOfTwo(half) * powerOfTwo(kInt - half)
    }

    /// e^x − 1, accurate for small x.
    @inlinable @inline(__always)
    public static func expm1(_ x: Double) -> Double {
        if x.isNaN { return x }  // NaN must not reach Int(k) below
        if abs(x) <= 0.34657359027997264 { return expm1Reduced(x) }
        if x > 56 { return exp(x) }
        if x < -38 { return x.isNaN ? x : -1 }
        let (k, r) = reduce(x)
        let kInt = Int(k)
        let scale = powerOfTwo(kInt)
        // e^x − 1 = 2^k·(e^r − 1) + (2^k − 1); 2^k − 1 is exact for these k.
        return scale * expm1Reduced(r) + (scale - 1)
    }

    /// ln(m) for m in [√½, √2): 2·atanh(s) with s = (m − 1)/(m + 1), |s| ≤ 0.1716, to s²¹,
    /// the series in w = s² evaluated by Estrin's scheme.
    @inlinable @inline(__always)
    static func logReduced(_ m: Double) -> Double {
        let f = m - 1
        let s = f / (2 + f)
        let w = s * s
        let w2 = w * w
        let w4 = w2 * w2
        let w8 = w4 * w4
        let q0 = 1.0 / 3 + w * (1.0 / 5)
        let q1 = 1.0 / 7 + w * (1.0 / 9)
        let q2 = 1.0 / 11 + w * (1.0 / 13)
        let q3 = 1.0 / 15 + w * (1.0 / 17)
        let q4 = 1.0 / 19 + w * (1.0 / 21)
        let p = ((q0 + w2 * q1) + w4 * (q2 + w2 * q3)) + w8 * q4
        // 2s + 2s³·p, written as f − s·(f − 2s²p) to keep the leading term exact.
        return f - s * (f - 2 * w * p)
    }

    /// (k, m) with u = m·2^k and m in [√½, √2), for a positive normal u.
    @inlinable @inline(__always)
    static func decompose(_ u: Double) -> (k: Int, m: Double) {
        // Adding 1 − √½ to the mantissa's bits before splitting them puts m in [√½, √2)
        // without a data-dependent branch (as in musl's log).
        let shifted = u.bitPattern &+ (0x3ff0_0000_0000_0000 &- 0x3fe6_a09e_667f_3bcd)
        let k = Int(shifted >> 52) - 1023
        let m = Double(bitPattern: (shifted & 0x000f_ffff_ffff_ffff) &+ 0x3fe6_a09e_667f_3bcd)
        return (k, m)
    }

    /// ln x.
    @inlinable @inline(__always)
    public static func log(_ x: Double) -> Double {
        guard x > 0, x.isNormal, x < .infinity else {
            if x == 0 { return -.infinity }
            if x.isNaN || x < 0 { return .nan }
            if x == .infinity { return x }
            return log(x * 0x1p54) - 54 * (ln2High + ln2Low)  // subnormal
        }
        let (k, m) = decompose(x)
        let kd = Double(k)
        return kd * ln2High + (logReduced(m) + kd * ln2Low)
    }

    /// ln(1 + x), accurate for small x.
    @inlinable @inline(__always)
    public static func log1p(_ x: Double) -> Double {
        guard x > -1, x < .infinity else {
            if x == -1 { return -.infinity }
            return x == .infinity ? x : .nan
        }
        let u = 1 + x
        let (k, m) = decompose(u)
        // u = 1 + x rounded; c/u restores what the rounding lost (ln(u + c) ≈ ln u + c/u).
        let lost = k > 0 ? 1 - (u - x) : x - (u - 1)
        let c = lost / u
        let kd = Double(k)
        return kd * ln2High + ((logReduced(m) + c) + kd * ln2Low)
    }

    /// tanh x = −expm1(−2|x|) / (2 + expm1(−2|x|)), with the sign of x.
    @inlinable @inline(__always)
    public static func tanh(_ x: Double) -> Double {
        let magnitude = abs(x)
        guard magnitude < 22 else { return x.isNaN ? x : (x > 0 ? 1 : -1) }
        let t = expm1(-2 * magnitude)
        let value = -t / (2 + t)
        return x < 0 ? -value : value
    }

    /// σ(z) = 1 / (1 + e^(−z)) without overflow.
    @inlinable @inline(__always)
    public static func sigmoid(_ z: Double) -> Double {
        let e = exp(-abs(z))
        return (z >= 0 ? 1 : e) / (1 + e)
    }
}
