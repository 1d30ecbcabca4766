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
            if case let .stroke(points, color, _) = operation, color == Palette.series(0) || color == Palette.series(1), points.count > 2 {
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
