/// The site's default theme: readable measure, light and dark, phone-friendly, printable.
enum Stylesheet {
    static let css = """
    :root {
      --text: #1f2328; --muted: #57606a; --background: #ffffff; --rule: #d0d7de;
      --link: #0550ae; --code: #f3f4f6; --error: #b42318; --error-background: #fef3f2;
      color-scheme: light dark;
    }
    @media (prefers-color-scheme: dark) {
      :root {
        --text: #e6edf3; --muted: #9da7b3; --background: #0d1117; --rule: #30363d;
        --link: #79c0ff; --code: #161b22; --error: #ff7b72; --error-background: #2d1214;
      }
      figure img { background: #ffffff; border-radius: 4px; }
    }
    * { box-sizing: border-box; }
    body {
      margin: 0; padding: 0 1rem 3rem; color: var(--text); background: var(--background);
      font: 17px/1.6 -apple-system, "Segoe UI", "DejaVu Sans", "Noto Sans CJK SC", sans-serif;
    }
    main, header.site, nav.pager { max-width: 46rem; margin: 0 auto; }
    header.site { padding: 1rem 0; border-bottom: 1px solid var(--rule); }
    header.site a { color: var(--muted); text-decoration: none; font-weight: 600; }
    h1 { font-size: 2rem; line-height: 1.25; margin: 1.5rem 0 1rem; }
    h2 { margin-top: 2.2rem; border-bottom: 1px solid var(--rule); padding-bottom: 0.2rem; }
    a { color: var(--link); }
    code, pre { font-family: "DejaVu Sans Mono", ui-monospace, monospace; font-size: 0.9em; background: var(--code); }
    code { padding: 0.1em 0.3em; border-radius: 3px; }
    pre { padding: 0.8rem 1rem; overflow-x: auto; border-radius: 6px; }
    pre code { padding: 0; background: none; }
    table { border-collapse: collapse; margin: 1rem 0; }
    th, td { border: 1px solid var(--rule); padding: 0.3rem 0.6rem; }
    figure { margin: 1.5rem 0; }
    figure img { display: block; max-width: 100%; height: auto; margin: 0 auto; }
    figcaption { color: var(--muted); font-size: 0.92rem; margin-top: 0.5rem; }
    .figure-number { font-weight: 600; color: var(--text); }
    ol.lessons { padding-left: 1.4rem; }
    ol.lessons li { margin: 0.9rem 0; }
    ol.lessons li > a { font-size: 1.15rem; font-weight: 600; }
    ol.lessons p { margin: 0.2rem 0 0; color: var(--muted); }
    .build-error { border: 1px solid var(--error); background: var(--error-background); color: var(--error); padding: 0.8rem 1rem; border-radius: 6px; }
    .build-error code { background: none; white-space: pre-wrap; }
    nav.pager { display: flex; justify-content: space-between; gap: 1rem; margin-top: 3rem; padding-top: 1rem; border-top: 1px solid var(--rule); }
    nav.pager .next { margin-left: auto; text-align: right; }
    @media (max-width: 600px) { body { font-size: 16px; } h1 { font-size: 1.6rem; } }
    @media print {
      body { color: #000; background: #fff; font-size: 11pt; }
      header.site, nav.pager { display: none; }
      a { color: #000; }
      figure { break-inside: avoid; }
    }

    """
}
