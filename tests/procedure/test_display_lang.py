"""A procedure, its status and its violations in a notebook, in Dutch or English (issue 11).

``to_html(lang=)`` gives every header, caption and sentence in the language asked for;
``_repr_html_`` (what Jupyter shows) is ``to_html()``, English. The states and phases stay
their Dutch terms, the record's ids and names as written.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from helpers import assert_invalid_input, hand_broken_inkoop2022, procedure

import achterhoek_inkoop as ai

ON = date(2022, 3, 20)


def captions(html: str) -> list[str]:
    return re.findall(r"<caption>(.*?)</caption>", html)


def headers(html: str) -> list[str]:
    return re.findall(r"<th>(.*?)</th>", html)


def test_a_procedure_in_english_is_what_a_notebook_shows() -> None:
    proc = ai.inkoop2022()
    html = proc.to_html(lang="en")
    assert html == proc.to_html() == proc._repr_html_()
    assert captions(html) == ["Plan against what happened", "Phases", "Segments (percelen)",
                              f"Record: {len(proc.events)} events"]
    assert "<p>No rule is broken.</p>" in html


def test_a_procedure_in_dutch() -> None:
    proc = ai.inkoop2022()
    html = proc.to_html(lang="nl")
    assert captions(html) == ["Planning tegenover werkelijkheid", "Fasen", "Percelen",
                              f"Dossier: {len(proc.events)} gebeurtenissen"]
    assert headers(html)[:4] == ["mijlpaal", "gepland (plan-2020-11-24)", "gepland (revision-2021-10-15)",
                                 "werkelijk"]
    assert {"fase", "perceel", "status", "van", "tot", "gebeurtenis", "bron"} <= set(headers(html))
    assert "<p>Er wordt geen regel overtreden.</p>" in html
    # The record's ids and the states' Dutch terms stay as they are.
    assert "<td>gunning</td><td>2021-10-01</td><td>2021-10-01</td><td>2022-03-14</td><td>164</td>" in html


def test_a_procedure_with_violations_shows_them_in_dutch(tmp_path: Path) -> None:
    proc = ai.load_procedure(hand_broken_inkoop2022(tmp_path / "broken.json"))
    html = proc.to_html(lang="nl")
    assert "<caption>2 overtreding(en)</caption>" in html
    assert "<td>fout</td>" in html
    assert proc.check()[0].message_in("nl") in html


def test_what_a_user_wrote_is_escaped_in_dutch_too() -> None:
    proc = procedure(ai.TenderStart(on=date(2027, 4, 1), source="<script>alert(1)</script>"), record=True)
    html = proc.to_html(lang="nl")
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    data = ai.procedure_template().model_copy(update={"name": "<b>Inkoop</b> & co"})
    assert "&lt;b&gt;Inkoop&lt;/b&gt; &amp; co, zoals bekend op 2025-01-01" in ai.Procedure(data).status(
        date(2025, 1, 1)).to_html(lang="nl")


def test_a_status_in_english_is_what_a_notebook_shows() -> None:
    status = ai.inkoop2022().status(ON)
    html = status.to_html(lang="en")
    assert html == status.to_html() == status._repr_html_()
    assert captions(html) == ["Where it stands", "Segments (percelen)",
                              "Plan against what happened (baseline plan-2020-11-24)", "Next deadlines"]
    assert "<td>2022-04-04</td><td>expected</td><td>Alcatel standstill ends (24:00)</td>" in html


def test_a_status_in_dutch() -> None:
    html = ai.inkoop2022().status(ON).to_html(lang="nl")
    assert html.startswith("<h4>Inkoop 2022 Sociaal Domein Achterhoek (Jeugdhulp, Wmo, Beschermd Wonen), "
                           "zoals bekend op 2022-03-20</h4>")
    assert captions(html) == ["Stand van zaken", "Percelen",
                              "Planning tegenover werkelijkheid (basisplanning plan-2020-11-24)",
                              "Volgende termijnen"]
    assert headers(html)[2:8] == ["perceel", "status", "sinds", "Alcatel-termijn eindigt",
                                  "definitieve gunning vanaf", "verwacht"]
    assert "<td>fase</td><td>gunning sinds 2022-03-14</td>" in html
    assert "<td>dialoog toegestaan</td><td>nee</td>" in html
    # The deadlines' texts, English in the status, and the milestones, as an officer says them.
    assert "<td>2022-04-04</td><td>verwacht</td><td>Alcatel-termijn eindigt (24:00 uur)</td>" in html
    assert "<td>start contracten gepland (revision-2021-10-15)</td>" in html
    assert "<td>start contracten</td><td>2022-01-01</td>" in html
    for english in ("expected", "since", "Where it stands", "planned"):
        assert english not in html


def test_violations_in_both_languages(tmp_path: Path) -> None:
    found = ai.load_procedure(hand_broken_inkoop2022(tmp_path / "broken.json")).check()
    assert found.to_html() == found._repr_html_() == found.to_html(lang="en")
    assert "<th>date</th><th>severity</th>" in found.to_html()
    dutch = found.to_html(lang="nl")
    assert headers(dutch)[:2] == ["datum", "ernst"]
    assert "<td>fout</td>" in dutch
    assert "<td>error</td>" not in dutch
    assert ai.Violations().to_html(lang="nl") == "<p>Er wordt geen regel overtreden.</p>"


DISPLAYS: list[tuple[str, Callable[[], Any]]] = [
    ("procedure", ai.inkoop2022),
    ("status", lambda: ai.inkoop2022().status(ON)),
    ("violations", ai.Violations),
]


@pytest.mark.parametrize(("kind", "make"), DISPLAYS, ids=[kind for kind, _ in DISPLAYS])
@pytest.mark.parametrize("bad", ["de", "EN", "", None])
def test_a_bad_lang_is_the_librarys_error_naming_lang(kind: str, make: Callable[[], Any],
                                                      bad: object) -> None:
    with pytest.raises(ai.InvalidInputError) as caught:
        make().to_html(lang=bad)
    assert_invalid_input(caught.value, "lang", bad)
