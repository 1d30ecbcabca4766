import Foundation
import Testing
import TestSupport
@testable import Build

/// `descent build` with nothing to do does nothing: the stamp of its last build says so, and
/// anything that could change the site makes it build.
@Suite struct BuildStampTests {
    struct Course {
        let inner: ExplainTests.Course
        var output: URL { inner.folder.url.appendingPathComponent("output") }

        init() throws {
            inner = try ExplainTests.Course()
        }

        func build(fresh: Bool = false, only: String? = nil) -> BuildReport {
            var options = BuildOptions(
                lessonsDirectory: inner.lessons, outputDirectory: output, jobs: 2, fresh: fresh, only: only,
                cacheDirectory: inner.folder.url.appendingPathComponent(".descent-cache"))
            options.skipWhenUpToDate = true
            return CourseBuild(options: options).run()
        }

        /// Whether the build did the work (its report lists the site's files) or skipped it.
        static func skipped(_ report: BuildReport) -> Bool { report.files.isEmpty }
    }

    @Test func aSecondBuildWithNothingChangedSkipsAndSaysWhatTheFirstBuilt() throws {
        let course = try Course()
        let first = course.build()
        #expect(first.problems.isEmpty)
        #expect(!Course.skipped(first))
        let second = course.build()
        #expect(Course.skipped(second))
        #expect(second.succeeded)
        #expect((second.lessons, second.experiments, second.figures) == (first.lessons, first.experiments, first.figures))
        #expect(second.filesWritten == 0)
    }

    @Test func anEditedLessonOrDataFileBuilds() throws {
        let course = try Course()
        _ = course.build()
        try course.inner.edit("lessons/01-explain.md") { $0 + "\nOne more sentence.\n" }
        let edited = course.build()
        #expect(!Course.skipped(edited))
        #expect(String(decoding: try #require(edited.files["01-explain.html"]), as: UTF8.self).contains("One more sentence."))
        #expect(Course.skipped(course.build()))
        try course.inner.folder.write("x,y\n0,1\n1,3\n2,5\n3,9\n", to: "lessons/data/points.csv")
        #expect(!Course.skipped(course.build()))
        try course.inner.folder.write("title: A course\n", to: "lessons/course.yml")
        #expect(!Course.skipped(course.build()))
    }

    @Test func aTouchedOrDeletedOutputFileBuildsAndComesBack() throws {
        let course = try Course()
        let first = course.build()
        let page = course.output.appendingPathComponent("01-explain.html")
        try FileManager.default.removeItem(at: page)
        let rebuilt = course.build()
        #expect(!Course.skipped(rebuilt))
        #expect(rebuilt.filesWritten == 1)
        #expect(try Data(contentsOf: page) == Data(try #require(first.files["01-explain.html"])))
        try Data("changed by hand".utf8).write(to: page)
        #expect(!Course.skipped(course.build()))
        #expect(try Data(contentsOf: page) == Data(try #require(first.files["01-explain.html"])))
    }

    @Test func freshOnlyAndFailedBuildsNeverSkip() throws {
        let course = try Course()
        _ = course.build()
        #expect(!Course.skipped(course.build(fresh: true)))
        #expect(!Course.skipped(course.build(only: "01-explain")))
        try course.inner.edit("lessons/01-explain.md") { $0.replacingOccurrences(of: "title: Explain", with: "titel: Explain") }
        let failed = course.build()
        #expect(!failed.succeeded)
        let again = course.build()
        #expect(!Course.skipped(again))
        #expect(again.problems.map(\.description) == failed.problems.map(\.description))
    }
}
