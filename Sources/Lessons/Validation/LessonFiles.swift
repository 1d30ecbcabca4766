import Foundation

/// Reads the files a course names (lessons, CSV data, templates) only from inside its lessons
/// folder, with symbolic links resolved on both sides before the check, and says in words why
/// a file cannot be read: never an `NSCocoaErrorDomain` code.
public enum LessonFiles {
    /// The largest file a course may read: a lesson, `course.yml`, a template or a CSV (a
    /// million rows of two one-digit columns). Measured at 8 MB on two loaded cores, the worst
    /// CSV (two million rows, one epoch) built in 20 s and a lesson of math and references in
    /// 22 s and 1 GB; 4 MB keeps every accepted file near 10 s.
    public static let maximumBytes = 4_000_000

    /// Why a file could not be read: the rest of a sentence "The file `x` …", and what to do.
    public struct Problem: Error, Equatable, Sendable {
        public var problem: String
        public var advice: String
        /// The file resolves outside the lessons folder: its contents must not be shown.
        public var isOutside: Bool = false
    }

    /// The path with every symbolic link resolved, or nil when it does not exist.
    public static func realPath(_ url: URL) -> String? {
        guard let resolved = realpath(url.path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// Whether `url`, links resolved, lies inside `root`, links resolved. A path that does
    /// not exist is judged by its nearest existing parent folder.
    public static func isInside(_ url: URL, root: URL) -> Bool {
        guard let rootPath = realPath(root) else { return false }
        var existing = url.standardizedFileURL
        var rest: [String] = []
        while realPath(existing) == nil, existing.pathComponents.count > 1 {
            rest.insert(existing.lastPathComponent, at: 0)
            existing = existing.deletingLastPathComponent()
        }
        guard let base = realPath(existing) else { return false }
        let path = ([base] + rest).joined(separator: "/")
        let prefix = rootPath.hasSuffix("/") ? rootPath : rootPath + "/"
        return path == rootPath || path.hasPrefix(prefix)
    }

    /// The bytes of `url`, which must lie inside `root` (when given).
    public static func read(_ url: URL, inside root: URL?) -> Result<Data, Problem> {
        if let root, !isInside(url, root: root) {
            return .failure(Problem(problem: "is outside the lessons folder (a link may point outside it)",
                                    advice: "put the file inside `lessons/` and give its path relative to the lesson", isOutside: true))
        }
        // `stat` follows links, and comes before any `open`: opening a FIFO blocks until
        // something writes to it, which would hang the build.
        var info = stat()
        guard stat(url.path, &info) == 0 else {
            return .failure(Problem(problem: "does not exist", advice: "check the spelling of the path, which is relative to the lesson"))
        }
        if info.st_mode & S_IFMT == S_IFDIR {
            return .failure(Problem(problem: "is a folder, not a file", advice: "give the path of a file inside it"))
        }
        if let kind = nonRegularKind(mode: info.st_mode) {
            return .failure(Problem(problem: "is not a regular file (\(kind))", advice: "a course's files must be ordinary files"))
        }
        guard FileManager.default.isReadableFile(atPath: url.path) else {
            return .failure(Problem(problem: "cannot be read (permission denied)", advice: "make it readable, for example with `chmod u+r`"))
        }
        if Int64(info.st_size) > Int64(maximumBytes) {
            return .failure(Problem(problem: "is \(Limits.format(Int(info.st_size))) bytes, more than the limit of \(Limits.format(maximumBytes))",
                                    advice: "use a smaller file"))
        }
        guard let data = FileManager.default.contents(atPath: url.path) else {
            return .failure(Problem(problem: "cannot be read", advice: "check that it is a regular file you can open"))
        }
        return .success(data)
    }

    /// What a file of this `st_mode` is, as words ("a FIFO"), when it is neither a regular
    /// file nor a folder; nil for those two.
    public static func nonRegularKind(mode: mode_t) -> String? {
        switch mode & S_IFMT {
        case S_IFREG, S_IFDIR: return nil
        case S_IFIFO: return "a FIFO"
        case S_IFCHR: return "a character device"
        case S_IFBLK: return "a block device"
        case S_IFSOCK: return "a socket"
        case S_IFLNK: return "a symbolic link"
        default: return "a special file"
        }
    }
}
