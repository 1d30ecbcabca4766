import Foundation
@testable import Preview
import Testing

struct BuildSchedulerTests {
    /// Counts builds; each one waits until the test lets it finish.
    final class Builds: @unchecked Sendable {
        let lock = NSLock()
        var started = 0
        var running = 0
        var overlapped = false
        let didStart = DispatchSemaphore(value: 0)
        let mayFinish = DispatchSemaphore(value: 0)

        func build() {
            lock.withLock {
                started += 1
                running += 1
                if running > 1 { overlapped = true }
            }
            didStart.signal()
            _ = mayFinish.wait(timeout: .now() + 60)
            lock.withLock { running -= 1 }
        }
    }

    @Test func changesDuringABuildGiveExactlyOneMoreBuildAndBuildsNeverOverlap() throws {
        let builds = Builds()
        let idle = DispatchSemaphore(value: 0)
        let scheduler = BuildScheduler(build: { builds.build() }, idle: { idle.signal() })
        scheduler.request()
        try #require(builds.didStart.wait(timeout: .now() + 60) == .success)
        // Three bursts while the first build runs.
        scheduler.request()
        scheduler.request()
        scheduler.request()
        builds.mayFinish.signal()
        try #require(builds.didStart.wait(timeout: .now() + 60) == .success)
        builds.mayFinish.signal()
        try #require(idle.wait(timeout: .now() + 60) == .success)
        #expect(builds.lock.withLock { builds.started } == 2)
        #expect(!builds.lock.withLock { builds.overlapped })
        // A later burst starts a build of its own.
        scheduler.request()
        try #require(builds.didStart.wait(timeout: .now() + 60) == .success)
        builds.mayFinish.signal()
        try #require(idle.wait(timeout: .now() + 60) == .success)
        #expect(builds.lock.withLock { builds.started } == 3)
    }
}
