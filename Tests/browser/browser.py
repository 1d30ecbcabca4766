"""Headless Chromium through chromedriver, both from Debian, for the browser tests."""
import glob
import os
import shutil
import unittest

os.environ.setdefault("SE_AVOID_STATS", "true")  # selenium must not phone home either

from selenium import webdriver  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

COURSE = os.environ.get("DESCENT_BROWSER_COURSE", "")
SCRATCH = os.environ.get("DESCENT_BROWSER_SCRATCH", "")


def chromium(width=1280, height=900, dark=False, javascript=True):
    """A headless Chromium whose layout viewport is `width` CSS px wide, logging the network;
    with `javascript=False`, pages run no script (as a reader who turned it off)."""
    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                     "--disable-dev-shm-usage", "--force-device-scale-factor=1",
                     f"--window-size={width},{height}", "--no-first-run",
                     "--disable-background-networking", "--disable-component-update"):
        options.add_argument(argument)
    if dark:
        options.add_argument("--blink-settings=preferredColorScheme=0")
    if not javascript:
        options.add_experimental_option("prefs", {"profile.managed_default_content_settings.javascript": 2})
    options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
    driver = webdriver.Chrome(options=options,
                              service=Service(shutil.which("chromedriver") or "/usr/bin/chromedriver"))
    # The window may include browser chrome: size the viewport itself.
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False})
    return driver


def open_page(driver, path):
    """Loads a page from file:// and waits until it and its fonts are ready."""
    driver.get("file://" + os.path.abspath(path))
    WebDriverWait(driver, 20).until(lambda d: d.execute_script(
        "return document.readyState === 'complete' && document.fonts.status === 'loaded'"))


def pages(folder=None):
    """The course's index and lesson pages."""
    return sorted(glob.glob(os.path.join(folder or COURSE, "*.html")))


def lesson(name, folder=None):
    matches = [page for page in pages(folder) if os.path.basename(page).startswith(name)]
    if not matches:
        raise AssertionError(f"no page starting with {name} in {folder or COURSE}")
    return matches[0]


class BrowserTest(unittest.TestCase):
    """A test class sharing one Chromium, `width` CSS px wide, among its tests."""
    width = 1280

    @classmethod
    def setUpClass(cls):
        cls.driver = chromium(width=cls.width)

    @classmethod
    def tearDownClass(cls):
        cls.driver.quit()
