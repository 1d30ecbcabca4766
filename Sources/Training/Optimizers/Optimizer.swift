/// An optimizer chosen at run time: the rule, its learning rate, weight decay and schedule.
public struct Optimizer: Hashable, Codable, Sendable {
    public enum Rule: Hashable, Codable, Sendable {
        case gd(GradientDescent)
        case momentum(Momentum)
        case adagrad(Adagrad)
        case rmsprop(RMSProp)
        case adam(Adam)

        /// The name lessons use: gd, momentum, nesterov, adagrad, rmsprop, adam.
        public var name: String {
            switch self {
            case .gd: return "gd"
            case let .momentum(rule): return rule.nesterov ? "nesterov" : "momentum"
            case .adagrad: return "adagrad"
            case .rmsprop: return "rmsprop"
            case .adam: return "adam"
            }
        }

        /// torch's default learning rate for the rule.
        public var defaultLearningRate: Double {
            switch self {
            case .gd, .momentum, .adam: return 0.001
            case .adagrad, .rmsprop: return 0.01
            }
        }
    }

    public var rule: Rule
    public var learningRate: Double
    /// L2 penalty λ added to the gradient as g + λθ before the rule (torch's weight_decay).
    public var weightDecay: Double
    public var schedule: Schedule

    public init(_ rule: Rule, learningRate: Double? = nil, weightDecay: Double = 0, schedule: Schedule = .constant) throws {
        let rate = learningRate ?? rule.defaultLearningRate
        guard rate > 0, rate.isFinite else {
            throw TrainingError.invalidValue(name: "lr", value: "\(rate)", allowed: "a finite number greater than 0")
        }
        try HyperParameter.nonNegative("weight_decay", weightDecay)
        try schedule.validate()
        self.rule = rule
        self.learningRate = rate
        self.weightDecay = weightDecay
        self.schedule = schedule
    }
}
