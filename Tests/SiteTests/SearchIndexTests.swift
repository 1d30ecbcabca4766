import Testing
@testable import Lessons
@testable import Site

@Suite struct SearchIndexTests {
    static func course() throws -> Course {
        let lesson = try LessonParser.parse("""
            ---
            title: Momentum
            ---

            Heavy balls roll $\\alpha_{t} + \\beta$ downhill.

            ## Nesterov's look-ahead

            The gradient at the *look-ahead* point, with `momentum_buffer` and a [link](x.html).

            ```python
            velocity = beta * velocity
            ```

            ```experiment
            id: a
            model: {kind: surface, function: quadratic}
            init: {x: 1, y: 1}
            epochs: 3
            runs: [{lr: 0.1}]
            figures: [{kind: loss, caption: 'Loss of the valley $\\gamma$ run.'}]
            ```

            #### Small print

            | rate | outcome |
            | --- | --- |
            | fast | overshoots |

            ### 动量

            梯度下降法很简单。

            <details class="answer"><summary>Answer</summary>

            ## Folded

            Hidden words.

            </details>
            """, file: "05.md", slug: "05-momentum")
        let figure = FigureOutput(id: "a-1", number: 1, caption: "Loss of the valley $\\gamma$ run.", image: "f.png", image2x: "f@2x.png",
                                  width: 640, height: 380, alt: "")
        return Course(title: "Course", summary: nil, pages: [
            LessonPage(slug: "05-momentum", content: .lesson(lesson, experiments: [ExperimentOutput(id: "a", title: nil, items: [.figure(figure)])], errors: [])),
            LessonPage(slug: "broken", content: .failed(title: "Broken", errors: ["x"])),
        ])
    }

    @Test func sectionsSplitAtHeadingsWithMathAndCodeLeftOut() throws {
        let index = SearchIndex(course: try Self.course())
        #expect(index.lessons == [SearchIndex.Lesson(href: "05-momentum.html", number: "5", title: "Momentum", language: "en"),
                                  SearchIndex.Lesson(href: "broken.html", number: "", title: "Broken", language: "en")])
        #expect(index.sections.map(\.title) == ["Momentum", "Nesterov's look-ahead", "动量"])
        #expect(index.sections.map(\.anchor) == ["", "nesterovs-look-ahead", "动量"])
        #expect(index.sections[0].words == ["momentum", "heavy", "balls", "roll", "downhill"])
        // The caption stands where its experiment does, without its math; a level-4 heading
        // and a table belong to the section around them; code is left out.
        #expect(index.sections[1].words == ["nesterov", "look", "ahead", "the", "gradient", "at", "point", "with", "and", "link",
                                            "loss", "of", "valley", "run", "small", "print", "rate", "outcome", "fast", "overshoots"])
        // Text without spaces stays one word, found by substring; a folded heading's text is its section's.
        #expect(index.sections[2].words == ["动量", "梯度下降法很简单", "folded", "hidden", "words"])
    }

    @Test func aSectionsExcerptIsItsOpeningCutAfterAWholeWord() {
        #expect(SearchIndex.excerpt(of: "  Heavy\nballs roll. ") == "Heavy balls roll.")
        let long = String(repeating: "downhill ", count: 12) + "end"
        // 90 characters reach into the 11th "downhill": the excerpt stops after the 10th.
        #expect(SearchIndex.excerpt(of: long) == Array(repeating: "downhill", count: 10).joined(separator: " ") + "…")
        #expect(SearchIndex.excerpt(of: "Stop, " + String(repeating: "x", count: 100)) == "Stop…")
        #expect(SearchIndex.excerpt(of: String(repeating: "梯度", count: 50)) == String(repeating: "梯度", count: 45) + "…")
    }

    @Test func theScriptAssignsAGlobalAndIsTheSameOnEveryBuild() throws {
        let script = SearchIndex(course: try Self.course()).script
        #expect(script.hasPrefix("window.descentSearchIndex = {\n\"lessons\": [[\"05-momentum.html\",\"5\",\"Momentum\",\"en\"],\n[\"broken.html\",\"\",\"Broken\",\"en\"]],"))
        #expect(script == SearchIndex(course: try Self.course()).script)
        #expect(!script.contains("alpha") && !script.contains("velocity") && !script.contains("gamma") && !script.contains("momentum_buffer"))
        #expect(script.contains("[0,\"Nesterov's look-ahead\",\"nesterovs-look-ahead\","))
        // The vocabulary is one string of words between spaces; each section ends with its excerpt.
        #expect(script.contains("\"words\": \"ahead balls downhill "))
        #expect(script.contains(",\"Heavy balls roll downhill.\"]"))
    }

    @Test func positionsAreCodedAsGapsOfOneCharacterBelow36() {
        #expect(SearchIndex.encode([0, 1, 5, 40, 1000]) == "003yBAn")
        #expect(SearchIndex.encode([]) == "")
    }

    @Test func aStringCannotCloseTheScriptElement() {
        #expect(JSONText.string("a</script>\"\\\n\u{1}\u{2028}") == "\"a\\u003c/script>\\\"\\\\\\n\\u0001\\u2028\"")
    }

    @Test func everyPageHasTheSidebarWithTheCurrentLessonMarked() throws {
        let files = SiteRenderer.render(try Self.course())
        let page = try #require(files.first { $0.path == "broken.html" })
        let html = String(decoding: page.contents, as: UTF8.self)
        #expect(html.contains("<li class=\"current\"><a href=\"broken.html\" aria-current=\"page\"><span class=\"number\"></span> <span class=\"title\">Broken</span></a>"))
        #expect(html.contains("<li><a href=\"05-momentum.html\"><span class=\"number\">5</span> <span class=\"title\">Momentum</span></a>"))
        #expect(files.contains { $0.path == "assets/search-index.js" } && files.contains { $0.path == "assets/navigation.js" })
        // The index numbers its lessons as the sidebar does.
        let index = String(decoding: try #require(files.first { $0.path == "index.html" }).contents, as: UTF8.self)
        #expect(index.contains("<a class=\"lesson-title\" href=\"05-momentum.html\" data-number=\"5\">Momentum</a>"))
    }

    static func course(slugs: [String]) -> Course {
        Course(title: "Course", summary: nil, pages: slugs.map { LessonPage(slug: $0, content: .failed(title: $0, errors: [])) })
    }

    @Test func aCourseThatNumbersItsFilesNeverShowsANumberTwice() {
        // Unnumbered files and a repeated number show none, wherever they stand in the course.
        let mixed = Self.course(slugs: ["intro", "00-notation", "01-descent", "appendix", "2-momentum", "02-again", "10-zh-descent", "notes"])
        #expect(Navigation.numbers(of: mixed) == ["", "0", "1", "", "2", "", "10", ""])
        // A course without numbered files is numbered by place.
        #expect(Navigation.numbers(of: Self.course(slugs: ["intro", "basics", "appendix"])) == ["1", "2", "3"])
        // Six digits are not a lesson number.
        #expect(Navigation.numbers(of: Self.course(slugs: ["123456-big", "3-small"])) == ["", "3"])
    }

    @Test func anUnnumberedLessonIsShownWithoutANumberInTheSidebarIndexAndSearch() throws {
        let files = SiteRenderer.render(Self.course(slugs: ["01-descent", "appendix"]))
        func text(_ path: String) throws -> String {
            String(decoding: try #require(files.first { $0.path == path }).contents, as: UTF8.self)
        }
        let page = try text("appendix.html")
        #expect(page.contains("<a href=\"01-descent.html\"><span class=\"number\">1</span> <span class=\"title\">01-descent</span></a>"))
        #expect(page.contains("<a href=\"appendix.html\" aria-current=\"page\"><span class=\"number\"></span> <span class=\"title\">appendix</span></a>"))
        #expect(try text("index.html").contains("<a class=\"lesson-title\" href=\"appendix.html\" data-number=\"\">appendix</a>"))
        #expect(try text("assets/search-index.js").contains("[\"appendix.html\",\"\",\"appendix\",\"en\"]"))
        // The index's stylesheet writes no number before an empty one.
        #expect(try text("assets/descent.css").contains(".lesson-title[data-number]:not([data-number=\"\"])::before"))
    }

    @Test func aLessonInAnotherLanguageKeepsItsLangInTheSidebarAndTheIndex() throws {
        let files = try Self.englishAndChineseSite("## 学习率\n\n梯度。\n")
        func text(_ path: String) throws -> String { try Self.text(path, of: files) }
        #expect(try text("01-descent.html").contains("<a href=\"10-zh.html\" lang=\"zh\"><span class=\"number\">10</span> <span class=\"title\">梯度下降</span></a>"))
        // On the Chinese page the English lesson is marked, its own entry is not.
        let page = try text("10-zh.html")
        #expect(page.contains("<a href=\"01-descent.html\" lang=\"en\"><span class=\"number\">1</span>"))
        #expect(page.contains("<a href=\"10-zh.html\" aria-current=\"page\"><span class=\"number\">10</span> <span class=\"title\">梯度下降</span></a>"))
        #expect(try text("assets/search-index.js").contains("[\"10-zh.html\",\"10\",\"梯度下降\",\"zh\"]]"))
    }

    @Test func aChinesePageHasChineseSidebarSearchAndPagerWhileTheEnglishOneStaysEnglish() throws {
        let files = try Self.englishAndChineseSite("## 学习率\n\n梯度。\n\n## 动量\n\n动量。\n")
        func text(_ path: String) throws -> String { try Self.text(path, of: files) }
        let page = try text("10-zh.html")
        #expect(page.contains("<nav class=\"sidebar\" id=\"sidebar\" aria-label=\"目录\">"))
        #expect(page.contains("<ul class=\"sidebar-sections\" aria-label=\"本页内容\">"))
        #expect(page.contains("</span>课程列表</button>"))
        #expect(page.contains("data-no-results=\"没有结果\""))
        #expect(page.contains("placeholder=\"搜索\" title=\"按 / 键搜索\" aria-label=\"搜索课程\""))
        // The pager stays in the page's language: the English lesson is not its neighbour.
        #expect(page.contains("<span class=\"pager-label\">上一课</span>←\u{00A0}目录</a>"))
        #expect(page.contains("<body>\n<a class=\"skip-link\" href=\"#main\">跳到正文</a>"))
        let english = try text("01-descent.html")
        #expect(english.contains("<span class=\"pager-label\">Next</span>Contents\u{00A0}→</a>"))
        #expect(english.contains("<body>\n<a class=\"skip-link\" href=\"#main\">Skip to the text</a>"))
        #expect(english.contains("data-no-results=\"No results\""))
        #expect(!english.contains("搜索"))
    }

    /// A course of a lesson that failed to build (English) and a Chinese lesson with `prose`.
    static func englishAndChineseSite(_ prose: String) throws -> [SiteFile] {
        let chinese = try LessonParser.parse("---\ntitle: 梯度下降\nlang: zh\n---\n\n" + prose, file: "10.md", slug: "10-zh")
        return SiteRenderer.render(Course(title: "Course", summary: nil, pages: [
            LessonPage(slug: "01-descent", content: .failed(title: "Descent", errors: [])),
            LessonPage(slug: "10-zh", content: .lesson(chinese, experiments: [], errors: [])),
        ]))
    }

    static func text(_ path: String, of files: [SiteFile]) throws -> String {
        String(decoding: try #require(files.first { $0.path == path }).contents, as: UTF8.self)
    }
}
