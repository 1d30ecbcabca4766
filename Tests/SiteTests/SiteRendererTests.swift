import Testing
import TestSupport
@testable import Lessons
@testable import Site

@Suite struct SiteRendererTests {
    static func course() throws -> Course {
        let first = try LessonParser.parse("""
            ---
            title: First & foremost
            summary: Where it starts.
            ---

            Some *prose* with `code`.

            ```experiment
            id: a
            model: {kind: surface, function: quadratic}
            init: {x: 1, y: 1}
            epochs: 3
            runs: [{lr: 0.1}]
            figures: [{kind: loss, caption: "<script>alert(1)</script>"}]
            ```

            After.
            """, file: "1.md", slug: "01-first")
        var figure = FigureOutput(
            id: "a-1", number: 1, caption: "<script>alert(1)</script>", image: "figures/01-first/a-1.png",
            image2x: "figures/01-first/a-1@2x.png", width: 640, height: 380, alt: "Loss of 1 run over 3 epochs \"quoted\".")
        figure.dark = FigureImage(image: "figures/01-first/a-1.dark.png", image2x: "figures/01-first/a-1.dark@2x.png", width: 640, height: 380)
        return Course(title: "Course", summary: nil, pages: [
            LessonPage(slug: "01-first", content: .lesson(first, experiments: [ExperimentOutput(id: "a", title: nil, items: [.figure(figure)])], errors: [])),
            LessonPage(slug: "02-broken", content: .failed(title: "02-broken", errors: ["02.md:3:1: error: <bad>"])),
        ])
    }

    static func page(_ path: String) throws -> HTMLElement {
        let files = SiteRenderer.render(try course())
        let file = try #require(files.first { $0.path == path })
        return try HTMLDocument.parse(String(decoding: file.contents, as: UTF8.self))
    }

    @Test func theFigureReplacesTheExperimentBlockWithCaptionAndSrcset() throws {
        let page = try Self.page("01-first.html")
        let main = try #require(page.first("main"))
        let paragraphs = main.all("p").map(\.text)
        #expect(paragraphs == ["Some prose with code.", "After."])
        let figure = try #require(main.first("figure"))
        #expect(figure.attributes["id"] == "fig-a-1")
        let image = try #require(figure.first("img"))
        #expect(image.attributes["src"] == "figures/01-first/a-1.png")
        #expect(image.attributes["srcset"] == "figures/01-first/a-1.png 1x, figures/01-first/a-1@2x.png 2x")
        #expect(image.attributes["width"] == "640")
        #expect(image.attributes["alt"] == "Loss of 1 run over 3 epochs \"quoted\".")
        // The caption's markup is text, not an element.
        #expect(figure.first("figcaption")?.text == "Figure 1: <script>alert(1)</script>")
        #expect(figure.all("script").isEmpty)
        // The experiment block's YAML is shown folded, not as a code block in the prose.
        let details = try #require(main.all(class: "experiment-source").first)
        #expect(details.first("summary")?.text == "Experiment 1 — the experiment block")
        #expect(main.all("pre").count == 1 && details.all("pre").count == 1)
    }

    @Test func pagesLinkToTheirNeighboursAndTheIndex() throws {
        let first = try Self.page("01-first.html")
        #expect(first.first("header")?.all("a").compactMap { $0.attributes["href"] } == ["index.html"])
        // With no lesson before it, Previous leads to the course index.
        #expect(first.all(class: "pager").first?.all("a").compactMap { $0.attributes["href"] } == ["index.html", "02-broken.html"])
        #expect(first.first("title")?.text == "First & foremost — Course")
        let second = try Self.page("02-broken.html")
        #expect(second.all(class: "previous").first?.attributes["href"] == "01-first.html")
    }

    @Test func prevAndNextStayInThePagesLanguageAndElseLeadToTheIndex() throws {
        func lesson(_ title: String, _ language: String, _ slug: String) throws -> LessonPage {
            let lesson = try LessonParser.parse("---\ntitle: \(title)\nlang: \(language)\n---\n\nText.\n", file: slug + ".md", slug: slug)
            return LessonPage(slug: slug, content: .lesson(lesson, experiments: [], errors: []))
        }
        let course = Course(title: "Course", summary: nil, pages: [
            try lesson("One", "en", "01-one"), try lesson("Nine", "en", "09-nine"), try lesson("梯度下降", "zh", "10-zh"),
        ])
        let files = SiteRenderer.render(course)
        func pager(_ path: String) throws -> [String] {
            let file = try #require(files.first { $0.path == path })
            let page = try HTMLDocument.parse(String(decoding: file.contents, as: UTF8.self))
            return try #require(page.all(class: "pager").first).all("a").map { "\($0.attributes["href"] ?? "") \($0.text)" }
        }
        #expect(try pager("09-nine.html") == ["01-one.html Previous←\u{00A0}One", "index.html NextContents\u{00A0}→"])
        #expect(try pager("10-zh.html") == ["index.html 上一课←\u{00A0}目录", "index.html 下一课目录\u{00A0}→"])
    }

    @Test func aTableTypesetsTheMinusOfItsNumbersButNotOfItsWords() {
        let table = TableOutput(header: ["Run", "x"], rows: [["lr-0.1", "-2"], ["b", "-8.888e-08"]], numericColumns: [1])
        let html = SiteRenderer.tableHTML(table)
        #expect(html.contains("<th>lr-0.1</th><td class=\"number\">\u{2212}2</td>"))
        #expect(html.contains("<td class=\"number\">\u{2212}8.888e\u{2212}08</td>"))
    }

    @Test func aChinesePageWordsTheTooltipOfAResultInChinese() {
        let strings = InterfaceStrings.builtIn("zh")
        #expect(strings("page.resultTitle", ["source": "bowl: final loss of lr 0.1"]) == "由构建测得：bowl: final loss of lr 0.1")
        #expect(strings("table.batchFull") == "全批量")
    }

    @Test func aFailedLessonShowsItsErrors() throws {
        let page = try Self.page("02-broken.html")
        let box = try #require(page.all(class: "build-error").first)
        #expect(box.first("code")?.text == "02.md:3:1: error: <bad>")
    }

    @Test func theIndexListsLessonsInOrderWithSummaries() throws {
        let index = try Self.page("index.html")
        let items = try #require(index.all(class: "lessons").first).all("li")
        #expect(items.compactMap { $0.all(class: "lesson-title").first?.text } == ["First & foremost", "02-broken"])
        // The first lesson's first figure is its thumbnail, at a quarter of its size.
        let thumbnail = try #require(items.first?.first("img"))
        #expect(thumbnail.attributes["src"] == "figures/01-first/a-1.png")
        #expect(thumbnail.attributes["width"] == "160")
        // On a dark page, the dark rendering.
        let source = try #require(items.first?.first("source"))
        #expect(source.attributes["srcset"] == "figures/01-first/a-1.dark.png")
        #expect(source.attributes["media"] == "screen and (prefers-color-scheme: dark)")
        #expect(items.first?.first("p")?.text == "Where it starts.")
    }

    @Test func renderingTwiceGivesTheSameBytes() throws {
        #expect(SiteRenderer.render(try Self.course()) == SiteRenderer.render(try Self.course()))
    }
}
