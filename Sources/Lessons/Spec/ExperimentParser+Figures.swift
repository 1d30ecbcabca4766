import Training
import Yams

extension ExperimentParser {
    static let figureKinds = ["loss", "contour", "batch-sizes", "table", "gradient-variance", "hessian", "learning-rate", "gradient-norm", "explore"]
    static let figureKeys = ["kind", "id", "caption", "runs", "x", "y", "y_range", "smooth", "validation", "params", "range", "resolution", "at", "sizes", "trials", "parameters", "by", "view", "default"] + drawingOptionKeys

    static func figureOptions(_ kind: String) -> [String] {
        switch kind {
        case "loss": return ["runs", "x", "y", "y_range", "smooth", "validation"]
        case "contour": return ["runs", "params", "range", "resolution"]
        case "gradient-variance": return ["at", "sizes", "trials"]
        case "learning-rate": return ["runs", "x", "y", "y_range", "parameters"]
        case "gradient-norm": return ["runs", "x", "y", "y_range", "by", "smooth"]
        case "explore": return ["view", "default", "range", "resolution", "y"]
        default: return []
        }
    }

    mutating func parseFigures(_ node: Node, experimentID: String, parameterNames: [String]?, sweep: Sweep?, runLabels: [String], model: ModelSpec?, samples: Int?, sweptRuns: [RunSpec] = []) -> [FigureSpec]? {
        guard let items = reader.sequence(node, key: "figures") else { return nil }
        var figures: [FigureSpec] = []
        for (index, item) in items.enumerated() {
            // The first look finds the kind; the second reports a key that kind does not take, once.
            guard let all = reader.fields(item, context: "a figure", allowed: Self.figureKeys, reportsUnknown: false),
                  let kindNode = all.required("kind", reader: &reader),
                  let kind = reader.choice(kindNode, key: "kind", from: Self.figureKinds),
                  let fields = reader.fields(item, context: "\(LessonsError.article(kind)) \(kind) figure", allowed: ["kind", "id", "caption"] + Self.figureOptions(kind) + Self.drawingOptionKeys)
            else { continue }
            let options = parseDrawingOptions(fields, kind: kind)
            let caption = fields["caption"].flatMap { reader.string($0, key: "caption") } ?? ""
            let id = fields["id"].flatMap { node -> String? in
                guard let id = reader.string(node, key: "id") else { return nil }
                guard Self.isIdentifier(id) else {
                    reader.report(.invalidValue(key: "id", value: "`\(id)`", allowed: "lower-case letters, digits and hyphens, such as `paths`"), at: node)
                    return nil
                }
                return id
            } ?? "\(experimentID)-\(index + 1)"
            let figureKind: FigureSpec.Kind?
            var explore: FigureSpec.Explore?
            switch kind {
            case "loss":
                let x = fields["x"].flatMap { reader.choice($0, key: "x", from: FigureSpec.LossAxis.allCases.map(\.rawValue)) }.flatMap(FigureSpec.LossAxis.init) ?? .epoch
                let y = fields["y"].flatMap { reader.choice($0, key: "y", from: FigureSpec.ValueScale.allCases.map(\.rawValue)) }.flatMap(FigureSpec.ValueScale.init) ?? .linear
                let smooth = parseSmooth(fields)
                let validation = fields["validation"].flatMap { reader.bool($0, key: "validation") } ?? false
                figureKind = .loss(x: x, y: y, smooth: smooth, validation: validation)
            case "contour":
                figureKind = parseContour(fields, parameterNames: parameterNames)
                if case let .contour(_, _, resolution)? = figureKind, let parameterNames {
                    checkGrid(resolution: resolution, samples: samples, parameters: parameterNames.count, at: fields["resolution"] ?? kindNode)
                }
            case "batch-sizes":
                guard sweep?.batchSizes != nil else {
                    reader.report(.figureNeedsSweep(kind: kind), at: kindNode)
                    continue
                }
                figureKind = .batchSizes
            case "gradient-variance":
                guard model.map({ !$0.isSurface }) ?? true else {
                    reader.report(.invalidValue(key: "kind", value: "`gradient-variance` for a surface", allowed: "used with a model that learns from data, whose gradient is an average over samples"), at: kindNode)
                    continue
                }
                let at = fields["at"].flatMap { reader.choice($0, key: "at", from: FigureSpec.VariancePoint.allCases.map(\.rawValue)) }.flatMap(FigureSpec.VariancePoint.init) ?? .start
                let trials = fields["trials"].flatMap { reader.int($0, key: "trials", in: 10...10_000, allowed: "a whole number of batches from 10 to 10000") } ?? 400
                var sizes: [Int]?
                if let node = fields["sizes"], let items = reader.sequence(node, key: "sizes") {
                    let limit = samples ?? DataSource.maximumSamples
                    let values = items.compactMap { reader.int($0, key: "sizes", in: 1...max(1, limit), allowed: "a batch size from 1 to the number of training samples (\(limit))") }
                    if values.count == items.count, !values.isEmpty { sizes = values } else { continue }
                }
                if let parameterNames {
                    checkVariance(samples: samples, parameters: parameterNames.count, sizes: sizes, trials: trials, at: fields["trials"] ?? fields["sizes"] ?? kindNode)
                }
                figureKind = .gradientVariance(at: at, sizes: sizes, trials: trials)
            case "learning-rate", "gradient-norm":
                guard let kind = parseRecordedFigure(kind, fields, parameterNames: parameterNames, model: model) else { continue }
                figureKind = kind
            case "explore":
                guard let parsed = parseExplore(fields, kindNode: kindNode, caption: caption, sweep: sweep, parameterNames: parameterNames, model: model, samples: samples) else { continue }
                figureKind = parsed.kind
                explore = parsed.explore
            case "hessian":
                guard model?.isSurface ?? true else {
                    reader.report(.invalidValue(key: "kind", value: "`hessian` for a model with data", allowed: "used with a surface, whose Hessian Descent knows in closed form"), at: kindNode)
                    continue
                }
                figureKind = .hessian
            default:
                figureKind = .table
            }
            let runs = fields["runs"].flatMap { node -> [String]? in
                guard let items = reader.sequence(node, key: "runs") else { return nil }
                let labels = items.compactMap { item -> String? in
                    guard let label = reader.string(item, key: "runs") else { return nil }
                    if !runLabels.isEmpty, !runLabels.contains(label) {
                        reader.report(.unknownRun(label: label, known: runLabels), at: item)
                        return nil
                    }
                    return label
                }
                return labels.count == items.count && !labels.isEmpty ? labels : nil
            }
            var yRange = fields["y_range"].flatMap { reader.range($0, key: "y_range") }
            if let range = yRange, figureKind?.hasLogValues == true, range.lowerBound <= 0 {
                reader.report(.invalidValue(key: "y_range", value: "[\(Self.shortest(range.lowerBound)), \(Self.shortest(range.upperBound))]", allowed: "a range above 0 on a log axis"), at: fields["y_range"])
                yRange = nil
            }
            if let figureKind {
                // An explore figure's static picture draws the runs at its selected combination.
                let drawn = explore.map { explore in sweptRuns.filter { $0.coordinates == explore.selection }.map(\.label) } ?? runs
                let shown = explore.map { Self.exploreCaption($0, strings: context.strings) } ?? caption
                figures.append(FigureSpec(id: id, kind: figureKind, caption: shown, runs: drawn, yRange: yRange, options: options, explore: explore))
                reader.figureIDLocations.append(reader.location(of: fields["id"] ?? item))
            }
        }
        return figures
    }

    /// A `learning-rate` or `gradient-norm` figure: what the trainer records per update, by
    /// step or epoch, on a log axis unless `y: linear`.
    private mutating func parseRecordedFigure(_ kind: String, _ fields: Fields, parameterNames: [String]?, model: ModelSpec?) -> FigureSpec.Kind? {
        let axes = [FigureSpec.LossAxis.step, .epoch].map(\.rawValue)
        let x = fields["x"].flatMap { reader.choice($0, key: "x", from: axes) }.flatMap(FigureSpec.LossAxis.init) ?? .step
        let y = fields["y"].flatMap { reader.choice($0, key: "y", from: FigureSpec.ValueScale.allCases.map(\.rawValue)) }.flatMap(FigureSpec.ValueScale.init) ?? .log
        if kind == "gradient-norm" {
            let byLayer = fields["by"].flatMap { reader.choice($0, key: "by", from: ["run", "layer"]) }.map { $0 == "layer" } ?? false
            if byLayer, let model, !Self.hasLayers(model) {
                reader.report(.invalidValue(key: "by", value: "`layer` for a \(model.name) model", allowed: "`run`; only an mlp has layers"), at: fields["by"])
                return nil
            }
            return .gradientNorm(x: x, y: y, byLayer: byLayer, smooth: parseSmooth(fields))
        }
        guard let node = fields["parameters"] else { return .learningRate(x: x, y: y, parameters: nil) }
        guard let items = reader.sequence(node, key: "parameters") else { return nil }
        let names = items.compactMap { item -> String? in
            guard let name = reader.string(item, key: "parameters") else { return nil }
            if let parameterNames, !parameterNames.contains(name) {
                reader.report(.unknownParameter(name: name, model: "experiment's", allowed: parameterNames), at: item)
                return nil
            }
            return name
        }
        guard names.count == items.count else { return nil }
        guard !names.isEmpty, names.count <= 8, Set(names).count == names.count else {
            reader.report(.invalidValue(key: "parameters", value: names.isEmpty ? "an empty list" : names.count > 8 ? "\(names.count) names" : "a name given twice",
                                        allowed: "one to eight different parameter names, such as [w1, b]"), at: node)
            return nil
        }
        return .learningRate(x: x, y: y, parameters: names)
    }

    /// `smooth`: the weight of an exponential moving average over per-update values.
    private mutating func parseSmooth(_ fields: Fields) -> Double? {
        fields["smooth"].flatMap { reader.double($0, key: "smooth", allowed: "a weight at least 0 and less than 1, such as 0.9", where: { $0 >= 0 && $0 < 1 }) }
    }

    /// Whether the model's gradient splits into layers (`l<ℓ>.` parameters).
    static func hasLayers(_ model: ModelSpec) -> Bool {
        if case .mlp = model { return true }
        return false
    }

    /// The layers whose gradient norms a run records: an MLP's, else one.
    static func layerCount(_ model: ModelSpec) -> Int {
        if case let .mlp(hidden, _) = model { return hidden.count + 1 }
        return 1
    }

    mutating func parseContour(_ fields: Fields, parameterNames: [String]?) -> FigureSpec.Kind? {
        let resolution = fields["resolution"].flatMap { reader.int($0, key: "resolution", in: 10...400, allowed: "a whole number of grid points from 10 to 400") } ?? 160
        guard let parameterNames else { return nil }
        let parameters: [String]
        if let node = fields["params"] {
            guard let items = reader.sequence(node, key: "params") else { return nil }
            let names = items.compactMap { item -> String? in
                guard let name = reader.string(item, key: "params") else { return nil }
                guard parameterNames.contains(name) else {
                    reader.report(.unknownParameter(name: name, model: "experiment's", allowed: parameterNames), at: item)
                    return nil
                }
                return name
            }
            guard names.count == items.count else { return nil }
            guard names.count == 2, names[0] != names[1] else {
                reader.report(.invalidValue(key: "params", value: "\(names.count == 2 ? "the same parameter twice" : "\(names.count) names")", allowed: "two different parameter names, such as [w, b]"), at: node)
                return nil
            }
            parameters = names
        } else if parameterNames.count == 2 {
            parameters = parameterNames
        } else {
            reader.report(.missingKey(key: "params", context: "a contour figure of a model with \(parameterNames.count) parameters (name two of \(parameterNames.prefix(6).joined(separator: ", "))\(parameterNames.count > 6 ? ", …" : ""))"), at: fields.node)
            return nil
        }
        var ranges: [String: ClosedRange<Double>] = [:]
        if let node = fields["range"], let rangeFields = reader.fields(node, context: "range", allowed: parameters) {
            for name in parameters {
                if let value = rangeFields[name].flatMap({ reader.range($0, key: name) }) { ranges[name] = value }
            }
        }
        return .contour(parameters: parameters, range: ranges, resolution: resolution)
    }

    // MARK: Claims

    static let claimKeys = ["run", "final_loss", "validation_loss", "accuracy", "diverged", "unbounded", "reaches", "lower_than", "loss_at", "learning_rate", "gradient_norm"]

    /// What a run will measure, known before training: claims on anything else are refused
    /// by `validate` as by `build`. `accuracy` is nil while the model is unknown.
    struct Measures {
        var validation: Bool
        var accuracy: Bool?
        /// The layers whose gradient norms are recorded; nil while the model is unknown.
        var layers: Int? = nil
        /// The epochs every run trains for, when the budget is in epochs.
        var epochs: Int?
        /// Whether the model is a surface, the only loss that can fall without bound; nil
        /// while the model is unknown.
        var surface: Bool?
    }

    mutating func parseClaims(_ node: Node, runs: [RunSpec], measures: Measures = Measures(validation: true, accuracy: nil)) -> [Claim]? {
        guard let items = reader.sequence(node, key: "expect") else { return nil }
        let labels = runs.map(\.label)
        var claims: [Claim] = []
        for item in items {
            guard let fields = reader.fields(item, context: "a claim", allowed: Self.claimKeys),
                  let runNode = fields.required("run", reader: &reader),
                  let run = reader.string(runNode, key: "run")
            else { continue }
            if !labels.isEmpty, !labels.contains(run) {
                reader.report(.unknownRun(label: run, known: labels), at: runNode)
                continue
            }
            let checks = Self.claimKeys.dropFirst().filter { fields[$0] != nil }
            guard checks.count == 1, let key = checks.first, let checkNode = fields[key] else {
                reader.report(.invalidValue(key: "expect", value: checks.isEmpty ? "a claim with nothing to check" : "a claim checking \(checks.joined(separator: " and "))",
                                            allowed: "one check per claim: " + Self.claimKeys.dropFirst().joined(separator: ", ")), at: item)
                continue
            }
            if key == "validation_loss", !measures.validation {
                reader.report(.claimUnmeasured(key: key, reason: "the experiment has no validation set", advice: "add `validation: 0.2` to `data`"), at: checkNode)
                continue
            }
            if key == "accuracy", measures.accuracy == false {
                reader.report(.claimUnmeasured(key: key, reason: "the model is a regression, which measures no accuracy", advice: "claim `final_loss` instead"), at: checkNode)
                continue
            }
            if key == "unbounded", measures.surface == false {
                reader.report(.claimUnmeasured(key: key, reason: "only a surface's loss can fall without bound, and this model's loss is never below 0", advice: "claim `diverged` or `final_loss` instead"), at: checkNode)
                continue
            }
            let check: Claim.Check?
            switch key {
            case "final_loss": check = parseBound(checkNode, key: key).map(Claim.Check.finalLoss)
            case "validation_loss": check = parseBound(checkNode, key: key).map(Claim.Check.validationLoss)
            case "accuracy": check = parseBound(checkNode, key: key).map(Claim.Check.accuracy)
            case "diverged": check = reader.bool(checkNode, key: key).map(Claim.Check.diverged)
            case "unbounded": check = reader.bool(checkNode, key: key).map(Claim.Check.unbounded)
            case "loss_at":
                guard let at = reader.fields(checkNode, context: "loss_at", allowed: ["epoch", "below", "above"]),
                      let epoch = at.required("epoch", reader: &reader).flatMap({ claimEpoch($0, measures: measures) }),
                      let bound = parseBound(at, key: key)
                else { continue }
                check = .lossAt(epoch: epoch, bound: bound)
            case "reaches":
                guard let reach = reader.fields(checkNode, context: "reaches", allowed: ["loss", "within"]),
                      let loss = reach.required("loss", reader: &reader).flatMap({ reader.double($0, key: "loss", allowed: "a finite number") }),
                      let epochs = reach.required("within", reader: &reader).flatMap({ reader.int($0, key: "within", in: 0...Self.maximumBudget, allowed: "a whole number of epochs from 0 to \(Self.maximumBudget)") })
                else { continue }
                check = .reaches(loss: loss, epochs: epochs)
            case "learning_rate", "gradient_norm":
                check = parseRecordedClaim(key, checkNode, layers: measures.layers)
            default:
                // `lower_than: B` compares the final losses; `{run: B, epoch: 5}` those after epoch 5.
                var otherNode = checkNode
                var epoch: Int?
                if checkNode.mapping != nil {
                    guard let at = reader.fields(checkNode, context: "lower_than", allowed: ["run", "epoch"]),
                          let runNode = at.required("run", reader: &reader)
                    else { continue }
                    otherNode = runNode
                    if let epochNode = at["epoch"] {
                        guard let value = claimEpoch(epochNode, measures: measures) else { continue }
                        epoch = value
                    }
                }
                guard let other = reader.string(otherNode, key: "run") else { continue }
                guard labels.isEmpty || labels.contains(other) else {
                    reader.report(.unknownRun(label: other, known: labels), at: otherNode)
                    continue
                }
                check = epoch.map { .lowerThanAt(run: other, epoch: $0) } ?? .lowerThan(run: other)
            }
            if let check { claims.append(Claim(run: run, check: check, location: reader.location(of: item))) }
        }
        return claims
    }

    /// `learning_rate: {at: start|end, below|above: x}` and `gradient_norm: {layer: ℓ,
    /// relative_to: m, at: start|end, below|above: x}`, `at` being `end` unless given.
    private mutating func parseRecordedClaim(_ key: String, _ node: Node, layers: Int?) -> Claim.Check? {
        let layerKeys = key == "gradient_norm" ? ["layer", "relative_to"] : []
        guard let fields = reader.fields(node, context: key, allowed: ["at", "below", "above"] + layerKeys) else { return nil }
        let at = fields["at"].flatMap { reader.choice($0, key: "at", from: Claim.Moment.allCases.map(\.rawValue)) }.flatMap(Claim.Moment.init)
        if fields["at"] != nil, at == nil { return nil }
        let allowed = layers.map { $0 == 1 ? "1: the model has one layer (only an mlp has more)" : "a layer from 1 to \($0)" } ?? "a layer number from 1"
        var numbers: [String: Int] = [:]
        // With the model unknown, any layer an MLP may have (16 hidden and the output).
        for name in layerKeys {
            guard let layerNode = fields[name] else { continue }
            guard let number = reader.int(layerNode, key: name, in: 1...(layers ?? 17), allowed: allowed) else { return nil }
            numbers[name] = number
        }
        guard let bound = parseBound(fields, key: key) else { return nil }
        if key == "learning_rate" { return .learningRate(at: at ?? .end, bound) }
        if numbers["relative_to"] != nil, numbers["layer"] == nil {
            reader.report(.missingKey(key: "layer", context: "a gradient_norm claim with `relative_to` (the layer whose norm is divided)"), at: node)
            return nil
        }
        return .gradientNorm(layer: numbers["layer"], relativeTo: numbers["relative_to"], at: at ?? .end, bound)
    }

    /// The epoch a claim looks at: 0 (the start) up to the experiment's epochs.
    private mutating func claimEpoch(_ node: Node, measures: Measures) -> Int? {
        let last = measures.epochs ?? Self.maximumBudget
        return reader.int(node, key: "epoch", in: 0...last, allowed: "a whole number of epochs from 0 (the start) to \(last)\(measures.epochs == nil ? "" : " (the experiment's `epochs`)")")
    }

    private mutating func parseBound(_ node: Node, key: String) -> Claim.Bound? {
        guard let fields = reader.fields(node, context: key, allowed: ["below", "above"]) else { return nil }
        return parseBound(fields, key: key)
    }

    /// One of `below` and `above` among `fields`.
    private mutating func parseBound(_ fields: Fields, key: String) -> Claim.Bound? {
        let node = fields.node
        switch (fields["below"], fields["above"]) {
        case let (below?, nil): return reader.double(below, key: "below", allowed: "a finite number").map(Claim.Bound.below)
        case let (nil, above?): return reader.double(above, key: "above", allowed: "a finite number").map(Claim.Bound.above)
        default:
            let example = key == "loss_at" ? "epoch: 5, " : ""
            reader.report(.invalidValue(key: key, value: fields["below"] == nil ? "a bound with neither `below` nor `above`" : "a bound with both `below` and `above`", allowed: "one of `{\(example)below: x}` or `{\(example)above: x}`"), at: node)
            return nil
        }
    }
}
