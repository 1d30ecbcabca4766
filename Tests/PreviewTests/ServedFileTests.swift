import Foundation
@testable import Preview
import TestSupport
import Testing

struct ServedFileTests {
    @Test func aFolderGivesItsIndexAndAPathWithDotDotIsRefused() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("<p>index</p>", to: "output/index.html")
        try folder.write("<p>page</p>", to: "output/guide/index.html")
        let root = folder.url.appendingPathComponent("output")
        #expect(ServedFile.resolve("/", in: root)?.lastPathComponent == "index.html")
        #expect(ServedFile.resolve("/guide/?x=1", in: root)?.path.hasSuffix("/output/guide/index.html") == true)
        #expect(ServedFile.resolve("/../output/index.html", in: root) == nil)
        #expect(ServedFile.resolve("/%2e%2e/output/index.html", in: root) == nil)
        #expect(ServedFile.resolve("/guide/./index.html", in: root) == nil)
    }

    @Test func aSymbolicLinkIsFollowedOnlyInsideTheOutputFolder() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("<p>index</p>", to: "output/index.html")
        try folder.write("secret", to: "secret.txt")
        let root = folder.url.appendingPathComponent("output")
        try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent("outside.txt").path, withDestinationPath: "../secret.txt")
        try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent("inside.html").path, withDestinationPath: "index.html")
        #expect(ServedFile.resolve("/outside.txt", in: root) == nil)
        #expect(ServedFile.resolve("/inside.html", in: root)?.lastPathComponent == "index.html")
    }

    @Test func aSiteInMemoryIsLookedUpByTheSamePathRules() {
        let files: [String: [UInt8]] = ["index.html": [1], "guide/index.html": [2], "figures/a.png": [3]]
        #expect(ServedFile.resolve("/", in: files)?.contents == [1])
        #expect(ServedFile.resolve("/guide", in: files)?.contents == [2])
        #expect(ServedFile.resolve("/figures/a.png", in: files)?.contents == [3])
        #expect(ServedFile.resolve("/figures/../index.html", in: files) == nil)
    }

    @Test func theReloadScriptGoesBeforeTheLastClosingBodyTag() {
        let page = Data("<html><body><p>&lt;/body&gt;</p></body></html>".utf8)
        let served = String(decoding: ReloadScript.inject(into: page), as: UTF8.self)
        #expect(served.hasPrefix("<html><body><p>&lt;/body&gt;</p><script data-descent-preview>\n"))
        #expect(served.hasSuffix("</script>\n</body></html>"))
        #expect(String(decoding: ReloadScript.inject(into: Data("<p>no body</p>".utf8)), as: UTF8.self).hasPrefix("<p>no body</p><script data-descent-preview>"))
    }

    @Test func aBuildMessageSplitsIntoPositionMessageAndSourceLine() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("---\ntitle: a:1:2: b\nbogus: 3\n---\n", to: "lessons/01-a:b.md")
        let problem = PreviewProblem(description: "lessons/01-a:b.md:3:7: error: Unknown key `bogus`.", directory: folder.url)
        #expect(problem == PreviewProblem(file: "lessons/01-a:b.md", line: 3, column: 7, message: "error: Unknown key `bogus`.", source: "bogus: 3"))
        #expect(problem.terminalLines == ["lessons/01-a:b.md:3:7: error: Unknown key `bogus`.", "    3 | bogus: 3", "              ^"])
        let beyond = PreviewProblem(description: "lessons/01-a:b.md:99:1: error: x", directory: folder.url)
        #expect(beyond.source == nil)
    }
}
