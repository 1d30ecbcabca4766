/// The site's default theme: a readable measure with the table of contents beside it on wide
/// screens and above it on phones, light and dark, printable.
enum Stylesheet {
    static let css = """
    /* Each colour once per theme, light then dark: light-dark() picks by color-scheme, which
       follows the system unless the theme toggle forces it (data-theme on <html>). */
    :root {
      color-scheme: light dark;
      --text: light-dark(#1f2328, #e6edf3); --muted: light-dark(#57606a, #9da7b3);
      --background: light-dark(#ffffff, #0d1117); --rule: light-dark(#d0d7de, #30363d);
      --soft: light-dark(#f6f8fa, #161b22); --link: light-dark(#0550ae, #79c0ff);
      --code: light-dark(#f3f4f6, #161b22); --error: light-dark(#b42318, #ff7b72);
      --error-background: light-dark(#fef3f2, #2d1214);
      --scroll-shadow: light-dark(rgba(0, 0, 0, 0.3), rgba(255, 255, 255, 0.35));
      --sidebar-current: light-dark(#e8eef7, #1c2a3d); --mark: light-dark(#fff0a8, #5c4a00);
      --mark-text: light-dark(#1f2328, #f6f8fa); --control-border: light-dark(#6e7781, #8b949e);
      --panel-shadow: light-dark(rgba(0, 0, 0, 0.18), rgba(0, 0, 0, 0.6));
      --code-keyword: light-dark(#cf222e, #ff7b72); --code-string: light-dark(#0a3069, #a5d6ff);
      --code-number: light-dark(#0550ae, #79c0ff); --code-comment: light-dark(#57606a, #9da7b3);
      --code-title: light-dark(#6639ba, #d2a8ff); --code-attribute: light-dark(#953800, #ffa657);
    }
    :root[data-theme="light"] { color-scheme: light; }
    :root[data-theme="dark"] { color-scheme: dark; }
    * { box-sizing: border-box; }
    html { scroll-padding-top: 1rem; }
    body {
      margin: 0; padding: 0 1rem 3rem; color: var(--text); background: var(--background);
      font: 17px/1.6 -apple-system, "Segoe UI", "DejaVu Sans", "WenQuanYi Micro Hei", "Noto Sans CJK SC", sans-serif;
    }
    header.site, nav.pager, main.index { max-width: 46rem; margin: 0 auto; }
    header.site { padding: 1rem 0; border-bottom: 1px solid var(--rule); }
    header.site a { color: var(--muted); text-decoration: none; font-weight: 600; }
    .theme-toggle {
      margin-left: auto; font: inherit; font-size: 0.85rem; color: var(--muted); background: var(--soft);
      border: 1px solid var(--control-border); border-radius: 6px; padding: 0.2rem 0.6rem; cursor: pointer;
      white-space: nowrap; flex: none;
    }
    .theme-toggle[aria-pressed="true"] { color: var(--text); }
    .theme-toggle:focus-visible { outline: 2px solid var(--link); outline-offset: 2px; }
    /* On a phone the toggle shares the search box's row, so that the header keeps two rows. */
    @media (max-width: 600px) {
      header.site .search { flex-basis: 10rem; }
      .theme-toggle { order: 4; }
      header.site .search-results { width: calc(100vw - 2rem); }
    }
    /* A figure's own background is the page's, in either theme: no frame. */
    picture { display: block; }
    .layout { max-width: 46rem; margin: 0 auto; }
    /* How wide a table may grow: the text column and the margin right of it (see .table-scroll). */
    main.lesson { min-width: 0; --table-room: calc(50% + 50vw - 1.5rem); }
    @media (min-width: 1100px) {
      .layout { max-width: 64rem; display: grid; grid-template-columns: 14rem minmax(0, 46rem); gap: 3rem; }
      header.site, nav.pager { max-width: 64rem; }
      /* A lesson with fewer than two headings has no contents: its text keeps the main column. */
      .layout > main.lesson:first-child { grid-column: 2; }
      /* The room right of the main column, up to 1rem from the window's edge (and a scrollbar). */
      main.lesson { --table-room: calc(100% + max(0px, 50vw - 33rem - 0.5rem)); }
    }
    /* The course sidebar: every lesson, the current one marked, its sections under it. Beside the
       text from 1100 px; on narrower screens it folds behind the header's button. */
    header.site { display: flex; flex-wrap: wrap; align-items: center; gap: 0.5rem 1rem; }
    header.site .course-title { flex: 1 1 12rem; min-width: 0; }
    .sidebar-toggle {
      font: inherit; font-size: 0.95rem; color: var(--text); background: var(--soft); cursor: pointer;
      border: 1px solid var(--control-border); border-radius: 6px; padding: 0.25rem 0.7rem;
    }
    .sidebar-toggle-icon { display: inline-block; width: 0.9em; height: 0.65em; margin-right: 0.45em; vertical-align: 0.05em;
      border-top: 2px solid currentColor; border-bottom: 2px solid currentColor; background: linear-gradient(currentColor, currentColor) center / 100% 2px no-repeat; }
    .sidebar-toggle:focus-visible, .search-input:focus-visible, nav.sidebar a:focus-visible { outline: 2px solid var(--link); outline-offset: 2px; }
    nav.sidebar { font-size: 0.9rem; line-height: 1.4; }
    nav.sidebar ol, nav.sidebar ul { list-style: none; margin: 0; padding: 0; }
    nav.sidebar .sidebar-lessons > li { margin: 0.1rem 0; }
    nav.sidebar .sidebar-lessons > li > a { display: flex; gap: 0.45rem; padding: 0.3rem 0.5rem; border-radius: 6px; color: var(--text); text-decoration: none; }
    nav.sidebar .number { color: var(--muted); min-width: 1.1rem; text-align: right; font-variant-numeric: tabular-nums; }
    nav.sidebar a:hover .title { text-decoration: underline; }
    nav.sidebar li.current > a { background: var(--sidebar-current); font-weight: 600; box-shadow: inset 3px 0 0 var(--link); }
    nav.sidebar .sidebar-sections { margin: 0.2rem 0 0.5rem 2.1rem; border-left: 1px solid var(--rule); }
    nav.sidebar .sidebar-sections li { margin: 0.1rem 0; }
    nav.sidebar .sidebar-sections a { display: block; padding: 0.1rem 0.6rem; color: var(--muted); text-decoration: none; }
    nav.sidebar .sidebar-sections li.level-3 a { padding-left: 1.4rem; font-size: 0.85rem; }
    nav.sidebar .sidebar-sections a:hover { color: var(--link); text-decoration: underline; }
    @media (max-width: 1099.98px) {
      nav.sidebar { display: none; }
      nav.sidebar.open {
        display: block; position: fixed; top: 0; bottom: 0; left: 0; z-index: 20; width: min(21rem, 88vw);
        overflow-y: auto; padding: 1rem 0.75rem 2rem; background: var(--background);
        border-right: 1px solid var(--rule); box-shadow: 0 0 2rem var(--panel-shadow);
      }
      /* The open drawer dims the page behind it; a tap on the dimmed page closes it (the script). */
      body.sidebar-open::after { content: ""; position: fixed; inset: 0; z-index: 19; background: var(--panel-shadow); }
      .sidebar-head { display: flex; align-items: center; justify-content: space-between; gap: 0.5rem; margin: 0 0 0.6rem; padding: 0 0 0.6rem 0.5rem; border-bottom: 1px solid var(--rule); }
      .sidebar-index { font-weight: 600; }
      .sidebar-close {
        font: inherit; font-size: 1.1rem; line-height: 1; color: var(--text); background: var(--soft); cursor: pointer;
        border: 1px solid var(--control-border); border-radius: 6px; padding: 0.35rem 0.55rem;
      }
      .sidebar-close:focus-visible, .sidebar-index:focus-visible { outline: 2px solid var(--link); outline-offset: 2px; }
    }
    @media (min-width: 1100px) {
      .sidebar-toggle { display: none; }
      .sidebar-head { display: none; }
      nav.sidebar { position: sticky; top: 1rem; align-self: start; max-height: calc(100vh - 2rem); overflow-y: auto; padding-top: 1.6rem; }
      .layout > main.index { margin: 0; grid-column: 2; }
    }
    /* The search box: results drop below it, the lesson and section of each, matched words marked. */
    .search { position: relative; flex: 1 1 12rem; max-width: 20rem; }
    .search-input {
      width: 100%; font: inherit; font-size: 0.95rem; color: var(--text); background: var(--background);
      border: 1px solid var(--control-border); border-radius: 6px; padding: 0.3rem 0.6rem;
    }
    .search-input::placeholder { color: var(--muted); opacity: 1; }
    .search-results {
      position: absolute; right: 0; top: calc(100% + 0.3rem); z-index: 30; width: min(30rem, calc(100vw - 2rem));
      max-height: 70vh; overflow-y: auto; margin: 0; padding: 0.3rem; list-style: none; font-size: 0.9rem; line-height: 1.35;
      background: var(--background); border: 1px solid var(--control-border); border-radius: 6px; box-shadow: 0 0.5rem 1.5rem var(--panel-shadow);
    }
    .search-results[hidden] { display: none; }
    .search-results a { display: block; padding: 0.4rem 0.5rem; border-radius: 4px; color: var(--text); text-decoration: none; }
    .search-results [aria-selected="true"] a { background: var(--sidebar-current); box-shadow: inset 3px 0 0 var(--link); }
    .search-results a:hover .search-section { text-decoration: underline; }
    .search-lesson { display: block; color: var(--muted); font-size: 0.85em; }
    .search-section { display: block; font-weight: 600; color: var(--link); }
    .search-words { display: block; color: var(--muted); font-size: 0.85em; }
    .search-same-lesson .search-lesson { display: none; }
    .search-empty { padding: 0.4rem 0.5rem; color: var(--muted); }
    mark { background: var(--mark); color: var(--mark-text); border-radius: 2px; padding: 0 0.05em; }
    @media (max-width: 600px) {
      .search { flex-basis: 100%; max-width: none; order: 3; }
      .search-results { left: 0; right: auto; width: 100%; }
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
    .table-scroll { overflow-x: auto; width: max-content; max-width: max(100%, var(--table-room)); }
    /* Code blocks, display math and prose tables scroll the same way, their edge covers solid in
       their own background and as wide as the shadow, so that a block that fits shows none. */
    .table-scroll, pre, .math.display, main.lesson table:not(.table-scroll > table) {
      background:
        linear-gradient(to right, var(--cover, var(--background)) var(--cover-solid, 60%), transparent) left / var(--cover-width, 1.5rem) 100% no-repeat local,
        linear-gradient(to left, var(--cover, var(--background)) var(--cover-solid, 60%), transparent) right / var(--cover-width, 1.5rem) 100% no-repeat local,
        radial-gradient(farthest-side at 0 50%, var(--scroll-shadow), transparent) left / 0.9rem 100% no-repeat scroll,
        radial-gradient(farthest-side at 100% 50%, var(--scroll-shadow), transparent) right / 0.9rem 100% no-repeat scroll;
    }
    pre, .math.display { --cover-width: 0.9rem; --cover-solid: 100%; }
    /* One the page's script marks as too wide fades its covers, so a few pixels show the shadow. */
    pre.overflows, .math.display.overflows { --cover-solid: 30%; }
    pre { --cover: var(--code); background-color: var(--code); }
    /* A copy button at the block's top right; the live region beside it is read, not seen. */
    .code-block { position: relative; }
    .copy-code {
      position: absolute; top: 0.35rem; right: 0.35rem; font: 600 0.75rem/1.2 inherit; padding: 0.2rem 0.5rem;
      color: var(--text); background: var(--soft); border: 1px solid var(--rule); border-radius: 4px; cursor: pointer;
    }
    .copy-code:hover { border-color: var(--muted); }
    /* Room above the code for the button, so that it never covers a line (scrolled or not). */
    .code-block > pre { padding-top: 2.1rem; }
    .copy-code:focus-visible { outline: 2px solid var(--link); outline-offset: 1px; }
    .copy-status { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
    /* highlight.js's classes, coloured from the theme (AA contrast on the code background). */
    .hljs-keyword, .hljs-literal, .hljs-selector-tag, .hljs-meta-keyword { color: var(--code-keyword); }
    .hljs-string, .hljs-regexp, .hljs-symbol { color: var(--code-string); }
    .hljs-number, .hljs-built_in, .hljs-type, .hljs-variable, .hljs-template-variable { color: var(--code-number); }
    .hljs-comment, .hljs-quote { color: var(--code-comment); font-style: italic; }
    .hljs-title, .hljs-section { color: var(--code-title); }
    .hljs-attr, .hljs-attribute, .hljs-meta, .hljs-bullet { color: var(--code-attribute); }
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
    /* On a phone, where the table scrolls anyway, a run's name (the row header) stays on one line. */
    @media (max-width: 600px) { .table-scroll tbody th { white-space: nowrap; } }
    td.number { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
    figure { margin: 1.5rem 0; }
    figure img { display: block; max-width: 100%; height: auto; margin: 0 auto; }
    figcaption { color: var(--muted); font-size: 0.92rem; margin-top: 0.5rem; }
    .figure-number { font-weight: 600; color: var(--text); }
    /* The files of a figure's numbers, under its caption (on paper the downloads are left out). */
    .figure-data { color: var(--muted); font-size: 0.85rem; margin: 0.25rem 0 0; overflow-wrap: anywhere; }
    figure.table > figcaption { margin: 0 0 0.3rem; }
    /* A figure with a player (assets/player.js): the renderings without the runs, the runs drawn
       in an SVG laid exactly over them, the controls below. Without scripts the <noscript>
       picture shows instead and the background is hidden. */
    .player-stage { position: relative; width: fit-content; max-width: 100%; margin: 0 auto; }
    .player-overlay { position: absolute; inset: 0; width: 100%; height: 100%; overflow: hidden; pointer-events: none; }
    @media (scripting: none) { .player-stage, .player-controls { display: none; } }
    .player-overlay polyline { fill: none; stroke-linejoin: round; stroke-linecap: round; }
    /* A run's colour is the one of the background shown (its file says light or dark, set by
       the script), which the page's theme picks until the file is known. */
    .player-overlay g { --stroke: light-dark(var(--run), var(--run-dark)); --end: light-dark(var(--run-end), var(--run-end-dark)); }
    .player-overlay.on-light g { --stroke: var(--run); --end: var(--run-end); }
    .player-overlay.on-dark g { --stroke: var(--run-dark); --end: var(--run-end-dark); }
    .player-casing polyline { stroke: rgba(255, 255, 255, 0.7); stroke-width: 3.2; }
    .player-line polyline { stroke: var(--stroke); stroke-width: 2; }
    .player-faint polyline { stroke: var(--muted); stroke-width: 1; opacity: 0.45; }
    .player-start-outline { fill: var(--stroke); }
    .player-start, .player-end-outline { fill: #ffffff; }
    .player-end { fill: var(--end); }
    .player-ends line { stroke-linecap: butt; }
    .player-ends line.cross-outline { stroke: #ffffff; stroke-width: 3.6; }
    .player-ends line.cross { stroke: var(--end); stroke-width: 2; }
    /* Room for the controls' first rows is kept before the script fills them: the picture never
       moves, and what is below moves little. */
    .player-controls { min-height: 2.4rem; margin: 0.4rem 0 0.5rem; font-size: 0.9rem; }
    .player-controls.with-sliders { min-height: 4.6rem; }
    .player-sliders { display: flex; flex-wrap: wrap; gap: 0.25rem 1.5rem; }
    .player-slider { display: flex; flex-direction: column; flex: 1 1 9rem; min-width: 0; }
    .player-slider label { font-variant-numeric: tabular-nums; font-weight: 600; }
    .player-controls input[type="range"] { width: 100%; margin: 0.2rem 0; accent-color: var(--link); }
    .player-runs { margin: 0.3rem 0; }
    .player-run { margin: 0; color: var(--muted); }
    .player-run > span + span:not(:empty)::before { content: " \u{00B7} "; }
    .player-run-label { color: var(--text); font-weight: 600; }
    .player-stop { color: var(--error); }
    .player-playback { display: flex; align-items: center; gap: 0.6rem; flex-wrap: wrap; }
    .player-playback input[type="range"] { flex: 1 1 8rem; width: auto; min-width: 6rem; }
    .player-play {
      font: inherit; color: var(--text); background: var(--soft); border: 1px solid var(--control-border);
      border-radius: 6px; padding: 0.15rem 0.8rem; cursor: pointer; min-width: 4.5rem;
    }
    .player-play:focus-visible, .player-controls input[type="range"]:focus-visible { outline: 2px solid var(--link); outline-offset: 2px; }
    .player-status { color: var(--muted); font-variant-numeric: tabular-nums; margin: 0.2rem 0 0; min-height: 1.5em; }
    .player-status ul { margin: 0; padding-left: 1.2rem; }
    figure.table table { margin-top: 0; }
    details.experiment-source { margin: 0.5rem 0 1.5rem; font-size: 0.9rem; }
    details.experiment-source summary { cursor: pointer; color: var(--muted); }
    details.experiment-source pre { margin: 0.5rem 0; }
    /* An experiment's long caption lines wrap inside the block instead of scrolling sideways. */
    details.experiment-source pre { white-space: pre-wrap; overflow-wrap: anywhere; }
    .downloads { color: var(--muted); margin: 0.3rem 0; }
    /* A number the build measured, in the prose; a marker where it could not measure one. */
    .result { font-variant-numeric: tabular-nums; white-space: nowrap; }
    .result.missing { color: var(--error); background: var(--error-background); padding: 0 0.25em; border-radius: 3px; font-size: 0.92em; }
    /* A folded answer: a rule and a tint set it off from the question, its body indented. */
    details.answer { margin: 0.8rem 0 1.2rem; padding: 0.35rem 1rem; border-left: 3px solid var(--link); background: var(--soft); border-radius: 0 6px 6px 0; }
    details.answer { --cover: var(--soft); }
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
    /* The number the sidebar shows too (the file name's), where the template gives it. */
    ol.lessons li .lesson-title[data-number]:not([data-number=""])::before { content: attr(data-number) ". "; }
    ol.lessons p { margin: 0.2rem 0 0; color: var(--muted); }
    .thumbnail img { display: block; width: 160px; height: auto; border: 1px solid var(--rule); border-radius: 4px; }
    /* Every thumbnail, or the tile standing for a lesson without figures, in one 4:3 box. */
    ol.lessons .thumbnail { flex: none; display: block; width: 160px; aspect-ratio: 4 / 3; }
    ol.lessons .thumbnail img { width: 100%; height: 100%; object-fit: contain; }
    ol.lessons .thumbnail.placeholder { border: 1px solid var(--rule); border-radius: 4px; background: var(--soft); }
    .failed { color: var(--error); }
    .build-error { border: 1px solid var(--error); background: var(--error-background); color: var(--error); padding: 0.8rem 1rem; border-radius: 6px; }
    .build-error code { background: none; white-space: pre-wrap; }
    nav.pager { display: flex; justify-content: space-between; gap: 1rem; margin-top: 3rem; padding-top: 1rem; border-top: 1px solid var(--rule); }
    nav.pager .next { margin-left: auto; text-align: right; }
    nav.pager .pager-label { display: block; font-size: 0.85em; }
    /* Inline code about as large as the words around it (monospace renders small otherwise). */
    :not(pre) > code { font-size: 0.85em; }
    /* The link past the header and sidebar to the text: the first stop of Tab, seen when focused. */
    .skip-link { position: absolute; left: 0.5rem; top: -3rem; z-index: 40; padding: 0.4rem 0.8rem; color: var(--link); background: var(--background); border: 2px solid var(--link); border-radius: 6px; }
    .skip-link:focus { top: 0.5rem; }
    @media (max-width: 600px) {
      body { font-size: 16px; }
      h1 { font-size: 1.6rem; }
      ol.lessons li { flex-direction: column; }
      .thumbnail img { width: 100%; max-width: 320px; }
      ol.lessons .thumbnail { width: 100%; max-width: 320px; }
    }
    @media print {
      /* Margins that suit A4 and Letter alike; the paper size is the printer's. */
      @page { margin: 16mm 15mm 18mm; }
      /* Paper is light whatever the screen's theme. */
      :root, :root[data-theme] { color-scheme: light; }
      body { color: #000; background: #fff; font-size: 11pt; padding: 0; }
      header.site, nav.pager, .downloads, button { display: none; }
      /* The sidebar, search and their controls are for the screen. */
      nav.sidebar, .sidebar-toggle, .search, .search-results { display: none !important; }
      .layout { display: block; max-width: none; }
      main.lesson { max-width: none; }
      a { color: #000; }
      /* Links show their target; anchors inside the page do not. */
      main a[href]:not([href^="#"])::after { content: " (" attr(href) ")"; font-size: 0.85em; overflow-wrap: anywhere; }
      figure, table, .table-scroll, pre, .math.display { break-inside: avoid; }
      /* A figure's image and its caption stay on one page: Chromium splits even a figure that
         avoids breaks, but never an inline block. */
      figure:not(.table) { display: inline-block; width: 100%; vertical-align: top; }
      figcaption { break-before: avoid; break-inside: avoid; }
      .skip-link { display: none; }
      h2, h3, figcaption { break-after: avoid; }
      /* Tables wrap to the page instead of scrolling: no column is lost and no scrollbar printed. */
      .table-scroll { overflow: visible; width: auto; max-width: 100%; background: none; }
      .table-scroll > table, table { font-size: 7.5pt; }
      main.lesson table:not(.table-scroll > table) { display: table; width: auto; max-width: none; overflow: visible; }
      :not(pre) > code { overflow-wrap: normal; }
      .table-scroll th, .table-scroll td, th, td { padding: 0.1rem 0.25rem; border-color: #888; }
      details.experiment-source { display: none; }
      .figure-data { display: none; }
      /* A player prints the figure as it is shown, its caption naming the values, without controls. */
      .player-controls { display: none; }
      /* Code wraps on paper, where it cannot scroll; no scroll cue or copy button is printed. */
      pre { white-space: pre-wrap; overflow-wrap: anywhere; }
      pre, .math.display { background-image: none; }
      .copy-code { display: none; }
      /* Answers print open (the script opens them; ::details-content where the browser has it). */
      details.answer { background: none; border-left: 2px solid #000; break-inside: avoid; }
      details.answer > summary { color: #000; list-style: none; }
      details.answer > summary::-webkit-details-marker { display: none; }
      details.answer::details-content { content-visibility: visible; height: auto; }
    }

    """
}
