import Foundation
import Lessons
import Site
import Training

/// The results of an experiment as the files a reader downloads (DESIGN.md §4):
/// `data/<lesson>/<experiment>.json` with every run's summary, and
/// `data/<lesson>/<experiment>/<run>.csv` with its recorded steps.
///
/// Numbers are written in their shortest form that reads back to the same Double.
enum ResultsFiles {
    /// Models with more parameters than this get no parameter columns in their CSV.
    static let parameterColumnLimit = 16

    /// `strings` names the downloads in the lesson's language.
    /// `placements` are each player figure's layouts (by figure id), nil for one to lay out again.
    static func files(
        for result: ExperimentResult, lesson: String, strings: InterfaceStrings = .english,
        placements: [String: [FigureLayout: FigureScript.Placement]] = [:]
    ) -> (files: [SiteFile], downloads: [Download]) {
        let spec = result.spec
        let downloads = self.downloads(for: spec, lesson: lesson, strings: strings)
        var files = [SiteFile(path: downloads.json.path, contents: Array(json(result).utf8))]
        for (log, download) in zip(result.logs, downloads.runs) {
            files.append(SiteFile(path: download.path, contents: Array(csv(log).utf8)))
        }
        for figure in spec.figures {
            guard case .gradientVariance = figure.kind else { continue }
            files.append(SiteFile(path: variancePath(figure: figure.id, lesson: lesson), contents: Array(varianceCSV(result.variances[figure.id] ?? []).utf8)))
        }
        for figure in spec.figures {
            guard let script = try? FigureScript.script(figure, result: result, lesson: lesson, strings: strings, placements: placements[figure.id]) else { continue }
            files.append(SiteFile(path: FigureScript.path(figure: figure.id, lesson: lesson), contents: Array(script.utf8)))
        }
        return (files, [downloads.json] + downloads.runs)
    }

    /// Where an experiment's summary and each run's steps are written, titled as links.
    static func downloads(for spec: ExperimentSpec, lesson: String, strings: InterfaceStrings = .english) -> (json: Download, runs: [Download]) {
        let folder = "data/\(lesson)/\(FileNames.component(spec.id))"
        let runs = zip(spec.runs, FileNames.runFileNames(spec.runs.map(\.label))).map { run, file in
            Download(title: strings("download.run", ["run": run.label]), path: "\(folder)/\(file).csv")
        }
        return (Download(title: strings("download.results"), path: folder + ".json"), runs)
    }

    /// The data behind an image figure, linked under it: the CSV of each run it draws (every
    /// curve, path and rate is a column there); a `batch-sizes` figure also plots each run's
    /// time and final loss, from the JSON; a `gradient-variance` figure, measured apart from
    /// training, has a CSV of its own. A table needs no link: it is its own data.
    static func figureData(_ figure: FigureSpec, spec: ExperimentSpec, lesson: String, strings: InterfaceStrings = .english) -> [Download] {
        let downloads = self.downloads(for: spec, lesson: lesson, strings: strings)
        let drawn = zip(spec.runs, downloads.runs).filter { figure.draws($0.0.label) }.map(\.1)
        switch figure.kind {
        case .table, .hessian:
            return []
        case .gradientVariance:
            return [Download(title: strings("download.variance"), path: variancePath(figure: figure.id, lesson: lesson))]
        case .batchSizes:
            return drawn + [downloads.json]
        case .loss, .contour, .learningRate, .gradientNorm:
            return drawn
        }
    }

    /// `data/<lesson>/<figure id>.csv`: figure ids are unique in a lesson, and the experiments'
    /// files end in `.json` or sit in their folder.
    static func variancePath(figure: String, lesson: String) -> String {
        "data/\(lesson)/\(FileNames.component(figure)).csv"
    }

    /// `batch_size,measured,expected`: the figure's points and its exact curve at each size.
    static func varianceCSV(_ variances: [GradientVariance]) -> String {
        "batch_size,measured,expected\n" + variances.map { "\($0.batchSize),\(csvNumber($0.measured)),\(csvNumber($0.expected))\n" }.joined()
    }

    // MARK: JSON

    static func json(_ result: ExperimentResult) -> String {
        let spec = result.spec
        var text = "{\n  \"experiment\": \(JSONText.string(spec.id)),\n  \"spec_sha256\": \(JSONText.string(result.key)),\n  \"runs\": ["
        for (index, (run, log)) in zip(spec.runs, result.logs).enumerated() {
            let last = log.epochs.last
            var final = ["\"loss\": \(number(log.finalLoss ?? .nan))"]
            if let validation = last?.validationLoss { final.append("\"validation_loss\": \(number(validation))") }
            if let accuracy = last?.accuracy { final.append("\"accuracy\": \(number(accuracy))") }
            let parameters = zip(spec.parameterNames, log.finalParameters).map { "\(JSONText.string($0)): \(number($1))" }
            final.append("\"gradient_norm\": \(number(log.trace.gradientNorms.last ?? .nan))")
            final.append("\"learning_rate\": \(number(log.trace.learningRates.last ?? .nan))")
            final.append("\"parameters\": {" + parameters.joined(separator: ", ") + "}")
            let fields = [
                "\"label\": \(JSONText.string(run.label))",
                "\"optimizer\": \(JSONText.string(run.optimizer.rule.name))",
                "\"lr\": \(number(run.optimizer.learningRate))",
                "\"batch\": " + (run.batch == .full ? "\"full\"" : run.batch.name),
                "\"updates\": \(log.updates)",
                "\"gradient_evaluations\": \(log.gradientEvaluations)",
                "\"seconds\": \(number(log.seconds))",
                "\"diverged_at_step\": " + (log.divergedAtStep.map(String.init) ?? "null"),
                "\"final\": {" + final.joined(separator: ", ") + "}",
            ]
            text += (index == 0 ? "\n" : ",\n") + "    {\n      " + fields.joined(separator: ",\n      ") + "\n    }"
        }
        return text + "\n  ]\n}\n"
    }

    /// A Double as JSON: its shortest round-trip form; NaN and infinities, which JSON lacks, as null.
    static func number(_ value: Double) -> String {
        guard value.isFinite else { return "null" }
        return value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : "\(value)"
    }

    // MARK: CSV

    /// `step,epoch,loss,gradient_norm,learning_rate,learning_rate_p10,learning_rate_p90`, a
    /// `gradient_norm_l<ℓ>` column per layer of a model with several, then a column per kept
    /// parameter for models of at most 16 parameters.
    static func csv(_ log: TrainingLog) -> String {
        let trace = log.trace
        let columns = log.parameterNames.count <= parameterColumnLimit ? trace.parameterIndices : []
        let layers = trace.layerCount > 1 && trace.layerGradientNorms.count == trace.count * trace.layerCount ? trace.layerCount : 0
        let rates = trace.learningRates.count == trace.count && trace.learningRateLows.count == trace.count && trace.learningRateHighs.count == trace.count
        let header = ["step", "epoch", "loss", "gradient_norm", "learning_rate", "learning_rate_p10", "learning_rate_p90"]
            + (0..<layers).map { "gradient_norm_l\($0 + 1)" } + columns.map { csvField(log.parameterNames[$0]) }
        var text = header.joined(separator: ",") + "\n"
        text.reserveCapacity(text.utf8.count + trace.count * 16 * (7 + layers + columns.count))
        let width = trace.parameterIndices.count
        func add(_ value: Double) {
            text += ","
            text += csvNumber(value)
        }
        for record in 0..<trace.count {
            text += String(trace.steps[record])
            add(trace.epochs[record])
            add(trace.losses[record])
            add(trace.gradientNorms[record])
            if rates {
                add(trace.learningRates[record])
                add(trace.learningRateLows[record])
                add(trace.learningRateHighs[record])
            } else {
                text += ",nan,nan,nan"
            }
            for layer in 0..<layers { add(trace.layerGradientNorms[record * layers + layer]) }
            for position in columns.indices { add(trace.parameters[record * width + position]) }
            text += "\n"
        }
        return text
    }

    /// A Double as CSV: its shortest round-trip form, or `nan`, `inf`, `-inf` as NumPy and pandas read them.
    static func csvNumber(_ value: Double) -> String {
        if value.isNaN { return "nan" }
        if value.isInfinite { return value > 0 ? "inf" : "-inf" }
        return number(value)
    }

    static func csvField(_ text: String) -> String {
        text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
    }
}

/// The wall-clock times recorded in an experiment's results JSON, with the key of the spec they
/// were measured for: a build that trains the same spec again keeps these times, so that the
/// same lessons give the same bytes on every run and every machine.
struct StoredTimings: Sendable {
    var key: String
    /// Seconds by run label.
    var seconds: [String: Double]

    private struct Stored: Decodable {
        struct Run: Decodable {
            var label: String
            var seconds: Double?
        }
        var spec_sha256: String
        var runs: [Run]
    }

    init?(contentsOf url: URL) {
        // JSONDecoder reads each number back to the same Double (JSONSerialization, on Linux,
        // does not for every value).
        guard let data = RegularFile.contents(atPath: url.path),
              let stored = try? JSONDecoder().decode(Stored.self, from: data)
        else { return nil }
        key = stored.spec_sha256
        seconds = Dictionary(stored.runs.compactMap { run in run.seconds.map { (run.label, $0) } }, uniquingKeysWith: { first, _ in first })
    }
}
