import Foundation
import Testing
import TestSupport
@testable import Charts

/// The layout pass as the one door for data: whatever the numbers, the scene is finite,
/// clipped and small, and nothing traps.
@Suite struct SceneTests {
    static let extremes: [Double] = [.nan, .infinity, -.infinity, 0, -1, 1e308, -1e308, 1e-308, 5e-324, -5e-324, 1, 2]

    static func scene(_ figure: Figure, scale: Double = 2) -> Scene {
        FigureDrawing(figure).scene(measuring: RecordingRenderer(scale: scale), scale: scale)
    }

    /// One mark of each kind over `values` (y against their index, and x against it too).
    static func everyMark(_ values: [Double]) -> [Mark] {
        let points = values.enumerated().map { Point(Double($0.offset), $0.element) }
        let swapped = points.map { Point($0.y, $0.x) }
        let side = max(2, Int((Double(values.count)).squareRoot().rounded(.up)))
        let gridValues = (0..<(side * side)).map { values.isEmpty ? 0 : values[$0 % values.count] }
        let axis = (0..<side).map(Double.init)
        let color = Palette.series(0)
        return [
            .line(LineMark(points: points, label: "line", color: color)),
            .line(LineMark(points: swapped, color: color, dash: [4, 2])),
            .point(PointMark(position: points.first ?? Point(.nan, .nan), shape: .cross, color: color)),
            .scatter(ScatterMark(points: points + swapped, label: "scatter", color: color)),
            .area(AreaMark(lower: points, upper: points.map { Point($0.x, $0.y * 2) }, label: "area", color: color)),
            .bar(BarMark(values: values, label: "bar", color: color)),
            .contour(ContourMark(grid: Grid(xValues: axis, yValues: axis, values: gridValues), levels: Contours.levels(for: values).levels, colorBarLabel: "loss")),
            .contour(ContourMark(grid: Grid(xValues: axis, yValues: axis, values: gridValues), levels: values, filled: false)),
            .trajectory(TrajectoryMark(points: swapped, label: "path", color: color, ending: .stopped, arrows: 1000)),
            .text(TextMark(position: points.last ?? Point(.infinity, 0), text: "note")),
        ]
    }

    static let valueSets: [[Double]] = [extremes, [], [1], [.nan], [0, 0, 0], [5e-324, 1e-308], [-1e308, 1e308], [.infinity, -.infinity]]

    @Test(arguments: [Scale.linear, .log], [Scale.linear, .log])
    func everyMarkKindTakesExtremeValues(xScale: Scale, yScale: Scale) {
        for values in Self.valueSets {
            for mark in Self.everyMark(values) {
                let figure = Figure(size: Size(width: 320, height: 240), panels: [Axes(xScale: xScale, yScale: yScale, marks: [mark])])
                expectSceneIsSound(Self.scene(figure))
            }
        }
    }

    static let fixedLimits: [ClosedRange<Double>] = [
        0...1e-18, 0...1e-300, -1e308...1e308, 5e-324...5e-324, 0...0, -Double.infinity...Double.infinity,
        -5...(-1), 1e300...Double.greatestFiniteMagnitude, -Double.greatestFiniteMagnitude...(-1e300),
    ]

    @Test(arguments: [Scale.linear, .log])
    func fixedLimitsOfAnyRangeGiveASoundScene(scale: Scale) {
        for limits in Self.fixedLimits {
            let axes = Axes(xScale: scale, yScale: scale, xLimits: limits, yLimits: limits, marks: Self.everyMark(Self.extremes))
            expectSceneIsSound(Self.scene(Figure(size: Size(width: 400, height: 300), panels: [axes])))
        }
    }

    @Test func aLossOfExactlyZeroBesideADivergedRunOnALogAxisDraws() {
        // The first crash of issue 13: a run reaching 0 beside one reaching 1e300.
        let converged = LineMark(points: [Point(0, 1), Point(1, 0.5), Point(2, 0)], label: "converged", color: Palette.series(0))
        let diverged = LineMark(points: [Point(0, 1), Point(1, 1e150), Point(2, 1e300), Point(3, .infinity)], label: "diverged", color: Palette.series(1))
        let figure = Figure(size: Size(width: 640, height: 380), panels: [Axes(yScale: .log, marks: [.line(converged), .line(diverged)])])
        let scene = Self.scene(figure)
        expectSceneIsSound(scene)
        #expect(scene.items.contains { if case let .text(text, _, _, _) = $0 { return text.markup == "diverged" } else { return false } })
    }

    @Test func aNarrowFixedRangeClipsFarPointsToThePlot() throws {
        // y_range [0, 1e-18] with losses near 1: every path ends at the plot's edge.
        let line = LineMark(points: [Point(0, 0), Point(1, 1e-18), Point(2, 1), Point(3, 1e-19)], color: .black)
        let scene = Self.scene(Figure(size: Size(width: 640, height: 380), panels: [Axes(yLimits: 0...1e-18, marks: [.line(line)])]))
        expectSceneIsSound(scene)
        let clips = scene.items.compactMap { item -> Rect? in if case let .clip(rect?) = item { return rect } else { return nil } }
        let clip = try #require(clips.first)
        let strokes = scene.items.compactMap { if case let .stroke(points, color, _, _) = $0, color == .black { return points } else { return nil } }
        #expect(strokes.count == 2)
        #expect(strokes.flatMap { $0 }.allSatisfy { $0.y >= clip.minY - 3 })
    }

    @Test func aRangeThatOverflowsGetsFiniteTicks() {
        let figure = Figure(size: Size(width: 640, height: 460), panels: [Axes(xLimits: -1e308...1e308, yLimits: -1e308...1e308, marks: [])])
        let scene = Self.scene(figure)
        expectSceneIsSound(scene)
        let texts = scene.items.compactMap { if case let .text(text, _, _, _) = $0 { return text.markup } else { return nil } }
        #expect(texts.count >= 4)
        #expect(!texts.contains { $0.contains("inf") || $0.contains("nan") })
    }

    @Test func nonsingularMakesEveryRangeFiniteAndWide() {
        #expect(AxisDomain.nonsingular(0, 1e-18, scale: .linear) == 0...1e-18)
        #expect(AxisDomain.nonsingular(0, 1e-300, scale: .linear) == -0.5...0.5)
        #expect(AxisDomain.nonsingular(-1e308, 1e308, scale: .linear) == -1e300...1e300)
        #expect(AxisDomain.nonsingular(.nan, .nan, scale: .linear) == 0...1)
        #expect(AxisDomain.nonsingular(5, 5, scale: .linear) == 4.5...5.5)
        #expect(AxisDomain.nonsingular(3, 1, scale: .linear) == 1...3)
        #expect(AxisDomain.nonsingular(-.infinity, .infinity, scale: .linear) == -1e300...1e300)
        #expect(AxisDomain.nonsingular(0, 100, scale: .log) == 10...100)
        #expect(AxisDomain.nonsingular(-5, -1, scale: .log) == 1...10)
        #expect(AxisDomain.nonsingular(1, .infinity, scale: .log) == 1...1e300)
        let tiny = AxisDomain.nonsingular(5e-324, 5e-324, scale: .log)
        #expect(tiny.lowerBound > 0 && tiny.upperBound / tiny.lowerBound > 9.9)
    }

    @Test func contourLevelsOfAnOverflowingSpanEndAndAreCapped() {
        // quadratic with a: 1e308, b: −1e308: the values span ±∞ and beyond ±1e308.
        let values: [Double] = [1e308, -1e308, .infinity, -.infinity, .nan, 0, 1.7e308]
        let (levels, _) = Contours.levels(for: values, targetCount: 12)
        #expect(levels.count >= 2 && levels.count <= Caps.contourLevels)
        #expect(levels.allSatisfy { $0.isFinite })
        #expect(zip(levels, levels.dropFirst()).allSatisfy { $0 < $1 })
    }

    @Test func aColourBarOfHugeLevelsHasFiniteLabels() {
        // rosenbrock with b: 1e308: levels up to 1e308 and beyond.
        let mark = ContourMark(grid: Grid(xValues: [0, 1], yValues: [0, 1], values: [0, 1e308, .infinity, 1]), levels: [0, 1, 1e300, 1e308, .infinity], colorBarLabel: "loss")
        let labels = ColorBarDrawing(mark: mark.drawable).labels
        #expect(labels.map(\.value) == [0, 1, 1e300, 1e308])
        expectSceneIsSound(Self.scene(Figure(size: Size(width: 400, height: 300), panels: [Axes(marks: [.contour(mark)])])))
    }

    @Test func cellsWithInfiniteOrMissingLossStayEmpty() throws {
        let values: [Double] = [.infinity, 2, 3, 4, 5, 6, 7, 8, .nan]
        let mark = ContourMark(grid: Grid(xValues: [0, 1, 2], yValues: [0, 1, 2], values: values), levels: Contours.levels(for: values).levels)
        let scene = Self.scene(Figure(size: Size(width: 300, height: 300), panels: [Axes(marks: [.contour(mark)])]), scale: 1)
        expectSceneIsSound(scene)
        let images = scene.items.compactMap { item -> RasterImage? in if case let .image(image, _) = item { return image } else { return nil } }
        let image = try #require(images.first)
        #expect(image.pixels.contains(0))
        #expect(image.pixels.contains { $0 != 0 })
    }

    @Test func liangBarskyClipsASegmentToTheRectangle() throws {
        let bounds = Rect(x: 0, y: 0, width: 100, height: 50)
        let (a, b) = try #require(Clipping.segment(Point(-100, 25), Point(200, 25), in: bounds))
        #expect(a == Point(0, 25) && b == Point(100, 25))
        #expect(Clipping.segment(Point(-10, -10), Point(-5, 60), in: bounds) == nil)
        let (c, d) = try #require(Clipping.segment(Point(-1.7e308, -1.7e308), Point(1.7e308, 1.7e308), in: bounds))
        #expect(c.x.isFinite && d.x.isFinite && bounds.insetBy(-1e-6).contains(c) && bounds.insetBy(-1e-6).contains(d))
    }

    @Test func aPolylineBreaksAtNonFinitePointsAndLeavesTheRectangleAtItsEdge() {
        let bounds = Rect(x: 0, y: 0, width: 10, height: 10)
        let runs = Clipping.polylines([Point(1, 1), Point(2, 2), Point(.nan, 3), Point(4, 4), Point(5, 5), Point(50, 5), Point(6, 6), Point(7, 7)], in: bounds)
        #expect(runs == [[Point(1, 1), Point(2, 2)], [Point(4, 4), Point(5, 5), Point(10, 5)], [Point(10, 5 + 40.0 / 44), Point(6, 6), Point(7, 7)]])
    }

    @Test func aPolygonIsClippedToTheRectangle() {
        let clipped = Clipping.polygon([Point(-10, -10), Point(20, -10), Point(20, 20), Point(-10, 20)], in: Rect(x: 0, y: 0, width: 10, height: 10))
        #expect(Set(clipped) == [Point(0, 0), Point(10, 0), Point(10, 10), Point(0, 10)])
    }

    @Test func aMillionPointPathIsDecimatedToItsPixelColumns() {
        let path = (0..<1_000_000).map { Point(Double($0) / 1_000_000 * 600, 100 + 50 * sin(Double($0) * 0.01)) }
        let kept = Decimation.decimated(path, scale: 2)
        #expect(kept.count <= 4 * 1201)
        #expect(kept.first == path.first && kept.last == path.last)
        // The extremes of every column survive: the band the line covers is unchanged.
        #expect(kept.map(\.y).min() == path.map(\.y).min())
        #expect(kept.map(\.y).max() == path.map(\.y).max())
    }

    @Test func aMillionStepLossCurveOnALogAxisMakesASmallScene() {
        let points = (0..<1_000_000).map { Point(Double($0), exp(-Double($0) / 200_000) * (1 + 0.3 * sin(Double($0)))) }
        let figure = Figure(size: Size(width: 640, height: 380), panels: [Axes(yScale: .log, marks: [.line(LineMark(points: points, label: "run", color: .black))])])
        let scene = Self.scene(figure)
        expectSceneIsSound(scene, maximumPathPoints: 4 * 2 * 640)
    }

    @Test func countsAreCapped() {
        let lines = (0..<40).map { Mark.line(LineMark(points: [Point(0, Double($0)), Point(1, Double($0))], label: ChartText(plain: "run \($0)"), color: Palette.series($0))) }
        let path = (0..<5000).map { Point(cos(Double($0) * 0.01) * Double($0), sin(Double($0) * 0.01) * Double($0)) }
        let axes = Axes(marks: lines + [.trajectory(TrajectoryMark(points: path, color: .black, arrows: 100_000))], legend: .outside)
        let scene = Self.scene(Figure(size: Size(width: 900, height: 900), panels: [axes]))
        expectSceneIsSound(scene)
        let texts = scene.items.compactMap { if case let .text(text, _, _, _) = $0 { return text.markup } else { return nil } }
        #expect(texts.filter { $0.hasPrefix("run ") }.count == Caps.legendEntries - 1)
        #expect(texts.contains("… and 25 more"))
        let arrows = scene.items.filter { if case let .polygon(points, .black) = $0 { return points.count == 3 } else { return false } }
        #expect(arrows.count <= Caps.arrows)
        #expect(arrows.count > 4)
    }

    @Test func helpersNeverTrap() {
        #expect(Int(clamping: .nan, to: 0...10) == 0)
        #expect(Int(clamping: .infinity, to: 0...10) == 10)
        #expect(Int(clamping: -1e300, to: -5...10) == -5)
        #expect(Int(clamping: 3.9, to: 0...10) == 3)
        #expect(Ticks.logLabel(0) == "0")
        #expect(Ticks.logLabel(.infinity) == "∞")
        #expect(Ticks.format(-.infinity, step: 1e308) == "−∞")
        #expect(Ticks.format(.nan, step: .nan) == "NaN")
        #expect(MarkDrawing.sampled([Point(0, 0), Point(1e300, .infinity)]).count <= 202)
        #expect(finiteRange(.nan, 1) == nil && finiteRange(2, 1) == nil && finiteRange(1, 2) == 1...2)
    }
}

extension SceneTests {
    @Test func aScribbleThatNoColumnCompressesIsCappedInPoints() {
        // Every point in a new pixel column: decimation keeps all, the cap keeps 20,000.
        let points = (0..<100_000).map { Point($0 % 2 == 0 ? 0.1 : 0.9, Double($0) / 100_000) }
        let scene = Self.scene(Figure(size: Size(width: 640, height: 380), panels: [Axes(xLimits: 0...1, yLimits: 0...1, marks: [.line(LineMark(points: points, color: .black))])]))
        expectSceneIsSound(scene)
        let strokes = scene.items.compactMap { if case let .stroke(points, .black, _, _) = $0 { return points.count } else { return nil } }
        #expect(strokes == [Caps.pathPoints])
    }

    @Test func finiteRunsSplitAtEveryNonFinitePoint() {
        let points = [Point(0, 0), Point(1, 1), Point(.nan, 0), Point(2, 2), Point(0, .infinity), Point(3, 3), Point(4, 4)]
        #expect(Clipping.finiteRuns(points).map(Array.init) == [[Point(0, 0), Point(1, 1)], [Point(3, 3), Point(4, 4)]])
    }
}
