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

from ._exceptions import (
    DataFileError,
    InkoopError,
    InvalidInputError,
    MissingExtraError,
    OutOfRangeError,
)
from .calendar._holidays import Calendar, Holiday, holidays_in, is_holiday
from .calendar._periods import Extension, Period, statutory_period
from .calendar._standstill import ALCATEL_DAYS, StandstillPeriod, standstill_period
from .lifecycle._machine import Phase, SegmentState, mermaid_diagram
from .lifecycle._rules import RULES, Rule, RuleViolation, Violation, Violations
from .procedure._bundled import inkoop2022
from .procedure._procedure import Procedure, load_procedure
from .record._events import (
    Announcement,
    AwardDecision,
    ClientTransfer,
    Contract,
    ContractExtension,
    DialogueActivity,
    Event,
    FinalAward,
    FollowUpResult,
    KortGeding,
    KortGedingRuling,
    NotaVanInlichtingen,
    Objection,
    Overgangsregeling,
    Registration,
    TenderStart,
)
from .record._model import (
    BestuurlijkOverlegSettings,
    Municipality,
    Plan,
    ProcedureData,
    Segment,
)
from .record._template import procedure_schema, procedure_template

__all__ = [
    "ALCATEL_DAYS",
    "RULES",
    "Announcement",
    "AwardDecision",
    "BestuurlijkOverlegSettings",
    "Calendar",
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
    "StandstillPeriod",
    "TenderStart",
    "Violation",
    "Violations",
    "holidays_in",
    "inkoop2022",
    "is_holiday",
    "load_procedure",
    "mermaid_diagram",
    "procedure_schema",
    "procedure_template",
    "standstill_period",
    "statutory_period",
]

__version__ = "0.1.0"
