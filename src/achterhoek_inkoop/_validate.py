"""Checks of caller input, so that bad arguments fail early with our own error."""

from __future__ import annotations

import datetime as dt
import re
import sys
from typing import Any

from ._exceptions import InvalidInputError, OutOfRangeError
from ._text import N_, Text

__all__ = ["FIRST_YEAR", "LAST_YEAR", "check_date", "check_days", "check_year"]

#: Koninginnedag was first celebrated on 30 April 1949: the calendar starts there.
FIRST_YEAR = 1949
#: The last year a Python date can hold.
LAST_YEAR = dt.MAXYEAR


def check_date(field: str, value: object, *, in_calendar: bool = True) -> dt.date:
    """Return ``value`` as a calendar date, else raise naming ``field``.

    Analysts hold dates in many forms, so every date argument of the library
    takes a :class:`datetime.date`, a ``datetime`` (a :class:`pandas.Timestamp`
    is one) or a :class:`numpy.datetime64` at midnight, or an ISO text
    ``YYYY-MM-DD``; the date returned is always a plain ``datetime.date``.
    pandas and numpy are never imported here: their values are recognised
    only when the caller already has them loaded.

    A moment with a time of day is refused rather than truncated: the library
    never guesses which day a moment in some time zone belongs to. So is a
    missing value (``NaT``) and a month or year without its day.

    With ``in_calendar`` (the default) the date must also lie in the years the
    statutory calendar covers; a query about a procedure's state need not.

    >>> check_date("sent", dt.date(2022, 3, 14))
    datetime.date(2022, 3, 14)
    >>> check_date("sent", "2022-03-14")
    datetime.date(2022, 3, 14)
    >>> check_date("sent", dt.datetime(2022, 3, 14, 9, 30))
    Traceback (most recent call last):
    ...
    achterhoek_inkoop._exceptions.InvalidInputError: sent: datetime 2022-03-14T09:30:00 is a \
datetime, not a date; give value.date()
    """
    day = _as_date(field, value)
    if in_calendar:
        check_year(field, day.year, shown=value)
    return day


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_HINT = Text("give a datetime.date, a pandas.Timestamp, a numpy.datetime64 or an ISO date 'YYYY-MM-DD'")
#: Why Python refuses a text shaped YYYY-MM-DD, in the words ``date.fromisoformat`` uses: shown
#: in Dutch too (another wording, from another Python, is shown as it is).
_NO_SUCH_DATE = frozenset({N_("month must be in 1..12"), N_("day is out of range for month"),
                           N_("year 0 is out of range")})


def _as_date(field: str, value: object) -> dt.date:
    """``value`` as a plain date: the one place that knows which forms of a date are taken."""
    if isinstance(value, dt.datetime):
        if value != value:  # pandas.NaT is a datetime that equals nothing, itself included
            raise InvalidInputError(field, value, _missing())
        nanoseconds: int = getattr(value, "nanosecond", 0)  # a pandas.Timestamp has them
        if value.time() != dt.time(0) or nanoseconds:
            raise InvalidInputError(field, value, _datetime("value.date()"))
        return dt.date(value.year, value.month, value.day)
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        if _ISO_DATE.fullmatch(value):
            try:
                return dt.date.fromisoformat(value)
            except ValueError as exc:
                reason = str(exc)
                raise InvalidInputError(field, value, Text(
                    "is not a date: %(reason)s",
                    reason=Text(reason) if reason in _NO_SUCH_DATE else reason)) from None
        raise InvalidInputError(field, value, _not_a_date())
    numpy = sys.modules.get("numpy")
    if numpy is not None and isinstance(value, numpy.datetime64):
        return _numpy_date(field, value, numpy)
    raise InvalidInputError(field, value, _not_a_date())


def _not_a_date() -> Text:
    return Text("is not a date; %(hint)s", hint=_HINT)


def _missing() -> Text:
    return Text("is a missing value (NaT), not a date; %(hint)s", hint=_HINT)


def _datetime(fix: str) -> Text:
    return Text("is a datetime, not a date; give %(fix)s", fix=fix)


def _numpy_date(field: str, value: Any, numpy: Any) -> dt.date:
    """A ``numpy.datetime64`` as a date: whole days only, within the dates Python holds."""
    if numpy.isnat(value):
        raise InvalidInputError(field, value, _missing())
    unit = numpy.datetime_data(value.dtype)[0]
    if unit in ("Y", "M", "W", "generic"):
        raise InvalidInputError(field, value, Text("is not a day (its unit is %(unit)s); %(hint)s",
                                                   unit=repr(unit), hint=_HINT))
    day = value.astype("datetime64[D]")
    if day != value:
        raise InvalidInputError(field, value, _datetime("value.astype('datetime64[D]')"))
    found = day.astype(object)
    if not isinstance(found, dt.date):  # numpy gives a number for a year Python cannot hold
        raise InvalidInputError(field, value, Text(
            "is outside the dates Python can hold (%(first)s to %(last)s)",
            first=dt.MINYEAR, last=dt.MAXYEAR))
    return found


def check_year(field: str, value: object, *, shown: object = None) -> int:
    """Return ``value`` if it is a year the statutory calendar covers."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidInputError(field, value, Text("is not a year (a whole number)"))
    if not FIRST_YEAR <= value <= LAST_YEAR:
        raise OutOfRangeError(
            field,
            value if shown is None else shown,
            Text("is outside the statutory calendar (%(first)s to %(last)s)",
                 first=FIRST_YEAR, last=LAST_YEAR),
        )
    return value


def check_days(field: str, value: object) -> int:
    """Return ``value`` if it is a whole number of days of at least 1."""
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise InvalidInputError(field, value, Text("must be a whole number of days, at least %(least)s",
                                                   least=1))
    return value
