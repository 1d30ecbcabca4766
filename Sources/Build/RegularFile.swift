import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Reads files the build finds beside the lessons (the old site, the cache) only when they
/// are regular files, links followed: opening a FIFO waits for a writer forever.
enum RegularFile {
    /// The bytes of the regular file at `path`; nil for anything else or a failed read.
    static func contents(atPath path: String) -> Data? {
        var info = stat()
        guard stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
        return FileManager.default.contents(atPath: path)
    }
}
