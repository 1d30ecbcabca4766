import Foundation

/// One fuzz case: a lessons folder held in memory, written to disk only to be built.
public struct FuzzCase: Sendable {
    /// File contents by path relative to the lessons folder (`01-a.md`, `_templates/page.mustache`).
    public var files: [String: [UInt8]]
    /// Symbolic links by path relative to the lessons folder, to their destination.
    public var symlinks: [String: String]
    /// How the case was made, for the report (`generated`, `mutated 03-batch-size.md`).
    public var origin: String

    public init(files: [String: [UInt8]], symlinks: [String: String] = [:], origin: String) {
        self.files = files
        self.symlinks = symlinks
        self.origin = origin
    }

    /// The lessons Descent builds into pages: Markdown files at the top of the folder whose names
    /// do not start with `_` or `.`.
    public var lessonNames: [String] {
        files.keys.filter { name in
            !name.contains("/") && name.hasSuffix(".md") && !name.hasPrefix("_") && !name.hasPrefix(".")
        }.sorted()
    }

    /// Writes the case as the folder `lessons`, replacing what was there.
    public func write(to lessons: URL) throws {
        let fileManager = FileManager.default
        try? fileManager.removeItem(at: lessons)
        try fileManager.createDirectory(at: lessons, withIntermediateDirectories: true)
        for (path, bytes) in files {
            let url = lessons.appendingPathComponent(path)
            try fileManager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(bytes).write(to: url)
        }
        for (path, destination) in symlinks {
            let url = lessons.appendingPathComponent(path)
            try fileManager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try fileManager.createSymbolicLink(atPath: url.path, withDestinationPath: destination)
        }
    }

    /// Reads a lessons folder back (a saved crash or a regression lesson), symbolic links as links.
    public static func read(from lessons: URL, origin: String) throws -> FuzzCase {
        var files: [String: [UInt8]] = [:]
        var symlinks: [String: String] = [:]
        let fileManager = FileManager.default
        let root = lessons.standardizedFileURL.path
        guard let walker = fileManager.enumerator(atPath: root) else { return FuzzCase(files: [:], origin: origin) }
        while let relative = walker.nextObject() as? String {
            let path = root + "/" + relative
            if let destination = try? fileManager.destinationOfSymbolicLink(atPath: path) {
                symlinks[relative] = destination
                walker.skipDescendants()
                continue
            }
            var isDirectory: ObjCBool = false
            if fileManager.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue {
                files[relative] = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
            }
        }
        return FuzzCase(files: files, symlinks: symlinks, origin: origin)
    }
}
