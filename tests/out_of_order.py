"""What the tests of recording out of order compare, and how they count its work (issue 13).

:func:`answers` is everything a procedure answers that a record out of order
could get wrong; two procedures with the same record must give the same.
The fixture ``steps`` (``tests/lifecycle/conftest.py``) counts the events the
timeline steps, on every path (building, appending, stepping again), so a
cost is asserted without timing anything.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import achterhoek_inkoop as ai
from achterhoek_inkoop.lifecycle._timeline import Timeline


def answers(proc: ai.Procedure, days: list[dt.date]) -> dict[str, object]:
    """The violations (reported and as found), intervals, inferred final awards, award and contract
    dates of ``proc``, and its phase, dialogue and states on ``days``."""
    segments = proc.data.segment_ids
    return {
        "check": proc.check(),
        "violations": proc._replay.violations(),
        "intervals": [proc.intervals(), *(proc.intervals(s) for s in segments)],
        "inferred": proc.inferred_events,
        "finals": [(proc.final_award_on(s), proc.final_award_from(s), proc.standstill(s),
                    proc.contract_end(s)) for s in segments],
        "on": [(proc.phase_on(d), proc.dialogue_allowed(d), [proc.segment_state_on(s, d) for s in segments])
               for d in days],
    }


def counting_steps() -> Iterator[list[int]]:
    """A counter of the events the timeline steps while it is open (a fixture's body)."""
    count = [0]
    append = Timeline.append

    def counting(self: Timeline, event: ai.Event, index: int) -> None:
        count[0] += 1
        append(self, event, index)

    Timeline.append = counting  # type: ignore[method-assign]
    try:
        yield count
    finally:
        Timeline.append = append  # type: ignore[method-assign]


def bundled_with_what_reads_across_events(*, final_award: bool = True, second_contract: bool = True
                                          ) -> tuple[ai.ProcedureData, list[ai.Event]]:
    """The bundled procedure without events, and its record with what a check reads across
    events: dialogue in the tender and in a standstill that a final award recorded (with
    ``final_award``) or the one the contract shows ends, registrations adding up over a lowered
    delegation size, contracts (with ``second_contract``, a second one) and an extension past the
    end of the contract before it."""
    data = ai.inkoop2022().data
    both = ("jeugdhulp", "wmo", "beschermd_wonen")
    logeren = ("wmo-logeren",)
    events = [*data.events,
              ai.DialogueActivity(on=dt.date(2021, 5, 3), kind="gesprekstafel", segments=logeren),
              ai.DialogueActivity(on=dt.date(2022, 4, 7), kind="kennissessie", segments=("wmo-wonen",)),
              ai.DialogueActivity(on=dt.date(2022, 4, 12), kind="gesprekstafel"),
              *([ai.FinalAward(on=dt.date(2022, 4, 10), segments=("wmo-wonen",))] if final_award else []),
              ai.Registration(on=dt.date(2020, 12, 1), organisation="A", delegation_size=6, domains=both),
              ai.Registration(on=dt.date(2020, 12, 3), organisation="B", delegation_size=6, domains=both),
              ai.Contract(on=dt.date(2023, 1, 2), initial_end=dt.date(2026, 12, 31),
                          max_end=dt.date(2029, 12, 31), segments=logeren),
              *([ai.Contract(on=dt.date(2024, 1, 2), initial_end=dt.date(2026, 12, 31),
                             max_end=dt.date(2029, 6, 30), segments=logeren)] if second_contract else []),
              ai.ContractExtension(on=dt.date(2025, 1, 6), extended_to=dt.date(2029, 12, 31),
                                   segments=logeren),
              ai.Announcement(on=dt.date(2026, 1, 5), title="Nieuwsbrief")]
    limited = data.bestuurlijk_overleg.model_copy(update={"max_delegation_size": 10})
    return data.model_copy(update={"events": (), "bestuurlijk_overleg": limited}), events


def many_segments(segments: int, rounds: int) -> tuple[ai.ProcedureData, list[ai.Event]]:
    """A procedure of ``segments`` segments without events, and its log: one tender, then
    ``rounds`` times for each segment in turn a Nota van Inlichtingen, a decision not to award
    (a shortened follow-up) and its tender again, three days apart."""
    ids = tuple(f"perceel-{i:02d}" for i in range(segments))
    data = ai.ProcedureData(id="many", name="Many segments",
                            segments=tuple(ai.Segment(id=s, name=s) for s in ids))
    first = dt.date(2024, 1, 8)
    events: list[ai.Event] = [ai.TenderStart(on=first)]
    for r in range(rounds):
        for i, seg in enumerate(ids):
            day = first + dt.timedelta(days=1 + 3 * r * segments + 3 * i)
            events += [ai.NotaVanInlichtingen(on=day, segments=(seg,)),
                       ai.AwardDecision(on=day + dt.timedelta(days=1), segments=(seg,), outcome="not_awarded",
                                        follow_up="verkort_proces"),
                       ai.TenderStart(on=day + dt.timedelta(days=2), segments=(seg,))]
    return data, events
