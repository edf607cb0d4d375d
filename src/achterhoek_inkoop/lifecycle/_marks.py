"""Settling a replay after records out of order: stepping again only from the last mark before them.

An event dated before the last is recorded by the ledger (see :mod:`._ledger`):
it decides the violations exactly, stepping again only the courses the event
concerns. What it leaves stale (the replay's timeline, checker, merged
violations and inferred final awards) is built again when next read
(``Replay.settle``): not from the whole record, but from a *mark* before the
first day the events recorded since may have changed.

A mark is a whole snapshot of the timeline and the checker's state at the
start of a day, taken every :func:`every_for` steps. Settling goes back to
the last mark on or before the first affected day (the earliest new event,
or the earliest final award a contract of their segments showed, before or
after them), steps every event from that mark's day on, finds the final
awards the contracts show as stepping the whole record does, runs the checks
of those events again, and replaces the violations from that day on. What
comes out is what stepping the whole record again gives (a property test
compares them): the steps before the mark are the same, those after it the
same in the same order (:func:`~._timeline.step_key`), from the same state.

Where that cannot be told (the final awards the contracts show change, or a
violation stands on the other side of the mark than its step), or anything
else goes wrong, the whole record is stepped again, as it always was.

The marks are made the first time a record out of order leaves the replay
stale (one pass over the record), so loading a file or recording in date
order pays nothing for them; recording at the end keeps them
(:meth:`Marks.appended`).
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

from ..record import Contract, Event, FinalAward
from ._checks import RecordChecker
from ._rules import Violation
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
    from ._ledger import Ledger, _Run
    from ._replay import Replay

__all__ = ["EVERY", "Mark", "Marks", "Stale", "build_marks", "first_affected", "restart", "settle"]

#: Steps between two marks at least (a mark is taken at the first start of a day after them).
EVERY = 64

#: What the checker carries from one event to the next: the contracts by segment, the delegates.
CheckerState = tuple[dict[str, Contract], dict[dt.date | None, int]]
_Found = tuple[Violation, int]


@dataclass(slots=True)
class Mark:
    """The replay at the start of ``day``: the whole timeline before its first step, the checker
    before its first event."""

    day: dt.date
    timeline: TimelineSnapshot
    checker: CheckerState | None


class Marks:
    """The marks of a replay, and how many steps it took since the last one, up to which day."""

    __slots__ = ("day", "every", "marks", "since")

    def __init__(self, marks: list[Mark], every: int, since: int, day: dt.date) -> None:
        self.marks, self.every, self.since, self.day = marks, every, since, day

    def due(self, on: dt.date) -> bool:
        """Whether a step dated ``on``, stepped at the end, starts a day a mark is due at."""
        return self.since >= self.every and self.day < on

    def appended(self, on: dt.date, timeline: TimelineSnapshot | None, checker: CheckerState | None
                 ) -> None:
        """Count a step dated ``on`` stepped at the end; ``timeline`` (whole, when :meth:`due`) and
        ``checker``: the states before it."""
        if timeline is not None and self.due(on):
            self.marks.append(Mark(on, timeline, checker))
            self.since = 0
        self.since += 1
        self.day = on

    def forget_after(self, day: dt.date) -> None:
        """Drop the marks after ``day`` (an event of ``day`` changed what they hold)."""
        while len(self.marks) > 1 and self.marks[-1].day > day:
            self.marks.pop()
        self.since = self.every  # (a mark is due at the next day's start again)


@dataclass(slots=True)
class Stale:
    """What a replay left stale holds: its state before the records out of order, the index in the
    record of the first event recorded since, and the first day they may have changed."""

    timeline: Timeline
    checker: RecordChecker
    found: list[_Found]
    inferred: list[FinalAward]
    start: int
    since: dt.date


def every_for(segments: int) -> int:
    """The steps between two marks for a procedure of ``segments`` segments (a mark keeps a
    snapshot of every segment: more segments, fewer marks)."""
    return max(EVERY, 4 * segments)


def first_affected(new: Sequence[Event], changed: Sequence[str], before: dict[str, _Run | None],
                   ledger: Ledger, inferred: Sequence[FinalAward]) -> dt.date:
    """The first day ``new`` may change: the earliest of them, or of the final awards a contract of
    the ``changed`` segments showed, before them (the ledger's runs ``before``; a segment not
    stepped since the replay was built: the replay's ``inferred``) or after them."""
    days = [e.on for e in new]
    for s in changed:
        run = before.get(s)
        days += run.inferred if run is not None else [a.on for a in inferred if a.segments == (s,)]
        days += ledger.run(s).inferred
    return min(days)


def _step(timeline: Timeline, steps: Sequence[Step], marks: Marks | None) -> None:
    """Step ``steps``; with ``marks``, add one at each day's start it is due at."""
    for on, _order, index, event in steps:
        if marks is not None:
            marks.appended(on, timeline.snapshot() if marks.due(on) else None, None)  # see _check
        timeline.append(event, index)


def build_marks(replay: Replay, events: Sequence[Event]) -> Marks:
    """Step the record (``events``) once more, marking it, and take the checker's states at the
    marks; the replay's timeline becomes the one stepped (in the same state)."""
    old = replay.timeline
    timeline = Timeline(old.data, old.calendar)
    timeline.standstills = old.standstills  # the same decisions' standstills
    marks = Marks([Mark(dt.date.min, timeline.snapshot(), None)], every_for(len(old.all_segments)),
                  0, dt.date.min)
    _step(timeline, replay_steps(events, replay.inferred), marks)
    timeline.project()
    replay.timeline = timeline
    _check(RecordChecker(replay.checker.data), events, range(len(events)), timeline, marks.marks)
    return marks


def _check(checker: RecordChecker, record: Sequence[Event], indices: Sequence[int] | range,
           timeline: Timeline, marks: Sequence[Mark]) -> list[_Found]:
    """Check the events of ``indices`` in date order (then index), as building a replay does; take
    the checker's state at each of ``marks`` on the way."""
    found: list[_Found] = []
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


class _CannotTell(Exception):
    """Settling from a mark cannot tell what stepping the whole record tells."""


def restart(replay: Replay, stale: Stale, kept: Marks, record: Sequence[Event]) -> None:
    """Settle ``replay`` (left ``stale``, its marks ``kept``) with ``record`` from the last mark on
    or before the first affected day; raise where it cannot tell (see the module's docstring)."""
    timeline, checker = stale.timeline, stale.checker
    m = bisect_right([mark.day for mark in kept.marks], stale.since) - 1
    mark = kept.marks[m]
    if mark.checker is None:
        raise _CannotTell
    before = [a for a in stale.inferred if a.on < mark.day]
    base = sorted([(e.on, day_order(e), i, e) for i, e in enumerate(record) if e.on >= mark.day],
                  key=step_key)
    more: list[FinalAward] = []
    while True:
        marks = Marks(kept.marks[:m + 1], kept.every, 0, dt.date.min)
        run = sorted(base + [(a.on, INFERRED_ORDER, -1, a) for a in more], key=step_key) if more else base
        timeline.restore(mark.timeline)
        _step(timeline, run, marks)
        known = {(a.segments, a.on) for a in before + more}
        found = [inferred_final_award(seg, day, shown)
                 for seg, day, shown in timeline.inferred[mark.timeline.inferred:]
                 if ((seg,), day) not in known]
        if not found:
            break
        more += found
    inferred = before + more
    if len(inferred) != len(stale.inferred) or any(a not in stale.inferred for a in inferred):
        raise _CannotTell  # the final awards the contracts show changed: their order may too
    timeline.project()
    if any(v.on >= mark.day for v, _ in timeline.violations[:mark.timeline.violations]):
        raise _CannotTell
    checker.contracts, checker.delegates = dict(mark.checker[0]), mark.checker[1]
    for day in [day for day in checker.dialogues_on if day >= mark.day]:
        del checker.dialogues_on[day]
    checks = _check(checker, record, [step[2] for step in run if step[2] >= 0], timeline,
                    marks.marks[m + 1:])
    tail = sorted(timeline.violations[mark.timeline.violations:] + checks,
                  key=lambda pair: (pair[0].on, pair[1]))
    if tail and tail[0][0].on < mark.day:
        raise _CannotTell
    keep = bisect_left(stale.found, mark.day, key=lambda pair: pair[0].on)
    replay.timeline, replay.checker, replay.inferred = timeline, checker, stale.inferred
    replay.found = stale.found[:keep] + tail
    replay.marks = marks


def settle(replay: Replay, names: Sequence[str]) -> None:
    """Build the ``names`` of ``replay`` left stale: from a mark (:func:`restart`), or where that
    cannot tell, or anything at all fails, from the whole record, as it always was."""
    from ._replay import Replay

    stale, marks = cast("Stale", replay.stale), replay.marks
    replay.stale = replay.marks = None
    record = replay.record or []
    try:
        if marks is not None:
            restart(replay, stale, marks, record)
            return
    except Exception:  # whatever it was, stepping the whole record tells
        pass
    ledger = cast("Ledger", replay.ledger)
    whole = Replay(ledger.data.model_copy(update={"events": tuple(record)}), ledger.calendar)
    for name in names:
        setattr(replay, name, getattr(whole, name))
