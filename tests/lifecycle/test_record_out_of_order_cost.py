"""What recording out of order costs (issue 13, item 9), counted, not timed: the steps the
timeline takes grow with the steps after the event recorded, not with the whole record for each.

Timing lives in ``benchmarks/`` (``make bench``: the row "record in random date order").
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest

import achterhoek_inkoop as ai
from achterhoek_inkoop.lifecycle._timeline import Timeline

#: Steps between two marks at most in these records (a few segments: ``lifecycle._marks.EVERY``
#: and the day's end), with room.
MARKED = 4 * 64

N = 2_000
#: Events recorded out of order near the end of the record.
LATE = 40


@pytest.fixture
def steps() -> Iterator[list[int]]:
    """The number of events the timeline steps while the test runs (every path: building,
    appending, stepping again)."""
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


def _long_record() -> ai.Procedure:
    """The bundled procedure with ``N`` announcements, one a day from its start, built at once."""
    base = ai.inkoop2022().data
    first = min(e.on for e in base.events)
    notes = [ai.Announcement(on=first + dt.timedelta(days=i), title=f"Nieuwsbrief {i}") for i in range(N)]
    return ai.Procedure(base.model_copy(update={"events": (*base.events, *notes)}))


def test_recording_before_the_last_event_steps_from_a_mark_not_the_whole_record(steps: list[int]) -> None:
    proc = _long_record()
    last = max(e.on for e in proc.events)
    steps[0] = 0
    for i in range(LATE):  # each dated a few days before the last event
        proc.record(ai.Announcement(on=last - dt.timedelta(days=1 + i % 7), title=f"Laat {i}"))
    # Stepping the whole record again for each would take LATE * N steps (80,000); from the last
    # mark before each, a few hundred each, and once the whole record, to make the marks.
    assert steps[0] <= N + LATE * MARKED, steps[0]
    assert proc == ai.Procedure(proc.data)
    assert proc.check() == ai.Procedure(proc.data).check()


def test_the_cost_grows_with_the_steps_after_the_event_not_with_the_record(steps: list[int]) -> None:
    # An event in the middle of the record steps about half of it again; one near the end a few.
    proc = _long_record()
    events = sorted(proc.events, key=lambda e: e.on)
    proc.record(ai.Announcement(on=events[-1].on - dt.timedelta(days=1), title="maakt de merktekens"))
    costs = {}
    for where in (N // 2, N - 10):
        steps[0] = 0
        proc.record(ai.Announcement(on=events[where].on, title=f"op {where}"))
        costs[where] = steps[0]
    after_middle = sum(1 for e in proc.events if e.on >= events[N // 2].on)
    assert costs[N - 10] <= 10 + MARKED, costs
    assert costs[N // 2] <= after_middle + MARKED, costs
