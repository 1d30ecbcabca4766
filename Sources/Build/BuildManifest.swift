import Charts
import Crypto
import Foundation
import Site

/// `output/.descent-manifest.json`: what a build wrote and what it was made of, so that
/// `descent check` can tell numbers, drawings and pixels apart (docs/cli.md, "Manifest").
///
/// - `files`: every file Descent wrote (a build deletes only those);
/// - `results`: per results file (`data/**/*.json`, `data/**/*.csv`), the SHA-256 of its
///   numbers: its bytes without the recorded wall-clock times, which `check` does not compare;
/// - `figures`: per figure file (`figures/**/*.png`), the SHA-256 of the figure value it was
///   drawn from (the chart with its data, in its layout and theme, before layout and pixels);
/// - `renderer`: the versions of Cairo, Pango, HarfBuzz, FreeType and fontconfig and the
///   SHA-256 of the font files used, which decide the pixels of a figure value.
///
/// The text is deterministic: keys sorted, one entry a line, the same build gives the same bytes.
struct BuildManifest: Equatable, Sendable {
    /// How this Descent hashes a figure value (`figureHash`); a manifest records the definition
    /// its `figures` were hashed by, so that `check` can tell a changed definition from changed
    /// figures. 1: the rendering's whole chart as JSON; 2: a hash per layout's chart, a grid's
    /// values by their digest; 3: also a line's, scatter's or path's points by their digest.
    static let figureValueDefinition = 3

    var files: Set<String> = []
    /// The definition `figures` were hashed by (1 for a manifest that does not say).
    var figureValues = BuildManifest.figureValueDefinition
    var results: [String: String] = [:]
    var figures: [String: String] = [:]
    var renderer = RendererFingerprint(libraries: [:], fonts: [:])

    static let fileName = ".descent-manifest.json"

    /// The manifest's text.
    var text: String {
        func object(_ entries: [String: String], indent: String) -> String {
            guard !entries.isEmpty else { return "{}" }
            let lines = entries.sorted { $0.key < $1.key }.map { indent + "  " + JSONText.string($0.key) + ": " + JSONText.string($0.value) }
            return "{\n" + lines.joined(separator: ",\n") + "\n" + indent + "}"
        }
        let list = files.sorted().map { "    " + JSONText.string($0) }.joined(separator: ",\n")
        return """
            {
              "written_by": "descent",
              "figure_values": \(figureValues),
              "files": [
            \(list)
              ],
              "results": \(object(results, indent: "  ")),
              "figures": \(object(figures, indent: "  ")),
              "renderer": {
                "libraries": \(object(renderer.libraries, indent: "    ")),
                "fonts": \(object(renderer.fonts, indent: "    "))
              }
            }

            """
    }

    /// The manifest in `folder`; an empty one when there is none or it cannot be read (a
    /// manifest of an older Descent has only `files`).
    static func read(in folder: URL) -> BuildManifest {
        struct Stored: Decodable {
            struct Renderer: Decodable {
                var libraries: [String: String]?
                var fonts: [String: String]?
            }
            var files: [String]
            var figure_values: Int?
            var results: [String: String]?
            var figures: [String: String]?
            var renderer: Renderer?
        }
        guard let data = RegularFile.contents(atPath: folder.appendingPathComponent(fileName).path),
              let stored = try? JSONDecoder().decode(Stored.self, from: data)
        else { return BuildManifest() }
        return BuildManifest(
            files: Set(stored.files), figureValues: stored.figure_values ?? 1, results: stored.results ?? [:], figures: stored.figures ?? [:],
            renderer: RendererFingerprint(libraries: stored.renderer?.libraries ?? [:], fonts: stored.renderer?.fonts ?? [:]))
    }

    /// Whether `path` is a results file, whose numbers the manifest hashes.
    static func isResults(_ path: String) -> Bool {
        path.hasPrefix("data/") && (path.hasSuffix(".json") || path.hasSuffix(".csv"))
    }

    /// The SHA-256 of a results file's numbers: its bytes without the lines of recorded
    /// wall-clock times (`"seconds": …` in the JSON; the CSV records none).
    static func resultsHash(_ bytes: [UInt8]) -> String {
        var kept: [UInt8] = []
        kept.reserveCapacity(bytes.count)
        for (index, line) in bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).enumerated() {
            let start = line.drop { $0 == UInt8(ascii: " ") }
            if start.starts(with: Array("\"seconds\":".utf8)) { continue }
            if index > 0 { kept.append(UInt8(ascii: "\n")) }
            kept += line
        }
        return CacheKey.sha256(kept)
    }

    /// The SHA-256 of a figure value: a rendering of a chart, given by the chart's hash
    /// (`chartHash`, of the layout's whole chart), the layers the rendering draws (whole, or the
    /// background a page draws over) and its theme. The scale is left out: it changes pixels,
    /// not what is drawn. A figure's renderings share their layout's chart, so it is encoded
    /// once per layout rather than once per rendering.
    static func figureHash(chart: String, layers: FigureLayers, theme: ChartTheme) -> String {
        struct Drawn: Encodable {
            var chart: String
            var layers: FigureLayers
            var theme: String
        }
        return CacheKey.hash(Drawn(chart: chart, layers: layers, theme: theme.name))
    }

    /// The SHA-256 of a chart with its data: encoded as JSON with sorted keys and each double
    /// in its shortest exact form, except that a contour's grid values and the points of
    /// lines, scatters and paths enter by the SHA-256 of their bits (`DataDigest`).
    static func chartHash(_ chart: Figure) -> String {
        CacheKey.hashWithDataDigests(chart)
    }

    /// The fingerprint of this machine's renderer, read once per process.
    static let renderer = currentRenderer()

    /// The SHA-256 of `renderer`, which names the drawings in the cache.
    static let rendererHash = CacheKey.sha256(Array(BuildManifest(renderer: renderer).text.utf8))

    /// Starts computing `rendererHash` on a thread of its own, once per process; whoever reads
    /// it first waits for that computation instead of starting another.
    static func prepareRenderer() {
        _ = preparing
    }

    private static let preparing: Void = Thread.detachNewThread { _ = rendererHash }

    /// The fingerprint of this machine's renderer, font files hashed.
    static func currentRenderer() -> RendererFingerprint {
        var fonts: [String: String] = [:]
        for file in RendererFingerprint.fontFiles() {
            fonts[file] = RegularFile.contents(atPath: file).map { CacheKey.sha256(Array($0)) } ?? "unreadable"
        }
        return RendererFingerprint(libraries: RendererFingerprint.libraryVersions(), fonts: fonts)
    }
}
