/// Maps data values along one axis to device coordinates: data → scale space (linear or
/// log10) → device. An explicit value, not hidden Cairo state.
struct AxisTransform: Sendable {
    var scale: Scale
    /// The axis limits in data units.
    var lower: Double
    var upper: Double
    /// Device coordinates of `lower` and `upper` (for a y axis, `deviceLower > deviceUpper`).
    var deviceLower: Double
    var deviceUpper: Double

    /// The data value at device coordinate `device` (the inverse map).
    func data(at device: Double) -> Double {
        let low = scale.forward(lower)
        let high = scale.forward(upper)
        let fraction = (device - deviceLower) / (deviceUpper - deviceLower)
        return scale.inverse(low + fraction * (high - low))
    }

    func callAsFunction(_ value: Double) -> Double {
        let low = scale.forward(lower)
        let high = scale.forward(upper)
        let fraction = (scale.forward(value) - low) / (high - low)
        return deviceLower + fraction * (deviceUpper - deviceLower)
    }
}

/// The limits an axis needs to show every drawable value, with a small margin.
enum AxisDomain {
    static let marginFraction = 0.03

    static func limits(of values: [Double], scale: Scale) -> ClosedRange<Double> {
        var low = Double.infinity
        var high = -Double.infinity
        for value in values where scale.accepts(value) {
            let transformed = scale.forward(value)
            low = min(low, transformed)
            high = max(high, transformed)
        }
        if low > high {
            return scale == .log ? 1...10 : 0...1
        }
        if high - low < 1e-12 * max(1, abs(low)) {
            let half = scale == .log ? 0.5 : max(abs(low) * 0.1, 0.5)
            low -= half
            high += half
        }
        let margin = (high - low) * marginFraction
        return scale.inverse(low - margin)...scale.inverse(high + margin)
    }
}
