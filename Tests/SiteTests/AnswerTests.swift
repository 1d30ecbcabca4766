import Testing
import TestSupport
@testable import Lessons
@testable import Site

/// Exercises with folded answers, from the lesson's Markdown to the page.
@Suite struct AnswerTests {
    static let lesson = """
        ---
        title: Answers
        ---

        ## Exercises

        1. What does one step of gradient descent do on $f(w) = w^2$?

           <details class="answer">
           <summary>Answer</summary>

           ### Working

           It maps $w$ to $(1 - 2\\eta) w$; try `lr: 0.4`.

           </details>

        ## Further reading

        Nothing folded here.
        """

    static func files() throws -> [SiteFile] {
        let lesson = try LessonParser.parse(Self.lesson, file: "1.md", slug: "01-answers")
        return SiteRenderer.render(Course(title: "Course", summary: nil, pages: [
            LessonPage(slug: "01-answers", content: .lesson(lesson, experiments: [], errors: [])),
        ]))
    }

    static func page() throws -> HTMLElement {
        let file = try #require(try files().first { $0.path == "01-answers.html" })
        return try HTMLDocument.parse(String(decoding: file.contents, as: UTF8.self))
    }

    @Test func anAnswerIsFoldedWithItsMathAndCodeRendered() throws {
        let page = try Self.page()
        let answer = try #require(page.all(class: "answer").first)
        #expect(answer.name == "details")
        #expect(answer.attributes["open"] == nil)
        #expect(answer.first("summary")?.text == "Answer")
        let paragraph = try #require(answer.first("p"))
        #expect(paragraph.all(class: "math").map(\.text) == ["\\(w\\)", "\\((1 - 2\\eta) w\\)"])
        #expect(paragraph.first("code")?.text == "lr: 0.4")
        // The heading inside is Markdown, anchored, inside the fold.
        #expect(answer.first("h3")?.text == "Working")
    }

    @Test func headingsInsideAnAnswerStayOutOfTheContents() throws {
        let page = try Self.page()
        let contents = try #require(page.all(class: "sidebar-sections").first)
        #expect(contents.all("a").map(\.text) == ["Exercises", "Further reading"])
    }

    @Test func aPageWithAnswersLoadsTheScriptThatOpensThemForPrinting() throws {
        let files = try Self.files()
        #expect(files.contains { $0.path == SiteRenderer.answersScriptPath })
        let page = try Self.page()
        #expect(page.all("script").compactMap { $0.attributes["src"] }.contains("assets/answers.js"))
    }

    @Test func theStylesheetMarksAnswersAndPrintsThemOpen() {
        let css = Stylesheet.css
        #expect(css.contains("details.answer > summary { cursor: pointer;"))
        let print = css.components(separatedBy: "@media print").last ?? ""
        #expect(print.contains("details.answer::details-content { content-visibility: visible;"))
    }
}
