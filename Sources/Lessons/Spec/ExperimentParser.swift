import Training
import Yams

/// Turns the YAML of an `experiment` block into a validated `ExperimentSpec`.
struct ExperimentParser {
    static let keys = ["id", "title", "model", "init", "epochs", "steps", "seed", "runs", "figures"]
    static let surfaceFunctions = ["quadratic"]
    static let optimizers = ["gd"]
    static let figureKinds = ["loss"]
    static let maximumBudget = 1_000_000

    /// Parses `yaml`, whose first line is line `lineOffset + 1` of the file. Problems go to
    /// `reader`; the spec is returned only when there are none.
    static func parse(_ yaml: String, fence: SourceLocation, reader: inout SpecReader) -> ExperimentSpec? {
        let before = reader.diagnostics.count
        guard let root = reader.compose(yaml) else {
            if reader.diagnostics.count == before {
                reader.report(.missingKey(key: "id", context: "the experiment"), at: fence)
            }
            return nil
        }
        guard let fields = reader.fields(root, context: "the experiment", allowed: keys) else { return nil }

        let id = fields.required("id", reader: &reader).flatMap { node -> String? in
            guard let id = reader.string(node, key: "id") else { return nil }
            let valid = !id.isEmpty && id.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
            if !valid {
                reader.report(.invalidValue(key: "id", value: "`\(id)`", allowed: "lower-case letters, digits and hyphens, such as `learning-rates`"), at: node)
                return nil
            }
            return id
        }
        let title = fields["title"].flatMap { reader.string($0, key: "title") }
        let model = fields.required("model", reader: &reader).flatMap { parseModel($0, reader: &reader) }
        let initialValues = parseInit(fields["init"], model: model, fields: fields, reader: &reader)
        let budget = parseBudget(fields, reader: &reader)
        let seed = fields["seed"].flatMap { reader.int($0, key: "seed", in: 0...Int.max, allowed: "a whole number ≥ 0") }.map(UInt64.init) ?? 0
        let runs = fields.required("runs", reader: &reader).flatMap { parseRuns($0, reader: &reader) }
        let figures = fields["figures"].flatMap { parseFigures($0, experimentID: id ?? "experiment", reader: &reader) } ?? []

        guard reader.diagnostics.count == before, let id, let model, let initialValues, let budget, let runs else {
            return nil
        }
        return ExperimentSpec(
            id: id, title: title, model: model, initialValues: initialValues, budget: budget, seed: seed,
            runs: runs, figures: figures, source: yaml, location: fence)
    }

    private static func parseModel(_ node: Node, reader: inout SpecReader) -> ModelSpec? {
        guard case .mapping = node else {
            if let name = node.string, name == "surface" {
                reader.report(.missingKey(key: "function", context: "the surface model"), at: node)
            } else {
                _ = reader.choice(node, key: "model", from: ["surface"])
            }
            return nil
        }
        guard let fields = reader.fields(node, context: "the model", allowed: ["kind", "function", "a", "b"]) else { return nil }
        guard let kindNode = fields.required("kind", reader: &reader), reader.choice(kindNode, key: "kind", from: ["surface"]) != nil else {
            return nil
        }
        guard let functionNode = fields.required("function", reader: &reader),
              reader.choice(functionNode, key: "function", from: surfaceFunctions) != nil
        else { return nil }
        let a = fields["a"].flatMap { reader.double($0, key: "a", allowed: "a finite number") } ?? 1
        let b = fields["b"].flatMap { reader.double($0, key: "b", allowed: "a finite number") } ?? 1
        return .surface(.quadratic(a: a, b: b))
    }

    private static func parseInit(_ node: Node?, model: ModelSpec?, fields: Fields, reader: inout SpecReader) -> [String: Double]? {
        guard let model else { return nil }
        let names = model.parameterNames
        guard let node else {
            reader.report(.missingKey(key: "init", context: "an experiment on a surface (the starting point, such as `{x: -5, y: -2}`)"), at: fields.node)
            return nil
        }
        guard let values = reader.fields(node, context: "init", allowed: names) else { return nil }
        var result: [String: Double] = [:]
        for name in names {
            guard let valueNode = values.required(name, reader: &reader) else { continue }
            if let value = reader.double(valueNode, key: name, allowed: "a finite number") {
                result[name] = value
            }
        }
        return result.count == names.count ? result : nil
    }

    private static func parseBudget(_ fields: Fields, reader: inout SpecReader) -> Budget? {
        let allowed = "a whole number from 1 to \(maximumBudget)"
        switch (fields["epochs"], fields["steps"]) {
        case let (epochs?, nil):
            return reader.int(epochs, key: "epochs", in: 1...maximumBudget, allowed: allowed).map(Budget.epochs)
        case let (nil, steps?):
            return reader.int(steps, key: "steps", in: 1...maximumBudget, allowed: allowed).map(Budget.steps)
        case (_?, let steps?):
            reader.report(.invalidValue(key: "steps", value: "given together with `epochs`", allowed: "left out when `epochs` is given; keep one of the two"), at: steps)
            return nil
        case (nil, nil):
            reader.report(.missingKey(key: "epochs", context: "the experiment (or `steps`)"), at: fields.node)
            return nil
        }
    }

    private static func parseRuns(_ node: Node, reader: inout SpecReader) -> [RunSpec]? {
        guard let items = reader.sequence(node, key: "runs") else { return nil }
        guard !items.isEmpty else {
            reader.report(.invalidValue(key: "runs", value: "an empty list", allowed: "a list of at least one run"), at: node)
            return nil
        }
        var runs: [RunSpec] = []
        var labels: Set<String> = []
        for item in items {
            guard let fields = reader.fields(item, context: "a run", allowed: ["label", "optimizer", "lr"]) else { continue }
            let optimizer = fields["optimizer"].flatMap { reader.choice($0, key: "optimizer", from: optimizers) } ?? "gd"
            guard let lrNode = fields.required("lr", reader: &reader),
                  let lr = reader.double(lrNode, key: "lr", allowed: "a number greater than 0", where: { $0 > 0 && $0.isFinite })
            else { continue }
            let label = fields["label"].flatMap { reader.string($0, key: "label") } ?? "\(optimizer), lr \(Self.shortest(lr))"
            if !labels.insert(label).inserted {
                reader.report(.duplicateRunLabel(label: label), at: fields["label"] ?? item)
                continue
            }
            runs.append(RunSpec(label: label, optimizer: .gd(learningRate: lr)))
        }
        return runs.count == items.count ? runs : nil
    }

    private static func parseFigures(_ node: Node, experimentID: String, reader: inout SpecReader) -> [FigureSpec]? {
        guard let items = reader.sequence(node, key: "figures") else { return nil }
        var figures: [FigureSpec] = []
        for (index, item) in items.enumerated() {
            guard let fields = reader.fields(item, context: "a figure", allowed: ["kind", "id", "x", "y", "caption"]) else { continue }
            guard let kindNode = fields.required("kind", reader: &reader), reader.choice(kindNode, key: "kind", from: figureKinds) != nil else { continue }
            let x = fields["x"].flatMap { reader.choice($0, key: "x", from: FigureSpec.LossAxis.allCases.map(\.rawValue)) }.flatMap(FigureSpec.LossAxis.init) ?? .epoch
            let y = fields["y"].flatMap { reader.choice($0, key: "y", from: FigureSpec.ValueScale.allCases.map(\.rawValue)) }.flatMap(FigureSpec.ValueScale.init) ?? .linear
            let caption = fields["caption"].flatMap { reader.string($0, key: "caption") } ?? ""
            let id = fields["id"].flatMap { reader.string($0, key: "id") } ?? "\(experimentID)-\(index + 1)"
            figures.append(FigureSpec(id: id, kind: .loss(x: x, y: y), caption: caption))
        }
        return figures
    }

    /// A number as a lesson author would write it: 0.1, not 0.10000000000000001.
    static func shortest(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : "\(value)"
    }
}
