import Charts
import Foundation
import Lessons
import Site
import Training

/// Where a build reads and writes, and how.
public struct BuildOptions: Sendable {
    public var lessonsDirectory: URL
    public var outputDirectory: URL
    /// Experiments and figures in flight at once.
    public var jobs: Int
    /// Ignore cached results and train everything again.
    public var fresh: Bool
    /// Build only this lesson (its slug, `01-gradient-descent`), leaving the other pages as
    /// they are; `lesson#experiment` also limits `fresh` to that experiment.
    public var only: String?

    /// The lesson part of `only`.
    var onlyLesson: String? { only.map { String($0.split(separator: "#", maxSplits: 1)[0]) } }
    /// The experiment part of `only`, if it names one.
    var onlyExperiment: String? {
        guard let only, let mark = only.firstIndex(of: "#") else { return nil }
        return String(only[only.index(after: mark)...])
    }
    /// Where results and figures are kept between builds; nil keeps nothing.
    public var cacheDirectory: URL?
    /// Where the results JSON with the timings to keep are read from (the output folder,
    /// or for `check` the committed one).
    public var timingsDirectory: URL?
    /// What the build says while it runs.
    public var progress: ProgressDisplay?
    /// Called at each step of putting the site in place; tests throw to simulate a kill there.
    var interruption: (@Sendable (SiteWriter.Step) throws -> Void)?
    /// Whether the new site may be swapped in with `renameat2(RENAME_EXCHANGE)` (tests turn it
    /// off to take the journaled two-rename path).
    var exchangeFolders = true
    /// The Descent named in cache keys (tests stand in for another version or toolchain).
    var identity = BuildIdentity.current
    /// The hash of the renderer fingerprint named in drawings' cache keys: this machine's
    /// (`BuildManifest.rendererHash`) unless a test stands in for other libraries or fonts.
    var rendererFingerprint: String {
        get { rendererFingerprintStandIn ?? BuildManifest.rendererHash }
        set { rendererFingerprintStandIn = newValue }
    }
    private var rendererFingerprintStandIn: String?
    /// Called with the report and every file of the site once they are computed in memory,
    /// before the output folder is written (`descent preview` serves them from there at once).
    public var produced: (@Sendable (BuildReport) -> Void)?
    /// With `produced`: the renderings the cache lacks are drawn after `produced` is called,
    /// with their files listed in `BuildReport.pendingFigures`, and `produced` is called again
    /// with the whole site once they are done (`descent preview`). The output folder is
    /// written only then, the same as without.
    public var drawsFiguresLater = false
    /// With `drawsFiguresLater`: called with each rendering's files, by path, as soon as they
    /// are drawn, from the threads that draw them.
    public var figuresDrawn: (@Sendable ([(path: String, contents: [UInt8])]) -> Void)?
    /// Whether a build whose inputs and output are those of the last build (`BuildStamp`)
    /// does nothing (`descent build`, without `--explain`); needs a cache.
    public var skipWhenUpToDate = false
    /// The lessons of earlier builds in this process, taken whole where their inputs are
    /// unchanged (`descent preview`); nil builds every lesson.
    public var memory: BuildMemory?

    public init(
        lessonsDirectory: URL, outputDirectory: URL, jobs: Int = ProcessInfo.processInfo.activeProcessorCount,
        fresh: Bool = false, only: String? = nil, cacheDirectory: URL? = nil, timingsDirectory: URL? = nil,
        progress: ProgressDisplay? = nil
    ) {
        self.lessonsDirectory = lessonsDirectory
        self.outputDirectory = outputDirectory
        self.jobs = max(1, jobs)
        self.fresh = fresh
        self.only = only
        self.cacheDirectory = cacheDirectory
        self.timingsDirectory = timingsDirectory ?? outputDirectory
        self.progress = progress
    }

    /// The cache next to the lessons folder: `lessons/../.descent-cache`.
    public static func defaultCache(for lessons: URL) -> URL {
        lessons.standardizedFileURL.deletingLastPathComponent().appendingPathComponent(".descent-cache", isDirectory: true)
    }
}

/// What a build did.
public struct BuildReport: Sendable {
    public var lessons = 0
    public var experiments = 0
    public var experimentsTrained = 0
    /// Lessons taken whole from the build's memory (`BuildOptions.memory`).
    public var lessonsRecalled = 0
    public var figures = 0
    /// Figures drawn by this build (the others came from the cache).
    public var figuresDrawn = 0
    public var filesWritten = 0
    public var filesRemoved = 0
    public var problems: [BuildProblem] = []
    /// Things worth fixing that do not fail the build, such as text a missing font drew as boxes.
    public var warnings: [String] = []
    /// Why each experiment was trained or reused and each figure drawn or reused, in lesson
    /// order: `lessons/01-a.md:12:1 experiment `bowl`: reused (…)` (`descent build --explain`).
    public var explanations: [String] = []
    /// Every file of the site, by path (for `check`).
    public var files: [String: [UInt8]] = [:]
    /// Per figure file, the SHA-256 of the figure value it was drawn from (`BuildManifest`).
    public var figureSpecs: [String: String] = [:]
    /// Figure files still being drawn when `BuildOptions.produced` is called with this report
    /// (`BuildOptions.drawsFiguresLater`): missing from `files` until it is called again.
    public var pendingFigures: Set<String> = []

    public var succeeded: Bool { problems.isEmpty }
}

/// The build pipeline: the data's journey from lesson files to `output/`, one named step each.
public struct CourseBuild: Sendable {
    public let options: BuildOptions

    public init(options: BuildOptions) {
        self.options = options
    }

    /// A lesson on its way through the pipeline.
    struct Work {
        var slug: String
        var file: String
        var lesson: Lesson?
        var problems: [BuildProblem] = []
        var warnings: [String] = []
        var results: [ExperimentResult] = []
        var outputs: [String: [ExperimentOutput.Item]] = [:]
        var downloads: [String: [Download]] = [:]
        /// The file name is reserved: the lesson gets no page, only its error.
        var reserved = false
        /// Why each experiment (by id) was trained or reused, and each figure (by id) drawn or reused.
        var experimentReasons: [String: String] = [:]
        var figureReasons: [String: String] = [:]
        /// Each player figure's layouts for its data script, by figure id.
        var placements: [String: [FigureLayout: FigureScript.Placement]] = [:]
        /// The lesson file's bytes, read before it was parsed, when the build has a memory.
        var source: [UInt8]?
        /// Taken from the build's memory with its files: the pipeline's steps pass it by.
        var recalled: BuildMemory.Entry?
    }

    public func run() -> BuildReport {
        var report = BuildReport()
        // Reading fontconfig's configuration and hashing the font files takes a few tens of
        // milliseconds; a build that does not need them at once (no stamp to compare) parses
        // and trains meanwhile, and the figures' cache keys find them done.
        BuildManifest.prepareRenderer()
        do {
            var writer = SiteWriter(output: options.outputDirectory, display: displayPath(options.outputDirectory))
            writer.exchange = options.exchangeFolders
            writer.interruption = options.interruption
            try checkFolders(output: writer.output)
            // The lock is held from before the old site is read until the new one is in place.
            let lock = try writer.lock()
            try writer.recover()
            let stamping = options.skipWhenUpToDate && !options.fresh && options.only == nil && options.memory == nil
            let last = stamping ? BuildStamp.read(options, output: writer.output) : nil
            let inputs = stamping ? BuildStamp.inputs(options) : nil
            if let same = last?.report(inputs: inputs, output: writer.output) {
                options.progress?.finish(same)
                return same
            }
            var files: [SiteFile]?, later: PutOff?
            (report, files, later) = produce(drawsLater: options.drawsFiguresLater && options.produced != nil && options.onlyLesson == nil)
            if files != nil { options.produced?(report) }
            if let later, let partial = files {
                if let drawn = later.finish(each: { files in options.figuresDrawn?(files.map { ($0.path, $0.contents) }) }) {
                    files = partial + drawn
                    for file in drawn { report.files[file.path] = file.contents }
                    report.pendingFigures = []
                } else {
                    // A rendering failed or lacked a font: the build is made again as it would
                    // be without drawing later, so that its pages, errors and files are the same.
                    (report, files, _) = produce(drawsLater: false)
                }
                if files != nil { options.produced?(report) }
            }
            if let files {
                // Files of lessons or figures that no longer exist go only after a build that worked.
                let outcome = try writer.write(files, removingStale: report.succeeded && options.onlyLesson == nil, figures: report.figureSpecs)
                report.filesWritten = outcome.written
                report.filesRemoved = outcome.removed
            }
            if stamping { BuildStamp.record(report, inputs: inputs, options: options, output: writer.output) }
            withExtendedLifetime(lock) {}
        } catch {
            report.problems.append(error)
        }
        options.progress?.finish(report)
        return report
    }

    /// Refuses an output folder that the swap would take from under the lessons or the user:
    /// the lessons folder itself, a folder around it, or the current folder or one around it.
    func checkFolders(output: URL) throws(BuildProblem) {
        let lessons = options.lessonsDirectory.standardizedFileURL.resolvingSymlinksInPath().path
        let current = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).resolvingSymlinksInPath().path
        func isInside(_ path: String, _ folder: String) -> Bool {
            path == folder || folder == "/" || path.hasPrefix(folder + "/")
        }
        let reason: String? =
            isInside(lessons, output.path) ? "holds the lessons folder, and a build replaces its output folder as a whole"
            : isInside(output.path, lessons) ? "is inside the lessons folder"
            : isInside(current, output.path) ? "is the current folder or holds it, and a build replaces its output folder as a whole"
            : nil
        if let reason {
            throw .io(path: displayPath(options.outputDirectory), reason: "cannot be the output folder: it \(reason); choose a folder of its own for the site, such as `output`.")
        }
    }

    /// Renderings put off by `produce(drawsLater: true)`, and the step that draws them.
    struct PutOff {
        let drawing: PendingDrawing
        /// The build memory, which holds the lessons built without these renderings' files.
        let memory: BuildMemory?
        /// The files of those lessons (as displayed).
        let lessons: Set<String>

        /// Draws the renderings, handing each one's files to `each` as it is done, and, when
        /// every one was drawn with all its text, gives their files and adds them to the
        /// memory's lessons; otherwise forgets those lessons (they lack figures) and gives nil.
        func finish(each: @escaping @Sendable ([SiteFile]) -> Void) -> [SiteFile]? {
            var drawn: [SiteFile] = []
            for outcome in drawing.draw(each) {
                guard case let .success(rendering) = outcome, rendering.missing.isEmpty else {
                    memory?.forget(lessons)
                    return nil
                }
                drawn += rendering.files
            }
            memory?.add(drawn)
            return drawn
        }
    }

    /// Everything up to the files of the site, computed in memory; nothing is written. No
    /// files when the lessons cannot be read at all, so that the old site stays as it is. With
    /// `drawsLater`, the renderings the cache lacks are left to the `PutOff`.
    func produce(drawsLater: Bool = false) -> (BuildReport, [SiteFile]?, PutOff?) {
        var report = BuildReport()
        var files: [SiteFile] = []
        var settings = CourseSettings()
        do {
            settings = try CourseSettings.load(from: options.lessonsDirectory, displayDirectory: displayPath(options.lessonsDirectory))
        } catch {
            report.problems += error.all.map(BuildProblem.lesson)
        }
        let stringsFolder = options.lessonsDirectory.appendingPathComponent(Templates.folderName, isDirectory: true)
        let (catalog, stringProblems) = StringCatalog.load(from: stringsFolder, displayDirectory: displayPath(stringsFolder))
        report.problems += stringProblems.errors.map(BuildProblem.lesson)
        report.warnings += stringProblems.warnings
        var work: [Work]
        do {
            work = try parseLessons(catalog: catalog)
        } catch {
            report.problems.append(error)
            return (report, nil, nil)
        }
        var templates = Templates.defaults
        do {
            templates = try Templates.load(
                from: options.lessonsDirectory.appendingPathComponent(Templates.folderName, isDirectory: true),
                displayDirectory: displayPath(options.lessonsDirectory.appendingPathComponent(Templates.folderName)))
        } catch {
            report.problems.append(.site(error))
        }
        // Lessons taken from the memory skip the steps up to the pages.
        let pending = work.indices.filter { work[$0].recalled == nil }
        report.lessonsRecalled = work.count - pending.count
        var built = pending.map { work[$0] }
        var lessonFiles: [SiteFile] = [], figureSpecs: [String: String] = [:]
        runExperiments(&built, report: &report)
        checkClaims(&built)
        fillInlineResults(&built)
        var drawing: PendingDrawing?
        report.figuresDrawn = drawFigures(&built, into: &lessonFiles, figureSpecs: &figureSpecs, catalog: catalog, drawsLater: drawsLater, pending: &drawing)
        writeResults(&built, into: &lessonFiles, catalog: catalog)
        // Remembered now, figures drawn later or not: a page's content is remembered under its
        // lesson's new generation (`memoryToken`), which the pages below are made with.
        options.memory?.remember(built, catalog: catalog, files: lessonFiles, figureSpecs: figureSpecs, lessons: Set(work.map(\.file)))
        for (index, item) in zip(pending, built) { work[index] = item }
        for item in work {
            guard let entry = item.recalled else { continue }
            lessonFiles += entry.files
            figureSpecs.merge(entry.figureSpecs) { _, recalled in recalled }
        }
        files += lessonFiles
        report.figureSpecs = figureSpecs
        report.explanations = explanations(work)
        let course = course(work, settings: settings, catalog: catalog)
        var siteErrors: [SiteError] = []
        files += SiteRenderer.render(course, templates: templates, errors: &siteErrors)
        report.problems += siteErrors.map(BuildProblem.site)
        let vendored = VendoredLibrary.assets(for: course)
        files += vendored.files
        report.warnings += vendored.warnings
        if let only = options.onlyLesson {
            // Only that lesson's page, figures and data; the other pages stay as they are.
            files = files.filter { $0.path == only + ".html" || $0.path.hasPrefix("figures/\(only)/") || $0.path.hasPrefix("data/\(only)/") || $0.path.hasPrefix("assets/") }
        }
        report.lessons = work.count
        report.experiments = work.reduce(0) { $0 + $1.results.count }
        report.figures = work.reduce(0) { $0 + $1.outputs.values.reduce(0) { $0 + $1.count } }
        report.problems += work.flatMap(\.problems)
        report.warnings += work.flatMap(\.warnings)
        report.files = Dictionary(files.map { ($0.path, $0.contents) }, uniquingKeysWith: { _, last in last })
        report.pendingFigures = drawing?.paths ?? []
        return (report, files, drawing.map { PutOff(drawing: $0, memory: options.memory, lessons: Set(built.map(\.file))) })
    }

    // MARK: Steps

    /// Reads and validates every `*.md` in the lessons folder, in file-name order.
    func parseLessons(catalog: StringCatalog = .builtIn) throws(BuildProblem) -> [Work] {
        let names: [String]
        let folder = displayPath(options.lessonsDirectory)
        var info = stat()
        guard stat(options.lessonsDirectory.path, &info) == 0 else {
            let code = errno
            throw .io(path: folder, reason: "the lessons folder cannot be read: \(IOFailure.readSentence(errno: code, path: folder))")
        }
        guard info.st_mode & S_IFMT == S_IFDIR else {
            let kind = LessonFiles.nonRegularKind(mode: info.st_mode).map { "is \($0)" } ?? "is a file"
            throw .io(path: folder, reason: "\(kind), not a folder; give the folder that holds the lessons with --lessons, such as `lessons`.")
        }
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: options.lessonsDirectory.path)
        } catch {
            throw .io(path: folder, reason: "the lessons folder cannot be read: \(IOFailure.sentence(error))")
        }
        let parsed = names.filter { $0.hasSuffix(".md") && !$0.hasPrefix("_") && !$0.hasPrefix(".") }.sorted().map { name in
            let url = options.lessonsDirectory.appendingPathComponent(name)
            let file = displayPath(url)
            var item = Work(slug: FileNames.lessonSlug(fileName: String(name.dropLast(3))), file: file)
            if let problem = Self.unreadable(url, display: file) {
                item.problems = [problem]
                return item
            }
            if let memory = options.memory, let source = RegularFile.contents(atPath: url.path).map(Array.init) {
                if let entry = memory.entry(file: file, slug: item.slug, source: source, catalog: catalog) {
                    var recalled = entry.work
                    recalled.recalled = entry
                    return recalled
                }
                item.source = source
            }
            if FileNames.isReserved(lessonSlug: item.slug) {
                item.reserved = true
                item.problems = [.io(path: file, reason: "the file name `\(name)` is reserved: the site's own `\(item.slug.lowercased())` would be overwritten by this lesson's page; rename the lesson, for example to `01-\(name)`.")]
                return item
            }
            do throws(Diagnostics) {
                let lesson = try LessonParser.parse(contentsOf: url, displayPath: file, lessonsRoot: options.lessonsDirectory, catalog: catalog)
                item.lesson = lesson
                if !catalog.translates(lesson.language) {
                    item.warnings.append(Diagnostic.escapingControlCharacters("\(file):1:1: warning: `lang: \(lesson.language)` has no interface strings, so this page's interface (captions, contents, downloads, figure labels) is in English; Descent translates \(InterfaceStrings.languages.joined(separator: ", ")), and `\(Templates.folderName)/\(StringCatalog.fileName(for: lesson.language))` can give the rest."))
                }
            } catch {
                item.problems = error.all.map(BuildProblem.lesson)
            }
            return item
        }
        if parsed.isEmpty {
            throw .io(path: displayPath(options.lessonsDirectory), reason: "the lessons folder has no lessons (files named like `01-first-steps.md`); write one with `descent new \"Title\"`, or give the course's folder with --lessons. The output is left as it was.")
        }
        if let only = options.onlyLesson, !parsed.contains(where: { $0.slug == only }) {
            throw .io(path: displayPath(options.lessonsDirectory), reason: "there is no lesson `\(only)`; the lessons are \(parsed.map(\.slug).joined(separator: ", ")).")
        }
        // Lessons with an `order` come first, by order; the others follow by file name.
        return parsed.enumerated().sorted { first, second in
            let a = first.element.lesson?.order ?? Int.max
            let b = second.element.lesson?.order ?? Int.max
            return a != b ? a < b : first.offset < second.offset
        }.map(\.element)
    }

    /// Why a lesson file cannot be read, as a sentence at its start; nil when it can.
    /// Only a regular file (links followed) is opened: opening a FIFO would wait for a writer forever.
    static func unreadable(_ url: URL, display: String) -> BuildProblem? {
        let name = url.lastPathComponent
        var info = stat()
        guard stat(url.path, &info) == 0 else {
            let code = errno
            if code == ENOENT, let target = try? FileManager.default.destinationOfSymbolicLink(atPath: url.path) {
                return .io(path: display, reason: "The lesson `\(name)` is a broken symbolic link to `\(target)`, which does not exist; point it at a lesson file, or remove it.")
            }
            return unreadableProblem(name: name, display: display, errno: code)
        }
        if info.st_mode & S_IFMT == S_IFDIR {
            return .io(path: display, reason: "is a folder, not a lesson file; rename it so that its name does not end in `.md`.")
        }
        if let kind = LessonFiles.nonRegularKind(mode: info.st_mode) {
            return .io(path: display, reason: "`\(name)` is not a regular file (\(kind)); lessons must be ordinary files.")
        }
        let descriptor = open(url.path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else { return unreadableProblem(name: name, display: display, errno: errno) }
        close(descriptor)
        return nil
    }

    /// The lesson `name` cannot be read, for the C library's `code`: read advice, not write advice.
    static func unreadableProblem(name: String, display: String, errno code: Int32) -> BuildProblem {
        .io(path: display, reason: "The lesson `\(name)` cannot be read: \(IOFailure.readSentence(errno: code, path: display))")
    }

    /// Trains (or takes from the cache) every experiment of every lesson that parsed, `jobs`
    /// at a time; results keep their lesson order whatever order they finish in.
    func runExperiments(_ work: inout [Work], report: inout BuildReport) {
        let cached = ResultCache(directory: options.cacheDirectory)
        let tasks: [(lesson: Int, spec: ExperimentSpec)] = work.indices.flatMap { index -> [(Int, ExperimentSpec)] in
            guard let lesson = work[index].lesson, options.onlyLesson == nil || work[index].slug == options.onlyLesson else { return [] }
            return lesson.experiments.map { (index, $0) }
        }
        let fresh = options.fresh, onlyExperiment = options.onlyExperiment, identity = options.identity
        options.progress?.start(experiments: tasks.count)
        let slugs = work.map(\.slug)
        let timingsDirectory = options.timingsDirectory
        let outcomes = parallelMap(tasks, jobs: options.jobs) { task -> Result<(ExperimentResult, ExperimentOutcome), BuildProblem> in
            let name = "\(slugs[task.lesson])#\(task.spec.id)"
            options.progress?.started(name)
            let stored = timingsDirectory.flatMap { StoredTimings(contentsOf: $0.appendingPathComponent("data/\(slugs[task.lesson])/\(FileNames.component(task.spec.id)).json")) }
            // --fresh retrains everything, or with --only LESSON#EXP that experiment alone.
            let isFresh = fresh && (onlyExperiment == nil || onlyExperiment == task.spec.id)
            let outcome = Result { () throws(BuildProblem) in
                try ExperimentRunner.run(task.spec, cache: isFresh ? .none : cached, stored: stored, name: name, fresh: isFresh, identity: identity)
            }
            switch outcome {
            case let .success((_, how)): options.progress?.finished(name, outcome: how)
            case .failure: options.progress?.finished(name, outcome: ExperimentOutcome(trained: true, reason: "failed", seconds: 0))
            }
            return outcome
        }
        for (task, outcome) in zip(tasks, outcomes) {
            switch outcome {
            case let .success((result, how)):
                work[task.lesson].results.append(result)
                if how.trained { report.experimentsTrained += 1 }
                work[task.lesson].experimentReasons[task.spec.id] = how.reason
            case .failure(let problem):
                work[task.lesson].problems.append(problem)
                work[task.lesson].experimentReasons[task.spec.id] = "failed: its error is listed with the build's errors"
            }
        }
    }

    /// The `--explain` lines: each experiment, then each of its figures, in lesson order.
    func explanations(_ work: [Work]) -> [String] {
        work.flatMap { item in
            (item.lesson?.experiments ?? []).flatMap { spec -> [String] in
                guard let reason = item.experimentReasons[spec.id] else { return [] }
                return ["\(spec.location) experiment `\(spec.id)`: \(reason)"] + spec.figures.compactMap { figure in
                    let reason = figure.isImage ? item.figureReasons[figure.id] : "a table, made from its experiment's results on every build"
                    return reason.map { "\(spec.location) figure `\(figure.id)`: \($0)" }
                }
            }
        }
    }

    /// Checks each experiment's `expect:` claims against its results.
    func checkClaims(_ work: inout [Work]) {
        for index in work.indices {
            for result in work[index].results {
                work[index].problems += ClaimCheck.failures(of: result).map(BuildProblem.claim)
            }
        }
    }

    /// Puts the numbers the experiments measured into the prose's `{result}` spans.
    func fillInlineResults(_ work: inout [Work]) {
        for index in work.indices {
            guard var lesson = work[index].lesson, !lesson.prose.results.isEmpty else { continue }
            work[index].problems += InlineResults.fill(&lesson.prose, results: work[index].results).map(BuildProblem.lesson)
            work[index].lesson = lesson
        }
    }

    /// Draws each experiment's figures in every variant (wide and narrow, light and dark, at
    /// 1× and 2×), or takes them from the cache when their chart is unchanged, and lays out
    /// its tables, numbering them through the lesson. Records each figure file's value hash in
    /// `figureSpecs`. Returns how many figures it drew.
    @discardableResult
    /// With `drawsLater`, the renderings the cache lacks are put off: `pending` draws them, and
    /// until it is done their files are missing from `files` (their figure values are in
    /// `figureSpecs`); a build whose renderings are drawn later is `produce`'s to finish.
    func drawFigures(
        _ work: inout [Work], into files: inout [SiteFile], figureSpecs: inout [String: String], catalog: StringCatalog = .builtIn,
        drawsLater: Bool = false, pending: inout PendingDrawing?
    ) -> Int {
        let cache = ResultCache(directory: options.cacheDirectory)
        struct Job {
            var lesson: Int
            var figure: FigureSpec
            /// Empty for a figure reused whole: every rendering, its sizes and (for a player)
            /// its placements are in the cache, so its charts (with their grids) are not built.
            var charts: [FigureLayout: Figure]
            /// Each layout's size in points, as the page's `<img>` sizes it.
            var sizes: [FigureLayout: Size]
            /// A reused figure's cached PNGs, by variant name, in its variant's scale order.
            var cached: [String: [[UInt8]]] = [:]
            var base: String
            var location: SourceLocation
            var key: String
            var parts: String
            var name: String
            /// Each rendering's figure-value hash as the figure's cache record holds it, when the
            /// record is of this very key: a reused rendering takes its hash from there rather
            /// than encoding its chart (with its grid) again.
            var values: [String: String] = [:]
            /// Each layout's `BuildManifest.chartHash`, for the charts drawn.
            var chartHashes: [FigureLayout: String] = [:]

            /// The order in which a page is likely to show the renderings of this figure: the
            /// ones its script draws over (the backgrounds) or else the whole figure, light
            /// before dark, wide and narrow alternating.
            func pageRank(_ variant: FigureVariant) -> Int {
                (variant.background == FigureBuilder.hasPlayer(figure) ? 0 : 4) + (variant.theme == .light ? 0 : 2) + (variant.layout == .wide ? 0 : 1)
            }
        }
        var jobs: [Job] = []
        for index in work.indices {
            let strings = catalog.strings(for: work[index].lesson?.language ?? "en")
            for result in work[index].results {
                for figure in result.spec.figures {
                    // The chart is a function of the results (named by their keys and recorded
                    // times), the figure's spec and the drawing code, so those name its pixels;
                    // hashing them is far cheaper than hashing the chart with its grids.
                    let parts = CacheKey.encoded(DrawingKey(
                        renderer: CairoRenderer.version, fingerprint: options.rendererFingerprint, build: ResultCache.executableIdentity,
                        descent: options.identity.version, toolchain: options.identity.toolchain, training: result.cacheKey,
                        analysis: CacheKey.analysis(training: result.cacheKey, figure: figure), kind: figure.kind, runs: figure.runs, yRange: figure.yRange,
                        options: figure.options, colors: result.spec.runs.map(\.color),
                        seconds: result.logs.map(\.seconds), strings: strings == .english ? nil : strings.values))
                    let key = CacheKey.sha256(Array(parts.utf8)), name = "\(work[index].slug)#figure \(figure.id)"
                    let record = cache.record(name)
                    let values = record?.key == key ? record?.values ?? [:] : [:]
                    let base = Self.figureBase(lesson: work[index].slug, figure: figure.id)
                    if let reused = Self.reusedFigure(figure, key: key, values: values, cache: cache) {
                        jobs.append(Job(lesson: index, figure: figure, charts: [:], sizes: reused.sizes, cached: reused.files, base: base,
                                        location: result.spec.location, key: key, parts: parts, name: name, values: values))
                        continue
                    }
                    guard let wide = FigureBuilder.chart(for: figure, result: result, strings: strings),
                          let narrow = FigureBuilder.chart(for: figure, result: result, layout: .narrow, strings: strings) else { continue }
                    let sizes: [FigureLayout: Size] = [.wide: wide.size, .narrow: narrow.size]
                    cache.store(sizes: Dictionary(uniqueKeysWithValues: sizes.map { ($0.key.rawValue, $0.value) }), key: key)
                    jobs.append(Job(lesson: index, figure: figure, charts: [.wide: wide, .narrow: narrow], sizes: sizes, base: base,
                                    location: result.spec.location, key: key, parts: parts, name: name, values: values))
                }
            }
        }
        // One task per variant of each figure, so that a figure's renderings share the cores; a
        // figure with a player has its backgrounds too. The layouts alternate (`pageRank`), so
        // that the renderings drawn at the same time are of different sizes: those of one size
        // share their contour's raster, which one computes while another waits.
        let tasks = jobs.indices.flatMap { job in
            (FigureBuilder.hasPlayer(jobs[job].figure) ? FigureVariant.withBackgrounds : FigureVariant.all)
                .sorted { jobs[job].pageRank($0) < jobs[job].pageRank($1) }.map { (job: job, variant: $0) }
        }
        // Each layout's chart is hashed once; its renderings' figure values are named from that.
        let layoutCharts = jobs.indices.flatMap { job in FigureLayout.allCases.filter { jobs[job].charts[$0] != nil }.map { (job, $0) } }
        let charts = layoutCharts.map { jobs[$0.0].charts[$0.1] }
        let hashed = parallelMap(charts, jobs: options.jobs) { $0.map(BuildManifest.chartHash) ?? "" }
        for ((job, layout), hash) in zip(layoutCharts, hashed) { jobs[job].chartHashes[layout] = hash }
        let figureJobs = jobs
        /// A rendering the cache lacks: what drawing it takes.
        struct ToDraw: Sendable {
            var chart: Figure
            var theme: ChartTheme
            var scales: [Int]
            var keys: [String]
            var paths: [String]
            var spec: String
        }
        enum Step: Sendable {
            case done(Result<FigureRendering, ChartsError>)
            case later(ToDraw)
        }
        // A rendering from the cache, or what drawing it takes.
        @Sendable func prepare(_ task: (job: Int, variant: FigureVariant)) -> Step {
            let job = figureJobs[task.job], variant = task.variant
            let paths = variant.scales.map { variant.path(base: job.base, scale: $0) }
            if let cached = job.cached[variant.name], let spec = job.values[variant.name] {
                return .done(.success(FigureRendering(files: zip(paths, cached).map { SiteFile(path: $0, contents: $1) }, drawn: false, spec: spec)))
            }
            guard var chart = job.charts[variant.layout] else { return .done(.success(FigureRendering(files: [], drawn: false, spec: ""))) }
            if variant.background { chart = FigureBuilder.background(of: chart, for: job.figure) }
            // The variant is part of the key: each rendering is cached on its own.
            let keys = variant.scales.map { "\(job.key)-\(variant.name)-\($0)x" }
            let cached = keys.compactMap(cache.png)
            let value = { BuildManifest.figureHash(chart: job.chartHashes[variant.layout] ?? "", layers: chart.layers, theme: variant.theme) }
            if cached.count == keys.count {
                let spec = job.values[variant.name] ?? value()
                return .done(.success(FigureRendering(files: zip(paths, cached).map { SiteFile(path: $0, contents: $1) }, drawn: false, spec: spec)))
            }
            return .later(ToDraw(chart: chart, theme: variant.theme, scales: variant.scales, keys: keys, paths: paths, spec: value()))
        }
        @Sendable func draw(_ rendering: ToDraw) -> Result<FigureRendering, ChartsError> {
            do {
                var files: [SiteFile] = []
                var missing: [String] = []
                for (rendered, path) in zip(try rendering.chart.render(scales: rendering.scales, theme: rendering.theme), rendering.paths) {
                    files.append(SiteFile(path: path, contents: rendered.bytes))
                    missing += rendered.textsWithMissingGlyphs.filter { !missing.contains($0) }
                }
                if missing.isEmpty {
                    for (file, key) in zip(files, rendering.keys) { cache.store(png: file.contents, key: key) }
                }
                return .success(FigureRendering(files: files, missing: missing, drawn: true, spec: rendering.spec))
            } catch let error as ChartsError {
                return .failure(error)
            } catch {
                return .failure(.cairo(operation: "draw", status: "\(error)"))
            }
        }
        let steps = parallelMap(tasks, jobs: options.jobs) { task -> Step in
            let step = prepare(task)
            guard case let .later(toDraw) = step, !drawsLater else { return step }
            return .done(draw(toDraw))
        }
        let drawn = steps.map { step -> Result<FigureRendering, ChartsError> in
            switch step {
            case let .done(outcome): outcome
            case let .later(toDraw): .success(FigureRendering(files: [], drawn: true, spec: toDraw.spec, pending: toDraw.paths))
            }
        }
        // Put off: drawn in the order pages show them, across figures.
        let later: [ToDraw] = tasks.indices.compactMap { index -> (rank: Int, index: Int, toDraw: ToDraw)? in
            guard case let .later(toDraw) = steps[index] else { return nil }
            return (figureJobs[tasks[index].job].pageRank(tasks[index].variant), index, toDraw)
        }.sorted { ($0.rank, $0.index) < ($1.rank, $1.index) }.map { $0.toDraw }
        if !later.isEmpty {
            let jobs = options.jobs
            pending = PendingDrawing(paths: Set(later.flatMap { $0.paths })) { each in
                parallelMap(later, jobs: jobs) { (toDraw: ToDraw) in
                    let outcome = draw(toDraw)
                    if case let .success(rendering) = outcome { each(rendering.files) }
                    return outcome
                }
            }
        }
        var drawnFigures: Set<String> = []
        var failed: Set<String> = []
        var warned: Set<String> = []
        var values = [[String: String]](repeating: [:], count: jobs.count)
        var uncached: Set<Int> = []
        for (task, outcome) in zip(tasks, drawn) {
            let job = jobs[task.job]
            switch outcome {
            case let .success(rendering):
                if rendering.drawn { drawnFigures.insert(job.base) }
                if !rendering.missing.isEmpty { uncached.insert(task.job) }
                values[task.job][task.variant.name] = rendering.spec
                files += rendering.files
                for path in rendering.files.map(\.path) + rendering.pending { figureSpecs[path] = rendering.spec }
                // A text a font lacks is missing in every variant: one warning per figure.
                for text in rendering.missing where warned.insert(job.base + "\u{0}" + text).inserted {
                    work[job.lesson].warnings.append("\(job.location): warning: figure `\(job.figure.id)`: no installed font has every character of “\(text)”, so some are drawn as boxes; install a font that covers them (for Chinese, Japanese and Korean: fonts-wqy-microhei or fonts-noto-cjk).")
                }
            case let .failure(error):
                if failed.insert(job.base).inserted {
                    work[job.lesson].problems.append(.drawing(error, figure: job.figure.id, at: job.location))
                }
            }
        }
        for (index, job) in jobs.enumerated() {
            work[job.lesson].figureReasons[job.figure.id] = failed.contains(job.base)
                ? "failed to draw: its error is listed with the build's errors"
                : Self.figureReason(job.name, key: job.key, parts: job.parts, values: values[index], drawn: drawnFigures.contains(job.base),
                                    cached: !uncached.contains(index), cache: cache)
        }
        // A player's script needs each layout's transform, which takes laying the figure out
        // through Cairo and Pango: kept in the cache under the drawing key, as its PNGs are.
        let players = jobs.indices.filter { FigureBuilder.hasPlayer(jobs[$0].figure) && !failed.contains(jobs[$0].base) }
        let placements = parallelMap(players, jobs: options.jobs) { index -> [FigureLayout: FigureScript.Placement]? in
            let job = figureJobs[index]
            if let cached = cache.placements(job.key) {
                let layouts = cached.compactMap { name, placement in FigureLayout(rawValue: name).map { ($0, placement) } }
                if layouts.count == cached.count { return Dictionary(uniqueKeysWithValues: layouts) }
            }
            guard let computed = try? FigureScript.placements(of: job.charts) else { return nil }
            cache.store(placements: Dictionary(uniqueKeysWithValues: computed.map { ($0.key.rawValue, $0.value) }), key: job.key)
            return computed
        }
        for (index, placement) in zip(players, placements) {
            work[jobs[index].lesson].placements[jobs[index].figure.id] = placement
        }
        var sizes: [String: [FigureLayout: Size]] = [:]
        for job in jobs where !failed.contains(job.base) { sizes[job.base] = job.sizes }
        for index in work.indices {
            let numbers = work[index].lesson?.figureNumbers ?? [:]
            let strings = catalog.strings(for: work[index].lesson?.language ?? "en")
            for result in work[index].results {
                var items: [ExperimentOutput.Item] = []
                for figure in result.spec.figures {
                    let number = numbers[figure.id]?.number ?? 0
                    let alt = FigureBuilder.description(of: figure, result: result, strings: strings)
                    guard figure.isImage else {
                        let output = FigureOutput(id: figure.id, number: number, caption: figure.caption, image: "", image2x: "", width: 0, height: 0, alt: alt)
                        let table = figure.kind == .hessian ? FigureBuilder.hessianTable(result: result, strings: strings) : FigureBuilder.table(result: result, strings: strings)
                        items.append(.table(output, table))
                        continue
                    }
                    let base = Self.figureBase(lesson: work[index].slug, figure: figure.id)
                    guard let layouts = sizes[base], let wide = layouts[.wide] else { continue }
                    var output = Self.figureOutput(id: figure.id, number: number, caption: figure.caption, alt: alt, base: base, sizes: layouts, wide: wide)
                    if FigureBuilder.hasPlayer(figure) {
                        output.player = Self.figurePlayer(figure, lesson: work[index].slug, base: base, sizes: layouts)
                    }
                    items.append(.figure(output))
                }
                work[index].outputs[result.spec.id] = items
            }
        }
        return drawnFigures.count
    }

    /// Why a figure was drawn or reused, from the record of the key it was last drawn under
    /// (then replaced by this one's). `cached` is false when its images could not be kept.
    static func figureReason(_ name: String, key: String, parts: String, values: [String: String], drawn: Bool, cached: Bool, cache: ResultCache) -> String {
        let last = cache.record(name)
        let record = CacheRecord(key: key, parts: parts, values: values)
        if cached, last != record { cache.store(record, name: name) }
        guard drawn else { return "reused" }
        guard cached else { return "redrawn: some of its text has no font, so its images are not kept in the cache" }
        let order = ["descent", "toolchain", "renderer", "fingerprint", "build", "spec", "training", "analysis", "strings", "seconds"]
        let why = CacheRecord.why(notCached: key, parts: parts, last: last, order: order) { change in
            switch change.path.first {
            case "renderer": return "drawn by another renderer version (\(change.oldText) → \(change.newText))"
            case "fingerprint": return "drawn with other libraries or fonts (the renderer fingerprint changed)"
            case "build": return "drawn by another build of the descent executable"
            case "training": return "its experiment's cache key changed"
            // A grid's key follows the training's and the figure's spec, named by their own parts.
            case "analysis": return ""
            case "seconds": return "its runs' recorded times changed"
            case "strings": return "its interface strings changed"
            default: return CacheRecord.identityChange(change, writer: "drawn")
            }
        }
        guard let last, last.key != key, let lastValues = last.values else { return "redrawn: \(why)" }
        return lastValues == values ? "redrawn: \(why); its figure value is the same" : "redrawn: its figure value changed: \(why)"
    }

    /// A drawn figure for its page: the wide light files as its `<img>`, and every other variant.
    static func figureOutput(id: String, number: Int, caption: String, alt: String, base: String, sizes: [FigureLayout: Size], wide: Size) -> FigureOutput {
        let light = FigureVariant(layout: .wide, theme: .light)
        var output = FigureOutput(
            id: id, number: number, caption: caption, image: light.path(base: base, scale: 1), image2x: light.path(base: base, scale: 2),
            width: Int(wide.width.rounded()), height: Int(wide.height.rounded()), alt: alt)
        output.dark = figureImage(FigureVariant(layout: .wide, theme: .dark), base: base, sizes: sizes)
        output.narrow = figureImage(FigureVariant(layout: .narrow, theme: .light), base: base, sizes: sizes)
        output.narrowDark = figureImage(FigureVariant(layout: .narrow, theme: .dark), base: base, sizes: sizes)
        output.smallestTextSize = ChartTheme.smallestTextSize
        return output
    }

    /// The files of one rendering of a figure, with its size; nil when the figure has no such layout.
    static func figureImage(_ variant: FigureVariant, base: String, sizes: [FigureLayout: Size]) -> FigureImage? {
        guard let size = sizes[variant.layout] else { return nil }
        return FigureImage(
            image: variant.scales.contains(1) ? variant.path(base: base, scale: 1) : nil,
            image2x: variant.scales.contains(2) ? variant.path(base: base, scale: 2) : nil,
            width: Int(size.width.rounded()), height: Int(size.height.rounded()))
    }

    /// What the page's player of a contour or `explore` figure needs: its data script and its
    /// background renderings, named as the figure's with `.bg` after the stem.
    static func figurePlayer(_ figure: FigureSpec, lesson: String, base: String, sizes: [FigureLayout: Size]) -> FigurePlayer? {
        let image = { (layout: FigureLayout, theme: ChartTheme) in
            figureImage(FigureVariant(layout: layout, theme: theme, background: true), base: base, sizes: sizes)
        }
        guard let background = image(.wide, .light) else { return nil }
        return FigurePlayer(
            script: FigureScript.path(figure: figure.id, lesson: lesson), background: background,
            dark: image(.wide, .dark), narrow: image(.narrow, .light), narrowDark: image(.narrow, .dark), sliders: figure.explore != nil)
    }

    /// A figure reused whole: each layout's size and every rendering's PNGs, when the cache holds
    /// them all under `key` with each rendering's figure-value hash (`values`, from the record of
    /// this key) and, for a player, its placements. Nil sends the figure to be built and drawn.
    static func reusedFigure(_ figure: FigureSpec, key: String, values: [String: String], cache: ResultCache)
        -> (sizes: [FigureLayout: Size], files: [String: [[UInt8]]])? {
        let variants = FigureBuilder.hasPlayer(figure) ? FigureVariant.withBackgrounds : FigureVariant.all
        guard variants.allSatisfy({ values[$0.name] != nil }), let stored = cache.sizes(key),
              !FigureBuilder.hasPlayer(figure) || cache.placements(key) != nil else { return nil }
        let sizes = Dictionary(uniqueKeysWithValues: stored.compactMap { name, size in FigureLayout(rawValue: name).map { ($0, size) } })
        guard sizes.count == stored.count, FigureLayout.allCases.allSatisfy({ sizes[$0] != nil }) else { return nil }
        var files: [String: [[UInt8]]] = [:]
        for variant in variants {
            let pngs = variant.scales.compactMap { cache.png("\(key)-\(variant.name)-\($0)x") }
            guard pngs.count == variant.scales.count else { return nil }
            files[variant.name] = pngs
        }
        return (sizes, files)
    }

    /// A figure's path in the site without its `.png` or `@2x.png`.
    static func figureBase(lesson: String, figure: String) -> String {
        "figures/\(lesson)/\(FileNames.component(figure))"
    }

    /// What decides a figure's pixels: the results it draws, the figure's spec, and the drawing
    /// code, named by its version and by the executable that draws (so a rebuilt Descent draws
    /// every figure anew).
    struct DrawingKey: Encodable {
        var renderer: String
        /// The hash of this machine's renderer fingerprint: the same figure value drawn with
        /// other libraries or fonts has other pixels (and its player other transforms).
        var fingerprint: String
        var build: String
        var descent: String
        var toolchain: String
        var training: String
        var analysis: String?
        /// What the figure draws; its caption and id are not drawn.
        var kind: FigureSpec.Kind
        var runs: [String]?
        var yRange: ClosedRange<Double>?
        /// Size, title, axis labels and the runs' colours are drawn.
        var options: FigureSpec.Options
        var colors: [RunColor?]
        var seconds: [Double]
        /// The interface strings the figure's labels come from, when not Descent's English
        /// (left out of the key then, so that English figures keep their keys).
        var strings: [String: String]?
    }

    /// Writes each experiment's results as the page's downloads.
    func writeResults(_ work: inout [Work], into files: inout [SiteFile], catalog: StringCatalog = .builtIn) {
        let tasks = work.indices.flatMap { index in work[index].results.map { (index, $0) } }
        let snapshot = work
        let written = parallelMap(tasks, jobs: options.jobs) { index, result in
            let strings = catalog.strings(for: snapshot[index].lesson?.language ?? "en")
            return ResultsFiles.files(for: result, lesson: snapshot[index].slug, strings: strings, placements: snapshot[index].placements)
        }
        for ((index, result), (results, downloads)) in zip(tasks, written) {
            files += results
            work[index].downloads[result.spec.id] = downloads
        }
    }

    /// The course as the site shows it; a lesson with problems shows them in a box.
    func course(_ work: [Work], settings: CourseSettings, catalog: StringCatalog = .builtIn) -> Course {
        let pages = work.filter { !$0.reserved }.map { item -> LessonPage in
            guard let lesson = item.lesson else {
                return LessonPage(slug: item.slug, content: .failed(title: item.slug, errors: item.problems.map(\.description)))
            }
            // Experiments that failed to train show no figures; the error box says why.
            let numbers = lesson.experimentNumbers
            let strings = catalog.strings(for: lesson.language)
            let experiments = lesson.experiments.map { spec in
                ExperimentOutput(
                    id: spec.id, title: spec.title, number: numbers[spec.id] ?? 0, source: spec.source,
                    items: (item.outputs[spec.id] ?? []).map { $0.linkingData(of: spec, lesson: item.slug, strings: strings) }, downloads: item.downloads[spec.id] ?? [])
            }
            var page = LessonPage(slug: item.slug, content: .lesson(lesson, experiments: experiments, errors: item.problems.map(\.description)))
            page.memoryToken = options.memory?.token(file: item.file)
            return page
        }
        // A course without a title of its own is called "Course" in its language.
        let title = settings.title == CourseSettings.defaultTitle ? catalog.strings(for: settings.language)("page.course") : settings.title
        var course = Course(title: title, summary: settings.summary, pages: pages, language: settings.language, strings: catalog)
        course.memory = options.memory?.site
        return course
    }

    // MARK: Files

    /// A path as diagnostics show it: relative to the current folder when inside it.
    func displayPath(_ url: URL) -> String {
        let path = url.standardizedFileURL.path
        let current = FileManager.default.currentDirectoryPath
        if path.hasPrefix(current + "/") {
            return String(path.dropFirst(current.count + 1))
        }
        return path
    }
}

extension ExperimentOutput.Item {
    /// The item with the links to the data its figure draws (none for a table).
    func linkingData(of spec: ExperimentSpec, lesson: String, strings: InterfaceStrings) -> Self {
        guard case var .figure(output) = self, let figure = spec.figures.first(where: { $0.id == output.id }) else { return self }
        output.data = ResultsFiles.figureData(figure, spec: spec, lesson: lesson, strings: strings)
        return .figure(output)
    }
}
