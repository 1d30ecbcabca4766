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

    @Test func tenLongEntriesStandBelowThePlotInColumns() throws {
        let renderer = RecordingRenderer()
        FigureDrawing(Self.figure(runs: 10) { "Optimizer number \($0), validation" }).draw(on: renderer)
        let boxes = renderer.textBoxes
        let xLabel = try #require(boxes.first { $0.text.markup == "Epoch" })
        let entries = boxes.filter { $0.text.markup.hasPrefix("Optimizer") }
        #expect(entries.count == 10)
        // Under the x axis label, inside the figure, and in columns: a column is 22 + 6 + 30
        // characters × 6.9 pt = 235 pt wide, so two (with the 14 pt gap) fit in 616 pt, 5 rows each.
        #expect(entries.allSatisfy { $0.frame.minY > xLabel.frame.maxY && $0.frame.maxY <= 380 && $0.frame.maxX <= 640 })
        let columns = Dictionary(grouping: entries, by: \.frame.x).values.map(\.count).sorted()
        #expect(columns == [5, 5])
        // The plot keeps the figure's width: the x label is centred near the middle.
        #expect(abs(xLabel.frame.x + xLabel.frame.width / 2 - 320) < 30)
    }

    @Test func aNarrowLegendStaysBesideOrInside() throws {
        let renderer = RecordingRenderer()
        FigureDrawing(Self.figure(runs: 3) { "run \($0)" }).draw(on: renderer)
        let boxes = renderer.textBoxes
        let xLabel = try #require(boxes.first { $0.text.markup == "Epoch" })
        let entries = boxes.filter { $0.text.markup.hasPrefix("run") }
        #expect(entries.count == 3)
        #expect(entries.allSatisfy { $0.frame.maxY < xLabel.frame.minY })
        #expect(Set(entries.map(\.frame.x)).count == 1)
    }
}
