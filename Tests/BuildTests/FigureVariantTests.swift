import Foundation
import Testing
import TestSupport
import Charts
@testable import Build

/// Every image figure in four renderings, wide and narrow, light and dark, each with its
/// `<source>` in the figure's `<picture>`.
@Suite struct FigureVariantTests {
    @Test func eachFigureIsWrittenWideAndNarrowInLightAndDark() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let (report, output) = try SampleCourse.build(in: folder)
        #expect(report.problems.map(\.description) == [])
        let figures = output.appendingPathComponent("figures/02-data")
        func size(_ name: String) -> String? { PNGHeader(contentsOf: figures.appendingPathComponent(name))?.description }
        // The contour: wide 640 × 460 at 1× and 2×; narrow 360 wide and near-square, at 2× only.
        #expect(size("fit-1.png") == "640×460")
        #expect(size("fit-1@2x.png") == "1280×920")
        #expect(size("fit-1.dark.png") == "640×460")
        #expect(size("fit-1.dark@2x.png") == "1280×920")
        #expect(size("fit-1.narrow@2x.png") == "720×684")
        #expect(size("fit-1.narrow.dark@2x.png") == "720×684")
        #expect(size("fit-1.narrow.png") == nil)
        let light = try Data(contentsOf: figures.appendingPathComponent("fit-1.png"))
        #expect(try Data(contentsOf: figures.appendingPathComponent("fit-1.dark.png")) != light)
    }

    @Test func thePictureOffersEveryVariantWithItsSize() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let (_, output) = try SampleCourse.build(in: folder)
        let page = try HTMLDocument.parse(contentsOf: output.appendingPathComponent("01-bowls.html"))
        let picture = try #require(page.first("picture"))
        let sources = picture.children.filter { $0.name == "source" }.map { $0.attributes }
        #expect(sources.map { $0["media"] } == [
            "screen and (max-width: 600px) and (prefers-color-scheme: dark)", "(max-width: 600px)", "screen and (prefers-color-scheme: dark)",
        ])
        #expect(sources.map { $0["data-media"] } == ["screen and (max-width: 600px) and (prefers-color-scheme: dark)", nil, "screen and (prefers-color-scheme: dark)"])
        #expect(sources.map { $0["srcset"] } == [
            "figures/01-bowls/bowl-1.narrow.dark@2x.png 2x", "figures/01-bowls/bowl-1.narrow@2x.png 2x",
            "figures/01-bowls/bowl-1.dark.png 1x, figures/01-bowls/bowl-1.dark@2x.png 2x",
        ])
        #expect(sources.map { "\($0["width"] ?? "")×\($0["height"] ?? "")" } == ["360×300", "360×300", "640×380"])
        let image = try #require(picture.first("img"))
        #expect(image.attributes["src"] == "figures/01-bowls/bowl-1.png")
        #expect(image.attributes["width"] == "640")
        #expect(image.attributes["data-text-pt"] == "11")
        #expect(image.attributes["alt"]?.hasPrefix("Loss of 1 run") == true)
        // The toggle's script comes with every page, and the remembered theme is set in <head>.
        #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent("assets/theme.js").path))
        #expect(page.all("button").contains { $0.attributes["class"] == "theme-toggle" && $0.attributes["aria-pressed"] == "false" })
    }

    @Test func aNarrowPanelGridStacksItsPanelsAtTheSameTextSize() throws {
        let wide = Figure(size: Size(width: 760, height: 560), title: "Batch sizes", panels: Array(repeating: Axes(), count: 4), columns: 2)
        let narrow = FigureBuilder.narrowed(wide, contour: false)
        #expect(narrow.columns == 1)
        #expect(narrow.size == Size(width: 360, height: 4 * 250 + 36))
        // A figure narrower than a phone keeps its width.
        let small = FigureBuilder.narrowed(Figure(size: Size(width: 300, height: 220), panels: [Axes()]), contour: false)
        #expect(small.size == Size(width: 300, height: 220))
        // Ten legend rows need room below the plot.
        let lines = (0..<10).map { Mark.line(LineMark(points: [Point(0, 0), Point(1, 1)], label: ChartText(plain: "run \($0)"), color: .black)) }
        let crowded = FigureBuilder.narrowed(Figure(size: Size(width: 640, height: 380), panels: [Axes(marks: lines)]), contour: false)
        #expect(crowded.size == Size(width: 360, height: 2 * (12 + 17 * 10) + 20))
    }

    @Test func eachVariantIsCachedUnderItsOwnKey() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write(SampleCourse.first, to: "lessons/01-bowls.md")
        let cache = folder.url.appendingPathComponent("cache")
        let options = BuildOptions(lessonsDirectory: folder.url.appendingPathComponent("lessons"), outputDirectory: folder.url.appendingPathComponent("output"), cacheDirectory: cache)
        #expect(CourseBuild(options: options).run().figuresDrawn == 1)
        let pngs = try FileManager.default.subpathsOfDirectory(atPath: cache.path).filter { $0.hasSuffix(".png") }
        #expect(pngs.count == 6)
        #expect(Set(pngs.map { ($0 as NSString).lastPathComponent.split(separator: "-").dropFirst().joined(separator: "-") })
            == ["wide-light-1x.png", "wide-light-2x.png", "wide-dark-1x.png", "wide-dark-2x.png", "narrow-light-2x.png", "narrow-dark-2x.png"])
        #expect(CourseBuild(options: options).run().figuresDrawn == 0)
    }
}
