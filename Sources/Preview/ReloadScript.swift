import Foundation

/// The script `descent preview` adds to the HTML pages it serves (never to the files in the
/// output folder): it listens to the server's event stream, reloads the page after a good build
/// keeping its scroll position (in sessionStorage, per page), and after a failed build shows
/// every problem in an overlay over the last good page. After a reload the first block of the
/// page's `main` whose text or images changed is outlined for a moment, and scrolled to when it
/// is out of view. All text is set with `textContent`,
/// so a message or source line is never read as HTML.
enum ReloadScript {
    /// The path of the server's event stream (Server-Sent Events: `ready`, `reload`, `errors`).
    static let eventsPath = "/__descent/events"

    static let source = """
        (() => {
          const key = "descent-preview:" + location.pathname;
          // The browser's own restoring after a reload would undo the scroll to a changed block.
          history.scrollRestoration = "manual";
          // The page's blocks (paragraphs, headings, figures…) as text, to find the one an edit changed.
          // A block with an image the build changed (the reload event lists the files) counts as changed too.
          const blocks = (changedFiles) => Array.from(document.querySelectorAll("main > *")).map((node) => {
            const images = Array.from(node.querySelectorAll("img")).map((img) => new URL(img.getAttribute("src") || "", location.href).pathname.slice(1));
            return node.textContent.trim().slice(0, 300) + "|" + images.filter((path) => changedFiles.includes(path)).join(",");
          });
          const saved = JSON.parse(sessionStorage.getItem(key) || "null");
          if (saved !== null) {
            sessionStorage.removeItem(key);
            const restore = () => {
              window.scrollTo(0, saved.scrollY);
              const now = blocks(saved.changed), nodes = document.querySelectorAll("main > *");
              let changed = 0;
              while (changed < now.length && changed < saved.blocks.length && now[changed] === saved.blocks[changed]) changed += 1;
              if (changed === now.length && now.length === saved.blocks.length) return;
              const node = nodes[Math.min(changed, nodes.length - 1)];
              if (!node) return;
              const box = node.getBoundingClientRect();
              if (box.bottom < 0 || box.top > window.innerHeight) node.scrollIntoView({ block: "center" });
              node.style.outline = "3px solid #e69f00";
              node.style.outlineOffset = "4px";
              setTimeout(() => { node.style.outline = ""; node.style.outlineOffset = ""; }, 1500);
            };
            if (document.readyState === "complete") restore(); else addEventListener("load", restore);
          }
          let overlay = null;
          const hide = () => { if (overlay) { overlay.remove(); overlay = null; } };
          const element = (tag, text, style) => {
            const node = document.createElement(tag);
            if (text !== undefined) node.textContent = text;
            if (style) node.style.cssText = style;
            return node;
          };
          const show = (problems) => {
            hide();
            overlay = element("div", undefined, "position:fixed;inset:0;z-index:2147483647;overflow:auto;box-sizing:border-box;padding:24px;background:rgba(24,24,24,.94);color:#f5f5f5;font:14px/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace");
            overlay.id = "descent-preview-errors";
            overlay.setAttribute("role", "alert");
            const count = problems.length + (problems.length === 1 ? " error" : " errors");
            const title = element("h2", "descent preview: " + count + "; the page below is the last good build.", "margin:0 0 16px;font:600 17px/1.4 system-ui,sans-serif;color:#ffd2a6");
            const close = element("button", "Hide", "float:right;margin-left:12px;font:inherit;padding:2px 10px");
            close.addEventListener("click", hide);
            overlay.append(close, title);
            for (const problem of problems) {
              const item = element("div", undefined, "margin:0 0 20px");
              item.className = "descent-preview-error";
              item.append(element("div", problem.file + ":" + problem.line + ":" + problem.column, "color:#9fd3ff"));
              item.append(element("div", problem.message, "white-space:pre-wrap"));
              if (problem.source !== null && problem.source !== undefined) {
                const gutter = String(problem.line) + " | ";
                const caret = " ".repeat(gutter.length + Math.max(0, problem.column - 1)) + "^";
                item.append(element("pre", gutter + problem.source + "\\n" + caret, "margin:6px 0 0;padding:8px;background:#000;color:#f5f5f5;overflow:auto"));
              }
              overlay.append(item);
            }
            document.body.append(overlay);
          };
          const events = new EventSource("\(eventsPath)");
          events.addEventListener("reload", (event) => {
            const changed = JSON.parse(event.data).changed || [];
            sessionStorage.setItem(key, JSON.stringify({ scrollY: window.scrollY, blocks: blocks([]), changed: changed }));
            location.reload();
          });
          events.addEventListener("errors", (event) => show(JSON.parse(event.data).problems));
        })();
        """

    /// The page with the script before its last `</body>` (at its end when it has none).
    static func inject(into page: Data) -> Data {
        let tag = "<script data-descent-preview>\n\(source)\n</script>\n"
        let bytes = [UInt8](page)
        let closing = Array("</body>".utf8)
        guard bytes.count >= closing.count,
              let index = stride(from: bytes.count - closing.count, through: 0, by: -1).first(where: { start in
                  zip(bytes[start..<(start + closing.count)], closing).allSatisfy { ($0 | 0x20) == ($1 | 0x20) || $0 == $1 }
              })
        else { return page + Data(tag.utf8) }
        return Data(bytes[..<index]) + Data(tag.utf8) + Data(bytes[index...])
    }
}
