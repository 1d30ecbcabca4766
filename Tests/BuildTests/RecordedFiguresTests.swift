import Charts
import Foundation
import Lessons
import Testing
import TestSupport
import Training
@testable import Build

/// The `learning-rate` and `gradient-norm` figures, their claims and the CSV columns behind them.
@Suite struct RecordedFiguresTests {
    /// Adagrad on x² + y² from (3, 3), η = 0.5: rates 0.5/6, 0.5/√61 and 0.5/√(61 + 4x₂²) with
    /// x₂ = 2.5 − 2.5/√61 (hand-computed in EffectiveLearningRateTests); ‖∇f(3, 3)‖ = √72.
    static let lesson = """
        ---
        title: Recorded
        ---

        ```experiment
        id: bowl
        model: {kind: surface, function: quadratic, a: 1, b: 1}
        init: {x: 3, y: 3}
        steps: 3
        runs:
          - {label: Adagrad, optimizer: adagrad, lr: 0.5}
        figures:
          - {kind: learning-rate, caption: Rates.}
          - {kind: learning-rate, parameters: [x, y], caption: Per parameter.}
          - {kind: gradient-norm, caption: Norms.}
        expect:
          - {run: Adagrad, learning_rate: {at: end, below: 0.05}}
          - {run: Adagrad, learning_rate: {at: start, above: 0.08}}
          - {run: Adagrad, gradient_norm: {at: start, below: 9}}
        ```

        ```experiment
        id: deep
        model: {kind: mlp, hidden: [4, 4], activation: sigmoid}
        data: {kind: moons, n: 40, seed: 1}
        epochs: 2
        runs:
          - {label: gd, optimizer: gd, lr: 0.5}
        figures:
          - {kind: gradient-norm, by: layer, caption: Layers.}
        expect:
          - {run: gd, gradient_norm: {layer: 1, relative_to: 3, at: start, below: 0.0001}}
        ```
        """

    @Test func figuresAreDrawnAndDescribedFromTheNumbers() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let (report, output) = try build(Self.lesson, in: folder)
        let page = try HTMLDocument.parse(contentsOf: output.appendingPathComponent("01-kinds.html"))
        let images = page.all("img")
        let sizes = images.compactMap { $0.attributes["src"].flatMap { PNGHeader(contentsOf: output.appendingPathComponent($0)) } }
        #expect(sizes == Array(repeating: PNGHeader(width: 640, height: 380), count: 4))
        let alts = images.compactMap { $0.attributes["alt"] }
        #expect(alts.prefix(3) == [
            "Effective learning rate of 1 run by update step (median over 2 parameters, band from the 10th to the 90th percentile); Adagrad from 0.08333 at the start to 0.0559 at the end.",
            "Effective learning rate of 1 run by update step, for x, y; x from 0.08333 at the start to 0.0559 at the end; y from 0.08333 at the start to 0.0559 at the end.",
            "Gradient norm of 1 run by update step; Adagrad from 8.485 at the start to 5.476 at the end.",
        ])
        #expect(alts.last?.hasPrefix("Gradient norm per layer of 1 run by update step; layer 1 from ") == true)
        #expect(alts.last?.contains("; layer 3 from ") == true)

        // Only the claims that do not hold are errors, each with the value measured.
        let file = folder.url.path + "/lessons/01-kinds.md"
        let problems = report.problems.map(\.description)
        #expect(problems.count == 2)
        #expect(problems.first == file + ":17:5: error: The claim `Adagrad`: median effective learning rate at the end below 0.05 does not hold: the median effective learning rate at the end is 0.0559.")
        #expect(problems.last?.hasPrefix(file + ":32:5: error: The claim `gd`: layer 1's gradient norm over layer 3's at the start below 0.0001 does not hold: layer 1's gradient norm over layer 3's at the start is ") == true)
    }

    @Test func anMLPsCSVHasAColumnPerLayer() throws {
        let data = try DataSource.moons(samples: 20, noise: 0.1).make(seed: 1)
        let problem = try SupervisedProblem(model: MLP(inputs: 2, hidden: [3], outputs: 1, activation: .tanh, link: .sigmoid), loss: .bce, reduction: .mean, training: data)
        var random = SeededGenerator(seed: 1)
        let start = problem.model.defaultInitialization(random: &random)
        let log = try Trainer.train(problem, from: start, optimizer: Optimizer(.adam(Adam()), learningRate: 0.01), configuration: TrainingConfiguration(budget: .epochs(2)))
        let lines = ResultsFiles.csv(log).split(separator: "\n")
        // 13 parameters: a column each (≤ 16).
        #expect(lines.first == "step,epoch,loss,gradient_norm,learning_rate,learning_rate_p10,learning_rate_p90,gradient_norm_l1,gradient_norm_l2," + problem.parameterNames.joined(separator: ","))
        let cells = lines[1].split(separator: ",").map(String.init)
        #expect(cells.count == 9 + 13)
        #expect(cells[3] == ResultsFiles.csvNumber(log.trace.gradientNorms[0]))
        #expect(cells[4] == ResultsFiles.csvNumber(log.trace.learningRates[0]))
        #expect(cells[7] == ResultsFiles.csvNumber(log.trace.layerGradientNorms[0]))
        #expect(cells[8] == ResultsFiles.csvNumber(log.trace.layerGradientNorms[1]))
        // The two layers' norms make up the whole gradient's.
        let l1 = log.trace.layerGradientNorms[0], l2 = log.trace.layerGradientNorms[1]
        #expect(abs((l1 * l1 + l2 * l2).squareRoot() - log.trace.gradientNorms[0]) < 1e-12)
    }

    /// The charts as mark values: bands under median lines, a line per named parameter (kept
    /// even in a model of more than 64 parameters), a viridis colour per layer.
    @Test func chartsComposeTheirMarks() throws {
        let text = """
            ---
            title: Marks
            ---

            ```experiment
            id: wide
            model: {kind: mlp, hidden: [8, 8], activation: tanh}
            data: {kind: moons, n: 40, seed: 1}
            epochs: 3
            runs:
              - {label: Adam, optimizer: adam, lr: 0.01, batch: 8}
              - {label: Adagrad, optimizer: adagrad, lr: 0.1, batch: 8}
            figures:
              - {kind: learning-rate}
              - {kind: learning-rate, runs: [Adam], parameters: [l1.w1_1, l3.b1]}
              - {kind: gradient-norm, by: layer, runs: [Adagrad]}
              - {kind: gradient-norm, by: layer, runs: [Adagrad], smooth: 0.5}
            ```
            """
        let spec = try #require(try LessonParser.parse(text, file: "l.md", slug: "l").experiments.first)
        #expect(spec.parameterNames.count == 105)
        let result = try ExperimentRunner.train(spec)
        let marks = spec.figures.map { FigureBuilder.chart(for: $0, result: result)?.panels.first?.marks ?? [] }

        let bands = marks[0].compactMap { mark -> AreaMark? in if case let .area(area) = mark { return area } else { return nil } }
        #expect(bands.map(\.color) == [Palette.series(0).opacity(0.2), Palette.series(1).opacity(0.2), Color.ink.opacity(0.2)])
        #expect(bands.last?.label == "10th–90th percentile of the parameters" && bands.last?.lower.isEmpty == true)
        let medians = marks[0].compactMap { mark -> LineMark? in if case let .line(line) = mark { return line } else { return nil } }
        #expect(medians.map(\.label) == ["Adam", "Adagrad"])
        #expect(medians[0].points.map(\.y) == result.logs[0].trace.learningRates)

        let perParameter = marks[1].compactMap { mark -> LineMark? in if case let .line(line) = mark { return line } else { return nil } }
        #expect(perParameter.count == 2)
        #expect(perParameter.map(\.color) == [Palette.series(0), Palette.series(1)])
        #expect(perParameter.allSatisfy { $0.points.count == result.logs[0].trace.count })

        let layers = marks[2].compactMap { mark -> LineMark? in if case let .line(line) = mark { return line } else { return nil } }
        #expect(layers.map(\.label) == ["layer 1 (input)", "layer 2", "layer 3 (output)"])
        #expect(layers.map(\.color) == [Colormap.viridis.color(at: 0), Colormap.viridis.color(at: 0.425), Colormap.viridis.color(at: 0.85)])
        #expect(layers[0].points.map(\.y) == result.logs[1].trace.gradientNorms(ofLayer: 1))

        // Smoothed: the faint raw lines first, unlabelled, then the averages with the labels.
        let smoothed = marks[3].compactMap { mark -> LineMark? in if case let .line(line) = mark { return line } else { return nil } }
        #expect(smoothed.map(\.label) == [nil, nil, nil, "layer 1 (input)", "layer 2", "layer 3 (output)"])
        #expect(smoothed[0].color == Colormap.viridis.color(at: 0).opacity(0.22))
        let raw = try #require(result.logs[1].trace.gradientNorms(ofLayer: 1))
        // The bias-corrected average with weight ½: a₁, then (¼·a₁ + ½·a₂)/(1 − ¼).
        let second = (0.25 * raw[0] + 0.5 * raw[1]) / 0.75
        #expect(smoothed[3].points[0].y == raw[0])
        #expect(abs(smoothed[3].points[1].y - second) <= 1e-15 * second)
    }

    /// Figure options and a run's colour hold for these kinds as for the others.
    @Test func optionsAndRunColoursApply() throws {
        let text = """
            ---
            title: Options
            ---

            ```experiment
            id: bowl
            model: {kind: surface, function: quadratic}
            init: {x: 3, y: 3}
            steps: 4
            runs:
              - {label: Adagrad, optimizer: adagrad, lr: 0.5, color: vermilion}
            figures:
              - {kind: learning-rate, size: small, title: Rates, y_label: Step size}
              - {kind: gradient-norm, x: epoch, y: linear}
            ```
            """
        let spec = try #require(try LessonParser.parse(text, file: "l.md", slug: "l").experiments.first)
        let result = try ExperimentRunner.train(spec)
        let rates = try #require(FigureBuilder.chart(for: spec.figures[0], result: result))
        #expect(rates.size == Size(width: 420, height: 280))
        #expect(rates.title == "Rates" && rates.panels.first?.yLabel == "Step size")
        let norms = try #require(FigureBuilder.chart(for: spec.figures[1], result: result))
        #expect(norms.panels.first?.yScale == .linear)
        let line = norms.panels.first?.marks.compactMap { mark -> LineMark? in if case let .line(line) = mark { return line } else { return nil } }.first
        #expect(line?.color == FigureBuilder.color(named: .vermilion))
        // On a surface one step is one epoch.
        #expect(line?.points.map(\.x) == [0, 1, 2, 3, 4])
    }
}
