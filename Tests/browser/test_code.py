"""Code blocks are highlighted and copy from file://; display math and code scroll with a cue on
a phone; every figure links the data it draws."""
import os
from urllib.parse import unquote

from selenium.webdriver.common.keys import Keys

from browser import BrowserTest, COURSE, lesson, open_page, pages
from test_tables import hidden_edges

PYTHON = "main pre code.language-python"

# The colour of the code's plain text and of each highlighted token kind in lesson 2's Python.
COLOURS = """
const code = document.querySelector(arguments[0]);
const colour = (element) => getComputedStyle(element).color;
const tokens = {};
code.querySelectorAll('span[class^="hljs-"]').forEach((span) => { tokens[span.className] = colour(span); });
return {plain: colour(code), tokens, text: code.textContent};
"""

# Records what the page copies: the text handed to navigator.clipboard, or, with no clipboard
# (an insecure context), the selection that execCommand('copy') copies.
RECORD_COPIES = """
window.copies = [];
if (arguments[0]) {
  Object.defineProperty(navigator, 'clipboard', {configurable: true, value: {
    writeText: (text) => { window.copies.push({via: 'clipboard', text}); return Promise.resolve(); }}});
} else {
  Object.defineProperty(navigator, 'clipboard', {configurable: true, value: undefined});
}
document.addEventListener('copy', (event) => {
  const field = event.target;
  window.copies.push({via: 'execCommand', text: field.value.substring(field.selectionStart, field.selectionEnd)});
});
"""

BUTTON = """
const block = document.querySelector(arguments[0]).closest('.code-block');
const button = block.querySelector('button.copy-code');
const status = block.querySelector('[role=status]');
return {text: button.textContent, name: button.getAttribute('aria-label'), live: status.getAttribute('aria-live'),
        status: status.textContent, focused: document.activeElement === button};
"""


class CodeBlocks(BrowserTest):

    def test_lesson_2s_code_is_highlighted_in_colours_of_its_own(self):
        open_page(self.driver, lesson("02"))
        seen = self.driver.execute_script(COLOURS, PYTHON)
        self.assertIn("for epoch in range(epochs):", seen["text"])
        self.assertIn("hljs-keyword", seen["tokens"], seen)
        for kind in ("hljs-keyword", "hljs-number"):
            self.assertNotEqual(seen["tokens"][kind], seen["plain"], f"{kind} has the plain text's colour")
        # Every experiment's YAML is highlighted too.
        yaml = self.driver.execute_script(
            "return [...document.querySelectorAll('details.experiment-source code')].map(c => c.querySelectorAll('.hljs-attr').length)")
        self.assertTrue(yaml and all(count > 0 for count in yaml), yaml)

    def test_the_copy_button_copies_the_code_through_the_clipboard(self):
        open_page(self.driver, lesson("02"))
        self.driver.execute_script(RECORD_COPIES, True)
        code = self.driver.execute_script(f"return document.querySelector('{PYTHON}').textContent")
        self.driver.execute_script(f"document.querySelector('{PYTHON}').closest('.code-block').querySelector('button').click()")
        self.assertEqual(self.driver.execute_script("return window.copies"), [{"via": "clipboard", "text": code}])
        seen = self.driver.execute_script(BUTTON, PYTHON)
        self.assertEqual((seen["text"], seen["status"], seen["live"], seen["name"]), ("Copied", "Copied", "polite", "Copy the code"))

    def test_without_a_clipboard_the_keyboard_copies_through_a_selection(self):
        open_page(self.driver, lesson("02"))
        self.driver.execute_script(RECORD_COPIES, False)
        code = self.driver.execute_script(f"return document.querySelector('{PYTHON}').textContent")
        button = self.driver.execute_script(f"return document.querySelector('{PYTHON}').closest('.code-block').querySelector('button')")
        self.driver.execute_script("arguments[0].focus()", button)
        button.send_keys(Keys.ENTER)
        self.assertEqual(self.driver.execute_script("return window.copies"), [{"via": "execCommand", "text": code}])
        seen = self.driver.execute_script(BUTTON, PYTHON)
        self.assertEqual((seen["text"], seen["status"]), ("Copied", "Copied"))
        self.assertTrue(seen["focused"], "the focus did not come back to the button")

    def test_every_code_block_has_a_copy_button_hidden_in_print(self):
        open_page(self.driver, lesson("02"))
        counts = self.driver.execute_script(
            "return [document.querySelectorAll('pre > code').length, document.querySelectorAll('.code-block > button.copy-code').length]")
        self.assertEqual(counts[0], counts[1])
        self.driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
        try:
            shown = self.driver.execute_script(
                "return [...document.querySelectorAll('button.copy-code')].filter(b => getComputedStyle(b).display !== 'none').length")
        finally:
            self.driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
        self.assertEqual(shown, 0)


class ScrollCuesOnAPhone(BrowserTest):
    """At 390 px a display equation or a code line wider than the column scrolls inside it, and
    the edge with more to see is shaded, as a table's is."""
    width = 390

    def boxes(self, selector):
        return self.driver.execute_script("""
            return [...document.querySelectorAll(arguments[0])].map((box, index) => {
              const rect = box.getBoundingClientRect();
              return {index, client: box.clientWidth, scroll: box.scrollWidth, left: rect.left, right: rect.right,
                      top: rect.top + scrollY, height: rect.height, overflow: getComputedStyle(box).overflowX};
            });""", selector)

    def assert_cue(self, selector, box):
        """With the content hidden, the right edge (more to scroll) differs from the left."""
        edges = hidden_edges(self.driver, f"document.querySelectorAll('{selector}')[{box['index']}]", box)
        self.assertGreater(abs(edges["right"] - edges["left"]), 12, f"{selector} {box} scrolls with no visible cue: {edges}")

    def check(self, selector, pages_to_check):
        scrolling = 0
        for page in pages_to_check:
            open_page(self.driver, page)
            self.driver.execute_script("document.querySelectorAll('details').forEach(d => { d.open = true; })")
            viewport = self.driver.execute_script("return document.documentElement.clientWidth")
            for box in self.boxes(selector):
                with self.subTest(page=os.path.basename(page), box=box["index"]):
                    self.assertLessEqual(box["right"], viewport)
                    if box["scroll"] > box["client"] + 1:
                        scrolling += 1
                        self.assertEqual(box["overflow"], "auto")
                        self.assert_cue(selector, box)
        return scrolling

    def assert_no_cue(self, selector, box):
        """With the content hidden, both edges look like the block's middle: no shadow."""
        edges = hidden_edges(self.driver, f"document.querySelectorAll('{selector}')[{box['index']}]", box, lower_half=True)
        for side in ("left", "right"):
            self.assertLess(abs(edges[side] - edges["middle"]), 3, f"{selector} {box} fits but shows a shadow: {edges}")

    def test_an_equation_or_code_block_that_fits_shows_no_shadow(self):
        fitting = 0
        for page in [lesson("04"), lesson("06"), lesson("02")]:
            open_page(self.driver, page)
            self.driver.execute_script("document.querySelectorAll('details').forEach(d => { d.open = true; })")
            for selector in (".math.display", "main pre"):
                for box in self.boxes(selector):
                    if box["scroll"] <= box["client"] and box["height"] > 0:
                        fitting += 1
                        with self.subTest(page=os.path.basename(page), selector=selector, box=box["index"]):
                            self.assert_no_cue(selector, box)
        self.assertGreater(fitting, 0, "every equation and code block scrolls")

    def test_wide_display_math_scrolls_with_a_cue(self):
        self.assertGreater(self.check(".math.display", pages()), 0, "no display math is wider than a phone")

    def test_lesson_2s_code_scrolls_with_a_cue(self):
        self.driver.get("about:blank")
        self.assertGreater(self.check("main pre", [lesson("02")]), 0, "lesson 2's code fits a phone")


class FigureData(BrowserTest):

    def test_every_figure_links_its_data_and_every_link_reaches_a_file(self):
        figures = 0
        for page in pages():
            open_page(self.driver, page)
            for figure in self.driver.execute_script("""
                    return [...document.querySelectorAll('main figure:not(.table)')].map(figure => ({
                      id: figure.id, shown: figure.querySelector('.figure-data') !== null
                        && figure.querySelector('.figure-data').getBoundingClientRect().height > 0,
                      links: [...figure.querySelectorAll('.figure-data a')].map(a => a.getAttribute('href'))}));"""):
                figures += 1
                with self.subTest(page=os.path.basename(page), figure=figure["id"]):
                    self.assertTrue(figure["shown"], "no visible data link")
                    self.assertTrue(figure["links"])
                    for href in figure["links"]:
                        self.assertTrue(os.path.isfile(os.path.join(COURSE, unquote(href))), href)
        self.assertGreater(figures, 30)
