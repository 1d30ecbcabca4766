import Foundation
import Testing
@testable import Charts

/// Every path starts at a hollow circle and ends at a filled one, however the paths lie.
@Suite struct TrajectoryEndsTests {
    /// A path that ends in a tight tangle of itself, as SGD does around a minimum, and a second
    /// path drawn later that runs over the first one's end.
    static func figure() -> Figure {
        let tangle = (0..<200).map { Point(2 + 0.05 * cos(Double($0)), 1 + 0.05 * sin(Double($0) * 1.3)) }
        let sgd = [Point(0, 0), Point(1, 0.5)] + tangle
        let batch = [Point(0, 0.2), Point(2, 1), Point(3, 1.5)]
        return Figure(size: Size(width: 400, height: 300), panels: [
            Axes(xLimits: -0.5...3.5, yLimits: -0.5...2, marks: [
                .trajectory(TrajectoryMark(points: sgd, label: "SGD", color: Palette.series(2))),
                .trajectory(TrajectoryMark(points: batch, label: "Batch", color: Palette.series(0))),
            ], legend: .none),
        ])
    }

    @Test func theEndIsFilledDarkerThanItsPathAndDrawnAfterEveryPath() throws {
        let renderer = RecordingRenderer()
        FigureDrawing(Self.figure()).draw(on: renderer)
        let operations = renderer.operations
        let green = Palette.series(2), blue = Palette.series(0)
        let fills = operations.compactMap { operation -> Color? in
            if case let .fillPolygon(_, color) = operation { return color } else { return nil }
        }
        // Per path, the start (outline in the path's colour, white fill) and then the end
        // (white outline, a fill darker than the path).
        #expect(Array(fills.suffix(8)) == [green, .white, .white, green.darkened(0.35), blue, .white, .white, blue.darkened(0.35)])
        // The first path's end is drawn after the second path, which runs over it.
        let greenEnd = try #require(operations.firstIndex { if case let .fillPolygon(_, color) = $0 { return color == green.darkened(0.35) } else { return false } })
        let lastBlueStroke = try #require(operations.lastIndex { if case let .stroke(_, color, _, _) = $0 { return color == blue } else { return false } })
        #expect(lastBlueStroke < greenEnd)
        #expect(green.darkened(0.35) != green)
    }

    @Test func darkeningMixesWithBlack() {
        let color = Color(hex: 0x009E73).darkened(0.35)
        #expect(Color(red: 0, green: 158.0 / 255 * 0.65, blue: 115.0 / 255 * 0.65) == color)
        #expect(Color.white.darkened(1) == .black)
        #expect(Color.white.darkened(-1) == .white)
    }
}
