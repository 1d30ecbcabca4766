import Foundation
import Testing
import TestSupport
@testable import Site

/// Course templates nested deeper than `Limits.templateDepth` are refused before
/// swift-mustache parses them (its parser recurses per level).
@Suite struct TemplateDepthTests {
    static func nested(_ depth: Int) -> String {
        String(repeating: "{{#a}}", count: depth) + "x" + String(repeating: "{{/a}}", count: depth)
    }

    func load(_ page: String) throws -> String? {
        try pageTemplateError(page)
    }

    @Test func theLimitPassesAndOneLevelMoreIsRefusedAtItsTag() throws {
        #expect(try load(Self.nested(100)) == nil)
        #expect(try load("<p>\n" + Self.nested(101)) == "lessons/_templates/page.mustache:2:601: error: This section is nested 101 deep; the limit is 100 nested sections per template. Close sections sooner or flatten them.")
    }

    @Test func aTemplateThreeThousandDeepIsAnErrorNotACrash() throws {
        #expect(try load(Self.nested(3000))?.hasPrefix("lessons/_templates/page.mustache:1:601: error: This section is nested 101 deep") == true)
    }

    @Test func changedDelimitersAreFollowed() throws {
        #expect(try load("{{=<% %>=}}" + String(repeating: "<%#a%>", count: 101)) != nil)
    }

    @Test func aTemplateLinkedFromOutsideTheLessonsIsRefused() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("secret {{title}}", to: "outside.mustache")
        try FileManager.default.createDirectory(at: folder.url.appendingPathComponent("lessons/_templates"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: folder.url.appendingPathComponent("lessons/_templates/page.mustache").path,
                                                   withDestinationPath: folder.url.appendingPathComponent("outside.mustache").path)
        #expect(throws: SiteError.template(file: "t/page.mustache", line: 1, column: 1, message: "The file `t/page.mustache` is outside the lessons folder (a link may point outside it); put the file inside `lessons/` and give its path relative to the lesson.")) {
            _ = try Templates.load(from: folder.url.appendingPathComponent("lessons/_templates"), displayDirectory: "t")
        }
    }
}
