import Charts
import Lessons

/// How a figure is laid out: for the text column of a desktop page, or for a phone.
enum FigureLayout: String, CaseIterable, Sendable {
    case wide
    case narrow

    /// The narrow layout's width in points (CSS pixels at 1×): a 390-px phone's column, so
    /// that its text shows at the same CSS size as a wide figure's on a desktop.
    static let narrowWidth = 360.0
    /// The height of one stacked panel of a narrow multi-panel figure.
    static let narrowPanelHeight = 250.0
    /// A single narrow plot's usual height: shorter than wide, but not so flat that the
    /// legend has no room.
    static let narrowHeight = 300.0
}

/// One rendering of a figure: a layout in a theme, drawn at the scales it needs, whole or as
/// the background a page draws the figure's runs over. File names add `.bg`, `.narrow` and
/// `.dark` to the figure's name (`loss.narrow.dark@2x.png`, `paths.bg.dark.png`); a figure's
/// name never has a dot before a letter, so no figure's file can be another's variant.
struct FigureVariant: Hashable, Sendable {
    var layout: FigureLayout
    var theme: ChartTheme
    /// The figure without the marks a page draws over it (`FigureBuilder.background`).
    var background = false

    static let all: [FigureVariant] = [
        FigureVariant(layout: .wide, theme: .light), FigureVariant(layout: .wide, theme: .dark),
        FigureVariant(layout: .narrow, theme: .light), FigureVariant(layout: .narrow, theme: .dark),
    ]

    /// The renderings of a figure with a player: `all` and their backgrounds.
    static let withBackgrounds: [FigureVariant] = all + all.map { FigureVariant(layout: $0.layout, theme: $0.theme, background: true) }

    /// The pixels per point it is drawn at. Phones have screens of 2× and more, so the narrow
    /// layout is drawn at 2× only (a narrow window on a 1× screen scales it down); all four
    /// variants at 1× and 2× would make the figures 3.5 times as large as the wide light ones
    /// alone (measured on the course: 34.8 MB against 9.9 MB), narrow at 2× only 3.1 times.
    var scales: [Int] { layout == .narrow ? [2] : [1, 2] }

    var name: String { layout.rawValue + "-" + theme.name + (background ? "-bg" : "") }

    var suffix: String { (background ? ".bg" : "") + (layout == .narrow ? ".narrow" : "") + (theme == .dark ? ".dark" : "") }

    /// The file of this variant at `scale`, from the figure's path without extension.
    func path(base: String, scale: Int) -> String {
        base + suffix + (scale == 1 ? "" : "@\(scale)x") + ".png"
    }
}

extension FigureBuilder {
    /// Whether a page draws over `figure` (a contour's paths played back, an `explore`
    /// figure's selected run), so that it has a data script and background renderings.
    static func hasPlayer(_ figure: FigureSpec) -> Bool {
        if figure.explore != nil { return true }
        if case .contour = figure.kind { return true }
        return false
    }

    /// `chart` (of `figure`) without the runs' marks, laid out exactly as `chart`: the
    /// background a page draws them over. A plain contour keeps its legend, which names the
    /// paths the page draws; an `explore` figure's shows one run at a time, named beside its
    /// sliders, so its legend is left out (its room is kept).
    static func background(of chart: Figure, for figure: FigureSpec) -> Figure {
        var chart = chart
        chart.layers = .underOverlay(legends: figure.explore == nil)
        return chart
    }

    /// `chart` laid out for a phone: `FigureLayout.narrowWidth` wide (or its own width when
    /// narrower), with text at the same point size, panels stacked in one column; a contour
    /// stays near-square, a single plot gets `FigureLayout.narrowHeight` (less when the figure
    /// asked for less), and a figure whose own shape is taller than that keeps it.
    static func narrowed(_ chart: Figure, contour: Bool) -> Figure {
        var chart = chart
        let size = chart.size
        let width = min(FigureLayout.narrowWidth, size.width)
        let scaledHeight = size.height * width / size.width
        let height: Double
        if chart.panels.count > 1 {
            chart.columns = 1
            let title = chart.title == nil ? 0.0 : 36
            height = Double(chart.panels.count) * FigureLayout.narrowPanelHeight + title
        } else if contour {
            height = max(scaledHeight, width * 0.95)
        } else {
            // Room for a legend of one column below the plot, which takes at most half the height.
            let rows = Double(chart.panels.first?.marks.filter(\.isInLegend).count ?? 0)
            let legend = 2 * (12 + 17 * rows) + 20
            height = max(scaledHeight, min(size.height, FigureLayout.narrowHeight), legend)
        }
        chart.size = Size(width: width, height: height.rounded())
        return chart
    }
}
