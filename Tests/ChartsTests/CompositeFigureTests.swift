import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import TestSupport
@testable import Charts

/// Figures of every mark kind, built from data computed here, checked for layout and output.
enum SampleFigures {
    static func rosenbrock(_ x: Double, _ y: Double) -> Double { (1 - x) * (1 - x) + 100 * (y - x * x) * (y - x * x) }

    /// Gradient descent with momentum on Rosenbrock from (−1.5, 2): a real path, not a drawing.
    static func path(learningRate: Double, momentum: Double, steps: Int) -> [Point] {
        var (x, y, vx, vy) = (-1.5, 2.0, 0.0, 0.0)
        var points = [Point(x, y)]
        for _ in 0..<steps {
            let gx = -2 * (1 - x) - 400 * x * (y - x * x), gy = 200 * (y - x * x)
            vx = momentum * vx + gx
            vy = momentum * vy + gy
            x -= learningRate * vx
            y -= learningRate * vy
            points.append(Point(x, y))
        }
        return points
    }

    static var contour: Figure {
        let xs = (0..<120).map { -2 + 4 * Double($0) / 119 }
        let ys = (0..<100).map { -1 + 4 * Double($0) / 99 }
        let values = ys.flatMap { y in xs.map { x in rosenbrock(x, y) } }
        let levels = Contours.levels(for: values, targetCount: 12).levels
        let grid = Grid(xValues: xs, yValues: ys, values: values)
        return Figure(size: Size(width: 640, height: 420), panels: [
            Axes(
                xLabel: ChartText(markup: "<i>x</i>"), yLabel: ChartText(markup: "<i>y</i>"),
                xLimits: -2...2, yLimits: -1...3,
                marks: [
                    .contour(ContourMark(grid: grid, levels: levels, colorBarLabel: "Loss")),
                    .trajectory(TrajectoryMark(points: path(learningRate: 0.0005, momentum: 0, steps: 3000), label: "GD, η = 5×10⁻⁴", color: Palette.series(0))),
                    .trajectory(TrajectoryMark(points: path(learningRate: 0.0005, momentum: 0.9, steps: 3000), label: "Momentum 0.9", color: Palette.series(1))),
                    .point(PointMark(position: Point(1, 1), shape: .star, color: .white, size: 13)),
                    .text(TextMark(position: Point(1, 1), text: "minimum (1, 1)")),
                ]),
        ])
    }

    static var batchSizes: Figure {
        let sizes = [1, 8, 32, 128, 1000]
        let epochs = (0...20).map(Double.init)
        let curves = sizes.enumerated().map { index, size in
            LineMark(points: epochs.map { Point($0, 0.7 * exp(-$0 * 3 / Double(index + 1)) + 0.05) }, label: ChartText(plain: "B = \(size)"), color: Palette.series(index))
        }
        let updates = sizes.enumerated().map { index, size in
            LineMark(points: epochs.map { Point(max(1, $0 * 1000 / Double(size)), 0.7 * exp(-$0 * 3 / Double(index + 1)) + 0.05) }, color: Palette.series(index))
        }
        let categories = sizes.enumerated().map { Tick(value: Double($0.offset), label: ChartText(plain: "\($0.element)")) }
        let seconds = sizes.map { 0.002 + 0.3 / Double($0) }
        return Figure(size: Size(width: 720, height: 520), title: "Batch size", panels: [
            Axes(title: "Loss per epoch", xLabel: "Epoch", yLabel: "Loss", yScale: .log, marks: curves.map(Mark.line)),
            Axes(title: "Loss per update", xLabel: "Updates", yLabel: "Loss", xScale: .log, yScale: .log, marks: updates.map(Mark.line), legend: .none),
            Axes(title: "Time per epoch", xLabel: "Batch size", yLabel: "Seconds", xTicks: categories,
                 marks: [.bar(BarMark(values: seconds, color: Palette.series(0)))], legend: .none, grid: true),
            Axes(title: "Final loss", xLabel: "Batch size", yLabel: "Loss", xScale: .log,
                 marks: [.line(LineMark(points: sizes.map { Point(Double($0), 0.05 + 0.01 * log(Double($0))) }, color: Palette.series(0))),
                         .scatter(ScatterMark(points: sizes.map { Point(Double($0), 0.05 + 0.01 * log(Double($0))) }, color: Palette.series(0)))],
                 legend: .none),
        ], columns: 2)
    }

    static var scatter: Figure {
        let classes = (0..<3).map { label -> Mark in
            let points = (0..<40).map { index -> Point in
                let angle = Double(index) * 0.4 + Double(label) * 2.1
                let radius = 0.2 + Double(index) / 40
                return Point(radius * cos(angle), radius * sin(angle))
            }
            return .scatter(ScatterMark(points: points, label: ChartText(plain: "class \(label)"), shape: .forClass(label), color: Palette.series(label)))
        }
        let band = Mark.area(AreaMark(lower: (0...10).map { Point(-1 + 0.2 * Double($0), -1.2) }, upper: (0...10).map { Point(-1 + 0.2 * Double($0), -1) }, label: "band", color: Palette.series(4).opacity(0.3)))
        return Figure(size: Size(width: 480, height: 400), panels: [Axes(xLabel: "x₁", yLabel: "x₂", marks: classes + [band], legend: .outside)])
    }

    static let all: [(String, Figure)] = [("contour", contour), ("batch-sizes", batchSizes), ("scatter", scatter)]
}

@Suite struct CompositeFigureTests {
    @Test(arguments: SampleFigures.all.map(\.0))
    func textStaysInsideAndNothingOverlaps(name: String) throws {
        let figure = try #require(SampleFigures.all.first { $0.0 == name }?.1)
        let renderer = RecordingRenderer()
        FigureDrawing(figure).draw(on: renderer)
        expectTextFits(renderer, in: figure.size, atLeast: 6)
    }

    @Test(arguments: SampleFigures.all.map(\.0))
    func pngsHaveTheirSizeAndRepeatExactly(name: String) throws {
        let figure = try #require(SampleFigures.all.first { $0.0 == name }?.1)
        let once = try figure.png(scale: 2)
        #expect(PNGHeader(once) == PNGHeader(width: Int(figure.size.width * 2), height: Int(figure.size.height * 2)))
        #expect(try figure.png(scale: 2) == once)
        if let folder = ProcessInfo.processInfo.environment["DESCENT_GALLERY"] {
            try Data(once).write(to: URL(fileURLWithPath: folder).appendingPathComponent("\(name).png"))
            try Data(try figure.svg()).write(to: URL(fileURLWithPath: folder).appendingPathComponent("\(name).svg"))
        }
    }

    @Test func theFilledContourIsOneImageAtDeviceResolution() throws {
        for scale in [1.0, 2.0] {
            let renderer = RecordingRenderer(scale: scale)
            FigureDrawing(SampleFigures.contour).draw(on: renderer)
            let images = renderer.operations.compactMap { operation -> (Rect, Int, Int)? in
                if case let .image(rect, width, height) = operation { return (rect, width, height) }
                return nil
            }
            #expect(images.count == 1)
            let (rect, width, height) = try #require(images.first)
            #expect(Double(width) == (rect.width * scale).rounded())
            #expect(Double(height) == (rect.height * scale).rounded())
        }
    }

    @Test func theColorBarLabelsItsLevels() {
        let renderer = RecordingRenderer()
        FigureDrawing(SampleFigures.contour).draw(on: renderer)
        let labels = Set(renderer.textBoxes.map(\.text.markup))
        #expect(labels.contains("Loss"))
        #expect(labels.contains("10³"))
        #expect(labels.contains("minimum (1, 1)"))
    }

    @Test func categoryTicksLabelTheBars() {
        let renderer = RecordingRenderer()
        FigureDrawing(SampleFigures.batchSizes).draw(on: renderer)
        let labels = renderer.textBoxes.map(\.text.markup)
        for size in ["1", "8", "32", "128", "1000"] { #expect(labels.contains(size)) }
        let bars = renderer.operations.filter { if case let .fillRect(_, color) = $0 { return color == Palette.series(0) } else { return false } }
        #expect(bars.count == 5)
    }

    @Test func anOutsideLegendSitsRightOfThePlot() throws {
        let renderer = RecordingRenderer()
        FigureDrawing(SampleFigures.scatter).draw(on: renderer)
        let legends = renderer.operations.compactMap { operation -> Rect? in
            if case let .fillRect(rect, color) = operation, color == Color.white.opacity(0.9) { return rect }
            return nil
        }
        let clips = renderer.operations.compactMap { operation -> Rect? in
            if case let .clip(rect) = operation { return rect }
            return nil
        }
        let legend = try #require(legends.first)
        let clip = try #require(clips.first)
        #expect(legend.minX > clip.maxX)
        #expect(legend.maxX <= 480)
    }

    @Test func svgIsWellFormedAndRepeatsExactly() throws {
        let svg = try SampleFigures.contour.svg()
        #expect(try SampleFigures.contour.svg() == svg)
        let document = try XMLDocument(data: Data(svg))
        let root = try #require(document.rootElement())
        let attributes = Dictionary(uniqueKeysWithValues: (root.attributes ?? []).map { ($0.name ?? "", $0.stringValue ?? "") })
        #expect(root.name == "svg")
        #expect(attributes["width"] == "640pt")
        #expect(attributes["height"] == "420pt")
        // The filled bands are one embedded image.
        #expect(String(decoding: svg, as: UTF8.self).components(separatedBy: "<image").count - 1 == 1)
    }

    @Test func processWideIDsAreRenumberedInOrder() {
        let svg = ##"<g id="surface93"/><use xlink:href="#surface12"/><image id="image7"/><g id="surface12"/><use xlink:href="#image7"/><p d="image5 surface3"/>"##
        #expect(CairoRenderer.renumberingIDs(svg) == ##"<g id="surface1"/><use xlink:href="#surface2"/><image id="image1"/><g id="surface2"/><use xlink:href="#image1"/><p d="image5 surface3"/>"##)
    }
}
