import Charts
import Foundation
import Lessons
import Training

/// Turns an experiment's results into chart values and describes them in words.
enum FigureBuilder {
    /// The size of every course figure, in points (and pixels at 1×).
    static let figureSize = Size(width: 640, height: 380)

    static func chart(for figure: FigureSpec, result: ExperimentResult) -> Figure {
        switch figure.kind {
        case let .loss(xAxis, yScale):
            return lossChart(result: result, xAxis: xAxis, yScale: yScale)
        }
    }

    static func lossChart(result: ExperimentResult, xAxis: FigureSpec.LossAxis, yScale: FigureSpec.ValueScale) -> Figure {
        var marks: [Mark] = []
        var markers: [Mark] = []
        for (index, (run, log)) in zip(result.spec.runs, result.logs).enumerated() {
            let color = Palette.series(index)
            let points: [Point]
            switch xAxis {
            case .epoch: points = log.epochs.map { Point(Double($0.epoch), $0.loss) }
            case .step: points = zip(log.trace.steps, log.trace.losses).map { Point(Double($0), $1) }
            }
            marks.append(.line(LineMark(points: points, label: ChartText(plain: run.label), color: color)))
            if log.divergedAtStep != nil, let last = lastDrawable(points, yScale: yScale) {
                markers.append(.point(PointMark(position: last, shape: .cross, color: color, size: 9)))
            }
        }
        let axes = Axes(
            xLabel: ChartText(plain: xAxis == .epoch ? "Epoch" : "Step"),
            yLabel: ChartText(plain: yScale == .log ? "Loss (log scale)" : "Loss"),
            xScale: .linear, yScale: yScale == .log ? .log : .linear,
            marks: marks + markers)
        return Figure(size: figureSize, panels: [axes])
    }

    /// A sentence or two describing what the figure shows, for its alt text.
    static func description(of figure: FigureSpec, result: ExperimentResult) -> String {
        switch figure.kind {
        case let .loss(xAxis, _):
            let runs = result.logs.count
            let length = result.logs.map { xAxis == .epoch ? ($0.epochs.last?.epoch ?? 0) : $0.updates }.max() ?? 0
            let unit = xAxis == .epoch ? "epoch" : "step"
            var text = "Loss of \(runs) run\(runs == 1 ? "" : "s") over \(length) \(unit)\(length == 1 ? "" : "s")"
            let finished = zip(result.spec.runs, result.logs).filter { $0.1.stop == nil }
            if let best = finished.min(by: { ($0.1.finalLoss ?? .infinity) < ($1.1.finalLoss ?? .infinity) }),
               let loss = best.1.finalLoss {
                text += "; \(best.0.label) ends lowest at \(Self.format(loss))"
            }
            for (run, log) in zip(result.spec.runs, result.logs) {
                if let step = log.divergedAtStep {
                    text += "; \(run.label) diverges at \(unit) \(step)"
                }
            }
            return text + "."
        }
    }

    /// A number with three significant digits, as a reader would say it.
    static func format(_ value: Double) -> String {
        String(format: "%.3g", value)
    }

    private static func lastDrawable(_ points: [Point], yScale: FigureSpec.ValueScale) -> Point? {
        points.last { $0.y.isFinite && (yScale == .linear || $0.y > 0) }
    }
}
