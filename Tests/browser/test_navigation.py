"""The course sidebar: every lesson on every page, the current one marked, its sections under
it; beside the text on a desktop, behind a button on a phone."""
import os

from selenium.webdriver.common.keys import Keys

from browser import BrowserTest, lesson, open_page, pages

SIDEBAR = """
const sidebar = document.querySelector('nav.sidebar');
const box = sidebar.getBoundingClientRect();
const main = document.querySelector('main').getBoundingClientRect();
const current = sidebar.querySelector('[aria-current="page"]');
return {
  lessons: [...sidebar.querySelectorAll('.sidebar-lessons > li > a')].map(a => a.getAttribute('href')),
  current: current && current.getAttribute('href'),
  currentWeight: current && getComputedStyle(current).fontWeight,
  currentBackground: current && getComputedStyle(current).backgroundColor,
  sections: [...sidebar.querySelectorAll('.sidebar-sections a')].map(a => a.getAttribute('href')),
  headings: [...document.querySelectorAll('main h2 > .anchor, main h3 > .anchor')]
    .filter(anchor => !anchor.closest('details')).map(anchor => '#' + anchor.id),
  visible: getComputedStyle(sidebar).display !== 'none' && box.width > 0,
  gap: main.left - box.right, main: main.width,
  pager: !!document.querySelector('nav.pager'),
  pagerBelow: !!document.querySelector('nav.pager') &&
    document.querySelector('nav.pager').getBoundingClientRect().top >= main.bottom,
};
"""


def lesson_pages():
    return [page for page in pages() if not page.endswith("index.html")]


class SidebarOnADesktop(BrowserTest):

    def test_every_page_lists_every_lesson_and_marks_the_current_one(self):
        expected = [os.path.basename(page) for page in lesson_pages()]
        for page in pages():
            with self.subTest(page=os.path.basename(page)):
                open_page(self.driver, page)
                seen = self.driver.execute_script(SIDEBAR)
                self.assertEqual(seen["lessons"], expected)
                self.assertTrue(seen["visible"])
                self.assertGreater(seen["gap"], 0, "the sidebar stands left of the text")
                self.assertGreaterEqual(seen["main"], 600)
                if page.endswith("index.html"):
                    self.assertIsNone(seen["current"])
                    continue
                self.assertEqual(seen["current"], os.path.basename(page))
                self.assertEqual(seen["currentWeight"], "600")
                self.assertNotEqual(seen["currentBackground"], "rgba(0, 0, 0, 0)")
                # The current lesson's sections are its headings, each once (no second contents list).
                self.assertEqual(seen["sections"], seen["headings"])
                self.assertEqual(len(self.driver.find_elements("css selector", "nav.toc")), 0)
                self.assertTrue(seen["pagerBelow"], "prev/next stay below the text")

    def test_the_chinese_lesson_is_listed_by_its_title_and_its_sections(self):
        chinese = os.path.basename(lesson("10"))
        entry = """
            const link = document.querySelector('nav.sidebar a[href="%s"]');
            const title = link.querySelector('.title');
            return {number: link.querySelector('.number').textContent, title: title.textContent,
                    lang: link.closest('[lang]').getAttribute('lang'), fits: title.scrollWidth <= title.clientWidth + 1,
                    sections: [...link.parentElement.querySelectorAll('.sidebar-sections a')].map(a => a.textContent),
                    headings: [...document.querySelectorAll('main h2, main h3')].filter(h => !h.closest('details')).map(h => h.textContent),
                    h1: document.querySelector('main h1').textContent};""" % chinese
        open_page(self.driver, lesson("10"))
        seen = self.driver.execute_script(entry)
        self.assertEqual((seen["number"], seen["title"], seen["lang"]), ("10", seen["h1"], "zh"))
        self.assertEqual(seen["title"], "梯度下降（第 1 课中文版）")
        self.assertTrue(seen["fits"], seen)
        self.assertEqual(seen["sections"], seen["headings"])
        self.assertIn("一个碗，四个学习率", seen["sections"])
        # On an English page it keeps its title and its language, without its sections.
        open_page(self.driver, lesson("01"))
        seen = self.driver.execute_script(entry)
        self.assertEqual((seen["number"], seen["title"], seen["lang"], seen["sections"]), ("10", "梯度下降（第 1 课中文版）", "zh", []))
        self.assertTrue(seen["fits"], seen)

    def test_the_button_is_hidden_beside_the_sidebar(self):
        open_page(self.driver, lesson("05"))
        self.assertFalse(self.driver.find_element("css selector", ".sidebar-toggle").is_displayed())


class SidebarOnAPhone(BrowserTest):
    width = 390

    def state(self):
        return self.driver.execute_script("""
            const sidebar = document.querySelector('nav.sidebar');
            return {shown: getComputedStyle(sidebar).display !== 'none' && sidebar.getBoundingClientRect().width > 0,
                    expanded: document.querySelector('.sidebar-toggle').getAttribute('aria-expanded'),
                    focus: document.activeElement.getAttribute('href') || document.activeElement.className};""")

    def test_the_sidebar_is_hidden_until_the_button_is_pressed(self):
        open_page(self.driver, lesson("05"))
        before = self.state()
        self.assertFalse(before["shown"])
        self.assertEqual(before["expanded"], "false")
        button = self.driver.find_element("css selector", ".sidebar-toggle")
        self.assertTrue(button.is_displayed())
        button.click()
        seen = self.state()
        self.assertTrue(seen["shown"])
        self.assertEqual(seen["expanded"], "true")
        # The focus moves to the current lesson; Escape closes and gives it back to the button.
        self.assertEqual(seen["focus"], os.path.basename(lesson("05")))
        self.driver.switch_to.active_element.send_keys(Keys.ESCAPE)
        self.assertEqual(self.state(), {"shown": False, "expanded": "false", "focus": "sidebar-toggle"})

    def test_the_open_drawer_has_a_close_button_an_index_link_and_dims_the_page(self):
        open_page(self.driver, lesson("05"))
        self.assertFalse(self.driver.find_element("css selector", ".sidebar-close").is_displayed())
        self.driver.find_element("css selector", ".sidebar-toggle").click()
        seen = self.driver.execute_script("""
            const links = document.querySelectorAll('nav.sidebar a');
            const close = document.querySelector('.sidebar-close').getBoundingClientRect();
            return {first: links[0].getAttribute('href'), closeShown: close.width > 0 && close.top >= 0,
                    backdrop: getComputedStyle(document.body, '::after').backgroundColor};""")
        self.assertEqual(seen["first"], "index.html")
        self.assertTrue(seen["closeShown"], seen)
        self.assertNotIn(seen["backdrop"], ("rgba(0, 0, 0, 0)", "transparent", ""), seen)
        self.driver.find_element("css selector", ".sidebar-close").click()
        self.assertEqual(self.state(), {"shown": False, "expanded": "false", "focus": "sidebar-toggle"})
        # Tapping the dimmed page beside the drawer closes it too.
        self.driver.find_element("css selector", ".sidebar-toggle").click()
        # The backdrop, not a link of the page, is what lies under the tap.
        self.assertEqual(self.driver.execute_script("return document.elementFromPoint(380, 300).tagName"), "BODY")
        self.driver.execute_script("document.elementFromPoint(380, 300).click()")
        self.assertFalse(self.state()["shown"])

    def test_tabbing_out_of_the_open_sidebar_closes_it(self):
        open_page(self.driver, lesson("05"))
        self.driver.find_element("css selector", ".sidebar-toggle").click()
        self.driver.execute_script("const links = document.querySelectorAll('nav.sidebar a'); links[links.length - 1].focus();")
        self.driver.switch_to.active_element.send_keys(Keys.TAB)
        self.assertFalse(self.state()["shown"])
        self.assertEqual(self.state()["expanded"], "false")

    def test_a_section_link_closes_the_sidebar_and_lands_on_the_section(self):
        open_page(self.driver, lesson("05"))
        self.driver.find_element("css selector", ".sidebar-toggle").click()
        link = self.driver.find_elements("css selector", ".sidebar-sections a")[1]
        target = link.get_attribute("href").split("#")[1]
        link.click()
        self.assertFalse(self.state()["shown"])
        self.assertEqual(self.driver.execute_script("return location.hash"), "#" + target)


class SidebarInPrint(BrowserTest):

    def test_the_sidebar_search_and_controls_are_not_printed(self):
        open_page(self.driver, lesson("05"))
        self.driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
        self.addCleanup(self.driver.execute_cdp_cmd, "Emulation.setEmulatedMedia", {"media": ""})
        shown = self.driver.execute_script("""
            return ['nav.sidebar', '.sidebar-toggle', '.search', '#search-results', 'header.site', 'nav.pager']
              .filter(selector => [...document.querySelectorAll(selector)].some(e => getComputedStyle(e).display !== 'none'));""")
        self.assertEqual(shown, [])
        # The text takes the whole width of the page.
        main = self.driver.execute_script("return document.querySelector('main').getBoundingClientRect().left")
        self.assertLess(main, 40)
