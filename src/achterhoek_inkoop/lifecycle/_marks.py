"""Recording an event dated before the last: stepping again only from the last mark before it.

A replay that records out of order keeps its steps in order and a *mark*
every few steps, at the start of a day: a snapshot of the timeline and of the
checker there. An event dated ``d`` is recorded by going back to the last
mark on or before ``d`` and stepping only the steps from that mark on, with
the event among them; the checks are run again only for the events from the
mark's day on, and only the violations from that day on are replaced. What
comes out is what stepping the whole record again would give (a property
test compares them): the steps are the same, in the same order
(:func:`~._timeline.step_key`), from the same state.

The final awards a contract shows (inferred: see :mod:`._replay`) are the
one thing that reaches back. Each is dated on or before its contract, and
depends only on its own segment's course up to that contract. So a mark is
usable only if no inferred final award before it was shown by a contract
after it; where stepping from the mark shows a final award dated before it,
the insertion goes back to an earlier mark (in the end the first, before
every step: the whole record).

The marks are made the first time an event is recorded out of order (one
pass over the record, what recording it cost before), so loading a file or
recording in date order pays nothing for them. There is one every
:data:`EVERY` steps (more with many segments, as a mark keeps a snapshot per
segment): memory grows with the record divided by that, not per event.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..record import Contract, Event, FinalAward
from ._checks import RecordChecker
from ._rules import RuleViolation, Violation
from ._timeline import (
    INFERRED_ORDER,
    Step,
    Timeline,
    TimelineSnapshot,
    day_order,
    inferred_final_award,
    replay_steps,
    step_key,
)

if TYPE_CHECKING:
    from ._replay import Replay

__all__ = ["EVERY", "Mark", "Marks", "insert", "steps_counted"]

#: Steps between two marks at least (a mark is taken at the first start of a day after them).
EVERY = 64

#: What the checker carries from one event to the next: the contracts by segment, the delegates.
_CheckerState = tuple[dict[str, Contract], dict[dt.date | None, int]]


@dataclass(slots=True)
class Mark:
    """The replay before step ``at``: every step before it is dated before ``day``, every step from
    it on ``day`` or later; ``timeline`` and ``checker`` are their states there."""

    at: int
    day: dt.date
    timeline: TimelineSnapshot
    checker: _CheckerState | None


class Marks:
    """The steps of a replay in the order they were stepped, and the marks among them."""

    __slots__ = ("every", "marks", "steps")

    def __init__(self, steps: list[Step], marks: list[Mark], every: int) -> None:
        self.steps = steps
        self.marks = marks
        self.every = every

    def appended(self, step: Step, timeline: TimelineSnapshot, checker: _CheckerState) -> None:
        """Keep ``step``, stepped at the end (``timeline`` and ``checker``: the states before it)."""
        steps = self.steps
        if len(steps) - self.marks[-1].at >= self.every and steps and steps[-1][0] < step[0]:
            self.marks.append(Mark(len(steps), step[0], timeline, checker))
        steps.append(step)


#: How many steps :func:`_step` has taken (a test counts the work of an insertion with it).
steps_counted = [0]


def every_for(segments: int) -> int:
    """The steps between two marks for a procedure of ``segments`` segments."""
    return max(EVERY, 4 * segments)


def _step(timeline: Timeline, steps: Sequence[Step], start: int, marks: list[Mark] | None,
          every: int) -> None:
    """Step ``steps[start:]``; with ``marks``, add one at the first day's start ``every`` steps on."""
    last = marks[-1].at if marks else start
    for n in range(start, len(steps)):
        on, _order, index, event = steps[n]
        if marks is not None and n - last >= every and steps[n - 1][0] < on:
            marks.append(Mark(n, on, timeline.snapshot(), None))
            last = n
        timeline.append(event, index)
    steps_counted[0] += len(steps) - start


def build_marks(replay: Replay, events: Sequence[Event]) -> Marks:
    """Step the record once more, marking it, and take the checker's states at the marks."""
    old = replay.timeline
    every = every_for(len(old.all_segments))
    steps = replay_steps(events, replay.inferred)
    timeline = Timeline(old.data, old.calendar)
    timeline.standstills = old.standstills  # the same decisions' standstills
    marks = [Mark(0, dt.date.min, timeline.snapshot(), None)]
    _step(timeline, steps, 0, marks, every)
    timeline.project()
    replay.timeline = timeline
    checker = RecordChecker(replay.checker.data)
    _check(checker, list(events), range(len(events)), timeline, marks)
    return Marks(steps, marks, every)


def _check(checker: RecordChecker, record: list[Event], indices: Sequence[int] | range,
           timeline: Timeline, marks: Sequence[Mark]) -> list[tuple[Violation, int]]:
    """Check the events of ``indices`` in date order (then index), as building a replay does; take
    the checker's state at each of ``marks`` on the way."""
    found: list[tuple[Violation, int]] = []
    pending = iter(marks)
    mark = next(pending, None)
    for i in sorted(indices, key=lambda i: (record[i].on, i)):
        event = record[i]
        while mark is not None and mark.day <= event.on:
            mark.checker = (dict(checker.contracts), checker.delegates)
            mark = next(pending, None)
        found += [(v, i) for v in checker.check(i, event, timeline)]
    while mark is not None:
        mark.checker = (dict(checker.contracts), checker.delegates)
        mark = next(pending, None)
    return found


def _usable(marks: list[Mark], since: dt.date, awards: Sequence[tuple[FinalAward, dt.date]]) -> int:
    """The last mark on or before ``since`` that no inferred final award reaches back over (one
    dated before it, shown by a contract on or after it)."""
    m = bisect_right([mark.day for mark in marks], since) - 1  # the first mark's day: date.min
    while m and any(award.on < marks[m].day <= shown for award, shown in awards):
        m -= 1
    return m


def insert(replay: Replay, new: Sequence[Event], events: Sequence[Event]) -> list[Violation]:
    """Record ``new`` (at the end of the record ``events``, dated anywhere) by stepping again from
    the last usable mark before them; return the violations they add, or raise
    :class:`RuleViolation` with the errors, and then the replay is as it was (as for anything
    else that stops it)."""
    if replay.marks is None:
        replay.marks = build_marks(replay, events)
    kept = replay.marks
    timeline, checker = replay.timeline, replay.checker
    awards = list(zip(replay.inferred, replay.shown, strict=True))
    n = len(events)
    added: list[Step] = [(e.on, day_order(e), n + i, e) for i, e in enumerate(new)]
    since = min(step[0] for step in added)
    saved = (checker.contracts, checker.delegates, dict(checker.dialogues_on))
    m = _usable(kept.marks, since, awards)
    try:
        while True:
            m = _usable(kept.marks, since, awards)
            mark = kept.marks[m]
            before = [(a, shown) for a, shown in awards if a.on < mark.day]
            base = [step for step in kept.steps[mark.at:] if step[2] >= 0] + added
            more: list[tuple[FinalAward, dt.date]] = []
            while True:
                marks = kept.marks[:m + 1]
                run = sorted(base + [(a.on, INFERRED_ORDER, -1, a) for a, _ in more], key=step_key)
                steps = kept.steps[:mark.at] + run
                timeline.restore(mark.timeline)
                _step(timeline, steps, mark.at, marks, kept.every)
                known = {(a.segments, a.on) for a, _ in before + more}
                found = [(inferred_final_award(seg, day, shown), shown)
                         for seg, day, shown in timeline.inferred[mark.timeline.inferred:]
                         if ((seg,), day) not in known]
                if not found:
                    break
                more += found
            if all(a.on >= mark.day for a, _ in more) or m == 0:
                break
            since = min(since, *(a.on for a, _ in more))  # shown before the mark: an earlier one
        timeline.project()
        record = [*events, *new]
        assert mark.checker is not None
        checker.contracts, checker.delegates = dict(mark.checker[0]), mark.checker[1]
        for day in [day for day in checker.dialogues_on if day >= mark.day]:
            del checker.dialogues_on[day]
        checks = _check(checker, record, [step[2] for step in run if step[2] >= 0], timeline,
                        marks[m + 1:])
        keep = bisect_left(replay.found, mark.day, key=lambda pair: pair[0].on)
        tail = sorted(timeline.violations[mark.timeline.violations:] + checks,
                      key=lambda pair: (pair[0].on, pair[1]))
        from ._replay import new_violations
        added_violations = new_violations([v for v, _ in tail], [v for v, _ in replay.found[keep:]])
        errors = [v for v in added_violations if v.severity == "error"]
        if errors:
            raise RuleViolation(errors)
    except BaseException:
        # Whatever stopped it (a broken rule, a date past the calendar), nothing changed.
        mark = kept.marks[m]
        timeline.restore(mark.timeline)
        _step(timeline, kept.steps, mark.at, None, kept.every)
        timeline.project()
        checker.contracts, checker.delegates, checker.dialogues_on = saved
        raise
    replay.found[keep:] = tail
    replay.inferred = [a for a, _ in before + more]
    replay.shown = [shown for _, shown in before + more]
    replay.marks = Marks(steps, marks, kept.every)
    replay.record = record
    return added_violations
