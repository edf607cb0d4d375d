"""Hypothesis properties of procedures built from valid sequences of events.

The strategy builds a procedure of 1-4 segments: some dialogue before the
tender, a tender start for all segments, then per segment an award decision
(awarded or not) some days later; for an awarded segment optionally a kort
geding in the standstill and a ruling, a final award once the award may be
final, and a contract after that; for a segment not awarded optionally a
follow-up result and a contract. Every such sequence is valid: it breaks no
rule.
"""

from __future__ import annotations

import itertools
import tempfile
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import achterhoek_inkoop as ai

DAY = timedelta(days=1)
PHASE_RANK = {phase.value: rank for rank, phase in enumerate(ai.Phase)}
KINDS = ["gesprekstafel", "kennissessie", "bestuurlijk_overleg"]
TENDER_STATES = {"aanbesteding", "heraanbesteding"}
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@dataclass
class Generated:
    """A generated procedure and what the strategy knows about it."""

    data: ai.ProcedureData
    tender: date
    awarded: dict[str, date] = field(default_factory=dict)  # segment -> date the award decision was sent
    award_sent: dict[str, date] = field(default_factory=dict)  # every segment -> its award decision date
    kort_geding: set[str] = field(default_factory=set)

    def procedure(self) -> ai.Procedure:
        return ai.Procedure(self.data)


def offset(draw: Any, low: int, high: int) -> timedelta:
    return timedelta(days=draw(st.integers(low, high)))


def contract_events(draw: Any, seg: str, earliest: date) -> list[Any]:
    if not draw(st.booleans()):
        return []
    start = earliest + offset(draw, 0, 120)
    initial_end = start + offset(draw, 0, 3 * 366)
    max_end = initial_end + offset(draw, 0, 366)
    return [ai.Contract(on=start, initial_end=initial_end, max_end=max_end, segments=(seg,))]


@st.composite
def valid_procedures(draw: Any) -> Generated:
    count = draw(st.integers(1, 4))
    segments = tuple(
        ai.Segment(id=f"perceel-{i + 1}", name=f"Perceel {i + 1}",
                   domains=(draw(st.sampled_from(["jeugdhulp", "wmo", "beschermd_wonen"])),))
        for i in range(count)
    )
    tender = date(2021, 1, 4) + offset(draw, 0, 3 * 365)
    events: list[Any] = [
        ai.DialogueActivity(kind=draw(st.sampled_from(KINDS)), on=tender - offset(draw, 1, 90))
        for _ in range(draw(st.integers(0, 2)))
    ]
    events.append(ai.TenderStart(on=tender))
    if draw(st.booleans()):
        events.append(ai.NotaVanInlichtingen(on=tender + offset(draw, 0, 30), number=1))
    generated = Generated(data=None, tender=tender)  # type: ignore[arg-type]
    for segment in segments:
        seg = segment.id
        sent = tender + offset(draw, 1, 200)
        generated.award_sent[seg] = sent
        if draw(st.booleans()):
            generated.awarded[seg] = sent
            events.append(ai.AwardDecision(on=sent, outcome="awarded", segments=(seg,)))
            period = ai.standstill_period(sent)
            final = period.final_from
            if draw(st.booleans()):
                generated.kort_geding.add(seg)
                filed = sent + offset(draw, 0, (period.end - sent).days)
                events.append(ai.KortGeding(on=filed, segments=(seg,)))
                if not draw(st.booleans()):
                    continue  # still pending: no final award
                ruled = filed + offset(draw, 1, 60)
                outcome = draw(st.sampled_from(["rejected", "upheld"]))
                events.append(ai.KortGedingRuling(on=ruled, outcome=outcome, segments=(seg,)))
                if outcome == "upheld":
                    continue  # the award must be reconsidered: no final award
                final = max(final, ruled)
            if draw(st.booleans()):
                final += offset(draw, 0, 30)
                events.append(ai.FinalAward(on=final, segments=(seg,)))
            events += contract_events(draw, seg, final)
        else:
            follow_up = draw(st.sampled_from([None, "verkort_proces", "nader_onderzoek", "heraanbesteding"]))
            events.append(ai.AwardDecision(on=sent, outcome="not_awarded", follow_up=follow_up,
                                           segments=(seg,)))
            if draw(st.booleans()):
                result = sent + offset(draw, 1, 200)
                events.append(ai.FollowUpResult(on=result, outcome="awarded", segments=(seg,)))
                events += contract_events(draw, seg, result)
    # A file lists events in any order of recording; same-day events keep their relative order.
    events.sort(key=lambda e: e.on)
    generated.data = ai.ProcedureData(
        id="generated", name="Generated procurement", segments=segments, max_contract_years=7,
        events=tuple(events),
    )
    return generated


def sample_dates(proc: ai.Procedure, tender: date) -> list[date]:
    """Every date a state changes, the day before it, and some fixed offsets."""
    found = {tender - 400 * DAY, tender - DAY, tender}
    for seg in proc.data.segment_ids:
        for start, _end, _state in proc.intervals(seg):
            found |= {start - DAY, start, start + DAY}
    for start, _end, _state in proc.intervals():
        found |= {start - DAY, start}
    for event in proc.events:
        found |= {event.on - DAY, event.on, event.on + DAY}
    last = max(found)
    found |= {last + 365 * DAY, last + 4000 * DAY}
    return sorted(found)


@SETTINGS
@given(valid_procedures())
def test_valid_sequences_break_no_rule_and_record_one_by_one(gen: Generated) -> None:
    proc = gen.procedure()
    assert proc.check() == []
    # Recording the same events one at a time is accepted and gives the same procedure.
    incremental = ai.Procedure(gen.data.model_copy(update={"events": ()}))
    for event in gen.data.events:
        assert incremental.record(event) == []
    assert incremental == proc
    assert incremental.intervals() == proc.intervals()
    for seg in proc.data.segment_ids:
        assert incremental.intervals(seg) == proc.intervals(seg)


@SETTINGS
@given(valid_procedures())
def test_phase_never_goes_backwards(gen: Generated) -> None:
    proc = gen.procedure()
    days = sample_dates(proc, gen.tender)
    ranks = [PHASE_RANK[proc.phase_on(d)] for d in days]
    assert ranks == sorted(ranks)
    assert proc.phase_on(days[0]) is ai.Phase.DIALOOG
    assert proc.phase_on(gen.tender - DAY) is ai.Phase.DIALOOG
    assert proc.phase_on(gen.tender) is ai.Phase.AANBESTEDING  # every award decision comes later
    # The phase intervals follow the order of ai.Phase and tile the time line.
    intervals = proc.intervals()
    assert [PHASE_RANK[state] for _s, _e, state in intervals] == sorted(
        PHASE_RANK[state] for _s, _e, state in intervals)
    for (_s1, end, _p1), (start, _e2, _p2) in itertools.pairwise(intervals):
        assert end is not None
        assert start == end + DAY


@SETTINGS
@given(valid_procedures())
def test_dialogue_is_never_allowed_while_a_segment_it_concerns_is_in_a_tender(gen: Generated) -> None:
    proc = gen.procedure()
    for day in sample_dates(proc, gen.tender):
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
@given(valid_procedures())
def test_award_is_never_final_before_the_standstill_allows_it(gen: Generated) -> None:
    proc = gen.procedure()
    for seg, sent in gen.awarded.items():
        period = proc.standstill(seg)
        assert period is not None
        assert period.sent == sent
        for start, _end, state in proc.intervals(seg):
            if state in ("gunning.definitief_gegund", "in_uitvoering", "beeindigd"):
                assert start >= period.final_from, (seg, start, state, period.final_from)
        assert proc.segment_state_on(seg, period.end) != "gunning.definitief_gegund"
        final = proc.final_award_from(seg)
        if final is not None:
            assert final >= period.final_from
        if seg not in gen.kort_geding:
            # Without a kort geding the award becomes final exactly when the standstill allows it.
            assert proc.segment_state_on(seg, period.final_from) in (
                "gunning.definitief_gegund", "in_uitvoering", "beeindigd")
            assert final == period.final_from


@SETTINGS
@given(valid_procedures())
def test_save_then_load_gives_an_equal_procedure(gen: Generated) -> None:
    proc = gen.procedure()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "procedure.json"
        proc.save(path)
        loaded = ai.load_procedure(path)
        assert loaded == proc
        assert loaded.to_json() == path.read_text(encoding="utf-8")
        assert [e.type for e in loaded.events] == [e.type for e in proc.events]
        assert loaded.intervals() == proc.intervals()
        for seg in proc.data.segment_ids:
            assert loaded.intervals(seg) == proc.intervals(seg)
        assert loaded.check() == proc.check()


def observe(proc: ai.Procedure, days: list[date]) -> tuple[Any, ...]:
    return (
        proc.events,
        proc.check(),
        [proc.phase_on(d) for d in days],
        [proc.dialogue_allowed(d) for d in days],
        [proc.intervals(seg) for seg in proc.data.segment_ids],
    )


@SETTINGS
@given(valid_procedures(), st.data())
def test_record_of_an_invalid_event_changes_nothing(gen: Generated, data: st.DataObject) -> None:
    proc = gen.procedure()
    days = sample_dates(proc, gen.tender)
    before = observe(proc, days)
    seg = data.draw(st.sampled_from(proc.data.segment_ids))
    sent = gen.award_sent[seg]
    in_tender = gen.tender + timedelta(days=data.draw(st.integers(0, (sent - gen.tender).days - 1)))
    assert proc.segment_state_on(seg, in_tender) == "aanbesteding"
    kind = data.draw(st.sampled_from(KINDS))
    invalid: list[tuple[Any, type[Exception]]] = [
        (ai.DialogueActivity(kind=kind, on=in_tender, segments=(seg,)), ai.RuleViolation),
        (ai.DialogueActivity(kind=kind, on=in_tender), ai.RuleViolation),
        (ai.AwardDecision(on=sent, outcome="awarded", segments=("onbekend-perceel",)), ai.InvalidInputError),
        (ai.FinalAward(on=in_tender, segments=(seg,)), ai.RuleViolation),
        (ai.AwardDecision(on=gen.tender - DAY, outcome="awarded", segments=(seg,)), ai.RuleViolation),
    ]
    if seg in gen.awarded and seg not in gen.kort_geding:
        period = proc.standstill(seg)
        assert period is not None
        invalid.append((ai.FinalAward(on=period.end, segments=(seg,)), ai.RuleViolation))
    for event, error in invalid:
        with pytest.raises(error):
            proc.record(event)
        assert observe(proc, days) == before, event


FINAL_OR_LATER = ("gunning.definitief_gegund", "in_uitvoering", "beeindigd")


@SETTINGS
@given(valid_procedures())
def test_final_award_from_is_the_day_the_award_became_final(gen: Generated) -> None:
    # For a record that is complete, final_award_from is the first day the segment is in a final
    # state; None when its award never became final (a kort geding pending or upheld, not awarded).
    proc = gen.procedure()
    for seg in proc.data.segment_ids:
        finals = [start for start, _end, state in proc.intervals(seg) if state in FINAL_OR_LATER]
        assert proc.final_award_from(seg) == (finals[0] if finals else None), proc.intervals(seg)
