"""The sentences of statutory periods: why an end moved, why it did not, and the notes.

Each builder returns a :data:`~._texts.Text`, a sentence not yet in a
language, which :mod:`._periods` builds in English and in Dutch when it makes
a period. Citations are placeholders, as the law writes them.
"""

from __future__ import annotations

import datetime as dt

from ._holidays import WEEKDAYS, Calendar, holiday_name
from ._texts import Gettext, Text, gettext_for

__all__ = ["ATW_MAX_DAYS", "ATW_MAX_MONTHS", "ATW_MAX_WEEKS", "BACKWARDS_ARTICLE", "describe_day"]

_DAY = dt.timedelta(days=1)
#: Atw art. 4: the Atw does not apply to periods longer than 90 days.
ATW_MAX_DAYS = 90
#: Atw art. 4: nor to periods longer than 12 weeks or 3 months.
ATW_MAX_WEEKS = 12
ATW_MAX_MONTHS = 3
#: Atw art. 1 lid 2: a period counted back is not extended; one counts further back.
BACKWARDS_ARTICLE = "Atw art. 1 lid 2"


def _atw_length(days: int, weeks: int | None, months: int | None) -> Text:
    if months is not None:
        return lambda _: _("a period of %(n)s months is longer than %(max)s months") % {
            "n": months, "max": ATW_MAX_MONTHS}
    if weeks is not None:
        return lambda _: _("a period of %(n)s weeks is longer than %(max)s weeks") % {
            "n": weeks, "max": ATW_MAX_WEEKS}
    return lambda _: _("a period of %(n)s days is longer than %(max)s days") % {
        "n": days, "max": ATW_MAX_DAYS}


def _atw_limit(weeks: int | None, months: int | None) -> Text:
    if months is not None:
        return lambda _: _("%(n)s months") % {"n": ATW_MAX_MONTHS}
    if weeks is not None:
        return lambda _: _("%(n)s weeks") % {"n": ATW_MAX_WEEKS}
    return lambda _: _("%(n)s days") % {"n": ATW_MAX_DAYS}


def _counted_back(day: dt.date, reason: Text) -> Text:
    return lambda _: _("%(day)s is %(reason)s: a period counted back is not extended but counted "
                       "further back (%(article)s)") % {
        "day": day.isoformat(), "reason": reason(_), "article": BACKWARDS_ARTICLE}


def _beyond_the_atw(cal: Calendar, nominal_end: dt.date, days: int, limit: Text | None = None) -> Text:
    """Why a period longer than the Atw's 90 days (12 weeks, 3 months) ends on its nominal end,
    whatever day that is."""
    limit = limit or _atw_limit(None, None)
    reason = cal._day_off_text(nominal_end)

    def why(_: Gettext) -> str:
        rule = _("the Atw does not apply to a period longer than %(limit)s (%(article)s)") % {
            "limit": limit(_), "article": "Atw art. 4"}
        if reason is None:
            return _("day %(days)s is the end: %(rule)s") % {"days": days, "rule": rule}
        return _("day %(days)s is %(reason)s, but is not extended: %(rule)s") % {
            "days": days, "reason": reason(_), "rule": rule}
    return why


def _safe_end_note(cal: Calendar, start: dt.date, end: dt.date, safe_end: dt.date) -> Text:
    """The note that names the days of the usual pattern that move the end, and the safe end."""
    pattern = cal.with_pattern()
    found = [pattern.holiday(start + i * _DAY) for i in range((safe_end - start).days + 1)]
    extra = [h for h in found if h is not None and not cal.is_holiday(h.date)]
    # The days the end moved past; else (Atw art. 2) the days that left too few working days.
    moving = [h for h in extra if h.date >= end] or extra
    years = ", ".join(sorted({str(h.date.year) for h in moving}))

    def note(_: Gettext) -> str:
        days = _(" and ").join(_("%(day)s would be a %(name)s") % {
            "day": h.date.isoformat(), "name": holiday_name(_, h.name)} for h in moving)
        return _(
            "Under the usual pattern of the decrees of gelijkgestelde dagen, %(days)s, and the period "
            "would end on %(safe)s, not %(end)s: no decree is known for %(years)s, so the later end is "
            "the safe one to count with (%(article)s).") % {
            "days": days, "safe": _describe(_, safe_end), "end": _describe(_, end), "years": years,
            "article": "Atw art. 3 lid 3"}
    return note


def _too_few(start: dt.date, end: dt.date, working: int, article: str) -> Text:
    def why(_: Gettext) -> str:
        held = (_("the period %(start)s to %(end)s holds only %(n)s working day") if working == 1 else
                _("the period %(start)s to %(end)s holds only %(n)s working days"))
        return _("%(held)s; it must hold at least two (%(article)s)") % {
            "held": held % {"start": start.isoformat(), "end": end.isoformat(), "n": working},
            "article": article}
    return why


def _moved_past(day: dt.date, reason: Text, article: str) -> Text:
    return lambda _: _("%(day)s is %(reason)s (%(article)s)") % {
        "day": day.isoformat(), "reason": reason(_), "article": article}


def describe_day(day: dt.date, *, lang: str = "en") -> str:
    """A date with its weekday, as officers write it, in ``lang`` (``"en"`` or ``"nl"``).

    >>> describe_day(dt.date(2022, 4, 4))
    'Monday 2022-04-04'
    >>> describe_day(dt.date(2022, 4, 3), lang="nl")  # doctest: +SKIP
    'zondag 2022-04-03'
    """
    return _describe(gettext_for(lang), day)


def _describe(_: Gettext, day: dt.date) -> str:
    """:func:`describe_day` in the language of ``_``."""
    return f"{_(WEEKDAYS[day.weekday()])} {day.isoformat()}"
