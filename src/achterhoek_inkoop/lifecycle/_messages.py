"""What an officer reads when the timeline finds a rule of the declaration broken.

One message per rule the declaration names (``volgorde`` for a trigger no
transition takes, a guard's rule, a transition's warning); a test checks that
every rule named has one. Each builder takes the ``gettext`` of a language
(``translations(lang).gettext``) and gives the message in it: the timeline
renders every message in English and in Dutch when it finds the violation.
"""

from __future__ import annotations

from collections.abc import Callable

from ..record import Event
from ._course import SegmentCourse
from ._declaration import LIFECYCLE, SegmentState, Trigger

__all__ = ["MESSAGES", "Gettext"]

#: A catalog's ``gettext``: the English text in, the text in the catalog's language out.
Gettext = Callable[[str], str]


def _out_of_order(event: Event, course: SegmentCourse, trigger: Trigger, _: Gettext) -> str:
    label = type(event).label
    # Worded so that several segments in one state read as well as one (the report joins them).
    return _("The %(event)s (%(event_nl)s) on %(day)s for %(segment)s is out of order "
             "(state: %(state)s); %(needs)s.") % {
        "event": label.en, "event_nl": label.nl, "day": event.on.isoformat(), "segment": course.id,
        "state": course.state.label.nl, "needs": _(LIFECYCLE.triggers[trigger].needs)}


def _before_standstill_end(event: Event, course: SegmentCourse, trigger: Trigger, _: Gettext) -> str:
    period = course.standstill
    label = type(event).label
    words = {"event": label.en, "event_nl": label.nl, "segment": course.id, "day": event.on.isoformat()}
    if period is not None:
        text = _("The %(event)s (%(event_nl)s) of %(segment)s on %(day)s comes before the end of the "
                 "Alcatel standstill on %(end)s.") % {**words, "end": period.end.isoformat()}
    else:
        text = _("The %(event)s (%(event_nl)s) of %(segment)s on %(day)s comes before the end of the "
                 "Alcatel standstill.") % words
    if course.state == SegmentState.KORT_GEDING:
        text += " " + _("A kort geding about it is pending as well: the ruling decides when it may "
                        "become final.")
    elif period is not None:
        text += " " + _("The award may become final from %(day)s.") % {"day": period.final_from.isoformat()}
    return text


def _during_kort_geding(event: Event, course: SegmentCourse, trigger: Trigger, _: Gettext) -> str:
    label = type(event).label
    return _("The %(event)s (%(event_nl)s) of %(segment)s on %(day)s comes while a kort geding about "
             "the award is pending: wait for the ruling (practice and case law; statutory basis "
             "unconfirmed).") % {"event": label.en, "event_nl": label.nl, "segment": course.id,
                                  "day": event.on.isoformat()}


def _after_standstill(event: Event, course: SegmentCourse, trigger: Trigger, _: Gettext) -> str:
    return _("The kort geding of %(day)s about %(segment)s was started after the standstill had "
             "ended: it does not suspend the final award.") % {
        "day": event.on.isoformat(), "segment": course.id}


def _ruling_without_kort_geding(event: Event, course: SegmentCourse, trigger: Trigger,
                                _: Gettext) -> str:
    who = getattr(event, "case", None) or getattr(event, "by", None)
    words = {"day": event.on.isoformat(), "segment": course.id, "who": who}
    if who:
        return _("The ruling in kort geding of %(day)s about %(segment)s decides a kort geding "
                 "(%(who)s) that is not in the record: record the kort geding it decides.") % words
    return _("The ruling in kort geding of %(day)s about %(segment)s decides a kort geding that is "
             "not in the record: record the kort geding it decides.") % words


def _appeal_without_ruling(event: Event, course: SegmentCourse, trigger: Trigger, _: Gettext) -> str:
    return _("The appeal (hoger beroep) of %(day)s about %(segment)s is against a ruling in kort "
             "geding that is not in the record: record the ruling it appeals.") % {
        "day": event.on.isoformat(), "segment": course.id}


_Message = Callable[[Event, SegmentCourse, Trigger, Gettext], str]
#: The message of every rule the declaration names, as the timeline finds it broken.
MESSAGES: dict[str, _Message] = {
    "volgorde": _out_of_order,
    "definitieve-gunning-voor-einde-standstill": _before_standstill_end,
    "definitieve-gunning-tijdens-kort-geding": _during_kort_geding,
    "kort-geding-na-standstill": _after_standstill,
    "uitspraak-zonder-kort-geding": _ruling_without_kort_geding,
    "hoger-beroep-zonder-vonnis": _appeal_without_ruling,
}
