"""Strict input (issue 13, "Why" 5 and the messages of 6): a file is read as it is written.

A date is a text ``YYYY-MM-DD``, a yes or no a JSON boolean, a number a JSON
number; a key given twice, an interval that ends before it starts, are refused,
each naming the place and the value. The published JSON Schema says the same.
A value, key or place shown in any error is cut to 80 characters with its length.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

import achterhoek_inkoop as ai
from achterhoek_inkoop._data import bundled_bytes
from achterhoek_inkoop._exceptions import SHOWN_LENGTH, show
from achterhoek_inkoop._json_keys import duplicate_key, key_bound, keys_given
from achterhoek_inkoop.record._model import procedure_data_from_json

#: A small valid file: one segment, a plan, a tender start (events[0]) and an overgangsregeling (events[1]).
BASE: dict[str, Any] = {
    "id": "p", "name": "P", "segments": [{"id": "a", "name": "A"}],
    "bestuurlijk_overleg": {"registration_deadline": "2027-02-01"},
    "plans": [{"id": "plan", "published": "2027-01-01", "reason": "r",
               "milestones": {"aanbesteding": "2027-04-01", "gunning": "2027-10-01",
                              "contract_start": "2028-01-01"}}],
    "events": [{"type": "tender_start", "on": "2027-04-01", "deadline": "2027-05-20"},
               {"type": "overgangsregeling", "on": "2027-11-01", "start": "2028-01-01", "end": "2028-06-30"}],
}


def changed(path: tuple[str | int, ...], value: object) -> str:
    """The text of :data:`BASE` with the value at ``path`` replaced."""
    data = copy.deepcopy(BASE)
    node: Any = data
    for part in path[:-1]:
        node = node[part]
    node[path[-1]] = value
    return json.dumps(data)


def refused(text: str | bytes) -> ai.DataFileError:
    with pytest.raises(ai.DataFileError) as info:
        procedure_data_from_json(text, "p.json")
    return info.value


def test_the_base_file_loads() -> None:
    data = procedure_data_from_json(json.dumps(BASE), "p.json")
    assert data.events[0].on == dt.date(2027, 4, 1)


# -- "Why" 5: dates are YYYY-MM-DD texts only -------------------------------------------------------

LAX_DATES = ["2027-04-01T00:00:00+14:00", "2027-04-01T00:00:00Z", "2027-04-01 00:00", 1806537600, 0,
             "20270401", "2027-4-1", " 2027-04-01", "2027-04-01 ", "+2027-04-01", "2027-W13-4", 1.5, True,
             None, "2027-02-30"]


@pytest.mark.parametrize("value", LAX_DATES, ids=repr)
def test_an_event_date_that_is_not_yyyy_mm_dd_is_refused_with_place_and_value(value: object) -> None:
    err = refused(changed(("events", 0, "on"), value))
    assert (err.place, err.value) == ("events[0].on", value)
    assert str(err).startswith(f"p.json: events[0].on: {show(value)}: should be a date YYYY-MM-DD")


@pytest.mark.parametrize("path", [
    ("plans", 0, "published"), ("plans", 0, "milestones", "gunning"), ("events", 0, "deadline"),
    ("bestuurlijk_overleg", "registration_deadline"), ("events", 1, "end"),
], ids=lambda path: ".".join(map(str, path)))
def test_every_date_of_the_file_is_strict(path: tuple[str | int, ...]) -> None:
    err = refused(changed(path, "2027-10-01T00:00:00Z"))
    assert err.value == "2027-10-01T00:00:00Z"
    assert err.place == ".".join(str(p) for p in path).replace(".0.", "[0].").replace(".1.", "[1].")


def test_a_date_in_python_takes_a_date_and_the_iso_text_but_no_moment_or_number() -> None:
    assert ai.TenderStart(on=dt.date(2027, 4, 1)).on == dt.date(2027, 4, 1)
    assert ai.TenderStart(on="2027-04-01").on == dt.date(2027, 4, 1)
    assert ai.Overgangsregeling(on=dt.date(2027, 4, 1), start=dt.date(2027, 5, 1),
                                end=dt.date(2027, 5, 1)).end == dt.date(2027, 5, 1)
    for value in (dt.datetime(2027, 4, 1, 9, 30), "2027-04-01T00:00:00Z", 0, 1806537600):
        with pytest.raises(ai.InvalidInputError) as info:
            ai.TenderStart(on=value)
        assert info.value.field == "TenderStart.on"
        assert info.value.value == value


# -- "Why" 5: booleans are booleans, numbers are numbers ----------------------------------------------

@pytest.mark.parametrize(("field", "value", "problem"), [
    ("standstill_atw", "off", "should be true or false, written without quotes"),
    ("standstill_atw", "true", "should be true or false, written without quotes"),
    ("standstill_atw", 0, "should be true or false"),
    ("standstill_days", "20", "should be a whole number, written without quotes"),
    ("standstill_days", True, "should be a whole number"),
    ("standstill_days", 20.0, "should be a whole number, without a fraction"),
    ("standstill_days", 20.5, "should be a whole number, without a fraction"),
])
def test_a_yes_no_or_number_written_otherwise_is_refused(field: str, value: object, problem: str) -> None:
    err = refused(changed((field,), value))
    assert (err.place, err.value) == (field, value)
    assert str(err) == f"p.json: {field}: {show(value)}: {problem}"


def test_a_number_in_an_event_is_strict_too() -> None:
    data = copy.deepcopy(BASE)
    data["events"].append({"type": "nota_van_inlichtingen", "on": "2027-04-10", "number": "1"})
    err = refused(json.dumps(data))
    assert (err.place, err.value) == ("events[2].number", "1")


# -- "Why" 5: a key given twice ------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "place", "message"), [
    ('{"id": "p", "name": "P", "id": "q", "segments": [{"id": "a", "name": "A"}]}',
     "", "p.json: the key 'id' is given twice"),
    ('{"id": "p", "name": "P", "segments": [{"id": "a", "name": "A"}], "events": ['
     '{"type": "tender_start", "on": "2027-04-01"}, '
     '{"type": "tender_start", "on": "2027-04-01", "note": "x", "on": "2027-05-01"}]}',
     "events[1]", "p.json: events[1]: the key 'on' is given twice"),
    ('{"id": "p", "name": "P", "segments": [{"id": "a", "name": "A"}], "plans": [{"id": "x", '
     '"published": "2027-01-01", "reason": "r", "milestones": {"gunning": "2027-04-01", '
     '"gunning": "2027-05-01", "gunning": "2027-06-01"}}]}',
     "plans[0].milestones", "p.json: plans[0].milestones: the key 'gunning' is given 3 times"),
    ('{"id": "p", "name": "P", "segments": [{"id": "a", "name": "A", "name": "A"}]}',
     "segments[0]", "p.json: segments[0]: the key 'name' is given twice"),
    # Written with spaces before the colon, and with the second value wrong: still the key twice.
    ('{"id" : "p", "name" : "P", "segments" : [{"id" : "a", "name" : "A"}], "events" : ['
     '{"type" : "tender_start", "on" : "2027-04-01", "on" : "2027-13-01"}]}',
     "events[0]", "p.json: events[0]: the key 'on' is given twice"),
], ids=["top", "event", "nested-three-times", "segment", "spaced-and-invalid"])
def test_a_key_given_twice_is_refused_naming_the_key_and_its_place(text: str, place: str,
                                                                     message: str) -> None:
    err = refused(text)
    assert err.place == place
    assert str(err) == message


def test_no_key_twice_is_not_mistaken_for_one() -> None:
    # An escaped quote before a colon inside a text, spaces before colons, the same key in two
    # objects: all one key each, loaded as they are.
    text = ('{"id": "p", "name": "say \\"x\\": y", "segments": [{"id" :"a", "name": "A"}, '
            '{"id": "b", "name": "B"}], "sources": {"k\\"": "v"}}')
    data = procedure_data_from_json(text, "p.json")
    assert data.name == 'say "x": y'
    assert duplicate_key(text) is None


def test_the_cheap_proof_holds_for_the_bundled_procedures() -> None:
    # Loading checks keys exactly only when the cheap count cannot prove there is no key twice.
    for name in ("inkoop2022.json", "jeugdhulp2026.json"):
        text = bundled_bytes("data", name).decode()
        assert key_bound(text) == keys_given(procedure_data_from_json(text, name))


# -- "Why" 5: intervals end on or after their start ---------------------------------------------------

def test_an_overgangsregeling_that_ends_before_it_starts_is_refused_with_both_dates() -> None:
    err = refused(changed(("events", 1, "end"), "2027-12-31"))
    assert (err.place, err.value) == ("events[1].end", "2027-12-31")
    assert str(err) == "p.json: events[1].end: '2027-12-31': is before start 2028-01-01"
    with pytest.raises(ai.InvalidInputError, match=r"^Overgangsregeling\.end: 2027-12-31 is before start "
                                                    r"2028-01-01$"):
        ai.Overgangsregeling(on=dt.date(2027, 11, 1), start=dt.date(2028, 1, 1), end=dt.date(2027, 12, 31))


def test_an_overgangsregeling_of_one_day_is_accepted() -> None:
    data = procedure_data_from_json(changed(("events", 1, "end"), "2028-01-01"), "p.json")
    assert data.events[1].end == dt.date(2028, 1, 1)


def test_a_plan_with_its_milestones_out_of_order_is_refused_with_both_dates() -> None:
    err = refused(changed(("plans", 0, "milestones", "contract_start"), "2027-09-30"))
    assert err.place == "plans[0].milestones"
    assert str(err).endswith(": contract_start 2027-09-30 is before gunning 2027-10-01")


# -- "Why" 5: the schema says the same ----------------------------------------------------------------

def test_the_schema_gives_dates_their_pattern_and_yes_no_as_booleans() -> None:
    schema = ai.procedure_schema()
    event = schema["$defs"]["Overgangsregeling"]["properties"]
    for date in (event["on"], event["end"], schema["$defs"]["Plan"]["properties"]["published"]):
        assert date["type"] == "string"
        assert date["pattern"] == "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
    assert schema["properties"]["standstill_atw"]["type"] == "boolean"
    assert {"type": "integer", "minimum": 1} in schema["properties"]["standstill_days"]["anyOf"]
    assert "key twice" in schema["$comment"]


def test_the_schema_refuses_what_the_library_refuses() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    validator = jsonschema.Draft202012Validator(ai.procedure_schema())
    assert list(validator.iter_errors(BASE)) == []
    for path, value in [(("events", 0, "on"), "2027-04-01T00:00:00Z"), (("events", 0, "on"), 1806537600),
                        (("plans", 0, "published"), "20270401"), (("standstill_atw",), "off"),
                        (("standstill_days",), "20"), (("standstill_days",), True)]:
        assert list(validator.iter_errors(json.loads(changed(path, value)))), (path, value)


# -- "Why" 6: a 10 MB value, key or line gives a short message with its length ------------------------

BIG = "x" * 10_485_760


def short_with_length(message: str, length: int) -> None:
    assert len(message) < 400, message[:500]
    assert f"({length} characters)" in message


def test_a_10_mb_value_gives_a_short_message_with_its_length() -> None:
    err = refused(changed(("events", 0, "on"), BIG))
    assert err.value == BIG  # the error keeps it whole
    short_with_length(str(err), len(BIG))
    shown = "'" + "x" * (SHOWN_LENGTH - 4) + "... (10485760 characters)"
    assert str(err).startswith(f"p.json: events[0].on: {shown}: should be a date")


def test_a_10_mb_key_gives_a_short_message_with_its_length() -> None:
    data = copy.deepcopy(BASE)
    data["events"][0][BIG] = 1
    short_with_length(str(refused(json.dumps(data))), len("events[0].") + len(BIG))
    data = copy.deepcopy(BASE)
    data["sources"] = {BIG: 5}  # a dict's key is in the place
    short_with_length(str(refused(json.dumps(data))), len("sources.") + len(BIG))
    text = '{"id": "p", "' + BIG + '": 1, "' + BIG + '": 2}'  # the key given twice
    short_with_length(str(refused(text)), len(BIG))


def test_a_10_mb_value_in_python_gives_a_short_message_with_its_length() -> None:
    with pytest.raises(ai.InvalidInputError) as info:
        ai.TenderStart(on=BIG)
    short_with_length(str(info.value), len(BIG))
    with pytest.raises(ai.InvalidInputError) as info:
        ai.TenderStart(on=dt.date(2027, 4, 1), **{BIG: 1})
    short_with_length(str(info.value), len("TenderStart.") + len(BIG))


def test_a_10_mb_line_that_is_not_json_or_not_utf8_gives_a_short_message() -> None:
    err = refused('{"id": "' + BIG + '" x}')
    assert len(str(err)) < 400
    assert "column 10485771" in str(err)
    err = refused(b'{"id": "' + BIG.encode() + b'\xe9"}')
    assert len(str(err)) < 400
    assert "column 10485769" in str(err)
    assert "x\u00e9\"}': is not UTF-8 text" in str(err)  # the part of the line around the byte


def test_a_10_mb_value_gives_one_short_line_on_the_command_line(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from achterhoek_inkoop.cli import main

    path = tmp_path / "p.json"
    path.write_text(changed(("events", 0, "on"), BIG))
    assert main(["check", str(path)]) != 0
    err = capsys.readouterr().err
    assert len(err) < 600
    assert "(10485760 characters)" in err
