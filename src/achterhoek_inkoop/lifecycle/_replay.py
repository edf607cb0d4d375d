"""A record stepped through the lifecycle: its timeline, its checks and the violations found.

:class:`Replay` keeps the three in step. Built from a whole record, it steps
every event in date order; :meth:`Replay.append` adds one event dated on or
after the last at the cost of that event alone. Either way an event that adds
an error is refused with :class:`RuleViolation`, and the replay is left as it
was, by restoring one snapshot taken before.

A contract without a recorded final award shows that the award became final:
the replay then takes it as final from the first day it could be, an
inferred final award (labelled an assumption), and steps the record again
with it, so the states before the contract show it too.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .._i18n import translations
from ..calendar import Calendar
from ..record import Contract, Event, FinalAward, ProcedureData
from ._checks import DIALOGUE_RULE, RecordChecker
from ._declaration import SegmentState
from ._messages import Gettext
from ._rules import RuleViolation, Violation, join_segments
from ._timeline import (
    INFERRED_ORDER,
    Timeline,
    TimelineSnapshot,
    build_timeline,
    day_order,
    inferred_final_award,
    replay_steps,
    segments_of,
    step_key,
)

if TYPE_CHECKING:
    from ._ledger import Ledger
    from ._marks import Marks, Stale
__all__ = ["NeedsRebuild", "Replay", "fold_follow_ons", "new_violations"]


class NeedsRebuild(Exception):
    """Appending the event changes what came before it (it shows an award became final earlier):
    the record must be stepped again as a whole."""

_Found = tuple[Violation, int]
_SETTLED = ("checker", "found", "inferred", "timeline")  # stale after a record out of order
#: A step of the timeline: date, day order, index in the record (-1: an inferred final award), event.
_Step = tuple[dt.date, int, int, Event]


@dataclass(slots=True)
class _Snapshot:
    timeline: TimelineSnapshot
    checker: tuple[dict[str, Contract], dt.date, int, dict[dt.date | None, int]]


@dataclass(slots=True)
class _DayStart:
    """The timeline before the first step on ``since`` or later that a decision on its day stands
    before (a contract, an inferred final award: see :func:`day_order`), and the steps from there
    in the order they were stepped (date, day order, index, event; index -1 for an inferred final
    award) up to the end of ``day``, the last day stepped: enough to step them again with a
    decision on ``day``. ``since`` is ``day``, or the earlier day of a final award a contract of
    ``day`` showed (that contract may show another with the decision: the steps from then on
    change)."""

    day: dt.date
    since: dt.date
    timeline: TimelineSnapshot
    steps: list[_Step]


class Replay:
    """The timeline, the checker and the violations (with the index of the event that caused each)."""

    __slots__ = ("_day", "checker", "found", "inferred", "ledger", "marks", "record", "stale", "timeline")

    def __init__(self, data: ProcedureData, calendar: Calendar | None) -> None:
        events = data.events
        self.timeline: Timeline
        #: The final awards the contracts show but the record does not hold.
        self.inferred: list[FinalAward]
        self.timeline, self.inferred = _stepped(data, calendar)
        self.checker = RecordChecker(data)
        order = sorted(range(len(events)), key=lambda i: events[i].on)
        found = self.timeline.violations + [
            (v, i) for i in order for v in self.checker.check(i, events[i], self.timeline)]
        self.found: list[_Found] = sorted(found, key=_by_date_and_event)
        #: The start of the last day, once a trial needs it (see :meth:`_day_start`).
        self._day: _DayStart | None = None
        #: The steps of each segment, once an event is recorded out of order (:meth:`insert`).
        self.ledger: Ledger | None = None
        #: What was left stale by records out of order, to be settled when next read (:meth:`settle`).
        self.stale: Stale | None = None
        #: Marks to settle from, once a record out of order left the replay stale (see :mod:`._marks`).
        self.marks: Marks | None = None
        #: The record in the order it was recorded, once it is not ``data.events`` (:meth:`insert`).
        self.record: list[Event] | None = None

    def violations(self) -> list[Violation]:
        """Every violation found, in date order."""
        return [v for v, _ in self.found]

    def reported(self) -> list[Violation]:
        """The violations to report, in date order: those found, a refusal that follows from an
        earlier one named in the message of that root instead (see :func:`fold_follow_ons`), and
        the same violation of one event for several segments once (see :func:`join_segments`)."""
        record = self.timeline.data.events if self.record is None else self.record
        return join_segments(fold_follow_ons(self.found, self.timeline, record),
                             self.timeline.all_segments)

    def append(self, event: Event, events: Sequence[Event]) -> list[Violation]:
        """Step ``event``, dated on or after every event in ``events`` (the record before it).

        Returns the violations it adds. Raises :class:`RuleViolation` with the
        new errors, or whatever else stopped it, and then the replay is as it was.
        Raises :class:`NeedsRebuild` when the event changes what came before it.
        """
        if self.changes_the_past(event):
            raise NeedsRebuild
        day, order = self.timeline.day
        starts_day = bool(day_order(event)) and (event.on != day or not order)  # see _DayStart
        marked = self.marks is not None and self.marks.due(event.on)  # a mark holds a whole snapshot
        snap = self.snapshot(event.on, None if starts_day or marked else event)
        try:
            inferred = len(self.timeline.inferred)
            new, keep, tail = self._step(event, events)
            if len(self.timeline.inferred) > inferred:
                raise NeedsRebuild  # a contract showed an earlier final award
        except BaseException:
            # Whatever stopped it (a broken rule, a date past the calendar), nothing changed.
            self.restore(snap)
            raise
        self.found[keep:] = tail
        step = (event.on, day_order(event), len(events), event)
        if self.ledger is not None:
            self.ledger.appended(step)
        if self.marks is not None:
            contracts, _, _, delegates = snap.checker
            self.marks.appended(event.on, snap.timeline if marked else None, (contracts, delegates))
        if self.record is not None:
            self.record.append(event)
        if starts_day:
            self._day = _DayStart(event.on, event.on, snap.timeline, [step])
        elif step[1] and self._day is not None and self._day.day == event.on:
            self._day.steps.append(step)
        return new

    def insert(self, events: Sequence[Event], record: Sequence[Event]) -> list[Violation]:
        """Step ``events``, dated anywhere, after ``record`` (the record before them): only the
        courses they concern and the checks that read those (see :mod:`._ledger`). Returns the
        violations they add, or raises as :meth:`append` does; the rest is settled when next read
        from the first day they may change on (:mod:`._marks`)."""
        from . import _marks  # imported once an event comes out of order
        from ._ledger import Ledger
        if self.ledger is None:
            self.ledger = Ledger(self.timeline.data, self.timeline.calendar, record)
        ledger, stale = self.ledger, self.stale
        before = dict(ledger.runs)
        new = ledger.insert(events, record)
        since = _marks.first_affected(events, ledger.last[0], before, ledger,
                                      self.inferred if stale is None else stale.inferred)
        if stale is not None:
            stale.since = min(stale.since, since)
        elif not ledger.refresh(self, events, len(record)):
            if self.marks is None:
                self.marks = _marks.build_marks(self, record)
            self.stale = _marks.Stale(self.timeline, self.checker, self.found, self.inferred,
                                      len(record), since)
            for name in _SETTLED:
                delattr(self, name)
        elif self.marks is not None:
            self.marks.forget_after(min(e.on for e in events))
        self.record = self.record or list(record)
        self.record.extend(events)
        self._day = None
        return new

    def settle(self) -> None:
        """Build what records out of order left stale (:meth:`insert`): from the last mark before
        the first day they may change, or else from the whole record (see :mod:`._marks`). The
        first read of one of them does (``__getattr__``: only a stale replay lacks them)."""
        from ._marks import settle
        settle(self, _SETTLED)

    if not TYPE_CHECKING:
        def __getattr__(self, name: str) -> object:
            if name not in _SETTLED or self.stale is None:
                raise AttributeError(name)
            self.settle()
            return getattr(self, name)

    def trial(self, event: Event, events: Sequence[Event], segment: str
              ) -> tuple[list[Violation], SegmentState]:
        """What recording ``event`` after ``events`` would do: the violations it adds (raising
        :class:`RuleViolation` for new errors) and the state of ``segment`` at the end of its
        day; the replay is left as it was either way.

        An event that stands before events of its day already stepped (a
        decision on the day of a contract) is stepped with that day's events
        again, from a snapshot taken before the day (:meth:`_trial_on_its_day`),
        not with the whole record; an event stepped after all the others
        (recording a final award a contract showed too: that contract came
        before it) costs its own step. The whole record is stepped again only
        where neither can tell (the event may change what a contract of its
        day shows, or a contract shows a final award the record did not).
        """
        if not self.comes_before_stepped(event):
            snap = self.snapshot(event.on)
            try:
                inferred = len(self.timeline.inferred)
                new, _, _ = self._step(event, events, until=event.on)
                if len(self.timeline.inferred) == inferred:
                    return new, self.timeline.courses[segment].track.state_on(event.on)
            finally:
                self.restore(snap)
        else:
            answer = self._trial_on_its_day(event, events, segment)
            if answer is not None:
                return answer
        # It changes what came before it: step the whole record with it, as ``record`` would.
        data = self.timeline.data
        whole = Replay(data.model_copy(update={"events": (*events, event)}), self.timeline.calendar)
        new = new_violations(whole.violations(), self.violations())
        errors = [v for v in new if v.severity == "error"]
        if errors:
            raise RuleViolation(errors)
        return new, whole.timeline.courses[segment].track.state_on(event.on)

    def changes_the_past(self, event: Event) -> bool:
        """Whether ``event``, dated on or after the last one, still changes what came before it:
        it stands before events of its day already stepped, or it records the final award a
        contract showed."""
        if self.comes_before_stepped(event):
            return True
        timeline = self.timeline
        return event.type == "final_award" and any(
            timeline.courses[seg].final_inferred for seg in segments_of(event, timeline.all_segments))

    def comes_before_stepped(self, event: Event) -> bool:  # (a question allowed_events asks too)
        """Whether ``event``, dated on or after the last one, stands before events of its day
        already stepped (a decision on the day of a contract: on one day, decisions come first)."""
        day, order = self.timeline.day
        return day == event.on and day_order(event) < order

    def _trial_on_its_day(self, event: Event, events: Sequence[Event], segment: str
                          ) -> tuple[list[Violation], SegmentState] | None:
        """:meth:`trial` for ``event`` standing before events of its day already stepped: the
        steps from the start of the day (:meth:`_day_start`) stepped again, with ``event``.

        The final awards a contract of the day showed for a segment of the
        event are left out, as stepping the whole record leaves them out at
        first: with the event, that contract may show another, or none (it
        is refused). What it shows then is stepped again with them. Only the
        states from the start change, and of the checks only those of the
        event and the dialogue checks of those days (see
        :class:`RecordChecker`): the violations found before stay, so what
        the event adds is found as the whole record would find it. ``None``
        where the steps cannot tell: a final award shown before their start.
        """
        start = self._day_start(events)
        if start is None:
            return None
        timeline, checker, on, index = self.timeline, self.checker, event.on, len(events)
        concerned = set(segments_of(event, timeline.all_segments))
        redo = [e for e in self.inferred if _shown_on(e, on) in concerned]
        inferred = [e for e in self.inferred if e not in redo]
        base = [step for step in start.steps if step[2] >= 0 or step[3] not in redo] + [
            (on, day_order(event), index, event)]
        # What was found since the start, without what stepping again finds afresh: the steps'
        # violations and the dialogue checks (the others read only the record: they stay).
        keep = len(self.found)
        while keep and self.found[keep - 1][0].on >= start.since:
            keep -= 1
        before = self.found[keep:]
        again = Counter(timeline.violations[start.timeline.violations:])
        days = [day for day, held in checker.dialogues_on.items() if held and start.since <= day <= on]
        dialogues = {i for day in days for i in checker.dialogues_on[day]}
        stays = []
        for pair in before:
            if again[pair]:
                again[pair] -= 1
            elif not (pair[1] in dialogues and pair[0].rule == DIALOGUE_RULE):
                stays.append(pair)
        snap = checker.snapshot(on)
        try:
            steps = base
            while True:
                timeline.restore(start.timeline)
                for _on, _order, i, e in sorted(steps, key=step_key):
                    timeline.append(e, i)
                known = {(e.segments, e.on) for e in inferred}
                more = [inferred_final_award(seg, day, contract_on)
                        for seg, day, contract_on in timeline.inferred[start.timeline.inferred:]
                        if ((seg,), day) not in known]
                if not more:
                    break
                if steps is not base or any(e.on < start.since for e in more):
                    return None  # shown before the start: step the whole record
                inferred += more
                steps = base + [(e.on, INFERRED_ORDER, -1, e) for e in more]
            timeline.project(on)
            after = sorted(timeline.violations[start.timeline.violations:] + stays
                           + [pair for day in days for pair in checker.recheck_day(day, events, timeline)]
                           + [(v, index) for v in checker.check(index, event, timeline)],
                           key=_by_date_and_event)
            state = timeline.courses[segment].track.state_on(on)
        finally:
            checker.restore(snap)
            timeline.restore(start.timeline)
            for _on, _order, i, e in start.steps:
                timeline.append(e, i)
            timeline.project()
        new = new_violations([v for v, _ in after], [v for v, _ in before])
        errors = [v for v in new if v.severity == "error"]
        if errors:
            raise RuleViolation(errors)
        return new, state

    def _day_start(self, events: Sequence[Event]) -> _DayStart | None:
        """The start of the last day stepped (see :class:`_DayStart`): kept by :meth:`append` when
        it steps a new day; for a replay stepped from the start, taken by stepping the record
        (``events``) once more, the first time a trial needs it (the timeline is then the one
        stepped again, in the same state)."""
        timeline = self.timeline
        day = timeline.day[0]
        if self._day is not None and self._day.day == day:
            return self._day
        steps = replay_steps(events, self.inferred)
        if not steps or steps[-1][0] != day:
            return None
        since = min([day, *(e.on for e in self.inferred if _shown_on(e, day) is not None)])
        again = Timeline(timeline.data, timeline.calendar)
        again.standstills = timeline.standstills  # the same decisions' standstills
        # The decisions of a day come first: those of the first day stay as they are.
        first = next(n for n, step in enumerate(steps) if step[:2] >= (since, INFERRED_ORDER))
        for _on, _order, i, e in steps[:first]:
            again.append(e, i)
        snap = again.snapshot()
        for _on, _order, i, e in steps[first:]:
            again.append(e, i)
        again.project()
        self.timeline, self.marks = again, None  # (marks are of the timeline replaced)
        self._day = _DayStart(day, since, snap, steps[first:])
        return self._day

    def snapshot(self, day: dt.date, event: Event | None = None) -> _Snapshot:
        """What :meth:`restore` needs to undo stepping an event dated ``day`` (or only ``event``)."""
        return _Snapshot(self.timeline.snapshot(event), self.checker.snapshot(day))

    def restore(self, snap: _Snapshot) -> None:
        """Undo every step since ``snap`` was taken."""
        self.timeline.restore(snap.timeline)
        self.checker.restore(snap.checker)

    def _step(self, event: Event, events: Sequence[Event], until: dt.date | None = None
              ) -> tuple[list[Violation], int, list[_Found]]:
        """Step ``event`` and find what it changes; raise :class:`RuleViolation` for a new error.

        Returns the new violations, and from which position the found
        violations are to be replaced by which. With ``until``, the delayed
        transitions are projected only up to that day.
        """
        timeline, checker, index = self.timeline, self.checker, len(events)
        stepped = len(timeline.violations)
        timeline.append(event, index)
        timeline.project(until)
        # Only the dialogue checks of the event's own day can change (see RecordChecker).
        keep = len(self.found)
        while keep and self.found[keep - 1][0].on == event.on:
            keep -= 1
        same_day = set(checker.dialogues_on.get(event.on, ()))
        dropped = [pair for pair in self.found[keep:]
                   if pair[1] in same_day and pair[0].rule == DIALOGUE_RULE]
        added = (timeline.violations[stepped:]
                 + checker.recheck_day(event.on, events, timeline)
                 + [(v, index) for v in checker.check(index, event, timeline)])
        new = new_violations([v for v, _ in added], [v for v, _ in dropped])
        errors = [v for v in new if v.severity == "error"]
        if errors:
            raise RuleViolation(errors)
        tail = [pair for pair in self.found[keep:] if pair not in dropped] + added
        return new, keep, sorted(tail, key=_by_date_and_event)


#: The event types from whose first step on a contract may show a final award: the earliest day
#: such an award may be inferred on is that step's or later (a guess :func:`_stepped` checks).
_MAY_BE_FINAL_FROM = frozenset({"award_decision", "kort_geding_ruling", "final_award", "follow_up_result",
                                "contract"})


def _stepped(data: ProcedureData, calendar: Calendar | None) -> tuple[Timeline, list[FinalAward]]:
    """The timeline of ``data`` with the final awards its contracts show, and those awards.

    A contract without a recorded final award shows the award became final
    on the first day it could be: the record is stepped again with that
    final award, since the states from that day to the contract change too.
    What was stepped before that day stays as it was, so it is not stepped
    again: stepping goes back to a snapshot taken before the first event
    after which such a day can lie (:data:`_MAY_BE_FINAL_FROM`; a loaded
    file's dialogue and tender are stepped once, not twice). Where a day
    lies before the snapshot after all, the record is stepped again from
    the start (:func:`build_timeline`), as it always was. Either way the
    order is that of :func:`build_timeline`: by date, day order, index.
    """
    steps = replay_steps(data.events)
    timeline = Timeline(data, calendar)
    snap, at = None, len(steps)
    for n, (_on, _order, index, event) in enumerate(steps):
        if snap is None and event.type in _MAY_BE_FINAL_FROM:
            snap, at = timeline.snapshot(), n
        timeline.append(event, index)
    inferred: list[FinalAward] = []
    while True:
        # Step again with what the contracts showed: the states before them change too.
        known = {(e.segments, e.on) for e in inferred}
        more = [inferred_final_award(seg, day, contract_on)
                for seg, day, contract_on in timeline.inferred if ((seg,), day) not in known]
        if not more:
            timeline.project()
            return timeline, inferred
        inferred += more
        if snap is None or any((e.on, INFERRED_ORDER) <= steps[at][:2] for e in inferred):
            return build_timeline(data, calendar, inferred), inferred  # a day before the snapshot
        timeline.restore(snap)
        again = [(e.on, INFERRED_ORDER, -1, e) for e in inferred] + steps[at:]
        for _on, _order, index, event in sorted(again, key=step_key):
            timeline.append(event, index)


def new_violations(after: list[Violation], before: list[Violation]) -> list[Violation]:
    """What ``after`` holds beyond ``before``, as multisets: a second identical violation is new too."""
    if not after:
        return []
    return list((Counter(after) - Counter(before)).elements())


def fold_follow_ons(found: Sequence[_Found], timeline: Timeline, events: Sequence[Event]
                    ) -> list[_Found]:
    """The violations of ``found`` without the refusals that follow from an earlier one; the
    message of that root names them.

    A step refused with an error leaves its segment without what the event
    would have done (a mistyped award date: no award decision). A later step
    of that segment refused as out of order (``volgorde``) follows from it,
    until an event of the root's type is taken for the segment: the contract
    after the award decision that was never taken needs no error of its own.
    A violation of another rule, or of another segment, is reported as it is.
    """
    refused = set(timeline.refused)
    if not refused:
        return list(found)
    at = {(index, v.subject): (v, index) for v, index in found if (v, index) in refused}
    roots: dict[str, tuple[_Found, str]] = {}  # segment: its root, and the event type it lacks
    follow_ons: dict[_Found, list[Event]] = {}
    folded: set[_Found] = set()
    for _on, _order, index, event in replay_steps(events):
        for seg in segments_of(event, timeline.all_segments):
            pair, root = at.get((index, seg)), roots.get(seg)
            if pair is None:
                if root is not None and root[1] == event.type:
                    del roots[seg]  # what the root lacked is made up: later refusals are its own
            elif root is not None and pair[0].rule == "volgorde":
                follow_ons[root[0]].append(event)
                folded.add(pair)
            elif pair[0].severity == "error":
                roots[seg] = (pair, event.type)
                follow_ons[pair] = []
    return [(_naming(v, follow_ons.get((v, index), [])), index)
            for v, index in found if (v, index) not in folded]


#: How many of the refusals that follow from it a root's message names.
_NAMED = 3


def _naming(root: Violation, later: list[Event]) -> Violation:
    """``root`` with its message naming the ``later`` events whose refusal follows from it."""
    if not later:
        return root

    def following(_: Gettext) -> str:
        named = [_("the %(event)s (%(event_nl)s) on %(day)s") % {
            "event": type(e).label.en, "event_nl": type(e).label.nl, "day": e.on.isoformat()}
            for e in later[:_NAMED]]
        more = _(" and %(count)s more") % {"count": len(later) - _NAMED} if len(later) > _NAMED else ""
        return _("Following from it, not reported apart: %(events)s%(more)s.") % {
            "events": ", ".join(named), "more": more}

    return dataclasses.replace(
        root, message=f"{root.message} {following(translations('en').gettext)}",
        message_nl=f"{root.message_nl} {following(translations('nl').gettext)}")


def _by_date_and_event(pair: _Found) -> tuple[dt.date, int]:
    return pair[0].on, pair[1]


def _shown_on(award: FinalAward, day: dt.date) -> str | None:
    """The segment of ``award`` if it is the final award a contract of ``day`` showed, else None."""
    segments = award.segments or ()
    if len(segments) == 1 and award == inferred_final_award(segments[0], award.on, day):
        return segments[0]
    return None
