import Foundation
import Site

/// One value of a results file or figure script that a rebuild changed, as `check` and its
/// report show it: `run `SGD` final loss 0.2760271748845205 → 0.27602717488452044`.
public struct ValueChange: Sendable, Equatable {
    /// The run's label; nil for a value outside the runs, or for a CSV row.
    public var run: String?
    /// Where the value is: its field path (`final loss`, `loss [3] [1]`) or, in a CSV, its step and column.
    public var field: String
    public var committed: String
    public var rebuilt: String

    public var description: String {
        let subject = [run.map { "run `\($0)`" }, field.isEmpty ? nil : field].compactMap { $0 }.joined(separator: " ")
        if committed.isEmpty { return "\(subject) is new" }
        if rebuilt.isEmpty { return "\(subject) is gone" }
        return "\(subject) \(committed) → \(rebuilt)"
    }

    /// Field names `check` looks at first, so that a run's line names its loss before its other numbers.
    static let firstFields = ["loss", "final", "final_loss", "diverged_at_step", "unbounded_at_step", "path", "updates"]

    /// A JSON value's leaves in reading order (`firstFields` first, then as written), each
    /// with its field path; recorded times (`seconds`) are left out, as `check` keeps the committed ones.
    static func leaves(_ value: JSONTree, path: [String] = [], into result: inout [(field: String, value: String)]) {
        switch value {
        case let .object(members):
            let kept = members.filter { $0.key != "seconds" }
            let ordered = kept.enumerated().sorted { a, b in
                let rankA = firstFields.firstIndex(of: a.element.key) ?? firstFields.count, rankB = firstFields.firstIndex(of: b.element.key) ?? firstFields.count
                return rankA != rankB ? rankA < rankB : a.offset < b.offset
            }.map(\.element)
            for member in ordered { leaves(member.value, path: path + [member.key.replacingOccurrences(of: "_", with: " ")], into: &result) }
        case let .array(elements):
            for (index, element) in elements.enumerated() { leaves(element, path: path + ["[\(index)]"], into: &result) }
        case let .leaf(text):
            result.append((path.joined(separator: " "), text))
        }
    }

    /// The first leaf that differs between two JSON values (a leaf only one has counts too).
    static func first(committed: JSONTree, rebuilt: JSONTree, run: String?) -> ValueChange? {
        var old: [(field: String, value: String)] = [], new: [(field: String, value: String)] = []
        leaves(committed, into: &old)
        leaves(rebuilt, into: &new)
        let before = Dictionary(old.map { ($0.field, $0.value) }, uniquingKeysWith: { a, _ in a })
        let after = Dictionary(new.map { ($0.field, $0.value) }, uniquingKeysWith: { a, _ in a })
        for (field, value) in new where before[field] != value {
            return ValueChange(run: run, field: field, committed: before[field] ?? "", rebuilt: value)
        }
        for (field, value) in old where after[field] == nil {
            return ValueChange(run: run, field: field, committed: value, rebuilt: "")
        }
        return nil
    }

    /// Per run of `runs` (matched by label), the first value that differs; then the first
    /// differing value outside the runs; then runs that are new or gone.
    static func firstInRuns(committed: JSONTree, rebuilt: JSONTree) -> [ValueChange] {
        guard case var .object(old) = committed, case var .object(new) = rebuilt else {
            return first(committed: committed, rebuilt: rebuilt, run: nil).map { [$0] } ?? []
        }
        func runs(_ members: inout [(key: String, value: JSONTree)]) -> [(label: String, run: JSONTree)] {
            guard let index = members.firstIndex(where: { $0.key == "runs" }) else { return [] }
            guard case let .array(runs) = members.remove(at: index).value else { return [] }
            return runs.map { run in
                guard case let .object(fields) = run, case let .leaf(label)? = fields.first(where: { $0.key == "label" })?.value else { return ("", run) }
                return (JSONTree.unquoted(label), run)
            }
        }
        let oldRuns = runs(&old), newRuns = runs(&new)
        var changes: [ValueChange] = []
        for (label, run) in newRuns {
            guard let before = oldRuns.first(where: { $0.label == label }) else {
                changes.append(ValueChange(run: label, field: "", committed: "", rebuilt: "(run)"))
                continue
            }
            if let change = first(committed: before.run, rebuilt: run, run: label) { changes.append(change) }
        }
        for (label, _) in oldRuns where !newRuns.contains(where: { $0.label == label }) {
            changes.append(ValueChange(run: label, field: "", committed: "(run)", rebuilt: ""))
        }
        if let change = first(committed: .object(old), rebuilt: .object(new), run: nil) { changes.append(change) }
        return changes
    }

    /// A run's CSV: the first row whose loss differs (named by its first column, the step),
    /// else the first cell that differs in any row; a row only one file has counts too.
    static func firstInTable(committed: String, rebuilt: String) -> [ValueChange] {
        func cells(_ text: String) -> [[String]] {
            text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        }
        let old = cells(committed), new = cells(rebuilt)
        let header = new.first ?? []
        func cell(_ rows: [[String]], _ row: Int, _ column: Int) -> String {
            row < rows.count && column < rows[row].count ? rows[row][column] : ""
        }
        func change(row: Int, column: Int) -> ValueChange {
            let place = row == 0 ? "header" : "\(header.first ?? "row") \(cell(new, row, 0).isEmpty ? cell(old, row, 0) : cell(new, row, 0))"
            let name = column < header.count && row > 0 ? " " + header[column] : ""
            return ValueChange(run: nil, field: place + name, committed: cell(old, row, column), rebuilt: cell(new, row, column))
        }
        let rows = 0..<max(old.count, new.count)
        if header == old.first, let loss = header.firstIndex(of: "loss"),
           let row = rows.first(where: { $0 > 0 && cell(old, $0, loss) != cell(new, $0, loss) }) {
            return [change(row: row, column: loss)]
        }
        for row in rows {
            let width = max(row < old.count ? old[row].count : 0, row < new.count ? new[row].count : 0)
            if let column = (0..<width).first(where: { cell(old, row, $0) != cell(new, row, $0) }) {
                return [change(row: row, column: column)]
            }
        }
        return []
    }
}

extension CourseCheck {
    /// Whether `path` is a figure's player script, `data/<lesson>/<figure id>.figure.js`.
    static func isFigureScript(_ path: String) -> Bool {
        path.hasPrefix("data/") && path.hasSuffix(".figure.js")
    }

    /// A figure script's lines split into its numbers (runs, paths, losses: tier 1) and its
    /// `"transforms"` line, the PNG layouts' panel transforms, which move with the font
    /// metrics and so are compared as tier 3 is.
    static func splitFigureScript(_ bytes: [UInt8]) -> (numbers: [UInt8], transforms: [UInt8]) {
        var numbers: [UInt8] = [], transforms: [UInt8] = []
        for line in bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            if line.drop(while: { $0 == UInt8(ascii: " ") }).starts(with: Array("\"transforms\":".utf8)) {
                transforms += line
            } else {
                numbers += line + [UInt8(ascii: "\n")]
            }
        }
        return (numbers, transforms)
    }

    /// The first value of a figure script's `"transforms"` line that differs (`transforms wide plot [0]`).
    static func transformsChange(committed: [UInt8], rebuilt: [UInt8]) -> [ValueChange] {
        func tree(_ line: [UInt8]) -> JSONTree? {
            var text = String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespaces)
            if text.hasSuffix(",") { text.removeLast() }
            return JSONTree.parse(Array("{\(text)}".utf8))
        }
        guard let old = tree(committed), let new = tree(rebuilt) else { return [] }
        return ValueChange.first(committed: old, rebuilt: new, run: nil).map { [$0] } ?? []
    }

    /// A figure script's object (the JSON between `= ` and the closing `;`), its transforms left out.
    static func figureScriptNumbers(_ bytes: [UInt8]) -> JSONTree? {
        let text = String(decoding: bytes, as: UTF8.self)
        guard let start = text.range(of: "] = {"), let end = text.range(of: "};", options: .backwards), start.upperBound <= end.lowerBound,
              case let .object(members)? = JSONTree.parse(Array(("{" + text[start.upperBound..<end.lowerBound] + "}").utf8))
        else { return nil }
        return .object(members.filter { $0.key != "transforms" })
    }
}

/// A JSON document as `check` compares it: members in their written order, each number,
/// string or literal as its exact text (Foundation's parser on Linux rounds some doubles,
/// which would hide or invent a last-bit change).
indirect enum JSONTree: Equatable {
    case leaf(String)
    case array([JSONTree])
    case object([(key: String, value: JSONTree)])

    static func == (a: JSONTree, b: JSONTree) -> Bool {
        switch (a, b) {
        case let (.leaf(x), .leaf(y)): return x == y
        case let (.array(x), .array(y)): return x == y
        case let (.object(x), .object(y)): return x.map(\.key) == y.map(\.key) && x.map(\.value) == y.map(\.value)
        default: return false
        }
    }

    /// The document in `bytes`, or nil when it is not one JSON value.
    static func parse(_ bytes: [UInt8]) -> JSONTree? {
        var reader = Reader(bytes: bytes)
        guard let tree = reader.value() else { return nil }
        reader.skipSpace()
        return reader.at == bytes.count ? tree : nil
    }

    /// A string leaf's text without its quotes and escapes.
    static func unquoted(_ leaf: String) -> String {
        (try? JSONDecoder().decode(String.self, from: Data(leaf.utf8))) ?? leaf
    }

    struct Reader {
        var bytes: [UInt8]
        var at = 0

        mutating func skipSpace() {
            while at < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[at]) { at += 1 }
        }

        mutating func value() -> JSONTree? {
            skipSpace()
            guard at < bytes.count else { return nil }
            switch bytes[at] {
            case UInt8(ascii: "{"):
                at += 1
                var members: [(key: String, value: JSONTree)] = []
                if expect("}") { return .object(members) }
                while true {
                    skipSpace()
                    guard let key = string(), expect(":"), let member = value() else { return nil }
                    members.append((JSONTree.unquoted(key), member))
                    if expect("}") { return .object(members) }
                    guard expect(",") else { return nil }
                }
            case UInt8(ascii: "["):
                at += 1
                var elements: [JSONTree] = []
                if expect("]") { return .array(elements) }
                while true {
                    guard let element = value() else { return nil }
                    elements.append(element)
                    if expect("]") { return .array(elements) }
                    guard expect(",") else { return nil }
                }
            case UInt8(ascii: "\""):
                return string().map(JSONTree.leaf)
            default:
                let start = at
                while at < bytes.count, !Array(",]} \t\r\n".utf8).contains(bytes[at]) { at += 1 }
                return at > start ? .leaf(String(decoding: bytes[start..<at], as: UTF8.self)) : nil
            }
        }

        /// A string with its quotes, as written.
        mutating func string() -> String? {
            guard at < bytes.count, bytes[at] == UInt8(ascii: "\"") else { return nil }
            let start = at
            at += 1
            while at < bytes.count, bytes[at] != UInt8(ascii: "\"") { at += bytes[at] == UInt8(ascii: "\\") ? 2 : 1 }
            guard at < bytes.count else { return nil }
            at += 1
            return String(decoding: bytes[start..<at], as: UTF8.self)
        }

        mutating func expect(_ character: UInt8) -> Bool {
            skipSpace()
            guard at < bytes.count, bytes[at] == character else { return false }
            at += 1
            return true
        }

        mutating func expect(_ character: Unicode.Scalar) -> Bool { expect(UInt8(ascii: character)) }
    }
}
