"""A period day by day as an HTML table, for Jupyter (``_repr_html_``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from html import escape

from .._html import table
from ._holidays import WEEKDAYS
from ._periods import _RULES, Period

__all__ = ["period_html"]

_DAY = dt.timedelta(days=1)


def period_html(period: Period, title: str = "Statutory period", *, warning: str | None = None) -> str:
    """The period day by day: each day's number, and why the end moved past a day.

    A ``safe_end`` adds the days up to it; a ``warning`` stands above the table.
    """
    if period.backwards:
        return _backwards_html(period, title, warning)
    reasons = {e.day: f"{e.reason}" for e in period.extensions}
    rows = []
    day = period.start
    last = period.safe_first_day_after or period.first_day_after
    while day <= last:
        number = (day - period.event).days
        if day == period.first_day_after:
            label = "first day after the period"
        elif day <= period.nominal_end:
            label = f"day {number}"
        elif day <= period.end:
            label = "extension"
        elif day == period.safe_first_day_after:
            label = "safe first day after the period"
        else:
            label = "safe extension"
        notes = [reasons[day]] if day in reasons else []
        if day == period.end:
            notes.append("last day of the period (until 24:00)")
        if day == period.safe_end:
            notes.append("safe last day: the end if the usual pattern of the decrees holds "
                         "for a year no decree covers (until 24:00)")
        rows.append((day, WEEKDAYS[day.weekday()], label, "; ".join(notes)))
        day += _DAY
    caption = f"{title}: {period.days} days after {period.event.isoformat()}, {_applied(period)}"
    return _html(period, rows, caption, warning)


def _applied(period: Period) -> str:
    name = _RULES[period.counting].name
    return f"{name} applied" if period.atw else f"{name} not applied"


def _html(period: Period, rows: Sequence[Sequence[object]], caption: str, warning: str | None) -> str:
    head = f"<p><strong>warning:</strong> {escape(warning)}</p>" if warning else ""
    why = [f"Why the end did not move: {period.not_extended}."] if period.not_extended else []
    notes_html = "".join(f"<p>{escape(n)}</p>" for n in [*why, *period.notes] if n != warning)
    return head + table(["date", "weekday", "count", "why"], rows, caption) + notes_html


def _backwards_html(period: Period, title: str, warning: str | None) -> str:
    """A backward period day by day, earliest first: the days counted back, and the days off
    it was counted further back past."""
    reasons = {e.day: e.reason for e in period.extensions}
    rows: list[tuple[object, ...]] = []
    day = period.safe_first_day_after or period.first_day_after
    while day < period.event:
        if day == period.first_day_after:
            label = "first day before the period"
        elif day == period.safe_first_day_after:
            label = "safe first day before the period"
        elif day >= period.nominal_end:
            label = f"day {(period.event - day).days} counted back"
        elif day >= period.end:
            label = "counted further back"
        else:
            label = "safe: counted further back"
        notes = [reasons[day]] if day in reasons else []
        if day == period.end:
            notes.append("last day of the period, counted back (until 24:00)")
        if day == period.safe_end:
            notes.append("safe last day: the end if the usual pattern of the decrees holds")
        rows.append((day, WEEKDAYS[day.weekday()], label, "; ".join(notes)))
        day += _DAY
    caption = f"{title}: {period.days} days before {period.event.isoformat()}, {_applied(period)}"
    return _html(period, rows, caption, warning)
