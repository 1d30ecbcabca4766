import Foundation

/// KaTeX, copied from Debian's `libjs-katex` and `fonts-katex` into `assets/katex/`, so that
/// math renders from `file://` without a network.
public enum KaTeXAssets {
    /// Where Debian installs KaTeX.
    public static let directory = URL(fileURLWithPath: "/usr/share/javascript/katex", isDirectory: true)
    static let folder = "assets/katex"

    /// The script, the stylesheet and the WOFF2 fonts (which every current browser reads; the
    /// stylesheet names WOFF2 first), or nil when KaTeX is not installed.
    public static func files(from directory: URL = directory) -> [SiteFile]? {
        let manager = FileManager.default
        var files: [SiteFile] = []
        for name in ["katex.min.js", "katex.min.css"] {
            guard let data = manager.contents(atPath: directory.appendingPathComponent(name).path) else { return nil }
            files.append(SiteFile(path: "\(folder)/\(name)", contents: Array(data)))
        }
        let fonts = directory.appendingPathComponent("fonts", isDirectory: true)
        guard let names = try? manager.contentsOfDirectory(atPath: fonts.path) else { return nil }
        for name in names.filter({ $0.hasSuffix(".woff2") }).sorted() {
            guard let data = manager.contents(atPath: fonts.appendingPathComponent(name).path) else { return nil }
            files.append(SiteFile(path: "\(folder)/fonts/\(name)", contents: Array(data)))
        }
        return files
    }
}
