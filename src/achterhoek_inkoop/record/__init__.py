"""The record of a procurement: its events, the procedure model, files, template and schema.

Owns what a procedure file holds and how it is validated: the dated events
(a discriminated union on ``type``), segments, municipalities, plans and
settings, the template a new file starts from and the JSON Schema editors
use. The record carries no behaviour beyond its own consistency: the
lifecycle reads it.

Depends on the calendar and the foundation modules.
"""

from ._events import (
    DIALOGUE_KIND_LABELS,
    DOMAIN_LABELS,
    EVENT_MODELS,
    EVENT_TYPES,
    FOLLOW_UP_LABELS,
    Announcement,
    AwardDecision,
    ClientTransfer,
    Contract,
    ContractExtension,
    DialogueActivity,
    DialogueKind,
    Domain,
    Event,
    FinalAward,
    FollowUp,
    FollowUpResult,
    KortGeding,
    KortGedingRuling,
    NotaVanInlichtingen,
    Objection,
    Overgangsregeling,
    Registration,
    TenderStart,
    event_adapter,
    smallest_event,
)
from ._model import (
    MILESTONE_EVENTS,
    MILESTONES,
    BestuurlijkOverlegSettings,
    Milestone,
    Municipality,
    Plan,
    ProcedureData,
    Segment,
    event_reference_problems,
    procedure_data_from_json,
    reference_problems,
)
from ._template import procedure_schema, procedure_template, schema_text

__all__ = [
    "DIALOGUE_KIND_LABELS",
    "DOMAIN_LABELS",
    "EVENT_MODELS",
    "EVENT_TYPES",
    "FOLLOW_UP_LABELS",
    "MILESTONES",
    "MILESTONE_EVENTS",
    "Announcement",
    "AwardDecision",
    "BestuurlijkOverlegSettings",
    "ClientTransfer",
    "Contract",
    "ContractExtension",
    "DialogueActivity",
    "DialogueKind",
    "Domain",
    "Event",
    "FinalAward",
    "FollowUp",
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
    "procedure_data_from_json",
    "procedure_schema",
    "procedure_template",
    "reference_problems",
    "schema_text",
    "smallest_event",
]
