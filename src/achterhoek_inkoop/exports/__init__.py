"""What a procedure looks like to other tools and people.

Owns the exports: OCDS release packages, iCalendar files, pandas DataFrames,
the timeline plot and the status an officer reads. Each export uses only the
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
from ._ocds import ocds_json, procedure_to_ocds, write_ocds
from ._plot import plot_timeline, write_timeline_png
from ._status import deadlines, format_status, status

# The procedure's convenience methods (proc.to_ocds(on), ...) call these.
register_export("ocds", procedure_to_ocds)
register_export("ics", procedure_to_ics)
register_export("events_frame", events_frame)
register_export("phases_frame", phases_frame)
register_export("plot_timeline", plot_timeline)

__all__ = [
    "deadlines",
    "events_frame",
    "format_status",
    "ocds_json",
    "phases_frame",
    "plot_timeline",
    "procedure_to_ics",
    "procedure_to_ocds",
    "status",
    "write_ics",
    "write_ocds",
    "write_timeline_png",
]
