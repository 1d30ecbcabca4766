import Foundation
import Testing
import TestSupport
@testable import Build

/// Every image figure links the files of the numbers it draws; every link reaches a file.
@Suite struct FigureDataLinkTests {
    static let lesson = """
        ---
        title: Data links
        ---

        ```experiment
        id: sizes
        model: logistic
        data: {kind: moons, n: 64, noise: 0.2, seed: 3}
        epochs: 2
        runs:
          - {optimizer: gd, lr: 0.5}
        sweep: {batch: [8, full]}
        figures:
          - {kind: loss, runs: [full batch], caption: One run.}
          - {kind: batch-sizes}
          - {kind: gradient-variance, trials: 20, sizes: [1, 8]}
          - {kind: table}
        ```
        """

    @Test func eachFigureLinksTheCSVsOfItsRunsAndATableLinksNothing() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let (report, output) = try build(Self.lesson, in: folder)
        #expect(report.problems.map(\.description) == [])
        let page = try HTMLDocument.parse(contentsOf: output.appendingPathComponent("01-kinds.html"))
        let figures = page.all("figure")
        func links(_ figure: HTMLElement) -> [String] {
            figure.all(class: "figure-data").flatMap { $0.all("a") }.map { "\($0.text) \($0.attributes["href"] ?? "")" }
        }
        #expect(figures.map { $0.attributes["id"] ?? "" } == ["fig-sizes-1", "fig-sizes-2", "fig-sizes-3", "tbl-sizes-4"])
        #expect(links(figures[0]) == ["full batch (CSV) data/01-kinds/sizes/full-batch.csv"])
        #expect(links(figures[1]) == [
            "batch 8 (CSV) data/01-kinds/sizes/batch-8.csv", "full batch (CSV) data/01-kinds/sizes/full-batch.csv",
            "results (JSON) data/01-kinds/sizes.json",
        ])
        #expect(links(figures[2]) == ["variance (CSV) data/01-kinds/sizes-3.csv"])
        #expect(links(figures[3]) == [])
        #expect(figures[0].all(class: "figure-data").first?.text.hasPrefix("Data: ") == true)
        for figure in figures {
            for link in figure.all(class: "figure-data").flatMap({ $0.all("a") }) {
                let path = try #require(link.attributes["href"])
                #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent(path).path), "\(path)")
            }
        }
        // The variance figure's points: the header and one row per batch size.
        let variance = try String(contentsOf: output.appendingPathComponent("data/01-kinds/sizes-3.csv"), encoding: .utf8)
        let rows = variance.split(separator: "\n")
        #expect(rows.first == "batch_size,measured,expected")
        #expect(rows.dropFirst().map { $0.split(separator: ",").first.map(String.init) } == ["1", "8"])
    }
}
