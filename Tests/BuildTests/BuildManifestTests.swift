import Charts
import Foundation
import Testing
import TestSupport
@testable import Build

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

    @Test func theFingerprintListsTheFiveLibraryVersionsAndTheFontFiles() throws {
        let libraries = RendererFingerprint.libraryVersions()
        #expect(libraries.keys.sorted() == ["cairo", "fontconfig", "freetype", "harfbuzz", "pango"])
        for (name, version) in libraries {
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
}
