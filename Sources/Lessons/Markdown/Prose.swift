/// A lesson's Markdown made ready for cmark-gfm: math is lifted out (so that `_` and `*`
/// inside it are not emphasis) and `@fig-…`, `@tbl-…` and `@exp-…` references are resolved into links.
public struct Prose: Hashable, Sendable {
    /// One math span, to be handed to KaTeX unchanged.
    public struct Math: Hashable, Sendable {
        public var tex: String
        public var display: Bool
    }

    /// The Markdown, with each math span replaced by `Prose.placeholder(index)` and each
    /// `{result}` code span by `Prose.resultPlaceholder(index)`.
    public var markdown: String
    public var math: [Math]
    /// The inline results, in order; the build fills in what each shows.
    public var results: [InlineResult] = []

    /// A marker of private-use characters that Markdown passes through untouched.
    public static func placeholder(_ index: Int) -> String { "\u{E000}\(index)\u{E001}" }
    public static func resultPlaceholder(_ index: Int) -> String { "\u{E002}\(index)\u{E003}" }

    /// `html` with every placeholder replaced by its math, TeX escaped for HTML and wrapped
    /// in KaTeX's `\(…\)` or `\[…\]` delimiters. Inside a tag (an image's alt text, a link's
    /// title) no markup may go: there the math stays its TeX source, `$…$`, escaped.
    public func substitutingMath(in html: String, escape: (String) -> String) -> String {
        guard !math.isEmpty else { return html }
        return Self.substituting(opening: "\u{E000}", closing: "\u{E001}", in: html, count: math.count) { index, insideTag in
            let span = math[index]
            if insideTag { return escape(span.display ? "$$" + span.tex + "$$" : "$" + span.tex + "$") }
            return span.display
                ? "<span class=\"math display\">\\[" + escape(span.tex) + "\\]</span>"
                : "<span class=\"math inline\">\\(" + escape(span.tex) + "\\)</span>"
        }
    }

    /// `html` with its math and its inline results in place. A result shows its number with
    /// what it measured as a tooltip (`title` words it in the page's language); one the build
    /// could not measure shows a marker saying why.
    public func substitutingSpans(in html: String, escape: (String) -> String, title: (String) -> String = { $0 }) -> String {
        let withMath = substitutingMath(in: html, escape: escape)
        guard !results.isEmpty else { return withMath }
        return Self.substituting(opening: "\u{E002}", closing: "\u{E003}", in: withMath, count: results.count) { index, insideTag in
            let result = results[index]
            let rendered = result.rendered ?? .missing(marker: "[not measured]", reason: "the build did not measure this")
            switch rendered {
            case let .value(text):
                return insideTag ? escape(text) : "<span class=\"result\" title=\"\(escape(title(result.source)))\">\(escape(text))</span>"
            case let .missing(marker, reason):
                return insideTag ? escape(marker) : "<span class=\"result missing\" title=\"\(escape(reason))\">\(escape(marker))</span>"
            }
        }
    }

    /// Replaces each `opening` index `closing` marker in `html` by `replacement(index, insideTag)`.
    static func substituting(opening: Character, closing: Character, in html: String, count: Int, replacement: (Int, Bool) -> String) -> String {
        guard html.contains(opening) else { return html }
        var result = ""
        var rest = html[...]
        var insideTag = false
        func copy(_ text: Substring) {
            // cmark escapes `<` and `>` in text and attributes, so the last bracket copied tells.
            if let bracket = text.last(where: { $0 == "<" || $0 == ">" }) { insideTag = bracket == "<" }
            result += text
        }
        while let start = rest.firstIndex(of: opening) {
            copy(rest[..<start])
            let afterStart = rest.index(after: start)
            guard let end = rest[afterStart...].firstIndex(of: closing), let index = Int(rest[afterStart..<end]), (0..<count).contains(index) else {
                result.append(rest[start])
                rest = rest[afterStart...]
                continue
            }
            result += replacement(index, insideTag)
            rest = rest[rest.index(after: end)...]
        }
        return result + rest
    }
}

/// What a `@…` reference can point at: its link text and anchor.
struct ReferenceTarget {
    var text: String
    var anchor: String
}

/// Scans a lesson body for math and references, skipping code blocks, raw HTML blocks and
/// inline code spans. Math follows Pandoc's rules: `$$…$$` is display math; `$…$` is inline
/// math when the opening `$` is not followed by a space and the closing one is neither preceded
/// by a space nor followed by a digit, so "$5 and $10" stays text; `\$` is a literal dollar.
struct ProseScanner {
    let text: [Character]
    /// Line (from 1) of each character.
    let lines: [Int]
    let columns: [Int]
    let verbatim: [ClosedRange<Int>]
    let references: [String: ReferenceTarget]
    /// What `{result}` spans are checked against, and where they are in the file.
    var experiments: [ExperimentSpec] = []
    var salvagedIDs: Set<String> = []
    var file = ""
    var lineOffset = 0
    var math: [Prose.Math] = []
    var results: [InlineResult] = []
    var unknown: [(reference: String, line: Int, column: Int)] = []
    var problems: [Diagnostic] = []

    init(_ body: String, verbatim: [ClosedRange<Int>], references: [String: ReferenceTarget]) {
        text = Array(body)
        var lines: [Int] = []
        var columns: [Int] = []
        var line = 1, column = 1
        for character in text {
            lines.append(line)
            columns.append(column)
            if character == "\n" || character == "\r\n" { line += 1; column = 1 } else { column += 1 }
        }
        self.lines = lines
        self.columns = columns
        self.verbatim = verbatim
        self.references = references
    }

    func isVerbatim(_ index: Int) -> Bool {
        let line = lines[index]
        return verbatim.contains { $0.contains(line) }
    }

    func isBlankLine(at index: Int) -> Bool {
        // A newline followed by only spaces up to the next newline ends a paragraph.
        var next = index + 1
        while next < text.count, text[next] == " " || text[next] == "\t" { next += 1 }
        return next >= text.count || text[next] == "\n" || text[next] == "\r\n"
    }

    mutating func scan() -> String {
        var output = ""
        var index = 0
        while index < text.count {
            let character = text[index]
            if isVerbatim(index) {
                output.append(character)
                index += 1
                continue
            }
            switch character {
            case "\\" where index + 1 < text.count:
                // An escape is copied as it is: `\$` stays a literal dollar for cmark.
                output.append(character)
                output.append(text[index + 1])
                index += 2
            case "`":
                index = copyCodeSpan(from: index, into: &output)
            case "$":
                if let (tex, display, end) = mathSpan(at: index) {
                    output += Prose.placeholder(math.count)
                    math.append(Prose.Math(tex: tex, display: display))
                    index = end
                } else {
                    output.append(character)
                    index += 1
                }
            case "@":
                index = reference(at: index, into: &output)
            default:
                output.append(character)
                index += 1
            }
        }
        return output
    }

    /// Copies a code span (a run of n backticks to the next run of exactly n) verbatim; a
    /// span that starts with `{result}` becomes an inline result's placeholder.
    mutating func copyCodeSpan(from start: Int, into output: inout String) -> Int {
        var runEnd = start
        while runEnd < text.count, text[runEnd] == "`" { runEnd += 1 }
        let length = runEnd - start
        var search = runEnd
        while search < text.count {
            if text[search] == "\n", isBlankLine(at: search) { break }
            if text[search] == "`" {
                var closeEnd = search
                while closeEnd < text.count, text[closeEnd] == "`" { closeEnd += 1 }
                if closeEnd - search == length {
                    // Only a single-backtick span is a result: ``{result} …`` shows the form itself.
                    let result = length == 1 ? inlineResult(in: runEnd..<search) : nil
                    output += result ?? String(text[start..<closeEnd])
                    return closeEnd
                }
                search = closeEnd
            } else {
                search += 1
            }
        }
        output += String(text[start..<runEnd])
        return runEnd
    }

    /// The placeholder of the inline result a code span's `content` holds, if it holds one;
    /// a span that does not read is reported at the place it goes wrong.
    mutating func inlineResult(in content: Range<Int>) -> String? {
        let first = content.lowerBound
        let marker = Array(InlineResult.marker)
        guard content.upperBound - first >= marker.count, Array(text[first..<(first + marker.count)]) == marker else { return nil }
        let after = (first + marker.count)..<content.upperBound
        guard after.count <= InlineResultParser.maximumLength else {
            let location = SourceLocation(file: file, line: lineOffset + lines[first - 1], column: columns[first - 1])
            problems.append(Diagnostic(.malformedResult(problem: "it is \(after.count) characters long, and an inline result is at most \(InlineResultParser.maximumLength)", example: InlineResultParser.example), at: location))
            return nil
        }
        let parser = InlineResultParser(
            // A line break inside a code span is a space, as CommonMark reads it.
            text: text[after].map { $0 == "\n" || $0 == "\r\n" ? " " : $0 },
            positions: after.map { SourceLocation(file: file, line: lineOffset + lines[$0], column: columns[$0]) },
            spanLocation: SourceLocation(file: file, line: lineOffset + lines[first - 1], column: columns[first - 1]),
            experiments: experiments, salvaged: salvagedIDs)
        do {
            guard let result = try parser.parse() else { return nil }
            results.append(result)
            return Prose.resultPlaceholder(results.count - 1)
        } catch {
            problems.append(Diagnostic(error.kind, at: error.location))
            return nil
        }
    }

    /// The math starting at `start`, its kind and the index after it.
    func mathSpan(at start: Int) -> (String, Bool, Int)? {
        let display = start + 1 < text.count && text[start + 1] == "$"
        let open = display ? 2 : 1
        let contentStart = start + open
        guard contentStart < text.count else { return nil }
        if !display, text[contentStart].isWhitespace { return nil }
        var index = contentStart
        while index < text.count {
            let character = text[index]
            if isVerbatim(index) { return nil }
            if character == "\n", isBlankLine(at: index) { return nil }
            if character == "\\" { index += 2; continue }
            if character == "$" {
                if display {
                    if index + 1 < text.count, text[index + 1] == "$" {
                        let tex = String(text[contentStart..<index]).trimmingCharacters(in: .whitespacesAndNewlines)
                        return tex.isEmpty ? nil : (tex, true, index + 2)
                    }
                } else {
                    let before = text[index - 1]
                    let after = index + 1 < text.count ? text[index + 1] : " "
                    if !before.isWhitespace, !after.isNumber, index > contentStart {
                        return (String(text[contentStart..<index]), false, index + 1)
                    }
                    if index == contentStart { return nil }
                }
            }
            index += 1
        }
        return nil
    }

    /// Replaces `@fig-id`, `@tbl-id` or `@exp-id` with a Markdown link, or records it as unknown.
    mutating func reference(at start: Int, into output: inout String) -> Int {
        let previous = start > 0 ? text[start - 1] : " "
        let word = String(text[(start + 1)..<min(text.count, start + 5)])
        guard !(previous.isLetter || previous.isNumber), ["fig-", "tbl-", "exp-"].contains(word) else {
            output.append("@")
            return start + 1
        }
        var end = start + 5
        while end < text.count, text[end].isASCII, text[end].isLowercase || text[end].isNumber || text[end] == "-" { end += 1 }
        while end > start + 5, text[end - 1] == "-" { end -= 1 }  // a hyphen that ends a sentence
        guard end > start + 5 else {
            output.append("@")
            return start + 1
        }
        let name = String(text[(start + 1)..<end])
        if let target = references[name] {
            output += "[\(target.text)](#\(target.anchor))"
        } else {
            unknown.append((name, lines[start], columns[start]))
            output += String(text[start..<end])
        }
        return end
    }
}
