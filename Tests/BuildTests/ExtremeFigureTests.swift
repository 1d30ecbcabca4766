import Charts
import Foundation
import Lessons
import Testing
import TestSupport
@testable import Build

/// The figures of issue 13's crashing lessons: each figure FigureBuilder makes from extreme
/// results lays out into a sound scene, without a trap.
@Suite struct ExtremeFigureTests {
    /// Every chart of every experiment in `blocks` (experiment YAML), laid out.
    static func scenes(_ blocks: [String]) throws -> [Scene] {
        let markdown = "---\ntitle: Extremes\n---\n\n" + blocks.map { "```experiment\n\($0)\n```\n" }.joined(separator: "\n")
        let lesson = try LessonParser.parse(markdown, file: "l.md", slug: "l")
        var scenes: [Scene] = []
        for spec in lesson.experiments {
            guard let (result, _) = try? ExperimentRunner.run(spec, cache: .none, stored: nil) else { continue }
            for figure in spec.figures {
                _ = FigureBuilder.description(of: figure, result: result)
                _ = FigureBuilder.table(result: result)
                _ = FigureBuilder.hessianTable(result: result)
                guard let chart = FigureBuilder.chart(for: figure, result: result) else { continue }
                scenes.append(FigureDrawing(chart).scene(measuring: RecordingRenderer(scale: 2), scale: 2))
            }
        }
        return scenes
    }

    @Test func aContourRangeFittedToTheEdgesOfTheDoubleRangeStaysFinite() {
        let range = ExperimentRunner.fittedRange([], index: 0, initial: [1e308], minima: [-1e308, .infinity, .nan])
        #expect(range.lowerBound.isFinite && range.upperBound.isFinite)
        #expect(range.lowerBound < -1e300 && range.upperBound > 1e300)
        let missing = ExperimentRunner.fittedRange([], index: 5, initial: [1], minima: [])
        #expect(missing.lowerBound < 1 && missing.upperBound > 1)
    }

    @Test func aLossOfZeroBesideADivergedRunOnALogAxis() throws {
        let scenes = try Self.scenes(["""
            id: zero
            model: {kind: surface, function: quadratic, a: 1, b: 1}
            init: {x: 1, y: 1}
            steps: 30
            runs:
              - {label: exact, lr: 0.5}
              - {label: diverged, lr: 10}
            figures:
              - {kind: loss, x: step, y: log}
              - {kind: loss, y: log}
              - {kind: contour}
            """])
        #expect(scenes.count == 3)
        scenes.forEach { expectSceneIsSound($0) }
    }

    @Test func aContourOfARunWithAHugeLearningRate() throws {
        let scenes = try Self.scenes(["""
            id: huge
            model: {kind: surface, function: quadratic, a: 1, b: 2}
            init: {x: -5, y: -2}
            steps: 20
            runs:
              - {label: wild, lr: 1e20}
            figures:
              - {kind: contour}
              - {kind: loss, y: log}
            """])
        #expect(scenes.count == 2)
        scenes.forEach { expectSceneIsSound($0) }
    }

    @Test func extremeRangesAndSurfaces() throws {
        let blocks = [
            """
            id: narrow
            model: {kind: surface, function: quadratic, a: 1, b: 2}
            init: {x: -5, y: -2}
            steps: 20
            runs: [{label: gd, lr: 0.1}]
            figures:
              - {kind: loss, y_range: [0, 1e-18]}
              - {kind: contour, range: {x: [0, 1e-300]}}
              - {kind: contour, range: {x: [-1e308, 1e308], y: [-1e308, 1e308]}}
            """,
            """
            id: valley
            model: {kind: surface, function: rosenbrock, b: 1e308}
            init: {x: -1, y: 1}
            steps: 20
            runs: [{label: gd, lr: 0.001}]
            figures: [{kind: contour}, {kind: loss, y: log}]
            """,
            """
            id: saddle
            model: {kind: surface, function: quadratic, a: 1e308, b: -1e308}
            init: {x: -5, y: -2}
            steps: 20
            runs: [{label: gd, lr: 0.1}]
            figures: [{kind: contour}, {kind: loss}]
            """,
        ]
        var counts: [Int] = []
        for block in blocks {
            let scenes = try Self.scenes([block])
            counts.append(scenes.count)
            scenes.forEach { expectSceneIsSound($0) }
        }
        #expect(counts == [3, 2, 2])
    }

    @Test func batchSizesAndVarianceOfATinyDataset() throws {
        let scenes = try Self.scenes(["""
            id: tiny
            model: logistic
            data: {kind: points, x: [[0, 1], [1, 0]], y: [0, 1]}
            epochs: 3
            runs: [{optimizer: gd, lr: 1e10}]
            sweep: {batch: [1, 2, full]}
            figures:
              - {kind: batch-sizes}
              - {kind: gradient-variance}
              - {kind: loss, y: log}
              - {kind: contour, params: [w1, b]}
            """])
        #expect(scenes.count == 4)
        scenes.forEach { expectSceneIsSound($0) }
    }
}

@Suite struct ResultsTableWordsTests {
    @Test func aFullBatchIsWordedInThePagesLanguage() {
        #expect(FigureBuilder.batchName(.full, strings: .builtIn("zh")) == "全批量")
        #expect(FigureBuilder.batchName(.full, strings: .english) == "full")
        #expect(FigureBuilder.batchName(.size(32), strings: .builtIn("zh")) == "32")
    }
}
