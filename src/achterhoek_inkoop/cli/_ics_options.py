"""The options of the ``ics`` command that are not dates: ``--alarm`` and ``--stamp``.

A calendar program replaces an entry it has only by a newer one (a higher
SEQUENCE, or a later DTSTAMP), so the command line stamps the export with
the current time unless ``--stamp`` says otherwise; the library itself never
reads the clock (``procedure_to_ics(..., stamp=...)``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import re

from .._text import Text, in_lang

__all__ = ["RECORD_STAMP", "alarm_duration", "export_stamp"]

#: ``--stamp record``: DTSTAMP and SEQUENCE from the record's latest date, the same on every run.
RECORD_STAMP = "record"
_UNITS = {"w": "weeks", "d": "days", "h": "hours", "m": "minutes"}


def alarm_duration(text: str, lang: str = "en") -> dt.timedelta:
    """``2d``, ``12h``, ``30m`` or ``1w`` as a timedelta: how long before a deadline to remind.

    The error is in ``lang``, the language of the parser that calls it.

    >>> alarm_duration("2d")
    datetime.timedelta(days=2)
    """
    found = re.fullmatch(r"([1-9][0-9]{0,3})([wdhm])", text)
    if found is None:
        raise argparse.ArgumentTypeError(in_lang(Text(
            "%(value)s is not a duration like 2d, 12h, 30m or 1w (1 to 9999 weeks, days, hours or minutes)",
            value=repr(text)), lang))
    return dt.timedelta(**{_UNITS[found[2]]: int(found[1])})


def export_stamp(text: str, lang: str = "en") -> dt.datetime | str:
    """A date and time with its UTC offset (``2027-03-01T09:30:00Z``, ``...+01:00``), or ``record``;
    the error in ``lang``."""
    if text == RECORD_STAMP:
        return text
    try:
        moment = dt.datetime.fromisoformat(text) if "T" in text else None
    except ValueError:
        moment = None
    if moment is None or moment.utcoffset() is None:
        raise argparse.ArgumentTypeError(in_lang(Text(
            "%(value)s is not a date and time with a UTC offset, like 2027-03-01T09:30:00Z, nor %(record)s",
            value=repr(text), record=repr(RECORD_STAMP)), lang))
    return moment
