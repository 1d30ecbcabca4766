import Foundation
import Testing
import TestSupport
@testable import Charts

@Suite struct FigureTests {
    static func sampleFigure(label: String = "η = 0.1") -> Figure {
        let decaying = (0...100).map { Point(Double($0), 10 * pow(0.9, Double($0))) }
        let slower = (0...100).map { Point(Double($0), 10 * pow(0.97, Double($0))) }
        return Figure(size: Size(width: 400, height: 260), panels: [
            Axes(
                xLabel: "Epoch", yLabel: "Loss", yScale: .log,
                marks: [
                    .line(LineMark(points: decaying, label: ChartText(plain: label), color: Palette.series(0))),
                    .line(LineMark(points: slower, label: "η = 0.01", color: Palette.series(1))),
                ]),
        ])
    }

    @Test(arguments: [1.0, 2.0])
    func pngHasTheRequestedPixelSize(scale: Double) throws {
        let header = try #require(PNGHeader(try Self.sampleFigure().png(scale: scale)))
        #expect(header == PNGHeader(width: Int(400 * scale), height: Int(260 * scale)))
    }

    @Test func twoRendersGiveIdenticalBytes() throws {
        #expect(try Self.sampleFigure().png(scale: 2) == Self.sampleFigure().png(scale: 2))
    }

    @Test func aCJKLabelRendersWithRealGlyphs() throws {
        // make deps installs a CJK font (fonts-wqy-microhei): no character may be left as a box.
        let rendered = try Self.sampleFigure(label: "学习率 η = 0.1").render(scale: 1)
        #expect(PNGHeader(rendered.bytes) == PNGHeader(width: 400, height: 260))
        #expect(rendered.textsWithMissingGlyphs == [])
    }

    @Test func charactersNoFontCoversAreReported() throws {
        // U+10FFFD is a private-use code point no font draws.
        let rendered = try Self.sampleFigure(label: "run \u{10FFFD}").render(scale: 1)
        #expect(rendered.textsWithMissingGlyphs == ["run \u{10FFFD}"])
    }

    @Test func markupCharactersInPlainLabelsAreEscaped() {
        #expect(ChartText(plain: "a < b & c").markup == "a &lt; b &amp; c")
    }

    @Test func textBoxesStayInsideTheFigureAndDoNotOverlap() {
        let renderer = RecordingRenderer()
        FigureDrawing(Self.sampleFigure()).draw(on: renderer)
        expectTextFits(renderer, in: Size(width: 400, height: 260), atLeast: 8)
    }

    @Test func theLegendCoversNoDataWhenACornerIsFree() throws {
        // Both curves fall from the top left; the legend must sit where no line passes.
        let renderer = RecordingRenderer()
        FigureDrawing(Self.sampleFigure()).draw(on: renderer)
        let legend = try #require(renderer.operations.compactMap { operation -> Rect? in
            if case let .fillRect(rect, color) = operation, color == Color.white.opacity(0.9) { return rect }
            return nil
        }.first)
        let linePoints = renderer.operations.flatMap { operation -> [Point] in
            if case let .stroke(points, color, _, _) = operation, color == Palette.series(0) || color == Palette.series(1), points.count > 2 {
                return points
            }
            return []
        }
        #expect(linePoints.count == 202)
        #expect(!linePoints.contains { legend.contains($0) })
    }

    @Test func invalidSizesAreAnErrorNotACrash() {
        #expect(throws: ChartsError.invalidSize(width: 0, height: 100, scale: 1)) {
            try Figure(size: Size(width: 0, height: 100), panels: []).png(scale: 1)
        }
    }
}

/// Long titles and labels wrap and end in an ellipsis inside their width, in Pango as in layout.
@Suite struct WrappedTextTests {
    @Test func pangoWrapsALongCJKTitleOntoAtMostTwoLinesWithinItsWidth() throws {
        let renderer = try CairoRenderer(size: Size(width: 300, height: 200), scale: 1)
        let title = ChartText(plain: String(repeating: "随机梯度下降与动量法的比较，", count: 8))
        let line = renderer.measure("随机", style: .title).height
        let wrapped = renderer.measure(title, style: TextStyle.title.wrapped(width: 280, lines: 2))
        #expect(wrapped.width <= 280)
        #expect(wrapped.height > 1.5 * line && wrapped.height < 2.5 * line)
        let unwrapped = renderer.measure(title, style: .title)
        #expect(unwrapped.width > 280 && unwrapped.height < 1.5 * line)
    }

    @Test func aFigureTitleTooLongForTheFigureStaysInsideIt() {
        let long = String(repeating: "A title far too long for its figure ", count: 6)
        let figure = Figure(size: Size(width: 420, height: 280), title: ChartText(plain: long), panels: [
            Axes(xLabel: ChartText(plain: long), yLabel: ChartText(plain: long), marks: [.line(LineMark(points: [Point(0, 0), Point(1, 1)], color: .black))]),
        ])
        let renderer = RecordingRenderer()
        FigureDrawing(figure).draw(on: renderer)
        let bounds = Rect(x: 0, y: 0, width: 420, height: 280)
        let boxes = renderer.textBoxes.filter { $0.text.markup == long }
        #expect(boxes.count == 3)
        for box in boxes {
            #expect(bounds.contains(box.frame), "\(box.frame) leaves the figure")
        }
        // Two lines at most, across the text (the y label reads upwards): 12.5 pt labels and
        // the 14 pt title, 1.2 line heights each.
        #expect(boxes.map { min($0.frame.width, $0.frame.height) }.sorted() == [30, 30, 33.6])
    }
}
