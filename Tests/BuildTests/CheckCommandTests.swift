import Foundation
import LessonFuzzing
import Testing
import TestSupport

/// `descent check` as CI runs it, in a child process: an output folder drawn with DejaVu Sans,
/// checked on a "machine" whose fontconfig offers only WenQuanYi Micro Hei.
@Suite struct CheckCommandTests {
    static let wenQuanYi = "/usr/share/fonts/truetype/wqy"

    struct Outcome {
        var status: Int32
        var standardOutput: String
        var standardError: String
    }

    static func run(_ descent: String, _ arguments: [String], in folder: URL, fonts: URL? = nil) throws -> Outcome {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: descent)
        process.arguments = arguments
        process.currentDirectoryURL = folder
        var environment = ProcessInfo.processInfo.environment
        if let fonts { environment["FONTCONFIG_FILE"] = fonts.path }
        process.environment = environment
        let output = Pipe(), error = Pipe()
        process.standardOutput = output
        process.standardError = error
        try process.run()
        // Read both pipes to their ends before waiting, so a full pipe cannot stall the child.
        let errorData = error.fileHandleForReading.readDataToEndOfFile()
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Outcome(status: process.terminationStatus, standardOutput: String(decoding: outputData, as: UTF8.self),
                       standardError: String(decoding: errorData, as: UTF8.self))
    }

    @Test func anotherFontSetGivesNotesAndStrictFailsThemWithAnExplanation() throws {
        let descent = try #require(DescentExecutable.path, Comment(rawValue: DescentExecutable.missing))
        try #require(FileManager.default.fileExists(atPath: Self.wenQuanYi), "fonts-wqy-microhei is not installed (make deps installs it)")
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write(explainLesson, to: "lessons/01-explain.md")
        try folder.write("x,y\n0,1\n1,3\n2,5\n3,7.5\n", to: "lessons/data/points.csv")
        try folder.write("""
            <?xml version="1.0"?>
            <!DOCTYPE fontconfig SYSTEM "fonts.dtd">
            <fontconfig>
              <dir>\(Self.wenQuanYi)</dir>
              <cachedir>\(folder.url.appendingPathComponent("fontconfig-cache").path)</cachedir>
            </fontconfig>
            """, to: "fonts.conf")
        let fonts = folder.url.appendingPathComponent("fonts.conf")

        #expect(try Self.run(descent, ["build"], in: folder.url).status == 0)
        let same = try Self.run(descent, ["check"], in: folder.url)
        #expect(same.status == 0)
        #expect(same.standardError.contains("tier 1, results: same; tier 2, figure values: same; tier 3, pixels and layouts: same; other files: same"))

        let notes = try Self.run(descent, ["check"], in: folder.url, fonts: fonts)
        #expect(notes.status == 0)
        #expect(notes.standardError.contains("output/figures/01-explain/bowl-1.png: pixels differ: RMS "))
        #expect(notes.standardError.contains("(note: drawn under another renderer)"))
        #expect(notes.standardOutput.hasPrefix("output/ is what the lessons produce: "))
        #expect(notes.standardOutput.hasSuffix("pixels or layout differ under another renderer (notes).\n"))

        let strict = try Self.run(descent, ["check", "--strict"], in: folder.url, fonts: fonts)
        #expect(strict.status == 1)
        let last = strict.standardError.split(separator: "\n").last.map(String.init) ?? ""
        #expect(last.hasPrefix("output/ was drawn under another renderer: "))
        #expect(last.hasSuffix(" pixels or layout differ, and --strict fails them; its numbers and figure values are right. Rebuild and commit output/ on the reference machine (`make course`), or check without --strict to keep them as notes (docs/ci.md)."))
    }
}
