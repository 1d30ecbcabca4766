import Lessons

/// The light/dark toggle in the page header. The choice is kept in `localStorage` (which
/// pages opened from `file://` have too) and set as `data-theme` on `<html>` by a tiny inline
/// script in `<head>`, before the first paint; without a choice the page follows the system.
/// The stylesheet's colours follow `color-scheme`, which `data-theme` forces; the figures'
/// dark `<source>`s are rewritten from their `data-media` so that they follow it too.
enum ThemeToggle {
    static let scriptPath = "assets/theme.js"
    static let storageKey = "descent-theme"

    /// Run in `<head>` before anything is drawn: the remembered choice, if any, on `<html>`.
    static let headScript = #"<script>try{var t=localStorage.getItem("descent-theme");if(t==="light"||t==="dark")document.documentElement.setAttribute("data-theme",t)}catch(e){}</script>"#

    /// The header's button, labelled `page.darkMode` in the page's language: shown only where
    /// scripts run (it is `hidden` until this script finds it), pressed when the page is dark.
    static func buttonHTML(strings: InterfaceStrings) -> String {
        #"<button type="button" class="theme-toggle" aria-pressed="false" hidden="hidden">"# + HTML.escape(strings("page.darkMode")) + "</button>"
    }

    static let script = #"""
        (function () {
          var root = document.documentElement;
          var system = window.matchMedia("(prefers-color-scheme: dark)");
          var darkQuery = "(prefers-color-scheme: dark)";
          function chosen() { return root.getAttribute("data-theme"); }
          function isDark() { var theme = chosen(); return theme ? theme === "dark" : system.matches; }
          // A forced theme turns each dark source's query into one that always or never holds.
          function updateFigures() {
            var theme = chosen();
            document.querySelectorAll("picture source[data-media]").forEach(function (source) {
              var media = source.getAttribute("data-media");
              if (theme === "dark") media = media.split(darkQuery).join("(min-width: 0px)");
              else if (theme === "light") media = media.split(darkQuery).join("(max-width: 0px)");
              if (source.getAttribute("media") !== media) source.setAttribute("media", media);
            });
          }
          function update() {
            updateFigures();
            document.querySelectorAll("button.theme-toggle").forEach(function (button) {
              button.hidden = false;
              button.setAttribute("aria-pressed", isDark() ? "true" : "false");
            });
          }
          document.addEventListener("DOMContentLoaded", function () {
            update();
            document.querySelectorAll("button.theme-toggle").forEach(function (button) {
              button.addEventListener("click", function () {
                var theme = isDark() ? "light" : "dark";
                root.setAttribute("data-theme", theme);
                try { localStorage.setItem("descent-theme", theme); } catch (e) {}
                update();
              });
            });
          });
          if (system.addEventListener) system.addEventListener("change", update);
        })();

        """#
}
