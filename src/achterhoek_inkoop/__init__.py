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

import typing

from ._lazy import lazy_door as _lazy_door

if typing.TYPE_CHECKING:
    from ._exceptions import (
        ConflictError,
        DataFileError,
        EformsError,
        FileRefusedError,
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
    from .procedure import (
        AllowedEvent,
        Deadline,
        ExpectedState,
        LoadFailure,
        MilestoneStatus,
        Portfolio,
        Procedure,
        SegmentStatus,
        Status,
        inkoop2022,
        jeugdhulp2026,
        load_portfolio,
        load_procedure,
    )
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
    "ConflictError",
    "Contract",
    "ContractExtension",
    "DataFileError",
    "Deadline",
    "DeadlineJudgement",
    "DialogueActivity",
    "EformsError",
    "Event",
    "ExpectedState",
    "Extension",
    "FileRefusedError",
    "FinalAward",
    "FollowUpResult",
    "Holiday",
    "InkoopError",
    "InvalidInputError",
    "KortGeding",
    "KortGedingRuling",
    "Label",
    "LoadFailure",
    "MilestoneStatus",
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
    "Portfolio",
    "Procedure",
    "ProcedureData",
    "ProcedureType",
    "Registration",
    "Rule",
    "RuleViolation",
    "Rulebook",
    "Segment",
    "SegmentState",
    "SegmentStatus",
    "Source",
    "StandstillPeriod",
    "Status",
    "TenderStart",
    "Violation",
    "Violations",
    "check_citation",
    "from_eforms",
    "holidays_in",
    "inkoop2022",
    "is_holiday",
    "jeugdhulp2026",
    "load_portfolio",
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

#: Where each public name lives. ``import achterhoek_inkoop`` imports none of them: each is imported
#: when first used, so a command line that computes a deadline never imports pydantic or
#: ``transitions`` (see ``achterhoek_inkoop._lazy``). The exports register themselves behind
#: ``Procedure.to_ocds`` and the like when a procedure first calls one.
_HOMES = {
    "._exceptions": ("ConflictError", "DataFileError", "EformsError", "FileRefusedError", "InkoopError",
                     "InvalidInputError", "MissingExtraError", "OutOfRangeError"),
    "._labels": ("Label",),
    "._sources": ("Source", "check_citation", "sources"),
    ".calendar": ("ALCATEL_DAYS", "RULEBOOKS", "Calendar", "DeadlineJudgement", "Extension", "Holiday",
                  "MinimumPeriod", "Period", "ProcedureType", "Rulebook", "StandstillPeriod", "holidays_in",
                  "is_holiday", "minimum_period", "rulebook", "rulebook_names", "standstill_period",
                  "statutory_period"),
    ".eforms": ("from_eforms",),
    ".lifecycle": ("RULES", "Phase", "Rule", "RuleViolation", "SegmentState", "Violation", "Violations",
                   "mermaid_diagram"),
    ".procedure": ("AllowedEvent", "Deadline", "ExpectedState", "LoadFailure", "MilestoneStatus", "Portfolio",
                   "Procedure", "SegmentStatus", "Status", "inkoop2022", "jeugdhulp2026", "load_portfolio",
                   "load_procedure"),
    ".record": ("Announcement", "Appeal", "AwardDecision", "AwardWithdrawal", "BestuurlijkOverlegSettings",
                "Cancellation", "ClientTransfer", "Contract", "ContractExtension", "DialogueActivity",
                "Event", "FinalAward", "FollowUpResult", "KortGeding", "KortGedingRuling", "Municipality",
                "NotaVanInlichtingen", "Objection", "Overgangsregeling", "Plan", "ProcedureData",
                "Registration", "Segment", "TenderStart", "procedure_schema", "procedure_template"),
}
__getattr__, __dir__ = _lazy_door(__name__, _HOMES, __all__)
