import Testing
@testable import Charts

/// A legend too wide to stand beside the plot without squeezing it goes below, in columns.
@Suite struct LegendBelowTests {
    static func figure(runs: Int, label: (Int) -> String) -> Figure {
        let lines = (0..<runs).map { run in
            Mark.line(LineMark(points: (0...60).map { Point(Double($0), Double(run + 1) + Double($0 % 7)) }, label: ChartText(plain: label(run)), color: Palette.series(run)))
        }
        return Figure(size: Size(width: 640, height: 380), panels: [Axes(xLabel: "Epoch", yLabel: "Loss", marks: lines)])
    }

    /// The x axis label's box and the legend entries' boxes of `runs` runs labelled `label`.
    static func drawn(runs: Int, label: @escaping (Int) -> String) throws -> (xLabel: Rect, entries: [Rect]) {
        let renderer = RecordingRenderer()
        FigureDrawing(figure(runs: runs, label: label)).draw(on: renderer)
        let labels = Set((0..<runs).map(label))
        let xLabel = try #require(renderer.textBoxes.first { $0.text.markup == "Epoch" })
        return (xLabel.frame, renderer.textBoxes.filter { labels.contains($0.text.markup) }.map(\.frame))
    }

    @Test func tenLongEntriesStandBelowThePlotInColumns() throws {
        let (xLabel, entries) = try Self.drawn(runs: 10) { "Optimizer number \($0), validation" }
        #expect(entries.count == 10)
        // Under the x axis label, inside the figure, and in columns: a column is 22 + 6 + 30
        // characters × 6.9 pt = 235 pt wide, so two (with the 14 pt gap) fit in 616 pt, 5 rows each.
        #expect(entries.allSatisfy { $0.minY > xLabel.maxY && $0.maxY <= 380 && $0.maxX <= 640 })
        let columns = Dictionary(grouping: entries, by: \.x).values.map(\.count).sorted()
        #expect(columns == [5, 5])
        // The plot keeps the figure's width: the x label is centred near the middle.
        #expect(abs(xLabel.x + xLabel.width / 2 - 320) < 30)
    }

    @Test func aNarrowLegendStaysBesideOrInside() throws {
        let (xLabel, entries) = try Self.drawn(runs: 3) { "run \($0)" }
        #expect(entries.count == 3)
        #expect(entries.allSatisfy { $0.maxY < xLabel.minY })
        #expect(Set(entries.map(\.x)).count == 1)
    }
}
