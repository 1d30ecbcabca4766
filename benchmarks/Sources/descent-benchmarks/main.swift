// Descent's benchmarks: run with `make bench` (release build). Prints one line per measure
// with the target from DESIGN.md §7. Each timing is the best of five repetitions (twenty for
// a figure, which takes milliseconds on a machine whose timings vary by a quarter).
import Charts
import Foundation
import Training

func seconds(repetitions: Int = 5, _ body: () throws -> Void) rethrows -> Double {
    let clock = ContinuousClock()
    var best = Double.infinity
    for _ in 0..<repetitions {
        let start = clock.now
        try body()
        let elapsed = clock.now - start
        best = min(best, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
    }
    return best
}

func report(_ name: String, _ value: Double, unit: String, target: Double? = nil) {
    let verdict = target.map { String(format: "  (target ≤ %g %@, %@)", $0, unit, value <= $0 ? "ok" : "over target") } ?? "  (no target)"
    print(String(format: "%-62@ %9.2f %@", name as NSString, value, unit as NSString) + verdict)
}

/// Time per sample of `problem.lossAndGradient` over consecutive batches of `batchSize`,
/// `passes` times through the data: the cost of one sample-gradient, loss included.
func sampleGradientCost(_ problem: some TrainingProblem, at parameters: [Double], batchSize: Int, passes: Int) -> Double {
    let samples = problem.sampleCount
    let order = Array(0..<samples)
    var gradient = [Double](repeating: 0, count: problem.parameterCount)
    var workspace = [Double](repeating: 0, count: max(1, problem.workspaceCount))
    var sink = 0.0
    let time = seconds {
        parameters.withUnsafeBufferPointer { point in
            order.withUnsafeBufferPointer { indices in
                gradient.withUnsafeMutableBufferPointer { g in
                    workspace.withUnsafeMutableBufferPointer { w in
                        for _ in 0..<passes {
                            var start = 0
                            while start < samples {
                                let end = min(start + batchSize, samples)
                                sink += problem.lossAndGradient(
                                    point.baseAddress!, batch: UnsafeBufferPointer(rebasing: indices[start..<end]),
                                    gradient: g.baseAddress!, workspace: w.baseAddress!)
                                start = end
                            }
                        }
                    }
                }
            }
        }
    }
    precondition(sink.isFinite)
    return time / Double(passes * samples)
}

// `descent-benchmarks training` or `descent-benchmarks drawing` runs one section.
let sections = Set(CommandLine.arguments.dropFirst())
func runs(_ section: String) -> Bool { sections.isEmpty || sections.contains(section) }

let moons = try DataSource.moons(samples: 4096, noise: 0.2).make(seed: 1)
let logistic = try SupervisedProblem(model: LinearModel(kind: .logistic, inputs: 2), loss: .bce, reduction: .mean, training: moons)

if runs("training") {
// Logistic regression on 2 features, bce, batches of 256.
let logisticCost = sampleGradientCost(logistic, at: [0.3, -0.2, 0.1], batchSize: 256, passes: 500)
report("logistic, 2 features, batch 256: per sample-gradient", logisticCost * 1e9, unit: "ns", target: 5)

// Batch 1 through the whole trainer: what a step costs beyond its one sample-gradient. The
// trainer also evaluates the full training loss once per epoch (one forward pass per sample),
// which at batch 1 is one more sample-loss per step; it is counted in the step's cost.
let stepCount = 409_600
let singleTime = try seconds {
    _ = try Trainer.train(
        logistic, from: [0, 0, 0], optimizer: try Optimizer(.gd(GradientDescent()), learningRate: 0.1),
        configuration: TrainingConfiguration(batch: .size(1), budget: .steps(stepCount), seed: 1))
}
let perStep = singleTime / Double(stepCount)
report("logistic, batch 1, trainer: step cost beyond the sample-gradient", (perStep - logisticCost) * 1e9, unit: "ns", target: 100)

// MLP 2-16-16-1, tanh, bce, batches of 64.
let mlp = try SupervisedProblem(
    model: MLP(inputs: 2, hidden: [16, 16], outputs: 1, activation: .tanh, link: .sigmoid),
    loss: .bce, reduction: .mean, training: moons)
var random = SeededGenerator(seed: 1)
let mlpStart = mlp.model.defaultInitialization(random: &random)
let mlpCost = sampleGradientCost(mlp, at: mlpStart, batchSize: 64, passes: 20)
report("mlp 2-16-16-1 tanh, batch 64: per sample-gradient", mlpCost * 1e6, unit: "µs", target: 0.5)

// The same MLP trained with Adam through the trainer, per sample (epoch evaluations included).
let mlpEpochs = 20
let mlpTime = try seconds {
    _ = try Trainer.train(
        mlp, from: mlpStart, optimizer: try Optimizer(.adam(Adam()), learningRate: 0.01),
        configuration: TrainingConfiguration(batch: .size(64), budget: .epochs(mlpEpochs), seed: 1))
}
report("mlp 2-16-16-1 tanh, Adam, batch 64, trainer: per sample", mlpTime / Double(mlpEpochs * moons.sampleCount) * 1e6, unit: "µs", target: 1)

// Softmax heads (DESIGN.md §7 sets no target): a linear model and an MLP on three classes.
let blobs = try DataSource.blobs(samples: 4096, centers: 3, features: 2, spread: 1, box: 4).make(seed: 1)
let softmax = try SupervisedProblem(model: LinearModel(kind: .softmax, inputs: 2, classes: 3), loss: .crossEntropy, reduction: .mean, training: blobs)
let softmaxCost = sampleGradientCost(softmax, at: softmax.model.defaultInitialization(random: &random), batchSize: 256, passes: 50)
report("softmax, 2 features, 3 classes, batch 256: per sample-gradient", softmaxCost * 1e9, unit: "ns")
let softmaxMLP = try SupervisedProblem(
    model: MLP(inputs: 2, hidden: [16, 16], outputs: 3, activation: .tanh, link: .softmax),
    loss: .crossEntropy, reduction: .mean, training: blobs)
let softmaxMLPCost = sampleGradientCost(softmaxMLP, at: softmaxMLP.model.defaultInitialization(random: &random), batchSize: 64, passes: 5)
report("mlp 2-16-16-3 tanh softmax, batch 64: per sample-gradient", softmaxMLPCost * 1e6, unit: "µs")
}

if runs("grid") {
// A contour's loss grid (issue 19): 200 × 200 points of the full logistic loss over 20,000
// samples, 800 million sample losses, on every core and on one. Best of three.
let gridData = try DataSource.moons(samples: 20_000, noise: 0.2).make(seed: 1)
let gridProblem = try SupervisedProblem(model: LinearModel(kind: .logistic, inputs: 2), loss: .bce, reduction: .mean, training: gridData)
let sampleLosses = 200.0 * 200 * Double(gridData.sampleCount)
let cores = ProcessInfo.processInfo.activeProcessorCount
/// The process's processor time so far (all threads, user and system), in seconds: on a shared
/// machine it counts only this process's work, where the wall clock counts the waits too.
func processorSeconds() -> Double {
    var usage = rusage()
    #if canImport(Glibc)
    getrusage(RUSAGE_SELF.rawValue, &usage)
    #else
    getrusage(RUSAGE_SELF, &usage)
    #endif
    return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) * 1e-6
}
// Over (w₁, b), as a contour of a logistic regression usually is, the line kernel varies the bias
// and needs no exponential per sample; over (w₁, w₂) it needs one.
for (names, yIndex) in [("w₁, b", 2), ("w₁, w₂", 1)] {
    for jobs in Set([cores, 1]).sorted(by: >) {
        var bestProcessor = Double.infinity
        let gridTime = try seconds(repetitions: 3) {
            let start = processorSeconds()
            _ = try LossGrid.evaluate(gridProblem, base: [0.3, -0.2, 0.1], xIndex: 0, yIndex: yIndex, xRange: -4...4, yRange: -4...4, columns: 200, rows: 200, jobs: jobs)
            bestProcessor = min(bestProcessor, processorSeconds() - start)
        }
        let name = "loss grid 200×200 over (\(names)), logistic, 20,000 samples, \(jobs) core\(jobs == 1 ? "" : "s")"
        report(name, gridTime, unit: "s", target: jobs == 1 ? nil : 0.25)
        report("  per sample-loss, processor time of all cores", bestProcessor / sampleLosses * 1e9, unit: "ns")
    }
}
}

if runs("drawing") || sections.contains("png") {
// Drawing. A loss figure: 3 runs × 1000 points, drawn and encoded as PNG at 2×.
let lossFigure = Figure(size: Size(width: 640, height: 380), panels: [
    Axes(xLabel: "Epoch", yLabel: "Loss (log scale)", yScale: .log, marks: (0..<3).map { run in
        .line(LineMark(
            points: (0..<1000).map { Point(Double($0), exp(-Double($0) * 0.004 * Double(run + 1)) * (1 + 0.1 * sin(Double($0) * 0.7))) },
            label: ChartText(plain: "run \(run + 1)"), color: Palette.series(run)))
    }),
])
let lossDrawing = try seconds(repetitions: 20) { _ = try lossFigure.png(scale: 2) }
if sections.contains("stages") {
    let layout = seconds { FigureDrawing(lossFigure).draw(on: RecordingRenderer(scale: 2)) }
    let cairo = try seconds {
        let renderer = try CairoRenderer(size: lossFigure.size, scale: 2)
        FigureDrawing(lossFigure).draw(on: renderer)
    }
    print(String(format: "  stages: layout %.2f ms, layout + Cairo drawing %.2f ms, encoding the rest", layout * 1e3, cairo * 1e3))
}
report("loss figure, 3 runs × 1000 points, 2×, drawn and encoded", lossDrawing * 1e3, unit: "ms", target: 20)

// A loss figure of a million recorded steps on a log axis (issue 13: 55 s before the scene
// decimated long paths per pixel column). The layout alone, then drawn and encoded.
let millionSteps = Figure(size: Size(width: 640, height: 380), panels: [
    Axes(xLabel: "Update step", yLabel: "Loss (log scale)", yScale: .log, marks: [
        .line(LineMark(
            points: (0..<1_000_000).map { Point(Double($0), exp(-Double($0) / 200_000) * (1 + 0.3 * sin(Double($0)))) },
            label: "run", color: Palette.series(0))),
    ]),
])
let millionLayout = seconds(repetitions: 3) { _ = FigureDrawing(millionSteps).scene(measuring: RecordingRenderer(scale: 2), scale: 2) }
report("loss figure, 1 run × 1,000,000 steps, log axis, layout only", millionLayout * 1e3, unit: "ms")
let millionDrawing = try seconds(repetitions: 3) { _ = try millionSteps.png(scale: 2) }
report("loss figure, 1 run × 1,000,000 steps, log axis, 2×, drawn and encoded", millionDrawing * 1e3, unit: "ms")

// A contour figure: a 200 × 200 grid of Rosenbrock's function (evaluated outside the timing)
// with 3 trajectories of 2000 points, drawn and encoded as PNG at 2×.
let xs = (0..<200).map { -2 + 4 * Double($0) / 199 }
let ys = (0..<200).map { -1 + 4 * Double($0) / 199 }
let surface = try Surface(.rosenbrock(a: 1, b: 100))
let values = ys.flatMap { y in xs.map { x in surface.value(x: x, y: y) } }
let paths = try [0.0005, 0.001, 0.0015].map { lr -> [Point] in
    let log = try Trainer.train(surface, from: [-1.5, 2], optimizer: Optimizer(.momentum(Momentum(momentum: 0.8)), learningRate: lr),
                                configuration: TrainingConfiguration(budget: .steps(2000)))
    guard let px = log.trace.values(ofParameter: 0), let py = log.trace.values(ofParameter: 1) else { return [] }
    return zip(px, py).map { Point($0, $1) }
}
let contourFigure = Figure(size: Size(width: 640, height: 460), panels: [
    Axes(xLabel: "x", yLabel: "y", xLimits: -2...2, yLimits: -1...3, marks:
        [.contour(ContourMark(grid: Grid(xValues: xs, yValues: ys, values: values), levels: Contours.levels(for: values, targetCount: 12).levels, colorBarLabel: "Loss"))]
        + paths.enumerated().map { .trajectory(TrajectoryMark(points: $0.element, label: ChartText(plain: "run \($0.offset + 1)"), color: Palette.series($0.offset))) }),
])
// A figure's renderings share its contour's raster and iso-lines (`ComputationMemo`), so each
// repetition draws a grid of its own (one value moved by an ulp), as a build draws a new figure.
var contourRepetition = 0
let contourDrawing = try seconds(repetitions: 20) {
    contourRepetition += 1
    var figure = contourFigure
    if case var .contour(mark)? = figure.panels[0].marks.first {
        for _ in 0..<contourRepetition { mark.grid.values[0] = mark.grid.values[0].nextUp }
        figure.panels[0].marks[0] = .contour(mark)
    }
    _ = try figure.png(scale: 2)
}
report("contour figure, 200×200 grid, 3 paths, 2×, drawn and encoded", contourDrawing * 1e3, unit: "ms", target: 60)
let contourAgain = try seconds(repetitions: 20) { _ = try contourFigure.png(scale: 2) }
report("  another rendering of the same contour (raster and iso-lines shared)", contourAgain * 1e3, unit: "ms")

// PNG encoding (issue 19): libpng's filters and zlib's settings, each encoding the same
// canvases, size and time per setting. `descent-benchmarks png` encodes this file's loss and
// contour figures at 2×; `descent-benchmarks png a.png b.png` encodes the pixels of those files
// (a built course's figures), after the drawing section. Timings are the best and the median of seven encodings.
if sections.contains("png") {
    func canvas(_ png: [UInt8]) throws -> (width: Int, height: Int, pixels: [UInt32]) {
        let image = try PNGDecoder.decode(png)
        let pixels = (0..<(image.width * image.height)).map { index -> UInt32 in
            let base = index * image.channels
            let alpha = image.channels == 4 ? UInt32(image.bytes[base + 3]) : 255
            let premultiplied = (0..<3).map { (UInt32(image.bytes[base + $0]) * alpha + 127) / 255 }
            return alpha << 24 | premultiplied[0] << 16 | premultiplied[1] << 8 | premultiplied[2]
        }
        return (image.width, image.height, pixels)
    }
    let files = CommandLine.arguments.dropFirst().filter { $0.hasSuffix(".png") }
    let images: [(name: String, width: Int, height: Int, pixels: [UInt32])] = files.isEmpty
        ? try [("loss figure, 2×", lossFigure), ("contour figure, 2×", contourFigure)].map { name, figure in
            let image = try canvas(try figure.png(scale: 2))
            return (name, image.width, image.height, image.pixels)
        }
        : try files.map { path in
            let image = try canvas(Array(try Data(contentsOf: URL(fileURLWithPath: path))))
            return (path, image.width, image.height, image.pixels)
        }
    let filterChoices: [PNGSettings.Filters] = [.unfiltered, .sub, .up, .average, .paeth, .all]
    var settings: [PNGSettings] = [.figures, .libpngDefaults]
    for filters in filterChoices {
        for strategy in [PNGSettings.Strategy.standard, .filtered, .runLength] {
            for level in [1, 3, 4, 5, 6, 9] {
                for memoryLevel in [8, 9] {
                    settings.append(PNGSettings(filters: filters, level: level, strategy: strategy, memoryLevel: memoryLevel, windowBits: 15))
                }
            }
        }
    }
    for image in images {
        print("\(image.name): \(image.width)×\(image.height)")
        var rows: [(name: String, bytes: Int, best: Double, median: Double)] = []
        try image.pixels.withUnsafeBytes { raw in
            let base = raw.baseAddress!.assumingMemoryBound(to: UInt8.self)
            let encoders = settings.map { setting in
                (setting == .figures ? "figures (\(setting))" : setting == .libpngDefaults ? "libpng defaults" : setting.description, {
                    try PNGEncoder.encode(base, width: image.width, height: image.height, stride: image.width * 4, settings: setting)
                })
            }
            for (name, encode) in encoders {
                var bytes = 0
                var times: [Double] = []
                let clock = ContinuousClock()
                for _ in 0..<7 {
                    let start = clock.now
                    bytes = try encode().count
                    let elapsed = clock.now - start
                    times.append(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
                }
                times.sort()
                rows.append((name, bytes, times[0], times[3]))
            }
        }
        let limit = rows.first { $0.name == "libpng defaults" }?.bytes ?? Int.max
        for row in rows {
            print(String(format: "  %-72@ %9d bytes  best %7.2f ms  median %7.2f ms%@", row.name as NSString, row.bytes,
                         row.best * 1e3, row.median * 1e3, (row.bytes <= limit ? "" : "  (larger than libpng's defaults)") as NSString))
        }
        print("  fastest no larger than libpng's defaults:")
        for row in rows.filter({ $0.bytes <= limit }).sorted(by: { $0.best < $1.best }).prefix(8) {
            print(String(format: "    %-70@ %9d bytes  best %7.2f ms", row.name as NSString, row.bytes, row.best * 1e3))
        }
    }
}
}
