import Foundation
import Testing
import TestSupport
@testable import Build

@Suite struct EndToEndTests {
    static let lesson = """
        ---
        title: Learning rates
        summary: Three step sizes on a bowl.
        ---

        Gradient descent repeats θ ← θ − η·∇f(θ).

        ```experiment
        id: rates
        model: {kind: surface, function: quadratic, a: 1, b: 2}
        init: {x: -5, y: -2}
        epochs: 20
        runs:
          - {label: small, lr: 0.02}
          - {label: good, lr: 0.2}
          - {label: too large, lr: 0.6}
        figures:
          - {kind: loss, y: log, caption: Loss per epoch.}
        ```
        """

    @Test func aLessonBuildsIntoPagesAndFigures() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write(Self.lesson, to: "lessons/01-rates.md")
        let output = folder.url.appendingPathComponent("output")
        let report = CourseBuild(options: BuildOptions(
            lessonsDirectory: folder.url.appendingPathComponent("lessons"), outputDirectory: output)).run()
        #expect(report.problems.map(\.description) == [])
        #expect(report.lessons == 1)
        #expect(report.experiments == 1)
        #expect(report.figures == 1)

        let index = try HTMLDocument.parse(contentsOf: output.appendingPathComponent("index.html"))
        let link = try #require(index.first("main")?.all(class: "lesson-title").first)
        #expect(link.text == "Learning rates")
        let pageURL = output.appendingPathComponent(try #require(link.attributes["href"]))

        let page = try HTMLDocument.parse(contentsOf: pageURL)
        let image = try #require(page.first("figure")?.first("img"))
        let source = try #require(image.attributes["src"])
        #expect(source.hasSuffix(".png"))
        #expect(PNGHeader(contentsOf: output.appendingPathComponent(source)) == PNGHeader(width: 640, height: 380))
        let large = try #require(image.attributes["srcset"]?.split(separator: ",").last?.split(separator: " ").first)
        #expect(PNGHeader(contentsOf: output.appendingPathComponent(String(large))) == PNGHeader(width: 1280, height: 760))
        #expect(page.first("figcaption")?.text == "Figure 1: Loss per epoch.")
        // η = 0.6 on b = 2 multiplies y by 1 − 2.4 = −1.4 each step: it diverges.
        #expect(image.attributes["alt"]?.hasPrefix("Loss of 3 runs over ") == true)
        #expect(image.attributes["alt"]?.contains("good ends lowest.") == true)
    }

    @Test func aBrokenLessonFailsTheBuildButKeepsTheOthers() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write(Self.lesson, to: "lessons/01-rates.md")
        try folder.write(Self.lesson.replacingOccurrences(of: "lr: 0.2", with: "lr: -1"), to: "lessons/02-broken.md")
        let output = folder.url.appendingPathComponent("output")
        let report = CourseBuild(options: BuildOptions(
            lessonsDirectory: folder.url.appendingPathComponent("lessons"), outputDirectory: output)).run()
        #expect(!report.succeeded)
        #expect(report.problems.count == 1)
        #expect(report.problems.map(\.description) == [folder.url.path + "/lessons/02-broken.md:15:23: error: `lr` is -1, but lr must be a number greater than 0."])
        #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent("figures/01-rates/rates-1.png").path))
        let broken = try HTMLDocument.parse(contentsOf: output.appendingPathComponent("02-broken.html"))
        #expect(broken.all(class: "build-error").count == 1)
    }

    /// Two builds write the same files with the same bytes, except the wall-clock seconds that
    /// each measures anew in the results JSON.
    @Test func twoBuildsGiveIdenticalBytes() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write(Self.lesson, to: "lessons/01-rates.md")
        var snapshots: [[String: Data]] = []
        for name in ["a", "b"] {
            let output = folder.url.appendingPathComponent(name)
            _ = CourseBuild(options: BuildOptions(lessonsDirectory: folder.url.appendingPathComponent("lessons"), outputDirectory: output)).run()
            var files: [String: Data] = [:]
            let enumerator = FileManager.default.enumerator(at: output, includingPropertiesForKeys: nil)
            while let url = enumerator?.nextObject() as? URL {
                if var data = FileManager.default.contents(atPath: url.path), !url.hasDirectoryPath {
                    if url.pathExtension == "json" { data = Self.withoutSeconds(data) }
                    files[String(url.path.dropFirst(output.path.count))] = data
                }
            }
            snapshots.append(files)
        }
        // index, page, stylesheet, theme script, search index and script, 6 PNGs (wide light and
        // dark at 1× and 2×, narrow light and dark at 2×), the results JSON, a CSV per run, the
        // manifest, and the code blocks' script and highlight.js (the experiment block is shown as code).
        #expect(snapshots[0].count == 19)
        #expect(snapshots[0] == snapshots[1])
    }

    static func withoutSeconds(_ data: Data) -> Data {
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        return Data(lines.map { $0.contains("\"seconds\":") ? "\"seconds\": …," : String($0) }.joined(separator: "\n").utf8)
    }
}
