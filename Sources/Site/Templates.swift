import Foundation
import Lessons
import Mustache

/// The Mustache templates of the index and the lesson pages: the defaults compiled into
/// Descent, or a course's own in `lessons/_templates/` (`page.mustache`, `index.mustache`),
/// read at build time so that a course can restyle its pages without recompiling.
///
/// `{{name}}` escapes for HTML; `{{{name}}}` inserts HTML that Descent made (the lesson's
/// content, the table of contents' entries). See docs/templates.md for every variable.
public struct Templates: Sendable {
    var page: MustacheTemplate
    var index: MustacheTemplate
    /// A course's own template: its path as the author reads it and its text, for the
    /// positions of errors met while rendering; nil for Descent's defaults.
    var pageSource: Source?
    var indexSource: Source?

    struct Source: Sendable {
        var file: String
        var text: String
    }

    public static let folderName = "_templates"

    /// The templates Descent ships with.
    public static let defaults: Templates = {
        // The default templates are constants of this file; they parse.
        guard let page = try? MustacheTemplate(string: defaultPage), let index = try? MustacheTemplate(string: defaultIndex) else {
            preconditionFailure("Descent's own templates do not parse")
        }
        return Templates(page: page, index: index)
    }()

    /// The defaults, with each template that `directory` holds in its place. The templates
    /// must lie inside the lessons folder (`directory`'s parent), links resolved.
    public static func load(from directory: URL, displayDirectory: String) throws(SiteError) -> Templates {
        var templates = defaults
        let lessons = directory.deletingLastPathComponent()
        for name in ["page", "index"] {
            let url = directory.appendingPathComponent(name + ".mustache")
            var isDirectory: ObjCBool = false
            // A missing template keeps the default; a dangling link is a mistake to report.
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory)
                || (try? FileManager.default.destinationOfSymbolicLink(atPath: url.path)) != nil
            else { continue }
            let display = displayDirectory + "/" + name + ".mustache"
            let data: Data
            switch LessonFiles.read(url, inside: lessons) {
            case let .success(bytes): data = bytes
            case let .failure(problem):
                throw .template(file: display, line: 1, column: 1, message: "The file `\(display)` \(problem.problem); \(problem.advice).")
            }
            guard let text = String(data: data, encoding: .utf8) else {
                throw .template(file: display, line: 1, column: 1, message: "The template is not UTF-8 text; save it with UTF-8 encoding.")
            }
            if let deep = TemplateDepth.firstTooDeep(text, limit: Limits.templateDepth) {
                throw .template(file: display, line: deep.line, column: deep.column,
                                message: "This section is nested \(Limits.templateDepth + 1) deep; the limit is \(Limits.templateDepth) nested sections per template. Close sections sooner or flatten them.")
            }
            do {
                let template = try MustacheTemplate(string: text)
                let source = Source(file: display, text: text)
                if name == "page" {
                    templates.page = template
                    templates.pageSource = source
                } else {
                    templates.index = template
                    templates.indexSource = source
                }
            } catch let error as MustacheTemplate.ParserError {
                throw .template(file: display, line: error.context.lineNumber, column: error.context.columnNumber,
                                message: parseMessage(error.error, line: error.context.line, column: error.context.columnNumber))
            } catch {
                throw .template(file: display, line: 1, column: 1, message: "The template does not parse; check that every tag opened with `{{` is closed with `}}` and every `{{#section}}` has its `{{/section}}`.")
            }
        }
        return templates
    }

    /// What a swift-mustache parse error means, in words, and what would be right. `line` is
    /// the text of the line where the parser stopped, `column` its 1-based column there.
    static func parseMessage(_ error: any Error, line: String, column: Int) -> String {
        // swift-mustache's reader has one error of its own: the text ended inside a tag.
        guard let error = error as? MustacheTemplate.Error else { return unclosedTagMessage(line: line, column: column) }
        switch error {
        case .unfinishedName:
            return unclosedTagMessage(line: line, column: column)
        case .sectionCloseNameIncorrect:
            return "This closing tag does not name the section it closes; close the innermost open section first, with `{{/name}}` giving the name of its `{{#name}}`."
        case .expectedSectionEnd:
            return "A section is not closed; check that every `{{#section}}` and `{{^section}}` has its `{{/section}}`."
        case .invalidSetDelimiter:
            return "This set-delimiter tag is not well formed; write it as `{{=<% %>=}}`: the new opening and closing delimiters, separated by one space, between two `=`."
        case .transformAppliedToInheritanceSection:
            return "A transform such as `uppercased(…)` cannot apply to a `{{<parent}}` section; remove the transform from the tag."
        case .illegalTokenInsideInheritSection:
            return "Inside a `{{<parent}}` section only block definitions `{{$name}}…{{/name}}` may stand; move other tags into a block or out of the section."
        case .textInsideInheritSection:
            return "Text inside a `{{<parent}}` section must stand inside a block `{{$name}}…{{/name}}`; move it into a block or out of the section."
        case .invalidConfigVariableSyntax:
            return "This configuration tag is not well formed; write it as `{{% CONTENT_TYPE: HTML}}` or `{{% CONTENT_TYPE: TEXT}}`."
        case .unrecognisedConfigVariable:
            return "This configuration tag names a setting that does not exist; the only one is `CONTENT_TYPE` (`{{% CONTENT_TYPE: HTML}}` or `{{% CONTENT_TYPE: TEXT}}`)."
        }
    }

    /// A tag that is not closed, quoted from its last `{{` before `column` to the line's end or the next `{{`.
    static func unclosedTagMessage(line: String, column: Int) -> String {
        let before = String(line.prefix(max(0, column - 1)))
        if let found = before.range(of: "{{", options: .backwards) {
            // `{{{name}}}` is found at its second brace.
            var start = found.lowerBound
            if start > line.startIndex, line[line.index(before: start)] == "{" { start = line.index(before: start) }
            let rest = line[found.upperBound...]
            let end = rest.range(of: "{{")?.lowerBound ?? rest.endIndex
            let tag = String(line[start..<end]).trimmingCharacters(in: .whitespacesAndNewlines)
            if tag.count <= 60 {
                let close = tag.hasPrefix("{{{") ? "}}}" : "}}"
                return "The tag `\(tag)` is not closed; end it with `\(close)` (a tag's name is letters, digits, `_`, `-` or `.`)."
            }
        }
        return "A tag opened with `{{` is not closed with `}}`; end it with `}}` (a tag's name is letters, digits, `_`, `-` or `.`)."
    }

    /// The page that `template` makes of `values`. A course's own template (`source` not nil)
    /// renders within a `RenderBudget`; past it, the error names the limit at the section
    /// whose list ran out.
    static func render(_ template: MustacheTemplate, source: Source?, values: [String: Any]) -> Result<String, SiteError> {
        guard let source else { return .success(template.render(values)) }
        let budget = RenderBudget(templateSize: source.text.utf8.count)
        let html = template.render(CountedObject(values: values, budget: budget))
        guard let exceeded = budget.exceeded else { return .success(html) }
        let list: String?
        let message: String
        switch exceeded {
        case let .items(name):
            list = name
            message = "Rendering a page repeats the section `{{#\(name)}}` more than \(Limits.format(RenderBudget.itemLimit)) times, the limit of list items per page; a list nested inside itself multiplies (300 headings nested 4 deep are 300⁴), so use each list once, not inside itself."
        case let .bytes(name):
            list = name
            message = "Rendering a page writes more than \(RenderBudget.byteLimit / 1_000_000) MB, the limit per page (each list item counts the template's length); insert large values such as `{{{content}}}` once, not inside a list, and keep the template shorter."
        }
        let position = list.flatMap { TemplateDepth.innermostSection(named: $0, in: source.text) } ?? (line: 1, column: 1)
        return .failure(.template(file: source.file, line: position.line, column: position.column, message: message))
    }

    static let defaultPage = """
        <!DOCTYPE html>
        <html lang="{{language}}">
        <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{{title}} — {{courseTitle}}</title>
        {{{themeScript}}}
        <link rel="stylesheet" href="assets/descent.css" />
        <script defer="defer" src="assets/theme.js"></script>
        {{#hasMath}}
        <link rel="stylesheet" href="assets/katex/katex.min.css" />
        <script defer="defer" src="assets/katex/katex.min.js"></script>
        <script defer="defer" src="assets/descent.js"></script>
        {{/hasMath}}
        {{#hasAnswers}}
        <script defer="defer" src="assets/answers.js" data-show-answer="{{strings.page.showAnswer}}" data-answer="{{strings.page.answer}}"></script>
        {{/hasAnswers}}
        {{#hasCode}}
        <script defer="defer" src="assets/highlight/highlight.js"></script>
        <script defer="defer" src="assets/code.js" data-copy="{{strings.page.copy}}" data-copy-code="{{strings.page.copyCode}}" data-copied="{{strings.page.copied}}"></script>
        {{/hasCode}}
        </head>
        <body>
        <a class="skip-link" href="#main">{{strings.page.skipToText}}</a>
        <header class="site">{{{sidebarButton}}}<a class="course-title" href="index.html">{{courseTitle}}</a>{{{search}}}{{{themeToggle}}}</header>
        <div class="layout">
        {{{sidebar}}}
        <main class="lesson" id="main">
        <h1>{{title}}</h1>
        {{{content}}}
        </main>
        </div>
        <nav class="pager" aria-label="{{strings.page.lessons}}">
        {{#previous}}<a class="previous" rel="prev" href="{{href}}"><span class="pager-label">{{strings.page.previous}}</span>←\u{00A0}{{title}}</a>{{/previous}}
        {{#next}}<a class="next" rel="next" href="{{href}}"><span class="pager-label">{{strings.page.next}}</span>{{title}}\u{00A0}→</a>{{/next}}
        </nav>
        {{{navigationScripts}}}
        </body>
        </html>

        """

    static let defaultIndex = """
        <!DOCTYPE html>
        <html lang="{{language}}">
        <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{{courseTitle}}</title>
        {{{themeScript}}}
        <link rel="stylesheet" href="assets/descent.css" />
        <script defer="defer" src="assets/theme.js"></script>
        </head>
        <body>
        <a class="skip-link" href="#main">{{strings.page.skipToText}}</a>
        <header class="site">{{{sidebarButton}}}<a class="course-title" href="index.html">{{courseTitle}}</a>{{{search}}}{{{themeToggle}}}</header>
        <div class="layout">
        {{{sidebar}}}
        <main class="index" id="main">
        <h1>{{courseTitle}}</h1>
        {{#courseSummary}}<p class="course-summary">{{courseSummary}}</p>{{/courseSummary}}
        <ol class="lessons" aria-label="{{strings.page.lessons}}">
        {{#lessons}}
        <li>
        {{#thumbnail}}<a class="thumbnail" href="{{href}}" tabindex="-1" aria-hidden="true"><picture>{{#thumbnailDark}}<source media="screen and (prefers-color-scheme: dark)" data-media="screen and (prefers-color-scheme: dark)" srcset="{{thumbnailDark}}" />{{/thumbnailDark}}<img src="{{thumbnail}}" width="{{thumbnailWidth}}" height="{{thumbnailHeight}}" alt="" loading="lazy" /></picture></a>{{/thumbnail}}{{^thumbnail}}<span class="thumbnail placeholder" aria-hidden="true"></span>{{/thumbnail}}
        <div>
        <a class="lesson-title" href="{{href}}" data-number="{{number}}">{{title}}</a>
        {{#summary}}<p>{{summary}}</p>{{/summary}}
        {{#failed}}<p class="failed">{{strings.page.lessonFailed}}</p>{{/failed}}
        </div>
        </li>
        {{/lessons}}
        </ol>
        </main>
        </div>
        {{{navigationScripts}}}
        </body>
        </html>

        """
}

/// What can go wrong while making the site.
public enum SiteError: Error, Equatable, Sendable, CustomStringConvertible {
    case template(file: String, line: Int, column: Int, message: String)

    /// The template file the error is in, as the author reads its path.
    var file: String {
        switch self {
        case let .template(file, _, _, _): return file
        }
    }

    public var description: String {
        switch self {
        case let .template(file, line, column, message):
            return "\(file):\(line):\(column): error: \(message)"
        }
    }
}

/// How deeply a Mustache template nests its sections, read before swift-mustache parses it
/// (its parser recurses once per level, and a template nested thousands deep overflows the stack).
enum TemplateDepth {
    /// A tag that opens a section: its name, how many sections it is inside (counting
    /// itself), and its position (1-based line and column).
    struct SectionTag: Equatable {
        var name: String
        var depth: Int
        var line: Int
        var column: Int
    }

    /// The position of the first section tag that opens more than `limit` levels; nil when none does.
    static func firstTooDeep(_ text: String, limit: Int) -> (line: Int, column: Int)? {
        sectionTags(text, stoppingDeeperThan: limit).first { $0.depth > limit }.map { ($0.line, $0.column) }
    }

    /// The most deeply nested section tag named `name`, where the budget of a page ran out.
    static func innermostSection(named name: String, in text: String) -> (line: Int, column: Int)? {
        let tags = sectionTags(text, stoppingDeeperThan: Limits.templateDepth).filter { $0.name == name }
        return tags.max { $0.depth < $1.depth }.map { ($0.line, $0.column) }
    }

    /// The section tags of `text` in order, following `{{=<% %>=}}` delimiter changes, up to
    /// the first that is deeper than `limit`.
    static func sectionTags(_ text: String, stoppingDeeperThan limit: Int) -> [SectionTag] {
        let characters = Array(text)
        var open = Array("{{"), close = Array("}}")
        var depth = 0
        var index = 0
        var tags: [SectionTag] = []
        var counted = 0, line = 1, lineStart = 0
        func matches(_ token: [Character], at position: Int) -> Bool {
            position + token.count <= characters.count && Array(characters[position..<(position + token.count)]) == token
        }
        while index < characters.count {
            guard matches(open, at: index) else { index += 1; continue }
            let tagStart = index
            var cursor = index + open.count
            while cursor < characters.count, !matches(close, at: cursor) { cursor += 1 }
            let content = characters[min(index + open.count, cursor)..<cursor]
            index = cursor + close.count
            guard let sigil = content.first(where: { !$0.isWhitespace }) else { continue }
            switch sigil {
            case "#", "^", "$", "<":
                depth += 1
                // Lines counted from where the last tag was, so that the scan stays linear.
                while counted < tagStart {
                    if characters[counted] == "\n" || characters[counted] == "\r\n" { line += 1; lineStart = counted + 1 }
                    counted += 1
                }
                let column = tagStart - lineStart + 1
                let name = String(content.drop(while: { $0.isWhitespace }).dropFirst()).trimmingCharacters(in: .whitespaces)
                tags.append(SectionTag(name: name, depth: depth, line: line, column: column))
                if depth > limit { return tags }
            case "/":
                depth = max(0, depth - 1)
            case "=":
                // {{=<% %>=}}: the new opening and closing delimiters, separated by spaces.
                let parts = String(content.drop(while: { $0 != "=" }).dropFirst()).split(whereSeparator: \.isWhitespace)
                if parts.count == 2, parts[1].hasSuffix("=") {
                    open = Array(parts[0])
                    close = Array(parts[1].dropLast())
                    if open.isEmpty || close.isEmpty { return tags }
                }
            default:
                break
            }
        }
        return tags
    }
}
