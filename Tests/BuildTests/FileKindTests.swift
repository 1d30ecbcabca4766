import Foundation
import Lessons
import Testing
import TestSupport
@testable import Build
#if canImport(Glibc)
import Glibc
#endif

/// Paths a user gives that are not what they look like: one-letter output folders, FIFOs,
/// unreadable lessons, broken links and files where folders belong.
@Suite struct FileKindTests {
    @Test(arguments: [
        ("O", ""), ("./O", "."), ("a", ""), ("/O", "/"), ("out/site/", "out"), ("figures/x/a.png", "figures/x"), ("a.html", ""),
    ])
    func theFolderOfAPathIsFoundWithoutFoundationsPathMethods(path: String, folder: String) {
        #expect(SiteWriter.folderPart(of: path) == folder)
    }

    @Test(arguments: ["O", "./O", "a"])
    func aOneLetterOutputHasTheCurrentFolderAsItsParent(display: String) {
        let writer = SiteWriter(output: URL(fileURLWithPath: "/tmp/" + display), display: display)
        #expect(writer.displayParent == ".")
    }

    @Test func aOneLetterOutputFolderIsBuilt() throws {
        let workspace = try Workspace()
        defer { workspace.folder.remove() }
        let output = workspace.folder.url.appendingPathComponent("O")
        let build = CourseBuild(options: BuildOptions(lessonsDirectory: workspace.lessons, outputDirectory: output))
        #expect(build.run().problems.map(\.description) == [])
        #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent("01-workflow.html").path))
    }
}
