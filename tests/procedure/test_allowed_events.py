"""``Procedure.allowed_events``: what may happen next, exactly what ``record`` would accept."""

from __future__ import annotations

import typing
from datetime import date, timedelta

import pytest
from helpers import assert_invalid_input, procedure
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import achterhoek_inkoop as ai
from achterhoek_inkoop import strategies as ais
from achterhoek_inkoop.lifecycle import LIFECYCLE
from achterhoek_inkoop.record import EVENT_MODELS, StandstillExemption

S = ai.SegmentState
EXEMPTIONS = typing.get_args(StandstillExemption)
SEGMENT_EVENTS = [e for e in LIFECYCLE.events if "segments" in EVENT_MODELS[e.event_type].model_fields]


def moves(proc: ai.Procedure, segment: str, on: date) -> dict[tuple[str, tuple[tuple[str, object], ...]], S]:
    """The allowed events that take the segment elsewhere, by (type, fields), with where they lead."""
    now = proc.segment_state_on(segment, on)
    return {(e.type, tuple(sorted(e.fields.items()))): e.state
            for e in proc.allowed_events(segment, on) if e.state != now}


def test_before_the_tender_its_start_or_a_cancellation_moves_a_segment() -> None:
    assert moves(ai.inkoop2022(), "wmo-wonen", date(2021, 1, 10)) == {
        ("tender_start", ()): S.AANBESTEDING, ("cancellation", ()): S.GESTAAKT}


def test_in_the_tender_the_award_decision_is_what_comes_next() -> None:
    assert moves(ai.inkoop2022(), "wmo-wonen", date(2021, 5, 1)) == {
        ("award_decision", (("outcome", "awarded"), ("standstill_exemption", None))): S.VOORLOPIG_GEGUND,
        # with a ground of Aw 2012 art. 2.127 lid 4, there is no standstill
        **{("award_decision", (("outcome", "awarded"), ("standstill_exemption", ground))):
           S.STANDSTILL_VERSTREKEN for ground in EXEMPTIONS},
        ("award_decision", (("outcome", "not_awarded"),)): S.NIET_GEGUND,
        ("cancellation", ()): S.GESTAAKT,
    }


def test_in_the_standstill_a_kort_geding_may_come_but_no_final_award_and_no_dialogue() -> None:
    proc = ai.inkoop2022()
    allowed = {e.type for e in proc.allowed_events("wmo-wonen", date(2022, 3, 20))}
    assert moves(proc, "wmo-wonen", date(2022, 3, 20)) == {
        ("kort_geding", ()): S.KORT_GEDING,
        # a correcting decision, a withdrawal, a cancellation
        ("award_decision", (("outcome", "awarded"), ("standstill_exemption", None))): S.VOORLOPIG_GEGUND,
        **{("award_decision", (("outcome", "awarded"), ("standstill_exemption", ground))):
           S.STANDSTILL_VERSTREKEN for ground in EXEMPTIONS},
        ("award_decision", (("outcome", "not_awarded"),)): S.NIET_GEGUND,
        ("award_withdrawal", ()): S.HERBEOORDELING,
        ("cancellation", ()): S.GESTAAKT,
    }
    assert "final_award" not in allowed
    assert "dialogue_activity" not in allowed
    assert {"nota_van_inlichtingen", "objection", "announcement"} <= allowed


def test_after_the_standstill_a_kort_geding_is_allowed_with_a_warning() -> None:
    proc = ai.inkoop2022()
    late = next(e for e in proc.allowed_events("wmo-wonen", date(2022, 4, 10)) if e.type == "kort_geding")
    assert late.state == S.STANDSTILL_VERSTREKEN  # as known on 2022-04-10: may become final
    assert [w.rule for w in late.warnings] == ["kort-geding-na-standstill"]
    assert ("contract", ()) in moves(proc, "wmo-wonen", date(2022, 4, 10))


def test_a_date_in_the_past_is_judged_on_the_record_as_known_then() -> None:
    proc = ai.inkoop2022()
    # On 2021-05-01 the tender ran; what came later (the award) is not known yet.
    assert ("award_decision", (("outcome", "awarded"), ("standstill_exemption", None))) in moves(
        proc, "wmo-wonen", date(2021, 5, 1))
    assert proc.allowed_events("wmo-wonen", date(2021, 5, 1)) == proc.as_known_on(
        date(2021, 5, 1)).allowed_events("wmo-wonen", date(2021, 5, 1))


def test_a_tender_start_on_a_day_of_dialogue_about_the_segment_is_not_allowed() -> None:
    day = date(2027, 3, 1)
    proc = procedure(ai.DialogueActivity(on=day, kind="gesprekstafel"), record=True)
    assert "tender_start" not in {e.type for e in proc.allowed_events("perceel-1", day)}
    assert "tender_start" in {e.type for e in proc.allowed_events("perceel-1", day + timedelta(days=1))}


def test_an_allowed_event_builds_the_event_it_stands_for() -> None:
    proc = ai.inkoop2022()
    award = next(e for e in proc.allowed_events("wmo-wonen", date(2021, 5, 3))
                 if e.fields == {"outcome": "awarded", "standstill_exemption": None})
    event = award.build(date(2021, 5, 3), "wmo-wonen", providers=12)
    assert isinstance(event, ai.AwardDecision)
    assert (event.outcome, event.providers, event.segments) == ("awarded", 12, ("wmo-wonen",))
    assert award.model is ai.AwardDecision


def test_asking_changes_nothing() -> None:
    proc = ai.inkoop2022()
    before = (proc.check(), [proc.intervals(s) for s in proc.data.segment_ids], proc.intervals())
    for day in (date(2021, 5, 1), date(2022, 3, 20), date(2030, 1, 1)):
        proc.allowed_events("wmo-wonen", day)
    assert (proc.check(), [proc.intervals(s) for s in proc.data.segment_ids], proc.intervals()) == before
    assert proc == ai.inkoop2022()


@pytest.mark.parametrize(("segment", "on", "field", "value"), [
    ("geen-perceel", date(2022, 1, 1), "segment", "geen-perceel"),
    (None, date(2022, 1, 1), "segment", None),
    ("wmo-wonen", "01-01-2022", "on", "01-01-2022"),
])
def test_bad_arguments_name_themselves(segment: object, on: object, field: str, value: object) -> None:
    with pytest.raises(ai.InvalidInputError) as caught:
        ai.inkoop2022().allowed_events(segment, on)  # type: ignore[arg-type]
    assert_invalid_input(caught.value, field, value)


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(ais.procedures(max_segments=2, max_events=8), st.integers(0, 60), st.data())
def test_allowed_events_are_exactly_what_record_accepts(proc: ai.Procedure, gap: int, data: st.DataObject
                                                        ) -> None:
    last = max((e.on for e in proc.events), default=date(2000, 1, 1))
    day = last + timedelta(days=gap)
    segment = data.draw(st.sampled_from(proc.data.segment_ids))
    allowed = {(e.type, tuple(sorted(e.fields.items()))): e for e in proc.allowed_events(segment, day)}
    for entry in SEGMENT_EVENTS:
        key = (entry.event_type, tuple(sorted(entry.when.items())))
        trial = ai.Procedure(proc.data, calendar=proc.calendar)
        event = ai.AllowedEvent(entry.event_type, EVENT_MODELS[entry.event_type], dict(entry.when),
                                S.DIALOOG, ()).build(day, segment)
        if LIFECYCLE.trigger_of(event) != entry.trigger:
            continue   # an earlier entry of the type takes these fields
        try:
            warnings = trial.record(event)
        except ai.RuleViolation:
            assert key not in allowed, key
            continue
        assert key in allowed, key
        assert allowed[key].state == trial.segment_state_on(segment, day), key
        assert list(allowed[key].warnings) == warnings, key


@pytest.mark.parametrize("kind", list(ai.ProcedureType))
def test_a_procedure_of_any_type_may_start_its_tender(kind: ai.ProcedureType) -> None:
    # The probe behind allowed_events sets no time limit: one on the day of the notice would
    # break the minimum period of every type that has one, and the tender could never start.
    proc = procedure(segments=("a",), procedure_type=kind)
    offered = [e for e in proc.allowed_events("a", date(2024, 1, 8)) if e.type == "tender_start"]
    assert [e.state for e in offered] == [ai.SegmentState.AANBESTEDING]
