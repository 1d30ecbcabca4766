import Foundation
import Lessons
import Testing
import TestSupport
@testable import Build

/// A lesson with a CSV dataset, a surface with a contour and a table: every kind of line.
let explainLesson = """
    ---
    title: Explain
    ---

    ```experiment
    id: points
    model: linear
    data: {kind: csv, path: data/points.csv, features: [x], target: y}
    epochs: 5
    runs:
      - {label: GD, lr: 0.05}
    figures:
      - {kind: loss}
    ```

    ```experiment
    id: bowl
    model: {kind: surface, function: quadratic, a: 1, b: 2}
    init: {x: -5, y: -2}
    epochs: 10
    runs:
      - {label: slow, lr: 0.02}
      - {label: fast, optimizer: momentum, momentum: 0.9, lr: 0.2}
    figures:
      - {kind: contour}
      - {kind: table}
    ```
    """

/// `descent build --explain`: one line per experiment and figure, in lesson order, whose reason
/// is read from what the cache holds.
@Suite struct ExplainTests {
    /// A figure of an experiment trained anew: new numbers, new measured times.
    static let retrained = "redrawn: its figure value changed: its experiment's cache key changed; its runs' recorded times changed"

    struct Course {
        let folder: TemporaryFolder
        var lessons: URL { folder.url.appendingPathComponent("lessons") }
        var file: String { lessons.appendingPathComponent("01-explain.md").standardizedFileURL.path }

        init() throws {
            folder = try TemporaryFolder()
            try folder.write(explainLesson, to: "lessons/01-explain.md")
            try folder.write("x,y\n0,1\n1,3\n2,5\n3,7.5\n", to: "lessons/data/points.csv")
        }

        func build(fresh: Bool = false, identity: BuildIdentity = .current, renderer: String = BuildManifest.rendererHash) -> BuildReport {
            var options = BuildOptions(
                lessonsDirectory: lessons, outputDirectory: folder.url.appendingPathComponent("output"), jobs: 2, fresh: fresh,
                cacheDirectory: folder.url.appendingPathComponent(".descent-cache"))
            options.identity = identity
            options.rendererFingerprint = renderer
            return CourseBuild(options: options).run()
        }

        func edit(_ path: String, _ change: (String) -> String) throws {
            let url = folder.url.appendingPathComponent(path)
            try folder.write(change(try String(contentsOf: url, encoding: .utf8)), to: path)
        }

        /// The experiments' training keys as `--explain` shows them, computed from the lesson as it is now.
        func keys() throws -> [String: String] {
            let lesson = try LessonParser.parse(contentsOf: lessons.appendingPathComponent("01-explain.md"), displayPath: file, lessonsRoot: lessons)
            return Dictionary(uniqueKeysWithValues: lesson.experiments.map { ($0.id, CacheRecord.short(CacheKey.training($0))) })
        }

        /// The five lines, given the reasons of the two experiments and two drawn figures.
        func lines(points: String, pointsFigure: String, bowl: String, bowlFigure: String) -> [String] {
            [
                "\(file):5:1 experiment `points`: \(points)",
                "\(file):5:1 figure `points-1`: \(pointsFigure)",
                "\(file):16:1 experiment `bowl`: \(bowl)",
                "\(file):16:1 figure `bowl-1`: \(bowlFigure)",
                "\(file):16:1 figure `bowl-2`: a table, made from its experiment's results on every build",
            ]
        }
    }

    @Test func aFirstBuildFindsNoCacheEntryAndASecondReusesEverything() throws {
        let course = try Course()
        defer { course.folder.remove() }
        let first = course.build()
        #expect(first.problems.isEmpty)
        #expect(first.explanations == course.lines(
            points: "redone: no cache entry", pointsFigure: "redrawn: no cache entry",
            bowl: "redone: no cache entry", bowlFigure: "redrawn: no cache entry"))
        let keys = try course.keys()
        let second = course.build()
        #expect(second.experimentsTrained == 0)
        #expect(second.explanations == course.lines(
            points: "reused (cache key \(keys["points"] ?? "?"), same spec, data and engine)", pointsFigure: "reused",
            bowl: "reused (cache key \(keys["bowl"] ?? "?"), same spec, data and engine)", bowlFigure: "reused"))
    }

    @Test func aSpecEditNamesTheValuesThatChanged() throws {
        let course = try Course()
        defer { course.folder.remove() }
        _ = course.build()
        try course.edit("lessons/01-explain.md") {
            $0.replacingOccurrences(of: "lr: 0.02", with: "lr: 0.03").replacingOccurrences(of: "momentum: 0.9", with: "momentum: 0.8")
                .replacingOccurrences(of: "epochs: 10", with: "epochs: 12").replacingOccurrences(of: "{label: GD, lr: 0.05}", with: "{label: GD, optimizer: adam, lr: 0.05}")
        }
        let report = course.build()
        #expect(report.experimentsTrained == 2)
        #expect(report.explanations == course.lines(
            points: "redone: its spec changed (run `GD`: optimizer gd → adam)",
            pointsFigure: Self.retrained,
            bowl: "redone: its spec changed (epochs 10 → 12; run `slow`: lr 0.02 → 0.03; run `fast`: momentum 0.9 → 0.8)",
            bowlFigure: Self.retrained))
    }

    @Test func aDataFileEditNamesTheFile() throws {
        let course = try Course()
        defer { course.folder.remove() }
        _ = course.build()
        try course.edit("lessons/data/points.csv") { $0 + "4,9\n" }
        let keys = try course.keys()
        let report = course.build()
        #expect(report.experimentsTrained == 1)
        #expect(report.explanations == course.lines(
            points: "redone: data file data/points.csv changed",
            pointsFigure: Self.retrained,
            bowl: "reused (cache key \(keys["bowl"] ?? "?"), same spec, data and engine)", bowlFigure: "reused"))
    }

    @Test func aCacheOfAnotherDescentVersionIsNotReused() throws {
        let course = try Course()
        defer { course.folder.remove() }
        let older = BuildIdentity(version: "0.16.0", toolchain: BuildIdentity.current.toolchain)
        #expect(course.build(identity: older).experimentsTrained == 2)
        let report = course.build()
        #expect(report.experimentsTrained == 2)
        let change = "another Descent version (0.16.0 → \(BuildIdentity.current.version))"
        // The recorded times stand: they were kept with the spec's key, which names no version.
        let figure = "redrawn: drawn by \(change); its experiment's cache key changed; its figure value is the same"
        #expect(report.explanations == course.lines(
            points: "redone: written by \(change)", pointsFigure: figure, bowl: "redone: written by \(change)", bowlFigure: figure))
    }

    @Test func figuresDrawnWithOtherLibrariesOrFontsAreRedrawnAndTheirTrainingIsReused() throws {
        let course = try Course()
        defer { course.folder.remove() }
        _ = course.build(renderer: "another machine's fingerprint")
        let keys = try course.keys()
        let report = course.build()
        #expect(report.experimentsTrained == 0)
        let figure = "redrawn: drawn with other libraries or fonts (the renderer fingerprint changed); its figure value is the same"
        #expect(report.explanations == course.lines(
            points: "reused (cache key \(keys["points"] ?? "?"), same spec, data and engine)", pointsFigure: figure,
            bowl: "reused (cache key \(keys["bowl"] ?? "?"), same spec, data and engine)", bowlFigure: figure))
    }

    @Test func aNewContourRangeReusesTheTrainingAndEvaluatesTheGrid() throws {
        let course = try Course()
        defer { course.folder.remove() }
        _ = course.build()
        try course.edit("lessons/01-explain.md") { $0.replacingOccurrences(of: "{kind: contour}", with: "{kind: contour, range: {x: [-6, 6]}}") }
        let keys = try course.keys()
        let report = course.build()
        #expect(report.experimentsTrained == 0)
        #expect(report.explanations == course.lines(
            points: "reused (cache key \(keys["points"] ?? "?"), same spec, data and engine)", pointsFigure: "reused",
            bowl: "reused its training (cache key \(keys["bowl"] ?? "?"), same spec, data and engine); evaluated the loss grid of figure `bowl-1` anew: no cache entry for them",
            bowlFigure: "redrawn: its figure value changed: its spec changed (kind.contour.range.x none → [-6, 6])"))
    }

    @Test func aCacheOfAnotherToolchainIsNotReused() throws {
        let course = try Course()
        defer { course.folder.remove() }
        let other = BuildIdentity(version: BuildIdentity.current.version, toolchain: "swift-6.2 aarch64-linux-gnu")
        _ = course.build(identity: other)
        let output = course.folder.url.appendingPathComponent("output")
        let results = CourseCheck.filesOnDisk(output).filter { $0.key.hasPrefix("data/") }
        let report = course.build()
        #expect(report.experimentsTrained == 2)
        // The results publish the spec's key without the toolchain, and keep their recorded
        // times: the same bytes whichever compiler built the Descent that wrote them.
        #expect(results["data/01-explain/points.json"] != nil && results["data/01-explain/bowl.json"] != nil)
        #expect(CourseCheck.filesOnDisk(output).filter { $0.key.hasPrefix("data/") } == results)
        #expect(report.explanations.first == "\(course.file):5:1 experiment `points`: redone: written by a Descent compiled with another toolchain (swift-6.2 aarch64-linux-gnu → \(BuildIdentity.current.toolchain))")
    }

    @Test func freshSaysSoAndStillReusesUnchangedFigures() throws {
        let course = try Course()
        defer { course.folder.remove() }
        _ = course.build()
        let report = course.build(fresh: true)
        #expect(report.explanations == course.lines(points: "redone: --fresh", pointsFigure: "reused", bowl: "redone: --fresh", bowlFigure: "reused"))
    }

    @Test func theKeyNamesDescentsVersionAndToolchain() throws {
        let lesson = try LessonParser.parse(explainLesson.replacingOccurrences(of: "data: {kind: csv, path: data/points.csv, features: [x], target: y}", with: "data: {kind: linear, n: 10}"), file: "l.md", slug: "l")
        let spec = try #require(lesson.experiments.first)
        let current = BuildIdentity.current
        #expect(CacheKey.training(spec) == CacheKey.training(spec, identity: current))
        #expect(CacheKey.training(spec, identity: BuildIdentity(version: "0.16.0", toolchain: current.toolchain)) != CacheKey.training(spec))
        #expect(CacheKey.training(spec, identity: BuildIdentity(version: current.version, toolchain: "swift-6.2 x86_64-linux-gnu")) != CacheKey.training(spec))
        #expect(current.toolchain.hasPrefix("swift-6."))
        #expect(current.toolchain.hasSuffix("-linux-gnu") || current.toolchain.hasSuffix("-linux-musl") || current.toolchain.hasSuffix("-macos"))
    }
}
