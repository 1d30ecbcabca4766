import Foundation
import Lessons
import Testing
import TestSupport
@testable import Build

/// `descent preview` keeps each lesson's work between builds: a lesson whose file, strings and
/// data are unchanged is taken whole, and the site is the same bytes as a build without memory.
@Suite struct BuildMemoryTests {
    struct Course {
        let inner: ExplainTests.Course
        let memory = BuildMemory()

        init() throws {
            inner = try ExplainTests.Course()
            try inner.folder.write("""
                ---
                title: Second
                ---

                A valley.

                ```experiment
                id: valley
                model: {kind: surface, function: quadratic, a: 1, b: 4}
                init: {x: 3, y: 1}
                epochs: 8
                runs:
                  - {label: GD, lr: 0.1}
                figures:
                  - {kind: loss}
                ```
                """, to: "lessons/02-second.md")
        }

        func build(memory: Bool = true) -> BuildReport {
            var options = BuildOptions(
                lessonsDirectory: inner.lessons, outputDirectory: inner.folder.url.appendingPathComponent(memory ? "output" : "plain"), jobs: 2,
                cacheDirectory: inner.folder.url.appendingPathComponent(".descent-cache"))
            if memory { options.memory = self.memory }
            return CourseBuild(options: options).run()
        }
    }

    @Test func anUnchangedCourseIsTakenWholeAndIsTheSameSite() throws {
        let course = try Course()
        let first = course.build()
        #expect(first.succeeded)
        #expect(first.lessonsRecalled == 0)
        let second = course.build()
        #expect(second.lessonsRecalled == 2)
        #expect(second.experimentsTrained == 0)
        #expect(second.files == first.files)
        #expect(second.figureSpecs == first.figureSpecs)
        #expect(second.filesWritten == 0)
    }

    @Test func aProseEditRebuildsOnlyThatLessonAndShowsTheNewText() throws {
        let course = try Course()
        _ = course.build()
        try course.inner.edit("lessons/02-second.md") { $0.replacingOccurrences(of: "A valley.", with: "A long, narrow valley.") }
        let edited = course.build()
        #expect(edited.lessonsRecalled == 1)
        #expect(edited.experimentsTrained == 0)
        let page = String(decoding: try #require(edited.files["02-second.html"]), as: UTF8.self)
        #expect(page.contains("A long, narrow valley."))
        // The same bytes as a build that remembers nothing.
        let plain = course.build(memory: false)
        #expect(edited.files == plain.files)
        #expect(edited.figureSpecs == plain.figureSpecs)
    }

    @Test func aChangedDataFileRebuildsTheLessonThatReadsIt() throws {
        let course = try Course()
        let first = course.build()
        try course.inner.folder.write("x,y\n0,1\n1,3\n2,5\n3,9\n", to: "lessons/data/points.csv")
        let changed = course.build()
        #expect(changed.lessonsRecalled == 1)
        #expect(changed.experimentsTrained == 1)
        #expect(changed.files["data/01-explain/points.json"] != first.files["data/01-explain/points.json"])
        #expect(changed.files == course.build(memory: false).files)
    }

    @Test func changedStringsRebuildEveryLesson() throws {
        let course = try Course()
        _ = course.build()
        try course.inner.folder.write("\"download.results\": \"All results (JSON)\"\n", to: "lessons/_templates/strings.en.yml")
        let changed = course.build()
        #expect(changed.succeeded, "\(changed.problems)")
        #expect(changed.lessonsRecalled == 0)
        let page = String(decoding: try #require(changed.files["02-second.html"]), as: UTF8.self)
        #expect(page.contains("All results (JSON)"))
    }

    @Test func aDeletedLessonIsForgottenAndABrokenOneIsNotRemembered() throws {
        let course = try Course()
        _ = course.build()
        try FileManager.default.removeItem(at: course.inner.lessons.appendingPathComponent("02-second.md"))
        let deleted = course.build()
        #expect(deleted.lessonsRecalled == 1)
        #expect(deleted.files["02-second.html"] == nil)
        #expect(!deleted.files.keys.contains { $0.hasPrefix("figures/02-second/") })
        try course.inner.edit("lessons/01-explain.md") { $0.replacingOccurrences(of: "title: Explain", with: "titel: Explain") }
        let broken = course.build()
        #expect(!broken.succeeded)
        #expect(broken.problems.first?.description.contains("01-explain.md:2:1") == true)
        let again = course.build()
        #expect(again.lessonsRecalled == 0)
        #expect(again.problems.map(\.description) == broken.problems.map(\.description))
    }

    @Test func aTitleEditReachesTheOtherPagesNavigationAndTheSearchIndex() throws {
        let course = try Course()
        _ = course.build()
        try course.inner.edit("lessons/02-second.md") {
            $0.replacingOccurrences(of: "title: Second", with: "title: Valleys").replacingOccurrences(of: "A valley.", with: "A ravine.")
        }
        let edited = course.build()
        #expect(edited.lessonsRecalled == 1)
        let first = String(decoding: try #require(edited.files["01-explain.html"]), as: UTF8.self)
        #expect(first.contains("Valleys"))
        #expect(!first.contains(">Second<"))
        let search = String(decoding: try #require(edited.files["assets/search-index.js"]), as: UTF8.self)
        #expect(search.contains("ravine"))
        #expect(edited.files == course.build(memory: false).files)
    }
}
