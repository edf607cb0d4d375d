"""Procedure files as people have them: a byte order mark, another encoding, ``"$schema"`` for
their editor, a field left out, a long value; each read, or refused with a short message that
names the place and says what to do.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from helpers import BUNDLED, BUNDLED_BYTES

import achterhoek_inkoop as ai
from achterhoek_inkoop._exceptions import SHOWN_LENGTH, show
from achterhoek_inkoop.cli._main import main
from achterhoek_inkoop.record import procedure_data_from_json

BUNDLED_TEXT = BUNDLED_BYTES.decode("utf-8")


def load_bytes(tmp_path: Path, content: bytes) -> ai.Procedure:
    path = tmp_path / "inkoop.json"
    path.write_bytes(content)
    return ai.load_procedure(path)


def refusal(tmp_path: Path, content: bytes) -> ai.DataFileError:
    path = tmp_path / "inkoop.json"
    path.write_bytes(content)
    with pytest.raises(ai.DataFileError) as info:
        ai.load_procedure(path)
    assert path.read_bytes() == content  # a refused file is left as it was
    assert str(path) in str(info.value)
    assert "\n" not in str(info.value)
    return info.value


# -- encodings -------------------------------------------------------------------

def test_a_utf8_file_with_a_byte_order_mark_is_read(tmp_path: Path) -> None:
    assert load_bytes(tmp_path, b"\xef\xbb\xbf" + BUNDLED_BYTES) == ai.inkoop2022()


def test_text_with_a_byte_order_mark_is_read() -> None:
    # As a str too: text read with encoding="utf-8" keeps the mark as its first character.
    assert ai.Procedure(procedure_data_from_json("\ufeff" + BUNDLED_TEXT, "inkoop.json")) == ai.inkoop2022()


def test_a_windows_1252_file_is_refused_saying_to_save_it_as_utf8(tmp_path: Path) -> None:
    data = copy.deepcopy(BUNDLED)
    data["name"] = "Inkoop 2022 Sociaal Domein (Zorg én Welzijn)"
    content = json.dumps(data, indent=2, ensure_ascii=False).encode("cp1252")
    assert b"\xe9" in content  # the é as Windows-1252 writes it
    err = refusal(tmp_path, content)
    text = str(err)
    assert "save the file as UTF-8" in text
    assert "not UTF-8" in text
    assert "0xE9" in text
    line = content[:content.index(b"\xe9")].count(b"\n") + 1
    assert f"line {line}," in text
    assert "'é'" in text  # what the byte is in Windows-1252
    assert err.value == '  "name": "Inkoop 2022 Sociaal Domein (Zorg én Welzijn)",'  # as its editor shows it


@pytest.mark.parametrize(("encoding", "named"), [
    ("utf-16", "UTF-16"), ("utf-16-le", "UTF-16 or UTF-32"), ("utf-16-be", "UTF-16 or UTF-32"),
    ("utf-32", "UTF-32"),
])
def test_a_utf16_or_utf32_file_is_refused_saying_to_save_it_as_utf8(tmp_path: Path, encoding: str,
                                                                    named: str) -> None:
    err = refusal(tmp_path, BUNDLED_TEXT.encode(encoding))
    assert str(err) == f"{tmp_path / 'inkoop.json'}: is {named} text; save the file as UTF-8 " \
                       "(in most editors: Save As, Encoding: UTF-8)"
    assert err.place == ""


def test_the_command_line_says_to_save_as_utf8_in_one_line(tmp_path: Path,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "inkoop.json"
    path.write_bytes(BUNDLED_TEXT.replace("Achterhoek", "Achterhoek é", 1).encode("cp1252"))
    assert main(["check", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "save the file as UTF-8" in err


# -- what the messages show ------------------------------------------------------

def test_a_missing_name_names_the_field_and_not_the_file(tmp_path: Path) -> None:
    data = {k: v for k, v in BUNDLED.items() if k != "name"}
    err = refusal(tmp_path, json.dumps(data).encode())
    assert err.place == "name"
    assert err.value is None
    assert str(err) == f"{tmp_path / 'inkoop.json'}: name: is missing: the file must have it"


def test_a_missing_field_of_an_event_names_its_place(tmp_path: Path) -> None:
    data = copy.deepcopy(BUNDLED)
    del data["events"][9]["outcome"]
    err = refusal(tmp_path, json.dumps(data).encode())
    assert err.place == "events[9].outcome"
    assert str(err).endswith("events[9].outcome: is missing: the file must have it")


def test_a_long_value_is_cut_to_80_characters_with_an_ellipsis(tmp_path: Path) -> None:
    data = copy.deepcopy(BUNDLED)
    data["comment"] = "a remark that goes on " * 20
    err = refusal(tmp_path, json.dumps(data).encode())
    assert err.place == "comment"
    assert err.value == data["comment"]  # the error keeps it whole
    shown = show(err.value)
    assert SHOWN_LENGTH == 80  # cut to 80 characters, with the value's length given (issue 13)
    assert shown == repr(data["comment"])[:77] + f"... ({len(data['comment'])} characters)"
    assert str(err) == (f"{tmp_path / 'inkoop.json'}: comment: {shown}: "
                        "is not a field here (extra inputs are not permitted)")


def test_an_argument_error_cuts_a_long_value_too() -> None:
    with pytest.raises(ai.InvalidInputError) as info:
        ai.inkoop2022().segment_state_on("x" * 500, ai.inkoop2022().events[0].on)
    assert "x" * 78 not in str(info.value)
    assert "'" + "x" * 76 + "..." in str(info.value)


def test_invalid_json_shows_the_line_it_fails_on(tmp_path: Path) -> None:
    lines = BUNDLED_TEXT.split("\n")
    number = next(i for i, line in enumerate(lines) if '"name"' in line) + 1
    lines[number - 1] += ","  # two commas: no JSON
    err = refusal(tmp_path, "\n".join(lines).encode())
    assert err.place == ""
    assert str(err.value) in lines[number - 1]  # the part of a long line around the place
    assert str(err.value).endswith('",,')
    assert f"(line {number}, column " in str(err)
    assert "is not valid JSON" in str(err)


def test_invalid_json_on_one_long_line_shows_the_part_around_the_place(tmp_path: Path) -> None:
    text = json.dumps(BUNDLED)
    cut = text.index('"segments"')
    err = refusal(tmp_path, (text[:cut] + "," + text[cut:]).encode())
    assert len(show(err.value)) <= 80
    assert ', ,"segments"' in str(err.value)


# -- "$schema" -------------------------------------------------------------------

def with_schema(url: str) -> dict[str, Any]:
    return {"$schema": url, **copy.deepcopy(BUNDLED)}


def test_schema_key_is_accepted_and_kept_on_save(tmp_path: Path) -> None:
    proc = load_bytes(tmp_path, json.dumps(with_schema("procedure.schema.json"), indent=2).encode())
    assert proc.data.schema_url == "procedure.schema.json"
    assert proc.events == ai.inkoop2022().events
    saved = tmp_path / "saved.json"
    proc.save(saved)
    text = saved.read_text(encoding="utf-8")
    assert text.startswith('{\n  "$schema": "procedure.schema.json",\n')
    assert ai.load_procedure(saved) == proc


def test_without_schema_key_none_is_written(tmp_path: Path) -> None:
    assert ai.inkoop2022().data.schema_url is None
    assert "$schema" not in json.loads(ai.inkoop2022().to_json())


def test_schema_key_is_set_from_python_by_its_name() -> None:
    data = ai.procedure_template().model_copy(update={"schema_url": "https://example.org/p.json"})
    assert json.loads(ai.Procedure(data).to_json())["$schema"] == "https://example.org/p.json"
    assert ai.ProcedureData(**{**ai.procedure_template().model_dump(), "schema_url": "s.json"}
                            ).schema_url == "s.json"


def test_the_json_schema_allows_the_schema_key() -> None:
    validator = jsonschema.Draft202012Validator(ai.procedure_schema())
    assert list(validator.iter_errors(with_schema("procedure.schema.json"))) == []
    assert [e.validator for e in validator.iter_errors(with_schema(1))] == ["anyOf"]  # type: ignore[arg-type]


def test_new_writes_the_schema_key_and_the_schema_beside(tmp_path: Path,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "mijn-inkoop.json"
    assert main(["new", str(path)]) == 0
    out = capsys.readouterr().out
    assert "procedure.schema.json" in out
    data = json.loads(path.read_text(encoding="utf-8"))
    assert next(iter(data)) == "$schema"
    assert data["$schema"] == ai.record.SCHEMA_FILE == "procedure.schema.json"
    # The name is relative to the file, as editors read it: the schema is there, and accepts it.
    schema = json.loads((path.parent / data["$schema"]).read_text(encoding="utf-8"))
    assert schema == ai.procedure_schema()
    jsonschema.Draft202012Validator(schema).validate(data)
    assert ai.load_procedure(path).data == ai.procedure_template().model_copy(
        update={"schema_url": "procedure.schema.json"})
    assert main(["check", str(path)]) == 0


def test_new_rewrites_our_schema_and_keeps_a_file_of_the_same_name_that_is_not(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    schema = tmp_path / "procedure.schema.json"
    schema.write_text('{"title": "a schema of another tool"}', encoding="utf-8")
    assert main(["new", str(tmp_path / "a.json")]) == 0
    assert "kept" in capsys.readouterr().out
    assert schema.read_text(encoding="utf-8") == '{"title": "a schema of another tool"}'
    schema.write_text(json.dumps({"title": "achterhoek_inkoop procedure file"}), encoding="utf-8")
    assert main(["new", str(tmp_path / "b.json")]) == 0
    assert json.loads(schema.read_text(encoding="utf-8")) == ai.procedure_schema()
