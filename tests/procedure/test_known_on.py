"""``Procedure.as_known_on``, ``calendar`` and ``segments_of``: what the exports and strategies build on."""

from __future__ import annotations

from datetime import date

import pytest
from helpers import assert_invalid_input
from hypothesis import given

import achterhoek_inkoop as ai
from achterhoek_inkoop import strategies as ais


def test_as_known_on_keeps_what_was_recorded_and_published_by_then() -> None:
    proc = ai.inkoop2022()
    known = proc.as_known_on(date(2022, 3, 20))
    assert all(e.on <= date(2022, 3, 20) for e in known.events)
    assert len(known.events) == sum(e.on <= date(2022, 3, 20) for e in proc.events)
    assert [p.id for p in known.data.plans] == ["plan-2020-11-24", "revision-2021-10-15"]
    assert [p.id for p in proc.as_known_on(date(2021, 1, 10)).data.plans] == ["plan-2020-11-24"]
    # The follow-up award of November 2022 was not known in March.
    assert known.final_award_from("hoog-complexe-jeugdhulp-met-verblijf") is None
    assert proc.final_award_from("hoog-complexe-jeugdhulp-met-verblijf") == date(2022, 11, 16)


def test_as_known_on_leaves_the_procedure_as_it_was() -> None:
    proc = ai.inkoop2022()
    proc.as_known_on(date(2021, 5, 1))
    assert proc == ai.inkoop2022()


@given(ais.procedures(max_segments=2), ais.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31)))
def test_as_known_on_agrees_with_the_whole_record_up_to_that_day(proc: ai.Procedure, day: date) -> None:
    known = proc.as_known_on(day)
    # The one thing hindsight adds: a final award that a later contract showed (an assumption).
    shown_later = {e for e in proc.inferred_events if e not in known.inferred_events}
    if not shown_later:
        assert known.phase_on(day) == proc.phase_on(day)
    for seg in proc.data.segment_ids:
        if any(seg in proc.segments_of(e) and e.on <= day for e in shown_later):
            # Known then: the award could become final; with hindsight it was final.
            assert known.segment_state_on(seg, day).spec.award_pending
            assert proc.segment_state_on(seg, day).spec.award_final
            continue
        assert known.segment_state_on(seg, day) == proc.segment_state_on(seg, day)
        assert known.dialogue_allowed(day, segments=[seg]) == proc.dialogue_allowed(day, segments=[seg])


def test_a_final_award_a_later_contract_shows_is_hindsight() -> None:
    proc = ai.inkoop2022()
    day = date(2022, 5, 1)
    assert proc.segment_state_on("wmo-wonen", day) == ai.SegmentState.DEFINITIEF_GEGUND
    assert proc.as_known_on(day).segment_state_on("wmo-wonen", day) == ai.SegmentState.STANDSTILL_VERSTREKEN
    assert proc.phase_on(day) == ai.Phase.IMPLEMENTATIE
    assert proc.as_known_on(day).phase_on(day) == ai.Phase.GUNNING


def test_as_known_on_refuses_what_is_not_a_date() -> None:
    with pytest.raises(ai.InvalidInputError) as caught:
        ai.inkoop2022().as_known_on("20-03-2022")  # type: ignore[arg-type]
    assert_invalid_input(caught.value, "on", "20-03-2022")


def test_the_calendar_is_the_one_the_procedure_counts_with() -> None:
    assert ai.inkoop2022().calendar == ai.Calendar()
    pattern = ai.Calendar(uncovered="pattern")
    proc = ai.Procedure(ai.inkoop2022().data, calendar=pattern)
    assert proc.calendar is pattern
    assert proc.as_known_on(date(2022, 1, 1)).calendar is pattern


def test_segments_of_an_event() -> None:
    proc = ai.inkoop2022()
    assert proc.segments_of(ai.TenderStart(on=date(2021, 4, 1))) == proc.data.segment_ids
    assert proc.segments_of(ai.KortGeding(on=date(2022, 3, 20), segments=("wmo-wonen",))) == ("wmo-wonen",)


def test_a_segment_state_is_a_segment_state() -> None:
    state = ai.inkoop2022().segment_state_on("wmo-wonen", date(2022, 3, 20))
    assert state is ai.SegmentState.STANDSTILL
    assert state.label.nl == "standstill"
