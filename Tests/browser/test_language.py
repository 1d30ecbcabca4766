"""A `lang: zh` lesson reads in Chinese: its interface strings, figure labels and alt text."""
import os
import re

from browser import BrowserTest, open_page, pages

ZH_COURSE = os.environ.get("DESCENT_BROWSER_ZH", "")

READ = """
const text = (selector) => Array.from(document.querySelectorAll(selector), (element) => element.textContent.trim());
return {
  lang: document.documentElement.lang,
  numbers: text('figcaption .figure-number'),
  contents: Array.from(document.querySelectorAll('ul.sidebar-sections'), (list) => list.getAttribute('aria-label')),
  sidebar: document.querySelector('nav.sidebar').getAttribute('aria-label'),
  button: text('button.sidebar-toggle'),
  toggle: text('button.theme-toggle'),
  search: ['placeholder', 'title', 'aria-label'].map((name) => document.querySelector('#search').getAttribute(name)),
  noResults: document.querySelector('div.search').getAttribute('data-no-results'),
  pager: text('nav.pager .pager-label'),
  data: text('p.figure-data'),
  downloads: text('p.downloads'),
  summaries: text('details.experiment-source > summary'),
  headers: text('figure.table thead th'),
  alts: Array.from(document.querySelectorAll('figure img'), (image) => image.alt),
  references: Array.from(document.querySelectorAll('main a[href^="#fig-"]'), (link) => link.textContent),
};
"""

HAN = re.compile(r"[\u4e00-\u9fff]")


def chinese_lessons():
    """The pages of the Chinese course whose <html lang> is zh (the index may be English)."""
    found = []
    for page in pages(ZH_COURSE):
        with open(page, encoding="utf-8") as file:
            if re.search(r'<html lang="zh', file.read(400)):
                found.append(page)
    return [page for page in found if not page.endswith("index.html")]


class ChineseLesson(BrowserTest):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        lessons = chinese_lessons()
        if not lessons:
            raise AssertionError(f"no page with <html lang=\"zh\"> in {ZH_COURSE}")
        open_page(cls.driver, lessons[0])
        cls.seen = cls.driver.execute_script(READ)

    def test_the_page_says_it_is_chinese(self):
        self.assertTrue(self.seen["lang"].startswith("zh"), self.seen["lang"])

    def test_figures_are_numbered_in_chinese(self):
        self.assertTrue(self.seen["numbers"], "no figure captions")
        self.assertTrue(self.seen["numbers"][0].startswith("图 1"), self.seen["numbers"])
        self.assertFalse([number for number in self.seen["numbers"] if number.startswith(("Figure", "Table"))])
        for reference in self.seen["references"]:
            self.assertRegex(reference, r"^图 \d+$")

    def test_the_contents_downloads_and_experiment_blocks_are_in_chinese(self):
        self.assertEqual(self.seen["contents"], ["本页内容"])
        self.assertTrue(self.seen["data"], "no data links")
        for data in self.seen["data"]:
            self.assertTrue(data.startswith("数据："), data)
            self.assertIn("（CSV）", data)
        self.assertTrue(self.seen["downloads"], "no downloads")
        for downloads in self.seen["downloads"]:
            self.assertTrue(downloads.startswith("下载："), downloads)
            self.assertIn("结果（JSON）", downloads)
        for summary in self.seen["summaries"]:
            self.assertRegex(summary, r"^实验 \d+.* — 实验代码块$")
        if self.seen["headers"]:
            self.assertEqual(self.seen["headers"][0], "运行")
            self.assertIn("最终损失", self.seen["headers"])

    def test_the_sidebar_search_pager_and_theme_toggle_are_in_chinese(self):
        self.assertEqual((self.seen["sidebar"], self.seen["button"]), ("目录", ["课程列表"]))
        self.assertEqual(self.seen["toggle"], ["深色模式"])
        self.assertEqual(self.seen["search"], ["搜索", "按 / 键搜索", "搜索课程"])
        self.assertEqual(self.seen["noResults"], "没有结果")
        self.assertTrue(self.seen["pager"], "no previous or next lesson")
        self.assertLessEqual(set(self.seen["pager"]), {"上一课", "下一课"})

    def test_every_figure_has_chinese_alt_text_from_its_data(self):
        self.assertTrue(self.seen["alts"], "no figures")
        for alt in self.seen["alts"]:
            self.assertTrue(HAN.search(alt), alt)
            self.assertTrue(alt.endswith("。"), alt)
            self.assertRegex(alt, r"\d")  # the numbers the figure shows
        english = ("Loss of", "Contours of", "ends at", "runs")
        self.assertFalse([alt for alt in self.seen["alts"] if any(word in alt for word in english)])


class ChineseTableOnAPhone(BrowserTest):
    """Chinese may break between any two characters; at 390 px a results table's headers stay
    whole words (the table scrolls) instead of standing one character a line."""
    width = 390

    def test_headers_are_one_line_high(self):
        lessons = chinese_lessons()
        self.assertTrue(lessons, f"no Chinese lesson in {ZH_COURSE}")
        open_page(self.driver, lessons[0])
        heights = self.driver.execute_script("""
            return Array.from(document.querySelectorAll('figure.table thead th'), (cell) => {
              const range = document.createRange();
              range.selectNodeContents(cell);
              const line = parseFloat(getComputedStyle(cell).lineHeight);
              return {text: cell.textContent, lines: Math.round(range.getBoundingClientRect().height / line)};
            });""")
        self.assertTrue(heights, "no results table")
        for cell in heights:
            self.assertEqual(cell["lines"], 1, cell)
