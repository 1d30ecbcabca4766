import Charts
import Foundation
import Lessons
import Site
import Training

/// `descent check`: rebuild the course from its lessons with fresh training into a scratch
/// folder (keeping the committed timings) and compare it with the output folder, file by file,
/// in the tiers of docs/cli.md: results (byte-exact, times excepted), figure values (their
/// hashes against the output's manifest), pixels and layouts (byte-exact under the same
/// renderer, measured under another), and the site's other files.
public enum CourseCheck {
    /// One file that differs, with what `--report` shows of it.
    public struct Finding: Sendable, Equatable {
        public enum Tier: Int, Sendable, Comparable {
            /// Pages, scripts and assets: byte-exact, always a failure.
            case site = 0
            /// Results files and the numbers of figure scripts.
            case results = 1
            /// A figure's value against the manifest's hash.
            case figureValue = 2
            /// A figure's pixels, or the panel transforms of a figure script.
            case pixels = 3

            public static func < (a: Tier, b: Tier) -> Bool { a.rawValue < b.rawValue }
        }

        public var tier: Tier
        public var path: String
        /// What differs, after `path: `.
        public var text: String
        /// Tier 3, figure files: the measured difference (nil when the pixels could not be compared).
        public var pixels: PixelDifference?
        /// Tier 3: whether the RMS is within the tolerance (the same picture to a reader).
        public var withinTolerance = false
        /// Tier 1: the first differing values, one line per run (or per file without runs).
        public var changes: [ValueChange] = []

        public var line: String { "\(path): \(text)" }
    }

    public struct Report: Sendable {
        public var build: BuildReport
        public var findings: [Finding] = []
        /// The largest RMS pixel difference (0–255 scale) a reader would call the same picture.
        public var tolerance = CourseCheck.defaultTolerance
        /// The fingerprints of the renderer the output was drawn with (its manifest's) and of this machine's.
        public var committedRenderer = RendererFingerprint(libraries: [:], fonts: [:])
        public var currentRenderer = RendererFingerprint(libraries: [:], fonts: [:])
        /// Whether every difference fails (`--strict`), tier 3 under another renderer too.
        public var strict = false
        /// The committed and rebuilt bytes of each tier-3 figure file that differs, for `--report`.
        public var images: [String: (committed: [UInt8], rebuilt: [UInt8])] = [:]

        /// Whether this machine's renderer fingerprint is the manifest's.
        public var sameRenderer: Bool { committedRenderer == currentRenderer }

        func lines(_ tier: Finding.Tier) -> [String] { findings.filter { $0.tier == tier }.map(\.line) }
        /// Tier 1: results files, and figure scripts, whose numbers differ.
        public var results: [String] { lines(.results) }
        /// Tier 2: figures whose value differs from the one the manifest records.
        public var figureValues: [String] { lines(.figureValue) }
        /// Tier 3: figure files (over the tolerance or not compared) and figure scripts' layouts that differ.
        public var pixels: [String] { findings.filter { $0.tier == .pixels && !$0.withinTolerance }.map(\.line) }
        /// Tier 3: figure files whose bytes differ but whose pixels are within the tolerance.
        public var pixelsWithinTolerance: [String] { findings.filter { $0.tier == .pixels && $0.withinTolerance }.map(\.line) }
        /// The site's other files that differ, are missing, or should not be there.
        public var files: [String] { lines(.site) }

        /// Whether a tier-3 difference fails: under the same renderer, or with `strict`.
        public var pixelsFail: Bool { sameRenderer || strict }
        /// The findings that fail the check: every one but tier 3 under another renderer
        /// without `strict`.
        public var failures: [Finding] { findings.filter { $0.tier != .pixels || pixelsFail } }
        /// Tier-3 findings under another renderer without `strict`: reported, not failures.
        public var noted: [Finding] { pixelsFail ? [] : findings.filter { $0.tier == .pixels } }
        /// One line per difference that fails the check.
        public var differences: [String] { failures.map(\.line) }
        /// One line per note.
        public var notes: [String] { noted.map(\.line) }
        public var succeeded: Bool { build.succeeded && failures.isEmpty }

        /// The summary line: each tier's count, and what tier 3 means on this machine.
        public var summary: String {
            func count(_ tier: Finding.Tier) -> String {
                let count = findings.filter { $0.tier == tier }.count
                return count == 0 ? "same" : "\(count) differ\(count == 1 ? "s" : "")"
            }
            let within = pixelsWithinTolerance.count, over = pixels.count
            let meaning = sameRenderer ? "same renderer: failures" : strict ? "another renderer: failures, --strict" : "another renderer: notes"
            let detail = over + within == 0 ? "" : " (\(within) within the tolerance \(tolerance), \(over) over it or not compared; \(meaning))"
            return "tier 1, results: \(count(.results)); tier 2, figure values: \(count(.figureValue)); "
                + "tier 3, pixels and layouts: \(count(.pixels))\(detail); other files: \(count(.site))"
        }
    }

    /// The default tier-3 tolerance: RMS on the 0–255 scale (docs/cli.md).
    public static let defaultTolerance = 2.0

    public static func run(lessons: URL, output: URL, jobs: Int, progress: ProgressDisplay?, strict: Bool = false, tolerance: Double = defaultTolerance) -> Report {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("descent-check-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let build = CourseBuild(options: BuildOptions(
            lessonsDirectory: lessons, outputDirectory: scratch, jobs: jobs, fresh: true,
            cacheDirectory: nil, timingsDirectory: output, progress: progress)).run()
        let manifest = BuildManifest.read(in: output)
        return compare(build: build, committed: filesOnDisk(output), manifest: manifest, renderer: BuildManifest.currentRenderer(), strict: strict, tolerance: tolerance)
    }

    /// Sorts every difference between the rebuilt files and the committed ones into its tier.
    static func compare(build: BuildReport, committed present: [String: [UInt8]], manifest: BuildManifest, renderer: RendererFingerprint, strict: Bool, tolerance: Double) -> Report {
        var report = Report(build: build, tolerance: tolerance, committedRenderer: manifest.renderer, currentRenderer: renderer, strict: strict)
        let expected = build.files
        for (path, bytes) in expected.sorted(by: { $0.key < $1.key }) {
            guard let current = present[path] else {
                report.findings.append(Finding(tier: .site, path: path, text: "missing from the output; the lessons produce it"))
                continue
            }
            guard current != bytes else { continue }
            if BuildManifest.isResults(path) {
                let changes = describeChange(path: path, committed: current, rebuilt: bytes)
                report.findings.append(Finding(tier: .results, path: path, text: "stale; " + changeSummary(changes), changes: changes))
            } else if build.figureSpecs[path] != nil {
                let (measure, difference) = comparePixels(committed: current, rebuilt: bytes)
                let within = difference.map { $0.rms <= tolerance } ?? false
                let text = measure + (difference == nil ? "" : ", \(within ? "within" : "over") the tolerance \(tolerance)")
                report.findings.append(Finding(tier: .pixels, path: path, text: text, pixels: difference, withinTolerance: within))
                report.images[path] = (current, bytes)
            } else if isFigureScript(path) {
                let (oldNumbers, oldTransforms) = splitFigureScript(current), (newNumbers, newTransforms) = splitFigureScript(bytes)
                if oldNumbers != newNumbers {
                    let changes = describeChange(path: path, committed: current, rebuilt: bytes)
                    report.findings.append(Finding(tier: .results, path: path, text: "stale; " + changeSummary(changes), changes: changes))
                }
                if oldTransforms != newTransforms {
                    let changes = transformsChange(committed: oldTransforms, rebuilt: newTransforms)
                    report.findings.append(Finding(tier: .pixels, path: path, text: "layout differs: the panel transforms of its figure's PNGs moved (they follow the font metrics)", changes: changes))
                }
            } else {
                report.findings.append(Finding(tier: .site, path: path, text: "stale; its bytes differ from what the lessons give now"))
            }
        }
        for path in present.keys.sorted() where expected[path] == nil {
            report.findings.append(Finding(tier: .site, path: path, text: "not produced by the lessons; remove it or rebuild"))
        }
        let comparable = manifest.figureValues == BuildManifest.figureValueDefinition
        if !comparable, build.figureSpecs.keys.contains(where: { present[$0] != nil }) {
            report.findings.append(Finding(tier: .figureValue, path: BuildManifest.fileName, text: "its figure values were hashed by definition \(manifest.figureValues), this Descent hashes them by definition \(BuildManifest.figureValueDefinition), so none can be compared (the figures may well be the same): rebuild the course with this Descent (`descent build`, or `make course`) and commit the output"))
        }
        for (path, value) in build.figureSpecs.sorted(by: { $0.key < $1.key }) where comparable && present[path] != nil {
            guard let recorded = manifest.figures[path] else {
                report.findings.append(Finding(tier: .figureValue, path: path, text: "the manifest records no figure value for it; rebuild the course with this Descent"))
                continue
            }
            if recorded != value {
                report.findings.append(Finding(tier: .figureValue, path: path, text: "its figure value differs from the one it was drawn from (SHA-256 \(recorded.prefix(12))… → \(value.prefix(12))…): its data, layout or labels changed"))
            }
        }
        return report
    }

    /// Tier 3's measure of two figure files: their RMS pixel difference on the 0–255 scale and
    /// the share of pixels changed (nil, with the reason, for files that do not decode or
    /// differ in size).
    static func comparePixels(committed: [UInt8], rebuilt: [UInt8]) -> (measure: String, difference: PixelDifference?) {
        let old: DecodedImage, new: DecodedImage
        do {
            old = try PNGDecoder.decode(committed)
            new = try PNGDecoder.decode(rebuilt)
        } catch {
            return ("pixels not compared: the committed or rebuilt file \(error)", nil)
        }
        guard let difference = PixelDifference(old, new) else {
            return ("pixels not compared: \(old.width)×\(old.height) committed, \(new.width)×\(new.height) rebuilt", nil)
        }
        let rms = String(format: "%.3f", difference.rms), share = String(format: "%.4f", difference.changedShare * 100)
        return ("pixels differ: RMS \(rms) (0–255), \(share)% of pixels changed", difference)
    }

    /// The files Descent manages in an output folder, by path: those its manifest lists, or
    /// for a folder without one, the pages, figures, data and assets.
    static func filesOnDisk(_ root: URL) -> [String: [UInt8]] {
        var files: [String: [UInt8]] = [:]
        let root = root.standardizedFileURL
        let manifest = SiteWriter.manifest(in: root)
        guard let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey]) else { return files }
        while let url = enumerator.nextObject() as? URL {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
            let path = String(url.standardizedFileURL.path.dropFirst(root.path.count + 1))
            let managed = manifest.isEmpty
                ? (!path.contains("/") && path.hasSuffix(".html")) || ["figures/", "data/", "assets/"].contains { path.hasPrefix($0) }
                : manifest.contains(path)
            if managed, let data = RegularFile.contents(atPath: url.path) { files[path] = Array(data) }
        }
        return files
    }

    /// A one-line summary of a results file's changes, for the terminal.
    static func changeSummary(_ changes: [ValueChange]) -> String {
        changes.isEmpty ? "its bytes differ (a recorded time or its layout changed)" : changes.map(\.description).joined(separator: "; ")
    }

    /// What changed in a results file or a figure script's numbers: per run (matched by label),
    /// the first value that differs; for a run's CSV, the first row that differs.
    static func describeChange(path: String, committed: [UInt8], rebuilt: [UInt8]) -> [ValueChange] {
        if path.hasSuffix(".csv") {
            return ValueChange.firstInTable(committed: String(decoding: committed, as: UTF8.self), rebuilt: String(decoding: rebuilt, as: UTF8.self))
        }
        func decode(_ bytes: [UInt8]) -> JSONTree? {
            isFigureScript(path) ? figureScriptNumbers(bytes) : JSONTree.parse(bytes)
        }
        guard let old = decode(committed), let new = decode(rebuilt) else { return [] }
        return ValueChange.firstInRuns(committed: old, rebuilt: new)
    }
}

/// `descent validate`, `descent list`, `descent run` and `descent new`.
public enum CourseCommands {
    /// Every lesson parsed and validated, nothing trained: one diagnostic per problem.
    public static func validate(lessons: URL) -> [String] {
        let build = CourseBuild(options: BuildOptions(lessonsDirectory: lessons, outputDirectory: lessons))
        var problems: [String] = []
        do {
            _ = try CourseSettings.load(from: lessons, displayDirectory: build.displayPath(lessons))
        } catch {
            problems += error.all.map(\.description)
        }
        do {
            problems += try build.parseLessons().flatMap { $0.problems.map(\.description) }
        } catch {
            problems.append(error.description)
        }
        do {
            _ = try Templates.load(from: lessons.appendingPathComponent(Templates.folderName), displayDirectory: build.displayPath(lessons.appendingPathComponent(Templates.folderName)))
        } catch {
            problems.append(error.description)
        }
        let strings = lessons.appendingPathComponent(Templates.folderName)
        problems += StringCatalog.load(from: strings, displayDirectory: build.displayPath(strings)).problems.errors.map(\.description)
        return problems
    }

    /// The lessons, their experiments and figures, as an indented listing.
    public static func list(lessons: URL) throws(BuildProblem) -> String {
        let build = CourseBuild(options: BuildOptions(lessonsDirectory: lessons, outputDirectory: lessons))
        var text = ""
        for work in try build.parseLessons() {
            guard let lesson = work.lesson else {
                text += "\(work.slug)  (does not parse: \(work.problems.count) error\(work.problems.count == 1 ? "" : "s"))\n"
                continue
            }
            text += "\(work.slug)  \(lesson.title)\n"
            let numbers = lesson.figureNumbers
            for spec in lesson.experiments {
                text += "  #\(spec.id)  \(spec.model.name), \(spec.runs.count) run\(spec.runs.count == 1 ? "" : "s")" + (spec.title.map { "  \($0)" } ?? "") + "\n"
                for figure in spec.figures {
                    let number = numbers[figure.id] ?? FigureNumber(isTable: !figure.isImage, number: 0)
                    text += "    \(number.label)  @\(number.prefix)-\(figure.id)  \(figure.explore.map { "explore (\($0.view.rawValue))" } ?? kindName(figure.kind))\n"
                }
            }
        }
        return text
    }

    static func kindName(_ kind: FigureSpec.Kind) -> String {
        switch kind {
        case .loss: return "loss"
        case .contour: return "contour"
        case .batchSizes: return "batch-sizes"
        case .table: return "table"
        case .gradientVariance: return "gradient-variance"
        case .hessian: return "hessian"
        case .learningRate: return "learning-rate"
        case .gradientNorm: return "gradient-norm"
        }
    }

    /// Trains one experiment (`lesson#experiment`, the lesson by slug or file name) and
    /// returns its results as a text table.
    public static func run(_ target: String, lessons: URL) throws(BuildProblem) -> String {
        let parts = target.split(separator: "#", maxSplits: 1).map(String.init)
        guard parts.count == 2 else {
            throw .io(path: target, reason: "name an experiment as LESSON#EXPERIMENT, such as 01-gradient-descent#learning-rates.")
        }
        let slug = parts[0].hasSuffix(".md") ? String(parts[0].dropLast(3)) : parts[0]
        let build = CourseBuild(options: BuildOptions(lessonsDirectory: lessons, outputDirectory: lessons))
        let work = try build.parseLessons()
        guard let item = work.first(where: { $0.slug == slug }) else {
            throw .io(path: build.displayPath(lessons), reason: "there is no lesson `\(slug)`; the lessons are \(work.map(\.slug).joined(separator: ", ")).")
        }
        guard let lesson = item.lesson else {
            throw item.problems.first ?? .io(path: item.file, reason: "the lesson does not parse.")
        }
        guard let spec = lesson.experiments.first(where: { $0.id == parts[1] }) else {
            throw .io(path: item.file, reason: "there is no experiment `\(parts[1])`; its experiments are \(lesson.experiments.map(\.id).joined(separator: ", ")).")
        }
        let result = try ExperimentRunner.train(spec)
        let table = FigureBuilder.table(result: result)
        return textTable(table) + ClaimCheck.failures(of: result).map { "\($0.description)\n" }.joined()
    }

    /// A table in columns of text, numbers aligned right.
    static func textTable(_ table: TableOutput) -> String {
        let rows = [table.header] + table.rows
        let widths = table.header.indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { column, cell in
                let padding = String(repeating: " ", count: widths[column] - cell.count)
                return table.numericColumns.contains(column) ? padding + cell : cell + padding
            }.joined(separator: "  ").trimmingCharacters(in: .whitespaces) + "\n"
        }
        return line(table.header) + line(widths.map { String(repeating: "-", count: $0) }) + table.rows.map(line).joined()
    }

    /// Writes the next numbered lesson, `NN-slug.md`, from a template that builds, and returns its
    /// path. `language` is its `lang:`; for `zh` the template's prose is in Chinese.
    public static func new(title: String, lessons: URL, language: String = "en") throws(BuildProblem) -> URL {
        let manager = FileManager.default
        let names = (try? manager.contentsOfDirectory(atPath: lessons.path)) ?? []
        let numbers = names.compactMap { name -> Int? in
            guard name.hasSuffix(".md") else { return nil }
            return Int(name.prefix { $0.isNumber })
        }
        let number = (numbers.max() ?? 0) + 1
        let slug = MarkdownDocument.slug(title)
        let url = lessons.appendingPathComponent(String(format: "%02d-%@.md", number, slug))
        guard !manager.fileExists(atPath: url.path) else {
            throw .io(path: url.path, reason: "already exists; choose another title.")
        }
        let escapedTitle = title.replacingOccurrences(of: "\"", with: "\\\"")
        guard language.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }), !language.isEmpty else {
            throw .io(path: url.path, reason: "was not written: `--lang \(language)` is not a language code; give one such as `en` or `zh`.")
        }
        // The template's words in Chinese for `zh`, else English (with `lang:` when not `en`).
        let words = InterfaceStrings.builtIn(language).language == "zh" ? NewLessonWords.chinese : NewLessonWords.english
        let text = """
            ---
            title: "\(escapedTitle)"
            \(language == "en" ? "" : "lang: \(language)\n")summary: \(words.summary)
            ---

            \(words.prose)

            ## \(words.heading)

            ```experiment
            id: first
            title: \(words.experimentTitle)
            model: {kind: surface, function: quadratic, a: 1, b: 2}
            init: {x: -5, y: -2}
            epochs: 30
            runs:
              - {label: "η = 0.1", optimizer: gd, lr: 0.1}
              - {label: "η = 0.4", optimizer: gd, lr: 0.4}
            figures:
              - {kind: loss, y: log, caption: "\(words.caption)"}
            ```

            """
        return try write(text, to: url)
    }

    /// The prose of the lesson `descent new` writes, in English or Chinese.
    struct NewLessonWords {
        var summary, prose, heading, experimentTitle, caption: String

        static let english = NewLessonWords(
            summary: "One sentence for the course's index.",
            prose: """
                Write the lesson here. Math goes between dollars, $\\theta \\leftarrow \\theta - \\eta \\nabla f(\\theta)$,
                and @fig-first-1 links the figure below.
                """,
            heading: "A first experiment", experimentTitle: "Gradient descent on a bowl", caption: "Loss per epoch at two learning rates.")

        static let chinese = NewLessonWords(
            summary: "一句话，显示在课程目录中。",
            prose: """
                在这里写课文。数学公式写在美元符号之间，$\\theta \\leftarrow \\theta - \\eta \\nabla f(\\theta)$，
                @fig-first-1 链接到下面的图。
                """,
            heading: "第一个实验", experimentTitle: "碗形曲面上的梯度下降", caption: "两种学习率下每轮的损失。")
    }

    static func write(_ text: String, to url: URL) throws(BuildProblem) -> URL {
        let manager = FileManager.default
        let lessons = url.deletingLastPathComponent()
        do {
            try manager.createDirectory(at: lessons, withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url, options: .withoutOverwriting)
        } catch {
            throw IOFailure.problem(path: url.path, action: "cannot be written", error: error)
        }
        return url
    }
}
