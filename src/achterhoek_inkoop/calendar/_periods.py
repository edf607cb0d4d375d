"""Statutory periods counted in days, with the Algemene termijnenwet applied.

A period of N days after an event starts the day after the event (day 1) and
nominally ends on day N. The Atw then moves the end:

- art. 1 lid 1: an end on a Saturday, Sunday or holiday moves to the next day
  that is none of these;
- art. 2: a period of 3 days or more is extended until it holds at least two
  such working days (the event's own day does not count);
- art. 4: periods longer than 90 days are not extended at all.

Every day the end moves is recorded as an :class:`Extension` with its reason,
and an end that does not move says why (``not_extended``), so a result can
always be explained. Where a year no decree of gelijkgestelde dagen covers
would move the end under the usual pattern of the decrees, the period also
gives that later end (``safe_end``): the safe one to count with.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from html import escape
from typing import Any, TypeVar

from .._exceptions import InvalidInputError, OutOfRangeError
from .._html import table
from .._validate import check_date, check_days
from ._holidays import WEEKDAYS, Calendar, check_calendar

__all__ = [
    "ATW_IN_FORCE",
    "ATW_MAX_DAYS",
    "Extension",
    "Period",
    "compute_period",
    "describe_day",
    "period_html",
    "statutory_period",
]

_DAY = dt.timedelta(days=1)
#: Atw art. 4: the Atw does not apply to periods longer than 90 days.
ATW_MAX_DAYS = 90
#: The Algemene termijnenwet came into force on 1 April 1965 (Stb. 1964, 314).
ATW_IN_FORCE = dt.date(1965, 4, 1)


@dataclass(frozen=True, slots=True)
class Extension:
    """One day the end of a period moved past, and why.

    ``day`` is the day that could not be the end; ``article`` the Atw article
    that moved it; ``reason`` a sentence an officer can read.
    """

    day: dt.date
    article: str
    reason: str

    def to_dict(self) -> dict[str, str]:
        """The extension as JSON-ready data, the date as ISO text."""
        return {"date": self.day.isoformat(), "article": self.article, "reason": self.reason}


@dataclass(frozen=True, slots=True)
class Period:
    """A statutory period of ``days`` days after ``event``.

    ``start`` is day 1; ``nominal_end`` is day ``days``; ``end`` is the last
    day of the period after the Atw (24:00 that day); ``extensions`` explain
    every day between the two; ``not_extended`` says why the end did not move
    when no day moved it; ``notes`` say where the result rests on something
    less than a decree or statute (a year no decree covers).

    ``safe_end`` is set only where a year no decree covers is counted with the
    statutory holidays alone, and the days the decrees usually declare
    (``Calendar(uncovered="pattern")``) would move the end: it is that later
    end, the safe one to count with (``None`` when it would be ``end``).
    """

    event: dt.date
    days: int
    atw: bool
    start: dt.date
    nominal_end: dt.date
    end: dt.date
    extensions: tuple[Extension, ...]
    notes: tuple[str, ...]
    not_extended: str | None = None
    safe_end: dt.date | None = None

    @property
    def first_day_after(self) -> dt.date:
        """The first day after the period has ended."""
        return self.end + _DAY

    @property
    def safe_first_day_after(self) -> dt.date | None:
        """The first day after ``safe_end``; ``None`` when there is no separate safe end."""
        return None if self.safe_end is None else self.safe_end + _DAY

    def _repr_html_(self) -> str:
        return period_html(self)

    def to_dict(self) -> dict[str, Any]:
        """The period as JSON-ready data, dates as ISO text."""
        return {
            "event": self.event.isoformat(),
            "days": self.days,
            "atw": self.atw,
            "start": self.start.isoformat(),
            "nominal_end": self.nominal_end.isoformat(),
            "end": self.end.isoformat(),
            "first_day_after": self.first_day_after.isoformat(),
            "extensions": [e.to_dict() for e in self.extensions],
            "not_extended": self.not_extended,
            "safe_end": _iso(self.safe_end),
            "safe_first_day_after": _iso(self.safe_first_day_after),
            "notes": list(self.notes),
        }


def _iso(day: dt.date | None) -> str | None:
    return None if day is None else day.isoformat()


def statutory_period(
    event: dt.date,
    days: int,
    *,
    atw: bool = True,
    calendar: Calendar | None = None,
) -> Period:
    """The period of ``days`` days after ``event``, extended by the Atw unless ``atw=False``.

    >>> from datetime import date
    >>> p = statutory_period(date(2024, 12, 24), 3)    # Atw art. 1 and 2 over Christmas 2024
    >>> p.nominal_end, p.end
    (datetime.date(2024, 12, 27), datetime.date(2024, 12, 31))
    >>> [e.article for e in p.extensions]
    ['Atw art. 1', 'Atw art. 1', 'Atw art. 1', 'Atw art. 2']
    """
    return compute_period(Period, "event", event, days, atw, calendar)


P = TypeVar("P", bound=Period)


def compute_period(
    cls: type[P],
    event_field: str,
    event: object,
    days: object,
    atw: object,
    calendar: Calendar | None,
) -> P:
    """Validate the arguments (naming ``event_field`` in errors) and build a ``cls``."""
    event = check_date(event_field, event)
    days = check_days("days", days)
    if not isinstance(atw, bool):
        raise InvalidInputError("atw", atw, "must be True or False")
    cal = check_calendar(calendar)
    try:
        start = event + _DAY
        nominal_end = event + dt.timedelta(days=days)
        if not atw:
            why = (f"the Algemene termijnenwet is not applied (the strict reading): day {days} "
                   "is the end, whatever day it is")
            return cls(event, days, False, start, nominal_end, nominal_end, (), (), why)
        if days > ATW_MAX_DAYS:
            note = (
                f"Atw art. 4: a period of {days} days is longer than {ATW_MAX_DAYS} days, "
                "so the Atw does not extend it."
            )
            return cls(event, days, True, start, nominal_end, nominal_end, (), (note,),
                       _beyond_the_atw(cal, nominal_end, days))
        end, extensions = _extend(cal, start, nominal_end, days)
        safe_end = _safe_end(cal, start, nominal_end, end, days)
    except OverflowError:
        raise OutOfRangeError(
            event_field, event, f"plus {days} days is past the last date the calendar can hold"
        ) from None
    notes: list[str] = []
    if start < ATW_IN_FORCE:
        notes.append(
            f"The Algemene termijnenwet is in force from {ATW_IN_FORCE.isoformat()}; "
            "it is applied here to a period that starts before then."
        )
    notes += [n for n in map(cal.coverage_note, range(start.year, end.year + 1)) if n is not None]
    if safe_end is not None:
        notes.append(_safe_end_note(cal, start, end, safe_end))
    working = None if extensions else f"day {days} is a working day: no extension (Atw art. 1)"
    return cls(event, days, True, start, nominal_end, end, tuple(extensions), tuple(notes),
               working, safe_end)


def _beyond_the_atw(cal: Calendar, nominal_end: dt.date, days: int) -> str:
    """Why a period longer than the Atw's 90 days ends on its nominal end, whatever day that is."""
    rule = f"the Atw does not apply to a period longer than {ATW_MAX_DAYS} days (Atw art. 4)"
    reason = cal.day_off_reason(nominal_end)
    if reason is None:
        return f"day {days} is the end: {rule}"
    return f"day {days} is {reason}, but is not extended: {rule}"


def _safe_end(cal: Calendar, start: dt.date, nominal_end: dt.date, end: dt.date, days: int
              ) -> dt.date | None:
    """The end under the usual pattern of the decrees, where a year counted with the statutory
    holidays alone would have it later than ``end``; else None."""
    if all(cal.coverage(year) != "statutory" for year in range(start.year, end.year + 1)):
        return None
    later, _ = _extend(cal.with_pattern(), start, nominal_end, days)
    return later if later != end else None


def _safe_end_note(cal: Calendar, start: dt.date, end: dt.date, safe_end: dt.date) -> str:
    """The note that names the days of the usual pattern that move the end, and the safe end."""
    pattern = cal.with_pattern()
    found = [pattern.holiday(start + i * _DAY) for i in range((safe_end - start).days + 1)]
    extra = [h for h in found if h is not None and not cal.is_holiday(h.date)]
    # The days the end moved past; else (Atw art. 2) the days that left too few working days.
    moving = [h for h in extra if h.date >= end] or extra
    days = " and ".join(f"{h.date.isoformat()} would be a {h.name}" for h in moving)
    return (
        f"Under the usual pattern of the decrees of gelijkgestelde dagen, {days}, and the period "
        f"would end on {describe_day(safe_end)}, not {describe_day(end)}: no decree is known for "
        f"{', '.join(sorted({str(h.date.year) for h in moving}))}, so the later end is the safe "
        "one to count with (Atw art. 3 lid 3)."
    )


def describe_day(day: dt.date) -> str:
    """A date with its weekday, as officers write it.

    >>> describe_day(dt.date(2022, 4, 4))
    'Monday 2022-04-04'
    """
    return f"{WEEKDAYS[day.weekday()]} {day.isoformat()}"


def _extend(
    cal: Calendar, start: dt.date, end: dt.date, days: int
) -> tuple[dt.date, list[Extension]]:
    extensions: list[Extension] = []
    end = _next_working_day(cal, end, extensions, "Atw art. 1")
    if days >= 3:
        working = sum(1 for i in range((end - start).days + 1) if cal.is_working_day(start + i * _DAY))
        while working < 2:
            extensions.append(
                Extension(
                    end,
                    "Atw art. 2",
                    f"the period {start.isoformat()} to {end.isoformat()} holds only {working} "
                    f"working day{'s' if working != 1 else ''}; it must hold at least two (Atw art. 2)",
                )
            )
            end = _next_working_day(cal, end + _DAY, extensions, "Atw art. 2")
            working += 1
    return end, extensions


def _next_working_day(
    cal: Calendar, day: dt.date, extensions: list[Extension], article: str
) -> dt.date:
    """Move past Saturdays, Sundays and holidays (Atw art. 1 lid 1), recording each under ``article``."""
    reason = cal.day_off_reason(day)
    while reason is not None:
        extensions.append(Extension(day, article, f"{day.isoformat()} is {reason} ({article})"))
        day += _DAY
        reason = cal.day_off_reason(day)
    return day


def period_html(period: Period, title: str = "Statutory period", *, warning: str | None = None) -> str:
    """The period day by day: each day's number, and why the end moved past a day.

    A ``safe_end`` adds the days up to it; a ``warning`` stands above the table.
    """
    reasons = {e.day: f"{e.reason}" for e in period.extensions}
    rows = []
    day = period.start
    last = period.safe_first_day_after or period.first_day_after
    while day <= last:
        number = (day - period.event).days
        if day == period.first_day_after:
            label = "first day after the period"
        elif day <= period.nominal_end:
            label = f"day {number}"
        elif day <= period.end:
            label = "extension"
        elif day == period.safe_first_day_after:
            label = "safe first day after the period"
        else:
            label = "safe extension"
        notes = [reasons[day]] if day in reasons else []
        if day == period.end:
            notes.append("last day of the period (until 24:00)")
        if day == period.safe_end:
            notes.append("safe last day: the end if the usual pattern of the decrees holds "
                         "for a year no decree covers (until 24:00)")
        rows.append((day, WEEKDAYS[day.weekday()], label, "; ".join(notes)))
        day += _DAY
    atw = "Algemene termijnenwet applied" if period.atw else "Algemene termijnenwet not applied"
    caption = f"{title}: {period.days} days after {period.event.isoformat()}, {atw}"
    head = f"<p><strong>warning:</strong> {escape(warning)}</p>" if warning else ""
    why = [f"Why the end did not move: {period.not_extended}."] if period.not_extended else []
    notes_html = "".join(f"<p>{escape(n)}</p>" for n in [*why, *period.notes] if n != warning)
    return head + table(["date", "weekday", "count", "why"], rows, caption) + notes_html
