"""Figures fit the screen they are on: the narrow layout on a phone with text as large as on a
desktop, the wide one on a desktop, and the dark rendering in dark mode, by the system's
setting or by the page's toggle (remembered across a reload)."""
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from browser import BrowserTest, lesson, open_page

# Each figure: the file the browser chose, the size it shows at, and the layout width (pt) and
# smallest text (pt) of the rendering it chose: text shows at text_pt × shown / layout CSS px.
FIGURES = """
return Array.from(document.querySelectorAll('figure picture')).map(picture => {
  const img = picture.querySelector('img');
  const chosen = img.currentSrc;
  let layout = Number(img.getAttribute('width'));
  for (const source of picture.querySelectorAll('source')) {
    const files = source.getAttribute('srcset').split(',').map(s => new URL(s.trim().split(' ')[0], document.baseURI).href);
    if (files.includes(chosen)) { layout = Number(source.getAttribute('width')); break; }
  }
  return {src: chosen, shown: img.getBoundingClientRect().width, layout: layout,
          textPt: Number(img.getAttribute('data-text-pt'))};
});
"""

BACKGROUND = "return getComputedStyle(document.body).backgroundColor;"
DARK_BACKGROUND = "rgb(13, 17, 23)"


def emulate(driver, scheme):
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia",
                           {"features": [{"name": "prefers-color-scheme", "value": scheme}]})


def figures(driver):
    """The figures once every one has chosen a file."""
    WebDriverWait(driver, 20).until(lambda d: all(f["src"] for f in d.execute_script(FIGURES)))
    return driver.execute_script(FIGURES)


def name(src):
    return src.rsplit("/", 1)[-1]


class NarrowFigures(BrowserTest):
    width = 390

    def test_a_phone_gets_the_narrow_figures_with_text_of_at_least_9_px(self):
        for page in ("02", "03", "07"):
            open_page(self.driver, lesson(page))
            shown = figures(self.driver)
            self.assertTrue(shown, f"lesson {page} has no figures")
            for figure in shown:
                with self.subTest(page=page, figure=name(figure["src"])):
                    self.assertIn(".narrow", name(figure["src"]))
                    self.assertNotIn(".dark", name(figure["src"]))
                    text = figure["textPt"] * figure["shown"] / figure["layout"]
                    self.assertGreaterEqual(text, 9, f"text at {text:.1f} CSS px")

    def test_a_phone_in_dark_mode_gets_the_narrow_dark_figures(self):
        emulate(self.driver, "dark")
        try:
            open_page(self.driver, lesson("03"))
            for figure in figures(self.driver):
                with self.subTest(figure=name(figure["src"])):
                    self.assertIn(".narrow.dark", name(figure["src"]))
        finally:
            emulate(self.driver, "light")


class WideFigures(BrowserTest):
    width = 1280

    def tearDown(self):
        emulate(self.driver, "light")
        self.driver.execute_script("localStorage.clear();")

    def test_a_desktop_gets_the_wide_light_figures_at_full_text_size(self):
        emulate(self.driver, "light")
        open_page(self.driver, lesson("02"))
        for figure in figures(self.driver):
            with self.subTest(figure=name(figure["src"])):
                self.assertNotIn(".narrow", name(figure["src"]))
                self.assertNotIn(".dark", name(figure["src"]))
                self.assertGreaterEqual(figure["textPt"] * figure["shown"] / figure["layout"], 10.5)

    def test_dark_mode_of_the_system_gets_the_dark_figures(self):
        emulate(self.driver, "dark")
        open_page(self.driver, lesson("03"))
        self.assertEqual(self.driver.execute_script(BACKGROUND), DARK_BACKGROUND)
        for figure in figures(self.driver):
            with self.subTest(figure=name(figure["src"])):
                self.assertIn(".dark", name(figure["src"]))
                self.assertNotIn(".narrow", name(figure["src"]))

    def test_the_toggle_makes_a_light_page_dark_and_the_choice_survives_a_reload(self):
        emulate(self.driver, "light")
        open_page(self.driver, lesson("02"))
        self.driver.execute_script("localStorage.clear();")
        open_page(self.driver, lesson("02"))
        button = self.driver.find_element(By.CSS_SELECTOR, "button.theme-toggle")
        self.assertEqual(button.get_attribute("aria-pressed"), "false")
        self.assertNotEqual(self.driver.execute_script(BACKGROUND), DARK_BACKGROUND)
        button.click()
        self.assertEqual(button.get_attribute("aria-pressed"), "true")
        WebDriverWait(self.driver, 10).until(lambda d: all(".dark" in name(f["src"]) for f in figures(d)))
        self.assertEqual(self.driver.execute_script(BACKGROUND), DARK_BACKGROUND)
        self.driver.refresh()
        WebDriverWait(self.driver, 20).until(lambda d: d.execute_script("return document.readyState === 'complete'"))
        self.assertEqual(self.driver.execute_script("return document.documentElement.dataset.theme;"), "dark")
        self.assertEqual(self.driver.execute_script(BACKGROUND), DARK_BACKGROUND)
        WebDriverWait(self.driver, 10).until(lambda d: all(".dark" in name(f["src"]) for f in figures(d)))
        # And back: light again, figures too, even though the choice is now forced.
        self.driver.find_element(By.CSS_SELECTOR, "button.theme-toggle").click()
        WebDriverWait(self.driver, 10).until(lambda d: not any(".dark" in name(f["src"]) for f in figures(d)))
        self.assertEqual(self.driver.execute_script("return localStorage.getItem('descent-theme');"), "light")

    def test_paper_gets_the_light_figures_even_in_dark_mode(self):
        emulate(self.driver, "dark")
        open_page(self.driver, lesson("03"))
        self.driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {
            "media": "print", "features": [{"name": "prefers-color-scheme", "value": "dark"}]})
        try:
            WebDriverWait(self.driver, 10).until(lambda d: not any(".dark" in name(f["src"]) for f in figures(d)))
            self.assertNotEqual(self.driver.execute_script("return getComputedStyle(document.querySelector('thead th') || document.body).backgroundColor;"),
                                "rgb(22, 27, 34)")
        finally:
            self.driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})

    def test_the_toggle_is_a_button_the_keyboard_reaches(self):
        open_page(self.driver, lesson("01"))
        button = self.driver.find_element(By.CSS_SELECTOR, "header.site button.theme-toggle")
        self.assertTrue(button.is_displayed())
        self.assertEqual(button.tag_name, "button")
        self.assertEqual(button.get_attribute("type"), "button")
        self.assertTrue(button.text.strip())
