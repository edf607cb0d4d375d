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
    EformsError,
    InkoopError,
    InvalidInputError,
    MissingExtraError,
    OutOfRangeError,
)
from ._labels import Label
from ._sources import Source, check_citation, sources
from .calendar import (
    ALCATEL_DAYS,
    RULEBOOKS,
    Calendar,
    DeadlineJudgement,
    Extension,
    Holiday,
    MinimumPeriod,
    Period,
    ProcedureType,
    Rulebook,
    StandstillPeriod,
    holidays_in,
    is_holiday,
    minimum_period,
    rulebook,
    rulebook_names,
    standstill_period,
    statutory_period,
)
from .eforms import from_eforms
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
    "RULEBOOKS",
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
    "DeadlineJudgement",
    "DialogueActivity",
    "EformsError",
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
    "MinimumPeriod",
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
    "ProcedureType",
    "Registration",
    "Rule",
    "RuleViolation",
    "Rulebook",
    "Segment",
    "SegmentState",
    "Source",
    "StandstillPeriod",
    "TenderStart",
    "Violation",
    "Violations",
    "check_citation",
    "from_eforms",
    "holidays_in",
    "inkoop2022",
    "is_holiday",
    "jeugdhulp2026",
    "load_procedure",
    "mermaid_diagram",
    "minimum_period",
    "procedure_schema",
    "procedure_template",
    "rulebook",
    "rulebook_names",
    "sources",
    "standstill_period",
    "statutory_period",
]

__version__ = "0.1.0"
