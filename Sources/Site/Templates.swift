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
                if name == "page" { templates.page = template } else { templates.index = template }
            } catch let error as MustacheTemplate.ParserError {
                throw .template(file: display, line: error.context.lineNumber, column: error.context.columnNumber,
                                message: "The template does not parse (\(error.error)): check that every {{#section}} has its {{/section}}.")
            } catch {
                throw .template(file: display, line: 1, column: 1, message: "The template does not parse (\(error)).")
            }
        }
        return templates
    }

    static let defaultPage = """
        <!DOCTYPE html>
        <html lang="{{language}}">
        <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{{title}} — {{courseTitle}}</title>
        <link rel="stylesheet" href="assets/descent.css" />
        {{#hasMath}}
        <link rel="stylesheet" href="assets/katex/katex.min.css" />
        <script defer="defer" src="assets/katex/katex.min.js"></script>
        <script defer="defer" src="assets/descent.js"></script>
        {{/hasMath}}
        </head>
        <body>
        <header class="site"><a href="index.html">{{courseTitle}}</a></header>
        <div class="layout">
        {{#hasContents}}
        <nav class="toc" aria-label="On this page">
        <p class="toc-title">On this page</p>
        <ul>
        {{#contents}}
        <li class="level-{{level}}"><a href="#{{id}}">{{{html}}}</a></li>
        {{/contents}}
        </ul>
        </nav>
        {{/hasContents}}
        <main class="lesson">
        <h1>{{title}}</h1>
        {{{content}}}
        </main>
        </div>
        <nav class="pager">
        {{#previous}}<a class="previous" rel="prev" href="{{href}}">← {{title}}</a>{{/previous}}
        {{#next}}<a class="next" rel="next" href="{{href}}">{{title}} →</a>{{/next}}
        </nav>
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
        <link rel="stylesheet" href="assets/descent.css" />
        </head>
        <body>
        <main class="index">
        <h1>{{courseTitle}}</h1>
        {{#courseSummary}}<p class="course-summary">{{courseSummary}}</p>{{/courseSummary}}
        <ol class="lessons">
        {{#lessons}}
        <li>
        {{#thumbnail}}<a class="thumbnail" href="{{href}}" tabindex="-1" aria-hidden="true"><img src="{{thumbnail}}" width="{{thumbnailWidth}}" height="{{thumbnailHeight}}" alt="" loading="lazy" /></a>{{/thumbnail}}
        <div>
        <a class="lesson-title" href="{{href}}">{{title}}</a>
        {{#summary}}<p>{{summary}}</p>{{/summary}}
        {{#failed}}<p class="failed">This lesson failed to build.</p>{{/failed}}
        </div>
        </li>
        {{/lessons}}
        </ol>
        </main>
        </body>
        </html>

        """
}

/// What can go wrong while making the site.
public enum SiteError: Error, Equatable, Sendable, CustomStringConvertible {
    case template(file: String, line: Int, column: Int, message: String)

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
    /// The position (1-based line and column) of the first section tag that opens more than
    /// `limit` levels, following `{{=<% %>=}}` delimiter changes; nil when none does.
    static func firstTooDeep(_ text: String, limit: Int) -> (line: Int, column: Int)? {
        let characters = Array(text)
        var open = Array("{{"), close = Array("}}")
        var depth = 0
        var index = 0
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
                if depth > limit {
                    let before = characters[..<tagStart]
                    let line = before.filter { $0 == "\n" || $0 == "\r\n" }.count + 1
                    let column = tagStart - (before.lastIndex(where: { $0 == "\n" || $0 == "\r\n" }) ?? -1)
                    return (line, column)
                }
            case "/":
                depth = max(0, depth - 1)
            case "=":
                // {{=<% %>=}}: the new opening and closing delimiters, separated by spaces.
                let parts = String(content.drop(while: { $0 != "=" }).dropFirst()).split(whereSeparator: \.isWhitespace)
                if parts.count == 2, parts[1].hasSuffix("=") {
                    open = Array(parts[0])
                    close = Array(parts[1].dropLast())
                    if open.isEmpty || close.isEmpty { return nil }
                }
            default:
                break
            }
        }
        return nil
    }
}
