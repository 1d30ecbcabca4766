import Testing
@testable import Lessons

/// `size`, `title`, `x_label`, `y_label` on figures and `color` on runs: parsed values, and
/// each mistake an error at its value with what would be right.
@Suite struct FigureOptionsParserTests {
    /// A moons experiment with two runs; `figures:` items start on line 13, `runs:` on line 10.
    func experiment(figures: String, runs: String = "[{label: a, lr: 0.1}, {label: b, lr: 0.2}]", sweep: String = "") -> String {
        lesson(experiment: """
            id: e
            model: logistic
            data: {kind: moons, n: 40}
            epochs: 2
            runs: \(runs)
            \(sweep.isEmpty ? "seed: 1" : "sweep: \(sweep)")
            figures:
              \(figures)
            """)
    }

    func figures(_ text: String) throws -> [FigureSpec] {
        try #require(try LessonParser.parse(text, file: "l.md", slug: "l").experiments.first).figures
    }

    @Test func sizesTitlesAndLabelsAreParsed() throws {
        let parsed = try figures(experiment(figures: """
            - {kind: loss, size: wide, title: "Adam 对 SGD", x_label: Step, y_label: "Loss & more"}
              - {kind: loss, size: [500, 300]}
              - {kind: contour, params: [w1, b], size: square}
              - {kind: loss, size: small}
              - {kind: loss}
            """))
        #expect(parsed.map(\.options.size) == [.wide, .pixels(width: 500, height: 300), .square, .small, nil])
        #expect(parsed[0].options == FigureSpec.Options(size: .wide, title: "Adam 对 SGD", xLabel: "Step", yLabel: "Loss & more"))
        #expect(parsed[4].options == FigureSpec.Options())
    }

    @Test func aSizeOutsideItsBoundsIsAnErrorAtTheNumberNamingTheBounds() {
        #expect(diagnostics(experiment(figures: "- {kind: loss, size: [100, 300]}")) == [
            "l.md:13:25: error: `size` is 100, but size must be wide, square, small, or [width, height] in CSS pixels with width from 280 to 1600 and height from 200 to 1200.",
        ])
        #expect(diagnostics(experiment(figures: "- {kind: loss, size: [640, 5000]}")) == [
            "l.md:13:30: error: `size` is 5000, but size must be wide, square, small, or [width, height] in CSS pixels with width from 280 to 1600 and height from 200 to 1200.",
        ])
    }

    @Test func theBatchSizesGridHasLargerLowerBounds() {
        #expect(diagnostics(experiment(figures: "- {kind: batch-sizes, size: [400, 300]}", runs: "[{lr: 0.1}]", sweep: "{batch: [1, full]}")) == [
            "l.md:13:32: error: `size` is 400, but size must be wide, square, small, or [width, height] in CSS pixels with width from 480 to 1600 and height from 360 to 1200.",
            "l.md:13:37: error: `size` is 300, but size must be wide, square, small, or [width, height] in CSS pixels with width from 480 to 1600 and height from 360 to 1200.",
        ])
    }

    @Test func anUnknownSizeNameOrAListOfOneIsAnError() {
        #expect(diagnostics(experiment(figures: "- {kind: loss, size: wdie}")) == [
            "l.md:13:24: error: `size` is `wdie`, but size must be wide, square, small, or [width, height] in CSS pixels with width from 280 to 1600 and height from 200 to 1200 (did you mean `wide`?).",
        ])
        #expect(diagnostics(experiment(figures: "- {kind: loss, size: [640]}")) == [
            "l.md:13:24: error: `size` is a list of 1 number, but size must be wide, square, small, or [width, height] in CSS pixels with width from 280 to 1600 and height from 200 to 1200.",
        ])
    }

    @Test func axisLabelsOnTheBatchSizesGridAreAnErrorNamingTheKindsThatTakeThem() {
        #expect(diagnostics(experiment(figures: "- {kind: batch-sizes, title: Sizes, x_label: Epoch}", runs: "[{lr: 0.1}]", sweep: "{batch: [1, full]}")) == [
            "l.md:13:39: error: `x_label` does not apply to a `batch-sizes` figure, whose four panels label their own axes; it is an option of `loss`, `contour`, `gradient-variance`, `learning-rate`, `gradient-norm`, `explore` figures.",
        ])
    }

    @Test func aTitleOnATableIsAnError() {
        #expect(diagnostics(experiment(figures: "- {kind: table, title: Results}")) == [
            "l.md:13:19: error: `title` does not apply to a `table` figure, which is a table, not an image; it is an option of `loss`, `contour`, `batch-sizes`, `gradient-variance`, `learning-rate`, `gradient-norm`, `explore` figures.",
        ])
    }

    @Test func anEmptyTitleIsAnError() {
        #expect(diagnostics(experiment(figures: "- {kind: loss, title: \" \"}")) == [
            "l.md:13:25: error: `title` is empty, but title must be a text to draw, such as “Adam against SGD”.",
        ])
    }

    @Test func aRunTakesAColourByName() throws {
        let text = experiment(figures: "- {kind: loss}", runs: "[{label: a, lr: 0.1, color: vermilion}, {label: b, lr: 0.2, color: sky-blue}, {label: c}]")
        let runs = try #require(try LessonParser.parse(text, file: "l.md", slug: "l").experiments.first).runs
        #expect(runs.map(\.color) == [.vermilion, .skyBlue, nil])
    }

    @Test func aSweptRunKeepsItsColourInEveryCopy() throws {
        let text = experiment(figures: "- {kind: loss}", runs: "[{lr: 0.1, color: green}]", sweep: "{batch: [1, 8, full]}")
        let runs = try #require(try LessonParser.parse(text, file: "l.md", slug: "l").experiments.first).runs
        #expect(runs.map(\.color) == [.green, .green, .green])
    }

    @Test func anUnknownColourIsAnErrorListingThePaletteNearestFirst() {
        #expect(diagnostics(experiment(figures: "- {kind: loss}", runs: "[{label: a, color: red}]")) == [
            "l.md:10:26: error: `color` is `red`, but color must be a colour of the palette (docs/figures.md), nearest first: `vermilion`, `green`, `blue`, `purple`, `orange`, `black`, `yellow`, `sky-blue`.",
        ])
        #expect(diagnostics(experiment(figures: "- {kind: loss}", runs: "[{label: a, color: bleu}]")).first?.hasPrefix(
            "l.md:10:26: error: `color` is `bleu`, but color must be a colour of the palette (docs/figures.md), nearest first: `blue`,") == true)
    }
}
