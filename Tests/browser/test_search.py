"""Search from file://: the index is a script, `/` focuses the box, the keyboard works the
results, and following one lands on its section."""
import glob
import os

from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from browser import BrowserTest, COURSE, lesson, open_page, pages

RESULTS = """
return [...document.querySelectorAll('#search-results [role="option"]')].map(option => ({
  href: option.querySelector('a').getAttribute('href'),
  lesson: option.querySelector('.search-lesson').textContent,
  section: option.querySelector('.search-section').textContent,
  marks: [...option.querySelectorAll('mark')].map(mark => mark.textContent),
  context: (option.querySelector('.search-words') || {}).textContent || '',
  lessonShown: getComputedStyle(option.querySelector('.search-lesson')).display !== 'none',
  selected: option.getAttribute('aria-selected'),
}));
"""

LANDED = """
const anchor = document.getElementById(decodeURIComponent(location.hash.slice(1)));
const heading = anchor && anchor.closest('h2, h3');
const box = heading && heading.getBoundingClientRect();
return {hash: decodeURIComponent(location.hash), page: location.pathname.split('/').pop(),
        inView: !!box && box.top >= 0 && box.bottom <= innerHeight, heading: heading && heading.textContent};
"""


def lesson_pages():
    return [page for page in pages() if not page.endswith("index.html")]


class Search(BrowserTest):

    def search(self, page, query):
        open_page(self.driver, page)
        ActionChains(self.driver).send_keys("/").perform()
        self.assertEqual(self.driver.switch_to.active_element.get_attribute("id"), "search")
        self.driver.switch_to.active_element.send_keys(query)
        return self.driver.execute_script(RESULTS)

    def test_the_index_is_a_script_not_a_fetched_file(self):
        index = os.path.join(COURSE, "assets", "search-index.js")
        with open(index, encoding="utf-8") as file:
            self.assertTrue(file.read().startswith("window.descentSearchIndex = {"))
        open_page(self.driver, lesson("01"))
        self.assertTrue(self.driver.execute_script("return !!window.descentSearchIndex.sections.length"))

    def test_the_index_stays_under_a_tenth_of_the_pages_styles_and_scripts(self):
        index = os.path.join(COURSE, "assets", "search-index.js")
        # HTML, CSS and JavaScript of the course besides the index, KaTeX left out.
        files = pages() + glob.glob(os.path.join(COURSE, "assets", "*.css")) + glob.glob(os.path.join(COURSE, "assets", "*.js"))
        rest = sum(os.path.getsize(path) for path in files if path != index)
        self.assertLess(os.path.getsize(index), rest / 10, (os.path.getsize(index), rest))

    def test_results_come_grouped_by_lesson_with_words_of_context(self):
        results = self.search(lesson("01"), "momentum")
        hrefs = [result["href"].split("#")[0] for result in results]
        # Each lesson's sections stand together, its title shown once, over the first of them.
        groups = [href for at, href in enumerate(hrefs) if at == 0 or hrefs[at - 1] != href]
        self.assertEqual(len(groups), len(set(groups)), hrefs)
        self.assertEqual([result["lessonShown"] for result in results], [at == 0 or hrefs[at - 1] != href for at, href in enumerate(hrefs)])
        # The lesson whose section title holds the word comes first.
        self.assertIn("momentum", results[0]["section"].lower())
        # Under each result, a sentence's worth of words, not the bare word found.
        for result in results:
            self.assertGreaterEqual(len(result["context"].split()), 5, result)

    def test_slash_focuses_the_box_but_not_while_typing_elsewhere(self):
        open_page(self.driver, lesson("01"))
        ActionChains(self.driver).send_keys("/").perform()
        box = self.driver.switch_to.active_element
        self.assertEqual(box.get_attribute("id"), "search")
        # Typed into the box, `/` is a character.
        box.send_keys("a/b")
        self.assertEqual(box.get_attribute("value"), "a/b")

    def test_nesterov_lists_lesson_5_with_the_word_marked(self):
        results = self.search(lesson("01"), "Nesterov")
        self.assertTrue(results, "no results")
        self.assertTrue(results[0]["href"].startswith("05-momentum-nesterov.html"), results[0])
        self.assertTrue(results[0]["lesson"].startswith("5 · "))
        self.assertEqual(results[0]["selected"], "true")
        for result in results:
            self.assertIn("nesterov", [mark.lower() for mark in result["marks"]], result)

    def test_enter_follows_the_result_to_its_section(self):
        results = self.search(lesson("01"), "Nesterov look")
        second = next(result for result in results if "#" in result["href"])
        index = results.index(second)
        box = self.driver.switch_to.active_element
        for _ in range(index):
            box.send_keys(Keys.ARROW_DOWN)
        box.send_keys(Keys.ENTER)
        WebDriverWait(self.driver, 10).until(lambda d: d.execute_script("return location.hash") != "")
        landed = self.driver.execute_script(LANDED)
        self.assertEqual(landed["page"] + landed["hash"], second["href"])
        self.assertTrue(landed["inView"], landed)

    def test_a_click_on_a_result_on_the_same_page_lands_on_the_section(self):
        self.search(lesson("05"), "Nesterov")
        option = self.driver.find_elements("css selector", "#search-results a[href*='#']")[0]
        href = option.get_attribute("href")
        option.click()
        landed = self.driver.execute_script(LANDED)
        self.assertTrue(href.endswith(landed["page"] + landed["hash"]))
        self.assertTrue(landed["inView"], landed)
        self.assertTrue(self.driver.execute_script("return document.getElementById('search-results').hidden"))

    def test_arrows_move_the_selection_and_escape_closes(self):
        self.search(lesson("01"), "momentum")
        box = self.driver.switch_to.active_element
        box.send_keys(Keys.ARROW_DOWN)
        selected = [result["selected"] for result in self.driver.execute_script(RESULTS)]
        self.assertEqual(selected[:2], ["false", "true"])
        self.assertEqual(box.get_attribute("aria-activedescendant"), "search-option-1")
        box.send_keys(Keys.ESCAPE)
        self.assertTrue(self.driver.execute_script("return document.getElementById('search-results').hidden"))
        self.assertEqual(box.get_attribute("aria-expanded"), "false")

    def test_a_word_prefix_matches_and_nonsense_says_so(self):
        results = self.search(lesson("01"), "oscill")
        self.assertTrue(results)
        self.assertTrue(all(any(mark.lower().startswith("oscill") for mark in result["marks"]) for result in results))
        self.search(lesson("01"), "qqxzv")
        self.assertEqual(self.driver.find_element("css selector", "#search-results .search-empty").text, "No results")

    def test_text_without_spaces_is_found_by_substring(self):
        results = self.search(lesson("01"), "梯度")
        chinese = [result for result in results if result["href"].startswith(os.path.basename(lesson("10")))]
        self.assertGreaterEqual(len(chinese), 5, results)
        for result in results:
            self.assertTrue(result["marks"] and all(mark == "梯度" for mark in result["marks"]), result)

    def test_a_chinese_word_lists_lesson_10s_sections_and_enter_lands_on_one(self):
        page = lesson("10")
        results = self.search(page, "学习率")
        self.assertTrue(results, "no results")
        # The section whose title holds the word comes first, under lesson 10's Chinese title.
        first = results[0]
        self.assertEqual(first["href"], os.path.basename(page) + "#一个碗四个学习率")
        self.assertEqual(first["lesson"], "10 · 梯度下降（第 1 课中文版）")
        self.assertEqual(first["section"], "一个碗，四个学习率")
        self.assertEqual(first["selected"], "true")
        for result in results:
            self.assertIn("学习率", result["marks"], result)
        self.driver.switch_to.active_element.send_keys(Keys.ENTER)
        WebDriverWait(self.driver, 10).until(lambda d: d.execute_script("return location.hash") != "")
        landed = self.driver.execute_script(LANDED)
        self.assertEqual(landed["page"] + landed["hash"], first["href"])
        self.assertEqual(landed["heading"], "一个碗，四个学习率")
        self.assertTrue(landed["inView"], landed)

    def test_an_english_word_lists_a_chinese_section_only_where_it_stands(self):
        chinese = os.path.basename(lesson("10"))
        # Lesson 10 has no "learning" or "momentum" in its text: none of its sections is listed.
        for query in ("learning rate", "momentum"):
            results = self.search(lesson("10"), query)
            self.assertTrue(results, query)
            self.assertEqual([result for result in results if result["href"].startswith(chinese)], [], query)
        # "eta" stands once in its text, after η in "更新规则": that section, and only it, is found.
        results = self.search(lesson("01"), "eta")
        listed = [result for result in results if result["href"].startswith(chinese)]
        self.assertEqual([result["href"] for result in listed], [chinese + "#更新规则"], results)
        self.assertEqual(listed[0]["marks"], ["eta"])
        # A result from the Chinese lesson carries its language on an English page.
        link = self.driver.find_element("css selector", f"#search-results a[href='{chinese}#更新规则']")
        self.assertEqual(link.get_attribute("lang"), "zh")
        english = self.driver.find_element("css selector", "#search-results a[href^='01-']")
        self.assertIsNone(english.get_attribute("lang") or None)
