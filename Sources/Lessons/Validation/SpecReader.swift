import Training
import Yams

/// Reads typed values out of a composed YAML tree, collecting every problem with its
/// position instead of stopping at the first.
struct SpecReader {
    let file: String
    /// The file line just before the YAML's first line.
    let lineOffset: Int
    var diagnostics: [Diagnostic] = []
    /// Where each parsed figure's id is written (its `id:` value, else the figure), in the
    /// order of the spec's figures, for duplicates across experiments.
    var figureIDLocations: [SourceLocation] = []

    init(file: String, lineOffset: Int) {
        self.file = file
        self.lineOffset = lineOffset
    }

    func location(of node: Node?) -> SourceLocation {
        guard let mark = node?.mark else { return SourceLocation(file: file, line: lineOffset + 1, column: 1) }
        return SourceLocation(file: file, line: lineOffset + mark.line, column: mark.column)
    }

    mutating func report(_ error: LessonsError, at node: Node?) {
        diagnostics.append(Diagnostic(error, at: location(of: node)))
    }

    mutating func report(_ error: LessonsError, at location: SourceLocation) {
        diagnostics.append(Diagnostic(error, at: location))
    }

    /// Parses YAML text, reporting syntax errors at their position. Anchors, aliases, keys that
    /// are not scalars and duplicate keys are found before Yams composes anything, so that an
    /// alias bomb is never expanded.
    mutating func compose(_ yaml: String) -> Node? {
        let problems = YAMLPrecheck.problems(yaml)
        guard problems.isEmpty else {
            for problem in problems {
                var error = problem.error
                if case let .duplicateKey(key, firstLine) = error { error = .duplicateKey(key: key, firstLine: lineOffset + firstLine) }
                report(error, at: SourceLocation(file: file, line: lineOffset + problem.line, column: problem.column))
            }
            return nil
        }
        do {
            return try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            switch error {
            case let .scanner(_, problem, mark, _), let .parser(_, problem, mark, _), let .composer(_, problem, mark, _):
                report(.yamlSyntax(problem: problem), at: SourceLocation(file: file, line: lineOffset + mark.line, column: mark.column))
            case let .duplicatedKeysInMapping(duplicates, context):
                report(.duplicateKey(key: duplicates.first ?? "", firstLine: lineOffset + context.mark.line),
                       at: SourceLocation(file: file, line: lineOffset + context.mark.line, column: context.mark.column))
            default:
                report(.yamlSyntax(problem: "\(error)"), at: nil as Node?)
            }
        } catch {
            report(.yamlSyntax(problem: "\(error)"), at: nil as Node?)
        }
        return nil
    }

    /// The fields of a mapping, with unknown keys reported (naming the nearest allowed key)
    /// unless `reportsUnknown` is false, for a first look that a second, stricter one follows.
    mutating func fields(_ node: Node, context: String, allowed: [String], reportsUnknown: Bool = true) -> Fields? {
        guard case let .mapping(mapping) = node else {
            report(.wrongType(key: context, expected: "a mapping of keys to values"), at: node)
            return nil
        }
        var values: [String: Node] = [:]
        var keys: [String: Node] = [:]
        for (keyNode, value) in mapping {
            guard let key = keyNode.string else {
                report(.complexKey(kind: keyNode.sequence != nil ? "a list" : "a mapping"), at: keyNode)
                continue
            }
            if allowed.contains(key) {
                values[key] = value
                keys[key] = keyNode
            } else if reportsUnknown {
                report(.unknownKey(key: key, context: context, suggestion: nearest(to: key, in: allowed), allowed: allowed), at: keyNode)
            }
        }
        return Fields(node: node, context: context, values: values, keys: keys)
    }

    // MARK: Scalars

    mutating func string(_ node: Node, key: String) -> String? {
        guard case let .scalar(scalar) = node else {
            report(.wrongType(key: key, expected: "text"), at: node)
            return nil
        }
        return scalar.string
    }

    /// A whole number in `range`; `allowed` describes it (by default "a whole number from
    /// <low> to <high>"), so that every refusal names the limits.
    mutating func int(_ node: Node, key: String, in range: ClosedRange<Int>, allowed: String? = nil) -> Int? {
        let allowed = allowed ?? "a whole number from \(range.lowerBound) to \(range.upperBound)"
        guard case let .scalar(scalar) = node else {
            report(.wrongType(key: key, expected: "a whole number"), at: node)
            return nil
        }
        guard !isQuoted(scalar, key: key) else { return nil }
        guard let value = Int(scalar.string) else {
            report(.invalidValue(key: key, value: scalar.string, allowed: allowed), at: node)
            return nil
        }
        guard range.contains(value) else {
            report(.invalidValue(key: key, value: scalar.string, allowed: allowed), at: node)
            return nil
        }
        return value
    }

    mutating func double(_ node: Node, key: String, allowed: String, where isValid: (Double) -> Bool = { $0.isFinite }) -> Double? {
        guard case let .scalar(scalar) = node else {
            report(.wrongType(key: key, expected: "a number"), at: node)
            return nil
        }
        guard !isQuoted(scalar, key: key) else { return nil }
        guard let value = Double(scalar.string.replacingOccurrences(of: "_", with: "")), isValid(value) else {
            report(.invalidValue(key: key, value: scalar.string, allowed: allowed), at: node)
            return nil
        }
        return value
    }

    /// Whether a number is written in quotes (`epochs: "7"`), which YAML reads as text;
    /// reports it.
    private mutating func isQuoted(_ scalar: Node.Scalar, key: String) -> Bool {
        guard scalar.style == .singleQuoted || scalar.style == .doubleQuoted else { return false }
        report(.invalidValue(key: key, value: "`\(scalar.string)` in quotes, which YAML reads as text", allowed: "a number written without quotes"), at: Node.scalar(scalar))
        return true
    }

    /// One of `choices`, reporting the allowed spellings otherwise.
    mutating func choice(_ node: Node, key: String, from choices: [String]) -> String? {
        guard let value = string(node, key: key) else { return nil }
        guard choices.contains(value) else {
            let hint = nearest(to: value, in: choices).map { " (did you mean `\($0)`?)" } ?? ""
            report(.invalidValue(key: key, value: "`\(value)`", allowed: "one of " + choices.joined(separator: ", ") + hint), at: node)
            return nil
        }
        return value
    }

    mutating func bool(_ node: Node, key: String) -> Bool? {
        guard case let .scalar(scalar) = node else {
            report(.wrongType(key: key, expected: "true or false"), at: node)
            return nil
        }
        switch scalar.string.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default:
            report(.invalidValue(key: key, value: "`\(scalar.string)`", allowed: "true or false"), at: node)
            return nil
        }
    }

    /// A list of numbers, each checked by `isValid`.
    mutating func doubles(_ node: Node, key: String, allowed: String, where isValid: (Double) -> Bool = { $0.isFinite }) -> [Double]? {
        guard let items = sequence(node, key: key) else { return nil }
        let values = items.compactMap { double($0, key: key, allowed: allowed, where: isValid) }
        return values.count == items.count ? values : nil
    }

    /// A pair `[low, high]` with low < high.
    mutating func range(_ node: Node, key: String) -> ClosedRange<Double>? {
        guard let values = doubles(node, key: key, allowed: "a finite number") else { return nil }
        guard values.count == 2, values[0] < values[1] else {
            report(.invalidValue(key: key, value: "a list of \(values.count) numbers", allowed: "two numbers [low, high] with low < high"), at: node)
            return nil
        }
        return values[0]...values[1]
    }

    /// Runs `body`, reporting a refusal of the training engine at the field of `fields` that
    /// it names, else at `node`.
    mutating func accept<T>(_ node: Node?, fields: Fields? = nil, _ body: () throws -> T) -> T? {
        do {
            return try body()
        } catch let error as TrainingError {
            // A refused field is shown as written (`eps: 0`, not 0.0), in the words of every
            // other value's message.
            if case let .invalidValue(name, _, allowed) = error, let field = fields?[name] {
                if let written = field.string {
                    report(.invalidValue(key: name, value: written, allowed: allowed), at: field)
                } else {
                    report(.refused(error), at: field)
                }
            } else {
                report(.refused(error), at: node)
            }
        } catch {
            report(.yamlSyntax(problem: "\(error)"), at: node)
        }
        return nil
    }

    mutating func sequence(_ node: Node, key: String) -> [Node]? {
        guard case let .sequence(sequence) = node else {
            report(.wrongType(key: key, expected: "a list"), at: node)
            return nil
        }
        return Array(sequence)
    }
}

/// The known keys of one YAML mapping.
struct Fields {
    let node: Node
    let context: String
    let values: [String: Node]
    /// The key nodes, for problems with a key rather than its value.
    let keys: [String: Node]

    subscript(key: String) -> Node? { values[key] }

    /// The value of a key that must be there; reports its absence at the mapping.
    func required(_ key: String, reader: inout SpecReader) -> Node? {
        if let value = values[key] { return value }
        reader.report(.missingKey(key: key, context: context), at: node)
        return nil
    }
}

extension Node {
    /// The scalar's text, or nil for mappings and sequences.
    var string: String? {
        if case let .scalar(scalar) = self { return scalar.string }
        return nil
    }
}
