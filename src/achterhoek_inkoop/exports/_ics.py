"""A procedure as an iCalendar file (RFC 5545), for planners who live in their calendar program.

What goes in, one VEVENT each:

* the planned milestones of every plan (all-day; the summary names the plan);
* the dialogue activities: timed in Europe/Amsterdam when the record gives a
  start time (a Bestuurlijk Overleg 16:00-17:00, invitation of 24-11-2020), else all-day;
* the tender starts, award decisions, final awards (definitieve gunning) and
  contract starts of the record, every kort geding, the day of its hearing
  (zitting) when the record has it, and the ruling (vonnis) (all-day);
* the deadlines (all-day): the last day to register for the Bestuurlijk
  Overleg (the day before the registration deadline: "vóór 7 december"),
  per segment the time limits for tenders and for requests to participate a
  tender start sets, the last day of the Alcatel standstill and the first day
  the award may become final, and the last day of its contracts. With
  ``alarm`` each deadline carries a reminder (VALARM) that long before it.

With ``on`` the calendar is the procedure as known at the end of that day
(``proc.as_known_on(on)``): the events recorded by then and the plans
published by then, nothing decided later. A deadline that follows from that
record and falls on or after ``on`` (a standstill's end, the day an award may
become final, the end of the contracts) is an expected entry: its summary ends
in "(expected)" and its description says it may still change. It keeps its
UID, so importing a later calendar updates it.

Why the identifiers look as they do: a calendar program matches an imported
entry to the one it already has by UID, so an updated file updates entries
instead of duplicating them. Each UID is a hash of the procedure id and what
the entry *is*, never of its position in a list:

* a plan milestone: the plan id and the milestone;
* a deadline: its kind and the segment (the standstill end of a segment keeps
  its UID when a new award decision moves it);
* an event of the record with an ``id``: that id (the hearing of a kort
  geding: its id and "hearing"). Moving the event's date, correcting any of
  its fields, keeps the entry: the id is what keeps it stable. ``add`` and
  ``import`` give events ids (``new_event_id``); giving an existing event an
  id changes its UID once;
* an event without an ``id``: its type, date and segments (and the kind of a
  dialogue activity), plus its occurrence number among events with the same
  key, counted in record order. Recording an event therefore never changes
  the UID of another one; correcting a title, time or outcome updates the
  entry; changing such an event's date makes it a new entry, and the old one
  stays in the calendar program.

When a calendar program replaces an entry it has: a re-imported entry with
the same UID replaces the stored one when its SEQUENCE is higher, or equal
with a later DTSTAMP (RFC 5546 2.1.5; Outlook and Google Calendar follow it
and ignore an entry that is not newer). No number derived from the file
alone can do that: a date moved and moved back gives the same file, hence
the same number, while the calendar holds the later one. So the time of the
export comes from outside: ``stamp``, an aware datetime (the command line
passes the current time, or ``--stamp``), is every entry's DTSTAMP, and
SEQUENCE counts the whole minutes from 1970-01-01 00:00 UTC to it: a later
export has a higher SEQUENCE, an export in the same minute a later DTSTAMP.
Every entry of one export has the same two, so an unchanged entry is
replaced by itself, which changes nothing. Without ``stamp`` the library
never reads the clock: DTSTAMP is midnight UTC of the latest date in the
record (an event's date or a plan's publication date; the registration
deadline if the record is empty) and SEQUENCE follows from it the same way.
That rises when something is recorded after the latest date, not when a date
is corrected, so use the stamp (the command line's default) for a file to
re-import. For a given procedure and stamp two exports are byte for byte equal.

``icalendar`` (the ``ics`` extra) is imported only when an export is asked
for, so the core install does not need it; without it the export raises
:class:`MissingExtraError` naming the extra. The extra also installs
``tzdata`` for systems without zone data.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from collections import Counter
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from .._exceptions import InvalidInputError, require
from .._safe_io import write_atomic
from .._text import Text
from ..calendar import AMSTERDAM, LEGAL_SOURCE, amsterdam_zone
from ..procedure import Procedure
from ..record import (
    DIALOGUE_KIND_LABELS,
    FOLLOW_UP_LABELS,
    AwardDecision,
    Contract,
    DialogueActivity,
    Event,
    FinalAward,
    KortGeding,
    KortGedingRuling,
    TenderStart,
)
from ._known import known_on

__all__ = ["TIMEZONE", "procedure_to_ics", "sequence_of", "write_ics"]

#: The zone of every timed entry (the meetings of the invitation of 24-11-2020).
TIMEZONE = AMSTERDAM
PRODID = "-//achterhoek_inkoop//Procedure calendar//EN"
#: SEQUENCE counts whole minutes from here to DTSTAMP (see the module docstring).
SEQUENCE_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
#: RFC 5545 3.3.8: an INTEGER is at most 2147483647; a DTSTAMP past year 6053 stays there.
_MAX_SEQUENCE = 2**31 - 1


@dataclass(frozen=True, slots=True)
class _Entry:
    """One VEVENT before it is rendered: ``start`` is a date (all-day) or an aware datetime."""

    key: tuple[str, ...]
    category: str
    summary: str
    start: dt.date
    end: dt.date | None
    description: str


def procedure_to_ics(proc: Procedure, on: dt.date | None = None, *, stamp: dt.datetime | None = None,
                     alarm: dt.timedelta | None = None) -> bytes:
    """The procedure as an RFC 5545 calendar (UTF-8 bytes, CRLF line ends, folded lines).

    With ``on``, as known at the end of that day, the deadlines that follow
    from the record then and fall on or after it marked "(expected)".
    ``stamp`` (an aware datetime: the time of the export) is every entry's
    DTSTAMP and sets its SEQUENCE (:func:`sequence_of`), so a calendar
    program replaces the entries of an earlier export; without it both come
    from the record's latest date. With ``alarm`` every deadline reminds
    that long before its day (a VALARM, ``TRIGGER:-P2D`` for two days).

    Raises:
        MissingExtraError: ``icalendar`` (or zone data for Europe/Amsterdam)
            is not installed: ``pip install 'achterhoek_inkoop[ics]'``.
        InvalidInputError: ``proc`` is not a :class:`Procedure`, or a dialogue
            activity ends before it starts, or ``on`` is not a date, or
            ``stamp`` is not a datetime with a UTC offset, or ``alarm`` is
            not a positive timedelta.
    """
    if not isinstance(proc, Procedure):
        raise InvalidInputError("proc", proc, Text("is not a Procedure"))
    if on is not None:
        proc = known_on(proc, on)
    moment = _stamp(proc) if stamp is None else _checked_stamp(stamp)
    if alarm is not None and (not isinstance(alarm, dt.timedelta) or alarm <= dt.timedelta(0)):
        raise InvalidInputError("alarm", alarm,
                                Text("is not a positive timedelta (a reminder before a deadline)"))
    require("icalendar", "ics")  # a missing extra raises the library's error naming it
    from icalendar import Alarm, Calendar, Event, Timezone

    zone = amsterdam_zone()
    entries = _entries(proc, zone, on)
    calendar: Calendar = Calendar.new(
        prodid=PRODID,
        name=proc.data.name,
        uid=_uid(proc.data.id, ("calendar",)),
    )
    calendar.add("X-WR-TIMEZONE", TIMEZONE)
    days = [_day(e.start) for e in entries] + [_day(e.end) for e in entries if e.end is not None]
    first = min(days, default=_stamp_day(proc))
    last = max(days, default=first)
    # The VTIMEZONE covers the years of the entries; always present so the
    # calendar (and X-WR-TIMEZONE) names a zone it defines.
    calendar.add_component(Timezone.from_tzinfo(
        zone, TIMEZONE, dt.date(min(first.year, _LAST_ZONE_YEAR), 1, 1),
        dt.date(min(last.year + 1, _LAST_ZONE_YEAR + 1), 1, 1)))
    sequence = sequence_of(moment)
    for entry in entries:
        event = Event.new(
            uid=_uid(proc.data.id, entry.key),
            stamp=moment,
            sequence=sequence,
            start=entry.start,
            end=entry.end,
            summary=entry.summary,
            description=entry.description or None,
            categories=[entry.category],
        )
        if not isinstance(entry.start, dt.datetime):
            # An all-day milestone or deadline does not make anyone busy.
            event.add("TRANSP", "TRANSPARENT")
        if alarm is not None and entry.category == "deadline":
            reminder = Alarm()
            reminder.add("ACTION", "DISPLAY")  # RFC 5545 3.6.6: a DISPLAY alarm needs a DESCRIPTION
            reminder.add("DESCRIPTION", entry.summary)
            reminder.add("TRIGGER", -alarm)  # before DTSTART: the start of the deadline's day
            event.add_component(reminder)
        calendar.add_component(event)
    text: bytes = calendar.to_ical()  # icalendar leaves to_ical unannotated
    return text


def write_ics(proc: Procedure, path: str | os.PathLike[str], on: dt.date | None = None, *,
              stamp: dt.datetime | None = None, alarm: dt.timedelta | None = None,
              force: bool = False) -> None:
    """Write :func:`procedure_to_ics` to ``path`` atomically (a crash leaves the old file); a
    read-only file only with ``force=True``."""
    write_atomic(path, procedure_to_ics(proc, on, stamp=stamp, alarm=alarm), force=force)


def sequence_of(stamp: dt.datetime) -> int:
    """The SEQUENCE of an export stamped ``stamp``: whole minutes since 1970-01-01 00:00 UTC.

    It rises with the stamp, so a later export replaces an earlier one in a
    calendar program (never below 0 nor above RFC 5545's largest integer).

    >>> sequence_of(dt.datetime(2027, 3, 1, 9, 30, tzinfo=dt.UTC))
    30064890
    """
    minutes = (_checked_stamp(stamp) - SEQUENCE_EPOCH) // dt.timedelta(minutes=1)
    return min(max(minutes, 0), _MAX_SEQUENCE)


# -- what goes in ----------------------------------------------------------
def _entries(proc: Procedure, zone: ZoneInfo, on: dt.date | None) -> list[_Entry]:
    data = proc.data
    names = {s.id: s.name for s in data.segments}
    entries: list[_Entry] = []

    for plan in sorted(data.plans, key=lambda p: p.published):
        for milestone, day in plan.milestones.items():
            entries.append(_Entry(
                ("plan", plan.id, milestone), "milestone",
                f"Planned: {milestone.replace('_', ' ')} (plan {plan.id})",
                day, _next_day(day),
                _lines(f"Plan {plan.id}, published {plan.published.isoformat()}: {plan.reason}",
                       _source(plan.source)),
            ))

    seen: Counter[tuple[str, ...]] = Counter()
    for index, event in enumerate(data.events):
        entry = _event_entry(event, index, names, zone)
        if entry is None:
            continue
        # An id is unique in a valid file; counted all the same, so a UID never repeats.
        key = ("id", event.id) if event.id is not None else entry.key
        seen[key] += 1
        key = (*key, str(seen[key]))
        entries.append(_Entry(key, entry.category, entry.summary, entry.start, entry.end,
                              entry.description))
        if isinstance(event, KortGeding) and event.hearing is not None:
            entries.append(_Entry(
                (*key, "hearing"), "meeting", f"Kort geding hearing (zitting): {_scope(event, names)}",
                event.hearing, _next_day(event.hearing),
                _lines(f"The hearing of the kort geding started on {event.on.isoformat()}"
                       + (f" by {event.by}" if event.by else "") + ".", *_notes(event))))

    settings = data.bestuurlijk_overleg
    # A deadline on the first date there is has no last day to register: no entry.
    if settings.registration_deadline is not None and settings.registration_deadline > dt.date.min:
        last_day = settings.registration_deadline - dt.timedelta(days=1)
        entries.append(_deadline(
            ("registration-deadline",),
            "Last day to register for the Bestuurlijk Overleg",
            last_day,
            f"Registrations must arrive before {settings.registration_deadline.isoformat()};"
            f" one dated {settings.registration_deadline.isoformat()} or later is late.",
            _source(settings.source),
        ))

    # The time limits a tender start sets (its notice's BT-131 and BT-1311): set in advance.
    for event in data.events:
        if not isinstance(event, TenderStart):
            continue
        for seg in proc.segments_of(event):
            for kind, limit, what in (("tender-deadline", event.deadline, "receipt of tenders"),
                                      ("requests-deadline", event.requests_deadline,
                                       "requests to participate")):
                if limit is not None:
                    entries.append(_deadline(
                        (kind, seg), f"Time limit for {what}: {names[seg]}", limit,
                        f"Set in the notice of {event.on.isoformat()}.", _source(event.source)))

    derived: list[_Entry] = []
    for seg in data.segment_ids:
        name = names[seg]
        period = proc.standstill(seg)
        if period is not None:
            derived.append(_deadline(
                ("standstill-end", seg), f"Alcatel standstill ends (24:00): {name}", period.end,
                f"Award decision sent {period.sent.isoformat()}; {period.days} calendar days"
                f" from {period.start.isoformat()} ({LEGAL_SOURCE}).",
                *(f"Extended: {e.reason}" for e in period.extensions),
            ))
        final = proc.final_award_from(seg)
        if final is not None:
            # Also for an award in a follow-up procedure, which has no standstill in this record.
            derived.append(_deadline(
                ("final-award-from", seg), f"Award may become final: {name}", final,
                "The first day the award may become final (definitieve gunning).",
            ))
        end = proc.contract_end(seg)
        if end is not None:
            derived.append(_deadline(("contract-end", seg), f"Contracts end: {name}", end,
                                     "The last day of the contracts, with any extension."))
    return entries + [_expected(e, on) if on is not None and e.start >= on else e for e in derived]


def _expected(entry: _Entry, on: dt.date) -> _Entry:
    """``entry``, a deadline that follows from the record known on ``on``, labelled expected."""
    return _Entry(entry.key, entry.category, f"{entry.summary} (expected)", entry.start, entry.end,
                  _lines(entry.description,
                         f"Expected: follows from the record as known on {on.isoformat()} and may "
                         "still change (a kort geding, a new decision, an extension)."))


def _scope(event: Event, names: dict[str, str]) -> str:
    """The segments ``event`` concerns, by name: "all segments" when it names none."""
    segments: tuple[str, ...] | None = getattr(event, "segments", None)
    return "all segments" if segments is None else ", ".join(names[s] for s in segments)


def _notes(event: Event) -> list[str]:
    return [_source(event.source), event.note or ""]


def _event_entry(event: Event, index: int, names: dict[str, str], zone: ZoneInfo) -> _Entry | None:
    """The entry of one recorded event (its key without the occurrence number), or None."""
    segments = event.segments if isinstance(event, DialogueActivity | TenderStart | AwardDecision
                                            | Contract | KortGeding | KortGedingRuling
                                            | FinalAward) else None
    where = _scope(event, names)
    scope = ("*",) if segments is None else tuple(segments)
    day = event.on
    next_day = _next_day(day)
    notes = _notes(event)

    if isinstance(event, DialogueActivity):
        summary = event.title or DIALOGUE_KIND_LABELS[event.kind].nl
        if event.title and DIALOGUE_KIND_LABELS[event.kind].nl.lower() not in event.title.lower():
            summary = f"{DIALOGUE_KIND_LABELS[event.kind].nl}: {event.title}"
        start, end = _meeting_times(event, index, zone)
        return _Entry(("event", event.type, day.isoformat(), event.kind, *scope), "meeting", summary,
                      start, end, _lines(f"Segments: {where}", *notes))
    if isinstance(event, TenderStart):
        return _Entry(("event", event.type, day.isoformat(), *scope), "milestone",
                      "Tender starts (aanbesteding): no dialogue from today", day, next_day,
                      _lines(f"Segments: {where}", event.procedure or "", *notes))
    if isinstance(event, AwardDecision):
        if event.outcome == "awarded":
            what = "Award decision (voorlopige gunning)"
        else:
            follow = f" ({FOLLOW_UP_LABELS[event.follow_up].nl})" if event.follow_up else ""
            what = f"Award decision, not awarded{follow}"
        providers = f"{event.providers} providers" if event.providers is not None else ""
        return _Entry(("event", event.type, day.isoformat(), *scope), "milestone",
                      f"{what}: {where}", day, next_day,
                      _lines(f"Segments: {where}", providers, event.reason or "", *notes))
    if isinstance(event, KortGeding):
        by = f" by {event.by}" if event.by else ""
        return _Entry(("event", event.type, day.isoformat(), *scope), "milestone",
                      f"Kort geding started{by}: {where}", day, next_day,
                      _lines(f"Segments: {where}", f"Case {event.case}" if event.case else "",
                             f"Hearing (zitting) on {event.hearing.isoformat()}" if event.hearing else "",
                             *notes))
    if isinstance(event, KortGedingRuling):
        what = {"rejected": "claims rejected, the award may proceed",
                "upheld": "claims upheld, the award decision must be reconsidered"}[event.outcome]
        return _Entry(("event", event.type, day.isoformat(), *scope), "milestone",
                      f"Ruling in kort geding (vonnis), {event.outcome}: {where}", day, next_day,
                      _lines(f"Segments: {where}", f"The court's ruling: {what}.",
                             f"Kort geding by {event.by}" if event.by else "",
                             f"Case {event.case}" if event.case else "", event.ecli or "", *notes))
    if isinstance(event, FinalAward):
        return _Entry(("event", event.type, day.isoformat(), *scope), "milestone",
                      f"Final award (definitieve gunning): {where}", day, next_day,
                      _lines(f"Segments: {where}", "The contract may be concluded.", *notes))
    if isinstance(event, Contract):
        return _Entry(("event", event.type, day.isoformat(), *scope), "milestone",
                      f"Contracts start: {where}", day, next_day,
                      _lines(f"Segments: {where}",
                             f"Initial period to {event.initial_end.isoformat()}, at most to"
                             f" {event.max_end.isoformat()}", *notes))
    return None


def _meeting_times(event: DialogueActivity, index: int, zone: ZoneInfo
                   ) -> tuple[dt.date, dt.date | None]:
    """A timed (start, end) in ``zone`` when the record gives a start time, else all-day."""
    if event.start_time is None:
        return event.on, _next_day(event.on)
    start = _at(event.on, event.start_time, zone)
    if event.end_time is None:
        return start, None  # RFC 5545 3.6.1: without DTEND a timed event ends when it starts
    end = _at(event.on, event.end_time, zone)
    if end <= start:
        raise InvalidInputError(f"events[{index}].end_time", event.end_time,
                                Text("is not after the start time %(start)s",
                                     start=event.start_time.isoformat()))
    return start, end


def _at(day: dt.date, time: dt.time, zone: ZoneInfo) -> dt.datetime:
    """``day`` at ``time`` in ``zone``; a time with its own UTC offset is converted to ``zone``."""
    moment = dt.datetime.combine(day, time)
    if moment.tzinfo is None:
        return moment.replace(tzinfo=zone)
    return moment.astimezone(zone)


def _deadline(key: tuple[str, ...], summary: str, day: dt.date, *notes: str) -> _Entry:
    return _Entry(key, "deadline", summary, day, _next_day(day), _lines(*notes))


#: icalendar's search for zone changes steps past its end date: stop short of year 9999.
_LAST_ZONE_YEAR = dt.MAXYEAR - 10


def _next_day(day: dt.date) -> dt.date | None:
    """DTEND of an all-day entry; None on the last date there is (RFC 5545 3.6.1: an all-day
    entry without DTEND lasts that one day)."""
    return None if day == dt.date.max else day + dt.timedelta(days=1)


# -- helpers ---------------------------------------------------------------
def _uid(procedure_id: str, key: tuple[str, ...]) -> str:
    """A UID from the procedure id and what the entry is (RFC 5545 3.8.4.7: globally unique)."""
    text = json.dumps([procedure_id, *key], ensure_ascii=False, separators=(",", ":"))
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]
    return f"{digest}@{procedure_id}.achterhoek-inkoop"


def _stamp(proc: Procedure) -> dt.datetime:
    """DTSTAMP without a stamp: midnight UTC of the record's latest date."""
    return dt.datetime.combine(_stamp_day(proc), dt.time(0), tzinfo=dt.UTC)


def _checked_stamp(stamp: object) -> dt.datetime:
    """``stamp`` in UTC to the whole second (DTSTAMP has no fractions), or the library's error."""
    if not isinstance(stamp, dt.datetime) or stamp.utcoffset() is None:
        raise InvalidInputError("stamp", stamp,
                                Text("is not a datetime with a UTC offset (when it is exported)"))
    try:
        return stamp.astimezone(dt.UTC).replace(microsecond=0)
    except OverflowError:  # within hours of the first or last date there is
        raise InvalidInputError("stamp", stamp,
                                Text("is not a time in UTC between the years 1 and 9999")) from None


def _stamp_day(proc: Procedure) -> dt.date:
    """The latest date of the record: DTSTAMP without the clock (see the module docstring)."""
    data = proc.data
    days = [e.on for e in data.events] + [p.published for p in data.plans]
    if not days and data.bestuurlijk_overleg.registration_deadline is not None:
        days.append(data.bestuurlijk_overleg.registration_deadline)
    # A procedure without any date has no entries; the stamp is then never written.
    return max(days, default=dt.date(1970, 1, 1))


def _day(value: dt.date) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value


def _source(source: str | None) -> str:
    return f"Source: {source}" if source else ""


def _lines(*parts: str) -> str:
    return "\n".join(p for p in parts if p)
