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
}
