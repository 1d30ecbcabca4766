import Foundation

/// The caps on every count the layout pass derives from data, in the spirit of matplotlib's
/// `Locator.MAXTICKS`: whatever the numbers, a figure's scene stays small.
package enum Caps {
    /// Ticks on one axis (matplotlib's `MAXTICKS`).
    package static let ticks = 1000
    /// Contour levels of one contour mark, and so bands and colour-bar labels.
    package static let contourLevels = 64
    /// Points of one stroked or filled path after decimation.
    package static let pathPoints = 20_000
    /// Direction arrows along one trajectory.
    package static let arrows = 32
    /// Markers along one line (one per `LineMarkers.spacing` across the plot).
    package static let lineMarkers = 200
    /// Markers of one scatter mark (after markers on the same spot are merged).
    package static let markers = 20_000
    /// Rows of one legend; further entries are summed up in a last row.
    package static let legendEntries = 16
    /// Points sampled along the marks to place a legend.
    package static let legendSamples = 20_000
    /// Bars of one bar mark.
    package static let bars = 1000
    /// How far outside the axes a point may lie, in axis lengths, before it is drawn as if
    /// it lay at that distance (in the same direction from the plot's centre).
    static let axisLengthsOutside = 1e6
}

extension Int {
    /// `value` rounded toward zero and clamped into `range`; NaN gives the lower bound.
    ///
    /// The one door through which a data-derived `Double` becomes a count, an index or a
    /// loop bound in Charts and FigureBuilder: `Int(_:)` traps on NaN and on anything
    /// beyond ±9.2e18, this never does.
    package init(clamping value: Double, to range: ClosedRange<Int>) {
        guard !value.isNaN else {
            self = range.lowerBound
            return
        }
        if value <= Double(range.lowerBound) {
            self = range.lowerBound
        } else if value >= Double(range.upperBound) {
            self = range.upperBound
        } else {
            self = Int(value)
        }
    }
}

/// `lower...upper` when both are finite and ordered; nil otherwise (where `...` would trap or
/// give a range no axis can show).
package func finiteRange(_ lower: Double, _ upper: Double) -> ClosedRange<Double>? {
    guard lower.isFinite, upper.isFinite, lower <= upper else { return nil }
    return lower...upper
}

extension AxisDomain {
    /// The largest magnitude an axis limit takes in scale space (data units on a linear axis,
    /// decades on a log axis), so that every span and step stays finite.
    static func largestMagnitude(_ scale: Scale) -> Double { scale == .log ? 300 : 1e300 }

    /// The narrowest span an axis keeps, in scale space; a narrower one is widened about its
    /// middle.
    static func narrowestSpan(_ scale: Scale) -> Double { scale == .log ? 1e-10 : 1e-200 }

    /// `lower…upper` made finite and non-degenerate, after matplotlib's `nonsingular`: limits
    /// that the scale cannot show (NaN, ±∞, ≤ 0 on a log axis) are replaced, magnitudes are
    /// clamped so that the span cannot overflow, reversed limits are swapped, and a span too
    /// narrow for ticks and levels is widened. Every tick, level and colour is computed from
    /// a range that passed through here.
    static func nonsingular(_ lower: Double, _ upper: Double, scale: Scale) -> ClosedRange<Double> {
        let largest = largestMagnitude(scale)
        func transformed(_ value: Double) -> Double? {
            if scale == .log, value.isInfinite { return value > 0 ? largest : nil }
            let forward = scale.accepts(value) ? scale.forward(value) : (value.isInfinite ? value : .nan)
            if forward.isNaN { return nil }
            return min(max(forward, -largest), largest)
        }
        var low: Double, high: Double
        switch (transformed(lower), transformed(upper)) {
        case let (a?, b?): (low, high) = (min(a, b), max(a, b))
        case let (a?, nil): (low, high) = scale == .log ? (a, a + 1) : (a, a)
        case let (nil, b?): (low, high) = scale == .log ? (b - 1, b) : (b, b)
        case (nil, nil): (low, high) = scale == .log ? (0, 1) : (0, 1)
        }
        if high - low < max(1e-12 * max(abs(low), abs(high)), narrowestSpan(scale)) {
            let middle = low / 2 + high / 2
            let half = scale == .log ? 0.5 : max(abs(middle) * 0.1, 0.5)
            (low, high) = (max(middle - half, -largest - half), min(middle + half, largest + half))
        }
        return scale.inverse(low)...scale.inverse(high)
    }
}
