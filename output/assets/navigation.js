(function () {
  "use strict";
  var button = document.querySelector(".sidebar-toggle");
  var sidebar = document.getElementById("sidebar");

  function sidebarOpen() { return !!sidebar && sidebar.classList.contains("open"); }
  function setSidebar(open, focusButton) {
    if (!button || !sidebar) return;
    sidebar.classList.toggle("open", open);
    document.body.classList.toggle("sidebar-open", open);
    button.setAttribute("aria-expanded", open ? "true" : "false");
    if (open) {
      var current = sidebar.querySelector('[aria-current="page"]') || sidebar.querySelector("a");
      if (current) current.focus();
    } else if (focusButton) {
      button.focus();
    }
  }
  if (button && sidebar) {
    button.addEventListener("click", function () { setSidebar(!sidebarOpen(), false); });
    sidebar.addEventListener("click", function (event) {
      if (event.target.closest(".sidebar-close")) setSidebar(false, true);
      else if (event.target.closest("a")) setSidebar(false, false);
    });
    // Tabbing out of the open sidebar closes it, so the focus never hides behind it.
    sidebar.addEventListener("focusout", function (event) {
      var next = event.relatedTarget;
      if (sidebarOpen() && next && !sidebar.contains(next) && next !== button) setSidebar(false, false);
    });
    document.addEventListener("click", function (event) {
      if (sidebarOpen() && !sidebar.contains(event.target) && !button.contains(event.target)) setSidebar(false, false);
    });
  }

  var input = document.getElementById("search");
  var list = document.getElementById("search-results");
  var index = window.descentSearchIndex;
  var box = input && input.closest(".search");
  var wordPattern = /[^\p{Alphabetic}\p{N}]+/u;
  var letter = /[\p{Alphabetic}\p{N}]/u;
  var ideograph = /\p{Ideographic}/u;
  var sections = null;
  var shown = [];
  var active = -1;

  function queryTerms(query) {
    return query.toLowerCase().split(wordPattern).filter(function (term) {
      return term.length > 0 && (!index || index.stop.indexOf(term) < 0);
    });
  }
  function matches(word, term) {
    return ideograph.test(term) ? word.indexOf(term) >= 0 : word.lastIndexOf(term, 0) === 0;
  }
  // The positions a section's code gives (SearchIndex.encode): gaps, each in base 26
  // with A-Z, then a closing base-36 digit.
  function positions(code) {
    var found = [], high = 0, previous = -1;
    for (var at = 0; at < code.length; at++) {
      var character = code.charCodeAt(at);
      if (character >= 65 && character <= 90) { high = high * 26 + character - 65; continue; }
      previous += high * 36 + parseInt(code.charAt(at), 36) + 1;
      found.push(previous);
      high = 0;
    }
    return found;
  }
  function decoded() {
    if (sections) return sections;
    var vocabulary = index.words.split(" ");
    sections = index.sections.map(function (section, order) {
      return { order: order, lessonAt: section[0], lesson: index.lessons[section[0]], title: section[1], anchor: section[2],
               words: positions(section[3]).map(function (at) { return vocabulary[at]; }), excerpt: section[4] || "" };
    });
    return sections;
  }
  // `text` as nodes, each word that a term starts (or, without spaces, contains) in <mark>.
  function highlighted(text, terms) {
    var fragment = document.createDocumentFragment();
    var lower = text.toLowerCase();
    var start = 0, at = 0;
    while (at < text.length) {
      var end = -1;
      for (var t = 0; t < terms.length && end < 0; t++) {
        var term = terms[t];
        if (lower.substr(at, term.length) !== term) continue;
        if (ideograph.test(term)) { end = at + term.length; break; }
        if (at > 0 && letter.test(lower.charAt(at - 1))) continue;
        end = at + term.length;
        while (end < text.length && letter.test(text.charAt(end))) end++;
      }
      if (end < 0) { at++; continue; }
      if (at > start) fragment.appendChild(document.createTextNode(text.slice(start, at)));
      var mark = document.createElement("mark");
      mark.textContent = text.slice(at, end);
      fragment.appendChild(mark);
      start = at = end;
    }
    if (start < text.length) fragment.appendChild(document.createTextNode(text.slice(start)));
    return fragment;
  }
  function search(query) {
    var terms = queryTerms(query);
    if (!index || terms.length === 0 || query.trim().length < 2) return { terms: terms, found: [] };
    var found = [];
    decoded().forEach(function (section) {
      var score = 0, words = [];
      var every = terms.every(function (term) {
        // A section's words include its title's: a title that matches ranks first.
        var title = queryTerms(section.title).some(function (word) { return matches(word, term); });
        var inText = section.words.filter(function (word) { return matches(word, term); });
        score += (title ? 10 : 0) + (inText.length ? 1 : 0);
        words = words.concat(inText.slice(0, 3));
        return inText.length > 0;
      });
      if (every) found.push({ section: section, score: score, words: words });
    });
    // Best first, and a lesson's sections together, after the lesson's best one.
    var best = {};
    found.forEach(function (hit) { best[hit.section.lessonAt] = Math.max(best[hit.section.lessonAt] || 0, hit.score); });
    found.sort(function (a, b) {
      var lessonA = a.section.lessonAt, lessonB = b.section.lessonAt;
      return best[lessonB] - best[lessonA] || lessonA - lessonB || b.score - a.score || a.section.order - b.section.order;
    });
    return { terms: terms, found: found.slice(0, 20) };
  }
  function setActive(position) {
    var options = list.querySelectorAll('[role="option"]');
    active = options.length ? Math.max(0, Math.min(position, options.length - 1)) : -1;
    options.forEach(function (option, at) { option.setAttribute("aria-selected", at === active ? "true" : "false"); });
    if (active >= 0) {
      input.setAttribute("aria-activedescendant", options[active].id);
      options[active].scrollIntoView({ block: "nearest" });
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  }
  function close() {
    list.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  }
  function render() {
    var result = search(input.value);
    list.textContent = "";
    shown = result.found;
    if (input.value.trim().length < 2) { close(); return; }
    if (shown.length === 0) {
      var empty = document.createElement("li");
      empty.className = "search-empty";
      empty.textContent = box.getAttribute("data-no-results");
      list.appendChild(empty);
    }
    shown.forEach(function (hit, at) {
      var section = hit.section;
      var item = document.createElement("li");
      item.id = "search-option-" + at;
      item.setAttribute("role", "option");
      item.setAttribute("aria-selected", "false");
      var link = document.createElement("a");
      link.href = section.lesson[0] + (section.anchor ? "#" + section.anchor : "");
      link.tabIndex = -1;
      // A lesson in another language than the page's is read and drawn as its own.
      if (section.lesson[3] !== document.documentElement.lang) link.lang = section.lesson[3];
      var lesson = document.createElement("span");
      lesson.className = "search-lesson";
      lesson.appendChild(highlighted((section.lesson[1] ? section.lesson[1] + " · " : "") + section.lesson[2], result.terms));
      var title = document.createElement("span");
      title.className = "search-section";
      title.appendChild(highlighted(section.title, result.terms));
      link.appendChild(lesson);
      link.appendChild(title);
      // The section's opening words as context, then the words found that it does not show.
      var excerpt = section.excerpt.toLowerCase();
      var missing = hit.words.filter(function (word, at, all) { return all.indexOf(word) === at && excerpt.indexOf(word) < 0; });
      var context = section.excerpt + (missing.length ? (section.excerpt ? (/…$/.test(section.excerpt) ? " " : " … ") : "") + missing.join(" · ") : "");
      if (context) {
        var words = document.createElement("span");
        words.className = "search-words";
        words.appendChild(highlighted(context, result.terms));
        link.appendChild(words);
      }
      // A lesson's further sections follow its first without repeating its title.
      if (at > 0 && shown[at - 1].section.lessonAt === section.lessonAt) item.className = "search-same-lesson";
      item.appendChild(link);
      list.appendChild(item);
    });
    list.hidden = false;
    input.setAttribute("aria-expanded", "true");
    setActive(shown.length ? 0 : -1);
  }
  function follow(position) {
    var option = list.querySelectorAll('[role="option"]')[position];
    if (!option) return;
    close();
    option.querySelector("a").click();
  }
  if (input && list && box) {
    input.addEventListener("input", render);
    input.addEventListener("focus", function () { if (input.value.trim().length >= 2) render(); });
    input.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        if (list.hidden) render();
        setActive(active + (event.key === "ArrowDown" ? 1 : -1));
        event.preventDefault();
      } else if (event.key === "Enter") {
        if (!list.hidden && active >= 0) follow(active);
        event.preventDefault();
      } else if (event.key === "Escape") {
        if (!list.hidden) close(); else { input.value = ""; input.blur(); }
        event.preventDefault();
      }
    });
    list.addEventListener("click", function (event) { if (event.target.closest("a")) close(); });
    document.addEventListener("click", function (event) { if (!box.contains(event.target)) close(); });
  }

  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && sidebarOpen()) { setSidebar(false, true); return; }
    if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey || !input) return;
    var target = event.target;
    var typing = target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName);
    if (typing) return;
    event.preventDefault();
    input.focus();
    input.select();
  });
})();
