import Foundation
import Testing
import TestSupport
@testable import Build
@testable import Charts

/// `.descent-manifest.json`: the hashes of the results' numbers, of the figure values, and the
/// renderer's fingerprint.
@Suite struct BuildManifestTests {
    func manifestText(_ folder: URL) throws -> String {
        try String(contentsOf: folder.appendingPathComponent(BuildManifest.fileName), encoding: .utf8)
    }

    @Test func twoBuildsOfTheSameLessonsWriteTheSameManifestBytes() throws {
        let workspace = try Workspace()
        let second = workspace.folder.url.appendingPathComponent("second")
        #expect(workspace.build(fresh: true, cached: false).succeeded)
        #expect(workspace.build(fresh: true, output: second, cached: false).succeeded)
        #expect(try manifestText(workspace.output) == manifestText(second))
        let manifest = BuildManifest.read(in: workspace.output)
        #expect(manifest.results.keys.sorted() == [
            "data/01-workflow/bowl.json", "data/01-workflow/bowl/fast.csv", "data/01-workflow/bowl/slow.csv",
            "data/01-workflow/moons.json", "data/01-workflow/moons/sgd.csv",
        ])
        // Two loss figures and a contour with its backgrounds: 6 + 6 + 12 files.
        #expect(manifest.figures.count == 24)
        #expect(manifest.figures.keys.allSatisfy { $0.hasPrefix("figures/01-workflow/") && $0.hasSuffix(".png") })
    }

    @Test func aFigureValueReadsEveryBitOfAGridThroughItsDigest() throws {
        let grid = Grid(xValues: [0, 1, 2], yValues: [0, 1], values: [0.5, 1, -0.0, .nan, 3e-308, .infinity])
        var nudged = grid
        nudged.values[1] = nudged.values[1].nextUp
        var signed = grid
        signed.values[2] = 0.0
        let hash = CacheKey.hashWithDataDigests(grid)
        #expect(CacheKey.hashWithDataDigests(Grid(xValues: grid.xValues, yValues: grid.yValues, values: grid.values)) == hash)
        #expect(CacheKey.hashWithDataDigests(nudged) != hash)
        #expect(CacheKey.hashWithDataDigests(signed) != hash)
        // The values enter as the SHA-256 of their bits, not as numbers in the text.
        let bits = grid.values.map { $0.bitPattern.littleEndian }.withUnsafeBytes { CacheKey.sha256(Array($0)) }
        let text = #"{"values":"\#(bits)","xValues":[0,1,2],"yValues":[0,1]}"#
        #expect(hash == CacheKey.sha256(Array(text.utf8)))
        // Encoded any other way, a grid is its numbers, and reads back the same.
        let plain = CacheKey.encoded(grid)
        #expect(plain == #"{"values":[0.5,1,-0,"nan",3e-308,"inf"],"xValues":[0,1,2],"yValues":[0,1]}"#)
        let decoded = try JSONDecoder().decode(Grid.self, from: Data(#"{"values":[0.5,1],"xValues":[0,1],"yValues":[0]}"#.utf8))
        #expect(decoded == Grid(xValues: [0, 1], yValues: [0], values: [0.5, 1]))
    }

    /// Lines, scatters and optimizer paths enter a figure value by the digest of their points'
    /// bits (x then y), like a grid; encoded any other way they are their points and read back.
    @Test func aFigureValueReadsEveryBitOfALinesOrPathsPointsThroughTheirDigest() throws {
        let points = [Point(0, 1.5), Point(2, -0.0), Point(3e-308, .infinity)]
        let bits = [0, 1.5, 2, -0.0, 3e-308, .infinity].map { $0.bitPattern.littleEndian }.withUnsafeBytes { CacheKey.sha256(Array($0)) }
        let line = LineMark(points: points, color: .black)
        let scatter = ScatterMark(points: points, color: .black)
        let path = TrajectoryMark(points: points, color: .black)
        for (hash, plain) in [
            (CacheKey.hashWithDataDigests(line), CacheKey.encoded(line)), (CacheKey.hashWithDataDigests(scatter), CacheKey.encoded(scatter)),
            (CacheKey.hashWithDataDigests(path), CacheKey.encoded(path)),
        ] {
            let digested = plain.replacingOccurrences(of: #"[{"x":0,"y":1.5},{"x":2,"y":-0},{"x":3e-308,"y":"inf"}]"#, with: "\"\(bits)\"")
            #expect(digested != plain, "\(plain)")
            #expect(hash == CacheKey.sha256(Array(digested.utf8)))
        }
        var nudged = line
        nudged.points[1].y = -0.0.nextUp
        #expect(CacheKey.hashWithDataDigests(nudged) != CacheKey.hashWithDataDigests(line))
        let finite = TrajectoryMark(points: [Point(0, 1.5), Point(2, -0.5)], color: .black)
        #expect(try JSONDecoder().decode(TrajectoryMark.self, from: Data(CacheKey.encoded(finite).utf8)) == finite)
        let finiteLine = LineMark(points: finite.points, color: .black, markers: LineMarkers(shape: .circle))
        #expect(try JSONDecoder().decode(LineMark.self, from: Data(CacheKey.encoded(finiteLine).utf8)) == finiteLine)
    }

    @Test func aResultsHashChangesWithOneNumberAndNotWithTheRecordedTime() {
        let json = """
            {
              "runs": [
                {
                  "label": "slow",
                  "seconds": 0.0123,
                  "final": {"loss": 0.2760271748845205}
                }
              ]
            }

            """
        let hash = BuildManifest.resultsHash(Array(json.utf8))
        let otherTime = json.replacingOccurrences(of: "0.0123", with: "1.5")
        let otherLoss = json.replacingOccurrences(of: "0.2760271748845205", with: "0.27602717488452044")
        #expect(BuildManifest.resultsHash(Array(otherTime.utf8)) == hash)
        #expect(BuildManifest.resultsHash(Array(otherLoss.utf8)) != hash)
        // The hash is SHA-256 of the bytes without the time's line.
        let withoutTime = json.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.contains("seconds") }.joined(separator: "\n")
        #expect(hash == CacheKey.sha256(Array(withoutTime.utf8)))
    }

    @Test func aFigureHashChangesWithItsRunsDataAndNotWithItsScaleOrCaption() throws {
        let workspace = try Workspace()
        #expect(workspace.build(fresh: true, cached: false).succeeded)
        let before = BuildManifest.read(in: workspace.output).figures
        let loss = "figures/01-workflow/bowl-1.png", contour = "figures/01-workflow/bowl-2.png"
        // The 1× and 2× files are one figure value; light and dark are two.
        #expect(before[loss] != nil)
        #expect(before[loss] == before["figures/01-workflow/bowl-1@2x.png"])
        #expect(before[loss] != before["figures/01-workflow/bowl-1.dark.png"])

        // A caption is not drawn: the figure values stay.
        try workspace.edit { $0.replacingOccurrences(of: "caption: Loss.", with: "caption: The loss per epoch.") }
        #expect(workspace.build(fresh: true, cached: false).succeeded)
        #expect(BuildManifest.read(in: workspace.output).figures == before)

        // Another learning rate gives other data: both figures of the experiment change.
        try workspace.edit { $0.replacingOccurrences(of: "lr: 0.2}", with: "lr: 0.25}") }
        #expect(workspace.build(fresh: true, cached: false).succeeded)
        let after = BuildManifest.read(in: workspace.output).figures
        #expect(after[loss] != nil && after[loss] != before[loss])
        #expect(after[contour] != nil && after[contour] != before[contour])
        #expect(after["figures/01-workflow/moons-1.png"] == before["figures/01-workflow/moons-1.png"])
    }

    @Test func theFingerprintListsTheFiveLibraryVersionsDescentsDrawingAndTheFontFiles() throws {
        let libraries = RendererFingerprint.libraryVersions()
        #expect(libraries.keys.sorted() == ["cairo", "descent-renderer", "fontconfig", "freetype", "harfbuzz", "pango"])
        #expect(libraries["descent-renderer"] == CairoRenderer.version)
        for (name, version) in libraries where name != "descent-renderer" {
            let parts = version.split(separator: ".")
            #expect(parts.count == 3 && parts.allSatisfy { Int($0) != nil }, "\(name) \(version)")
        }
        let workspace = try Workspace()
        #expect(workspace.build(fresh: true, cached: false).succeeded)
        let renderer = BuildManifest.read(in: workspace.output).renderer
        #expect(renderer.libraries == libraries)
        // The regular and bold DejaVu Sans at least, each with the SHA-256 of its bytes.
        #expect(renderer.fonts.count >= 2)
        for (file, hash) in renderer.fonts {
            let bytes = try #require(FileManager.default.contents(atPath: file))
            #expect(hash == CacheKey.sha256(Array(bytes)))
        }
        #expect(renderer.fonts.keys.contains { $0.hasSuffix("DejaVuSans.ttf") })
        #expect(renderer.fonts.keys.contains { $0.hasSuffix("DejaVuSans-Bold.ttf") })
    }

    /// Replaces `old` by `new` in the output file at `path`, which must hold it.
    func change(_ path: String, in folder: URL, _ old: String, _ new: String) throws {
        let url = folder.appendingPathComponent(path)
        let text = try String(contentsOf: url, encoding: .utf8)
        #expect(text.contains(old))
        try Data(text.replacingOccurrences(of: old, with: new).utf8).write(to: url)
    }

    @Test func checkReportsResultsAndFigureValuesAsTiersOfTheirOwn() throws {
        let workspace = try Workspace()
        #expect(workspace.build(fresh: true, cached: false).succeeded)
        func check(strict: Bool = false) -> CourseCheck.Report {
            CourseCheck.run(lessons: workspace.lessons, output: workspace.output, jobs: 2, progress: nil, strict: strict)
        }
        let clean = check()
        #expect(clean.succeeded && clean.sameRenderer && clean.differences.isEmpty && clean.notes.isEmpty)

        // Tier 1: one digit of a final loss.
        let results = "data/01-workflow/moons.json"
        let json = try String(contentsOf: workspace.output.appendingPathComponent(results), encoding: .utf8)
        let loss = try #require(json.range(of: #""final": \{"loss": [0-9.e-]+"#, options: .regularExpression).map { String(json[$0]) })
        try change(results, in: workspace.output, loss, loss.dropLast() + (loss.last == "1" ? "2" : "1"))
        let tier1 = check()
        #expect(tier1.results.count == 1 && tier1.results[0].hasPrefix("\(results): stale; run `SGD` final loss "))
        #expect(tier1.figureValues.isEmpty && tier1.pixels.isEmpty && tier1.files.isEmpty && !tier1.succeeded)

        // Tier 2: the manifest says the figure was drawn from another value.
        #expect(workspace.build(fresh: true, cached: false).succeeded)
        let figure = "figures/01-workflow/moons-1.png"
        let recorded = try #require(BuildManifest.read(in: workspace.output).figures[figure])
        try change(BuildManifest.fileName, in: workspace.output, "\"\(figure)\": \"\(recorded)\"", "\"\(figure)\": \"\(String(repeating: "0", count: 64))\"")
        let tier2 = check()
        #expect(tier2.figureValues == ["\(figure): its figure value differs from the one it was drawn from (SHA-256 000000000000… → \(recorded.prefix(12))…): its data, layout or labels changed"])
        #expect(tier2.results.isEmpty && tier2.pixels.isEmpty && !tier2.succeeded)

        // A manifest of figure values hashed by an older definition: one finding that says so.
        #expect(workspace.build(fresh: true, cached: false).succeeded)
        try change(BuildManifest.fileName, in: workspace.output, "  \"figure_values\": \(BuildManifest.figureValueDefinition),\n", "")
        #expect(BuildManifest.read(in: workspace.output).figureValues == 1)
        let older = check()
        #expect(older.figureValues == [".descent-manifest.json: its figure values were hashed by definition 1, this Descent hashes them by definition \(BuildManifest.figureValueDefinition), so none can be compared (the figures may well be the same): rebuild the course with this Descent (`descent build`, or `make course`) and commit the output"])
        #expect(older.results.isEmpty && older.pixels.isEmpty && !older.succeeded)
    }

    @Test func pixelsThatDifferUnderAnotherRendererAreNotesAndStrictMakesEveryOneAFailure() throws {
        let workspace = try Workspace()
        #expect(workspace.build(fresh: true, cached: false).succeeded)
        let figure = "figures/01-workflow/moons-1.png"
        let url = workspace.output.appendingPathComponent(figure)
        // The committed figure with one pixel's red channel 40 steps away.
        let image = try PNGDecoder.decode(Array(try Data(contentsOf: url)))
        #expect(image.channels == 3)
        var pixels = (0..<(image.width * image.height)).map { index -> UInt32 in
            let base = index * 3
            return 0xFF00_0000 | UInt32(image.bytes[base]) << 16 | UInt32(image.bytes[base + 1]) << 8 | UInt32(image.bytes[base + 2])
        }
        let red = pixels[0] >> 16 & 0xFF
        pixels[0] = pixels[0] & 0xFF00_FFFF | (red >= 40 ? red - 40 : red + 40) << 16
        let png = try pixels.withUnsafeBytes { bytes in
            try PNGEncoder.encode(bytes.baseAddress!.assumingMemoryBound(to: UInt8.self), width: image.width, height: image.height, stride: image.width * 4)
        }
        try Data(png).write(to: url)
        let count = Double(image.width * image.height)
        let rms = String(format: "%.3f", (1600 / (count * 3)).squareRoot()), share = String(format: "%.4f", 100 / count)
        func line(_ side: String, _ tolerance: Double) -> String {
            "\(figure): pixels differ: RMS \(rms) (0–255), \(share)% of pixels changed, \(side) the tolerance \(tolerance)"
        }
        let same = CourseCheck.run(lessons: workspace.lessons, output: workspace.output, jobs: 2, progress: nil)
        #expect(same.sameRenderer && same.pixelsWithinTolerance == [line("within", 2.0)] && same.differences == [line("within", 2.0)] && !same.succeeded)
        #expect(same.summary == "tier 1, results: same; tier 2, figure values: same; tier 3, pixels and layouts: 1 differs (1 within the tolerance 2.0, 0 over it or not compared; same renderer: failures); other files: same")

        let cairo = try #require(RendererFingerprint.libraryVersions()["cairo"])
        try change(BuildManifest.fileName, in: workspace.output, "\"cairo\": \"\(cairo)\"", "\"cairo\": \"0.0.1\"")
        let other = CourseCheck.run(lessons: workspace.lessons, output: workspace.output, jobs: 2, progress: nil)
        #expect(!other.sameRenderer && other.notes == [line("within", 2.0)] && other.differences.isEmpty && other.succeeded)
        #expect(other.summary.contains("tier 3, pixels and layouts: 1 differs (1 within the tolerance 2.0, 0 over it or not compared; another renderer: notes)"))
        // --strict: every difference fails, also one within the tolerance.
        let strictWithin = CourseCheck.run(lessons: workspace.lessons, output: workspace.output, jobs: 2, progress: nil, strict: true)
        #expect(strictWithin.notes.isEmpty && strictWithin.differences == [line("within", 2.0)] && !strictWithin.succeeded)
        #expect(strictWithin.summary.contains("another renderer: failures, --strict"))
        let over = CourseCheck.run(lessons: workspace.lessons, output: workspace.output, jobs: 2, progress: nil, tolerance: 0.01)
        #expect(over.pixels == [line("over", 0.01)] && over.notes == [line("over", 0.01)] && over.differences.isEmpty && over.succeeded)
        let strict = CourseCheck.run(lessons: workspace.lessons, output: workspace.output, jobs: 2, progress: nil, strict: true, tolerance: 0.01)
        #expect(strict.notes.isEmpty && strict.differences == [line("over", 0.01)] && !strict.succeeded)
    }
}
