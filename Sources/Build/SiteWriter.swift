import Foundation
import Lessons
import Site
#if canImport(Glibc)
import Glibc
#endif

/// Puts a whole new site in place of the output folder, so that a build killed at any moment
/// (SIGKILL included) leaves the folder entirely old or entirely new.
///
/// The new site is written into a sibling folder, `.<output>.descent-new`, where every file
/// that did not change is a hard link to the old one (so staging costs little more than the
/// changed files); then the two folders are swapped in one `renameat2(RENAME_EXCHANGE)` and
/// the old site is deleted. Where the file system cannot exchange, a journal,
/// `.<output>.descent-journal`, records that the staged site is complete before the old one
/// is moved aside to `.<output>.descent-old` and the new one renamed in; the next build rolls
/// that forward. Anything else left beside the output is an unfinished site, deleted.
///
/// The output holds `.descent-manifest.json` (`BuildManifest`), the list of the files Descent
/// wrote with the hashes of their numbers and figure values: a build deletes only those, and
/// carries every other file of the folder over into the new site.
struct SiteWriter {
    /// The points of the sequence where tests simulate a kill.
    enum Step: String, CaseIterable, Sendable {
        /// The staging folder exists, with the first file in it.
        case firstFileStaged
        /// Every file and the manifest are staged.
        case staged
        /// The journal says the staged site is complete (only when the folders cannot be exchanged).
        case journalWritten
        /// The old site is at `.descent-old` and nothing is at the output (same).
        case oldMovedAside
        /// The new site is at the output; the old one is still beside it.
        case swapped
    }

    /// What a write changed.
    struct Outcome: Equatable {
        var written = 0
        var removed = 0
    }

    static let manifestName = BuildManifest.fileName

    /// The output folder with symbolic links resolved, so that a link stays a link to the new site.
    let output: URL
    /// The output as messages show it.
    let display: String
    /// Whether to try `renameat2(RENAME_EXCHANGE)` (tests turn it off to check the journal).
    var exchange = true
    /// Called at each step; a thrown error stops the sequence there, as a kill would.
    var interruption: (@Sendable (Step) throws -> Void)?

    init(output: URL, display: String) {
        self.output = output.standardizedFileURL.resolvingSymlinksInPath()
        self.display = display
    }

    var parent: URL { output.deletingLastPathComponent() }
    func sibling(_ suffix: String) -> String { parent.appendingPathComponent("." + output.lastPathComponent + suffix).path }
    var stagingPath: String { sibling(".descent-new") }
    var oldPath: String { sibling(".descent-old") }
    var journalPath: String { sibling(".descent-journal") }
    var lockPath: String { sibling(".descent-lock") }

    // MARK: Lock

    /// Takes the output folder's lock, or says which build holds it.
    func lock() throws(BuildProblem) -> OutputLock {
        try makeParent()
        return try OutputLock(path: lockPath, display: display, parentDisplay: displayParent)
    }

    /// Makes the output's parent folder and those above it, saying which one is a file when
    /// one is in the way (Foundation's `createDirectory` reports that with no errno).
    func makeParent() throws(BuildProblem) {
        var folder = ""
        for component in parent.path.split(separator: "/") {
            folder += "/" + component
            if mkdir(folder, 0o755) != 0 {
                let code = errno
                var info = stat()
                guard stat(folder, &info) == 0 else {
                    if code == EEXIST, folder == parent.path {
                        throw .io(path: displayParent, reason: "is a broken symbolic link, so it cannot hold \(display); remove it or choose another --output.")
                    }
                    if code == EEXIST {
                        throw .io(path: displayParent, reason: "cannot be created to hold \(display): `\(folder)` is a broken symbolic link; remove it or choose another --output.")
                    }
                    throw IOFailure.problem(path: displayParent, action: "cannot be created to hold \(display)", errno: code)
                }
                if info.st_mode & S_IFMT == S_IFDIR { continue }
                let what = LessonFiles.nonRegularKind(mode: info.st_mode) ?? "a file"
                if folder == parent.path {
                    throw .io(path: displayParent, reason: "is \(what), not a folder, so it cannot hold \(display); remove it or choose another --output.")
                }
                throw .io(path: displayParent, reason: "cannot be created to hold \(display): `\(folder)` is \(what), not a folder; remove it or choose another --output.")
            }
        }
    }

    var displayParent: String {
        let parent = Self.folderPart(of: display)
        return parent.isEmpty ? "." : parent
    }

    /// The part of a slash-separated path before its last component: "" when there is none,
    /// "/" for a component of the root. Not NSString's `deletingLastPathComponent`, which
    /// traps on a one-letter path (`O`, `./O`) in swift-corelibs-foundation.
    static func folderPart(of path: String) -> String {
        var trimmed = Substring(path)
        while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        guard let slash = trimmed.lastIndex(of: "/") else { return "" }
        return slash == trimmed.startIndex ? "/" : String(trimmed[..<slash])
    }

    // MARK: Recovery

    /// Completes or rolls back what a killed build left beside the output, then clears it.
    /// Call with the lock held.
    func recover() throws(BuildProblem) {
        let manager = FileManager.default
        if !exists(output.path), exists(oldPath) {
            // A killed two-rename swap: the journal exists only once the staged site was complete.
            let forward = exists(journalPath) && exists(stagingPath)
            try rename(forward ? stagingPath : oldPath, to: output.path)
        }
        for path in [stagingPath, oldPath, journalPath] where exists(path) {
            do {
                try manager.removeItem(atPath: path)
            } catch {
                throw IOFailure.problem(path: path, action: "cannot be removed", error: error)
            }
        }
    }

    // MARK: Writing

    /// Makes `files` the site: the files of the old site that Descent wrote are dropped when
    /// `removingStale` (else kept), every other file is kept. Call with the lock held, after `recover`.
    /// Puts `files` in place of the site; `figures` are the figure files' value hashes for the manifest.
    func write(_ files: [SiteFile], removingStale: Bool, figures: [String: String] = [:]) throws(BuildProblem) -> Outcome {
        var info = stat()
        let outputExists = lstat(output.path, &info) == 0
        if outputExists, info.st_mode & S_IFMT == S_IFLNK {
            // `output` has its links resolved, so a link here leads nowhere.
            let target = (try? FileManager.default.destinationOfSymbolicLink(atPath: output.path)).map { " to `\($0)`" } ?? ""
            var followed = stat()
            let why = stat(output.path, &followed) == 0 ? "" : errno == ELOOP ? ", which loops back on itself" : ", which does not exist"
            throw .io(path: display, reason: "is a broken symbolic link\(target)\(why): create the folder it points to, remove the link, or choose another --output.")
        }
        if outputExists, info.st_mode & S_IFMT != S_IFDIR {
            throw .io(path: display, reason: "is a file, not a folder: remove it or choose another --output.")
        }
        let newFiles = Dictionary(files.map { ($0.path, $0.contents) }, uniquingKeysWith: { _, last in last })
        let oldFiles = outputExists ? try listFiles(output.path) : []
        let old = outputExists ? BuildManifest.read(in: output) : BuildManifest()
        let oldManifest = old.files

        var outcome = Outcome()
        var unchanged: Set<String> = []
        // Data's == compares memory; elementsEqual walked Data's iterator byte by byte, a tenth
        // of a no-change build.
        for (path, contents) in newFiles {
            if let existing = RegularFile.contents(atPath: output.appendingPathComponent(path).path), existing.count == contents.count, existing == Data(contents) {
                unchanged.insert(path)
            } else {
                outcome.written += 1
            }
        }
        // Files of the old site to carry over: all but Descent's own that this build no longer makes.
        var carried: [String] = []
        var manifest = Set(newFiles.keys)
        let newFolders = Set(newFiles.keys.flatMap { path in
            path.indices.filter { path[$0] == "/" }.map { String(path[..<$0]) }
        })
        for path in oldFiles where newFiles[path] == nil && path != Self.manifestName {
            // Half-written files of the builds before the swap, which renamed files one by one.
            if path.hasSuffix(".descent-tmp") {
                outcome.removed += 1
                continue
            }
            if oldManifest.contains(path) {
                if removingStale { outcome.removed += 1; continue }
                manifest.insert(path)
            } else if newFolders.contains(path) {
                // A file of someone else's where the new site needs a folder.
                outcome.removed += 1
                continue
            }
            carried.append(path)
        }
        var record = BuildManifest(files: manifest, renderer: BuildManifest.renderer)
        // An unchanged file's hash is the one the old manifest recorded for the same bytes.
        for (path, contents) in newFiles where BuildManifest.isResults(path) {
            record.results[path] = unchanged.contains(path) ? old.results[path] ?? BuildManifest.resultsHash(contents) : BuildManifest.resultsHash(contents)
        }
        record.figures = figures.filter { newFiles[$0.key] != nil }
        // A file carried over keeps what the build that wrote it recorded.
        for path in carried where manifest.contains(path) {
            record.results[path] = old.results[path]
            // A value hashed by another definition would read as a changed figure: left out.
            if old.figureValues == record.figureValues { record.figures[path] = old.figures[path] }
        }
        if outcome == Outcome(), record == old { return outcome }

        do throws(BuildProblem) {
            try stage(newFiles, unchanged: unchanged, carried: carried, manifest: record)
        } catch {
            // A site that could not be staged (a disk that is full, a name the file system
            // refuses) is deleted at once: nothing of it is left beside the output.
            try? FileManager.default.removeItem(atPath: stagingPath)
            throw error
        }
        try swap(outputExists: outputExists)
        return outcome
    }

    /// Writes the new site into the staging folder.
    func stage(_ files: [String: [UInt8]], unchanged: Set<String>, carried: [String], manifest: BuildManifest) throws(BuildProblem) {
        let staging = URL(fileURLWithPath: stagingPath, isDirectory: true)
        if mkdir(stagingPath, 0o755) != 0 {
            throw IOFailure.problem(path: displayParent, action: "cannot hold the new site beside \(display) (a build writes it there, then swaps it in)", errno: errno)
        }
        var folders: Set<String> = [""]
        var first = true
        func prepare(_ path: String) throws(BuildProblem) -> String {
            let folder = Self.folderPart(of: path)
            if !folders.contains(folder) {
                var partial = ""
                for component in folder.split(separator: "/") {
                    partial += (partial.isEmpty ? "" : "/") + component
                    if folders.insert(partial).inserted { try makeFolder(staging.appendingPathComponent(partial).path) }
                }
            }
            return staging.appendingPathComponent(path).path
        }
        func staged() throws(BuildProblem) {
            guard first else { return }
            first = false
            try interrupt(.firstFileStaged)
        }
        for (path, contents) in files.sorted(by: { $0.key < $1.key }) {
            let target = try prepare(path)
            if unchanged.contains(path) {
                try linkOrCopy(output.appendingPathComponent(path).path, to: target)
            } else {
                try writeFile(target, contents: contents)
            }
            try staged()
        }
        for path in carried {
            try linkOrCopy(output.appendingPathComponent(path).path, to: try prepare(path))
            try staged()
        }
        try writeFile(staging.appendingPathComponent(Self.manifestName).path, contents: Array(manifest.text.utf8))
        // The new site keeps the old folder's permissions.
        var info = stat()
        if stat(output.path, &info) == 0 { chmod(stagingPath, info.st_mode & 0o7777) }
        try interrupt(.staged)
    }

    /// Puts the staged site at the output and deletes the old one.
    func swap(outputExists: Bool) throws(BuildProblem) {
        if !outputExists {
            try rename(stagingPath, to: output.path)
            try interrupt(.swapped)
            return
        }
        if exchange, Self.exchangeFolders(stagingPath, output.path) {
            try interrupt(.swapped)
            try? FileManager.default.removeItem(atPath: stagingPath)
            return
        }
        try writeFile(journalPath, contents: Array("complete: \(stagingPath)\n".utf8))
        try interrupt(.journalWritten)
        try rename(output.path, to: oldPath)
        try interrupt(.oldMovedAside)
        try rename(stagingPath, to: output.path)
        try interrupt(.swapped)
        unlink(journalPath)
        try? FileManager.default.removeItem(atPath: oldPath)
    }

    func interrupt(_ step: Step) throws(BuildProblem) {
        do {
            try interruption?(step)
        } catch {
            throw .io(path: display, reason: "the build was interrupted at `\(step.rawValue)`.")
        }
    }

    /// `renameat2(from, to, RENAME_EXCHANGE)`: both names stay, their folders trade places in one
    /// step. False where the kernel or file system lacks it; glibc has it from 2.28, looked up
    /// at run time because Swift's Glibc module does not declare it.
    static func exchangeFolders(_ first: String, _ second: String) -> Bool {
        typealias RenameAt2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "renameat2") else { return false }
        let renameat2 = unsafeBitCast(symbol, to: RenameAt2.self)
        let renameExchange: UInt32 = 1 << 1
        return renameat2(AT_FDCWD, first, AT_FDCWD, second, renameExchange) == 0
    }

    // MARK: Files

    /// Every file (and symbolic link) under `root`, as paths relative to it.
    func listFiles(_ root: String) throws(BuildProblem) -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: root) else {
            throw .io(path: display, reason: "cannot be read: make the folder readable, or choose another --output.")
        }
        var paths: [String] = []
        while let path = enumerator.nextObject() as? String {
            var info = stat()
            guard lstat(root + "/" + path, &info) == 0 else { continue }
            let type = info.st_mode & S_IFMT
            if type == S_IFREG || type == S_IFLNK { paths.append(path) }
        }
        return paths
    }

    /// The files the build that wrote `folder` wrote, from its manifest; none when there is no manifest.
    static func manifest(in folder: URL) -> Set<String> {
        BuildManifest.read(in: folder).files
    }

    func exists(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0
    }

    func makeFolder(_ path: String) throws(BuildProblem) {
        if mkdir(path, 0o755) != 0, errno != EEXIST {
            throw IOFailure.problem(path: shown(path), action: "cannot be created", errno: errno)
        }
    }

    /// A path of the staged or old site as the file of the output it becomes or was.
    func shown(_ path: String) -> String {
        for folder in [stagingPath, output.path] where path.hasPrefix(folder + "/") {
            return display + path.dropFirst(folder.count)
        }
        return path
    }

    func rename(_ from: String, to: String) throws(BuildProblem) {
        if Glibc.rename(from, to) != 0 {
            throw IOFailure.problem(path: shown(to), action: "cannot be put in place", errno: errno)
        }
    }

    /// A hard link to the old file, or a copy where links are not allowed; a symbolic link is
    /// copied as a link.
    func linkOrCopy(_ source: String, to target: String) throws(BuildProblem) {
        var info = stat()
        if lstat(source, &info) == 0, info.st_mode & S_IFMT == S_IFLNK {
            guard let destination = try? FileManager.default.destinationOfSymbolicLink(atPath: source), symlink(destination, target) == 0 else {
                throw IOFailure.problem(path: shown(target), action: "cannot be created", errno: errno)
            }
            return
        }
        if link(source, target) == 0 { return }
        guard let contents = RegularFile.contents(atPath: source) else {
            let code = errno
            throw .io(path: shown(source), reason: "cannot be read: \(IOFailure.readSentence(errno: code, path: shown(source)))")
        }
        try writeFile(target, contents: Array(contents))
    }

    func writeFile(_ path: String, contents: [UInt8]) throws(BuildProblem) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw IOFailure.problem(path: shown(path), action: "cannot be written", errno: errno) }
        defer { close(descriptor) }
        var offset = 0
        while offset < contents.count {
            let count = contents[offset...].withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw IOFailure.problem(path: shown(path), action: "cannot be written", errno: errno)
            }
            offset += count
        }
    }
}

/// The lock that keeps two builds out of one output folder: `flock` on `.<output>.descent-lock`
/// beside it, holding the pid of the build. The kernel drops the lock when the process ends,
/// however it ends; the file goes when the build finishes.
final class OutputLock {
    let descriptor: Int32
    let path: String

    init(path: String, display: String, parentDisplay: String) throws(BuildProblem) {
        self.path = path
        // A build that finishes deletes the file; one that opened it just before then holds a
        // lock on a deleted file, so take the lock again on the file now at `path`.
        for _ in 0..<16 {
            let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
            guard descriptor >= 0 else {
                throw IOFailure.problem(path: parentDisplay, action: "cannot hold the lock file of \(display)", errno: errno)
            }
            if flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
                let code = errno
                var buffer = [UInt8](repeating: 0, count: 32)
                let count = read(descriptor, &buffer, buffer.count)
                close(descriptor)
                guard code == EWOULDBLOCK else {
                    throw IOFailure.problem(path: parentDisplay, action: "cannot lock \(display)", errno: code)
                }
                let pid = String(decoding: buffer.prefix(max(0, count)), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
                throw .io(path: display, reason: "another descent build is writing \(display) (pid \(pid.isEmpty ? "unknown" : pid)); wait for it to finish, or stop it, then build again.")
            }
            var held = stat(), current = stat()
            if fstat(descriptor, &held) == 0, stat(path, &current) == 0, held.st_ino == current.st_ino, held.st_dev == current.st_dev {
                self.descriptor = descriptor
                let pid = Array("\(getpid())\n".utf8)
                ftruncate(descriptor, 0)
                _ = pid.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, 0) }
                return
            }
            close(descriptor)
        }
        throw .io(path: display, reason: "its lock file \(path) keeps changing; check that no other program is deleting it, then build again.")
    }

    deinit {
        unlink(path)
        close(descriptor)
    }
}

/// I/O failures as sentences a course author can act on, never a Foundation error code.
enum IOFailure {
    static func problem(path: String, action: String, errno code: Int32) -> BuildProblem {
        .io(path: path, reason: "\(action): \(sentence(errno: code))")
    }

    static func problem(path: String, action: String, error: any Error) -> BuildProblem {
        .io(path: path, reason: "\(action): \(sentence(error))")
    }

    /// What went wrong and what to do, for an error from Foundation or the C library.
    static func sentence(_ error: any Error) -> String {
        let error = error as NSError
        if let underlying = error.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return sentence(errno: Int32(underlying.code))
        }
        if error.domain == NSPOSIXErrorDomain { return sentence(errno: Int32(error.code)) }
        if let underlying = error.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain != error.domain || underlying.code != error.code {
            return sentence(underlying)
        }
        switch CocoaError.Code(rawValue: error.code) {
        case .fileNoSuchFile, .fileReadNoSuchFile: return sentence(errno: ENOENT)
        case .fileReadNoPermission, .fileWriteNoPermission: return sentence(errno: EACCES)
        case .fileWriteOutOfSpace: return sentence(errno: ENOSPC)
        case .fileWriteVolumeReadOnly: return sentence(errno: EROFS)
        case .fileWriteFileExists: return sentence(errno: EEXIST)
        case .fileReadInapplicableStringEncoding, .fileReadCorruptFile: return "it is not UTF-8 text; save it with UTF-8 encoding."
        case .fileWriteInvalidFileName, .fileReadInvalidFileName: return sentence(errno: ENAMETOOLONG)
        default: return "the system could not do it; check that the path exists, that you may read and write it, and that the disk has space."
        }
    }

    /// What went wrong reading `path` and what to do: read advice where `sentence(errno:)`
    /// gives write advice.
    static func readSentence(errno code: Int32, path: String) -> String {
        switch code {
        case EACCES, EPERM: return "permission denied; make it readable (chmod u+r \(path))."
        case ELOOP: return "its symbolic links loop back on themselves; point the link at a real file or folder."
        case ENOTDIR: return "a file stands where a folder of its path should be; check the path."
        default: return sentence(errno: code)
        }
    }

    static func sentence(errno code: Int32) -> String {
        switch code {
        case EACCES, EPERM: return "permission denied; make the folder writable (chmod u+w) or choose another folder."
        case ENOSPC, EDQUOT: return "the disk is full; free some space and build again."
        case EROFS: return "the file system is read-only; choose a writable folder."
        case EISDIR: return "a folder is in the way of a file; remove or rename it."
        case ENOTDIR: return "a file is in the way of a folder; remove or rename it."
        case ENOENT: return "there is no such file or folder; check the path."
        case EEXIST: return "something already exists there; remove or rename it."
        case ENAMETOOLONG: return "the name is too long for the file system; use a shorter name."
        case EMFILE, ENFILE: return "too many files are open; close some programs or raise the limit (ulimit -n)."
        case EIO: return "the disk reported an input/output error; check the disk."
        default: return "\(String(cString: strerror(code))); check the path and its permissions."
        }
    }
}
