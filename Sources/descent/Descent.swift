import ArgumentParser
import Build
import Foundation

/// The `descent` command line: argument parsing and exit codes only.
/// Exit codes: 0 ok, 1 build failure, 2 usage error.
@main
struct Descent: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "descent",
        abstract: "Turn Markdown lessons about gradient descent into a static course website.",
        subcommands: [BuildCommand.self])

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

struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Train every experiment and write the course website.")

    @Option(name: .long, help: "The folder of lesson files.")
    var lessons: String = "lessons"

    @Option(name: .long, help: "The folder the website is written to.")
    var output: String = "output"

    func run() throws {
        let options = BuildOptions(
            lessonsDirectory: URL(fileURLWithPath: lessons, isDirectory: true),
            outputDirectory: URL(fileURLWithPath: output, isDirectory: true))
        let report = CourseBuild(options: options).run()
        for problem in report.problems {
            FileHandle.standardError.write(Data((problem.description + "\n").utf8))
        }
        for warning in report.warnings {
            FileHandle.standardError.write(Data((warning + "\n").utf8))
        }
        let summary = "Built \(report.lessons) lesson\(report.lessons == 1 ? "" : "s"), "
            + "\(report.experiments) experiment\(report.experiments == 1 ? "" : "s"), "
            + "\(report.figures) figure\(report.figures == 1 ? "" : "s") into \(output)/"
            + (report.succeeded ? "." : " with \(report.problems.count) error\(report.problems.count == 1 ? "" : "s").")
        FileHandle.standardError.write(Data((summary + "\n").utf8))
        if !report.succeeded {
            throw ExitCode(1)
        }
    }
}
