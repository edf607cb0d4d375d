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

import datetime as dt
import heapq
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from ..calendar import Calendar, StandstillPeriod, standstill_period
from ..record import MILESTONE_EVENTS, Contract, ContractExtension, Event, ProcedureData
from ._declaration import LIFECYCLE, Guard, Phase, SegmentState, Trigger
from ._machine import NO_FACTS, SEGMENT_MACHINE
from ._rules import Violation, violation

__all__ = ["ALLOWED", "CLOSED", "SegmentCourse", "Timeline", "Track", "build_timeline", "segments_of"]

_DAY = dt.timedelta(days=1)
S = SegmentState
#: The states of :attr:`Timeline.dialogue`.
ALLOWED, CLOSED = "allowed", "closed"
_CLOSED = LIFECYCLE.where(closed_to_dialogue=True)
_MILESTONE_OF = {event_type: milestone for milestone, event_type in MILESTONE_EVENTS.items()}
#: Triggers whose transitions need a guard: only for these are the guards evaluated.
_GUARDED = frozenset(t.trigger for t in LIFECYCLE.transitions if t.guard is not None)

V = TypeVar("V", bound=str)


@dataclass(slots=True)
class Track(Generic[V]):
    """The states of one subject over time: ``states[i]`` holds from ``starts[i]`` on.

    The settled part comes from the recorded events; the tail holds what the
    pending delayed transitions (a standstill ending, a contract ending) will
    do after the last event. Recording an event later than all others settles
    part of the tail and recomputes the rest, without touching what came before.
    """

    initial: V
    starts: list[dt.date] = field(default_factory=list)
    states: list[V] = field(default_factory=list)
    tail_starts: list[dt.date] = field(default_factory=list)
    tail_states: list[V] = field(default_factory=list)
    projecting: bool = False

    def state_on(self, day: dt.date) -> V:
        """The state at the end of ``day``."""
        if self.tail_starts and day >= self.tail_starts[0]:
            return self.tail_states[bisect_right(self.tail_starts, day) - 1]
        i = bisect_right(self.starts, day) - 1
        return self.states[i] if i >= 0 else self.initial

    def settled_state(self) -> V:
        """The state after the last settled change."""
        return self.states[-1] if self.states else self.initial

    def set(self, day: dt.date, state: V) -> None:
        """Record that the state is ``state`` from ``day`` on (the last change of a day wins)."""
        if self.projecting:
            starts, states, before = self.tail_starts, self.tail_states, self.settled_state()
        else:
            starts, states, before = self.starts, self.states, self.initial
        if starts and starts[-1] == day:
            states[-1] = state
            if (states[-2] if len(states) > 1 else before) == state:
                starts.pop()
                states.pop()
        elif (states[-1] if states else before) != state:
            starts.append(day)
            states.append(state)

    def intervals(self) -> list[tuple[dt.date, dt.date | None, V]]:
        """``(start, end, state)`` for every state after the initial one; ``end`` is inclusive."""
        starts = self.starts + self.tail_starts
        states = self.states + self.tail_states
        out: list[tuple[dt.date, dt.date | None, V]] = []
        for i, (start, state) in enumerate(zip(starts, states, strict=True)):
            end = starts[i + 1] - _DAY if i + 1 < len(starts) else None
            out.append((start, end, state))
        return out

    def snapshot(self) -> _TrackSnapshot[V]:
        """What :meth:`restore` needs: after it, only the last settled entry and the tail can change.

        A plain tuple (length, last start, last state, tail starts, tail states):
        every recorded event takes one per track.
        """
        if self.starts:
            return len(self.starts), self.starts[-1], self.states[-1], self.tail_starts, self.tail_states
        return 0, None, None, self.tail_starts, self.tail_states

    def restore(self, snap: _TrackSnapshot[V], *, tail: bool = True) -> None:
        """Undo every settled change since ``snap`` was taken (and the tail, unless ``tail=False``)."""
        length, last_start, last_state, tail_starts, tail_states = snap
        del self.starts[length:], self.states[length:]
        if last_start is not None and last_state is not None:
            # Slices, not [-1]: a same-day change may have removed the last entry.
            self.starts[length - 1:] = [last_start]
            self.states[length - 1:] = [last_state]
        if tail:
            self.tail_starts, self.tail_states = tail_starts, tail_states


_TrackSnapshot = tuple[int, dt.date | None, V | None, list[dt.date], list[V]]


@dataclass(slots=True)
class SegmentCourse:
    """One segment's course: its state now, the track of its states, and its award and contracts.

    ``generation`` counts the award decisions (and upheld kort gedingen) so
    far: a delayed transition scheduled under an older one is void.
    ``standstill`` is the standstill of the latest award decision that
    awarded; ``final_from`` the day the current award may become (or became)
    final, ``None`` while unknown; ``contract_end`` the last day of the
    contracts with any extension.
    """

    id: str
    track: Track[SegmentState]
    state: SegmentState = LIFECYCLE.initial
    generation: int = 0
    contract_generation: int = 0
    standstill: StandstillPeriod | None = None
    final_from: dt.date | None = None
    contract_end: dt.date | None = None

    def snapshot(self) -> _CourseSnapshot:
        """Everything of the course that stepping may change, but its track."""
        return (self.state, self.generation, self.contract_generation, self.standstill, self.final_from,
                self.contract_end, self.track.snapshot())

    def restore(self, snap: _CourseSnapshot, *, tail: bool = True) -> None:
        """Go back to ``snap`` (with the track's tail, unless ``tail=False``)."""
        (self.state, self.generation, self.contract_generation, self.standstill, self.final_from,
         self.contract_end, track) = snap
        self.track.restore(track, tail=tail)

    def facts(self, on: dt.date) -> frozenset[Guard]:
        """The guards that hold for this segment on ``on``."""
        return frozenset(guard for guard, holds in _GUARDS.items() if holds(self, on))


_CourseSnapshot = tuple[SegmentState, int, int, StandstillPeriod | None, dt.date | None, dt.date | None,
                        _TrackSnapshot[SegmentState]]
#: How each guard is decided for a segment on a date.
_GUARDS: dict[Guard, Callable[[SegmentCourse, dt.date], bool]] = {
    Guard.STANDSTILL_OVER: lambda course, on: (course.standstill is not None
                                               and on >= course.standstill.final_from),
}


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

    courses: tuple[_CourseSnapshot, ...]
    phase: _TrackSnapshot[Phase]
    dialogue: _TrackSnapshot[str]
    current_phase: Phase
    present: dict[SegmentState, int]
    closed: int
    timers: list[_Timer]
    seq: int
    first_dates: dict[str, dt.date]
    violations: int
    now: dt.date | None


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
        self.event_index = -1
        self.now: dt.date | None = None

    # -- recording -------------------------------------------------------
    def append(self, event: Event, index: int) -> None:
        """Step ``event`` (index ``index`` in the record), dated on or after every earlier one."""
        self.fire_timers(event.on)
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

        With ``until``, only those due by that day (enough to answer for it).
        """
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

    def snapshot(self) -> TimelineSnapshot:
        """What :meth:`restore` needs to undo every :meth:`append` and :meth:`project` after it."""
        return TimelineSnapshot(
            courses=tuple(c.snapshot() for c in self.courses.values()),
            phase=self.phase.snapshot(), dialogue=self.dialogue.snapshot(),
            current_phase=self.current_phase, present=dict(self.present), closed=self.closed,
            timers=list(self.timers), seq=self.seq, first_dates=dict(self.first_dates),
            violations=len(self.violations), now=self.now,
        )

    def restore(self, snap: TimelineSnapshot, *, tails: bool = True) -> None:
        """Go back to ``snap``; with ``tails=False`` the projected tails are kept."""
        for course, saved in zip(self.courses.values(), snap.courses, strict=True):
            course.restore(saved, tail=tails)
        self.phase.restore(snap.phase, tail=tails)
        self.dialogue.restore(snap.dialogue, tail=tails)
        self.current_phase, self.present, self.closed = snap.current_phase, dict(snap.present), snap.closed
        self.timers, self.seq, self.first_dates = list(snap.timers), snap.seq, dict(snap.first_dates)
        del self.violations[snap.violations:]
        self.now = snap.now

    # -- machinery -------------------------------------------------------
    def move(self, course: SegmentCourse, new: SegmentState, on: dt.date) -> None:
        """Put ``course`` in ``new`` from ``on``, keeping the counts the phase and dialogue read."""
        old = course.state
        if new == old:
            return
        course.state = new
        course.track.set(on, new)
        self.moved = True
        self.present[old] -= 1
        self.present[new] = self.present.get(new, 0) + 1
        was_closed, closed = old in _CLOSED, new in _CLOSED
        if closed != was_closed:
            self.closed += 1 if closed else -1
            self.dialogue.set(on, CLOSED if self.closed else ALLOWED)

    def schedule(self, on: dt.date, course: SegmentCourse, trigger: Trigger) -> None:
        # A delayed transition never lands before the event that caused it (a contract
        # whose end precedes its start is out of order, and reported as such).
        if self.now is not None and on < self.now:
            on = self.now
        generation = course.contract_generation if trigger == Trigger.CONTRACT_END else course.generation
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
            current = (course.contract_generation if timer.trigger == Trigger.CONTRACT_END
                       else course.generation)
            if timer.generation == current:
                # Refused means not applicable now (a pending kort geding holds the standstill).
                new = SEGMENT_MACHINE.step(course.state, timer.trigger)
                if new is not None:
                    self.move(course, new, timer.on)
            self.update_phase(timer.on)

    def update_phase(self, on: dt.date) -> None:
        if not self.moved:
            return
        self.moved = False
        new = LIFECYCLE.project_phase(self.current_phase, [s for s, n in self.present.items() if n])
        if new != self.current_phase:
            self.current_phase = new
            self.phase.set(on, new)

    def refuse(self, rule: str, on: dt.date, subject: str, message: str) -> None:
        self.violations.append((violation(rule, on, subject, message), self.event_index))

    # -- events ----------------------------------------------------------
    def apply(self, event: Event) -> None:
        """Step one event; the phase follows once the whole event is applied (it is one act)."""
        milestone = _MILESTONE_OF.get(event.type)
        if milestone is not None:
            self.first_dates.setdefault(milestone, event.on)
        trigger = LIFECYCLE.trigger_of(event)
        if trigger is None:
            return
        for seg in segments_of(event, self.all_segments):
            course = self.courses[seg]
            source = course.state
            facts = course.facts(event.on) if trigger in _GUARDED else NO_FACTS
            new = SEGMENT_MACHINE.step(source, trigger, facts)
            if new is None:
                guard = LIFECYCLE.guard_of(source, trigger)
                rule = "volgorde" if guard is None else LIFECYCLE.guards[guard].refused_by
                self.refuse(rule, event.on, seg, _MESSAGES[rule](self, event, course, trigger))
                continue
            warning = LIFECYCLE.warning_of(source, trigger)
            if warning is not None:
                self.refuse(warning, event.on, seg, _MESSAGES[warning](self, event, course, trigger))
            self.move(course, new, event.on)
            effect = _EFFECTS.get(trigger)
            if effect is not None:
                effect(self, course, event, source)
        self.update_phase(event.on)

    # -- what a step does besides moving -----------------------------------
    def awarded(self, course: SegmentCourse, event: Event, source: SegmentState) -> None:
        course.generation += 1
        period = standstill_period(event.on, self.data.standstill_days, atw=self.data.standstill_atw,
                                   calendar=self.calendar)
        course.standstill, course.final_from = period, period.final_from
        self.schedule(period.start, course, Trigger.STANDSTILL_START)
        self.schedule(period.final_from, course, Trigger.STANDSTILL_END)

    def not_awarded(self, course: SegmentCourse, event: Event, source: SegmentState) -> None:
        course.generation += 1
        course.standstill = course.final_from = None

    def kort_geding_filed(self, course: SegmentCourse, event: Event, source: SegmentState) -> None:
        if course.state == S.KORT_GEDING:
            course.final_from = None  # the ruling decides it

    def ruling_rejected(self, course: SegmentCourse, event: Event, source: SegmentState) -> None:
        period = course.standstill
        assert period is not None  # a kort geding is pending only about an award
        if event.on < period.final_from:
            course.final_from = period.final_from
            return
        # The standstill ended while the kort geding held it: it ends at once.
        course.final_from = event.on
        new = SEGMENT_MACHINE.step(course.state, Trigger.STANDSTILL_END)
        assert new is not None
        self.move(course, new, event.on)

    def upheld(self, course: SegmentCourse, event: Event, source: SegmentState) -> None:
        course.generation += 1  # the award decision is void, and so is its standstill's end

    def final_award(self, course: SegmentCourse, event: Event, source: SegmentState) -> None:
        if source == S.KORT_GEDING:
            course.final_from = event.on

    def follow_up_awarded(self, course: SegmentCourse, event: Event, source: SegmentState) -> None:
        course.final_from = event.on
        course.standstill = None  # the follow-up's own standstill is not in this record

    def contract(self, course: SegmentCourse, event: Event, source: SegmentState) -> None:
        assert isinstance(event, Contract)
        self.schedule_end(course, event.initial_end)

    def extension(self, course: SegmentCourse, event: Event, source: SegmentState) -> None:
        assert isinstance(event, ContractExtension)
        assert event.extended_to is not None
        self.schedule_end(course, event.extended_to)


_Effect = Callable[[Timeline, SegmentCourse, Event, SegmentState], None]
#: What a trigger does besides moving the segment; a trigger not listed only moves it.
_EFFECTS: dict[Trigger, _Effect] = {
    Trigger.AWARD_DECISION_AWARDED: Timeline.awarded,
    Trigger.AWARD_DECISION_NOT_AWARDED: Timeline.not_awarded,
    Trigger.AWARD_DECISION_HERAANBESTEDING: Timeline.not_awarded,
    Trigger.KORT_GEDING: Timeline.kort_geding_filed,
    Trigger.KORT_GEDING_RULING_REJECTED: Timeline.ruling_rejected,
    Trigger.KORT_GEDING_RULING_UPHELD: Timeline.upheld,
    Trigger.FINAL_AWARD: Timeline.final_award,
    Trigger.FOLLOW_UP_RESULT_AWARDED: Timeline.follow_up_awarded,
    Trigger.FOLLOW_UP_RESULT_NOT_AWARDED: Timeline.not_awarded,
    Trigger.CONTRACT: Timeline.contract,
    Trigger.CONTRACT_EXTENSION: Timeline.extension,
}


# -- what an officer reads ---------------------------------------------------------------

def _out_of_order(timeline: Timeline, event: Event, course: SegmentCourse, trigger: Trigger) -> str:
    label = type(event).label
    return (f"The {label.en} ({label.nl}) on {event.on.isoformat()} for {course.id} is out of order: "
            f"the segment is in {course.state.label.nl}; {LIFECYCLE.triggers[trigger].needs}.")


def _before_standstill_end(timeline: Timeline, event: Event, course: SegmentCourse, trigger: Trigger
                           ) -> str:
    period = course.standstill
    assert period is not None  # the guard fails only where an award decision awarded
    pending = (" A kort geding about it is pending as well: the ruling decides when it may become "
               "final." if course.state == S.KORT_GEDING else
               f" The award may become final from {period.final_from.isoformat()}.")
    return (f"The final award (definitieve gunning) of {course.id} on {event.on.isoformat()} comes "
            f"before the end of the Alcatel standstill on {period.end.isoformat()}.{pending}")


def _during_kort_geding(timeline: Timeline, event: Event, course: SegmentCourse, trigger: Trigger) -> str:
    return (f"The final award (definitieve gunning) of {course.id} on {event.on.isoformat()} comes "
            "while a kort geding about it is pending: wait for the ruling (practice and case law; "
            "statutory basis unconfirmed).")


def _after_standstill(timeline: Timeline, event: Event, course: SegmentCourse, trigger: Trigger) -> str:
    return (f"The kort geding of {event.on.isoformat()} about {course.id} was started after the "
            "standstill had ended: it does not suspend the final award.")


_Message = Callable[[Timeline, Event, SegmentCourse, Trigger], str]
#: The message of every rule the declaration names, as the timeline finds it broken.
_MESSAGES: dict[str, _Message] = {
    "volgorde": _out_of_order,
    "definitieve-gunning-voor-einde-standstill": _before_standstill_end,
    "definitieve-gunning-tijdens-kort-geding": _during_kort_geding,
    "kort-geding-na-standstill": _after_standstill,
}


def build_timeline(data: ProcedureData, calendar: Calendar | None = None) -> Timeline:
    """Step every event of ``data`` through the machine, in date order, and project the tails."""
    timeline = Timeline(data, calendar)
    for index in sorted(range(len(data.events)), key=lambda i: data.events[i].on):
        timeline.append(data.events[index], index)
    timeline.project()
    return timeline
