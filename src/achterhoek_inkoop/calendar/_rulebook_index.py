"""The bundled rulebooks by name, the procedure types, and the standstill figures read lightly.

What a command line needs before anything is computed (which rulebooks and
procedure types there are, for its choices) and what a deadline needs (the
standstill figures of a bundled rulebook) lives here, without pydantic. The
rulebooks themselves, their schema and their validation are in
:mod:`._rulebooks`; the bundled files are part of the package, and a test
validates each of them with those models and checks that
:func:`bundled_standstill` reads the same figures from it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from types import MappingProxyType
from typing import TYPE_CHECKING, Literal

from .._data import bundled_bytes, bundled_names
from .._exceptions import InvalidInputError
from .._labels import Label
from .._text import Text
from ._periods import Counting

if TYPE_CHECKING:
    from ._rulebooks import Rulebook

__all__ = [
    "DEFAULT_RULEBOOK",
    "RULEBOOKS",
    "STAGES",
    "BundledStandstill",
    "ProcedureType",
    "Stage",
    "StandstillFigures",
    "bundled_standstill",
    "check_procedure_type",
    "rulebook_names",
    "standstill_rulebook",
]

#: The deadline a minimum period is about: for tenders, or for requests to participate.
Stage = Literal["tenders", "requests"]
STAGES: tuple[Stage, ...] = ("tenders", "requests")


class ProcedureType(StrEnum):
    """The procurement procedures, by their Dutch legal names.

    >>> ProcedureType("niet_openbaar").label.both
    'niet-openbare procedure (restricted procedure)'
    """

    OPENBAAR = "openbaar"
    NIET_OPENBAAR = "niet_openbaar"
    MEDEDINGINGSPROCEDURE_MET_ONDERHANDELING = "mededingingsprocedure_met_onderhandeling"
    CONCURRENTIEGERICHTE_DIALOOG = "concurrentiegerichte_dialoog"
    INNOVATIEPARTNERSCHAP = "innovatiepartnerschap"
    ONDERHANDELINGSPROCEDURE_ZONDER_AANKONDIGING = "onderhandelingsprocedure_zonder_aankondiging"
    SOCIALE_EN_ANDERE_SPECIFIEKE_DIENSTEN = "sociale_en_andere_specifieke_diensten"
    MEERVOUDIG_ONDERHANDS = "meervoudig_onderhands"
    ENKELVOUDIG_ONDERHANDS = "enkelvoudig_onderhands"

    @property
    def label(self) -> Label:
        """The Dutch name an officer knows the procedure by, with an English gloss."""
        return _LABELS[self]


_LABELS = MappingProxyType({
    ProcedureType.OPENBAAR: Label("openbare procedure", "open procedure"),
    ProcedureType.NIET_OPENBAAR: Label("niet-openbare procedure", "restricted procedure"),
    ProcedureType.MEDEDINGINGSPROCEDURE_MET_ONDERHANDELING: Label(
        "mededingingsprocedure met onderhandeling", "competitive procedure with negotiation"),
    ProcedureType.CONCURRENTIEGERICHTE_DIALOOG: Label("concurrentiegerichte dialoog", "competitive dialogue"),
    ProcedureType.INNOVATIEPARTNERSCHAP: Label("innovatiepartnerschap", "innovation partnership"),
    ProcedureType.ONDERHANDELINGSPROCEDURE_ZONDER_AANKONDIGING: Label(
        "onderhandelingsprocedure zonder aankondiging", "negotiated procedure without prior publication"),
    ProcedureType.SOCIALE_EN_ANDERE_SPECIFIEKE_DIENSTEN: Label(
        "sociale en andere specifieke diensten", "social and other specific services (light regime)"),
    ProcedureType.MEERVOUDIG_ONDERHANDS: Label(
        "meervoudig onderhandse procedure",
        "multiple private procedure (several invited, below the EU thresholds)"),
    ProcedureType.ENKELVOUDIG_ONDERHANDS: Label(
        "enkelvoudig onderhandse procedure",
        "single private procedure (one invited, below the EU thresholds)"),
})


def check_procedure_type(value: object) -> ProcedureType:
    """``value`` as a :class:`ProcedureType` (a member or its value), else the library's error.

    >>> check_procedure_type("openbaar")
    <ProcedureType.OPENBAAR: 'openbaar'>
    """
    if isinstance(value, str):
        try:
            return ProcedureType(value)
        except ValueError:
            pass
    known = ", ".join(t.value for t in ProcedureType)
    raise InvalidInputError("procedure_type", value,
                            Text("is not a procedure type; give one of: %(known)s", known=known))


#: The default rulebook: the Dutch one.
DEFAULT_RULEBOOK = "aw2012"


def _bundled_names() -> tuple[str, ...]:
    """The rulebook files in ``data/rulebooks/``, the default first: adding one is adding a file."""
    names = sorted(name.removesuffix(".json") for name in bundled_names("data", "rulebooks")
                   if name.endswith(".json"))
    return (DEFAULT_RULEBOOK, *(n for n in names if n != DEFAULT_RULEBOOK))


#: The bundled rulebooks, by name; the first is the default.
RULEBOOKS: tuple[str, ...] = _bundled_names()


def rulebook_names() -> tuple[str, ...]:
    """The names of the bundled rulebooks, the default (``aw2012``) first."""
    return RULEBOOKS


@dataclass(frozen=True)
class StandstillFigures:
    """A bundled rulebook's ``standstill``, field for field its schema's ``StandstillRule``."""

    days: int
    days_not_electronic: int
    unit: Literal["calendar-days"]
    days_source: str
    starts: Literal["day-after-sending"]
    starts_source: str
    counting: Counting
    counting_source: str
    source: str
    confirmed: bool = True
    note: str | None = None


@dataclass(frozen=True)
class BundledStandstill:
    """What a standstill needs of a bundled rulebook: its ``name`` and its ``standstill``."""

    name: str
    standstill: StandstillFigures


@cache
def bundled_standstill(name: str) -> BundledStandstill:
    """The standstill figures of the bundled rulebook ``name`` (one of :data:`RULEBOOKS`), read
    with :mod:`json` alone (see the module's docstring)."""
    data = json.loads(bundled_bytes("data", "rulebooks", f"{name}.json"))
    return BundledStandstill(name=data["name"], standstill=StandstillFigures(**data["standstill"]))


def standstill_rulebook(rulebook: object) -> BundledStandstill | Rulebook:
    """What :func:`~achterhoek_inkoop.standstill_period` reads of ``rulebook``: a bundled one's
    figures read lightly; a :class:`~achterhoek_inkoop.Rulebook` itself; else the error of
    :func:`~achterhoek_inkoop.rulebook`."""
    if isinstance(rulebook, str) and rulebook in RULEBOOKS:
        return bundled_standstill(rulebook)
    from ._rulebooks import rulebook as validated  # a Rulebook object, or the error naming the value

    return validated(rulebook)
