import Foundation
import Lessons
import Testing
import TestSupport
@testable import Build

/// An `explore` figure without JavaScript: the default combination's picture, drawn as an
/// ordinary figure in every variant, its caption naming the values and its alt text that run's.
@Suite struct ExploreFallbackTests {
    static let lesson = """
        ---
        title: Explore
        ---

        ```experiment
        id: valley
        model: {kind: surface, function: quadratic, a: 0.01, b: 1}
        init: {x: -10, y: 1}
        steps: 60
        sweep: {lr: [0.1, 0.3, 0.6, 0.9], momentum: [0, 0.5, 0.9, 0.99]}
        runs: [{label: m, optimizer: momentum, lr: 0.1}]
        figures:
          - {kind: explore, id: paths, default: {lr: 0.3, momentum: 0.9}, caption: "Momentum in the valley"}
          - {kind: explore, id: losses, view: loss, y: log, caption: "Loss per step."}
        ```
        """

    @Test func theDefaultCombinationIsDrawnInEveryVariantWithItsValuesAndData() throws {
        let folder = try TemporaryFolder()
        let (report, output) = try build(Self.lesson, in: folder)
        #expect(report.problems.isEmpty)
        let files = try FileManager.default.contentsOfDirectory(atPath: output.appendingPathComponent("figures/01-kinds").path).sorted()
        // With the backgrounds the page draws the selected run over, named with `.bg` after the stem.
        #expect(files.filter { $0.hasPrefix("paths") } == [
            "paths.bg.dark.png", "paths.bg.dark@2x.png", "paths.bg.narrow.dark@2x.png", "paths.bg.narrow@2x.png", "paths.bg.png", "paths.bg@2x.png",
            "paths.dark.png", "paths.dark@2x.png", "paths.narrow.dark@2x.png", "paths.narrow@2x.png", "paths.png", "paths@2x.png",
        ])
        let page = try HTMLDocument.parse(contentsOf: output.appendingPathComponent("01-kinds.html"))
        #expect(page.all("figcaption").map(\.text) == [
            "Figure 1: Momentum in the valley. Shown: lr 0.3, momentum 0.9.",
            "Figure 2: Loss per step. Shown: lr 0.3, momentum 0.5.",
        ])
        let alts = page.all("img").compactMap { $0.attributes["alt"] }
        // Heavy ball from (−10, 1), η = 0.3, μ = 0.9, 60 steps on 0.01x² + y² (v ← μv + g,
        // p ← p − ηv), by a separate script: (0.5328, 0.02586); at μ = 0.5 the loss is 0.2366.
        #expect(alts.first == "Contours of the loss over x and y with the paths of 1 run; the minimum is at (0, 0); lr 0.3, momentum 0.9 goes from (-10, 1) to (0.5328, 0.02586), 0.5334 from the minimum.")
        #expect(alts.last?.hasSuffix("lr 0.3, momentum 0.5 ends at 0.2366.") == true)
    }

    @Test func theListingNamesTheKindAndItsView() throws {
        let folder = try TemporaryFolder()
        try folder.write(Self.lesson, to: "lessons/01-explore.md")
        let text = try CourseCommands.list(lessons: folder.url.appendingPathComponent("lessons"))
        #expect(text.contains("    Figure 1  @fig-paths  explore (contour)\n    Figure 2  @fig-losses  explore (loss)\n"))
    }
}
