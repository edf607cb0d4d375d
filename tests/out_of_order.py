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
