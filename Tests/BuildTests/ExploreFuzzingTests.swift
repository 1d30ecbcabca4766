import Foundation
import LessonFuzzing
import Lessons
import Testing

/// The fuzzer's generated lessons include `explore` figures that parse: over one key and two,
/// in both views, at a written default and at the middle values, so that `make fuzz` builds
/// their players' files (backgrounds and data scripts) too.
@Suite struct ExploreFuzzingTests {
    @Test func generatedLessonsHaveValidExploreFiguresOfEveryShape() throws {
        var keyCounts: Set<Int> = []
        var views: Set<FigureSpec.Explore.View> = []
        var defaults: Set<Bool> = []
        for seed in UInt64(0)..<300 {
            var generator = LessonGenerator(seed: seed, large: false)
            let fuzzCase = generator.course()
            for name in fuzzCase.lessonNames {
                guard let bytes = fuzzCase.files[name], let text = String(bytes: bytes, encoding: .utf8) else { continue }
                // Each experiment block on its own, away from the prose's deliberate mistakes.
                let blocks = text.components(separatedBy: "```experiment\n").dropFirst().compactMap { $0.components(separatedBy: "```").first }
                let lessons = blocks.compactMap { try? LessonParser.parse("---\ntitle: T\n---\n\n```experiment\n\($0)```\n", file: name, slug: "l") }
                for lesson in lessons {
                for figure in lesson.experiments.flatMap(\.figures) {
                    guard let explore = figure.explore else { continue }
                    keyCounts.insert(explore.axes.count)
                    views.insert(explore.view)
                    defaults.insert(explore.selection != FigureSpec.Explore.middle(of: explore.axes))
                }
                }
            }
        }
        #expect(keyCounts == [1, 2])
        #expect(views == [.contour, .loss])
        #expect(defaults == [false, true])
    }
}
