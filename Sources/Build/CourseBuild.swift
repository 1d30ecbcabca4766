import Charts
import Foundation
import Lessons
import Site
import Training

/// Where a build reads and writes.
public struct BuildOptions: Sendable {
    public var lessonsDirectory: URL
    public var outputDirectory: URL

    public init(lessonsDirectory: URL, outputDirectory: URL) {
        self.lessonsDirectory = lessonsDirectory
        self.outputDirectory = outputDirectory
    }
}

/// What a build did.
public struct BuildReport: Sendable {
    public var lessons = 0
    public var experiments = 0
    public var figures = 0
    public var filesWritten = 0
    public var problems: [BuildProblem] = []
    /// Things worth fixing that do not fail the build, such as text a missing font drew as boxes.
    public var warnings: [String] = []

    public var succeeded: Bool { problems.isEmpty }
}

/// The build pipeline: the data's journey from lesson files to `output/`, one named step each.
public struct CourseBuild {
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
    }

    public func run() -> BuildReport {
        var report = BuildReport()
        var files: [SiteFile] = []
        var settings = CourseSettings()
        do {
            settings = try CourseSettings.load(from: options.lessonsDirectory, displayDirectory: displayPath(options.lessonsDirectory))
        } catch {
            report.problems += error.all.map(BuildProblem.lesson)
        }
        var work: [Work]
        do {
            work = try parseLessons()
        } catch {
            report.problems.append(error)
            return report
        }
        var templates = Templates.defaults
        do {
            templates = try Templates.load(
                from: options.lessonsDirectory.appendingPathComponent(Templates.folderName, isDirectory: true),
                displayDirectory: displayPath(options.lessonsDirectory.appendingPathComponent(Templates.folderName)))
        } catch {
            report.problems.append(.site(error))
        }
        runExperiments(&work)
        checkClaims(&work)
        drawFigures(&work, into: &files)
        writeResults(&work, into: &files)
        let course = course(work, settings: settings)
        files += SiteRenderer.render(course, templates: templates)
        if course.hasMath {
            if let katex = KaTeXAssets.files() {
                files += katex
            } else {
                report.warnings.append("warning: KaTeX is not installed (\(KaTeXAssets.directory.path)), so math shows as TeX source; run `make deps` or `apt-get install libjs-katex fonts-katex`.")
            }
        }
        do {
            try write(files)
        } catch {
            report.problems.append(error)
        }
        report.lessons = work.count
        report.experiments = work.reduce(0) { $0 + $1.results.count }
        report.figures = work.reduce(0) { $0 + $1.outputs.values.reduce(0) { $0 + $1.count } }
        report.filesWritten = files.count
        report.problems += work.flatMap(\.problems)
        report.warnings += work.flatMap(\.warnings)
        return report
    }

    // MARK: Steps

    /// Reads and validates every `*.md` in the lessons folder, in file-name order.
    func parseLessons() throws(BuildProblem) -> [Work] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: options.lessonsDirectory.path)
        } catch {
            throw .io(path: displayPath(options.lessonsDirectory), reason: "the lessons folder cannot be read (\(error.localizedDescription)).")
        }
        var work: [Work] = names.filter { $0.hasSuffix(".md") && !$0.hasPrefix("_") && !$0.hasPrefix(".") }.sorted().map { name in
            let url = options.lessonsDirectory.appendingPathComponent(name)
            let file = displayPath(url)
            var item = Work(slug: String(name.dropLast(3)), file: file)
            do throws(Diagnostics) {
                item.lesson = try LessonParser.parse(contentsOf: url, displayPath: file, lessonsRoot: options.lessonsDirectory)
            } catch {
                item.problems = error.all.map(BuildProblem.lesson)
            }
            return item
        }
        // Lessons with an `order` come first, by order; the others follow by file name.
        work = work.enumerated().sorted { first, second in
            let a = first.element.lesson?.order ?? Int.max
            let b = second.element.lesson?.order ?? Int.max
            return a != b ? a < b : first.offset < second.offset
        }.map(\.element)
        return work
    }

    /// Trains every experiment of every lesson that parsed.
    func runExperiments(_ work: inout [Work]) {
        for index in work.indices {
            guard let lesson = work[index].lesson else { continue }
            for spec in lesson.experiments {
                do {
                    work[index].results.append(try ExperimentRunner.run(spec))
                } catch {
                    work[index].problems.append(error)
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

    /// Draws each experiment's figures at 1× and 2× and lays out its tables, numbering them
    /// through the lesson.
    func drawFigures(_ work: inout [Work], into files: inout [SiteFile]) {
        for index in work.indices {
            let numbers = work[index].lesson?.figureNumbers ?? [:]
            for result in work[index].results {
                var items: [ExperimentOutput.Item] = []
                for figure in result.spec.figures {
                    let number = numbers[figure.id] ?? 0
                    let alt = FigureBuilder.description(of: figure, result: result)
                    guard let chart = FigureBuilder.chart(for: figure, result: result) else {
                        let output = FigureOutput(id: figure.id, number: number, caption: figure.caption, image: "", image2x: "", width: 0, height: 0, alt: alt)
                        items.append(.table(output, FigureBuilder.table(result: result)))
                        continue
                    }
                    let base = "figures/\(work[index].slug)/\(figure.id)"
                    do {
                        let small = try chart.render(scale: 1)
                        files.append(SiteFile(path: base + ".png", contents: small.bytes))
                        files.append(SiteFile(path: base + "@2x.png", contents: try chart.png(scale: 2)))
                        for text in small.textsWithMissingGlyphs {
                            work[index].warnings.append("\(result.spec.location): warning: figure `\(figure.id)`: no installed font has every character of “\(text)”, so some are drawn as boxes; install a font that covers them (for Chinese, Japanese and Korean: fonts-wqy-microhei or fonts-noto-cjk).")
                        }
                    } catch let error as ChartsError {
                        work[index].problems.append(.drawing(error, figure: figure.id, at: result.spec.location))
                        continue
                    } catch {
                        continue
                    }
                    items.append(.figure(FigureOutput(
                        id: figure.id, number: number, caption: figure.caption,
                        image: base + ".png", image2x: base + "@2x.png",
                        width: Int(chart.size.width.rounded()), height: Int(chart.size.height.rounded()), alt: alt)))
                }
                work[index].outputs[result.spec.id] = items
            }
        }
    }

    /// Writes each experiment's results as the page's downloads.
    func writeResults(_ work: inout [Work], into files: inout [SiteFile]) {
        for index in work.indices {
            for result in work[index].results {
                let (written, downloads) = ResultsFiles.files(for: result, lesson: work[index].slug)
                files += written
                work[index].downloads[result.spec.id] = downloads
            }
        }
    }

    /// The course as the site shows it; a lesson with problems shows them in a box.
    func course(_ work: [Work], settings: CourseSettings) -> Course {
        let pages = work.map { item -> LessonPage in
            guard let lesson = item.lesson else {
                return LessonPage(slug: item.slug, content: .failed(title: item.slug, errors: item.problems.map(\.description)))
            }
            // Experiments that failed to train show no figures; the error box says why.
            let numbers = lesson.experimentNumbers
            let experiments = lesson.experiments.map { spec in
                ExperimentOutput(
                    id: spec.id, title: spec.title, number: numbers[spec.id] ?? 0, source: spec.source,
                    items: item.outputs[spec.id] ?? [], downloads: item.downloads[spec.id] ?? [])
            }
            return LessonPage(slug: item.slug, content: .lesson(lesson, experiments: experiments, errors: item.problems.map(\.description)))
        }
        return Course(title: settings.title, summary: settings.summary, pages: pages)
    }

    // MARK: Files

    /// Writes each file through a temporary file and a rename, so no reader ever sees half a file.
    func write(_ files: [SiteFile]) throws(BuildProblem) {
        let manager = FileManager.default
        for file in files {
            let url = options.outputDirectory.appendingPathComponent(file.path)
            do {
                try manager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                if let existing = manager.contents(atPath: url.path), existing.elementsEqual(file.contents) { continue }
                try Data(file.contents).write(to: url, options: .atomic)
            } catch {
                throw .io(path: displayPath(url), reason: "cannot be written (\(error.localizedDescription)).")
            }
        }
    }

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
