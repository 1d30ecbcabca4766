import Foundation
import LessonFuzzing
import Testing

/// Every lesson folder under `Tests/Regressions/` (each once crashed, hung, ran away or broke an
/// acceptance property of issue 13) is validated and built by the `descent` executable in a
/// child process, under the fuzzer's limits (60 s, 4 GB): it must end with exit status 0 or 1,
/// put every error at `file:line:column`, leave no temporary file and give every lesson a page.
/// A folder's `_expect.txt` (skipped by Descent, as every `_` file) adds checks of its own:
///
///     exit: 1                            the exit status of `descent build`
///     error at: 01-a.md:12:1             an error at that position
///     lacks: TEXT                        TEXT in neither standard error nor any page
///     index contains: TEXT / index lacks: TEXT    in output/index.html
///
/// Serialized: a runaway case may take its whole 4 GB, and the machine is shared.
@Suite(.serialized)
struct RegressionLessonTests {
    static let regressions = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Regressions")

    static var names: [String] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: regressions.path)) ?? []
        return entries.filter { name in
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: regressions.appendingPathComponent(name).path, isDirectory: &isDirectory)
                && isDirectory.boolValue
        }.sorted()
    }

    @Test("Each regression lesson builds or fails cleanly", arguments: names)
    func buildsOrFailsCleanly(_ name: String) throws {
        let descent = try #require(DescentExecutable.path, Comment(rawValue: DescentExecutable.missing))
        let folder = Self.regressions.appendingPathComponent(name)
        var fuzzCase = try FuzzCase.read(from: folder, origin: name)
        let expectations = fuzzCase.files.removeValue(forKey: "_expect.txt").map { String(decoding: $0, as: UTF8.self) } ?? ""
        let workspace = FileManager.default.temporaryDirectory.appendingPathComponent("descent-regression-\(name)-\(UUID())")
        try FileManager.default.createDirectory(at: workspace, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: workspace) }

        let report = try CaseRunner(descent: descent, workspace: workspace).inspect(fuzzCase, jobs: 2)
        let problems = report.failures.map(\.description) + Self.unmet(expectations, in: report)
        for problem in problems { Issue.record(Comment(rawValue: problem)) }
    }

    /// The lines of `_expect.txt` the build does not meet, each said as a sentence.
    static func unmet(_ expectations: String, in report: CaseReport) -> [String] {
        let errors = report.build?.standardError ?? ""
        let pages = pagesText(in: report.output)
        let index = (try? String(contentsOf: report.output.appendingPathComponent("index.html"), encoding: .utf8)) ?? ""
        var unmet: [String] = []
        for line in expectations.split(separator: "\n") where !line.hasPrefix("#") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let key = line[..<colon]
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            switch key {
            case "exit":
                if report.build?.termination != .exit(Int32(value) ?? -1) {
                    unmet.append("build: expected exit status \(value), got \(String(describing: report.build?.termination))")
                }
            case "error at":
                if !errors.contains("\(value): error:") {
                    unmet.append("build: expected an error at \(value); standard error:\n\(errors)")
                }
            case "lacks":
                if errors.contains(value) || pages.contains(value) {
                    unmet.append("build: `\(value)` should appear in neither standard error nor the pages")
                }
            case "index contains":
                if !index.contains(value) { unmet.append("index.html should contain `\(value)`") }
            case "index lacks":
                if index.contains(value) { unmet.append("index.html should not contain `\(value)`") }
            default:
                unmet.append("_expect.txt: unknown check `\(key)`")
            }
        }
        return unmet
    }

    static func pagesText(in output: URL) -> String {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: output.path)) ?? []
        return names.filter { $0.hasSuffix(".html") }.compactMap {
            try? String(contentsOf: output.appendingPathComponent($0), encoding: .utf8)
        }.joined(separator: "\n")
    }
}
