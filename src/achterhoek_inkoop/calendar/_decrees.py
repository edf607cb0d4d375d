"""The gelijkgestelde dagen: days declared equal to a holiday by royal decree.

Atw art. 3 lid 3 lets the Crown declare further days equal to a recognised
holiday, usually three years at a time. These days are law, not arithmetic,
so they live in ``data/gelijkgestelde_dagen.json`` with the decree that made
each of them, and are never derived unless a caller asks for the pattern.

The calendar counts with the plain objects here. A decrees file is validated
by the pydantic models of :mod:`._decree_schema` (:func:`read_decrees`); the
bundled file is read with :mod:`json` alone (:func:`bundled_decrees`), so
that a deadline is computed without importing pydantic. That is safe because
the bundled file is part of the package: a test validates it with the models
and checks that both ways give equal objects.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from functools import cache
from typing import Literal

from .._data import bundled_bytes

__all__ = ["Decree", "DecreeBook", "DecreedDay", "bundled_decrees", "read_decrees"]

#: The bundled decrees file, as errors name it.
BUNDLED_LABEL = "achterhoek_inkoop/data/gelijkgestelde_dagen.json"


@dataclass(frozen=True)
class DecreedDay:
    """One day declared equal to a recognised holiday."""

    date: dt.date
    reason: str


@dataclass(frozen=True)
class Decree:
    """One decree (or report of one) under Atw art. 3 lid 3; ``years`` are the years it covers."""

    id: str
    citation: str
    title: str
    source: str
    status: Literal["confirmed", "reported"]
    years: tuple[int, ...]
    days: tuple[DecreedDay, ...]


@dataclass(frozen=True)
class DecreeBook:
    """All known decrees; each year is covered by at most one of them (the schema checks it)."""

    decrees: tuple[Decree, ...]
    comment: str | None = None

    def decree_for(self, year: int) -> Decree | None:
        """The decree that covers ``year``, if any."""
        for decree in self.decrees:
            if year in decree.years:
                return decree
        return None


def read_decrees(text: str | bytes, label: str) -> DecreeBook:
    """A decrees file validated by its schema; ``label`` names the file in errors.

    Raises:
        DataFileError: the file is not valid, naming the place and the value.
    """
    from .._files import parse_model  # pydantic: imported when a file is validated
    from ._decree_schema import DecreeBookModel

    return parse_model(DecreeBookModel, text, label).to_book()


@cache
def bundled_decrees() -> DecreeBook:
    """The decrees bundled with the package (read once, without pydantic: see the module's docstring)."""
    data = json.loads(bundled_bytes("data", "gelijkgestelde_dagen.json"))
    return DecreeBook(
        comment=data.get("$comment"),
        decrees=tuple(
            Decree(**{**d, "years": tuple(d["years"]), "days": tuple(
                DecreedDay(dt.date.fromisoformat(x["date"]), x["reason"]) for x in d["days"])})
            for d in data["decrees"]),
    )
