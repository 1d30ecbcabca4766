import Training

/// A place in a lesson file. Lines and columns count from 1; columns count characters.
public struct SourceLocation: Hashable, Codable, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    public var description: String { "\(file):\(line):\(column)" }
}

/// What is wrong with a lesson, independent of where.
public enum LessonsError: Error, Hashable, Sendable, CustomStringConvertible {
    case invalidUTF8
    case frontMatterMissing
    case frontMatterUnterminated
    case yamlSyntax(problem: String)
    case yamlControlCharacter(code: UInt32)
    case yamlSecondDocument
    case yamlTooDeep(limit: Int)
    /// A text or number longer than its limit; `key` is the key it is the value of.
    case scalarTooLong(key: String?, length: Int, limit: Int)
    case unknownKey(key: String, context: String, suggestion: String?, allowed: [String])
    case missingKey(key: String, context: String)
    case invalidValue(key: String, value: String, allowed: String)
    case wrongType(key: String, expected: String)
    case duplicateExperimentID(id: String, firstLine: Int)
    case duplicateRunLabel(label: String)
    case duplicateFigureID(id: String, firstLine: Int)
    case duplicateSweepValue(key: String, value: String, firstLine: Int)
    /// An experiment block that gave no experiment and no other error: never a silent code block.
    case experimentUnreadable
    case unknownParameter(name: String, model: String, allowed: [String])
    /// A value the training engine refuses (its message names the value and the range).
    case refused(TrainingError)
    case notApplicable(key: String, optimizer: String, appliesTo: [String])
    case unknownRun(label: String, known: [String])
    case figureNeedsSweep(kind: String)
    /// A drawing option (`title`, `x_label`…) on a figure kind that has no use for it.
    case figureOptionNotApplicable(key: String, kind: String, reason: String, appliesTo: [String])
    case unknownReference(reference: String, known: [String])
    /// A `{result}` span naming an experiment, run, quantity, parameter or format that is not there.
    case unknownInResult(what: String, name: String, known: [String])
    /// A `{result}` span that does not read as one, with an example of the right form.
    case malformedResult(problem: String, example: String)
    /// A `{result}` span asking for something its run does not measure.
    case resultUnmeasured(quantity: String, reason: String)
    /// `@fig-ID` naming a table, or `@tbl-ID` naming a figure.
    case referenceWrongKind(reference: String, correct: String, isTable: Bool)
    case claimFailed(claim: String, measured: String)
    /// A claim on something the runs will not measure.
    case claimUnmeasured(key: String, reason: String, advice: String)
    /// An experiment over one of `Limits`: what it needs, the limit, and what to lower.
    case overLimit(needs: String, limit: String, advice: String)
    case duplicateKey(key: String, firstLine: Int)
    case tooManyValues(limit: Int)
    case complexKey(kind: String)
    case aliasNotSupported(name: String)
    case anchorNotSupported(name: String)
    /// A file a lesson names (a CSV, a template) cannot be read.
    case fileUnreadable(path: String, problem: String, advice: String)
    /// A key in `lessons/_templates/strings.<lang>.yml` that names no interface string.
    case unknownStringKey(key: String, file: String, suggestion: String?)
    /// A file in `_templates` named `strings.….yml` whose language is not a lowercase code.
    case stringsFileName(name: String)

    public var description: String {
        switch self {
        case .invalidUTF8:
            return "The lesson is not valid UTF-8 text; save it with UTF-8 encoding."
        case .frontMatterMissing:
            return "The lesson has no front matter; start the file with a `---` line, `title: …`, and a closing `---` line."
        case .frontMatterUnterminated:
            return "The front matter is not closed; add a line `---` after it."
        case let .yamlSyntax(problem):
            return "The YAML is malformed: \(problem)."
        case let .yamlControlCharacter(code):
            let hex = String(code, radix: 16, uppercase: true)
            return "A control character (U+\(String(repeating: "0", count: max(0, 4 - hex.count)) + hex)) is not allowed in YAML; remove it."
        case .yamlSecondDocument:
            return "An experiment block holds one YAML document; remove the `---` line."
        case let .yamlTooDeep(limit):
            return "The YAML nests deeper than \(limit) levels, the limit; a spec needs only a few levels of lists and mappings."
        case let .scalarTooLong(key, length, limit):
            let what = key.map { "The value of `\($0)`" } ?? "This value"
            return "\(what) is \(Limits.format(length)) characters long, more than the limit of \(Limits.format(limit)); shorten it."
        case let .unknownKey(key, context, suggestion, allowed):
            let hint = suggestion.map { "did you mean `\($0)`? " } ?? ""
            return "Unknown key `\(key)` in \(context); \(hint)allowed keys: \(allowed.joined(separator: ", "))."
        case let .missingKey(key, context):
            return "\(context.prefix(1).uppercased() + context.dropFirst()) needs the key `\(key)`."
        case let .invalidValue(key, value, allowed):
            return "`\(key)` is \(value), but \(key) must be \(allowed)."
        case let .wrongType(key, expected):
            return "`\(key)` must be \(expected)."
        case let .duplicateExperimentID(id, firstLine):
            return "The experiment id `\(id)` is already used on line \(firstLine); give each experiment its own id."
        case let .duplicateFigureID(id, firstLine):
            return "The figure id `\(id)` is already used on line \(firstLine); give each figure its own id."
        case let .duplicateSweepValue(key, value, firstLine):
            return "The sweep of `\(key)` already holds \(value) (on line \(firstLine)); each value gives one run, so list it once."
        case .experimentUnreadable:
            return "This experiment block gives no experiment; check it against docs/lesson-format.md."
        case let .duplicateRunLabel(label):
            return "Two runs are labelled `\(label)`; give each run its own label."
        case let .unknownParameter(name, model, allowed):
            let shown = allowed.count > 12 ? allowed.prefix(12).joined(separator: ", ") + ", … (\(allowed.count) in all)" : allowed.joined(separator: ", ")
            let hint = nearest(to: name, in: allowed).map { "did you mean `\($0)`? " } ?? ""
            return "The \(model) model has no parameter `\(name)`; \(hint)its parameters are \(shown)."
        case let .refused(error):
            return error.description
        case let .notApplicable(key, optimizer, appliesTo):
            return "`\(key)` does not apply to \(optimizer); it is a hyper-parameter of \(appliesTo.joined(separator: ", "))."
        case let .unknownRun(label, known):
            let hint = nearest(to: label, in: known).map { "did you mean `\($0)`? " } ?? ""
            return "There is no run labelled `\(label)`; \(hint)the runs are \(known.map { "`\($0)`" }.joined(separator: ", "))."
        case let .figureNeedsSweep(kind):
            return "A `\(kind)` figure compares batch sizes; add `sweep: {batch: [1, 8, 32, full]}` to the experiment (with two swept keys, `batch` second)."
        case let .figureOptionNotApplicable(key, kind, reason, appliesTo):
            return "`\(key)` does not apply to \(Self.article(kind)) `\(kind)` figure, \(reason); it is an option of \(appliesTo.map { "`\($0)`" }.joined(separator: ", ")) figures."
        case let .unknownReference(reference, known):
            let hint = nearest(to: reference, in: known).map { " Did you mean `\($0)`?" } ?? ""
            let list = known.isEmpty ? " This lesson has no figures or experiments to refer to." : " References here: " + known.prefix(12).joined(separator: ", ") + (known.count > 12 ? ", …" : "") + "."
            return "`\(reference)` refers to no figure or experiment of this lesson.\(hint)\(list)"
        case let .unknownInResult(what, name, known):
            let hint = nearest(to: name, in: known).map { " Did you mean `\($0)`?" } ?? ""
            let list = known.isEmpty ? "" : " Known: " + known.prefix(12).map { "`\($0)`" }.joined(separator: ", ") + (known.count > 12 ? ", …" : "") + "."
            return "The inline result names `\(name)`, which is no \(what).\(hint)\(list)"
        case let .malformedResult(problem, example):
            return "This inline result cannot be read: \(problem). For example: \(example)."
        case let .resultUnmeasured(quantity, reason):
            return "The inline result's `\(quantity)` has no value: \(reason)."
        case let .referenceWrongKind(reference, correct, isTable):
            return "`\(reference)` names a \(isTable ? "table" : "figure"), which is numbered as a \(isTable ? "table" : "figure"); write `\(correct)`."
        case let .overLimit(needs, limit, advice):
            return "This experiment needs \(needs); the limit is \(limit). \(advice)."
        case let .tooManyValues(limit):
            return "This YAML holds more than \(Limits.format(limit)) values, the limit per block; move large data into a CSV file (`data: {kind: csv, path: …}`)."
        case let .duplicateKey(key, firstLine):
            return "The key `\(key)` appears twice in this mapping (first on line \(firstLine)); keep one of the two."
        case let .complexKey(kind):
            return "A key here is \(kind); keys must be plain names such as `id` or `lr`."
        case let .aliasNotSupported(name):
            return "The alias `*\(name)` is not supported in lessons; write the value out where it is used."
        case let .anchorNotSupported(name):
            return "The anchor `&\(name)` is not supported in lessons (nor are aliases); remove it and write values out where they are used."
        case let .fileUnreadable(path, problem, advice):
            return "The file `\(path)` \(problem); \(advice)."
        case let .claimUnmeasured(key, reason, advice):
            return "A claim on `\(key)` cannot be checked: \(reason); \(advice)."
        case let .claimFailed(claim, measured):
            return "The claim \(claim) does not hold: \(measured)."
        case let .unknownStringKey(key, file, suggestion):
            let hint = suggestion.map { "did you mean `\($0)`? " } ?? ""
            return "Unknown interface string `\(key)` in \(file); \(hint)the keys are listed in docs/templates.md."
        case let .stringsFileName(name):
            return "`\(name)` does not name a language; call the file `strings.<lang>.yml` with the language's lowercase code, such as `strings.zh.yml`."
        }
    }

    /// "an" before a figure kind that starts with a vowel (`an explore figure`), else "a".
    static func article(_ kind: String) -> String {
        "aeiou".contains(kind.prefix(1)) ? "an" : "a"
    }
}

/// An error with the place it was found: what a course author sees.
public struct Diagnostic: Error, Hashable, Sendable, CustomStringConvertible {
    public var location: SourceLocation
    public var error: LessonsError

    public init(_ error: LessonsError, at location: SourceLocation) {
        self.location = location
        self.error = error
    }

    /// Control characters (a NUL or an ESC in a path or a title) are shown as `U+001B`, so
    /// that a message never moves the terminal's cursor or colours it.
    public var description: String { Self.escapingControlCharacters("\(location): error: \(error)") }

    public static func escapingControlCharacters(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var escaped = ""
        for scalar in text.unicodeScalars {
            if isControl(scalar) {
                let hex = String(scalar.value, radix: 16, uppercase: true)
                escaped += "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
            } else {
                escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }

    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.generalCategory == .control
    }
}

/// Several diagnostics thrown at once, so that every problem of a lesson is reported.
public struct Diagnostics: Error, Sendable, CustomStringConvertible {
    public var all: [Diagnostic]

    public init(_ all: [Diagnostic]) {
        self.all = all
    }

    public var description: String { all.map(\.description).joined(separator: "\n") }
}
