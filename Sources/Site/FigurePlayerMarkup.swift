import Lessons

/// The markup of a figure the page draws over (`FigureOutput.player`): the ordinary picture in
/// `<noscript>`, the renderings without the runs with an SVG over them that `assets/player.js`
/// draws into, and the place of its controls. Without scripts the stylesheet hides the
/// background (`@media (scripting: none)`) and the browser shows the `<noscript>` picture, the
/// default run as a PNG. A printout with scripts on shows what the player shows, without its
/// controls, and the caption names the combination shown.
enum FigurePlayerMarkup {
    static let scriptPath = "assets/player.js"

    /// The `<figure>`'s pictures and controls, before its caption.
    static func html(_ figure: FigureOutput, player: FigurePlayer, strings: InterfaceStrings) -> String {
        let number = ["n": String(figure.number)]
        let words: [(String, String)] = [
            ("choose", strings("player.choose", number)), ("playback", strings("player.playback", number)),
        ]
        return "<div class=\"player\" data-figure=\"\(HTML.escape(figure.id))\""
            + words.map { " data-\($0.0)=\"\(HTML.escape($0.1))\"" }.joined() + ">\n"
            + "<noscript>\n" + SiteRenderer.pictureHTML(figure) + "</noscript>\n"
            + "<div class=\"player-stage\">\n"
            + SiteRenderer.pictureHTML(wide: player.background, dark: player.dark, narrow: player.narrow, narrowDark: player.narrowDark,
                                       alt: figure.alt, textSize: figure.smallestTextSize, className: "player-background")
            + "<svg class=\"player-overlay\" aria-hidden=\"true\" focusable=\"false\" viewBox=\"0 0 \(player.background.width) \(player.background.height)\"></svg>\n"
            + "</div>\n"
            + "<div class=\"player-controls\(player.sliders ? " with-sliders" : "")\"></div>\n"
            + "<script defer=\"defer\" src=\"\(HTML.attribute(path: player.script))\"></script>\n"
            + "</div>\n"
    }

    /// The player's script, once at the end of a page with players, its words in the page's
    /// language (`{…}` filled by the script).
    static func scriptTag(strings: InterfaceStrings) -> String {
        let words: [(String, String)] = [
            ("setting", "player.setting"), ("final-loss", "player.finalLoss"), ("play", "player.play"), ("pause", "player.pause"),
            ("scrubber", "player.scrubber"), ("step", "player.step"), ("point", "player.point"), ("run-point", "player.runPoint"),
            ("diverged", "stop.diverged"), ("unbounded", "stop.unbounded"), ("shown", "page.shown"),
            ("separator", "list.separator"),
        ]
        return "<script defer=\"defer\" src=\"\(scriptPath)\"" + words.map { " data-\($0.0)=\"\(HTML.escape(strings($0.1)))\"" }.joined() + "></script>\n"
    }
}

extension LessonPage {
    /// Whether a figure of the page has a player, so that the page loads `assets/player.js`.
    var hasPlayers: Bool {
        guard case let .lesson(_, experiments, _) = content else { return false }
        return experiments.contains { experiment in experiment.items.contains { $0.figure.player != nil } }
    }
}

extension Course {
    /// Whether any page has a figure with a player, so that the site has `assets/player.js`.
    var hasPlayers: Bool { pages.contains(where: \.hasPlayers) }
}
