import Foundation

/// The key an experiment or a figure was last cached under, with the JSON it is the SHA-256 of,
/// kept in `.descent-cache/records/`. The next build compares its own key's parts with them to
/// say why it trains or draws again (`descent build --explain`): the reasons are read from what
/// the cache holds, not guessed.
struct CacheRecord: Codable, Equatable {
    var key: String
    /// The key's parts: the JSON text (sorted keys) whose SHA-256 is `key`.
    var parts: String
    /// For a figure: each rendering's figure-value hash (as in the manifest), by variant name.
    var values: [String: String]?

    /// The first twelve hex digits of a key, as `--explain` shows it.
    static func short(_ key: String) -> String { String(key.prefix(12)) + "…" }

    /// Why an entry under `key` (with `parts`) was not in the cache, given this record of the
    /// last one; `describe` names a changed part of the key (nil: the spec's own values; empty:
    /// a part that follows from others, left unsaid).
    /// Reasons come in the order of `order`, the parts' top-level names (`spec` for the spec's
    /// own values), from the cause to its consequences; unlisted parts come last.
    static func why(
        notCached key: String, parts: String, last: CacheRecord?, order: [String], describe: (KeyPart) -> String?
    ) -> String {
        guard let last else { return "no cache entry" }
        if last.key == key { return "its cache entry is missing or damaged" }
        guard let old = JSONValue.parse(last.parts), let new = JSONValue.parse(parts) else {
            return "its cache key changed (the last one, \(short(last.key)), cannot be read)"
        }
        func rank(_ part: String) -> Int { order.firstIndex(of: part) ?? order.count }
        var reasons: [(rank: Int, text: String)] = []
        var specChanges: [String] = []
        for change in KeyPart.changes(from: old, to: new) {
            if let reason = describe(change) {
                if !reason.isEmpty, !reasons.contains(where: { $0.text == reason }) { reasons.append((rank(change.path.first ?? ""), reason)) }
            } else {
                specChanges.append(change.description(labels: new))
            }
        }
        if !specChanges.isEmpty {
            let shown = specChanges.prefix(3).joined(separator: "; ")
            let more = specChanges.count > 3 ? "; and \(specChanges.count - 3) more" : ""
            reasons.append((rank("spec"), "its spec changed (\(shown)\(more))"))
        }
        // A stable sort: parts of one rank keep their sorted-key order.
        let ordered = reasons.enumerated().sorted { ($0.element.rank, $0.offset) < ($1.element.rank, $1.offset) }.map(\.element.text)
        return ordered.isEmpty ? "its cache key changed" : ordered.joined(separator: "; ")
    }

    /// The sentences for the parts of the key that name who wrote the entry, shared by
    /// experiments and figures.
    static func identityChange(_ change: KeyPart, writer: String) -> String? {
        switch change.path.first {
        case "descent": return "\(writer) by another Descent version (\(change.oldText) → \(change.newText))"
        case "toolchain": return "\(writer) by a Descent compiled with another toolchain (\(change.oldText) → \(change.newText))"
        default: return nil
        }
    }
}

/// One value that differs between two keys' parts: where it is and what it was and is.
struct KeyPart {
    var path: [String]
    var old: JSONValue?
    var new: JSONValue?

    var oldText: String { old?.text ?? "none" }
    var newText: String { new?.text ?? "none" }

    /// Every leaf that differs, in sorted key order.
    static func changes(from old: JSONValue?, to new: JSONValue?, path: [String] = []) -> [KeyPart] {
        if old == new { return [] }
        switch (old, new) {
        case let (.object(a)?, .object(b)?) where a.count == 1 && b.count == 1 && a.keys.first != b.keys.first:
            // An enum's case changed (Swift encodes a case as an object of one key): name the cases.
            return [KeyPart(path: path, old: a.keys.first.map(JSONValue.string), new: b.keys.first.map(JSONValue.string))]
        case let (.object(a)?, .object(b)?):
            return Set(a.keys).union(b.keys).sorted().flatMap { changes(from: a[$0], to: b[$0], path: path + [$0]) }
        case let (.array(a)?, .array(b)?) where a.count == b.count:
            return a.indices.flatMap { changes(from: a[$0], to: b[$0], path: path + ["[\($0)]"]) }
        default:
            return [KeyPart(path: path, old: old, new: new)]
        }
    }

    /// `run `SGD`: optimizer.gd.lr 0.1 → 0.2`: a run by its label, positional wrappers left out.
    func description(labels parts: JSONValue) -> String {
        var prefix = ""
        var rest = path[...]
        if rest.count > 1, rest.first == "runs", let position = Int(rest[rest.startIndex + 1].dropFirst().dropLast()),
           case let .object(root) = parts, case let .array(runs)? = root["runs"], runs.indices.contains(position),
           case let .object(run) = runs[position], case let .string(label)? = run["label"] {
            prefix = "run `\(label)`: "
            rest = rest.dropFirst(2)
        }
        // Swift's encoding of an enum's unlabelled values (`_0`) says nothing to a reader.
        let components = rest.filter { !$0.hasPrefix("_") }
        var names: [String] = []
        var index = 0
        while index < components.count {
            let component = components[index]
            let remaining = components.count - index
            if component == "rule" {
                // `rule.momentum.momentum` is the hyper-parameter `momentum`; `rule` alone, the optimizer.
                if remaining > 2 { index += 2; continue }
                names.append("optimizer")
            } else if (component == "optimizer" || component == "budget") && remaining > 1 {
                // Lessons write `lr:` and `epochs:` at the run's and experiment's top level.
            } else if component.hasPrefix("["), let last = names.popLast() {
                names.append(last + component)
            } else {
                names.append(Self.lessonSpelling(component))
            }
            index += 1
        }
        return "\(prefix)\(names.isEmpty ? "value" : names.joined(separator: ".")) \(oldText) → \(newText)"
    }

    /// A Swift property name as lessons spell the key: `learningRate` is `lr`, the rest snake case.
    static func lessonSpelling(_ name: String) -> String {
        name == "learningRate" ? "lr" : name.reduce(into: "") { text, character in
            text += character.isUppercase ? "_" + character.lowercased() : String(character)
        }
    }
}

/// A JSON value, parsed to compare two keys' parts.
indirect enum JSONValue: Decodable, Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    static func parse(_ text: String) -> JSONValue? {
        try? JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
    }

    /// The value as a reader would write it, cut at 60 characters.
    var text: String {
        let full: String
        switch self {
        case .null: full = "none"
        case let .bool(value): full = value ? "true" : "false"
        case let .number(value):
            full = value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : "\(value)"
        case let .string(value): full = value
        case let .array(values): full = "[" + values.map(\.text).joined(separator: ", ") + "]"
        case let .object(values): full = "{" + values.keys.sorted().map { "\($0): \(values[$0]?.text ?? "")" }.joined(separator: ", ") + "}"
        }
        return full.count > 60 ? String(full.prefix(59)) + "…" : full
    }
}
