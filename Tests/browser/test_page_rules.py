"""Page rules a reader meets on every page: the copy button beside the code, the skip link,
inline code's size, the pager's arrows, wrapped experiment blocks, one-line run names, prose
tables on a phone, even thumbnails, and figures kept with their captions on paper."""
import base64
import re
import shutil
import subprocess
import tempfile
import unittest

from browser import BrowserTest, chromium, lesson, open_page, pages
from test_tables import hidden_edges


class OnAPhone(BrowserTest):
    width = 390

    def test_the_copy_button_covers_no_code(self):
        for name in ("01", "02"):
            open_page(self.driver, lesson(name))
            overlaps = self.driver.execute_script("""
                return [...document.querySelectorAll('.code-block')].map(block => {
                  const button = block.querySelector('button.copy-code').getBoundingClientRect();
                  const code = block.querySelector('pre > code').getClientRects()[0];
                  return {button: button.bottom, code: code.top};
                }).filter(seen => seen.button > seen.code);""")
            self.assertEqual(overlaps, [], name)

    def test_the_pager_keeps_each_arrow_with_its_title(self):
        open_page(self.driver, lesson("01"))
        lines = self.driver.execute_script("""
            return [...document.querySelectorAll('nav.pager a')].map(link => {
              const text = [...link.childNodes].find(node => node.nodeType === 3 && /[←→]/.test(node.data));
              const at = text.data.search(/[←→]/);
              const top = (from, to) => { const range = document.createRange(); range.setStart(text, from); range.setEnd(text, to); return range.getClientRects()[0].top; };
              const neighbour = text.data[at] === '←' ? at + 2 : at - 2;
              return [top(at, at + 1), top(neighbour, neighbour + 1)];
            });""")
        self.assertTrue(lines)
        for arrow, word in lines:
            self.assertEqual(arrow, word)

    def test_a_run_s_name_stays_on_one_line(self):
        for name in ("01", "06", "09"):
            open_page(self.driver, lesson(name))
            wrapped = self.driver.execute_script("""
                return [...document.querySelectorAll('main .table-scroll tbody th')].filter(cell => {
                  const range = document.createRange(); range.selectNodeContents(cell);
                  return new Set([...range.getClientRects()].map(rect => Math.round(rect.top))).size > 1;
                }).map(cell => cell.textContent);""")
            self.assertEqual(wrapped, [], name)

    def test_a_prose_table_fits_or_scrolls_with_a_cue(self):
        scrolling = 0
        self.driver.set_script_timeout(10)
        for name in ("00", "09"):
            open_page(self.driver, lesson(name))
            boxes = self.driver.execute_script("""
                const viewport = document.documentElement.clientWidth;
                return [...document.querySelectorAll('main.lesson table')].map((table, index) => ({table, index}))
                  .filter(({table}) => !table.parentElement.classList.contains('table-scroll'))
                  .map(({table, index}) => { const rect = table.getBoundingClientRect();
                    return {index, client: table.clientWidth, scroll: table.scrollWidth, left: rect.left,
                            right: rect.right, top: rect.top + scrollY, height: rect.height, viewport}; });""")
            for box in boxes:
                with self.subTest(page=name, table=box["index"]):
                    self.assertLessEqual(box["right"], box["viewport"])
                    if box["scroll"] > box["client"] + 1:
                        scrolling += 1
                        edges = hidden_edges(self.driver, f"document.querySelectorAll('main.lesson table')[{box['index']}]", box)
                        self.assertGreater(abs(edges["right"] - edges["left"]), 12, f"no cue: {edges}")
        self.assertGreater(scrolling, 0, "no prose table is wider than a phone")


class OnADesktop(BrowserTest):

    def test_the_first_tab_reaches_a_visible_skip_link_to_the_text(self):
        for page in (lesson("01"), pages()[-1]):
            open_page(self.driver, page)
            seen = self.driver.execute_script("""
                const first = [...document.querySelectorAll('a[href], button, input')].find(e => e.offsetParent !== null || e.classList.contains('skip-link'));
                first.focus();
                const rect = first.getBoundingClientRect();
                return {href: first.getAttribute('href'), top: rect.top, height: rect.height,
                        target: !!document.getElementById('main')};""")
            self.assertEqual(seen["href"], "#main")
            self.assertTrue(seen["target"])
            self.assertGreaterEqual(seen["top"], 0)
            self.assertGreater(seen["height"], 10)

    def test_inline_code_is_about_as_large_as_its_words(self):
        open_page(self.driver, lesson("01"))
        ratios = self.driver.execute_script("""
            return [...document.querySelectorAll('main p > code')].slice(0, 5).map(code =>
              parseFloat(getComputedStyle(code).fontSize) / parseFloat(getComputedStyle(code.parentElement).fontSize));""")
        self.assertTrue(ratios)
        for ratio in ratios:
            self.assertAlmostEqual(ratio, 0.85, delta=0.02)

    def test_an_experiment_block_wraps_instead_of_scrolling(self):
        for name in ("02", "06"):
            open_page(self.driver, lesson(name))
            widths = self.driver.execute_script("""
                document.querySelectorAll('details.experiment-source').forEach(d => { d.open = true; });
                return [...document.querySelectorAll('details.experiment-source pre')].map(pre => pre.scrollWidth - pre.clientWidth);""")
            self.assertTrue(widths)
            self.assertEqual([width for width in widths if width > 1], [], name)

    def test_every_index_thumbnail_has_the_same_box(self):
        open_page(self.driver, [page for page in pages() if page.endswith("index.html")][0])
        boxes = self.driver.execute_script("""
            return [...document.querySelectorAll('ol.lessons li')].map(item => {
              const tile = item.querySelector('.thumbnail'); if (!tile) return null;
              const rect = tile.getBoundingClientRect(); return [Math.round(rect.left), Math.round(rect.width), Math.round(rect.height)];
            });""")
        self.assertNotIn(None, boxes)
        self.assertEqual(len(set(map(tuple, boxes))), 1, boxes)


@unittest.skipUnless(shutil.which("pdftotext") and shutil.which("pdfimages"), "poppler-utils is not installed")
class PrintedFigures(BrowserTest):

    def test_a_figure_s_image_and_caption_are_on_one_page(self):
        open_page(self.driver, lesson("06"))
        captions = self.driver.execute_script("""
            return [...document.querySelectorAll('main figure:not(.table) > figcaption')].map(caption =>
              caption.textContent.replace(/\\s+/g, ' ').trim());""")
        self.assertTrue(captions)
        for paper, (width, height) in {"A4": (8.27, 11.69), "Letter": (8.5, 11.0)}.items():
            pdf = self.driver.execute_cdp_cmd("Page.printToPDF", {"paperWidth": width, "paperHeight": height, "printBackground": True})
            with tempfile.NamedTemporaryFile(suffix=".pdf") as file:
                file.write(base64.b64decode(pdf["data"]))
                file.flush()
                text = subprocess.run(["pdftotext", file.name, "-"], check=True, stdout=subprocess.PIPE, text=True).stdout
                listing = subprocess.run(["pdfimages", "-list", file.name], check=True, stdout=subprocess.PIPE, text=True).stdout
            image_pages = [int(line.split()[0]) for line in listing.splitlines()[2:] if line.split()[2] == "image"]
            words = [re.sub(r"\s+", "", page) for page in text.split("\f")]
            for number, caption in enumerate(captions):
                with self.subTest(paper=paper, figure=number + 1):
                    start, end = re.sub(r"\s+", "", caption[:30]), re.sub(r"\s+", "", caption[-20:])
                    first = next(index + 1 for index, page in enumerate(words) if start in page)
                    last = next(index + 1 for index, page in enumerate(words) if end in page and index + 1 >= first)
                    self.assertEqual(first, last, f"the caption runs over pages {first}–{last}")
                    self.assertEqual(image_pages[number], first, f"the image is on page {image_pages[number]}, its caption on {first}")
