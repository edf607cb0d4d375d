"""A procedure in Jupyter (``_repr_html_``) and its diagram."""

from __future__ import annotations

from datetime import date

from helpers import procedure

import achterhoek_inkoop as ai


def test_procedure_html_shows_record_and_plan_without_assuming_today() -> None:
    proc = ai.inkoop2022()
    html = proc._repr_html_()
    assert "Plan against what happened" in html
    assert "<td>gunning</td><td>2021-10-01</td><td>2021-10-01</td><td>2022-03-14</td><td>164</td>" in html
    assert "planned (revision-2021-10-15)" in html
    assert f"Record: {len(proc.events)} events" in html
    assert "No rule is broken." in html
    assert "2026" not in html  # nothing of a 'today'


def test_html_escapes_what_a_user_wrote() -> None:
    proc = procedure(ai.TenderStart(on=date(2027, 4, 1), source="<script>alert(1)</script>"), record=True)
    html = proc._repr_html_()
    assert "<script>" not in html
    assert "&lt;script&gt;" in html


def test_procedure_diagram_is_the_mermaid_of_its_machines() -> None:
    text = ai.inkoop2022().diagram()
    assert text == ai.mermaid_diagram()
    assert text.count("stateDiagram-v2") == 2
    assert "gunning.standstill" in text
