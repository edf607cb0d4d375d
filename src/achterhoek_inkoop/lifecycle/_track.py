"""A track: the states of one subject (the procedure, a segment, dialogue) over time, as dated intervals.

Queries read a track with a binary search, never a replay. A track keeps a
settled part (from the recorded events) and a tail (what the pending delayed
transitions will do after the last event), and takes a snapshot cheap enough
to take on every recorded event.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from typing import Generic, TypeVar

__all__ = ["Track", "TrackSnapshot", "TrackView"]

_DAY = dt.timedelta(days=1)

V = TypeVar("V", bound=str)
T = TypeVar("T")


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

    def view(self) -> TrackView[V]:
        """The track as one lookup table, for a query that must be fast: ``states[i]`` holds at
        the end of a day ``d`` where ``i = bisect_right(starts, d)``. It answers as
        :meth:`state_on` does; it is a copy, so the track may change after it was taken.

        >>> track = Track("a", [dt.date(2022, 1, 1)], ["b"], [dt.date(2022, 2, 1)], ["c"])
        >>> starts, states = track.view()
        >>> [states[bisect_right(starts, dt.date(2022, m, 15))] for m in (1, 2)]
        ['b', 'c']
        """
        settled = self.starts
        if self.tail_starts:  # from the tail's first day on, the tail answers (as state_on)
            settled = settled[:bisect_left(settled, self.tail_starts[0])]
        return settled + self.tail_starts, [self.initial, *self.states[:len(settled)], *self.tail_states]

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

    def snapshot(self) -> TrackSnapshot[V]:
        """What :meth:`restore` needs: after it, only the last settled entry and the tail can change.

        A plain tuple (length, last start, last state, tail starts, tail states):
        every recorded event takes one per track.
        """
        if self.starts:
            return len(self.starts), self.starts[-1], self.states[-1], self.tail_starts, self.tail_states
        return 0, None, None, self.tail_starts, self.tail_states

    def restore(self, snap: TrackSnapshot[V], *, tail: bool = True) -> None:
        """Undo every settled change since ``snap`` was taken (and the tail, unless ``tail=False``)."""
        length, last_start, last_state, tail_starts, tail_states = snap
        del self.starts[length:], self.states[length:]
        if last_start is not None and last_state is not None:
            # Slices, not [-1]: a same-day change may have removed the last entry.
            self.starts[length - 1:] = [last_start]
            self.states[length - 1:] = [last_state]
        if tail:
            self.tail_starts, self.tail_states = tail_starts, tail_states


TrackSnapshot = tuple[int, dt.date | None, V | None, list[dt.date], list[V]]
#: A track as one lookup table (:meth:`Track.view`): the days states start, and the states, the
#: first of which holds before the first day.
TrackView = tuple[list[dt.date], list[T]]
