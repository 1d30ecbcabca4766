import Charts
import Foundation
import Lessons
import Testing
@testable import Build

/// Every figure kind's alt text, from its data, in English and Chinese. The bowl is
/// f = x² + 2y² from (−5, −2): gradient descent with η multiplies x by 1 − 2η and y by 1 − 4η
/// each step, so after 20 steps at η = 0.1, x = −5·0.8²⁰ = −0.05765 and y = −2·0.6²⁰ = −7.312e−5,
/// and f = 0.003323.
@Suite struct AltTextTests {
    static let bowl = """
        id: bowl
        model: {kind: surface, function: quadratic, a: 1, b: 2}
        init: {x: -5, y: -2}
        steps: 20
        runs:
          - {label: fast, lr: 0.1}
          - {label: slow, lr: 0.05}
        figures:
          - {kind: loss}
          - {kind: contour}
          - {kind: table}
          - {kind: hessian}
          - {kind: loss, x: step, runs: [fast], title: The fast run}
        """

    static let batches = """
        id: batches
        model: logistic
        data: {kind: moons, n: 40, noise: 0.2, seed: 3}
        epochs: 3
        seed: 1
        runs:
          - {optimizer: gd, lr: 0.5}
        sweep: {batch: [1, 8, full]}
        figures:
          - {kind: batch-sizes}
          - {kind: gradient-variance, sizes: [1, 4, 16], trials: 20}
          - {kind: contour, params: [w1, b]}
        """

    /// The alt text of every figure of `block`, with the strings of `language`.
    static func alts(_ block: String, language: String) throws -> [String] {
        let lesson = try LessonParser.parse("---\ntitle: Alt\n---\n\n```experiment\n\(block)\n```\n", file: "l.md", slug: "l")
        let spec = try #require(lesson.experiments.first)
        let (result, _) = try ExperimentRunner.run(spec, cache: .none, stored: nil)
        return spec.figures.map { FigureBuilder.description(of: $0, result: result, strings: .builtIn(language)) }
    }

    @Test func aSurfacesFiguresSayEachRunsEndAndTheMinimum() throws {
        #expect(try Self.alts(Self.bowl, language: "en") == [
            "Loss of 2 runs over 20 epochs; fast ends at 0.003323; slow ends at 0.3706; fast ends lowest.",
            "Contours of the loss over x and y with the paths of 2 runs; the minimum is at (0, 0); fast goes from (-5, -2) to (-0.05765, -7.312e-05), 0.05765 from the minimum; slow goes from (-5, -2) to (-0.6079, -0.02306), 0.6083 from the minimum.",
            "Results of 2 runs; fast ends at 0.003323; slow ends at 0.3706; fast ends lowest.",
            // The Hessian of a·x² + b·y² is diag(2a, 2b) everywhere.
            "The end point of each of 2 runs with the eigenvalues of the Hessian there; fast ends at (-0.05765, -7.312e-05), eigenvalues 2 and 4: not a critical point (‖∇f‖ > 0); slow ends at (-0.6079, -0.02306), eigenvalues 2 and 4: not a critical point (‖∇f‖ > 0).",
            "The fast run. Loss of 1 run over 20 epochs, by update step; fast ends at 0.003323.",
        ])
    }

    @Test func aSurfacesFiguresInChinese() throws {
        #expect(try Self.alts(Self.bowl, language: "zh") == [
            "2 次运行在 20 轮中的损失；fast 最终为 0.003323；slow 最终为 0.3706；fast 最终最低。",
            "损失关于 x 和 y 的等高线图，含 2 次运行的路径；最小值位于 (0, 0)；fast 从 (-5, -2) 走到 (-0.05765, -7.312e-05)，距最小值 0.05765；slow 从 (-5, -2) 走到 (-0.6079, -0.02306)，距最小值 0.6083。",
            "2 次运行的结果；fast 最终为 0.003323；slow 最终为 0.3706；fast 最终最低。",
            "2 次运行各自的终点及该处 Hessian 矩阵的特征值；fast 终点为 (-0.05765, -7.312e-05)，特征值 2 和 4：不是临界点（‖∇f‖ > 0）；slow 终点为 (-0.6079, -0.02306)，特征值 2 和 4：不是临界点（‖∇f‖ > 0）。",
            "The fast run。1 次运行在 20 轮中的损失，横轴为更新步数；fast 最终为 0.003323。",
        ])
    }

    @Test func aBatchSweepsFiguresSayTheBestBatchSizeAndTheMeasuredVariance() throws {
        #expect(try Self.alts(Self.batches, language: "en") == [
            "Four panels comparing 3 batch sizes (1, 8, full (40)): loss per epoch, loss per update, time per epoch and final loss; final loss 1: 0.3312, 8: 0.4042, full (40): 0.5586, lowest at batch size 1.",
            "Variance of mini-batch gradients against batch size, measured and as the formula predicts; measured 0.5617 at B = 1 and 0.01583 at B = 16; the formula gives 0.5246 and 0.02018.",
            "Contours of the loss over w1 and b with the paths of 3 runs; the lowest point drawn is at (1.126, 0.3612); batch 1 goes from (0, 0) to (0.8868, -0.05438); batch 8 goes from (0, 0) to (0.9352, -0.1311); full batch goes from (0, 0) to (0.3584, -0.01354).",
        ])
        #expect(try Self.alts(Self.batches, language: "zh") == [
            "四个子图比较 3 种批量大小（1，8，全量（40））：每轮损失、每次更新的损失、每轮用时和最终损失；最终损失 1：0.3312，8：0.4042，全量（40）：0.5586，批量大小为 1 时最低。",
            "小批量梯度的方差随批量大小的变化，实测值与公式预测值；实测值在 B = 1 时为 0.5617，在 B = 16 时为 0.01583；公式给出 0.5246 和 0.02018。",
            "损失关于 w1 和 b 的等高线图，含 3 次运行的路径；图中最低点位于 (1.126, 0.3612)；batch 1 从 (0, 0) 走到 (0.8868, -0.05438)；batch 8 从 (0, 0) 走到 (0.9352, -0.1311)；full batch 从 (0, 0) 走到 (0.3584, -0.01354)。",
        ])
    }

    @Test func aLossFigureWithValidationSaysTheValidationLossToo() throws {
        let block = """
            id: held
            model: logistic
            data: {kind: moons, n: 40, noise: 0.2, seed: 3, validation: 0.25}
            epochs: 3
            seed: 1
            runs:
              - {label: gd, optimizer: gd, lr: 0.5}
            figures:
              - {kind: loss, validation: true}
            """
        #expect(try Self.alts(block, language: "en") == ["Loss of 1 run over 3 epochs; gd ends at 0.51 (validation 0.6628)."])
        #expect(try Self.alts(block, language: "zh") == ["1 次运行在 3 轮中的损失；gd 最终为 0.51（验证集 0.6628）。"])
    }
}
