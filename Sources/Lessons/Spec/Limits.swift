import Foundation

/// The most work and storage one experiment may ask for. `descent validate` and
/// `descent build` check them in the same place (`ExperimentParser.checkLimits`), before
/// anything runs. docs/lesson-format.md lists them in one table; the defaults keep every
/// accepted experiment under about 1 GB of memory and 30 s on two cores.
public enum Limits {
    /// Sample-gradient and loss evaluations over all runs (a surface counts one per step and
    /// one per epoch), sweeps multiplied out.
    public static let evaluations = 2_000_000_000
    /// Evaluations × parameters + 10 × optimizer steps × (parameters + 40): the arithmetic of
    /// training, where a step costs about ten evaluations per parameter plus a fixed overhead.
    public static let parameterWork = 10_000_000_000
    /// Parameters × training samples: one pass over the data.
    public static let parametersTimesSamples = 500_000_000
    /// Records kept per run: one per epoch plus the thinned per-step trace.
    public static let recordedPoints = 200_000
    /// Bytes of stored results per experiment: the results JSON, the CSVs and the cache.
    public static let storedBytes = 64_000_000
    /// Grid cells × samples × parameters over an experiment's contour figures.
    public static let gridWork = 10_000_000_000
    /// Per-sample gradients held at once by a gradient-variance figure (samples × parameters).
    public static let varianceMemory = 20_000_000
    /// Sample picks of a gradient-variance figure weighted by their cost: (samples + trials ×
    /// Σ sizes) × (parameters + 10), a pick (a random draw and a scattered read) costing about
    /// ten parameters' sums.
    public static let varianceWork = 2_000_000_000
    /// Nesting of sections in a course template.
    public static let templateDepth = 100

    /// A count as an author reads it: `1,000,000` below ten million, else `3.1·10⁹`.
    public static func format(_ value: Int) -> String {
        format(Double(value))
    }

    public static func format(_ value: Double) -> String {
        guard value.isFinite else { return "more than 10³⁰⁸" }
        if abs(value) < 10_000_000 {
            let whole = Int(value.rounded())
            var digits = String(abs(whole))
            var grouped = ""
            while digits.count > 3 {
                grouped = "," + digits.suffix(3) + grouped
                digits.removeLast(3)
            }
            return (whole < 0 ? "-" : "") + digits + grouped
        }
        var exponent = 0
        var mantissa = abs(value)
        while mantissa >= 10 { mantissa /= 10; exponent += 1 }
        // Rounded up to three decimals, so that an amount over a limit never reads as the limit.
        mantissa = (mantissa * 1000 - 1e-6).rounded(.up) / 1000
        if mantissa >= 10 { mantissa /= 10; exponent += 1 }
        let superscripts: [Character] = ["⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"]
        let power = String(String(exponent).compactMap { $0.wholeNumberValue.map { superscripts[$0] } })
        var shown = String(format: "%.3f", mantissa)
        while shown.hasSuffix("0") { shown.removeLast() }
        if shown.hasSuffix(".") { shown.removeLast() }
        return (value < 0 ? "-" : "") + shown + "·10" + power
    }
}
