"""The record of a procurement: its events, the procedure model, files, template and schema.

Owns what a procedure file holds and how it is validated: the dated events
(a discriminated union on ``type``), segments, municipalities, plans and
settings, the template a new file starts from and the JSON Schema editors
use. The record carries no behaviour beyond its own consistency: the
lifecycle reads it.

Depends on the calendar and the foundation modules.
"""

from ._events import (
    EVENT_TYPES,
    Announcement,
    AwardDecision,
    ClientTransfer,
    Contract,
    ContractExtension,
    DialogueActivity,
    Domain,
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
    event_adapter,
)
from ._model import (
    MILESTONES,
    BestuurlijkOverlegSettings,
    Milestone,
    Municipality,
    Plan,
    ProcedureData,
    Segment,
    event_reference_problems,
    reference_problems,
)
from ._template import procedure_schema, procedure_template, schema_text

__all__ = [
    "EVENT_TYPES",
    "MILESTONES",
    "Announcement",
    "AwardDecision",
    "BestuurlijkOverlegSettings",
    "ClientTransfer",
    "Contract",
    "ContractExtension",
    "DialogueActivity",
    "Domain",
    "Event",
    "FinalAward",
    "FollowUpResult",
    "KortGeding",
    "KortGedingRuling",
    "Milestone",
    "Municipality",
    "NotaVanInlichtingen",
    "Objection",
    "Overgangsregeling",
    "Plan",
    "ProcedureData",
    "Registration",
    "Segment",
    "TenderStart",
    "event_adapter",
    "event_reference_problems",
    "procedure_schema",
    "procedure_template",
    "reference_problems",
    "schema_text",
]
