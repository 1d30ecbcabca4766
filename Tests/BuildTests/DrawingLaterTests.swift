import Foundation
import Testing
import TestSupport
@testable import Build

/// `BuildOptions.drawsFiguresLater` (`descent preview`): the site is handed over before the
/// figures the cache lacks are drawn, they follow one rendering at a time, what pages show first,
/// and the site and output folder in the end are those of a build that drew everything at once.
@Suite struct DrawingLaterTests {
    final class Calls: @unchecked Sendable {
        private let lock = NSLock()
        private var reports: [BuildReport] = []
        private var drawn: [[String]] = []
        func produced(_ report: BuildReport) { lock.withLock { reports.append(report) } }
        func figures(_ files: [(path: String, contents: [UInt8])]) { lock.withLock { drawn.append(files.map(\.path)) } }
        var all: (reports: [BuildReport], drawn: [[String]]) { lock.withLock { (reports, drawn) } }
    }

    /// The paths whose bytes differ, or that one side lacks; a results file by its numbers (the
    /// builds train apart, so their recorded times differ).
    func differing(_ one: [String: [UInt8]], _ other: [String: [UInt8]]) -> [String] {
        Set(one.keys).union(other.keys).filter { path in
            guard path.hasPrefix("data/"), path.hasSuffix(".json"), let first = one[path], let second = other[path] else { return one[path] != other[path] }
            return BuildManifest.resultsHash(first) != BuildManifest.resultsHash(second)
        }.sorted()
    }

    func laterBuild(_ workspace: Workspace, memory: BuildMemory, calls: Calls, jobs: Int = 2) -> BuildReport {
        var options = BuildOptions(lessonsDirectory: workspace.lessons, outputDirectory: workspace.output, jobs: jobs, cacheDirectory: workspace.cache)
        options.memory = memory
        options.drawsFiguresLater = true
        options.produced = { calls.produced($0) }
        options.figuresDrawn = { calls.figures($0) }
        return CourseBuild(options: options).run()
    }

    @Test func theFiguresFollowThePagesAndTheSiteIsThatOfAPlainBuild() throws {
        let workspace = try Workspace()
        defer { workspace.folder.remove() }
        let memory = BuildMemory(), calls = Calls()
        // One job, so that the renderings are handed over in the order they are drawn in.
        let report = laterBuild(workspace, memory: memory, calls: calls, jobs: 1)
        #expect(report.succeeded)

        let (reports, drawn) = calls.all
        try #require(reports.count == 2)
        let first = reports[0], last = reports[1]
        // Two loss figures and a contour with its backgrounds: 6 + 6 + 12 files, none drawn yet.
        #expect(first.pendingFigures.count == 24)
        #expect(first.pendingFigures.allSatisfy { first.files[$0] == nil && first.figureSpecs[$0] != nil })
        #expect(first.files["01-workflow.html"] != nil)
        #expect(last.pendingFigures.isEmpty)
        #expect(Set(drawn.flatMap { $0 }) == first.pendingFigures)
        #expect(first.pendingFigures.allSatisfy { last.files[$0] != nil })
        #expect(last.figureSpecs == first.figureSpecs)
        // What a light desktop page shows comes first: the wide light renderings, the contour's
        // background rather than its whole figure.
        let shownFirst = Set(drawn.prefix(3).flatMap { $0 })
        #expect(shownFirst.allSatisfy { !$0.contains(".dark") && !$0.contains(".narrow") })
        #expect(shownFirst.contains { $0.contains(".bg") })
        #expect(!shownFirst.contains { $0.contains("bowl-2.png") || $0.contains("bowl-2@2x.png") })

        // A build that draws everything at once, with a cache of its own, makes the same site.
        let plainOutput = workspace.folder.url.appendingPathComponent("plain")
        let plain = CourseBuild(options: BuildOptions(
            lessonsDirectory: workspace.lessons, outputDirectory: plainOutput, jobs: 2,
            cacheDirectory: workspace.folder.url.appendingPathComponent("plain-cache"))).run()
        #expect(plain.figuresDrawn == report.figuresDrawn)
        #expect(differing(last.files, plain.files) == [])
        #expect(differing(workspace.snapshot(), workspace.snapshot(plainOutput)) == [])

        // The lesson was remembered with its figures: the next build takes it whole.
        let again = laterBuild(workspace, memory: memory, calls: Calls())
        #expect(again.lessonsRecalled == 1)
        #expect(again.pendingFigures.isEmpty)
        #expect(differing(again.files, plain.files) == [])
    }

    @Test func anEditedLessonWithFiguresToDrawGetsItsNewPage() throws {
        let workspace = try Workspace()
        defer { workspace.folder.remove() }
        let memory = BuildMemory()
        #expect(laterBuild(workspace, memory: memory, calls: Calls()).succeeded)
        // Taken whole: its page's content is remembered under the lesson's generation.
        #expect(laterBuild(workspace, memory: memory, calls: Calls()).lessonsRecalled == 1)
        try workspace.edit { $0.replacingOccurrences(of: "lr: 0.02", with: "lr: 0.03").replacingOccurrences(of: "Some prose.", with: "Edited prose.") }
        let calls = Calls()
        let report = laterBuild(workspace, memory: memory, calls: calls)
        #expect(report.succeeded)
        let (reports, _) = calls.all
        try #require(reports.count == 2)
        #expect(!reports[0].pendingFigures.isEmpty)
        // The page handed over before the figures are drawn is the new one, not the remembered one.
        let page = String(decoding: try #require(reports[0].files["01-workflow.html"]), as: UTF8.self)
        #expect(page.contains("Edited prose."))
        let plainOutput = workspace.folder.url.appendingPathComponent("plain")
        let plain = CourseBuild(options: BuildOptions(
            lessonsDirectory: workspace.lessons, outputDirectory: plainOutput, jobs: 2,
            cacheDirectory: workspace.folder.url.appendingPathComponent("plain-cache"))).run()
        #expect(differing(report.files, plain.files) == [])
        #expect(differing(workspace.snapshot(), workspace.snapshot(plainOutput)) == [])
        // And the next build takes the lesson whole, figures included.
        let again = laterBuild(workspace, memory: memory, calls: Calls())
        #expect(again.lessonsRecalled == 1)
        #expect(differing(again.files, plain.files) == [])
    }

    @Test func aBuildWithNothingToDrawHandsOverItsSiteOnce() throws {
        let workspace = try Workspace()
        defer { workspace.folder.remove() }
        #expect(workspace.build().succeeded)
        let calls = Calls()
        #expect(laterBuild(workspace, memory: BuildMemory(), calls: calls).succeeded)
        let (reports, drawn) = calls.all
        #expect(reports.count == 1)
        #expect(reports.first?.pendingFigures.isEmpty == true)
        #expect(drawn.isEmpty)
    }
}
