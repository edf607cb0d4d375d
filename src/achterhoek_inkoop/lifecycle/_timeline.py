"""The timeline of a procedure: the states it passes through, computed once from its events.

The events are stepped through the shared segment machine in date order,
together with the *delayed transitions* they cause (the standstill starting
the day after the award decision, ending at its ``final_from``; a contract
ending). Which event fires which trigger, what each trigger needs and which
warning it gives come from the declaration (``_declaration``); this module
adds what a step *does* besides moving (computing a standstill, scheduling
its end) and the messages an officer reads.

What comes out is plain data: for the procedure and for every segment, the
dates its state changed. A query is then a binary search, never a replay.
On any date the state is the one at the end of that day; delayed transitions
of a day come before the events of that day.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import heapq
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from .._i18n import translations
from ..calendar import Calendar, StandstillPeriod, standstill_period
from ..record import (
    MILESTONE_EVENTS,
    AwardDecision,
    Contract,
    ContractExtension,
    Event,
    FinalAward,
    KortGeding,
    ProcedureData,
)
from ._course import CourseSnapshot, PendingKortGeding, SegmentCourse
from ._declaration import LIFECYCLE, Phase, SegmentState, Trigger
from ._machine import NO_FACTS, SEGMENT_MACHINE
from ._messages import MESSAGES, Gettext
from ._rules import Violation, violation
from ._tails import ALLOWED, CLOSED, CLOSED_STATES, Tails, projected_phase
from ._track import Track, TrackSnapshot

__all__ = [
    "ALLOWED", "CLOSED", "MILESTONE_OF", "Step", "Timeline", "TimelineSnapshot", "build_timeline",
    "day_order", "decision_standstill", "replay_steps", "segments_of", "step_key",
]

_DAY = dt.timedelta(days=1)
S = SegmentState
#: The milestone each event type's first date marks (``first_dates``).
MILESTONE_OF = {event_type: milestone for milestone, event_type in MILESTONE_EVENTS.items()}
#: Triggers whose transitions need a guard: only for these are the guards evaluated.
_GUARDED = frozenset(t.trigger for t in LIFECYCLE.transitions if t.guard is not None)


def segments_of(event: Event, all_segments: tuple[str, ...]) -> tuple[str, ...]:
    """The segments an event concerns (``None`` in the event means all)."""
    named = getattr(event, "segments", None)
    return tuple(named) if named else all_segments


@dataclass(order=True, slots=True)
class _Timer:
    on: dt.date
    seq: int
    segment: str = field(compare=False)
    trigger: Trigger = field(compare=False)
    generation: int = field(compare=False)


@dataclass(slots=True)
class TimelineSnapshot:
    """Everything :meth:`Timeline.append` and :meth:`Timeline.project` may change."""

    courses: dict[str, CourseSnapshot]
    phase: TrackSnapshot[Phase]
    dialogue: TrackSnapshot[str]
    inferred: int
    current_phase: Phase
    present: dict[SegmentState, int]
    closed: int
    timers: list[_Timer]
    seq: int
    first_dates: dict[str, dt.date]
    violations: int
    refused: int
    now: dt.date | None
    day: tuple[dt.date, int]


class Timeline:
    """The running replay of a procedure's events, and everything queries read.

    Built once from the events (:func:`build_timeline`); an event dated on or
    after the last one is added with :meth:`append` at the cost of that event
    alone, and undone by restoring a :meth:`snapshot` taken before.
    """

    def __init__(self, data: ProcedureData, calendar: Calendar | None) -> None:
        self.data = data
        self.calendar = calendar
        self.all_segments = data.segment_ids
        self.courses = {s: SegmentCourse(s, Track(LIFECYCLE.initial)) for s in self.all_segments}
        self.phase: Track[Phase] = Track(Phase.DIALOOG)
        self.current_phase = Phase.DIALOOG
        # How many segments are in each state: the phase is projected from it, and dialogue
        # about all segments is allowed while none is closed, one lookup instead of one per segment.
        self.present: dict[SegmentState, int] = {LIFECYCLE.initial: len(self.all_segments)}
        self.closed = 0
        # Whether a segment moved since the phase was last projected.
        self.moved = False
        self.dialogue: Track[str] = Track(ALLOWED)
        self.timers: list[_Timer] = []
        self.seq = 0
        self.first_dates: dict[str, dt.date] = {}
        # Each violation found while stepping, with the index of the event that caused it.
        self.violations: list[tuple[Violation, int]] = []
        # Those of them that refused a step (the segment did not move): a later refusal may follow.
        self.refused: list[tuple[Violation, int]] = []
        self.event_index = -1
        self.now: dt.date | None = None
        # The last day an event was stepped on, and the furthest day order stepped that day.
        self.day: tuple[dt.date, int] = (dt.date.min, 0)
        # Final awards the record does not hold but its contracts show: (segment, day, contract day).
        self.inferred: list[tuple[str, dt.date, dt.date]] = []
        # The standstill of each award decision, computed once for all the segments it awards.
        self.standstills: dict[tuple[object, ...], StandstillPeriod] = {}
        # The moves of each segment's pending delayed transitions, and the segments stepped since.
        self.tails = Tails()

    # -- recording -------------------------------------------------------
    def append(self, event: Event, index: int) -> None:
        """Step ``event`` (index ``index`` in the record), dated on or after every earlier one."""
        self.fire_timers(event.on)
        order = INFERRED_ORDER if index < 0 else day_order(event)
        self.day = (event.on, max(order, self.day[1]) if self.day[0] == event.on else order)
        self.now = event.on
        self.event_index = index
        try:
            self.apply(event)
        finally:
            self.event_index = -1

    def tracks(self) -> list[Track[SegmentState]]:
        """The track of every segment, in file order."""
        return [course.track for course in self.courses.values()]

    def project(self, until: dt.date | None = None) -> None:
        """Recompute the tails: what the pending delayed transitions do after the last event.

        With ``until``, only those due by that day (enough to answer for it). Without, only
        the tails of the segments stepped since are worked out again (see :mod:`._tails`).
        """
        if until is None:
            self.tails.project(self)
            return
        tracks: list[Track[Any]] = [self.phase, self.dialogue, *self.tracks()]
        for track in tracks:
            track.tail_starts, track.tail_states = [], []
        if not self.timers or (until is not None and self.timers[0].on > until):
            return
        snap = self.snapshot()
        for track in tracks:
            track.projecting = True
        try:
            self.fire_timers(until)
        finally:
            for track in tracks:
                track.projecting = False
            self.restore(snap, tails=False)

    def snapshot(self, event: Event | None = None) -> TimelineSnapshot:
        """What :meth:`restore` needs to undo every :meth:`append` and :meth:`project` after it.

        With ``event``, only what appending that one event and projecting the tails can change:
        of the courses, those of the segments it concerns and of the timers it fires (the
        others keep their state, and so their tails: see :mod:`._tails`).
        """
        courses = self.courses
        if event is not None:
            day = event.on
            concerned = {*segments_of(event, self.all_segments),
                         *[t.segment for t in self.timers if t.on <= day]}
            courses = {s: courses[s] for s in concerned}
        return TimelineSnapshot(
            courses={s: c.snapshot() for s, c in courses.items()},
            phase=self.phase.snapshot(), dialogue=self.dialogue.snapshot(),
            current_phase=self.current_phase, present=dict(self.present), closed=self.closed,
            timers=list(self.timers), seq=self.seq, first_dates=dict(self.first_dates),
            violations=len(self.violations), refused=len(self.refused), now=self.now,
            inferred=len(self.inferred), day=self.day,
        )

    def restore(self, snap: TimelineSnapshot, *, tails: bool = True) -> None:
        """Go back to ``snap``; with ``tails=False`` the projected tails are kept."""
        courses = self.courses
        for seg, saved in snap.courses.items():
            courses[seg].restore(saved, tail=tails)
        self.phase.restore(snap.phase, tail=tails)
        self.dialogue.restore(snap.dialogue, tail=tails)
        self.current_phase, self.present, self.closed = snap.current_phase, dict(snap.present), snap.closed
        self.timers, self.seq, self.first_dates = list(snap.timers), snap.seq, dict(snap.first_dates)
        del self.violations[snap.violations:]
        del self.refused[snap.refused:]
        del self.inferred[snap.inferred:]
        self.now, self.day = snap.now, snap.day
        self.tails.forget()

    # -- machinery -------------------------------------------------------
    def move(self, course: SegmentCourse, new: SegmentState, on: dt.date) -> None:
        """Put ``course`` in ``new`` from ``on``, keeping the counts the phase and dialogue read."""
        old = course.state
        if new == old:
            return
        course.state = new
        self.mark(course.id)
        course.track.set(on, new)
        self.moved = True
        self.present[old] -= 1
        self.present[new] = self.present.get(new, 0) + 1
        was_closed, closed = old in CLOSED_STATES, new in CLOSED_STATES
        if closed != was_closed:
            self.closed += 1 if closed else -1
            self.dialogue.set(on, CLOSED if self.closed else ALLOWED)

    def schedule(self, on: dt.date, course: SegmentCourse, trigger: Trigger) -> None:
        # A delayed transition never lands before the event that caused it (a contract
        # whose end precedes its start is out of order, and reported as such).
        if self.now is not None and on < self.now:
            on = self.now
        generation = course.contract_generation if trigger == Trigger.CONTRACT_END else course.generation
        self.mark(course.id)
        self.seq += 1
        heapq.heappush(self.timers, _Timer(on, self.seq, course.id, trigger, generation))

    def schedule_end(self, course: SegmentCourse, last_day: dt.date) -> None:
        """The contracts of ``course`` end after ``last_day`` (never, if that is the last date)."""
        course.contract_generation += 1
        course.contract_end = last_day
        if last_day < dt.date.max:
            self.schedule(last_day + _DAY, course, Trigger.CONTRACT_END)

    def fire_timers(self, until: dt.date | None) -> None:
        while self.timers and (until is None or self.timers[0].on <= until):
            timer = heapq.heappop(self.timers)
            course = self.courses[timer.segment]
            self.mark(timer.segment)
            current = (course.contract_generation if timer.trigger == Trigger.CONTRACT_END
                       else course.generation)
            if timer.generation == current:
                # Refused means not applicable now (a pending kort geding holds the standstill).
                new = SEGMENT_MACHINE.step(course.state, timer.trigger)
                if new is not None:
                    self.move(course, new, timer.on)
            self.update_phase(timer.on)

    def mark(self, segment: str) -> None:
        """``segment``'s course or timers changed: its tail is to be worked out again."""
        dirty = self.tails.dirty
        if dirty is not None:
            dirty.add(segment)

    def update_phase(self, on: dt.date) -> None:
        if not self.moved:
            return
        self.moved = False
        new = projected_phase(self.current_phase, self.present)
        if new != self.current_phase:
            self.current_phase = new
            self.phase.set(on, new)

    def refuse(self, rule: str, on: dt.date, subject: str, message: Callable[[Gettext], str]) -> None:
        """Add a violation of ``rule``; ``message`` renders its text with a language's ``gettext``."""
        found = violation(rule, on, subject, message(translations("en").gettext),
                          message_nl=message(translations("nl").gettext))
        self.violations.append((found, self.event_index))

    # -- events ----------------------------------------------------------
    def apply(self, event: Event) -> None:
        """Step one event; the phase follows once the whole event is applied (it is one act)."""
        milestone = MILESTONE_OF.get(event.type)
        if milestone is not None:
            self.first_dates.setdefault(milestone, event.on)
        trigger = LIFECYCLE.trigger_of(event)
        if trigger is None:
            return
        for seg in segments_of(event, self.all_segments):
            course = self.courses[seg]
            self.mark(seg)
            source = course.state
            facts = course.facts(event.on, event) if trigger in _GUARDED else NO_FACTS
            new = SEGMENT_MACHINE.step(source, trigger, facts)
            if new is None:
                guard = LIFECYCLE.failed_guard(source, trigger)
                rule = "volgorde" if guard is None else LIFECYCLE.guards[guard].refused_by
                self.refuse(rule, event.on, seg, functools.partial(MESSAGES[rule], event, course, trigger))
                self.refused.append(self.violations[-1])
                continue
            taken = LIFECYCLE.taken(source, trigger, facts)
            if taken is not None and taken.warning is not None:
                self.refuse(taken.warning, event.on, seg,
                            functools.partial(MESSAGES[taken.warning], event, course, trigger))
            self.move(course, new, event.on)
            effect = _EFFECTS.get(trigger)
            if effect is not None:
                effect(self, course, event, source)
        self.update_phase(event.on)

    # -- what a step does besides moving -----------------------------------
    def decided(self, course: SegmentCourse, event: Event, source: SegmentState) -> None:
        """A new award decision (or its withdrawal, or a cancellation): what came before is void."""
        course.generation += 1
        course.standstill = course.exemption = course.final_from = None
        # The kort gedingen about the earlier decision no longer hold anything.
        course.kort_gedingen = tuple(replace_suspends(p) for p in course.kort_gedingen)

    def awarded(self, course: SegmentCourse, event: Event, source: SegmentState) -> None:
        self.decided(course, event, source)
        assert isinstance(event, AwardDecision)
        # Keyed by what decision_standstill reads of the event; the rest is the procedure's.
        key = (event.on, event.standstill_days, event.sent_electronically)
        period = self.standstills.get(key)
        if period is None:
            period = self.standstills[key] = decision_standstill(self.data, event, self.calendar)
        course.standstill, course.final_from = period, period.final_from
        self.schedule(period.start, course, Trigger.STANDSTILL_START)
        self.schedule(period.final_from, course, Trigger.STANDSTILL_END)

    def exempt(self, course: SegmentCourse, event: Event, source: SegmentState) -> None:
        self.decided(course, event, source)
        assert isinstance(event, AwardDecision)
        course.exemption, course.final_from = event.standstill_exemption, event.on

    def kort_geding_filed(self, course: SegmentCourse, event: Event, source: SegmentState) -> None:
        assert isinstance(event, KortGeding)
        suspends = course.state == S.KORT_GEDING
        filed = PendingKortGeding.of(event, suspends, course.generation)
        course.kort_gedingen = (*course.kort_gedingen, filed)
        if suspends:
            course.final_from = None  # the rulings decide it

    def ruled(self, course: SegmentCourse, event: Event, source: SegmentState) -> None:
        decided = course.ruled_on(event)
        course.kort_gedingen = tuple(p for p in course.kort_gedingen if p is not decided)
        course.rulings += 1

    def ruling_rejected(self, course: SegmentCourse, event: Event, source: SegmentState) -> None:
        self.ruled(course, event, source)
        if source != S.KORT_GEDING or course.state != S.STANDSTILL:
            return
        period = course.standstill
        assert period is not None  # a kort geding suspends only an award with a standstill
        if event.on < period.final_from:
            course.final_from = period.final_from
            if event.on < period.start:
                # Ruled on the day the decision was sent: its standstill starts the next day.
                self.move(course, S.VOORLOPIG_GEGUND, event.on)
            return
        # The standstill ended while the kort gedingen held it: it ends at once.
        course.final_from = event.on
        new = SEGMENT_MACHINE.step(course.state, Trigger.STANDSTILL_END)
        assert new is not None
        self.move(course, new, event.on)

    def upheld(self, course: SegmentCourse, event: Event, source: SegmentState) -> None:
        self.ruled(course, event, source)
        if source != course.state and course.state == S.HERBEOORDELING:
            self.decided(course, event, source)  # the award decision is void

    def final_award(self, course: SegmentCourse, event: Event, source: SegmentState) -> None:
        if course.final_on is None:
            course.final_on, course.final_inferred = event.on, event.source == _INFERRED_SOURCE
            if course.final_from is None or course.final_from > event.on:
                course.final_from = event.on
            course.kort_gedingen = tuple(replace_suspends(p) for p in course.kort_gedingen)

    def follow_up_awarded(self, course: SegmentCourse, event: Event, source: SegmentState) -> None:
        course.final_from = course.final_on = event.on
        course.standstill = None  # the follow-up's own standstill is not in this record

    def follow_up_not_awarded(self, course: SegmentCourse, event: Event, source: SegmentState) -> None:
        course.final_from = None

    def contract(self, course: SegmentCourse, event: Event, source: SegmentState) -> None:
        assert isinstance(event, Contract)
        if course.final_on is None:
            # No final award recorded, but a contract: it became final on the first day it could.
            period = course.standstill
            first = course.final_from or (period.final_from if period is not None else event.on)
            self.inferred.append((course.id, min(first, event.on), event.on))
            course.final_on, course.final_inferred = min(first, event.on), True
        self.schedule_end(course, event.initial_end)

    def extension(self, course: SegmentCourse, event: Event, source: SegmentState) -> None:
        assert isinstance(event, ContractExtension)
        assert event.extended_to is not None
        self.schedule_end(course, event.extended_to)


def decision_standstill(data: ProcedureData, event: AwardDecision, calendar: Calendar | None
                        ) -> StandstillPeriod:
    """The standstill an award decision starts: its own length if it declares one, else the
    procedure's, else its rulebook's (for a decision sent by other than electronic means too)."""
    return standstill_period(event.on, event.standstill_days or data.standstill_days,
                             atw=data.standstill_atw, calendar=calendar, rulebook=data.rulebook,
                             electronic=event.sent_electronically is not False)


def replace_suspends(pending: PendingKortGeding) -> PendingKortGeding:
    """The kort geding, no longer holding the award (its decision is void, or the award final)."""
    return dataclasses.replace(pending, suspends=False)


#: The source of a final award the timeline infers from a contract: labelled an assumption.
_INFERRED_SOURCE = "assumption: no final award is recorded; the contract shows the award became final"


_Effect = Callable[[Timeline, SegmentCourse, Event, SegmentState], None]
#: What a trigger does besides moving the segment; a trigger not listed only moves it.
_EFFECTS: dict[Trigger, _Effect] = {
    Trigger.AWARD_DECISION_AWARDED: Timeline.awarded,
    Trigger.AWARD_DECISION_EXEMPT: Timeline.exempt,
    Trigger.AWARD_DECISION_NOT_AWARDED: Timeline.decided,
    Trigger.AWARD_WITHDRAWAL: Timeline.decided,
    Trigger.CANCELLATION: Timeline.decided,
    Trigger.KORT_GEDING: Timeline.kort_geding_filed,
    Trigger.KORT_GEDING_RULING_REJECTED: Timeline.ruling_rejected,
    Trigger.KORT_GEDING_RULING_UPHELD: Timeline.upheld,
    Trigger.FINAL_AWARD: Timeline.final_award,
    Trigger.FOLLOW_UP_RESULT_AWARDED: Timeline.follow_up_awarded,
    Trigger.FOLLOW_UP_RESULT_NOT_AWARDED: Timeline.follow_up_not_awarded,
    Trigger.CONTRACT: Timeline.contract,
    Trigger.CONTRACT_EXTENSION: Timeline.extension,
}


def inferred_final_award(segment: str, day: dt.date, contract_on: dt.date) -> FinalAward:
    """The final award the contract of ``contract_on`` shows ``segment`` had, on the first day it could."""
    # model_construct: these values are the library's own and valid, and building the model on a
    # query's path would import pydantic's plugin machinery (20 ms of a command's start-up).
    return FinalAward.model_construct(
        on=day, segments=(segment,), source=_INFERRED_SOURCE,
        note=f"The contract from {contract_on.isoformat()} shows the award became final; "
             "it is taken as final from the first day it could be.")


#: Where an event of a type stands among the events of its day (see :func:`day_order`).
_CONTRACTS = frozenset({"contract", "contract_extension"})
#: The day order of the final awards the contracts show.
INFERRED_ORDER = 1


def day_order(event: Event) -> int:
    """Where ``event`` stands among the events of its day: decisions first (in record order),
    then the final awards the contracts show, then the contracts and their extensions: on one
    day, the decisions come before the contracts they allow."""
    return 2 if event.type in _CONTRACTS else 0


def build_timeline(data: ProcedureData, calendar: Calendar | None = None,
                   inferred: Iterable[FinalAward] = ()) -> Timeline:
    """Step every event of ``data`` (and the ``inferred`` final awards) through the machine, in
    date order and, within a day, in :func:`day_order`; then project the tails."""
    timeline = Timeline(data, calendar)
    for _on, _order, index, event in replay_steps(data.events, inferred):
        timeline.append(event, index)
    timeline.project()
    return timeline


#: One event as the replay steps it: its date, its day order, its index in the record (-1 for
#: an inferred final award) and the event.
Step = tuple[dt.date, int, int, Event]


def replay_steps(events: Sequence[Event], inferred: Iterable[FinalAward] = ()) -> list[Step]:
    """``events`` and the ``inferred`` final awards in the order the replay steps them: by date,
    then :func:`day_order`, then index (an inferred award first among its day order)."""
    steps: list[Step] = [(e.on, INFERRED_ORDER, -1, e) for e in inferred]
    steps += [(e.on, day_order(e), i, e) for i, e in enumerate(events)]
    steps.sort(key=step_key)
    return steps


def step_key(step: Step) -> tuple[dt.date, int, int]:
    """The order of a :data:`Step` (never its event, which does not compare)."""
    return step[0], step[1], step[2]
