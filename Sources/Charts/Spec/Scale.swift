import Foundation
import Numerics

/// How data values map to positions along an axis.
public enum Scale: Hashable, Codable, Sendable {
    case linear
    /// Base-10 logarithmic; values ≤ 0 cannot be drawn and are left out.
    case log

    /// The value in the space where the axis is linear.
    func forward(_ value: Double) -> Double {
        switch self {
        case .linear: return value
        case .log: return Elementary.log10(value)
        }
    }

    func inverse(_ value: Double) -> Double {
        switch self {
        case .linear: return value
        case .log: return Elementary.pow(10, value)
        }
    }

    /// Whether the value can be placed on this scale.
    package func accepts(_ value: Double) -> Bool {
        switch self {
        case .linear: return value.isFinite
        case .log: return value.isFinite && value > 0
        }
    }
}
