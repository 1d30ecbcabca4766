import Foundation
import Testing
@testable import Lessons

/// The strings tables, their formatter, a course's overrides and the words of references.
@Suite struct InterfaceStringsTests {
    @Test func everyKeyHasItsChineseWithTheSamePlaceholders() {
        #expect(Set(StringTables.chinese.keys) == Set(StringTables.english.keys))
        for (key, english) in StringTables.english {
            let chinese = StringTables.chinese[key] ?? ""
            #expect(Set(InterfaceStrings.placeholders(in: chinese)) == Set(InterfaceStrings.placeholders(in: english)), "\(key)")
        }
    }

    @Test func docsListEveryKey() throws {
        let docs = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("docs/templates.md")
        let text = try String(contentsOf: docs, encoding: .utf8)
        let listed = Set(text.split(separator: "\n").compactMap { line -> String? in
            guard line.hasPrefix("| `"), let end = line.dropFirst(3).firstIndex(of: "`") else { return nil }
            return String(line[line.index(line.startIndex, offsetBy: 3)..<end])
        })
        #expect(Set(InterfaceStrings.keys).subtracting(listed).sorted() == [])
    }

    @Test func placeholdersAreFilledOnceAndAMissingOneStaysAsWritten() {
        let strings = InterfaceStrings.english
        #expect(strings("page.figure", ["n": "3"]) == "Figure 3")
        #expect(strings("page.figure") == "Figure {n}")
        #expect(strings("legend.pathUnder", ["run": "{other}", "other": "Adam"]) == "{other} (path under Adam’s)")
        #expect(strings("no.such.key") == "no.such.key")
        #expect(InterfaceStrings.fill("{a} {b {c}} {", ["a": "1", "c": "3"]) == "1 {b 3} {")
        #expect(strings.counted("alt.runs", 1) == "1 run")
        #expect(strings.counted("alt.runs", 4) == "4 runs")
        #expect(InterfaceStrings.placeholders(in: "{run} ends at {loss}, {run}") == ["run", "loss"])
    }

    @Test func aLanguageTagPicksItsTableAndAnUnknownOneFallsBackToEnglish() {
        #expect(InterfaceStrings.builtIn("zh-Hans")("page.figure", ["n": "1"]) == "图 1")
        #expect(InterfaceStrings.builtIn("zh-Hans").language == "zh")
        #expect(InterfaceStrings.builtIn("fr")("page.onThisPage") == "On this page")
        #expect(!InterfaceStrings.hasTable(for: "fr"))
        #expect(InterfaceStrings.hasTable(for: "en-GB"))
    }

    @Test func stringsNestByTheirDotsForTemplates() {
        let page = InterfaceStrings.builtIn("zh").nested["page"] as? [String: Any]
        #expect(page?["onThisPage"] as? String == "本页内容")
    }

    @Test func anOverrideReplacesItsKeyAndAnUnknownKeyNamesTheNearest() {
        let text = """
            page.onThisPage: 目录与小节
            page.figur: 图 {n}
            alt.runEnds: "{run} 最终"
            page.table: 表 {n}，{m}
            """
        let (values, problems) = StringCatalog.overrides(text, language: "zh", file: "lessons/_templates/strings.zh.yml")
        #expect(values["page.onThisPage"] == "目录与小节")
        #expect(values["page.figur"] == nil)
        #expect(problems.errors.map(\.description) == [
            "lessons/_templates/strings.zh.yml:2:1: error: Unknown interface string `page.figur` in strings.zh.yml; did you mean `page.figure`? the keys are listed in docs/templates.md.",
        ])
        #expect(problems.warnings == [
            "lessons/_templates/strings.zh.yml:3:14: warning: `alt.runEnds` leaves out the placeholder `{loss}`, so pages show this text without that value; write `{loss}` where it goes (the English is “{run} ends at {loss}”).",
            "lessons/_templates/strings.zh.yml:4:13: warning: `page.table` has no placeholder `{m}`, so pages show it as written; it takes `{n}`.",
        ])
        let catalog = StringCatalog(overrides: ["zh": values])
        #expect(catalog.strings(for: "zh")("page.onThisPage") == "目录与小节")
        #expect(catalog.strings(for: "zh")("page.figure", ["n": "2"]) == "图 2")
        #expect(catalog.strings(for: "en")("page.onThisPage") == "On this page")
    }

    @Test func anOverrideThatIsNotTextOrAFileThatIsNotAMappingIsAnError() {
        let list = StringCatalog.overrides("page.next: [a, b]\n", language: "zh", file: "s.yml")
        #expect(list.problems.errors.map(\.description) == ["s.yml:1:12: error: `page.next` must be text."])
        let scalar = StringCatalog.overrides("hello\n", language: "zh", file: "s.yml")
        #expect(scalar.problems.errors.map(\.description) == ["s.yml:1:1: error: `strings.zh.yml` must be a mapping of string keys to text, such as `page.onThisPage: 本页内容`."])
        #expect(StringCatalog.overrides("", language: "zh", file: "s.yml").problems.errors.isEmpty)
    }

    @Test func overridesAreReadFromTheTemplatesFolderAndAFileNameMustNameALanguage() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("strings-\(UUID().uuidString)")
        let templates = folder.appendingPathComponent("_templates")
        try FileManager.default.createDirectory(at: templates, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try "page.next: Suivant\n".write(to: templates.appendingPathComponent("strings.fr.yml"), atomically: true, encoding: .utf8)
        try "page.next: x\n".write(to: templates.appendingPathComponent("strings.ZH.yml"), atomically: true, encoding: .utf8)
        let (catalog, problems) = StringCatalog.load(from: templates, displayDirectory: "lessons/_templates")
        #expect(catalog.strings(for: "fr")("page.next") == "Suivant")
        #expect(catalog.strings(for: "fr")("page.previous") == "Previous")
        #expect(catalog.translates("fr"))
        #expect(!catalog.translates("de"))
        #expect(problems.errors.map(\.description) == [
            "lessons/_templates/strings.ZH.yml:1:1: error: `strings.ZH.yml` does not name a language; call the file `strings.<lang>.yml` with the language's lowercase code, such as `strings.zh.yml`.",
        ])
    }

    @Test func referencesInAChineseLessonReadInChinese() throws {
        let text = """
            ---
            title: 梯度下降
            lang: zh
            ---

            见 @fig-bowl-1、@tbl-bowl-2 和 @exp-bowl。

            ```experiment
            id: bowl
            model: {kind: surface, function: quadratic, a: 1, b: 2}
            init: {x: -5, y: -2}
            steps: 5
            runs:
              - {label: gd, lr: 0.1}
            figures:
              - {kind: loss}
              - {kind: table}
            ```
            """
        let lesson = try LessonParser.parse(text, file: "zh.md", slug: "zh")
        #expect(lesson.language == "zh")
        #expect(lesson.prose.markdown.contains("[图 1](#fig-bowl-1)"))
        #expect(lesson.prose.markdown.contains("[表 1](#tbl-bowl-2)"))
        #expect(lesson.prose.markdown.contains("[实验 1](#exp-bowl)"))
    }
}
