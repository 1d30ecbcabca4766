import Training
import Yams

extension ExperimentParser {
    static let optimizers = ["gd", "momentum", "nesterov", "adagrad", "rmsprop", "adam"]
    static let runKeys = ["label", "optimizer", "lr", "batch", "momentum", "decay", "beta1", "beta2", "eps", "initial_accumulator", "weight_decay", "schedule", "color"]
    /// Which optimizers each hyper-parameter belongs to.
    static let hyperParameterOwners: [String: [String]] = [
        "momentum": ["momentum", "nesterov", "rmsprop"],
        "decay": ["rmsprop"],
        "beta1": ["adam"], "beta2": ["adam"],
        "eps": ["adagrad", "rmsprop", "adam"],
        "initial_accumulator": ["adagrad"],
    ]
    static let schedules = ["constant", "step", "exponential", "inverse-sqrt", "cosine"]

    mutating func parseRuns(_ node: Node) -> [RunSpec]? {
        guard let items = reader.sequence(node, key: "runs") else { return nil }
        guard !items.isEmpty else {
            reader.report(.invalidValue(key: "runs", value: "an empty list", allowed: "a list of at least one run"), at: node)
            return nil
        }
        var runs: [RunSpec] = []
        var labels: Set<String> = []
        for item in items {
            guard let fields = reader.fields(item, context: "a run", allowed: Self.runKeys) else { continue }
            let optimizerName = fields["optimizer"].flatMap { reader.choice($0, key: "optimizer", from: Self.optimizers) } ?? "gd"
            guard let optimizer = parseOptimizer(optimizerName, fields: fields, node: item) else { continue }
            let batch = fields["batch"].flatMap { parseBatch($0) } ?? .full
            let label = fields["label"].flatMap { reader.string($0, key: "label") } ?? "\(optimizerName), lr \(Self.shortest(optimizer.learningRate))"
            if !labels.insert(label).inserted {
                reader.report(.duplicateRunLabel(label: label), at: fields["label"] ?? item)
                continue
            }
            let color = fields["color"].flatMap { parseColor($0) }
            if fields["color"] != nil, color == nil { continue }
            runs.append(RunSpec(label: label, optimizer: optimizer, batch: batch, color: color))
        }
        return runs.count == items.count ? runs : nil
    }

    private mutating func parseOptimizer(_ name: String, fields: Fields, node: Node) -> Optimizer? {
        for (key, owners) in Self.hyperParameterOwners.sorted(by: { $0.key < $1.key }) where !owners.contains(name) {
            if let misplaced = fields.keys[key] {
                reader.report(.notApplicable(key: key, optimizer: name, appliesTo: owners), at: misplaced)
            }
        }
        var values: [String: Double] = [:]
        for key in ["momentum", "decay", "beta1", "beta2", "eps", "initial_accumulator", "weight_decay"] {
            if let node = fields[key] {
                guard let value = reader.double(node, key: key, allowed: "a finite number") else { return nil }
                values[key] = value
            }
        }
        let learningRate = fields["lr"].flatMap { reader.double($0, key: "lr", allowed: "a number greater than 0", where: { $0 > 0 && $0.isFinite }) }
        if fields["lr"] != nil, learningRate == nil { return nil }
        let weightDecay = values["weight_decay"] ?? 0
        let schedule = fields["schedule"].flatMap { parseSchedule($0) } ?? .constant
        // The engine checks every range; its refusal is reported at the key it names.
        let rule: Optimizer.Rule? = reader.accept(node, fields: fields) { () throws -> Optimizer.Rule in
            switch name {
            case "gd": return .gd(GradientDescent())
            case "momentum", "nesterov": return .momentum(try Momentum(momentum: values["momentum"] ?? 0.9, nesterov: name == "nesterov"))
            case "adagrad": return .adagrad(try Adagrad(epsilon: values["eps"] ?? 1e-10, initialAccumulator: values["initial_accumulator"] ?? 0))
            case "rmsprop": return .rmsprop(try RMSProp(decay: values["decay"] ?? 0.99, epsilon: values["eps"] ?? 1e-8, momentum: values["momentum"] ?? 0))
            default: return .adam(try Adam(beta1: values["beta1"] ?? 0.9, beta2: values["beta2"] ?? 0.999, epsilon: values["eps"] ?? 1e-8))
            }
        }
        guard let rule else { return nil }
        return reader.accept(fields["schedule"] ?? node, fields: fields) {
            try Optimizer(rule, learningRate: learningRate, weightDecay: weightDecay, schedule: schedule)
        }
    }

    mutating func parseBatch(_ node: Node) -> TrainingConfiguration.BatchSize? {
        if node.string == "full" { return .full }
        return reader.int(node, key: "batch", in: 1...DataSource.maximumSamples, allowed: "a whole number from 1 to \(DataSource.maximumSamples), or `full`").map(TrainingConfiguration.BatchSize.size)
    }

    private mutating func parseSchedule(_ node: Node) -> Schedule? {
        if node.string != nil {
            guard let name = reader.choice(node, key: "schedule", from: Self.schedules) else { return nil }
            switch name {
            case "constant": return .constant
            case "inverse-sqrt": return .inverseSqrt
            case "cosine": return .cosine(period: nil, minimum: 0)
            default:
                reader.report(.missingKey(key: name == "step" ? "every" : "gamma", context: "the \(name) schedule (write `{kind: \(name), \(name == "step" ? "every: 10, " : "")gamma: 0.5}`)"), at: node)
                return nil
            }
        }
        guard let fields = reader.fields(node, context: "the schedule", allowed: ["kind", "every", "gamma", "period", "minimum"]),
              let kindNode = fields.required("kind", reader: &reader),
              let kind = reader.choice(kindNode, key: "kind", from: Self.schedules)
        else { return nil }
        let gamma = { (reader: inout SpecReader) in fields["gamma"].flatMap { reader.double($0, key: "gamma", allowed: "a number greater than 0", where: { $0 > 0 && $0.isFinite }) } }
        switch kind {
        case "constant": return .constant
        case "inverse-sqrt": return .inverseSqrt
        case "step":
            guard let every = fields.required("every", reader: &reader).flatMap({ reader.int($0, key: "every", in: 1...Self.maximumBudget, allowed: "a whole number of epochs from 1 to \(Self.maximumBudget)") }),
                  let gamma = fields.required("gamma", reader: &reader).flatMap({ _ in gamma(&reader) })
            else { return nil }
            return .step(every: every, gamma: gamma)
        case "exponential":
            return fields.required("gamma", reader: &reader).flatMap { _ in gamma(&reader) }.map(Schedule.exponential)
        default:
            let period = fields["period"].flatMap { reader.int($0, key: "period", in: 1...Self.maximumBudget, allowed: "a whole number of epochs from 1 to \(Self.maximumBudget)") }
            let minimum = fields["minimum"].flatMap { reader.double($0, key: "minimum", allowed: "a number ≥ 0", where: { $0 >= 0 && $0.isFinite }) } ?? 0
            return .cosine(period: period, minimum: minimum)
        }
    }

    // MARK: Sweeps

    mutating func parseSweep(_ node: Node) -> Sweep? {
        guard let fields = reader.fields(node, context: "sweep", allowed: ["batch", "lr"]) else { return nil }
        switch (fields["batch"], fields["lr"]) {
        case let (batch?, nil):
            guard let items = reader.sequence(batch, key: "batch"), !items.isEmpty else {
                reader.report(.invalidValue(key: "batch", value: "an empty list", allowed: "a list of batch sizes, such as [1, 8, 32, full]"), at: batch)
                return nil
            }
            let sizes = items.compactMap { parseBatch($0) }
            guard sizes.count == items.count, !reportsRepeats(sizes, items: items, key: "batch", name: { $0 == .full ? "full" : $0.name }) else { return nil }
            return .batch(sizes)
        case let (nil, lr?):
            guard let rates = reader.doubles(lr, key: "lr", allowed: "a number greater than 0", where: { $0 > 0 && $0.isFinite }) else { return nil }
            guard !rates.isEmpty else {
                reader.report(.invalidValue(key: "lr", value: "an empty list", allowed: "a list of at least one learning rate, such as [0.01, 0.1]"), at: lr)
                return nil
            }
            guard !reportsRepeats(rates, items: reader.sequence(lr, key: "lr") ?? [], key: "lr", name: { Self.shortest($0) }) else { return nil }
            return .learningRate(rates)
        case (_?, let lr?):
            reader.report(.invalidValue(key: "lr", value: "swept together with `batch`", allowed: "one swept value per experiment"), at: lr)
            return nil
        case (nil, nil):
            // Unknown keys are already reported; a missing key would only repeat them.
            if fields.keys.isEmpty, node.mapping?.isEmpty ?? true {
                reader.report(.missingKey(key: "batch", context: "sweep (or `lr`)"), at: node)
            }
            return nil
        }
    }

    /// Reports each swept value that repeats an earlier one (their runs would share a label),
    /// at the repeat; whether there was one.
    private mutating func reportsRepeats<Value: Hashable>(_ values: [Value], items: [Node], key: String, name: (Value) -> String) -> Bool {
        var firstLines: [Value: Int] = [:]
        var repeated = false
        for (value, item) in zip(values, items) {
            if let first = firstLines[value] {
                reader.report(.duplicateSweepValue(key: key, value: name(value), firstLine: first), at: item)
                repeated = true
            } else {
                firstLines[value] = reader.location(of: item).line
            }
        }
        return repeated
    }

    /// Every run repeated across the sweep's values, labelled by the value.
    func expand(_ runs: [RunSpec], sweep: Sweep?) -> [RunSpec] {
        guard let sweep else { return runs }
        return runs.flatMap { run -> [RunSpec] in
            let prefix = runs.count == 1 ? "" : run.label + ", "
            switch sweep {
            case let .batch(sizes):
                return sizes.map { size in
                    var copy = run
                    copy.batch = size
                    copy.label = prefix + (size == .full ? "full batch" : "batch \(size.name)")
                    return copy
                }
            case let .learningRate(rates):
                return rates.map { rate in
                    var copy = run
                    copy.optimizer.learningRate = rate
                    copy.label = prefix + "lr \(Self.shortest(rate))"
                    return copy
                }
            }
        }
    }
}
