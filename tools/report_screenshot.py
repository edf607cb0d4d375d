"""Take the README's screenshot of the report page (run: python tools/report_screenshot.py).

Renders the bundled Inkoop 2022 as known on 2022-03-20 (the four awarded
segments in their Alcatel standstill) in Dutch, opens it in the system
Chromium through Playwright, as the browser test does, and writes
``docs/report.png``: the whole page, at the width of a laptop screen.
``--lang en`` and ``--output`` take another language or file.
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

import achterhoek_inkoop as ai
from achterhoek_inkoop.exports import write_report

ROOT = Path(__file__).resolve().parent.parent
ON = dt.date(2022, 3, 20)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", choices=("nl", "en"), default="nl")
    parser.add_argument("--output", type=Path, default=ROOT / "docs" / "report.png")
    args = parser.parse_args(argv)
    chromium = shutil.which("chromium")
    if chromium is None:
        print("chromium is not installed: apt-get install -y chromium", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as folder:
        page_file = Path(folder) / "report.html"
        write_report(ai.inkoop2022(), page_file, ON, lang=args.lang)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
            try:
                page = browser.new_page(viewport={"width": 1100, "height": 900}, device_scale_factor=1)
                page.goto(page_file.as_uri())
                page.screenshot(path=str(args.output), full_page=True)
            finally:
                browser.close()
    print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
