/// Random lessons built from the documented vocabulary (docs/lesson-format.md), mostly small and
/// valid enough to train and draw, with extreme values, odd labels and hostile YAML mixed in, and
/// now and then a large spec that only the limits stop.
public struct LessonGenerator {
    var random: FuzzRandom
    /// The chance that a value is extreme rather than ordinary.
    var extremeChance = 0.05
    /// The chance that a case is large (long training, big data, fine grids).
    var largeChance = 0.03

    /// `large: false` leaves out the large specs, for a quick run.
    public init(seed: UInt64, large: Bool = true) {
        random = FuzzRandom(seed: seed)
        if !large { largeChance = 0 }
    }

    // MARK: Values

    static let extremeNumbers = [
        "0", "-0", "-0.0", ".inf", "-.inf", ".nan", ".NaN", "1e308", "-1e308", "1.7976931348623157e308",
        "1e-308", "5e-324", "-5e-324", "1e20", "1e-18", "1e-300", "99999999999999999999999",
        "9223372036854775807", "-9223372036854775808", "18446744073709551616", "-1", "1e6",
        "0x10", "1_000", "0o17", "+12", "1e", "true", "null", "~", "[]", "{}", "\"3\"", "'x'",
    ]

    mutating func number(_ ordinary: [String]) -> String {
        random.chance(extremeChance) ? random.pick(Self.extremeNumbers) : random.pick(ordinary)
    }

    mutating func count(_ ordinary: ClosedRange<Int>, large: Int) -> String {
        if random.chance(largeChance) { return String(large) }
        if random.chance(extremeChance) { return random.pick(["0", "-1", "1", "1e6", "2.5", ".nan", "[]", "1000000000000"]) }
        return String(random.int(ordinary))
    }

    static let labels = [
        "GD", "SGD", "Adam", "Mini-batch", "η = 0.1", "a!", "a?", "a-2", "a", "A", "", " ", "index",
        "../up", "a/b", "con", "nul", "梯度下降", "勾配降下法", "😀 run", "tab\there", "\"quoted\"",
        "<b>html</b>", "a:b", "#hash", "%20", "x?y#z", "label, with comma", "-", ".", "..", "a\\b",
    ]

    mutating func label() -> String {
        // Mostly plain labels, so that most specs pass validation and reach training and drawing.
        if random.chance(0.7) { return "run \(random.int(1...1000))" }
        if random.chance(0.05) { return String(repeating: random.pick(["a", "é", "梯", "x-"]), count: random.int(200...320)) }
        return random.pick(Self.labels)
    }

    /// `text` as a YAML scalar: plain where that is safe, else double-quoted with escapes.
    static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\t": result += "\\t"
            case "\n": result += "\\n"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }

    // MARK: A course

    /// A whole case: one to three lessons, sometimes a `course.yml`, a template, a CSV file or a
    /// symbolic link out of the folder.
    public mutating func course() -> FuzzCase {
        var files: [String: [UInt8]] = [:]
        var symlinks: [String: String] = [:]
        let lessonCount = random.chance(0.8) ? 1 : random.int(2...3)
        for index in 0..<lessonCount {
            var name = String(format2(index + 1)) + "-" + random.pick(["lesson", "gd", "momentum", "b"]) + ".md"
            if random.chance(0.06) {
                name = random.pick(["index.md", "a#b.md", "q?.md", "100%.md", "梯度.md", "x.md", "01 space.md", "INDEX.md"])
            }
            // Long, but within the 255 bytes a file name may have.
            if random.chance(0.02) { name = String(repeating: "n", count: random.int(236...251)) + ".md" }
            files[name] = Array(lesson().utf8)
        }
        if random.chance(0.15) {
            files["course.yml"] = Array("title: \(Self.quoted(label()))\nsummary: \(random.pick(["Sum", "$x$", "[a]: 1", "{a: {b: c}}", "&a x", "*a"]))\n".utf8)
        }
        if random.chance(0.08) {
            files["_templates/" + random.pick(["page.mustache", "index.mustache"])] = Array(template().utf8)
        }
        if random.chance(0.1) {
            files["data.csv"] = Array(csv().utf8)
        }
        if random.chance(0.03) {
            symlinks["etc"] = "/etc"
        }
        if random.chance(0.02) {
            symlinks["loop.md"] = "loop.md"
        }
        return FuzzCase(files: files, symlinks: symlinks, origin: "generated")
    }

    func format2(_ value: Int) -> String {
        value < 10 ? "0\(value)" : "\(value)"
    }

    mutating func template() -> String {
        let depth = random.chance(0.3) ? random.int(1000...4000) : random.int(1...40)
        let section = random.pick(["contents", "lessons", "previous", "hasMath", "title"])
        let open = String(repeating: "{{#\(section)}}", count: depth)
        let close = random.chance(0.8) ? String(repeating: "{{/\(section)}}", count: depth) : ""
        let body = random.pick(["{{{content}}}", "{{title}}", "{{>partial}}", "{{", "{{#a}}{{/b}}", "{{=<% %>=}}"])
        return "<html><body>\(open)\(body)\(close){{{content}}}</body></html>\n"
    }

    mutating func csv() -> String {
        let rows = random.chance(largeChance) ? 100_000 : random.int(0...30)
        var text = random.chance(0.9) ? "a,b,c\n" : "a,a,\"b\n"
        for _ in 0..<rows {
            text += "\(number(["0.5", "1", "-2", "3.25"])),\(number(["0", "1", "2"])),\(random.pick(["0", "1", "2", ""]))\n"
        }
        return text
    }

    // MARK: A lesson

    mutating func lesson() -> String {
        var text = ""
        if random.chance(0.97) {
            text += "---\n"
            if random.chance(0.95) { text += "title: \(Self.quoted(random.chance(0.8) ? "A lesson" : label()))\n" }
            if random.chance(0.3) { text += "summary: \(Self.quoted(random.pick(["One line.", "$\\alpha$", "", "梯度"])))\n" }
            if random.chance(0.3) { text += "order: \(number(["1", "2", "0", "7"]))\n" }
            if random.chance(0.2) { text += "lang: \(random.pick(["en", "zh", "ja", "", "x-y-z", "\"<script>\""]))\n" }
            if random.chance(0.05) { text += random.pick(["title: again\n", "[a]: 1\n", "? [a, b]\n: c\n", "unknown: 1\n", "a: &x [*x]\n"]) }
            text += "---\n\n"
        }
        var experimentIDs: [String] = []
        let experimentCount = random.chance(0.1) ? 0 : (random.chance(0.85) ? 1 : random.int(2...3))
        text += prose(experimentIDs: [])
        for _ in 0..<experimentCount {
            let id = random.chance(0.9) ? random.pick(["e", "exp", "paths", "a-b", "x1", "e"]) : random.pick(["", "A", "a_b", "梯", "-"])
            experimentIDs.append(id)
            text += "```experiment\n" + experiment(id: id) + "```\n\n"
            if random.chance(0.5) { text += prose(experimentIDs: experimentIDs) }
        }
        return text
    }

    mutating func prose(experimentIDs: [String]) -> String {
        var text = ""
        for _ in 0..<random.int(0...4) {
            text += random.pick([
                "## A heading\n\n", "## 梯度下降\n\n", "### Sub $x^2$\n\n", "Plain text with $\\theta$ and $$x_1 * y_2$$.\n\n",
                "![alt $x$ text](image.png \"title $y$\")\n\n", "[link](https://example.com \"$z$ title\")\n\n",
                "It costs $5 and $10.\n\n", "A footnote[^1].\n\n[^1]: The note.\n\n", "<div>raw <b>html</b></div>\n\n",
                "| a | b |\n| - | - |\n| 1 | 2 |\n\n", "$$\n\\sum_i x_i\n$$\n\n", "`code $x$`\n\n", "~~gone~~ - [ ] task\n\n",
                "$unclosed math\n\n", "\\$ literal\n\n", "@fig-nothing and @exp-nothing\n\n", "中文段落，含数学 $\\alpha$。\n\n",
            ])
        }
        for id in experimentIDs where random.chance(0.5) {
            text += "See @exp-\(id) and @fig-\(id)-\(random.int(1...3)).\n\n"
        }
        return text
    }

    // MARK: An experiment

    static let surfaces = ["quadratic", "rosenbrock", "beale", "himmelblau", "saddle", "booth", "six-hump-camel", "cubic"]
    static let dataKinds = ["linear", "blobs", "moons", "circles", "spirals", "xor", "points", "csv"]
    static let optimizers = ["gd", "momentum", "nesterov", "adagrad", "rmsprop", "adam", "sgd"]

    mutating func experiment(id: String) -> String {
        if random.chance(0.12) { return exploreExperiment(id: id) }
        var lines: [String] = ["id: \(Self.quoted(id))"]
        if random.chance(0.3) { lines.append("title: \(Self.quoted(label()))") }
        let isSurface = random.chance(0.4)
        var parameters: [String]
        if isSurface {
            let function = random.chance(0.97) ? random.pick(Self.surfaces) : "nonsense"
            var model = "{kind: surface, function: \(function)"
            if random.chance(0.5) { model += ", a: \(number(["1", "0.1", "2", "-1"]))" }
            if random.chance(0.5) { model += ", b: \(number(["1", "100", "2", "10"]))" }
            if random.chance(0.2) { model += ", gradient_noise: \(number(["0.01", "0.1", "1"]))" }
            lines.append("model: \(model)}")
            parameters = ["x", "y"]
        } else {
            parameters = modelAndData(into: &lines)
        }
        if random.chance(0.2) { lines.append("loss: \(random.pick(["mse", "half-mse", "bce", "cross-entropy", "hinge"]))") }
        if random.chance(0.1) { lines.append("reduction: \(random.pick(["mean", "sum", "max"]))") }
        if isSurface || random.chance(0.3) { lines.append("init: \(initialisation(parameters: parameters))") }
        let length = random.chance(0.9) ? "epochs" : "steps"
        lines.append("\(length): \(count(1...40, large: random.pick([100_000, 1_000_000])))")
        if random.chance(0.05) { lines.append("epochs: 3") }
        if random.chance(0.1) { lines.append("stop: {tolerance: \(number(["1e-6", "0.1", "0"]))}") }
        if random.chance(0.4) { lines.append("seed: \(number(["0", "1", "42", "7"]))") }
        let runCount = random.chance(0.05) ? 0 : random.int(1...4)
        var labels: [String] = []
        if runCount == 0 {
            lines.append(random.pick(["runs: []", "runs:", "runs: {}"]))
        } else {
            lines.append("runs:")
            for _ in 0..<runCount {
                let runLabel = label()
                labels.append(runLabel)
                lines.append("  - " + run(label: runLabel))
            }
        }
        var axes: [SweepAxis] = []
        if random.chance(0.15) {
            let swept = sweep()
            axes = swept.axes
            lines.append("sweep: \(swept.text)")
        }
        if random.chance(0.85) {
            lines.append("figures:")
            for _ in 0..<random.int(1...4) {
                lines.append("  - " + figure(parameters: parameters, labels: labels, isSurface: isSurface, axes: axes))
            }
        }
        if random.chance(0.3) {
            lines.append("expect:")
            for _ in 0..<random.int(1...3) {
                lines.append("  - " + claim(labels: labels))
            }
        }
        if random.chance(0.05) { lines.append(random.pick(["unknown_key: 1", "id: twice", "&anchor a: 1", "? [a]\n: 1", "figures: *nothing", "\t- tab"])) }
        if random.chance(0.005) { lines.append(aliasBomb()) }
        if random.chance(0.1) { lines.shuffle(using: &random) }
        if random.chance(0.05) { lines.removeSubrange(0..<random.int(0...(lines.count - 1))) }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A "billion laughs" of YAML aliases, as a value or inside a complex key.
    mutating func aliasBomb() -> String {
        var text = "bomb: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        let depth = random.int(3...9)
        for level in 1...depth {
            text += "b\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ") + "]\n"
        }
        return text + (random.chance(0.5) ? "? [*a\(depth)]\n: 1" : "last: *a\(depth)")
    }

    /// Writes `model:` and `data:` lines; returns the model's parameter names.
    mutating func modelAndData(into lines: inout [String]) -> [String] {
        let model = random.pick(["linear", "logistic", "softmax", "sigmoid-neuron", "mlp", "perceptron"])
        var features = 1
        let kind = random.pick(Self.dataKinds)
        var data = "{kind: \(kind)"
        let n = count(2...80, large: random.pick([100_000, 1_000_000]))
        switch kind {
        case "linear":
            features = random.int(1...3)
            data += ", n: \(n), features: \(random.chance(extremeChance) ? random.pick(["0", "100000", "-2"]) : String(features))"
            if random.chance(0.3) { data += ", weights: [\(Array(repeating: number(["1", "2", "-0.5"]), count: features).joined(separator: ", "))]" }
            if random.chance(0.3) { data += ", bias: \(number(["0", "1"]))" }
            if random.chance(0.3) { data += ", noise: \(number(["0.1", "0", "1"]))" }
        case "blobs":
            features = random.int(1...3)
            data += ", n: \(n), centers: \(count(2...4, large: 1000)), features: \(features)"
            if random.chance(0.3) { data += ", spread: \(number(["1", "0.5"])), box: \(number(["5", "1"]))" }
        case "moons", "xor", "circles", "spirals":
            features = 2
            data += ", n: \(n), noise: \(number(["0.1", "0.2", "0"]))"
            if kind == "circles", random.chance(0.3) { data += ", factor: \(number(["0.5", "0.9"]))" }
            if kind == "spirals", random.chance(0.5) { data += ", arms: \(count(2...4, large: 1000))" }
        case "points":
            let samples = random.chance(0.05) ? 0 : random.int(1...6)
            let xs = (0..<samples).map { _ in number(["0.5", "1", "2.5", "-1", "3"]) }
            let ys = (0..<(random.chance(0.05) ? samples + 1 : samples)).map { _ in number(["0", "1", "0.2", "0.9"]) }
            data += ", x: [\(xs.joined(separator: ", "))], y: [\(ys.joined(separator: ", "))]"
            if random.chance(0.2) { data += ", classes: \(random.pick(["true", "false"]))" }
        default:
            features = random.int(1...2)
            let path = random.chance(0.85) ? "data.csv" : random.pick(["etc/passwd", "../outside.csv", "/etc/passwd", "missing.csv", "loop.md", "."])
            data += ", path: \(Self.quoted(path)), features: [\(["a", "b"].prefix(features).joined(separator: ", "))], target: c"
        }
        if random.chance(0.2) { data += ", validation: \(number(["0.2", "0.5", "0.9", "0", "1"]))" }
        if random.chance(0.2) { data += ", standardize: \(random.pick(["true", "false"]))" }
        if random.chance(0.2) { data += ", seed: \(number(["1", "7"]))" }
        lines.append(random.chance(0.97) ? "data: \(data)}" : random.pick(["data: []", "data:", "data: moons"]))

        switch model {
        case "mlp":
            var hidden = (0..<random.int(1...3)).map { _ in count(1...8, large: 1024) }
            if random.chance(largeChance) { hidden = Array(repeating: "1024", count: 16) }
            lines.append("model: {kind: mlp, hidden: [\(hidden.joined(separator: ", "))], activation: \(random.pick(["tanh", "relu", "sigmoid", "gelu"]))}")
            return ["l1.w1_1", "l1.b1", "l2.w1_1"]
        case "softmax":
            lines.append("model: softmax")
            return ["w0_1", "b0", "w1_1"]
        case "sigmoid-neuron":
            lines.append("model: sigmoid-neuron")
            return ["w", "b"]
        default:
            lines.append("model: \(model)")
            return features == 1 ? ["w", "b"] : (1...features).map { "w\($0)" } + ["b"]
        }
    }

    mutating func initialisation(parameters: [String]) -> String {
        switch random.int(0...3) {
        case 0: return "zeros"
        case 1: return "{normal: \(number(["0.1", "1", "0.01"]))}"
        default:
            let named = parameters.map { "\($0): \(number(["-2", "1", "-5", "0.5", "3"]))" }
            return "{\(named.joined(separator: ", "))}"
        }
    }

    mutating func run(label: String) -> String {
        var keys = ["label: \(Self.quoted(label))"]
        let optimizer = random.pick(Self.optimizers)
        if random.chance(0.9) { keys.append("optimizer: \(optimizer)") }
        if random.chance(0.9) { keys.append("lr: \(number(["0.1", "0.01", "0.5", "1", "0.001", "2"]))") }
        if random.chance(0.4) { keys.append("batch: \(random.chance(0.5) ? "full" : count(1...32, large: 1_000_000))") }
        if random.chance(0.2) { keys.append("momentum: \(number(["0.9", "0.5", "0", "0.99"]))") }
        if random.chance(0.1) { keys.append("decay: \(number(["0.99", "0.9"]))") }
        if random.chance(0.1) { keys.append("beta1: \(number(["0.9", "0.5"])), beta2: \(number(["0.999", "0.9"]))") }
        if random.chance(0.1) { keys.append("eps: \(number(["1e-8", "0", "1e-10"]))") }
        if random.chance(0.05) { keys.append("initial_accumulator: \(number(["0", "0.1"]))") }
        if random.chance(0.1) { keys.append("weight_decay: \(number(["0", "0.01", "0.1"]))") }
        if random.chance(0.05) { keys.append("bias_correction: false") }
        if random.chance(0.05) { keys.append("amsgrad: true") }
        if random.chance(0.2) { keys.append("schedule: \(schedule())") }
        if random.chance(0.05) { keys.append("warmup: \(count(0...10, large: 1_000_000))") }
        if random.chance(0.05) { keys.append("color: \(random.pick(["red", "#ff0000", "1"]))") }
        return "{\(keys.joined(separator: ", "))}"
    }

    mutating func schedule() -> String {
        switch random.int(0...6) {
        case 0: return "constant"
        case 1: return "inverse-sqrt"
        case 2: return "cosine"
        case 3: return "{kind: step, every: \(count(1...10, large: 1_000_000)), gamma: \(number(["0.5", "0.1", "2"]))}"
        case 4: return "{kind: exponential, gamma: \(number(["0.95", "0.5", "1.5"]))}"
        case 5: return "{kind: cosine, period: \(count(1...50, large: 1_000_000)), minimum: \(number(["0", "0.001"]))}"
        default: return "{kind: \(random.pick(["constant", "cosine", "step, every: 3, gamma: 0.5"])), per: \(random.pick(["update", "epoch", "batch"]))}"
        }
    }

    /// A swept key and its values as written.
    typealias SweepAxis = (key: String, values: [String])

    mutating func sweep() -> (text: String, axes: [SweepAxis]) {
        let keys = ["lr", "batch", "momentum", "beta1", "beta2", "decay", "eps", "weight_decay", "optimizer"]
        var parts: [String] = []
        var axes: [SweepAxis] = []
        for key in (0..<(random.chance(0.7) ? 1 : 2)).map({ _ in random.pick(keys) }) {
            let size = random.chance(0.05) ? 0 : random.int(1...(random.chance(largeChance) ? 10 : 3))
            let values: [String] = (0..<size).map { _ in
                switch key {
                case "batch": return random.chance(0.3) ? "full" : count(1...16, large: 1_000_000)
                case "optimizer": return random.pick(Self.optimizers)
                default: return number(["0.1", "0.5", "0.9", "0.01"])
                }
            }
            parts.append("\(key): [\(values.joined(separator: ", "))]")
            axes.append((key, values))
        }
        return ("{\(parts.joined(separator: ", "))}", axes)
    }

    /// An experiment made for `explore` figures, mostly valid so that their players' files
    /// (backgrounds, data scripts) are built: a surface, a sweep over the learning rate and
    /// perhaps the momentum, one or two written runs, and an `explore` figure or two beside
    /// another figure.
    mutating func exploreExperiment(id: String) -> String {
        let swept = exploreSweep()
        var lines = [
            "id: \(Self.quoted(id))",
            "model: {kind: surface, function: \(random.pick(["quadratic, a: 0.01, b: 1", "quadratic", "rosenbrock", "himmelblau", "saddle"]))}",
            "init: {x: \(number(["-10", "-1.5", "1"])), y: \(number(["1", "0.5", "-2"]))}",
            "steps: \(count(5...60, large: 5_000))",
            "sweep: \(swept.text)",
            random.chance(0.7) ? "runs: [{optimizer: momentum}]" : "runs: [{label: gd, optimizer: gd}, {label: heavy, optimizer: momentum}]",
            "figures:",
        ]
        for _ in 0..<random.int(1...2) { lines.append("  - " + exploreFigure(axes: swept.axes)) }
        if random.chance(0.5) { lines.append("  - {kind: \(random.pick(["contour", "loss", "table"]))}") }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A sweep an `explore` figure takes: the learning rate, and the momentum as a second key
    /// half the time, two to four values each (distinct, so that the sweep is valid).
    mutating func exploreSweep() -> (text: String, axes: [SweepAxis]) {
        var axes: [SweepAxis] = [("lr", Array(["0.01", "0.1", "0.3", "0.6", "0.9", "1.1"].shuffled(using: &random).prefix(random.int(2...4))))]
        if random.chance(0.5) { axes.append(("momentum", Array(["0", "0.5", "0.9", "0.99"].shuffled(using: &random).prefix(random.int(2...4))))) }
        return ("{\(axes.map { "\($0.key): [\($0.values.joined(separator: ", "))]" }.joined(separator: ", "))}", axes)
    }

    /// An `explore` figure over `axes`: either view (or a wrong one), its default combination
    /// (or the middle values, or a value not swept) and a scale for the loss view.
    mutating func exploreFigure(axes: [SweepAxis]) -> String {
        var keys = ["kind: explore"]
        if random.chance(0.6) { keys.append("view: \(random.pick(["contour", "loss", "loss", "contours"]))") }
        if random.chance(0.5), !axes.isEmpty {
            let chosen = axes.filter { _ in random.chance(0.7) }.map { axis in
                "\(random.chance(0.95) ? axis.key : "momentun"): \(random.chance(0.9) && !axis.values.isEmpty ? random.pick(axis.values) : "0.77")"
            }
            keys.append("default: {\(chosen.joined(separator: ", "))}")
        }
        if random.chance(0.3) { keys.append("y: \(random.pick(["linear", "log"]))") }
        if random.chance(0.3) { keys.append("caption: \(Self.quoted(random.pick(["Explore.", "滑块", ""])))") }
        return "{\(keys.joined(separator: ", "))}"
    }

    mutating func figure(parameters: [String], labels: [String], isSurface: Bool, axes: [SweepAxis] = []) -> String {
        let kinds = ["loss", "loss", "contour", "contour", "batch-sizes", "table", "gradient-variance", "hessian", "learning-rate", "gradient-norm", "explore", "pie"]
        let kind = random.pick(kinds)
        var keys = ["kind: \(kind)"]
        if random.chance(0.3) { keys.append("caption: \(Self.quoted(random.pick(["Loss.", "$x^2$ and **b**", "梯度", "", "@fig-e-1"])))") }
        if random.chance(0.2) { keys.append("id: \(random.pick(["f", "fig-a", "e-1", "F", "dup", "dup"]))") }
        if random.chance(0.1), !labels.isEmpty {
            keys.append("runs: [\(labels.prefix(random.int(0...labels.count)).map(Self.quoted).joined(separator: ", "))\(random.chance(0.2) ? ", nobody" : "")]")
        }
        switch kind {
        case "loss":
            if random.chance(0.5) { keys.append("x: \(random.pick(["epoch", "step", "samples", "seconds", "time"]))") }
            if random.chance(0.5) { keys.append("y: \(random.pick(["linear", "log", "log", "symlog"]))") }
            if random.chance(0.3) { keys.append("y_range: [\(number(["0", "0.001", "1"])), \(number(["1", "10", "1e-18", "0"]))]") }
            if random.chance(0.2) { keys.append("smooth: \(number(["0.9", "0", "0.99", "1"]))") }
            if random.chance(0.2) { keys.append("validation: \(random.pick(["true", "false"]))") }
        case "contour":
            if !isSurface || random.chance(0.3) {
                let first = random.pick(parameters), second = random.pick(parameters)
                keys.append("params: [\(first), \(second)]")
            }
            if random.chance(0.4) {
                let x = parameters.first ?? "x", y = parameters.dropFirst().first ?? "y"
                keys.append("range: {\(x): [\(number(["-4", "-1", "0"])), \(number(["4", "1", "2"]))], \(y): [\(number(["-2", "-1"])), \(number(["2", "3"]))]}")
            }
            if random.chance(0.3) { keys.append("resolution: \(count(10...60, large: 400))") }
        case "explore":
            return exploreFigure(axes: axes)
        case "gradient-variance":
            if random.chance(0.3) { keys.append("at: \(random.pick(["start", "end", "middle"]))") }
            if random.chance(0.3) { keys.append("sizes: [\((0..<random.int(0...4)).map { _ in self.count(1...16, large: 100_000) }.joined(separator: ", "))]") }
            if random.chance(0.3) { keys.append("trials: \(count(10...50, large: 10_000))") }
        case "learning-rate", "gradient-norm":
            if random.chance(0.4) { keys.append("x: \(random.pick(["step", "epoch", "samples"]))") }
            if random.chance(0.4) { keys.append("y: \(random.pick(["linear", "log", "symlog"]))") }
            if kind == "gradient-norm", random.chance(0.5) { keys.append("by: \(random.pick(["layer", "layer", "run", "unit"]))") }
            if kind == "learning-rate", random.chance(0.4) {
                keys.append("parameters: [\((0..<random.int(0...3)).map { _ in random.chance(0.9) ? random.pick(parameters) : "nope" }.joined(separator: ", "))]")
            }
        default:
            break
        }
        if random.chance(0.05) { keys.append(random.pick(["size: [1, 1]", "x_label: \"$x$\"", "title: T", "bogus: 1"])) }
        return "{\(keys.joined(separator: ", "))}"
    }

    mutating func claim(labels: [String]) -> String {
        let run = labels.isEmpty || random.chance(0.1) ? "nobody" : random.pick(labels)
        let check: String
        switch random.int(0...7) {
        case 6: check = "loss_at: {epoch: \(count(0...20, large: 1_000_000)), \(random.pick(["below", "above"])): \(number(["0.1", "1"]))}"
        case 7: check = random.chance(0.5) ? "unbounded: \(random.pick(["true", "false"]))" : "lower_than: {run: \(Self.quoted(labels.isEmpty ? "b" : random.pick(labels))), epoch: \(count(0...20, large: 1_000_000))}"
        case 0: check = "final_loss: {\(random.pick(["below", "above"])): \(number(["0.1", "1", "0"]))}"
        case 1: check = "validation_loss: {below: \(number(["0.5", "1"]))}"
        case 2: check = "accuracy: {above: \(number(["0.9", "0.5"]))}"
        case 3: check = "diverged: \(random.pick(["true", "false", "maybe"]))"
        case 4: check = "reaches: {loss: \(number(["0.1", "1"])), within: \(count(1...20, large: 1_000_000))}"
        default: check = "lower_than: \(Self.quoted(labels.isEmpty ? "b" : random.pick(labels)))"
        }
        return "{run: \(Self.quoted(run)), \(check)}"
    }
}
