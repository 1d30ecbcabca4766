import Lessons

/// Renders the course into the files of `output/`: the index, a page per lesson, the
/// stylesheet and script. Pure: the same course gives the same bytes.
public enum SiteRenderer {
    public static let stylesheetPath = "assets/descent.css"
    public static let scriptPath = "assets/descent.js"
    public static let answersScriptPath = "assets/answers.js"
    public static let codeScriptPath = "assets/code.js"

    public static func render(_ course: Course, templates: Templates = .defaults) -> [SiteFile] {
        var errors: [SiteError] = []
        return render(course, templates: templates, errors: &errors)
    }

    /// The site's files; a course template that passes its render budget on a page adds its
    /// error to `errors` (once), and that page is made with Descent's default template, the
    /// error shown in its box.
    public static func render(_ course: Course, templates: Templates, errors: inout [SiteError]) -> [SiteFile] {
        course.memory?.keep(only: Set(course.pages.compactMap(\.memoryToken)))
        var files = [SiteFile(path: "index.html", contents: Array(index(course, templates: templates, errors: &errors).utf8))]
        for (position, page) in course.pages.enumerated() {
            let html = lessonPage(page, course: course, position: position, templates: templates, errors: &errors)
            files.append(SiteFile(path: page.fileName, contents: Array(html.utf8)))
        }
        files.append(SiteFile(path: stylesheetPath, contents: Array(Stylesheet.css.utf8)))
        files.append(SiteFile(path: ThemeToggle.scriptPath, contents: Array(ThemeToggle.script.utf8)))
        files.append(SiteFile(path: SearchIndex.path, contents: Array(SearchIndex(course: course).script.utf8)))
        files.append(SiteFile(path: Navigation.scriptPath, contents: Array(Navigation.script.utf8)))
        if course.hasMath {
            files.append(SiteFile(path: scriptPath, contents: Array(mathScript.utf8)))
        }
        if course.hasAnswers {
            files.append(SiteFile(path: answersScriptPath, contents: Array(answersScript.utf8)))
        }
        if course.hasCode {
            files.append(SiteFile(path: codeScriptPath, contents: Array(CodeBlocks.script.utf8)))
        }
        if course.hasPlayers {
            files.append(SiteFile(path: FigurePlayerMarkup.scriptPath, contents: Array(FigurePlayerScript.script.utf8)))
        }
        return files
    }

    static func index(_ course: Course, templates: Templates, errors: inout [SiteError]) -> String {
        let numbers = Navigation.numbers(of: course)
        let lessons: [[String: Any]] = course.pages.enumerated().map { position, page in
            var item: [String: Any] = ["href": HTML.url(page.fileName), "title": page.title, "failed": !page.succeeded,
                                       "number": numbers[position]]
            if let summary = page.summary { item["summary"] = summary }
            if let figure = page.firstFigure {
                item["thumbnail"] = HTML.url(figure.image)
                item["thumbnailWidth"] = figure.width / 4
                item["thumbnailHeight"] = figure.height / 4
                // The dark figure's 1× file for dark pages, so that no thumbnail is a white card there.
                if let dark = figure.dark?.image { item["thumbnailDark"] = HTML.url(dark) }
            }
            return item
        }
        let strings = course.strings.strings(for: course.language)
        var values: [String: Any] = ["courseTitle": course.title, "language": course.language, "lessons": lessons, "strings": strings.nested, "themeScript": ThemeToggle.headScript, "themeToggle": ThemeToggle.buttonHTML(strings: strings)]
        values.merge(Navigation.values(course: course, current: nil, sections: [], strings: strings)) { _, navigation in navigation }
        if let summary = course.summary { values["courseSummary"] = summary }
        switch Templates.render(templates.index, source: templates.indexSource, values: values) {
        case let .success(html):
            return html
        case let .failure(error):
            if !errors.contains(error) { errors.append(error) }
            return Templates.defaults.index.render(values)
        }
    }

    static func lessonPage(_ page: LessonPage, course: Course, position: Int, templates: Templates, errors: inout [SiteError]) -> String {
        var values: [String: Any] = ["courseTitle": course.title, "title": page.title, "language": course.language, "hasMath": false, "hasAnswers": false, "hasContents": false]
        var strings = course.strings.strings(for: course.language)
        if case let .lesson(lesson, _, _) = page.content {
            values["language"] = lesson.language
            strings = course.strings.strings(for: lesson.language)
        }
        values["strings"] = strings.nested
        values["themeScript"] = ThemeToggle.headScript
        values["themeToggle"] = ThemeToggle.buttonHTML(strings: strings)
        let content = course.memory?.page(page.memoryToken) { Self.content(of: page, course: course) } ?? Self.content(of: page, course: course)
        values.merge(content.values) { _, own in own }
        let sections = values["contents"] as? [[String: Any]] ?? []
        values.merge(Navigation.values(course: course, current: position, sections: sections, strings: strings)) { _, navigation in navigation }
        let pager = Navigation.pager(course: course, position: position, strings: strings)
        values["previous"] = pager.previous
        values["next"] = pager.next
        // A template that ran out of budget on one page would on the next ones too: they get its error at once.
        let earlier = templates.pageSource.flatMap { source in errors.first { $0.file == source.file } }
        switch earlier.map(Result.failure) ?? Templates.render(templates.page, source: templates.pageSource, values: values) {
        case let .success(html):
            return html
        case let .failure(error):
            if !errors.contains(error) { errors.append(error) }
            values["content"] = errorBox([error.description], strings: strings) + ((values["content"] as? String) ?? "")
            return Templates.defaults.page.render(values)
        }
    }

    /// The template values of a page's own content: its prose with the experiments in place,
    /// its contents, and what scripts it needs; or for a lesson that did not parse, its errors.
    static func content(of page: LessonPage, course: Course) -> SiteMemory.Page {
        var values: [String: Any] = [:]
        switch page.content {
        case let .lesson(lesson, experiments, errors):
            let strings = course.strings.strings(for: lesson.language)
            let prose = MarkdownDocument(markdown: lesson.prose.markdown)
            let headings = prose.anchorHeadings()
            values["hasCode"] = prose.hasCodeBlocks
            prose.replaceFencedBlocks(info: LessonParser.experimentInfo, with: experiments.map { experimentHTML($0, strings: strings) })
            let escape = HTML.escape
            let title = { (source: String) in strings("page.resultTitle", ["source": source]) }
            values["content"] = errorBox(errors, strings: strings) + lesson.prose.substitutingSpans(in: prose.html(), escape: escape, title: title)
                + (page.hasPlayers ? FigurePlayerMarkup.scriptTag(strings: strings) : "")
            let contents: [[String: Any]] = headings.filter { (2...3).contains($0.level) && !$0.folded }.map { heading in
                ["level": heading.level, "id": heading.id, "html": lesson.prose.substitutingSpans(in: escape(heading.text), escape: escape, title: title)]
            }
            values["contents"] = contents
            values["hasContents"] = contents.count >= 2
            values["hasMath"] = !lesson.prose.math.isEmpty
            values["hasAnswers"] = prose.hasFoldedAnswers
            return SiteMemory.Page(values: values)
        case let .failed(_, errors):
            values["content"] = errorBox(errors, strings: course.strings.strings(for: course.language))
            return SiteMemory.Page(values: values)
        }
    }

    /// Typesets Descent's math spans with KaTeX (each span holds its TeX between `\(…\)` or
    /// `\[…\]`, which stays readable where scripts do not run), and marks the display and code
    /// blocks that overflow their column (`class="overflows"`).
    static let mathScript = #"""
        document.addEventListener("DOMContentLoaded", function () {
          if (typeof katex === "undefined") return;
          document.querySelectorAll("span.math").forEach(function (element) {
            var tex = element.textContent.replace(/^\\[\[(]/, "").replace(/\\[\])]$/, "");
            katex.render(tex, element, { displayMode: element.classList.contains("display"), throwOnError: false });
          });
          markOverflow();
        });
        // A display or code block wider than its column is marked, so that the stylesheet shows
        // its scroll cue even when it is only a few pixels too wide; one that fits shows none.
        function markOverflow() {
          document.querySelectorAll(".math.display, pre").forEach(function (box) {
            box.classList.toggle("overflows", box.scrollWidth > box.clientWidth + 1);
          });
        }
        window.addEventListener("load", markOverflow);
        window.addEventListener("resize", markOverflow);

        """#

    /// Opens every folded answer for printing and folds again the ones it opened afterwards:
    /// a printed page has no button to press. (Browsers with `::details-content` need no
    /// script; the stylesheet opens them there too.) A folded answer without a `<summary>` of
    /// its own gets one, "Show answer" in the page's language (the script tag's `data-show-answer`),
    /// and is named "Answer" (`data-answer`) for screen readers.
    static let answersScript = #"""
        (function () {
          var opened = [];
          var script = document.currentScript;
          var show = (script && script.getAttribute("data-show-answer")) || "Show answer";
          var name = (script && script.getAttribute("data-answer")) || "Answer";
          document.addEventListener("DOMContentLoaded", function () {
            document.querySelectorAll("details.answer").forEach(function (answer) {
              if (!answer.hasAttribute("aria-label")) answer.setAttribute("aria-label", name);
              if (answer.querySelector(":scope > summary")) return;
              var summary = document.createElement("summary");
              summary.textContent = show;
              answer.insertBefore(summary, answer.firstChild);
            });
          });
          window.addEventListener("beforeprint", function () {
            document.querySelectorAll("details.answer:not([open])").forEach(function (answer) {
              answer.open = true;
              opened.push(answer);
            });
          });
          window.addEventListener("afterprint", function () {
            opened.forEach(function (answer) { answer.open = false; });
            opened = [];
          });
        })();

        """#

    /// The errors of a lesson, in a box a reader cannot miss; empty when there are none.
    static func errorBox(_ errors: [String], strings: InterfaceStrings = .english) -> String {
        guard !errors.isEmpty else { return "" }
        return "<div class=\"build-error\" role=\"alert\">\n<p><strong>\(HTML.escape(strings("page.lessonFailed")))</strong></p>\n<ul>\n"
            + errors.map { "<li><code>\(HTML.escape($0))</code></li>\n" }.joined() + "</ul>\n</div>\n"
    }

    static func experimentHTML(_ experiment: ExperimentOutput, strings: InterfaceStrings = .english) -> String {
        var html = "<section class=\"experiment\" id=\"exp-\(HTML.escape(experiment.id))\">\n"
        for item in experiment.items {
            let figure = item.figure
            switch item {
            case .figure:
                html += "<figure id=\"fig-\(HTML.escape(figure.id))\">\n" + (figure.player.map { FigurePlayerMarkup.html(figure, player: $0, strings: strings) } ?? pictureHTML(figure))
                    + caption(strings("page.figure", ["n": String(figure.number)]), figure.caption, strings: strings) + dataLinks(figure.data, strings: strings) + "</figure>\n"
            case let .table(_, table):
                // A table's caption goes above it, as in print and in Quarto.
                html += "<figure class=\"table\" id=\"tbl-\(HTML.escape(figure.id))\">\n"
                    + caption(strings("page.table", ["n": String(figure.number)]), figure.caption, strings: strings) + tableHTML(table) + "</figure>\n"
            }
        }
        let name = strings("page.experiment", ["n": String(experiment.number)]) + (experiment.title.map { strings("page.captionSeparator") + $0 } ?? "")
        html += "<details class=\"experiment-source\">\n<summary>\(HTML.escape(strings("page.experimentSource", ["experiment": name])))</summary>\n"
        html += "<pre><code class=\"language-yaml\">\(HTML.escape(experiment.source))</code></pre>\n"
        if !experiment.downloads.isEmpty {
            html += "<p class=\"downloads\">\(HTML.escape(strings("page.downloads")))" + links(experiment.downloads, strings: strings) + "</p>\n"
        }
        return html + "</details>\n</section>\n"
    }

    /// The media query under which the narrow layout of a figure is shown: below it, the wide
    /// figure would be scaled to less than 94% of its size and its text with it.
    public static let narrowMedia = "(max-width: 600px)"
    public static let darkMedia = "(prefers-color-scheme: dark)"

    /// A figure's `<picture>`: a `<source>` per other rendering (narrow dark, narrow, dark; the
    /// first whose media query matches wins), each with its size so that the page does not
    /// jump, and the wide light `<img>` with the alt text. A dark source keeps its query in
    /// `data-media`, from which the theme toggle rewrites it (see `ThemeToggle`).
    static func pictureHTML(_ figure: FigureOutput) -> String {
        pictureHTML(wide: FigureImage(image: figure.image, image2x: figure.image2x, width: figure.width, height: figure.height),
                    dark: figure.dark, narrow: figure.narrow, narrowDark: figure.narrowDark, alt: figure.alt, textSize: figure.smallestTextSize)
    }

    /// The `<picture>` of one set of renderings; `className` on the `<picture>` if any.
    static func pictureHTML(wide: FigureImage, dark: FigureImage?, narrow: FigureImage?, narrowDark: FigureImage?, alt: String, textSize: Double?, className: String? = nil) -> String {
        func source(_ image: FigureImage?, media: String, dark: Bool) -> String {
            guard let image, !image.sourceSet.isEmpty else { return "" }
            let query = HTML.escape(media)
            return "<source media=\"\(query)\"" + (dark ? " data-media=\"\(query)\"" : "")
                + " srcset=\"\(image.sourceSet)\" width=\"\(image.width)\" height=\"\(image.height)\" />\n"
        }
        let textSize = textSize.map { " data-text-pt=\"\(Int($0.rounded()))\"" } ?? ""
        let src = wide.image.map { " src=\"\(HTML.attribute(path: $0))\"" } ?? ""
        return "<picture\(className.map { " class=\"\(HTML.escape($0))\"" } ?? "")>\n"
            // Dark figures are for the screen: paper is white whatever the system's setting.
            + source(narrowDark, media: "screen and " + narrowMedia + " and " + darkMedia, dark: true)
            + source(narrow, media: narrowMedia, dark: false)
            + source(dark, media: "screen and " + darkMedia, dark: true)
            + "<img\(src) srcset=\"\(wide.sourceSet)\" "
            + "width=\"\(wide.width)\" height=\"\(wide.height)\"\(textSize) alt=\"\(HTML.escape(alt))\" />\n</picture>\n"
    }

    /// "Data: Batch GD (CSV) · SGD (CSV)": the files of a figure's numbers, under its caption.
    static func dataLinks(_ data: [Download], strings: InterfaceStrings = .english) -> String {
        data.isEmpty ? "" : "<p class=\"figure-data\">\(HTML.escape(strings("page.data")))" + links(data, strings: strings) + "</p>\n"
    }

    static func links(_ downloads: [Download], strings: InterfaceStrings = .english) -> String {
        downloads.map { "<a href=\"\(HTML.attribute(path: $0.path))\" download=\"\">\(HTML.escape($0.title))</a>" }.joined(separator: HTML.escape(strings("page.downloadSeparator")))
    }

    /// "Figure N: caption", or "Figure N" alone when there is no caption, so that a
    /// reference's "Figure N" or "Table N" always finds its label.
    static func caption(_ label: String, _ text: String, strings: InterfaceStrings = .english) -> String {
        guard !text.isEmpty else { return "<figcaption><span class=\"figure-number\">\(HTML.escape(label))</span></figcaption>\n" }
        // A separator's space stays outside the label's span: "Figure 1:" then the text; "图 1：" has none.
        let separator = strings("page.captionSeparator")
        let space = separator.hasSuffix(" ") ? " " : ""
        let mark = HTML.escape(space.isEmpty ? separator : String(separator.dropLast()))
        return "<figcaption><span class=\"figure-number\">\(HTML.escape(label))\(mark)</span>\(space)\(HTML.escape(text))</figcaption>\n"
    }

    static func tableHTML(_ table: TableOutput) -> String {
        func cell(_ tag: String, _ text: String, column: Int) -> String {
            let numeric = table.numericColumns.contains(column) ? " class=\"number\"" : ""
            // A number's minus is the typeset one (U+2212), as in the text; the data files stay ASCII.
            let shown = table.numericColumns.contains(column) ? String(text.map { $0 == "-" ? "\u{2212}" : $0 }) : text
            return "<\(tag)\(numeric)>\(HTML.escape(shown))</\(tag)>"
        }
        var html = "<div class=\"table-scroll\"><table>\n<thead><tr>"
        html += table.header.enumerated().map { cell("th", $0.element, column: $0.offset) }.joined() + "</tr></thead>\n<tbody>\n"
        for row in table.rows {
            html += "<tr>" + row.enumerated().map { cell($0.offset == 0 ? "th" : "td", $0.element, column: $0.offset) }.joined() + "</tr>\n"
        }
        return html + "</tbody>\n</table></div>\n"
    }
}
