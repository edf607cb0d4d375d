"""Rich display in Jupyter (_repr_html_), the diagram of a procedure, and the core install's imports."""

from __future__ import annotations

import subprocess
import sys
from datetime import date

import achterhoek_inkoop as ai


def test_standstill_html_counts_day_by_day_with_the_extension_and_its_reason() -> None:
    html = ai.standstill_period(date(2022, 3, 14))._repr_html_()
    assert "Alcatel standstill" in html
    for n in (1, 20):
        assert f"<td>day {n}</td>" in html
    sunday = "<td>2022-04-03</td><td>Sunday</td><td>day 20</td><td>2022-04-03 is a Sunday (Atw art. 1)</td>"
    assert sunday in html
    assert "<td>2022-04-04</td><td>Monday</td><td>extension</td><td>last day of the period" in html
    assert "<td>2022-04-05</td><td>Tuesday</td><td>first day after the period</td>" in html
    assert html.count("<tr>") == 1 + 22  # header, days 1-20, the extension, the day after


def test_standstill_html_without_atw_has_no_extension_row() -> None:
    html = ai.standstill_period(date(2022, 3, 14), atw=False)._repr_html_()
    assert "not applied" in html
    assert "<td>extension</td>" not in html


def test_procedure_html_shows_record_and_plan_without_assuming_today() -> None:
    proc = ai.inkoop2022()
    html = proc._repr_html_()
    assert "Plan against what happened" in html
    assert "<td>gunning</td><td>2021-10-01</td><td>2021-10-01</td><td>2022-03-14</td><td>164</td>" in html
    assert "planned (revision-2021-10-15)" in html
    assert f"Record: {len(proc.events)} events" in html
    assert "No rule is broken." in html
    assert "2026" not in html  # nothing of a 'today'


def test_violations_display_as_a_table_and_stay_a_list() -> None:
    proc = ai.inkoop2022()
    data = proc.data.model_copy(update={"events": (
        *proc.data.events, ai.DialogueActivity(kind="gesprekstafel", on=date(2021, 5, 1)))})
    found = ai.Procedure(data).check()
    assert isinstance(found, list)
    assert [v.rule for v in found.errors] == ["dialoog-tijdens-aanbesteding"]
    assert found.warnings == []
    html = found._repr_html_()
    assert "1 violation(s)" in html
    assert "dialoog-tijdens-aanbesteding" in html
    assert "&lt;" not in ai.Violations()._repr_html_()


def test_html_escapes_what_a_user_wrote() -> None:
    proc = ai.Procedure(ai.procedure_template())
    proc.record(ai.TenderStart(on=date(2027, 4, 1), source="<script>alert(1)</script>"))
    html = proc._repr_html_()
    assert "<script>" not in html
    assert "&lt;script&gt;" in html


def test_procedure_diagram_is_the_mermaid_of_its_machines() -> None:
    text = ai.inkoop2022().diagram()
    assert text == ai.mermaid_diagram()
    assert text.count("stateDiagram-v2") == 2
    assert "gunning.standstill" in text


def test_the_core_install_imports_no_optional_package() -> None:
    code = (
        "import sys, achterhoek_inkoop as ai\n"
        "from datetime import date\n"
        "ai.inkoop2022().check(); ai.standstill_period(date(2022, 3, 14))\n"
        "loaded = [m for m in ('pandas', 'matplotlib', 'icalendar', 'numpy') if m in sys.modules]\n"
        "print(loaded)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_the_readme_shows_the_diagram_of_the_machines_as_they_are() -> None:
    # The README's Mermaid blocks are the output of `achterhoek-inkoop diagram`, never hand-written.
    import re
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    blocks = [b.strip() for b in re.findall(r"```mermaid\n(.*?)```", readme, re.S) if "stateDiagram" in b]
    assert blocks == [ai.mermaid_diagram("phases").strip(), ai.mermaid_diagram("segment").strip()]
