"""Figure players (assets/player.js), driven from file:// on the fixture lesson
(Tests/browser/fixtures/explore): an explore figure over two keys (`paths`, its loss view
`losses`), one over one key (`bowl-paths`) on the same page, and a plain contour of two runs
(`pair-paths`), and a Chinese lesson's explore figure. Sliders move with the keyboard and show the JSON download's final loss; the
path ends where the final parameters map; the selection round-trips through the URL hash;
nothing plays by itself; no request leaves file://; without JavaScript the PNG shows."""
import json
import os
import re
import urllib.parse

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from browser import BrowserTest, chromium, open_page

EXPLORE = os.environ.get("DESCENT_BROWSER_EXPLORE", "")
LOCAL = ("file://", "data:", "about:", "blob:")


def page():
    return os.path.join(EXPLORE, "01-explore.html")


def url(hash=""):
    return "file://" + os.path.abspath(page()) + hash


def ready(driver, figure):
    """Waits until the player of `figure` has drawn, and returns its root."""
    WebDriverWait(driver, 20).until(lambda d: d.execute_script(
        "var root = document.querySelector('div.player[data-figure=\"' + arguments[0] + '\"]');"
        "return root && root.classList.contains('ready');", figure))
    return driver.find_element(By.CSS_SELECTOR, f'div.player[data-figure="{figure}"]')


def slider(root, key):
    return root.find_element(By.CSS_SELECTOR, f'input[type="range"][id$="-{key}"]')


def severe(driver):
    """The page's console errors (uncaught exceptions among them) since the last call."""
    return [entry["message"] for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]


def data_links(driver, figure):
    """The text and the path on disk of each "Data: <run> (CSV)" link under `figure`."""
    links = driver.find_elements(By.CSS_SELECTOR, f"#fig-{figure} p.figure-data a")
    return [(link.text, urllib.parse.unquote(urllib.parse.urlparse(link.get_attribute("href")).path)) for link in links]


def final_losses(experiment):
    """Each run's final loss as its JSON download writes it, by label (the text, not a float)."""
    with open(os.path.join(EXPLORE, "data", "01-explore", experiment + ".json"), encoding="utf-8") as file:
        text = file.read()
    return dict(re.findall(r'"label": "([^"]*)".*?"final": \{"loss": ([^,}]*)', text, re.S))


def final_parameters(experiment):
    with open(os.path.join(EXPLORE, "data", "01-explore", experiment + ".json"), encoding="utf-8") as file:
        runs = json.load(file)["runs"]
    return {run["label"]: run["final"]["parameters"] for run in runs}


# The last point of the drawn path of run `label` and where the given parameters map through the
# figure's transform (the one its background is drawn with), in the SVG's units.
END_AND_MAPPED = """
var root = document.querySelector('div.player[data-figure="' + arguments[0] + '"]');
var data = window.descentFigures[arguments[0]];
var index = data.runs.map(function (run) { return run.label; }).indexOf(arguments[1]);
var lines = root.querySelectorAll('g.player-line[data-run="' + index + '"] polyline');
var last = lines[lines.length - 1].getAttribute('points').trim().split(' ').pop().split(',').map(Number);
var img = root.querySelector('.player-background img');
var narrow = data.transforms.narrow && /\\.bg\\.narrow/.test(img.currentSrc);
var t = narrow ? data.transforms.narrow : data.transforms.wide;
function map(axis, v, offset, length, flip) {
  var log = axis.scale === 'log', f = function (x) { return log ? Math.log10(x) : x; };
  var u = (f(v) - f(axis.limits[0])) / (f(axis.limits[1]) - f(axis.limits[0]));
  return flip ? offset + length - u * length : offset + u * length;
}
var p = arguments[2];
return {last: last, mapped: [map(t.x, p[0], t.plot[0], t.plot[2], false), map(t.y, p[1], t.plot[1], t.plot[3], true)],
        viewBox: root.querySelector('svg.player-overlay').getAttribute('viewBox'), size: t.size, narrow: !!narrow};
"""


class ExploreSliders(BrowserTest):

    def setUp(self):
        self.driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": []})
        self.driver.get("about:blank")
        open_page(self.driver, page())

    def test_an_arrow_key_changes_the_run_and_its_final_loss_is_the_json_downloads(self):
        root = ready(self.driver, "paths")
        losses = final_losses("valley")
        run = root.find_element(By.CSS_SELECTOR, ".player-run-label")
        loss = root.find_element(By.CSS_SELECTOR, ".player-final-loss")
        self.assertEqual(run.text, "lr 0.3, momentum 0.9")
        self.assertEqual(loss.text, "final loss " + losses["lr 0.3, momentum 0.9"])
        lr = slider(root, "lr")
        lr.send_keys(Keys.ARROW_RIGHT)
        self.assertEqual(run.text, "lr 0.9, momentum 0.9")
        self.assertEqual(lr.get_attribute("aria-valuetext"), "lr 0.9")
        label = root.find_element(By.CSS_SELECTOR, f'label[for="{lr.get_attribute("id")}"]')
        self.assertEqual(label.text, "lr 0.9")
        self.assertEqual(loss.text, "final loss " + losses["lr 0.9, momentum 0.9"])
        slider(root, "momentum").send_keys(Keys.HOME)
        self.assertEqual(run.text, "lr 0.9, momentum 0")
        self.assertEqual(loss.text, "final loss " + losses["lr 0.9, momentum 0"])
        # The caption names the values shown.
        caption = self.driver.find_element(By.CSS_SELECTOR, "#fig-paths figcaption").text
        self.assertTrue(caption.endswith("Shown: lr 0.9, momentum 0."), caption)

    def test_a_diverged_run_says_at_which_step(self):
        root = ready(self.driver, "paths")
        slider(root, "lr").send_keys(Keys.END)
        slider(root, "momentum").send_keys(Keys.HOME)
        with open(os.path.join(EXPLORE, "data", "01-explore", "valley.json"), encoding="utf-8") as file:
            runs = {run["label"]: run for run in json.load(file)["runs"]}
        step = runs["lr 2.5, momentum 0"]["diverged_at_step"]
        self.assertIsNotNone(step)
        self.assertEqual(root.find_element(By.CSS_SELECTOR, ".player-stop").text, f"diverged at step {step}")

    def test_the_path_ends_where_the_final_parameters_map(self):
        ready(self.driver, "paths")
        parameters = final_parameters("valley")
        for label in ("lr 0.3, momentum 0.9", "lr 0.1, momentum 0"):
            lr, momentum = re.findall(r"[\d.]+", label)
            self.driver.get(url(f"#paths?lr={lr}&momentum={momentum}"))
            ready(self.driver, "paths")
            final = parameters[label]
            found = self.driver.execute_script(END_AND_MAPPED, "paths", label, [final["x"], final["y"]])
            with self.subTest(run=label):
                self.assertLessEqual(abs(found["last"][0] - found["mapped"][0]), 0.5, found)
                self.assertLessEqual(abs(found["last"][1] - found["mapped"][1]), 0.5, found)
                self.assertEqual(found["viewBox"], f'0 0 {found["size"][0]} {found["size"][1]}')

    def test_the_hash_opens_a_selection_and_the_back_button_returns_to_the_one_before(self):
        self.driver.get(url("#paths?lr=0.9&momentum=0.5"))
        root = ready(self.driver, "paths")
        self.assertEqual(slider(root, "lr").get_attribute("aria-valuetext"), "lr 0.9")
        self.assertEqual(slider(root, "momentum").get_attribute("aria-valuetext"), "momentum 0.5")
        slider(root, "lr").send_keys(Keys.ARROW_LEFT)
        self.assertEqual(self.driver.execute_script("return location.hash"), "#paths?lr=0.3&momentum=0.5")
        self.driver.back()
        WebDriverWait(self.driver, 10).until(lambda d: slider(root, "lr").get_attribute("aria-valuetext") == "lr 0.9")
        self.assertEqual(self.driver.execute_script("return location.hash"), "#paths?lr=0.9&momentum=0.5")
        self.assertEqual(root.find_element(By.CSS_SELECTOR, ".player-run-label").text, "lr 0.9, momentum 0.5")

    def test_a_link_to_a_heading_or_figure_keeps_the_sliders_and_back_and_forward_restore_them(self):
        root = ready(self.driver, "paths")
        slider(root, "lr").send_keys(Keys.ARROW_RIGHT)
        self.driver.execute_script("var a = document.createElement('a'); a.href = '#fig-bowl-paths';"
                                   "document.body.appendChild(a); a.click();")
        WebDriverWait(self.driver, 10).until(lambda d: d.execute_script("return location.hash") == "#fig-bowl-paths")
        self.assertEqual(slider(root, "lr").get_attribute("aria-valuetext"), "lr 0.9")
        self.driver.back()
        WebDriverWait(self.driver, 10).until(lambda d: d.execute_script("return location.hash") == "#paths?lr=0.9&momentum=0.9")
        self.assertEqual(slider(root, "lr").get_attribute("aria-valuetext"), "lr 0.9")
        self.driver.back()
        WebDriverWait(self.driver, 10).until(lambda d: slider(root, "lr").get_attribute("aria-valuetext") == "lr 0.3")
        self.driver.forward()
        self.driver.forward()
        WebDriverWait(self.driver, 10).until(lambda d: d.execute_script("return location.hash") == "#fig-bowl-paths")
        self.assertEqual(slider(root, "lr").get_attribute("aria-valuetext"), "lr 0.9")
        self.assertEqual(severe(self.driver), [])

    def test_an_unknown_value_in_the_hash_is_ignored_and_other_figures_keep_their_default(self):
        self.driver.get(url("#paths?lr=7&momentum=0.5&beta=1"))
        root = ready(self.driver, "paths")
        self.assertEqual(slider(root, "lr").get_attribute("aria-valuetext"), "lr 0.3")
        self.assertEqual(slider(root, "momentum").get_attribute("aria-valuetext"), "momentum 0.5")
        bowl = ready(self.driver, "bowl-paths")
        self.assertEqual(slider(bowl, "lr").get_attribute("aria-valuetext"), "lr 0.5")
        slider(bowl, "lr").send_keys(Keys.ARROW_RIGHT)
        self.assertEqual(self.driver.execute_script("return location.hash"), "#bowl-paths?lr=0.9")
        # The other figure keeps what it showed.
        self.assertEqual(slider(root, "momentum").get_attribute("aria-valuetext"), "momentum 0.5")

    def test_the_loss_view_draws_the_selected_run_over_the_others(self):
        root = ready(self.driver, "losses")
        lines = root.find_elements(By.CSS_SELECTOR, "g.player-line polyline")
        faint = root.find_elements(By.CSS_SELECTOR, "g.player-faint")
        self.assertTrue(lines)
        self.assertEqual(len(faint), 11)
        before = lines[0].get_attribute("points")
        slider(root, "momentum").send_keys(Keys.ARROW_LEFT)
        after = root.find_element(By.CSS_SELECTOR, "g.player-line polyline").get_attribute("points")
        self.assertNotEqual(before, after)
        self.assertEqual(root.find_elements(By.CSS_SELECTOR, ".player-play"), [])


class ExploreOddLessons(BrowserTest):
    """What a lesson nobody here wrote may hold: several written runs at each combination, a
    swept value written `1e-3`, a hand-written or malformed hash."""

    def setUp(self):
        self.driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": []})
        self.driver.get("about:blank")

    def test_every_written_run_at_the_combination_is_drawn_and_listed_with_its_final_loss(self):
        open_page(self.driver, page())
        root = ready(self.driver, "twice-paths")
        losses, parameters = final_losses("twice"), final_parameters("twice")
        for labels in (["gd, lr 0.2", "mom, lr 0.2"], ["gd, lr 0.9", "mom, lr 0.9"]):
            rows = root.find_elements(By.CSS_SELECTOR, ".player-run")
            self.assertEqual([row.find_element(By.CSS_SELECTOR, ".player-run-label").text for row in rows], labels)
            self.assertEqual([row.find_element(By.CSS_SELECTOR, ".player-final-loss").text for row in rows],
                             ["final loss " + losses[label] for label in labels])
            self.assertEqual(len(root.find_elements(By.CSS_SELECTOR, "g.player-line")), 2)
            for label in labels:
                final = parameters[label]
                found = self.driver.execute_script(END_AND_MAPPED, "twice-paths", label, [final["x"], final["y"]])
                self.assertLessEqual(abs(found["last"][0] - found["mapped"][0]), 0.5, (label, found))
                self.assertLessEqual(abs(found["last"][1] - found["mapped"][1]), 0.5, (label, found))
            # Both runs' steps are listed under the scrubber.
            self.assertEqual(len(root.find_elements(By.CSS_SELECTOR, ".player-status li")), 2)
            slider(root, "lr").send_keys(Keys.ARROW_RIGHT)
        self.assertEqual(severe(self.driver), [])

    def test_a_final_loss_above_two_to_the_53_is_written_as_the_json_writes_it(self):
        # One step of lr 2.7e7 from (−1.5, 1) on x² + y²: 3.25·(2·2.7e7 − 1)² ≈ 9.48e15, which
        # Swift writes in exponent form above 2^53 and JavaScript would not.
        open_page(self.driver, page())
        root = ready(self.driver, "bowl-paths")
        slider(root, "lr").send_keys(Keys.END)
        expected = final_losses("bowl")["lr 27000000"]
        self.assertIn("e+15", expected)
        self.assertEqual(root.find_element(By.CSS_SELECTOR, ".player-final-loss").text, "final loss " + expected)

    def test_the_data_links_follow_the_selection(self):
        open_page(self.driver, page())
        root = ready(self.driver, "paths")
        slider(root, "lr").send_keys(Keys.ARROW_RIGHT)
        ((text, path),) = data_links(self.driver, "paths")
        self.assertEqual(text, "lr 0.9, momentum 0.9 (CSV)")
        self.assertTrue(os.path.isfile(path), path)
        with open(path, encoding="utf-8") as file:
            rows = file.read().splitlines()
        self.assertEqual(rows[-1].split(",")[2], final_losses("valley")["lr 0.9, momentum 0.9"])
        slider(ready(self.driver, "twice-paths"), "lr").send_keys(Keys.HOME)
        links = data_links(self.driver, "twice-paths")
        self.assertEqual([text for text, _ in links], ["gd, lr 0.001 (CSV)", "mom, lr 0.001 (CSV)"])
        self.assertTrue(all(os.path.isfile(path) for _, path in links), links)

    def test_a_hash_names_a_value_as_written_in_the_lesson_and_a_malformed_one_is_ignored(self):
        self.driver.get_log("browser")
        self.driver.get(url("#twice-paths?lr=1e-3"))
        root = ready(self.driver, "twice-paths")
        self.assertEqual(slider(root, "lr").get_attribute("aria-valuetext"), "lr 0.001")
        self.driver.get("about:blank")
        self.driver.get(url("#paths?lr=9e-1&momentum=%E0%A4"))
        root = ready(self.driver, "paths")
        self.assertEqual(slider(root, "lr").get_attribute("aria-valuetext"), "lr 0.9")
        self.assertEqual(slider(root, "momentum").get_attribute("aria-valuetext"), "momentum 0.9")
        self.assertEqual(severe(self.driver), [])


class LossViewOfTwoKeys(BrowserTest):
    """The loss view over two keys holds up as the contour view does: the others faint, a
    diverged run's curve on the log axis with its note, the run's colour in either theme."""

    def setUp(self):
        self.driver.get("about:blank")

    def stroke(self, root):
        return self.driver.execute_script(
            "return getComputedStyle(arguments[0].querySelector('g.player-line polyline')).stroke", root)

    def test_a_diverged_run_on_the_log_axis_is_drawn_with_its_note_in_the_themes_colour(self):
        with open(os.path.join(EXPLORE, "data", "01-explore", "valley.json"), encoding="utf-8") as file:
            runs = {run["label"]: run for run in json.load(file)["runs"]}
        for scheme in ("light", "dark"):
            self.driver.execute_cdp_cmd("Emulation.setEmulatedMedia",
                                        {"features": [{"name": "prefers-color-scheme", "value": scheme}]})
            self.driver.get(url("#losses?lr=2.5&momentum=0"))
            root = ready(self.driver, "losses")
            WebDriverWait(self.driver, 10).until(lambda d: d.execute_script(
                "return arguments[0].querySelector('.player-background img').currentSrc", root))
            data = self.driver.execute_script("return window.descentFigures.losses")
            (run,) = [run for run in data["runs"] if run["label"] == "lr 2.5, momentum 0"]
            self.assertEqual(root.find_element(By.CSS_SELECTOR, ".player-stop").text,
                             f'diverged at step {runs["lr 2.5, momentum 0"]["diverged_at_step"]}')
            self.assertEqual(root.find_element(By.CSS_SELECTOR, ".player-final-loss").text,
                             "final loss " + final_losses("valley")["lr 2.5, momentum 0"])
            self.assertEqual(len(root.find_elements(By.CSS_SELECTOR, "g.player-faint")), 11)
            points = [point for line in root.find_elements(By.CSS_SELECTOR, "g.player-line polyline")
                      for point in line.get_attribute("points").split()]
            self.assertGreaterEqual(len(points), 2)
            plot = data["transforms"]["wide"]["plot"]
            for point in points:
                x, y = map(float, point.split(","))
                self.assertTrue(plot[0] - 0.01 <= x <= plot[0] + plot[2] + 0.01 and plot[1] - 0.01 <= y <= plot[1] + plot[3] + 0.01, point)
            colour = run["color_dark" if scheme == "dark" else "color"]
            self.assertEqual(self.stroke(root), "rgb({}, {}, {})".format(*(int(colour[i:i + 2], 16) for i in (1, 3, 5))), scheme)
        self.driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": []})


class Playback(BrowserTest):

    def setUp(self):
        self.driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": []})
        self.driver.get("about:blank")

    def status(self, root):
        return root.find_element(By.CSS_SELECTOR, ".player-status").text

    def test_nothing_plays_by_itself_and_play_advances_the_step(self):
        open_page(self.driver, page())
        root = ready(self.driver, "pair-paths")
        play = root.find_element(By.CSS_SELECTOR, "button.player-play")
        scrubber = root.find_element(By.CSS_SELECTOR, "input.player-scrubber")
        self.assertEqual(play.text, "Play")
        self.assertEqual(scrubber.get_attribute("value"), scrubber.get_attribute("max"))
        self.assertTrue(self.status(root).startswith("step 30"), self.status(root))
        play.click()
        self.assertEqual(play.text, "Pause")
        WebDriverWait(self.driver, 10).until(lambda d: re.match(r"step ([1-9]|1\d)\b", self.status(root)))
        play.click()
        self.assertEqual(play.text, "Play")
        # Both runs of the plain contour are listed at the step shown.
        self.assertEqual(len(root.find_elements(By.CSS_SELECTOR, ".player-status li")), 2)

    def test_the_scrubber_moves_by_keyboard_and_the_text_follows(self):
        open_page(self.driver, page())
        root = ready(self.driver, "paths")
        scrubber = root.find_element(By.CSS_SELECTOR, "input.player-scrubber")
        scrubber.send_keys(Keys.HOME)
        self.assertTrue(self.status(root).startswith("step 0 · loss "), self.status(root))
        self.assertIn("(\u221210, 1)", self.status(root))
        scrubber.send_keys(Keys.ARROW_RIGHT)
        self.assertTrue(self.status(root).startswith("step 1 · "), self.status(root))

    def test_reduced_motion_has_no_play_button_and_nothing_plays(self):
        self.driver.execute_cdp_cmd("Emulation.setEmulatedMedia",
                                    {"features": [{"name": "prefers-reduced-motion", "value": "reduce"}]})
        open_page(self.driver, page())
        root = ready(self.driver, "pair-paths")
        play = root.find_element(By.CSS_SELECTOR, "button.player-play")
        self.assertFalse(play.is_displayed())
        self.driver.execute_script("arguments[0].click()", play)
        self.assertEqual(self.driver.execute_script("return arguments[0].textContent", play), "Play")
        self.assertTrue(self.status(root).startswith("step 30"), self.status(root))
        scrubber = root.find_element(By.CSS_SELECTOR, "input.player-scrubber")
        self.assertTrue(scrubber.is_displayed())


class PlayerOffline(BrowserTest):

    def test_no_request_leaves_file(self):
        self.driver.get_log("performance")
        open_page(self.driver, page())
        ready(self.driver, "paths")
        requested = []
        for entry in self.driver.get_log("performance"):
            message = json.loads(entry["message"])["message"]
            if message["method"] == "Network.requestWillBeSent":
                requested.append(message["params"]["request"]["url"])
        self.assertTrue(any(url.endswith("paths.figure.js") for url in requested), requested)
        self.assertTrue(any(url.endswith("assets/player.js") for url in requested), requested)
        self.assertEqual([url for url in requested if not url.startswith(LOCAL)], [])


class PlayerOnAPhone(BrowserTest):
    width = 390

    def test_the_controls_fit_and_the_narrow_transform_is_used(self):
        open_page(self.driver, page())
        root = ready(self.driver, "paths")
        WebDriverWait(self.driver, 10).until(lambda d: d.execute_script(
            "return arguments[0].querySelector('.player-background img').currentSrc", root))
        self.assertLessEqual(self.driver.execute_script("return document.documentElement.scrollWidth"), 390)
        for control in root.find_elements(By.CSS_SELECTOR, "input, button, label"):
            if control.is_displayed():
                box = control.rect
                self.assertGreaterEqual(box["x"], 0)
                self.assertLessEqual(box["x"] + box["width"], 390)
        final = final_parameters("valley")["lr 0.3, momentum 0.9"]
        found = self.driver.execute_script(END_AND_MAPPED, "paths", "lr 0.3, momentum 0.9", [final["x"], final["y"]])
        self.assertTrue(found["narrow"], found)
        self.assertEqual(found["viewBox"], f'0 0 {found["size"][0]} {found["size"][1]}')
        self.assertLessEqual(abs(found["last"][0] - found["mapped"][0]), 0.5, found)
        self.assertLessEqual(abs(found["last"][1] - found["mapped"][1]), 0.5, found)


class PlayerWithoutJavaScript(BrowserTest):

    @classmethod
    def setUpClass(cls):
        cls.driver = chromium(javascript=False)

    def test_the_fallback_png_shows(self):
        self.driver.get("file://" + os.path.abspath(page()))
        WebDriverWait(self.driver, 20).until(lambda d: d.execute_script("return document.readyState === 'complete'"))
        shown = self.driver.execute_script("""
            return Array.from(document.querySelectorAll('#fig-paths img')).filter(function (img) {
              return img.getBoundingClientRect().width > 0;
            }).map(function (img) { return img.currentSrc; });""")
        self.assertEqual(len(shown), 1, shown)
        name = shown[0].rsplit("/", 1)[-1]
        self.assertNotIn(".bg", name)
        self.assertTrue(name.startswith("paths"), name)
        self.assertEqual(self.driver.find_elements(By.CSS_SELECTOR, "#fig-paths .player-controls input"), [])
        controls = self.driver.find_element(By.CSS_SELECTOR, "#fig-paths .player-controls")
        self.assertFalse(controls.is_displayed())


class ChineseControls(BrowserTest):

    def test_a_chinese_lesson_has_chinese_controls_and_caption(self):
        open_page(self.driver, os.path.join(EXPLORE, "02-zh.html"))
        root = ready(self.driver, "bowl-zh-paths")
        self.assertEqual(root.find_element(By.CSS_SELECTOR, "button.player-play").text, "播放")
        self.assertTrue(root.find_element(By.CSS_SELECTOR, ".player-status").text.startswith("第 20 步 · 损失 "))
        slider(root, "lr").send_keys(Keys.ARROW_RIGHT)
        self.assertTrue(root.find_element(By.CSS_SELECTOR, ".player-final-loss").text.startswith("最终损失 "))
        caption = self.driver.find_element(By.CSS_SELECTOR, "#fig-bowl-zh-paths figcaption").text
        self.assertTrue(caption.endswith("图中为 lr 0.9。"), caption)
