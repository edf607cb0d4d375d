"""Recording events one by one gives exactly what computing the whole record at once gives.

Procedure.record steps an event dated on or after every earlier one on its own
(and undoes it when refused); an earlier event makes it compute everything
again. Both paths must agree with a procedure built from the same events.
"""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

import achterhoek_inkoop as ai

SEGMENTS = ("a", "b")
START = date(2022, 1, 3)
DATES = [START + timedelta(days=i) for i in range(-3, 200, 4)]


def base() -> ai.ProcedureData:
    return ai.ProcedureData(
        id="incrementeel",
        name="Incremental",
        segments=tuple(ai.Segment(id=s, name=s.upper(), domains=("wmo",)) for s in SEGMENTS),
        municipalities=(ai.Municipality(id="g", name="G", segments=("a",)),),
        max_contract_years=7,
        bestuurlijk_overleg=ai.BestuurlijkOverlegSettings(
            registration_deadline=date(2022, 1, 20), max_delegation_size=3),
    )


segments = st.none() | st.lists(st.sampled_from(SEGMENTS), min_size=1, max_size=2, unique=True).map(tuple)


@st.composite
def events(draw: st.DrawFn, on: date) -> ai.Event:
    kind = draw(st.sampled_from([
        "tender", "award", "not_awarded", "kg", "ruling", "final", "contract", "extension",
        "dialogue", "registration", "follow_up", "transfer",
    ]))
    segs = draw(segments)
    if kind == "tender":
        return ai.TenderStart(on=on, segments=segs)
    if kind == "award":
        return ai.AwardDecision(on=on, outcome="awarded", segments=segs)
    if kind == "not_awarded":
        follow = draw(st.sampled_from(["verkort_proces", "nader_onderzoek", "heraanbesteding"]))
        return ai.AwardDecision(on=on, outcome="not_awarded", follow_up=follow, segments=segs)
    if kind == "kg":
        return ai.KortGeding(on=on, segments=segs)
    if kind == "ruling":
        return ai.KortGedingRuling(on=on, outcome=draw(st.sampled_from(["rejected", "upheld"])),
                                   segments=segs)
    if kind == "final":
        return ai.FinalAward(on=on, segments=segs)
    if kind == "contract":
        years = draw(st.integers(1, 9))
        return ai.Contract(on=on, initial_end=on + timedelta(days=300),
                           max_end=on.replace(year=on.year + years) - timedelta(days=1),
                           segments=segs, municipalities=draw(st.none() | st.just(("g",))))
    if kind == "extension":
        return ai.ContractExtension(on=on, segments=segs,
                                    extended_to=draw(st.none() | st.just(on + timedelta(days=900))))
    if kind == "dialogue":
        return ai.DialogueActivity(on=on, kind="gesprekstafel", segments=segs)
    if kind == "registration":
        return ai.Registration(on=on, organisation="Branche", delegation_size=draw(st.integers(1, 5)),
                               domains=("wmo",))
    if kind == "follow_up":
        return ai.FollowUpResult(on=on, outcome="awarded", segments=segs)
    return ai.ClientTransfer(on=on, segments=segs, municipalities=("g",))


@st.composite
def logs(draw: st.DrawFn) -> list[ai.Event]:
    found: list[ai.Event] = []
    day = START
    for _ in range(draw(st.integers(0, 14))):
        # Mostly forward (the cheap path), sometimes the same day, sometimes back in time.
        day += timedelta(days=draw(st.sampled_from([0, 1, 5, 12, 25, -9])))
        found.append(draw(events(day)))
    return found


def snapshot(proc: ai.Procedure) -> object:
    return (
        proc.intervals(),
        {s: proc.intervals(s) for s in SEGMENTS},
        {s: proc.final_award_from(s) for s in SEGMENTS},
        {s: proc.standstill(s) for s in SEGMENTS},
        {s: proc.contract_end(s) for s in SEGMENTS},
        list(proc.check()),
        {m: proc.actual(m) for m in ("aanbesteding", "gunning", "contract_start")},
        # Asked before and after each record: the per-date memo must follow the record.
        [(proc.phase_on(d), proc.dialogue_allowed(d)) for d in DATES],
    )


@settings(max_examples=300, deadline=None)
@given(logs())
def test_recording_one_by_one_equals_building_at_once(log: list[ai.Event]) -> None:
    proc = ai.Procedure(base())
    for event in log:
        before = snapshot(proc)
        try:
            proc.record(event)
        except ai.RuleViolation:
            assert snapshot(proc) == before  # a refused event changes nothing
    whole = ai.Procedure(base().model_copy(update={"events": proc.events}))
    assert snapshot(proc) == snapshot(whole)
    assert proc == whole
    for day in DATES:  # the all-segments answer is kept on its own track: it must be the conjunction
        assert proc.dialogue_allowed(day) == all(proc.dialogue_allowed(day, segments=[s]) for s in SEGMENTS)
