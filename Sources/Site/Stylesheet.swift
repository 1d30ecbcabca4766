/// The site's default theme: a readable measure with the table of contents beside it on wide
/// screens and above it on phones, light and dark, printable.
enum Stylesheet {
    static let css = """
    :root {
      --text: #1f2328; --muted: #57606a; --background: #ffffff; --rule: #d0d7de; --soft: #f6f8fa;
      --link: #0550ae; --code: #f3f4f6; --error: #b42318; --error-background: #fef3f2;
      --scroll-shadow: rgba(0, 0, 0, 0.3); color-scheme: light dark;
    }
    @media (prefers-color-scheme: dark) {
      :root {
        --text: #e6edf3; --muted: #9da7b3; --background: #0d1117; --rule: #30363d; --soft: #161b22;
        --link: #79c0ff; --code: #161b22; --error: #ff7b72; --error-background: #2d1214;
        --scroll-shadow: rgba(255, 255, 255, 0.35);
      }
      /* Figures are drawn on white; a frame keeps them from glaring. */
      figure img, .thumbnail img { background: #ffffff; border-radius: 4px; }
    }
    * { box-sizing: border-box; }
    html { scroll-padding-top: 1rem; }
    body {
      margin: 0; padding: 0 1rem 3rem; color: var(--text); background: var(--background);
      font: 17px/1.6 -apple-system, "Segoe UI", "DejaVu Sans", "WenQuanYi Micro Hei", "Noto Sans CJK SC", sans-serif;
    }
    header.site, nav.pager, main.index { max-width: 46rem; margin: 0 auto; }
    header.site { padding: 1rem 0; border-bottom: 1px solid var(--rule); }
    header.site a { color: var(--muted); text-decoration: none; font-weight: 600; }
    .layout { max-width: 46rem; margin: 0 auto; }
    /* How wide a table may grow: the text column and the margin right of it (see .table-scroll). */
    main.lesson { min-width: 0; --table-room: calc(50% + 50vw - 1.5rem); }
    nav.toc { font-size: 0.9rem; border-bottom: 1px solid var(--rule); padding: 0.5rem 0; }
    nav.toc .toc-title { margin: 0 0 0.3rem; font-weight: 600; color: var(--muted); text-transform: uppercase; letter-spacing: 0.04em; font-size: 0.75rem; }
    nav.toc ul { list-style: none; margin: 0; padding: 0; }
    nav.toc li { margin: 0.15rem 0; }
    nav.toc li.level-3 { padding-left: 1rem; }
    nav.toc a { color: var(--muted); text-decoration: none; }
    nav.toc a:hover { color: var(--link); text-decoration: underline; }
    @media (min-width: 1100px) {
      .layout { max-width: 64rem; display: grid; grid-template-columns: 14rem minmax(0, 46rem); gap: 3rem; }
      header.site, nav.pager { max-width: 64rem; }
      nav.toc { position: sticky; top: 1rem; align-self: start; max-height: calc(100vh - 2rem); overflow-y: auto; border: none; padding-top: 2rem; }
      /* A lesson with fewer than two headings has no contents: its text keeps the main column. */
      .layout > main.lesson:first-child { grid-column: 2; }
      /* The room right of the main column, up to 1rem from the window's edge (and a scrollbar). */
      main.lesson { --table-room: calc(100% + max(0px, 50vw - 33rem - 0.5rem)); }
    }
    h1 { font-size: 2rem; line-height: 1.25; margin: 1.5rem 0 1rem; }
    h2 { margin-top: 2.2rem; border-bottom: 1px solid var(--rule); padding-bottom: 0.2rem; }
    a { color: var(--link); }
    code, pre { font-family: "DejaVu Sans Mono", ui-monospace, monospace; font-size: 0.9em; background: var(--code); }
    code { padding: 0.1em 0.3em; border-radius: 3px; }
    /* A long inline code span breaks rather than widen the page on a phone. */
    :not(pre) > code { overflow-wrap: break-word; }
    pre { padding: 0.8rem 1rem; overflow-x: auto; border-radius: 6px; }
    pre code { padding: 0; background: none; }
    blockquote { margin: 1rem 0; padding: 0 1rem; border-left: 3px solid var(--rule); color: var(--muted); }
    .math.display { display: block; overflow-x: auto; overflow-y: hidden; margin: 1rem 0; text-align: center; }
    /* A table takes the room it needs, past the text column into the window's margin; headers
       wrap; what still does not fit scrolls, with a shadow at the edge that has more to see
       (the cover gradients scroll with the table and hide the shadow at its ends). */
    .table-scroll {
      overflow-x: auto; width: max-content; max-width: max(100%, var(--table-room));
      background:
        linear-gradient(to right, var(--background) 60%, transparent) left / 1.5rem 100% no-repeat local,
        linear-gradient(to left, var(--background) 60%, transparent) right / 1.5rem 100% no-repeat local,
        radial-gradient(farthest-side at 0 50%, var(--scroll-shadow), transparent) left / 0.9rem 100% no-repeat scroll,
        radial-gradient(farthest-side at 100% 50%, var(--scroll-shadow), transparent) right / 0.9rem 100% no-repeat scroll;
    }
    .table-scroll:focus-visible { outline: 2px solid var(--link); outline-offset: 2px; }
    table { border-collapse: collapse; margin: 1rem 0; font-size: 0.92rem; }
    /* A table written in the prose is as wide as its content and scrolls inside the column when
       that is wider, instead of widening the page. */
    main.lesson table:not(.table-scroll > table) { display: block; width: max-content; max-width: 100%; overflow-x: auto; }
    .table-scroll > table { margin: 0; font-size: 0.8rem; }
    th, td { border: 1px solid var(--rule); padding: 0.3rem 0.6rem; text-align: left; }
    .table-scroll th, .table-scroll td { padding: 0.25rem 0.4rem; }
    thead th { background: var(--soft); vertical-align: bottom; line-height: 1.3; }
    thead th.number { text-align: right; }
    /* Chinese may break between any two characters: on screen a header breaks between words only
       (the table scrolls instead), so that 最终损失 does not stand one character a line. */
    @media screen { :lang(zh) .table-scroll thead th { word-break: keep-all; } }
    td.number { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
    figure { margin: 1.5rem 0; }
    figure img { display: block; max-width: 100%; height: auto; margin: 0 auto; }
    figcaption { color: var(--muted); font-size: 0.92rem; margin-top: 0.5rem; }
    .figure-number { font-weight: 600; color: var(--text); }
    figure.table > figcaption { margin: 0 0 0.3rem; }
    figure.table table { margin-top: 0; }
    details.experiment-source { margin: 0.5rem 0 1.5rem; font-size: 0.9rem; }
    details.experiment-source summary { cursor: pointer; color: var(--muted); }
    details.experiment-source pre { margin: 0.5rem 0; }
    .downloads { color: var(--muted); margin: 0.3rem 0; }
    /* A number the build measured, in the prose; a marker where it could not measure one. */
    .result { font-variant-numeric: tabular-nums; white-space: nowrap; }
    .result.missing { color: var(--error); background: var(--error-background); padding: 0 0.25em; border-radius: 3px; font-size: 0.92em; }
    /* A folded answer: a rule and a tint set it off from the question, its body indented. */
    details.answer { margin: 0.8rem 0 1.2rem; padding: 0.35rem 1rem; border-left: 3px solid var(--link); background: var(--soft); border-radius: 0 6px 6px 0; }
    details.answer > summary { cursor: pointer; font-weight: 600; color: var(--link); padding: 0.15rem 0; }
    details.answer > summary:hover { text-decoration: underline; }
    details.answer > summary:focus-visible { outline: 2px solid var(--link); outline-offset: 2px; border-radius: 3px; }
    details.answer[open] > summary { margin-bottom: 0.4rem; }
    details.answer > :not(summary) { margin-left: 1.1rem; }
    details.answer > :last-child { margin-bottom: 0.5rem; }
    ol.lessons { list-style: none; padding: 0; counter-reset: lesson; }
    ol.lessons li { display: flex; gap: 1rem; align-items: flex-start; margin: 1.2rem 0; }
    ol.lessons li .lesson-title { font-size: 1.15rem; font-weight: 600; }
    ol.lessons li .lesson-title::before { counter-increment: lesson; content: counter(lesson) ". "; color: var(--muted); }
    ol.lessons p { margin: 0.2rem 0 0; color: var(--muted); }
    .thumbnail img { display: block; width: 160px; height: auto; border: 1px solid var(--rule); border-radius: 4px; }
    .failed { color: var(--error); }
    .build-error { border: 1px solid var(--error); background: var(--error-background); color: var(--error); padding: 0.8rem 1rem; border-radius: 6px; }
    .build-error code { background: none; white-space: pre-wrap; }
    nav.pager { display: flex; justify-content: space-between; gap: 1rem; margin-top: 3rem; padding-top: 1rem; border-top: 1px solid var(--rule); }
    nav.pager .next { margin-left: auto; text-align: right; }
    @media (max-width: 600px) {
      body { font-size: 16px; }
      h1 { font-size: 1.6rem; }
      ol.lessons li { flex-direction: column; }
      .thumbnail img { width: 100%; max-width: 320px; }
    }
    @media print {
      /* Margins that suit A4 and Letter alike; the paper size is the printer's. */
      @page { margin: 16mm 15mm 18mm; }
      body { color: #000; background: #fff; font-size: 11pt; padding: 0; }
      header.site, nav.pager, nav.toc, .downloads, button { display: none; }
      .layout { display: block; max-width: none; }
      main.lesson { max-width: none; }
      a { color: #000; }
      /* Links show their target; anchors inside the page do not. */
      main a[href]:not([href^="#"])::after { content: " (" attr(href) ")"; font-size: 0.85em; overflow-wrap: anywhere; }
      figure, table, .table-scroll, pre, .math.display { break-inside: avoid; }
      h2, h3, figcaption { break-after: avoid; }
      /* Tables wrap to the page instead of scrolling: no column is lost and no scrollbar printed. */
      .table-scroll { overflow: visible; width: auto; max-width: 100%; background: none; }
      .table-scroll > table, table { font-size: 7.5pt; }
      main.lesson table:not(.table-scroll > table) { display: table; width: auto; max-width: none; overflow: visible; }
      :not(pre) > code { overflow-wrap: normal; }
      .table-scroll th, .table-scroll td, th, td { padding: 0.1rem 0.25rem; border-color: #888; }
      details.experiment-source { display: none; }
      /* Answers print open (the script opens them; ::details-content where the browser has it). */
      details.answer { background: none; border-left: 2px solid #000; break-inside: avoid; }
      details.answer > summary { color: #000; list-style: none; }
      details.answer > summary::-webkit-details-marker { display: none; }
      details.answer::details-content { content-visibility: visible; height: auto; }
    }

    """
}
