import Charts
import Foundation
import Lessons
import Numerics
import Training

/// Alt text: what a figure plots and the numbers a sighted reader takes from it (each run's
/// final loss, where a path ends against the minimum, the best batch size), in the lesson's
/// language through `InterfaceStrings`.
extension FigureBuilder {
    /// At most this many runs are named one by one; the rest are counted.
    static let describedRuns = 12

    /// A sentence describing what the figure shows, for its alt text; with a `title`, the title first.
    static func description(of figure: FigureSpec, result: ExperimentResult, strings: InterfaceStrings = .english) -> String {
        let clauses = descriptionClauses(of: figure, result: result, strings: strings)
        let text = clauses.joined(separator: strings("list.clause")) + strings("list.end")
        // The title says what the figure is for; the description what it shows.
        guard let title = figure.options.title else { return text }
        return title + (title.last.map { ".!?。！？".contains($0) } == true ? " " : strings("list.titleEnd")) + text
    }

    static func descriptionClauses(of figure: FigureSpec, result: ExperimentResult, strings: InterfaceStrings) -> [String] {
        let runs = drawnRuns(result, figure)
        let runCount = strings.counted("alt.runs", runs.count)
        switch figure.kind {
        case let .loss(xAxis, _, _, validation):
            let epochs = runs.map { max(0, $0.log.epochs.count - 1) }.max() ?? 0
            let head = strings(xAxis == .epoch ? "alt.loss" : "alt.lossBy", [
                "runs": runCount, "epochs": strings.counted("alt.epochs", epochs), "axis": axisTitle(xAxis, strings: strings).lowercased(),
            ])
            return [head] + finalLossClauses(runs, validation: validation, strings: strings)
        case let .contour(parameters, _, _):
            return contourClauses(result: result, figure: figure, parameters: parameters, runs: runs, strings: strings)
        case .batchSizes:
            return batchSizesClauses(result: result, strings: strings)
        case .table:
            return [strings("alt.table", ["runs": runCount])] + finalLossClauses(runs, strings: strings)
        case .gradientVariance:
            return varianceClauses(result: result, figure: figure, strings: strings)
        case .hessian:
            return hessianClauses(result: result, runs: runs, strings: strings)
        case let .learningRate(xAxis, _, parameters):
            return learningRateClauses(result: result, runs: runs, xAxis: xAxis, parameters: parameters, strings: strings)
        case let .gradientNorm(xAxis, _, byLayer, _):
            return gradientNormClauses(runs: runs, xAxis: xAxis, byLayer: byLayer, strings: strings)
        }
    }

    /// Each run's final loss (or where it stopped; with `validation`, its final validation loss
    /// too), and which run ends lowest.
    static func finalLossClauses(_ runs: [(index: Int, run: RunSpec, log: TrainingLog)], validation: Bool = false, strings: InterfaceStrings) -> [String] {
        var clauses: [String] = []
        for (_, run, log) in runs.prefix(describedRuns) {
            if let step = log.divergedAtStep {
                clauses.append(strings("alt.diverges", ["run": run.label, "step": String(step)]))
            } else if let step = log.unboundedAtStep {
                clauses.append(strings("alt.unbounded", ["run": run.label, "step": String(step)]))
            } else if let loss = log.finalLoss, validation, let held = log.epochs.last?.validationLoss {
                clauses.append(strings("alt.runEndsValidation", ["run": run.label, "loss": format(loss), "validation": format(held)]))
            } else if let loss = log.finalLoss {
                clauses.append(strings("alt.runEnds", ["run": run.label, "loss": format(loss)]))
            }
        }
        if runs.count > describedRuns {
            clauses.append(strings("alt.moreRuns", ["n": String(runs.count - describedRuns)]))
        }
        let finished = runs.filter { $0.log.divergedAtStep == nil && $0.log.unboundedAtStep == nil && ($0.log.finalLoss?.isFinite ?? false) }
        if finished.count > 1, let best = finished.min(by: { ($0.log.finalLoss ?? .infinity) < ($1.log.finalLoss ?? .infinity) }) {
            clauses.append(strings("alt.lowest", ["run": best.run.label]))
        }
        return clauses
    }

    /// What the contours are of, where the minimum is (a surface's known minima, else the lowest
    /// point of the grid drawn), and where each path starts and ends.
    static func contourClauses(result: ExperimentResult, figure: FigureSpec, parameters: [String], runs: [(index: Int, run: RunSpec, log: TrainingLog)], strings: InterfaceStrings) -> [String] {
        let spec = result.spec
        guard parameters.count == 2,
              let xIndex = spec.parameterNames.firstIndex(of: parameters[0]),
              let yIndex = spec.parameterNames.firstIndex(of: parameters[1])
        else { return [strings("alt.contour", ["x": parameters.first ?? "", "y": parameters.last ?? "", "runs": strings.counted("alt.runs", runs.count)])] }
        var clauses = [strings("alt.contour", ["x": parameters[0], "y": parameters[1], "runs": strings.counted("alt.runs", runs.count)])]
        let minima = spec.model.isSurface ? result.minima.filter { $0.count == 2 } : []
        if minima.count == 1 {
            clauses.append(strings("alt.minimum", ["x": format(minima[0][0]), "y": format(minima[0][1])]))
        } else if minima.count > 1 {
            let list = minima.map { "(\(format($0[0])), \(format($0[1])))" }.joined(separator: strings("list.separator"))
            clauses.append(strings("alt.minima", ["list": list]))
        } else if let lowest = result.grids[figure.id].flatMap(lowestPoint) {
            clauses.append(strings("alt.lowestGridPoint", ["x": format(lowest.x), "y": format(lowest.y)]))
        }
        // The runs with a path, and the path, as the figure draws them.
        let paths = runs.compactMap { drawn -> (run: RunSpec, log: TrainingLog, points: [Point])? in
            guard let xs = drawn.log.trace.values(ofParameter: xIndex), let ys = drawn.log.trace.values(ofParameter: yIndex), !xs.isEmpty, !ys.isEmpty else { return nil }
            return (drawn.run, drawn.log, zip(xs, ys).map { Point($0, $1) })
        }
        for (run, log, points) in paths.prefix(describedRuns) {
            guard let start = points.first, let end = points.last else { continue }
            var values = ["run": run.label, "x0": format(start.x), "y0": format(start.y), "x1": format(end.x), "y1": format(end.y)]
            let nearest = minima.map { Elementary.hypot($0[0] - end.x, $0[1] - end.y) }.min()
            if let nearest, nearest.isFinite {
                values["distance"] = format(nearest)
                clauses.append(strings(minima.count == 1 ? "alt.pathToMinimum" : "alt.pathToNearestMinimum", values))
            } else {
                clauses.append(strings("alt.path", values))
            }
            if let step = log.divergedAtStep { clauses.append(strings("alt.diverges", ["run": run.label, "step": String(step)])) }
            if let step = log.unboundedAtStep { clauses.append(strings("alt.unbounded", ["run": run.label, "step": String(step)])) }
        }
        if paths.count > describedRuns {
            clauses.append(strings("alt.moreRuns", ["n": String(paths.count - describedRuns)]))
        }
        if let grid = result.grids[figure.id] {
            for (index, cover) in hiddenPaths(paths.map(\.points), grid: grid) {
                clauses.append(strings("alt.pathHidden", ["run": paths[index].run.label, "other": paths[cover].run.label]))
            }
        }
        return clauses
    }

    /// The grid point of least finite loss.
    static func lowestPoint(_ grid: LossGrid) -> Point? {
        var best: (value: Double, point: Point)?
        for (row, y) in grid.yValues.enumerated() {
            for (column, x) in grid.xValues.enumerated() {
                let index = row * grid.xValues.count + column
                guard index < grid.values.count, grid.values[index].isFinite else { continue }
                if best.map({ grid.values[index] < $0.value }) ?? true { best = (grid.values[index], Point(x, y)) }
            }
        }
        return best?.point
    }

    /// The batch sizes compared and, per group of runs, the final loss at each size and the best size.
    static func batchSizesClauses(result: ExperimentResult, strings: InterfaceStrings) -> [String] {
        let spec = result.spec
        guard let sizes = spec.sweep?.batchSizes, !sizes.isEmpty else { return [strings("alt.batchSizes", ["n": "0", "sizes": ""])] }
        let samples = result.sampleCount
        let names = sizes.map { size -> String in
            if case let .size(value) = size { return String(max(1, min(value, samples))) }
            return strings("legend.fullBatch", ["n": String(samples)])
        }
        var clauses = [strings("alt.batchSizes", ["n": String(sizes.count), "sizes": names.joined(separator: strings("list.separator"))])]
        let groups = min(spec.runs.count, result.logs.count) / sizes.count
        for group in 0..<groups {
            let finals = sizes.indices.map { result.logs[group * sizes.count + $0].epochs.last?.loss }
            let list = zip(names, finals).map { strings("alt.batchFinal", ["size": $0, "loss": format($1 ?? .nan)]) }.joined(separator: strings("list.separator"))
            let best = zip(names, finals).filter { ($0.1 ?? .nan).isFinite }.min { ($0.1 ?? .infinity) < ($1.1 ?? .infinity) }?.0 ?? "–"
            if groups == 1 {
                clauses.append(strings("alt.batchFinals", ["list": list, "best": best]))
            } else {
                let label = spec.runs[group * sizes.count].label.components(separatedBy: ", ").dropLast().joined(separator: ", ")
                clauses.append(strings("alt.batchGroupFinals", ["group": label, "list": list, "best": best]))
            }
        }
        return clauses
    }

    /// The measured variance at the smallest and largest batch size, and what the formula gives there.
    static func varianceClauses(result: ExperimentResult, figure: FigureSpec, strings: InterfaceStrings) -> [String] {
        var clauses = [strings("alt.variance")]
        let variances = (result.variances[figure.id] ?? []).filter { $0.batchSize < result.sampleCount }.sorted { $0.batchSize < $1.batchSize }
        if let first = variances.first, let last = variances.last {
            clauses.append(strings("alt.varianceRange", [
                "first": format(first.measured), "firstSize": String(first.batchSize), "last": format(last.measured), "lastSize": String(last.batchSize),
            ]))
            clauses.append(strings("alt.varianceExpected", ["first": format(first.expected), "last": format(last.expected)]))
        }
        return clauses
    }

    /// Each run's end point and what the second-derivative test makes of it.
    static func hessianClauses(result: ExperimentResult, runs: [(index: Int, run: RunSpec, log: TrainingLog)], strings: InterfaceStrings) -> [String] {
        var clauses = [strings("alt.hessian", ["runs": strings.counted("alt.runs", runs.count)])]
        guard case let .surface(function, noise) = result.spec.model, let surface = try? Surface(function, gradientNoise: noise) else { return clauses }
        for (_, run, log) in runs.prefix(describedRuns) where log.finalParameters.count == 2 {
            let point = endPoint(x: log.finalParameters[0], y: log.finalParameters[1], on: surface)
            clauses.append(strings("alt.hessianRun", [
                "run": run.label, "x": format(point.x), "y": format(point.y),
                "small": format(point.eigenvalues.0), "large": format(point.eigenvalues.1),
                "kind": strings(classify(gradientNorm: point.gradientNorm, eigenvalues: point.eigenvalues)),
            ]))
        }
        return clauses
    }

    /// "from a at the start to b at the end" for a recorded series, named `what`.
    static func span(_ what: String, _ values: [Double], strings: InterfaceStrings) -> String {
        strings("alt.span", ["what": what, "first": format(values.first ?? .nan), "last": format(values.last ?? .nan)])
    }

    static func learningRateClauses(result: ExperimentResult, runs: [(index: Int, run: RunSpec, log: TrainingLog)], xAxis: FigureSpec.LossAxis, parameters: [String]?, strings: InterfaceStrings) -> [String] {
        let axis = axisTitle(xAxis, strings: strings).lowercased()
        let runCount = strings.counted("alt.runs", runs.count)
        guard let parameters else {
            let head = strings("alt.learningRateMedian", ["runs": runCount, "axis": axis, "n": String(result.spec.parameterNames.count)])
            return [head] + runs.map { span($0.run.label, $0.log.trace.learningRates, strings: strings) }
        }
        var clauses = [strings("alt.learningRateParameters", ["runs": runCount, "axis": axis, "parameters": parameters.joined(separator: strings("list.separator"))])]
        for (_, run, log) in runs {
            for name in parameters {
                guard let index = result.spec.parameterNames.firstIndex(of: name), let rates = log.trace.learningRates(ofParameter: index) else { continue }
                let what = runs.count == 1 ? name : strings("alt.runLine", ["run": run.label, "line": name])
                clauses.append(span(what, rates, strings: strings))
            }
        }
        return clauses
    }

    static func gradientNormClauses(runs: [(index: Int, run: RunSpec, log: TrainingLog)], xAxis: FigureSpec.LossAxis, byLayer: Bool, strings: InterfaceStrings) -> [String] {
        let head = strings(byLayer ? "alt.gradientNormPerLayer" : "alt.gradientNorm", [
            "runs": strings.counted("alt.runs", runs.count), "axis": axisTitle(xAxis, strings: strings).lowercased(),
        ])
        var clauses = [head]
        for (_, run, log) in runs {
            guard byLayer else {
                clauses.append(span(run.label, log.trace.gradientNorms, strings: strings))
                continue
            }
            for layer in 1...max(1, log.trace.layerCount) {
                guard let norms = log.trace.gradientNorms(ofLayer: layer) else { continue }
                let name = strings("legend.layer", ["n": String(layer)])
                clauses.append(span(runs.count == 1 ? name : strings("alt.runLine", ["run": run.label, "line": name]), norms, strings: strings))
            }
        }
        return clauses
    }
}
