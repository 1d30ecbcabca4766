import Lessons

/// Renders the course into the files of `output/`: the index, a page per lesson and the
/// stylesheet. Pure: the same course gives the same bytes.
public enum SiteRenderer {
    public static let stylesheetPath = "assets/descent.css"

    public static func render(_ course: Course) -> [SiteFile] {
        var files = [SiteFile(path: "index.html", contents: Array(index(course).utf8))]
        for (position, page) in course.pages.enumerated() {
            let previous = position > 0 ? course.pages[position - 1] : nil
            let next = position + 1 < course.pages.count ? course.pages[position + 1] : nil
            let html = lessonPage(page, course: course, previous: previous, next: next)
            files.append(SiteFile(path: page.fileName, contents: Array(html.utf8)))
        }
        files.append(SiteFile(path: stylesheetPath, contents: Array(Stylesheet.css.utf8)))
        return files
    }

    static func index(_ course: Course) -> String {
        var items = ""
        for page in course.pages {
            items += "<li><a href=\"\(HTML.escape(page.fileName))\">\(HTML.escape(page.title))</a>"
            if let summary = page.summary {
                items += "<p>\(HTML.escape(summary))</p>"
            }
            if !page.succeeded {
                items += "<p class=\"failed\">This lesson failed to build.</p>"
            }
            items += "</li>\n"
        }
        let summary = course.summary.map { "<p class=\"course-summary\">\(HTML.escape($0))</p>\n" } ?? ""
        return document(
            title: course.title, language: "en",
            body: """
            <main class="index">
            <h1>\(HTML.escape(course.title))</h1>
            \(summary)<ol class="lessons">
            \(items)</ol>
            </main>
            """)
    }

    static func lessonPage(_ page: LessonPage, course: Course, previous: LessonPage?, next: LessonPage?) -> String {
        let content: String
        let language: String
        switch page.content {
        case let .lesson(lesson, experiments, errors):
            language = lesson.language
            let prose = MarkdownDocument(markdown: lesson.body)
            prose.replaceFencedBlocks(info: LessonParser.experimentInfo, with: experiments.map(experimentHTML))
            content = errorBox(errors) + prose.html()
        case let .failed(_, errors):
            language = "en"
            content = errorBox(errors)
        }
        var pager = ""
        if let previous {
            pager += "<a class=\"previous\" rel=\"prev\" href=\"\(HTML.escape(previous.fileName))\">← \(HTML.escape(previous.title))</a>\n"
        }
        if let next {
            pager += "<a class=\"next\" rel=\"next\" href=\"\(HTML.escape(next.fileName))\">\(HTML.escape(next.title)) →</a>\n"
        }
        return document(
            title: page.title + " — " + course.title, language: language,
            body: """
            <header class="site"><a href="index.html">\(HTML.escape(course.title))</a></header>
            <main class="lesson">
            <h1>\(HTML.escape(page.title))</h1>
            \(content)</main>
            <nav class="pager">
            \(pager)</nav>
            """)
    }

    /// The errors of a lesson, in a box a reader cannot miss; empty when there are none.
    static func errorBox(_ errors: [String]) -> String {
        guard !errors.isEmpty else { return "" }
        return "<div class=\"build-error\" role=\"alert\">\n<p><strong>This lesson failed to build.</strong></p>\n<ul>\n"
            + errors.map { "<li><code>\(HTML.escape($0))</code></li>\n" }.joined() + "</ul>\n</div>\n"
    }

    static func experimentHTML(_ experiment: ExperimentOutput) -> String {
        var html = "<section class=\"experiment\" id=\"exp-\(HTML.escape(experiment.id))\">\n"
        for item in experiment.items {
            let figure = item.figure
            let caption = "<figcaption><span class=\"figure-number\">Figure \(figure.number):</span> \(HTML.escape(figure.caption))</figcaption>\n"
            switch item {
            case .figure:
                html += """
                <figure id="fig-\(HTML.escape(figure.id))">
                <img src="\(HTML.escape(figure.image))" srcset="\(HTML.escape(figure.image)) 1x, \(HTML.escape(figure.image2x)) 2x" \
                width="\(figure.width)" height="\(figure.height)" alt="\(HTML.escape(figure.alt))" />

                """ + caption + "</figure>\n"
            case let .table(_, table):
                html += "<figure class=\"table\" id=\"fig-\(HTML.escape(figure.id))\">\n" + tableHTML(table) + caption + "</figure>\n"
            }
        }
        return html + "</section>\n"
    }

    static func tableHTML(_ table: TableOutput) -> String {
        func cell(_ tag: String, _ text: String, column: Int) -> String {
            let numeric = table.numericColumns.contains(column) ? " class=\"number\"" : ""
            return "<\(tag)\(numeric)>\(HTML.escape(text))</\(tag)>"
        }
        var html = "<div class=\"table-scroll\"><table>\n<thead><tr>"
        html += table.header.enumerated().map { cell("th", $0.element, column: $0.offset) }.joined() + "</tr></thead>\n<tbody>\n"
        for row in table.rows {
            html += "<tr>" + row.enumerated().map { cell($0.offset == 0 ? "th" : "td", $0.element, column: $0.offset) }.joined() + "</tr>\n"
        }
        return html + "</tbody>\n</table></div>\n"
    }

    static func document(title: String, language: String, body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="\(HTML.escape(language))">
        <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>\(HTML.escape(title))</title>
        <link rel="stylesheet" href="\(stylesheetPath)" />
        </head>
        <body>
        \(body)
        </body>
        </html>

        """
    }
}
