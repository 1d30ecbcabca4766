import Charts
import Foundation
import Lessons
import Site
import Training

/// The data a figure's player draws from, as a script beside the page
/// (`data/<lesson>/<figure id>.figure.js`), for every contour figure and every `explore`
/// figure: loaded with `<script src>`, never fetched, so it works from `file://`. It sets
/// `window.descentFigures["<figure id>"]` to the sliders' keys and values (none for a plain
/// contour), each run's combination, final loss, stop, colours in the light and dark
/// renderings, end marker and recorded points (`[step, x, y, loss]` along a contour's path, else
/// `[epoch, loss]`, to seven significant digits), and the transform each PNG layout was drawn through, in pixels of the 1×
/// PNG (CSS pixels; the 2× PNG's are twice these). Other numbers are written as in the JSON
/// download; the bytes are the same on every build.
enum FigureScript {
    static func path(figure: String, lesson: String) -> String {
        "data/\(lesson)/\(FileNames.component(figure)).figure.js"
    }

    /// The script of `figure` (of `result`'s experiment); nil for a figure without a player.
    /// Each run carries its CSV download (`"csv": {"title": …, "href": …}`, the href relative to
    /// the page, URL-encoded as the page's links are) so that the link under an explore figure
    /// follows the selection.
    /// `placements` are the figure's layouts as `placements(of:charts:)` gives them (a build
    /// keeps them in its cache with the figure's PNGs); nil lays the figure out again.
    static func script(
        _ figure: FigureSpec, result: ExperimentResult, lesson: String = "lesson", strings: InterfaceStrings = .english,
        placements: [FigureLayout: Placement]? = nil
    ) throws -> String? {
        guard FigureBuilder.hasPlayer(figure) else { return nil }
        let spec = result.spec
        let number = ResultsFiles.number, string = JSONText.string
        let explore = figure.explore
        let axes = explore?.axes ?? []
        var fields: [String] = []
        fields.append("\"view\": \(string(explore?.view.rawValue ?? FigureSpec.Explore.View.contour.rawValue))")
        fields.append("\"keys\": [\(axes.map { string($0.key) }.joined(separator: ", "))]")
        fields.append("\"values\": [\(axes.map { "[\($0.values.map { string(Sweep.name(of: $0)) }.joined(separator: ", "))]" }.joined(separator: ", "))]")
        fields.append("\"selected\": [\((explore?.selection ?? []).map { string(Sweep.name(of: $0.value)) }.joined(separator: ", "))]")
        let placements = try placements ?? self.placements(of: Dictionary(uniqueKeysWithValues: FigureLayout.allCases.compactMap { layout in
            FigureBuilder.chart(for: figure, result: result, layout: layout, strings: strings).map { (layout, $0) }
        }))
        let layouts = FigureLayout.allCases.compactMap { layout in
            placements[layout].map { "\(string(layout.rawValue)): \(self.transform($0.transform, size: $0.size))" }
        }
        fields.append("\"transforms\": {\(layouts.joined(separator: ", "))}")
        var parameterIndices: [Int] = []
        if case let .contour(parameters, _, _) = figure.kind {
            parameterIndices = parameters.compactMap { spec.parameterNames.firstIndex(of: $0) }
        }
        let downloads = ResultsFiles.downloads(for: spec, lesson: lesson, strings: strings).runs
        var runs: [String] = []
        for (place, (run, log)) in zip(spec.runs, result.logs).enumerated() where explore != nil || figure.draws(run.label) {
            let index = FigureBuilder.styleIndex(place, of: spec.runs, in: figure)
            let at = run.coordinates.map { string(Sweep.name(of: $0.value)) }.joined(separator: ", ")
            let stop = log.divergedAtStep.map { ", \"diverged_at_step\": \($0)" } ?? log.unboundedAtStep.map { ", \"unbounded_at_step\": \($0)" } ?? ""
            let color = FigureBuilder.color(of: run, index: index)
            let colors = "\"color\": \(string(hex(ChartTheme.light.strokeColor(color)))), \"color_dark\": \(string(hex(ChartTheme.dark.strokeColor(color))))"
            let csv = downloads.indices.contains(place)
                ? ", \"csv\": {\"title\": \(string(downloads[place].title)), \"href\": \(string(HTML.url(downloads[place].path)))}" : ""
            var points = "\"end_shape\": \(string(MarkerShape.forRun(index).rawValue)), "
            if parameterIndices.count == 2 {
                // A plain contour draws only the runs whose path was recorded, as its PNG does.
                guard let xs = log.trace.values(ofParameter: parameterIndices[0]), let ys = log.trace.values(ofParameter: parameterIndices[1]) else { continue }
                let trace = log.trace
                points += "\"path\": [" + (0..<trace.count).map { "[\(trace.steps[$0]), \(point(xs[$0])), \(point(ys[$0])), \(point(trace.losses[$0]))]" }.joined(separator: ", ") + "]"
            } else {
                points += "\"loss\": [" + log.epochs.map { "[\($0.epoch), \(point($0.loss))]" }.joined(separator: ", ") + "]"
            }
            runs.append("    {\"label\": \(string(run.label)), \"at\": [\(at)], \"final_loss\": \(number(log.finalLoss ?? .nan))\(stop), \(colors)\(csv), \(points)}")
        }
        fields.append("\"runs\": [\n" + runs.joined(separator: ",\n") + "\n  ]")
        return "// Descent: the data of figure \(figure.id), generated by `descent build`.\n"
            + "(window.descentFigures = window.descentFigures || {})[\(string(figure.id))] = {\n  "
            + fields.joined(separator: ",\n  ") + "\n};\n"
    }

    /// Where a layout's first panel was drawn: the transform of its 1× light PNG, and the
    /// PNG's size in points.
    struct Placement: Codable, Equatable, Sendable {
        var transform: PanelTransform
        var size: Size
    }

    /// Each layout's placement, its text measured by Cairo and Pango at 1× as the PNG is drawn:
    /// the costly part of a script, so a build takes it from its cache when the figure is reused.
    static func placements(of charts: [FigureLayout: Figure]) throws -> [FigureLayout: Placement] {
        var placements: [FigureLayout: Placement] = [:]
        for (layout, chart) in charts {
            guard let transform = try chart.panelTransforms(scale: 1).first else { continue }
            placements[layout] = Placement(transform: transform, size: chart.size)
        }
        return placements
    }

    /// A recorded point's coordinate or loss to seven significant digits: a millionth of an
    /// axis is far below a pixel, and the script is half the size it would be with every
    /// digit (the final loss, which the page shows, keeps them all).
    /// (C's `%.7g`, through `vsnprintf` rather than Foundation's `String(format:)`, which costs
    /// ten times as much: a contour's script has tens of thousands of these.)
    static func point(_ value: Double) -> String {
        guard value.isFinite else { return "null" }
        return withUnsafeTemporaryAllocation(of: CChar.self, capacity: 32) { buffer in
            guard let base = buffer.baseAddress else { return "null" }
            _ = withVaList([value]) { vsnprintf(base, buffer.count, "%.7g", $0) }
            return String(cString: base)
        }
    }

    /// `{"size": [width, height], "plot": [x, y, width, height], "x": {"scale": …, "limits":
    /// [low, high]}, "y": …}`, `size` being the whole 1× PNG's.
    static func transform(_ transform: PanelTransform, size: Size) -> String {
        let number = ResultsFiles.number, string = JSONText.string
        func axis(_ scale: Scale, _ limits: ClosedRange<Double>) -> String {
            "{\"scale\": \(string(scale == .log ? "log" : "linear")), \"limits\": [\(number(limits.lowerBound)), \(number(limits.upperBound))]}"
        }
        let plot = transform.plot
        return "{\"size\": [\(number(size.width.rounded())), \(number(size.height.rounded()))], "
            + "\"plot\": [\([plot.x, plot.y, plot.width, plot.height].map(number).joined(separator: ", "))], \"x\": \(axis(transform.xScale, transform.xLimits)), \"y\": \(axis(transform.yScale, transform.yLimits))}"
    }

    /// `#rrggbb`, each channel rounded to 8 bits as Cairo draws it (the opacity left out).
    static func hex(_ color: Color) -> String {
        let channels = [color.red, color.green, color.blue].map { Int(clamping: ($0 * 255).rounded(), to: 0...255) }
        return String(format: "#%02x%02x%02x", channels[0], channels[1], channels[2])
    }
}
