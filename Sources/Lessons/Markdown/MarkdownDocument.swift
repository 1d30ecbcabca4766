import CCmark
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A Markdown document parsed by cmark-gfm with the GFM extensions (tables, strikethrough,
/// autolinks, task lists, footnotes). Owns the cmark parser and tree and frees them.
public final class MarkdownDocument {
    /// A fenced code block: its info string, its text, and the line of its opening fence
    /// (counting from 1 in the Markdown given to `init`).
    public struct FencedBlock: Hashable, Sendable {
        public var info: String
        public var literal: String
        public var line: Int
        public var column: Int
    }

    static let extensionNames = ["table", "strikethrough", "autolink", "tasklist"]
    private static let options = CMARK_OPT_FOOTNOTES | CMARK_OPT_STRIKETHROUGH_DOUBLE_TILDE

    private let parser: OpaquePointer
    private let root: OpaquePointer

    /// cmark-gfm is not re-entrant: parsing with extensions adds and removes characters in a
    /// global table of special characters, and registering the core extensions is guarded by a
    /// plain flag. Concurrent parses (a parallel build, parallel tests) corrupt each other and
    /// abort, so every call into cmark-gfm holds this lock.
    static let libraryLock = NSLock()

    public init(markdown: String) {
        Self.libraryLock.lock()
        defer { Self.libraryLock.unlock() }
        cmark_gfm_core_extensions_ensure_registered()
        let parser = cmark_parser_new(Self.options)!
        for name in Self.extensionNames {
            if let syntaxExtension = cmark_find_syntax_extension(name) {
                cmark_parser_attach_syntax_extension(parser, syntaxExtension)
            }
        }
        var text = markdown
        text.withUTF8 { bytes in
            bytes.withMemoryRebound(to: CChar.self) { cmark_parser_feed(parser, $0.baseAddress, $0.count) }
        }
        self.root = cmark_parser_finish(parser)
        self.parser = parser
    }

    deinit {
        Self.libraryLock.lock()
        defer { Self.libraryLock.unlock() }
        cmark_node_free(root)
        cmark_parser_free(parser)
    }

    /// Every fenced code block, in document order.
    public var fencedBlocks: [FencedBlock] {
        nodes(ofType: CMARK_NODE_CODE_BLOCK).compactMap { node in
            guard Self.isFenced(node) else { return nil }
            return FencedBlock(
                info: Self.string(cmark_node_get_fence_info(node)),
                literal: Self.string(cmark_node_get_literal(node)),
                line: Int(cmark_node_get_start_line(node)),
                column: Int(cmark_node_get_start_column(node)))
        }
    }

    /// Whether the document has a code block, fenced or indented (an experiment block counts).
    public var hasCodeBlocks: Bool {
        !nodes(ofType: CMARK_NODE_CODE_BLOCK).isEmpty
    }

    /// The lines (from 1) of code blocks and raw HTML blocks, which prose processing leaves alone.
    public var verbatimLines: [ClosedRange<Int>] {
        (nodes(ofType: CMARK_NODE_CODE_BLOCK) + nodes(ofType: CMARK_NODE_HTML_BLOCK)).map { node in
            let start = Int(cmark_node_get_start_line(node)), end = Int(cmark_node_get_end_line(node))
            return start...max(start, end)
        }
    }

    /// The headings of levels 2 and 3 with their plain text, in order.
    public var headings: [(level: Int, text: String)] {
        nodes(ofType: CMARK_NODE_HEADING).map { node in
            (Int(cmark_node_get_heading_level(node)), plainText(of: node))
        }
    }

    /// Replaces the fenced blocks whose info string's first word is `info`, in order, with
    /// raw HTML blocks. Extra blocks beyond `html.count` are left as they are.
    public func replaceFencedBlocks(info: String, with html: [String]) {
        let blocks = nodes(ofType: CMARK_NODE_CODE_BLOCK).filter { node in
            Self.isFenced(node)
                && Self.firstWord(Self.string(cmark_node_get_fence_info(node))) == info
        }
        for (node, replacement) in zip(blocks, html) {
            guard let htmlNode = cmark_node_new(CMARK_NODE_HTML_BLOCK) else { continue }
            cmark_node_set_literal(htmlNode, replacement)
            if cmark_node_replace(node, htmlNode) != 0 {
                cmark_node_free(node)
            } else {
                cmark_node_free(htmlNode)
            }
        }
    }

    /// The document as HTML. Raw HTML in the lesson is kept (lessons are written by their
    /// course's authors, as in Quarto or Jupyter Book).
    public func html() -> String {
        Self.libraryLock.lock()
        defer { Self.libraryLock.unlock() }
        let extensions = cmark_parser_get_syntax_extensions(parser)
        guard let rendered = cmark_render_html(root, Self.options | CMARK_OPT_UNSAFE, extensions) else { return "" }
        defer { free(rendered) }
        return String(cString: rendered)
    }

    /// A heading with the anchor id it was given.
    public struct Heading: Hashable, Sendable {
        public var level: Int
        public var text: String
        public var id: String
        /// Inside a `<details>` block (a folded answer): kept out of the table of contents,
        /// which would otherwise show what the reader has not unfolded.
        public var folded: Bool
    }

    /// Gives every heading an anchor (an empty span with an id at its start, so that links to
    /// `#id` land on it) and returns the headings in order. Ids are made from the heading's
    /// text as GitHub makes them (lower case, spaces to hyphens, punctuation dropped, letters of
    /// any script kept), numbered when they repeat.
    public func anchorHeadings() -> [Heading] {
        var used: [String: Int] = [:]
        let folded = Set(foldedHeadings.map { UnsafeRawPointer($0) })
        return nodes(ofType: CMARK_NODE_HEADING).map { node in
            let text = plainText(of: node)
            let base = Self.slug(text)
            let count = used[base, default: 0]
            used[base] = count + 1
            let id = count == 0 ? base : "\(base)-\(count)"
            if let anchor = cmark_node_new(CMARK_NODE_HTML_INLINE) {
                cmark_node_set_literal(anchor, "<span class=\"anchor\" id=\"\(id)\"></span>")
                if cmark_node_prepend_child(node, anchor) == 0 { cmark_node_free(anchor) }
            }
            return Heading(level: Int(cmark_node_get_heading_level(node)), text: text, id: id, folded: folded.contains(UnsafeRawPointer(node)))
        }
    }

    /// A piece of the document as a reader meets it, for the search index: a heading (its
    /// position among all headings, as `anchorHeadings` counts them), plain text, or a fenced
    /// block (only its info string: code is not prose).
    public enum Passage: Hashable, Sendable {
        case heading(Int)
        case text(String)
        case fencedBlock(info: String)
    }

    /// The document's prose in order, split at its headings: the text of paragraphs, lists,
    /// quotes and tables, each block ending in a space. Inline code, code blocks and raw HTML
    /// are left out; math and result placeholders stay for the caller to drop.
    public var passages: [Passage] {
        var passages: [Passage] = []
        var headings = 0
        var insideHeading = 0
        guard let iterator = cmark_iter_new(root) else { return passages }
        defer { cmark_iter_free(iterator) }
        while case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE {
            guard let node = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(node)
            if type == CMARK_NODE_HEADING {
                if event == CMARK_EVENT_ENTER {
                    passages.append(.heading(headings))
                    headings += 1
                    insideHeading += 1
                } else {
                    insideHeading -= 1
                }
                continue
            }
            guard insideHeading == 0 else { continue }
            switch (type, event) {
            case (CMARK_NODE_TEXT, CMARK_EVENT_ENTER):
                passages.append(.text(Self.string(cmark_node_get_literal(node))))
            case (CMARK_NODE_SOFTBREAK, CMARK_EVENT_ENTER), (CMARK_NODE_LINEBREAK, CMARK_EVENT_ENTER),
                 (CMARK_NODE_PARAGRAPH, CMARK_EVENT_EXIT), (CMARK_NODE_ITEM, CMARK_EVENT_EXIT):
                passages.append(.text(" "))
            case (CMARK_NODE_CODE_BLOCK, _) where Self.isFenced(node):
                passages.append(.fencedBlock(info: Self.firstWord(Self.string(cmark_node_get_fence_info(node)))))
            default:
                // Table cells are extension nodes: a space after each keeps their words apart.
                if event == CMARK_EVENT_EXIT, cmark_node_get_type_string(node).map({ String(cString: $0) }) == "table_cell" {
                    passages.append(.text(" "))
                }
            }
        }
        return passages
    }

    /// Whether the document folds an answer: a raw HTML block opening `<details class="answer">`.
    public var hasFoldedAnswers: Bool {
        nodes(ofType: CMARK_NODE_HTML_BLOCK).contains { node in
            Self.opensAnswer(Self.string(cmark_node_get_literal(node)))
        }
    }

    /// Whether raw HTML opens a `<details>` element of class `answer`.
    public static func opensAnswer(_ html: String) -> Bool {
        let lowered = html.lowercased()
        return lowered.contains("<details") && lowered.contains("answer")
    }

    /// The headings between a raw HTML block that opens `<details` and the one that closes it.
    /// cmark-gfm parses the Markdown between such blocks as Markdown, so the `<details>`
    /// element is only visible in the raw blocks around it, in document order.
    private var foldedHeadings: [OpaquePointer] {
        var found: [OpaquePointer] = []
        var depth = 0
        guard let iterator = cmark_iter_new(root) else { return found }
        defer { cmark_iter_free(iterator) }
        while case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE {
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(node)
            if type == CMARK_NODE_HTML_BLOCK {
                let html = Self.string(cmark_node_get_literal(node)).lowercased()
                depth = max(0, depth + html.occurrences(of: "<details") - html.occurrences(of: "</details"))
            } else if type == CMARK_NODE_HEADING, depth > 0 {
                found.append(node)
            }
        }
        return found
    }

    /// An anchor id for a heading's text.
    public static func slug(_ text: String) -> String {
        var slug = ""
        var pendingHyphen = false
        // Math and result placeholders (private-use characters and the number between them) are dropped.
        var inPlaceholder = false
        for scalar in text.lowercased().unicodeScalars {
            if scalar == "\u{E000}" || scalar == "\u{E002}" { inPlaceholder = true; continue }
            if scalar == "\u{E001}" || scalar == "\u{E003}" { inPlaceholder = false; continue }
            if inPlaceholder { continue }
            if scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                if pendingHyphen, !slug.isEmpty { slug += "-" }
                pendingHyphen = false
                slug.unicodeScalars.append(scalar)
            } else if scalar == " " || scalar == "-" || scalar == "_" {
                pendingHyphen = true
            }
        }
        return slug.isEmpty ? "section" : slug
    }

    /// The first word of a fence's info string: "experiment" for "experiment {#x}".
    public static func firstWord(_ info: String) -> String {
        String(info.split(whereSeparator: { $0 == " " || $0 == "\t" }).first ?? "")
    }

    private func nodes(ofType type: cmark_node_type) -> [OpaquePointer] {
        var found: [OpaquePointer] = []
        guard let iterator = cmark_iter_new(root) else { return found }
        defer { cmark_iter_free(iterator) }
        while case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE {
            if event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator), cmark_node_get_type(node) == type {
                found.append(node)
            }
        }
        return found
    }

    private func plainText(of node: OpaquePointer) -> String {
        var text = ""
        guard let iterator = cmark_iter_new(node) else { return text }
        defer { cmark_iter_free(iterator) }
        while case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE {
            guard event == CMARK_EVENT_ENTER, let child = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(child)
            if type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE {
                text += Self.string(cmark_node_get_literal(child))
            }
        }
        return text
    }

    private static func isFenced(_ node: OpaquePointer) -> Bool {
        // cmark writes through every out-pointer, so none may be nil.
        var length: Int32 = 0
        var offset: Int32 = 0
        var character: CChar = 0
        return cmark_node_get_fenced(node, &length, &offset, &character) != 0
    }

    private static func string(_ pointer: UnsafePointer<CChar>?) -> String {
        pointer.map { String(cString: $0) } ?? ""
    }
}

extension String {
    /// How many times `part` occurs, not overlapping.
    func occurrences(of part: String) -> Int {
        components(separatedBy: part).count - 1
    }
}
