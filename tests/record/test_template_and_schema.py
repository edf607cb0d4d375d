"""The JSON Schema of procedure files (``ai.procedure_schema``) and the template a new file starts from."""

from __future__ import annotations

import copy
import json
from datetime import date
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from helpers import BUNDLED
from hypothesis import given, settings

import achterhoek_inkoop as ai
from achterhoek_inkoop import strategies as ais
from achterhoek_inkoop.record import EVENT_TYPES


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    schema = ai.procedure_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


def test_schema_declares_draft_2020_12() -> None:
    schema = ai.procedure_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["type"] == "object"
    assert schema["additionalProperties"] is False


def test_schema_accepts_the_bundled_file(validator: jsonschema.Draft202012Validator) -> None:
    assert list(validator.iter_errors(BUNDLED)) == []


def test_schema_accepts_the_template(validator: jsonschema.Draft202012Validator) -> None:
    text = ai.Procedure(ai.procedure_template()).to_json()
    assert list(validator.iter_errors(json.loads(text))) == []


@settings(max_examples=50)
@given(ais.procedure_data())
def test_schema_accepts_every_procedure_the_strategies_draw(validator: jsonschema.Draft202012Validator,
                                                            data: ai.ProcedureData) -> None:
    assert list(validator.iter_errors(json.loads(ai.Procedure(data).to_json()))) == []


def test_schema_accepts_a_saved_procedure_with_every_event_type(
    validator: jsonschema.Draft202012Validator,
) -> None:
    proc = ai.inkoop2022()
    proc.record(ai.Registration(on=date(2020, 12, 1), organisation="Branche", delegation_size=5,
                                domains=("jeugdhulp", "wmo", "beschermd_wonen")))
    proc.record(ai.NotaVanInlichtingen(on=date(2021, 5, 3), number=1))
    proc.record(ai.Objection(on=date(2022, 3, 18), segments=("wmo-wonen",), by="Aanbieder"))
    # A kort geding alone would hold wmo-wonen past its contract start: add it with its ruling.
    proc = ai.Procedure(proc.data.model_copy(update={"events": (
        *proc.events,
        ai.KortGeding(on=date(2022, 3, 20), segments=("wmo-wonen",), by="Aanbieder"),
        ai.KortGedingRuling(on=date(2022, 3, 30), outcome="rejected", segments=("wmo-wonen",)),
        ai.FinalAward(on=date(2022, 4, 5), segments=("wmo-wonen", "gezins-en-woonvormen")),
        ai.Appeal(on=date(2022, 4, 20), segments=("wmo-wonen",), by="Aanbieder"),
        # Hoog Complexe Jeugdhulp: its re-tender, an award withdrawn, then the tender cancelled.
        ai.TenderStart(on=date(2022, 5, 2), segments=("hoog-complexe-jeugdhulp-met-verblijf",)),
        ai.AwardDecision(on=date(2022, 6, 1), outcome="awarded",
                         segments=("hoog-complexe-jeugdhulp-met-verblijf",)),
        ai.AwardWithdrawal(on=date(2022, 6, 8), segments=("hoog-complexe-jeugdhulp-met-verblijf",)),
        ai.Cancellation(on=date(2022, 6, 15), segments=("hoog-complexe-jeugdhulp-met-verblijf",),
                        reason="re-procured in six lots"),
    )}))
    # Cancelled, the segment's later follow-up result and contract are out of order.
    assert {v.rule for v in proc.check()} == {"volgorde"}
    assert {e.type for e in proc.events} == set(EVENT_TYPES)
    data = json.loads(proc.to_json())
    assert list(validator.iter_errors(data)) == []


# (a change of the bundled file, the place of the error the schema reports, the keyword it fails)
BAD_FOR_THE_SCHEMA: dict[str, tuple[dict[str, Any], tuple[str | int, ...], str, list[str | int]]] = {
    "unknown-top-level-field": ({"comment": "edit me"}, (), "additionalProperties", []),
    "unknown-event-type": ({"type": "gunning"}, ("events", 3), "oneOf", ["events", 3]),
    "foreign-field": ({"outcome": "awarded"}, ("events", 3), "oneOf", ["events", 3]),
    "malformed-date": ({"on": "2022-02-30"}, ("events", 9), "oneOf", ["events", 9]),
}


@pytest.mark.parametrize("case", sorted(BAD_FOR_THE_SCHEMA))
def test_schema_rejects_a_bad_file_at_its_place(validator: jsonschema.Draft202012Validator,
                                                case: str) -> None:
    change, where, keyword, place = BAD_FOR_THE_SCHEMA[case]
    data = copy.deepcopy(BUNDLED)
    target: Any = data
    for key in where:
        target = target[key]
    target.update(change)
    assert [(list(e.absolute_path), e.validator) for e in validator.iter_errors(data)] == [(place, keyword)]


def test_schema_requires_the_segments(validator: jsonschema.Draft202012Validator) -> None:
    data = {k: v for k, v in BUNDLED.items() if k != "segments"}
    errors = list(validator.iter_errors(data))
    assert [(list(e.absolute_path), e.validator, e.message) for e in errors] == [
        ([], "required", "'segments' is a required property")]


def test_template_is_a_valid_procedure(tmp_path: Path) -> None:
    data = ai.procedure_template()
    assert isinstance(data, ai.ProcedureData)
    proc = ai.Procedure(data)
    assert proc.check() == []
    assert proc.events == ()
    assert proc.phase_on(date(2027, 1, 1)) is ai.Phase.DIALOOG
    path = tmp_path / "new.json"
    proc.save(path)
    assert ai.load_procedure(path) == proc
    # A fresh template each call.
    assert ai.procedure_template() == data
