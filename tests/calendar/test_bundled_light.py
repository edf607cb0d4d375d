"""The bundled decrees and rulebooks read without pydantic equal what their schema validates.

A deadline reads ``data/gelijkgestelde_dagen.json`` and the rulebooks' standstill
figures with :mod:`json` alone (start-up, issue 12). That is safe only because
the bundled files are part of the package: each is validated here with the
pydantic models that are its schema, and the light reading must give the same
objects, field for field.
"""

from __future__ import annotations

import dataclasses

import pytest

import achterhoek_inkoop as ai
from achterhoek_inkoop._data import bundled_bytes
from achterhoek_inkoop.calendar._decree_schema import DecreeBookModel, DecreedDayModel, DecreeModel
from achterhoek_inkoop.calendar._decrees import Decree, DecreeBook, DecreedDay, bundled_decrees, read_decrees
from achterhoek_inkoop.calendar._rulebook_index import (
    BundledStandstill,
    StandstillFigures,
    bundled_standstill,
    standstill_rulebook,
)
from achterhoek_inkoop.calendar._rulebooks import StandstillRule


def test_the_bundled_decrees_validate_and_read_the_same_both_ways() -> None:
    validated = read_decrees(bundled_bytes("data", "gelijkgestelde_dagen.json"),
                             "achterhoek_inkoop/data/gelijkgestelde_dagen.json")
    assert validated == bundled_decrees()
    assert ai.Calendar().decrees == validated


@pytest.mark.parametrize(("plain", "model"), [
    (DecreedDay, DecreedDayModel), (Decree, DecreeModel), (DecreeBook, DecreeBookModel)])
def test_the_decree_objects_have_the_schema_s_fields(plain: type, model: type) -> None:
    assert {f.name for f in dataclasses.fields(plain)} == set(model.model_fields)


@pytest.mark.parametrize("name", ai.RULEBOOKS)
def test_every_bundled_rulebook_validates_and_its_standstill_reads_the_same_both_ways(name: str) -> None:
    validated = ai.rulebook(name)  # the pydantic models: the schema
    light = bundled_standstill(name)
    assert light == BundledStandstill(name=validated.name, standstill=StandstillFigures(
        **validated.standstill.model_dump()))
    assert standstill_rulebook(name) is light


def test_the_standstill_figures_have_the_schema_s_fields() -> None:
    assert {f.name for f in dataclasses.fields(StandstillFigures)} == set(StandstillRule.model_fields)


def test_a_rulebook_object_and_an_unknown_name_still_go_through_the_schema() -> None:
    book = ai.rulebook("eu-minimum")
    assert standstill_rulebook(book) is book
    with pytest.raises(ai.InvalidInputError, match="is not a rulebook"):
        standstill_rulebook("aw2099")
    with pytest.raises(ai.InvalidInputError, match="is not a rulebook"):
        ai.standstill_period(ai.inkoop2022().events[0].on, rulebook="aw2099")
