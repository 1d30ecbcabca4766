import Foundation
import Testing
@testable import Lessons

/// The `learning-rate` and `gradient-norm` figures and the claims on the same quantities.
@Suite struct RecordedQuantityParsingTests {
    static let deep = """
        id: deep
        model: {kind: mlp, hidden: [4, 4], activation: sigmoid}
        data: {kind: moons, n: 50}
        epochs: 2
        runs: [{label: gd, optimizer: gd, lr: 0.5}]
        """

    @Test func figuresAndClaimsParseToTheirValues() throws {
        let text = lesson(experiment: Self.deep + """

            figures:
              - {kind: learning-rate}
              - {kind: learning-rate, x: epoch, y: linear, parameters: [l1.w1_1, l3.b1]}
              - {kind: gradient-norm, by: layer, runs: [gd]}
              - {kind: gradient-norm, smooth: 0.9}
            expect:
              - {run: gd, learning_rate: {at: start, above: 0.1}}
              - {run: gd, gradient_norm: {below: 10}}
              - {run: gd, gradient_norm: {layer: 1, relative_to: 3, at: start, below: 0.5}}
            """)
        let spec = try #require(try LessonParser.parse(text, file: "l.md", slug: "l").experiments.first)
        #expect(spec.figures.map(\.kind) == [
            .learningRate(x: .step, y: .log, parameters: nil),
            .learningRate(x: .epoch, y: .linear, parameters: ["l1.w1_1", "l3.b1"]),
            .gradientNorm(x: .step, y: .log, byLayer: true, smooth: nil),
            .gradientNorm(x: .step, y: .log, byLayer: false, smooth: 0.9),
        ])
        #expect(spec.claims.map(\.check) == [
            .learningRate(at: .start, .above(0.1)),
            .gradientNorm(layer: nil, relativeTo: nil, at: .end, .below(10)),
            .gradientNorm(layer: 1, relativeTo: 3, at: .start, .below(0.5)),
        ])
    }

    @Test func mistakesAreReportedAtTheirPositions() {
        let text = lesson(experiment: Self.deep + """

            figures:
              - {kind: learning-rate, parameters: [l1.w1_1, w9]}
              - {kind: gradient-norm, by: layers}
              - {kind: learning-rate, x: samples}
              - {kind: gradient-norm, y_range: [0, 1]}
            expect:
              - {run: gd, gradient_norm: {layer: 4, below: 1}}
              - {run: gd, gradient_norm: {relative_to: 2, below: 1}}
              - {run: gd, learning_rate: {at: middle, below: 1}}
              - {run: gd, learning_rate: {layer: 1, below: 1}}
              - {run: gd, gradient_norm: {at: end}}
            """)
        #expect(diagnostics(text) == [
            "l.md:12:49: error: The experiment's model has no parameter `w9`; its parameters are l1.w1_1, l1.w1_2, l1.w2_1, l1.w2_2, l1.w3_1, l1.w3_2, l1.w4_1, l1.w4_2, l1.b1, l1.b2, l1.b3, l1.b4, … (37 in all).",
            "l.md:13:31: error: `by` is `layers`, but by must be one of run, layer (did you mean `layer`?).",
            "l.md:14:30: error: `x` is `samples`, but x must be one of step, epoch.",
            "l.md:15:36: error: `y_range` is [0, 1], but y_range must be a range above 0 on a log axis.",
            "l.md:17:38: error: `layer` is 4, but layer must be a layer from 1 to 3.",
            "l.md:18:30: error: A gradient_norm claim with `relative_to` (the layer whose norm is divided) needs the key `layer`.",
            "l.md:19:35: error: `at` is `middle`, but at must be one of start, end.",
            "l.md:20:31: error: Unknown key `layer` in learning_rate; allowed keys: at, below, above.",
            "l.md:21:30: error: `gradient_norm` is a bound with neither `below` nor `above`, but gradient_norm must be one of `{below: x}` or `{above: x}`.",
        ])
    }

    @Test func byLayerNeedsAModelWithLayers() {
        let text = lesson(experiment: """
            id: bowl
            model: {kind: surface, function: quadratic}
            init: {x: 1, y: 1}
            steps: 5
            runs: [{label: gd, lr: 0.1}]
            figures:
              - {kind: gradient-norm, by: layer}
            expect:
              - {run: gd, gradient_norm: {layer: 2, below: 1}}
            """)
        #expect(diagnostics(text) == [
            "l.md:12:31: error: `by` is `layer` for a surface model, but by must be `run`; only an mlp has layers.",
            "l.md:14:38: error: `layer` is 2, but layer must be 1: the model has one layer (only an mlp has more).",
        ])
    }
}
