import Training
import Yams

/// The work and storage an experiment asks for, counted before anything runs (`Limits`).
/// Counts are Doubles: a product of limits overflows no Int and stays exact enough to compare.
struct WorkEstimate {
    /// Sample-gradient and loss evaluations over all runs.
    var evaluations = 0.0
    /// Parameter updates (optimizer steps) over all runs.
    var updates = 0.0
    /// Records kept by the run that keeps the most.
    var pointsPerRun = 0.0
    var storedBytes = 0.0
    /// Epochs of the longest run, to explain the counts.
    var epochs = 0.0
    /// Steps × batch of the run that computes the most (what `Trainer` limits per run).
    var gradientsPerRun = 0.0

    /// Per-step records a run keeps at most (`TrainingConfiguration.traceLimit`, plus the first
    /// and the final record).
    static let traceRecords = 2002.0
    /// Bytes per stored number (shortest Double text, separators, JSON keys amortised).
    static let bytesPerNumber = 24.0
    /// What one optimizer step costs per parameter, in sample-gradient evaluations per
    /// parameter (measured: a batch-1 Adam step on a 337-parameter MLP costs about ten).
    static let updateCost = 10.0

    /// A step's fixed cost (shuffling, the gradient norm, the record check, cache misses on a
    /// large dataset), in parameters: measured, a batch-1 logistic step costs about 450 ns.
    static let stepOverhead = 40.0

    /// Evaluations and updates weighted by the model's size: the arithmetic of training.
    func parameterWork(parameters: Int) -> Double {
        evaluations * Double(parameters) + Self.updateCost * updates * (Double(parameters) + Self.stepOverhead)
    }

    /// Bytes of an epoch record in the cache (epoch, losses, accuracies with their keys).
    static let bytesPerEpoch = 120.0
}

extension ExperimentParser {
    /// The sizes the limits need, as the parser knows them.
    struct Shape {
        var runs: [RunSpec]
        var budget: Budget
        var trainingSamples: Int
        var allSamples: Int
        var parameters: Int
        /// Layers whose gradient norms each record keeps.
        var layers = 1
    }

    static func estimate(_ shape: Shape) -> WorkEstimate {
        var estimate = WorkEstimate()
        let training = Double(max(1, shape.trainingSamples))
        let all = Double(max(1, shape.allSamples))
        let parameters = Double(shape.parameters)
        let traced = shape.parameters <= 64 ? parameters : 2
        for run in shape.runs {
            let batch: Double
            switch run.batch {
            case .full: batch = training
            case let .size(size): batch = min(Double(size), training)
            }
            let batchesPerEpoch = (training / batch).rounded(.up)
            let steps: Double, epochs: Double, gradients: Double
            switch shape.budget {
            case let .epochs(count):
                epochs = Double(count)
                steps = epochs * batchesPerEpoch
                gradients = epochs * training
            case let .steps(count):
                steps = Double(count)
                epochs = (steps / batchesPerEpoch).rounded(.up)
                gradients = steps * batch
            }
            estimate.gradientsPerRun = max(estimate.gradientsPerRun, steps * batch)
            estimate.updates += steps
            // Every epoch ends with the loss on the whole training and validation sets.
            estimate.evaluations += gradients + (epochs + 1) * all
            let records = min(steps, WorkEstimate.traceRecords - 2) + 2
            estimate.pointsPerRun = max(estimate.pointsPerRun, epochs + 1 + records)
            estimate.epochs = max(estimate.epochs, epochs)
            // The cache keeps epochs, the trace and the final parameters with their names; the
            // downloads repeat the trace (CSV) and the final parameters (JSON). A record holds
            // step, epoch, loss, gradient norm, three learning-rate statistics, a kept
            // parameter's value and rate each, and a norm per layer.
            estimate.storedBytes += (epochs + 1) * WorkEstimate.bytesPerEpoch
                + records * (7 + 2 * traced + Double(shape.layers)) * WorkEstimate.bytesPerNumber * 2
                + parameters * WorkEstimate.bytesPerNumber * 4
        }
        return estimate
    }

    /// Reports each limit of `Limits` the experiment would pass, at the key responsible.
    mutating func checkLimits(_ shape: Shape, fields: Fields) {
        let estimate = Self.estimate(shape)
        let budgetKey = fields["epochs"] ?? fields["steps"] ?? fields.node
        let budgetName = fields["steps"] != nil ? "steps" : "epochs"
        let budgetValue: Int
        switch shape.budget {
        case let .epochs(count), let .steps(count): budgetValue = count
        }
        let runs = shape.runs.count == 1 ? "1 run" : "\(shape.runs.count) runs"
        let samples = shape.allSamples == 1 ? "" : " × \(Limits.format(shape.trainingSamples)) samples"
        let format = { (value: Double) in Limits.format(value) }
        // One limit per experiment is enough to say what to lower; the first that fails is named.
        let budgetReported = reader.diagnostics.count
        if estimate.evaluations > Double(Limits.evaluations) {
            reader.report(.overLimit(
                needs: "\(format(estimate.evaluations)) gradient and loss evaluations (\(runs) × \(budgetName) \(Limits.format(budgetValue))\(samples), and the loss after every epoch)",
                limit: "\(format(Double(Limits.evaluations))) per experiment",
                advice: "Lower `\(budgetName)`, the data's `n` or the number of runs"), at: budgetKey)
        } else if estimate.parameterWork(parameters: shape.parameters) > Double(Limits.parameterWork) {
            reader.report(.overLimit(
                needs: "\(format(estimate.parameterWork(parameters: shape.parameters))) parameter operations (\(format(estimate.evaluations)) evaluations and \(format(estimate.updates)) optimizer steps on \(Limits.format(shape.parameters)) parameters, a step costing about \(Int(WorkEstimate.updateCost)) evaluations)",
                limit: "\(format(Double(Limits.parameterWork))) per experiment",
                advice: "Lower `\(budgetName)`, the data's `n`, the number of runs or the model's size, or use larger batches"), at: budgetKey)
        }
        if estimate.gradientsPerRun > Double(Trainer.maximumGradientEvaluations), reader.diagnostics.count == budgetReported {
            reader.report(.overLimit(
                needs: "\(format(estimate.gradientsPerRun)) sample gradients in one run (steps × batch size)",
                limit: "\(format(Double(Trainer.maximumGradientEvaluations))) per run",
                advice: "Lower `\(budgetName)` or the batch size"), at: budgetKey)
        }
        if estimate.pointsPerRun > Double(Limits.recordedPoints), reader.diagnostics.count == budgetReported {
            reader.report(.overLimit(
                needs: "\(format(estimate.pointsPerRun)) recorded points per run (one per epoch for \(format(estimate.epochs)) epochs, plus up to \(Limits.format(Int(WorkEstimate.traceRecords))) steps)",
                limit: "\(Limits.format(Limits.recordedPoints)) per run",
                advice: "Lower `\(budgetName)`; on data, larger epochs (more samples, smaller batches) record fewer points"), at: budgetKey)
        }
        let modelKey = fields["model"] ?? fields.node
        let pass = Double(shape.parameters) * Double(shape.allSamples)
        if shape.allSamples > 1, pass > Double(Limits.parametersTimesSamples) {
            reader.report(.overLimit(
                needs: "\(format(pass)) parameter × sample products per pass over the data (\(Limits.format(shape.parameters)) parameters × \(Limits.format(shape.allSamples)) samples)",
                limit: "\(format(Double(Limits.parametersTimesSamples)))",
                advice: "Use a smaller model (`hidden`) or fewer samples (`n`)"), at: modelKey)
        }
        if estimate.storedBytes > Double(Limits.storedBytes), reader.diagnostics.count == budgetReported {
            let parameterBytes = Double(shape.parameters) * WorkEstimate.bytesPerNumber * 4 * Double(shape.runs.count)
            let parametersDominate = parameterBytes * 2 > estimate.storedBytes
            let cause = parametersDominate
                ? "\(Limits.format(shape.parameters)) final parameters for each of \(runs)"
                : "one record per epoch for \(format(estimate.epochs)) epochs in each of \(runs)"
            reader.report(.overLimit(
                needs: "about \(Self.megabytes(estimate.storedBytes)) of stored results (\(cause))",
                limit: "\(Self.megabytes(Double(Limits.storedBytes))) per experiment",
                advice: parametersDominate ? "Use a smaller model or fewer runs" : "Lower `\(budgetName)` or the number of runs"),
                at: parametersDominate ? modelKey : budgetKey)
        }
    }

    /// Reports a contour figure whose loss grids, with those before it, pass `Limits.gridWork`.
    mutating func checkGrid(resolution: Int, samples: Int?, parameters: Int, at node: Node) {
        let work = Double(resolution) * Double(resolution) * Double(max(1, samples ?? 1)) * Double(max(1, parameters))
        gridWork += work
        guard gridWork > Double(Limits.gridWork) else { return }
        reader.report(.overLimit(
            needs: "\(Limits.format(gridWork)) loss terms for its contour grids (this one: \(resolution) × \(resolution) cells × \(Limits.format(samples ?? 1)) samples × \(Limits.format(parameters)) parameters)",
            limit: "\(Limits.format(Double(Limits.gridWork))) per experiment",
            advice: "Lower `resolution`, the data's `n`, or the number of contour figures"), at: node)
    }

    /// Reports a gradient-variance figure that would hold or sum too many per-sample gradients.
    mutating func checkVariance(samples: Int?, parameters: Int, sizes: [Int]?, trials: Int, at node: Node) {
        let n = Double(max(1, samples ?? 1)), p = Double(max(1, parameters))
        // By default the sizes are the powers of two below n, which sum to less than 2n, and n.
        let sizeSum = sizes.map { Double($0.reduce(0, +)) } ?? 3 * n
        if n * p > Double(Limits.varianceMemory) {
            reader.report(.overLimit(
                needs: "\(Limits.format(n * p)) per-sample gradient values for a gradient-variance figure (\(Limits.format(n)) samples × \(Limits.format(p)) parameters)",
                limit: "\(Limits.format(Double(Limits.varianceMemory)))",
                advice: "Use fewer samples (`n`) or a smaller model"), at: node)
        } else if (n + Double(trials) * sizeSum) * (p + 10) > Double(Limits.varianceWork) {
            reader.report(.overLimit(
                needs: "\(Limits.format((n + Double(trials) * sizeSum) * (p + 10))) gradient terms for a gradient-variance figure (\(trials) trials × \(Limits.format(sizeSum)) samples over its batch sizes × (\(Limits.format(p)) parameters + 10 for each pick))",
                limit: "\(Limits.format(Double(Limits.varianceWork)))",
                advice: "Lower `trials`, the batch `sizes` or the data's `n`"), at: node)
        }
    }

    static func megabytes(_ bytes: Double) -> String {
        "\(Limits.format((bytes / 1_000_000).rounded(.up))) MB"
    }
}
