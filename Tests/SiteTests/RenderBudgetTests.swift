import Testing
import TestSupport
import Lessons
@testable import Site

/// A course template renders a page within a budget of list items and bytes, so that a list
/// nested inside itself ends with an error at its section instead of running for hours.
@Suite struct RenderBudgetTests {
    static func headings(_ count: Int) -> [[String: Any]] {
        (0..<count).map { ["level": 2, "id": "h\($0)", "html": "Heading \($0)"] }
    }

    static func render(_ text: String, _ values: [String: Any]) throws -> Result<String, SiteError> {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write(text, to: "lessons/_templates/page.mustache")
        let templates = try Templates.load(from: folder.url.appendingPathComponent("lessons/_templates"), displayDirectory: "lessons/_templates")
        return Templates.render(templates.page, source: templates.pageSource, values: values)
    }

    @Test func aListNestedFourDeepOverThreeHundredHeadingsStopsAtItsInnermostSection() throws {
        let text = "{{#contents}}{{#contents}}{{#contents}}{{#contents}}{{html}}{{/contents}}{{/contents}}{{/contents}}{{/contents}}"
        let result = try Self.render(text, ["contents": Self.headings(300)])
        #expect(throws: SiteError.template(file: "lessons/_templates/page.mustache", line: 1, column: 40,
                                           message: "Rendering a page repeats the section `{{#contents}}` more than 100,000 times, the limit of list items per page; a list nested inside itself multiplies (300 headings nested 4 deep are 300⁴), so use each list once, not inside itself.")) {
            _ = try result.get()
        }
    }

    @Test func aLargeValueInsideAListPassesTheByteLimit() throws {
        let text = "<ul>\n{{#contents}}<li>{{{content}}}</li>{{/contents}}</ul>"
        let result = try Self.render(text, ["contents": Self.headings(200), "content": String(repeating: "x", count: 1_000_000)])
        #expect(throws: SiteError.template(file: "lessons/_templates/page.mustache", line: 2, column: 1,
                                           message: "Rendering a page writes more than 100 MB, the limit per page (each list item counts the template's length); insert large values such as `{{{content}}}` once, not inside a list, and keep the template shorter.")) {
            _ = try result.get()
        }
    }

    @Test func theDefaultPageAsACourseTemplateRendersThreeThousandHeadings() throws {
        let values: [String: Any] = ["title": "T", "courseTitle": "C", "language": "en", "content": "<p>x</p>", "hasMath": false,
                                     "hasContents": true, "contents": Self.headings(3000), "next": ["href": "b.html", "title": "B"], "strings": InterfaceStrings.english.nested,
                                     "sidebar": Navigation.sidebar([["number": "1", "title": "T", "href": "a.html", "current": true, "sections": Self.headings(3000)]])]
        let html = try Self.render(Templates.defaultPage, values).get()
        #expect(html.components(separatedBy: "<li class=\"level-2\">").count == 3001)
        #expect(html.contains("<a class=\"next\" rel=\"next\" href=\"b.html\"><span class=\"pager-label\">Next</span>B\u{00A0}→</a>"))
        #expect(html == Templates.defaults.page.render(values))
    }

    @Test func listsKeepTheirTransformsAndInvertedSections() throws {
        let text = "{{#reversed(contents)}}{{id}},{{/reversed(contents)}}{{count(contents)}}{{^lessons}}none{{/lessons}}"
        #expect(try Self.render(text, ["contents": Self.headings(3), "lessons": [Any]()]).get() == "h2,h1,h0,3none")
    }
}

/// Once a course's page template passes its budget, the other pages are not rendered with it
/// again: each shows the one error in its box.
@Suite struct RenderBudgetCourseTests {
    @Test func aTemplateOverItsBudgetIsReportedOnceAndEveryPageShowsIt() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write(String(repeating: "{{{content}}}", count: 101), to: "lessons/_templates/page.mustache")
        let templates = try Templates.load(from: folder.url.appendingPathComponent("lessons/_templates"), displayDirectory: "lessons/_templates")
        let pages = (1...3).map { LessonPage(slug: "0\($0)-a", content: .failed(title: "A", errors: [String(repeating: "e", count: 1_000_000)])) }
        var errors: [SiteError] = []
        let files = SiteRenderer.render(Course(title: "C", summary: nil, pages: pages), templates: templates, errors: &errors)
        let message = "lessons/_templates/page.mustache:1:1: error: Rendering a page writes more than 100 MB, the limit per page (each list item counts the template's length); insert large values such as `{{{content}}}` once, not inside a list, and keep the template shorter."
        #expect(errors.map(\.description) == [message])
        for page in pages {
            let html = try #require(files.first { $0.path == page.fileName }).contents
            #expect(String(decoding: html, as: UTF8.self).contains("<li><code>" + HTML.escape(message) + "</code></li>"))
        }
    }
}
