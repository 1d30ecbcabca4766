"""`descent preview` in Chromium: a copy of a one-lesson course (fixtures/preview) is served by
`descent preview --port 0`; the lesson is edited on disk as editors save (a new file renamed over
the old) and the open page follows with no action in the browser: the new text appears at the
same scroll position, a broken lesson shows the error overlay with `file:line:column`, and a
repaired one takes it away. Ctrl-C (SIGINT) stops the server with exit status 0."""
import hashlib
import json
import os
import queue
import shutil
import signal
import subprocess
import tempfile
import threading
import time
import unittest

from browser import BrowserTest
from selenium.webdriver.support.ui import WebDriverWait

DESCENT = os.environ.get("DESCENT_BROWSER_DESCENT", "")
FIXTURE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fixtures", "preview")
LESSON = os.path.join("lessons", "01-preview.md")
DEADLINE = 30  # seconds a page may take to follow an edit (a build of one lesson takes well under 1 s)


def save_as_editors_do(path, text):
    """Writes a hidden new file beside `path` and renames it over `path`."""
    folder, name = os.path.split(path)
    temporary = os.path.join(folder, f".{name}.saving")
    with open(temporary, "w", encoding="utf-8") as file:
        file.write(text)
    os.replace(temporary, path)


@unittest.skipUnless(DESCENT, "run through Tests/browser/run.py, which says which descent to start")
class PreviewFollowsTheLessonOnDisk(BrowserTest):

    def setUp(self):
        self.folder = tempfile.mkdtemp(prefix="descent-browser-preview-")
        shutil.copytree(FIXTURE, os.path.join(self.folder, "lessons"))
        self.lesson = os.path.join(self.folder, LESSON)
        with open(self.lesson, encoding="utf-8") as file:
            self.original = file.read()
        self.server = subprocess.Popen([DESCENT, "preview", "--lessons", "lessons", "--output", "output", "--port", "0"],
                                       cwd=self.folder, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        self.lines = queue.Queue()
        threading.Thread(target=self.read_output, daemon=True).start()
        self.url = self.printed_url()

    def tearDown(self):
        if self.server.poll() is None:
            self.server.kill()
            self.server.wait()
        self.server.stdout.close()
        shutil.rmtree(self.folder, ignore_errors=True)

    def read_output(self):
        for line in self.server.stdout:
            self.lines.put(line)
        self.lines.put(None)

    def printed_url(self):
        """The URL of the line `Serving output/ at http://127.0.0.1:PORT/`."""
        printed, deadline = [], time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                break
            if line is None:
                break
            printed.append(line)
            if line.startswith("Serving ") and " at http://" in line:
                return line.split(" at ", 1)[1].strip()
        self.fail("descent preview printed no URL:\n" + "".join(printed))

    def event_received(self, name):
        """Whether the page's event stream brought an event `name` (Chromium's network log)."""
        for entry in self.driver.get_log("performance"):
            message = json.loads(entry["message"])["message"]
            if message["method"] == "Network.eventSourceMessageReceived" and message["params"]["eventName"] == name:
                return True
        return False

    def wait_for(self, script, what):
        WebDriverWait(self.driver, DEADLINE).until(lambda d: d.execute_script(script),
                                                   f"the page did not {what} within {DEADLINE} s")

    def test_the_page_follows_edits_keeps_its_place_and_shows_errors(self):
        self.driver.get(self.url + "01-preview.html")
        self.wait_for("return document.readyState === 'complete' && document.fonts.status === 'loaded'", "load")
        # The event stream is open before anything is edited (its `ready` comes first).
        WebDriverWait(self.driver, DEADLINE).until(lambda d: self.event_received("ready"),
                                                   f"the page did not receive `ready` from the reload stream within {DEADLINE} s")
        self.driver.execute_script("document.querySelector('main > p:nth-of-type(20)').scrollIntoView({block: 'start'})")
        scrolled = self.driver.execute_script("return window.scrollY")
        self.assertGreater(scrolled, 300, "the lesson is too short to scroll")
        self.driver.execute_script("window.descentBeforeEdit = true")

        # Paragraph 21 is in view: the reload keeps the scroll position rather than moving to it.
        save_as_editors_do(self.lesson, self.original.replace("Paragraph 21 of", "Paragraph twenty-one, edited on disk, of"))
        self.wait_for("return document.readyState === 'complete' && document.body.textContent.includes('Paragraph twenty-one, edited on disk')",
                      "show the edited paragraph")
        self.assertIsNone(self.driver.execute_script("return window.descentBeforeEdit ?? null"),
                          "the page changed without reloading: the test expects a reload")
        self.assertAlmostEqual(self.driver.execute_script("return window.scrollY"), scrolled, delta=2)

        broken = self.original.replace("summary:", "bogus: 3\nsummary:", 1)
        save_as_editors_do(self.lesson, broken)
        self.wait_for("const overlay = document.getElementById('descent-preview-errors');"
                      "return overlay !== null && overlay.getBoundingClientRect().height > 0",
                      "show the error overlay")
        overlay = self.driver.find_element("id", "descent-preview-errors")
        self.assertTrue(overlay.is_displayed())
        self.assertIn("lessons/01-preview.md:3:1", overlay.text)
        self.assertIn("Unknown key `bogus`", overlay.text)
        self.assertIn("bogus: 3", overlay.text)
        # Under the overlay stays the last good page.
        self.assertIn("Paragraph twenty-one, edited on disk", self.driver.execute_script("return document.querySelector('main').textContent"))

        save_as_editors_do(self.lesson, self.original)
        self.wait_for("return document.readyState === 'complete' && document.getElementById('descent-preview-errors') === null"
                      " && document.body.textContent.includes('Paragraph 21 of')",
                      "drop the overlay after the repair")
        self.assertNotIn("edited on disk", self.driver.execute_script("return document.body.textContent"))

        self.server.send_signal(signal.SIGINT)
        self.assertEqual(self.server.wait(timeout=DEADLINE), 0)

    # Figures drawn after the reload: the page asks for them while they are drawn, and the
    # server answers each once it is done, so no image is ever broken or stale.
    VALLEY = """---
title: Valley
---

A valley.

```experiment
id: valley
model: {kind: surface, function: quadratic, a: 1, b: 4}
init: {x: 3, y: 1}
epochs: 12
runs:
  - {label: GD, lr: 0.1}
figures:
  - {kind: loss}
  - {kind: contour}
```
"""

    SHOWN_FIGURES = """
        const images = Array.from(document.querySelectorAll('main figure img')).filter((image) => image.getClientRects().length > 0);
        return images.length >= 2 && images.every((image) => image.complete && image.naturalWidth > 0) ? images.map((image) => image.currentSrc) : null;
    """

    def shown_figure_bytes(self):
        """The bytes of every figure image the page shows, once each has loaded, as hex digests."""
        WebDriverWait(self.driver, DEADLINE).until(
            lambda d: d.execute_script("return document.readyState === 'complete'") and d.execute_script(self.SHOWN_FIGURES),
            f"the page's figures did not load within {DEADLINE} s")
        return self.driver.execute_async_script("""
            const done = arguments[arguments.length - 1];
            const sources = (() => {""" + self.SHOWN_FIGURES + """})();
            Promise.all(sources.map((source) => fetch(source).then((response) => response.arrayBuffer())
                .then((bytes) => crypto.subtle.digest('SHA-256', bytes))
                .then((digest) => source.split('/').pop() + ' ' + Array.from(new Uint8Array(digest)).map((b) => b.toString(16).padStart(2, '0')).join(''))))
                .then(done, (error) => done('failed: ' + error));
        """)

    def test_a_changed_experiment_shows_its_new_figures_drawn_after_the_reload(self):
        valley = os.path.join(self.folder, "lessons", "02-valley.md")
        save_as_editors_do(valley, self.VALLEY)
        WebDriverWait(self.driver, DEADLINE).until(lambda d: os.path.exists(os.path.join(self.folder, "output", "02-valley.html")),
                                                   f"the new lesson was not built within {DEADLINE} s")
        self.driver.get(self.url + "02-valley.html")
        WebDriverWait(self.driver, DEADLINE).until(lambda d: self.event_received("ready"),
                                                   f"the page did not receive `ready` from the reload stream within {DEADLINE} s")
        before = self.shown_figure_bytes()
        names = [entry.split(" ")[0] for entry in before]
        # The loss figure and the contour player's background, as a light desktop page shows them.
        self.assertTrue(any(name.startswith("valley-1") for name in names), names)
        self.assertTrue(any(name.startswith("valley-2.bg") for name in names), names)
        self.driver.execute_script("window.descentBeforeEdit = true")

        save_as_editors_do(valley, self.VALLEY.replace("lr: 0.1", "lr: 0.25"))
        WebDriverWait(self.driver, DEADLINE).until(lambda d: d.execute_script("return window.descentBeforeEdit === undefined"),
                                                   f"the page did not reload within {DEADLINE} s")
        after = self.shown_figure_bytes()
        self.assertEqual([entry.split(" ")[0] for entry in after], names)
        loss_before = next(entry for entry in before if entry.startswith("valley-1"))
        loss_after = next(entry for entry in after if entry.startswith("valley-1"))
        self.assertNotEqual(loss_after, loss_before, "the loss figure shows the old run")
        # What the page shows is what the build writes, once every rendering is drawn.
        for entry in after:
            name, digest = entry.split(" ")
            path = os.path.join(self.folder, "output", "figures", "02-valley", name)
            WebDriverWait(self.driver, DEADLINE).until(lambda d: self.file_digest(path) == digest,
                                                       f"output/figures/02-valley/{name} is not what the page shows")

    @staticmethod
    def file_digest(path):
        try:
            with open(path, "rb") as file:
                return hashlib.sha256(file.read()).hexdigest()
        except FileNotFoundError:
            return None
