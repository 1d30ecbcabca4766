import Foundation

/// A broken acceptance property of issue 13, found by building one case.
public struct Failure: Sendable, Hashable, CustomStringConvertible {
    /// `validate` or `build`.
    public var command: String
    /// `signal`, `hang`, `exit status`, `unpositioned error`, `temporary file` or `missing page`.
    public var kind: String
    /// The evidence: the crash message, the error line, the file name.
    public var detail: String

    public init(command: String, kind: String, detail: String) {
        self.command = command
        self.kind = kind
        self.detail = detail
    }

    /// What stays the same while a case is minimised: the command, the kind and the detail with
    /// its numbers and quoted names blanked out.
    public var signature: String {
        guard let at = detail.range(of: " @ ") else { return "\(command) \(kind): \(Failure.normalised(detail))" }
        let site = detail[at.upperBound...].split(separator: " ").first.map(String.init) ?? ""
        return "\(command) \(kind): \(Failure.normalised(String(detail[..<at.lowerBound]))) @ \(site)"
    }

    public var description: String { "\(command): \(kind): \(detail)" }

    static func normalised(_ text: String) -> String {
        var result = ""
        var inQuote: Character?
        var previousWasDigit = false
        for character in text {
            if let quote = inQuote {
                if character == quote { inQuote = nil; result.append(character) }
                continue
            }
            if character == "`" || character == "\"" {
                inQuote = character
                result.append(character)
                result.append("…")
                continue
            }
            if character.isNumber {
                if !previousWasDigit { result.append("N") }
                previousWasDigit = true
                continue
            }
            previousWasDigit = false
            result.append(character)
        }
        return String(result.prefix(160))
    }
}

/// What validating and building one case gave.
public struct CaseReport: Sendable {
    /// The case's folder: `lessons`, `output` and the cache inside it.
    public var root: URL
    public var failures: [Failure] = []
    public var validation: ChildOutcome?
    public var build: ChildOutcome?

    public var output: URL { root.appendingPathComponent("output") }
}

/// Builds cases with the `descent` executable in child processes and checks the acceptance
/// properties of issue 13 on each: exit status 0 or 1 and never a signal, within the limits;
/// every `error:` line at `file:line:column`; no temporary file left; a page for every lesson.
public struct CaseRunner: Sendable {
    public var descent: String
    /// A folder of this runner's own; the case is written to `case/lessons` inside it.
    public var workspace: URL
    public var limits: ChildLimits

    public init(descent: String, workspace: URL, limits: ChildLimits = ChildLimits()) {
        // Absolute: the children run inside the case's folder.
        self.descent = URL(fileURLWithPath: descent).standardizedFileURL.path
        self.workspace = workspace
        self.limits = limits
    }

    /// Entries a build may leave beside its output folder: the lessons, the output, the cache.
    static let expectedBesideOutput: Set<String> = ["lessons", "output", ".descent-cache"]

    /// Validates and builds `fuzzCase`; returns every property it breaks (empty: it passed).
    public func check(_ fuzzCase: FuzzCase, jobs: Int = 1, validate: Bool = true, build: Bool = true) throws -> [Failure] {
        let report = try inspect(fuzzCase, jobs: jobs, validate: validate, build: build)
        try? FileManager.default.removeItem(at: report.root)
        return report.failures
    }

    /// Validates and builds `fuzzCase` in `workspace/case`, and leaves that folder for the caller
    /// to look into (its `output`, the standard error of each command).
    public func inspect(_ fuzzCase: FuzzCase, jobs: Int = 1, validate: Bool = true, build: Bool = true) throws -> CaseReport {
        let root = workspace.appendingPathComponent("case")
        try? FileManager.default.removeItem(at: root)
        try fuzzCase.write(to: root.appendingPathComponent("lessons"))
        var report = CaseReport(root: root)
        if validate {
            let outcome = try run(["validate", "--lessons", "lessons"], in: root)
            report.failures += Self.failures(of: outcome, command: "validate")
            report.validation = outcome
        }
        // A parse that hangs in `validate` hangs in `build` too: a minute saved.
        let validationHung = report.validation?.termination == .timedOut
        if build && !validationHung {
            let outcome = try run(["build", "--lessons", "lessons", "--output", "output", "--jobs", String(jobs)], in: root)
            report.failures += Self.failures(of: outcome, command: "build")
            if case .exit = outcome.termination {
                report.failures += Self.leftovers(in: root)
                report.failures += Self.missingPages(for: fuzzCase, in: report.output)
            }
            report.build = outcome
        }
        return report
    }

    func run(_ arguments: [String], in directory: URL) throws -> ChildOutcome {
        try runChild(
            descent, arguments, in: directory, errorFile: workspace.appendingPathComponent("stderr.txt"),
            limits: limits
        )
    }

    /// The shell command that reproduces a case saved in `folder` (its lessons in `folder/lessons`).
    public static func reproduction(descent: String, folder: String) -> String {
        "cd \(folder) && rm -rf output .descent-cache && \(descent) build --lessons lessons --output output --jobs 1"
    }

    static func failures(of outcome: ChildOutcome, command: String) -> [Failure] {
        switch outcome.termination {
        case .timedOut:
            return [Failure(command: command, kind: "hang", detail: "still running after \(Int(outcome.seconds)) s" + hangSites(in: outcome.standardError))]
        case .signal(let signal):
            return [Failure(command: command, kind: "signal \(signal)", detail: trapMessage(in: outcome.standardError))]
        case .exit(let status) where status != 0 && status != 1:
            return [Failure(command: command, kind: "exit status \(status)", detail: firstLines(outcome.standardError))]
        case .exit:
            return unpositionedErrors(in: outcome.standardError).map {
                Failure(command: command, kind: "unpositioned error", detail: $0)
            }
        }
    }

    /// The lines that mention `error:` without starting `file:line:column: error:`.
    static func unpositionedErrors(in standardError: String) -> [String] {
        standardError.split(separator: "\n").compactMap { line -> String? in
            guard line.contains("error:") else { return nil }
            return isPositioned(line) ? nil : String(line.prefix(300))
        }
    }

    /// Whether `line` starts `something:LINE:COLUMN: error:` (or `warning:`).
    static func isPositioned(_ line: Substring) -> Bool {
        for marker in [": error:", ": warning:"] {
            guard let range = line.range(of: marker) else { continue }
            let parts = line[..<range.lowerBound].split(separator: ":", omittingEmptySubsequences: false)
            guard parts.count >= 3, !parts[parts.count - 3].isEmpty else { return false }
            let numbers = parts.suffix(2)
            return numbers.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }
        }
        return false
    }

    /// Why and where a child trapped, from Swift's backtrace: the runtime failure or fatal error
    /// message, then ` @ ` and the first frame of the crashed thread in Descent's sources
    /// (`Charts/Layout/MarkDrawing.swift:233 in MarkDrawing.sampled(_:)`).
    static func trapMessage(in standardError: String) -> String {
        let lines = standardError.split(separator: "\n")
        let reason = lines.first { $0.contains("runtime failure") || $0.contains("Fatal error") }
            .map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "* ")) }
            ?? lines.first { $0.contains("*** Signal") }.map { $0.split(separator: ":").first.map(String.init) ?? "" }?
                .trimmingCharacters(in: CharacterSet(charactersIn: "* "))
            ?? "no message"
        let crashed = lines.drop { !$0.contains(" crashed:") }
        let frames = sourceFrames(in: crashed.isEmpty ? lines[...] : crashed)
        guard let first = frames.first else { return reason }
        // A trap inside a dependency (swift-mustache, Yams) is also named by the first of
        // Descent's own frames that led there.
        if first.hasPrefix(".build/"), let own = frames.first(where: { !$0.hasPrefix(".build/") }) {
            return "\(reason) @ \(first.dropFirst(".build/".count)) (via \(own))"
        }
        return "\(reason) @ \(first)"
    }

    /// Where a hung child was, from the backtrace of every thread it printed on SIGQUIT: the first
    /// frame in Descent's sources of each thread that is not waiting for the others.
    static func hangSites(in standardError: String) -> String {
        var sites: [String] = []
        for thread in standardError.components(separatedBy: "\nThread ").dropFirst() {
            let lines = thread.split(separator: "\n")
            for site in sourceFrames(in: lines[...]).prefix(1)
            where !site.contains("Parallel.swift") && !site.contains("Descent.swift") && !sites.contains(site) {
                sites.append(site)
            }
        }
        return sites.isEmpty ? "" : " @ " + sites.joined(separator: "; ")
    }

    /// The frames of a backtrace inside `Sources/`, as `Module/File.swift:LINE in function`.
    static func sourceFrames(in lines: ArraySlice<Substring>) -> [String] {
        lines.compactMap { line -> String? in
            guard let sources = line.range(of: "Sources/", options: .backwards),
                  let at = line.range(of: " in descent at ") ?? line.range(of: " at ") else { return nil }
            let dependency = line.contains("/.build/checkouts/") ? ".build/" : ""
            let location = dependency + line[sources.upperBound...].split(separator: ":").prefix(2).joined(separator: ":")
            var function = line[..<at.lowerBound]
            if let address = function.range(of: "0x") {
                function = function[address.upperBound...].drop { !$0.isWhitespace }.dropFirst()[...]
            }
            if let plus = function.range(of: " + ", options: .backwards) { function = function[..<plus.lowerBound] }
            let name = function.replacingOccurrences(of: "specialized ", with: "")
            return "\(location) in \(name)"
        }
    }

    static func firstLines(_ text: String) -> String {
        text.split(separator: "\n").prefix(2).joined(separator: " / ")
    }

    /// Temporary files in the output folder and anything unexpected beside it.
    static func leftovers(in root: URL) -> [Failure] {
        let fileManager = FileManager.default
        var failures: [Failure] = []
        for name in (try? fileManager.contentsOfDirectory(atPath: root.path)) ?? []
        where !expectedBesideOutput.contains(name) && !name.hasSuffix(".lock") {
            failures.append(Failure(command: "build", kind: "temporary file", detail: "beside the output: \(name)"))
        }
        let output = root.appendingPathComponent("output").path
        guard let walker = fileManager.enumerator(atPath: output) else { return failures }
        while let relative = walker.nextObject() as? String {
            let name = (relative as NSString).lastPathComponent.lowercased()
            if name.hasSuffix(".descent-tmp") || name.hasSuffix(".tmp") || name.contains("staging")
                || name.contains("descent-new") || name.contains("descent-old") {
                failures.append(Failure(command: "build", kind: "temporary file", detail: "in the output: \(relative)"))
            }
        }
        return failures
    }

    /// Lessons without a page. `index.md` is left out: it is reserved, and where its page goes is
    /// the build's choice. A file name over 200 bytes gets a page named by its start and a
    /// hyphen and eight hex digits of a hash (docs/cli.md).
    static func missingPages(for fuzzCase: FuzzCase, in output: URL) -> [Failure] {
        let pages = ((try? FileManager.default.contentsOfDirectory(atPath: output.path)) ?? [])
            .filter { $0.hasSuffix(".html") }.map { String($0.dropLast(5)) }
        return fuzzCase.lessonNames.compactMap { name -> Failure? in
            let stem = String(name.dropLast(3))
            guard stem.lowercased() != "index" else { return nil }
            let found = stem.utf8.count <= 200
                ? pages.contains(stem)
                : pages.contains { page in page.utf8.count <= 200 && page.count > 9 && stem.hasPrefix(String(page.dropLast(9))) }
            return found
                ? nil : Failure(command: "build", kind: "missing page", detail: "no page for \(name)")
        }
    }
}
