import Foundation

/// What a build says while it runs, on standard error. On a terminal: a bar that redraws in
/// place (experiments done of all, the ones running, the time so far). Elsewhere (CI, a log
/// file): one line per finished experiment with its time and whether it was reused. Then a
/// summary line.
public final class ProgressDisplay: @unchecked Sendable {
    private let lock = NSLock()
    private let live: Bool
    private let write: @Sendable (String) -> Void
    private let clock = ContinuousClock()
    private var start: ContinuousClock.Instant
    private var total = 0
    private var done = 0
    private var running: [String] = []

    /// `live` draws the bar (use `isatty(2)`). Why each experiment ran or was reused is
    /// `BuildReport.explanations`, printed in lesson order once the build is done.
    public init(live: Bool, write: @escaping @Sendable (String) -> Void = { FileHandle.standardError.write(Data($0.utf8)) }) {
        self.live = live
        self.write = write
        start = clock.now
    }

    func start(experiments: Int) {
        lock.withLock {
            total = experiments
            start = clock.now
            redraw()
        }
    }

    func started(_ name: String) {
        lock.withLock {
            running.append(name)
            redraw()
        }
    }

    func finished(_ name: String, outcome: ExperimentOutcome) {
        lock.withLock {
            running.removeAll { $0 == name }
            done += 1
            if live {
                redraw()
            } else {
                let how = outcome.trained ? "trained" : "reused"
                write("\(name): \(how) in \(String(format: "%.2f", outcome.seconds)) s\n")
            }
        }
    }

    func finish(_ report: BuildReport) {
        lock.withLock {
            if live { write("\r\u{1B}[K") }
            let reused = report.experiments - report.experimentsTrained
            write("Built \(report.lessons) lesson\(report.lessons == 1 ? "" : "s"): \(report.experimentsTrained) experiment\(report.experimentsTrained == 1 ? "" : "s") trained, \(reused) reused, \(report.figures) figure\(report.figures == 1 ? "" : "s"), \(report.filesWritten) file\(report.filesWritten == 1 ? "" : "s") written in \(String(format: "%.2f", seconds())) s.\n")
        }
    }

    private func seconds() -> Double {
        let elapsed = clock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
    }

    private func redraw() {
        guard live, total > 0 else { return }
        let width = 24
        let filled = total == 0 ? width : width * done / total
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        let names = running.prefix(3).joined(separator: ", ") + (running.count > 3 ? ", …" : "")
        write("\r\u{1B}[K\(bar) \(done)/\(total) experiments · \(String(format: "%.1f", seconds())) s\(names.isEmpty ? "" : " · " + names)")
    }
}
