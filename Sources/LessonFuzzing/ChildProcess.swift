import Foundation

/// How a child process ended.
public enum Termination: Sendable, Equatable {
    case exit(Int32)
    case signal(Int32)
    /// Killed by the wall-clock limit.
    case timedOut
}

/// The limits a child runs under: past `seconds` it is killed and counted as a hang; its address
/// space is capped at `memoryBytes` (RLIMIT_AS, through the shell's `ulimit -v`), so a runaway
/// allocation fails inside the child instead of exhausting the machine.
public struct ChildLimits: Sendable {
    public var seconds: Double
    public var memoryBytes: UInt64

    public init(seconds: Double = 60, memoryBytes: UInt64 = 4 << 30) {
        self.seconds = seconds
        self.memoryBytes = memoryBytes
    }
}

public struct ChildOutcome: Sendable {
    public var termination: Termination
    public var standardError: String
    public var seconds: Double
}

/// Runs `executable` with `arguments` in `directory` under `limits`, standard output discarded,
/// standard error kept (written to `errorFile`, then read back).
public func runChild(
    _ executable: String, _ arguments: [String], in directory: URL, errorFile: URL,
    limits: ChildLimits, environment: [String: String] = [:]
) throws -> ChildOutcome {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    let kibibytes = limits.memoryBytes / 1024
    // `exec` replaces the shell, so a signal that ends the child is the termination we see.
    process.arguments = ["-c", "ulimit -v \(kibibytes) && exec \"$0\" \"$@\"", executable] + arguments
    process.currentDirectoryURL = directory
    var childEnvironment = ProcessInfo.processInfo.environment
    childEnvironment["SWIFT_BACKTRACE"] =
        "enable=yes,interactive=no,color=no,threads=all,sanitize=no,registers=none,images=none,limit=32,top=8,symbolicate=full"
    for (key, value) in environment { childEnvironment[key] = value }
    process.environment = childEnvironment
    _ = FileManager.default.createFile(atPath: errorFile.path, contents: nil)
    let errorHandle = try FileHandle(forWritingTo: errorFile)
    defer { try? errorHandle.close() }
    process.standardOutput = FileHandle.nullDevice
    process.standardError = errorHandle
    process.standardInput = FileHandle.nullDevice

    let finished = DispatchSemaphore(value: 0)
    process.terminationHandler = { _ in finished.signal() }
    let start = Date()
    try process.run()
    var timedOut = false
    if finished.wait(timeout: .now() + limits.seconds) == .timedOut {
        timedOut = true
        // SIGQUIT first: Swift's backtracer prints where every thread is, which names the loop.
        kill(process.processIdentifier, SIGQUIT)
        if finished.wait(timeout: .now() + 15) == .timedOut {
            kill(process.processIdentifier, SIGKILL)
            finished.wait()
        }
    }
    let seconds = Date().timeIntervalSince(start)
    let errorBytes = (try? Data(contentsOf: errorFile)) ?? Data()
    let standardError = String(decoding: errorBytes.prefix(1 << 20), as: UTF8.self)
    let termination: Termination
    if timedOut {
        termination = .timedOut
    } else if process.terminationReason == .uncaughtSignal {
        termination = .signal(process.terminationStatus)
    } else {
        termination = .exit(process.terminationStatus)
    }
    return ChildOutcome(termination: termination, standardError: standardError, seconds: seconds)
}
