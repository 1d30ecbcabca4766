import Testing
@testable import Charts

/// A label with a subscript looks the same at 1× and 2×: the 2× files are what high-density
/// screens show, and Pango under a 2× matrix once set `<sub>` full-size on the baseline.
@Suite struct SubscriptScaleTests {
    static let labels: [ChartText] = [
        ChartText(markup: "w<sub>1</sub>"),
        ChartText(markup: "E‖g<sub>B</sub> − g‖²"),
        ChartText(markup: "θ<sub>1</sub> and 10<sup>−3</sup>"),
    ]

    @Test(arguments: labels)
    func aSubscriptedLabelMeasuresTheSameInPointsAt1xAnd2x(label: ChartText) throws {
        let one = try CairoRenderer(size: Size(width: 200, height: 60), scale: 1).measure(label, style: .label)
        let two = try CairoRenderer(size: Size(width: 200, height: 60), scale: 2).measure(label, style: .label)
        // Within one device pixel at 2×.
        #expect(abs(two.width - one.width) <= 0.5, "\(one) at 1×, \(two) at 2×")
        #expect(abs(two.height - one.height) <= 0.5, "\(one) at 1×, \(two) at 2×")
    }

    @Test(arguments: [1.0, 2.0])
    func aSubscriptIsSmallerAndLowerThanTheTextItFollows(scale: Double) throws {
        let sub = try inkBox(ChartText(markup: "w<sub>1</sub>"), scale: scale)
        let plain = try inkBox(ChartText(plain: "w1"), scale: scale)
        // Narrower (a smaller 1), and reaching below the baseline where plain “w1” ends.
        #expect(sub.width < plain.width - 1.5, "w₁ \(sub), w1 \(plain)")
        #expect(sub.maxY >= plain.maxY + 1, "w₁ \(sub), w1 \(plain)")
    }

    @Test func aFigureWithSubscriptsIsLaidOutAlikeAt1xAnd2x() throws {
        let figure = Figure(size: Size(width: 420, height: 280), title: ChartText(markup: "E‖g<sub>B</sub> − g‖² by batch"), panels: [
            Axes(xLabel: ChartText(markup: "w<sub>1</sub>"), yLabel: ChartText(markup: "w<sub>2</sub>"), marks: [
                .line(LineMark(points: [Point(0, 0), Point(1, 1)], label: ChartText(markup: "θ<sub>t</sub>"), color: Palette.series(0))),
                .line(LineMark(points: [Point(0, 1), Point(1, 0)], label: "plain", color: Palette.series(1))),
            ]),
        ])
        func boxes(_ scale: Double) throws -> [RecordingRenderer.TextBox] {
            let measurer = try CairoRenderer(size: figure.size, scale: scale)
            let recording = RecordingRenderer(scale: scale)
            FigureDrawing(figure).scene(measuring: measurer, scale: scale).replay(on: recording)
            return recording.textBoxes
        }
        let one = try boxes(1), two = try boxes(2)
        #expect(one.map(\.text) == two.map(\.text))
        #expect(one.contains { $0.text.markup == "w<sub>1</sub>" } && one.contains { $0.text.markup == "θ<sub>t</sub>" })
        for (a, b) in zip(one, two) {
            #expect(abs(a.frame.x - b.frame.x) <= 0.5 && abs(a.frame.y - b.frame.y) <= 0.5, "\(a.text.markup): \(a.frame) at 1×, \(b.frame) at 2×")
        }
    }

    /// The inked box of `text` drawn alone, in points.
    private func inkBox(_ text: ChartText, scale: Double) throws -> (width: Double, maxY: Double) {
        let size = Size(width: 60, height: 30)
        let renderer = try CairoRenderer(size: size, scale: scale)
        renderer.draw(text, style: .label, at: Point(4, 4), vertical: false)
        let width = Int(size.width * scale)
        var columns: [Int] = [], rows: [Int] = []
        for (index, pixel) in renderer.pixels.enumerated() where pixel >> 24 > 0x40 {
            columns.append(index % width)
            rows.append(index / width)
        }
        guard let left = columns.min(), let right = columns.max(), let bottom = rows.max() else { return (0, 0) }
        return (Double(right - left + 1) / scale, Double(bottom + 1) / scale)
    }
}
