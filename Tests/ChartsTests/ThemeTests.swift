import Foundation
import Testing
@testable import Charts

/// Light and dark renderings of one figure: contrast as WCAG AA asks, and the dark scene
/// drawn in the dark theme's colours, whatever the figure holds.
@Suite struct ThemeTests {
    @Test func contrastRatiosFollowWCAG() {
        #expect(Color.black.contrast(with: .white) == 21)
        #expect(Color.white.contrast(with: .white) == 1)
        // #777777 on white is WCAG's classic 4.48:1.
        #expect(abs(Color(hex: 0x777777).contrast(with: .white) - 4.48) < 0.01)
    }

    @Test(arguments: [ChartTheme.light, .dark])
    func textAndAxesHaveAAContrastOnTheirBackground(theme: ChartTheme) {
        #expect(theme.ink.contrast(with: theme.background) >= 4.5)
        #expect(theme.color(.ink) == theme.ink)
    }

    @Test func everyDarkRunColourStandsOutFromTheDarkBackground() {
        let dark = ChartTheme.dark
        for (light, drawn) in zip(Palette.okabeIto, Palette.okabeItoDark) {
            #expect(dark.color(light) == drawn)
            #expect(drawn.contrast(with: dark.background) >= 3, "\(drawn) has \(drawn.contrast(with: dark.background)):1")
        }
        // Blue and black were too dark on it.
        #expect(Palette.okabeIto[0].contrast(with: dark.background) < 4)
        #expect(Palette.okabeIto[6].contrast(with: dark.background) < 3)
    }

    @Test func lightRunColoursWithGraphicsContrastOnWhiteComeFirst() {
        // Okabe–Ito's first four (in Descent's order) reach 3:1 on white; sky blue, orange and
        // yellow do not, which is why they come last and runs differ by dashes and markers too.
        let ratios = Palette.okabeIto.map { $0.contrast(with: .white) }
        #expect(ratios.prefix(4).allSatisfy { $0 >= 3 })
        #expect(ratios[4] < 3 && ratios[5] < 3 && ratios[7] < 3)
        #expect(ratios[6] == 21)
    }

    @Test func theLightThemeChangesNoColour() {
        for color in Palette.okabeIto + [.ink, .grid, .white, Color(hex: 0x123456, alpha: 0.3)] {
            #expect(ChartTheme.light.color(color) == color)
            #expect(ChartTheme.light.strokeColor(color) == color)
        }
    }

    @Test func darkThemeKeepsOpacityAndLightensDarkLines() {
        let dark = ChartTheme.dark
        #expect(dark.color(Palette.okabeIto[0].opacity(0.2)) == Palette.okabeItoDark[0].opacity(0.2))
        // Viridis's dark purple (a network's input layer) would vanish on the dark page.
        let purple = Colormap.viridis.color(at: 0)
        #expect(purple.contrast(with: dark.background) < 3)
        #expect(dark.strokeColor(purple).contrast(with: dark.background) >= 3)
        // White marks (a surface's minimum, a path's start) stay white.
        #expect(dark.color(.white) == .white)
    }

    @Test func aDarkSceneUsesOnlyTheDarkThemesColoursForItsFrame() {
        let axes = Axes(
            title: "Loss", xLabel: "Epoch", yLabel: "Loss",
            marks: [.line(LineMark(points: [Point(0, 1), Point(1, 0.5), Point(2, 0.2)], label: "GD", color: Palette.okabeIto[0]))])
        let figure = Figure(size: Size(width: 360, height: 300), panels: [axes])
        let scene = FigureDrawing(figure, theme: .dark).scene(measuring: RecordingRenderer(scale: 1), scale: 1)
        guard case let .fill(rect, background)? = scene.items.first else {
            Issue.record("the scene does not start with its background")
            return
        }
        #expect(rect == Rect(x: 0, y: 0, width: 360, height: 300))
        #expect(background == ChartTheme.dark.background)
        var texts = 0
        for item in scene.items {
            switch item {
            case let .text(_, style, _, _):
                texts += 1
                #expect(style.color == ChartTheme.dark.ink)
            case let .stroke(_, color, _, _):
                #expect(color != Palette.okabeIto[0] && color != .ink && color != .grid)
            default:
                break
            }
        }
        #expect(texts >= 4)
        #expect(scene.items.contains { if case let .stroke(_, color, _, _) = $0 { return color == Palette.okabeItoDark[0] } else { return false } })
    }

    @Test func onADarkFigureLineMarkersAreEdgedInTheBackgroundAndAPathsLegendEndInWhite() {
        let lines = (0..<2).map { run in
            Mark.line(LineMark(points: (0...40).map { Point(Double($0), Double(run + 1) * Double($0)) }, label: ChartText(plain: "run \(run)"),
                               color: Palette.series(run), markers: .forRun(run)))
        }
        let path = Mark.trajectory(TrajectoryMark(points: [Point(0, 0), Point(20, 40)], label: "GD", color: Palette.series(2), endShape: .triangle))
        let figure = Figure(size: Size(width: 640, height: 380), panels: [Axes(marks: lines + [path])])
        let scene = FigureDrawing(figure, theme: .dark).scene(measuring: RecordingRenderer(scale: 1), scale: 1)
        let polygons = scene.items.compactMap { item -> Color? in
            if case let .polygon(_, color) = item { return color } else { return nil }
        }
        // Every marker's edge is a polygon under it: the dark background (no white ring on a dark
        // page), at 0.8 opacity along the lines and in full in the legend.
        let edges = Set(polygons.filter { $0 != ChartTheme.dark.color(Palette.series(0)) && $0 != ChartTheme.dark.color(Palette.series(1)) })
        #expect(edges.contains(ChartTheme.dark.background.opacity(0.8)))
        #expect(edges.contains(ChartTheme.dark.background))
        #expect(!polygons.contains(Color.white.opacity(0.8)))
        // A path's end in the legend is edged in white, as on the contour, so that its dark fill
        // shows: the first of the two polygons just left of its label.
        let label = scene.items.compactMap { item -> Point? in
            if case let .text(text, _, origin, _) = item, text.markup == "GD" { return origin } else { return nil }
        }.first
        let end = scene.items.compactMap { item -> Color? in
            guard case let .polygon(points, color) = item, let label else { return nil }
            return points.allSatisfy { $0.x < label.x && $0.x > label.x - 12 && abs($0.y - label.y) < 16 } ? color : nil
        }
        #expect(end.count == 2)
        #expect(end.first == .white)
    }
}
