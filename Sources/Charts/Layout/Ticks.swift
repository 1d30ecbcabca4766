import Foundation
import Numerics

/// A tick on an axis: its data value, its label (empty for minor ticks) and whether it is major.
public struct Tick: Hashable, Codable, Sendable {
    public var value: Double
    public var label: ChartText
    public var isMajor: Bool

    public init(value: Double, label: ChartText, isMajor: Bool = true) {
        self.value = value
        self.label = label
        self.isMajor = isMajor
    }
}

/// Tick placement and labelling as pure functions of an axis range.
public enum Ticks {
    /// The "nice" step nearest above `span / targetCount`: 1, 2, 2.5 or 5 × 10^k. With
    /// `integers` (an axis of counts such as epochs) the step is a whole number: at least 1,
    /// and never 2.5.
    public static func niceStep(span: Double, targetCount: Int, integers: Bool = false) -> Double {
        let raw = span / Double(max(1, targetCount))
        guard raw.isFinite, raw > 0 else { return 1 }
        if integers, raw <= 1 { return 1 }
        let magnitude = Elementary.pow(10, floor(Elementary.log10(raw)))
        for multiple in [1.0, 2.0, 2.5, 5.0, 10.0] where multiple * magnitude >= raw * (1 - 1e-12) {
            let step = multiple * magnitude
            if integers, step != step.rounded() { continue }
            return step
        }
        return 10 * magnitude
    }

    /// Ticks on a linear axis from `lower` to `upper`, about `targetCount` of them.
    public static func linear(from lower: Double, to upper: Double, targetCount: Int = 6, integers: Bool = false) -> [Tick] {
        guard lower.isFinite, upper.isFinite, upper > lower else {
            return lower.isFinite ? [Tick(value: lower, label: ChartText(markup: format(lower, step: max(abs(lower), 1))))] : []
        }
        let step = niceStep(span: upper - lower, targetCount: targetCount, integers: integers)
        let first = (lower / step).rounded(.up)
        let last = (upper / step).rounded(.down)
        guard last >= first, last - first < Double(Caps.ticks) else { return [] }
        // One notation for the whole axis: every label plain, or every label × the same 10ⁿ.
        let largest = max(abs(first * step), abs(last * step), step)
        let exponent = largest >= 1e6 || step < 1e-4 ? decade(of: largest) : nil
        return stride(from: first, through: last, by: 1).map { index in
            let value = index * step
            return Tick(value: value, label: ChartText(markup: format(value, step: step, exponent: exponent)))
        }
    }

    /// Ticks on a base-10 logarithmic axis: majors at powers of ten labelled 10ⁿ, minors at
    /// 2…9 × 10ⁿ. A range with fewer than two powers of ten labels 2× and 5× too, then every
    /// multiple, and a range narrower than that gets nice linear steps, so that a log axis
    /// always carries at least two labels.
    public static func log(from lower: Double, to upper: Double) -> [Tick] {
        guard lower > 0, upper > lower, lower.isFinite, upper.isFinite else { return [] }
        let lowDecade = decade(of: lower)
        let highDecade = decade(of: upper, rounded: .up)
        let decades = highDecade - lowDecade
        let majorEvery = Int(clamping: (Double(decades) / 7).rounded(.up), to: 1...Caps.ticks)
        let inside = { (value: Double) in value >= lower * (1 - 1e-12) && value <= upper * (1 + 1e-12) }
        let powersInside = (lowDecade...highDecade).filter { inside(Elementary.pow(10, Double($0))) }.count
        let multiplesInside = (lowDecade...highDecade).reduce(0) { count, decade in
            count + (1...9).filter { inside(Double($0) * Elementary.pow(10, Double(decade))) }.count
        }
        if powersInside < 2, multiplesInside < 2 {
            // Narrower than the gap between two multiples: linear steps, on the log scale.
            return linear(from: lower, to: upper, targetCount: 4).filter { $0.value > 0 }
        }
        let labelledMultiples: Set<Int>
        if powersInside >= 2 { labelledMultiples = [] }
        else {
            let twoAndFive = (lowDecade...highDecade).reduce(0) { count, decade in
                count + [1, 2, 5].filter { inside(Double($0) * Elementary.pow(10, Double(decade))) }.count
            }
            labelledMultiples = twoAndFive >= 2 ? [2, 5] : Set(2...9)
        }
        var ticks: [Tick] = []
        for decade in lowDecade...highDecade {
            let base = Elementary.pow(10, Double(decade))
            if inside(base) {
                let labelled = decade % majorEvery == 0
                ticks.append(Tick(
                    value: base, label: labelled ? ChartText(markup: powerOfTen(decade)) : ChartText(markup: ""),
                    isMajor: labelled))
            }
            guard decades <= 8 else { continue }
            for multiple in 2...9 {
                let value = Double(multiple) * base
                guard inside(value) else { continue }
                if labelledMultiples.contains(multiple) {
                    ticks.append(Tick(value: value, label: ChartText(markup: "\(multiple)×" + powerOfTen(decade))))
                } else {
                    ticks.append(Tick(value: value, label: ChartText(markup: ""), isMajor: false))
                }
            }
        }
        return ticks.sorted { $0.value < $1.value }
    }

    /// Ticks for `scale` over `lower…upper`.
    static func ticks(for scale: Scale, from lower: Double, to upper: Double, targetCount: Int, integers: Bool = false) -> [Tick] {
        switch scale {
        case .linear: return linear(from: lower, to: upper, targetCount: targetCount, integers: integers)
        case .log: return log(from: lower, to: upper)
        }
    }

    /// A value on a log axis: 10ⁿ for a power of ten, m×10ⁿ for a multiple of one, else its
    /// shortest plain or ×10ⁿ form.
    public static func logLabel(_ value: Double) -> String {
        guard value.isFinite, value > 0 else { return value.isFinite ? format(value, step: 1) : nonFinite(value) }
        let exponent = Int(clamping: (Elementary.log10(value) + 1e-9).rounded(.down), to: -400...400)
        let mantissa = value / Elementary.pow(10, Double(exponent))
        if abs(mantissa - 1) < 1e-9 { return powerOfTen(exponent) }
        if abs(mantissa - mantissa.rounded()) < 1e-9 { return "\(Int(clamping: mantissa.rounded(), to: 0...10))×" + powerOfTen(exponent) }
        return format(value, step: Elementary.pow(10, Double(exponent - 2)))
    }

    /// The power of ten at or below `value` (above, with `.up`): ⌊log₁₀|value|⌋, clamped to
    /// ±400 so that 0, ∞ and NaN give a number instead of a trap.
    static func decade(of value: Double, rounded rule: FloatingPointRoundingRule = .down) -> Int {
        Int(clamping: Elementary.log10(abs(value)).rounded(rule), to: -400...400)
    }

    /// 10ⁿ written with Unicode superscripts (and a superscript minus), which every font
    /// with Latin-1 coverage draws at the right size and height.
    public static func powerOfTen(_ exponent: Int) -> String {
        "10" + superscript(exponent)
    }

    /// An integer in superscript digits: −12 → ⁻¹².
    public static func superscript(_ number: Int) -> String {
        let digits: [Character] = ["⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"]
        let body = String(number.magnitude).map { digits[Int(String($0)) ?? 0] }
        return (number < 0 ? "⁻" : "") + String(body)
    }

    /// A tick value printed with exactly the decimals its step needs, so float noise such as
    /// 0.30000000000000004 never shows; very large or small values use ×10ⁿ.
    /// With `exponent`, the value is written as m×10ⁿ for that n (an axis shares one n).
    public static func format(_ value: Double, step: Double, exponent: Int? = nil) -> String {
        guard value.isFinite else { return nonFinite(value) }
        if abs(value) < step * 1e-9 { return "0" }
        let step = abs(step)
        let magnitude = max(abs(value), step)
        if let exponent = exponent ?? ((magnitude >= 1e6 || step < 1e-4) ? decade(of: magnitude) : nil) {
            let unit = Elementary.pow(10, Double(exponent))
            return plain(value / unit, decimals: decimals(of: step / unit)) + "×" + powerOfTen(exponent)
        }
        return plain(value, decimals: decimals(of: step))
    }

    /// A value no axis can place, as a reader would write it (a label never says "nan").
    static func nonFinite(_ value: Double) -> String {
        value.isNaN ? "NaN" : value > 0 ? "∞" : "−∞"
    }

    /// How many decimals print `step` (and so every multiple of it) exactly.
    static func decimals(of step: Double) -> Int {
        var scaled = step
        for count in 0...12 {
            if abs(scaled - scaled.rounded()) < 1e-9 * max(1, abs(scaled)) { return count }
            scaled *= 10
        }
        return 12
    }

    static func plain(_ value: Double, decimals: Int) -> String {
        let text = String(format: "%.\(decimals)f", value)
        if text.hasPrefix("-") {
            let digits = text.dropFirst()
            return digits.allSatisfy({ $0 == "0" || $0 == "." }) ? String(digits) : "−" + digits
        }
        return text
    }
}
