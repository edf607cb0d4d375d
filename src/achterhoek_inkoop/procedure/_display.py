"""The rich display of a procedure in Jupyter.

Its plan against what happened, phases, segments, record and violations.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from .._html import table
from ..lifecycle import violations_html
from ..record import MILESTONES

if TYPE_CHECKING:
    from ._procedure import Procedure

__all__ = ["procedure_html"]


def _segments(event: object) -> str:
    if not hasattr(event, "segments"):
        return "-"
    return ", ".join(event.segments) if event.segments else "all"


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
