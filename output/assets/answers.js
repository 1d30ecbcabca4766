(function () {
  var opened = [];
  var script = document.currentScript;
  var show = (script && script.getAttribute("data-show-answer")) || "Show answer";
  var name = (script && script.getAttribute("data-answer")) || "Answer";
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("details.answer").forEach(function (answer) {
      if (!answer.hasAttribute("aria-label")) answer.setAttribute("aria-label", name);
      if (answer.querySelector(":scope > summary")) return;
      var summary = document.createElement("summary");
      summary.textContent = show;
      answer.insertBefore(summary, answer.firstChild);
    });
  });
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details.answer:not([open])").forEach(function (answer) {
      answer.open = true;
      opened.push(answer);
    });
  });
  window.addEventListener("afterprint", function () {
    opened.forEach(function (answer) { answer.open = false; });
    opened = [];
  });
})();
