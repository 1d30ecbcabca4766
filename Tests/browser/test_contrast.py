"""WCAG AA contrast, light and dark: every kind of text of the page against what it is drawn on
(4.5:1; 3:1 for large text and the borders of controls), measured from computed styles; dark and
light as the system sets them and as the header's toggle forces them against the system."""
from selenium.webdriver.common.action_chains import ActionChains

import os

from browser import BrowserTest, COURSE, lesson, open_page

MEASURE = """
const parse = (text) => {
  const numbers = text.match(/[\\d.]+/g).map(Number);
  return [numbers[0], numbers[1], numbers[2], numbers.length > 3 ? numbers[3] : 1];
};
const over = (top, bottom) => [0, 1, 2].map(i => top[i] * top[3] + bottom[i] * (1 - top[3])).concat([1]);
const background = (element) => {
  const layers = [];
  for (let e = element; e; e = e.parentElement) {
    const colour = parse(getComputedStyle(e).backgroundColor);
    if (colour[3] > 0) layers.push(colour);
    if (colour[3] >= 1) break;
  }
  let colour = [255, 255, 255, 1];
  for (const layer of layers.reverse()) colour = over(layer, colour);
  return colour;
};
const luminance = (colour) => {
  const channel = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
  return 0.2126 * channel(colour[0]) + 0.7152 * channel(colour[1]) + 0.0722 * channel(colour[2]);
};
const ratio = (a, b) => {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light + 0.05) / (dark + 0.05);
};
const large = (style) => parseFloat(style.fontSize) >= 24 || (parseFloat(style.fontSize) >= 18.66 && Number(style.fontWeight) >= 700);
const found = [];
for (const [name, selector] of arguments[0]) {
  const elements = [...document.querySelectorAll(selector)].filter(e => e.getClientRects().length).slice(0, 3);
  for (const element of elements) {
    const style = getComputedStyle(element);
    const ground = background(element);
    found.push({name, what: 'text', ratio: ratio(over(parse(style.color), ground), ground), needed: large(style) ? 3 : 4.5});
    if (element.matches('input')) {
      const placeholder = getComputedStyle(element, '::placeholder');
      found.push({name: name + ' placeholder', what: 'text', ratio: ratio(over(parse(placeholder.color), ground), ground), needed: 4.5});
    }
    if (element.matches('input, button')) {
      const outside = background(element.parentElement);
      found.push({name: name + ' border', what: 'border', ratio: ratio(over(parse(style.borderTopColor), outside), outside), needed: 3});
    }
  }
}
return found;
"""

# Every kind of text a page shows, by the elements that show it.
TEXTS = [
    ("body text", "main p"), ("heading", "main h1, main h2"), ("link", "main p a"),
    ("muted caption", "figcaption"), ("figure number", ".figure-number"), ("inline code", "main p code"),
    ("code block", "pre code"), ("summary", "details.experiment-source summary"), ("downloads", ".downloads"),
    ("table header", "thead th"), ("table cell", "td"), ("course title", "header.site a"),
    ("sidebar lesson", ".sidebar-lessons > li:not(.current) > a"), ("sidebar number", ".sidebar .number"),
    ("sidebar current", ".sidebar-lessons > li.current > a"), ("sidebar section", ".sidebar-sections a"),
    ("sidebar button", ".sidebar-toggle"), ("search box", ".search-input"),
    ("search lesson", ".search-lesson"), ("search section", ".search-section"), ("search words", ".search-words"),
    ("selected search section", '[aria-selected="true"] .search-section'), ("mark", "mark"),
    ("error box", ".build-error"), ("error code", ".build-error code"), ("missing result", ".result.missing"),
    ("answer summary", "details.answer > summary"), ("pager", "nav.pager a"), ("index summary", "ol.lessons p"),
    ("theme toggle", "button.theme-toggle"), ("code keyword", "pre .hljs-keyword"), ("code string", "pre .hljs-string"),
    ("code number", "pre .hljs-number"), ("code comment", "pre .hljs-comment"),
]

# The error box and a missing result as the renderer writes them, for pages that have none.
ERRORS = """
document.querySelector('main').insertAdjacentHTML('afterbegin',
  '<div class="build-error" role="alert"><p><strong>This lesson failed to build.</strong></p>' +
  '<ul><li><code>lessons/x.md:1:1: error: …</code></li></ul></div>' +
  '<p>A number: <span class="result missing">[not measured]</span></p>');
"""


class Contrast(BrowserTest):
    width = 1280
    ratios = []

    def check(self, page, dark, forced=False):
        """Measures `page` dark or light: from the system's setting, or, `forced`, from the
        toggle's choice remembered in localStorage while the system says the opposite."""
        system_dark = dark != forced
        self.driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {
            "features": [{"name": "prefers-color-scheme", "value": "dark" if system_dark else "light"}]})
        open_page(self.driver, page)
        if forced:
            self.driver.execute_script("localStorage.setItem('descent-theme', arguments[0]);", "dark" if dark else "light")
            open_page(self.driver, page)
            self.assertEqual(self.driver.execute_script("return document.documentElement.dataset.theme;"), "dark" if dark else "light")
        else:
            self.driver.execute_script("localStorage.clear();")
            open_page(self.driver, page)
        self.driver.execute_script(ERRORS)
        ActionChains(self.driver).send_keys("/").perform()
        self.driver.switch_to.active_element.send_keys("nesterov")
        found = self.driver.execute_script(MEASURE, TEXTS)
        theme = ("forced " if forced else "") + ("dark" if dark else "light")
        self.ratios.extend((page.rsplit("/", 1)[-1], theme, item["name"], round(item["ratio"], 2)) for item in found)
        names = {item["name"] for item in found}
        for item in found:
            with self.subTest(page=page, theme=theme, name=item["name"]):
                self.assertGreaterEqual(round(item["ratio"], 2), item["needed"], item)
        return names

    def tearDown(self):
        self.driver.execute_script("localStorage.clear();")

    def test_every_text_meets_aa_in_light_and_dark(self):
        seen = set()
        for dark in (False, True):
            for page in (lesson("05"), lesson("02"), lesson("06"), os.path.join(COURSE, "index.html")):
                seen |= self.check(page, dark)
        # The toggle forces each theme against the system's: every colour follows it, code's too.
        for dark in (True, False):
            for page in (lesson("05"), lesson("02"), os.path.join(COURSE, "index.html")):
                seen |= self.check(page, dark, forced=True)
        # On a phone: the sidebar's button, and the sidebar open over the page.
        self.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                                    {"width": 390, "height": 900, "deviceScaleFactor": 1, "mobile": False})
        self.addCleanup(self.driver.execute_cdp_cmd, "Emulation.clearDeviceMetricsOverride", {})
        for dark in (False, True):
            seen |= self.check(lesson("05"), dark)
        seen |= self.check(lesson("05"), True, forced=True)
        # Every kind was measured somewhere (the selectors still find their elements).
        self.assertEqual({name for name, _ in TEXTS} - seen, set())

    @classmethod
    def tearDownClass(cls):
        if os.environ.get("DESCENT_BROWSER_VERBOSE"):
            lowest = {}
            for _, theme, name, ratio in cls.ratios:
                key = (name, theme)
                lowest[key] = min(ratio, lowest.get(key, ratio))
            for key, ratio in sorted(lowest.items()):
                print(f"{key[0]:>30} {key[1]:>12} {ratio:5.2f}")
        super().tearDownClass()
