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

    @Test func aFIFONamedLikeALessonIsAnErrorAndTheOthersAreBuilt() throws {
        let workspace = try Workspace()
        defer { workspace.folder.remove() }
        let fifo = workspace.lessons.appendingPathComponent("02-fifo.md")
        #expect(mkfifo(fifo.path, 0o644) == 0)
        #expect(mkfifo(workspace.lessons.appendingPathComponent("course.yml").path, 0o644) == 0)
        let report = workspace.build()
        let lessons = workspace.lessons.path
        let expected = [
            "\(lessons)/course.yml:1:1: error: The file `\(lessons)/course.yml` is not a regular file (a FIFO); a course's files must be ordinary files.",
            "\(lessons)/02-fifo.md:1:1: error: `02-fifo.md` is not a regular file (a FIFO); lessons must be ordinary files.",
        ]
        #expect(report.problems.map(\.description) == expected)
        #expect(FileManager.default.fileExists(atPath: workspace.output.appendingPathComponent("01-workflow.html").path))
        #expect(!FileManager.default.fileExists(atPath: workspace.folder.url.appendingPathComponent(".output.descent-lock").path))
        #expect(CourseCommands.validate(lessons: workspace.lessons) == expected)
    }

    @Test func aFIFOTemplateIsAnError() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let templates = folder.url.appendingPathComponent("lessons/_templates")
        try FileManager.default.createDirectory(at: templates, withIntermediateDirectories: true)
        #expect(mkfifo(templates.appendingPathComponent("page.mustache").path, 0o644) == 0)
        let result = LessonFiles.read(templates.appendingPathComponent("page.mustache"), inside: folder.url.appendingPathComponent("lessons"))
        guard case let .failure(problem) = result else {
            Issue.record("a FIFO template was read")
            return
        }
        #expect(problem.problem == "is not a regular file (a FIFO)")
        #expect(problem.advice == "a course's files must be ordinary files")
    }

    @Test func anUnreadableLessonGetsReadAdvice() {
        #expect(CourseBuild.unreadableProblem(name: "01-a.md", display: "lessons/01-a.md", errno: EACCES).description
            == "lessons/01-a.md:1:1: error: The lesson `01-a.md` cannot be read: permission denied; make it readable (chmod u+r lessons/01-a.md).")
        #expect(IOFailure.readSentence(errno: EPERM, path: "x.md") == "permission denied; make it readable (chmod u+r x.md).")
        #expect(IOFailure.readSentence(errno: ENOSPC, path: "x.md") == IOFailure.sentence(errno: ENOSPC))
    }

    @Test func aBrokenLinkAsTheOutputIsNamedSo() throws {
        let workspace = try Workspace()
        defer { workspace.folder.remove() }
        try FileManager.default.createSymbolicLink(atPath: workspace.output.path, withDestinationPath: "/nonexistent-descent-target")
        let report = workspace.build()
        #expect(report.problems.map(\.description) == [
            "\(workspace.output.path):1:1: error: is a broken symbolic link to `/nonexistent-descent-target`, which does not exist: create the folder it points to, remove the link, or choose another --output.",
        ])
    }

    @Test func aFileAsTheLessonsFolderIsNamedSo() throws {
        let workspace = try Workspace()
        defer { workspace.folder.remove() }
        let file = workspace.lessons.appendingPathComponent("01-workflow.md")
        let report = CourseBuild(options: BuildOptions(lessonsDirectory: file, outputDirectory: workspace.output)).run()
        #expect(report.problems.map(\.description) == [
            "\(file.path):1:1: error: is a file, not a folder; give the folder that holds the lessons with --lessons, such as `lessons`.",
        ])
        #expect(CourseCommands.validate(lessons: file) == report.problems.map(\.description))
    }

    @Test func foundationErrorsUseTheirUnderlyingError() {
        let full = NSError(domain: NSCocoaErrorDomain, code: CocoaError.fileWriteOutOfSpace.rawValue)
        let error = NSError(domain: NSCocoaErrorDomain, code: CocoaError.fileWriteUnknown.rawValue, userInfo: [NSUnderlyingErrorKey: full])
        #expect(IOFailure.sentence(error) == IOFailure.sentence(errno: ENOSPC))
    }


    @Test func fifosInTheOldSiteAreNeverOpened() throws {
        let workspace = try Workspace()
        defer { workspace.folder.remove() }
        try FileManager.default.createDirectory(at: workspace.output, withIntermediateDirectories: true)
        for name in ["index.html", SiteWriter.manifestName] {
            #expect(mkfifo(workspace.output.appendingPathComponent(name).path, 0o644) == 0)
        }
        #expect(workspace.build().problems.map(\.description) == [])
        var info = stat()
        #expect(stat(workspace.output.appendingPathComponent("index.html").path, &info) == 0 && info.st_mode & S_IFMT == S_IFREG)
    }

    @Test func aFileInThePathOfTheOutputIsNamed() throws {
        let workspace = try Workspace()
        defer { workspace.folder.remove() }
        try workspace.folder.write("not a folder", to: "f")
        try FileManager.default.createSymbolicLink(atPath: workspace.folder.url.appendingPathComponent("dangling").path, withDestinationPath: "/nonexistent-descent-target")
        func problems(_ output: String, display: String) -> [String] {
            let writer = SiteWriter(output: workspace.folder.url.appendingPathComponent(output), display: display)
            do {
                _ = try writer.lock()
                return []
            } catch {
                return [error.description]
            }
        }
        let file = workspace.folder.url.appendingPathComponent("f").path
        #expect(problems("f/out", display: "f/out") == ["f:1:1: error: is a file, not a folder, so it cannot hold f/out; remove it or choose another --output."])
        #expect(problems("f/x/out", display: "f/x/out") == ["f/x:1:1: error: cannot be created to hold f/x/out: `\(file)` is a file, not a folder; remove it or choose another --output."])
        #expect(problems("dangling/out", display: "dangling/out") == ["dangling:1:1: error: is a broken symbolic link, so it cannot hold dangling/out; remove it or choose another --output."])
        #expect(problems("a/b/out", display: "a/b/out") == [])
    }
}
