import Charts
import Foundation
import Lessons
import Testing
import TestSupport
@testable import Build

/// The figure options as a reader meets them: PNG sizes, `<img>` attributes, the title and
/// labels drawn, alt text, and run colours.
@Suite struct FigureOptionsTests {
    static let lesson = """
        ---
        title: Options
        ---

        ```experiment
        id: moons
        model: logistic
        data: {kind: moons, n: 120, noise: 0.2}
        epochs: 3
        seed: 2
        runs:
          - {label: GD, lr: 0.5}
          - {label: SGD, lr: 0.05, batch: 1, color: vermilion}
        figures:
          - {kind: loss, size: wide, title: "Batch against stochastic"}
          - {kind: loss, size: square, x_label: "Epochs (全部)", y_label: "Cross-entropy, full training set"}
          - {kind: loss, size: small}
          - {kind: contour, params: [w1, b], size: [500, 420], resolution: 20}
          - {kind: loss}
        ```

        ```experiment
        id: sweep
        model: logistic
        data: {kind: moons, n: 120, noise: 0.2}
        epochs: 2
        runs: [{lr: 0.5}]
        sweep: {batch: [8, full]}
        figures:
          - {kind: batch-sizes, size: small, title: "Two batch sizes"}
        ```
        """

    @Test func everySizeGivesItsPixelsAtOneAndTwoTimesAndTheImageAttributes() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let (report, output) = try build(Self.lesson, in: folder)
        #expect(report.problems.isEmpty)
        let page = try HTMLDocument.parse(contentsOf: output.appendingPathComponent("01-kinds.html"))
        // A contour's player shows its background, laid out as the figure (not a picture of its own).
        let images = page.all("img").filter { $0.attributes["src"]?.contains(".bg.") != true }
        let expected = [(736, 340), (480, 480), (420, 280), (500, 420), (640, 380), (560, 440)]
        #expect(images.count == expected.count)
        for (image, (width, height)) in zip(images, expected) {
            #expect(image.attributes["width"] == String(width))
            #expect(image.attributes["height"] == String(height))
            let source = try #require(image.attributes["src"])
            #expect(PNGHeader(contentsOf: output.appendingPathComponent(source)) == PNGHeader(width: width, height: height))
            let large = source.replacingOccurrences(of: ".png", with: "@2x.png")
            #expect(PNGHeader(contentsOf: output.appendingPathComponent(large)) == PNGHeader(width: 2 * width, height: 2 * height))
        }
        #expect(images[0].attributes["alt"]?.hasPrefix("Batch against stochastic. Loss of 2 runs over 3 epochs;") == true)
        #expect(images[1].attributes["alt"]?.hasPrefix("Loss of 2 runs over 3 epochs;") == true)
        #expect(images[5].attributes["alt"]?.hasPrefix("Two batch sizes. Four panels comparing 2 batch sizes (") == true)
    }

    /// The charts of the lesson's figures, with their results.
    static func charts() throws -> [Figure] {
        let lesson = try LessonParser.parse(Self.lesson, file: "l.md", slug: "l")
        var charts: [Figure] = []
        for spec in lesson.experiments {
            let (result, _) = try ExperimentRunner.run(spec, cache: .none, stored: nil)
            charts += spec.figures.compactMap { FigureBuilder.chart(for: $0, result: result) }
        }
        return charts
    }

    @Test func aTitleAndLabelsReachTheSceneInPlaceOfTheGeneratedOnes() throws {
        let charts = try Self.charts()
        let texts = charts.map { chart -> [String] in
            let renderer = RecordingRenderer()
            FigureDrawing(chart).draw(on: renderer)
            expectTextFits(renderer, in: chart.size, atLeast: 5)
            return renderer.textBoxes.map(\.text.markup)
        }
        #expect(texts[0].contains("Batch against stochastic"))
        #expect(texts[0].contains("Epoch"))
        #expect(texts[1].contains("Epochs (全部)"))
        #expect(texts[1].contains("Cross-entropy, full training set"))
        #expect(!texts[1].contains("Epoch"))
        #expect(!texts[1].contains("Cross-entropy"))
        #expect(!texts[4].contains("Batch against stochastic"))
        // The grid keeps its panels' titles under its own.
        #expect(texts[5].contains("Two batch sizes"))
        #expect(texts[5].contains("Loss per epoch"))
    }

    @Test func aRunDrawsInTheColourItNamesAndTheOthersKeepTheirPlacesColour() throws {
        let chart = try Self.charts()[4]
        let lines = chart.panels[0].marks.compactMap { mark -> Color? in
            if case let .line(line) = mark, line.label != nil { return line.color }
            return nil
        }
        // GD keeps the palette's first colour; SGD asks for vermilion, #D55E00.
        #expect(lines == [Color(hex: 0x0072B2), Color(red: 213 / 255, green: 94 / 255, blue: 0)])
    }

    @Test func everyPaletteNameGivesItsDocumentedRGB() {
        let documented: [RunColor: UInt32] = [
            .blue: 0x0072B2, .vermilion: 0xD55E00, .green: 0x009E73, .purple: 0xCC79A7,
            .skyBlue: 0x56B4E9, .orange: 0xE69F00, .black: 0x000000, .yellow: 0xF0E442,
        ]
        #expect(documented.count == RunColor.allCases.count)
        for color in RunColor.allCases {
            #expect(FigureBuilder.color(named: color) == documented[color].map { Color(hex: $0) })
        }
        // Runs without a colour take the palette in the order the names are documented.
        #expect(RunColor.allCases.indices.map { Palette.series($0) } == RunColor.allCases.map { FigureBuilder.color(named: $0) })
    }

    @Test func aRunsColourIsNotPartOfWhatIsTrained() throws {
        let lesson = try LessonParser.parse(Self.lesson, file: "l.md", slug: "l")
        var spec = try #require(lesson.experiments.first)
        let key = CacheKey.training(spec)
        spec.runs[1].color = .green
        spec.runs[0].color = .black
        #expect(CacheKey.training(spec) == key)
    }
}
