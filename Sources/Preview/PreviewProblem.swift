import Foundation
import Lessons

/// One problem of a failed build as the overlay and the terminal show it: where, what, and the
/// offending line of the source file.
struct PreviewProblem: Encodable, Equatable, Sendable {
    var file: String
    var line: Int
    var column: Int
    var message: String
    /// The source file's line `line`, when the file can be read and has it.
    var source: String?
}

extension PreviewProblem {
    /// Splits a build message (`file:line:column: error: message`, as every BuildProblem reads)
    /// and reads the source line; `directory` is where relative file names start.
    init(description: String, directory: URL) {
        (file, line, column, message) = Self.split(description)
        source = Self.sourceLine(file: file, line: line, directory: directory)
    }

    /// The lines the terminal prints: the build's message, then the source line with a caret.
    var terminalLines: [String] {
        var lines = ["\(file):\(line):\(column): \(message)"]
        if let source {
            let gutter = "\(line) | "
            lines.append("    " + gutter + Diagnostic.escapingControlCharacters(source))
            lines.append("    " + String(repeating: " ", count: gutter.count + max(0, column - 1)) + "^")
        }
        return lines
    }

    static func split(_ description: String) -> (String, Int, Int, String) {
        // The first `:LINE:COLUMN: ` ends the file name (a file name may hold colons itself).
        let text = Array(description)
        var index = 0
        while index < text.count {
            if text[index] == ":", let (line, column, end) = position(in: text, from: index + 1) {
                return (String(text[..<index]), line, column, String(text[end...]))
            }
            index += 1
        }
        return ("", 1, 1, description)
    }

    /// `LINE:COLUMN: ` at `start`, with the index after it.
    private static func position(in text: [Character], from start: Int) -> (Int, Int, Int)? {
        func number(from index: Int) -> (Int, Int)? {
            var end = index
            while end < text.count, text[end].isASCII, text[end].isNumber { end += 1 }
            guard end > index, end - index < 10, let value = Int(String(text[index..<end])) else { return nil }
            return (value, end)
        }
        guard let (line, afterLine) = number(from: start), afterLine < text.count, text[afterLine] == ":",
              let (column, afterColumn) = number(from: afterLine + 1),
              afterColumn + 1 < text.count, text[afterColumn] == ":", text[afterColumn + 1] == " "
        else { return nil }
        return (line, column, afterColumn + 2)
    }

    static func sourceLine(file: String, line: Int, directory: URL) -> String? {
        guard !file.isEmpty, line >= 1 else { return nil }
        let url = file.hasPrefix("/") ? URL(fileURLWithPath: file) : directory.appendingPathComponent(file)
        var info = stat()
        guard stat(url.path, &info) == 0, info.st_mode & S_IFMT == S_IFREG, info.st_size < 16 << 20,
              let data = FileManager.default.contents(atPath: url.path) else { return nil }
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        guard line <= lines.count else { return nil }
        var text = String(lines[line - 1])
        if text.hasSuffix("\r") { text.removeLast() }
        if text.count > 400 { text = String(text.prefix(400)) + "…" }
        return text
    }
}
