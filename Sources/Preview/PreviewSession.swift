import Build
import Foundation
import Lessons

/// The builds of a preview (one at a time, by a BuildScheduler) and what they tell the pages.
final class PreviewSession: @unchecked Sendable {
    let options: PreviewOptions
    let events = PreviewEvents()
    private let lock = NSLock()
    /// Every file of the last good build, by path.
    private var lastGood: [String: [UInt8]]?
    /// Every path a build of this preview made: one the last good build no longer makes is
    /// gone from the site even while the output folder still holds it.
    private var made: Set<String> = []
    /// Figure files the running build is still drawing (`BuildReport.pendingFigures`): a request
    /// for one waits for it.
    private var pending: Set<String> = []
    /// The figure value of each figure file of the last good build, to tell which of the files
    /// still being drawn will change.
    private var lastSpecs: [String: String] = [:]
    /// `lastGood` and `lastSpecs` before a build handed over a site with figures still to draw,
    /// for the case that one fails.
    private var beforeDrawing: (files: [String: [UInt8]]?, specs: [String: String])?
    /// Lessons of earlier builds, so that a build passes over the ones no edit touched.
    private let memory = BuildMemory()
    private lazy var scheduler = BuildScheduler { [unowned self] in buildNow() }

    init(options: PreviewOptions) {
        self.options = options
    }

    var displayLessons: String { display(options.lessons) }
    var displayOutput: String { display(options.output) }

    /// The last good build's site, served before the output folder (which its build is still
    /// writing when the pages are told to reload, and which keeps a failed build's pages while
    /// the preview shows the good ones under the overlay); nil before the first good build.
    var lastGoodSite: (files: [String: [UInt8]], made: Set<String>)? {
        lock.withLock { lastGood.map { ($0, made) } }
    }

    /// `lastGoodSite` for a request of `path`, once `path` is not a figure being drawn.
    func site(serving path: String) async -> (files: [String: [UInt8]], made: Set<String>)? {
        while true {
            let (site, drawing) = lock.withLock { (lastGood.map { ($0, made) }, ServedFile.resolve(path, where: pending.contains) != nil) }
            // A request the server gave up on (its timeout) stops waiting.
            guard drawing, !Task.isCancelled else { return site }
            try? await Task.sleep(for: .milliseconds(4))
        }
    }

    /// A burst of changes in the lessons folder.
    func changed() {
        scheduler.request()
    }

    /// Builds as `descent build` does (with the cache), then tells the pages. A good build's
    /// pages are told to reload as soon as its site is computed: the server has it in memory,
    /// and the output folder is written meanwhile.
    func buildNow() {
        let clock = ContinuousClock(), start = clock.now
        @Sendable func seconds() -> Double {
            let elapsed = clock.now - start
            return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        }
        var buildOptions = BuildOptions(
            lessonsDirectory: options.lessons, outputDirectory: options.output, jobs: options.jobs,
            cacheDirectory: BuildOptions.defaultCache(for: options.lessons),
            progress: ProgressDisplay(live: isatty(2) == 1))
        buildOptions.memory = memory
        let reloaded = LockedValue(false)
        buildOptions.drawsFiguresLater = true
        buildOptions.figuresDrawn = { [unowned self] files in
            lock.withLock {
                for file in files where pending.remove(file.path) != nil { lastGood?[file.path] = file.contents }
            }
        }
        buildOptions.produced = { [unowned self] report in
            // Called once the site is computed, with the figures the build still draws listed,
            // and (when there were any) again once they are drawn.
            guard report.succeeded else {
                // Made again after a rendering failed: the site before this build stays the
                // last good one.
                lock.withLock {
                    pending = []
                    if let before = beforeDrawing { (lastGood, lastSpecs) = before }
                    beforeDrawing = nil
                }
                return
            }
            let changed = lock.withLock { () -> [String] in
                beforeDrawing = report.pendingFigures.isEmpty ? nil : (lastGood, lastSpecs)
                defer {
                    lastGood = report.files
                    made.formUnion(report.files.keys)
                    made.formUnion(report.pendingFigures)
                    lastSpecs = report.figureSpecs
                    pending = report.pendingFigures
                }
                // Figures drawn since the first call are in `lastGood` already (`figuresDrawn`).
                let files = report.files.filter { lastGood?[$0.key] != $0.value }.map(\.key)
                let drawing = report.pendingFigures.filter { lastSpecs[$0] != report.figureSpecs[$0] || lastGood?[$0] == nil }
                return (files + drawing).sorted()
            }
            // The second call only fills in the figures the pages were told of.
            if !report.pendingFigures.isEmpty || !changed.isEmpty || !reloaded.get() {
                events.sendReload(seconds: seconds(), changed: changed)
                reloaded.set(true)
            }
        }
        let report = CourseBuild(options: buildOptions).run()
        // Whatever became of the build, nothing is being drawn now: no request waits any more.
        lock.withLock {
            pending = []
            beforeDrawing = nil
        }
        report.warnings.forEach(sayError)
        if report.succeeded {
            say("Built in \(String(format: "%.2f", seconds())) s; reloading \(pages(events.count)).")
        } else {
            let directory = URL(fileURLWithPath: FileManager.default.currentDirectoryPath, isDirectory: true)
            let problems = report.problems.map { PreviewProblem(description: $0.description, directory: directory) }
            problems.flatMap(\.terminalLines).forEach(sayError)
            events.sendErrors(problems)
            let shown = reloaded.get() ? "\(pages(events.count)) show\(events.count == 1 ? "s" : "") them" : "\(pages(events.count)) show\(events.count == 1 ? "s" : "") them over the last good page"
            sayError("\(problems.count) error\(problems.count == 1 ? "" : "s"); \(shown).")
        }
    }

    private func pages(_ count: Int) -> String { count == 1 ? "1 page" : "\(count) pages" }

    private func display(_ url: URL) -> String {
        let path = url.standardizedFileURL.path, current = FileManager.default.currentDirectoryPath
        return path.hasPrefix(current + "/") ? String(path.dropFirst(current.count + 1)) : path
    }
}
