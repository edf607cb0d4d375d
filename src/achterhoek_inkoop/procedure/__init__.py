"""The procedure: a record with its timeline, and the questions an officer asks of it.

Owns :class:`Procedure` (queries, ``record``, ``allowed_events``,
``as_known_on``), loading and saving procedure files, the bundled procedures
(Inkoop 2022, Jeugdhulp 2026), the procedure's rich display in Jupyter, and
the :class:`Portfolio` of many procedure files, loaded in parallel.
The exports plug into its convenience methods (``to_ocds``, ``to_ics``,
``events_frame``, ...) from the layer above; the procedure never imports them.

Depends on the lifecycle, the record, the calendar and the foundation modules.
"""

from ._allowed import AllowedEvent
from ._bundled import inkoop2022, jeugdhulp2026
from ._exports import register_export
from ._files import load_procedure, procedure_from_json
from ._portfolio import LoadFailure, Portfolio, load_portfolio
from ._procedure import Procedure
from ._status import Deadline, ExpectedState, MilestoneStatus, SegmentStatus, Status

__all__ = [
    "AllowedEvent",
    "Deadline",
    "ExpectedState",
    "LoadFailure",
    "MilestoneStatus",
    "Portfolio",
    "Procedure",
    "SegmentStatus",
    "Status",
    "inkoop2022",
    "jeugdhulp2026",
    "load_portfolio",
    "load_procedure",
    "procedure_from_json",
    "register_export",
]
