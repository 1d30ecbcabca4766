// The long accuracy sweep of Descent's own elementary functions (`make numerics-sweep`):
// 10⁶ deterministic samples per range (an even grid and a seeded uniform draw, half each),
// compared with this machine's libm; prints the largest difference in ulp and where it is.
import Foundation
import Numerics
import Training

func ulps(_ a: Double, _ b: Double) -> UInt64 {
    if a == b || (a.isNaN && b.isNaN) { return 0 }
    let x = Int64(bitPattern: a.bitPattern), y = Int64(bitPattern: b.bitPattern)
    let (difference, overflow) = x.subtractingReportingOverflow(y)
    return overflow ? UInt64.max : difference.magnitude
}

func sweep(_ name: String, _ lower: Double, _ upper: Double, count: Int = 1_000_000, shown: (Double) -> Double = { $0 },
           _ ours: (Double) -> Double, _ libm: (Double) -> Double) {
    var random = SeededGenerator(seed: 17)
    var worst: UInt64 = 0, at = lower
    for i in 0..<count {
        let x = i % 2 == 0 ? lower + (upper - lower) * Double(i / 2) / Double(count / 2) : random.uniform(lower, upper)
        let error = ulps(ours(x), libm(x))
        if error > worst { worst = error; at = x }
    }
    print("\(name.padding(toLength: 6, withPad: " ", startingAt: 0)) [\(shown(lower)), \(shown(upper))]: max \(worst) ulp (at \(shown(at)))")
}

/// The sweep of a two-argument function: x as in `sweep`, y drawn uniformly from its own range.
func sweep(_ name: String, _ lower: Double, _ upper: Double, _ yLower: Double, _ yUpper: Double, count: Int = 1_000_000,
           _ ours: (Double, Double) -> Double, _ libm: (Double, Double) -> Double) {
    var random = SeededGenerator(seed: 17), second = SeededGenerator(seed: 29)
    var worst: UInt64 = 0, at = (lower, yLower)
    for i in 0..<count {
        let x = i % 2 == 0 ? lower + (upper - lower) * Double(i / 2) / Double(count / 2) : random.uniform(lower, upper)
        let y = second.uniform(yLower, yUpper)
        let error = ulps(ours(x, y), libm(x, y))
        if error > worst { worst = error; at = (x, y) }
    }
    print("\(name.padding(toLength: 6, withPad: " ", startingAt: 0)) [\(lower), \(upper)] × [\(yLower), \(yUpper)]: max \(worst) ulp (at \(at))")
}

/// A sweep over huge arguments, spread evenly over their exponents (e^u, u uniform in [ln lower, ln upper]).
func sweepExponents(_ name: String, _ lower: Double, _ upper: Double, _ ours: (Double) -> Double, _ libm: (Double) -> Double) {
    sweep(name + "*", Foundation.log(lower), Foundation.log(upper), shown: Foundation.exp, { ours(Foundation.exp($0)) }, { libm(Foundation.exp($0)) })
}

sweep("exp", -745, -700, Elementary.exp, Foundation.exp)
sweep("exp", -700, 709.7, Elementary.exp, Foundation.exp)
sweep("exp", -1, 1, Elementary.exp, Foundation.exp)
sweep("expm1", -40, 40, Elementary.expm1, Foundation.expm1)
sweep("expm1", -0.35, 0.35, Elementary.expm1, Foundation.expm1)
sweep("log", 1e-300, 1e-3, Elementary.log, Foundation.log)
sweep("log", 0.5, 2, Elementary.log, Foundation.log)
sweep("log", 2, 1e300, Elementary.log, Foundation.log)
sweep("log1p", -0.999, 1, Elementary.log1p, Foundation.log1p)
sweep("log1p", 1, 1e300, Elementary.log1p, Foundation.log1p)
sweep("tanh", -30, 30, Elementary.tanh, Foundation.tanh)
sweep("tanh", -0.35, 0.35, Elementary.tanh, Foundation.tanh)
sweep("sin", -0.785, 0.785, Elementary.sin, Foundation.sin)
sweep("sin", -7, 7, Elementary.sin, Foundation.sin)
sweep("sin", 7, 1.6e6, Elementary.sin, Foundation.sin)
sweep("cos", -0.785, 0.785, Elementary.cos, Foundation.cos)
sweep("cos", -7, 7, Elementary.cos, Foundation.cos)
sweep("cos", 7, 1.6e6, Elementary.cos, Foundation.cos)
sweepExponents("sin", 1.6e6, 1e22, Elementary.sin, Foundation.sin)
sweepExponents("sin", 1e22, 1.79e308, Elementary.sin, Foundation.sin)
sweepExponents("cos", 1.6e6, 1e22, Elementary.cos, Foundation.cos)
sweepExponents("cos", 1e22, 1.79e308, Elementary.cos, Foundation.cos)
sweep("hypot", -1e3, 1e3, -1e3, 1e3, Elementary.hypot, Foundation.hypot)
sweep("hypot", 1e300, 1.7e308, 1e300, 1.7e308, Elementary.hypot, Foundation.hypot)
sweep("hypot", 0x1p-1060, 1e-300, 0x1p-1060, 1e-300, Elementary.hypot, Foundation.hypot)
sweep("cbrt", -1e3, 1e3, Elementary.cbrt, Foundation.cbrt)
sweepExponents("cbrt", 0x1p-1060, 1.7e308, Elementary.cbrt, Foundation.cbrt)
sweep("log10", 0.5, 2, Elementary.log10, Foundation.log10)
sweepExponents("log10", 0x1p-1060, 1.7e308, Elementary.log10, Foundation.log10)
sweep("pow", 0.001, 10, -20.5, 20.5, Elementary.pow, Foundation.pow)
sweep("pow", 0.003, 1, 2.4, 2.4, Elementary.pow, Foundation.pow)
sweep("pow", 0.003, 1, 1 / 2.4, 1 / 2.4, Elementary.pow, Foundation.pow)
sweep("10^v", -307, 308, { Elementary.pow(10, $0) }, { Foundation.pow(10, $0) })
for base in [0.9, 0.99, 0.999, 0.9999, 1.0001, 3.7] {
    var worst: UInt64 = 0, at = 0
    for n in 0...1_000_000 {
        let error = ulps(Elementary.power(base, n), Foundation.pow(base, Double(n)))
        if error > worst { worst = error; at = n }
    }
    print("power  \(base)^n, n in 0...10⁶: max \(worst) ulp (at n = \(at))")
}
