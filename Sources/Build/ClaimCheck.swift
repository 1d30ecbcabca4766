import Lessons
import Training

/// Checks the claims a lesson makes about an experiment (`expect:`) against its results.
enum ClaimCheck {
    /// One diagnostic per claim that does not hold, naming the measured value.
    static func failures(of result: ExperimentResult) -> [Diagnostic] {
        let logs = Dictionary(zip(result.spec.runs.map(\.label), result.logs), uniquingKeysWith: { first, _ in first })
        return result.spec.claims.compactMap { claim -> Diagnostic? in
            guard let log = logs[claim.run] else {
                return Diagnostic(.unknownRun(label: claim.run, known: result.spec.runs.map(\.label)), at: claim.location)
            }
            guard let measured = failure(of: claim.check, log: log, logs: logs) else { return nil }
            return Diagnostic(.claimFailed(claim: "`\(claim.run)`: \(describe(claim.check))", measured: measured), at: claim.location)
        }
    }

    /// What was measured, when the check fails.
    static func failure(of check: Claim.Check, log: TrainingLog, logs: [String: TrainingLog]) -> String? {
        let last = log.epochs.last
        switch check {
        case let .finalLoss(bound):
            let value = log.finalLoss ?? .nan
            return bound.holds(for: value) ? nil : "the final loss is \(show(value))"
        case let .validationLoss(bound):
            guard let value = last?.validationLoss else { return "the experiment has no validation set (add `validation: 0.2` to `data`)" }
            return bound.holds(for: value) ? nil : "the final validation loss is \(show(value))"
        case let .accuracy(bound):
            guard let value = last?.accuracy else { return "the run reports no accuracy (it is not a classification)" }
            return bound.holds(for: value) ? nil : "the final accuracy is \(show(value))"
        case let .diverged(expected):
            let diverged = log.divergedAtStep != nil
            if diverged == expected { return nil }
            return diverged ? "it diverged at step \(log.divergedAtStep ?? 0)" : "it did not diverge; its final loss is \(show(log.finalLoss ?? .nan))"
        case let .reaches(loss, epochs):
            if let first = log.epochs.first(where: { $0.loss < loss }), first.epoch <= epochs { return nil }
            if let first = log.epochs.first(where: { $0.loss < loss }) { return "it first gets below \(show(loss)) at epoch \(first.epoch)" }
            return "it never gets below \(show(loss)); its lowest epoch loss is \(show(log.epochs.map(\.loss).min() ?? .nan))"
        case let .lowerThan(other):
            guard let otherLog = logs[other] else { return "there is no run `\(other)`" }
            let mine = log.finalLoss ?? .nan, theirs = otherLog.finalLoss ?? .nan
            return mine < theirs ? nil : "its final loss is \(show(mine)) and that of `\(other)` is \(show(theirs))"
        case let .learningRate(at, bound):
            let value = Recorded.learningRate(log.trace, at: at) ?? .nan
            return bound.holds(for: value) ? nil : "the median effective learning rate at the \(at.rawValue) is \(show(value))"
        case let .gradientNorm(layer, relativeTo, at, bound):
            return gradientNormFailure(log.trace, layer: layer, relativeTo: relativeTo, at: at, bound: bound)
        case let .lowerThanAt(other, epoch):
            guard let otherLog = logs[other] else { return "there is no run `\(other)`" }
            guard let mine = loss(of: log, at: epoch) else { return stopped(log, before: epoch, whose: "it") }
            guard let theirs = loss(of: otherLog, at: epoch) else { return stopped(otherLog, before: epoch, whose: "`\(other)`") }
            return mine < theirs ? nil : "after epoch \(epoch) its loss is \(show(mine)) and that of `\(other)` is \(show(theirs))"
        case let .lossAt(epoch, bound):
            guard let value = loss(of: log, at: epoch) else { return stopped(log, before: epoch, whose: "it") }
            return bound.holds(for: value) ? nil : "its loss after epoch \(epoch) is \(show(value))"
        case let .unbounded(expected):
            let step = log.unboundedAtStep
            if (step != nil) == expected { return nil }
            if let step { return "its loss fell without bound at step \(step)" }
            return "it did not fall without bound; its final loss is \(show(log.finalLoss ?? .nan))"
        }
    }

    /// The full training loss after `epoch`, if the run got that far.
    static func loss(of log: TrainingLog, at epoch: Int) -> Double? {
        log.epochs.first(where: { $0.epoch == epoch })?.loss
    }

    static func stopped(_ log: TrainingLog, before epoch: Int, whose: String) -> String {
        "\(whose) has no loss after epoch \(epoch); its last evaluated epoch is \(log.epochs.last?.epoch ?? 0)"
    }

    static func gradientNormFailure(_ trace: TrainingLog.Trace, layer: Int?, relativeTo: Int?, at: Claim.Moment, bound: Claim.Bound) -> String? {
        func norm(_ layer: Int?) -> Double {
            Recorded.gradientNorm(trace, layer: layer, at: at) ?? .nan
        }
        let value = norm(layer)
        guard let relativeTo else {
            return bound.holds(for: value) ? nil : "the gradient norm\(layer.map { " of layer \($0)" } ?? "") at the \(at.rawValue) is \(show(value))"
        }
        let other = norm(relativeTo)
        let ratio = value / other
        return bound.holds(for: ratio) ? nil
            : "layer \(layer ?? 0)'s gradient norm over layer \(relativeTo)'s at the \(at.rawValue) is \(show(ratio)) (\(show(value)) / \(show(other)))"
    }

    static func describe(_ check: Claim.Check) -> String {
        switch check {
        case let .finalLoss(bound): return "final loss \(describe(bound))"
        case let .validationLoss(bound): return "validation loss \(describe(bound))"
        case let .accuracy(bound): return "accuracy \(describe(bound))"
        case let .diverged(expected): return expected ? "diverges" : "does not diverge"
        case let .reaches(loss, epochs): return "gets below \(show(loss)) within \(epochs) epochs"
        case let .lowerThan(other): return "ends lower than `\(other)`"
        case let .learningRate(at, bound): return "median effective learning rate at the \(at.rawValue) \(describe(bound))"
        case let .gradientNorm(layer, relativeTo, at, bound):
            let subject = relativeTo.map { "layer \(layer ?? 0)'s gradient norm over layer \($0)'s" } ?? "gradient norm" + (layer.map { " of layer \($0)" } ?? "")
            return "\(subject) at the \(at.rawValue) \(describe(bound))"
        case let .lowerThanAt(other, epoch): return "is lower than `\(other)` after epoch \(epoch)"
        case let .lossAt(epoch, bound): return "loss after epoch \(epoch) \(describe(bound))"
        case let .unbounded(expected): return expected ? "falls without bound" : "does not fall without bound"
        }
    }

    static func describe(_ bound: Claim.Bound) -> String {
        switch bound {
        case let .below(value): return "below \(show(value))"
        case let .above(value): return "above \(show(value))"
        }
    }

    /// A measured value with enough digits to compare with a bound.
    static func show(_ value: Double) -> String {
        FigureBuilder.format(value)
    }
}

/// The per-update records that claims and built numbers read at the start or the end of a run.
enum Recorded {
    /// The median effective learning rate at the first or the last recorded update.
    static func learningRate(_ trace: TrainingLog.Trace, at moment: Claim.Moment) -> Double? {
        moment == .start ? trace.learningRates.first : trace.learningRates.last
    }

    /// The gradient's norm, of layer `layer` (from 1) when given, at the first or the last record.
    static func gradientNorm(_ trace: TrainingLog.Trace, layer: Int?, at moment: Claim.Moment) -> Double? {
        let values = layer.map { trace.gradientNorms(ofLayer: $0) ?? [] } ?? trace.gradientNorms
        return moment == .start ? values.first : values.last
    }
}
