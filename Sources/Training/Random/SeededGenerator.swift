import Numerics

/// The random-number generator every random choice in Descent draws from: xoshiro256**
/// (Blackman and Vigna, 2018), its 256-bit state filled from the seed by SplitMix64.
///
/// The algorithm is fixed and owned here, never the system's generator, so the same seed
/// gives the same numbers on every machine and in every order of execution.
public struct SeededGenerator: RandomNumberGenerator, Sendable, Equatable {
    private var state: (UInt64, UInt64, UInt64, UInt64)

    public init(seed: UInt64) {
        var splitMix = seed
        func next() -> UInt64 {
            // SplitMix64 (Steele, Lea and Flood, 2014).
            splitMix &+= 0x9E37_79B9_7F4A_7C15
            var z = splitMix
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        state = (next(), next(), next(), next())
    }

    /// A generator for a named purpose derived from `seed`, so that adding a new use of
    /// randomness does not shift the numbers an existing use receives.
    public init(seed: UInt64, stream: UInt64) {
        self.init(seed: seed ^ (stream &* 0xD1B5_4A32_D192_ED03))
    }

    public static func == (lhs: SeededGenerator, rhs: SeededGenerator) -> Bool {
        lhs.state == rhs.state
    }

    public mutating func next() -> UInt64 {
        let result = rotate(state.1 &* 5, 7) &* 9
        let shifted = state.1 << 17
        state.2 ^= state.0
        state.3 ^= state.1
        state.1 ^= state.2
        state.0 ^= state.3
        state.2 ^= shifted
        state.3 = rotate(state.3, 45)
        return result
    }

    private func rotate(_ value: UInt64, _ count: UInt64) -> UInt64 {
        (value << count) | (value >> (64 - count))
    }

    /// A uniform double in [0, 1) with 53 random bits.
    public mutating func nextUnit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// A uniform double in [lower, upper).
    public mutating func uniform(_ lower: Double, _ upper: Double) -> Double {
        lower + (upper - lower) * nextUnit()
    }

    /// A standard normal deviate by the Box–Muller transform (one of the pair is used, so
    /// each call consumes exactly two draws).
    public mutating func normal() -> Double {
        let u1 = 1 - nextUnit()  // in (0, 1], so the logarithm is finite
        let u2 = nextUnit()
        return (-2 * _log(u1)).squareRoot() * _cos(2 * Double.pi * u2)
    }

    /// A uniform integer in 0..<bound, without modulo bias (Lemire's method).
    public mutating func index(below bound: Int) -> Int {
        precondition(bound > 0)
        let range = UInt64(bound)
        var product = next().multipliedFullWidth(by: range)
        if product.low < range {
            let threshold = (0 &- range) % range
            while product.low < threshold {
                product = next().multipliedFullWidth(by: range)
            }
        }
        return Int(product.high)
    }

    /// Shuffles `values` in place by Fisher–Yates.
    public mutating func shuffle<T>(_ values: inout [T]) {
        values.withUnsafeMutableBufferPointer { shuffle($0) }
    }

    /// Shuffles a buffer in place by Fisher–Yates.
    public mutating func shuffle<T>(_ values: UnsafeMutableBufferPointer<T>) {
        guard values.count > 1 else { return }
        for i in stride(from: values.count - 1, to: 0, by: -1) {
            values.swapAt(i, index(below: i + 1))
        }
    }
}

// Descent's own log and cos (Numerics/), so that normal draws are the same on every machine.
@inline(__always) func _log(_ x: Double) -> Double { Elementary.log(x) }
@inline(__always) func _cos(_ x: Double) -> Double { Elementary.cos(x) }
