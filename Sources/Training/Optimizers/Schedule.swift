import Foundation
import Numerics

/// How the learning rate changes from tick to tick, counted from 0: a tick is an epoch (the
/// rate fixed within it, as torch's schedulers stepped once per epoch) or an update, by the
/// optimizer's `scheduleUnit`; `Optimizer.learningRate(at:of:)` adds the warm-up.
public enum Schedule: Hashable, Codable, Sendable {
    /// η
    case constant
    /// η·γ^⌊e / every⌋ (torch's StepLR)
    case step(every: Int, gamma: Double)
    /// η·γ^e (ExponentialLR)
    case exponential(gamma: Double)
    /// η / √(e + 1)
    case inverseSqrt
    /// η_min + (η − η_min)·(1 + cos(π·e / T))/2, T = `period` or the run's ticks (CosineAnnealingLR)
    case cosine(period: Int?, minimum: Double)

    public var name: String {
        switch self {
        case .constant: return "constant"
        case .step: return "step"
        case .exponential: return "exponential"
        case .inverseSqrt: return "inverse-sqrt"
        case .cosine: return "cosine"
        }
    }

    func validate() throws {
        switch self {
        case .constant, .inverseSqrt:
            return
        case let .step(every, gamma):
            guard every >= 1 else {
                throw TrainingError.invalidValue(name: "every", value: "\(every)", allowed: "a whole number ≥ 1")
            }
            try HyperParameter.positive("gamma", gamma)
        case let .exponential(gamma):
            try HyperParameter.positive("gamma", gamma)
        case let .cosine(period, minimum):
            if let period, period < 1 {
                throw TrainingError.invalidValue(name: "period", value: "\(period)", allowed: "a whole number ≥ 1")
            }
            try HyperParameter.nonNegative("minimum", minimum)
        }
    }

    /// The learning rate at tick `epoch` (an epoch, or an update) of `epochs`, starting from `base`.
    public func learningRate(base: Double, epoch: Int, epochs: Int) -> Double {
        let e = Double(epoch)
        switch self {
        case .constant:
            return base
        case let .step(every, gamma):
            return base * Elementary.power(gamma, epoch / every)
        case let .exponential(gamma):
            return base * Elementary.power(gamma, epoch)
        case .inverseSqrt:
            return base / (e + 1).squareRoot()
        case let .cosine(period, minimum):
            let length = Double(max(1, period ?? epochs))
            return minimum + (base - minimum) * (1 + Elementary.cos(Double.pi * min(e, length) / length)) / 2
        }
    }
}
