"""The Alcatel standstill (opschortende termijn), Aanbestedingswet 2012 art. 2.127.

The contracting authority may not conclude the contract (the final award,
``definitieve gunning``) until the standstill after the award decision
(``gunningsbeslissing``, in practice the provisional award) has ended. The
period starts the day after the decision was *sent* (lid 2) and lasts at least
20 calendar days (lid 3). Whether the Atw extends it was disputed; current case
law says it does (Hof Den Haag 20-04-2021), so it is applied by default and
can be switched off to reproduce the older strict reading.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from ._holidays import Calendar
from ._periods import Period, compute_period, period_html

__all__ = ["ALCATEL_DAYS", "LEGAL_SOURCE", "StandstillPeriod", "standstill_period"]

#: Aw 2012 art. 2.127 lid 3: at least 20 calendar days.
ALCATEL_DAYS = 20
#: The citation of the standstill (a key of ``achterhoek_inkoop.sources()`` with its article).
LEGAL_SOURCE = "Aw 2012 art. 2.127"


@dataclass(frozen=True, slots=True)
class StandstillPeriod(Period):
    """The standstill after an award decision sent on ``sent`` (the period's ``event``).

    ``end`` is the last day of the standstill (until 24:00); ``final_from``
    is the first day the award may become final.
    """

    @property
    def sent(self) -> dt.date:
        """The date the award decision was sent (the period starts the day after)."""
        return self.event

    @property
    def final_from(self) -> dt.date:
        """The first day the award may become final (the contract may be concluded)."""
        return self.first_day_after

    def _repr_html_(self) -> str:
        return period_html(self, f"Alcatel standstill ({LEGAL_SOURCE})")

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data with the keys ``sent``, ``days``, ``start``, ``nominal_end``,
        ``end``, ``final_from``, ``extensions`` (dates as ISO text), and ``atw``,
        ``notes`` and ``source``."""
        return {
            "sent": self.sent.isoformat(),
            "days": self.days,
            "start": self.start.isoformat(),
            "nominal_end": self.nominal_end.isoformat(),
            "end": self.end.isoformat(),
            "final_from": self.final_from.isoformat(),
            "extensions": [e.to_dict() for e in self.extensions],
            "atw": self.atw,
            "notes": list(self.notes),
            "source": LEGAL_SOURCE,
        }


def standstill_period(
    sent: dt.date,
    days: int = ALCATEL_DAYS,
    *,
    atw: bool = True,
    calendar: Calendar | None = None,
) -> StandstillPeriod:
    """The Alcatel standstill after an award decision sent on ``sent``.

    Args:
        sent: the date the award decision was sent (not received).
        days: the length in calendar days; 20 by default (Aw art. 2.127 lid 3).
        atw: apply the Algemene termijnenwet (the default, per current case law);
            ``False`` gives the strict reading, exactly ``sent + days``.
        calendar: the statutory calendar; the bundled one by default.

    Raises:
        InvalidInputError: ``sent`` is not a date or ``days`` is not at least 1.

    >>> from datetime import date
    >>> p = standstill_period(date(2022, 3, 14))
    >>> p.nominal_end, p.end, p.final_from
    (datetime.date(2022, 4, 3), datetime.date(2022, 4, 4), datetime.date(2022, 4, 5))
    >>> p.extensions[0].reason
    '2022-04-03 is a Sunday (Atw art. 1)'
    """
    return compute_period(StandstillPeriod, "sent", sent, days, atw, calendar)
