"""Hypothesis properties of valid procedures: the library's own strategies build them.

``ais.procedure_data()`` draws whole procedure files whose events break no
rule: 1-4 segments, municipalities joining all or some of them, the settings a
file may hold (a standstill of 20, 25 or 30 days, with or without the Atw),
and up to 12 events, each one that ``Procedure.allowed_events`` gives for the
record before it. ``ais.out_of_order_events(proc)`` draws the events such a
procedure must refuse. Paths the walk seldom takes (a kort geding upheld and a
new award, a final award recorded, a follow-up after no award, a kort geding
still pending) are given as explicit examples besides.
"""

from __future__ import annotations

import itertools
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from helpers import DAY, observe, procedure, sample_dates
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import achterhoek_inkoop as ai
from achterhoek_inkoop import strategies as ais

PHASE_RANK = {phase.value: rank for rank, phase in enumerate(ai.Phase)}
TENDER_STATES = {"aanbesteding", "heraanbesteding"}
FINAL_OR_LATER = ("gunning.definitief_gegund", "in_uitvoering", "beeindigd")
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def seldom_walked() -> ai.Procedure:
    """a: a kort geding upheld, awarded again; b: final award, contract, extension; c: not awarded,
    re-tendered, awarded in the follow-up, contract; d: a kort geding still pending."""
    return procedure(
        ai.DialogueActivity(kind="bestuurlijk_overleg", on=date(2021, 12, 1)),
        ai.TenderStart(on=date(2022, 1, 3)),
        ai.NotaVanInlichtingen(on=date(2022, 2, 1), number=1),
        ai.AwardDecision(on=date(2022, 3, 14), outcome="awarded", segments=("a", "b", "d")),
        ai.AwardDecision(on=date(2022, 3, 14), outcome="not_awarded", follow_up="heraanbesteding",
                         segments=("c",)),
        ai.KortGeding(on=date(2022, 3, 20), segments=("a",)),
        ai.KortGeding(on=date(2022, 3, 21), segments=("d",)),
        ai.FinalAward(on=date(2022, 4, 5), segments=("b",)),
        ai.KortGedingRuling(on=date(2022, 4, 20), outcome="upheld", segments=("a",)),
        ai.AwardDecision(on=date(2022, 5, 2), outcome="awarded", segments=("a",)),
        ai.Contract(on=date(2022, 7, 1), initial_end=date(2024, 6, 30), max_end=date(2026, 6, 30),
                    segments=("b",)),
        ai.FollowUpResult(on=date(2022, 9, 1), outcome="awarded", segments=("c",)),
        ai.Contract(on=date(2022, 10, 1), initial_end=date(2024, 9, 30), max_end=date(2024, 9, 30),
                    segments=("c",)),
        ai.ContractExtension(on=date(2024, 1, 15), extended_to=date(2025, 6, 30), segments=("b",)),
        segments=("a", "b", "c", "d"), record=True)


def pending_in_the_standstill() -> ai.Procedure:
    """A standstill of 30 days in the strict reading, a kort geding filed on its last day."""
    return procedure(
        ai.TenderStart(on=date(2027, 4, 1)),
        ai.AwardDecision(on=date(2027, 10, 1), outcome="awarded"),
        ai.KortGeding(on=date(2027, 10, 31)),
        standstill_days=30, standstill_atw=False, record=True)


def with_seldom_paths(test: Any) -> Any:
    """``test`` (of a procedure) also on the procedures of the paths the walk seldom takes."""
    return example(proc=seldom_walked())(example(proc=pending_in_the_standstill())(test))


def about(proc: ai.Procedure, seg: str, event_type: str) -> list[ai.Event]:
    """The events of ``event_type`` that concern ``seg``, in date order."""
    return [e for e in proc.events if e.type == event_type and seg in proc.segments_of(e)]


@SETTINGS
@given(ais.procedure_data())
@example(data=seldom_walked().data)
@example(data=pending_in_the_standstill().data)
def test_valid_sequences_break_no_rule_and_record_one_by_one(data: ai.ProcedureData) -> None:
    proc = ai.Procedure(data)
    assert proc.check() == []
    # Recording the same events one at a time is accepted and gives the same procedure.
    incremental = ai.Procedure(data.model_copy(update={"events": ()}))
    for event in data.events:
        assert incremental.record(event) == []
    assert incremental == proc
    days = sample_dates(proc)
    assert observe(incremental, days) == observe(proc, days)


@SETTINGS
@given(ais.procedures())
@with_seldom_paths
def test_phase_never_goes_backwards(proc: ai.Procedure) -> None:
    days = sample_dates(proc)
    ranks = [PHASE_RANK[proc.phase_on(d)] for d in days]
    assert ranks == sorted(ranks)
    assert proc.phase_on(days[0]) is ai.Phase.DIALOOG
    # Only a tender start takes a segment out of dialoog: the procedure leaves it on the first one.
    tenders = [e.on for e in proc.events if e.type == "tender_start"]
    if tenders:
        assert proc.phase_on(min(tenders) - DAY) is ai.Phase.DIALOOG
        assert proc.phase_on(min(tenders)) is not ai.Phase.DIALOOG
    else:
        # Without a tender only a cancellation ends the dialoog.
        assert {proc.phase_on(d) for d in days} <= {ai.Phase.DIALOOG, ai.Phase.AFGEROND}
    # The phase intervals follow the order of ai.Phase and tile the time line.
    intervals = proc.intervals()
    assert [PHASE_RANK[state] for _s, _e, state in intervals] == sorted(
        PHASE_RANK[state] for _s, _e, state in intervals)
    for (_s1, end, _p1), (start, _e2, _p2) in itertools.pairwise(intervals):
        assert end is not None
        assert start == end + DAY


@SETTINGS
@given(ais.procedures())
@with_seldom_paths
def test_dialogue_is_never_allowed_while_a_segment_it_concerns_is_in_a_tender(proc: ai.Procedure) -> None:
    for day in sample_dates(proc):
        states = {seg: proc.segment_state_on(seg, day) for seg in proc.data.segment_ids}
        for seg, state in states.items():
            if state in TENDER_STATES:
                assert proc.dialogue_allowed(day, segments=[seg]) is False, (seg, day, state)
                assert proc.dialogue_allowed(day) is False
                others = [s for s in proc.data.segment_ids if s != seg]
                assert proc.dialogue_allowed(day, segments=[*others, seg]) is False
            if state in ("dialoog", "gunning.definitief_gegund", "in_uitvoering", "beeindigd"):
                assert proc.dialogue_allowed(day, segments=[seg]) is True, (seg, day, state)
        if any(state in TENDER_STATES for state in states.values()):
            assert proc.phase_on(day) is not ai.Phase.DIALOOG


@SETTINGS
@given(ais.procedures())
@with_seldom_paths
def test_award_is_never_final_before_the_standstill_allows_it(proc: ai.Procedure) -> None:
    for seg in proc.data.segment_ids:
        decisions = [e for e in about(proc, seg, "award_decision") if isinstance(e, ai.AwardDecision)]
        period = proc.standstill(seg)
        if not decisions or decisions[-1].outcome != "awarded":
            assert period is None, (seg, decisions)
            continue
        voided = [e for e in proc.events if seg in proc.segments_of(e) and e.on >= decisions[-1].on and (
            e.type in ("award_withdrawal", "cancellation")
            or (isinstance(e, ai.KortGedingRuling) and e.outcome == "upheld"))]
        if period is None:
            # Withdrawn, cancelled or annulled by the court: its standstill no longer counts.
            assert voided or decisions[-1].standstill_exemption is not None, (seg, proc.events)
            continue
        sent = decisions[-1].on
        if decisions[-1].standstill_exemption is not None:
            # No standstill is needed (Aw 2012 art. 2.127 lid 4): it may become final at once.
            assert period is None
            assert proc.final_award_from(seg) in (sent, None)
            continue
        assert period is not None
        assert period.sent == sent
        days = decisions[-1].standstill_days or proc.data.standstill_days
        assert period == ai.standstill_period(
            sent, days, atw=proc.data.standstill_atw, rulebook=proc.data.rulebook,
            electronic=decisions[-1].sent_electronically is not False)
        for start, _end, state in proc.intervals(seg):
            if state in FINAL_OR_LATER and start >= sent:
                assert start >= period.final_from, (seg, start, state, period.final_from)
        assert proc.segment_state_on(seg, period.end) not in FINAL_OR_LATER
        final = proc.final_award_from(seg)
        if final is not None:
            assert final >= period.final_from
        became = proc.final_award_on(seg)
        if became is not None and became >= sent:
            assert became >= period.final_from
        if not [e for e in about(proc, seg, "kort_geding") if e.on >= sent]:
            # Without a kort geding the award may become final exactly when the standstill allows it.
            assert proc.segment_state_on(seg, period.final_from) in (
                "gunning.standstill_verstreken", *FINAL_OR_LATER)


@SETTINGS
@given(ais.procedures())
@with_seldom_paths
def test_save_then_load_gives_an_equal_procedure(proc: ai.Procedure) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "procedure.json"
        proc.save(path)
        loaded = ai.load_procedure(path)
        assert loaded == proc
        assert loaded.to_json() == path.read_text(encoding="utf-8")
        assert [e.type for e in loaded.events] == [e.type for e in proc.events]
        days = sample_dates(proc)
        assert observe(loaded, days) == observe(proc, days)


@SETTINGS
@given(ais.procedures(), st.data())
def test_record_of_an_invalid_event_changes_nothing(proc: ai.Procedure, data: st.DataObject) -> None:
    days = sample_dates(proc)
    before = observe(proc, days)
    refused = data.draw(st.lists(ais.out_of_order_events(proc), min_size=1, max_size=4), label="refused")
    for event in refused:
        with pytest.raises(ai.RuleViolation) as info:
            proc.record(event)
        assert info.value.violations
        assert all(v.severity == "error" for v in info.value.violations)
        assert observe(proc, days) == before, event
    unknown = data.draw(ais.unknown_ids(known=proc.data.segment_ids), label="unknown segment")
    on = data.draw(ais.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31)), label="on")
    with pytest.raises(ai.InvalidInputError) as caught:
        proc.record(ai.AwardDecision(on=on, outcome="awarded", segments=(unknown,)))
    assert caught.value.value == unknown
    assert observe(proc, days) == before


@SETTINGS
@given(ais.procedures())
@with_seldom_paths
def test_final_award_on_is_the_day_the_award_became_final(proc: ai.Procedure) -> None:
    # final_award_on is the first day the segment is in a final state (the final award recorded,
    # or inferred from a contract); None when its award never became final.
    for seg in proc.data.segment_ids:
        finals = [start for start, _end, state in proc.intervals(seg) if state in FINAL_OR_LATER]
        assert proc.final_award_on(seg) == (finals[0] if finals else None), proc.intervals(seg)
        inferred = [e.on for e in proc.inferred_events if seg in proc.segments_of(e)]
        if inferred:
            # Inferred only where no final award is recorded, on the first day it could be.
            assert not about(proc, seg, "final_award") or min(inferred) < min(
                e.on for e in about(proc, seg, "final_award"))
            assert proc.final_award_on(seg) == min(inferred)


@SETTINGS
@given(ais.procedures())
@with_seldom_paths
def test_the_phase_is_the_projection_of_the_segments_states(proc: ai.Procedure) -> None:
    """The rule in the README ("The phase is a projection"), checked on every date a state changes."""
    from achterhoek_inkoop.lifecycle import LIFECYCLE

    order = list(ai.Phase)
    subjects = (None, *proc.data.segment_ids)
    changes = sorted({start for seg in subjects for start, _end, _state in proc.intervals(seg)})
    previous = ai.Phase.DIALOOG
    for day in changes:
        phase = proc.phase_on(day)
        states = [proc.segment_state_on(seg, day) for seg in proc.data.segment_ids]
        specs = [s.spec for s in states]
        # Never behind the segments, never back, and stable: projecting it again changes nothing.
        assert order.index(phase) >= order.index(LIFECYCLE.project_phase(ai.Phase.DIALOOG, states))
        assert order.index(phase) >= order.index(previous)
        assert LIFECYCLE.project_phase(phase, states) == phase
        if phase != previous:
            # Where it moves on: implementation or execution only when no segment awaits its award;
            # closed only when every segment ended its course.
            if phase in (ai.Phase.IMPLEMENTATIE, ai.Phase.UITVOERING):
                assert not any(spec.awaiting_award for spec in specs), (day, states)
            if phase == ai.Phase.AFGEROND:
                assert all(spec.terminal for spec in specs), (day, states)
        previous = phase
