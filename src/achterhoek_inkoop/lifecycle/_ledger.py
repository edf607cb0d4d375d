"""Recording an event dated before the last: stepping again only the courses it concerns.

Segments run their courses independently: the timeline steps an event once
for each segment it concerns, a delayed transition belongs to one segment,
and the final award a contract shows depends only on its own segment's course
up to that contract. What ties segments together is derived from the courses:
the phase, the dialogue track, the first dates of the milestones, the merged
list of violations.

So a :class:`Ledger` keeps, per segment, the steps that concern it (in the
order the replay steps them) and, once stepped, that segment's course alone
with the violations its steps found. Events recorded out of order step again
the courses of the segments they concern (none for an event no trigger of the
lifecycle fires, such as an announcement), and check again only the checks
that read what changed: the dialogue on or after the first day a course may
have changed, the extensions after a new contract, the registrations after a
new one (the other checks read only their own event; see ``RecordChecker``).
What they add is what stepping the whole record again would add: the
violations of those courses and checks afterwards, less those before, as
multisets (every other violation is the same on both sides).

Events that step no course change of the replay only the violations of the
events checked again and what the checker and the milestones keep: the
replay is brought up to date in place (:meth:`Ledger.refresh`). Otherwise its
timeline, checker and merged violations are stale: the replay builds them
again once, when next read (``Replay.settle``), from the last mark before the
first day the late events may change (see :mod:`._marks`), so a loop of
records pays that once. The ledger is made
the first time an event is recorded out of order, and follows the events
recorded in date order after it (:meth:`Ledger.appended`) at the cost of
marking their segments to be stepped again when next needed.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left, insort
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

from ..calendar import Calendar, StandstillPeriod
from ..record import (
    Contract,
    ContractExtension,
    DialogueActivity,
    Event,
    ProcedureData,
    Registration,
)
from ._checks import RecordChecker
from ._course import SegmentCourse
from ._declaration import LIFECYCLE
from ._rules import RuleViolation, Violation
from ._timeline import (
    CLOSED,
    INFERRED_ORDER,
    MILESTONE_OF,
    Step,
    Timeline,
    day_order,
    inferred_final_award,
    segments_of,
    step_key,
)
from ._track import Track

if TYPE_CHECKING:
    from ._replay import Replay

__all__ = ["Ledger"]

#: Where a violation stands in the replay's merged list: its date, its event's index (-1: an
#: inferred final award), then 0 and the place of its segment among the event's (a step's
#: violation; for an inferred award: the day and index of the contract that showed it), or 1 and
#: its place among the event's checks; last its place among the violations of that.
_Key = tuple[dt.date, int, int, int, int]
_Found = tuple[_Key, Violation]
#: An event the checker reads in date order: its date, its index in the record, the event.
_Dated = tuple[dt.date, int, Event]


@dataclass(slots=True)
class _Run:
    """One segment's course stepped alone, the violations its steps found, and the days of the
    final awards its contracts showed."""

    course: SegmentCourse
    found: list[_Found]
    inferred: list[dt.date]


class _Courses:
    """What the dialogue check reads of a timeline: the course of each segment (its dialogue
    track answers "closed", so that the check reads the courses it concerns)."""

    __slots__ = ("courses", "dialogue")

    def __init__(self, ledger: Ledger, changed: dict[str, _Run]) -> None:
        self.courses = _CourseLookup(ledger, changed)
        self.dialogue: Track[str] = Track(CLOSED)


class _CourseLookup:
    __slots__ = ("changed", "ledger")

    def __init__(self, ledger: Ledger, changed: dict[str, _Run]) -> None:
        self.ledger, self.changed = ledger, changed

    def __getitem__(self, segment: str) -> SegmentCourse:
        run = self.changed.get(segment)
        return (run if run is not None else self.ledger.run(segment)).course


class Ledger:
    """The steps of each segment, its course once stepped, and the events the checks read again."""

    __slots__ = ("calendar", "checker", "contracts", "data", "dialogues", "extensions", "last",
                 "registrations", "runs", "standstills", "steps")

    def __init__(self, data: ProcedureData, calendar: Calendar | None, events: Sequence[Event]) -> None:
        self.data, self.calendar = data, calendar
        self.standstills: dict[tuple[object, ...], StandstillPeriod] = {}
        self.checker = RecordChecker(data)
        segments = data.segment_ids
        self.steps: dict[str, list[Step]] = {s: [] for s in segments}
        self.runs: dict[str, _Run | None] = dict.fromkeys(segments)
        self.contracts: dict[str, list[_Dated]] = {s: [] for s in segments}
        self.dialogues: list[_Dated] = []
        self.extensions: list[_Dated] = []
        self.registrations: list[_Dated] = []
        #: What the last :meth:`insert` changed: the segments stepped again, the events checked
        #: again, and the checks' violations of those and of the new events.
        self.last: tuple[list[str], list[_Dated], list[_Found]] = ([], [], [])
        for index, event in sorted(enumerate(events), key=lambda pair: (pair[1].on, pair[0])):
            self._add((event.on, day_order(event), index, event), self)

    # -- keeping the steps -------------------------------------------------
    def appended(self, step: Step) -> None:
        """Keep ``step``, recorded after every other: its segments are stepped again when needed."""
        self._add(step, self)
        for segment in self._concerned(step[3]):
            self.runs[segment] = None

    def _add(self, step: Step, into: Ledger) -> None:
        on, _order, index, event = step
        for segment in self._concerned(event):
            insort(into.steps[segment], step, key=step_key)
        dated = (on, index, event)
        if event.type == "contract":
            for segment in segments_of(event, self.data.segment_ids):
                insort(into.contracts[segment], dated, key=_dated_key)
        elif isinstance(event, ContractExtension):
            insort(into.extensions, dated, key=_dated_key)
        elif isinstance(event, Registration):
            insort(into.registrations, dated, key=_dated_key)
        elif isinstance(event, DialogueActivity):
            insort(into.dialogues, dated, key=_dated_key)

    def _concerned(self, event: Event) -> tuple[str, ...]:
        """The segments whose course ``event`` steps (none if no trigger fires for it)."""
        if LIFECYCLE.trigger_of(event) is None:
            return ()
        return segments_of(event, self.data.segment_ids)

    # -- stepping one segment ------------------------------------------------
    def run(self, segment: str) -> _Run:
        """The course of ``segment`` stepped alone (kept until its steps change)."""
        run = self.runs[segment]
        if run is None:
            run = self.runs[segment] = self._step(segment, self.steps[segment])
        return run

    def _step(self, segment: str, steps: list[Step]) -> _Run:
        """Step ``steps`` (those of ``segment``) and the final awards its contracts show, as
        stepping the whole record does (see ``_replay._stepped``); then project the tails."""
        shown: list[Step] = []
        days: dict[dt.date, tuple[int, int]] = {}  # each shown award's day: its contract's day, index
        while True:
            timeline = Timeline(self.data, self.calendar)
            timeline.standstills = self.standstills
            found: list[_Found] = []
            more: list[Step] = []
            for _on, _order, index, event in sorted(steps + shown, key=step_key) if shown else steps:
                seen, inferred = len(timeline.violations), len(timeline.inferred)
                timeline.append(event, index)
                if len(timeline.violations) > seen:
                    found += self._keyed(segment, event, index, timeline.violations[seen:], days)
                for seg, day, contract_on in timeline.inferred[inferred:]:
                    if seg == segment and day not in days:
                        days[day] = (contract_on.toordinal(), index)
                        award = inferred_final_award(segment, day, contract_on)
                        more.append((day, INFERRED_ORDER, -1, award))
            if not more:
                timeline.project()
                return _Run(timeline.courses[segment], found, list(days))
            shown += more

    def _keyed(self, segment: str, event: Event, index: int, found: list[tuple[Violation, int]],
               days: dict[dt.date, tuple[int, int]]) -> list[_Found]:
        mine = [v for v, _ in found if v.subject == segment]
        if index < 0:
            contract_on, contract = days[event.on]
            return [((v.on, -1, contract_on, contract, k), v) for k, v in enumerate(mine)]
        place = segments_of(event, self.data.segment_ids).index(segment)
        return [((v.on, index, 0, place, k), v) for k, v in enumerate(mine)]

    # -- checking ----------------------------------------------------------
    def _check(self, dated: _Dated, courses: _Courses, into: Ledger) -> list[_Found]:
        """The checks of ``dated`` with what ``into`` holds before it."""
        on, index, event = dated
        checker = self.checker
        checker.dialogues_on = {}
        if isinstance(event, ContractExtension):
            checker.contracts = {}
            for segment in segments_of(event, self.data.segment_ids):
                kept = into.contracts[segment]
                at = bisect_left(kept, (on, index), key=_dated_key)
                if at:
                    checker.contracts[segment] = cast(Contract, kept[at - 1][2])
        if isinstance(event, Registration):
            checker.delegates = {}  # the totals of the registrations before it, as the checker keeps them
            for _on, earlier_index, earlier in into.registrations[:bisect_left(
                    into.registrations, (on, index), key=_dated_key)]:
                checker.keep(earlier_index, earlier)
        found = checker.check(index, event, cast(Timeline, courses))
        return [((on, index, 1, k, 0), v) for k, v in enumerate(found)]

    def _rechecked(self, new: list[_Dated], changed: set[str], since: dt.date, into: Ledger
                   ) -> list[_Dated]:
        """The events recorded before whose checks may change with ``new``: the dialogue about the
        ``changed`` segments from ``since`` on, the extensions after a new contract of theirs, the
        registrations after a new one."""
        again: dict[int, _Dated] = {}
        all_segments = self.data.segment_ids
        for dated in into.dialogues[bisect_left(into.dialogues, (since, -2), key=_dated_key):]:
            if changed.intersection(segments_of(dated[2], all_segments)):
                again[dated[1]] = dated
        for on, index, event in new:
            if event.type == "contract":
                mine = set(segments_of(event, all_segments))
                for dated in into.extensions[bisect_left(into.extensions, (on, index), key=_dated_key):]:
                    if mine.intersection(segments_of(dated[2], all_segments)):
                        again[dated[1]] = dated
            elif isinstance(event, Registration):
                for dated in into.registrations[bisect_left(into.registrations, (on, index),
                                                            key=_dated_key):]:
                    again[dated[1]] = dated
        fresh = {index for _on, index, _event in new}
        return [dated for index, dated in again.items() if index not in fresh]

    # -- recording ---------------------------------------------------------
    def insert(self, new: Sequence[Event], events: Sequence[Event]) -> list[Violation]:
        """Record ``new`` after ``events`` (the record before them), dated anywhere: return the
        violations they add, as stepping the whole record again would find them, or raise
        :class:`RuleViolation` with the new errors (and then the ledger is as it was)."""
        n = len(events)
        added = [(e.on, day_order(e), n + i, e) for i, e in enumerate(new)]
        dated = [(e.on, n + i, e) for i, e in enumerate(new)]
        changed = sorted({s for step in added for s in self._concerned(step[3])},
                         key=self.data.segment_ids.index)
        before = {s: self.run(s) for s in changed}
        # The ledger with the new events: the lists they change are copies, the rest shared.
        after = _copy(self, changed, new)
        for step in added:
            self._add(step, after)
        runs = {s: self._step(s, after.steps[s]) for s in changed}
        since = min([step[0] for step in added]
                    + [day for s in changed for day in (*before[s].inferred, *runs[s].inferred)])
        again = self._rechecked(dated, set(changed), since, after)
        old: list[_Found] = [pair for s in changed for pair in before[s].found]
        now: list[_Found] = [pair for s in changed for pair in runs[s].found]
        courses_before, courses_after = _Courses(self, {}), _Courses(self, runs)
        for item in again:
            old += self._check(item, courses_before, self)
            now += self._check(item, courses_after, after)
        for item in dated:
            now += self._check(item, courses_after, after)
        from ._replay import new_violations

        found = new_violations([v for _, v in sorted(now, key=_first)],
                               [v for _, v in sorted(old, key=_first)])
        errors = [v for v in found if v.severity == "error"]
        if errors:
            raise RuleViolation(errors)
        for name in ("steps", "contracts", "dialogues", "extensions", "registrations"):
            setattr(self, name, getattr(after, name))
        self.runs.update(runs)
        self.last = (changed, again, [pair for pair in now if pair[0][2] == 1])
        return found

    def refresh(self, replay: Replay, new: Sequence[Event], n: int) -> bool:
        """Bring ``replay`` up to date with ``new`` (the events of the last :meth:`insert`, from
        index ``n`` on) in place, if they stepped no course; else say it cannot (False)."""
        changed, again, checks = self.last
        if changed:
            return False
        first_dates, checker = replay.timeline.first_dates, replay.checker
        for index, event in enumerate(new, n):
            milestone = MILESTONE_OF.get(event.type)
            if milestone is not None:
                first_dates[milestone] = min(first_dates.get(milestone, event.on), event.on)
            checker.keep(index, event)
        # Only checks changed: the violations of the events checked again, and of the new ones.
        redone = {index for _on, index, _event in again} | set(range(n, n + len(new)))
        found = [pair for pair in replay.found if pair[1] not in redone]
        for key, violation in sorted(checks, key=_first):
            insort(found, (violation, key[1]), key=_date_and_event)
        replay.found = found
        return True


def _copy(ledger: Ledger, changed: Sequence[str], new: Sequence[Event]) -> Ledger:
    """A ledger sharing what ``ledger`` holds, but for copies of the lists ``new`` changes."""
    twin = Ledger.__new__(Ledger)
    twin.data, twin.calendar = ledger.data, ledger.calendar
    twin.steps = dict(ledger.steps)
    for s in changed:
        twin.steps[s] = list(ledger.steps[s])
    twin.contracts = dict(ledger.contracts)
    for event in new:
        if event.type == "contract":
            for s in segments_of(event, ledger.data.segment_ids):
                twin.contracts[s] = list(ledger.contracts[s])
    twin.dialogues, twin.extensions, twin.registrations = (
        list(kept) if any(isinstance(e, kind) for e in new) else kept
        for kept, kind in ((ledger.dialogues, DialogueActivity), (ledger.extensions, ContractExtension),
                           (ledger.registrations, Registration)))
    return twin


def _dated_key(dated: _Dated | tuple[dt.date, int]) -> tuple[dt.date, int]:
    return dated[0], dated[1]


def _date_and_event(pair: tuple[Violation, int]) -> tuple[dt.date, int]:
    return pair[0].on, pair[1]


def _first(found: _Found) -> _Key:
    return found[0]
