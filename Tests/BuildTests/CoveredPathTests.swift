import Charts
import Lessons
import Testing
@testable import Build

/// A path that a later run's path covers all along is named in the legend as lying under it.
@Suite struct CoveredPathTests {
    static let lesson = """
        ---
        title: Covered
        ---

        ```experiment
        id: bowl
        model: {kind: surface, function: quadratic, a: 1, b: 2}
        init: {x: -5, y: -2}
        steps: 20
        runs:
          - {label: first, lr: 0.1}
          - {label: twin, lr: 0.1}
          - {label: slower, lr: 0.02}
        figures:
          - {kind: contour}
        ```
        """

    @Test func aPathUnderALaterOneSaysSoInTheLegend() throws {
        let lesson = try LessonParser.parse(Self.lesson, file: "l.md", slug: "l")
        let spec = try #require(lesson.experiments.first)
        let (result, _) = try ExperimentRunner.run(spec, cache: .none, stored: nil)
        let figure = try #require(spec.figures.first)
        let chart = try #require(FigureBuilder.chart(for: figure, result: result))
        let labels = chart.panels.flatMap(\.marks).compactMap { mark -> String? in
            if case let .trajectory(path) = mark { return path.label?.markup } else { return nil }
        }
        #expect(labels == ["first (path under twin’s)", "twin", "slower"])
        // The alt text says so too; at η = 0.02 x shrinks by 0.96 and y by 0.92 a step:
        // −5·0.96²⁰ = −2.21, −2·0.92²⁰ = −0.3774.
        #expect(FigureBuilder.description(of: figure, result: result) == "Contours of the loss over x and y with the paths of 3 runs; the minimum is at (0, 0); first goes from (-5, -2) to (-0.05765, -7.312e-05), 0.05765 from the minimum; twin goes from (-5, -2) to (-0.05765, -7.312e-05), 0.05765 from the minimum; slower goes from (-5, -2) to (-2.21, -0.3774), 2.242 from the minimum; first’s path lies under twin’s.")
        #expect(FigureBuilder.description(of: figure, result: result, strings: .builtIn("zh")).hasSuffix("；first 的路径被 twin 的路径遮住。"))
    }

    @Test func coveringNeedsThePathToStayCloseAllAlong() {
        let diagonal = (0...100).map { Point(Double($0) / 100, Double($0) / 100) }
        let near = diagonal.map { Point($0.x + 0.004, $0.y) }
        let apart = diagonal.map { Point($0.x + 0.02, $0.y) }
        let half = diagonal.map { Point($0.x, $0.x < 0.5 ? $0.y : 0.5) }
        #expect(FigureBuilder.coveringPath(of: 0, among: [diagonal, near], tolerance: 0.006) == 1)
        #expect(FigureBuilder.coveringPath(of: 0, among: [diagonal, apart], tolerance: 0.006) == nil)
        #expect(FigureBuilder.coveringPath(of: 0, among: [diagonal, half], tolerance: 0.006) == nil)
        // Only a later path covers: the one on top is not said to lie under the one below.
        #expect(FigureBuilder.coveringPath(of: 1, among: [diagonal, near], tolerance: 0.006) == nil)
        // A path of one point (or none) is never said to be covered.
        #expect(FigureBuilder.coveringPath(of: 0, among: [[Point(0.5, 0.5)], diagonal], tolerance: 0.006) == nil)
    }

    @Test func aPointIsNearAPolylineByItsNearestSegment() {
        let path = [Point(0, 0), Point(1, 0), Point(1, 1)]
        #expect(FigureBuilder.isNear(Point(2, 0.5), to: path, within: 1) && !FigureBuilder.isNear(Point(2, 0.5), to: path, within: 0.99))
        #expect(FigureBuilder.isNear(Point(0.5, 0.25), to: path, within: 0.25))
        #expect(!FigureBuilder.isNear(Point(0.5, 0.25), to: path, within: 0.2499))
        #expect(FigureBuilder.isNear(Point(-3, 4), to: path, within: 5) && !FigureBuilder.isNear(Point(-3, 4), to: path, within: 4.99))
    }
}
