import Build
import Foundation
import Lessons

/// The builds of a preview (one at a time, by a BuildScheduler) and what they tell the pages.
final class PreviewSession: @unchecked Sendable {
    let options: PreviewOptions
    let events = PreviewEvents()
    private let lock = NSLock()
    /// Every file of the last good build, by path, and whether the last build failed.
    private var lastGood: [String: [UInt8]]?
    private var failing = false
    private lazy var scheduler = BuildScheduler { [unowned self] in buildNow() }

    init(options: PreviewOptions) {
        self.options = options
    }

    var displayLessons: String { display(options.lessons) }
    var displayOutput: String { display(options.output) }

    /// The last good build's site while the latest build failed (a failed build writes pages
    /// that say so, as `descent build` does; the preview keeps showing the good ones under the
    /// overlay); nil otherwise, when the output folder is served as it is.
    var lastGoodSiteWhileFailing: [String: [UInt8]]? {
        lock.withLock { failing ? lastGood : nil }
    }

    /// A burst of changes in the lessons folder.
    func changed() {
        scheduler.request()
    }

    /// Builds as `descent build` does (with the cache), then tells the pages.
    func buildNow() {
        let clock = ContinuousClock(), start = clock.now
        let report = CourseBuild(options: BuildOptions(
            lessonsDirectory: options.lessons, outputDirectory: options.output, jobs: options.jobs,
            cacheDirectory: BuildOptions.defaultCache(for: options.lessons),
            progress: ProgressDisplay(live: isatty(2) == 1))).run()
        let elapsed = clock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        report.warnings.forEach(sayError)
        let changed = lock.withLock { () -> [String] in
            failing = !report.succeeded
            guard report.succeeded else { return [] }
            defer { lastGood = report.files }
            return report.files.filter { lastGood?[$0.key] != $0.value }.map(\.key)
        }
        if report.succeeded {
            events.sendReload(seconds: seconds, changed: changed)
            say("Built in \(String(format: "%.2f", seconds)) s; reloading \(pages(events.count)).")
        } else {
            let directory = URL(fileURLWithPath: FileManager.default.currentDirectoryPath, isDirectory: true)
            let problems = report.problems.map { PreviewProblem(description: $0.description, directory: directory) }
            problems.flatMap(\.terminalLines).forEach(sayError)
            events.sendErrors(problems)
            sayError("\(problems.count) error\(problems.count == 1 ? "" : "s"); \(pages(events.count)) show\(events.count == 1 ? "s" : "") them over the last good page.")
        }
    }

    private func pages(_ count: Int) -> String { count == 1 ? "1 page" : "\(count) pages" }

    private func display(_ url: URL) -> String {
        let path = url.standardizedFileURL.path, current = FileManager.default.currentDirectoryPath
        return path.hasPrefix(current + "/") ? String(path.dropFirst(current.count + 1)) : path
    }
}
