"""The report page in a real browser: headless Chromium (Debian's ``chromium``) driven by Playwright.

The page is opened from a file, as the alderman opens the mail's attachment:
the key texts are visible, the timeline's SVG has rendered, and the browser
reports no console error, no failed request and no request to anything but
the file itself. ``make test`` installs chromium where apt-get can; without it
these tests fail saying how to install it (they never skip).
"""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page, Request, sync_playwright

import achterhoek_inkoop as ai
from achterhoek_inkoop.exports import write_report

ON = dt.date(2022, 3, 20)
INSTALL = ("the report's browser test needs Debian's chromium on PATH: run `apt-get install -y chromium` "
           "(as root; `make test` does it where apt-get is available)")


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    chromium = shutil.which("chromium")
    if chromium is None:
        pytest.fail(INSTALL, pytrace=False)
    with sync_playwright() as p:
        # --no-sandbox: CI runs as root, where Chromium's sandbox refuses to start.
        launched = p.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        try:
            yield launched
        finally:
            launched.close()


class Opened:
    """A page opened from a file, with everything the browser said while loading it."""

    def __init__(self, browser: Browser, path: Path) -> None:
        self.page: Page = browser.new_page(viewport={"width": 1100, "height": 900})
        self.console: list[str] = []
        self.errors: list[str] = []
        self.failed: list[str] = []
        self.requests: list[str] = []

        def on_console(message: ConsoleMessage) -> None:
            self.console.append(f"{message.type}: {message.text}")

        def on_failed(request: Request) -> None:
            self.failed.append(f"{request.url}: {request.failure}")

        self.page.on("console", on_console)
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.on("requestfailed", on_failed)
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.goto(path.as_uri(), wait_until="load")

    def visible(self, text: str) -> bool:
        return self.page.get_by_text(text, exact=False).first.is_visible()


@pytest.fixture(scope="module", params=["nl", "en"])
def opened(request: pytest.FixtureRequest, browser: Browser,
           tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Opened]]:
    lang: str = request.param
    path = tmp_path_factory.mktemp(f"report-{lang}") / "report.html"
    write_report(ai.inkoop2022(), path, ON, lang=lang)
    page = Opened(browser, path)
    try:
        yield lang, page
    finally:
        page.page.close()


KEY_TEXTS = {
    "nl": ["Inkoop 2022 Sociaal Domein Achterhoek", "Stand van zaken op zondag 20 maart 2022",
           "Volgende termijnen", "maandag 4 april 2022", "Alcatel-termijn eindigt (24:00 uur)",
           "De Alcatel-termijn (opschortende termijn)", "Tijdlijn"],
    "en": ["Inkoop 2022 Sociaal Domein Achterhoek", "Status on Sunday 20 March 2022",
           "Next deadlines", "Monday 4 April 2022", "Alcatel standstill ends (24:00)",
           "The Alcatel standstill (opschortende termijn)", "Timeline"],
}


def test_the_key_texts_are_visible(opened: tuple[str, Opened]) -> None:
    lang, page = opened
    for text in KEY_TEXTS[lang]:
        assert page.visible(text), text
    phase = page.page.locator("#phase")
    assert phase.is_visible()
    assert phase.inner_text() == ("gunning" if lang == "nl" else "gunning (award)")
    assert page.page.title().startswith("Inkoop 2022 Sociaal Domein Achterhoek")


def test_the_timeline_svg_has_rendered(opened: tuple[str, Opened]) -> None:
    _lang, page = opened
    svg = page.page.locator("#timeline svg")
    assert svg.count() == 1
    box = svg.bounding_box()
    assert box is not None
    assert box["width"] > 600
    assert box["height"] > 200
    # The bars, hatches and glyphs were drawn: many shapes, with sizes.
    shapes = page.page.evaluate(
        "() => [...document.querySelectorAll('#timeline svg path, #timeline svg use')]"
        ".filter(e => { const b = e.getBoundingClientRect(); return b.width > 0 || b.height > 0; }).length")
    assert shapes > 100


def test_no_console_error_and_no_request_beyond_the_file(opened: tuple[str, Opened]) -> None:
    _lang, page = opened
    assert page.console == []
    assert page.errors == []
    assert page.failed == []
    assert len(page.requests) == 1  # the page itself, nothing it loads
    assert page.requests[0].startswith("file:")


def test_the_page_prints(opened: tuple[str, Opened]) -> None:
    _lang, page = opened
    page.page.emulate_media(media="print")
    try:
        assert page.page.locator("#timeline svg").is_visible()
        pdf = page.page.pdf(format="A4")
    finally:
        page.page.emulate_media(media="screen")
    assert pdf.startswith(b"%PDF")
