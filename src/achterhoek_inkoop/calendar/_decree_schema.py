"""The schema of a decrees file (``data/gelijkgestelde_dagen.json``), as pydantic models.

The models validate a decrees file and say what is wrong in it, naming the
place and the value (through :func:`~achterhoek_inkoop._files.parse_model`);
:meth:`DecreeBookModel.to_book` turns a valid file into the plain objects the
calendar counts with (:mod:`._decrees`). They are imported only when a file
is validated: the bundled file is read without them on the way to a
deadline, and a test proves it validates here and reads the same both ways.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from .._text import Text
from ._decrees import Decree, DecreeBook, DecreedDay

__all__ = ["DecreeBookModel", "DecreeModel", "DecreedDayModel"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class DecreedDayModel(_Strict):
    """One day declared equal to a recognised holiday."""

    date: dt.date
    reason: str = Field(min_length=1)


class DecreeModel(_Strict):
    """One decree (or report of one) under Atw art. 3 lid 3."""

    id: str = Field(min_length=1)
    citation: str = Field(min_length=1)
    title: str = Field(min_length=1)
    source: str = Field(min_length=1)
    status: Literal["confirmed", "reported"]
    years: tuple[int, ...] = Field(min_length=1)
    days: tuple[DecreedDayModel, ...]

    @model_validator(mode="after")
    def _days_in_years(self) -> DecreeModel:
        for day in self.days:
            if day.date.year not in self.years:
                raise ValueError(Text("day %(day)s is outside the decree's years %(years)s",
                                      day=day.date.isoformat(), years=list(self.years)))
        return self


class DecreeBookModel(_Strict):
    """All known decrees; each year is covered by at most one of them."""

    comment: str | None = Field(default=None, alias="$comment")
    decrees: tuple[DecreeModel, ...]

    @model_validator(mode="after")
    def _one_decree_per_year(self) -> DecreeBookModel:
        seen: dict[int, str] = {}
        for decree in self.decrees:
            for year in decree.years:
                if year in seen:
                    raise ValueError(Text("year %(year)s is covered by both %(first)s and %(second)s",
                                          year=year, first=seen[year], second=decree.id))
                seen[year] = decree.id
        return self

    def to_book(self) -> DecreeBook:
        """The decrees as the calendar's plain objects."""
        return DecreeBook(
            comment=self.comment,
            decrees=tuple(
                Decree(id=d.id, citation=d.citation, title=d.title, source=d.source, status=d.status,
                       years=d.years, days=tuple(DecreedDay(date=x.date, reason=x.reason) for x in d.days))
                for d in self.decrees),
        )
