import Foundation
import LessonFuzzing

// descent-fuzz: builds random and mutated lessons with the `descent` executable in child
// processes for a set time and saves every crash, hang or broken acceptance property, minimised,
// with the command that reproduces it. docs/development.md explains its output.

struct Options {
    var descent = ".build/release/descent"
    var seconds = 600.0
    var seed: UInt64 = UInt64(Date().timeIntervalSince1970)
    var workers = 2
    var corpus = "lessons"
    var output = ".fuzz"
    var minimiseSeconds = 120.0
    var replay: String?
    var verbose = false

    static let usage = """
        usage: descent-fuzz [--descent PATH] [--seconds N] [--seed N] [--workers N] [--corpus DIR]
                            [--output DIR] [--minimise-seconds N] [--verbose]
               descent-fuzz --replay FOLDER [--descent PATH]   (a saved case or a regression lesson)
        """

    init(arguments: [String]) {
        var index = 0
        func number<T: LosslessStringConvertible>(_ what: String) -> T {
            guard let parsed = T(value()) else { Options.fail("\(arguments[index - 1]) takes \(what)") }
            return parsed
        }
        func value() -> String {
            index += 1
            guard index < arguments.count else { Options.fail("\(arguments[index - 1]) needs a value") }
            return arguments[index]
        }
        while index < arguments.count {
            switch arguments[index] {
            case "--descent": descent = value()
            case "--seconds": seconds = number("a number")
            case "--seed": seed = number("a whole number ≥ 0")
            case "--workers": workers = max(1, number("a whole number"))
            case "--corpus": corpus = value()
            case "--output": output = value()
            case "--minimise-seconds": minimiseSeconds = number("a number")
            case "--replay": replay = value()
            case "--verbose": verbose = true
            case "--help", "-h": print(Options.usage); exit(0)
            default: Options.fail("unknown option \(arguments[index])")
            }
            index += 1
        }
    }

    static func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data("descent-fuzz: \(message)\n\(usage)\n".utf8))
        exit(2)
    }
}

/// What the workers share: the next case number, the counts, and the signatures already saved.
final class Session: @unchecked Sendable {
    private let lock = NSLock()
    private var nextIndex = 0
    private(set) var casesRun = 0
    private(set) var failingCases = 0
    private(set) var saved: [String: (folder: String, count: Int)] = [:]

    func takeIndex() -> Int {
        lock.withLock { defer { nextIndex += 1 }; return nextIndex }
    }

    func finished(failed: Bool) {
        lock.withLock {
            casesRun += 1
            if failed { failingCases += 1 }
        }
    }

    /// Whether `signature` is new (and so to be minimised and saved); counts it either way.
    func claim(_ signature: String, folder: String) -> Bool {
        lock.withLock {
            if let known = saved[signature] {
                saved[signature] = (known.folder, known.count + 1)
                return false
            }
            saved[signature] = (folder, 1)
            return true
        }
    }
}

func slug(_ text: String) -> String {
    let words = text.lowercased().split { !($0.isASCII && ($0.isLetter || $0.isNumber)) }
    return words.prefix(8).joined(separator: "-")
}

func save(_ fuzzCase: FuzzCase, failures: [Failure], signature: String, folder: URL, options: Options, note: String) throws {
    try fuzzCase.write(to: folder.appendingPathComponent("lessons"))
    let descent = URL(fileURLWithPath: options.descent).standardizedFileURL.path
    let command = CaseRunner.reproduction(descent: descent, folder: folder.path)
    let report = """
        signature: \(signature)
        origin: \(fuzzCase.origin)
        \(note)
        failures:
        \(failures.map { "  \($0)" }.joined(separator: "\n"))
        reproduce:
          \(command)
        """
    try Data((report + "\n").utf8).write(to: folder.appendingPathComponent("README.txt"))
}

func replay(_ folder: String, options: Options) throws {
    let caseFolder = URL(fileURLWithPath: folder)
    // A saved case keeps its lessons in `lessons/`; a regression lesson is the lessons folder itself.
    let saved = caseFolder.appendingPathComponent("lessons")
    let lessons = FileManager.default.fileExists(atPath: saved.path) ? saved : caseFolder
    let fuzzCase = try FuzzCase.read(from: lessons, origin: "replay")
    let workspace = FileManager.default.temporaryDirectory.appendingPathComponent("descent-fuzz-replay-\(getpid())")
    try FileManager.default.createDirectory(at: workspace, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: workspace) }
    let failures = try CaseRunner(descent: options.descent, workspace: workspace).check(fuzzCase)
    print(failures.isEmpty ? "passes: no failure" : failures.map(\.description).joined(separator: "\n"))
    exit(failures.isEmpty ? 0 : 1)
}

let options = Options(arguments: Array(CommandLine.arguments.dropFirst()))
guard FileManager.default.isExecutableFile(atPath: options.descent) else {
    Options.fail("no descent executable at \(options.descent); build it with `swift build -c release --product descent`")
}
if let folder = options.replay {
    try replay(folder, options: options)
}
let corpus = readCorpus(URL(fileURLWithPath: options.corpus))
let outputFolder = URL(fileURLWithPath: options.output)
let crashesFolder = outputFolder.appendingPathComponent("crashes")
try FileManager.default.createDirectory(at: crashesFolder, withIntermediateDirectories: true)
let session = Session()
let start = Date()
let deadline = start.addingTimeInterval(options.seconds)
print("descent-fuzz: seed \(options.seed), \(Int(options.seconds)) s, \(options.workers) workers, \(corpus.count) corpus lessons, \(options.descent)")

DispatchQueue.concurrentPerform(iterations: options.workers) { worker in
    let workspace = outputFolder.appendingPathComponent("work/\(worker)")
    try? FileManager.default.createDirectory(at: workspace, withIntermediateDirectories: true)
    let runner = CaseRunner(descent: options.descent, workspace: workspace)
    while Date() < deadline {
        let index = session.takeIndex()
        let fuzzCase = fuzzCase(runSeed: options.seed, index: index, corpus: corpus)
        var generator = FuzzRandom(seed: FuzzRandom.caseSeed(runSeed: options.seed, index: index))
        let jobs = Int(generator.next() % 2) + 1
        let caseStart = Date()
        let failures = (try? runner.check(fuzzCase, jobs: jobs)) ?? []
        if options.verbose {
            print(String(format: "case %d (%@): %.2f s, %d failures", index, fuzzCase.origin, Date().timeIntervalSince(caseStart), failures.count))
        }
        session.finished(failed: !failures.isEmpty)
        for failure in failures {
            let signature = failure.signature
            let folder = crashesFolder.appendingPathComponent(String(slug(signature).prefix(80)) + "-seed\(options.seed)-case\(index)")
            guard session.claim(signature, folder: folder.lastPathComponent) else { continue }
            print("case \(index) (\(fuzzCase.origin)): \(failure)")
            // A hang is minimised with a shorter limit: what still runs after 20 s hangs the same way.
            let minimisingRunner = failure.kind == "hang"
                ? CaseRunner(descent: options.descent, workspace: workspace, limits: ChildLimits(seconds: 20)) : runner
            // Near the end of the run, minimisation gets what is left (20 s at least), so the run
            // ends close to its time.
            let budget = min(options.minimiseSeconds, max(20, deadline.timeIntervalSinceNow))
            let minimiser = Minimiser(runner: minimisingRunner, budgetSeconds: budget)
            let (minimised, attempts) = minimiser.minimise(fuzzCase, signature: signature)
            let note = "case: --seed \(options.seed), case \(index), \(attempts) minimisation attempts"
            do {
                try save(minimised, failures: failures, signature: signature, folder: folder, options: options, note: note)
                print("  saved, minimised in \(attempts) attempts: \(folder.path)")
                // The minimised case's standard error, with the backtrace (a hang would cost minutes).
                if failure.kind != "hang" {
                    let report = try runner.inspect(minimised)
                    for (name, outcome) in [("validate", report.validation), ("build", report.build)] {
                        try Data((outcome?.standardError ?? "").utf8).write(to: folder.appendingPathComponent("\(name).stderr.txt"))
                    }
                    try? FileManager.default.removeItem(at: report.root)
                }
            } catch {
                print("  could not save \(folder.path): \(error)")
            }
        }
    }
}

let elapsed = Date().timeIntervalSince(start)
let rate = Double(session.casesRun) / max(elapsed, 0.001)
print(String(format: "descent-fuzz: %d cases in %.0f s, %.2f cases/s, %d failing cases, %d distinct signatures",
             session.casesRun, elapsed, rate, session.failingCases, session.saved.count))
for (signature, entry) in session.saved.sorted(by: { $0.key < $1.key }) {
    print("  \(entry.count)× \(signature)\n     \(crashesFolder.path)/\(entry.folder)")
}
try? FileManager.default.removeItem(at: outputFolder.appendingPathComponent("work"))
exit(session.saved.isEmpty ? 0 : 1)
