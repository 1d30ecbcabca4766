import Foundation

/// Where the tests find the `descent` executable: `DESCENT_EXECUTABLE` when set, else beside the
/// running test executable in the build products folder (`.build/debug/descent`), which
/// `make test` builds before it runs the tests.
public enum DescentExecutable {
    public static var path: String? {
        if let path = ProcessInfo.processInfo.environment["DESCENT_EXECUTABLE"] {
            return FileManager.default.isExecutableFile(atPath: path) ? path : nil
        }
        let running = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        let candidates = [running, URL(fileURLWithPath: CommandLine.arguments.first ?? "")].map {
            $0.deletingLastPathComponent().appendingPathComponent("descent").path
        }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    public static let missing = """
        No `descent` executable beside the test executable: run `swift build --product descent` \
        first (`make test` does), or set DESCENT_EXECUTABLE.
        """
}
