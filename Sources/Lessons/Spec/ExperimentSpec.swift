import Training

/// One `experiment` block of a lesson: what to train and what to draw, validated and with
/// defaults filled in. Nothing here runs; `Build` turns it into training runs and figures.
public struct ExperimentSpec: Hashable, Codable, Sendable {
    public var id: String
    public var title: String?
    public var model: ModelSpec
    /// Initial parameter values by name.
    public var initialValues: [String: Double]
    public var budget: Budget
    public var seed: UInt64
    public var runs: [RunSpec]
    public var figures: [FigureSpec]
    /// The experiment block's YAML as written, shown on the page.
    public var source: String
    /// Where the block's opening fence is.
    public var location: SourceLocation

    public init(
        id: String, title: String?, model: ModelSpec, initialValues: [String: Double], budget: Budget,
        seed: UInt64, runs: [RunSpec], figures: [FigureSpec], source: String, location: SourceLocation
    ) {
        self.id = id
        self.title = title
        self.model = model
        self.initialValues = initialValues
        self.budget = budget
        self.seed = seed
        self.runs = runs
        self.figures = figures
        self.source = source
        self.location = location
    }
}

/// The model an experiment trains.
public enum ModelSpec: Hashable, Codable, Sendable {
    case surface(Surface.Function)

    /// The names of the model's parameters, in the order the trainer keeps them.
    public var parameterNames: [String] {
        switch self {
        case .surface: return Surface.parameterNames
        }
    }

    /// The model's name as written in lessons.
    public var name: String {
        switch self {
        case .surface: return "surface"
        }
    }
}

/// How long each run trains.
public enum Budget: Hashable, Codable, Sendable {
    case epochs(Int)
    case steps(Int)
}

/// One run of an experiment: an optimizer with its hyper-parameters.
public struct RunSpec: Hashable, Codable, Sendable {
    public var label: String
    public var optimizer: OptimizerSpec

    public init(label: String, optimizer: OptimizerSpec) {
        self.label = label
        self.optimizer = optimizer
    }
}

/// An optimizer and its hyper-parameters as a lesson names them.
public enum OptimizerSpec: Hashable, Codable, Sendable {
    case gd(learningRate: Double)

    public var name: String {
        switch self {
        case .gd: return "gd"
        }
    }

    public var learningRate: Double {
        switch self {
        case let .gd(learningRate): return learningRate
        }
    }
}

/// A figure an experiment asks for.
public struct FigureSpec: Hashable, Codable, Sendable {
    public enum Kind: Hashable, Codable, Sendable {
        case loss(x: LossAxis, y: ValueScale)
    }

    public enum LossAxis: String, Hashable, Codable, Sendable, CaseIterable {
        case epoch, step
    }

    public enum ValueScale: String, Hashable, Codable, Sendable, CaseIterable {
        case linear, log
    }

    /// The figure's id, for `@fig-…` references: its `id:` or `<experiment id>-<n>`.
    public var id: String
    public var kind: Kind
    public var caption: String

    public init(id: String, kind: Kind, caption: String) {
        self.id = id
        self.kind = kind
        self.caption = caption
    }
}
