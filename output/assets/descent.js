document.addEventListener("DOMContentLoaded", function () {
  if (typeof katex === "undefined") return;
  document.querySelectorAll("span.math").forEach(function (element) {
    var tex = element.textContent.replace(/^\\[\[(]/, "").replace(/\\[\])]$/, "");
    katex.render(tex, element, { displayMode: element.classList.contains("display"), throwOnError: false });
  });
  markOverflow();
});
// A display or code block wider than its column is marked, so that the stylesheet shows
// its scroll cue even when it is only a few pixels too wide; one that fits shows none.
function markOverflow() {
  document.querySelectorAll(".math.display, pre").forEach(function (box) {
    box.classList.toggle("overflows", box.scrollWidth > box.clientWidth + 1);
  });
}
window.addEventListener("load", markOverflow);
window.addEventListener("resize", markOverflow);
