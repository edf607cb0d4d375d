"""HTML for Jupyter's rich display (``_repr_html_``): a procedure, a period, violations.

Plain HTML tables, no dependency. A procedure's display does not assume a
date: it shows its record and its plan, not "today".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from html import escape
from typing import TYPE_CHECKING

from ._calendar import WEEKDAYS
from ._model import MILESTONES
from ._periods import Period

if TYPE_CHECKING:
    from ._procedure import Procedure
    from ._rules import Violation

__all__ = ["period_html", "procedure_html", "violations_html"]

_DAY = dt.timedelta(days=1)
_STYLE = "border-collapse:collapse;text-align:left"


def table(headers: Sequence[str], rows: Iterable[Sequence[object]], caption: str = "") -> str:
    """An HTML table; every cell is escaped.

    >>> "<td>&lt;b&gt;</td>" in table(["a"], [["<b>"]])
    True
    """
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    body = "".join(
        "<tr>" + "".join(f"<td>{escape(_text(cell))}</td>" for cell in row) + "</tr>" for row in rows
    )
    cap = f"<caption>{escape(caption)}</caption>" if caption else ""
    return f'<table style="{_STYLE}">{cap}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def _segments(event: object) -> str:
    if not hasattr(event, "segments"):
        return "-"
    return ", ".join(event.segments) if event.segments else "all"


def _text(cell: object) -> str:
    if cell is None:
        return "-"
    if isinstance(cell, dt.date):
        return cell.isoformat()
    return str(cell)


def period_html(period: Period, title: str = "Statutory period") -> str:
    """The period day by day: each day's number, and why the end moved past a day."""
    reasons = {e.day: f"{e.reason}" for e in period.extensions}
    rows = []
    day = period.start
    while day <= period.first_day_after:
        number = (day - period.event).days
        if day == period.first_day_after:
            label = "first day after the period"
        elif day <= period.nominal_end:
            label = f"day {number}"
        else:
            label = "extension"
        note = reasons.get(day, "")
        if day == period.end:
            note = (note + "; " if note else "") + "last day of the period (until 24:00)"
        rows.append((day, WEEKDAYS[day.weekday()], label, note))
        day += _DAY
    atw = "Algemene termijnenwet applied" if period.atw else "Algemene termijnenwet not applied"
    caption = f"{title}: {period.days} days after {period.event.isoformat()}, {atw}"
    notes = "".join(f"<p>{escape(n)}</p>" for n in period.notes)
    return table(["date", "weekday", "count", "why"], rows, caption) + notes


def violations_html(violations: Sequence[Violation]) -> str:
    """The violations as a table, or a sentence when there are none."""
    if not violations:
        return "<p>No rule is broken.</p>"
    rows = [(v.on, v.severity, v.rule, v.subject, v.message, v.source) for v in violations]
    return table(["date", "severity", "rule", "subject", "message", "source"], rows,
                 f"{len(violations)} violation(s)")


def procedure_html(proc: Procedure) -> str:
    """The procedure's plan against what happened, its phases, segments and record."""
    data = proc.data
    plans = sorted(data.plans, key=lambda p: p.published)
    plan_rows = []
    for name in MILESTONES:
        planned = [proc.planned(name, baseline=p.id) for p in plans]
        actual = proc.actual(name)
        plan_rows.append((name, *planned, actual, proc.slip(name)))
    parts = [
        f"<h4>{escape(data.name)}</h4>",
        table(["milestone", *[f"planned ({p.id})" for p in plans], "actual", "slip (days)"],
              plan_rows, "Plan against what happened"),
        table(["phase", "from", "to"], [(s, a, b) for a, b, s in proc.intervals()], "Phases"),
        table(["segment", "state", "from", "to"],
              [(seg, s, a, b) for seg in data.segment_ids for a, b, s in proc.intervals(seg)],
              "Segments (percelen)"),
        table(["date", "event", "segments", "source"],
              [(e.on, e.type, _segments(e), e.source) for e in proc.events],
              f"Record: {len(proc.events)} events"),
        violations_html(proc.check()),
    ]
    return "\n".join(parts)
