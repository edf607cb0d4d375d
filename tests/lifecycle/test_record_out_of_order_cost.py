"""What recording out of order costs (issue 13, item 9), counted, not timed: the steps the
timeline takes grow with the course of the segments the event concerns, not with the whole record
for each (see ``lifecycle/_ledger.py``).

Timing lives in ``benchmarks/`` (``make bench``: the row "record in random date order").
"""

from __future__ import annotations

import contextlib
import datetime as dt
import random

from out_of_order import many_segments

import achterhoek_inkoop as ai

#: Steps an event recorded out of order may take in these records, with room (an announcement
#: steps no course at all; stepping from a mark before it took up to a few hundred).
MARKED = 4 * 64

N = 2_000
#: Events recorded out of order near the end of the record.
LATE = 40


def _long_record() -> ai.Procedure:
    """The bundled procedure with ``N`` announcements, one a day from its start, built at once."""
    base = ai.inkoop2022().data
    first = min(e.on for e in base.events)
    notes = [ai.Announcement(on=first + dt.timedelta(days=i), title=f"Nieuwsbrief {i}") for i in range(N)]
    return ai.Procedure(base.model_copy(update={"events": (*base.events, *notes)}))


def test_recording_before_the_last_event_does_not_step_the_whole_record_again(steps: list[int]) -> None:
    proc = _long_record()
    last = max(e.on for e in proc.events)
    steps[0] = 0
    for i in range(LATE):  # each dated a few days before the last event
        proc.record(ai.Announcement(on=last - dt.timedelta(days=1 + i % 7), title=f"Laat {i}"))
    # Stepping the whole record again for each would take LATE * N steps (80,000); an
    # announcement steps no course, and the phases are computed again at most once, when asked.
    assert steps[0] <= N + LATE * MARKED, steps[0]
    assert proc == ai.Procedure(proc.data)
    assert proc.check() == ai.Procedure(proc.data).check()


def test_the_cost_grows_with_the_steps_after_the_event_not_with_the_record(steps: list[int]) -> None:
    # Stepping from a mark took about half the record for an event in its middle; an announcement
    # now steps no course wherever it falls.
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


#: A log of many segments, each going round a tender that is not awarded and a tender again.
SEGMENTS = 24
ROUNDS = 16


def test_recording_a_log_in_random_order_steps_each_segments_course_not_the_record(
        steps: list[int]) -> None:
    # Each event recorded out of order steps again the course of its own segment (a 24th of the
    # log), and the record as a whole before a later query: about 3,700 steps here. Stepping the
    # record again from a mark before each event took 347,760: a quarter of its length squared.
    data, events = many_segments(SEGMENTS, ROUNDS)
    random.Random(13).shuffle(events)
    proc = ai.Procedure(data)
    steps[0] = 0
    for event in events:
        with contextlib.suppress(ai.RuleViolation):
            proc.record(event)
    per_segment = len(events) // SEGMENTS
    assert steps[0] <= len(events) * per_segment, (steps[0], len(events))
    assert proc == ai.Procedure(proc.data)
    assert proc.check() == ai.Procedure(proc.data).check()
