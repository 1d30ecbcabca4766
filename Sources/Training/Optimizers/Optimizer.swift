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
    /// Ticks of linear warm-up before the schedule starts (0: none), counted in `scheduleUnit`.
    public var warmup: Int
    /// Whether the schedule (and warm-up) steps once per epoch or once per update.
    public var scheduleUnit: ScheduleUnit

    /// What one tick of a schedule is.
    public enum ScheduleUnit: String, Hashable, Codable, Sendable, CaseIterable {
        /// The rate is fixed within an epoch, as torch's schedulers stepped after every epoch.
        case epoch
        /// The rate changes before every update, as schedulers stepped after every batch.
        case update
    }

    public init(
        _ rule: Rule, learningRate: Double? = nil, weightDecay: Double = 0, schedule: Schedule = .constant,
        warmup: Int = 0, scheduleUnit: ScheduleUnit = .epoch
    ) throws {
        let rate = learningRate ?? rule.defaultLearningRate
        guard rate > 0, rate.isFinite else {
            throw TrainingError.invalidValue(name: "lr", value: "\(rate)", allowed: "a finite number greater than 0")
        }
        try HyperParameter.nonNegative("weight_decay", weightDecay)
        try schedule.validate()
        guard warmup >= 0 else {
            throw TrainingError.invalidValue(name: "warmup", value: "\(warmup)", allowed: "a whole number ≥ 0")
        }
        self.rule = rule
        self.learningRate = rate
        self.weightDecay = weightDecay
        self.schedule = schedule
        self.warmup = warmup
        self.scheduleUnit = scheduleUnit
    }

    /// The learning rate at tick `tick` (an epoch or an update by `scheduleUnit`, from 0) of
    /// `ticks`: torch's `SequentialLR([LinearLR(start_factor=1/N, total_iters=N), main],
    /// milestones=[N])` for a warm-up of N ticks,
    ///
    ///     η_t = η·(1/N + (1 − 1/N)·t/N)      t < N
    ///     η_t = main(t − N)                   t ≥ N  (the main schedule's clock starts at 0
    ///                                                 after the warm-up; a cosine's default
    ///                                                 period is the ticks that remain)
    ///
    /// Arithmetic only, so that a per-update rate allocates nothing.
    @inline(__always)
    public func learningRate(at tick: Int, of ticks: Int) -> Double {
        guard warmup > 0 else { return schedule.learningRate(base: learningRate, epoch: tick, epochs: ticks) }
        if tick < warmup {
            let start = 1 / Double(warmup)
            return learningRate * (start + (1 - start) * Double(tick) / Double(warmup))
        }
        return schedule.learningRate(base: learningRate, epoch: tick - warmup, epochs: max(1, ticks - warmup))
    }

    private enum CodingKeys: String, CodingKey {
        case rule, learningRate, weightDecay, schedule, warmup, scheduleUnit
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        rule = try container.decode(Rule.self, forKey: .rule)
        learningRate = try container.decode(Double.self, forKey: .learningRate)
        weightDecay = try container.decode(Double.self, forKey: .weightDecay)
        schedule = try container.decode(Schedule.self, forKey: .schedule)
        warmup = try container.decodeIfPresent(Int.self, forKey: .warmup) ?? 0
        scheduleUnit = try container.decodeIfPresent(ScheduleUnit.self, forKey: .scheduleUnit) ?? .epoch
    }

    /// Without warm-up and stepped per epoch, an optimizer encodes as it did before either
    /// existed, so that its experiments' cache keys stay the same.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(rule, forKey: .rule)
        try container.encode(learningRate, forKey: .learningRate)
        try container.encode(weightDecay, forKey: .weightDecay)
        try container.encode(schedule, forKey: .schedule)
        if warmup != 0 { try container.encode(warmup, forKey: .warmup) }
        if scheduleUnit != .epoch { try container.encode(scheduleUnit, forKey: .scheduleUnit) }
    }
}
