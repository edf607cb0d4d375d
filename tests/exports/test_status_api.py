"""``Procedure.status(on)`` and ``Procedure.deadlines(on)``: the public, typed status (issue 11, item 7).

The command line's ``status`` renders the same object: its ``--json`` is
``Status.to_dict()`` and its text is ``format_status(status)``.
"""

from __future__ import annotations

import dataclasses
import json
from datetime import date

import pytest
from helpers import assert_invalid_input, run_cli
from hypothesis import given, settings
from hypothesis import strategies as st

import achterhoek_inkoop as ai
from achterhoek_inkoop import strategies as ais
from achterhoek_inkoop.exports import format_status, next_deadlines, procedure_status, status

#: Before the tender, in it, in the standstill, after the award, in the contracts, after them.
DATES = [date(2021, 1, 10), date(2021, 5, 1), date(2022, 3, 13), date(2022, 3, 20), date(2022, 4, 5),
         date(2022, 7, 1), date(2024, 1, 1), date(2026, 1, 1)]


@pytest.mark.parametrize("on", DATES, ids=str)
def test_to_dict_is_what_status_json_prints(capsys: pytest.CaptureFixture[str], on: date) -> None:
    code, out, err = run_cli(capsys, "status", "--on", on.isoformat(), "--json")
    assert code == 0, err
    found = ai.inkoop2022().status(on)
    assert json.loads(out) == found.to_dict()
    # The same text, key order included: nothing but the object decides what is printed.
    assert out == json.dumps(found.to_dict(), indent=2, ensure_ascii=False) + "\n"


@pytest.mark.parametrize("on", DATES, ids=str)
def test_the_status_text_renders_the_object(capsys: pytest.CaptureFixture[str], on: date) -> None:
    _, out, _ = run_cli(capsys, "status", "--on", on.isoformat())
    found = ai.inkoop2022().status(on)
    assert out == format_status(found) + "\n"
    assert format_status(found.to_dict()) == format_status(found)  # the JSON form renders the same


def test_the_status_on_2022_03_20_is_typed() -> None:
    found = ai.inkoop2022().status(date(2022, 3, 20))
    assert isinstance(found, ai.Status)
    assert (found.procedure, found.on, found.rulebook) == ("inkoop-2022", date(2022, 3, 20), "aw2012")
    assert (found.phase, found.phase_since) == (ai.Phase.GUNNING, date(2022, 3, 14))
    assert found.dialogue_allowed is False
    wonen = found.segment("wmo-wonen")
    assert isinstance(wonen, ai.SegmentStatus)
    assert (wonen.state, wonen.since) == (ai.SegmentState.STANDSTILL, date(2022, 3, 15))
    assert (wonen.standstill_end, wonen.final_award_from, wonen.final_award_on) == (
        date(2022, 4, 4), date(2022, 4, 5), None)  # the contract that shows it is not known yet
    assert wonen.expected_state == ai.ExpectedState(ai.SegmentState.STANDSTILL_VERSTREKEN, date(2022, 4, 5))
    assert found.segment("wmo-logeren").state is ai.SegmentState.NIET_GEGUND
    assert [s.segment for s in found.segments] == list(ai.inkoop2022().data.segment_ids)
    # Plan against what happened: slips against the first plan; the plan in force still plans the rest.
    assert found.slips == {"aanbesteding": 0, "gunning": 164, "contract_start": None}
    start = found.milestones[2]
    assert isinstance(start, ai.MilestoneStatus)
    assert (start.milestone, start.planned, start.actual, start.expected) == (
        "contract_start", date(2022, 1, 1), None, date(2022, 7, 1))
    assert dict(start.plans) == {"plan-2020-11-24": date(2022, 1, 1), "revision-2021-10-15": date(2022, 7, 1)}
    assert (found.baseline, found.plan_in_force) == ("plan-2020-11-24", "revision-2021-10-15")
    first = found.next_deadlines[0]
    assert isinstance(first, ai.Deadline)
    assert (first.date, first.what, first.expected) == (
        date(2022, 4, 4), "Alcatel standstill ends (24:00)", True)
    assert "wmo-wonen" in first.subjects


def test_the_status_is_frozen_and_compares_by_value() -> None:
    proc = ai.inkoop2022()
    found = proc.status(date(2022, 3, 20))
    with pytest.raises(dataclasses.FrozenInstanceError):
        found.phase = ai.Phase.UITVOERING  # type: ignore[misc]
    assert found == proc.status(date(2022, 3, 20)) == procedure_status(proc, date(2022, 3, 20))
    assert hash(found) == hash(proc.status(date(2022, 3, 20)))
    assert found != proc.status(date(2022, 3, 21))


@pytest.mark.parametrize("on", DATES, ids=str)
def test_from_dict_reads_back_what_to_dict_gives(on: date) -> None:
    found = ai.inkoop2022().status(on)
    assert ai.Status.from_dict(json.loads(json.dumps(found.to_dict()))) == found


def test_the_old_status_function_still_gives_the_json_form() -> None:
    proc = ai.inkoop2022()
    assert status(proc, date(2022, 3, 20)) == proc.status(date(2022, 3, 20)).to_dict()


def test_baseline_measures_the_slips_against_a_later_plan() -> None:
    proc = ai.inkoop2022()
    first = proc.status(date(2022, 7, 1))
    revised = proc.status(date(2022, 7, 1), baseline="revision-2021-10-15")
    assert (first.slips["contract_start"], revised.slips["contract_start"]) == (181, 0)
    assert revised.baseline == "revision-2021-10-15"


def test_a_baseline_not_yet_published_is_refused() -> None:
    with pytest.raises(ai.InvalidInputError) as caught:
        ai.inkoop2022().status(date(2021, 5, 1), baseline="revision-2021-10-15")
    assert caught.value.field == "baseline"
    assert "was not known then" in str(caught.value)


@pytest.mark.parametrize("bad", ["2022-13-01", None, 20220320])
def test_a_date_that_is_not_one_is_refused(bad: object) -> None:
    proc = ai.inkoop2022()
    for query in (proc.status, proc.deadlines):
        with pytest.raises(ai.InvalidInputError) as caught:
            query(bad)  # type: ignore[arg-type]
        assert_invalid_input(caught.value, "on", bad)


def test_a_segment_the_status_does_not_have_is_a_key_error_naming_the_segments() -> None:
    with pytest.raises(KeyError, match="wmo-wonen"):
        ai.inkoop2022().status(date(2022, 3, 20)).segment("nope")


@pytest.mark.parametrize("on", DATES, ids=str)
def test_deadlines_are_the_next_deadlines_of_the_status(on: date) -> None:
    proc = ai.inkoop2022()
    found = proc.deadlines(on)
    assert found == proc.status(on).next_deadlines == next_deadlines(proc, on)
    assert all(d.date >= on for d in found)
    assert [d.date for d in found] == sorted(d.date for d in found)


def test_deadlines_on_2022_03_20() -> None:
    found = ai.inkoop2022().deadlines(date(2022, 3, 20))
    awarded = ("gezins-en-woonvormen", "integrale-ambulante-jeugdhulp", "wmo-integrale-ondersteuning",
               "wmo-wonen")
    assert found[:3] == (
        ai.Deadline(date(2022, 4, 4), "Alcatel standstill ends (24:00)", awarded, True),
        ai.Deadline(date(2022, 4, 5), "award may become final", awarded, True),
        ai.Deadline(date(2022, 7, 1), "contract_start planned (revision-2021-10-15)", (), True),
    )
    assert found[0].to_dict() == {"date": "2022-04-04", "what": "Alcatel standstill ends (24:00)",
                                  "subjects": list(awarded), "expected": True}


def test_deadlines_show_nothing_decided_after_the_day() -> None:
    # The day before the award decision was sent, no standstill was known.
    found = ai.inkoop2022().deadlines(date(2022, 3, 13))
    assert not any(d.what.startswith("Alcatel") for d in found)


def test_the_notebook_display_shows_the_tables_escaped() -> None:
    proc = ai.inkoop2022()
    html = proc.status(date(2022, 3, 20))._repr_html_()
    for caption in ("Where it stands", "Segments (percelen)", "Plan against what happened", "Next deadlines"):
        assert f"<caption>{caption}" in html
    assert "wmo-wonen" in html
    assert "2022-04-04" in html
    data = ai.procedure_template().model_copy(update={"name": "<b>Inkoop</b> & co"})
    assert "&lt;b&gt;Inkoop&lt;/b&gt; &amp; co" in ai.Procedure(data).status(date(2025, 1, 1))._repr_html_()


def test_the_types_are_exported_once() -> None:
    for name in ("Status", "SegmentStatus", "MilestoneStatus", "Deadline", "ExpectedState"):
        assert getattr(ai, name) is getattr(ai.procedure, name)


@settings(max_examples=60, deadline=None)
@given(ais.procedures(max_segments=3, min_events=1), st.data())
def test_any_procedure_status_round_trips_and_agrees_with_its_deadlines(proc: ai.Procedure,
                                                                         data: st.DataObject) -> None:
    days = sorted({e.on for e in proc.events})
    on = data.draw(st.sampled_from(days), label="on")
    found = proc.status(on)
    assert ai.Status.from_dict(json.loads(json.dumps(found.to_dict()))) == found
    assert proc.deadlines(on) == found.next_deadlines
    assert found == proc.as_known_on(on).status(on)
    assert format_status(found) == format_status(found.to_dict())
