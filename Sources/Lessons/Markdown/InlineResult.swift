/// A number the build measured, written into the prose: the code span
/// `` `{result} sizes: seconds of batch 1 / seconds of full batch as ×` `` becomes "10.0×".
/// Parsed and checked against the lesson's experiments without training; the build fills
/// in `rendered`.
public struct InlineResult: Hashable, Sendable {
    /// What to read from a run's results.
    public enum Quantity: Hashable, Sendable {
        case finalLoss, validationLoss, accuracy, seconds, updates, gradientEvaluations, divergedAt
        /// The full training loss at the end of epoch k (0 is the start).
        case lossAtEpoch(Int)
        /// A parameter's final value.
        case parameter(String)
        /// The median effective learning rate at the first or the last recorded update.
        case learningRate(Claim.Moment)
        /// The gradient's norm (of one layer, from 1) at the first or the last recorded update.
        case gradientNorm(layer: Int?, at: Claim.Moment)

        /// The names an author writes; `loss at epoch K` and `parameter NAME` take an argument.
        static let names = [
            "final_loss", "validation_loss", "accuracy", "seconds", "updates", "gradient_evaluations", "diverged_at",
            "loss at epoch", "parameter", "learning_rate at", "gradient_norm at", "layer",
        ]

        static let plain: [String: Quantity] = [
            "final_loss": .finalLoss, "validation_loss": .validationLoss, "accuracy": .accuracy, "seconds": .seconds,
            "updates": .updates, "gradient_evaluations": .gradientEvaluations, "diverged_at": .divergedAt,
        ]

        /// Whether the quantity is a count, shown as a whole number.
        public var isCount: Bool {
            switch self {
            case .updates, .gradientEvaluations, .divergedAt: return true
            default: return false
            }
        }
    }

    /// One quantity of one run.
    public struct Value: Hashable, Sendable {
        public var run: String
        public var quantity: Quantity
    }

    /// How the number is written: `ms` and `s` for times, `%` (× 100), `×` (a factor).
    public enum Unit: String, Hashable, Sendable, CaseIterable {
        case milliseconds = "ms", seconds = "s", percent = "%", times = "×"
    }

    /// What the build put in place of the span.
    public enum Rendered: Hashable, Sendable {
        /// The formatted number.
        case value(String)
        /// A marker instead of a number, and why (the run diverged, the experiment failed).
        case missing(marker: String, reason: String)
    }

    public var experiment: String
    public var value: Value
    /// The quantity to divide by, for a ratio.
    public var denominator: Value?
    public var unit: Unit?
    /// Significant digits; nil for the quantity's default.
    public var digits: Int?
    /// The span's text after `{result}`, shown as the number's tooltip.
    public var source: String
    public var location: SourceLocation
    public var rendered: Rendered?

    /// The code span's opening word.
    public static let marker = "{result}"
    public static let formatWords = Unit.allCases.map(\.rawValue) + ["x", "N digits"]
}

/// Reads the text of a `{result}` code span:
/// `EXPERIMENT: QUANTITY of RUN [/ QUANTITY of RUN] [as FORMAT…]`.
/// A run label is written as it is, or in double quotes (with `\"` and `\\`) when it holds
/// ` / ` or ` as `.
struct InlineResultParser {
    /// The span's characters after `{result}` and the position of each.
    let text: [Character]
    let positions: [SourceLocation]
    /// Where the code span's backtick is.
    let spanLocation: SourceLocation
    let experiments: [ExperimentSpec]
    /// Ids of experiment blocks that did not parse: a result naming one is not reported.
    let salvaged: Set<String>

    struct Failure: Error {
        var kind: LessonsError
        var location: SourceLocation
    }

    /// The result, or the first problem with its position. Nil for a span naming an
    /// experiment whose block did not parse (its own errors say why).
    func parse() throws(Failure) -> InlineResult? {
        var index = skipSpaces(0)
        let idStart = index
        while index < text.count, text[index] != ":" { index += 1 }
        let id = String(text[idStart..<index]).trimmingCharacters(in: .whitespaces)
        guard index < text.count, !id.isEmpty else {
            throw Failure(kind: .malformedResult(problem: "it does not start with an experiment's id and a colon", example: Self.example), location: position(idStart))
        }
        guard let spec = experiments.first(where: { $0.id == id }) else {
            if salvaged.contains(id) { return nil }
            throw Failure(kind: .unknownInResult(what: "experiment", name: id, known: experiments.map(\.id)), location: position(idStart))
        }
        index += 1
        let (value, afterValue) = try parseValue(from: index, spec: spec)
        index = skipSpaces(afterValue)
        var denominator: InlineResult.Value?
        if index < text.count, text[index] == "/" {
            let (second, afterSecond) = try parseValue(from: index + 1, spec: spec)
            denominator = second
            index = skipSpaces(afterSecond)
        }
        var unit: InlineResult.Unit?
        var digits: Int?
        if index < text.count {
            guard word(at: index) == "as" else {
                throw Failure(kind: .malformedResult(problem: "`\(String(text[index...]))` follows the run's label; a ratio continues with `/`, a format with `as`", example: Self.example), location: position(index))
            }
            (unit, digits) = try parseFormat(from: index + 2)
        }
        if let unit, unit == .milliseconds || unit == .seconds, denominator != nil || value.quantity != .seconds {
            throw Failure(kind: .malformedResult(problem: "`\(unit.rawValue)` formats a time, and this is \(denominator == nil ? "not one" : "a ratio"); use `×`, `%` or `N digits`", example: Self.example), location: position(skipSpaces(index + 2)))
        }
        let source = String(text).trimmingCharacters(in: .whitespaces)
        return InlineResult(experiment: id, value: value, denominator: denominator, unit: unit, digits: digits, source: source, location: spanLocation)
    }

    static let example = "`{result} sizes: seconds of batch 1 / seconds of full batch as ×`"
    /// The longest span read, so that no span can make the label search slow.
    static let maximumLength = 1_000

    /// `QUANTITY of RUN`, from `start`; returns the index after the run's label.
    func parseValue(from start: Int, spec: ExperimentSpec) throws(Failure) -> (InlineResult.Value, Int) {
        let quantityStart = skipSpaces(start)
        guard let of = find(" of ", from: quantityStart) else {
            throw Failure(kind: .malformedResult(problem: "a quantity and its run are written `QUANTITY of RUN`", example: Self.example), location: position(quantityStart))
        }
        let quantity = try parseQuantity(String(text[quantityStart..<of]), at: quantityStart, spec: spec)
        let labelStart = skipSpaces(of + 4)
        let label: String
        let end: Int
        if labelStart < text.count, text[labelStart] == "\"" {
            (label, end) = try quoted(from: labelStart)
        } else {
            // A bare label runs to ` / `, or to an ` as ` followed by a format, or to the end.
            var stop = find(" / ", from: labelStart) ?? text.count
            var search = labelStart
            while let found = find(" as ", from: search), found < stop {
                if (try? parseFormat(from: found + 3)) != nil { stop = found; break }
                search = found + 1
            }
            label = String(text[labelStart..<stop]).trimmingCharacters(in: .whitespaces)
            end = stop
        }
        guard spec.runs.contains(where: { $0.label == label }) else {
            throw Failure(kind: .unknownInResult(what: "run of experiment `\(spec.id)`", name: label, known: spec.runs.map(\.label)), location: position(labelStart))
        }
        return (InlineResult.Value(run: label, quantity: quantity), end)
    }

    func parseQuantity(_ written: String, at start: Int, spec: ExperimentSpec) throws(Failure) -> InlineResult.Quantity {
        let words = written.split(separator: " ").map(String.init)
        let name = words.joined(separator: " ")
        if let plain = InlineResult.Quantity.plain[name] {
            if plain == .validationLoss, spec.data?.validation == nil {
                throw Failure(kind: .malformedResult(problem: "experiment `\(spec.id)` has no validation set, so there is no `validation_loss` (add `validation: 0.2` to its `data`)", example: Self.example), location: position(start))
            }
            return plain
        }
        if words.count == 4, words[0...2] == ["loss", "at", "epoch"] {
            guard let epoch = Int(words[3]), epoch >= 0 else {
                throw Failure(kind: .malformedResult(problem: "`loss at epoch` takes a whole number of epochs, not `\(words[3])`", example: "`{result} sizes: loss at epoch 5 of batch 1`"), location: position(start))
            }
            if case let .epochs(count) = spec.budget, epoch > count {
                throw Failure(kind: .malformedResult(problem: "experiment `\(spec.id)` trains \(count) epochs, so there is no loss at epoch \(epoch) (0 to \(count))", example: "`{result} sizes: loss at epoch \(count) of batch 1`"), location: position(start))
            }
            return .lossAtEpoch(epoch)
        }
        if let recorded = try parseRecorded(words, at: start, spec: spec) {
            return recorded
        }
        if words.count == 2, words[0] == "parameter" {
            guard spec.parameterNames.contains(words[1]) else {
                throw Failure(kind: .unknownInResult(what: "parameter of experiment `\(spec.id)`", name: words[1], known: spec.parameterNames), location: position(start))
            }
            return .parameter(words[1])
        }
        throw Failure(kind: .unknownInResult(what: "quantity", name: name, known: InlineResult.Quantity.names), location: position(start))
    }

    /// `learning_rate at start|end`, `gradient_norm at start|end` and
    /// `layer L gradient_norm at start|end`; nil for any other quantity.
    func parseRecorded(_ words: [String], at start: Int, spec: ExperimentSpec) throws(Failure) -> InlineResult.Quantity? {
        var rest = words[...]
        var layer: Int?
        if rest.first == "layer" {
            let layers = ExperimentParser.layerCount(spec.model)
            guard rest.count >= 2, let number = Int(rest[rest.startIndex + 1]), (1...layers).contains(number) else {
                let allowed = layers == 1 ? "1 (only an mlp has more layers)" : "a layer from 1 to \(layers)"
                throw Failure(kind: .malformedResult(problem: "`layer` takes \(allowed)", example: Self.recordedExample), location: position(start))
            }
            layer = number
            rest = rest.dropFirst(2)
        }
        guard let name = rest.first, name == "learning_rate" || name == "gradient_norm" else {
            if layer != nil {
                throw Failure(kind: .malformedResult(problem: "`layer L` is followed by `gradient_norm at start` or `at end`", example: Self.recordedExample), location: position(start))
            }
            return nil
        }
        guard rest.count == 3, rest[rest.startIndex + 1] == "at", let moment = Claim.Moment(rawValue: rest[rest.startIndex + 2]) else {
            throw Failure(kind: .malformedResult(problem: "`\(name)` is read `at start` or `at end` (the first or the last recorded update)", example: Self.recordedExample), location: position(start))
        }
        if name == "learning_rate" {
            guard layer == nil else {
                throw Failure(kind: .malformedResult(problem: "the learning rate has no layers; write `learning_rate at \(moment.rawValue)`", example: Self.recordedExample), location: position(start))
            }
            return .learningRate(moment)
        }
        return .gradientNorm(layer: layer, at: moment)
    }

    static let recordedExample = "`{result} deep: layer 1 gradient_norm at start of Sigmoid / layer 6 gradient_norm at start of Sigmoid`"

    /// `ms`, `s`, `%`, `×` (or `x`) and `N digits`, separated by spaces, from `start` to the end.
    func parseFormat(from start: Int) throws(Failure) -> (InlineResult.Unit?, Int?) {
        var unit: InlineResult.Unit?
        var digits: Int?
        var index = skipSpaces(start)
        guard index < text.count else {
            throw Failure(kind: .malformedResult(problem: "`as` is followed by no format", example: Self.example), location: position(min(start, text.count)))
        }
        while index < text.count {
            let current = word(at: index)
            let after = skipSpaces(index + current.count)
            if let number = Int(current), after < text.count, word(at: after) == "digits" {
                guard (1...15).contains(number) else {
                    throw Failure(kind: .malformedResult(problem: "a number is shown with 1 to 15 significant digits, not \(number)", example: "`… as 3 digits`"), location: position(index))
                }
                digits = number
                index = skipSpaces(after + 6)
            } else if let found = InlineResult.Unit(rawValue: current == "x" ? "×" : current) {
                unit = found
                index = after
            } else {
                throw Failure(kind: .unknownInResult(what: "format", name: current, known: InlineResult.formatWords), location: position(index))
            }
        }
        return (unit, digits)
    }

    /// A label in double quotes from `start`: its text and the index after the closing quote.
    func quoted(from start: Int) throws(Failure) -> (String, Int) {
        var label = ""
        var index = start + 1
        while index < text.count {
            switch text[index] {
            case "\\" where index + 1 < text.count:
                label.append(text[index + 1])
                index += 2
            case "\"":
                return (label, index + 1)
            default:
                label.append(text[index])
                index += 1
            }
        }
        throw Failure(kind: .malformedResult(problem: "the run's label opens a quote that does not close", example: "`{result} sizes: seconds of \"lr 0.3, momentum 0.9\"`"), location: position(start))
    }

    func skipSpaces(_ start: Int) -> Int {
        var index = start
        while index < text.count, text[index] == " " || text[index] == "\t" || text[index] == "\n" { index += 1 }
        return index
    }

    /// The characters from `start` up to the next space.
    func word(at start: Int) -> String {
        var end = start
        while end < text.count, text[end] != " ", text[end] != "\t", text[end] != "\n" { end += 1 }
        return String(text[start..<end])
    }

    func find(_ pattern: String, from start: Int) -> Int? {
        let needle = Array(pattern)
        guard start <= text.count - needle.count else { return nil }
        return (start...(text.count - needle.count)).first { Array(text[$0..<($0 + needle.count)]) == needle }
    }

    func position(_ index: Int) -> SourceLocation {
        positions.isEmpty ? spanLocation : positions[min(max(0, index), positions.count - 1)]
    }
}
