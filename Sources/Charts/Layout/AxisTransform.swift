/// Maps data values along one axis to device coordinates: data → scale space (linear or
/// log10) → device. An explicit value, not hidden Cairo state.
///
/// The limits are finite and non-degenerate (`AxisDomain.nonsingular`), so a device
/// coordinate is finite for every value the scale accepts: values far outside the axes are
/// drawn as if they lay `Caps.axisLengthsOutside` axis lengths away.
struct AxisTransform: Sendable {
    let scale: Scale
    /// The axis limits in data units.
    let lower: Double
    let upper: Double
    /// Device coordinates of `lower` and `upper` (for a y axis, `deviceLower > deviceUpper`).
    let deviceLower: Double
    let deviceUpper: Double
    /// The limits in scale space, computed once: a transform maps every point of a path.
    private let low: Double
    private let high: Double

    init(scale: Scale, lower: Double, upper: Double, deviceLower: Double, deviceUpper: Double) {
        self.scale = scale
        self.lower = lower
        self.upper = upper
        self.deviceLower = deviceLower
        self.deviceUpper = deviceUpper
        low = scale.forward(lower)
        high = scale.forward(upper)
    }

    /// The data value at device coordinate `device` (the inverse map).
    func data(at device: Double) -> Double {
        let fraction = (device - deviceLower) / (deviceUpper - deviceLower)
        return scale.inverse(low + fraction * (high - low))
    }

    /// Where `value` falls along the axis: 0 at `lower`, 1 at `upper`; unbounded (±∞ for a
    /// value far beyond limits of a narrow axis), NaN where the scale cannot place it.
    func fraction(_ value: Double) -> Double {
        return (scale.forward(value) - low) / (high - low)
    }

    /// The device coordinate at `fraction` of the axis.
    func device(atFraction fraction: Double) -> Double {
        deviceLower + fraction * (deviceUpper - deviceLower)
    }

    /// The device coordinate of `value`, at most `Caps.axisLengthsOutside` axis lengths
    /// beyond the axis; NaN where the scale cannot place the value.
    func callAsFunction(_ value: Double) -> Double {
        let bound = Caps.axisLengthsOutside
        return device(atFraction: min(max(fraction(value), -bound), bound))
    }
}

/// The limits an axis needs to show every drawable value, with a small margin.
package enum AxisDomain {
    static let marginFraction = 0.03

    package static func limits(of values: [Double], scale: Scale) -> ClosedRange<Double> {
        let largest = largestMagnitude(scale)
        var low = Double.infinity
        var high = -Double.infinity
        for value in values where scale.accepts(value) {
            let transformed = min(max(scale.forward(value), -largest), largest)
            low = min(low, transformed)
            high = max(high, transformed)
        }
        if low > high {
            return scale == .log ? 1...10 : 0...1
        }
        let range = nonsingular(scale.inverse(low), scale.inverse(high), scale: scale)
        (low, high) = (scale.forward(range.lowerBound), scale.forward(range.upperBound))
        let margin = (high - low) * marginFraction
        return nonsingular(scale.inverse(low - margin), scale.inverse(high + margin), scale: scale)
    }
}
