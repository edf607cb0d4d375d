"""One segment's course through the lifecycle: its state, its track, its award, its kort gedingen.

The timeline keeps one :class:`SegmentCourse` per segment and decides the
guards of the declaration (:class:`~._declaration.Guard`) from it: whether the
standstill has ended, whether a kort geding is pending, and whether a ruling
leaves another one pending.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from ..calendar import StandstillPeriod
from ..record import Event, KortGeding
from ._declaration import LIFECYCLE, Guard, SegmentState
from ._track import Track, TrackSnapshot

__all__ = ["CourseSnapshot", "PendingKortGeding", "SegmentCourse"]


@dataclass(frozen=True, slots=True)
class PendingKortGeding:
    """A kort geding about the segment without a ruling yet; ``suspends``: it holds the award;
    ``generation``: the award decision it is about (:attr:`SegmentCourse.generation`)."""

    on: dt.date
    by: str | None
    case: str | None
    suspends: bool
    generation: int = 0

    @classmethod
    def of(cls, event: KortGeding, suspends: bool, generation: int = 0) -> PendingKortGeding:
        return cls(event.on, event.by, event.case, suspends, generation)


@dataclass(slots=True)
class SegmentCourse:
    """One segment's course: its state now, the track of its states, and its award and contracts.

    ``generation`` counts the decisions that void a standstill's end (award
    decisions, withdrawals, upheld kort gedingen, cancellations): a delayed
    transition scheduled under an older one is void. ``standstill`` is the
    standstill of the award decision in force that awarded; ``exemption`` its
    ground of Aw 2012 art. 2.127 lid 4 when it needs none; ``final_from`` the
    day the award may become final, ``None`` while unknown; ``final_on`` the
    day it became final, and ``final_inferred`` whether that day is inferred
    from a contract rather than recorded; ``kort_gedingen`` the ones pending;
    ``contract_end`` the last day of the contracts with any extension;
    ``rulings`` how many rulings in kort geding about it are recorded.
    """

    id: str
    track: Track[SegmentState]
    state: SegmentState = LIFECYCLE.initial
    generation: int = 0
    contract_generation: int = 0
    standstill: StandstillPeriod | None = None
    exemption: str | None = None
    final_from: dt.date | None = None
    final_on: dt.date | None = None
    final_inferred: bool = False
    kort_gedingen: tuple[PendingKortGeding, ...] = ()
    contract_end: dt.date | None = None
    rulings: int = 0

    def snapshot(self) -> CourseSnapshot:
        """Everything of the course that stepping may change, its track's snapshot last."""
        return (self.state, self.generation, self.contract_generation, self.standstill, self.exemption,
                self.final_from, self.final_on, self.final_inferred, self.kort_gedingen,
                self.contract_end, self.rulings, self.track.snapshot())

    def restore(self, snap: CourseSnapshot, *, tail: bool = True) -> None:
        """Go back to ``snap`` (with the track's tail, unless ``tail=False``)."""
        (self.state, self.generation, self.contract_generation, self.standstill, self.exemption,
         self.final_from, self.final_on, self.final_inferred, self.kort_gedingen,
         self.contract_end, self.rulings, track) = snap
        self.track.restore(track, tail=tail)

    def ruled_on(self, event: Event) -> PendingKortGeding | None:
        """The pending kort geding a ruling decides: the one of its case, else of its plaintiff,
        else the earliest pending; ``None`` when none fits."""
        if not self.kort_gedingen:  # (first: pydantic's lookup of a field an event lacks is slow)
            return None
        case, by = getattr(event, "case", None), getattr(event, "by", None)
        for pending in self.kort_gedingen:
            if (case is not None and pending.case == case) or (
                    case is None and (by is None or pending.by == by)):
                return pending
        return None

    def facts(self, on: dt.date, event: Event) -> frozenset[Guard]:
        """The guards that hold for this segment on ``on`` for ``event``."""
        return frozenset(guard for guard, holds in _GUARDS.items() if holds(self, on, event))


def _standstill_over(course: SegmentCourse, on: dt.date, event: Event) -> bool:
    return (course.final_from is not None and on >= course.final_from) or (
        course.standstill is not None and on >= course.standstill.final_from)


def _other_pending(course: SegmentCourse, on: dt.date, event: Event) -> bool:
    """The ruling decides a pending kort geding, and another one still holds the award."""
    ruled = course.ruled_on(event)
    return ruled is not None and any(p.suspends and p is not ruled for p in course.kort_gedingen)


def _in_force(course: SegmentCourse, on: dt.date, event: Event) -> bool:
    """The ruling decides a pending kort geding about the award decision in force."""
    ruled = course.ruled_on(event)
    return ruled is not None and ruled.generation == course.generation


#: How each guard is decided for a segment on a date, for an event.
_GUARDS: dict[Guard, Callable[[SegmentCourse, dt.date, Event], bool]] = {
    Guard.STANDSTILL_OVER: _standstill_over,
    Guard.KORT_GEDING_PENDING: lambda course, on, event: course.ruled_on(event) is not None,
    Guard.OTHER_KORT_GEDING_PENDING: _other_pending,
    Guard.RULED_ON_DECISION_IN_FORCE: _in_force,
    Guard.RULING_RECORDED: lambda course, on, event: course.rulings > 0,
}

#: A course as :meth:`SegmentCourse.snapshot` keeps it: a plain tuple, one per segment per event.
CourseSnapshot = tuple[SegmentState, int, int, StandstillPeriod | None, str | None, dt.date | None,
                       dt.date | None, bool, tuple[PendingKortGeding, ...], dt.date | None, int,
                       TrackSnapshot[SegmentState]]
