import Foundation

/// Which file of the output folder a request path names, if any: `descent preview` serves only
/// regular files inside the output folder. A path with a `..` or `.` segment (decoded or not) is
/// refused rather than normalised, and a symbolic link is followed only when its target is
/// inside the output folder too; everything else is a 404.
enum ServedFile {
    /// The file for `path` (as in the request line, without the query), or nil for a 404.
    /// A folder gives its `index.html`.
    static func resolve(_ path: String, in root: URL) -> URL? {
        guard let segments = segments(of: path), let rootPath = realPath(root.path) else { return nil }
        var candidate = segments.reduce(rootPath) { $0 + "/" + $1 }
        if isDirectory(candidate) { candidate += "/index.html" }
        guard let real = realPath(candidate), real.hasPrefix(rootPath + "/") else { return nil }
        var info = stat()
        guard stat(real, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
        return URL(fileURLWithPath: real)
    }

    /// The decoded segments of a request path (without its query), or nil when one is `..`,
    /// `.`, or holds a NUL or a backslash.
    static func segments(of path: String) -> [String]? {
        let withoutQuery = path.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
        guard let decoded = withoutQuery.removingPercentEncoding else { return nil }
        let segments = decoded.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        guard !segments.contains(where: { $0 == ".." || $0 == "." || $0.contains("\0") || $0.contains("\\") }) else { return nil }
        return segments
    }

    /// The file of a site held in memory (by path, as BuildReport.files) that a request path
    /// names: the path itself, or a folder's `index.html`.
    static func resolve(_ path: String, in files: [String: [UInt8]]) -> (path: String, contents: [UInt8])? {
        resolve(path) { files[$0] != nil }.flatMap { key in files[key].map { (key, $0) } }
    }

    /// The site path a request path names among those `exists` accepts: the path itself, or a
    /// folder's `index.html`.
    static func resolve(_ path: String, where exists: (String) -> Bool) -> String? {
        guard let segments = segments(of: path) else { return nil }
        let key = segments.joined(separator: "/")
        return [key, key.isEmpty ? "index.html" : key + "/index.html"].first(where: exists)
    }

    /// The path with every symbolic link resolved, or nil when it does not exist.
    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFDIR
    }

    /// The Content-Type of the site's kinds of file.
    static func contentType(of name: String) -> String {
        switch URL(fileURLWithPath: name).pathExtension.lowercased() {
        case "html": "text/html; charset=utf-8"
        case "css": "text/css; charset=utf-8"
        case "js", "mjs": "text/javascript; charset=utf-8"
        case "json", "webmanifest": "application/json"
        case "csv": "text/csv; charset=utf-8"
        case "txt", "md": "text/plain; charset=utf-8"
        case "svg": "image/svg+xml"
        case "png": "image/png"
        case "jpg", "jpeg": "image/jpeg"
        case "ico": "image/x-icon"
        case "woff2": "font/woff2"
        case "woff": "font/woff"
        case "ttf": "font/ttf"
        default: "application/octet-stream"
        }
    }
}
