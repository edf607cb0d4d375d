"""The timeline plot in Dutch or English (issue 11): ``lang`` on the plot, the files, the
procedure's method, the ``plot`` command and the report page.

The labels are English in the code and Dutch from the catalog; the names of phases, states
and dialogue sessions are domain terms and stay Dutch in both languages.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from helpers import assert_invalid_input, procedure, run_cli
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

import achterhoek_inkoop as ai
from achterhoek_inkoop.exports import report_html
from achterhoek_inkoop.exports._plot import plot_timeline, write_timeline, write_timeline_png

ON = dt.date(2022, 3, 20)
#: The states of Inkoop 2022 drawn as known on ON: Dutch in both languages.
STATES = ["dialoog", "aanbesteding", "gunning", "voorlopig gegund", "standstill", "standstill verstreken",
          "niet gegund"]
LEGEND = {
    "en": [*STATES, "Alcatel standstill", "expected (after the reference date)",
           "planned (plan-2020-11-24)", "expected: planned (revision-2021-10-15)", "actual",
           "Bestuurlijk Overleg", "reference date 2022-03-20"],
    "nl": [*STATES, "Alcatel-termijn (standstill)", "verwacht (na de peildatum)",
           "gepland (plan-2020-11-24)", "verwacht: gepland (revision-2021-10-15)", "werkelijk",
           "Bestuurlijk Overleg", "peildatum 2022-03-20"],
}
ROW = {"en": "Procedure (phase)", "nl": "Procedure (fase)"}
TITLE = {"en": "reference date 2022-03-20", "nl": "peildatum 2022-03-20"}
SLIPS = {"en": ["start of the contracts: +181 days", "award (gunning): +164 days",
                "tender (aanbesteding): on plan"],
         "nl": ["start contracten: +181 dagen", "gunning: +164 dagen", "aanbesteding: op plan"]}


def draw(proc: ai.Procedure, on: dt.date | None = None, **options: str) -> Axes:
    figure = Figure(figsize=(12, 5), layout="constrained")
    FigureCanvasAgg(figure)
    ax = plot_timeline(proc, figure.add_subplot(), on=on, **options)  # type: ignore[arg-type]
    figure.canvas.draw()
    return ax


def legend_texts(ax: Axes) -> list[str]:
    legend = ax.get_legend()
    assert legend is not None
    return [text.get_text() for text in legend.get_texts()]


def texts(ax: Axes, gid: str) -> list[str]:
    return [t.get_text() for t in ax.texts if t.get_gid() == gid and t.get_text()]


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_the_labels_speak_the_language(lang: str) -> None:
    ax = draw(ai.inkoop2022(), ON, lang=lang)
    assert legend_texts(ax) == LEGEND[lang]
    assert ax.get_yticklabels()[0].get_text() == ROW[lang]
    assert ax.get_title(loc="left").endswith(TITLE[lang])
    assert texts(draw(ai.inkoop2022(), lang=lang), "slip") == SLIPS[lang]


def test_dutch_is_the_default() -> None:
    # The pictures drawn before ``lang`` existed do not change.
    assert legend_texts(draw(ai.inkoop2022(), ON)) == LEGEND["nl"]
    assert legend_texts(ai.inkoop2022().plot_timeline(on=ON)) == LEGEND["nl"]


def test_the_procedure_method_passes_lang_on() -> None:
    ax = ai.inkoop2022().plot_timeline(on=ON, lang="en")
    assert legend_texts(ax) == LEGEND["en"]


@pytest.mark.parametrize(("lang", "phase", "names"), [
    ("en", "planned phase (plan-1)", ["award (gunning)", "start of the contracts", "tender (aanbesteding)"]),
    ("nl", "geplande fase (plan-1)", ["aanbesteding", "gunning", "start contracten"]),
])
def test_a_plan_only_procedure_names_its_phases_and_milestones_in_the_language(
        lang: str, phase: str, names: list[str]) -> None:
    # The milestones are named as the status and the report page name them.
    ax = draw(procedure(), lang=lang)
    assert legend_texts(ax) == ["dialoog", "aanbesteding", "gunning", "uitvoering", phase,
                                "planned (plan-1)" if lang == "en" else "gepland (plan-1)"]
    assert sorted(texts(ax, "milestone_name")) == names


BAD_LANGS = ["de", "EN", "", None, 1]


@pytest.mark.parametrize("lang", BAD_LANGS, ids=repr)
def test_a_language_the_library_does_not_speak_is_refused(lang: object, tmp_path: Path) -> None:
    proc = ai.inkoop2022()
    calls = [lambda: plot_timeline(proc, lang=lang),  # type: ignore[arg-type]
             lambda: proc.plot_timeline(lang=lang),  # type: ignore[arg-type]
             lambda: write_timeline(proc, tmp_path / "t.svg", lang=lang),  # type: ignore[arg-type]
             lambda: write_timeline_png(proc, tmp_path / "t.png", lang=lang)]  # type: ignore[arg-type]
    for call in calls:
        with pytest.raises(ai.InvalidInputError) as info:
            call()
        assert_invalid_input(info.value, "lang", lang)
    assert list(tmp_path.iterdir()) == []  # refused before anything was drawn


def svg_texts(svg: str) -> list[str]:
    """The texts of a figure matplotlib wrote as SVG: with the text drawn as paths
    (``svg.fonttype: path``) each text is also kept as a comment before its glyphs."""
    return re.findall(r"<!-- (.*?) -->", svg)


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_the_plot_command_draws_in_the_language_asked_for(tmp_path: Path, lang: str,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "timeline.svg"
    code, out, err = run_cli(capsys, "plot", "-o", str(target), "--on", "2022-03-20", "--lang", lang)
    assert (code, err) == (0, "")
    assert out.strip() == (f"wrote {target}" if lang == "en" else f"{target} geschreven")
    found = svg_texts(target.read_text(encoding="utf-8"))
    assert set(LEGEND[lang]) | {ROW[lang]} <= set(found)
    other = "nl" if lang == "en" else "en"
    assert not {ROW[other], LEGEND[other][-1]} & set(found)


@pytest.mark.parametrize(("locale", "lang"), [("nl_NL.UTF-8", "nl"), ("en_GB.UTF-8", "en")])
def test_the_plot_command_follows_the_locale(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                             monkeypatch: pytest.MonkeyPatch, locale: str, lang: str) -> None:
    for name in ("LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", locale)
    target = tmp_path / "timeline.svg"
    code, _out, err = run_cli(capsys, "plot", "-o", str(target), "--on", "2022-03-20")
    assert (code, err) == (0, "")
    assert ROW[lang] in svg_texts(target.read_text(encoding="utf-8"))


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_the_report_page_draws_the_timeline_in_its_language(lang: str) -> None:
    found = svg_texts(report_html(ai.inkoop2022(), ON, lang=lang))
    assert ROW[lang] in found
    assert LEGEND[lang][-1] in found
    assert ROW["nl" if lang == "en" else "en"] not in found
