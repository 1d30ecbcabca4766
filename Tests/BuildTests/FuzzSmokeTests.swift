import Foundation
import LessonFuzzing
import Testing

/// A short run of the lesson fuzzer with a fixed seed (`make fuzz` runs it for minutes): the
/// same generated and mutated lessons every time, each validated and built by the `descent`
/// executable in a child process, must meet the acceptance properties of issue 13.
struct FuzzSmokeTests {
    static let seed: UInt64 = 13
    static let cases = 100
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test("A fixed-seed fuzz run of generated and mutated lessons builds or fails cleanly")
    func fixedSeedRunMeetsAcceptance() throws {
        let descent = try #require(DescentExecutable.path, Comment(rawValue: DescentExecutable.missing))
        let corpus = readCorpus(Self.repository.appendingPathComponent("lessons"))
        #expect(corpus.count >= 7)
        let workspace = FileManager.default.temporaryDirectory.appendingPathComponent("descent-fuzz-smoke-\(UUID())")
        defer { try? FileManager.default.removeItem(at: workspace) }
        let results = FailureList()
        DispatchQueue.concurrentPerform(iterations: 2) { worker in
            let folder = workspace.appendingPathComponent("\(worker)")
            try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let runner = CaseRunner(descent: descent, workspace: folder, limits: ChildLimits(seconds: 30))
            for index in stride(from: worker, to: Self.cases, by: 2) {
                let fuzzCase = fuzzCase(runSeed: Self.seed, index: index, corpus: corpus, large: false)
                do {
                    let failures = try runner.check(fuzzCase)
                    if !failures.isEmpty { results.append("case \(index) (\(fuzzCase.origin))", failures) }
                } catch {
                    results.append("case \(index)", [Failure(command: "fuzz", kind: "could not run", detail: "\(error)")])
                }
            }
        }
        for (label, failures) in results.all {
            let comments = failures.map { Comment(rawValue: "\(label): \($0); reproduce with `descent-fuzz --seed \(Self.seed)`") }
            comments.forEach { Issue.record($0) }
        }
    }
}

/// The failures the two workers find, gathered under a lock.
final class FailureList: @unchecked Sendable {
    private let lock = NSLock()
    private var failures: [(String, [Failure])] = []

    func append(_ label: String, _ caseFailures: [Failure]) {
        lock.withLock { failures.append((label, caseFailures)) }
    }

    var all: [(String, [Failure])] {
        lock.withLock { failures }
    }
}
