import Testing
import TestSupport
@testable import Lessons
@testable import Site

/// A figure with a player: the ordinary picture for readers without JavaScript, the background
/// renderings with the SVG the player draws into, its data script, and `assets/player.js` once
/// on the pages that have players, its words in the page's language.
@Suite struct FigurePlayerMarkupTests {
    static func course(language: String = "en") throws -> Course {
        let lesson = try LessonParser.parse("""
            ---
            title: Explore
            lang: \(language)
            ---

            ```experiment
            id: valley
            model: {kind: surface, function: quadratic}
            init: {x: 1, y: 1}
            steps: 3
            sweep: {lr: [0.1, 0.3]}
            runs: [{optimizer: gd}]
            figures: [{kind: explore, id: paths}]
            ```
            """, file: "1.md", slug: "01-explore")
        let plain = try LessonParser.parse("---\ntitle: Plain\n---\n\nNo figures.\n", file: "2.md", slug: "02-plain")
        var figure = FigureOutput(id: "paths", number: 1, caption: "Shown: lr 0.1.", image: "figures/01-explore/paths.png",
                                  image2x: "figures/01-explore/paths@2x.png", width: 640, height: 460, alt: "The path of lr 0.1.")
        figure.narrow = FigureImage(image: nil, image2x: "figures/01-explore/paths.narrow@2x.png", width: 340, height: 300)
        figure.player = FigurePlayer(
            script: "data/01-explore/paths.figure.js",
            background: FigureImage(image: "figures/01-explore/paths.bg.png", image2x: "figures/01-explore/paths.bg@2x.png", width: 640, height: 460),
            narrow: FigureImage(image: nil, image2x: "figures/01-explore/paths.bg.narrow@2x.png", width: 340, height: 300), sliders: true)
        return Course(title: "Course", summary: nil, pages: [
            LessonPage(slug: "01-explore", content: .lesson(lesson, experiments: [ExperimentOutput(id: "valley", title: nil, items: [.figure(figure)])], errors: [])),
            LessonPage(slug: "02-plain", content: .lesson(plain, experiments: [], errors: [])),
        ])
    }

    static func page(_ path: String, language: String = "en") throws -> (HTMLElement, [SiteFile]) {
        let files = SiteRenderer.render(try course(language: language))
        let file = try #require(files.first { $0.path == path })
        return (try HTMLDocument.parse(String(decoding: file.contents, as: UTF8.self)), files)
    }

    @Test func theFallbackPictureIsInNoscriptAndTheBackgroundCarriesTheOverlay() throws {
        let (page, files) = try Self.page("01-explore.html")
        let figure = try #require(page.first("figure"))
        let player = try #require(figure.all(class: "player").first)
        #expect(player.attributes["data-figure"] == "paths")
        #expect(player.attributes["data-choose"] == "Choose the run of figure 1")
        let fallback = try #require(player.first("noscript")?.first("img"))
        #expect(fallback.attributes["src"] == "figures/01-explore/paths.png")
        #expect(fallback.attributes["alt"] == "The path of lr 0.1.")
        let background = try #require(player.all(class: "player-background").first)
        #expect(background.first("img")?.attributes["srcset"] == "figures/01-explore/paths.bg.png 1x, figures/01-explore/paths.bg@2x.png 2x")
        #expect(background.all("source").map { $0.attributes["srcset"] } == ["figures/01-explore/paths.bg.narrow@2x.png 2x"])
        #expect(background.all("source").map { $0.attributes["media"] } == [SiteRenderer.narrowMedia])
        #expect(player.first("svg")?.attributes["viewBox"] == "0 0 640 460")
        #expect(player.all("script").compactMap { $0.attributes["src"] } == ["data/01-explore/paths.figure.js"])
        let scripts = page.all("script").compactMap { $0.attributes["src"] }
        #expect(scripts.filter { $0 == FigurePlayerMarkup.scriptPath }.count == 1)
        #expect(files.contains { $0.path == FigurePlayerMarkup.scriptPath })
    }

    @Test func aPageWithoutPlayersDoesNotLoadThePlayer() throws {
        let (page, _) = try Self.page("02-plain.html")
        #expect(!page.all("script").contains { $0.attributes["src"] == FigurePlayerMarkup.scriptPath })
    }

    @Test func theControlsSpeakThePagesLanguage() throws {
        let (page, _) = try Self.page("01-explore.html", language: "zh")
        let script = try #require(page.all("script").first { $0.attributes["src"] == FigurePlayerMarkup.scriptPath })
        #expect(script.attributes["data-play"] == "播放")
        #expect(script.attributes["data-final-loss"] == "最终损失 {loss}")
        #expect(script.attributes["data-diverged"] == "第 {step} 步发散")
        #expect(page.all(class: "player").first?.attributes["data-playback"] == "图 1 的回放")
    }
}
