import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Watches a folder and its subfolders (lessons, `course.yml`, data files, templates, string
/// files) and calls `onChange` once per burst of changes: editors save with several writes,
/// renames and deletions, so a burst ends only after `quietPeriod` without events. Uses inotify
/// where the kernel offers it, else compares every file's modification time and size every
/// `pollInterval`. Hidden files and editor backups (`.x.swp`, `x~`) are not the course's.
final class FolderWatcher: @unchecked Sendable {
    enum Mode: String, Sendable {
        case inotify
        case polling
    }

    let folder: URL
    let quietPeriod: Int32
    let pollInterval: TimeInterval
    private let onChange: @Sendable () -> Void

    init(folder: URL, quietPeriodMilliseconds: Int32 = 80, pollInterval: TimeInterval = 0.5, onChange: @escaping @Sendable () -> Void) {
        self.folder = folder
        self.quietPeriod = quietPeriodMilliseconds
        self.pollInterval = pollInterval
        self.onChange = onChange
    }

    /// Starts watching on a thread of its own; returns how.
    func start(forcePolling: Bool = false) -> Mode {
        #if canImport(Glibc)
        if !forcePolling {
            let descriptor = inotify_init1(Int32(IN_CLOEXEC))
            if descriptor >= 0 {
                // Watching starts before this returns: an edit right after "Watching …" is seen.
                addWatches(descriptor)
                let thread = Thread { [self] in watchWithInotify(descriptor) }
                thread.name = "descent preview: inotify"
                thread.start()
                return .inotify
            }
        }
        #endif
        let first = snapshot()
        let thread = Thread { [self] in watchByPolling(from: first) }
        thread.name = "descent preview: polling"
        thread.start()
        return .polling
    }

    static func isIgnored(_ name: String) -> Bool {
        name.hasPrefix(".") || name.hasSuffix("~") || name.hasSuffix(".swp") || name.hasSuffix(".swx")
    }

    /// The folder and every subfolder under it that is not hidden.
    func folders() -> [String] {
        var found = [folder.path]
        guard let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isDirectoryKey, .isSymbolicLinkKey], options: [.skipsHiddenFiles]) else { return found }
        while let url = enumerator.nextObject() as? URL {
            let values = try? url.resourceValues(forKeys: [.isDirectoryKey, .isSymbolicLinkKey])
            if values?.isDirectory == true, values?.isSymbolicLink != true { found.append(url.path) }
        }
        return found
    }

    #if canImport(Glibc)
    /// Watches the folder and every folder under it (again after each burst: new folders).
    private func addWatches(_ descriptor: Int32) {
        let mask = UInt32(IN_CLOSE_WRITE | IN_MODIFY | IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO | IN_ATTRIB | IN_DELETE_SELF | IN_MOVE_SELF)
        for path in folders() { _ = inotify_add_watch(descriptor, path, mask) }
    }

    private func watchWithInotify(_ descriptor: Int32) {
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        /// Reads the waiting events; whether one of them is about the course's files.
        func readEvents() -> Bool {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            guard count > 0 else { return false }
            var relevant = false
            var offset = 0
            let header = MemoryLayout<inotify_event>.size
            while offset + header <= count {
                let (eventMask, nameLength) = buffer.withUnsafeBytes { bytes in
                    (bytes.load(fromByteOffset: offset + 4, as: UInt32.self), Int(bytes.load(fromByteOffset: offset + 12, as: UInt32.self)))
                }
                let nameBytes = buffer[(offset + header)..<min(count, offset + header + nameLength)].prefix { $0 != 0 }
                let name = String(decoding: nameBytes, as: UTF8.self)
                if eventMask & UInt32(IN_Q_OVERFLOW) != 0 || name.isEmpty || !Self.isIgnored(name) { relevant = true }
                offset += header + nameLength
            }
            return relevant
        }
        var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        while true {
            guard poll(&poller, 1, -1) > 0 else { continue }
            var relevant = readEvents()
            // Coalesce: the burst ends after a quiet period.
            while poll(&poller, 1, quietPeriod) > 0 {
                if readEvents() { relevant = true }
            }
            guard relevant else { continue }
            addWatches(descriptor)
            onChange()
        }
    }
    #endif

    /// Every course file's modification time and size, by path.
    func snapshot() -> [String: [Int]] {
        var files: [String: [Int]] = [:]
        guard let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil, options: [.skipsHiddenFiles]) else { return files }
        while let url = enumerator.nextObject() as? URL {
            guard !Self.isIgnored(url.lastPathComponent) else { continue }
            var info = stat()
            guard stat(url.path, &info) == 0 else { continue }
            files[url.path] = [Int(info.st_mtim.tv_sec), Int(info.st_mtim.tv_nsec), Int(info.st_size), Int(info.st_mode)]
        }
        return files
    }

    private func watchByPolling(from first: [String: [Int]]) {
        var last = first
        while true {
            Thread.sleep(forTimeInterval: pollInterval)
            let current = snapshot()
            if current != last {
                last = current
                onChange()
            }
        }
    }
}
