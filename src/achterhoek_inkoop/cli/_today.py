"""Today, as the command line defaults a date to it: the date in Amsterdam.

The library never reads the clock; the command line does, here and nowhere
else. A procurement's days are Amsterdam's (its deadlines end at 24:00 Dutch
time), so today is today in Europe/Amsterdam whatever zone the machine is
set to: a laptop in another zone, a server on UTC, or a ``TZ`` the system
does not know (which C libraries silently read as UTC) all give the same
date as an officer's desk in Doetinchem.
"""

from __future__ import annotations

import datetime as dt

__all__ = ["today"]


def today() -> dt.date:
    """The current date in Europe/Amsterdam, whatever the machine's time zone (``TZ``).

    >>> from zoneinfo import ZoneInfo
    >>> today() in {dt.datetime.now(ZoneInfo("Europe/Amsterdam")).date() + dt.timedelta(days=d)
    ...             for d in (-1, 0)}
    True
    """
    from ..calendar import amsterdam_zone  # zoneinfo: imported only by a command that needs today

    return dt.datetime.now(amsterdam_zone()).date()
