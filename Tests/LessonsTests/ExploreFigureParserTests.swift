import Foundation
import Testing
import Training
@testable import Lessons

/// The `explore` figure: its view, the combination its static picture shows, its caption, and
/// each mistake at its position.
@Suite struct ExploreFigureParserTests {
    /// A valley with `sweep` on line 10 and the figure on line 13 (its mapping from column 5, its kind's value from 12).
    func valley(_ figure: String, sweep: String? = "{lr: [0.1, 0.3, 0.6], momentum: [0, 0.5, 0.9, 0.99]}", model: String = "{kind: surface, function: quadratic, a: 0.01, b: 1}") -> String {
        lesson(experiment: """
            id: valley
            model: \(model)
            \(model.contains("surface") ? "init: {x: -10, y: 1}" : "data: {kind: linear, n: 20}")
            steps: 20
            \(sweep.map { "sweep: \($0)" } ?? "seed: 1")
            runs: [{label: m, optimizer: momentum, lr: 0.1}]
            figures:
              - \(figure)
            """)
    }

    func figure(_ text: String) throws -> FigureSpec {
        try #require(LessonParser.parse(text, file: "l.md", slug: "l").experiments.first?.figures.first)
    }

    @Test func aSurfaceShowsTheMiddleValuesAsAContourByDefault() throws {
        let figure = try figure(valley("{kind: explore, caption: Paths in the valley}"))
        let explore = try #require(figure.explore)
        #expect(explore.view == .contour)
        #expect(explore.selection == [Sweep.Coordinate(key: "lr", value: .number(0.3)), Sweep.Coordinate(key: "momentum", value: .number(0.5))])
        #expect(explore.axes.map(\.key) == ["lr", "momentum"])
        #expect(figure.kind == .contour(parameters: ["x", "y"], range: [:], resolution: 160))
        #expect(figure.runs == ["lr 0.3, momentum 0.5"])
        #expect(figure.caption == "Paths in the valley. Shown: lr 0.3, momentum 0.5.")
        #expect(explore.writtenCaption == "Paths in the valley")
    }

    @Test func aDefaultChoosesTheStaticCombinationAndAKeyLeftOutTakesItsMiddle() throws {
        let figure = try figure(valley("{kind: explore, view: loss, y: log, default: {momentum: 0.9}, caption: \"Loss.\"}"))
        #expect(figure.explore?.view == .loss)
        #expect(figure.kind == .loss(x: .epoch, y: .log, smooth: nil, validation: false))
        #expect(figure.runs == ["lr 0.3, momentum 0.9"])
        #expect(figure.caption == "Loss. Shown: lr 0.3, momentum 0.9.")
        let both = try self.figure(valley("{kind: explore, default: {lr: 0.6, momentum: 0.99}}"))
        #expect(both.runs == ["lr 0.6, momentum 0.99"])
        #expect(both.caption == "Shown: lr 0.6, momentum 0.99.")
    }

    @Test func theCaptionNamesTheShownValuesInTheLessonsLanguage() throws {
        let text = valley("{kind: explore, caption: 山谷中的路径}").replacingOccurrences(of: "title: ", with: "lang: zh\ntitle: ")
        #expect(text.contains("lang: zh\n"))
        #expect(try figure(text).caption == "山谷中的路径。图中为 lr 0.3，momentum 0.5。")
        let ended = valley("{kind: explore, caption: 山谷中的路径。}").replacingOccurrences(of: "title: ", with: "lang: zh\ntitle: ")
        #expect(try figure(ended).caption == "山谷中的路径。图中为 lr 0.3，momentum 0.5。")
    }

    @Test func oneKeyAndSeveralWrittenRunsDrawEveryRunAtTheCombination() throws {
        let text = lesson(experiment: """
            id: bowl
            model: {kind: surface, function: quadratic, a: 1, b: 1}
            init: {x: 1, y: 1}
            steps: 10
            sweep: {lr: [0.5, 1.5, 2.5]}
            runs: [{label: gd, optimizer: gd}, {label: heavy, optimizer: momentum, momentum: 0.5}]
            figures: [{kind: explore}]
            """)
        let figure = try figure(text)
        #expect(figure.runs == ["gd, lr 1.5", "heavy, lr 1.5"])
    }

    @Test func theModelsWithoutASurfaceShowTheLossByDefault() throws {
        let figure = try figure(valley("{kind: explore}", sweep: "{lr: [0.1, 0.2]}", model: "linear"))
        #expect(figure.explore?.view == .loss)
        #expect(figure.runs == ["lr 0.1"])
    }

    @Test func anExperimentWithoutASweepIsAnErrorAtTheKind() {
        #expect(diagnostics(valley("{kind: explore}", sweep: nil)) == [
            "l.md:13:12: error: `kind` is `explore` for an experiment without a sweep, but kind must be used with a `sweep` over one or two keys, one slider each, such as `sweep: {lr: [0.1, 0.3, 1], momentum: [0, 0.5, 0.9]}`.",
        ])
    }

    @Test func aDefaultKeyNotSweptIsAnErrorNamingTheSweptKeys() {
        #expect(diagnostics(valley("{kind: explore, default: {momentun: 0.9}}")) == [
            "l.md:13:31: error: Unknown key `momentun` in default (the swept keys); did you mean `momentum`? allowed keys: lr, momentum.",
        ])
    }

    @Test func aDefaultValueNotInTheSweepIsAnErrorListingTheValues() {
        #expect(diagnostics(valley("{kind: explore, default: {lr: 0.5}}")) == [
            "l.md:13:35: error: `lr` is 0.5, but lr must be one of the swept values: 0.1, 0.3, 0.6.",
        ])
    }

    @Test func aContourViewWithoutASurfaceIsAnErrorAtTheView() {
        #expect(diagnostics(valley("{kind: explore, view: contour}", sweep: "{lr: [0.1, 0.2]}", model: "linear")) == [
            "l.md:13:27: error: `view` is `contour` for a linear model, but view must be `loss` here; a contour view needs a surface, whose loss over its two parameters is the whole picture.",
        ])
    }

    @Test func anUnknownViewIsAnErrorListingTheViews() {
        let messages = diagnostics(valley("{kind: explore, view: path}"))
        #expect(messages.count == 1)
        #expect(messages.first?.hasPrefix("l.md:13:27: error:") == true)
        #expect(messages.first?.contains("contour, loss") == true)
    }

    @Test func anOptionTheViewDoesNotReadIsAnErrorAtTheKey() {
        #expect(diagnostics(valley("{kind: explore, view: loss, range: {x: [-1, 1]}}")) == [
            "l.md:13:33: error: `range` does not apply to an `explore` figure, whose loss view draws each run's loss by epoch, not the surface (it applies with `view: contour`); it is an option of `contour` figures.",
        ])
        #expect(diagnostics(valley("{kind: explore, y: log}")) == [
            "l.md:13:21: error: `y` does not apply to an `explore` figure, whose contour view draws the surface, not loss curves (it applies with `view: loss`); it is an option of `loss`, `learning-rate`, `gradient-norm` figures.",
        ])
    }

    @Test func anUnknownKeyIsReportedOnceNamingTheFigureWithItsArticle() {
        #expect(diagnostics(valley("{kind: explore, defaults: {lr: 0.3}}")) == [
            "l.md:13:21: error: Unknown key `defaults` in an explore figure; did you mean `default`? allowed keys: kind, id, caption, view, default, range, resolution, y, size, title, x_label, y_label.",
        ])
    }
}
