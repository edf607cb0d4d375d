"""Rulebooks: the figures of a body of procurement law, as data with their sources.

A rulebook says how long the standstill lasts and how it is counted, which
calendar it counts with, and the minimum period for each procedure type and
stage (the deadline for tenders, or for requests to participate), with the
reductions and extensions the law allows. Two are bundled in
``data/rulebooks/``: ``aw2012`` (the Aanbestedingswet 2012, the default) and
``eu-minimum`` (the directives' minimums, counted under Regulation 1182/71).

Every figure carries its ``source``, a citation starting with a key of
``achterhoek_inkoop.sources()``; a figure no official text was seen for says
``confirmed: false``, and a rule built on it may only warn.

>>> rulebook("aw2012").standstill.days
20
>>> rulebook_names()
('aw2012', 'eu-minimum')
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from .._exceptions import DataFileError, InvalidInputError
from .._files import parse_model
from .._sources import check_citation
from .._text import Text
from ._periods import Counting
from ._rulebook_index import (
    RULEBOOKS,
    STAGES,
    ProcedureType,
    Stage,
    check_procedure_type,
    rulebook_names,
)

__all__ = [
    "RULEBOOKS",
    "STAGES",
    "Adjustment",
    "CalendarRule",
    "MinimumCounting",
    "MinimumEntry",
    "ProcedureType",
    "Rulebook",
    "Stage",
    "StandstillRule",
    "Variant",
    "check_procedure_type",
    "rulebook",
    "rulebook_names",
]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _cited(text: str) -> str:
    """A pydantic check: every part of ``text`` starts with a key of the sources."""
    try:
        check_citation(text)
    except InvalidInputError as exc:
        raise ValueError(exc.problem) from None
    return text


class _Sourced(_Strict):
    source: str = Field(min_length=1)
    confirmed: bool = True
    note: str | None = None

    _check_source = field_validator("source")(_cited)


class Adjustment(_Sourced):
    """Days added to (or, negative, taken off) a minimum when its condition holds.

    ``electronic_submission``: tenders may be submitted electronically;
    ``no_free_access``: the documents are not freely accessible electronically.
    """

    when: Literal["electronic_submission", "no_free_access"]
    days: int

    @field_validator("days")
    @classmethod
    def _not_zero(cls, value: int) -> int:
        if value == 0:
            raise ValueError(Text("an adjustment of 0 days changes nothing"))
        return value


class Variant(_Sourced):
    """A minimum in days, its adjustments, and a ``floor`` no adjustment may go below."""

    days: int = Field(ge=1)
    floor: int | None = Field(default=None, ge=1)
    adjustments: tuple[Adjustment, ...] = ()


class MinimumEntry(_Sourced):
    """The minimum period of one procedure type at one stage.

    ``days`` is ``None`` where the law sets no minimum (the entry then covers
    every stage, ``stage`` is ``None``, and ``source`` says where that was
    looked up). ``counted_from`` is the sending of the ``notice`` or of the
    ``invitation`` to tender. ``accelerated`` and ``prior_information_notice``
    replace the standard figure where the law allows them.
    """

    procedure_type: ProcedureType
    stage: Stage | None
    counted_from: Literal["notice", "invitation"] = "notice"
    days: int | None = Field(ge=1)
    floor: int | None = Field(default=None, ge=1)
    adjustments: tuple[Adjustment, ...] = ()
    accelerated: Variant | None = None
    prior_information_notice: Variant | None = None

    @model_validator(mode="after")
    def _none_is_none(self) -> MinimumEntry:
        if self.days is None and (
            self.stage is not None or self.adjustments or self.accelerated or self.floor
            or self.prior_information_notice
        ):
            raise ValueError(Text(
                "an entry without a minimum (days null) has no stage, adjustments or variants"))
        if self.days is not None and self.stage is None:
            raise ValueError(Text("an entry with a minimum names its stage"))
        return self

    @property
    def standard(self) -> Variant | None:
        """The standard figure as a :class:`Variant`, ``None`` without a minimum."""
        if self.days is None:
            return None
        return Variant(days=self.days, floor=self.floor, adjustments=self.adjustments,
                       source=self.source, confirmed=self.confirmed, note=self.note)


class StandstillRule(_Sourced):
    """The standstill after an award decision: its days (and in what unit), start and counting
    rule, each with its source.

    ``unit`` is ``calendar-days`` in both bundled rulebooks; a rulebook whose
    standstill counts working days is refused when read (the arithmetic for it
    is not built), rather than counted wrongly.
    """

    days: int = Field(ge=1)
    days_not_electronic: int = Field(ge=1)
    unit: Literal["calendar-days"]
    days_source: str
    starts: Literal["day-after-sending"]
    starts_source: str
    counting: Counting
    counting_source: str

    _check_more = field_validator("days_source", "starts_source", "counting_source")(_cited)


class CalendarRule(_Sourced):
    """The holidays a rulebook counts with: ``nl-atw``, the bundled Dutch statutory calendar."""

    holidays: Literal["nl-atw"]


class MinimumCounting(_Sourced):
    """How a minimum period's end would move past days off (for a warning only while unconfirmed)."""

    counting: Counting


class Rulebook(_Strict):
    """One rulebook: its name, its calendar, its standstill and its minimum periods."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    comment: str | None = Field(default=None, alias="$comment")
    name: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    title: str = Field(min_length=1)
    source: str
    calendar: CalendarRule
    standstill: StandstillRule
    minimum_counting: MinimumCounting
    minimum_periods: tuple[MinimumEntry, ...] = Field(min_length=1)

    _check_source = field_validator("source")(_cited)

    @model_validator(mode="after")
    def _one_entry_each(self) -> Rulebook:
        seen: dict[ProcedureType, list[Stage | None]] = {}
        for entry in self.minimum_periods:
            stages = seen.setdefault(entry.procedure_type, [])
            if entry.stage in stages or (stages and (entry.stage is None or None in stages)):
                raise ValueError(Text("%(type)s: the stage %(stage)s is given twice",
                                      type=entry.procedure_type.value, stage=entry.stage))
            stages.append(entry.stage)
        missing = [t.value for t in ProcedureType if t not in seen]
        if missing:
            raise ValueError(Text("no entry for the procedure types %(missing)s", missing=missing))
        return self

    def entries(self, procedure_type: ProcedureType) -> tuple[MinimumEntry, ...]:
        """The entries of one procedure type, in the file's order."""
        return tuple(e for e in self.minimum_periods if e.procedure_type == procedure_type)

    def to_dict(self) -> dict[str, Any]:
        """The rulebook as JSON-ready data (absent optional fields as null); it validates as a Rulebook."""
        return self.model_dump(mode="json", by_alias=True)


def rulebook(name: object = "aw2012") -> Rulebook:
    """The bundled rulebook called ``name`` (read and validated once).

    Raises:
        InvalidInputError: no bundled rulebook has that name.

    >>> rulebook("eu-minimum").standstill.counting
    'verordening-1182-71'
    """
    if isinstance(name, Rulebook):
        return name
    if not isinstance(name, str) or name not in RULEBOOKS:
        raise InvalidInputError("rulebook", name, Text("is not a rulebook; give one of: %(known)s",
                                                       known=", ".join(RULEBOOKS)))
    return _bundled(name)


@cache
def _bundled(name: str) -> Rulebook:
    ref = resources.files("achterhoek_inkoop") / "data" / "rulebooks" / f"{name}.json"
    label = f"achterhoek_inkoop/data/rulebooks/{name}.json"
    book = parse_model(Rulebook, ref.read_bytes(), label)
    if book.name != name:
        raise DataFileError(label, "name", book.name, Text("must be the file's name, %(name)s",
                                                           name=repr(name)))
    return book
