import Foundation

/// Runs builds one at a time on a queue of their own: a request during a build schedules
/// exactly one more build after it, however many requests come meanwhile, so that the last
/// change is always built and builds never overlap.
final class BuildScheduler: @unchecked Sendable {
    private let lock = NSLock()
    private var building = false
    private var pending = false
    private let queue = DispatchQueue(label: "descent preview: builds")
    private let build: @Sendable () -> Void
    /// Called when the last build is done and none is pending (tests wait on it).
    private let idle: @Sendable () -> Void

    init(build: @escaping @Sendable () -> Void, idle: @escaping @Sendable () -> Void = {}) {
        self.build = build
        self.idle = idle
    }

    /// Asks for a build (after a burst of changes).
    func request() {
        let start = lock.withLock { () -> Bool in
            if building { pending = true; return false }
            building = true
            return true
        }
        guard start else { return }
        queue.async { [self] in
            while true {
                build()
                let again = lock.withLock { () -> Bool in
                    if pending { pending = false; return true }
                    building = false
                    return false
                }
                if !again { return idle() }
            }
        }
    }
}
