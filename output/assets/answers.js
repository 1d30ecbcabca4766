(function () {
  var opened = [];
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
