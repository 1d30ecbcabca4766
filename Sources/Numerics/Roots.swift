/// √(x² + y²) and ∛x from plain IEEE-754 operations, for the figure values (path thinning,
/// distances in alt texts, Oklab colour mixing in colour maps): the same bits under any libm.
///
/// Both scale their argument by a power of two (exact), take a first value in double precision
/// and correct it once with a residual computed exactly (Dekker's product): the result is
/// within an ulp of the true value, usually correctly rounded.
extension Elementary {
    /// √(x² + y²) without overflow or underflow on the way (C's hypot): +∞ if either is
    /// infinite, even when the other is NaN.
    @inlinable
    public static func hypot(_ x: Double, _ y: Double) -> Double {
        if x.isInfinite || y.isInfinite { return .infinity }
        if x.isNaN || y.isNaN { return .nan }
        var a = max(abs(x), abs(y)), b = min(abs(x), abs(y))
        if b == 0 { return a }
        // Below a·2⁻⁶⁰, b changes √(a² + b²) = a·(1 + b²/2a² + …) by less than half an ulp.
        if a.exponent - b.exponent > 60 { return a }
        var exponent = 0
        if a < 0x1p-1000 {
            a *= 0x1p600
            b *= 0x1p600
            exponent = -600
        }
        // a in [1, 2), b in [2⁻⁶¹, 2): squares and their residuals are all normal.
        let shift = Int(a.exponent)
        exponent += shift
        a *= powerOfTwo(-shift)
        b *= powerOfTwo(-shift)
        let aSquare = exactProduct(a, a), bSquare = exactProduct(b, b)
        let (sum, error) = exactSum(aSquare.hi, bSquare.hi)
        let sumLow = error + (aSquare.lo + bSquare.lo)
        let root = (sum + sumLow).squareRoot()
        let rootSquare = exactProduct(root, root)
        // √(s + d) = r + (s + d − r²)/(2r) to first order.
        let corrected = root + (((sum - rootSquare.hi) - rootSquare.lo) + sumLow) / (2 * root)
        let half = exponent / 2
        return corrected * powerOfTwo(half) * powerOfTwo(exponent - half)
    }

    /// The real cube root (C's cbrt): ∛(−x) = −∛x, ±0, ±∞ and NaN returned as they are.
    @inlinable
    public static func cbrt(_ x: Double) -> Double {
        guard x.isFinite, x != 0 else { return x }
        var magnitude = abs(x)
        var exponent = 0
        if !magnitude.isNormal {
            magnitude *= 0x1p54
            exponent = -18
        }
        // |x| = m·2^(3k) with m in [1, 8).
        let binaryExponent = Int(magnitude.exponent)
        let k = binaryExponent >= 0 ? binaryExponent / 3 : -((-binaryExponent + 2) / 3)
        let m = magnitude * powerOfTwo(-3 * k)
        let guess = exp(log(m) / 3)
        // One Newton step on g³ − m = 0, the residual g³ − m carried exactly.
        let square = exactProduct(guess, guess)
        let cube = exactProduct(square.hi, guess)
        let residual = ((cube.hi - m) + cube.lo) + square.lo * guess
        let root = guess - residual / (3 * square.hi)
        let value = root * powerOfTwo(k + exponent)
        return x < 0 ? -value : value
    }
}
