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
        // Bytes, not a String: splitting Debian's 1 MB file with Foundation's string search
        // took a tenth of a second on every build.
        guard let data = FileManager.default.contents(atPath: directory.appendingPathComponent("highlight.js").path),
              String(validating: data, as: UTF8.self) != nil
        else { return nil }
        let bytes = [UInt8](data)
        let marker = Array("\nhljs.registerLanguage('".utf8)
        let starts = occurrences(of: marker, in: bytes)
        guard let first = starts.first else { return nil }
        let kept = zip(starts, starts.dropFirst() + [bytes.count]).filter { start, _ in
            let name = bytes[(start + marker.count)...].prefix { $0 != UInt8(ascii: "'") }
            return languages.contains(String(decoding: name, as: UTF8.self))
        }
        let header = "/* highlight.js, BSD-3-Clause, (c) 2006 Ivan Sagalaev and the highlight.js contributors:\n"
            + "   Debian's libjs-highlight.js, its core and the languages " + languages.joined(separator: ", ") + ". */\n"
        var script = Array(header.utf8) + bytes[..<first]
        for (start, end) in kept { script += bytes[start..<end] }
        if let (_, end) = kept.last, bytes[end - 1] != UInt8(ascii: "\n") { script.append(UInt8(ascii: "\n")) }
        return [SiteFile(path: path, contents: script)]
    }

    /// Where each non-overlapping occurrence of `marker` (which starts with a newline) begins.
    static func occurrences(of marker: [UInt8], in bytes: [UInt8]) -> [Int] {
        var found: [Int] = []
        var index = 0
        while index + marker.count <= bytes.count {
            if bytes[index] == marker[0], bytes[index..<(index + marker.count)].elementsEqual(marker) {
                found.append(index)
                index += marker.count
            } else {
                index += 1
            }
        }
        return found
    }
}
