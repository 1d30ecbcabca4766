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
