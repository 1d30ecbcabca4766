import Charts
import Lessons
import Training

/// The figures of what the trainer records beside the loss: the effective learning rate of
/// each update and the gradient's norm, per run or per layer.
extension FigureBuilder {
    /// Dash patterns that tell apart the lines of one colour (a run's parameters or layers).
    static let dashes: [[Double]] = [[], [6, 3], [2, 2.5], [9, 3, 2, 3]]

    /// The runs a figure draws, with their place in the experiment (which fixes their colour).
    static func drawnRuns(_ result: ExperimentResult, _ figure: FigureSpec) -> [(index: Int, run: RunSpec, log: TrainingLog)] {
        zip(result.spec.runs, result.logs).enumerated().filter { figure.draws($0.element.0.label) }.map { ($0.offset, $0.element.0, $0.element.1) }
    }

    /// Each record of `log` as a point with `values[record]` over the x axis.
    static func recordPoints(_ log: TrainingLog, _ values: [Double], xAxis: FigureSpec.LossAxis, samples: Int) -> [Point] {
        let trace = log.trace
        return zip(trace.steps, trace.epochs).enumerated().prefix(values.count).map { record, position in
            Point(stepX(step: position.0, epoch: position.1, xAxis: xAxis, log: log, samples: samples), values[record])
        }
    }

    /// The effective learning rate per update: the median over parameters with the band from the
    /// 10th to the 90th percentile per run, or one line per named parameter.
    static func learningRateChart(result: ExperimentResult, figure: FigureSpec, xAxis: FigureSpec.LossAxis, yScale: FigureSpec.ValueScale, parameters: [String]?, strings: InterfaceStrings = .english) -> Figure {
        let runs = drawnRuns(result, figure)
        var bands: [Mark] = []
        var lines: [Mark] = []
        for (index, run, log) in runs {
            let trace = log.trace
            if let parameters {
                for (number, name) in parameters.enumerated() {
                    guard let parameter = result.spec.parameterNames.firstIndex(of: name), let rates = trace.learningRates(ofParameter: parameter) else { continue }
                    let single = runs.count == 1
                    lines.append(.line(LineMark(
                        points: recordPoints(log, rates, xAxis: xAxis, samples: result.sampleCount),
                        label: ChartText(markup: single ? parameterMarkup(name) : ChartText.escape(strings("legend.runAndLine", ["run": run.label, "line": "\u{1}"])).replacingOccurrences(of: "\u{1}", with: parameterMarkup(name))),
                        color: single ? Palette.series(number) : color(of: run, index: index), dash: dashes[number % dashes.count],
                        markers: runMarkers(index, among: runs.count))))
                }
                continue
            }
            let runColor = color(of: run, index: index)
            if trace.learningRateLows != trace.learningRateHighs {
                bands.append(.area(AreaMark(
                    lower: recordPoints(log, trace.learningRateLows, xAxis: xAxis, samples: result.sampleCount),
                    upper: recordPoints(log, trace.learningRateHighs, xAxis: xAxis, samples: result.sampleCount), color: runColor.opacity(0.2))))
            }
            lines.append(.line(LineMark(
                points: recordPoints(log, trace.learningRates, xAxis: xAxis, samples: result.sampleCount),
                label: ChartText(plain: stopNote(log, run: run.label, strings: strings)), color: runColor, dash: dashes[0], markers: runMarkers(index, among: runs.count))))
        }
        if !bands.isEmpty {
            // A legend entry only: each band has its run's colour; this names what a band is.
            lines.append(.area(AreaMark(lower: [], upper: [], label: ChartText(plain: strings("legend.percentileBand")), color: Color.ink.opacity(0.2))))
        }
        let what = strings(parameters == nil ? "axis.learningRate" : "axis.learningRatePerParameter")
        let axes = Axes(
            xLabel: ChartText(plain: axisTitle(xAxis, strings: strings)), yLabel: ChartText(plain: logScale(what, yScale, strings: strings)),
            yScale: yScale == .log ? .log : .linear, yLimits: figure.yRange, xCounts: true, marks: bands + lines)
        return Figure(size: figureSize, panels: [axes])
    }

    /// The gradient's norm at each recorded update, one line per run, or per layer of an MLP
    /// (a colour per layer, a dash per run). With `smooth`, each line is an exponential moving
    /// average drawn over its faint raw values, as a loss figure smooths per-step losses.
    static func gradientNormChart(result: ExperimentResult, figure: FigureSpec, xAxis: FigureSpec.LossAxis, yScale: FigureSpec.ValueScale, byLayer: Bool, smooth: Double?, strings: InterfaceStrings = .english) -> Figure {
        let runs = drawnRuns(result, figure)
        var under: [Mark] = []
        var lines: [Mark] = []
        func add(_ points: [Point], label: ChartText, color: Color, dash: [Double] = [], markers: LineMarkers?) {
            let drawn = smoothedLine(points, label: label, color: color, dash: dash, markers: markers, smooth: smooth)
            under += drawn.faint
            lines.append(drawn.line)
        }
        for (position, (index, run, log)) in runs.enumerated() {
            let trace = log.trace
            guard byLayer else {
                add(recordPoints(log, trace.gradientNorms, xAxis: xAxis, samples: result.sampleCount),
                    label: ChartText(plain: stopNote(log, run: run.label, strings: strings)), color: color(of: run, index: index), markers: runMarkers(index, among: runs.count))
                continue
            }
            for layer in 1...max(1, trace.layerCount) {
                guard let norms = trace.gradientNorms(ofLayer: layer) else { continue }
                let name = layerName(layer, of: trace.layerCount, strings: strings)
                add(recordPoints(log, norms, xAxis: xAxis, samples: result.sampleCount),
                    label: ChartText(plain: runs.count == 1 ? name : strings("legend.runAndLine", ["run": run.label, "line": name])),
                    color: layerColor(layer, of: trace.layerCount), dash: dashes[position % dashes.count], markers: runMarkers(layer - 1, among: trace.layerCount))
            }
        }
        lines = under + lines
        let what = strings(byLayer ? "axis.gradientNormPerLayer" : "axis.gradientNorm")
        let axes = Axes(
            xLabel: ChartText(plain: axisTitle(xAxis, strings: strings)), yLabel: ChartText(plain: logScale(what, yScale, strings: strings)),
            yScale: yScale == .log ? .log : .linear, yLimits: figure.yRange, xCounts: true, marks: lines)
        return Figure(size: figureSize, panels: [axes])
    }

    /// Layers are ordered, so their colours are too: viridis from dark (the input side) to green
    /// (the output), short of its yellow, which is faint on white.
    static func layerColor(_ layer: Int, of count: Int) -> Color {
        Colormap.viridis.color(at: count > 1 ? 0.85 * Double(layer - 1) / Double(count - 1) : 0)
    }

    /// `layer 1 (input)` … `layer L (output)`.
    static func layerName(_ layer: Int, of count: Int, strings: InterfaceStrings = .english) -> String {
        strings(count > 1 && layer == 1 ? "legend.inputLayer" : count > 1 && layer == count ? "legend.outputLayer" : "legend.layer", ["n": String(layer)])
    }
}
