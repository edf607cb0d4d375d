"""The Alcatel standstill (opschortende termijn), Aanbestedingswet 2012 art. 2.127.

The contracting authority may not conclude the contract (the final award,
``definitieve gunning``) until the standstill after the award decision
(``gunningsbeslissing``, in practice the provisional award) has ended. The
period starts the day after the decision was *sent* (lid 2) and lasts at least
20 calendar days (lid 3). Whether the Atw extends it was disputed; current case
law says it does (Hof Den Haag 20-04-2021), so it is applied by default and
can be switched off to reproduce the older strict reading.

Another rulebook (``rulebook="eu-minimum"``: the Remedies Directive's 10 days,
15 when the decision is not sent electronically, counted under Regulation
1182/71) gives its own days, counting rule and sources.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .. import _text
from .._exceptions import InvalidInputError
from ._holidays import Calendar
from ._periods import Period, compute_period
from ._rulebook_index import standstill_rulebook as load  # a bundled rulebook's figures without pydantic
from ._texts import Gettext, Text, gettext_for, pick

if TYPE_CHECKING:
    from ._rulebooks import Rulebook

__all__ = ["ALCATEL_DAYS", "LEGAL_SOURCE", "StandstillPeriod", "minimum_warning", "standstill_period"]

#: Aw 2012 art. 2.127 lid 3: at least 20 calendar days.
ALCATEL_DAYS = 20
#: The citation of the standstill (a key of ``achterhoek_inkoop.sources()`` with its article).
LEGAL_SOURCE = "Aw 2012 art. 2.127"
_MINIMUM_SOURCE = "Aw 2012 art. 2.127 lid 3"


def minimum_warning(days: int, minimum: int = ALCATEL_DAYS, source: str = _MINIMUM_SOURCE, *,
                    lang: str = "en") -> str | None:
    """The warning in ``lang`` for a standstill of ``days`` days shorter than ``minimum`` (the law's,
    cited by ``source``; by default the Aw's 20 days), else None.

    >>> minimum_warning(20) is None
    True
    >>> minimum_warning(10)[:48]
    'Aw 2012 art. 2.127 lid 3 requires a standstill o'
    """
    _ = gettext_for(lang)
    text = _minimum_text(days, minimum, source)
    return None if text is None else text(_)


def _minimum_text(days: int, minimum: int, source: str) -> Text | None:
    """:func:`minimum_warning` as a sentence not yet in a language."""
    if days >= minimum:
        return None

    def warning(_: Gettext) -> str:
        short = (_("this one of %(days)s day is shorter") if days == 1 else
                 _("this one of %(days)s days is shorter")) % {"days": days}
        return _("%(source)s requires a standstill of at least %(minimum)s calendar days: %(short)s, "
                 "so its end is not the end of a lawful standstill and the award may not become final "
                 "on the date given here.") % {"source": source, "minimum": minimum, "short": short}
    return warning


@dataclass(frozen=True, slots=True)
class StandstillPeriod(Period):
    """The standstill after an award decision sent on ``sent`` (the period's ``event``).

    ``end`` is the last day of the standstill (until 24:00); ``final_from``
    is the first day the award may become final. Where a year no decree of
    gelijkgestelde dagen covers would move the end under the usual pattern of
    the decrees, ``safe_end`` and ``safe_final_from`` give that later end and
    the day after it: the safe date to conclude the contract (both ``None``
    otherwise). A standstill shorter than the rulebook's minimum
    (``minimum_days``: 20 under the Aw) still counts, but says so in
    ``warning`` (also the first of its ``notes``). ``rulebook`` names the
    rulebook it was counted under, ``source`` its article.
    """

    rulebook: str = "aw2012"
    minimum_days: int = ALCATEL_DAYS
    minimum_source: str = _MINIMUM_SOURCE
    source: str = LEGAL_SOURCE

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
        """Why this standstill is shorter than the rulebook allows (Aw 2012 art. 2.127 lid 3), or None."""
        return minimum_warning(self.days, self.minimum_days, self.minimum_source)

    @property
    def warning_nl(self) -> str | None:
        """``warning`` in Dutch."""
        return minimum_warning(self.days, self.minimum_days, self.minimum_source, lang="nl")

    def warning_in(self, lang: str) -> str | None:
        """``warning`` in ``lang`` (``"en"`` or ``"nl"``), or None."""
        return None if self.warning is None else pick(lang, self.warning, self.warning_nl)

    def to_html(self, *, lang: str = "en") -> str:
        """The standstill day by day as an HTML table in ``lang`` (``"en"`` or ``"nl"``, else
        :class:`InvalidInputError`), its warning above it; a notebook shows the English."""
        _ = gettext_for(lang)
        title = _("Alcatel standstill (%(source)s)") % {"source": self.source}
        from ._period_html import period_html  # the display needs this module: imported when shown

        return period_html(self, title, warning=self.warning_in(lang), lang=lang)

    def _repr_html_(self) -> str:
        return self.to_html()

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data with the keys ``sent``, ``days``, ``start``, ``nominal_end``,
        ``end``, ``final_from``, ``extensions`` (dates as ISO text), and ``atw``,
        ``not_extended`` (why the end did not move, or null), ``safe_end`` and
        ``safe_final_from`` (null unless the usual decree pattern would end it later),
        ``warning`` (null unless shorter than the rulebook's minimum), ``notes``,
        ``source``, ``rulebook`` and ``counting`` (``atw`` or ``verordening-1182-71``)."""
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
            "source": self.source,
            "rulebook": self.rulebook,
            "counting": self.counting,
        }


def standstill_period(
    sent: dt.date,
    days: int | None = None,
    *,
    atw: bool = True,
    calendar: Calendar | None = None,
    rulebook: str | Rulebook = "aw2012",
    electronic: bool = True,
) -> StandstillPeriod:
    """The Alcatel standstill after an award decision sent on ``sent``.

    Args:
        sent: the date the award decision was sent (not received).
        days: the length in calendar days; by default the rulebook's minimum
            (20 under the Aw, art. 2.127 lid 3).
        atw: apply the rulebook's counting rule (the Algemene termijnenwet for
            ``aw2012``, per current case law; Regulation 1182/71 art. 3 for
            ``eu-minimum``); ``False`` gives the strict reading, exactly ``sent + days``.
        calendar: the statutory calendar; the bundled one by default.
        rulebook: ``"aw2012"`` (the default), ``"eu-minimum"``, or a :class:`Rulebook`.
        electronic: the decision was sent electronically (``eu-minimum``: 10
            days, else 15; the Aw has 20 either way).

    Raises:
        InvalidInputError: ``sent`` is not a date, ``days`` is not at least 1,
            or the rulebook is unknown.

    Fewer days than the rulebook's minimum are computed all the same, with
    the warning that the law requires more (``warning``, and the first of the ``notes``).

    >>> from datetime import date
    >>> p = standstill_period(date(2022, 3, 14))
    >>> p.nominal_end, p.end, p.final_from
    (datetime.date(2022, 4, 3), datetime.date(2022, 4, 4), datetime.date(2022, 4, 5))
    >>> p.extensions[0].reason
    '2022-04-03 is a Sunday (Atw art. 1)'
    >>> q = standstill_period(date(2021, 4, 23))     # no decree known for 2021
    >>> q.end, q.safe_end, q.safe_final_from
    (datetime.date(2021, 5, 14), datetime.date(2021, 5, 17), datetime.date(2021, 5, 18))
    >>> eu = standstill_period(date(2022, 3, 14), rulebook="eu-minimum")   # 10 days, Regulation 1182/71
    >>> eu.days, eu.end, eu.extensions
    (10, datetime.date(2022, 3, 24), ())
    """
    rule = load(rulebook).standstill
    if not isinstance(electronic, bool):
        raise InvalidInputError("electronic", electronic, _text.Text("must be True or False"))
    minimum = rule.days if electronic else rule.days_not_electronic
    length = minimum if days is None else days
    # A length that is not a whole number is refused by compute_period, naming it.
    warning = _minimum_text(length, minimum, rule.days_source) if type(length) is int else None
    return compute_period(StandstillPeriod, "sent", sent, length, atw, calendar, counting=rule.counting,
                          lead_note=warning, extra={"rulebook": load(rulebook).name,
                                                    "minimum_days": minimum,
                                                    "minimum_source": rule.days_source,
                                                    "source": rule.source})
