"""The projected tails of a timeline, kept per segment: what the pending delayed transitions do.

After every recorded event the timeline projects what its pending delayed
transitions (a standstill ending, a contract ending) will do after the last
event. Firing every pending timer of every segment again for each event made
recording at the end of a long log cost in proportion to its segments. But a
segment's delayed transitions move only that segment, and what they do
depends only on its state, its generations and its own timers: :class:`Tails`
keeps the moves each segment's timers make, and works them out again only
for the segments a step touched (``dirty``). The phase and dialogue tails,
which read every segment's state, are derived from those moves merged in the
order the timers fire (date, then the order they were scheduled in): the same
order, and so the same tails, as firing them all.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from ._course import SegmentCourse
from ._declaration import LIFECYCLE, Phase, SegmentState, Trigger
from ._machine import SEGMENT_MACHINE
from ._track import Track

if TYPE_CHECKING:
    from ._timeline import Timeline

__all__ = ["ALLOWED", "CLOSED", "CLOSED_STATES", "Move", "Tails", "projected_phase"]

#: The states of :attr:`Timeline.dialogue`.
ALLOWED, CLOSED = "allowed", "closed"
#: The segment states in which dialogue about the segment is closed.
CLOSED_STATES = LIFECYCLE.where(closed_to_dialogue=True)
#: The phase projected from a phase and the set of states present (LIFECYCLE.project_phase reads
#: nothing else): a replay meets few combinations, and projecting was a fifth of a replay's steps.
_PHASES: dict[tuple[Phase, frozenset[SegmentState]], Phase] = {}
_PHASES_KEPT = 4096

#: A move a delayed transition makes: its day, its timer's order, the segment, from, to.
Move = tuple[dt.date, int, str, SegmentState, SegmentState]


def projected_phase(current: Phase, present: Mapping[SegmentState, int]) -> Phase:
    """The phase after ``current`` with the segments in the states ``present`` counts."""
    key = (current, frozenset([s for s, n in present.items() if n]))
    new = _PHASES.get(key)
    if new is None:
        if len(_PHASES) >= _PHASES_KEPT:
            _PHASES.clear()
        new = _PHASES[key] = LIFECYCLE.project_phase(*key)
    return new


class Tails:
    """The moves of each segment's pending delayed transitions, worked out again only for the
    segments marked ``dirty`` since (``None``: all of them, after a restore)."""

    __slots__ = ("dirty", "moves")

    def __init__(self) -> None:
        self.moves: dict[str, list[Move]] = {}
        self.dirty: set[str] | None = None

    def forget(self) -> None:
        """Work every segment out again (the timeline went back to a snapshot)."""
        self.moves, self.dirty = {}, None

    def project(self, timeline: Timeline) -> None:
        """Set every tail of ``timeline``: those of the dirty segments worked out again, the
        others kept, and the phase and dialogue tails from all the segments' moves."""
        dirty = self.dirty
        courses = timeline.courses
        redo = courses.keys() if dirty is None else dirty
        if redo:
            own: dict[str, list[_Pending]] = {seg: [] for seg in redo}
            for timer in timeline.timers:
                mine = own.get(timer.segment)
                if mine is not None:
                    mine.append((timer.on, timer.seq, timer.trigger, timer.generation))
            for seg, timers in own.items():
                course = courses[seg]
                self.moves[seg] = moves = _segment_moves(course, sorted(timers))
                _set_tail(course.track, moves)
        self.dirty = set()
        _project_totals(timeline, self.moves.values())


#: A pending timer of a segment: its day, its order, its trigger, its generation.
_Pending = tuple[dt.date, int, Trigger, int]


def _segment_moves(course: SegmentCourse, timers: list[_Pending]) -> list[Move]:
    """What ``course``'s ``timers`` do, fired in order (as :meth:`Timeline.fire_timers` does)."""
    moves: list[Move] = []
    state = course.state
    for on, seq, trigger, generation in timers:
        current = course.contract_generation if trigger == Trigger.CONTRACT_END else course.generation
        if generation != current:
            continue
        new = SEGMENT_MACHINE.step(state, trigger)
        if new is not None and new != state:
            moves.append((on, seq, course.id, state, new))
            state = new
    return moves


def _set_tail(track: Track[SegmentState], moves: list[Move]) -> None:
    track.tail_starts, track.tail_states = [], []
    if not moves:
        return
    track.projecting = True
    try:
        for on, _seq, _seg, _old, new in moves:
            track.set(on, new)
    finally:
        track.projecting = False


def _project_totals(timeline: Timeline, per_segment: Iterable[list[Move]]) -> None:
    """The phase and dialogue tails of ``timeline`` from the segments' moves, merged in firing
    order: the counts of states present and of closed segments moved as :meth:`Timeline.move`
    does, the phase projected after each move as :meth:`Timeline.update_phase` does."""
    phase, dialogue = timeline.phase, timeline.dialogue
    phase.tail_starts, phase.tail_states = [], []
    dialogue.tail_starts, dialogue.tail_states = [], []
    merged = [move for moves in per_segment for move in moves]
    if not merged:
        return
    merged.sort()  # by day, then timer order (unique: the rest is never compared)
    present = dict(timeline.present)
    closed, current = timeline.closed, timeline.current_phase
    states = frozenset([s for s, n in present.items() if n])
    settled = False  # whether the phase projected from ``current`` and ``states`` is ``current``
    phase.projecting = dialogue.projecting = True
    try:
        for on, _seq, _seg, old, new in merged:
            present[old] -= 1
            was = present.get(new, 0)
            present[new] = was + 1
            if not present[old] or not was:  # a state came or went: the set of states changed
                states, settled = frozenset([s for s, n in present.items() if n]), False
            was_closed, is_closed = old in CLOSED_STATES, new in CLOSED_STATES
            if is_closed != was_closed:
                closed += 1 if is_closed else -1
                dialogue.set(on, CLOSED if closed else ALLOWED)
            if settled:
                continue
            new_phase = _PHASES.get((current, states)) or projected_phase(current, present)
            settled = new_phase == current
            if not settled:
                current = new_phase
                phase.set(on, new_phase)
    finally:
        phase.projecting = dialogue.projecting = False

