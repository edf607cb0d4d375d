"""The status of a procedure as HTML tables in Dutch or English: what ``Status.to_html`` shows.

The procedure defines :class:`~achterhoek_inkoop.Status`; its text forms are
made here, beside :func:`~achterhoek_inkoop.exports.format_status`, because
the deadlines' texts (English in the status, as data) are translated by
:func:`~achterhoek_inkoop.exports.deadline_text`. ``Status.to_html`` reaches
this module through the exports' registry, as ``proc.to_ocds`` does.
"""

from __future__ import annotations

import datetime as dt
from html import escape

from .._html import table
from .._i18n import translations
from ..procedure import ExpectedState, Status
from ._status import MILESTONE_NAMES, deadline_text

__all__ = ["status_html"]


def status_html(status: Status, *, lang: str = "en") -> str:
    """``status`` as HTML tables in ``lang`` (``"en"`` or ``"nl"``): where it stands, the
    segments, the plan against what happened and the next deadlines, every cell escaped.

    The phases and states are their Dutch terms in both languages, as in
    :func:`~achterhoek_inkoop.exports.format_status`; the milestones are named as the
    record names them in English and as an officer says them in Dutch.

    Raises:
        InvalidInputError: ``lang`` is not ``"nl"`` or ``"en"``.

    >>> import achterhoek_inkoop as ai
    >>> html = status_html(ai.inkoop2022().status(dt.date(2022, 3, 20)), lang="en")
    >>> html.startswith("<h4>Inkoop 2022 Sociaal Domein Achterhoek")
    True
    """
    _ = translations(lang).gettext

    def since(day: dt.date | None) -> str:
        return "" if day is None else " " + _("since %(date)s") % {"date": day}

    def expected(state: ExpectedState | None) -> str | None:
        return None if state is None else _("%(state)s from %(date)s") % {
            "state": state.state.label.nl, "date": state.start}

    def milestone(name: str) -> str:
        return name if lang == "en" or name not in MILESTONE_NAMES else _(MILESTONE_NAMES[name])

    overview = [
        (_("phase"), status.phase.label.nl + since(status.phase_since)),
        (_("expected"), expected(status.expected_phase)),
        (_("dialogue allowed"), _("yes") if status.dialogue_allowed else _("no")),
    ]
    segments = [(s.segment, s.state.label.nl, s.since, s.standstill_end, s.final_award_from,
                 expected(s.expected_state)) for s in status.segments]
    heading = _("%(name)s, as known on %(date)s") % {"name": status.name, "date": status.on.isoformat()}
    return "\n".join([
        f"<h4>{escape(heading)}</h4>",
        table(["", ""], overview, _("Where it stands")),
        table([_("segment"), _("state"), _("since"), _("standstill ends"), _("final award from"),
               _("expected")], segments, _("Segments (percelen)")),
        table([_("milestone"), _("planned"), _("actual"), _("slip (days)"), _("expected")],
              [(milestone(m.milestone), m.planned, m.actual, m.slip_days, m.expected)
               for m in status.milestones],
              _("Plan against what happened (baseline %(baseline)s)") % {
                  "baseline": status.baseline or _("none")}),
        table([_("date"), "", _("what"), _("segments")],
              [(d.date, _("expected") if d.expected else "", deadline_text(d.what, lang=lang),
                ", ".join(d.subjects)) for d in status.next_deadlines],
              _("Next deadlines")),
    ])
