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
from dataclasses import dataclass, replace
from typing import Any

from ._holidays import Calendar
from ._periods import Period, compute_period, period_html

__all__ = ["ALCATEL_DAYS", "LEGAL_SOURCE", "StandstillPeriod", "minimum_warning", "standstill_period"]

#: Aw 2012 art. 2.127 lid 3: at least 20 calendar days.
ALCATEL_DAYS = 20
#: The citation of the standstill (a key of ``achterhoek_inkoop.sources()`` with its article).
LEGAL_SOURCE = "Aw 2012 art. 2.127"


def minimum_warning(days: int) -> str | None:
    """The warning for a standstill of ``days`` days shorter than the law allows, else None.

    >>> minimum_warning(20) is None
    True
    >>> minimum_warning(10)[:48]
    'Aw 2012 art. 2.127 lid 3 requires a standstill o'
    """
    if days >= ALCATEL_DAYS:
        return None
    return (
        f"Aw 2012 art. 2.127 lid 3 requires a standstill of at least {ALCATEL_DAYS} calendar "
        f"days: this one of {days} day{'s' if days != 1 else ''} is shorter, so its end is not "
        "the end of a lawful standstill and the award may not become final on the date given here."
    )


@dataclass(frozen=True, slots=True)
class StandstillPeriod(Period):
    """The standstill after an award decision sent on ``sent`` (the period's ``event``).

    ``end`` is the last day of the standstill (until 24:00); ``final_from``
    is the first day the award may become final. Where a year no decree of
    gelijkgestelde dagen covers would move the end under the usual pattern of
    the decrees, ``safe_end`` and ``safe_final_from`` give that later end and
    the day after it: the safe date to conclude the contract (both ``None``
    otherwise). A standstill shorter than the law's 20 days still counts, but
    says so in ``warning`` (also the first of its ``notes``).
    """

    @property
    def sent(self) -> dt.date:
        """The date the award decision was sent (the period starts the day after)."""
        return self.event

    @property
    def final_from(self) -> dt.date:
        """The first day the award may become final (the contract may be concluded)."""
        return self.first_day_after

    @property
    def safe_final_from(self) -> dt.date | None:
        """The day after ``safe_end``: the safe first day to conclude the contract where the
        usual decree pattern would end the standstill later; ``None`` when it would not."""
        return self.safe_first_day_after

    @property
    def warning(self) -> str | None:
        """Why this standstill is shorter than the law allows (Aw 2012 art. 2.127 lid 3), or None."""
        return minimum_warning(self.days)

    def _repr_html_(self) -> str:
        return period_html(self, f"Alcatel standstill ({LEGAL_SOURCE})", warning=self.warning)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data with the keys ``sent``, ``days``, ``start``, ``nominal_end``,
        ``end``, ``final_from``, ``extensions`` (dates as ISO text), and ``atw``,
        ``not_extended`` (why the end did not move, or null), ``safe_end`` and
        ``safe_final_from`` (null unless the usual decree pattern would end it later),
        ``warning`` (null unless shorter than 20 days), ``notes`` and ``source``."""
        return {
            "sent": self.sent.isoformat(),
            "days": self.days,
            "start": self.start.isoformat(),
            "nominal_end": self.nominal_end.isoformat(),
            "end": self.end.isoformat(),
            "final_from": self.final_from.isoformat(),
            "extensions": [e.to_dict() for e in self.extensions],
            "atw": self.atw,
            "not_extended": self.not_extended,
            "safe_end": None if self.safe_end is None else self.safe_end.isoformat(),
            "safe_final_from": None if self.safe_final_from is None else self.safe_final_from.isoformat(),
            "warning": self.warning,
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

    Fewer than 20 days are computed all the same, with the warning that the
    law requires at least 20 (``warning``, and the first of the ``notes``).

    >>> from datetime import date
    >>> p = standstill_period(date(2022, 3, 14))
    >>> p.nominal_end, p.end, p.final_from
    (datetime.date(2022, 4, 3), datetime.date(2022, 4, 4), datetime.date(2022, 4, 5))
    >>> p.extensions[0].reason
    '2022-04-03 is a Sunday (Atw art. 1)'
    >>> q = standstill_period(date(2021, 4, 23))     # no decree known for 2021
    >>> q.end, q.safe_end, q.safe_final_from
    (datetime.date(2021, 5, 14), datetime.date(2021, 5, 17), datetime.date(2021, 5, 18))
    """
    period = compute_period(StandstillPeriod, "sent", sent, days, atw, calendar)
    warning = minimum_warning(period.days)
    return period if warning is None else replace(period, notes=(warning, *period.notes))
