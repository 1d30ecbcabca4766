import Foundation

/// A JavaScript library that a Debian package installs and the site copies into `assets/`, so
/// that pages work from `file://` without a network: KaTeX for math, highlight.js for code.
public struct VendoredLibrary: Sendable {
    /// What the library does for a page, for the warning when it is missing.
    var purpose: String
    /// The Debian packages that install it.
    var packages: String
    public var directory: URL
    /// Whether the course's pages use the library.
    var isNeeded: @Sendable (Course) -> Bool
    /// The files to copy, or nil when the library is not installed.
    var read: @Sendable (URL) -> [SiteFile]?

    /// What a reader sees without the library.
    var fallback: String

    /// The files of the libraries `course` uses, and a warning for each of them that is not installed.
    public static func assets(for course: Course) -> (files: [SiteFile], warnings: [String]) {
        var files: [SiteFile] = [], warnings: [String] = []
        for library in [KaTeXAssets.library, HighlightAssets.library] where library.isNeeded(course) {
            if let copied = library.read(library.directory) {
                files += copied
            } else {
                warnings.append("warning: \(library.purpose) is not installed (\(library.directory.path)), so \(library.fallback); run `make deps` or `apt-get install \(library.packages)`.")
            }
        }
        return (files, warnings)
    }

    /// The bytes of `name` in `directory`, as the site file `folder/name`; nil when it cannot be read.
    static func copy(_ name: String, from directory: URL, to folder: String) -> SiteFile? {
        FileManager.default.contents(atPath: directory.appendingPathComponent(name).path).map {
            SiteFile(path: "\(folder)/\(name)", contents: Array($0))
        }
    }
}
