"""achterhoek_inkoop: where a public procurement stands on any date, what is
allowed in it, and when each legal deadline falls.

The public API is exactly what ``__all__`` lists; the ``_``-modules behind it
may change.

>>> from datetime import date
>>> import achterhoek_inkoop as ai
>>> ai.standstill_period(date(2022, 3, 14)).final_from
datetime.date(2022, 4, 5)
>>> ai.inkoop2022().phase_on(date(2021, 5, 1))
<Phase.AANBESTEDING: 'aanbesteding'>
"""

from . import exports  # noqa: F401 (registers the exports behind Procedure.to_ocds, to_ics, events_frame, ...)
from ._exceptions import (
    DataFileError,
    InkoopError,
    InvalidInputError,
    MissingExtraError,
    OutOfRangeError,
)
from ._labels import Label
from ._sources import Source, check_citation, sources
from .calendar import (
    ALCATEL_DAYS,
    Calendar,
    Extension,
    Holiday,
    Period,
    StandstillPeriod,
    holidays_in,
    is_holiday,
    standstill_period,
    statutory_period,
)
from .lifecycle import (
    RULES,
    Phase,
    Rule,
    RuleViolation,
    SegmentState,
    Violation,
    Violations,
    mermaid_diagram,
)
from .procedure import AllowedEvent, Procedure, inkoop2022, jeugdhulp2026, load_procedure
from .record import (
    Announcement,
    Appeal,
    AwardDecision,
    AwardWithdrawal,
    BestuurlijkOverlegSettings,
    Cancellation,
    ClientTransfer,
    Contract,
    ContractExtension,
    DialogueActivity,
    Event,
    FinalAward,
    FollowUpResult,
    KortGeding,
    KortGedingRuling,
    Municipality,
    NotaVanInlichtingen,
    Objection,
    Overgangsregeling,
    Plan,
    ProcedureData,
    Registration,
    Segment,
    TenderStart,
    procedure_schema,
    procedure_template,
)

__all__ = [
    "ALCATEL_DAYS",
    "RULES",
    "AllowedEvent",
    "Announcement",
    "Appeal",
    "AwardDecision",
    "AwardWithdrawal",
    "BestuurlijkOverlegSettings",
    "Calendar",
    "Cancellation",
    "ClientTransfer",
    "Contract",
    "ContractExtension",
    "DataFileError",
    "DialogueActivity",
    "Event",
    "Extension",
    "FinalAward",
    "FollowUpResult",
    "Holiday",
    "InkoopError",
    "InvalidInputError",
    "KortGeding",
    "KortGedingRuling",
    "Label",
    "MissingExtraError",
    "Municipality",
    "NotaVanInlichtingen",
    "Objection",
    "OutOfRangeError",
    "Overgangsregeling",
    "Period",
    "Phase",
    "Plan",
    "Procedure",
    "ProcedureData",
    "Registration",
    "Rule",
    "RuleViolation",
    "Segment",
    "SegmentState",
    "Source",
    "StandstillPeriod",
    "TenderStart",
    "Violation",
    "Violations",
    "check_citation",
    "holidays_in",
    "inkoop2022",
    "is_holiday",
    "jeugdhulp2026",
    "load_procedure",
    "mermaid_diagram",
    "procedure_schema",
    "procedure_template",
    "sources",
    "standstill_period",
    "statutory_period",
]

__version__ = "0.1.0"
