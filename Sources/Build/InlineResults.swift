import Foundation
import Lessons
import Training

/// Fills a lesson's inline results (`` `{result} …` ``) with the numbers its experiments
/// measured. Timings are the stored ones (see `StoredTimings`), so a page that states them
/// stays byte-identical from build to build.
enum InlineResults {
    /// The lesson's results filled in; problems for values its runs never measure (an
    /// accuracy of a regression). A run that diverged or an experiment that failed shows a
    /// marker in place of the number, and the build's other errors say why.
    static func fill(_ prose: inout Prose, results: [ExperimentResult]) -> [Diagnostic] {
        var problems: [Diagnostic] = []
        for index in prose.results.indices {
            let inline = prose.results[index]
            guard let result = results.first(where: { $0.spec.id == inline.experiment }) else {
                prose.results[index].rendered = .missing(marker: "[not measured]", reason: "experiment `\(inline.experiment)` did not build")
                continue
            }
            switch rendered(inline, result: result) {
            case let .success(rendered):
                prose.results[index].rendered = rendered
            case let .failure(problem):
                prose.results[index].rendered = .missing(marker: "[not measured]", reason: problem.description)
                problems.append(Diagnostic(problem, at: inline.location))
            }
        }
        return problems
    }

    static func rendered(_ inline: InlineResult, result: ExperimentResult) -> Result<InlineResult.Rendered, LessonsError> {
        let numerator: Double, denominator: Double?
        switch value(inline.value, result: result) {
        case let .failure(problem): return .failure(problem)
        case let .success(.missing(marker, reason)): return .success(.missing(marker: marker, reason: reason))
        case let .success(.value(number)): numerator = number
        }
        if let second = inline.denominator {
            switch value(second, result: result) {
            case let .failure(problem): return .failure(problem)
            case let .success(.missing(marker, reason)): return .success(.missing(marker: marker, reason: reason))
            case let .success(.value(number)): denominator = number
            }
        } else {
            denominator = nil
        }
        if let denominator {
            guard denominator != 0 else {
                return .success(.missing(marker: "[undefined]", reason: "the divisor, \(describe(inline.denominator)), is 0"))
            }
            return .success(.value(format(numerator / denominator, unit: inline.unit, digits: inline.digits ?? 3)))
        }
        let quantity = inline.value.quantity
        if quantity.isCount, inline.unit == nil {
            return .success(.value(grouped(Int(numerator))))
        }
        switch quantity {
        case .seconds:
            return .success(.value(format(numerator, unit: inline.unit ?? (numerator < 1 ? .milliseconds : .seconds), digits: inline.digits ?? 3)))
        case .accuracy:
            return .success(.value(format(numerator, unit: inline.unit ?? .percent, digits: inline.digits ?? 3)))
        default:
            return .success(.value(format(numerator, unit: inline.unit, digits: inline.digits ?? 4)))
        }
    }

    /// What one run measured, a marker where it stopped before measuring it, or a problem
    /// where it never measures such a thing.
    enum Measured {
        case value(Double)
        case missing(marker: String, reason: String)
    }

    static func value(_ value: InlineResult.Value, result: ExperimentResult) -> Result<Measured, LessonsError> {
        guard let position = result.spec.runs.firstIndex(where: { $0.label == value.run }), position < result.logs.count else {
            return .success(.missing(marker: "[not measured]", reason: "run `\(value.run)` did not train"))
        }
        let log = result.logs[position]
        let last = log.epochs.last
        // A diverged run has no final loss, accuracy or parameters worth stating.
        let stopped: Measured? = log.divergedAtStep.map { .missing(marker: "[diverged at step \($0)]", reason: "run `\(value.run)` diverged at step \($0)") }
            ?? log.unboundedAtStep.map { .missing(marker: "[unbounded below at step \($0)]", reason: "run `\(value.run)`'s loss fell without bound from step \($0)") }
        switch value.quantity {
        case .finalLoss:
            return .success(stopped ?? finite(log.finalLoss, run: value.run))
        case .validationLoss:
            guard let loss = last?.validationLoss else {
                return .failure(.resultUnmeasured(quantity: "validation_loss", reason: "run `\(value.run)` has no validation set (add `validation: 0.2` to `data`)"))
            }
            return .success(stopped ?? finite(loss, run: value.run))
        case .accuracy:
            guard let accuracy = last?.accuracy else {
                return .failure(.resultUnmeasured(quantity: "accuracy", reason: "run `\(value.run)` reports no accuracy (it is not a classification)"))
            }
            return .success(stopped ?? .value(accuracy))
        case .seconds:
            return .success(.value(log.seconds))
        case .updates:
            return .success(.value(Double(log.updates)))
        case .gradientEvaluations:
            return .success(.value(Double(log.gradientEvaluations)))
        case .divergedAt:
            guard let step = log.divergedAtStep else {
                return .success(.missing(marker: "[did not diverge]", reason: "run `\(value.run)` did not diverge"))
            }
            return .success(.value(Double(step)))
        case let .lossAtEpoch(epoch):
            guard let record = log.epochs.first(where: { $0.epoch == epoch }) else {
                return .success(stopped ?? .missing(marker: "[stopped before epoch \(epoch)]", reason: "run `\(value.run)` stopped at epoch \(log.epochs.last?.epoch ?? 0)"))
            }
            return .success(finite(record.loss, run: value.run))
        case let .parameter(name):
            guard let index = log.parameterNames.firstIndex(of: name), index < log.finalParameters.count else {
                return .failure(.unknownInResult(what: "parameter of run `\(value.run)`", name: name, known: log.parameterNames))
            }
            return .success(stopped ?? finite(log.finalParameters[index], run: value.run))
        case let .learningRate(moment):
            return .success(finite(Recorded.learningRate(log.trace, at: moment), run: value.run))
        case let .gradientNorm(layer, moment):
            return .success(finite(Recorded.gradientNorm(log.trace, layer: layer, at: moment), run: value.run))
        }
    }

    static func finite(_ number: Double?, run: String) -> Measured {
        guard let number, number.isFinite else { return .missing(marker: "[not finite]", reason: "run `\(run)` ended on a value that is not a finite number") }
        return .value(number)
    }

    static func describe(_ value: InlineResult.Value?) -> String {
        guard let value else { return "" }
        return "the value of run `\(value.run)`"
    }

    /// `number` in `unit` with `digits` significant digits: 0.00331 s as ms → "3.31 ms",
    /// 10.03 as × with 2 digits → "10×". Negative numbers take a minus sign (U+2212); very
    /// small or large ones are written as 3.3 × 10⁻⁵.
    static func format(_ number: Double, unit: InlineResult.Unit?, digits: Int) -> String {
        let scaled: Double
        let suffix: String
        switch unit {
        case nil: (scaled, suffix) = (number, "")
        case .milliseconds?: (scaled, suffix) = (number * 1000, " ms")
        case .seconds?: (scaled, suffix) = (number, " s")
        case .percent?: (scaled, suffix) = (number * 100, "%")
        case .times?: (scaled, suffix) = (number, "×")
        }
        return significant(scaled, digits: digits) + suffix
    }

    /// A whole number with its digits in groups of three from five digits on, separated by a
    /// narrow no-break space as SI writes them: 800, 4096, 40 960.
    static func grouped(_ number: Int) -> String {
        let digits = String(number.magnitude)
        guard digits.count >= 5 else { return (number < 0 ? "−" : "") + digits }
        var text = ""
        for (offset, digit) in digits.enumerated() {
            if offset > 0, (digits.count - offset) % 3 == 0 { text += "\u{202F}" }
            text.append(digit)
        }
        return (number < 0 ? "−" : "") + text
    }

    static func significant(_ number: Double, digits: Int) -> String {
        guard number.isFinite else { return number.isNaN ? "NaN" : (number > 0 ? "∞" : "−∞") }
        guard number != 0 else { return "0" }
        // printf rounds correctly; its exponent is that of the rounded number.
        let scientific = String(format: "%.\(digits - 1)e", abs(number))
        let parts = scientific.split(separator: "e")
        guard parts.count == 2, let exponent = Int(parts[1]) else { return scientific }
        let sign = number < 0 ? "−" : ""
        if exponent < -4 || exponent >= 15 {
            let superscripts: [Character: Character] = ["-": "⁻", "0": "⁰", "1": "¹", "2": "²", "3": "³", "4": "⁴", "5": "⁵", "6": "⁶", "7": "⁷", "8": "⁸", "9": "⁹"]
            return sign + parts[0] + " × 10" + String(String(exponent).compactMap { superscripts[$0] })
        }
        // Written from the rounded number, so that 1234.5 to 2 digits is 1200.
        let decimals = max(0, digits - 1 - exponent)
        return sign + String(format: "%.\(decimals)f", Double(scientific) ?? abs(number))
    }
}
