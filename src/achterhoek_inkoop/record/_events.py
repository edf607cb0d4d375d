"""The dated facts of a procurement's record, as pydantic models.

Every event has a ``type`` (the discriminator, so a file of events
round-trips exactly), a date ``on``, and optionally the ``source`` it comes
from and a free ``note``. Events that concern segments name them in
``segments``; ``None`` means every segment of the procedure.
"""

from __future__ import annotations

import datetime as dt
import re
import typing
from typing import Annotated, Any, ClassVar, Literal

from pydantic import (
    BeforeValidator,
    ConfigDict,
    Field,
    TypeAdapter,
    ValidationInfo,
    WithJsonSchema,
    field_validator,
    model_validator,
)

from .._input_model import InputModel
from .._labels import Label
from .._text import Text
from ._dates import Day, not_before

__all__ = [
    "DIALOGUE_KIND_LABELS",
    "DOMAIN_LABELS",
    "EVENT_MODELS",
    "EVENT_TYPES",
    "FOLLOW_UP_LABELS",
    "STANDSTILL_EXEMPTION_LABELS",
    "Announcement",
    "Appeal",
    "AwardDecision",
    "AwardWithdrawal",
    "Cancellation",
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
    "NotaVanInlichtingen",
    "Objection",
    "Overgangsregeling",
    "Registration",
    "StandstillExemption",
    "TenderStart",
    "event_adapter",
    "smallest_event",
]

#: The three fields of the social domain a Bestuurlijk Overleg delegation must represent (``SDA 2020-11-24``).
Domain = Literal["jeugdhulp", "wmo", "beschermd_wonen"]
#: What a person reads for each domain.
DOMAIN_LABELS: dict[Domain, Label] = {
    "jeugdhulp": Label("Jeugdhulp", "youth care"),
    "wmo": Label("Wmo", "social support (Wmo 2015)"),
    "beschermd_wonen": Label("Beschermd Wonen", "sheltered housing"),
}
#: The kinds of dialogue activity with providers.
DialogueKind = Literal["gesprekstafel", "kennissessie", "bestuurlijk_overleg"]
#: What a person reads for each kind of dialogue activity.
DIALOGUE_KIND_LABELS: dict[DialogueKind, Label] = {
    "gesprekstafel": Label("Gesprekstafel", "discussion table"),
    "kennissessie": Label("Kennissessie", "knowledge session"),
    "bestuurlijk_overleg": Label("Bestuurlijk Overleg", "administrative consultation"),
}
SegmentIds = tuple[str, ...] | None
#: The form of an event's ``id``: the form of the ids of segments and plans ("award-perceel-1").
EVENT_ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
#: A wall-clock time in Europe/Amsterdam, written "16:00" or "16:00:00". The schema says so
#: itself: JSON Schema's "time" format is RFC 3339's, which demands a UTC offset.
_LOCAL_TIME = r"^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?$"


def _local_time(value: object) -> dt.time:
    """A wall-clock time without a zone: 'HH:MM', 'HH:MM:SS' or a naive ``datetime.time``."""
    # Whole seconds only: what is saved must load again ("HH:MM:SS" has no fraction).
    if isinstance(value, dt.time) and value.tzinfo is None and value.microsecond == 0:
        return value
    if isinstance(value, str) and re.fullmatch(_LOCAL_TIME, value):
        return dt.time.fromisoformat(value)
    raise ValueError(Text("must be a local time 'HH:MM' or 'HH:MM:SS' (Europe/Amsterdam, no zone)"))


LocalTime = Annotated[dt.time, BeforeValidator(_local_time), WithJsonSchema({
    "type": "string",
    "pattern": _LOCAL_TIME,
    "description": "local time in Europe/Amsterdam, HH:MM or HH:MM:SS",
})]


class _EventBase(InputModel):
    # Built on first validation, not at import: a process that reads no user's file (the
    # bundled data are read without pydantic, see procedure/_bundled.py) never builds them.
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    on: Day
    source: str | None = None
    note: str | None = None
    #: A stable name, unique in the procedure: a calendar entry keeps its UID through it when ``on`` moves.
    id: str | None = Field(default=None, pattern=EVENT_ID_PATTERN, repr=False, description=(
        "A stable identifier of the event, unique in the procedure (lowercase letters and digits, "
        "words joined by hyphens): its calendar entry keeps its UID when the date moves."))

    @model_validator(mode="after")
    def _share_fields_set(self) -> Any:
        # pydantic keeps on every instance the set of fields its input gave: hundreds of bytes,
        # the same for most events of a file. A frozen event never changes its set (model_copy
        # copies it), so events with equal sets share one: a third of a loaded file's memory.
        object.__setattr__(self, "__pydantic_fields_set__", shared_fields_set(self.__pydantic_fields_set__))
        return self


#: The sets of fields given, one of each (:func:`shared_fields_set`); bounded.
_FIELDS_SETS: dict[frozenset[str], set[str]] = {}
_FIELDS_SETS_KEPT = 4096


def shared_fields_set(fields: set[str]) -> set[str]:
    """The one set equal to ``fields`` that events given those fields share (``fields`` itself
    once as many sets as are kept are known)."""
    if len(_FIELDS_SETS) < _FIELDS_SETS_KEPT:
        return _FIELDS_SETS.setdefault(frozenset(fields), fields)
    return fields


class _SegmentEvent(_EventBase):
    segments: SegmentIds = Field(default=None, min_length=1)


class DialogueActivity(_SegmentEvent):
    """A Gesprekstafel, kennissessie or Bestuurlijk Overleg with providers.

    Allowed only while no segment it concerns is in the tender or in an award
    that is not yet final (invitation of 24-11-2020, ``SDA 2020-11-24``: no dialogue
    during the tender; equal treatment and transparency).
    """

    type: Literal["dialogue_activity"] = "dialogue_activity"
    label: ClassVar[Label] = Label("dialoogactiviteit", "dialogue activity")
    kind: DialogueKind
    title: str | None = None
    start_time: LocalTime | None = None
    end_time: LocalTime | None = None

    @field_validator("end_time")
    @classmethod
    def _ends_after_it_starts(cls, end: dt.time | None, info: ValidationInfo) -> dt.time | None:
        start = info.data.get("start_time")
        if start is not None and end is not None and end <= start:
            raise ValueError(Text("is not after the start time %(start)s", start=start.isoformat()))
        return end


class Registration(_EventBase):
    """A provider delegation's registration for a Bestuurlijk Overleg (invitation of 24-11-2020)."""

    type: Literal["registration"] = "registration"
    label: ClassVar[Label] = Label("aanmelding", "registration")
    organisation: str = Field(min_length=1)
    delegation_size: int = Field(ge=1)
    domains: tuple[Domain, ...] = Field(min_length=1)
    meeting: Day | None = None


class TenderStart(_SegmentEvent):
    """The start of the tender (aanbesteding) for its segments; no dialogue from this day.

    ``on`` is the day the notice was sent. ``deadline`` is the time limit for
    receipt of tenders (eForms BT-131), ``requests_deadline`` the one for
    requests to participate (BT-1311); the procedure's rulebook gives the
    minimum each must respect, shortened with ``electronic_submission``,
    lengthened without ``free_access`` to the documents (``None``: the notice
    does not say; judged both ways), shortened when ``accelerated`` or after a
    ``prior_information_notice`` (BT-125), but only where the record says so.
    """

    type: Literal["tender_start"] = "tender_start"
    label: ClassVar[Label] = Label("start aanbesteding", "tender start")
    procedure: str | None = None
    deadline: Day | None = None
    requests_deadline: Day | None = None
    electronic_submission: bool | None = None
    free_access: bool | None = None
    accelerated: bool | None = None
    prior_information_notice: bool | None = None

    @model_validator(mode="after")
    def _deadlines_after_the_notice(self) -> TenderStart:
        for name in ("deadline", "requests_deadline"):
            day = getattr(self, name)
            if day is not None and day < self.on:
                raise ValueError(Text("%(name)s %(day)s is before the notice of %(on)s", name=name,
                                      day=day.isoformat(), on=self.on.isoformat()))
        return self


class NotaVanInlichtingen(_SegmentEvent):
    """Written questions answered to all tenderers: the only communication in a tender."""

    type: Literal["nota_van_inlichtingen"] = "nota_van_inlichtingen"
    label: ClassVar[Label] = Label("Nota van Inlichtingen", "written answers to all tenderers")
    number: int | None = Field(default=None, ge=1)


#: What follows an award decision that did not award (Dutch terms, as the decisions name them).
FollowUp = Literal["verkort_proces", "nader_onderzoek", "heraanbesteding"]
#: What a person reads for each follow-up.
FOLLOW_UP_LABELS: dict[FollowUp, Label] = {
    "verkort_proces": Label("verkort proces", "a new shortened procedure follows"),
    "nader_onderzoek": Label("nader onderzoek", "the authorities investigate how best to procure it"),
    "heraanbesteding": Label("heraanbesteding", "a new tender follows"),
}


def _renamed_follow_up(value: object) -> object:
    """Refuse the follow-up value of version 0.1 by its new name, rather than change it unseen."""
    if value == "new_tender":
        raise ValueError(Text("'new_tender' is now called 'heraanbesteding' (a new tender); change the file"))
    return value


#: The grounds of Aw 2012 art. 2.127 lid 4 on which no standstill is needed: no electronic
#: publication of the notice was required; the only tenderer concerned is the winner and there
#: are no candidates concerned; a contract under a framework agreement; one under a dynamic
#: purchasing system.
StandstillExemption = Literal[
    "no_electronic_publication", "single_tenderer", "framework_call_off", "dynamic_purchasing_system"]
#: What a person reads for each ground.
STANDSTILL_EXEMPTION_LABELS: dict[StandstillExemption, Label] = {
    "no_electronic_publication": Label("geen elektronische aankondiging vereist",
                                       "no electronic publication of the notice was required"),
    "single_tenderer": Label("enige betrokken inschrijver",
                             "the only tenderer concerned is the winner, and no candidates are concerned"),
    "framework_call_off": Label("raamovereenkomst", "a contract under a framework agreement"),
    "dynamic_purchasing_system": Label("dynamisch aankoopsysteem",
                                       "a contract under a dynamic purchasing system"),
}


class AwardDecision(_SegmentEvent):
    """The award decision (gunningsbeslissing) sent on ``on`` for its segments.

    ``outcome="awarded"`` is a provisional award (voorlopige gunning): the
    Alcatel standstill starts the next day and lasts the procedure's
    standstill, or the longer ``standstill_days`` the tender documents set for
    this decision; with a ``standstill_exemption`` (Aw 2012 art. 2.127 lid 4)
    there is none and the award may become final at once. A new decision while
    an earlier one is not yet final corrects it: the earlier standstill no
    longer counts. ``"not_awarded"`` names the ``follow_up``: a
    ``verkort_proces`` (shortened procedure) or a ``heraanbesteding`` (new
    tender) follows, ``nader_onderzoek`` while the authority investigates.
    """

    type: Literal["award_decision"] = "award_decision"
    label: ClassVar[Label] = Label("gunningsbeslissing", "award decision")
    outcome: Literal["awarded", "not_awarded"]
    providers: int | None = Field(default=None, ge=0)
    follow_up: Annotated[FollowUp | None, BeforeValidator(_renamed_follow_up)] = None
    standstill_days: int | None = Field(default=None, ge=1)
    standstill_exemption: StandstillExemption | None = None
    sent_electronically: bool | None = None
    reason: str | None = None

    @model_validator(mode="after")
    def _fields_of_its_outcome(self) -> AwardDecision:
        if self.outcome == "awarded" and self.follow_up is not None:
            raise ValueError(Text("follow_up is only for outcome 'not_awarded'"))
        if self.outcome == "not_awarded" and (self.standstill_days or self.standstill_exemption):
            raise ValueError(Text("standstill_days and standstill_exemption are only for outcome 'awarded'"))
        if self.standstill_days is not None and self.standstill_exemption is not None:
            raise ValueError(Text("a decision has a standstill of standstill_days or an exemption, not both"))
        return self


class AwardWithdrawal(_SegmentEvent):
    """The withdrawal (intrekking) of the award decision for its segments: back to assessment.

    Authorities withdraw a decision after an objection or a ruling; a new
    award decision, with a standstill of its own, follows.
    """

    type: Literal["award_withdrawal"] = "award_withdrawal"
    label: ClassVar[Label] = Label("intrekking gunningsbeslissing", "withdrawal of the award decision")
    reason: str | None = None


class Cancellation(_SegmentEvent):
    """The cancellation (intrekking or staking) of the tender for its segments: their course ends."""

    type: Literal["cancellation"] = "cancellation"
    label: ClassVar[Label] = Label("intrekking aanbesteding", "cancellation of the tender")
    reason: str | None = None


class Objection(_SegmentEvent):
    """An objection (bezwaar) by a tenderer against the award decision."""

    type: Literal["objection"] = "objection"
    label: ClassVar[Label] = Label("bezwaar", "objection")
    by: str | None = None


class KortGeding(_SegmentEvent):
    """Summary proceedings started by ``by`` (a tenderer), ``case`` its case number if known.

    Started in the standstill, it suspends the final award until the court has
    ruled; several tenderers may each start one. Started later, or against a
    decision not to award or a cancellation, it suspends nothing. ``hearing``
    is the day of the court's hearing (zitting), once the court has set it.
    """

    type: Literal["kort_geding"] = "kort_geding"
    label: ClassVar[Label] = Label("kort geding", "summary proceedings")
    by: str | None = None
    case: str | None = None
    hearing: Day | None = None

    @model_validator(mode="after")
    def _hearing_after_the_summons(self) -> KortGeding:
        if self.hearing is not None and self.hearing < self.on:
            raise ValueError(Text("hearing %(hearing)s is before the kort geding of %(on)s",
                                  hearing=self.hearing.isoformat(), on=self.on.isoformat()))
        return self


class KortGedingRuling(_SegmentEvent):
    """The court's ruling on a kort geding about its segments: the one of ``case``, else of ``by``,
    else the earliest pending.

    ``rejected``: the award may proceed; ``upheld``: the award decision must be
    reconsidered (a new award decision follows).
    """

    type: Literal["kort_geding_ruling"] = "kort_geding_ruling"
    label: ClassVar[Label] = Label("vonnis in kort geding", "ruling in summary proceedings")
    outcome: Literal["rejected", "upheld"]
    by: str | None = None
    case: str | None = None
    ecli: str | None = None


class Appeal(_SegmentEvent):
    """An appeal (hoger beroep) against a ruling in kort geding; it suspends nothing."""

    type: Literal["appeal"] = "appeal"
    label: ClassVar[Label] = Label("hoger beroep", "appeal against a ruling")
    by: str | None = None
    case: str | None = None
    ecli: str | None = None


class FinalAward(_SegmentEvent):
    """The final award (definitieve gunning): the contract may be concluded."""

    type: Literal["final_award"] = "final_award"
    label: ClassVar[Label] = Label("definitieve gunning", "final award")


class FollowUpResult(_SegmentEvent):
    """The result of a follow-up procedure run outside this record (its own
    award and standstill are not recorded here, so they are not checked)."""

    type: Literal["follow_up_result"] = "follow_up_result"
    label: ClassVar[Label] = Label("resultaat vervolgprocedure", "follow-up result")
    outcome: Literal["awarded", "not_awarded"]
    providers: int | None = Field(default=None, ge=0)
    procedure: str | None = None


class Contract(_SegmentEvent):
    """Contracts for the segments, in force from ``on`` (their start).

    ``initial_end`` is the last day of the initial period, ``max_end`` the last
    day with every extension; the procedure's maximum duration applies. Dates out
    of order are reported by the rule ``volgorde`` (``check``), not refused: a
    notice's contract may say so, and its import must still load.
    """

    type: Literal["contract"] = "contract"
    label: ClassVar[Label] = Label("contract", "contract start")
    initial_end: Day
    max_end: Day
    providers: int | None = Field(default=None, ge=0)
    municipalities: tuple[str, ...] | None = Field(default=None, min_length=1)


class ContractExtension(_SegmentEvent):
    """A decision on extending the contracts: to ``extended_to``, or not at all (``None``)."""

    type: Literal["contract_extension"] = "contract_extension"
    label: ClassVar[Label] = Label("verlenging", "contract extension")
    extended_to: Day | None = None


class Overgangsregeling(_EventBase):
    """The transitional arrangement for clients who change provider, decided on ``on``."""

    type: Literal["overgangsregeling"] = "overgangsregeling"
    label: ClassVar[Label] = Label("overgangsregeling", "transitional arrangement")
    start: Day
    end: Day

    _ends = field_validator("end")(not_before("start"))


class ClientTransfer(_SegmentEvent):
    """Clients transferred to a new provider under the overgangsregeling."""

    type: Literal["client_transfer"] = "client_transfer"
    label: ClassVar[Label] = Label("overdracht cliënten", "client transfer")
    clients: int | None = Field(default=None, ge=0)
    completed: bool = False
    municipalities: tuple[str, ...] | None = Field(default=None, min_length=1)


class Announcement(_SegmentEvent):
    """A dated publication or decision that changes no state (an invitation, a selection result)."""

    type: Literal["announcement"] = "announcement"
    label: ClassVar[Label] = Label("bekendmaking", "announcement")
    title: str = Field(min_length=1)


Event = Annotated[
    DialogueActivity
    | Registration
    | TenderStart
    | NotaVanInlichtingen
    | AwardDecision
    | AwardWithdrawal
    | Cancellation
    | Objection
    | KortGeding
    | KortGedingRuling
    | Appeal
    | FinalAward
    | FollowUpResult
    | Contract
    | ContractExtension
    | Overgangsregeling
    | ClientTransfer
    | Announcement,
    Field(discriminator="type"),
]

#: The model of every event type, in the order of the union.
EVENT_MODELS: dict[str, Any] = {
    member.model_fields["type"].default: member
    for member in Event.__origin__.__args__  # type: ignore[attr-defined]
}
#: The ``type`` of every event.
EVENT_TYPES: frozenset[str] = frozenset(EVENT_MODELS)

#: The dates an event may set as a time limit for others: left out of the smallest event.
_TIME_LIMITS = frozenset({"deadline", "requests_deadline"})


def smallest_event(event_type: str, on: dt.date, segments: tuple[str, ...], **fields: object) -> Event:
    """The event of ``event_type`` on ``on`` about ``segments`` with ``fields``, and little else.

    Every date it takes is ``on`` but the time limits a notice may set (a
    tender start's deadlines: the smallest notice sets none), a required
    choice is its first option and a required text is the event's English
    label: the event a tool would record to ask "may this happen here on this day".

    >>> smallest_event("contract", dt.date(2022, 7, 1), ("a",)).max_end
    datetime.date(2022, 7, 1)
    """
    model = EVENT_MODELS[event_type]
    values: dict[str, object] = {"on": on, **fields}
    if "segments" in model.model_fields:
        values["segments"] = segments
    for name, info in model.model_fields.items():
        if name in values or name == "type":
            continue
        kinds = typing.get_args(info.annotation) or (info.annotation,)
        if (dt.date in kinds or Day in kinds) and name not in _TIME_LIMITS:
            values[name] = on
        elif info.is_required() and typing.get_origin(info.annotation) is Literal:
            values[name] = typing.get_args(info.annotation)[0]
        elif info.is_required() and info.annotation is str:
            values[name] = model.label.en
    return event_adapter.validate_python({"type": event_type, **values})


#: Validates one event from JSON data (``event_adapter.validate_python({...})``); built on first use.
event_adapter: TypeAdapter[Event] = TypeAdapter(Event, config=ConfigDict(defer_build=True))
