"""Results tables at 1280 px and 390 px: all of a table is in sight, or the reader sees a cue."""
import os
import unittest

from browser import chromium, lesson, open_page, pages

BOXES = """
return [...document.querySelectorAll('main .table-scroll')].map((box, index) => {
  const rect = box.getBoundingClientRect();
  return {index, client: box.clientWidth, scroll: box.scrollWidth, left: rect.left, right: rect.right,
          top: rect.top + scrollY, height: rect.height};
});
"""

# Mean luminance of the leftmost and rightmost 6 px of a screenshot (a data: URL), in the page.
EDGES = """
const [source, done] = arguments;
const image = new Image();
image.onload = () => {
  const canvas = document.createElement('canvas');
  canvas.width = image.width; canvas.height = image.height;
  const context = canvas.getContext('2d');
  context.drawImage(image, 0, 0);
  const mean = (x) => {
    const data = context.getImageData(x, 0, 6, image.height).data;
    let sum = 0;
    for (let i = 0; i < data.length; i += 4) sum += 0.2126 * data[i] + 0.7152 * data[i + 1] + 0.0722 * data[i + 2];
    return sum / (data.length / 4);
  };
  done({left: mean(0), right: mean(image.width - 6), middle: mean(Math.floor(image.width / 2) - 3)});
};
image.src = source;
"""


def hidden_edges(driver, element, box, lower_half=False):
    """The EDGES of the box `element` (a JavaScript expression) scrolled to its start with its
    children hidden, whole or (`lower_half`) below a copy button and above rounded corners."""
    driver.execute_script(f"{element}.scrollLeft = 0; [...{element}.children].forEach(c => c.style.visibility = 'hidden')")
    top, height = (box["top"] + box["height"] / 2, max(1, box["height"] / 2 - 8)) if lower_half else (box["top"], box["height"])
    try:
        shot = driver.execute_cdp_cmd("Page.captureScreenshot", {
            "format": "png", "captureBeyondViewport": True,
            "clip": {"x": box["left"], "y": top, "width": box["client"], "height": height, "scale": 1}})
        driver.set_script_timeout(10)
        return driver.execute_async_script(EDGES, "data:image/png;base64," + shot["data"])
    finally:
        driver.execute_script(f"[...{element}.children].forEach(c => c.style.visibility = '')")

class TablesFit(unittest.TestCase):
    def check_tables(self, width, dark=False, only=None):
        driver = chromium(width=width, dark=dark)
        self.addCleanup(driver.quit)
        driver.set_script_timeout(10)
        tables = 0
        for page in [lesson(only)] if only else pages():
            open_page(driver, page)
            name = os.path.basename(page)
            viewport = driver.execute_script("return document.documentElement.clientWidth")
            for box in driver.execute_script(BOXES):
                tables += 1
                with self.subTest(page=name, table=box["index"] + 1):
                    self.assertGreaterEqual(box["left"], 0)
                    self.assertLessEqual(box["right"], viewport)
                    if box["scroll"] > box["client"] + 1:
                        self.assert_scroll_cue(driver, box)
        self.assertGreater(tables, 0, "the course has no results table to test")

    def assert_scroll_cue(self, driver, box):
        """With the table hidden, the box's right edge (more to scroll) is darker than its left
        (nothing there) in light mode, lighter in dark: the shadow a reader sees."""
        selector = f"document.querySelectorAll('main .table-scroll')[{box['index']}]"
        driver.execute_script(f"{selector}.scrollLeft = 0; {selector}.firstElementChild.style.visibility = 'hidden'")
        try:
            shot = driver.execute_cdp_cmd("Page.captureScreenshot", {
                "format": "png", "captureBeyondViewport": True,
                "clip": {"x": box["left"], "y": box["top"], "width": box["client"], "height": box["height"], "scale": 1}})
            edges = driver.execute_async_script(EDGES, "data:image/png;base64," + shot["data"])
        finally:
            driver.execute_script(f"{selector}.firstElementChild.style.visibility = ''")
        self.assertGreater(abs(edges["right"] - edges["left"]), 12,
                           f"table {box['index'] + 1} scrolls ({box['scroll']} px in {box['client']} px) with no visible cue at its edge: {edges}")

    def test_at_1280_px_every_table_is_in_sight_or_shows_a_scroll_cue(self):
        self.check_tables(1280)

    def test_at_390_px_every_table_is_in_sight_or_shows_a_scroll_cue(self):
        self.check_tables(390)

    def test_in_dark_mode_the_scroll_cue_shows_too(self):
        self.check_tables(390, dark=True, only="07")

    def test_at_1280_px_the_widest_table_uses_the_margin_and_shows_every_column(self):
        driver = chromium(width=1280)
        self.addCleanup(driver.quit)
        open_page(driver, lesson("07"))
        boxes = driver.execute_script(BOXES)
        main = driver.execute_script("return document.querySelector('main.lesson').getBoundingClientRect().right")
        self.assertTrue(any(box["right"] > main + 50 for box in boxes), f"no table grew past the text column: {boxes}")
        for box in boxes:
            self.assertLessEqual(box["scroll"], box["client"] + 1, f"a table of lesson 7 still scrolls at 1280 px: {box}")
