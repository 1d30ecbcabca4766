import Foundation
import Testing
import TestSupport
@testable import Site

/// A course template that does not parse is reported in words at its position, with what
/// would be right; swift-mustache's error names never show.
@Suite struct TemplateMessageTests {
    func load(_ page: String) throws -> String? {
        try pageTemplateError(page)
    }

    static let broken: [(template: String, message: String)] = [
        ("<html>{{title}\n", "lessons/_templates/page.mustache:1:14: error: The tag `{{title}` is not closed; end it with `}}` (a tag's name is letters, digits, `_`, `-` or `.`)."),
        ("<html>{{title}", "lessons/_templates/page.mustache:1:14: error: The tag `{{title}` is not closed; end it with `}}` (a tag's name is letters, digits, `_`, `-` or `.`)."),
        ("<p>{{{content}}</p>", "lessons/_templates/page.mustache:1:16: error: The tag `{{{content}}</p>` is not closed; end it with `}}}` (a tag's name is letters, digits, `_`, `-` or `.`)."),
        ("<p>\n{{#a}}x{{/b}}", "lessons/_templates/page.mustache:2:11: error: This closing tag does not name the section it closes; close the innermost open section first, with `{{/name}}` giving the name of its `{{#name}}`."),
        ("{{#a}}x", "lessons/_templates/page.mustache:1:8: error: A section is not closed; check that every `{{#section}}` and `{{^section}}` has its `{{/section}}`."),
        ("{{=<% %>}}", "lessons/_templates/page.mustache:1:7: error: This set-delimiter tag is not well formed; write it as `{{=<% %>=}}`: the new opening and closing delimiters, separated by one space, between two `=`."),
        ("{{% FOO: TEXT}}", "lessons/_templates/page.mustache:1:16: error: This configuration tag names a setting that does not exist; the only one is `CONTENT_TYPE` (`{{% CONTENT_TYPE: HTML}}` or `{{% CONTENT_TYPE: TEXT}}`)."),
        ("{{% CONTENT_TYPE}}", "lessons/_templates/page.mustache:1:17: error: This configuration tag is not well formed; write it as `{{% CONTENT_TYPE: HTML}}` or `{{% CONTENT_TYPE: TEXT}}`."),
        ("{{<p}}{{x}}{{/p}}", "lessons/_templates/page.mustache:1:18: error: Inside a `{{<parent}}` section only block definitions `{{$name}}…{{/name}}` may stand; move other tags into a block or out of the section."),
    ]

    @Test func noMessageNamesTheParsersErrorCase() throws {
        for template in ["{{title", "{{#a}}", "{{#a}}{{/b}}", "{{=x=}}", "{{% X}}", "{{<p}}{{x}}{{/p}}"] {
            let message = try #require(try load(template))
            #expect(!message.contains("unfinishedName") && !message.contains("overflow") && !message.contains("Error"))
        }
    }

    @Test("Each parse error is a sentence at its position", arguments: broken.indices)
    func parseErrorInWords(_ index: Int) throws {
        let (template, message) = Self.broken[index]
        #expect(try load(template) == message)
    }
}
