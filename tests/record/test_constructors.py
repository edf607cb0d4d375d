"""A model built with a bad field raises the library's own error naming the field (issue 11, item 7).

``ai.TenderStart(on="2021-13-01")`` raises :class:`ai.InvalidInputError`
(still a ``ValueError``, as pydantic's error was) naming ``TenderStart.on``
and the value, never pydantic's multi-line ``ValidationError``. Validating
data keeps pydantic's error, and reading a file keeps ``DataFileError`` with
the file and the place.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel, ValidationError

import achterhoek_inkoop as ai
from achterhoek_inkoop._exceptions import show
from achterhoek_inkoop.record import EVENT_MODELS, event_adapter, smallest_event

D = date(2022, 3, 14)
SEGMENT = {"id": "a", "name": "A"}

#: What the smallest event of a type does not fill in by itself.
NEEDS: dict[str, dict[str, object]] = {"registration": {"delegation_size": 3, "domains": ("wmo",)}}
#: Every model a caller builds, with valid arguments, and one field made bad: (name, bad value).
MODELS: dict[str, tuple[type[BaseModel], dict[str, Any], str, object]] = {
    "Segment": (ai.Segment, SEGMENT, "id", "A B"),
    "Municipality": (ai.Municipality, {"id": "berkelland", "name": "Berkelland"}, "id", "Berkel Land"),
    "Plan": (ai.Plan, {"id": "p", "published": D, "reason": "first", "milestones": {"gunning": D}},
             "published", "2021-13-01"),
    "BestuurlijkOverlegSettings": (ai.BestuurlijkOverlegSettings, {}, "max_delegation_size", 0),
    "ProcedureData": (ai.ProcedureData, {"id": "p", "name": "P", "segments": [SEGMENT]}, "id", "P Q"),
    **{model.__name__: (model, smallest_event(kind, D, ("a",), **NEEDS.get(kind, {})).model_dump(
        exclude={"type"}), "on", "2021-13-01") for kind, model in sorted(EVENT_MODELS.items())},
}


def built(model: type[BaseModel], values: dict[str, Any]) -> ai.InvalidInputError:
    with pytest.raises(ai.InvalidInputError) as caught:
        model(**values)
    assert isinstance(caught.value, ValueError)
    return caught.value


@pytest.mark.parametrize("name", MODELS)
def test_the_valid_arguments_build_the_model(name: str) -> None:
    model, values, _field, _bad = MODELS[name]
    assert isinstance(model(**values), model)


@pytest.mark.parametrize("name", MODELS)
def test_a_bad_field_is_named_with_its_value(name: str) -> None:
    model, values, field, bad = MODELS[name]
    err = built(model, {**values, field: bad})
    assert (err.field, err.value) == (f"{name}.{field}", bad)
    assert str(err).startswith(f"{name}.{field}: {show(bad)} ")
    assert "\n" not in str(err)


@pytest.mark.parametrize("name", MODELS)
def test_a_field_the_model_does_not_have_is_named(name: str) -> None:
    model, values, _field, _bad = MODELS[name]
    err = built(model, {**values, "colour": "blue"})
    assert (err.field, err.value, err.problem) == (f"{name}.colour", "blue", f"is not a field of {name}")


def test_the_examples_of_the_issue() -> None:
    err = built(ai.TenderStart, {"on": "2021-13-01"})
    assert str(err).startswith("TenderStart.on: '2021-13-01' should be a date YYYY-MM-DD "
                               "(month value is outside")
    err = built(ai.Segment, {"id": "A B", "name": "A B"})
    assert (err.field, err.value) == ("Segment.id", "A B")


def test_a_missing_field_says_it_is_required() -> None:
    err = built(ai.TenderStart, {})
    assert (err.field, err.value, err.problem) == ("TenderStart.on", None, "was not given; it is required")


def test_several_problems_are_counted_and_kept() -> None:
    err = built(ai.Segment, {"id": "A B", "name": ""})
    assert str(err).endswith("(and 1 more problem: Segment.name)")
    assert [place for place, _value, _problem in err.problems] == ["Segment.id", "Segment.name"]
    assert err.problems[1][1] == ""


def test_a_nested_field_is_named_by_its_place_in_the_file() -> None:
    err = built(ai.ProcedureData, {"id": "p", "name": "P", "segments": [SEGMENT],
                                   "events": [{"type": "tender_start", "on": "2021-02-30"}]})
    assert (err.field, err.value) == ("ProcedureData.events[0].on", "2021-02-30")
    err = built(ai.ProcedureData, {"id": "p", "name": "P", "segments": [{"id": "A B", "name": "A"}]})
    assert err.field == "ProcedureData.segments[0].id"


def test_a_validator_s_own_words_are_kept() -> None:
    err = built(ai.DialogueActivity, {"on": D, "kind": "gesprekstafel", "start_time": "10:00",
                                      "end_time": "09:00"})
    assert (err.field, err.problem) == ("DialogueActivity.end_time", "is not after the start time 10:00:00")
    # A rulebook is checked by the library's own check: its problem, not pydantic's wrapping of it.
    err = built(ai.ProcedureData, {"id": "p", "name": "P", "segments": [SEGMENT], "rulebook": "nope"})
    assert (err.field, err.value) == ("ProcedureData.rulebook", "nope")
    assert err.problem.startswith("is not a rulebook")


def test_except_value_error_still_catches_it() -> None:
    caught: ValueError | None = None
    try:
        ai.TenderStart(on="2021-13-01")  # type: ignore[arg-type]
    except ValueError as exc:  # what code written against pydantic's error catches
        caught = exc
    assert isinstance(caught, ai.InvalidInputError)


def test_validating_data_keeps_pydantic_s_error() -> None:
    with pytest.raises(ValidationError):
        ai.TenderStart.model_validate({"on": "2021-13-01"})
    with pytest.raises(ValidationError):
        ai.ProcedureData.model_validate_json('{"id": "P Q"}')
    with pytest.raises(ValidationError):
        event_adapter.validate_python({"type": "tender_start", "on": "2021-13-01"})
    # And validation gives the model, not a subclass or a copy built another way.
    assert ai.TenderStart.model_validate({"on": "2022-03-14"}) == ai.TenderStart(on=D)


def test_a_file_keeps_its_data_file_error_with_the_place(tmp_path: Path) -> None:
    path = tmp_path / "p.json"
    data = json.loads(ai.inkoop2022().to_json())
    data["events"][0]["on"] = "2021-13-01"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ai.DataFileError) as caught:
        ai.load_procedure(path)
    assert (caught.value.place, caught.value.value) == ("events[0].on", "2021-13-01")
    assert not isinstance(caught.value, ai.InvalidInputError)


def test_recording_a_dict_still_names_the_event_s_place() -> None:
    proc = ai.inkoop2022()
    with pytest.raises(ai.InvalidInputError) as caught:
        proc.record({"type": "kort_geding", "on": "2022-13-01"})  # type: ignore[arg-type]
    assert (caught.value.field, caught.value.value) == ("event.on", "2022-13-01")
