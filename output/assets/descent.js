document.addEventListener("DOMContentLoaded", function () {
  if (typeof katex === "undefined") return;
  document.querySelectorAll("span.math").forEach(function (element) {
    var tex = element.textContent.replace(/^\\[\[(]/, "").replace(/\\[\])]$/, "");
    katex.render(tex, element, { displayMode: element.classList.contains("display"), throwOnError: false });
  });
});
