import Charts
import Foundation
import Lessons
import Numerics
import Site
import Training

/// Turns an experiment's results into chart values and tables, and describes them in words.
/// Every figure is a composition of Charts marks; nothing here draws.
enum FigureBuilder {
    /// The size of a single-panel course figure, in points (and pixels at 1×).
    static let figureSize = Size(width: 640, height: 380)
    static let contourSize = Size(width: 640, height: 460)
    static let panelGridSize = Size(width: 760, height: 560)

    /// The chart of an image figure, at the size and with the title and axis labels the
    /// figure asks for, laid out for `layout`; nil for a table. `strings` gives the default axis
    /// labels and legend words, in the lesson's language.
    static func chart(for figure: FigureSpec, result: ExperimentResult, layout: FigureLayout = .wide, strings: InterfaceStrings = .english) -> Figure? {
        guard var chart = kindChart(for: figure, result: result, strings: strings) else { return nil }
        let options = figure.options
        chart.size = size(options.size, default: chart.size, panelGrid: figure.kind == .batchSizes)
        chart.title = options.title.map { ChartText(plain: $0) } ?? chart.title
        // Axis labels apply where there is one pair of axes (the parser refuses them elsewhere).
        if chart.panels.count == 1 {
            if let label = options.xLabel { chart.panels[0].xLabel = ChartText(plain: label) }
            if let label = options.yLabel { chart.panels[0].yLabel = ChartText(plain: label) }
        }
        if layout == .narrow, case .contour = figure.kind { return narrowed(chart, contour: true) }
        return layout == .narrow ? narrowed(chart, contour: false) : chart
    }

    /// A named size in points: `wide` fills the 46rem (736 px) text column, `square` and
    /// `small` fit beside it on a phone. The 2×2 `batch-sizes` grid keeps room for four panels.
    static func size(_ size: FigureSpec.Size?, default standard: Size, panelGrid: Bool) -> Size {
        switch size {
        case nil: return standard
        case .wide?: return panelGrid ? Size(width: 736, height: 520) : Size(width: 736, height: 340)
        case .square?: return panelGrid ? Size(width: 640, height: 640) : Size(width: 480, height: 480)
        case .small?: return panelGrid ? Size(width: 560, height: 440) : Size(width: 420, height: 280)
        case let .pixels(width, height)?: return Size(width: Double(width), height: Double(height))
        }
    }

    /// The colour a run is drawn in: the one it names, else the palette's colour of `index`.
    static func color(of run: RunSpec, index: Int) -> Color {
        guard let name = run.color else { return Palette.series(index) }
        return color(named: name)
    }

    /// The index that picks a run's colour, markers and end shape: its place in the
    /// experiment, or in an `explore` figure its place among the runs at its combination of
    /// swept values, so that the run drawn keeps its look as the sliders move.
    static func styleIndex(_ index: Int, of runs: [RunSpec], in figure: FigureSpec) -> Int {
        guard figure.explore != nil, runs.indices.contains(index) else { return index }
        let combination = runs[index].coordinates
        return runs[..<index].filter { $0.coordinates == combination }.count
    }

    /// The RGB of each of the palette's names (Okabe & Ito, 2008).
    static func color(named name: RunColor) -> Color {
        switch name {
        case .blue: return Palette.okabeIto[0]
        case .vermilion: return Palette.okabeIto[1]
        case .green: return Palette.okabeIto[2]
        case .purple: return Palette.okabeIto[3]
        case .skyBlue: return Palette.okabeIto[4]
        case .orange: return Palette.okabeIto[5]
        case .black: return Palette.okabeIto[6]
        case .yellow: return Palette.okabeIto[7]
        }
    }

    static func kindChart(for figure: FigureSpec, result: ExperimentResult, strings: InterfaceStrings = .english) -> Figure? {
        switch figure.kind {
        case let .loss(x, y, smooth, validation):
            return lossChart(result: result, figure: figure, xAxis: x, yScale: y, smooth: smooth, validation: validation, strings: strings)
        case let .contour(parameters, _, _):
            return contourChart(result: result, figure: figure, parameters: parameters, strings: strings)
        case .batchSizes:
            return batchSizesChart(result: result, strings: strings)
        case .gradientVariance:
            return varianceChart(result: result, figure: figure, strings: strings)
        case let .learningRate(x, y, parameters):
            return learningRateChart(result: result, figure: figure, xAxis: x, yScale: y, parameters: parameters, strings: strings)
        case let .gradientNorm(x, y, byLayer, smooth):
            return gradientNormChart(result: result, figure: figure, xAxis: x, yScale: y, byLayer: byLayer, smooth: smooth, strings: strings)
        case .table, .hessian:
            return nil
        }
    }

    // MARK: Gradient variance

    /// Measured variance of mini-batch gradients (points) against batch size, with the exact
    /// expectation for sampling without replacement and the 1/B law it corrects (log-log).
    static func varianceChart(result: ExperimentResult, figure: FigureSpec, strings: InterfaceStrings = .english) -> Figure {
        // The whole training set (B = N) has no variance at all: nothing to draw on a log axis.
        let variances = (result.variances[figure.id] ?? []).filter { $0.batchSize < result.sampleCount && $0.expected > 0 }
        let spread = variances.first.map { $0.expected * Double($0.batchSize) * Double(result.sampleCount - 1) / Double(max(1, result.sampleCount - $0.batchSize)) } ?? 0
        let sizes = variances.map(\.batchSize)
        let dense = sizes.isEmpty ? [] : (0...60).map { step -> Double in
            let low = Elementary.log(Double(sizes.min() ?? 1)), high = Elementary.log(Double(sizes.max() ?? 1))
            return Elementary.exp(low + (high - low) * Double(step) / 60)
        }
        let n = Double(result.sampleCount)
        let marks: [Mark] = [
            .line(LineMark(points: dense.map { Point($0, spread / $0) }, label: ChartText(plain: strings("legend.withReplacement")), color: Palette.series(1), width: 1.5, dash: [5, 3])),
            .line(LineMark(points: dense.map { Point($0, spread / $0 * (n - $0) / max(1, n - 1)) }, label: "V/B · (N − B)/(N − 1)", color: Palette.series(0), width: 1.75)),
            .scatter(ScatterMark(points: variances.filter { $0.measured > 0 }.map { Point(Double($0.batchSize), $0.measured) }, label: ChartText(plain: strings("legend.measured")), shape: .circle, color: Palette.series(6), size: 6)),
        ]
        let axes = Axes(
            xLabel: ChartText(plain: strings("axis.batchSizeB")),
            yLabel: ChartText(markup: ChartText.escape(strings("axis.variance", ["formula": "\u{1}"])).replacingOccurrences(of: "\u{1}", with: "E‖g<sub>B</sub> − g‖²")),
            xScale: .log, yScale: .log, marks: marks)
        return Figure(size: figureSize, panels: [axes])
    }

    // MARK: Hessian

    /// Each run's end point on a surface with its gradient norm, the Hessian's eigenvalues and
    /// what they make of the point.
    static func hessianTable(result: ExperimentResult, strings: InterfaceStrings = .english) -> TableOutput {
        let spec = result.spec
        guard case let .surface(function, noise) = spec.model, let surface = try? Surface(function, gradientNoise: noise) else {
            return TableOutput(header: [strings("table.run")], rows: [])
        }
        let rows = zip(spec.runs, result.logs).map { run, log -> [String] in
            guard log.finalParameters.count == 2 else { return [run.label, "–", "–", "–", "–", "–", strings("hessian.notRecorded")] }
            let point = endPoint(x: log.finalParameters[0], y: log.finalParameters[1], on: surface)
            return [run.label, format(point.x), format(point.y), format(point.gradientNorm), format(point.eigenvalues.0), format(point.eigenvalues.1),
                    strings(classify(gradientNorm: point.gradientNorm, eigenvalues: point.eigenvalues))]
        }
        return TableOutput(header: [strings("table.run"), "x", "y", "‖∇f‖", "λ₁", "λ₂", strings("table.endPoint")], rows: rows, numericColumns: [1, 2, 3, 4, 5])
    }

    /// A run's end point on a surface: the gradient's norm there and the Hessian's eigenvalues, smaller first.
    static func endPoint(x: Double, y: Double, on surface: Surface) -> (x: Double, y: Double, gradientNorm: Double, eigenvalues: (Double, Double)) {
        let gradient = surface.gradient(x: x, y: y)
        let norm = (gradient.x * gradient.x + gradient.y * gradient.y).squareRoot()
        let h = surface.hessian(x: x, y: y)
        // The eigenvalues of the symmetric 2 × 2 matrix [[xx, xy], [xy, yy]].
        let mean = (h.xx + h.yy) / 2
        let radius = (((h.xx - h.yy) / 2) * ((h.xx - h.yy) / 2) + h.xy * h.xy).squareRoot()
        return (x, y, norm, (mean - radius, mean + radius))
    }

    /// The strings key of what an end point is, by the second-derivative test.
    static func classify(gradientNorm: Double, eigenvalues: (Double, Double)) -> String {
        guard gradientNorm.isFinite, eigenvalues.0.isFinite, eigenvalues.1.isFinite else { return "hessian.notFinite" }
        let scale = max(1, abs(eigenvalues.0), abs(eigenvalues.1))
        if gradientNorm > 1e-3 * scale { return "hessian.notCritical" }
        let flat = 1e-6 * scale
        if abs(eigenvalues.0) < flat || abs(eigenvalues.1) < flat { return "hessian.degenerate" }
        if eigenvalues.0 > 0 { return "hessian.minimum" }
        if eigenvalues.1 < 0 { return "hessian.maximum" }
        return "hessian.saddle"
    }

    // MARK: Loss curves

    static func lossChart(result: ExperimentResult, figure: FigureSpec, xAxis: FigureSpec.LossAxis, yScale: FigureSpec.ValueScale, smooth: Double?, validation: Bool, strings: InterfaceStrings = .english) -> Figure {
        var under: [Mark] = []
        var marks: [Mark] = []
        var markers: [Mark] = []
        let drawnCount = result.spec.runs.filter { figure.draws($0.label) }.count
        // A run keeps its colour (its place in the experiment) in every figure that draws it.
        for (place, (run, log)) in zip(result.spec.runs, result.logs).enumerated() where figure.draws(run.label) {
            let index = styleIndex(place, of: result.spec.runs, in: figure)
            let color = color(of: run, index: index)
            let points = lossPoints(log, xAxis: xAxis, samples: result.sampleCount)
            let label = ChartText(plain: stopNote(log, run: run.label, strings: strings))
            let drawn = smoothedLine(points, label: label, color: color, markers: runMarkers(index, among: drawnCount), smooth: xAxis == .epoch ? nil : smooth)
            under += drawn.faint
            marks.append(drawn.line)
            if validation {
                let validationPoints = log.epochs.compactMap { epoch in epoch.validationLoss.map { Point(epochX(Double(epoch.epoch), xAxis: xAxis, log: log, samples: result.sampleCount), $0) } }
                if !validationPoints.isEmpty {
                    marks.append(.line(LineMark(points: validationPoints, label: ChartText(plain: strings("legend.validation", ["run": run.label])), color: color, width: 1.5, dash: [5, 3], markers: runMarkers(index, among: drawnCount))))
                }
            }
            if log.stop.map({ if case .converged = $0 { return false } else { return true } }) == true,
               let last = points.last(where: { $0.y.isFinite && (yScale == .linear || $0.y > 0) }) {
                markers.append(.point(PointMark(position: last, shape: .cross, color: color, size: 9)))
            }
        }
        // An explore figure's page draws any run over the same axes: they fit every run.
        let fitted = figure.explore == nil ? nil : fittedLossLimits(result: result, xAxis: xAxis, yScale: yScale)
        let axes = Axes(
            xLabel: ChartText(plain: axisTitle(xAxis, strings: strings)),
            yLabel: ChartText(plain: logScale(lossLabel(result.spec, strings: strings), yScale, strings: strings)),
            yScale: yScale == .log ? .log : .linear, xLimits: fitted?.x, yLimits: figure.yRange ?? fitted?.y, xCounts: xAxis != .seconds,
            marks: (under + marks + markers).map(\.overlaid))
        return Figure(size: figureSize, panels: [axes])
    }

    /// How far above the largest initial loss the fitted axes of all runs reach: three decades
    /// on a log axis, twice it on a linear one. A diverging run leaves the plot at the top there,
    /// rather than squeezing every other curve into a sliver at the bottom.
    static func lossCeiling(initial: Double, yScale: FigureSpec.ValueScale) -> Double {
        yScale == .log ? initial * 1e3 : initial * 2
    }

    /// The axes that fit every run's finite losses (positive ones on a log axis), capped at
    /// `lossCeiling` above the largest initial loss, with the usual margin.
    static func fittedLossLimits(result: ExperimentResult, xAxis: FigureSpec.LossAxis, yScale: FigureSpec.ValueScale) -> (x: ClosedRange<Double>, y: ClosedRange<Double>) {
        let scale: Scale = yScale == .log ? .log : .linear
        let runs = result.logs.map { lossPoints($0, xAxis: xAxis, samples: result.sampleCount).filter { $0.x.isFinite && scale.accepts($0.y) } }
        let initial = runs.compactMap { $0.first?.y }.max() ?? .infinity
        let ceiling = lossCeiling(initial: initial, yScale: yScale)
        let losses = runs.flatMap { $0.map(\.y) }
        let shown = losses.filter { $0 <= ceiling } + (losses.contains { $0 > ceiling } ? [ceiling] : [])
        return (AxisDomain.limits(of: runs.flatMap { $0.map(\.x) }, scale: .linear), AxisDomain.limits(of: shown, scale: scale))
    }

    /// The loss the x axis calls for: the full training loss per epoch, or the loss of each
    /// recorded step's mini-batch.
    static func lossPoints(_ log: TrainingLog, xAxis: FigureSpec.LossAxis, samples: Int) -> [Point] {
        switch xAxis {
        case .epoch:
            return log.epochs.map { Point(Double($0.epoch), $0.loss) }
        case .step, .samples, .seconds:
            let trace = log.trace
            return (0..<trace.count).map { record in
                Point(stepX(step: trace.steps[record], epoch: trace.epochs[record], xAxis: xAxis, log: log, samples: samples), trace.losses[record])
            }
        }
    }

    static func stepX(step: Int, epoch: Double, xAxis: FigureSpec.LossAxis, log: TrainingLog, samples: Int) -> Double {
        switch xAxis {
        case .epoch: return epoch
        case .step: return Double(step)
        case .samples: return (epoch * Double(samples)).rounded()
        case .seconds: return log.updates > 0 ? log.seconds * Double(step) / Double(log.updates) : 0
        }
    }

    /// Where the end of epoch `epoch` falls on the x axis.
    static func epochX(_ epoch: Double, xAxis: FigureSpec.LossAxis, log: TrainingLog, samples: Int) -> Double {
        let epochs = max(1, log.epochs.count - 1)
        let steps = Double(log.updates) * epoch / Double(epochs)
        switch xAxis {
        case .epoch: return epoch
        case .step: return steps.rounded()
        case .samples: return epoch * Double(samples)
        case .seconds: return log.seconds * epoch / Double(epochs)
        }
    }

    /// The markers of run `index` on a line, so that runs differ in shape as well as colour;
    /// none when the figure draws one run alone.
    static func runMarkers(_ index: Int, among count: Int) -> LineMarkers? {
        count > 1 ? .forRun(index) : nil
    }

    /// A line through `points`; with `smooth`, its exponential moving average instead, over the
    /// raw values drawn faint (to be drawn under every labelled line).
    static func smoothedLine(_ points: [Point], label: ChartText?, color: Color, dash: [Double] = [], markers: LineMarkers?, smooth: Double?) -> (faint: [Mark], line: Mark) {
        guard let smooth else { return ([], .line(LineMark(points: points, label: label, color: color, dash: dash, markers: markers))) }
        return ([.line(LineMark(points: points, color: color.opacity(0.22), width: 1))],
                .line(LineMark(points: exponentialAverage(points, weight: smooth), label: label, color: color, dash: dash, markers: markers)))
    }

    /// Bias-corrected exponential moving average: s_t = w·s_{t−1} + (1 − w)·y_t, divided by
    /// 1 − w^t (as TensorBoard smooths), skipping values that are not finite.
    static func exponentialAverage(_ points: [Point], weight: Double) -> [Point] {
        var average = 0.0
        var count = 0
        return points.map { point in
            guard point.y.isFinite else { return point }
            count += 1
            average = weight * average + (1 - weight) * point.y
            return Point(point.x, average / (1 - Elementary.power(weight, count)))
        }
    }

    static func axisTitle(_ axis: FigureSpec.LossAxis, strings: InterfaceStrings = .english) -> String {
        switch axis {
        case .epoch: return strings("axis.epoch")
        case .step: return strings("axis.step")
        case .samples: return strings("axis.samples")
        case .seconds: return strings("axis.seconds")
        }
    }

    static func lossLabel(_ spec: ExperimentSpec, strings: InterfaceStrings = .english) -> String {
        guard let loss = spec.loss else { return "f(x, y)" }
        let name: String
        switch loss {
        case .mse: name = strings("loss.mse")
        case .halfMSE: name = strings("loss.halfMSE")
        case .bce, .crossEntropy: name = strings("loss.crossEntropy")
        }
        return spec.reduction == .sum ? strings("loss.summed", ["loss": name]) : name
    }

    /// An axis label with "(log scale)" after it on a log axis.
    static func logScale(_ label: String, _ scale: FigureSpec.ValueScale, strings: InterfaceStrings) -> String {
        scale == .log ? strings("axis.logScale", ["label": label]) : label
    }

    /// A run's legend label, saying where it stopped when it diverged or fell without bound.
    static func stopNote(_ log: TrainingLog, run: String, strings: InterfaceStrings = .english) -> String {
        if let step = log.divergedAtStep { return strings("legend.diverged", ["run": run, "step": String(step)]) }
        if let step = log.unboundedAtStep { return strings("legend.unbounded", ["run": run, "step": String(step)]) }
        return run
    }

    // MARK: Contours

    static func contourChart(result: ExperimentResult, figure: FigureSpec, parameters: [String], strings: InterfaceStrings = .english) -> Figure {
        let spec = result.spec
        guard parameters.count == 2, let lossGrid = result.grids[figure.id],
              let xIndex = spec.parameterNames.firstIndex(of: parameters[0]),
              let yIndex = spec.parameterNames.firstIndex(of: parameters[1]),
              let xFirst = lossGrid.xValues.first, let xLast = lossGrid.xValues.last,
              let yFirst = lossGrid.yValues.first, let yLast = lossGrid.yValues.last
        else { return Figure(size: contourSize, panels: [Axes()]) }
        let grid = Grid(xValues: lossGrid.xValues, yValues: lossGrid.yValues, values: lossGrid.values)
        let (levels, logarithmic) = Contours.levels(for: grid.values, targetCount: 12)
        var marks: [Mark] = [.contour(ContourMark(grid: grid, levels: levels, colorBarLabel: ChartText(plain: logarithmic ? strings("axis.logLevels", ["label": lossLabel(spec, strings: strings)]) : lossLabel(spec, strings: strings))))]
        // Paths that share a route stay visible: every casing is drawn first, then the paths
        // in order, each narrower than the one before, nesting like cased roads on a map.
        var paths: [TrajectoryMark] = []
        var runLabels: [String] = []
        for (place, (run, log)) in zip(spec.runs, result.logs).enumerated() where figure.draws(run.label) {
            guard let xs = log.trace.values(ofParameter: xIndex), let ys = log.trace.values(ofParameter: yIndex) else { continue }
            let index = styleIndex(place, of: spec.runs, in: figure)
            let stopped = log.divergedAtStep != nil || log.unboundedAtStep != nil
            runLabels.append(run.label)
            paths.append(TrajectoryMark(
                points: zip(xs, ys).map { Point($0, $1) }, label: ChartText(plain: stopNote(log, run: run.label, strings: strings)),
                color: color(of: run, index: index), width: max(1, 2.8 - 0.6 * Double(paths.count)), ending: stopped ? .stopped : .finished, halo: false,
                endShape: .forRun(index), overlay: true))
        }
        // A path that a later one covers all along gets a legend note naming the path on top.
        for (index, cover) in hiddenPaths(paths.map(\.points), grid: lossGrid) {
            guard let under = paths[index].label else { continue }
            paths[index].label = ChartText(markup: ChartText.escape(strings("legend.pathUnder", ["run": "\u{1}", "other": runLabels[cover]]))
                .replacingOccurrences(of: "\u{1}", with: under.markup))
        }
        marks += paths.map { .line($0.casing) } + paths.map(Mark.trajectory)
        if spec.model.isSurface {
            for minimum in result.minima where minimum.count == 2 {
                marks.append(.point(PointMark(position: Point(minimum[0], minimum[1]), shape: .star, color: .white, size: 13)))
            }
        }
        let axes = Axes(
            xLabel: ChartText(markup: parameterMarkup(parameters[0])), yLabel: ChartText(markup: parameterMarkup(parameters[1])),
            xLimits: finiteRange(xFirst, xLast), yLimits: finiteRange(yFirst, yLast), equalAspect: spec.model.isSurface, marks: marks, grid: false)
        return Figure(size: contourSize, panels: [axes])
    }

    /// For each path that a later one covers all along, the first path covering it, within the
    /// plot of `grid` (a little past it).
    static func hiddenPaths(_ paths: [[Point]], grid: LossGrid) -> [(index: Int, cover: Int)] {
        guard let xFirst = grid.xValues.first, let xLast = grid.xValues.last, let yFirst = grid.yValues.first, let yLast = grid.yValues.last else { return [] }
        let span = (x: abs(xLast - xFirst), y: abs(yLast - yFirst))
        guard span.x > 0, span.y > 0, span.x.isFinite, span.y.isFinite else { return [] }
        // As fractions of the axes' ranges.
        let origin = (x: min(xFirst, xLast), y: min(yFirst, yLast))
        let inside = { (value: Double) in min(max(value, -0.05), 1.05) }
        let routes = paths.map { $0.map { Point(inside(($0.x - origin.x) / span.x), inside(($0.y - origin.y) / span.y)) } }
        return paths.indices.compactMap { index in coveringPath(of: index, among: routes, tolerance: coverTolerance).map { (index, $0) } }
    }

    /// How close, as a fraction of each axis's range, a path must stay to a later one to count
    /// as hidden under it: about 3 points across a contour figure's plot.
    static let coverTolerance = 0.006

    /// The first path after `index` that `index`'s path stays within `tolerance` of along 95%
    /// of its length (coordinates already divided by the axis ranges), or nil.
    static func coveringPath(of index: Int, among paths: [[Point]], tolerance: Double) -> Int? {
        // Points evenly spaced along the path, so that a long stroke weighs by its length and
        // a tangle of many short steps no more than its length.
        let route = resampled(paths[index], every: tolerance / 2, atMost: 5000)
        guard route.count > 1 else { return nil }
        let allowedMisses = route.count / 20
        for later in paths.indices where later > index {
            let other = thinned(paths[later], by: tolerance / 2)
            guard other.count > 1 else { continue }
            var misses = 0
            for point in route where !isNear(point, to: other, within: tolerance) {
                misses += 1
                if misses > allowedMisses { break }
            }
            if misses <= allowedMisses { return later }
        }
        return nil
    }

    /// Points every `step` along `path` (by length), from its first point to its last; a longer
    /// step where that would give more than `limit` points.
    static func resampled(_ path: [Point], every step: Double, atMost limit: Int) -> [Point] {
        let finite = path.filter { $0.x.isFinite && $0.y.isFinite }
        let total = zip(finite, finite.dropFirst()).reduce(0) { $0 + Elementary.hypot($1.1.x - $1.0.x, $1.1.y - $1.0.y) }
        let step = max(step, total / Double(max(1, limit)))
        guard let first = finite.first, step > 0, step.isFinite else { return finite }
        var points = [first]
        var carried = 0.0  // length walked since the last point placed
        for (a, b) in zip(finite, finite.dropFirst()) {
            let length = Elementary.hypot(b.x - a.x, b.y - a.y)
            var along = step - carried
            while along <= length {
                points.append(Point(a.x + (b.x - a.x) * along / length, a.y + (b.y - a.y) * along / length))
                along += step
            }
            carried = length - (along - step)
        }
        if let last = finite.last, points.last != last { points.append(last) }
        return points
    }

    /// The points of `path`, skipping those closer than `step` to the last one kept; the last
    /// point is always kept.
    static func thinned(_ path: [Point], by step: Double) -> [Point] {
        var kept: [Point] = []
        for point in path where point.x.isFinite && point.y.isFinite {
            if let last = kept.last, Elementary.hypot(point.x - last.x, point.y - last.y) < step { continue }
            kept.append(point)
        }
        if let last = path.last, last.x.isFinite, last.y.isFinite, kept.last != last { kept.append(last) }
        return kept
    }

    /// Whether some segment of the polyline `path` passes within `tolerance` of `point`: the
    /// first one found answers, and squared distances need no square root. Coordinates are
    /// fractions of the axes' ranges here, so the squares cannot overflow.
    static func isNear(_ point: Point, to path: [Point], within tolerance: Double) -> Bool {
        let limit = tolerance * tolerance
        for (a, b) in zip(path, path.dropFirst()) {
            let dx = b.x - a.x, dy = b.y - a.y
            let length = dx * dx + dy * dy
            let t = length > 0 ? min(1, max(0, ((point.x - a.x) * dx + (point.y - a.y) * dy) / length)) : 0
            let (ex, ey) = (point.x - a.x - t * dx, point.y - a.y - t * dy)
            if ex * ex + ey * ey <= limit { return true }
        }
        return false
    }

    /// A parameter name as a label: letters in italics, trailing digits as a subscript (w1 → 𝑤₁).
    static func parameterMarkup(_ name: String) -> String {
        let letters = name.prefix { $0.isLetter }
        let rest = name.dropFirst(letters.count)
        guard !letters.isEmpty, rest.allSatisfy(\.isNumber) else { return ChartText.escape(name) }
        return "<i>\(ChartText.escape(String(letters)))</i>" + (rest.isEmpty ? "" : "<sub>\(rest)</sub>")
    }

    // MARK: Batch sizes

    /// Dashes that tell batch sizes apart: solid, dashed, dotted, dash-dot, long, dash-dot-dot.
    static let batchDashes: [[Double]] = [[], [6, 3], [1.5, 2.5], [7, 3, 1.5, 3], [12, 4], [8, 2.5, 1.5, 2.5, 1.5, 2.5]]

    static func batchSizesChart(result: ExperimentResult, strings: InterfaceStrings = .english) -> Figure {
        let spec = result.spec
        guard let sizes = spec.sweep?.batchSizes, !sizes.isEmpty else { return Figure(size: panelGridSize, panels: []) }
        let groups = min(spec.runs.count, result.logs.count) / sizes.count
        let samples = result.sampleCount
        func batchValue(_ size: TrainingConfiguration.BatchSize) -> Int {
            if case let .size(value) = size { return max(1, min(value, samples)) }
            return max(1, samples)
        }
        var perEpoch: [Mark] = []
        var perUpdate: [Mark] = []
        var bars: [Mark] = []
        var finals: [Mark] = []
        for group in 0..<groups {
            var seconds: [Double] = []
            var finalPoints: [Point] = []
            for (position, size) in sizes.enumerated() {
                let index = group * sizes.count + position
                let log = result.logs[index]
                // With one group the batch sizes take the palette in turn; with several, a
                // run's colour (its own or its place) marks every batch size of its group.
                let color = groups == 1 ? Palette.series(position) : color(of: spec.runs[group * sizes.count], index: group)
                // Batch sizes differ in dash too, so that colour is never the only cue.
                let dash = Self.batchDashes[position % Self.batchDashes.count]
                let label = ChartText(plain: spec.runs[index].label)
                // With several groups, a group's shape marks its lines as its colour does.
                let markers = groups == 1 ? nil : LineMarkers.forRun(group)
                perEpoch.append(.line(LineMark(points: log.epochs.map { Point(Double($0.epoch), $0.loss) }, label: label, color: color, dash: dash, markers: markers)))
                let updatesPerEpoch = Double((samples + batchValue(size) - 1) / batchValue(size))
                perUpdate.append(.line(LineMark(points: log.epochs.dropFirst().map { Point(Double($0.epoch) * updatesPerEpoch, $0.loss) }, color: color, dash: dash, markers: markers)))
                let epochs = max(1, log.epochs.count - 1)
                seconds.append(log.seconds / Double(epochs))
                if let final = log.epochs.last?.loss { finalPoints.append(Point(Double(batchValue(size)), final)) }
            }
            let color = groups == 1 ? Palette.series(group) : color(of: spec.runs[group * sizes.count], index: group)
            // The group's label is its first run's without the batch, the sweep's last part.
            let groupLabel = groups == 1 ? nil : ChartText(plain: spec.runs[group * sizes.count].label.components(separatedBy: ", ").dropLast().joined(separator: ", "))
            let bar = BarMark(values: seconds, label: groupLabel, color: color, series: group, seriesCount: groups)
            bars.append(.bar(bar))
            if groups > 1 {
                // The group's shape on top of each of its bars, since bars have no dash.
                let tops = seconds.indices.map { Point((bar.span(of: $0).left + bar.span(of: $0).right) / 2, seconds[$0]) }
                bars.append(.scatter(ScatterMark(points: tops, shape: .forRun(group), color: color)))
            }
            finals.append(.line(LineMark(points: finalPoints, label: groupLabel, color: color)))
            finals.append(.scatter(ScatterMark(points: finalPoints, shape: .forRun(group), color: color)))
        }
        let categories = sizes.enumerated().map { Tick(value: Double($0.offset), label: ChartText(plain: $0.element == .full ? strings("legend.fullBatch", ["n": String(samples)]) : String(batchValue($0.element)))) }
        let loss = ChartText(plain: lossLabel(spec, strings: strings))
        func text(_ key: String) -> ChartText { ChartText(plain: strings(key)) }
        return Figure(size: panelGridSize, panels: [
            Axes(title: text("panel.lossPerEpoch"), xLabel: text("axis.epoch"), yLabel: loss, yScale: .log, xCounts: true, marks: perEpoch),
            Axes(title: text("panel.lossPerUpdate"), xLabel: text("axis.updates"), yLabel: loss, xScale: .log, yScale: .log, marks: perUpdate, legend: .none),
            Axes(title: text("panel.timePerEpoch"), xLabel: text("axis.batchSize"), yLabel: text("axis.seconds"), xTicks: categories, marks: bars, legend: groups > 1 ? .best : .none),
            Axes(title: text("panel.finalLoss"), xLabel: text("axis.batchSize"), yLabel: loss, xScale: .log, yScale: .log, marks: finals, legend: .none),
        ], columns: 2)
    }

    // MARK: Tables

    static func table(result: ExperimentResult, strings: InterfaceStrings = .english) -> TableOutput {
        let spec = result.spec
        let classification = result.logs.contains { $0.epochs.last?.accuracy != nil }
        let validation = result.logs.contains { $0.epochs.last?.validationLoss != nil }
        var header = ["table.run", "table.optimizer", "table.learningRate", "table.batch", "table.finalLoss"].map { strings($0) }
        if validation { header.append(strings("table.validationLoss")) }
        if classification { header.append(strings("table.accuracy")) }
        header += ["table.updates", "table.gradientEvaluations", "table.seconds", "table.stopped"].map { strings($0) }
        let rows = zip(spec.runs, result.logs).map { run, log -> [String] in
            let last = log.epochs.last
            var row = [run.label, run.optimizer.rule.name, format(run.optimizer.learningRate), batchName(run.batch, strings: strings), format(log.finalLoss ?? .nan)]
            if validation { row.append(last?.validationLoss.map(format) ?? "–") }
            if classification { row.append(last?.accuracy.map { String(format: "%.1f%%", $0 * 100) } ?? "–") }
            row += [String(log.updates), String(log.gradientEvaluations), String(format: "%.3g", log.seconds), stopText(log, strings: strings)]
            return row
        }
        return TableOutput(header: header, rows: rows, numericColumns: Set(2..<header.count).subtracting([header.count - 1]))
    }

    /// A run's batch as its table shows it: the size, or "full" in the page's language.
    static func batchName(_ batch: TrainingConfiguration.BatchSize, strings: InterfaceStrings) -> String {
        batch == .full ? strings("table.batchFull") : batch.name
    }

    static func stopText(_ log: TrainingLog, strings: InterfaceStrings = .english) -> String {
        switch log.stop {
        case nil: return "–"
        case let .diverged(step)?: return strings("stop.diverged", ["step": String(step)])
        case let .unboundedBelow(step)?: return strings("stop.unbounded", ["step": String(step)])
        case let .converged(epoch)?: return strings("stop.converged", ["epoch": String(epoch)])
        }
    }

    /// A number with four significant digits, as a reader would say it.
    static func format(_ value: Double) -> String {
        guard value.isFinite else { return value.isNaN ? "NaN" : (value > 0 ? "∞" : "−∞") }
        return String(format: "%.4g", value)
    }
}
