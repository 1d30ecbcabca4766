import Testing
@testable import Lessons

/// Parses `body` as a lesson with one experiment (ids `rates`, figures `rates-1`, `paths` and
/// table `results`),
/// and renders its prose as HTML with math shown as `\(…\)` / `\[…\]`.
func renderedProse(_ body: String) throws -> String {
    let text = """
        ---
        title: T
        ---
        \(body)

        ```experiment
        id: rates
        model: {kind: surface, function: quadratic}
        init: {x: 1, y: 1}
        epochs: 2
        runs: [{lr: 0.1}]
        figures: [{kind: loss}, {kind: contour, id: paths}, {kind: table, id: results}]
        ```
        """
    let lesson = try LessonParser.parse(text, file: "l.md", slug: "l")
    let document = MarkdownDocument(markdown: lesson.prose.markdown)
    document.replaceFencedBlocks(info: "experiment", with: [""])
    return lesson.prose.substitutingSpans(in: document.html()) { $0.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;") }
}

@Suite struct ProseTests {
    @Test func inlineMathIsUntouchedByMarkdown() throws {
        #expect(try renderedProse("The loss $L = \\frac{1}{2} w_1 * x_1 * y_1$ is small.")
            == "<p>The loss <span class=\"math inline\">\\(L = \\frac{1}{2} w_1 * x_1 * y_1\\)</span> is small.</p>\n")
    }

    @Test func displayMathMaySpanLines() throws {
        #expect(try renderedProse("$$\n\\theta_{t+1} = \\theta_t - \\eta \\nabla f(\\theta_t)\n$$")
            == "<p><span class=\"math display\">\\[\\theta_{t+1} = \\theta_t - \\eta \\nabla f(\\theta_t)\\]</span></p>\n")
    }

    @Test func dollarsThatAreNotMathStayText() throws {
        #expect(try renderedProse("It costs $5 and $10, or \\$20.") == "<p>It costs $5 and $10, or $20.</p>\n")
        #expect(try renderedProse("A lone $ sign.") == "<p>A lone $ sign.</p>\n")
    }

    @Test func mathInsideCodeIsLeftAlone() throws {
        #expect(try renderedProse("Run `echo $HOME $PATH` now.") == "<p>Run <code>echo $HOME $PATH</code> now.</p>\n")
        #expect(try renderedProse("```sh\n$ make $TARGET\n```") == "<pre><code class=\"language-sh\">$ make $TARGET\n</code></pre>\n")
    }

    @Test func mathIsEscapedForHTML() throws {
        #expect(try renderedProse("Where $a < b$.") == "<p>Where <span class=\"math inline\">\\(a &lt; b\\)</span>.</p>\n")
    }

    @Test func referencesBecomeNumberedLinks() throws {
        #expect(try renderedProse("See @fig-paths, @fig-rates-1 and @exp-rates.")
            == "<p>See <a href=\"#fig-paths\">Figure 2</a>, <a href=\"#fig-rates-1\">Figure 1</a> and <a href=\"#exp-rates\">Experiment 1</a>.</p>\n")
        // An address is not a reference.
        #expect(try renderedProse("Write to a@fig-x.org.") == "<p>Write to <a href=\"mailto:a@fig-x.org\">a@fig-x.org</a>.</p>\n")
    }

    @Test func tablesAreNumberedApartFromFigures() throws {
        #expect(try renderedProse("See @tbl-results beside @fig-paths.")
            == "<p>See <a href=\"#tbl-results\">Table 1</a> beside <a href=\"#fig-paths\">Figure 2</a>.</p>\n")
    }

    @Test func aFigureReferenceToATableIsAnErrorNamingTheRightPrefix() {
        do {
            _ = try renderedProse("As @fig-results and\n@tbl-paths show.")
            Issue.record("parsed without error")
        } catch let error as Diagnostics {
            #expect(error.all.map(\.description) == [
                "l.md:4:4: error: `@fig-results` names a table, which is numbered as a table; write `@tbl-results`.",
                "l.md:5:1: error: `@tbl-paths` names a figure, which is numbered as a figure; write `@fig-paths`.",
            ])
        } catch {
            Issue.record("\(error)")
        }
    }

    @Test func anUnknownReferenceIsAnErrorAtItsPosition() {
        do {
            _ = try renderedProse("Line one.\nAs @fig-path shows.")
            Issue.record("parsed without error")
        } catch let error as Diagnostics {
            #expect(error.all.map(\.description) == [
                "l.md:5:4: error: `@fig-path` refers to no figure or experiment of this lesson. Did you mean `@fig-paths`? References here: @exp-rates, @fig-paths, @fig-rates-1, @tbl-results.",
            ])
        } catch {
            Issue.record("\(error)")
        }
    }

    @Test func headingAnchorsFollowGitHubsSlugs() {
        let document = MarkdownDocument(markdown: "## Batch, *stochastic* and mini-batch\n\n### 小批量梯度下降\n\n## Batch, stochastic and mini-batch\n")
        let headings = document.anchorHeadings()
        #expect(headings.map(\.id) == ["batch-stochastic-and-mini-batch", "小批量梯度下降", "batch-stochastic-and-mini-batch-1"])
        #expect(document.html().hasPrefix("<h2><span class=\"anchor\" id=\"batch-stochastic-and-mini-batch\"></span>Batch, <em>stochastic</em>"))
    }
}

@Suite struct MathInAttributesTests {
    @Test func mathInAltTextAndTitlesStaysTeX() throws {
        let html = try renderedProse("![A bowl $x^2 < y$](bowl.png \"Title $a_b$\") and $c$.")
        #expect(html == "<p><img src=\"bowl.png\" alt=\"A bowl $x^2 &lt; y$\" title=\"Title $a_b$\" /> and <span class=\"math inline\">\\(c\\)</span>.</p>\n")
    }
}
