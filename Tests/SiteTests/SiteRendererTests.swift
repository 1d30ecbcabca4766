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
        #expect(first.all(class: "pager").first?.all("a").compactMap { $0.attributes["href"] } == ["02-broken.html"])
        #expect(first.first("title")?.text == "First & foremost — Course")
        let second = try Self.page("02-broken.html")
        #expect(second.all(class: "previous").first?.attributes["href"] == "01-first.html")
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
