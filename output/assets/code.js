(function () {
  var data = (document.currentScript && document.currentScript.dataset) || {};
  var labels = { copy: data.copy || "Copy", copyCode: data.copyCode || "Copy the code", copied: data.copied || "Copied" };

  function highlight(code) {
    if (typeof hljs === "undefined") return;
    var language = /\blanguage-([\w-]+)/.exec(code.className);
    if (language && hljs.getLanguage(language[1])) hljs.highlightBlock(code);
  }

  function copyWithSelection(text, button) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.top = "0";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    var copied = false;
    try { copied = document.execCommand("copy"); } catch (error) { copied = false; }
    document.body.removeChild(area);
    button.focus();
    return copied;
  }

  function copy(text, button, done) {
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(function () { done(true); },
        function () { done(copyWithSelection(text, button)); });
    } else {
      done(copyWithSelection(text, button));
    }
  }

  function addButton(code) {
    var pre = code.parentNode;
    var block = document.createElement("div");
    block.className = "code-block";
    pre.parentNode.insertBefore(block, pre);
    block.appendChild(pre);
    var button = document.createElement("button");
    button.type = "button";
    button.className = "copy-code";
    button.textContent = labels.copy;
    button.setAttribute("aria-label", labels.copyCode);
    var status = document.createElement("span");
    status.className = "copy-status";
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    block.appendChild(button);
    block.appendChild(status);
    var reset = null;
    button.addEventListener("click", function () {
      copy(code.textContent, button, function (copied) {
        if (!copied) return;
        button.textContent = labels.copied;
        status.textContent = labels.copied;
        clearTimeout(reset);
        reset = setTimeout(function () { button.textContent = labels.copy; status.textContent = ""; }, 2000);
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("pre > code").forEach(function (code) {
      highlight(code);
      addButton(code);
    });
  });
})();
