"""Printing: tables wrap to the paper and keep every column, on A4 and on Letter."""
import base64
import os
import re
import shutil
import subprocess
import tempfile
import unittest

from browser import BrowserTest, open_page, pages

# Paper in inches, and the width of its page box in CSS px (the stylesheet's @page margins:
# 15 mm left and right).
PAPERS = {"A4": (8.27, 11.69), "Letter": (8.5, 11.0)}
MARGIN_PX = 30 / 25.4 * 96

TABLES = """
const main = document.querySelector('main.lesson').getBoundingClientRect();
return [...document.querySelectorAll('main table')].map(table => ({
  right: table.getBoundingClientRect().right, mainRight: main.right,
  box: table.parentElement.scrollWidth - table.parentElement.clientWidth,
  // What the reader sees in each row's last cell (KaTeX's hidden MathML copy left out).
  cells: [...table.rows].map(row => {
    const cell = row.cells[row.cells.length - 1].cloneNode(true);
    cell.querySelectorAll('.katex-mathml').forEach(hidden => hidden.remove());
    return cell.textContent;
  }),
}));
"""


def visible(text):
    """Letters, digits and the signs of numbers: what survives the PDF's line breaks, fonts and
    quotes (KaTeX's glyphs and typographic apostrophes come out of pdftotext differently)."""
    return re.sub(r"[^A-Za-z0-9.%+-]", "", text)


def pages_with_tables():
    return [page for page in pages() if "<table" in open(page, encoding="utf-8").read()]


class PrintedTables(BrowserTest):

    def test_in_print_media_no_table_is_wider_than_the_page_box(self):
        for paper, (width, height) in PAPERS.items():
            box = round(width * 96 - MARGIN_PX)
            self.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                                        {"width": box, "height": 900, "deviceScaleFactor": 1, "mobile": False})
            self.driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
            try:
                for page in pages_with_tables():
                    open_page(self.driver, page)
                    for number, table in enumerate(self.driver.execute_script(TABLES), start=1):
                        with self.subTest(paper=paper, page=os.path.basename(page), table=number):
                            self.assertLessEqual(table["right"], min(box, table["mainRight"]) + 1)
                            self.assertLessEqual(table["box"], 0, "the table scrolls in print")
            finally:
                self.driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
                self.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                                            {"width": 1280, "height": 900, "deviceScaleFactor": 1, "mobile": False})

    def printed_text(self, paper):
        """The text of the open page printed to PDF on `paper`, as pdftotext reads it."""
        width, height = PAPERS[paper]
        pdf = self.driver.execute_cdp_cmd("Page.printToPDF", {
            "paperWidth": width, "paperHeight": height, "printBackground": True})
        with tempfile.NamedTemporaryFile(suffix=".pdf") as file:
            file.write(base64.b64decode(pdf["data"]))
            file.flush()
            return subprocess.run(["pdftotext", file.name, "-"], check=True, stdout=subprocess.PIPE,
                                  text=True).stdout

    @unittest.skipUnless(shutil.which("pdftotext"), "pdftotext (poppler-utils) is not installed")
    def test_a_printed_link_to_another_page_shows_its_target(self):
        for page in pages():
            open_page(self.driver, page)
            target = self.driver.execute_script(
                "const link = document.querySelector('main a[href$=\".html\"]'); return link && link.getAttribute('href');")
            if target:
                self.assertIn(f"({target})", re.sub(r"\s+", "", self.printed_text("A4")))
                return
        self.skipTest("no page of the course links another page from its text")

    @unittest.skipUnless(shutil.which("pdftotext"), "pdftotext (poppler-utils) is not installed")
    def test_the_printed_pdf_holds_every_table_s_last_column(self):
        for paper in PAPERS:
            for page in pages_with_tables():
                open_page(self.driver, page)
                tables = self.driver.execute_script(TABLES)
                flat = visible(self.printed_text(paper))
                for number, table in enumerate(tables, start=1):
                    with self.subTest(paper=paper, page=os.path.basename(page), table=number):
                        # Word by word: pdftotext may interleave a wrapped cell with its row.
                        missing = [cell for cell in table["cells"]
                                   if any(visible(word) not in flat for word in cell.split())]
                        self.assertEqual(missing, [], "cells of the last column are not in the PDF")
