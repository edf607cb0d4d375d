"""What an officer reads when the timeline finds a rule of the declaration broken.

One message per rule the declaration names (``volgorde`` for a trigger no
transition takes, a guard's rule, a transition's warning); a test checks that
every rule named has one.
"""

from __future__ import annotations

from collections.abc import Callable

from ..record import Event
from ._course import SegmentCourse
from ._declaration import LIFECYCLE, SegmentState, Trigger

__all__ = ["MESSAGES"]


def _out_of_order(event: Event, course: SegmentCourse, trigger: Trigger) -> str:
    label = type(event).label
    return (f"The {label.en} ({label.nl}) on {event.on.isoformat()} for {course.id} is out of order: "
            f"the segment is in {course.state.label.nl}; {LIFECYCLE.triggers[trigger].needs}.")


def _before_standstill_end(event: Event, course: SegmentCourse, trigger: Trigger) -> str:
    period = course.standstill
    label = type(event).label
    end = f" on {period.end.isoformat()}" if period is not None else ""
    pending = (" A kort geding about it is pending as well: the ruling decides when it may become "
               "final." if course.state == SegmentState.KORT_GEDING else
               f" The award may become final from {period.final_from.isoformat()}." if period else "")
    return (f"The {label.en} ({label.nl}) of {course.id} on {event.on.isoformat()} comes before "
            f"the end of the Alcatel standstill{end}.{pending}")


def _during_kort_geding(event: Event, course: SegmentCourse, trigger: Trigger) -> str:
    label = type(event).label
    return (f"The {label.en} ({label.nl}) of {course.id} on {event.on.isoformat()} comes while a kort "
            "geding about the award is pending: wait for the ruling (practice and case law; statutory "
            "basis unconfirmed).")


def _after_standstill(event: Event, course: SegmentCourse, trigger: Trigger) -> str:
    return (f"The kort geding of {event.on.isoformat()} about {course.id} was started after the "
            "standstill had ended: it does not suspend the final award.")


def _ruling_without_kort_geding(event: Event, course: SegmentCourse, trigger: Trigger) -> str:
    who = getattr(event, "case", None) or getattr(event, "by", None)
    which = f" ({who})" if who else ""
    return (f"The ruling in kort geding of {event.on.isoformat()} about {course.id} decides a kort "
            f"geding{which} that is not in the record: record the kort geding it decides.")


def _appeal_without_ruling(event: Event, course: SegmentCourse, trigger: Trigger) -> str:
    return (f"The appeal (hoger beroep) of {event.on.isoformat()} about {course.id} is against a "
            "ruling in kort geding that is not in the record: record the ruling it appeals.")


_Message = Callable[[Event, SegmentCourse, Trigger], str]
#: The message of every rule the declaration names, as the timeline finds it broken.
MESSAGES: dict[str, _Message] = {
    "volgorde": _out_of_order,
    "definitieve-gunning-voor-einde-standstill": _before_standstill_end,
    "definitieve-gunning-tijdens-kort-geding": _during_kort_geding,
    "kort-geding-na-standstill": _after_standstill,
    "uitspraak-zonder-kort-geding": _ruling_without_kort_geding,
    "hoger-beroep-zonder-vonnis": _appeal_without_ruling,
}
