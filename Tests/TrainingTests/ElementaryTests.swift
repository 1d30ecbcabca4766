import Foundation
import Testing
@testable import Numerics
import Training

struct ElementaryTests {
    @Test(arguments: [(-745.0, -700.0), (-700.0, -1.0), (-1.0, 1.0), (-1e-6, 1e-6), (1.0, 709.0)])
    func expAgreesWithLibm(lower: Double, upper: Double) {
        let worst = points(lower, upper).map { ulps(Elementary.exp($0), Foundation.exp($0)) }.max() ?? 0
        #expect(worst <= 2)
    }

    @Test(arguments: [(-40.0, -0.35), (-0.35, 0.35), (-1e-9, 1e-9), (0.35, 700.0)])
    func expm1AgreesWithLibm(lower: Double, upper: Double) {
        let worst = points(lower, upper).map { ulps(Elementary.expm1($0), Foundation.expm1($0)) }.max() ?? 0
        #expect(worst <= 3)
    }

    @Test(arguments: [(1e-300, 1e-3), (0.5, 2.0), (2.0, 1e300)])
    func logAgreesWithLibm(lower: Double, upper: Double) {
        let worst = points(lower, upper).map { ulps(Elementary.log($0), Foundation.log($0)) }.max() ?? 0
        #expect(worst <= 2)
    }

    @Test(arguments: [(-0.999, -0.3), (-0.3, 0.3), (-1e-12, 1e-12), (0.3, 1.0), (1.0, 1e300)])
    func log1pAgreesWithLibm(lower: Double, upper: Double) {
        let worst = points(lower, upper).map { ulps(Elementary.log1p($0), Foundation.log1p($0)) }.max() ?? 0
        #expect(worst <= 2)
    }

    @Test(arguments: [(-30.0, -0.35), (-0.35, 0.35), (-1e-8, 1e-8), (0.35, 30.0)])
    func tanhAgreesWithLibm(lower: Double, upper: Double) {
        let worst = points(lower, upper).map { ulps(Elementary.tanh($0), Foundation.tanh($0)) }.max() ?? 0
        #expect(worst <= 3)
    }

    @Test func edgeCasesFollowIEEE() {
        #expect(Elementary.exp(710) == .infinity)
        #expect(Elementary.exp(-746) == 0)
        #expect(Elementary.exp(0) == 1)
        #expect(Elementary.exp(.nan).isNaN)
        #expect(Elementary.exp(-.infinity) == 0)
        #expect(Elementary.exp(709.78) == Foundation.exp(709.78))
        #expect(Elementary.exp(-744) == Foundation.exp(-744))
        #expect(Elementary.expm1(-50) == -1)
        #expect(Elementary.log(0) == -.infinity)
        #expect(Elementary.log(-1).isNaN)
        #expect(Elementary.log(.infinity) == .infinity)
        #expect(Elementary.log(.leastNonzeroMagnitude) == Foundation.log(.leastNonzeroMagnitude))
        #expect(Elementary.log1p(-1) == -.infinity)
        #expect(Elementary.log1p(-2).isNaN)
        #expect(Elementary.log1p(0) == 0)
        #expect(Elementary.tanh(50) == 1)
        #expect(Elementary.tanh(-50) == -1)
        #expect(Elementary.tanh(0) == 0)
        #expect(Elementary.sigmoid(-800) == 0)
        #expect(Elementary.sigmoid(800) == 1)
    }

    @Test(arguments: [(-0.785, 0.785), (-1e-7, 1e-7), (0.785, 7.0), (-7.0, -0.785), (7.0, 1e3), (1e3, 1.6e6)])
    func sinAndCosAgreeWithLibm(lower: Double, upper: Double) {
        let sample = points(lower, upper)
        let sine = sample.map { ulps(Elementary.sin($0), Foundation.sin($0)) }.max() ?? 0
        let cosine = sample.map { ulps(Elementary.cos($0), Foundation.cos($0)) }.max() ?? 0
        #expect(sine <= 1)
        #expect(cosine <= 1)
    }

    @Test func sinAndCosNearMultiplesOfHalfPiKeepTheirDigits() {
        // The Double nearest π is π − 1.2246…·10⁻¹⁶: its sine is that remainder, which only a
        // reduction carrying π/2 to more than 53 bits recovers.
        #expect(Elementary.sin(Double.pi) == Foundation.sin(Double.pi))
        #expect(Elementary.cos(Double.pi / 2) == Foundation.cos(Double.pi / 2))
        for k in 1...2000 {
            let x = Double(k) * Double.pi / 2
            #expect(ulps(Elementary.sin(x), Foundation.sin(x)) <= 1)
            #expect(ulps(Elementary.cos(x), Foundation.cos(x)) <= 1)
        }
    }

    @Test func sinAndCosSpecialValuesFollowC() {
        #expect(Elementary.sin(0).sign == .plus && Elementary.sin(0) == 0)
        #expect(Elementary.sin(-0.0).sign == .minus && Elementary.sin(-0.0) == 0)
        #expect(Elementary.sin(.leastNonzeroMagnitude) == .leastNonzeroMagnitude)
        #expect(Elementary.cos(0) == 1 && Elementary.cos(-0.0) == 1)
        #expect(Elementary.sin(.infinity).isNaN && Elementary.cos(-.infinity).isNaN)
        #expect(Elementary.sin(.nan).isNaN && Elementary.cos(.nan).isNaN)
        // Huge arguments: no trap, no hang, a value in [−1, 1], the same every time.
        for x in [1e7, 1e22, 1e300, Double.greatestFiniteMagnitude, -Double.greatestFiniteMagnitude] {
            #expect(abs(Elementary.sin(x)) <= 1 && abs(Elementary.cos(x)) <= 1)
            #expect(Elementary.sin(x) == Elementary.sin(x))
        }
    }

    @Test func sinIsOddCosIsEvenAndBothStayInRange() {
        for x in points(-20, 20, count: 2000) {
            #expect(Elementary.sin(-x) == -Elementary.sin(x))
            #expect(Elementary.cos(-x) == Elementary.cos(x))
            #expect(abs(Elementary.sin(x)) <= 1 && abs(Elementary.cos(x)) <= 1)
        }
    }

    @Test(arguments: [0.9, 0.99, 0.999, 0.5, 1.0001, 3.7])
    func wholePowersAgreeWithLibm(base: Double) {
        let worst = (0...5000).map { ulps(Elementary.power(base, $0), Foundation.pow(base, Double($0))) }.max() ?? 0
        let negative = (1...300).map { ulps(Elementary.power(base, -$0), Foundation.pow(base, Double(-$0))) }.max() ?? 0
        #expect(worst <= 1)
        #expect(negative <= 1)
    }

    @Test func wholePowersOfAdamsBetasAtLongRunsStayExact() {
        // βᵗ at a long run's steps: repeated squaring alone would be hundreds of ulp off here.
        for t in [10_000, 123_457, 1_000_000] {
            #expect(ulps(Elementary.power(0.999, t), Foundation.pow(0.999, Double(t))) <= 1)
        }
    }

    @Test func wholePowersSpecialValuesFollowC() {
        #expect(Elementary.power(.nan, 0) == 1)
        #expect(Elementary.power(0, 0) == 1)
        #expect(Elementary.power(-0.0, 3).sign == .minus)
        #expect(Elementary.power(-0.0, 2).sign == .plus)
        #expect(Elementary.power(0, -1) == .infinity)
        #expect(Elementary.power(-0.0, -1) == -.infinity)
        #expect(Elementary.power(-.infinity, 3) == -.infinity)
        #expect(Elementary.power(.infinity, -2) == 0)
        #expect(Elementary.power(.nan, 2).isNaN)
        #expect(Elementary.power(1e200, 2) == .infinity)
        #expect(Elementary.power(1e-200, 2) == 0)
        #expect(Elementary.power(-2, 1023) == -0x1p1023)
        #expect(Elementary.power(2, -1074) == .leastNonzeroMagnitude)
        #expect(Elementary.power(0.5, Int.min) == .infinity)
    }

    // MARK: Huge arguments of sin and cos (Payne–Hanek)

    @Test func sinAndCosOfHugeArgumentsAgreeWithLibm() {
        for x in [1e7, 1e15, 1e22, 1e300, 1.7e308, Double.greatestFiniteMagnitude, 1647099.3291652855, 0x1p1023] {
            for value in [x, -x] {
                #expect(ulps(Elementary.sin(value), Foundation.sin(value)) <= 1, "sin(\(value))")
                #expect(ulps(Elementary.cos(value), Foundation.cos(value)) <= 1, "cos(\(value))")
            }
        }
    }

    @Test(arguments: [(1.6e6, 1e9), (1e9, 1e15), (1e15, 1e22), (1e22, 1e100), (1e100, 1e308)])
    func sinAndCosOverHugeRangesAgreeWithLibm(lower: Double, upper: Double) {
        // Spread over the exponents: a uniform draw between 10⁹ and 10¹⁵ is nearly all near 10¹⁵.
        let sample = points(Foundation.log(lower), Foundation.log(upper), count: 5000).map { Foundation.exp($0) }
        let sine = sample.map { ulps(Elementary.sin($0), Foundation.sin($0)) }.max() ?? 0
        let cosine = sample.map { ulps(Elementary.cos($0), Foundation.cos($0)) }.max() ?? 0
        #expect(sine <= 1)
        #expect(cosine <= 1)
    }

    @Test func sinAndCosOfTheDoubleClosestToAMultipleOfHalfPiKeepTheirDigits() {
        // 6381956970095103·2⁷⁹⁷ is the double closest to a multiple of π/2 (Kahan, McDonald):
        // its remainder is about 2⁻⁶¹ times its size, the hardest case for a reduction.
        // cos x = −4.687165924254627611…·10⁻¹⁹ (mpmath, 3000 bits); this machine's glibc is 8 ulp off.
        let x = 6381956970095103.0 * 0x1p797
        #expect(Elementary.sin(x) == 1)
        #expect(Elementary.cos(x) == -4.687165924254628e-19)
    }

    // MARK: hypot, cbrt, log10 and real powers (figure values)

    @Test(arguments: [(-1e3, 1e3), (-1.0, 1.0), (1e300, 1.7e308), (0x1p-1060, 1e-300), (1e-200, 1e200)])
    func hypotAgreesWithLibm(lower: Double, upper: Double) {
        let xs = points(lower, upper, count: 10_000)
        let ys = points(lower, upper, count: 10_000).reversed()
        let worst = zip(xs, ys).map { ulps(Elementary.hypot($0, $1), Foundation.hypot($0, $1)) }.max() ?? 0
        #expect(worst <= 1)
    }

    @Test func hypotSpecialValuesFollowC() {
        #expect(Elementary.hypot(3, 4) == 5)
        #expect(Elementary.hypot(-3, 0) == 3)
        #expect(Elementary.hypot(0, -0.0) == 0)
        #expect(Elementary.hypot(.infinity, .nan) == .infinity)
        #expect(Elementary.hypot(.nan, -.infinity) == .infinity)
        #expect(Elementary.hypot(.nan, 1).isNaN)
        #expect(Elementary.hypot(1e308, 1e308) == Foundation.hypot(1e308, 1e308))
        #expect(Elementary.hypot(Double.greatestFiniteMagnitude, Double.greatestFiniteMagnitude) == .infinity)
        #expect(Elementary.hypot(.leastNonzeroMagnitude, .leastNonzeroMagnitude) == Foundation.hypot(.leastNonzeroMagnitude, .leastNonzeroMagnitude))
        #expect(Elementary.hypot(1, 1e-30) == 1)
    }

    @Test(arguments: [(-1e3, 1e3), (0.0, 1.0), (0x1p-1060, 1e-300), (1e300, 1.7e308), (-1e-3, 1e-3)])
    func cbrtAgreesWithLibm(lower: Double, upper: Double) {
        // glibc's cbrt is itself up to 3 ulp off (cbrt(6.461): glibc …243, correctly rounded …246).
        let worst = points(lower, upper).map { ulps(Elementary.cbrt($0), Foundation.cbrt($0)) }.max() ?? 0
        #expect(worst <= 3)
    }

    @Test func cbrtIsCorrectlyRoundedAtReferenceValues() {
        // Correctly rounded values from mpmath at 300 bits.
        let reference: [(Double, Double)] = [
            (2, 1.2599210498948732), (3, 1.4422495703074083), (0.1, 0.4641588833612779), (10, 2.154434690031884),
            (1e-300, 1e-100), (7.5e200, 9.085602964160699e+66), (-0.7, -0.8879040017426006), (6.461, 1.862515577246112),
        ]
        for (x, root) in reference { #expect(Elementary.cbrt(x) == root, "cbrt(\(x))") }
    }

    @Test func cbrtOfCubesIsExactAndSpecialValuesFollowC() {
        for n in -100...100 {
            let cube = Double(n) * Double(n) * Double(n)
            #expect(Elementary.cbrt(cube) == Double(n))
        }
        #expect(Elementary.cbrt(-0.0).sign == .minus)
        #expect(Elementary.cbrt(-.infinity) == -.infinity)
        #expect(Elementary.cbrt(.nan).isNaN)
        #expect(Elementary.cbrt(0x1p-1074) == 0x1p-358)
    }

    @Test(arguments: [(1e-300, 1e-3), (0.5, 2.0), (0.999, 1.001), (2.0, 1e300), (0x1p-1060, 1e-308)])
    func log10AgreesWithLibm(lower: Double, upper: Double) {
        // glibc's log10 is itself up to 2 ulp off (log₁₀ 0.75: glibc …218, correctly rounded …219).
        let worst = points(lower, upper).map { ulps(Elementary.log10($0), Foundation.log10($0)) }.max() ?? 0
        #expect(worst <= 2)
    }

    @Test func log10IsCorrectlyRoundedAtReferenceValues() {
        let reference: [(Double, Double)] = [
            (0.75, -0.12493873660829995), (2, 0.3010299956639812), (3, 0.47712125471966244), (0.3, -0.5228787452803376),
            (7, 0.8450980400142568), (1.0009, 0.000390689249910088), (.leastNonzeroMagnitude, -323.3062153431158),
        ]
        for (x, logarithm) in reference { #expect(Elementary.log10(x) == logarithm, "log10(\(x))") }
    }

    @Test func log10OfPowersOfTenIsTheirExponent() {
        // Ticks and contour levels count decades with it: log₁₀ 1000 must be 3, not 2.9999999999999996.
        for n in -307...308 {
            let power = Double("1e\(n)") ?? 0
            #expect(Elementary.log10(power) == Double(n), "log10(1e\(n))")
        }
        #expect(Elementary.log10(0) == -.infinity)
        #expect(Elementary.log10(-1).isNaN)
        #expect(Elementary.log10(.infinity) == .infinity)
        #expect(Elementary.log10(1) == 0)
    }

    @Test(arguments: [(0.001, 1.0), (1.0, 10.0), (0.9, 1.1), (10.0, 1e6)])
    func realPowersAgreeWithLibm(lower: Double, upper: Double) {
        let bases = points(lower, upper, count: 3000)
        let exponents = points(-20.5, 20.5, count: 3000)
        let worst = zip(bases, exponents).map { ulps(Elementary.pow($0, $1), Foundation.pow($0, $1)) }.max() ?? 0
        #expect(worst <= 1)
        // The sRGB curve of the colour maps: c^2.4 and c^(1/2.4) on 0…1.
        let curve = points(0.003, 1, count: 3000).flatMap { [ulps(Elementary.pow($0, 2.4), Foundation.pow($0, 2.4)),
                                                              ulps(Elementary.pow($0, 1 / 2.4), Foundation.pow($0, 1 / 2.4))] }
        #expect(curve.max() ?? 0 <= 1)
    }

    @Test func powersOfTenAgreeWithLibmOverTheWholeRange() {
        // A log axis's limits are 10^v for fractional v.
        let worst = points(-307, 308, count: 20_000).map { ulps(Elementary.pow(10, $0), Foundation.pow(10, $0)) }.max() ?? 0
        #expect(worst <= 1)
        for n in -22...22 { #expect(Elementary.pow(10, Double(n)) == Foundation.pow(10, Double(n))) }
    }

    @Test func realPowersSpecialValuesFollowC() {
        #expect(Elementary.pow(.nan, 0) == 1)
        #expect(Elementary.pow(1, .nan) == 1)
        #expect(Elementary.pow(-8, 1.0 / 3).isNaN)
        #expect(Elementary.pow(0, 0.5) == 0)
        #expect(Elementary.pow(0, -0.5) == .infinity)
        #expect(Elementary.pow(.infinity, 0.5) == .infinity)
        #expect(Elementary.pow(.infinity, -0.5) == 0)
        #expect(Elementary.pow(-.infinity, 0.5) == .infinity)
        #expect(Elementary.pow(0.5, .infinity) == 0)
        #expect(Elementary.pow(0.5, -.infinity) == .infinity)
        #expect(Elementary.pow(-1, .infinity) == 1)
        #expect(ulps(Elementary.pow(2, 0.5), 2.0.squareRoot()) <= 1)
        #expect(Elementary.pow(-2, 0x1p63) == .infinity)
        #expect(Elementary.pow(10, 400.5) == .infinity)
        #expect(Elementary.pow(10, -400.5) == 0)
        #expect(Elementary.pow(-2, 3) == -8)
    }
}
