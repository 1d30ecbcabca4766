(function () {
  "use strict";
  var SVG = "http://www.w3.org/2000/svg";
  var script = document.currentScript;
  function word(name, fallback) { return (script && script.getAttribute("data-" + name)) || fallback; }
  var words = {
    setting: word("setting", "{key} {value}"), finalLoss: word("final-loss", "final loss {loss}"),
    play: word("play", "Play"), pause: word("pause", "Pause"), scrubber: word("scrubber", "Step"),
    step: word("step", "step {step}"), point: word("point", "loss {loss} \u00b7 ({x}, {y})"),
    runPoint: word("run-point", "{run}: {point}"), diverged: word("diverged", "diverged at step {step}"),
    unbounded: word("unbounded", "unbounded below at step {step}"), shown: word("shown", "Shown: {values}."),
    separator: word("separator", ", ")
  };
  var narrowQuery = window.matchMedia("(max-width: 600px)");
  var reducedMotion = window.matchMedia("(prefers-reduced-motion: reduce)");
  var players = [];

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (match, name) { return name in values ? values[name] : match; });
  }
  function element(name, attributes, parent) {
    var node = document.createElement(name);
    for (var key in attributes) node.setAttribute(key, attributes[key]);
    if (parent) parent.appendChild(node);
    return node;
  }
  function svgElement(name, attributes, parent) {
    var node = document.createElementNS(SVG, name);
    for (var key in attributes) node.setAttribute(key, attributes[key]);
    if (parent) parent.appendChild(node);
    return node;
  }
  function finite(value) { return typeof value === "number" && isFinite(value); }

  // A number as the JSON download writes it (Swift's shortest form: 0.0123, 1.5e-05, 1e+16;
  // decimal from 1e-4 up to 2^53, above which Swift writes 9.1e+15).
  function exact(value) {
    if (!finite(value)) return "null";
    if (value === Math.round(value) && Math.abs(value) < 1e15) return String(value);
    var parts = value.toExponential().split("e"), exponent = Number(parts[1]);
    if (exponent >= -4 && Math.abs(value) <= 9007199254740992) return String(value) + (value === Math.round(value) ? ".0" : "");
    return parts[0] + "e" + (exponent < 0 ? "-" : "+") + (Math.abs(exponent) < 10 ? "0" : "") + Math.abs(exponent);
  }
  // A number to read: three significant digits, the typeset minus.
  function short(value) {
    if (!finite(value)) return "\u2014";
    var small = Math.abs(value) < 1e-3 || Math.abs(value) >= 1e5;
    var text = value === 0 || !small ? String(Number(value.toPrecision(3))) : value.toExponential(2).replace("e+", "e");
    return text.replace(/-/g, "\u2212");
  }

  // Data to pixels of the 1x PNG through one panel's transform.
  function axisMap(axis, offset, length, flip) {
    var log = axis.scale === "log";
    var low = log ? Math.log10(axis.limits[0]) : axis.limits[0], high = log ? Math.log10(axis.limits[1]) : axis.limits[1];
    return function (value) {
      if (!finite(value) || (log && value <= 0)) return NaN;
      var t = ((log ? Math.log10(value) : value) - low) / (high - low);
      return flip ? offset + length - t * length : offset + t * length;
    };
  }
  function mapper(transform) {
    var plot = transform.plot;
    return { x: axisMap(transform.x, plot[0], plot[2], false), y: axisMap(transform.y, plot[1], plot[3], true), plot: plot };
  }

  // The polylines of `points` inside the plot: a segment is cut where it leaves (Liang-Barsky),
  // a missing point breaks the line.
  function clipped(points, plot) {
    var left = plot[0], top = plot[1], right = plot[0] + plot[2], bottom = plot[1] + plot[3];
    var lines = [], line = [];
    function finish() { if (line.length > 1) lines.push(line); line = []; }
    function add(point) {
      var last = line[line.length - 1];
      if (!last || Math.abs(last[0] - point[0]) > 1e-9 || Math.abs(last[1] - point[1]) > 1e-9) line.push(point);
    }
    for (var index = 1; index < points.length; index++) {
      var a = points[index - 1], b = points[index];
      if (!(isFinite(a[0]) && isFinite(a[1]) && isFinite(b[0]) && isFinite(b[1]))) { finish(); continue; }
      var dx = b[0] - a[0], dy = b[1] - a[1], t0 = 0, t1 = 1, inside = true;
      [[-dx, a[0] - left], [dx, right - a[0]], [-dy, a[1] - top], [dy, bottom - a[1]]].forEach(function (edge) {
        if (!inside) return;
        if (edge[0] === 0) { if (edge[1] < 0) inside = false; return; }
        var t = edge[1] / edge[0];
        if (edge[0] < 0) { if (t > t1) inside = false; else if (t > t0) t0 = t; }
        else { if (t < t0) inside = false; else if (t < t1) t1 = t; }
      });
      if (!inside) { finish(); continue; }
      if (t0 > 0) finish();
      add([a[0] + t0 * dx, a[1] + t0 * dy]);
      add([a[0] + t1 * dx, a[1] + t1 * dy]);
      if (t1 < 1) finish();
    }
    finish();
    return lines;
  }
  function pointsText(line) {
    return line.map(function (point) { return point[0].toFixed(2) + "," + point[1].toFixed(2); }).join(" ");
  }
  function insidePlot(point, plot) {
    return isFinite(point[0]) && isFinite(point[1]) && point[0] >= plot[0] - 0.01 && point[0] <= plot[0] + plot[2] + 0.01
      && point[1] >= plot[1] - 0.01 && point[1] <= plot[1] + plot[3] + 0.01;
  }

  // Markers as the PNG draws them: a polygon of `corners` around the centre.
  function polygon(center, radius, shape) {
    var corners = 28, rotation = 0, radii = [1], shift = 0;
    if (shape === "square") { corners = 4; rotation = Math.PI / 4; radii = [1.15]; }
    else if (shape === "diamond") { corners = 4; radii = [1.2]; }
    else if (shape === "triangle") { corners = 3; rotation = -Math.PI / 2; radii = [1.25]; shift = radius * 0.2; }
    else if (shape === "star") { corners = 10; rotation = -Math.PI / 2; radii = [1.35, 0.6]; }
    var points = [];
    for (var index = 0; index < corners; index++) {
      var angle = rotation + index / corners * 2 * Math.PI, r = radius * radii[index % radii.length];
      points.push([center[0] + r * Math.cos(angle), center[1] + r * Math.sin(angle) + shift]);
    }
    return pointsText(points);
  }
  function marker(group, center, shape, size, fillClass, outlineClass) {
    var radius = size / 2;
    if (shape === "cross") {
      [[1, 1], [1, -1]].forEach(function (d) {
        var ends = { x1: center[0] - radius * d[0], y1: center[1] - radius * d[1], x2: center[0] + radius * d[0], y2: center[1] + radius * d[1] };
        svgElement("line", Object.assign({ "class": outlineClass + " cross-outline" }, ends), group);
        svgElement("line", Object.assign({ "class": fillClass + " cross" }, ends), group);
      });
      return;
    }
    svgElement("polygon", { "class": outlineClass, points: polygon(center, radius + 0.8, shape) }, group);
    svgElement("polygon", { "class": fillClass, points: polygon(center, radius, shape) }, group);
  }
  function darkened(hex) {
    var value = parseInt(hex.slice(1), 16), keep = 0.65;
    var channels = [value >> 16 & 255, value >> 8 & 255, value & 255].map(function (c) { return Math.round(c * keep); });
    return "#" + channels.map(function (c) { return (c < 16 ? "0" : "") + c.toString(16); }).join("");
  }
  function runStyle(run) {
    var light = run.color || "#0072b2", dark = run.color_dark || light;
    return "--run: " + light + "; --run-dark: " + dark + "; --run-end: " + darkened(light) + "; --run-end-dark: " + darkened(dark);
  }

  function Player(root, data) {
    this.root = root;
    this.id = root.getAttribute("data-figure");
    this.data = data;
    this.overlay = root.querySelector("svg.player-overlay");
    this.image = root.querySelector(".player-background img");
    this.controls = root.querySelector(".player-controls");
    this.sliders = [];
    this.indices = data.keys.map(function (key, axis) { return Math.max(0, data.values[axis].indexOf(data.selected[axis])); });
    this.defaults = this.indices.slice();
    this.frame = null;
    this.timer = null;
    this.build();
    this.render();
  }

  // The runs at the selected combination: one per written run of the experiment.
  Player.prototype.selectedRuns = function () {
    var indices = this.indices, values = this.data.values;
    var runs = this.data.runs.filter(function (run) {
      return run.at.every(function (value, axis) { return value === values[axis][indices[axis]]; });
    });
    return runs.length ? runs : this.data.runs.slice(0, 1);
  };
  // The runs drawn in full: the selected ones of an explore figure, else every run.
  Player.prototype.shownRuns = function () { return this.data.keys.length ? this.selectedRuns() : this.data.runs; };
  Player.prototype.steps = function () {
    var seen = {}, steps = [];
    this.shownRuns().forEach(function (run) {
      (run.path || []).forEach(function (record) { if (!seen[record[0]]) { seen[record[0]] = true; steps.push(record[0]); } });
    });
    return steps.sort(function (a, b) { return a - b; });
  };
  Player.prototype.transform = function () {
    var transforms = this.data.transforms;
    if (!transforms.narrow) return transforms.wide;
    var source = this.image && this.image.currentSrc;
    var narrow = source ? /\.bg\.narrow/.test(source) : narrowQuery.matches;
    return narrow ? transforms.narrow : transforms.wide;
  };

  Player.prototype.build = function () {
    var player = this, data = this.data, controls = this.controls;
    controls.textContent = "";
    if (data.keys.length) {
      var group = element("div", { "class": "player-sliders", role: "group", "aria-label": this.root.getAttribute("data-choose") || "" }, controls);
      data.keys.forEach(function (key, axis) {
        var id = "player-" + player.id + "-" + key;
        var box = element("div", { "class": "player-slider" }, group);
        var label = element("label", { "for": id }, box);
        var input = element("input", { type: "range", id: id, min: "0", max: String(data.values[axis].length - 1), step: "1" }, box);
        input.addEventListener("input", function () { player.select(axis, Number(input.value), false); });
        input.addEventListener("change", function () { player.select(axis, Number(input.value), true); });
        player.sliders.push({ input: input, label: label, key: key });
      });
      this.runList = element("div", { "class": "player-runs", "aria-live": "polite" }, controls);
    }
    if (data.view === "contour") {
      var playback = element("div", { "class": "player-playback", role: "group", "aria-label": this.root.getAttribute("data-playback") || "" }, controls);
      this.playButton = element("button", { type: "button", "class": "player-play" }, playback);
      this.playButton.textContent = words.play;
      this.playButton.addEventListener("click", function () { player.toggle(); });
      var scrubberId = "player-" + player.id + "-step";
      var scrubberLabel = element("label", { "for": scrubberId, "class": "player-scrubber-label" }, playback);
      scrubberLabel.textContent = words.scrubber;
      this.scrubber = element("input", { type: "range", id: scrubberId, "class": "player-scrubber", min: "0", step: "1" }, playback);
      this.scrubber.addEventListener("input", function () { player.pause(); player.show(Number(player.scrubber.value)); });
      this.status = element("div", { "class": "player-status" }, controls);
      this.updateMotion();
    }
  };

  Player.prototype.updateMotion = function () {
    if (!this.playButton) return;
    if (reducedMotion.matches) this.pause();
    this.playButton.hidden = reducedMotion.matches;
  };

  // Moves slider `axis` to value `index`; `commit` records the selection in the history.
  Player.prototype.select = function (axis, index, commit) {
    var indices = this.indices.slice();
    indices[axis] = index;
    this.setIndices(indices);
    if (commit) record(this);
  };
  // Shows the run at `indices` from its final frame.
  Player.prototype.setIndices = function (indices) {
    var changed = indices.some(function (index, axis) { return index !== this.indices[axis]; }, this);
    if (!changed) return;
    this.indices = indices.slice();
    this.pause();
    this.frame = null;
    this.render();
  };
  Player.prototype.query = function () {
    var player = this;
    return this.data.keys.map(function (key, axis) {
      return encodeURIComponent(key) + "=" + encodeURIComponent(player.data.values[axis][player.indices[axis]]);
    }).join("&");
  };

  Player.prototype.toggle = function () { if (this.timer) this.pause(); else this.play(); };
  Player.prototype.play = function () {
    if (reducedMotion.matches) return;
    var player = this, steps = this.steps();
    if (steps.length < 2) return;
    if (this.frame === null || this.frame >= steps.length - 1) this.show(0);
    // About four seconds for a whole run, at most 15 frames a second: a long run moves
    // several steps a frame.
    var delay = Math.max(66, 4000 / steps.length), stride = Math.max(1, Math.round(steps.length * delay / 4000));
    this.timer = window.setInterval(function () {
      if (player.frame === null) { player.pause(); return; }
      player.show(Math.min(player.frame + stride, steps.length - 1));
    }, delay);
    this.playButton.textContent = words.pause;
  };
  Player.prototype.pause = function () {
    if (this.timer) window.clearInterval(this.timer);
    this.timer = null;
    if (this.playButton) this.playButton.textContent = words.play;
  };
  // Shows frame `index` of the steps (the final one is null: the complete picture).
  Player.prototype.show = function (index) {
    var last = this.steps().length - 1;
    this.frame = index >= last ? null : index;
    this.draw();
    this.updatePlayback();
  };

  Player.prototype.render = function () {
    var player = this, data = this.data;
    this.sliders.forEach(function (slider, axis) {
      var value = data.values[axis][player.indices[axis]];
      var text = fill(words.setting, { key: slider.key, value: value });
      slider.input.value = String(player.indices[axis]);
      slider.input.setAttribute("aria-valuetext", text);
      slider.label.textContent = text;
    });
    if (data.keys.length) {
      // A line per run at the combination: its label, final loss and stop. The lines
      // stay and change their text, so that what a reader (or a test) holds follows.
      var list = this.runList, runs = this.selectedRuns();
      while (list.children.length > runs.length) list.removeChild(list.lastChild);
      while (list.children.length < runs.length) {
        var line = element("p", { "class": "player-run" }, list);
        ["player-run-label", "player-final-loss", "player-stop"].forEach(function (name) { element("span", { "class": name }, line); });
      }
      runs.forEach(function (run, index) {
        var spans = list.children[index].children;
        spans[0].textContent = run.label;
        spans[1].textContent = finite(run.final_loss) ? fill(words.finalLoss, { loss: exact(run.final_loss) }) : "";
        var stop = "diverged_at_step" in run ? fill(words.diverged, { step: run.diverged_at_step })
          : "unbounded_at_step" in run ? fill(words.unbounded, { step: run.unbounded_at_step }) : "";
        spans[2].textContent = stop;
        spans[2].hidden = !stop;
      });
      this.updateCaption();
      this.updateDataLinks(runs);
    }
    this.draw();
    this.updatePlayback();
  };

  // The caption's "Shown: lr 0.3, momentum 0.9." (`page.shown`, the part from its first
  // words to the end) names the selection.
  Player.prototype.updateCaption = function () {
    var caption = this.root.parentNode.querySelector("figcaption");
    if (!caption || !caption.lastChild || caption.lastChild.nodeType !== 3) return;
    var text = caption.lastChild.nodeValue, at = text.lastIndexOf(words.shown.split("{values}")[0]);
    if (at < 0) return;
    var player = this;
    var settings = this.data.keys.map(function (key, axis) { return key + " " + player.data.values[axis][player.indices[axis]]; });
    caption.lastChild.nodeValue = text.slice(0, at) + fill(words.shown, { values: settings.join(words.separator) });
  };

  // The "Data: <run> (CSV)" links under the figure name the selected runs' files.
  Player.prototype.updateDataLinks = function (runs) {
    var paragraph = this.root.parentNode.querySelector("p.figure-data");
    if (!paragraph || !runs.every(function (run) { return run.csv; })) return;
    var links = paragraph.querySelectorAll("a");
    if (links.length !== runs.length) return;
    runs.forEach(function (run, index) {
      links[index].setAttribute("href", run.csv.href);
      links[index].textContent = run.csv.title;
    });
  };

  Player.prototype.updatePlayback = function () {
    if (!this.scrubber) return;
    var steps = this.steps(), last = steps.length - 1;
    var frame = this.frame === null ? last : this.frame;
    this.scrubber.max = String(Math.max(last, 0));
    this.scrubber.value = String(Math.max(frame, 0));
    this.scrubber.disabled = last < 1;
    if (this.playButton) this.playButton.disabled = last < 1;
    var step = steps[frame];
    this.scrubber.setAttribute("aria-valuetext", fill(words.step, { step: step === undefined ? "" : step }));
    var runs = this.shownRuns(), lines = [];
    runs.forEach(function (run) {
      var record = null;
      (run.path || []).forEach(function (candidate) { if (candidate[0] <= step) record = candidate; });
      if (!record) return;
      var point = fill(words.point, { loss: short(record[3]), x: short(record[1]), y: short(record[2]) });
      lines.push(runs.length > 1 ? fill(words.runPoint, { run: run.label, point: point }) : point);
    });
    var heading = fill(words.step, { step: step === undefined ? "" : step });
    this.status.textContent = "";
    if (lines.length === 1) { this.status.textContent = heading + " \u00b7 " + lines[0]; return; }
    element("span", { "class": "player-step" }, this.status).textContent = heading;
    var list = element("ul", {}, this.status);
    lines.forEach(function (line) { element("li", {}, list).textContent = line; });
  };

  // The contour view draws only the runs shown (the others' paths, diverging ones among
  // them, would cross the whole plot); the loss view draws the others faint beneath.
  Player.prototype.draw = function () {
    var overlay = this.overlay, data = this.data, transform = this.transform();
    while (overlay.firstChild) overlay.removeChild(overlay.firstChild);
    overlay.setAttribute("viewBox", "0 0 " + transform.size[0] + " " + transform.size[1]);
    var source = this.image ? this.image.currentSrc : "";
    overlay.setAttribute("class", "player-overlay" + (source ? /\.bg(\.narrow)?\.dark/.test(source) ? " on-dark" : " on-light" : ""));
    var map = mapper(transform), plot = map.plot;
    if (data.view === "loss") { this.drawLosses(map); return; }
    var shown = this.shownRuns(), steps = this.steps();
    var step = this.frame === null ? Infinity : steps[this.frame];
    function device(record) { return [map.x(record[1]), map.y(record[2])]; }
    var paths = shown.map(function (run) {
      return (run.path || []).filter(function (record) { return record[0] <= step; }).map(device);
    });
    // Every casing, then every path, then the ends, as the PNG draws them.
    ["player-casing", "player-line"].forEach(function (name) {
      shown.forEach(function (run, index) {
        var group = svgElement("g", { "class": name, style: runStyle(run), "data-run": String(data.runs.indexOf(run)) }, overlay);
        clipped(paths[index], plot).forEach(function (line) { svgElement("polyline", { points: pointsText(line) }, group); });
      });
    });
    shown.forEach(function (run, index) {
      var points = paths[index];
      if (!points.length) return;
      var group = svgElement("g", { "class": "player-ends", style: runStyle(run), "data-run": String(data.runs.indexOf(run)) }, overlay);
      if (insidePlot(points[0], plot)) marker(group, points[0], "circle", 8, "player-start", "player-start-outline");
      var end = points[points.length - 1];
      var stopped = points.length === (run.path || []).length && ("diverged_at_step" in run || "unbounded_at_step" in run);
      if (insidePlot(end, plot)) marker(group, end, stopped ? "cross" : run.end_shape || "circle", stopped ? 9 : 7.5, "player-end", "player-end-outline");
    });
  };

  Player.prototype.drawLosses = function (map) {
    var overlay = this.overlay, selected = this.selectedRuns(), plot = map.plot;
    function lines(run) { return clipped((run.loss || []).map(function (record) { return [map.x(record[0]), map.y(record[1])]; }), plot); }
    this.data.runs.forEach(function (run) {
      if (selected.indexOf(run) >= 0) return;
      var group = svgElement("g", { "class": "player-faint" }, overlay);
      lines(run).forEach(function (line) { svgElement("polyline", { points: pointsText(line) }, group); });
    });
    ["player-casing", "player-line"].forEach(function (name) {
      selected.forEach(function (run) {
        var group = svgElement("g", { "class": name, style: runStyle(run), "data-run": String(this.data.runs.indexOf(run)) }, overlay);
        lines(run).forEach(function (line) { svgElement("polyline", { points: pointsText(line) }, group); });
      }, this);
    }, this);
  };

  // The URL hash `#<figure id>?key=value&…` names one figure's selection.
  // Each part is decoded on its own (a malformed escape leaves it as written).
  function decoded(text) {
    try { return decodeURIComponent(text); } catch (error) { return text; }
  }
  function parseHash() {
    var hash = location.hash.slice(1), at = hash.indexOf("?");
    if (at < 0) { hash = decoded(hash); at = hash.indexOf("?"); }
    if (at < 0) return null;
    var settings = {};
    hash.slice(at + 1).split("&").forEach(function (pair) {
      var equals = pair.indexOf("=");
      if (equals > 0) settings[decoded(pair.slice(0, equals))] = decoded(pair.slice(equals + 1));
    });
    return { id: decoded(hash.slice(0, at)), settings: settings };
  }
  // The place of `value` among a key's values: as written, else the same number
  // written otherwise (`1e-3` for 0.001).
  function valueIndex(values, value) {
    var index = values.indexOf(value), number = Number(value);
    if (index >= 0 || value === "" || !isFinite(number)) return index;
    for (var at = 0; at < values.length; at++) if (values[at] !== "" && Number(values[at]) === number) return at;
    return -1;
  }
  function withSliders() { return players.filter(function (player) { return player.data.keys.length; }); }
  // The hash's figure gets its valid settings (an unknown key or value is ignored), the
  // others their default, unless the history entry remembers theirs.
  function applyHash(state) {
    var named = parseHash();
    withSliders().forEach(function (player) {
      var indices = state && state[player.id] ? state[player.id].slice() : player.defaults.slice();
      if (named && named.id === player.id) {
        player.data.keys.forEach(function (key, axis) {
          var index = key in named.settings ? valueIndex(player.data.values[axis], named.settings[key]) : -1;
          if (index >= 0) indices[axis] = index;
        });
      }
      player.setIndices(indices);
    });
    return named;
  }
  function selections() {
    var state = {};
    withSliders().forEach(function (player) { state[player.id] = player.indices.slice(); });
    return state;
  }
  function record(changed) {
    var hash = "#" + encodeURIComponent(changed.id) + "?" + changed.query();
    if (location.hash === hash) return;
    try { history.pushState({ descentPlayers: selections() }, "", hash); } catch (error) { location.hash = hash; }
  }
  // The history entry remembers what the sliders show, so that coming back to it shows that.
  function remember() {
    try { history.replaceState({ descentPlayers: selections() }, "", location.href); } catch (error) { /* a sandboxed page */ }
  }
  // A history entry the player made, or stamped, has its sliders' state; a new one (a
  // link to a heading or a figure, the reader's own hash) keeps what the sliders show,
  // but the figure its hash names opens as the link says (its keys left out at their
  // default).
  function navigated() {
    var state = history.state && history.state.descentPlayers;
    if (!state) {
      var named = parseHash();
      state = selections();
      if (named) delete state[named.id];
    }
    applyHash(state);
    if (!history.state || !history.state.descentPlayers) remember();
  }

  function setUp() {
    var figures = window.descentFigures || {};
    document.querySelectorAll("div.player[data-figure]").forEach(function (root) {
      var data = figures[root.getAttribute("data-figure")];
      if (!data || !data.transforms || !data.transforms.wide || !root.querySelector("svg.player-overlay")) return;
      var player = new Player(root, data);
      root.classList.add("ready");
      if (player.image) player.image.addEventListener("load", function () { player.draw(); });
      players.push(player);
    });
    var named = applyHash(history.state && history.state.descentPlayers);
    remember();
    if (named) {
      var target = players.filter(function (player) { return player.id === named.id; })[0];
      if (target) target.root.parentNode.scrollIntoView();
    }
    window.addEventListener("popstate", navigated);
    window.addEventListener("hashchange", navigated);
    var redraw = function () { players.forEach(function (player) { player.draw(); }); };
    if (narrowQuery.addEventListener) narrowQuery.addEventListener("change", redraw);
    if (reducedMotion.addEventListener) reducedMotion.addEventListener("change", function () {
      players.forEach(function (player) { player.updateMotion(); });
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setUp);
  else setUp();
})();
