import Foundation
import Numerics

/// A loss on one sample's prediction, as lessons name it.
public enum Loss: String, Hashable, Codable, Sendable, CaseIterable {
    /// (ŷ − y)²
    case mse
    /// ½(ŷ − y)², whose gradient is simply ŷ − y.
    case halfMSE = "half-mse"
    /// Binary cross-entropy −[y·log ŷ + (1 − y)·log(1 − ŷ)], computed from the logit.
    case bce
    /// Multi-class cross-entropy −log softmax(z)_y, computed with log-sum-exp.
    case crossEntropy = "cross-entropy"
}

/// How the per-sample losses of a batch are combined.
public enum Reduction: String, Hashable, Codable, Sendable, CaseIterable {
    case mean, sum
}

/// What turns a model's raw outputs z into its prediction ŷ.
public enum OutputLink: String, Hashable, Codable, Sendable {
    /// ŷ = z (regression).
    case identity
    /// ŷ = σ(z) = 1 / (1 + e^(−z)) (binary classification, one output).
    case sigmoid
    /// ŷ = softmax(z) (classification into as many classes as outputs).
    case softmax
}

/// A loss paired with the output link it is applied after; computes the loss of one sample
/// and its gradient with respect to the raw outputs in one pass, in numerically stable forms.
public struct Head: Hashable, Codable, Sendable {
    public let link: OutputLink
    public let loss: Loss

    /// The losses that fit each link.
    public static func losses(for link: OutputLink) -> [Loss] {
        switch link {
        case .identity: return [.mse, .halfMSE]
        case .sigmoid: return [.bce, .mse, .halfMSE]
        case .softmax: return [.crossEntropy]
        }
    }

    public init(link: OutputLink, loss: Loss, model: String) throws {
        let allowed = Head.losses(for: link)
        guard allowed.contains(loss) else {
            throw TrainingError.lossDoesNotFitModel(loss: loss.rawValue, model: model, allowed: allowed.map(\.rawValue))
        }
        self.link = link
        self.loss = loss
    }

    /// The loss of one sample with raw outputs `z[0..<count]` and target `y`; writes
    /// ∂loss/∂z into `dz`.
    @inlinable @inline(__always)
    func lossAndGradient(_ z: UnsafeMutablePointer<Double>, count: Int, target y: Double, dz: UnsafeMutablePointer<Double>) -> Double {
        switch link {
        case .identity:
            let residual = z[0] - y
            if loss == .mse {
                dz[0] = 2 * residual
                return residual * residual
            }
            dz[0] = residual
            return 0.5 * residual * residual
        case .sigmoid:
            let logit = z[0]
            let e = Elementary.exp(-abs(logit))
            switch loss {
            case .bce:
                // log(1 + e^(−|z|)) + max(z, 0) − y·z is −[y log σ + (1 − y) log(1 − σ)] without
                // overflow. max(z, 0) − y·z = m·z with m = 1 − y (z ≥ 0) or −y: zero for a 0/1
                // target on the right side, so a confident sample's tiny loss survives; and
                // σ(z) − y = m ∓ e/(1 + e) without the cancellation of σ(z) − 1.
                let margin = logit >= 0 ? 1 - y : -y
                let q = e / (1 + e)
                dz[0] = logit >= 0 ? margin - q : margin + q
                return margin * logit + Elementary.log1p(e)
            case .mse, .halfMSE:
                let probability = (logit >= 0 ? 1 : e) / (1 + e)
                let residual = probability - y
                let scale = loss == .mse ? 2.0 : 1.0
                dz[0] = scale * residual * probability * (1 - probability)
                return loss == .mse ? residual * residual : 0.5 * residual * residual
            case .crossEntropy:
                return .nan
            }
        case .softmax:
            // −log softmax(z)_y = ln(1 + r) + (m − z_y) with m = max z at the first largest output
            // and r = Σ e^(z_k − m) over the others: for a right prediction m − z_y = 0, so a
            // confident sample's tiny loss survives, and its slope softmax(z)_y − 1 = −r/(1 + r).
            let best = Head.firstLargest(z, count: count)
            let largest = z[best]
            var rest = 0.0
            for k in 0..<count {
                let e = Elementary.exp(z[k] - largest)
                dz[k] = e
                if k != best { rest += e }
            }
            let label = Int(y)
            let total = 1 + rest
            for k in 0..<count { dz[k] /= total }
            dz[label] = label == best ? -rest / total : dz[label] - 1
            return Elementary.log1p(rest) + (largest - z[label])
        }
    }

    /// The index of the first largest of `z[0..<count]`: a softmax head's prediction.
    @inlinable @inline(__always)
    static func firstLargest(_ z: UnsafeMutablePointer<Double>, count: Int) -> Int {
        var best = 0
        for k in 1..<max(1, count) where z[k] > z[best] { best = k }
        return best
    }

    /// The loss of one sample without its gradient, and whether the prediction is right
    /// (for classification links).
    @inlinable @inline(__always)
    func lossAndCorrectness(_ z: UnsafeMutablePointer<Double>, count: Int, target y: Double, scratch: UnsafeMutablePointer<Double>) -> (loss: Double, correct: Bool) {
        let loss = lossAndGradient(z, count: count, target: y, dz: scratch)
        switch link {
        case .identity:
            return (loss, false)
        case .sigmoid:
            return (loss, (z[0] >= 0 ? 1.0 : 0.0) == y)
        case .softmax:
            return (loss, Double(Head.firstLargest(z, count: count)) == y)
        }
    }
}
