import Charts
import Foundation
import Lessons
import Testing
@testable import Build

/// Colour is never the only thing that tells two runs apart: in every figure kind, what is
/// drawn in one run's colour differs from what is drawn in the other's in dash or marker shape
/// too, in the plot and in the legend (checked through the recording renderer).
@Suite struct RunStyleTests {
    static let lesson = """
        ---
        title: Styles
        ---

        ```experiment
        id: bowl
        model: {kind: surface, function: quadratic, a: 1, b: 2}
        init: {x: -5, y: -2}
        steps: 40
        runs:
          - {label: slow, lr: 0.05}
          - {label: fast, lr: 0.2}
        figures:
          - {kind: loss}
          - {kind: learning-rate}
          - {kind: gradient-norm}
          - {kind: contour}
        ```

        ```experiment
        id: sizes
        model: logistic
        data: {kind: moons, n: 64, noise: 0.2, seed: 3}
        epochs: 3
        runs:
          - {optimizer: gd, lr: 0.5}
        sweep: {batch: [8, full]}
        figures:
          - {kind: batch-sizes}
        ```

        ```experiment
        id: groups
        model: logistic
        data: {kind: moons, n: 64, noise: 0.2, seed: 3}
        epochs: 3
        runs:
          - {optimizer: momentum, lr: 0.5}
        sweep: {momentum: [0, 0.9], batch: [8, full]}
        figures:
          - {kind: batch-sizes}
        ```
        """

    /// How each operation drawn in `color` looks, its colour left out: the dash of a stroke,
    /// and a filled polygon's corner count and the direction of its first corner (a square
    /// and a diamond both have four). A path's end marker counts in its darkened colour.
    static func styles(of color: Color, in operations: [RecordingRenderer.Operation]) -> Set<String> {
        let end = TrajectoryMark(points: [], color: color).endColor
        var styles = Set<String>()
        for operation in operations {
            switch operation {
            case let .stroke(_, drawn, _, dash) where drawn == color:
                styles.insert("dash \(dash)")
            case let .fillPolygon(points, drawn) where (drawn == color || drawn == end) && points.count > 2:
                let centre = Point(points.map(\.x).reduce(0, +) / Double(points.count), points.map(\.y).reduce(0, +) / Double(points.count))
                let angle = Int((atan2(points[0].y - centre.y, points[0].x - centre.x) * 180 / Double.pi).rounded())
                styles.insert("shape \(points.count) at \(angle)°")
            default:
                break
            }
        }
        return styles
    }

    @Test func twoRunsDifferInDashOrMarkerInEveryFigureKind() throws {
        let lesson = try LessonParser.parse(Self.lesson, file: "l.md", slug: "l")
        var kinds: [String] = []
        for spec in lesson.experiments {
            let (result, _) = try ExperimentRunner.run(spec, cache: .none, stored: nil)
            for figure in spec.figures {
                var chart = try #require(FigureBuilder.chart(for: figure, result: result))
                // Batch sizes: the loss-per-epoch panel alone, where each batch size is a line
                // (the first run's colour also marks the final-loss panel's points).
                if chart.panels.count > 1 { chart.panels = [chart.panels[0]] }
                let renderer = RecordingRenderer()
                FigureDrawing(chart).draw(on: renderer)
                let first = Self.styles(of: Palette.series(0), in: renderer.operations)
                let second = Self.styles(of: Palette.series(1), in: renderer.operations)
                #expect(!first.isEmpty && !second.isEmpty, "\(figure.id)")
                #expect(first != second, "\(figure.id): both runs are drawn as \(first)")
                kinds.append(figure.id)
            }
        }
        #expect(kinds == ["bowl-1", "bowl-2", "bowl-3", "bowl-4", "sizes-1", "groups-1"])
    }

    @Test func groupsOfABatchSweepDifferInShapeInEveryPanel() throws {
        let lesson = try LessonParser.parse(Self.lesson, file: "l.md", slug: "l")
        let spec = try #require(lesson.experiments.first { $0.id == "groups" })
        let (result, _) = try ExperimentRunner.run(spec, cache: .none, stored: nil)
        let figure = try #require(spec.figures.first)
        let chart = try #require(FigureBuilder.chart(for: figure, result: result))
        #expect(chart.panels.count == 4)
        // Each group has one colour; within a panel the two groups' lines, bars and points differ in shape too.
        for (number, panel) in chart.panels.enumerated() {
            var single = chart
            single.panels = [panel]
            let renderer = RecordingRenderer()
            FigureDrawing(single).draw(on: renderer)
            let first = Self.styles(of: Palette.series(0), in: renderer.operations)
            let second = Self.styles(of: Palette.series(1), in: renderer.operations)
            #expect(first.contains { $0.hasPrefix("shape") } && second.contains { $0.hasPrefix("shape") }, "panel \(number + 1)")
            #expect(first != second, "panel \(number + 1): both groups are drawn as \(first)")
        }
    }
}
