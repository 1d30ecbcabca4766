import Foundation
import Testing
import TestSupport
@testable import Build

/// `descent validate` and `descent build` refuse the same runaway specs with the same words,
/// because both check the limits while parsing.
@Suite struct LimitsInBothPathsTests {
    static func surface(epochs: Int) -> String {
        """
        ---
        title: Long
        ---

        ```experiment
        id: bowl
        model: {kind: surface, function: quadratic}
        init: {x: 1, y: 1}
        epochs: \(epochs)
        runs: [{lr: 0.1}]
        ```
        """
    }

    static let overLimit = "/lessons/01-long.md:9:9: error: This experiment needs 200,001 recorded points per run (one per epoch for 197,998 epochs, plus up to 2,002 steps); the limit is 200,000 per run. Lower `epochs`; on data, larger epochs (more samples, smaller batches) record fewer points."

    @Test func validateAcceptsTheLimitAndRefusesOneMore() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let lessons = folder.url.appendingPathComponent("lessons")
        try folder.write(Self.surface(epochs: 197_997), to: "lessons/01-long.md")
        #expect(CourseCommands.validate(lessons: lessons) == [])
        try folder.write(Self.surface(epochs: 197_998), to: "lessons/01-long.md")
        #expect(CourseCommands.validate(lessons: lessons) == [folder.url.path + Self.overLimit])
    }

    @Test func buildRefusesOneMoreWithTheSameMessage() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write(Self.surface(epochs: 197_998), to: "lessons/01-long.md")
        let report = CourseBuild(options: BuildOptions(
            lessonsDirectory: folder.url.appendingPathComponent("lessons"), outputDirectory: folder.url.appendingPathComponent("output"))).run()
        #expect(report.problems.map(\.description) == [folder.url.path + Self.overLimit])
    }
}
