"""The timeline of a procedure: the states it passes through, computed once from its events.

The events are stepped through the shared machines in date order, together
with the *delayed transitions* they cause (the standstill starting the day
after the award decision, ending at its ``final_from``; a contract ending).
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
from typing import Any

from ..calendar._holidays import Calendar
from ..calendar._standstill import StandstillPeriod, standstill_period
from ..record._events import (
    AwardDecision,
    Contract,
    ContractExtension,
    Event,
    FinalAward,
    FollowUpResult,
    KortGeding,
    KortGedingRuling,
    TenderStart,
)
from ..record._model import ProcedureData
from ._machine import (
    FINAL_STATES,
    NO_DIALOGUE_STATES,
    PHASE_MACHINE,
    SEGMENT_MACHINE,
    Phase,
    SegmentState,
)
from ._rules import Violation, violation

__all__ = ["Timeline", "Track", "build_timeline", "segments_of"]

_DAY = dt.timedelta(days=1)
S = SegmentState
_PHASE_STEPS = (
    ("start_tender", Phase.AANBESTEDING),
    ("decide_award", Phase.GUNNING),
    ("finalise_awards", Phase.IMPLEMENTATIE),
    ("start_contracts", Phase.UITVOERING),
    ("end_contracts", Phase.AFGEROND),
)
_PHASE_RANK: dict[str, int] = {phase.value: rank for rank, phase in enumerate(Phase)}
#: The states of :attr:`Timeline.dialogue`.
ALLOWED, CLOSED = "allowed", "closed"
_OPEN_STATES = NO_DIALOGUE_STATES | {S.IN_UITVOERING, S.DEFINITIEF_GEGUND}


@dataclass(slots=True)
class Track:
    """The states of one subject over time: ``states[i]`` holds from ``starts[i]`` on.

    The settled part comes from the recorded events; the tail holds what the
    pending delayed transitions (a standstill ending, a contract ending) will
    do after the last event. Recording an event later than all others settles
    part of the tail and recomputes the rest, without touching what came before.
    """

    initial: str
    starts: list[dt.date] = field(default_factory=list)
    states: list[str] = field(default_factory=list)
    tail_starts: list[dt.date] = field(default_factory=list)
    tail_states: list[str] = field(default_factory=list)
    projecting: bool = False

    def state_on(self, day: dt.date) -> str:
        """The state at the end of ``day``."""
        if self.tail_starts and day >= self.tail_starts[0]:
            return self.tail_states[bisect_right(self.tail_starts, day) - 1]
        i = bisect_right(self.starts, day) - 1
        return self.states[i] if i >= 0 else self.initial

    def settled_state(self) -> str:
        """The state after the last settled change."""
        return self.states[-1] if self.states else self.initial

    def set(self, day: dt.date, state: str) -> None:
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

    def intervals(self) -> list[tuple[dt.date, dt.date | None, str]]:
        """``(start, end, state)`` for every state after the initial one; ``end`` is inclusive."""
        starts = self.starts + self.tail_starts
        states = self.states + self.tail_states
        out: list[tuple[dt.date, dt.date | None, str]] = []
        for i, (start, state) in enumerate(zip(starts, states, strict=True)):
            end = starts[i + 1] - _DAY if i + 1 < len(starts) else None
            out.append((start, end, state))
        return out

    def mark(self) -> tuple[int, dt.date | None, str | None]:
        """What :meth:`restore` needs: after it, only the last settled entry can change."""
        if not self.starts:
            return 0, None, None
        return len(self.starts), self.starts[-1], self.states[-1]

    def restore(self, mark: tuple[int, dt.date | None, str | None]) -> None:
        """Undo every settled change since ``mark`` was taken."""
        length, last_start, last_state = mark
        del self.starts[length:], self.states[length:]
        if length and last_start is not None and last_state is not None:
            self.starts[length - 1:] = [last_start]
            self.states[length - 1:] = [last_state]


def segments_of(event: Event, all_segments: tuple[str, ...]) -> tuple[str, ...]:
    """The segments an event concerns (``None`` in the event means all)."""
    named = getattr(event, "segments", None)
    return tuple(named) if named else all_segments


@dataclass(order=True)
class _Timer:
    on: dt.date
    seq: int
    segment: str = field(compare=False)
    trigger: str = field(compare=False)
    generation: int = field(compare=False)


class Timeline:
    """The running replay of a procedure's events, and everything queries read.

    Built once from the events (:func:`build_timeline`); an event dated on or
    after the last one is added with :meth:`append` at the cost of that event
    alone, and undone with :meth:`rollback` if it is refused.
    """

    def __init__(self, data: ProcedureData, calendar: Calendar | None) -> None:
        self.data = data
        self.calendar = calendar
        self.all_segments = data.segment_ids
        self.state: dict[str, str] = {s: S.DIALOOG.value for s in self.all_segments}
        self.segments = {s: Track(S.DIALOOG.value) for s in self.all_segments}
        self.phase = Track(Phase.DIALOOG)
        # How many segments are closed to dialogue, and when dialogue about all of them is
        # allowed: kept as the states change, so that question is one lookup, not one per segment.
        self.closed = 0
        self.dialogue = Track(ALLOWED)
        self.current_phase = Phase.DIALOOG
        self.timers: list[_Timer] = []
        self.seq = 0
        self.generation: dict[str, int] = dict.fromkeys(self.all_segments, 0)
        self.contract_generation: dict[str, int] = dict.fromkeys(self.all_segments, 0)
        # The standstill of each segment's latest award decision; None unless that awarded.
        self.standstill: dict[str, StandstillPeriod | None] = dict.fromkeys(self.all_segments)
        self.contract_ends: dict[str, dt.date] = {}
        # When the current award of each segment may become (or became) final; None: not known.
        self.final_from: dict[str, dt.date | None] = dict.fromkeys(self.all_segments)
        self.awarded: set[str] = set()
        self.any_award = False
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
        self.apply(event)
        self.event_index = -1

    def tracks(self) -> list[Track]:
        """Every track the replay writes."""
        return [self.phase, self.dialogue, *self.segments.values()]

    def project(self) -> None:
        """Recompute the tails: what the pending delayed transitions do after the last event."""
        saved = (dict(self.state), self.current_phase, list(self.timers), self.closed)
        tracks = self.tracks()
        for track in tracks:
            track.tail_starts, track.tail_states, track.projecting = [], [], True
        try:
            self.fire_timers(None)
        finally:
            for track in tracks:
                track.projecting = False
            self.state, self.current_phase, self.timers, self.closed = saved

    def checkpoint(self) -> tuple[Any, ...]:
        """Everything :meth:`append` may change, so that :meth:`rollback` can undo it."""
        return (
            dict(self.state), self.current_phase, list(self.timers), self.seq, self.closed,
            dict(self.generation), dict(self.contract_generation),
            dict(self.standstill), dict(self.contract_ends),
            dict(self.final_from), set(self.awarded), self.any_award, dict(self.first_dates),
            len(self.violations), self.now,
            [(t.mark(), t.tail_starts, t.tail_states) for t in self.tracks()],
        )

    def rollback(self, checkpoint: tuple[Any, ...]) -> None:
        """Undo every :meth:`append` and :meth:`project` since ``checkpoint``."""
        (self.state, self.current_phase, self.timers, self.seq, self.closed, self.generation,
         self.contract_generation, self.standstill, self.contract_ends, self.final_from,
         self.awarded, self.any_award, self.first_dates, violations, self.now, marks) = checkpoint
        del self.violations[violations:]
        for track, (mark, tail_starts, tail_states) in zip(self.tracks(), marks, strict=True):
            track.restore(mark)
            track.tail_starts, track.tail_states = tail_starts, tail_states

    # -- machinery -------------------------------------------------------
    def move(self, segment: str, trigger: str, on: dt.date) -> bool:
        new = SEGMENT_MACHINE.step(self.state[segment], trigger)
        if new is None:
            return False
        was_closed = self.state[segment] in NO_DIALOGUE_STATES
        self.state[segment] = new
        self.segments[segment].set(on, new)
        closed = new in NO_DIALOGUE_STATES
        if closed != was_closed:
            self.closed += 1 if closed else -1
            self.dialogue.set(on, CLOSED if self.closed else ALLOWED)
        return True

    def schedule(self, on: dt.date, segment: str, trigger: str, generation: int) -> None:
        # A delayed transition never lands before the event that caused it (a contract
        # whose end precedes its start is out of order, and reported as such).
        if self.now is not None and on < self.now:
            on = self.now
        self.seq += 1
        heapq.heappush(self.timers, _Timer(on, self.seq, segment, trigger, generation))

    def schedule_end(self, last_day: dt.date, segment: str) -> None:
        """The contracts of ``segment`` end after ``last_day`` (never, if that is the last date)."""
        if last_day < dt.date.max:
            self.schedule(last_day + _DAY, segment, "end_contract", self.contract_generation[segment])

    def fire_timers(self, until: dt.date | None) -> None:
        while self.timers and (until is None or self.timers[0].on <= until):
            timer = heapq.heappop(self.timers)
            if timer.trigger == "end_contract":
                if timer.generation == self.contract_generation[timer.segment]:
                    self.move(timer.segment, "end_contract", timer.on)
            # A pending kort geding holds the award: the ruling decides it, not the timer.
            elif (timer.generation == self.generation[timer.segment]
                  and self.state[timer.segment] != S.KORT_GEDING):
                self.move(timer.segment, timer.trigger, timer.on)
            self.update_phase(timer.on)

    def update_phase(self, on: dt.date) -> None:
        states = self.state.values()
        target = Phase.DIALOOG
        if any(s != S.DIALOOG for s in states):
            target = Phase.AANBESTEDING
        if self.any_award:
            target = Phase.GUNNING
        if self.awarded and all(self.state[s] in FINAL_STATES for s in self.awarded):
            target = Phase.IMPLEMENTATIE
        if any(s in (S.IN_UITVOERING, S.BEEINDIGD) for s in states):
            target = Phase.UITVOERING
            # Closed once no contract runs and no segment is still on its way to one.
            if not any(s in _OPEN_STATES for s in states):
                target = Phase.AFGEROND
        for trigger, dest in _PHASE_STEPS:
            rank = _PHASE_RANK[dest]
            if _PHASE_RANK[self.current_phase] < rank <= _PHASE_RANK[target]:
                new = PHASE_MACHINE.step(self.current_phase, trigger)
                if new is not None:
                    # Kept as the enum member, so a phase query needs no conversion.
                    self.current_phase = Phase(new)
                    self.phase.set(on, self.current_phase)

    def refuse(self, rule: str, on: dt.date, subject: str, message: str) -> None:
        self.violations.append((violation(rule, on, subject, message), self.event_index))

    def out_of_order(self, event: Event, segment: str, needs: str) -> None:
        label = _LABELS[event.type]
        self.refuse(
            "volgorde", event.on, segment,
            f"{label} on {event.on.isoformat()} for {segment} is out of order: the segment is "
            f"in {self.state[segment]}; {needs}.",
        )

    def first(self, milestone: str, on: dt.date) -> None:
        self.first_dates.setdefault(milestone, on)

    # -- events ----------------------------------------------------------
    def apply(self, event: Event) -> None:
        """Step one event; the phase follows once the whole event is applied (it is one act)."""
        handler = _HANDLERS.get(type(event))
        if handler is not None:
            handler(self, event)
            self.update_phase(event.on)

    def tender_start(self, event: TenderStart) -> None:
        self.first("aanbesteding", event.on)
        for seg in segments_of(event, self.all_segments):
            if not self.move(seg, "start_tender", event.on):
                self.out_of_order(event, seg, "a tender starts only for a segment in dialoog, "
                                  "or one not awarded")

    def award_decision(self, event: AwardDecision) -> None:
        self.first("gunning", event.on)
        for seg in segments_of(event, self.all_segments):
            trigger = "send_award" if event.outcome == "awarded" else "reject_bids"
            if not self.move(seg, trigger, event.on):
                self.out_of_order(event, seg, "an award decision needs a tender (aanbesteding) "
                                  "first")
                continue
            self.any_award = True
            self.generation[seg] += 1
            if event.outcome == "awarded":
                self.awarded.add(seg)
                period = standstill_period(event.on, self.data.standstill_days,
                                           atw=self.data.standstill_atw, calendar=self.calendar)
                self.standstill[seg] = period
                self.final_from[seg] = period.final_from
                self.schedule(period.start, seg, "begin_standstill", self.generation[seg])
                self.schedule(period.final_from, seg, "finalise", self.generation[seg])
            else:
                self.awarded.discard(seg)
                self.final_from[seg] = None
                self.standstill[seg] = None
                if event.follow_up in ("verkort_proces", "new_tender"):
                    self.move(seg, "retender", event.on)

    def kort_geding(self, event: KortGeding) -> None:
        for seg in segments_of(event, self.all_segments):
            if self.state[seg] in FINAL_STATES:
                self.refuse("kort-geding-na-standstill", event.on, seg,
                            f"The kort geding of {event.on.isoformat()} about {seg} was started "
                            "after the standstill had ended: it does not suspend the final award.")
            elif self.move(seg, "file_kort_geding", event.on):
                self.final_from[seg] = None
            else:
                self.out_of_order(event, seg, "a kort geding about the award needs an award "
                                  "decision first")

    def ruling(self, event: KortGedingRuling) -> None:
        for seg in segments_of(event, self.all_segments):
            if self.state[seg] != S.KORT_GEDING:
                self.out_of_order(event, seg, "a ruling needs a pending kort geding")
                continue
            period = self.standstill[seg]
            assert period is not None  # a kort geding is pending only about an award
            standstill_over = period.final_from
            if event.outcome == "upheld":
                self.generation[seg] += 1
                self.awarded.discard(seg)
                self.move(seg, "uphold_kort_geding", event.on)
            elif event.on >= standstill_over:
                self.final_from[seg] = event.on
                self.move(seg, "finalise", event.on)
            else:
                self.final_from[seg] = standstill_over
                self.move(seg, "resume_standstill", event.on)

    def final_award(self, event: FinalAward) -> None:
        for seg in segments_of(event, self.all_segments):
            state = self.state[seg]
            period = self.standstill[seg]
            in_standstill = period is not None and event.on < period.final_from
            if state in (S.VOORLOPIG_GEGUND, S.STANDSTILL) or (
                state == S.KORT_GEDING and in_standstill
            ):
                assert period is not None
                pending = (" A kort geding about it is pending as well: the ruling decides when "
                           "it may become final." if state == S.KORT_GEDING else
                           f" The award may become final from {period.final_from.isoformat()}.")
                self.refuse("definitieve-gunning-voor-einde-standstill", event.on, seg,
                            f"The final award (definitieve gunning) of {seg} on "
                            f"{event.on.isoformat()} comes before the end of the Alcatel "
                            f"standstill on {period.end.isoformat()}.{pending}")
            elif state == S.KORT_GEDING:
                self.refuse("definitieve-gunning-tijdens-kort-geding", event.on, seg,
                            f"The final award (definitieve gunning) of {seg} on "
                            f"{event.on.isoformat()} comes while a kort geding about it is "
                            "pending: wait for the ruling (practice and case law; statutory "
                            "basis unconfirmed).")
                self.final_from[seg] = event.on
                self.move(seg, "finalise", event.on)
            elif state not in FINAL_STATES:
                self.out_of_order(event, seg, "a final award needs an award decision "
                                  "(voorlopige gunning) first")

    def follow_up(self, event: FollowUpResult) -> None:
        for seg in segments_of(event, self.all_segments):
            trigger = "award_in_follow_up" if event.outcome == "awarded" else "fail_in_follow_up"
            if self.move(seg, trigger, event.on):
                self.final_from[seg] = event.on if event.outcome == "awarded" else None
                self.standstill[seg] = None  # the follow-up's own standstill is not in this record
            else:
                self.out_of_order(event, seg, "a follow-up result needs a segment that was "
                                  "not awarded or is re-tendered")

    def contract(self, event: Contract) -> None:
        self.first("contract_start", event.on)
        for seg in segments_of(event, self.all_segments):
            if not self.move(seg, "start_contract", event.on):
                self.out_of_order(event, seg, "a contract starts only after the award is final")
                continue
            self.contract_generation[seg] += 1
            self.contract_ends[seg] = event.initial_end
            self.schedule_end(event.initial_end, seg)

    def extension(self, event: ContractExtension) -> None:
        if event.extended_to is None:
            return
        for seg in segments_of(event, self.all_segments):
            if seg not in self.contract_ends or self.state[seg] != S.IN_UITVOERING:
                self.out_of_order(event, seg, "only a contract in force can be extended")
                continue
            self.contract_generation[seg] += 1
            self.contract_ends[seg] = event.extended_to
            self.schedule_end(event.extended_to, seg)


_HANDLERS: dict[type, Callable[[Timeline, Any], None]] = {
    TenderStart: Timeline.tender_start,
    AwardDecision: Timeline.award_decision,
    KortGeding: Timeline.kort_geding,
    KortGedingRuling: Timeline.ruling,
    FinalAward: Timeline.final_award,
    FollowUpResult: Timeline.follow_up,
    Contract: Timeline.contract,
    ContractExtension: Timeline.extension,
}

_LABELS = {
    "dialogue_activity": "The dialogue activity",
    "registration": "The registration",
    "tender_start": "The tender start (aanbesteding)",
    "nota_van_inlichtingen": "The Nota van Inlichtingen",
    "award_decision": "The award decision (gunningsbeslissing)",
    "objection": "The objection",
    "kort_geding": "The kort geding",
    "kort_geding_ruling": "The ruling in kort geding",
    "final_award": "The final award (definitieve gunning)",
    "follow_up_result": "The follow-up result",
    "contract": "The contract",
    "contract_extension": "The contract extension",
    "overgangsregeling": "The overgangsregeling",
    "client_transfer": "The client transfer",
    "announcement": "The announcement",
}


def build_timeline(data: ProcedureData, calendar: Calendar | None = None) -> Timeline:
    """Step every event of ``data`` through the machines, in date order, and project the tails."""
    timeline = Timeline(data, calendar)
    for index in sorted(range(len(data.events)), key=lambda i: data.events[i].on):
        timeline.append(data.events[index], index)
    timeline.project()
    return timeline
