import Foundation

/// KaTeX, copied from Debian's `libjs-katex` and `fonts-katex` into `assets/katex/`, so that
/// math renders from `file://` without a network.
public enum KaTeXAssets {
    /// Where Debian installs KaTeX.
    public static let directory = URL(fileURLWithPath: "/usr/share/javascript/katex", isDirectory: true)
    static let folder = "assets/katex"

    static let library = VendoredLibrary(
        purpose: "KaTeX", packages: "libjs-katex fonts-katex", directory: directory,
        isNeeded: { $0.hasMath }, read: { files(from: $0) }, fallback: "math shows as TeX source")

    /// The script, the stylesheet and the WOFF2 fonts (which every current browser reads; the
    /// stylesheet names WOFF2 first), or nil when KaTeX is not installed.
    public static func files(from directory: URL = directory) -> [SiteFile]? {
        var files: [SiteFile] = []
        for name in ["katex.min.js", "katex.min.css"] {
            guard let file = VendoredLibrary.copy(name, from: directory, to: folder) else { return nil }
            files.append(file)
        }
        let fonts = directory.appendingPathComponent("fonts", isDirectory: true)
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: fonts.path) else { return nil }
        for name in names.filter({ $0.hasSuffix(".woff2") }).sorted() {
            guard let file = VendoredLibrary.copy(name, from: fonts, to: folder + "/fonts") else { return nil }
            files.append(file)
        }
        return files
    }
}
