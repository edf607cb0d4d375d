"""The gelijkgestelde dagen: days declared equal to a holiday by royal decree.

Atw art. 3 lid 3 lets the Crown declare further days equal to a recognised
holiday, usually three years at a time. These days are law, not arithmetic,
so they live in ``data/gelijkgestelde_dagen.json`` with the decree that made
each of them, and are never derived unless a caller asks for the pattern.
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from importlib import resources
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from .._files import parse_model
from .._text import Text

__all__ = ["Decree", "DecreeBook", "DecreedDay", "bundled_decrees"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class DecreedDay(_Strict):
    """One day declared equal to a recognised holiday."""

    date: dt.date
    reason: str = Field(min_length=1)


class Decree(_Strict):
    """One decree (or report of one) under Atw art. 3 lid 3."""

    id: str = Field(min_length=1)
    citation: str = Field(min_length=1)
    title: str = Field(min_length=1)
    source: str = Field(min_length=1)
    status: Literal["confirmed", "reported"]
    years: tuple[int, ...] = Field(min_length=1)
    days: tuple[DecreedDay, ...]

    @model_validator(mode="after")
    def _days_in_years(self) -> Decree:
        for day in self.days:
            if day.date.year not in self.years:
                raise ValueError(Text("day %(day)s is outside the decree's years %(years)s",
                                      day=day.date.isoformat(), years=list(self.years)))
        return self


class DecreeBook(_Strict):
    """All known decrees; each year is covered by at most one of them."""

    comment: str | None = Field(default=None, alias="$comment")
    decrees: tuple[Decree, ...]

    @model_validator(mode="after")
    def _one_decree_per_year(self) -> DecreeBook:
        seen: dict[int, str] = {}
        for decree in self.decrees:
            for year in decree.years:
                if year in seen:
                    raise ValueError(Text("year %(year)s is covered by both %(first)s and %(second)s",
                                          year=year, first=seen[year], second=decree.id))
                seen[year] = decree.id
        return self

    def decree_for(self, year: int) -> Decree | None:
        """The decree that covers ``year``, if any."""
        for decree in self.decrees:
            if year in decree.years:
                return decree
        return None


@cache
def bundled_decrees() -> DecreeBook:
    """The decrees bundled with the package (read once)."""
    ref = resources.files("achterhoek_inkoop") / "data" / "gelijkgestelde_dagen.json"
    return parse_model(DecreeBook, ref.read_bytes(), "achterhoek_inkoop/data/gelijkgestelde_dagen.json")
