/// Which Descent wrote a cache entry: its version and the toolchain that compiled it. Both are
/// parts of every cache key, so results and figures kept by another Descent or another compiler
/// are not reused (another compiler may optimise the same source into other floating-point
/// operations); `--explain` names the part that changed.
public struct BuildIdentity: Codable, Hashable, Sendable {
    /// Descent's version, as `descent --version` prints it.
    public var version: String
    /// The Swift compiler that compiled this Descent and the platform it runs on, such as
    /// `swift-6.3.1 x86_64-linux-gnu`.
    public var toolchain: String

    /// This Descent.
    public static let current = BuildIdentity(version: "0.17.0", toolchain: "swift-\(compilerVersion) \(target)")

    /// Decided at compile time, so it names the compiler that made this executable, not one
    /// installed beside it. A compiler newer than this list names itself by the last entry.
    static var compilerVersion: String {
        #if compiler(>=6.5)
        return "6.5-or-later"
        #elseif compiler(>=6.4)
        return "6.4"
        #elseif compiler(>=6.3.3)
        return "6.3.3-or-later-6.3"
        #elseif compiler(>=6.3.2)
        return "6.3.2"
        #elseif compiler(>=6.3.1)
        return "6.3.1"
        #elseif compiler(>=6.3)
        return "6.3.0"
        #elseif compiler(>=6.2)
        return "6.2"
        #elseif compiler(>=6.1)
        return "6.1"
        #else
        return "6.0"
        #endif
    }

    /// The target as an LLVM-style triple without its vendor.
    static var target: String {
        #if arch(x86_64)
        let architecture = "x86_64"
        #elseif arch(arm64)
        let architecture = "aarch64"
        #else
        let architecture = "other-architecture"
        #endif
        #if os(Linux) && canImport(Musl)
        let system = "linux-musl"
        #elseif os(Linux)
        let system = "linux-gnu"
        #elseif os(macOS)
        let system = "macos"
        #else
        let system = "other-system"
        #endif
        return "\(architecture)-\(system)"
    }
}
