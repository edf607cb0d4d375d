"""The report page (``achterhoek-inkoop report``): what it says, in which language, and that it is safe
to mail.

The page in a real browser is ``test_report_browser.py``.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from helpers import amsterdam_today, assert_invalid_input, built_procedure, procedure, run_cli, sample_dates

import achterhoek_inkoop as ai
from achterhoek_inkoop.exports import report_html, status, write_report
from achterhoek_inkoop.exports._status import deadline_text

ON = dt.date(2022, 3, 20)  # the four awarded segments in their standstill


@pytest.fixture(scope="module")
def pages() -> dict[str, str]:
    proc = ai.inkoop2022()
    return {lang: report_html(proc, ON, lang=lang) for lang in ("nl", "en")}


class _Page(HTMLParser):
    """The attributes of every element, and the text outside the SVG."""

    def __init__(self) -> None:
        super().__init__()
        self.attributes: list[tuple[str, str, str]] = []
        self.tags: list[str] = []
        self.text: list[str] = []
        self._svg = 0
        self._style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes += [(tag, name, value or "") for name, value in attrs]
        self._svg += tag == "svg"
        self._style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self._svg -= tag == "svg"
        self._style = False

    def handle_data(self, data: str) -> None:
        if not self._svg and not self._style:
            self.text.append(data)


def _read(page: str) -> _Page:
    parser = _Page()
    parser.feed(page)
    parser.close()
    return parser


def _words(page: str) -> str:
    return " ".join(" ".join(_read(page).text).split())


def test_the_dutch_page_speaks_dutch(pages: dict[str, str]) -> None:
    text = _words(pages["nl"])
    assert '<html lang="nl">' in pages["nl"]
    for dutch in ("Inkoop 2022 Sociaal Domein Achterhoek", "Stand van zaken op zondag 20 maart 2022",
                  "Waar de procedure staat", "Fase gunning", "Volgende termijnen",
                  "maandag 4 april 2022 Alcatel-termijn eindigt (24:00 uur)",
                  "dinsdag 5 april 2022 gunning kan definitief worden",
                  "start contracten gepland (revision-2021-10-15)", "Overtreden regels",
                  "Er wordt geen regel overtreden", "De Alcatel-termijn (opschortende termijn)",
                  "De gunningsbeslissing is verzonden op maandag 14 maart 2022.",
                  "dag 1 is dinsdag 15 maart 2022, dag 20 is zondag 3 april 2022",
                  "Zondag 3 april 2022 valt in het weekend en kan niet de laatste dag zijn (Atw art. 1).",
                  "De Alcatel-termijn eindigt op maandag 4 april 2022 om 24:00 uur",
                  "Planning tegenover werkelijkheid", "gunning vrijdag 1 oktober 2021 maandag 14 maart 2022 "
                  "164 dagen", "Tijdlijn"):
        assert dutch in text
    for english in ("Next deadlines", "Where the procedure stands", "award may become final", "Timeline",
                    "Monday", "March"):
        assert english not in text


def test_the_english_page_speaks_english_with_the_dutch_terms(pages: dict[str, str]) -> None:
    text = _words(pages["en"])
    assert '<html lang="en">' in pages["en"]
    for english in ("Status on Sunday 20 March 2022, as known at the end of that day.",
                    "Where the procedure stands", "Phase gunning (award)", "Next deadlines",
                    "Monday 4 April 2022 Alcatel standstill ends (24:00)",
                    "start of the contracts planned (revision-2021-10-15)",
                    "No rule is broken", "The Alcatel standstill (opschortende termijn)",
                    "The award decision was sent on Monday 14 March 2022.",
                    "Sunday 3 April 2022 falls in the weekend and cannot be the last day (Atw art. 1).",
                    "The standstill ends on Monday 4 April 2022 at 24:00; the award may become final from "
                    "Tuesday 5 April 2022.", "164 days", "Timeline"):
        assert english in text
    for dutch in ("Volgende termijnen", "Tijdlijn", "maandag", "verzonden"):
        assert dutch not in text


def test_the_page_has_the_status_the_status_command_shows(pages: dict[str, str]) -> None:
    data = status(ai.inkoop2022(), ON)
    data = data.to_dict() if hasattr(data, "to_dict") else data
    text = _words(pages["en"])
    for seg in ai.inkoop2022().data.segments:
        assert seg.name in text
    assert ai.SegmentState(data["segments"]["wmo-wonen"]["state"]).label.both in text
    assert [d["date"] for d in data["next_deadlines"]] == re.findall(r'<time datetime="([\d-]+)"',
                                                                      pages["en"])


def test_every_deadline_of_the_bundled_procedures_is_in_dutch() -> None:
    # The deadlines come from the status in English: the page and the status text translate each
    # kind (deadline_text). A new kind without its Dutch fails here.
    for proc in (ai.inkoop2022(), ai.jeugdhulp2026(), built_procedure()):
        for day in sample_dates(proc):
            found = status(proc, day)
            found = found.to_dict() if hasattr(found, "to_dict") else found
            for deadline in found["next_deadlines"]:
                what = deadline["what"]
                assert deadline_text(what, lang="nl", safe_end=False) != what, deadline
                assert deadline_text(what, lang="nl") != what, deadline


def test_violations_are_listed() -> None:
    proc = ai.jeugdhulp2026()
    [violation] = proc.check()
    on = violation.on + dt.timedelta(days=1)
    text = _words(report_html(proc, on, lang="nl"))
    assert "Overtreden regels" in text
    assert f"waarschuwing {violation.rule}" in text
    assert violation.message_in("nl") in text   # the Dutch page gives the Dutch message
    assert violation.message_in("en") in _words(report_html(proc, on, lang="en"))
    assert "Er wordt geen regel overtreden" not in text
    # As known before the kort geding, nothing was broken.
    assert "Er wordt geen regel overtreden" in _words(report_html(proc, violation.on - dt.timedelta(days=1)))


def test_the_page_loads_nothing_from_outside(pages: dict[str, str]) -> None:
    for page in pages.values():
        parsed = _read(page)
        links = [(tag, name, value) for tag, name, value in parsed.attributes
                 if name in ("src", "href", "xlink:href", "action", "srcset", "poster", "data")]
        assert all(value.startswith("#") for _tag, _name, value in links), links
        assert not {"script", "link", "img", "iframe", "object", "embed"} & set(parsed.tags)
        assert not re.search(r"url\((?!#)|@import|https?://(?!www\.w3\.org/)", page)
        assert 'http-equiv="Content-Security-Policy" content="default-src \'none\'' in page


def test_the_timeline_is_an_inline_svg_without_prolog(pages: dict[str, str]) -> None:
    page = pages["nl"]
    assert page.count("<svg") == 1
    assert "<?xml" not in page
    assert "<!DOCTYPE svg" not in page
    assert "<metadata" not in page
    svg = page[page.index("<svg"):page.index("</svg>")]
    assert 'viewBox="' in svg
    assert "<text" not in svg  # the text is drawn as paths: no font to load


def test_the_page_is_printable(pages: dict[str, str]) -> None:
    assert "@media print" in pages["nl"]
    assert "@page" in pages["nl"]


def test_text_from_the_file_is_escaped() -> None:
    attack = '<script>alert("x")</script>'
    proc = built_procedure()
    segments = [s.model_copy(update={"name": f"Perceel {attack} & co"}) for s in proc.data.segments]
    proc = ai.Procedure(proc.data.model_copy(update={"name": f"Inkoop {attack}",
                                                     "segments": tuple(segments)}))
    on = max(e.on for e in proc.events)
    page = report_html(proc, on, lang="en")
    assert "<script" not in page
    assert "&lt;script&gt;" in page
    assert "Perceel &lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; co" in page
    assert f"Inkoop {attack}" in _words(page)  # shown as text


def test_a_procedure_without_events_has_a_page() -> None:
    bare = procedure()
    page = report_html(ai.Procedure(bare.data.model_copy(update={"plans": ()})), dt.date(2026, 1, 1),
                       lang="en")
    assert page.count("<svg") == 1  # the date of the page is drawn
    assert "No award decision is recorded as known on Thursday 1 January 2026" in _words(page)
    assert "No deadline on or after Thursday 1 January 2026." in _words(page)


def test_the_same_record_gives_the_same_page(pages: dict[str, str]) -> None:
    assert report_html(ai.inkoop2022(), ON, lang="nl") == pages["nl"]


def test_the_procedure_method_and_the_default_language(pages: dict[str, str]) -> None:
    assert ai.inkoop2022().report_html(ON) == pages["nl"]
    assert ai.inkoop2022().report_html(ON, lang="en") == pages["en"]


def test_write_report_writes_the_page(tmp_path: Path, pages: dict[str, str]) -> None:
    target = tmp_path / "report.html"
    target.write_text("old")
    write_report(ai.inkoop2022(), target, ON, lang="en")
    assert target.read_text(encoding="utf-8") == pages["en"]
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]  # no temporary file left


@pytest.mark.parametrize(("kwargs", "field", "value"), [
    ({"on": "20-03-2022"}, "on", "20-03-2022"),
    ({"on": dt.datetime(2022, 3, 20, 12)}, "on", dt.datetime(2022, 3, 20, 12)),
    ({"on": ON, "lang": "de"}, "lang", "de"),
    ({"on": ON, "lang": None}, "lang", None),
])
def test_bad_arguments_name_their_field(kwargs: dict[str, object], field: str, value: object) -> None:
    with pytest.raises(ai.InvalidInputError) as info:
        report_html(ai.inkoop2022(), **kwargs)  # type: ignore[arg-type]
    assert_invalid_input(info.value, field, value)


@pytest.mark.parametrize("package", ["jinja2", "matplotlib"])
def test_without_the_report_extra_the_error_names_it(monkeypatch: pytest.MonkeyPatch, package: str) -> None:
    monkeypatch.setitem(sys.modules, package, None)  # makes the import fail
    with pytest.raises(ai.MissingExtraError) as info:
        report_html(ai.inkoop2022(), ON)
    assert (info.value.package, info.value.extra) == (package, "report")


def test_the_command_writes_the_page(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                     pages: dict[str, str]) -> None:
    target = tmp_path / "report.html"
    code, out, err = run_cli(capsys, "report", "--on", "2022-03-20", "--lang", "en", "-o", str(target))
    assert (code, err) == (0, "")
    assert out == f"wrote {target}: the report as known on 2022-03-20 (en)\n"
    assert target.read_text(encoding="utf-8") == pages["en"]


def test_the_command_reads_a_procedure_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "inkoop.json"
    source.write_text(ai.jeugdhulp2026().to_json(), encoding="utf-8")
    target = tmp_path / "report.html"
    code, _out, err = run_cli(capsys, "report", str(source), "--on", "2025-07-01", "--lang", "nl",
                              "-o", str(target))
    assert (code, err) == (0, "")
    assert "Jeugdhulp 2026 Sociaal Domein Achterhoek" in _words(target.read_text(encoding="utf-8"))


@pytest.mark.parametrize(("environ", "lang"), [
    ({"LANG": "nl_NL.UTF-8"}, "nl"),
    ({"LANG": "en_US.UTF-8"}, "en"),
    ({"LANG": "en_US.UTF-8", "LC_ALL": "nl_NL.UTF-8"}, "nl"),
    ({}, "en"),
])
def test_the_command_follows_the_locale(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                        monkeypatch: pytest.MonkeyPatch, pages: dict[str, str],
                                        environ: dict[str, str], lang: str) -> None:
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    target = tmp_path / "report.html"
    code, out, _err = run_cli(capsys, "report", "--on", "2022-03-20", "-o", str(target))
    assert code == 0
    assert out.endswith(f"({lang})\n")
    assert target.read_text(encoding="utf-8") == pages[lang]


def test_the_command_defaults_to_today(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "report.html"
    before = amsterdam_today()
    code, _out, _err = run_cli(capsys, "report", "--lang", "en", "-o", str(target))
    assert code == 0
    shown = re.search(r'data-on="([\d-]+)"', target.read_text(encoding="utf-8"))
    assert shown is not None
    assert shown[1] in {before.isoformat(), amsterdam_today().isoformat()}


@pytest.mark.parametrize("argv", [
    ["report", "-o", "x.html", "--lang", "de"],
    ["report", "-o", "x.html", "--on", "20-03-2022"],
    ["report"],  # -o is required
])
def test_the_command_refuses_bad_arguments(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                           monkeypatch: pytest.MonkeyPatch, argv: list[str]) -> None:
    monkeypatch.chdir(tmp_path)
    code, _out, err = run_cli(capsys, *argv)
    assert code == 2
    assert err.count("\n") == 1
    assert not os.listdir(tmp_path)


def test_the_command_names_a_file_it_cannot_write(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "missing" / "report.html"
    code, _out, err = run_cli(capsys, "report", "--on", "2022-03-20", "-o", str(target))
    assert code == 2
    assert str(target) in err
