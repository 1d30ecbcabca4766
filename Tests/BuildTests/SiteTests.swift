import Foundation
import Testing
import TestSupport
import Training
@testable import Build

/// A course of two lessons, with math, references, headings, a CSV dataset and a table.
enum SampleCourse {
    static let first = """
        ---
        title: Bowls
        summary: One bowl, one rate.
        ---

        ## The rule

        Each step is $\\theta_{t+1} = \\theta_t - \\eta \\nabla f(\\theta_t)$, as @fig-bowl-1 shows for @exp-bowl.

        ```experiment
        id: bowl
        model: {kind: surface, function: quadratic, a: 1, b: 2}
        init: {x: -5, y: -2}
        steps: 20
        runs:
          - {label: gd, lr: 0.1}
        figures:
          - {kind: loss, y: log, caption: Loss.}
        ```

        ### Why it converges

        $$
        x_t = (1 - 2\\eta)^t x_0
        $$
        """

    static let second = """
        ---
        title: Data
        ---

        ## A file

        ```experiment
        id: fit
        model: linear
        data: {kind: csv, path: data/line.csv, features: [x], target: y}
        epochs: 50
        runs:
          - {label: Batch GD, lr: 0.1}
          - {label: "SGD, B = 1", lr: 0.05, batch: 1}
        figures:
          - {kind: contour, params: [w, b]}
          - {kind: table}
        ```

        ## Results

        See @tbl-fit-2.
        """

    static let csv = "x,y\n0,1\n1,3\n2,5\n3,7\n4,9\n"

    static func build(in folder: TemporaryFolder, extra: [String: String] = [:]) throws -> (BuildReport, URL) {
        try folder.write(first, to: "lessons/01-bowls.md")
        try folder.write(second, to: "lessons/02-data.md")
        try folder.write(csv, to: "lessons/data/line.csv")
        for (path, text) in extra { try folder.write(text, to: path) }
        let output = folder.url.appendingPathComponent("output")
        let report = CourseBuild(options: BuildOptions(
            lessonsDirectory: folder.url.appendingPathComponent("lessons"), outputDirectory: output)).run()
        return (report, output)
    }
}

/// Checks that every local `href`, `src` and `srcset` entry of the pages names a file that exists
/// once percent-decoded, and every `#id` an element of its page.
enum LinkCheck {
    static func run(_ output: URL, pages: [String]) throws -> (checked: Int, broken: [String]) {
        var checked = 0
        var broken: [String] = []
        for page in pages {
            let document = try HTMLDocument.parse(contentsOf: output.appendingPathComponent(page))
            let ids = Set(document.allElements.compactMap { $0.attributes["id"] })
            let links = document.allElements.flatMap { element in ["href", "src"].compactMap { element.attributes[$0] } }
                + (document.all("img") + document.all("source")).compactMap { $0.attributes["srcset"] }.flatMap { $0.split(separator: ",").map { String($0.split(separator: " ")[0]) } }
            for link in links {
                checked += 1
                let parts = link.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
                guard !link.contains(":"), !link.hasPrefix("/"), !parts[0].contains("?"), let path = parts[0].removingPercentEncoding else {
                    broken.append("\(page): \(link) is not a relative path")
                    continue
                }
                if !path.isEmpty, !FileManager.default.fileExists(atPath: output.appendingPathComponent(path).path) {
                    broken.append("\(page): \(link) is missing")
                    continue
                }
                if parts.count == 2 {
                    let targetIDs = path.isEmpty ? ids : Set(try HTMLDocument.parse(contentsOf: output.appendingPathComponent(path)).allElements.compactMap { $0.attributes["id"] })
                    if !targetIDs.contains(parts[1]) { broken.append("\(page): no element with id \(parts[1])") }
                }
            }
        }
        return (checked, broken)
    }
}

@Suite struct SiteTests {
    @Test func everyLinkAndSourceResolves() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let (report, output) = try SampleCourse.build(in: folder)
        #expect(report.problems.map(\.description) == [])
        let (checked, broken) = try LinkCheck.run(output, pages: ["index.html", "01-bowls.html", "02-data.html"])
        #expect(broken == [])
        #expect(checked > 30)
    }

    /// `#` and `?` would end a path, `%` start an escape, `:` a scheme; spaces and non-ASCII
    /// letters must survive `file://` too.
    @Test func lessonsWithAwkwardFileNamesLinkToTheirFiles() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let names = ["01 a #1", "02-b?", "03-c%20d", "04-η é", "05:e,f"]
        let lesson = SampleCourse.first.replacingOccurrences(of: "title: Bowls", with: "title: Odd")
        for name in names { try folder.write(lesson, to: "lessons/\(name).md") }
        let output = folder.url.appendingPathComponent("output")
        let report = CourseBuild(options: BuildOptions(lessonsDirectory: folder.url.appendingPathComponent("lessons"), outputDirectory: output)).run()
        #expect(report.problems.map(\.description) == [])
        let (checked, broken) = try LinkCheck.run(output, pages: ["index.html"] + names.map { $0 + ".html" })
        #expect(broken == [])
        // Each page: index, neighbours, stylesheet, scripts, figure src and srcset, downloads.
        #expect(checked > 60)
        let index = try HTMLDocument.parse(contentsOf: output.appendingPathComponent("index.html"))
        #expect(index.all(class: "lesson-title").compactMap { $0.attributes["href"] }
            == ["01%20a%20%231.html", "02-b%3F.html", "03-c%2520d.html", "04-%CE%B7%20%C3%A9.html", "05%3Ae%2Cf.html"])
    }

    @Test func mathAndReferencesReachThePage() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let (_, output) = try SampleCourse.build(in: folder)
        let page = try HTMLDocument.parse(contentsOf: output.appendingPathComponent("01-bowls.html"))
        let math = page.all(class: "math")
        #expect(math.map(\.text) == ["\\(\\theta_{t+1} = \\theta_t - \\eta \\nabla f(\\theta_t)\\)", "\\[x_t = (1 - 2\\eta)^t x_0\\]"])
        let links = page.first("main")?.all("a").filter { $0.attributes["href"]?.hasPrefix("#") == true }.map { "\($0.text) \($0.attributes["href"] ?? "")" }
        #expect(links == ["Figure 1 #fig-bowl-1", "Experiment 1 #exp-bowl"])
        #expect(page.all("script").compactMap { $0.attributes["src"] }
            == ["assets/theme.js", "assets/katex/katex.min.js", "assets/descent.js", "assets/highlight/highlight.js", "assets/code.js", "assets/search-index.js", "assets/navigation.js"])
        #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent("assets/katex/fonts/KaTeX_Main-Regular.woff2").path))
        // The second lesson has no math: no KaTeX there, only the theme toggle's and code blocks'
        // scripts, and its contour's player: the figure's data, then the player after the content.
        let second = try HTMLDocument.parse(contentsOf: output.appendingPathComponent("02-data.html"))
        #expect(second.all("script").compactMap { $0.attributes["src"] }
            == ["assets/theme.js", "assets/highlight/highlight.js", "assets/code.js", "data/02-data/fit-1.figure.js", "assets/player.js", "assets/search-index.js", "assets/navigation.js"])
    }

    @Test func theSidebarListsTheCurrentLessonsHeadings() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let (_, output) = try SampleCourse.build(in: folder)
        let page = try HTMLDocument.parse(contentsOf: output.appendingPathComponent("01-bowls.html"))
        let toc = try #require(page.all(class: "sidebar-sections").first)
        #expect(toc.all("li").map { "\($0.attributes["class"] ?? "") \($0.first("a")?.attributes["href"] ?? "") \($0.text)" }
            == ["level-2 #the-rule The rule", "level-3 #why-it-converges Why it converges"])
    }

    @Test func resultsDownloadsHoldTheRunsExactly() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let (_, output) = try SampleCourse.build(in: folder)
        let data = try Data(contentsOf: output.appendingPathComponent("data/01-bowls/bowl.json"))
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(json["experiment"] as? String == "bowl")
        let run = try #require((json["runs"] as? [[String: Any]])?.first)
        #expect(Set(run.keys) == ["label", "optimizer", "lr", "batch", "updates", "gradient_evaluations", "seconds", "diverged_at_step", "final"])
        #expect(Set((run["final"] as? [String: Any])?.keys ?? [:].keys) == ["loss", "gradient_norm", "learning_rate", "parameters"])
        #expect(run["label"] as? String == "gd" && run["optimizer"] as? String == "gd" && run["batch"] as? String == "full")
        #expect(run["updates"] as? Int == 20 && run["gradient_evaluations"] as? Int == 20 && run["diverged_at_step"] is NSNull)
        // The same run trained here gives the same Doubles, bit for bit, from the JSON's text.
        let log = try Trainer.train(try Surface(.quadratic(a: 1, b: 2)), from: [-5, -2], optimizer: try Optimizer(.gd(GradientDescent()), learningRate: 0.1),
                                    configuration: try TrainingConfiguration(budget: .steps(20)))
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("\"parameters\": {\"x\": \(log.finalParameters[0]), \"y\": \(log.finalParameters[1])}"))
        #expect(text.contains("\"loss\": \(log.finalLoss ?? 0)"))
        let csv = try String(contentsOf: output.appendingPathComponent("data/01-bowls/bowl/gd.csv"), encoding: .utf8).split(separator: "\n")
        #expect(csv.first == "step,epoch,loss,gradient_norm,learning_rate,learning_rate_p10,learning_rate_p90,x,y")
        #expect(csv.count == 1 + log.trace.count)
        // f(−5, −2) = 25 + 2·4, ‖∇f‖ = ‖(−10, −8)‖ = √164, gd's step η = 0.1 for both parameters.
        #expect(csv[1] == "0,0,33,\(164.0.squareRoot()),0.1,0.1,0.1,-5,-2")
        #expect(text.contains("\"gradient_norm\": \(log.trace.gradientNorms.last ?? 0), \"learning_rate\": 0.1, \"parameters\""))
        // Run labels become file names: "SGD, B = 1" → sgd-b-1.
        #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent("data/02-data/fit/sgd-b-1.csv").path))
    }

    @Test func aCourseCanReplaceThePageTemplate() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let template = "<!DOCTYPE html>\n<html><head><title>{{title}}</title></head><body><p class=\"mine\">{{courseTitle}}</p>{{{content}}}</body></html>\n"
        let (report, output) = try SampleCourse.build(in: folder, extra: ["lessons/_templates/page.mustache": template])
        #expect(report.problems.isEmpty)
        let page = try HTMLDocument.parse(contentsOf: output.appendingPathComponent("02-data.html"))
        #expect(page.all(class: "mine").first?.text == "Course")
        #expect(page.first("figure") != nil)
        // The index keeps the default template.
        #expect(try HTMLDocument.parse(contentsOf: output.appendingPathComponent("index.html")).all(class: "lessons").count == 1)
    }

    @Test func aBrokenTemplateIsAnErrorWithItsPosition() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let (report, _) = try SampleCourse.build(in: folder, extra: ["lessons/_templates/index.mustache": "<ol>\n{{#lessons}}<li>{{title}}</li>\n</ol>\n"])
        #expect(report.problems.count == 1)
        #expect(report.problems.first?.description == folder.url.path + "/lessons/_templates/index.mustache:4:1: error: A section is not closed; check that every `{{#section}}` and `{{^section}}` has its `{{/section}}`.")
    }

    @Test func aCSVOutsideTheLessonsIsRefused() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let outside = SampleCourse.second.replacingOccurrences(of: "path: data/line.csv", with: "path: ../secret.csv")
        let (report, _) = try SampleCourse.build(in: folder, extra: ["lessons/02-data.md": outside, "secret.csv": "x,y\n1,2\n"])
        #expect(report.problems.map(\.description) == [
            folder.url.path + "/lessons/02-data.md:10:25: error: The file `../secret.csv` is outside the lessons folder (a link may point outside it); put the file inside `lessons/` and give its path relative to the lesson.",
        ])
    }
}
