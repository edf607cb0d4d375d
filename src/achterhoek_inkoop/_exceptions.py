"""The errors the library raises on purpose.

::

    InkoopError                      every error raised on purpose
    ├── InvalidInputError (ValueError)   a caller's argument is wrong
    │   └── OutOfRangeError              a date outside what the calendar covers
    └── DataFileError (ValueError)       a bundled or user data file is wrong

Each error names the field and the value it is about, and builds its own
message, so callers can both show it and inspect it.
"""

from __future__ import annotations

import datetime as dt

__all__ = ["DataFileError", "InkoopError", "InvalidInputError", "OutOfRangeError", "show"]


class InkoopError(Exception):
    """Base of every error `achterhoek_inkoop` raises on purpose."""


class InvalidInputError(InkoopError, ValueError):
    """An argument given to the library is not acceptable.

    >>> err = InvalidInputError("days", 0, "must be a whole number of at least 1")
    >>> str(err)
    'days: 0 must be a whole number of at least 1'
    >>> err.field, err.value
    ('days', 0)
    """

    def __init__(self, field: str, value: object, problem: str) -> None:
        self.field = field
        self.value = value
        self.problem = problem
        super().__init__(f"{field}: {show(value)} {problem}")


class OutOfRangeError(InvalidInputError):
    """A date lies outside the years the statutory calendar can answer for."""


class DataFileError(InkoopError, ValueError):
    """A data file (bundled or the user's) does not match its model.

    ``path`` is the file, ``place`` the location inside it (a JSON path such
    as ``decrees[0].days[1].date``) and ``value`` the offending value.
    """

    def __init__(self, path: str, place: str, value: object, problem: str) -> None:
        self.path = path
        self.place = place
        self.value = value
        self.problem = problem
        where = f"{path}: {place}" if place else path
        super().__init__(f"{where}: {show(value)}: {problem}")


def show(value: object) -> str:
    """A value as a message shows it: a date as ISO text, anything else as its repr.

    >>> show(dt.date(2022, 2, 1)), show(dt.datetime(2022, 2, 1, 9, 30)), show("x")
    ('2022-02-01', 'datetime 2022-02-01T09:30:00', "'x'")
    """
    if isinstance(value, dt.datetime):
        return f"datetime {value.isoformat()}"
    if isinstance(value, dt.date):
        return value.isoformat()
    return repr(value)
