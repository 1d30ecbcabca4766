"""A lesson with fewer than two headings has no contents; its text keeps the main column."""

from browser import BrowserTest, SCRATCH, lesson, open_page, pages

MEASURE = """
const main = document.querySelector('main.lesson');
const paragraph = main.querySelector('p');
return {main: main.getBoundingClientRect().width, text: paragraph.getBoundingClientRect().width,
        headings: main.querySelectorAll('h2, h3').length, contents: !!document.querySelector('nav.toc')};
"""


def new_lesson():
    """The scratch course's one lesson, as `descent new` wrote it."""
    return next(page for page in pages(SCRATCH) if not page.endswith("index.html"))


class OneHeadingLesson(BrowserTest):

    def test_the_new_lesson_has_one_heading_and_no_contents(self):
        open_page(self.driver, new_lesson())
        seen = self.driver.execute_script(MEASURE)
        self.assertLessEqual(seen["headings"], 1)
        self.assertFalse(seen["contents"])

    def test_its_main_column_is_at_least_600_px_wide_at_1280_px(self):
        open_page(self.driver, new_lesson())
        seen = self.driver.execute_script(MEASURE)
        self.assertGreaterEqual(seen["main"], 600)
        self.assertGreaterEqual(seen["text"], 600)

    def test_a_lesson_with_contents_has_them_in_the_sidebar_beside_its_text(self):
        open_page(self.driver, lesson("06"))
        beside = self.driver.execute_script("""
            const sidebar = document.querySelector('nav.sidebar').getBoundingClientRect();
            const main = document.querySelector('main.lesson').getBoundingClientRect();
            return {gap: main.left - sidebar.right, main: main.width,
                    sections: document.querySelectorAll('nav.sidebar .sidebar-sections a').length};""")
        self.assertGreater(beside["gap"], 0)
        self.assertGreaterEqual(beside["main"], 600)
        self.assertGreaterEqual(beside["sections"], 2)


class NoSidewaysScrollOnAPhone(BrowserTest):
    """At 390 px no page is wider than the window: wide tables, display math and long code
    scroll or wrap inside the column."""
    width = 390

    def test_no_page_is_wider_than_the_window(self):
        for page in pages():
            with self.subTest(page=page):
                open_page(self.driver, page)
                widths = self.driver.execute_script(
                    "return [document.documentElement.scrollWidth, document.documentElement.clientWidth];")
                self.assertLessEqual(widths[0], widths[1], f"{page} is {widths[0]} px wide in a {widths[1]} px window")
