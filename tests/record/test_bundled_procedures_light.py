"""The bundled procedure files read without validation equal what the models validate.

``ai.inkoop2022()`` and ``ai.jeugdhulp2026()`` read their files with
``model_construct`` (start-up, issue 12). That is safe only because the files
are part of the package: each is validated here as a user's file is, and the
light reading must give equal objects, model for model, with the same fields
given (what ``exclude_unset`` and the JSON written depend on) and the same types.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from pydantic import BaseModel

import achterhoek_inkoop as ai
from achterhoek_inkoop._data import bundled_bytes
from achterhoek_inkoop.procedure._bundled import BUNDLED, _bundled_data
from achterhoek_inkoop.record import procedure_data_from_json
from achterhoek_inkoop.record._light import constructed, light_procedure_data


def same(light: Any, validated: Any, place: str = "") -> None:
    """``light`` and ``validated`` are equal all the way down, with equal types and fields given."""
    assert type(light) is type(validated), place
    if isinstance(validated, BaseModel):
        assert light.model_fields_set == validated.model_fields_set, place
        assert light.__pydantic_extra__ == validated.__pydantic_extra__, place
        assert light.__pydantic_private__ == validated.__pydantic_private__, place
        for name in type(validated).model_fields:
            same(getattr(light, name), getattr(validated, name), f"{place}.{name}")
    elif isinstance(validated, tuple | list):
        assert len(light) == len(validated), place
        for i, (a, b) in enumerate(zip(light, validated, strict=True)):
            same(a, b, f"{place}[{i}]")
    elif isinstance(validated, dict):
        assert list(light) == list(validated), place
        for key in validated:
            same(light[key], validated[key], f"{place}[{key}]")
    else:
        assert light == validated, place


@pytest.mark.parametrize("name", BUNDLED)
def test_every_bundled_procedure_validates_and_reads_the_same_both_ways(name: str) -> None:
    text = bundled_bytes("data", f"{name}.json")
    validated = procedure_data_from_json(text, name)  # the models, references included: the schema
    light = light_procedure_data(text)
    same(light, validated)
    assert light == validated
    assert _bundled_data(name) == validated
    bundled = getattr(ai, name)()
    assert bundled.data == validated
    assert bundled.to_json() == ai.Procedure(validated).to_json()


def test_the_bundled_files_are_the_ones_in_data() -> None:
    from achterhoek_inkoop._data import bundled_names

    files = {n.removesuffix(".json") for n in bundled_names("data") if n.endswith(".json")}
    assert set(BUNDLED) == files - {"gelijkgestelde_dagen", "sources"}


def test_events_read_lightly_share_their_fields_sets_as_validated_ones_do() -> None:
    events = ai.inkoop2022().events
    validated = procedure_data_from_json(bundled_bytes("data", "inkoop2022.json"), "x").events
    by_fields = {frozenset(e.model_fields_set): e.model_fields_set for e in validated}
    for event in events:
        assert event.model_fields_set is by_fields[frozenset(event.model_fields_set)]


def test_every_kind_of_field_converts_as_validation_does() -> None:
    # Types the bundled files may not (yet) use: a local time, an enum, an alias, an optional model.
    data = {"$schema": "procedure.schema.json", "id": "p", "name": "P", "procedure_type": "openbaar",
            "segments": [{"id": "a", "name": "A", "domains": ["wmo"]}],
            "ocds": {"publisher": "X"}, "bestuurlijk_overleg": {"max_delegation_size": 3},
            "plans": [{"id": "p1", "published": "2021-01-04", "reason": "r",
                       "milestones": {"gunning": "2022-03-14"}}],
            "events": [{"type": "dialogue_activity", "on": "2021-02-01", "kind": "gesprekstafel",
                        "start_time": "09:30", "end_time": "11:00:00", "segments": ["a"]},
                       {"type": "award_decision", "on": "2022-03-14", "outcome": "awarded",
                        "standstill_days": 25}]}
    validated = ai.ProcedureData.model_validate(data)
    light = constructed(ai.ProcedureData, data)
    same(light, validated)
    assert light.events[0].start_time == dt.time(9, 30)  # type: ignore[union-attr]


def test_a_key_that_is_no_field_is_not_read_lightly() -> None:
    with pytest.raises(KeyError):
        constructed(ai.Segment, {"id": "a", "name": "A", "colour": "red"})
