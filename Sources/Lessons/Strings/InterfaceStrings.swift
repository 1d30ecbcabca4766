/// The words a reader sees around a lesson's own text, in the lesson's language: page chrome,
/// captions' labels, results tables' headers, figures' default axis labels and legend words,
/// download names and alt text. Diagnostics on the terminal stay English; they are not here.
///
/// Keys are stable identifiers (`page.onThisPage`, `axis.epoch`, `alt.loss`); values may hold
/// placeholders such as `{n}` or `{run}`, filled by `callAsFunction(_:_:)`. Every key has an
/// English value (`StringTables.english`); a language's table and a course's overrides
/// (`lessons/_templates/strings.<lang>.yml`) replace values, never add keys.
public struct InterfaceStrings: Hashable, Sendable {
    /// The language whose table this is: `en` or `zh`.
    public let language: String
    /// Every key's value, the language's table and a course's overrides applied over English.
    public let values: [String: String]

    public init(language: String, values: [String: String]) {
        self.language = language
        self.values = values
    }

    /// English, as Descent ships it.
    public static let english = InterfaceStrings(language: "en", values: StringTables.english)

    /// The built-in table of `language`: its primary subtag (`zh-Hans` → `zh`) when Descent has
    /// a table for it, else English (see `hasTable(for:)`).
    public static func builtIn(_ language: String) -> InterfaceStrings {
        let code = primaryLanguage(language)
        guard let table = StringTables.byLanguage[code] else { return english }
        return InterfaceStrings(language: code, values: StringTables.english.merging(table) { _, translated in translated })
    }

    /// Whether Descent has interface strings in `language` (English counts).
    public static func hasTable(for language: String) -> Bool {
        StringTables.byLanguage[primaryLanguage(language)] != nil
    }

    /// The languages Descent has a table for.
    public static var languages: [String] { StringTables.byLanguage.keys.sorted() }

    /// Every key, sorted.
    public static var keys: [String] { StringTables.english.keys.sorted() }

    static func primaryLanguage(_ tag: String) -> String {
        String(tag.prefix { $0 != "-" && $0 != "_" }).lowercased()
    }

    /// The value of `key` with its placeholders filled from `arguments`. A placeholder with no
    /// argument stays as written (`{run}`), so that a missing value shows rather than crashes;
    /// an unknown key gives the key itself.
    public func callAsFunction(_ key: String, _ arguments: [String: String] = [:]) -> String {
        Self.fill(values[key] ?? key, arguments)
    }

    /// `callAsFunction` with a count: the key's `.one` form when `count` is 1, else `.other`,
    /// `{n}` set to the count.
    public func counted(_ key: String, _ count: Int, _ arguments: [String: String] = [:]) -> String {
        self(key + (count == 1 ? ".one" : ".other"), arguments.merging(["n": String(count)]) { given, _ in given })
    }

    /// `template` with each `{name}` whose name is in `arguments` replaced by its value, in
    /// one pass: a value holding `{…}` is not filled again.
    public static func fill(_ template: String, _ arguments: [String: String]) -> String {
        guard template.contains("{") else { return template }
        var result = ""
        var rest = template[...]
        while let open = rest.firstIndex(of: "{") {
            result += rest[..<open]
            let afterOpen = rest.index(after: open)
            guard let close = rest[afterOpen...].firstIndex(where: { $0 == "}" || $0 == "{" }), rest[close] == "}",
                  let value = arguments[String(rest[afterOpen..<close])]
            else {
                result.append("{")
                rest = rest[afterOpen...]
                continue
            }
            result += value
            rest = rest[rest.index(after: close)...]
        }
        return result + rest
    }

    /// The placeholder names a value uses, in order of first appearance.
    public static func placeholders(in template: String) -> [String] {
        var names: [String] = []
        var rest = template[...]
        while let open = rest.firstIndex(of: "{") {
            let afterOpen = rest.index(after: open)
            guard let close = rest[afterOpen...].firstIndex(where: { $0 == "}" || $0 == "{" }) else { break }
            if rest[close] == "}" {
                let name = String(rest[afterOpen..<close])
                if !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }), !names.contains(name) { names.append(name) }
                rest = rest[rest.index(after: close)...]
            } else {
                rest = rest[close...]
            }
        }
        return names
    }

    /// The values grouped by the dots of their keys, for templates: `page.onThisPage` is
    /// `{{strings.page.onThisPage}}` in Mustache.
    public var nested: [String: Any] {
        var root: [String: Any] = [:]
        for (key, value) in values {
            Self.insert(value, at: key.split(separator: ".").map(String.init)[...], into: &root)
        }
        return root
    }

    private static func insert(_ value: String, at path: ArraySlice<String>, into node: inout [String: Any]) {
        guard let first = path.first else { return }
        if path.count == 1 {
            // A key that is also a group's name (`alt.runs` beside `alt.runs.one`) keeps its group.
            if node[first] == nil { node[first] = value }
            return
        }
        var child = node[first] as? [String: Any] ?? [:]
        insert(value, at: path.dropFirst(), into: &child)
        node[first] = child
    }
}
