"""The screenshots of the figure player in docs/figures.md ("Exploring and playback"), taken in
headless Chromium from the pages `descent build` writes for docs/examples/04-explore.md.

    python Tests/browser/docs_screenshots.py --course .build/docs-examples --images docs/images

`make docs-screenshots` builds docs/examples and runs this. Each picture is an element
screenshot of one `<figure>` (picture, controls and caption) at a device scale of 1, so that
the PNGs stay small: the explore figure as it loads, after its sliders moved to a diverging
combination, its loss view, the plain contour's playback stopped part-way, the explore figure
390 px wide and in the dark theme, and the picture a reader without JavaScript sees.
"""
import argparse
import os
import sys

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from browser import chromium, lesson, open_page
from test_explore import ready, slider

LESSON = "04-explore"


def shoot(driver, figure, path):
    """Writes the element screenshot of figure `figure` (its `<figure>` with the caption), with
    no control focused, and prints its size."""
    driver.execute_script("document.activeElement && document.activeElement.blur();")
    element = driver.find_element(By.ID, "fig-" + figure)
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", element)
    with open(path, "wb") as file:
        file.write(element.screenshot_as_png)
    print(f"{path}: {os.path.getsize(path):,} bytes")


def scrub_to(step):
    """Moves a player's step scrubber to its first recorded step and `step` steps on, by keyboard."""
    def action(root):
        scrubber = root.find_element(By.CSS_SELECTOR, "input.player-scrubber")
        scrubber.send_keys(Keys.HOME)
        for _ in range(step):
            scrubber.send_keys(Keys.ARROW_RIGHT)
    return action


def take(course, images):
    os.makedirs(images, exist_ok=True)
    page = lesson(LESSON, course)
    shots = [
        ("explore-contour.png", {}, "paths", None),
        ("explore-diverged.png", {}, "paths", lambda root: (slider(root, "lr").send_keys(Keys.END),
                                                             slider(root, "momentum").send_keys(Keys.HOME))),
        ("explore-loss.png", {}, "losses", None),
        ("playback-paused.png", {}, "pair-paths", scrub_to(8)),
        ("explore-phone.png", {"width": 390}, "paths", None),
        ("explore-dark.png", {"dark": True}, "paths", None),
        ("explore-no-javascript.png", {"javascript": False}, "paths", None),
    ]
    for name, settings, figure, action in shots:
        driver = chromium(height=1400, **settings)
        try:
            if settings.get("dark"):
                driver.execute_cdp_cmd("Emulation.setEmulatedMedia",
                                       {"features": [{"name": "prefers-color-scheme", "value": "dark"}]})
            open_page(driver, page)
            if settings.get("javascript", True):
                root = ready(driver, figure)
                if action:
                    action(root)
            shoot(driver, figure, os.path.join(images, name))
        finally:
            driver.quit()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--course", required=True, help="the output folder of docs/examples")
    parser.add_argument("--images", required=True, help="where the PNGs go (docs/images)")
    arguments = parser.parse_args()
    take(arguments.course, arguments.images)


if __name__ == "__main__":
    sys.exit(main())
