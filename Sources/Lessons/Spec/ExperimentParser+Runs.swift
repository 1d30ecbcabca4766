import Training
import Yams

extension ExperimentParser {
    static let optimizers = ["gd", "momentum", "nesterov", "adagrad", "rmsprop", "adam"]
    static let runKeys = ["label", "optimizer", "lr", "batch", "momentum", "decay", "beta1", "beta2", "eps", "initial_accumulator", "weight_decay", "schedule", "warmup", "amsgrad", "bias_correction", "color"]
    /// Which optimizers each hyper-parameter belongs to.
    static let hyperParameterOwners: [String: [String]] = [
        "momentum": ["momentum", "nesterov", "rmsprop"],
        "decay": ["rmsprop"],
        "beta1": ["adam"], "beta2": ["adam"],
        "eps": ["adagrad", "rmsprop", "adam"],
        "initial_accumulator": ["adagrad"],
        "amsgrad": ["adam"], "bias_correction": ["adam"],
    ]
    /// The hyper-parameters written as numbers, `lr` aside.
    static let numericRunKeys = ["momentum", "decay", "beta1", "beta2", "eps", "initial_accumulator", "weight_decay"]
    static let schedules = ["constant", "step", "exponential", "inverse-sqrt", "cosine"]

    /// A run as written: its parsed values, before a sweep fills in the keys it sweeps.
    struct RunDraft {
        var fields: Fields
        var label: String?
        var optimizer: String
        /// `lr` and the numeric hyper-parameters, by key.
        var numbers: [String: Double]
        var flags: [String: Bool]
        var warmup: Int
        var batch: TrainingConfiguration.BatchSize
        var schedule: Schedule
        var scheduleUnit: Optimizer.ScheduleUnit
        var color: RunColor?
    }

    mutating func parseRuns(_ node: Node) -> [RunDraft]? {
        guard let items = reader.sequence(node, key: "runs") else { return nil }
        guard !items.isEmpty else {
            reader.report(.invalidValue(key: "runs", value: "an empty list", allowed: "a list of at least one run"), at: node)
            return nil
        }
        var drafts: [RunDraft] = []
        for item in items {
            guard let fields = reader.fields(item, context: "a run", allowed: Self.runKeys) else { continue }
            let before = reader.diagnostics.count
            let optimizer = fields["optimizer"].flatMap { reader.choice($0, key: "optimizer", from: Self.optimizers) } ?? "gd"
            var numbers: [String: Double] = [:]
            if let node = fields["lr"] {
                numbers["lr"] = reader.double(node, key: "lr", allowed: "a number greater than 0", where: { $0 > 0 && $0.isFinite })
            }
            for key in Self.numericRunKeys {
                if let node = fields[key] { numbers[key] = reader.double(node, key: key, allowed: "a finite number") }
            }
            var flags: [String: Bool] = [:]
            for key in ["amsgrad", "bias_correction"] {
                if let node = fields[key] { flags[key] = reader.bool(node, key: key) }
            }
            let warmup = fields["warmup"].flatMap { reader.int($0, key: "warmup", in: 0...Self.maximumBudget, allowed: Self.warmupAllowed) } ?? 0
            let batch = fields["batch"].flatMap { parseBatch($0) } ?? .full
            let schedule = fields["schedule"].flatMap { parseSchedule($0) } ?? (.constant, .epoch)
            let label = fields["label"].flatMap { reader.string($0, key: "label") }
            let color = fields["color"].flatMap { parseColor($0) }
            guard reader.diagnostics.count == before else { continue }
            drafts.append(RunDraft(
                fields: fields, label: label, optimizer: optimizer, numbers: numbers, flags: flags, warmup: warmup,
                batch: batch, schedule: schedule.0, scheduleUnit: schedule.1, color: color))
        }
        return drafts.count == items.count ? drafts : nil
    }

    static let warmupAllowed = "a whole number of epochs (or updates, with the schedule's `per: update`) from 0 to \(maximumBudget)"

    /// The run a draft gives with `coordinates` (its sweep's values) filled in, or nil with
    /// its problems reported: a swept value at the value, a swept key that does not apply at
    /// the sweep's key, everything else at the run's own key.
    ///
    /// Its label is its own (`label`, else `<optimizer>, lr <lr>` as written); a swept copy's
    /// is `swept` (`lr 0.3, momentum 0.9`) after the own label when `prefixed`.
    private mutating func build(_ written: RunDraft, swept: String?, prefixed: Bool, coordinates: [(Sweep.Coordinate, Node)], sweep: ParsedSweep?) -> RunSpec? {
        var draft = written
        var values = draft.fields.values
        var keys = draft.fields.keys
        for (coordinate, node) in coordinates {
            values[coordinate.key] = node
            keys[coordinate.key] = sweep?.keyNodes[coordinate.key]
            switch coordinate.value {
            case let .number(value) where coordinate.key == "warmup": draft.warmup = Int(value)
            case let .number(value): draft.numbers[coordinate.key] = value
            case let .batch(size): draft.batch = size
            case let .optimizer(name): draft.optimizer = name
            case let .flag(value): draft.flags[coordinate.key] = value
            }
        }
        let fields = Fields(node: draft.fields.node, context: draft.fields.context, values: values, keys: keys)
        let name = draft.optimizer
        let sweptOptimizer = sweep?.keyNodes["optimizer"]
        var applies = true
        for (key, owners) in Self.hyperParameterOwners.sorted(by: { $0.key < $1.key }) where !owners.contains(name) {
            guard let misplaced = keys[key] else { continue }
            let swept = sweep?.keyNodes[key] != nil
            reader.report(.notApplicable(key: key, optimizer: name, appliesTo: owners), at: swept ? misplaced : sweptOptimizer ?? misplaced)
            applies = false
        }
        guard applies else { return nil }
        let numbers = draft.numbers
        // The engine checks every range; its refusal is reported at the key it names.
        let rule: Optimizer.Rule? = reader.accept(draft.fields.node, fields: fields) { () throws -> Optimizer.Rule in
            switch name {
            case "gd": return .gd(GradientDescent())
            case "momentum", "nesterov": return .momentum(try Momentum(momentum: numbers["momentum"] ?? 0.9, nesterov: name == "nesterov"))
            case "adagrad": return .adagrad(try Adagrad(epsilon: numbers["eps"] ?? 1e-10, initialAccumulator: numbers["initial_accumulator"] ?? 0))
            case "rmsprop": return .rmsprop(try RMSProp(decay: numbers["decay"] ?? 0.99, epsilon: numbers["eps"] ?? 1e-8, momentum: numbers["momentum"] ?? 0))
            default:
                return .adam(try Adam(
                    beta1: numbers["beta1"] ?? 0.9, beta2: numbers["beta2"] ?? 0.999, epsilon: numbers["eps"] ?? 1e-8,
                    amsgrad: draft.flags["amsgrad"] ?? false, biasCorrection: draft.flags["bias_correction"] ?? true))
            }
        }
        guard let rule else { return nil }
        let optimizer = reader.accept(fields["schedule"] ?? draft.fields.node, fields: fields) {
            try Optimizer(
                rule, learningRate: numbers["lr"], weightDecay: numbers["weight_decay"] ?? 0, schedule: draft.schedule,
                warmup: draft.warmup, scheduleUnit: draft.scheduleUnit)
        }
        guard let optimizer else { return nil }
        let own = written.label ?? "\(written.optimizer), lr \(Self.shortest(written.numbers["lr"] ?? rule.defaultLearningRate))"
        let label = swept.map { prefixed ? "\(own), \($0)" : $0 } ?? own
        return RunSpec(label: label, optimizer: optimizer, batch: draft.batch, color: draft.color, coordinates: coordinates.map(\.0))
    }

    mutating func parseBatch(_ node: Node) -> TrainingConfiguration.BatchSize? {
        if node.string == "full" { return .full }
        return reader.int(node, key: "batch", in: 1...DataSource.maximumSamples, allowed: "a whole number from 1 to \(DataSource.maximumSamples), or `full`").map(TrainingConfiguration.BatchSize.size)
    }

    /// A schedule and the unit it steps in: a name (per epoch) or `{kind: …, per: epoch|update, …}`.
    private mutating func parseSchedule(_ node: Node) -> (Schedule, Optimizer.ScheduleUnit)? {
        if node.string != nil {
            guard let name = reader.choice(node, key: "schedule", from: Self.schedules) else { return nil }
            switch name {
            case "constant": return (.constant, .epoch)
            case "inverse-sqrt": return (.inverseSqrt, .epoch)
            case "cosine": return (.cosine(period: nil, minimum: 0), .epoch)
            default:
                reader.report(.missingKey(key: name == "step" ? "every" : "gamma", context: "the \(name) schedule (write `{kind: \(name), \(name == "step" ? "every: 10, " : "")gamma: 0.5}`)"), at: node)
                return nil
            }
        }
        guard let fields = reader.fields(node, context: "the schedule", allowed: ["kind", "per", "every", "gamma", "period", "minimum"]),
              let kindNode = fields.required("kind", reader: &reader),
              let kind = reader.choice(kindNode, key: "kind", from: Self.schedules)
        else { return nil }
        let unitName = fields["per"].map { reader.choice($0, key: "per", from: Optimizer.ScheduleUnit.allCases.map(\.rawValue)) }
        if case .some(nil) = unitName { return nil }
        let unit = unitName.flatMap { $0 }.flatMap(Optimizer.ScheduleUnit.init) ?? .epoch
        let ticks = "a whole number of \(unit == .epoch ? "epochs" : "updates") from 1 to \(Self.maximumBudget)"
        let gamma = { (reader: inout SpecReader) in fields["gamma"].flatMap { reader.double($0, key: "gamma", allowed: "a number greater than 0", where: { $0 > 0 && $0.isFinite }) } }
        let schedule: Schedule?
        switch kind {
        case "constant": schedule = .constant
        case "inverse-sqrt": schedule = .inverseSqrt
        case "step":
            guard let every = fields.required("every", reader: &reader).flatMap({ reader.int($0, key: "every", in: 1...Self.maximumBudget, allowed: ticks) }),
                  let gamma = fields.required("gamma", reader: &reader).flatMap({ _ in gamma(&reader) })
            else { return nil }
            schedule = .step(every: every, gamma: gamma)
        case "exponential":
            schedule = fields.required("gamma", reader: &reader).flatMap { _ in gamma(&reader) }.map(Schedule.exponential)
        default:
            let period = fields["period"].flatMap { reader.int($0, key: "period", in: 1...Self.maximumBudget, allowed: ticks) }
            let minimum = fields["minimum"].flatMap { reader.double($0, key: "minimum", allowed: "a number ≥ 0", where: { $0 >= 0 && $0.isFinite }) } ?? 0
            schedule = .cosine(period: period, minimum: minimum)
        }
        return schedule.map { ($0, unit) }
    }

    // MARK: Sweeps

    /// The run keys a sweep may repeat the runs across.
    static let sweepKeys = ["lr", "momentum", "beta1", "beta2", "decay", "eps", "weight_decay", "initial_accumulator", "warmup", "batch", "optimizer", "bias_correction", "amsgrad"]

    /// A sweep with the YAML nodes of its keys and values, for problems found when it expands.
    struct ParsedSweep {
        var sweep: Sweep
        var keyNodes: [String: Node]
        var valueNodes: [String: [Node]]
    }

    mutating func parseSweep(_ node: Node) -> ParsedSweep? {
        guard let fields = reader.fields(node, context: "sweep", allowed: Self.sweepKeys) else { return nil }
        // The written order decides the product's order; `fields` keeps no order.
        let written = (node.mapping.map { Array($0.keys) } ?? []).compactMap { $0.string }.filter { fields[$0] != nil }
        guard !written.isEmpty else {
            // Unknown keys are already reported; a missing key would only repeat them.
            if node.mapping?.isEmpty ?? true {
                reader.report(.missingKey(key: "lr", context: "sweep (or another run key, such as `batch` or `momentum`, with its list of values)"), at: node)
            }
            return nil
        }
        if written.count > 2 {
            for key in written.dropFirst(2) {
                reader.report(.invalidValue(key: key, value: "a third swept key", allowed: "left out: a sweep repeats the runs over at most two keys (their Cartesian product); sweep the others in another experiment"), at: fields.keys[key])
            }
            return nil
        }
        var parsed = ParsedSweep(sweep: Sweep(axes: []), keyNodes: [:], valueNodes: [:])
        for key in written {
            guard let valuesNode = fields[key], let items = reader.sequence(valuesNode, key: key) else { continue }
            guard !items.isEmpty else {
                reader.report(.invalidValue(key: key, value: "an empty list", allowed: Self.sweepExample(key)), at: valuesNode)
                continue
            }
            let values = items.compactMap { sweepValue($0, key: key) }
            guard values.count == items.count, !reportsRepeats(values, items: items, key: key, name: Self.name(of:)) else { continue }
            parsed.sweep.axes.append(Sweep.Axis(key: key, values: values))
            parsed.keyNodes[key] = fields.keys[key]
            parsed.valueNodes[key] = items
        }
        return parsed.sweep.axes.count == written.count ? parsed : nil
    }

    static func sweepExample(_ key: String) -> String {
        switch key {
        case "lr": return "a list of at least one learning rate, such as [0.01, 0.1]"
        case "batch": return "a list of batch sizes, such as [1, 8, 32, full]"
        case "optimizer": return "a list of optimizers, such as [momentum, adam]"
        case "warmup": return "a list of warm-up lengths, such as [0, 5, 20]"
        case "bias_correction", "amsgrad": return "a list of switches, such as [true, false]"
        default: return "a list of at least one value, such as [0.5, 0.9]"
        }
    }

    mutating func sweepValue(_ node: Node, key: String) -> Sweep.Value? {
        switch key {
        case "batch": return parseBatch(node).map(Sweep.Value.batch)
        case "optimizer": return reader.choice(node, key: key, from: Self.optimizers).map(Sweep.Value.optimizer)
        case "bias_correction", "amsgrad": return reader.bool(node, key: key).map(Sweep.Value.flag)
        case "warmup": return reader.int(node, key: key, in: 0...Self.maximumBudget, allowed: Self.warmupAllowed).map { .number(Double($0)) }
        case "lr": return reader.double(node, key: key, allowed: "a number greater than 0", where: { $0 > 0 && $0.isFinite }).map(Sweep.Value.number)
        default: return reader.double(node, key: key, allowed: "a finite number").map(Sweep.Value.number)
        }
    }

    /// A swept value as labels and messages show it: `0.1`, `8`, `full`, `adam`.
    static func name(of value: Sweep.Value) -> String {
        Sweep.name(of: value)
    }

    /// A run's part of the label for one swept value: `lr 0.3`, `batch 8`, `full batch`, `adam`,
    /// `bias_correction false`.
    static func label(of coordinate: Sweep.Coordinate) -> String {
        switch coordinate.value {
        case .batch(.full): return "full batch"
        case .optimizer: return name(of: coordinate.value)
        default: return "\(coordinate.key) \(name(of: coordinate.value))"
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

    /// Every written run, repeated across the sweep's combinations (the runs outer, then the
    /// first key, then the second), each labelled by its values; nil when any run fails.
    mutating func expand(_ drafts: [RunDraft], sweep: ParsedSweep?) -> [RunSpec]? {
        let before = reader.diagnostics.count
        var combinations: [[(Sweep.Coordinate, Node)]] = [[]]
        for axis in sweep?.sweep.axes ?? [] {
            let nodes = sweep?.valueNodes[axis.key] ?? []
            let pairs = zip(axis.values, nodes).map { (Sweep.Coordinate(key: axis.key, value: $0), $1) }
            combinations = combinations.flatMap { prefix in pairs.map { prefix + [$0] } }
        }
        var runs: [RunSpec] = []
        var labels: Set<String> = []
        for draft in drafts {
            for coordinates in combinations {
                let swept = sweep.map { _ in coordinates.map { Self.label(of: $0.0) }.joined(separator: ", ") }
                guard let run = build(draft, swept: swept, prefixed: drafts.count > 1, coordinates: coordinates, sweep: sweep) else { continue }
                if !labels.insert(run.label).inserted {
                    reader.report(.duplicateRunLabel(label: run.label), at: draft.fields["label"] ?? draft.fields.node)
                    continue
                }
                runs.append(run)
            }
        }
        // A swept value refused for one run is refused for every run: say it once.
        var seen: Set<Diagnostic> = []
        let added = reader.diagnostics[before...].filter { seen.insert($0).inserted }
        reader.diagnostics.replaceSubrange(before..., with: added)
        return reader.diagnostics.count == before ? runs : nil
    }
}
