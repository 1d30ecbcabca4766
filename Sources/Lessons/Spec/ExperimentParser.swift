import Foundation
import Training
import Yams

/// Turns the YAML of an `experiment` block into a validated `ExperimentSpec`. Every problem is
/// reported with the position of the YAML node it concerns; the spec is returned only when
/// there are none.
struct ExperimentParser {
    static let keys = ["id", "title", "model", "data", "loss", "reduction", "init", "epochs", "steps", "stop", "seed", "runs", "sweep", "figures", "expect"]
    /// The most epochs or steps one run may ask for.
    static let maximumBudget = 1_000_000

    /// Where the lesson lives, for `csv` paths; nil when parsing text that has no file.
    struct Context {
        var lessonDirectory: URL?
        var lessonsRoot: URL?
        /// The interface strings of the lesson's language, for the words a figure's caption adds.
        var strings: InterfaceStrings = .english
    }

    var reader: SpecReader
    let context: Context
    /// The loss terms of the contour figures parsed so far (`Limits.gridWork`).
    var gridWork = 0.0

    /// Parses `yaml`, reporting problems into `reader`.
    static func parse(_ yaml: String, fence: SourceLocation, reader: inout SpecReader, context: Context = Context()) -> ExperimentSpec? {
        var parser = ExperimentParser(reader: reader, context: context)
        let spec = parser.parse(yaml, fence: fence)
        reader = parser.reader
        return spec
    }

    mutating func parse(_ yaml: String, fence: SourceLocation) -> ExperimentSpec? {
        let before = reader.diagnostics.count
        guard let root = reader.compose(yaml) else {
            if reader.diagnostics.count == before {
                reader.report(.missingKey(key: "id", context: "the experiment"), at: fence)
            }
            return nil
        }
        guard let fields = reader.fields(root, context: "the experiment", allowed: Self.keys) else { return nil }

        let id = fields.required("id", reader: &reader).flatMap { node -> String? in
            guard let id = reader.string(node, key: "id") else { return nil }
            guard Self.isIdentifier(id) else {
                reader.report(.invalidValue(key: "id", value: "`\(id)`", allowed: "lower-case letters, digits and hyphens, such as `learning-rates`"), at: node)
                return nil
            }
            return id
        }
        let title = fields["title"].flatMap { reader.string($0, key: "title") }
        let seed = fields["seed"].flatMap { reader.int($0, key: "seed", in: 0...Int.max) }.map(UInt64.init) ?? 0
        let model = fields.required("model", reader: &reader).flatMap { parseModel($0) }
        let data = parseData(fields, model: model, seed: seed)
        let (loss, reduction) = parseLoss(fields, model: model, data: data)
        var parameterNames: [String]?
        if let model { parameterNames = resolveParameterNames(of: model, data: data, at: fields["model"]) }
        let initialization = parseInit(fields, model: model, parameterNames: parameterNames)
        let budget = parseBudget(fields)
        let tolerance = parseStop(fields)
        let drafts = fields.required("runs", reader: &reader).flatMap { parseRuns($0) }
        let parsedSweep = fields["sweep"].flatMap { parseSweep($0) }
        let sweep = parsedSweep?.sweep
        // A sweep that did not parse leaves the labels unknown: no check may guess them.
        let runs = fields["sweep"] != nil && sweep == nil ? nil : drafts.flatMap { expand($0, sweep: parsedSweep) }
        let trainingSamples = data.map { $0.sampleCount - Int((Double($0.sampleCount) * ($0.spec.validation ?? 0)).rounded()) }
        if let runs, let budget, let parameterNames, model?.isSurface == true || data != nil {
            checkLimits(Shape(runs: runs, budget: budget, trainingSamples: trainingSamples ?? 1, allSamples: data?.sampleCount ?? 1, parameters: parameterNames.count, layers: model.map(Self.layerCount) ?? 1), fields: fields)
        }
        let figures = fields["figures"].flatMap { parseFigures($0, experimentID: id ?? "experiment", parameterNames: parameterNames, sweep: sweep, runLabels: runs?.map(\.label) ?? [], model: model, samples: trainingSamples, sweptRuns: runs ?? []) } ?? []
        let measures = Measures(
            validation: (data?.spec.validation ?? 0) > 0,
            accuracy: model.map { !$0.isSurface && outputLink($0, data: data) != .identity },
            layers: model.map(Self.layerCount),
            epochs: { if case let .epochs(count)? = budget { return count } else { return nil } }(),
            surface: model?.isSurface)
        let claims = fields["expect"].flatMap { parseClaims($0, runs: runs ?? [], measures: measures) } ?? []

        guard reader.diagnostics.count == before, let id, let model, let initialization, let budget, let runs, let parameterNames else {
            return nil
        }
        return ExperimentSpec(
            id: id, title: title, model: model, data: data?.spec, loss: loss, reduction: reduction,
            initialization: initialization, budget: budget, tolerance: tolerance, seed: seed, runs: runs,
            sweep: sweep, figures: figures, claims: claims, parameterNames: parameterNames, source: yaml,
            location: fence)
    }

    static func isIdentifier(_ text: String) -> Bool {
        !text.isEmpty && text.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }

    // MARK: Loss, init, budget

    mutating func parseLoss(_ fields: Fields, model: ModelSpec?, data: ParsedData?) -> (Loss?, Reduction) {
        let reduction = fields["reduction"].flatMap { reader.choice($0, key: "reduction", from: Reduction.allCases.map(\.rawValue)) }.flatMap(Reduction.init) ?? .mean
        guard let model else { return (nil, reduction) }
        if model.isSurface {
            for key in ["loss", "reduction"] {
                if let node = fields[key] {
                    reader.report(.invalidValue(key: key, value: "given for a surface", allowed: "left out: a surface's function is its loss"), at: node)
                }
            }
            return (nil, reduction)
        }
        guard let link = outputLink(model, data: data) else { return (nil, reduction) }
        let allowed = Head.losses(for: link)
        guard let node = fields["loss"] else { return (allowed.first, reduction) }
        guard let name = reader.choice(node, key: "loss", from: Loss.allCases.map(\.rawValue)), let loss = Loss(rawValue: name) else { return (nil, reduction) }
        guard allowed.contains(loss) else {
            reader.report(.refused(.lossDoesNotFitModel(loss: name, model: model.name, allowed: allowed.map(\.rawValue))), at: node)
            return (nil, reduction)
        }
        return (loss, reduction)
    }

    /// The link of the model's output, once the data (an MLP's classes) is known.
    func outputLink(_ model: ModelSpec, data: ParsedData?) -> OutputLink? {
        if case .mlp = model, data == nil { return nil }
        return model.outputLink(classCount: data?.classCount)
    }

    mutating func parseInit(_ fields: Fields, model: ModelSpec?, parameterNames: [String]?) -> Initialization? {
        guard let model, let parameterNames else { return nil }
        guard let node = fields["init"] else {
            if model.isSurface {
                reader.report(.missingKey(key: "init", context: "an experiment on a surface (the starting point, such as `{x: -5, y: -2}`)"), at: fields.node)
                return nil
            }
            return .modelDefault
        }
        if let name = node.string {
            guard reader.choice(node, key: "init", from: ["zeros"]) != nil else { return nil }
            _ = name
            if model.isSurface {
                reader.report(.invalidValue(key: "init", value: "`zeros`", allowed: "a starting point such as `{x: -5, y: -2}` for a surface"), at: node)
                return nil
            }
            return .zeros
        }
        guard case let .mapping(mapping) = node else {
            reader.report(.wrongType(key: "init", expected: "`zeros`, `{normal: σ}` or values by parameter name"), at: node)
            return nil
        }
        if mapping.count == 1, let key = mapping.keys.first?.string, key == "normal", let value = mapping.values.first {
            return reader.double(value, key: "normal", allowed: "a standard deviation greater than 0", where: { $0 > 0 && $0.isFinite }).map(Initialization.normal)
        }
        var values: [String: Double] = [:]
        for (keyNode, valueNode) in mapping {
            let name = keyNode.string ?? "(a list or mapping)"
            guard parameterNames.contains(name) else {
                reader.report(.unknownParameter(name: name, model: model.name, allowed: parameterNames), at: keyNode)
                continue
            }
            if let value = reader.double(valueNode, key: name, allowed: "a finite number") { values[name] = value }
        }
        if model.isSurface {
            for name in parameterNames where values[name] == nil && mapping.keys.allSatisfy({ $0.string != name }) {
                reader.report(.missingKey(key: name, context: "init"), at: node)
            }
        }
        return values.count == mapping.count ? .values(values) : nil
    }

    mutating func parseBudget(_ fields: Fields) -> Budget? {
        let allowed = "a whole number from 1 to \(Self.maximumBudget)"
        switch (fields["epochs"], fields["steps"]) {
        case let (epochs?, nil):
            return reader.int(epochs, key: "epochs", in: 1...Self.maximumBudget, allowed: allowed).map(Budget.epochs)
        case let (nil, steps?):
            return reader.int(steps, key: "steps", in: 1...Self.maximumBudget, allowed: allowed).map(Budget.steps)
        case (_?, let steps?):
            reader.report(.invalidValue(key: "steps", value: "given together with `epochs`", allowed: "left out when `epochs` is given; keep one of the two"), at: steps)
            return nil
        case (nil, nil):
            reader.report(.missingKey(key: "epochs", context: "the experiment (or `steps`)"), at: fields.node)
            return nil
        }
    }

    mutating func parseStop(_ fields: Fields) -> Double? {
        guard let node = fields["stop"], let stop = reader.fields(node, context: "stop", allowed: ["tolerance"]) else { return nil }
        return stop.required("tolerance", reader: &reader).flatMap {
            reader.double($0, key: "tolerance", allowed: "a number greater than 0", where: { $0 > 0 && $0.isFinite })
        }
    }

    /// A number as a lesson author would write it: 0.1, not 0.10000000000000001.
    static func shortest(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : "\(value)"
    }
}
