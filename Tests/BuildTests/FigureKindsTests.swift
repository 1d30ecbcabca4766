import Charts
import Foundation
import Lessons
import Testing
import TestSupport
@testable import Build

/// Builds `lesson` as `lessons/01-kinds.md` in a temporary folder.
func build(_ lesson: String, in folder: TemporaryFolder) throws -> (BuildReport, URL) {
    try folder.write(lesson, to: "lessons/01-kinds.md")
    let output = folder.url.appendingPathComponent("output")
    let report = CourseBuild(options: BuildOptions(
        lessonsDirectory: folder.url.appendingPathComponent("lessons"), outputDirectory: output)).run()
    return (report, output)
}

nonisolated(unsafe) private var sharedFolder: String?

@Suite struct FigureKindsTests {
    static let lesson = """
        ---
        title: Kinds
        ---

        ```experiment
        id: batches
        model: logistic
        data: {kind: moons, n: 200, noise: 0.2}
        epochs: 4
        runs:
          - {optimizer: gd, lr: 0.5}
        sweep: {batch: [1, 16, full]}
        figures:
          - {kind: batch-sizes, caption: Batch sizes.}
          - {kind: contour, params: [w1, b], caption: Paths.}
          - {kind: loss, x: step, smooth: 0.9, caption: Steps.}
          - {kind: table, caption: Results.}
        expect:
          - {run: full batch, final_loss: {below: 0.7}}
        ```

        ```experiment
        id: bowl
        model: {kind: surface, function: quadratic, a: 1, b: 2}
        init: {x: -5, y: -2}
        steps: 20
        runs:
          - {label: gd, lr: 0.1}
        figures:
          - {kind: contour}
        expect:
          - {run: gd, final_loss: {below: 0.001}}
          - {run: gd, diverged: false}
        ```
        """

    /// One build serves every test of the suite; its folder is removed when the process ends.
    static let built: (folder: TemporaryFolder, report: BuildReport, output: URL)? = {
        guard let folder = try? TemporaryFolder() else { return nil }
        sharedFolder = folder.url.path
        atexit { if let path = sharedFolder { try? FileManager.default.removeItem(atPath: path) } }
        guard let (report, output) = try? build(lesson, in: folder) else { return nil }
        return (folder, report, output)
    }()

    @Test func everyKindIsDrawnAtItsSize() throws {
        let (_, report, output) = try #require(Self.built)
        #expect(report.figures == 5)
        let page = try HTMLDocument.parse(contentsOf: output.appendingPathComponent("01-kinds.html"))
        // A contour's player shows its background, laid out as the figure (not a picture of its own).
        let images = page.all("img").filter { $0.attributes["src"]?.contains(".bg.") != true }
        #expect(images.count == 4)
        let sizes = images.compactMap { $0.attributes["src"].flatMap { PNGHeader(contentsOf: output.appendingPathComponent($0)) } }
        #expect(sizes == [PNGHeader(width: 760, height: 560), PNGHeader(width: 640, height: 460), PNGHeader(width: 640, height: 380), PNGHeader(width: 640, height: 460)])
        #expect(page.all("figcaption").map(\.text) == ["Figure 1: Batch sizes.", "Figure 2: Paths.", "Figure 3: Steps.", "Table 1: Results.", "Figure 4"])
        #expect(images[1].attributes["alt"]?.hasPrefix("Contours of the loss over w1 and b with the paths of 3 runs;") == true)
    }

    @Test func theTableListsEveryRun() throws {
        let (_, _, output) = try #require(Self.built)
        let page = try HTMLDocument.parse(contentsOf: output.appendingPathComponent("01-kinds.html"))
        let table = try #require(page.first("table"))
        // A table keeps the id rule of figures (n counts tables too) and anchors as `tbl-`.
        #expect(page.all(class: "table").map { $0.attributes["id"] } == ["tbl-batches-4"])
        #expect(table.first("thead")?.all("th").map(\.text) == ["Run", "Optimizer", "lr", "Batch", "Final loss", "Accuracy", "Updates", "Gradient evaluations", "Seconds", "Stopped"])
        let rows = table.first("tbody")?.all("tr") ?? []
        #expect(rows.map { $0.first("th")?.text } == ["batch 1", "batch 16", "full batch"])
        // 200 samples for 4 epochs: 800 updates at batch 1, 4 × ⌈200/16⌉ = 52 at 16, 4 at full.
        #expect(rows.map { $0.all("td")[5].text } == ["800", "52", "4"])
        #expect(rows.map { $0.all("td")[6].text } == ["800", "800", "800"])
    }

    @Test func aClaimThatDoesNotHoldIsAnErrorWithTheMeasuredValue() throws {
        let (folder, report, _) = try #require(Self.built)
        // 20 steps of η = 0.1 from (−5, −2): x = −5·0.8²⁰, y = −2·0.6²⁰, f = x² + 2y² = 0.003323.
        #expect(report.problems.map(\.description) == [
            folder.url.path + "/lessons/01-kinds.md:32:5: error: The claim `gd`: final loss below 0.001 does not hold: the final loss is 0.003323.",
        ])
    }

    @Test func theBuildsFiguresKeepTheirTextInsideAndApart() throws {
        let lesson = try LessonParser.parse(Self.lesson, file: "l.md", slug: "l")
        var charts = 0
        for spec in lesson.experiments {
            let (result, _) = try ExperimentRunner.run(spec, cache: .none, stored: nil)
            for figure in spec.figures {
                guard let chart = FigureBuilder.chart(for: figure, result: result) else { continue }
                let renderer = RecordingRenderer()
                FigureDrawing(chart).draw(on: renderer)
                expectTextFits(renderer, in: chart.size, atLeast: 5)
                charts += 1
            }
        }
        #expect(charts == 4)
    }
}

@Suite struct AnalysisFigureTests {
    @Test func theHessianTestClassifiesCriticalPoints() {
        #expect(InterfaceStrings.english(FigureBuilder.classify(gradientNorm: 0, eigenvalues: (2, 4))) == "minimum (both eigenvalues > 0)")
        #expect(InterfaceStrings.english(FigureBuilder.classify(gradientNorm: 0, eigenvalues: (-4, -2))) == "maximum (both eigenvalues < 0)")
        #expect(InterfaceStrings.english(FigureBuilder.classify(gradientNorm: 0, eigenvalues: (-2, 2))) == "saddle point (eigenvalues of both signs)")
        #expect(InterfaceStrings.english(FigureBuilder.classify(gradientNorm: 0, eigenvalues: (0, 2))) == "degenerate: a zero eigenvalue, the test says nothing")
        #expect(InterfaceStrings.english(FigureBuilder.classify(gradientNorm: 0.5, eigenvalues: (2, 4))) == "not a critical point (‖∇f‖ > 0)")
    }

    @Test func aRunOnTheRidgeOfASaddleEndsAtTheSaddlePoint() throws {
        let lesson = try LessonParser.parse("""
            ---
            title: T
            ---
            ```experiment
            id: ridge
            model: {kind: surface, function: saddle}
            init: {x: 1, y: 0}
            epochs: 60
            runs: [{label: GD, lr: 0.1}]
            figures: [{kind: hessian}]
            ```
            """, file: "l.md", slug: "l")
        let (result, _) = try ExperimentRunner.run(try #require(lesson.experiments.first), cache: .none, stored: nil)
        let table = FigureBuilder.hessianTable(result: result)
        #expect(table.rows.count == 1)
        // x shrinks by 0.8 per step: 0.8⁶⁰ ≈ 1.5×10⁻⁶; the Hessian of x² − y² is diag(2, −2).
        #expect(table.rows[0] == ["GD", "1.532e-06", "0", "3.065e-06", "-2", "2", "saddle point (eigenvalues of both signs)"])
    }

    @Test func measuredGradientVarianceFollowsTheFormula() throws {
        let lesson = try LessonParser.parse("""
            ---
            title: T
            ---
            ```experiment
            id: noise
            model: logistic
            data: {kind: moons, n: 256, noise: 0.2, seed: 2}
            epochs: 1
            runs: [{label: GD, lr: 0.1}]
            figures: [{kind: gradient-variance, trials: 2000, sizes: [1, 16, 128]}]
            ```
            """, file: "l.md", slug: "l")
        let (result, _) = try ExperimentRunner.run(try #require(lesson.experiments.first), cache: .none, stored: nil)
        let variances = try #require(result.variances["noise-1"])
        #expect(variances.map(\.batchSize) == [1, 16, 128])
        for variance in variances {
            // 2000 batches estimate the mean within a few percent.
            #expect(abs(variance.measured / variance.expected - 1) < 0.1, "batch \(variance.batchSize)")
        }
        // The finite-population correction: at b = N/2 the variance is half of σ²/b.
        let first = variances[0], half = variances[2]
        #expect(abs(half.expected / (first.expected / 128) - 128.0 / 255.0) < 1e-12)
    }
}
