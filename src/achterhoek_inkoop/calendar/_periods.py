"""Statutory periods counted in days, with the Algemene termijnenwet applied.

A period of N days after an event starts the day after the event (day 1) and
nominally ends on day N. The Atw then moves the end:

- art. 1 lid 1: an end on a Saturday, Sunday or holiday moves to the next day
  that is none of these;
- art. 2: a period of 3 days or more is extended until it holds at least two
  such working days (the event's own day does not count);
- art. 4: periods longer than 90 days are not extended at all.

Every day the end moves is recorded as an :class:`Extension` with its reason,
so a result can always be explained.
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
    every day between the two; ``notes`` say where the result rests on
    something less than a decree or statute (a year no decree covers).
    """

    event: dt.date
    days: int
    atw: bool
    start: dt.date
    nominal_end: dt.date
    end: dt.date
    extensions: tuple[Extension, ...]
    notes: tuple[str, ...]

    @property
    def first_day_after(self) -> dt.date:
        """The first day after the period has ended."""
        return self.end + _DAY

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
            "notes": list(self.notes),
        }


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
            return cls(event, days, False, start, nominal_end, nominal_end, (), ())
        if days > ATW_MAX_DAYS:
            note = (
                f"Atw art. 4: a period of {days} days is longer than {ATW_MAX_DAYS} days, "
                "so the Atw does not extend it."
            )
            return cls(event, days, True, start, nominal_end, nominal_end, (), (note,))
        end, extensions = _extend(cal, start, nominal_end, days)
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
    return cls(event, days, True, start, nominal_end, end, tuple(extensions), tuple(notes))


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


def period_html(period: Period, title: str = "Statutory period") -> str:
    """The period day by day: each day's number, and why the end moved past a day."""
    reasons = {e.day: f"{e.reason}" for e in period.extensions}
    rows = []
    day = period.start
    while day <= period.first_day_after:
        number = (day - period.event).days
        if day == period.first_day_after:
            label = "first day after the period"
        elif day <= period.nominal_end:
            label = f"day {number}"
        else:
            label = "extension"
        note = reasons.get(day, "")
        if day == period.end:
            note = (note + "; " if note else "") + "last day of the period (until 24:00)"
        rows.append((day, WEEKDAYS[day.weekday()], label, note))
        day += _DAY
    atw = "Algemene termijnenwet applied" if period.atw else "Algemene termijnenwet not applied"
    caption = f"{title}: {period.days} days after {period.event.isoformat()}, {atw}"
    notes = "".join(f"<p>{escape(n)}</p>" for n in period.notes)
    return table(["date", "weekday", "count", "why"], rows, caption) + notes
