import ArgumentParser
import Build
import Foundation
import Preview

/// The `descent` command line: argument parsing and exit codes only.
/// Exit codes: 0 ok, 1 build or check failure, 2 usage error.
@main
struct Descent: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "descent",
        abstract: "Turn Markdown lessons about gradient descent into a static course website.",
        version: "\(BuildIdentity.current.version) (\(BuildIdentity.current.toolchain))",
        subcommands: [BuildCommand.self, PreviewCommand.self, CheckCommand.self, ValidateCommand.self, RunCommand.self, NewCommand.self, ListCommand.self])

    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let code as ExitCode {
            Foundation.exit(code.rawValue)
        } catch {
            let exitCode = Self.exitCode(for: error)
            if exitCode == .success {
                Self.exit(withError: error)
            }
            // Help and usage errors from the parser: the message, then exit code 2.
            FileHandle.standardError.write(Data((Self.fullMessage(for: error) + "\n").utf8))
            Foundation.exit(2)
        }
    }
}

/// The folders every command reads and writes.
struct Folders: ParsableArguments {
    @Option(name: .long, help: "The folder of lesson files.")
    var lessons: String = "lessons"

    @Option(name: .long, help: "The folder the website is written to.")
    var output: String = "output"

    var lessonsURL: URL { URL(fileURLWithPath: lessons, isDirectory: true) }
    var outputURL: URL { URL(fileURLWithPath: output, isDirectory: true) }
}

/// How many experiments and figures run at once.
struct Jobs: ParsableArguments {
    @Option(name: .long, help: "Experiments and figures in flight at once (default: the number of cores).")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    func validate() throws {
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1.") }
    }
}

func printError(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}

/// Runs `body`; a problem is printed to standard error and the command exits with 1.
func exitingOnProblem(_ body: () throws(BuildProblem) -> Void) throws {
    do {
        try body()
    } catch {
        printError(error.description)
        throw ExitCode(1)
    }
}

struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Train every experiment (or reuse its cached results) and write the course website.")

    @OptionGroup var folders: Folders
    @OptionGroup var jobs: Jobs

    @Flag(name: .long, help: "Ignore cached results and train everything again.")
    var fresh = false

    @Option(name: .long, help: "Build only this lesson (its file name without .md), or LESSON#EXPERIMENT to limit --fresh to one experiment; the other pages stay as they are.")
    var only: String?

    @Flag(name: .long, help: "Print, for every experiment and figure in lesson order, whether it was reused or redone and why.")
    var explain = false

    func run() throws {
        let progress = ProgressDisplay(live: isatty(2) == 1)
        var options = BuildOptions(
            lessonsDirectory: folders.lessonsURL, outputDirectory: folders.outputURL, jobs: jobs.jobs, fresh: fresh,
            only: only.map { $0.replacingOccurrences(of: ".md#", with: "#").replacingOccurrences(of: ".md", with: "") },
            cacheDirectory: BuildOptions.defaultCache(for: folders.lessonsURL), progress: progress)
        // A build with nothing to do does nothing; --explain wants every reason, so it builds.
        options.skipWhenUpToDate = !explain
        let report = CourseBuild(options: options).run()
        if explain { report.explanations.forEach { print($0) } }
        report.problems.forEach { printError($0.description) }
        report.warnings.forEach(printError)
        if !report.succeeded {
            printError("\(report.problems.count) error\(report.problems.count == 1 ? "" : "s").")
            throw ExitCode(1)
        }
    }
}

struct PreviewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "preview",
        abstract: "Build, serve the output folder on this machine, and rebuild and reload the pages after each edit.")

    @OptionGroup var folders: Folders
    @OptionGroup var jobs: Jobs

    @Option(help: "The port to listen on (default: the first free one from 8000 up; 0: any free port).")
    var port: Int?

    @Option(help: "The address to listen on; anything but 127.0.0.1 or ::1 lets other machines read the course.")
    var host = "127.0.0.1"

    @Flag(help: "Open the course in the browser once it is served.")
    var open = false

    @Flag(help: .hidden)
    var poll = false

    func run() throws {
        do {
            try Preview.run(PreviewOptions(
                lessons: folders.lessonsURL, output: folders.outputURL, jobs: jobs.jobs,
                port: port, host: host, open: open, polling: poll))
        } catch {
            printError("\(error)")
            throw ExitCode(1)
        }
    }
}

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Rebuild the course with fresh training into a scratch folder and fail if the output folder differs.")

    @OptionGroup var folders: Folders
    @OptionGroup var jobs: Jobs

    @Flag(help: "Make every difference a failure: tier-3 pixel and layout differences under another renderer too, within the tolerance or not (by default they are notes).")
    var strict = false

    @Option(help: "The largest RMS pixel difference (0–255 scale) a reader would call the same picture; notes over it are marked for a look.")
    var pixelTolerance: Double = CourseCheck.defaultTolerance

    @Option(help: "Write an HTML page of every difference, with the committed, rebuilt and difference images of each figure, to DIR/index.html (on success too).")
    var report: String?

    func validate() throws {
        guard pixelTolerance.isFinite, pixelTolerance >= 0 else {
            throw ValidationError("--pixel-tolerance \(pixelTolerance) is not an RMS; give a number from 0 (any changed pixel) to 255.")
        }
    }

    func run() throws {
        let report = CourseCheck.run(lessons: folders.lessonsURL, output: folders.outputURL, jobs: jobs.jobs, progress: ProgressDisplay(live: isatty(2) == 1), strict: strict, tolerance: pixelTolerance)
        report.build.problems.forEach { printError($0.description) }
        report.differences.forEach { printError("\(folders.output)/\($0)") }
        report.notes.forEach { printError("\(folders.output)/\($0) (note: drawn under another renderer)") }
        printError(report.summary)
        if let folder = self.report {
            do {
                try CheckReport.write(report, output: folders.output, to: URL(fileURLWithPath: folder))
                printError("Wrote the report to \(folder)/index.html.")
            } catch {
                printError("\(folder)/index.html: the report cannot be written: \(error)")
                throw ExitCode(1)
            }
        }
        if report.succeeded {
            let notes = report.notes.isEmpty ? "" : "; \(report.notes.count) file\(report.notes.count == 1 ? "'s" : "s'") pixels or layout differ under another renderer (notes)"
            print("\(folders.output)/ is what the lessons produce: \(report.build.files.count) files checked\(notes).")
        } else if report.build.succeeded, !report.sameRenderer, report.failures.allSatisfy({ $0.tier == .pixels }) {
            let count = report.failures.count
            printError("\(folders.output)/ was drawn under another renderer: \(count) file\(count == 1 ? "'s" : "s'") pixels or layout differ, and --strict fails them; its numbers and figure values are right. Rebuild and commit \(folders.output)/ on the reference machine (`make course`), or check without --strict to keep them as notes (docs/ci.md).")
            throw ExitCode(1)
        } else {
            let count = report.differences.count
            printError("\(folders.output)/ is stale: \(count) file\(count == 1 ? "" : "s") differ\(count == 1 ? "s" : ""), \(report.build.problems.count) error\(report.build.problems.count == 1 ? "" : "s"). Run `make course` and commit \(folders.output)/.")
            throw ExitCode(1)
        }
    }
}

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Parse and validate every lesson and template without training; report every error.")

    @OptionGroup var folders: Folders

    func run() throws {
        let problems = CourseCommands.validate(lessons: folders.lessonsURL)
        problems.forEach(printError)
        if !problems.isEmpty {
            printError("\(problems.count) error\(problems.count == 1 ? "" : "s").")
            throw ExitCode(1)
        }
        print("Every lesson in \(folders.lessons)/ is valid.")
    }
}

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Train one experiment and print its results table.")

    @Argument(help: "The experiment, as LESSON#EXPERIMENT (for example 01-gradient-descent#learning-rates).")
    var experiment: String

    @OptionGroup var folders: Folders

    func run() throws {
        try exitingOnProblem { () throws(BuildProblem) in
            print(try CourseCommands.run(experiment, lessons: folders.lessonsURL), terminator: "")
        }
    }
}

struct NewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Start the next numbered lesson from a template that builds.")

    @Argument(help: "The lesson's title.")
    var title: String

    @Option(name: .customLong("lang"), help: "The lesson's language code (`lang:`); `zh` writes the template in Chinese.")
    var language = "en"

    @OptionGroup var folders: Folders

    func run() throws {
        try exitingOnProblem { () throws(BuildProblem) in
            let url = try CourseCommands.new(title: title, lessons: folders.lessonsURL, language: language)
            print("Wrote \(folders.lessons)/\(url.lastPathComponent).")
        }
    }
}

struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the lessons, their experiments and figures.")

    @OptionGroup var folders: Folders

    func run() throws {
        try exitingOnProblem { () throws(BuildProblem) in
            print(try CourseCommands.list(lessons: folders.lessonsURL), terminator: "")
        }
    }
}
