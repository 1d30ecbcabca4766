import Foundation
import Lessons
import Site
import Training
#if canImport(Glibc)
import Glibc
#endif

/// How `descent build` knows that nothing changed since its last build of the same output, and
/// does nothing: the stamp `.descent-cache/builds/<hash of the output's path>.json` holds
///
/// - the SHA-256 of every input: each file under the lessons folder (path and bytes; lessons
///   read no data from outside it), the executable (size and time), Descent's version and
///   toolchain, the renderer fingerprint, and the size and time of the vendored libraries'
///   files;
/// - the output as that build left it: each file's size, modification time and inode;
/// - what the build reported (counts and warnings), said again by the build that skips.
///
/// A build whose inputs hash the same and whose output is untouched is the same build: the
/// pipeline is deterministic. Anything else (an edited lesson, a deleted or edited output
/// file, another Descent, `--fresh`, `--only`, `--explain`) builds as usual, and only a build
/// that succeeded writes a stamp. The check reads the lessons and stats the output: a no-change
/// build costs milliseconds.
struct BuildStamp: Codable, Equatable {
    var inputs: String
    var outputs: [String: String]
    var lessons: Int
    var experiments: Int
    var figures: Int
    var warnings: [String]

    /// Where the stamp of `options`' output is kept; nil when the build keeps no cache.
    static func location(_ options: BuildOptions, output: URL) -> URL? {
        guard let cache = options.cacheDirectory else { return nil }
        return cache.appendingPathComponent("builds/\(CacheKey.sha256(Array(output.path.utf8))).json")
    }

    /// The hash of every input of a build of `options`.
    static func inputs(_ options: BuildOptions) -> String? {
        let root = options.lessonsDirectory.standardizedFileURL.resolvingSymlinksInPath().path
        guard let enumerator = FileManager.default.enumerator(atPath: root) else { return nil }
        var lines = [
            "descent \(options.identity.version) \(options.identity.toolchain)", "executable \(ResultCache.executableIdentity)",
            "renderer \(options.rendererFingerprint)", "engine \(Trainer.engineVersion)",
        ]
        var files: [String] = []
        while let path = enumerator.nextObject() as? String { files.append(path) }
        for path in files.sorted() {
            var info = stat()
            guard stat(root + "/" + path, &info) == 0, info.st_mode & S_IFMT != S_IFDIR else { continue }
            guard let bytes = RegularFile.contents(atPath: root + "/" + path) else { return nil }
            lines.append("lesson file \(path) \(CacheKey.sha256(Array(bytes)))")
        }
        for folder in [KaTeXAssets.directory.path, HighlightAssets.directory.path] {
            let names = (FileManager.default.enumerator(atPath: folder)?.allObjects as? [String] ?? []).sorted()
            for name in names { lines.append("library \(folder)/\(name) \(signature(folder + "/" + name, follow: true) ?? "missing")") }
        }
        return CacheKey.sha256(Array(lines.joined(separator: "\n").utf8))
    }

    /// A file's size, modification time (to the nanosecond) and inode; nil when it is gone.
    static func signature(_ path: String, follow: Bool = false) -> String? {
        var info = stat()
        guard (follow ? stat(path, &info) : lstat(path, &info)) == 0 else { return nil }
        return "\(info.st_size) \(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec) \(info.st_ino)"
    }

    /// Each file under `output` with its signature.
    static func outputs(_ output: URL) -> [String: String] {
        var found: [String: String] = [:]
        guard let enumerator = FileManager.default.enumerator(atPath: output.path) else { return found }
        while let path = enumerator.nextObject() as? String {
            if let signature = signature(output.path + "/" + path) { found[path] = signature }
        }
        return found
    }

    /// The stamp of the last build of `output`, if there is one.
    static func read(_ options: BuildOptions, output: URL) -> BuildStamp? {
        guard let url = location(options, output: output), let data = RegularFile.contents(atPath: url.path) else { return nil }
        return try? JSONDecoder().decode(BuildStamp.self, from: data)
    }

    /// The report of the build that left `output` as it is, if `inputs` are its inputs and
    /// nothing has changed in `output` since.
    func report(inputs: String?, output: URL) -> BuildReport? {
        guard inputs == self.inputs, outputs == Self.outputs(output) else { return nil }
        var report = BuildReport()
        report.lessons = lessons
        report.experiments = experiments
        report.figures = figures
        report.warnings = warnings
        return report
    }

    /// Records a build that succeeded, under `inputs` hashed before it began (a lesson saved
    /// while it ran makes the next build build); removes the stamp of one that did not.
    static func record(_ report: BuildReport, inputs: String?, options: BuildOptions, output: URL) {
        guard let url = location(options, output: output) else { return }
        guard report.succeeded, let inputs else {
            unlink(url.path)
            return
        }
        let stamp = BuildStamp(inputs: inputs, outputs: outputs(output), lessons: report.lessons,
                               experiments: report.experiments, figures: report.figures, warnings: report.warnings)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        guard let data = try? encoder.encode(stamp) else { return }
        try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try? data.write(to: url, options: .atomic)
    }
}
