"""No request leaves file://: the course is read from disk, offline."""
import json
import os

from browser import BrowserTest, open_page, pages

LOCAL = ("file://", "data:", "about:", "blob:")


class NoRequestLeavesFile(BrowserTest):

    def test_every_page_loads_only_local_files(self):
        for page in pages():
            open_page(self.driver, page)
            requested = []
            for entry in self.driver.get_log("performance"):
                message = json.loads(entry["message"])["message"]
                if message["method"] == "Network.requestWillBeSent":
                    requested.append(message["params"]["request"]["url"])
            with self.subTest(page=os.path.basename(page)):
                self.assertTrue(requested, "the performance log recorded no request at all")
                self.assertEqual([url for url in requested if not url.startswith(LOCAL)], [])
