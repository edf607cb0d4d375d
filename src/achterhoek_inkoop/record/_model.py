"""The data of a procurement: segments, municipalities, plans, settings and events.

This is what a procedure file holds, validated by pydantic. It carries no
behaviour beyond its own consistency; the state machine and the rules read it.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterator
from typing import ClassVar, Literal

from pydantic import ConfigDict, Field, field_validator

from .._exceptions import DataFileError
from .._files import parse_model
from .._input_model import InputModel
from .._text import Text
from ..calendar import RULEBOOKS, ProcedureType
from ._dates import Day
from ._events import EVENT_TYPES, Domain, Event

__all__ = [
    "MILESTONES",
    "MILESTONE_EVENTS",
    "BestuurlijkOverlegSettings",
    "Milestone",
    "Municipality",
    "OcdsSettings",
    "Plan",
    "ProcedureData",
    "Segment",
    "event_reference_problems",
    "procedure_data_from_json",
    "reference_problems",
]

Slug = str
_SLUG = r"^[a-z0-9]+(-[a-z0-9]+)*$"

Milestone = Literal["aanbesteding", "gunning", "contract_start"]
#: Milestones whose slip can be measured, and the event type whose first
#: occurrence is the milestone: the first tender start, the first award
#: decision, the first contract start.
MILESTONE_EVENTS: dict[Milestone, str] = {
    "aanbesteding": "tender_start",
    "gunning": "award_decision",
    "contract_start": "contract",
}
MILESTONES: tuple[Milestone, ...] = tuple(MILESTONE_EVENTS)


class _Strict(InputModel):
    # Built on first validation, not at import (as the events: ``_events._EventBase``).
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)
    #: A constructor's error names an event's place without its type tag (``events[0].on``).
    _place_tags: ClassVar[frozenset[str]] = EVENT_TYPES


class Segment(_Strict):
    """A segment (perceel) of the procurement, tendered and awarded on its own."""

    id: Slug = Field(pattern=_SLUG)
    name: str = Field(min_length=1)
    #: The social domains it covers; empty where none is known (a segment read from a notice).
    domains: tuple[Domain, ...] = ()
    source: str | None = None


class Municipality(_Strict):
    """A municipality taking part, and the segments it joined (``None``: all)."""

    id: Slug = Field(pattern=_SLUG)
    name: str = Field(min_length=1)
    segments: tuple[Slug, ...] | None = Field(default=None, min_length=1)
    source: str | None = None


class Plan(_Strict):
    """A plan of milestones, published on ``published``; a revision lists only what it changed."""

    id: Slug = Field(pattern=_SLUG)
    published: Day
    reason: str = Field(min_length=1)
    source: str | None = None
    #: In the order of :data:`MILESTONES`: a tender, then its award, then the contracts start.
    milestones: dict[Milestone, Day] = Field(min_length=1)

    @field_validator("milestones")
    @classmethod
    def _in_order(cls, milestones: dict[Milestone, dt.date]) -> dict[Milestone, dt.date]:
        given = [(name, milestones[name]) for name in MILESTONES if name in milestones]
        for (first, start), (then, day) in itertools.pairwise(given):
            if day < start:
                raise ValueError(Text("%(then)s %(day)s is before %(first)s %(start)s", then=then,
                                      day=day.isoformat(), first=first, start=start.isoformat()))
        return milestones


class BestuurlijkOverlegSettings(_Strict):
    """How registrations for a Bestuurlijk Overleg are judged (invitation of 24-11-2020).

    ``max_delegation_size`` is the most members the delegations registered for
    one meeting may add up to ("more than 300 providers would not be workable"
    is about the meeting as a whole); a registration without a ``meeting`` date
    counts for every meeting.
    """

    registration_deadline: Day | None = None
    max_delegation_size: int | None = Field(
        default=None, ge=1,
        description="The most members the delegations registered for one Bestuurlijk Overleg may "
                    "add up to (a registration without a meeting date counts for every meeting); "
                    "more is a warning (rule delegatie-omvang). The name is kept for existing files.")
    required_domains: tuple[Domain, ...] = ("jeugdhulp", "wmo", "beschermd_wonen")
    source: str | None = None


class OcdsSettings(_Strict):
    """Who publishes the procedure's OCDS export, and under which identifiers.

    Each is optional: what is missing stays a placeholder (``ocds-xxxxxx-``,
    an ``example.org`` address), and the export says so. The options of
    ``Procedure.to_ocds`` and ``achterhoek-inkoop ocds`` take precedence.
    """

    #: The prefix the Open Contracting Partnership registered for the publisher (``ocds-`` +
    #: six letters or digits + ``-``); the ``ocid`` is it + the procedure id.
    ocid_prefix: str | None = Field(default=None, pattern=r"^ocds-[a-z0-9]{6}-$")
    #: The publisher's name, as the package's ``publisher``.
    publisher: str | None = Field(default=None, min_length=1)
    #: The package's ``uri``: an http(s) address where ``{id}`` and ``{on}`` stand for the
    #: procedure id and the date of the package.
    uri: str | None = Field(default=None, pattern=r"^https?://[^\s/]+(/\S*)?$")
    #: The lead buyer (penvoerder): a municipality id, or the name of another organisation
    #: that buys for the municipalities. Without it, no single buyer is named.
    buyer: str | None = Field(default=None, min_length=1)


class ProcedureData(_Strict):
    """Everything a procedure file holds."""

    # ``$schema`` in the file, for editors; ``schema_url`` in Python (either name is accepted).
    model_config = ConfigDict(validate_by_name=True, validate_by_alias=True)
    #: Where editors find the file's JSON Schema (``achterhoek-inkoop new`` writes one beside it).
    schema_url: str | None = Field(
        default=None, alias="$schema", exclude_if=lambda url: url is None,
        description="The JSON Schema editors check this file with, e.g. procedure.schema.json "
                    "beside it; the library does not read it.")
    schema_version: Literal[1] = 1
    #: How often the file was saved (absent: 0): ``Procedure.save`` writes one more than the file it
    #: replaces, and refuses when the file changed since it was read (see ``ConflictError``).
    revision: int = Field(
        default=0, ge=0, exclude_if=lambda revision: revision == 0,
        description="How often this file was saved (absent: 0). Each save writes one more than the "
                    "file it replaces; a save refuses a file whose revision or text changed since it "
                    "was read. Leave it as it is when you edit the file by hand.")
    id: Slug = Field(pattern=_SLUG)
    name: str = Field(min_length=1)
    segments: tuple[Segment, ...] = Field(min_length=1)
    municipalities: tuple[Municipality, ...] = ()
    #: The procedure type (its minimum periods come from the rulebook); ``None``: not declared.
    procedure_type: ProcedureType | None = None
    #: The rulebook its periods follow (``ai.rulebook_names()``): the standstill, the minimum periods.
    rulebook: str = "aw2012"
    #: The standstill in days; ``None``: the rulebook's.
    standstill_days: int | None = Field(default=None, ge=1)
    standstill_atw: bool = True
    # A maximum beyond a century is a typing error, not a contract term.
    max_contract_years: int | None = Field(default=None, ge=1, le=99)
    # Made without validation (it has no field to check): its validator is built on first use.
    bestuurlijk_overleg: BestuurlijkOverlegSettings = BestuurlijkOverlegSettings.model_construct()
    #: The publisher and identifiers of the OCDS export; ``None``: placeholders.
    ocds: OcdsSettings | None = Field(default=None, exclude_if=lambda settings: settings is None)
    plans: tuple[Plan, ...] = ()
    sources: dict[str, str] = Field(default_factory=dict)
    #: What the record's author (or an import) says about the procedure as a whole.
    notes: tuple[str, ...] = ()
    events: tuple[Event, ...] = ()

    @field_validator("rulebook")
    @classmethod
    def _known_rulebook(cls, value: str) -> str:
        if value not in RULEBOOKS:  # the rulebook's models are built only for its error
            from ..calendar import rulebook

            return rulebook(value).name
        return value

    @property
    def segment_ids(self) -> tuple[str, ...]:
        """The segment ids in file order."""
        return tuple(s.id for s in self.segments)


#: The problem of a reference to a segment the procedure does not have.
_NOT_A_SEGMENT = Text("is not a segment of this procedure")


def reference_problems(data: ProcedureData) -> Iterator[tuple[str, object, str]]:
    """Every reference to an unknown segment or municipality, and every id used twice (an
    event's id too: its calendar entry's UID comes from it), as (place, value, problem)."""
    groups: tuple[tuple[str, tuple[Segment | Municipality | Plan | Event, ...]], ...] = (
        ("segments", data.segments), ("municipalities", data.municipalities), ("plans", data.plans),
        ("events", data.events))
    for kind, items in groups:
        seen: set[str] = set()
        for i, item in enumerate(items):
            if item.id is None:  # an event's id is optional
                continue
            if item.id in seen:
                yield f"{kind}[{i}].id", item.id, Text("is used more than once")
            seen.add(item.id)
    segments = set(data.segment_ids)
    municipalities = {m.id for m in data.municipalities}
    for i, muni in enumerate(data.municipalities):
        for j, seg in enumerate(muni.segments or ()):
            if seg not in segments:
                yield f"municipalities[{i}].segments[{j}]", seg, _NOT_A_SEGMENT
    for i, event in enumerate(data.events):
        if not (segments.issuperset(_ids(event, "segments"))
                and municipalities.issuperset(_ids(event, "municipalities"))):  # most refer rightly
            yield from event_reference_problems(event, f"events[{i}]", segments, municipalities)


def event_reference_problems(
    event: Event, place: str, segments: set[str], municipalities: set[str]
) -> Iterator[tuple[str, object, str]]:
    """Unknown segment or municipality ids in one event, as (place, value, problem)."""
    for j, seg in enumerate(_ids(event, "segments")):
        if seg not in segments:
            yield f"{place}.segments[{j}]", seg, _NOT_A_SEGMENT
    for j, muni in enumerate(_ids(event, "municipalities")):
        if muni not in municipalities:
            yield f"{place}.municipalities[{j}]", muni, Text("is not a municipality of this procedure")


def _ids(event: Event, name: str) -> tuple[str, ...]:
    """The ids ``event`` names in its field ``name``; none when its type has no such field.

    The type is asked first: pydantic's lookup of a missing attribute is slow, and so is
    ``model_fields`` (its field names are kept by type).
    """
    fields = _FIELD_NAMES.get(type(event))
    if fields is None:
        fields = _FIELD_NAMES[type(event)] = frozenset(type(event).model_fields)
    if name not in fields:
        return ()
    ids: tuple[str, ...] | None = getattr(event, name)
    return ids or ()


#: The field names of each event type :func:`_ids` was asked about.
_FIELD_NAMES: dict[type[Event], frozenset[str]] = {}


def procedure_data_from_json(text: str | bytes, label: str) -> ProcedureData:
    """A procedure file's text as :class:`ProcedureData`; ``label`` names the file in errors.

    Raises :class:`DataFileError` naming the place and the value, for a file
    that is not valid JSON, does not match the model, or refers to a segment
    or municipality it does not have.
    """
    data = parse_model(ProcedureData, text, label, EVENT_TYPES)
    for place, value, problem in reference_problems(data):
        raise DataFileError(label, place, value, problem)
    return data
