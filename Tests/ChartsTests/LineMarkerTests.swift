import Testing
@testable import Charts

/// Markers along lines tell runs apart by shape: evenly spread, staggered per run, kept inside
/// the plot, and shown in the legend.
@Suite struct LineMarkerTests {
    @Test func aLegendEntryShowsItsRunsMarker() throws {
        let lines = (0..<2).map { run in
            Mark.line(LineMark(points: (0...40).map { Point(Double($0), Double(run + 1) * Double($0)) }, label: ChartText(plain: "run \(run)"),
                               color: Palette.series(run), markers: .forRun(run)))
        }
        let renderer = RecordingRenderer()
        FigureDrawing(Figure(size: Size(width: 640, height: 380), panels: [Axes(marks: lines)])).draw(on: renderer)
        // The legend's sample of each run: a stroke and one marker at its middle, right of the plot's markers.
        for run in 0..<2 {
            let label = try #require(renderer.textBoxes.first { $0.text.markup == "run \(run)" })
            let markers = renderer.operations.compactMap { operation -> [Point]? in
                guard case let .fillPolygon(points, color) = operation, color == Palette.series(run) else { return nil }
                return points
            }
            let inLegend = markers.filter { points in points.allSatisfy { abs($0.y - (label.frame.y + label.frame.height / 2)) < 5 && $0.x < label.frame.minX && $0.x > label.frame.minX - 40 } }
            #expect(inLegend.count == 1, "run \(run)")
        }
    }

    @Test func lineMarkersAreSpacedEvenlyAcrossThePlotAndStaggeredPerRun() {
        let plot = Rect(x: 50, y: 20, width: 500, height: 300)
        let line = [[Point(50, 100), Point(550, 300)]]
        let first = MarkDrawing.linePlaces(line, markers: .forRun(0), in: plot)
        let second = MarkDrawing.linePlaces(line, markers: .forRun(1), in: plot)
        // Half a spacing in, then every 72 points: 86, 158, …, 518; the second run a quarter spacing later.
        #expect(first.map(\.x) == [86, 158, 230, 302, 374, 446, 518])
        #expect(second.map(\.x) == [104, 176, 248, 320, 392, 464, 536])
        // On the line: y rises 0.4 per point of x.
        #expect(first.first?.y == 100 + 0.4 * 36)
        // A line that leaves the plot gets no marker outside it.
        #expect(MarkDrawing.linePlaces([[Point(50, 400), Point(550, 400)]], markers: .forRun(0), in: plot).isEmpty)
    }

    @Test func runsAlikeInColourGetDifferentShapes() {
        // Palette order: blue, vermilion, green, purple, sky blue, orange, black, yellow.
        let shapes = (0..<8).map(MarkerShape.forRun)
        #expect(shapes == [.circle, .square, .triangle, .diamond, .square, .triangle, .diamond, .circle])
        #expect(shapes[0] != shapes[4] && shapes[1] != shapes[5])
    }
}
