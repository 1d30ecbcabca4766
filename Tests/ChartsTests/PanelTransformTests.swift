import Foundation
import Testing
@testable import Charts

/// The exported transform puts a path's points where the renderer draws them, so that a
/// browser can draw a path over the PNG.
@Suite struct PanelTransformTests {
    /// A contour-like panel with a colour bar and a legend beside it, so that the plot is
    /// neither at the cell's edges nor square; the path bends at four points.
    static let path = [Point(-2, 1.5), Point(-1, -0.5), Point(0.5, 0.8), Point(1.7, -1.2)]

    static func figure() -> Figure {
        let axis = (0..<20).map { -3 + 6 * Double($0) / 19 }
        let values = axis.flatMap { y in axis.map { x in x * x + 2 * y * y } }
        let grid = Grid(xValues: axis, yValues: axis, values: values)
        return Figure(size: Size(width: 640, height: 460), panels: [
            Axes(xLabel: "x", yLabel: "y", xLimits: -3...3, yLimits: -3...3, equalAspect: true, marks: [
                .contour(ContourMark(grid: grid, levels: Contours.levels(for: values).levels, colorBarLabel: "loss")),
                .trajectory(TrajectoryMark(points: path, label: "momentum", color: Palette.series(1))),
            ], grid: false),
        ])
    }

    @Test func aPathsMappedPointsMatchTheDrawnStrokeWithinHalfAPixel() throws {
        for scale in [1.0, 2.0] {
            let renderer = RecordingRenderer(scale: scale)
            let drawing = FigureDrawing(Self.figure())
            drawing.draw(on: renderer)
            let transform = try #require(drawing.panelTransforms(measuring: renderer, scale: scale).first)
            // The stroke in the path's colour, drawn in points; Cairo scales points by `scale`
            // (cairo_scale), so its device pixels are the points times the scale.
            let stroke = try #require(renderer.operations.compactMap { operation -> [Point]? in
                guard case let .stroke(points, color, _, _) = operation, color == Palette.series(1), points.count == Self.path.count else { return nil }
                return points
            }.first)
            for (data, drawn) in zip(Self.path, stroke) {
                let mapped = transform.device(data, scale: scale)
                #expect(abs(mapped.x - drawn.x * scale) <= 0.5)
                #expect(abs(mapped.y - drawn.y * scale) <= 0.5)
            }
            // The limits' corners are the plot's: (−3, −3) bottom left, (3, 3) top right.
            let corners = [transform.device(Point(-3, -3), scale: scale), transform.device(Point(3, 3), scale: scale)]
            let plot = [Point(transform.plot.minX * scale, transform.plot.maxY * scale), Point(transform.plot.maxX * scale, transform.plot.minY * scale)]
            for (corner, expected) in zip(corners, plot) {
                #expect(abs(corner.x - expected.x) < 1e-9 && abs(corner.y - expected.y) < 1e-9)
            }
        }
    }

    @Test func theCairoLayoutsTransformKeepsTheEqualAspectAndIsTheSameOnEveryCall() throws {
        let first = try #require(try Self.figure().panelTransforms(scale: 2).first)
        #expect(try Self.figure().panelTransforms(scale: 2).first == first)
        // Equal aspect: a unit along x is as many points as along y.
        #expect(abs(first.plot.width / 6 - first.plot.height / 6) < 1e-9)
        #expect(first.plot.minX > 0 && first.plot.maxX < 640 && first.plot.minY > 0 && first.plot.maxY < 460)
    }
}

/// A plot that equal units shrink gets its ticks chosen again for its new size, so that a tall
/// region's x labels (−12.5, −10.0, …) do not run into each other.
@Suite struct EqualAspectTicksTests {
    @Test func xLabelsStandApartOnAPlotThatEqualUnitsNarrowed() throws {
        let axis = (0..<20).map { Double($0) / 19 }
        let grid = Grid(xValues: axis.map { -12.5 + 17.5 * $0 }, yValues: axis.map { -8 + 26.5 * $0 }, values: axis.flatMap { y in axis.map { x in x + y } })
        let figure = Figure(size: Size(width: 640, height: 460), panels: [
            Axes(xLabel: "x", yLabel: "y", xLimits: -12.5...5, yLimits: -8...18.5, equalAspect: true, marks: [
                .contour(ContourMark(grid: grid, levels: Contours.levels(for: grid.values).levels, colorBarLabel: "loss")),
            ], grid: false),
        ])
        let renderer = RecordingRenderer(scale: 1)
        let drawing = FigureDrawing(figure)
        drawing.draw(on: renderer)
        let plot = try #require(drawing.panelTransforms(measuring: renderer, scale: 1).first).plot
        #expect(plot.width < plot.height)  // narrowed by equal units
        // The x tick labels: the boxes just under the plot, left to right.
        let labels = renderer.textBoxes.filter { $0.frame.minY > plot.maxY && $0.frame.minY < plot.maxY + 20 }.map(\.frame).sorted { $0.minX < $1.minX }
        #expect(labels.count >= 3)
        for (left, right) in zip(labels, labels.dropFirst()) {
            #expect(left.maxX + 8 <= right.minX + 1e-9)
        }
    }
}
