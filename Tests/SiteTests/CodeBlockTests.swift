import Foundation
import Testing
import TestSupport
@testable import Lessons
@testable import Site

@Suite struct CodeBlockTests {
    static let debianHighlight = HighlightAssets.directory.appendingPathComponent("highlight.js")

    @Test func theHighlightScriptKeepsTheCoreAndOnlyTheLessonsLanguages() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("""
            var hljs = (function () { return {}; }());;

            hljs.registerLanguage('hsp', function(hljs) {
              return {hsp: 1};
            });

            hljs.registerLanguage('python', function(hljs) {
              return {python: 1};
            });

            hljs.registerLanguage('pythonish', function(hljs) {
              return {pythonish: 1};
            });
            """, to: "highlight.js")
        let files = try #require(HighlightAssets.files(from: folder.url))
        #expect(files.map(\.path) == ["assets/highlight/highlight.js"])
        let script = String(decoding: files[0].contents, as: UTF8.self)
        #expect(script.contains("var hljs = (function () { return {}; }());;"))
        #expect(script.contains("hljs.registerLanguage('python', function(hljs) {\n  return {python: 1};\n});"))
        #expect(!script.contains("hsp") && !script.contains("pythonish"))
        #expect(script.hasSuffix("\n"))
    }

    @Test func aFolderWithoutHighlightJSGivesNoScript() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        #expect(HighlightAssets.files(from: folder.url) == nil)
        // A file not laid out as Debian's (no language blocks) is not cut blindly.
        try folder.write("var hljs = {};\n", to: "highlight.js")
        #expect(HighlightAssets.files(from: folder.url) == nil)
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: debianHighlight.path)))
    func debiansHighlightJSIsCutToEveryLanguageTheLessonsUse() throws {
        let files = try #require(HighlightAssets.files())
        let script = String(decoding: files[0].contents, as: UTF8.self)
        for language in HighlightAssets.languages {
            #expect(script.contains("\nhljs.registerLanguage('\(language)', "), "\(language)")
        }
        #expect(!script.contains("registerLanguage('cpp'"))
        #expect(script.utf8.count < 80_000)
    }

    static func lesson(_ markdown: String, slug: String) throws -> LessonPage {
        let lesson = try LessonParser.parse(markdown, file: slug + ".md", slug: slug)
        return LessonPage(slug: slug, content: .lesson(lesson, experiments: [], errors: []))
    }

    @Test func aPageWithCodeLoadsHighlightJSAndTheCopyButtonsScript() throws {
        let course = Course(title: "C", summary: nil, pages: [
            try Self.lesson("---\ntitle: Code\n---\n\n```python\nx = 1\n```\n", slug: "01-code"),
            try Self.lesson("---\ntitle: Prose\n---\n\nOnly `inline` code.\n", slug: "02-prose"),
        ])
        #expect(course.hasCode)
        let files = SiteRenderer.render(course)
        #expect(files.contains { $0.path == "assets/code.js" })
        func scripts(_ path: String) throws -> [HTMLElement] {
            let file = try #require(files.first { $0.path == path })
            return try HTMLDocument.parse(String(decoding: file.contents, as: UTF8.self)).all("script")
        }
        // The theme toggle's script comes first, in the head; the navigation's last, in the body.
        let (theme, navigation) = (["assets/theme.js"], ["assets/search-index.js", "assets/navigation.js"])
        let code = try scripts("01-code.html")
        #expect(code.compactMap { $0.attributes["src"] } == theme + ["assets/highlight/highlight.js", "assets/code.js"] + navigation)
        let copy = code.first { $0.attributes["src"] == "assets/code.js" }
        #expect(copy?.attributes["data-copy"] == "Copy")
        #expect(copy?.attributes["data-copy-code"] == "Copy the code")
        #expect(copy?.attributes["data-copied"] == "Copied")
        #expect(try scripts("02-prose.html").compactMap { $0.attributes["src"] } == theme + navigation)
    }

    @Test func anIndentedBlockIsCodeAndAProseOnlyCourseGetsNoCodeScript() throws {
        let course = Course(title: "C", summary: nil, pages: [try Self.lesson("---\ntitle: Prose\n---\n\n    indented is code\n", slug: "01-indented")])
        #expect(course.hasCode)
        let prose = Course(title: "C", summary: nil, pages: [try Self.lesson("---\ntitle: Prose\n---\n\nNo code.\n", slug: "01-prose")])
        #expect(!prose.hasCode)
        #expect(!SiteRenderer.render(prose).contains { $0.path == "assets/code.js" })
    }
}
