/// Everything the training engine can refuse. Messages are sentences a course author reads.
public enum TrainingError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A hyper-parameter or option outside its allowed range.
    case invalidValue(name: String, value: String, allowed: String)
    /// A budget that would run longer than Descent allows for one run.
    case budgetTooLarge(name: String, value: Int, limit: Int)

    public var description: String {
        switch self {
        case let .invalidValue(name, value, allowed):
            return "\(name) is \(value), but it must be \(allowed)."
        case let .budgetTooLarge(name, value, limit):
            return "\(name) is \(value), more than the limit of \(limit) for one run."
        }
    }
}
