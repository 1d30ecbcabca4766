import Foundation

/// highlight.js from Debian's `libjs-highlight.js`, cut down to its core and the languages
/// lessons are written in, as one script `assets/highlight/highlight.js`: Debian's minified file
/// holds all 185 languages (846 kB), the cut about 52 kB. The page's stylesheet colours the
/// classes it writes (`hljs-keyword`, …), from the theme's custom properties.
public enum HighlightAssets {
    /// Where Debian installs highlight.js.
    public static let directory = URL(fileURLWithPath: "/usr/share/javascript/highlight.js", isDirectory: true)
    static let path = "assets/highlight/highlight.js"

    /// The languages a code block may name (```python); a block in another language stays plain.
    public static let languages = ["bash", "json", "python", "shell", "swift", "yaml"]

    static let library = VendoredLibrary(
        purpose: "highlight.js", packages: "libjs-highlight.js", directory: directory,
        isNeeded: { $0.hasCode }, read: { files(from: $0) }, fallback: "code is shown without colours")

    /// The script, or nil when highlight.js is not installed or its file is not laid out as
    /// Debian's is (the core, then one `hljs.registerLanguage('name', …` block per language,
    /// each starting a line).
    public static func files(from directory: URL = directory) -> [SiteFile]? {
        guard let data = FileManager.default.contents(atPath: directory.appendingPathComponent("highlight.js").path),
              let text = String(data: data, encoding: .utf8)
        else { return nil }
        let marker = "\nhljs.registerLanguage('"
        let parts = text.components(separatedBy: marker)
        guard parts.count > 1 else { return nil }
        let kept = parts.dropFirst().filter { block in
            languages.contains(String(block.prefix { $0 != "'" }))
        }
        let header = "/* highlight.js, BSD-3-Clause, (c) 2006 Ivan Sagalaev and the highlight.js contributors:\n"
            + "   Debian's libjs-highlight.js, its core and the languages " + languages.joined(separator: ", ") + ". */\n"
        let script = header + parts[0] + kept.map { marker + $0 }.joined() + (kept.last?.hasSuffix("\n") == false ? "\n" : "")
        return [SiteFile(path: path, contents: Array(script.utf8))]
    }
}
