"""What a procedure looks like to other tools and people.

Owns the exports: OCDS release packages, iCalendar files, pandas DataFrames,
the timeline plot, the status an officer reads and the report page (HTML,
Dutch or English, the ``report`` extra). Each export uses only the
public API of the layers below and imports its third-party library
(icalendar, pandas, matplotlib) only when it is used, so the core install
needs none of them; without its extra an export raises
:class:`~achterhoek_inkoop.MissingExtraError` naming the extra.

A view of a date (``on``) shows the procedure as known at the end of that
day (``Procedure.as_known_on``): nothing recorded later appears as fact, and
what the record then implies for later days is labelled expected
(``_known``).

Depends on the procedure and everything below it.
"""

from ..procedure import register_export
from ._frames import events_frame, phases_frame
from ._ics import procedure_to_ics, write_ics
from ._ocds import ocds_json, ocds_warnings, procedure_to_ocds, write_ocds
from ._plot import plot_timeline, timeline_picture, write_timeline, write_timeline_png
from ._portfolio import portfolio_deadlines, portfolio_frame, portfolio_rows
from ._report import report_html, write_report
from ._status import deadlines, format_status, next_deadlines, procedure_status, status
from ._status_html import status_html

# The procedure's convenience methods (proc.to_ocds(on), ...) call these.
register_export("ocds", procedure_to_ocds)
register_export("ics", procedure_to_ics)
register_export("events_frame", events_frame)
register_export("phases_frame", phases_frame)
register_export("plot_timeline", plot_timeline)
register_export("report_html", report_html)
register_export("status", procedure_status)
register_export("portfolio_frame", portfolio_frame)  # Portfolio.on (its first argument is the portfolio)
register_export("portfolio_deadlines", portfolio_deadlines)  # Portfolio.deadlines, per procedure
register_export("deadlines", next_deadlines)
register_export("status_html", status_html)  # Status.to_html (its first argument is the status)

__all__ = [
    "deadlines",
    "events_frame",
    "format_status",
    "next_deadlines",
    "ocds_json",
    "ocds_warnings",
    "phases_frame",
    "plot_timeline",
    "portfolio_deadlines",
    "portfolio_frame",
    "portfolio_rows",
    "procedure_status",
    "procedure_to_ics",
    "procedure_to_ocds",
    "report_html",
    "status",
    "timeline_picture",
    "write_ics",
    "write_ocds",
    "write_report",
    "write_timeline",
    "write_timeline_png",
]
