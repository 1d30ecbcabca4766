import Foundation
import Training
import Yams

/// What the parser learnt of an experiment's data, beyond the spec itself.
struct ParsedData {
    var spec: DataSpec
    var sampleCount: Int
    var classCount: Int? { spec.classCount }
}

extension ExperimentParser {
    static let modelNames = ["linear", "logistic", "softmax", "sigmoid-neuron", "mlp", "surface"]
    static let surfaceFunctions = ["quadratic", "rosenbrock", "beale", "himmelblau", "saddle", "booth", "six-hump-camel"]
    static let dataKinds = ["linear", "blobs", "moons", "circles", "spirals", "xor", "points", "csv"]

    // MARK: Model

    mutating func parseModel(_ node: Node) -> ModelSpec? {
        if node.string != nil {
            guard let name = reader.choice(node, key: "model", from: Self.modelNames) else { return nil }
            return model(named: name, options: nil, node: node)
        }
        guard let kindNode = reader.fields(node, context: "the model", allowed: ["kind"] + Self.modelOptionKeys)?.required("kind", reader: &reader),
              let name = reader.choice(kindNode, key: "kind", from: Self.modelNames)
        else { return nil }
        return model(named: name, options: reader.fields(node, context: "the \(name) model", allowed: ["kind"] + Self.modelOptions(name)), node: node)
    }

    static let modelOptionKeys = ["function", "a", "b", "gradient_noise", "hidden", "activation"]

    static func modelOptions(_ name: String) -> [String] {
        switch name {
        case "surface": return ["function", "a", "b", "gradient_noise"]
        case "mlp": return ["hidden", "activation"]
        default: return []
        }
    }

    private mutating func model(named name: String, options: Fields?, node: Node) -> ModelSpec? {
        switch name {
        case "surface":
            guard let options else {
                reader.report(.missingKey(key: "function", context: "the surface model (write `{kind: surface, function: quadratic, a: 1, b: 2}`)"), at: node)
                return nil
            }
            guard let functionNode = options.required("function", reader: &reader),
                  let function = reader.choice(functionNode, key: "function", from: Self.surfaceFunctions)
            else { return nil }
            let noise = options["gradient_noise"].flatMap { reader.double($0, key: "gradient_noise", allowed: "a number ≥ 0", where: { $0 >= 0 && $0.isFinite }) } ?? 0
            let takesCoefficients = function == "quadratic" || function == "rosenbrock"
            if !takesCoefficients {
                for key in ["a", "b"] {
                    if let extra = options[key] {
                        reader.report(.invalidValue(key: key, value: "given for \(function)", allowed: "left out: only quadratic and rosenbrock take coefficients"), at: extra)
                    }
                }
            }
            let defaults: (Double, Double) = function == "rosenbrock" ? (1, 100) : (1, 1)
            let a = options["a"].flatMap { reader.double($0, key: "a", allowed: "a finite number") } ?? defaults.0
            let b = options["b"].flatMap { reader.double($0, key: "b", allowed: "a finite number") } ?? defaults.1
            let surface: Surface.Function
            switch function {
            case "quadratic": surface = .quadratic(a: a, b: b)
            case "rosenbrock": surface = .rosenbrock(a: a, b: b)
            case "beale": surface = .beale
            case "himmelblau": surface = .himmelblau
            case "saddle": surface = .saddle
            case "booth": surface = .booth
            default: surface = .sixHumpCamel
            }
            return .surface(surface, gradientNoise: noise)
        case "mlp":
            let hidden = options?["hidden"].flatMap { node -> [Int]? in
                guard let items = reader.sequence(node, key: "hidden") else { return nil }
                let widths = items.compactMap { reader.int($0, key: "hidden", in: 1...1024, allowed: "a layer width from 1 to 1024") }
                guard widths.count == items.count else { return nil }
                guard (1...16).contains(widths.count) else {
                    reader.report(.invalidValue(key: "hidden", value: "\(widths.count) layers", allowed: "a list of 1 to 16 layer widths, such as [16, 16]"), at: node)
                    return nil
                }
                return widths
            } ?? [16, 16]
            let activation = options?["activation"].flatMap { reader.choice($0, key: "activation", from: Activation.allCases.map(\.rawValue)) }.flatMap(Activation.init) ?? .tanh
            return .mlp(hidden: hidden, activation: activation)
        default:
            return LinearModel.Kind(rawValue: name).map(ModelSpec.linear)
        }
    }

    /// The model's parameter names for its data (the feature and class counts shape it).
    mutating func resolveParameterNames(of model: ModelSpec, data: ParsedData?, at node: Node?) -> [String]? {
        switch model {
        case .surface:
            return Surface.parameterNames
        case let .linear(kind):
            guard let data else { return nil }
            return reader.accept(node) {
                try LinearModel(kind: kind, inputs: data.spec.featureCount, classes: data.classCount).parameterNames
            }
        case let .mlp(hidden, activation):
            guard let data, let link = outputLink(model, data: data) else { return nil }
            let outputs = link == .softmax ? data.classCount ?? 1 : 1
            return reader.accept(node) {
                try MLP(inputs: data.spec.featureCount, hidden: hidden, outputs: outputs, activation: activation, link: link).parameterNames
            }
        }
    }

    // MARK: Data

    mutating func parseData(_ fields: Fields, model: ModelSpec?, seed: UInt64) -> ParsedData? {
        guard let model else { return nil }
        if model.isSurface {
            if let node = fields["data"] {
                reader.report(.invalidValue(key: "data", value: "given for a surface", allowed: "left out: a surface has no data"), at: node)
            }
            return nil
        }
        guard let node = fields.required("data", reader: &reader),
              let data = reader.fields(node, context: "data", allowed: ["kind", "seed", "validation", "standardize"] + Self.dataOptionKeys),
              let kindNode = data.required("kind", reader: &reader),
              let kind = reader.choice(kindNode, key: "kind", from: Self.dataKinds),
              let options = reader.fields(node, context: "\(kind) data", allowed: ["kind", "seed", "validation", "standardize"] + Self.dataOptions(kind))
        else { return nil }
        let dataSeed = options["seed"].flatMap { reader.int($0, key: "seed", in: 0...Int.max) }.map(UInt64.init) ?? seed
        let validation = options["validation"].flatMap { reader.double($0, key: "validation", allowed: "a fraction between 0 and 1 (exclusive)", where: { $0 > 0 && $0 < 1 }) }
        let standardize = options["standardize"].flatMap { reader.bool($0, key: "standardize") } ?? false
        func count(_ key: String, _ fallback: Int, _ range: ClosedRange<Int>) -> Int {
            options[key].flatMap { reader.int($0, key: key, in: range) } ?? fallback
        }
        func number(_ key: String, _ fallback: Double, _ allowed: String = "a number ≥ 0", _ isValid: @escaping (Double) -> Bool = { $0 >= 0 && $0.isFinite }) -> Double {
            options[key].flatMap { reader.double($0, key: key, allowed: allowed, where: isValid) } ?? fallback
        }
        let samples = count("n", kind == "blobs" || kind == "spirals" ? 300 : 200, 2...DataSource.maximumSamples)
        let source: DataSpec.Source
        let featureCount: Int
        var classCount: Int?
        var sampleCount = samples
        switch kind {
        case "linear":
            let features = count("features", 1, 1...64)
            let weights = options["weights"].flatMap { reader.doubles($0, key: "weights", allowed: "a finite number") } ?? [Double](repeating: 1, count: features)
            if weights.count != features, let weightsNode = options["weights"] {
                reader.report(.invalidValue(key: "weights", value: "\(weights.count) numbers", allowed: "one number per feature (\(features))"), at: weightsNode)
            }
            source = .generated(.linear(samples: samples, features: features, weights: weights, bias: number("bias", 0, "a finite number", { $0.isFinite }), noise: number("noise", 0.1)))
            featureCount = features
        case "blobs":
            let centers = count("centers", 3, 2...32)
            let features = count("features", 2, 1...64)
            source = .generated(.blobs(samples: samples, centers: centers, features: features, spread: number("spread", 1, "a number greater than 0", { $0 > 0 && $0.isFinite }), box: number("box", 5, "a number greater than 0", { $0 > 0 && $0.isFinite })))
            (featureCount, classCount) = (features, centers)
        case "moons":
            source = .generated(.moons(samples: samples, noise: number("noise", 0.1)))
            (featureCount, classCount) = (2, 2)
        case "circles":
            let factor = number("factor", 0.5, "a number between 0 and 1 (exclusive)", { $0 > 0 && $0 < 1 })
            source = .generated(.circles(samples: samples, noise: number("noise", 0.05), factor: factor))
            (featureCount, classCount) = (2, 2)
        case "spirals":
            let arms = count("arms", 3, 2...8)
            source = .generated(.spirals(samples: samples, arms: arms, noise: number("noise", 0.1)))
            (featureCount, classCount) = (2, arms)
        case "xor":
            source = .generated(.xor(samples: samples, noise: number("noise", 0.1)))
            (featureCount, classCount) = (2, 2)
        case "points":
            guard let parsed = parsePoints(options, model: model) else { return nil }
            source = .generated(.points(features: parsed.rows, targets: parsed.targets, classification: parsed.classes != nil))
            (featureCount, classCount, sampleCount) = (parsed.rows.first?.count ?? 1, parsed.classes, parsed.targets.count)
        default:
            guard let parsed = parseCSV(options, model: model) else { return nil }
            source = parsed.source
            (featureCount, classCount, sampleCount) = (parsed.featureCount, parsed.classes, parsed.samples)
        }
        if let validation, Int((Double(sampleCount) * validation).rounded()) < 1 || Int((Double(sampleCount) * validation).rounded()) >= sampleCount {
            reader.report(.invalidValue(key: "validation", value: "\(Self.shortest(validation)) of \(sampleCount) samples", allowed: "a fraction that leaves at least one sample on each side"), at: options["validation"])
        }
        let spec = DataSpec(source: source, validation: validation, standardize: standardize, seed: dataSeed, featureCount: featureCount, classCount: classCount)
        return ParsedData(spec: spec, sampleCount: sampleCount)
    }

    static let dataOptionKeys = ["n", "noise", "features", "weights", "bias", "centers", "spread", "box", "factor", "arms", "x", "y", "classes", "path", "target"]

    static func dataOptions(_ kind: String) -> [String] {
        switch kind {
        case "linear": return ["n", "features", "weights", "bias", "noise"]
        case "blobs": return ["n", "centers", "features", "spread", "box"]
        case "moons", "xor": return ["n", "noise"]
        case "circles": return ["n", "noise", "factor"]
        case "spirals": return ["n", "arms", "noise"]
        case "points": return ["x", "y", "classes"]
        default: return ["path", "features", "target", "classes"]
        }
    }

    /// Whether targets are class labels: `classes:` when given, else whole numbers ≥ 0 for a
    /// model that is not plain linear regression.
    private mutating func classCount(of targets: [Double], options: Fields, model: ModelSpec) -> Int? {
        let labels = targets.allSatisfy { $0 >= 0 && $0 == $0.rounded() && $0 < 1000 }
        let classification: Bool
        if let node = options["classes"] {
            classification = reader.bool(node, key: "classes") ?? false
            if classification, !labels {
                reader.report(.invalidValue(key: "y", value: "not all whole numbers ≥ 0", allowed: "class labels 0, 1, … when `classes: true`"), at: options["y"] ?? node)
            }
        } else {
            classification = labels && model != .linear(.linear)
        }
        guard classification, labels else { return nil }
        return max(2, Int(targets.max() ?? 1) + 1)
    }

    private mutating func parsePoints(_ options: Fields, model: ModelSpec) -> (rows: [[Double]], targets: [Double], classes: Int?)? {
        guard let xNode = options.required("x", reader: &reader), let yNode = options.required("y", reader: &reader),
              let xItems = reader.sequence(xNode, key: "x"), let targets = reader.doubles(yNode, key: "y", allowed: "a finite number")
        else { return nil }
        var rows: [[Double]] = []
        for item in xItems {
            if case .sequence = item {
                guard let row = reader.doubles(item, key: "x", allowed: "a finite number") else { return nil }
                rows.append(row)
            } else {
                guard let value = reader.double(item, key: "x", allowed: "a finite number") else { return nil }
                rows.append([value])
            }
        }
        guard !rows.isEmpty, rows.count == targets.count else {
            reader.report(.invalidValue(key: "y", value: "\(targets.count) targets for \(rows.count) samples", allowed: "one target per sample of `x`"), at: yNode)
            return nil
        }
        guard let width = rows.first?.count, width >= 1, rows.allSatisfy({ $0.count == width }) else {
            reader.report(.invalidValue(key: "x", value: "rows of different lengths", allowed: "the same number of features in every sample"), at: xNode)
            return nil
        }
        return (rows, targets, classCount(of: targets, options: options, model: model))
    }

    private mutating func parseCSV(_ options: Fields, model: ModelSpec) -> (source: DataSpec.Source, featureCount: Int, classes: Int?, samples: Int)? {
        guard let pathNode = options.required("path", reader: &reader), let path = reader.string(pathNode, key: "path"),
              let featuresNode = options.required("features", reader: &reader), let featureItems = reader.sequence(featuresNode, key: "features"),
              let targetNode = options.required("target", reader: &reader), let target = reader.string(targetNode, key: "target")
        else { return nil }
        let features = featureItems.compactMap { reader.string($0, key: "features") }
        guard features.count == featureItems.count, !features.isEmpty else {
            if featureItems.isEmpty {
                reader.report(.invalidValue(key: "features", value: "an empty list", allowed: "a list of at least one column name"), at: featuresNode)
            }
            return nil
        }
        guard let directory = context.lessonDirectory, let root = context.lessonsRoot else {
            reader.report(.invalidValue(key: "path", value: "`\(path)`", allowed: "a file next to a lesson read from disk"), at: pathNode)
            return nil
        }
        guard !path.isEmpty else {
            reader.report(.invalidValue(key: "path", value: "empty", allowed: "the CSV file's path relative to the lesson"), at: pathNode)
            return nil
        }
        let file = directory.appendingPathComponent(path).standardizedFileURL
        guard !path.hasPrefix("/") else {
            reader.report(.fileUnreadable(path: path, problem: "is an absolute path", advice: "put the file inside `lessons/` and give its path relative to the lesson"), at: pathNode)
            return nil
        }
        let data: Data
        switch LessonFiles.read(file, inside: root) {
        case let .success(bytes): data = bytes
        case let .failure(problem):
            reader.report(.fileUnreadable(path: path, problem: problem.problem, advice: problem.advice), at: pathNode)
            return nil
        }
        guard let text = String(data: data, encoding: .utf8) else {
            reader.report(.fileUnreadable(path: path, problem: "is not UTF-8 text", advice: "save the CSV file with UTF-8 encoding"), at: pathNode)
            return nil
        }
        guard let dataset = reader.accept(pathNode, { try CSVData.dataset(from: text, features: features, target: target, classification: false) }) else { return nil }
        let classes = classCount(of: dataset.targets, options: options, model: model)
        return (.csv(path: path, file: LessonFiles.realPath(file) ?? file.path, features: features, target: target), features.count, classes, dataset.sampleCount)
    }
}
