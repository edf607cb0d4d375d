"""A period day by day as an HTML table in Dutch or English, for Jupyter (``_repr_html_``) and ``to_html``.

Every header, label and sentence is in the language asked for; the reasons
and notes are the period's own, made in both languages when it was counted
(``reason_in``, ``notes_in``, ``not_extended_in``). Citations stay as the law
writes them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from html import escape

from .._html import table
from ._holidays import WEEKDAYS
from ._periods import _RULES, Period
from ._texts import Gettext, gettext_for

__all__ = ["period_html"]

_DAY = dt.timedelta(days=1)


def period_html(period: Period, title: str | None = None, *, warning: str | None = None,
                lang: str = "en") -> str:
    """The period day by day in ``lang`` (``"en"`` or ``"nl"``): each day's number, and why the
    end moved past a day.

    ``title`` heads the caption (by default "Statutory period" in ``lang``); a
    ``safe_end`` adds the days up to it; a ``warning`` (already in ``lang``)
    stands above the table.

    Raises:
        InvalidInputError: ``lang`` is not ``"nl"`` or ``"en"``.
    """
    _ = gettext_for(lang)
    title = _("Statutory period") if title is None else title
    if period.backwards:
        return _backwards_html(period, title, warning, lang, _)
    reasons = {e.day: e.reason_in(lang) for e in period.extensions}
    rows = []
    day = period.start
    last = period.safe_first_day_after or period.first_day_after
    while day <= last:
        number = (day - period.event).days
        if day == period.first_day_after:
            label = _("first day after the period")
        elif day <= period.nominal_end:
            label = _("day %(n)s") % {"n": number}
        elif day <= period.end:
            label = _("extension")
        elif day == period.safe_first_day_after:
            label = _("safe first day after the period")
        else:
            label = _("safe extension")
        notes = [reasons[day]] if day in reasons else []
        if day == period.end:
            notes.append(_("last day of the period (until 24:00)"))
        if day == period.safe_end:
            notes.append(_("safe last day: the end if the usual pattern of the decrees holds "
                           "for a year no decree covers (until 24:00)"))
        rows.append((day, _(WEEKDAYS[day.weekday()]), label, "; ".join(notes)))
        day += _DAY
    caption = _("%(title)s: %(days)s days after %(event)s, %(applied)s") % {
        "title": title, "days": period.days, "event": period.event.isoformat(),
        "applied": _applied(period, _)}
    return _html(period, rows, caption, warning, lang, _)


def _applied(period: Period, _: Gettext) -> str:
    name = _(_RULES[period.counting].name)
    return (_("%(rule)s applied") if period.atw else _("%(rule)s not applied")) % {"rule": name}


def _html(period: Period, rows: Sequence[Sequence[object]], caption: str, warning: str | None,
          lang: str, _: Gettext) -> str:
    label = _("warning")
    head = f"<p><strong>{escape(label)}:</strong> {escape(warning)}</p>" if warning else ""
    not_extended = period.not_extended_in(lang)
    why = [_("Why the end did not move: %(why)s.") % {"why": not_extended}] if not_extended else []
    notes_html = "".join(f"<p>{escape(n)}</p>" for n in [*why, *period.notes_in(lang)] if n != warning)
    headers = [_("date"), _("weekday"), _("count"), _("why")]
    return head + table(headers, rows, caption) + notes_html


def _backwards_html(period: Period, title: str, warning: str | None, lang: str, _: Gettext) -> str:
    """A backward period day by day, earliest first: the days counted back, and the days off
    it was counted further back past."""
    reasons = {e.day: e.reason_in(lang) for e in period.extensions}
    rows: list[tuple[object, ...]] = []
    day = period.safe_first_day_after or period.first_day_after
    while day < period.event:
        if day == period.first_day_after:
            label = _("first day before the period")
        elif day == period.safe_first_day_after:
            label = _("safe first day before the period")
        elif day >= period.nominal_end:
            label = _("day %(n)s counted back") % {"n": (period.event - day).days}
        elif day >= period.end:
            label = _("counted further back")
        else:
            label = _("safe: counted further back")
        notes = [reasons[day]] if day in reasons else []
        if day == period.end:
            notes.append(_("last day of the period, counted back (until 24:00)"))
        if day == period.safe_end:
            notes.append(_("safe last day: the end if the usual pattern of the decrees holds"))
        rows.append((day, _(WEEKDAYS[day.weekday()]), label, "; ".join(notes)))
        day += _DAY
    caption = _("%(title)s: %(days)s days before %(event)s, %(applied)s") % {
        "title": title, "days": period.days, "event": period.event.isoformat(),
        "applied": _applied(period, _)}
    return _html(period, rows, caption, warning, lang, _)
