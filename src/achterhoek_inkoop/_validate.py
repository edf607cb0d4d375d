"""Checks of caller input, so that bad arguments fail early with our own error."""

from __future__ import annotations

import datetime as dt

from ._exceptions import InvalidInputError, OutOfRangeError

__all__ = ["FIRST_YEAR", "LAST_YEAR", "check_date", "check_days", "check_year"]

#: Koninginnedag was first celebrated on 30 April 1949: the calendar starts there.
FIRST_YEAR = 1949
#: The last year a Python date can hold.
LAST_YEAR = dt.MAXYEAR


def check_date(field: str, value: object, *, in_calendar: bool = True) -> dt.date:
    """Return ``value`` if it is a calendar date, else raise naming ``field``.

    With ``in_calendar`` (the default) the date must also lie in the years the
    statutory calendar covers; a query about a procedure's state need not.

    A ``datetime`` is refused rather than truncated: the library never guesses
    which day a moment in some time zone belongs to.

    >>> check_date("sent", dt.date(2022, 3, 14))
    datetime.date(2022, 3, 14)
    >>> check_date("sent", "2022-03-14")
    Traceback (most recent call last):
    ...
    achterhoek_inkoop._exceptions.InvalidInputError: sent: '2022-03-14' is not a date; \
give a datetime.date, e.g. date.fromisoformat('2022-03-14')
    """
    if isinstance(value, dt.datetime):
        raise InvalidInputError(field, value, "is a datetime, not a date; give value.date()")
    if not isinstance(value, dt.date):
        hint = f", e.g. date.fromisoformat({value!r})" if isinstance(value, str) else ""
        raise InvalidInputError(field, value, f"is not a date; give a datetime.date{hint}")
    if in_calendar:
        check_year(field, value.year, shown=value)
    return value


def check_year(field: str, value: object, *, shown: object = None) -> int:
    """Return ``value`` if it is a year the statutory calendar covers."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidInputError(field, value, "is not a year (a whole number)")
    if not FIRST_YEAR <= value <= LAST_YEAR:
        raise OutOfRangeError(
            field,
            value if shown is None else shown,
            f"is outside the statutory calendar ({FIRST_YEAR} to {LAST_YEAR})",
        )
    return value


def check_days(field: str, value: object) -> int:
    """Return ``value`` if it is a whole number of days of at least 1."""
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise InvalidInputError(field, value, "must be a whole number of days, at least 1")
    return value
