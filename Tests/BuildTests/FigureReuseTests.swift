import Charts
import Foundation
import Testing
import TestSupport
@testable import Build

/// A build that reuses a figure takes what its page needs from the cache rather than laying
/// the figure out again: its data script's transforms and its figure-value hashes.
@Suite struct FigureReuseTests {
    @Test func aReusedFiguresScriptAndValuesAreTheBytesOfTheBuildThatDrewIt() throws {
        let course = try ExplainTests.Course()
        let cold = course.build()
        #expect(cold.succeeded)
        let warm = course.build()
        #expect(warm.figuresDrawn == 0)
        let scripts = cold.files.keys.filter { $0.hasSuffix(".figure.js") }
        #expect(scripts == ["data/01-explain/bowl-1.figure.js"])
        for path in scripts { #expect(warm.files[path] == cold.files[path]) }
        #expect(warm.figureSpecs == cold.figureSpecs)
    }

    @Test func aReusedFiguresTransformsAreReadFromTheCache() throws {
        let course = try ExplainTests.Course()
        _ = course.build()
        let folder = course.folder.url.appendingPathComponent(".descent-cache/placements")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        #expect(names.count == 1)
        let url = folder.appendingPathComponent(try #require(names.first))
        var placements = try JSONDecoder().decode([String: FigureScript.Placement].self, from: Data(contentsOf: url))
        #expect(Set(placements.keys) == ["wide", "narrow"])
        // A mark no layout would give: the script must carry it, so it was not laid out again.
        placements["wide"]?.size = Size(width: 1234, height: 567)
        try JSONEncoder().encode(placements).write(to: url)
        let warm = course.build()
        let script = String(decoding: try #require(warm.files["data/01-explain/bowl-1.figure.js"]), as: UTF8.self)
        #expect(script.contains("\"wide\": {\"size\": [1234, 567]"))
    }

    @Test func aFigureReusedWholeTakesItsImageSizesFromTheCacheWithoutBuildingItsChart() throws {
        let course = try ExplainTests.Course()
        let cold = course.build()
        let folder = course.folder.url.appendingPathComponent(".descent-cache/sizes")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        #expect(!names.isEmpty)
        for name in names {
            let url = folder.appendingPathComponent(name)
            var sizes = try JSONDecoder().decode([String: Size].self, from: Data(contentsOf: url))
            #expect(Set(sizes.keys) == ["wide", "narrow"])
            // A size no chart would have: the page must carry it, so no chart was built.
            sizes["wide"] = Size(width: 1234, height: 567)
            try JSONEncoder().encode(sizes).write(to: url)
        }
        let warm = course.build()
        #expect(warm.figuresDrawn == 0)
        let pages = warm.files.filter { $0.key.hasSuffix(".html") }.map { String(decoding: $0.value, as: UTF8.self) }
        #expect(pages.contains { $0.contains("width=\"1234\" height=\"567\"") })
        #expect(warm.figureSpecs == cold.figureSpecs)
    }
}
