"""The rich display of a procedure in Jupyter (``Procedure.to_html``), in Dutch or English.

Its plan against what happened, phases, segments, record and violations.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from typing import TYPE_CHECKING

from .._html import table
from .._i18n import translations
from ..lifecycle import violations_html
from ..record import MILESTONES

if TYPE_CHECKING:
    from ._procedure import Procedure

__all__ = ["procedure_html"]


def _segments(event: object, _: Callable[[str], str]) -> str:
    if not hasattr(event, "segments"):
        return "-"
    return ", ".join(event.segments) if event.segments else _("all")


def procedure_html(proc: Procedure, *, lang: str = "en") -> str:
    """The procedure's plan against what happened, its phases, segments, record and violations,
    as HTML tables in ``lang`` (``"en"`` or ``"nl"``).

    The milestones, phases, states and event types are named as the record and the lifecycle
    name them (Dutch terms and ids) in both languages; headers and captions are translated.

    Raises:
        InvalidInputError: ``lang`` is not ``"nl"`` or ``"en"``.
    """
    _ = translations(lang).gettext
    data = proc.data
    plans = sorted(data.plans, key=lambda p: p.published)
    plan_rows = []
    for name in MILESTONES:
        planned = [proc.planned(name, baseline=p.id) for p in plans]
        actual = proc.actual(name)
        plan_rows.append((name, *planned, actual, proc.slip(name)))
    planned_heads = [_("planned (%(plan)s)") % {"plan": p.id} for p in plans]
    parts = [
        f"<h4>{escape(data.name)}</h4>",
        table([_("milestone"), *planned_heads, _("actual"), _("slip (days)")],
              plan_rows, _("Plan against what happened")),
        table([_("phase"), _("from"), _("to")], [(s, a, b) for a, b, s in proc.intervals()], _("Phases")),
        table([_("segment"), _("state"), _("from"), _("to")],
              [(seg, s, a, b) for seg in data.segment_ids for a, b, s in proc.intervals(seg)],
              _("Segments (percelen)")),
        table([_("date"), _("event"), _("segments"), _("source")],
              [(e.on, e.type, _segments(e, _), e.source) for e in proc.events],
              _("Record: %(count)s events") % {"count": len(proc.events)}),
        violations_html(proc.check(), lang=lang),
    ]
    return "\n".join(parts)
