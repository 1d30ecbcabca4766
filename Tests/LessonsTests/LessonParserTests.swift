import Foundation
import Testing
import Training
@testable import Lessons

/// A lesson whose experiment block's YAML starts on line 6.
func lesson(experiment yaml: String) -> String {
    """
    ---
    title: Test
    ---

    ```experiment
    \(yaml)
    ```
    """
}

let validExperiment = """
    id: rates
    model: {kind: surface, function: quadratic, a: 1, b: 2}
    init: {x: -5, y: -2}
    epochs: 10
    runs:
      - {label: slow, optimizer: gd, lr: 0.01}
      - {optimizer: gd, lr: 0.2}
    figures:
      - {kind: loss, y: log, caption: "Loss."}
    """

/// A logistic regression on moons, its YAML starting on line 6.
let supervisedExperiment = """
    id: moons
    model: logistic
    data: {kind: moons, n: 4000, noise: 0.2, validation: 0.2}
    loss: bce
    epochs: 5
    runs:
      - {label: SGD, optimizer: gd, lr: 0.1, batch: 1}
      - {label: Adam, optimizer: adam, lr: 0.01, batch: 32}
    """

@Suite struct LessonParserTests {
    @Test func aValidLessonParsesWithDefaultsFilled() throws {
        let parsed = try LessonParser.parse(lesson(experiment: validExperiment), file: "lessons/01-test.md", slug: "01-test")
        #expect(parsed.title == "Test")
        #expect(parsed.language == "en")
        #expect(parsed.bodyLineOffset == 3)
        let spec = try #require(parsed.experiments.first)
        #expect(spec.id == "rates")
        #expect(spec.model == .surface(.quadratic(a: 1, b: 2), gradientNoise: 0))
        #expect(spec.initialization == .values(["x": -5, "y": -2]))
        #expect(spec.parameterNames == ["x", "y"])
        #expect(spec.data == nil && spec.loss == nil)
        #expect(spec.budget == .epochs(10))
        #expect(spec.runs.map(\.label) == ["slow", "gd, lr 0.2"])
        #expect(spec.runs.map(\.optimizer) == [try Optimizer(.gd(GradientDescent()), learningRate: 0.01), try Optimizer(.gd(GradientDescent()), learningRate: 0.2)])
        #expect(spec.runs.map(\.batch) == [.full, .full])
        #expect(spec.figures == [FigureSpec(id: "rates-1", kind: .loss(x: .epoch, y: .log, smooth: nil, validation: false), caption: "Loss.")])
        #expect(spec.location == SourceLocation(file: "lessons/01-test.md", line: 5, column: 1))
    }

    @Test func frontMatterFieldsAreRead() throws {
        let text = "---\ntitle: Momentum\nsummary: Heavy balls.\norder: 5\nlang: zh\n---\n\n正文。\n"
        let parsed = try LessonParser.parse(text, file: "m.md", slug: "m")
        #expect(parsed.title == "Momentum")
        #expect(parsed.summary == "Heavy balls.")
        #expect(parsed.order == 5)
        #expect(parsed.language == "zh")
        #expect(parsed.experiments.isEmpty)
    }

    /// Broken lessons and the exact diagnostics they must give.
    static let brokenLessons: [(name: String, text: String, expected: [String])] = [
        ("no front matter", "# Title\n", [
            "l.md:1:1: error: The lesson has no front matter; start the file with a `---` line, `title: …`, and a closing `---` line.",
        ]),
        ("unterminated front matter", "---\ntitle: x\n", [
            "l.md:1:1: error: The front matter is not closed; add a line `---` after it.",
        ]),
        ("no title", "---\nsummary: s\n---\n", [
            "l.md:2:1: error: The front matter needs the key `title`.",
        ]),
        ("misspelt front matter key", "---\ntitle: t\nsumary: s\n---\n", [
            "l.md:3:1: error: Unknown key `sumary` in the front matter; did you mean `summary`? allowed keys: title, summary, order, lang.",
        ]),
        ("misspelt experiment key", lesson(experiment: validExperiment.replacingOccurrences(of: "epochs: 10", with: "epoch: 10")), [
            "l.md:9:1: error: Unknown key `epoch` in the experiment; did you mean `epochs`? allowed keys: id, title, model, data, loss, reduction, init, epochs, steps, stop, seed, runs, sweep, figures, expect.",
            "l.md:6:1: error: The experiment (or `steps`) needs the key `epochs`.",
        ]),
        ("zero learning rate", lesson(experiment: validExperiment.replacingOccurrences(of: "lr: 0.01", with: "lr: 0")), [
            "l.md:11:38: error: `lr` is 0, but lr must be a number greater than 0.",
        ]),
        ("unknown optimizer", lesson(experiment: validExperiment.replacingOccurrences(of: "optimizer: gd, lr: 0.2", with: "optimizer: dg, lr: 0.2")), [
            "l.md:12:17: error: `optimizer` is `dg`, but optimizer must be one of gd, momentum, nesterov, adagrad, rmsprop, adam (did you mean `gd`?).",
        ]),
        ("bad id", lesson(experiment: validExperiment.replacingOccurrences(of: "id: rates", with: "id: Rates 1")), [
            "l.md:6:5: error: `id` is `Rates 1`, but id must be lower-case letters, digits and hyphens, such as `learning-rates`.",
        ]),
        ("missing init", lesson(experiment: validExperiment.replacingOccurrences(of: "init: {x: -5, y: -2}\n", with: "")), [
            "l.md:6:1: error: An experiment on a surface (the starting point, such as `{x: -5, y: -2}`) needs the key `init`.",
        ]),
        ("init names a parameter the model lacks", lesson(experiment: validExperiment.replacingOccurrences(of: "{x: -5, y: -2}", with: "{x: -5, z: -2}")), [
            "l.md:8:15: error: The surface model has no parameter `z`; its parameters are x, y.",
            "l.md:8:7: error: Init needs the key `y`.",
        ]),
        ("malformed YAML (reported where the block ends)", lesson(experiment: "id: a\nruns: [\n"), [
            "l.md:9:1: error: The YAML is malformed: did not find expected node content (while parsing a flow node).",
        ]),
        ("epochs out of range", lesson(experiment: validExperiment.replacingOccurrences(of: "epochs: 10", with: "epochs: 0")), [
            "l.md:9:9: error: `epochs` is 0, but epochs must be a whole number from 1 to 1000000.",
        ]),
        ("batch 0", lesson(experiment: validExperiment.replacingOccurrences(of: "lr: 0.01}", with: "lr: 0.01, batch: 0}")), [
            "l.md:11:51: error: `batch` is 0, but batch must be a whole number from 1 to 1000000, or `full`.",
        ]),
        ("a hyper-parameter of another optimizer", lesson(experiment: validExperiment.replacingOccurrences(of: "optimizer: gd, lr: 0.01", with: "optimizer: momentum, lr: 0.01, beta1: 0.9")), [
            "l.md:11:50: error: `beta1` does not apply to momentum; it is a hyper-parameter of adam.",
        ]),
        ("momentum out of range", lesson(experiment: validExperiment.replacingOccurrences(of: "optimizer: gd, lr: 0.01", with: "optimizer: momentum, lr: 0.01, momentum: 1.0")), [
            "l.md:11:60: error: `momentum` is 1.0, but momentum must be at least 0 and less than 1.",
        ]),
        ("data for a surface", lesson(experiment: validExperiment + "\ndata: {kind: moons}"), [
            "l.md:15:7: error: `data` is given for a surface, but data must be left out: a surface has no data.",
        ]),
        ("contour parameter the model lacks", lesson(experiment: validExperiment + "\n  - {kind: contour, params: [x, w]}"), [
            "l.md:15:33: error: The experiment's model has no parameter `w`; its parameters are x, y.",
        ]),
        ("batch-sizes without a sweep", lesson(experiment: validExperiment + "\n  - {kind: batch-sizes}"), [
            "l.md:15:12: error: A `batch-sizes` figure compares batch sizes; add `sweep: {batch: [1, 8, 32, full]}` to the experiment (with two swept keys, `batch` second).",
        ]),
        ("a figure drawing an unknown run", lesson(experiment: validExperiment + "\n  - {kind: contour, runs: [slow, fats]}"), [
            "l.md:15:34: error: There is no run labelled `fats`; the runs are `slow`, `gd, lr 0.2`.",
        ]),
        ("a hessian of a model with data", lesson(experiment: supervisedExperiment + "\nfigures: [{kind: hessian}]"), [
            "l.md:14:18: error: `kind` is `hessian` for a model with data, but kind must be used with a surface, whose Hessian Descent knows in closed form.",
        ]),
        ("a gradient variance of a surface", lesson(experiment: validExperiment + "\n  - {kind: gradient-variance}"), [
            "l.md:15:12: error: `kind` is `gradient-variance` for a surface, but kind must be used with a model that learns from data, whose gradient is an average over samples.",
        ]),
        ("a y range through zero on a log axis", lesson(experiment: validExperiment.replacingOccurrences(of: "{kind: loss, y: log, caption: \"Loss.\"}", with: "{kind: loss, y: log, y_range: [0, 1]}")), [
            "l.md:14:35: error: `y_range` is [0, 1], but y_range must be a range above 0 on a log axis.",
        ]),
        ("a claim about an unknown run", lesson(experiment: validExperiment + "\nexpect:\n  - {run: slw, final_loss: {below: 1}}"), [
            "l.md:16:11: error: There is no run labelled `slw`; did you mean `slow`? the runs are `slow`, `gd, lr 0.2`.",
        ]),
        ("a loss that does not fit the model", lesson(experiment: supervisedExperiment.replacingOccurrences(of: "loss: bce", with: "loss: cross-entropy")), [
            "l.md:9:7: error: The loss cross-entropy does not fit the logistic model; use bce or mse or half-mse.",
        ]),
        ("an unknown data kind", lesson(experiment: supervisedExperiment.replacingOccurrences(of: "kind: moons", with: "kind: moon")), [
            "l.md:8:14: error: `kind` is `moon`, but kind must be one of linear, blobs, moons, circles, spirals, xor, points, csv (did you mean `moons`?).",
        ]),
        ("a validation fraction out of range", lesson(experiment: supervisedExperiment.replacingOccurrences(of: "validation: 0.2", with: "validation: 1.5")), [
            "l.md:8:54: error: `validation` is 1.5, but validation must be a fraction between 0 and 1 (exclusive).",
        ]),
        ("a runaway budget", lesson(experiment: supervisedExperiment.replacingOccurrences(of: "epochs: 5", with: "epochs: 1000000")), [
            "l.md:10:9: error: This experiment needs 1.441·10¹⁰ gradient and loss evaluations (2 runs × epochs 1,000,000 × 3,200 samples, and the loss after every epoch); the limit is 2·10⁹ per experiment. Lower `epochs`, the data's `n` or the number of runs.",
        ]),
    ]

    @Test(arguments: brokenLessons.indices)
    func brokenLessonsGiveExactDiagnostics(index: Int) {
        let (name, text, expected) = Self.brokenLessons[index]
        do {
            _ = try LessonParser.parse(text, file: "l.md", slug: "l")
            Issue.record("\(name): parsed without error")
        } catch {
            #expect(error.all.map(\.description) == expected, "\(name)")
        }
    }

    @Test func everyErrorOfEveryExperimentIsReported() {
        let text = lesson(experiment: validExperiment.replacingOccurrences(of: "lr: 0.01", with: "lr: -1"))
            + "\n\n```experiment\n" + validExperiment.replacingOccurrences(of: "epochs: 10", with: "epochs: -2") + "\n```\n"
        do {
            _ = try LessonParser.parse(text, file: "l.md", slug: "l")
            Issue.record("parsed without error")
        } catch {
            #expect(error.all.map(\.location.line) == [11, 21])
        }
    }

    @Test func duplicateExperimentIDsAreAnError() {
        let text = lesson(experiment: validExperiment) + "\n\n```experiment\n" + validExperiment + "\n```\n"
        do {
            _ = try LessonParser.parse(text, file: "l.md", slug: "l")
            Issue.record("parsed without error")
        } catch {
            #expect(error.all.map(\.description) == [
                "l.md:17:1: error: The experiment id `rates` is already used on line 5; give each experiment its own id.",
            ])
        }
    }

    @Test func suggestionsComeOnlyForNearMisses() {
        #expect(nearest(to: "optimiser", in: ["optimizer", "lr"]) == "optimizer")
        #expect(nearest(to: "colour", in: ["optimizer", "lr"]) == nil)
        // Case is ignored, the first of equally near candidates wins, and a swap counts one.
        #expect(nearest(to: "Momentun", in: ["momentum", "momentun2"]) == "momentum")
        #expect(nearest(to: "bath", in: ["beta", "batch", "math"]) == "batch")
        #expect(nearest(to: "gd", in: ["dg", "sgd"]) == "dg")
        #expect(nearest(to: "x", in: ["y", "x"]) == "x")
        #expect(nearest(to: "", in: ["", "a"]) == nil)
    }

    @Test func theBoundedDistanceIsTheFullOneWithinItsLimitAndNilBeyond() {
        // Known distances: substitutions and an insertion, a swap of neighbours counts one, and
        // optimal string alignment does not edit a swapped pair again (`ca` → `abc` is 3).
        #expect(editDistance("kitten", "sitting") == 3)
        #expect(editDistance("gd", "dg") == 1)
        #expect(editDistance("ca", "abc") == 3)
        #expect(editDistance("", "abc") == 3)
        #expect(editDistance("语言", "言语") == 1)
        var seed: UInt64 = 0x5eed
        func next(_ bound: Int) -> Int {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return Int((seed >> 33) % UInt64(bound))
        }
        let letters = Array("abcé语")
        for _ in 0..<4000 {
            let a = (0..<next(9)).map { _ in letters[next(letters.count)] }
            let b = (0..<next(9)).map { _ in letters[next(letters.count)] }
            let full = editDistance(String(a), String(b))
            for limit in 0...5 {
                #expect(editDistance(a, b, atMost: limit) == (full <= limit ? full : nil), "\(String(a)) \(String(b)) limit \(limit)")
            }
        }
    }

    @Test func aSuggestionAmongAMillionParameterNamesIsFound() {
        // An MLP of 1024-wide layers names its weights like this; the suggestion must not
        // compare the word with every name in full.
        let names = (0..<1_000_000).map { "l\($0 / 100_000 + 1).w\($0 % 1000 + 1)_\($0 / 1000 % 100 + 1)" }
        #expect(nearest(to: "l3.w5_7x", in: names) == "l3.w5_7")
        #expect(nearest(to: "nope", in: names) == nil)
    }
}

@Suite struct MarkdownDocumentTests {
    @Test func fencedBlocksAreFoundWithTheirLines() {
        let document = MarkdownDocument(markdown: "Intro\n\n```experiment\nid: a\n```\n\n    indented code\n\n```swift\nlet x = 1\n```\n")
        #expect(document.fencedBlocks.map(\.info) == ["experiment", "swift"])
        #expect(document.fencedBlocks.map(\.line) == [3, 9])
        #expect(document.fencedBlocks.first?.literal == "id: a\n")
    }

    @Test func gfmExtensionsRender() {
        let html = MarkdownDocument(markdown: "| a | b |\n|---|---|\n| 1 | 2 |\n\n~~gone~~ and https://example.org\n\n- [x] done\n\nNote[^1].\n\n[^1]: A footnote.\n").html()
        #expect(html.contains("<table>"))
        #expect(html.contains("<del>gone</del>"))
        #expect(html.contains("<a href=\"https://example.org\">"))
        #expect(html.contains("type=\"checkbox\""))
        #expect(html.contains("class=\"footnotes\""))
    }

    @Test func experimentBlocksAreReplacedInOrder() {
        let document = MarkdownDocument(markdown: "A\n\n```experiment\nid: a\n```\n\nB\n\n```experiment\nid: b\n```\n")
        document.replaceFencedBlocks(info: "experiment", with: ["<div>first</div>", "<div>second</div>"])
        #expect(document.html() == "<p>A</p>\n<div>first</div>\n<p>B</p>\n<div>second</div>\n")
    }

    @Test func documentsParsedOnManyThreadsAtOnceAgree() {
        // cmark-gfm keeps global parser state; without Descent's lock this aborts or garbles.
        let markdown = "| a | b |\n|---|---|\n| 1 | 2 |\n\n~~gone~~ and *emphasis* `code` https://example.org\n\n- [x] done\n"
        let expected = MarkdownDocument(markdown: markdown).html()
        final class Results: @unchecked Sendable {
            let lock = NSLock()
            var html: [String] = []
        }
        let results = Results()
        DispatchQueue.concurrentPerform(iterations: 200) { _ in
            let html = MarkdownDocument(markdown: markdown).html()
            results.lock.withLock { results.html.append(html) }
        }
        #expect(results.html.count == 200)
        #expect(results.html.allSatisfy { $0 == expected })
    }

    @Test func headingsAreListed() {
        let document = MarkdownDocument(markdown: "## One *two*\n\n### Three `x`\n")
        #expect(document.headings.map(\.level) == [2, 3])
        #expect(document.headings.map(\.text) == ["One two", "Three x"])
    }
}
