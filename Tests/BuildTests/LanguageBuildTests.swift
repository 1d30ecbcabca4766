import Foundation
import Lessons
import Testing
import TestSupport
@testable import Build

/// A course with a Chinese lesson: its page's interface, figures and downloads in Chinese, a
/// course's overrides, and the warning for a language Descent has no strings for.
@Suite struct LanguageBuildTests {
    static func lesson(lang: String) -> String {
        """
        ---
        title: Bowl
        lang: \(lang)
        ---

        ## 一

        见 @fig-bowl-1。

        ## 二

        ```experiment
        id: bowl
        model: {kind: surface, function: quadratic, a: 1, b: 2}
        init: {x: -5, y: -2}
        steps: 20
        runs:
          - {label: fast, lr: 0.1}
        figures:
          - {kind: loss, caption: 损失。}
          - {kind: table}
        ```
        """
    }

    /// The `lang` of a page's `<html>` element.
    static func htmlLanguage(_ url: URL) throws -> String? {
        let text = try String(contentsOf: url, encoding: .utf8)
        guard let start = text.range(of: "<html lang=\"") else { return nil }
        return String(text[start.upperBound...].prefix { $0 != "\"" })
    }

    @Test func aChineseLessonsPageFiguresAndDownloadsAreInChineseAndOverridesApply() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write(Self.lesson(lang: "en"), to: "lessons/01-en.md")
        try folder.write(Self.lesson(lang: "zh"), to: "lessons/02-zh.md")
        try folder.write(Self.lesson(lang: "fr"), to: "lessons/03-fr.md")
        try folder.write("lang: zh\n", to: "lessons/course.yml")
        try folder.write("page.onThisPage: 本课小节\npage.nxet: 下一页\n", to: "lessons/_templates/strings.zh.yml")
        let output = folder.url.appendingPathComponent("output")
        let report = CourseBuild(options: BuildOptions(lessonsDirectory: folder.url.appendingPathComponent("lessons"), outputDirectory: output)).run()

        let lessons = folder.url.path + "/lessons"
        #expect(report.problems.map(\.description) == [
            "\(lessons)/_templates/strings.zh.yml:2:1: error: Unknown interface string `page.nxet` in strings.zh.yml; did you mean `page.next`? the keys are listed in docs/templates.md.",
        ])
        #expect(report.warnings == [
            "\(lessons)/03-fr.md:1:1: warning: `lang: fr` has no interface strings, so this page's interface (captions, contents, downloads, figure labels) is in English; Descent translates en, zh, and `_templates/strings.fr.yml` can give the rest.",
        ])

        let page = try HTMLDocument.parse(contentsOf: output.appendingPathComponent("02-zh.html"))
        #expect(try Self.htmlLanguage(output.appendingPathComponent("02-zh.html")) == "zh")
        #expect(page.all(class: "sidebar-sections").first?.attributes["aria-label"] == "本课小节")
        #expect(page.all("figcaption").map(\.text) == ["图 1：损失。", "表 1"])
        #expect(page.first("main")?.all("a").first?.text == "图 1")
        #expect(page.first("thead")?.all("th").map(\.text).prefix(3) == ["运行", "优化器", "学习率"])
        #expect(page.all(class: "downloads").first?.text == "下载：结果（JSON） · fast（CSV）")
        #expect(page.first("summary")?.text == "实验 1 — 实验代码块")
        #expect(page.first("img")?.attributes["alt"] == "1 次运行在 20 轮中的损失；fast 最终为 0.003323。")
        #expect(page.all(class: "figure-data").first?.text == "数据：fast（CSV）")
        #expect(page.all(class: "theme-toggle").map(\.text) == ["深色模式"])

        let english = try HTMLDocument.parse(contentsOf: output.appendingPathComponent("01-en.html"))
        #expect(try Self.htmlLanguage(output.appendingPathComponent("01-en.html")) == "en")
        #expect(english.all(class: "sidebar-sections").first?.attributes["aria-label"] == "On this page")
        #expect(english.all("figcaption").map(\.text) == ["Figure 1: 损失。", "Table 1"])
        #expect(english.first("img")?.attributes["alt"] == "Loss of 1 run over 20 epochs; fast ends at 0.003323.")
        #expect(english.all(class: "theme-toggle").map(\.text) == ["Dark mode"])
        let french = try HTMLDocument.parse(contentsOf: output.appendingPathComponent("03-fr.html"))
        #expect(french.all(class: "sidebar-sections").first?.attributes["aria-label"] == "On this page")

        // The same figure in Chinese has its axis labels in Chinese, so other pixels.
        let zhFigure = try Data(contentsOf: output.appendingPathComponent("figures/02-zh/bowl-1.png"))
        let enFigure = try Data(contentsOf: output.appendingPathComponent("figures/01-en/bowl-1.png"))
        #expect(zhFigure != enFigure)
        let index = try HTMLDocument.parse(contentsOf: output.appendingPathComponent("index.html"))
        #expect(index.first("h1")?.text == "课程")
        #expect(index.all(class: "theme-toggle").map(\.text) == ["深色模式"])
        let frFigure = try Data(contentsOf: output.appendingPathComponent("figures/03-fr/bowl-1.png"))
        #expect(frFigure == enFigure)

        #expect(CourseCommands.validate(lessons: folder.url.appendingPathComponent("lessons")) == [
            "\(lessons)/_templates/strings.zh.yml:2:1: error: Unknown interface string `page.nxet` in strings.zh.yml; did you mean `page.next`? the keys are listed in docs/templates.md.",
        ])
        #expect(try Self.htmlLanguage(output.appendingPathComponent("index.html")) == "zh")
    }

    @Test func newWritesAChineseLessonThatBuildsInChinese() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let lessons = folder.url.appendingPathComponent("lessons")
        let url = try CourseCommands.new(title: "梯度下降", lessons: lessons, language: "zh")
        #expect(url.lastPathComponent == "01-梯度下降.md")
        let output = folder.url.appendingPathComponent("output")
        let report = CourseBuild(options: BuildOptions(lessonsDirectory: lessons, outputDirectory: output)).run()
        #expect(report.problems.isEmpty)
        #expect(report.warnings.isEmpty)
        let page = try HTMLDocument.parse(contentsOf: output.appendingPathComponent("01-梯度下降.html"))
        #expect(page.all("figcaption").map(\.text) == ["图 1：两种学习率下每轮的损失。"])
        #expect(page.first("summary")?.text == "实验 1：碗形曲面上的梯度下降 — 实验代码块")
        #expect(try Self.htmlLanguage(output.appendingPathComponent("01-梯度下降.html")) == "zh")

        let french = try CourseCommands.new(title: "Descente", lessons: lessons, language: "fr")
        #expect(try String(contentsOf: french, encoding: .utf8).hasPrefix("---\ntitle: \"Descente\"\nlang: fr\nsummary: "))
        #expect(throws: BuildProblem.self) { try CourseCommands.new(title: "Bad", lessons: lessons, language: "z h") }
    }

    @Test func aCoursesOwnTemplateReadsTheStringsOfThePagesLanguage() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write(Self.lesson(lang: "zh"), to: "lessons/01-zh.md")
        try folder.write(Self.lesson(lang: "en"), to: "lessons/02-en.md")
        try folder.write("<html lang=\"{{language}}\"><body><p class=\"words\">{{strings.page.onThisPage}} · {{strings.page.next}}</p>{{{content}}}</body></html>\n",
                         to: "lessons/_templates/page.mustache")
        let output = folder.url.appendingPathComponent("output")
        let report = CourseBuild(options: BuildOptions(lessonsDirectory: folder.url.appendingPathComponent("lessons"), outputDirectory: output)).run()
        #expect(report.problems.isEmpty)
        // No course.yml: the course is called "Course", and the index is English.
        let index = try HTMLDocument.parse(contentsOf: output.appendingPathComponent("index.html"))
        #expect(index.first("h1")?.text == "Course")
        let chinese = try HTMLDocument.parse(contentsOf: output.appendingPathComponent("01-zh.html"))
        #expect(chinese.all(class: "words").first?.text == "本页内容 · 下一课")
        let english = try HTMLDocument.parse(contentsOf: output.appendingPathComponent("02-en.html"))
        #expect(english.all(class: "words").first?.text == "On this page · Next")
    }
}
