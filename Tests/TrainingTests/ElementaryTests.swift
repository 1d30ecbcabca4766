import Foundation
import Testing
@testable import Training

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
}
