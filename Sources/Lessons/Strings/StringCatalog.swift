import Foundation
import Yams

/// Every language's interface strings for one course: Descent's tables with the course's
/// overrides from `lessons/_templates/strings.<lang>.yml` applied.
public struct StringCatalog: Hashable, Sendable {
    /// The course's overrides, by language, each a map from key to value.
    public private(set) var overrides: [String: [String: String]] = [:]

    public init(overrides: [String: [String: String]] = [:]) {
        self.overrides = overrides
    }

    /// Descent's own tables, no overrides.
    public static let builtIn = StringCatalog()

    /// The strings of `language`: its table (English when Descent has none) with the course's
    /// overrides for that language applied.
    public func strings(for language: String) -> InterfaceStrings {
        let code = InterfaceStrings.primaryLanguage(language)
        let strings = InterfaceStrings.builtIn(code)
        guard let changes = overrides[code] else { return strings }
        // A language Descent has no table for starts from English, under its own code.
        return InterfaceStrings(language: code, values: strings.values.merging(changes) { _, override in override })
    }

    /// Whether a lesson in `language` gets interface strings of its language: Descent has a
    /// table for it, or the course gives one in `strings.<language>.yml`.
    public func translates(_ language: String) -> Bool {
        InterfaceStrings.hasTable(for: language) || overrides[InterfaceStrings.primaryLanguage(language)] != nil
    }

    /// What reading a course's override files found: errors with their position (the key is
    /// left out, the file's other keys apply) and warnings as printed lines.
    public struct Problems: Sendable {
        public var errors: [Diagnostic] = []
        public var warnings: [String] = []
    }

    /// The file name of `language`'s overrides.
    public static func fileName(for language: String) -> String { "strings.\(language).yml" }

    /// Reads every `strings.<lang>.yml` in `directory` (the course's `_templates` folder),
    /// which must lie inside the lessons folder, its parent. A missing folder gives no overrides.
    public static func load(from directory: URL, displayDirectory: String) -> (catalog: StringCatalog, problems: Problems) {
        var catalog = StringCatalog()
        var problems = Problems()
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else { return (catalog, problems) }
        for name in names.sorted() where name.hasPrefix("strings.") && name.hasSuffix(".yml") {
            let language = String(name.dropFirst("strings.".count).dropLast(".yml".count))
            let display = displayDirectory + "/" + name
            let start = SourceLocation(file: display, line: 1, column: 1)
            guard !language.isEmpty, language == InterfaceStrings.primaryLanguage(language),
                  language.allSatisfy({ $0.isASCII && $0.isLetter })
            else {
                problems.errors.append(Diagnostic(.stringsFileName(name: name), at: start))
                continue
            }
            let text: String
            switch LessonFiles.read(directory.appendingPathComponent(name), inside: directory.deletingLastPathComponent()) {
            case let .success(bytes):
                guard let decoded = String(data: bytes, encoding: .utf8) else {
                    problems.errors.append(Diagnostic(.invalidUTF8, at: start))
                    continue
                }
                text = decoded
            case let .failure(problem):
                problems.errors.append(Diagnostic(.fileUnreadable(path: display, problem: problem.problem, advice: problem.advice), at: start))
                continue
            }
            let read = overrides(text, language: language, file: display)
            catalog.overrides[language] = read.values
            problems.errors += read.problems.errors
            problems.warnings += read.problems.warnings
        }
        return (catalog, problems)
    }

    /// The overrides in one file's `text`: a mapping from key to text. An unknown key is an
    /// error naming the nearest key; a value that leaves out a placeholder of Descent's
    /// English value, or uses one it does not have, is a warning (the page shows the value
    /// without that number, or the placeholder as written).
    static func overrides(_ text: String, language: String, file: String) -> (values: [String: String], problems: Problems) {
        var reader = SpecReader(file: file, lineOffset: 0)
        var values: [String: String] = [:]
        var warnings: [String] = []
        let keys = InterfaceStrings.keys
        if let root = reader.compose(text) {
            if case let .mapping(mapping) = root {
                for (keyNode, valueNode) in mapping {
                    guard let key = keyNode.string else {
                        reader.report(.complexKey(kind: keyNode.sequence != nil ? "a list" : "a mapping"), at: keyNode)
                        continue
                    }
                    guard let english = StringTables.english[key] else {
                        reader.report(.unknownStringKey(key: key, file: StringCatalog.fileName(for: language), suggestion: nearest(to: key, in: keys)), at: keyNode)
                        continue
                    }
                    guard case let .scalar(scalar) = valueNode else {
                        reader.report(.wrongType(key: key, expected: "text"), at: valueNode)
                        continue
                    }
                    let value = scalar.string
                    let expected = InterfaceStrings.placeholders(in: english)
                    let given = InterfaceStrings.placeholders(in: value)
                    let location = reader.location(of: valueNode)
                    for missing in expected where !given.contains(missing) {
                        warnings.append("\(location): warning: `\(key)` leaves out the placeholder `{\(missing)}`, so pages show this text without that value; write `{\(missing)}` where it goes (the English is “\(english)”).")
                    }
                    for extra in given where !expected.contains(extra) {
                        let allowed = expected.isEmpty ? "it takes none" : "it takes " + expected.map { "`{\($0)}`" }.joined(separator: ", ")
                        warnings.append("\(location): warning: `\(key)` has no placeholder `{\(extra)}`, so pages show it as written; \(allowed).")
                    }
                    values[key] = value
                }
            } else if case .scalar = root, root.string?.isEmpty == true {
                // An empty file overrides nothing.
            } else {
                reader.report(.wrongType(key: StringCatalog.fileName(for: language), expected: "a mapping of string keys to text, such as `page.onThisPage: 本页内容`"), at: root)
            }
        }
        return (values, Problems(errors: reader.diagnostics, warnings: warnings))
    }
}
