import Foundation
import Lessons
import Training

/// The training results of one experiment: a log per run, in the order of the spec's runs,
/// and the loss grids its contour figures need.
public struct ExperimentResult: Codable, Sendable {
    public var spec: ExperimentSpec
    public var logs: [TrainingLog]
    /// The loss over two parameters, by contour figure id.
    public var grids: [String: LossGrid]
    /// Known minima of a surface, to mark on its contours.
    public var minima: [[Double]]
    /// Samples in the training set (1 for a surface).
    public var sampleCount: Int
    /// The spec's key, as the results file publishes it (`spec_sha256`): the same on every
    /// machine and toolchain.
    public var key: String = ""
    /// The key the training was cached under: the spec's, with Descent's version and toolchain.
    public var cacheKey: String = ""
    /// Mini-batch gradient variance by batch size, by gradient-variance figure id.
    public var variances: [String: [GradientVariance]] = [:]
}

/// How an experiment's results were obtained, for progress lines and `--explain`.
public struct ExperimentOutcome: Sendable {
    public var trained: Bool
    public var reason: String
    public var seconds: Double
}

/// Trains every run of an experiment and evaluates what its figures need.
enum ExperimentRunner {
    /// The experiment's results: from the cache when its key is there, else trained (with
    /// the wall-clock times of `stored` when those results were recorded for the same key).
    /// `name` (`lesson#experiment`) finds the record of its last key, to say why it is trained;
    /// `fresh` says that the cache was left out on purpose.
    static func run(
        _ spec: ExperimentSpec, cache: ResultCache, stored: StoredTimings?, name: String = "", fresh: Bool = false, identity: BuildIdentity = .current
    ) throws(BuildProblem) -> (ExperimentResult, ExperimentOutcome) {
        let clock = ContinuousClock()
        let start = clock.now
        let parts = CacheKey.trainingParts(spec, identity: identity)
        let key = CacheKey.sha256(Array(parts.utf8))
        let specKey = CacheKey.training(spec, identity: nil)
        func elapsed() -> Double {
            let duration = clock.now - start
            return Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
        }
        let last = cache.record(name)
        let record = CacheRecord(key: key, parts: parts)
        if let cached = cache.runs(key) {
            var result = ExperimentResult(spec: spec, logs: cached.logs, grids: [:], minima: cached.minima, sampleCount: cached.sampleCount, key: specKey, cacheKey: key)
            let evaluated = try evaluateGrids(&result, cache: cache)
            if last != record { cache.store(record, name: name) }
            let reused = "cache key \(CacheRecord.short(key)), same spec, data and engine"
            let analyses = result.spec.figures.filter { evaluated.contains($0.id) }.map { figure in
                if case .contour = figure.kind { "the loss grid of figure `\(figure.id)`" } else { "the gradient variances of figure `\(figure.id)`" }
            }
            let reason = analyses.isEmpty
                ? "reused (\(reused))"
                : "reused its training (\(reused)); evaluated \(analyses.joined(separator: " and ")) anew: no cache entry for them"
            return (result, ExperimentOutcome(trained: false, reason: reason, seconds: elapsed()))
        }
        var result = try train(spec)
        result.key = specKey
        result.cacheKey = key
        if let stored, stored.key == specKey {
            // Measured once and kept: the times recorded with these results stand.
            for index in result.logs.indices {
                if let seconds = stored.seconds[spec.runs[index].label] { result.logs[index].seconds = seconds }
            }
        }
        cache.store(ResultCache.Runs(logs: result.logs, minima: result.minima, sampleCount: result.sampleCount), key: key)
        cache.store(record, name: name)
        try evaluateGrids(&result, cache: cache)
        let why = fresh ? "--fresh"
            : cache.directory == nil ? "this build keeps no cache"
            : CacheRecord.why(notCached: key, parts: parts, last: last, order: ["descent", "toolchain", "engine", "spec", "csvSHA256"]) { change in
                Self.describe(change, dataFile: csvPath(spec))
            }
        return (result, ExperimentOutcome(trained: true, reason: "redone: \(why)", seconds: elapsed()))
    }

    /// A CSV dataset's path as the lesson writes it.
    static func csvPath(_ spec: ExperimentSpec) -> String? {
        guard case let .csv(path, _, _, _)? = spec.data?.source else { return nil }
        return path
    }

    /// The sentence for a changed part of a training key that is not the spec's own values.
    static func describe(_ change: KeyPart, dataFile: String?) -> String? {
        switch change.path.first {
        case "engine": return "written by another training engine (version \(change.oldText) → \(change.newText))"
        case "csvSHA256": return "data file \(dataFile ?? "of its `data:`") changed"
        default: return CacheRecord.identityChange(change, writer: "written")
        }
    }

    /// Fills in each contour figure's loss grid and each gradient-variance figure's
    /// measurements, from the cache or evaluated (all on one problem); the ids of the figures
    /// whose analysis was evaluated.
    @discardableResult
    static func evaluateGrids(_ result: inout ExperimentResult, cache: ResultCache) throws(BuildProblem) -> [String] {
        var missing: [(figure: FigureSpec, key: String)] = []
        for figure in result.spec.figures {
            guard let key = CacheKey.analysis(training: result.cacheKey, figure: figure) else { continue }
            if case .gradientVariance = figure.kind, let variances = cache.variances(key) {
                result.variances[figure.id] = variances
            } else if case .contour = figure.kind, let grid = cache.grid(key) {
                result.grids[figure.id] = grid
            } else {
                missing.append((figure, key))
            }
        }
        guard !missing.isEmpty else { return [] }
        let analyses = try wrapping(result.spec) { try withProblem(result.spec, Analyses(figures: missing.map(\.figure), result: result)) }
        for (figure, key) in missing {
            switch analyses[figure.id] {
            case let .grid(grid)?:
                result.grids[figure.id] = grid
                cache.store(grid, key: key)
            case let .variances(variances)?:
                result.variances[figure.id] = variances
                cache.store(variances, key: key)
            case nil:
                break
            }
        }
        return missing.map(\.figure.id)
    }

    /// Trains every run of the spec.
    static func train(_ spec: ExperimentSpec) throws(BuildProblem) -> ExperimentResult {
        try wrapping(spec) {
            let (logs, sampleCount) = try withProblem(spec, TrainRuns(spec: spec))
            var minima: [[Double]] = []
            if case let .surface(function, noise) = spec.model {
                minima = try Surface(function, gradientNoise: noise).minima.map { [$0.x, $0.y] }
            }
            return ExperimentResult(spec: spec, logs: logs, grids: [:], minima: minima, sampleCount: sampleCount)
        }
    }

    /// `body`'s result, with whatever it throws turned into a build problem of the experiment.
    private static func wrapping<T>(_ spec: ExperimentSpec, _ body: () throws -> T) throws(BuildProblem) -> T {
        do {
            return try body()
        } catch let problem as BuildProblem {
            throw problem
        } catch let error as TrainingError {
            throw .training(error, experiment: spec.id, run: nil, at: spec.location)
        } catch {
            throw .training(.invalidValue(name: "experiment", value: "\(error)", allowed: "valid"), experiment: spec.id, run: nil, at: spec.location)
        }
    }

    /// Builds the experiment's problem (its data generated or read once, its model made) and
    /// its starting parameters, and hands both to `visitor`, typed for the concrete problem.
    static func withProblem<Visitor: ProblemVisitor>(_ spec: ExperimentSpec, _ visitor: Visitor) throws -> Visitor.Output {
        switch spec.model {
        case let .surface(function, noise):
            let surface = try Surface(function, gradientNoise: noise)
            return try visitor.visit(surface, initial: initialParameters(spec) { _ in [0, 0] })
        case let .linear(kind):
            let (training, validation) = try datasets(spec)
            let model = try LinearModel(kind: kind, inputs: training.featureCount, classes: spec.data?.classCount)
            let initial = initialParameters(spec) { _ in [Double](repeating: 0, count: model.parameterCount) }
            return try visitor.visit(try problem(model, spec: spec, training: training, validation: validation), initial: initial)
        case let .mlp(hidden, activation):
            let (training, validation) = try datasets(spec)
            let classes = spec.data?.classCount
            let link = spec.model.outputLink(classCount: classes) ?? .identity
            let model = try MLP(inputs: training.featureCount, hidden: hidden, outputs: link == .softmax ? classes ?? 1 : 1, activation: activation, link: link)
            let initial = initialParameters(spec) { random in model.defaultInitialization(random: &random) }
            return try visitor.visit(try problem(model, spec: spec, training: training, validation: validation), initial: initial)
        }
    }

    private static func problem<M: Model>(_ model: M, spec: ExperimentSpec, training: Dataset, validation: Dataset?) throws -> SupervisedProblem<M> {
        try SupervisedProblem(model: model, loss: spec.loss ?? .mse, reduction: spec.reduction, training: training, validation: validation)
    }

    /// The training and validation sets the spec describes, split and standardised.
    static func datasets(_ spec: ExperimentSpec) throws -> (Dataset, Dataset?) {
        guard let data = spec.data else {
            throw TrainingError.invalidValue(name: "data", value: "missing", allowed: "a dataset for the \(spec.model.name) model")
        }
        var dataset: Dataset
        switch data.source {
        case let .generated(source):
            dataset = try source.make(seed: data.seed)
        case let .csv(path, file, features, target):
            guard case let .success(bytes) = LessonFiles.read(URL(fileURLWithPath: file), inside: nil), let text = String(data: bytes, encoding: .utf8) else {
                throw TrainingError.invalidValue(name: "path", value: "`\(path)`, which can no longer be read", allowed: "a readable UTF-8 CSV file inside `lessons/`")
            }
            dataset = try CSVData.dataset(from: text, features: features, target: target, classification: data.classCount != nil)
        }
        var validation: Dataset?
        if let fraction = data.validation {
            (dataset, validation) = try dataset.split(validationFraction: fraction, seed: data.seed)
        }
        if data.standardize {
            // The training samples' statistics scale both sets, as a model would see new data.
            let (mean, deviation) = dataset.featureStatistics()
            dataset = dataset.standardized(mean: mean, deviation: deviation)
            validation = validation?.standardized(mean: mean, deviation: deviation)
        }
        return (dataset, validation)
    }

    /// The starting parameters the spec asks for; `defaults` gives the model's own.
    static func initialParameters(_ spec: ExperimentSpec, defaults: (inout SeededGenerator) -> [Double]) -> [Double] {
        var random = SeededGenerator(seed: spec.seed, stream: Streams.initialization)
        switch spec.initialization {
        case .modelDefault:
            return defaults(&random)
        case .zeros:
            return [Double](repeating: 0, count: spec.parameterNames.count)
        case let .normal(deviation):
            return spec.parameterNames.map { _ in deviation * random.normal() }
        case let .values(values):
            var parameters = defaults(&random)
            for (index, name) in spec.parameterNames.enumerated() {
                if let value = values[name] { parameters[index] = value }
            }
            return parameters
        }
    }

    /// A span around the runs' paths of one parameter, the start and the known minima,
    /// widened by a fifth on each side. A diverged run's path would stretch the view until
    /// nothing else shows, so its values count only within ten spans of the rest.
    static func fittedRange(_ logs: [TrainingLog], index: Int, initial: [Double], minima: [Double]) -> ClosedRange<Double> {
        // Values are kept within ±1e300 so that spans and margins below cannot overflow.
        let limit = 1e300
        func bounded(_ values: [Double]) -> [Double] { values.filter(\.isFinite).map { min(max($0, -limit), limit) } }
        var kept = bounded((initial.indices.contains(index) ? [initial[index]] : []) + minima)
        var wild: [Double] = []
        for log in logs {
            let path = bounded((log.trace.values(ofParameter: index) ?? []) + (log.finalParameters.indices.contains(index) ? [log.finalParameters[index]] : []))
            if log.divergedAtStep != nil || log.unboundedAtStep != nil {
                wild += path
            } else {
                kept += path
            }
        }
        var low = kept.min() ?? -1, high = kept.max() ?? 1
        let span = max(high - low, 1e-3 * max(1, abs(high)), 0.5)
        for value in wild where value >= low - 10 * span && value <= high + 10 * span {
            low = min(low, value)
            high = max(high, value)
        }
        let margin = max(high - low, span) * 0.2
        return (low - margin)...(high + margin)
    }
}

/// Something done with an experiment's training problem, compiled for its concrete type.
protocol ProblemVisitor {
    associatedtype Output
    func visit<Problem: TrainingProblem>(_ problem: Problem, initial: [Double]) throws -> Output
}

/// Trains every run of the spec from the same starting parameters.
struct TrainRuns: ProblemVisitor {
    let spec: ExperimentSpec

    func visit<Problem: TrainingProblem>(_ problem: Problem, initial: [Double]) throws -> (logs: [TrainingLog], sampleCount: Int) {
        let budget: TrainingConfiguration.Budget
        switch spec.budget {
        case let .epochs(count): budget = .epochs(count)
        case let .steps(count): budget = .steps(count)
        }
        // Contour paths need the plotted parameters kept at every recorded step, and a
        // learning-rate figure the rates of those it names.
        let contourIndices = Set(spec.figures.flatMap { figure -> [Int] in
            switch figure.kind {
            case let .contour(parameters, _, _), let .learningRate(_, _, parameters?):
                return parameters.compactMap { spec.parameterNames.firstIndex(of: $0) }
            default:
                return []
            }
        })
        let traced: [Int]? = spec.parameterNames.count <= 64 ? nil : contourIndices.sorted()
        var logs: [TrainingLog] = []
        for run in spec.runs {
            do {
                let configuration = try TrainingConfiguration(batch: run.batch, budget: budget, tolerance: spec.tolerance, seed: spec.seed, tracedParameters: traced)
                logs.append(try Trainer.train(problem, from: initial, optimizer: run.optimizer, configuration: configuration))
            } catch let error as TrainingError {
                throw BuildProblem.training(error, experiment: spec.id, run: run.label, at: spec.location)
            }
        }
        return (logs, problem.sampleCount)
    }
}

/// What a figure needs computed from the trained results.
enum Analysis {
    case grid(LossGrid)
    case variances([GradientVariance])
}

/// Evaluates, on one problem, the contour grids and gradient variances of `figures`.
struct Analyses: ProblemVisitor {
    let figures: [FigureSpec]
    let result: ExperimentResult

    func visit<Problem: TrainingProblem>(_ problem: Problem, initial: [Double]) throws -> [String: Analysis] {
        let spec = result.spec
        var analyses: [String: Analysis] = [:]
        for figure in figures {
            switch figure.kind {
            case let .contour(parameters, ranges, resolution):
                // The loss over two parameters, the others held at the first run's final values.
                guard let xIndex = spec.parameterNames.firstIndex(of: parameters[0]),
                      let yIndex = spec.parameterNames.firstIndex(of: parameters[1]),
                      let base = result.logs.first?.finalParameters
                else { continue }
                let minima = { (index: Int) in result.minima.map { $0[min(index, $0.count - 1)] } }
                let xRange = ranges[parameters[0]] ?? ExperimentRunner.fittedRange(result.logs, index: xIndex, initial: initial, minima: minima(xIndex))
                let yRange = ranges[parameters[1]] ?? ExperimentRunner.fittedRange(result.logs, index: yIndex, initial: initial, minima: minima(yIndex))
                analyses[figure.id] = .grid(try LossGrid.evaluate(
                    problem, base: base, xIndex: xIndex, yIndex: yIndex, xRange: xRange, yRange: yRange,
                    columns: resolution, rows: resolution))
            case let .gradientVariance(at, sizes, trials):
                let point = at == .end ? (result.logs.first?.finalParameters ?? initial) : initial
                let n = problem.sampleCount
                // Powers of two up to the whole training set, which has no variance at all.
                let batchSizes = (sizes ?? (Array(sequence(first: 1, next: { $0 * 2 }).prefix { $0 < n }) + [n])).filter { $0 <= n }
                analyses[figure.id] = .variances(try GradientVariance.measure(problem, at: point, batchSizes: batchSizes, trials: trials, seed: spec.seed))
            default:
                continue
            }
        }
        return analyses
    }
}
