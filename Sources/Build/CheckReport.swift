import Charts
import Foundation
import Site

/// `descent check --report DIR`: `DIR/index.html`, every difference of a check grouped by
/// tier, with the committed, rebuilt and difference images of each figure file (copied into
/// `DIR/images/`), the first differing values of each results file, and the two renderer
/// fingerprints side by side when they differ. One page with its style inline and relative
/// image links, so it opens from `file://` and as a CI artifact; written whether the check
/// fails, passes with notes or finds nothing.
public enum CheckReport {
    public static func write(_ report: CourseCheck.Report, output: String, to folder: URL) throws {
        let images = folder.appendingPathComponent("images")
        let manager = FileManager.default
        try? manager.removeItem(at: images)
        try manager.createDirectory(at: images, withIntermediateDirectories: true)
        let (html, files) = page(report, output: output)
        for (name, bytes) in files {
            try Data(bytes).write(to: images.appendingPathComponent(name))
        }
        try Data(html.utf8).write(to: folder.appendingPathComponent("index.html"))
    }

    /// The page and the images it links (`images/<name>` → bytes).
    static func page(_ report: CourseCheck.Report, output: String) -> (html: String, images: [String: [UInt8]]) {
        let escape = HTML.escape
        var images: [String: [UInt8]] = [:]
        var body = "<h1>descent check: \(escape(output))/</h1>\n"
        let verdict = !report.build.succeeded ? "fails: the course does not build"
            : !report.succeeded ? "fails: \(report.failures.count) difference\(report.failures.count == 1 ? "" : "s")"
            : report.findings.isEmpty ? "passes: no differences; the output is what the lessons produce"
            : "passes with \(report.noted.count) note\(report.noted.count == 1 ? "" : "s") (drawn under another renderer)"
        body += "<p class=\"verdict \(report.succeeded ? "pass" : "fail")\">The check \(escape(verdict)).</p>\n"
        body += "<p class=\"summary\">\(escape(report.summary))</p>\n"
        if !report.build.problems.isEmpty {
            body += "<h2>Build errors</h2>\n<ul>\n" + report.build.problems.map { "<li><code>\(escape($0.description))</code></li>\n" }.joined() + "</ul>\n"
        }
        body += fingerprints(report)
        let tiers: [(CourseCheck.Finding.Tier, String, String)] = [
            (.results, "Tier 1: results", "Results files and the numbers of figure scripts, byte for byte, recorded times excepted. Any difference fails."),
            (.figureValue, "Tier 2: figure values", "Each figure's value (its data, labels and layout before pixels) against the hash in the output's manifest. Any difference fails."),
            (.pixels, "Tier 3: pixels and layouts", report.sameRenderer
                ? "The same renderer drew the output: any byte of a figure that differs fails."
                : report.strict ? "Another renderer drew the output; with --strict every difference fails."
                : "Another renderer drew the output: differences are notes. Within the tolerance (RMS \(report.tolerance)) a reader sees the same picture; look at those over it."),
            (.site, "Other files", "Pages, scripts and assets, byte for byte; missing and extra files. Any difference fails."),
        ]
        for (tier, title, meaning) in tiers {
            let findings = report.findings.filter { $0.tier == tier }
            body += "<section id=\"tier-\(tier.rawValue)\">\n<h2>\(escape(title)) <span class=\"count\">\(findings.isEmpty ? "no differences" : "\(findings.count) difference\(findings.count == 1 ? "" : "s")")</span></h2>\n"
            body += "<p class=\"meaning\">\(escape(meaning))</p>\n"
            for finding in findings {
                let status = tier != .pixels || report.pixelsFail ? "fails" : "note"
                body += "<article class=\"finding \(status)\">\n<h3><code>\(escape(finding.path))</code> <span class=\"status\">\(status)</span></h3>\n"
                body += "<p>\(escape(finding.text))</p>\n"
                if !finding.changes.isEmpty { body += changesTable(finding.changes) }
                if tier == .pixels, let pair = report.images[finding.path] {
                    body += figureRow(pair, number: images.count / 3 + 1, into: &images)
                }
                body += "</article>\n"
            }
            body += "</section>\n"
        }
        let html = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8"/>
            <meta name="viewport" content="width=device-width, initial-scale=1"/>
            <title>descent check: \(escape(output))/</title>
            <style>
            body { font: 15px/1.45 system-ui, sans-serif; margin: 1.5rem auto; max-width: 80rem; padding: 0 1rem; color: #1b1b1b; background: #fff; }
            code { font-size: 0.92em; overflow-wrap: anywhere; }
            .verdict { font-weight: 600; font-size: 1.1rem; }
            .pass { color: #1a6b2f; } .fail { color: #a4161a; }
            .summary, .meaning { color: #444; }
            section { border-top: 2px solid #ddd; margin-top: 1.5rem; }
            .count { font-weight: normal; color: #555; font-size: 0.9rem; }
            .finding { border-left: 4px solid #a4161a; padding-left: 0.8rem; margin: 1rem 0; }
            .finding.note { border-left-color: #b58900; }
            .status { font: 600 0.8rem system-ui, sans-serif; text-transform: uppercase; padding: 0.1rem 0.4rem; border-radius: 3px; background: #a4161a; color: #fff; }
            .note .status { background: #b58900; }
            table { border-collapse: collapse; margin: 0.5rem 0; }
            th, td { border: 1px solid #ccc; padding: 0.2rem 0.5rem; text-align: left; vertical-align: top; }
            tr.differs td { background: #fff3c4; font-weight: 600; }
            .images { display: grid; grid-template-columns: repeat(auto-fit, minmax(16rem, 1fr)); gap: 0.8rem; }
            figure { margin: 0; min-width: 0; }
            figure img { width: 100%; height: auto; border: 1px solid #ccc; }
            figcaption { font-size: 0.85rem; color: #444; }
            </style>
            </head>
            <body>
            \(body)</body>
            </html>

            """
        return (html, images)
    }

    /// The two fingerprints side by side, each entry that differs highlighted; nothing when they are equal.
    static func fingerprints(_ report: CourseCheck.Report) -> String {
        guard !report.sameRenderer else { return "" }
        let escape = HTML.escape
        let old = report.committedRenderer, new = report.currentRenderer
        var rows = ""
        func add(_ kind: String, _ a: [String: String], _ b: [String: String]) {
            for key in Set(a.keys).union(b.keys).sorted() {
                let before = a[key] ?? "—", after = b[key] ?? "—"
                let shortened = kind == "font" ? { (hash: String) in hash.count > 16 ? String(hash.prefix(16)) + "…" : hash } : { $0 }
                rows += "<tr\(before == after ? "" : " class=\"differs\"")><th>\(escape(kind))</th><td><code>\(escape(key))</code></td><td><code>\(escape(shortened(before)))</code></td><td><code>\(escape(shortened(after)))</code></td></tr>\n"
            }
        }
        add("library", old.libraries, new.libraries)
        add("font", old.fonts, new.fonts)
        return "<h2>Renderer fingerprints differ</h2>\n<p>The output was drawn with the left renderer, this check's rebuild with the right one; highlighted rows differ (fonts: SHA-256 of the file).</p>\n"
            + "<table class=\"fingerprints\">\n<tr><th></th><th>library or font file</th><th>output's manifest</th><th>this machine</th></tr>\n" + rows + "</table>\n"
    }

    static func changesTable(_ changes: [ValueChange]) -> String {
        let escape = HTML.escape
        let rows = changes.map { change in
            "<tr><td>\(escape(change.run ?? "—"))</td><td>\(escape(change.field.isEmpty ? "the run" : change.field))</td><td><code>\(escape(change.committed.isEmpty ? "(none)" : change.committed))</code></td><td><code>\(escape(change.rebuilt.isEmpty ? "(none)" : change.rebuilt))</code></td></tr>\n"
        }.joined()
        return "<table class=\"changes\">\n<tr><th>run</th><th>first differing value</th><th>committed</th><th>rebuilt</th></tr>\n" + rows + "</table>\n"
    }

    /// The committed, rebuilt and difference images of one figure file, numbered `number`.
    static func figureRow(_ pair: (committed: [UInt8], rebuilt: [UInt8]), number: Int, into images: inout [String: [UInt8]]) -> String {
        let base = String(format: "%04d", number)
        var difference: [UInt8]?
        if let old = try? PNGDecoder.decode(pair.committed), let new = try? PNGDecoder.decode(pair.rebuilt) {
            difference = try? PixelDifference.differencePNG(old, new)
        }
        let panels: [(String, String, [UInt8]?)] = [
            ("committed", "committed (output folder)", pair.committed),
            ("rebuilt", "rebuilt on this machine", pair.rebuilt),
            ("difference", "difference: changed pixels magenta (ringed in pink) over the committed image in grey", difference),
        ]
        var html = "<div class=\"images\">\n"
        for (suffix, caption, bytes) in panels {
            let name = "\(base)-\(suffix).png"
            images[name] = bytes ?? []
            html += bytes == nil
                ? "<figure><figcaption>no difference image: the two files differ in size or do not decode</figcaption></figure>\n"
                : "<figure><img src=\"images/\(name)\" alt=\"\(caption)\" loading=\"lazy\"/><figcaption>\(caption)</figcaption></figure>\n"
        }
        return html + "</div>\n"
    }
}
