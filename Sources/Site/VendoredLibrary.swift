import Foundation
import Synchronization

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
            if let copied = Self.read(library) {
                files += copied
            } else {
                warnings.append("warning: \(library.purpose) is not installed (\(library.directory.path)), so \(library.fallback); run `make deps` or `apt-get install \(library.packages)`.")
            }
        }
        return (files, warnings)
    }

    /// Each library's files as first read by this process, by folder: a long-lived process
    /// (`descent preview`) builds many times and the installed files do not change under it.
    private static let readFiles = Mutex<[String: [SiteFile]]>([:])

    /// The library's files, read once per process; nil (and read again next time) when it is
    /// not installed.
    static func read(_ library: VendoredLibrary) -> [SiteFile]? {
        if let files = readFiles.withLock({ $0[library.directory.path] }) { return files }
        guard let files = library.read(library.directory) else { return nil }
        readFiles.withLock { $0[library.directory.path] = files }
        return files
    }

    /// The bytes of `name` in `directory`, as the site file `folder/name`; nil when it cannot be read.
    static func copy(_ name: String, from directory: URL, to folder: String) -> SiteFile? {
        FileManager.default.contents(atPath: directory.appendingPathComponent(name).path).map {
            SiteFile(path: "\(folder)/\(name)", contents: Array($0))
        }
    }
}
