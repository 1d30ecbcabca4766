import Training

/// One `experiment` block of a lesson: what to train and what to draw, validated and with
/// defaults filled in. Nothing here runs; `Build` turns it into training runs and figures.
public struct ExperimentSpec: Hashable, Codable, Sendable {
    public var id: String
    public var title: String?
    public var model: ModelSpec
    /// The data a model learns from; nil for a surface.
    public var data: DataSpec?
    /// The loss and its reduction; nil for a surface, whose function is the loss.
    public var loss: Loss?
    public var reduction: Reduction
    public var initialization: Initialization
    public var budget: Budget
    /// Stop a run when the full training loss changes by less than this between epochs.
    public var tolerance: Double?
    public var seed: UInt64
    /// Every run, after a sweep's expansion, in the order they are drawn.
    public var runs: [RunSpec]
    public var sweep: Sweep?
    public var figures: [FigureSpec]
    public var claims: [Claim]
    /// The names of the model's parameters, in the order the trainer keeps them.
    public var parameterNames: [String]
    /// The experiment block's YAML as written, shown on the page.
    public var source: String
    /// Where the block's opening fence is.
    public var location: SourceLocation

    public init(
        id: String, title: String?, model: ModelSpec, data: DataSpec?, loss: Loss?, reduction: Reduction,
        initialization: Initialization, budget: Budget, tolerance: Double?, seed: UInt64, runs: [RunSpec],
        sweep: Sweep?, figures: [FigureSpec], claims: [Claim], parameterNames: [String], source: String,
        location: SourceLocation
    ) {
        self.id = id
        self.title = title
        self.model = model
        self.data = data
        self.loss = loss
        self.reduction = reduction
        self.initialization = initialization
        self.budget = budget
        self.tolerance = tolerance
        self.seed = seed
        self.runs = runs
        self.sweep = sweep
        self.figures = figures
        self.claims = claims
        self.parameterNames = parameterNames
        self.source = source
        self.location = location
    }
}

/// The model an experiment trains.
public enum ModelSpec: Hashable, Codable, Sendable {
    /// An analytic function of two parameters `x` and `y`, with optional gradient noise σ.
    case surface(Surface.Function, gradientNoise: Double)
    /// linear, logistic, softmax or sigmoid-neuron: z = W·x + b.
    case linear(LinearModel.Kind)
    case mlp(hidden: [Int], activation: Activation)

    /// The model's name as written in lessons.
    public var name: String {
        switch self {
        case .surface: return "surface"
        case let .linear(kind): return kind.rawValue
        case .mlp: return "mlp"
        }
    }

    public var isSurface: Bool {
        if case .surface = self { return true }
        return false
    }

    /// The link of the model's output: fixed for linear models; for an MLP, by its data
    /// (identity for regression, sigmoid for two classes, softmax for more); none for a surface.
    public func outputLink(classCount: Int?) -> OutputLink? {
        switch self {
        case .surface: return nil
        case let .linear(kind): return LinearModel.link(of: kind)
        case .mlp:
            switch classCount {
            case nil: return .identity
            case 2?: return .sigmoid
            case _?: return .softmax
            }
        }
    }
}

/// Where an experiment's samples come from.
public struct DataSpec: Hashable, Codable, Sendable {
    public enum Source: Hashable, Codable, Sendable {
        case generated(DataSource)
        /// A CSV file: `path` as written (relative to the lesson), `file` resolved on disk.
        case csv(path: String, file: String, features: [String], target: String)
    }

    public var source: Source
    /// The fraction of samples held out for validation.
    public var validation: Double?
    /// Centre and scale each feature by the training samples' mean and deviation.
    public var standardize: Bool
    public var seed: UInt64
    public var featureCount: Int
    /// The number of classes for classification data; nil for regression.
    public var classCount: Int?

    public init(source: Source, validation: Double?, standardize: Bool, seed: UInt64, featureCount: Int, classCount: Int?) {
        self.source = source
        self.validation = validation
        self.standardize = standardize
        self.seed = seed
        self.featureCount = featureCount
        self.classCount = classCount
    }
}

/// Where the parameters start.
public enum Initialization: Hashable, Codable, Sendable {
    /// The model's default: zeros for linear models, seeded LeCun-normal weights for an MLP.
    case modelDefault
    case zeros
    /// Every parameter drawn from N(0, σ²), seeded.
    case normal(Double)
    /// Values by parameter name; the others keep the model's default.
    case values([String: Double])
}

/// How long each run trains.
public enum Budget: Hashable, Codable, Sendable {
    case epochs(Int)
    case steps(Int)
}

/// One run of an experiment: an optimizer with its hyper-parameters and a batch size.
public struct RunSpec: Hashable, Codable, Sendable {
    public var label: String
    public var optimizer: Optimizer
    public var batch: TrainingConfiguration.BatchSize
    /// The swept values this copy of a written run takes, in the sweep's key order; empty
    /// without a sweep. An `explore` figure maps a run to its sliders' positions by them.
    public var coordinates: [Sweep.Coordinate]
    /// The colour the run is drawn in, in every figure; nil takes the palette's colour of the
    /// run's place in the experiment. Not part of what is trained.
    public var color: RunColor?

    public init(label: String, optimizer: Optimizer, batch: TrainingConfiguration.BatchSize, color: RunColor? = nil, coordinates: [Sweep.Coordinate] = []) {
        self.label = label
        self.optimizer = optimizer
        self.batch = batch
        self.color = color
        self.coordinates = coordinates
    }

    private enum CodingKeys: String, CodingKey {
        case label, optimizer, batch, color, coordinates
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        label = try container.decode(String.self, forKey: .label)
        optimizer = try container.decode(Optimizer.self, forKey: .optimizer)
        batch = try container.decode(TrainingConfiguration.BatchSize.self, forKey: .batch)
        color = try container.decodeIfPresent(RunColor.self, forKey: .color)
        coordinates = try container.decodeIfPresent([Sweep.Coordinate].self, forKey: .coordinates) ?? []
    }

    /// The coordinates stay out of the encoding, which is the experiment's cache key: they
    /// restate values the optimizer and batch already hold and change no number, so a swept
    /// experiment keeps the key (and stored results) it had before they existed.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(label, forKey: .label)
        try container.encode(optimizer, forKey: .optimizer)
        try container.encode(batch, forKey: .batch)
        try container.encodeIfPresent(color, forKey: .color)
    }
}

/// The run keys every written run is repeated across: one key, or two as their Cartesian
/// product (the first key outer, values in written order).
public struct Sweep: Hashable, Codable, Sendable {
    /// One swept value.
    public enum Value: Hashable, Codable, Sendable {
        /// A number: lr, momentum, beta1, beta2, decay, eps, weight_decay,
        /// initial_accumulator, warmup.
        case number(Double)
        case batch(TrainingConfiguration.BatchSize)
        /// An optimizer's name as lessons write it (gd, momentum, …).
        case optimizer(String)
        /// An on/off switch: bias_correction, amsgrad.
        case flag(Bool)
    }

    /// A swept value as labels, messages and the explore player show it: `0.1`, `8`, `full`, `adam`.
    public static func name(of value: Value) -> String {
        switch value {
        case let .number(number): return ExperimentParser.shortest(number)
        case let .batch(size): return size.name
        case let .optimizer(name): return name
        case let .flag(value): return String(value)
        }
    }

    /// A swept key with its values in written order.
    public struct Axis: Hashable, Codable, Sendable {
        public var key: String
        public var values: [Value]

        public init(key: String, values: [Value]) {
            self.key = key
            self.values = values
        }
    }

    /// The value one run takes for one swept key.
    public struct Coordinate: Hashable, Codable, Sendable {
        public var key: String
        public var value: Value

        public init(key: String, value: Value) {
            self.key = key
            self.value = value
        }
    }

    /// One or two axes, in written order.
    public var axes: [Axis]

    public init(axes: [Axis]) {
        self.axes = axes
    }

    public var keys: [String] { axes.map(\.key) }

    /// Every combination of the axes' values, the first axis outer.
    public var combinations: [[Coordinate]] {
        axes.reduce([[]]) { partial, axis in
            partial.flatMap { prefix in axis.values.map { prefix + [Coordinate(key: axis.key, value: $0)] } }
        }
    }

    /// The batch sizes when `batch` is the inner (last) key, so that consecutive runs differ
    /// only in their batch; nil otherwise.
    public var batchSizes: [TrainingConfiguration.BatchSize]? {
        guard let last = axes.last, last.key == "batch" else { return nil }
        let sizes = last.values.compactMap { value -> TrainingConfiguration.BatchSize? in
            if case let .batch(size) = value { return size }
            return nil
        }
        return sizes.count == last.values.count ? sizes : nil
    }
}

/// A figure an experiment asks for.
public struct FigureSpec: Hashable, Codable, Sendable {
    public enum Kind: Hashable, Codable, Sendable {
        /// Loss curves. `smooth` is the weight of an exponential moving average of the
        /// per-step loss (the raw curve is drawn faint); `validation` adds dashed validation curves.
        case loss(x: LossAxis, y: ValueScale, smooth: Double?, validation: Bool)
        /// The loss over two parameters with every run's path; `range` fixes each
        /// parameter's span (else it is fitted around the paths).
        case contour(parameters: [String], range: [String: ClosedRange<Double>], resolution: Int)
        /// Loss per epoch and per update, time per epoch and final loss, across a batch sweep.
        case batchSizes
        /// The results of every run as a table.
        case table
        /// The variance of mini-batch gradients against batch size at one point (the start or
        /// the first run's end), measured over `trials` batches per size and beside its formula.
        case gradientVariance(at: VariancePoint, sizes: [Int]?, trials: Int)
        /// On a surface: each run's end point, its gradient and the eigenvalues of its Hessian,
        /// classifying it as a minimum, a maximum or a saddle point.
        case hessian
        /// The effective learning rate of each update: per run the median over parameters with
        /// a band from the 10th to the 90th percentile, or with `parameters` one line per named one.
        case learningRate(x: LossAxis, y: ValueScale, parameters: [String]?)
        /// The gradient's norm at each recorded update, per run or, `byLayer`, per MLP layer.
        case gradientNorm(x: LossAxis, y: ValueScale, byLayer: Bool, smooth: Double?)

        /// Whether the figure's values are drawn on a log axis.
        public var hasLogValues: Bool {
            switch self {
            case .loss(_, .log, _, _), .learningRate(_, .log, _), .gradientNorm(_, .log, _, _): return true
            default: return false
            }
        }
    }

    public enum VariancePoint: String, Hashable, Codable, Sendable, CaseIterable {
        case start, end
    }

    public enum LossAxis: String, Hashable, Codable, Sendable, CaseIterable {
        case epoch, step, samples, seconds
    }

    public enum ValueScale: String, Hashable, Codable, Sendable, CaseIterable {
        case linear, log
    }

    /// The figure's id, for `@fig-…` references: its `id:` or `<experiment id>-<n>`.
    public var id: String
    public var kind: Kind
    public var caption: String
    /// The labels of the runs to draw; nil draws them all.
    public var runs: [String]?
    /// A loss figure's fixed vertical range; nil fits it to the curves.
    public var yRange: ClosedRange<Double>?
    /// How the figure is drawn, whatever its kind: size, title and axis labels.
    public var options: Options
    /// For an `explore` figure, its sliders and the combination its static picture shows; its
    /// `kind` is then the view drawn (`contour` or `loss`) and `runs` the runs at that
    /// combination, so every other part of the build draws the fallback as an ordinary figure.
    public var explore: Explore?

    public init(id: String, kind: Kind, caption: String, runs: [String]? = nil, yRange: ClosedRange<Double>? = nil, options: Options = Options(), explore: Explore? = nil) {
        self.id = id
        self.kind = kind
        self.caption = caption
        self.runs = runs
        self.yRange = yRange
        self.options = options
        self.explore = explore
    }

    /// An `explore` figure: one slider per swept key, showing one combination at a time.
    public struct Explore: Hashable, Codable, Sendable {
        public enum View: String, Hashable, Codable, Sendable, CaseIterable {
            case contour, loss
        }

        public var view: View
        /// The swept keys and their values, one slider each, in the sweep's order.
        public var axes: [Sweep.Axis]
        /// The combination the static picture shows: one coordinate per swept key, from
        /// `default:` or else each key's middle value.
        public var selection: [Sweep.Coordinate]
        /// The caption as written, before the suffix naming the values shown.
        public var writtenCaption: String

        public init(view: View, axes: [Sweep.Axis], selection: [Sweep.Coordinate], writtenCaption: String) {
            self.view = view
            self.axes = axes
            self.selection = selection
            self.writtenCaption = writtenCaption
        }

        /// Each axis's middle value (the lower of the two middles for an even count).
        public static func middle(of axes: [Sweep.Axis]) -> [Sweep.Coordinate] {
            axes.compactMap { axis in
                guard !axis.values.isEmpty else { return nil }
                return Sweep.Coordinate(key: axis.key, value: axis.values[(axis.values.count - 1) / 2])
            }
        }
    }

    /// Whether the figure draws the run labelled `label`.
    public func draws(_ label: String) -> Bool {
        runs?.contains(label) ?? true
    }

    /// Whether the figure is drawn as an image (a table is HTML).
    public var isImage: Bool {
        switch kind {
        case .table, .hessian: return false
        default: return true
        }
    }
}

/// A claim a lesson makes about its results, checked on every build.
public struct Claim: Hashable, Codable, Sendable {
    public enum Check: Hashable, Codable, Sendable {
        case finalLoss(Bound)
        case validationLoss(Bound)
        case accuracy(Bound)
        case diverged(Bool)
        /// The full training loss falls below `loss` within `epochs` epochs.
        case reaches(loss: Double, epochs: Int)
        /// The run's final loss is lower than that of the run labelled `run`.
        case lowerThan(run: String)
        /// The run's full training loss after epoch `epoch` is lower than that of the run
        /// labelled `run` after the same epoch (epoch 0: at the start).
        case lowerThanAt(run: String, epoch: Int)
        /// The full training loss after epoch `epoch` is within the bound.
        case lossAt(epoch: Int, bound: Bound)
        /// Whether the run stopped because the loss fell without bound (it escaped down a
        /// surface such as x² − y², which has no minimum).
        case unbounded(Bool)
        /// The median effective learning rate over parameters, of the first or the last record.
        case learningRate(at: Moment, Bound)
        /// The gradient's norm (of layer `layer` when given), divided by that of layer
        /// `relativeTo` when given, at the first or the last record.
        case gradientNorm(layer: Int?, relativeTo: Int?, at: Moment, Bound)
    }

    /// The first recorded update (before it is made) or the end of the run.
    public enum Moment: String, Hashable, Codable, Sendable, CaseIterable {
        case start, end
    }

    public enum Bound: Hashable, Codable, Sendable {
        case below(Double)
        case above(Double)

        public func holds(for value: Double) -> Bool {
            switch self {
            case let .below(limit): return value < limit
            case let .above(limit): return value > limit
            }
        }
    }

    public var run: String
    public var check: Check
    public var location: SourceLocation

    public init(run: String, check: Check, location: SourceLocation) {
        self.run = run
        self.check = check
        self.location = location
    }
}
