"""Procedure files: save and load, atomic writes, errors that name the file, place and value.

The JSON Schema and the template are in ``test_template_and_schema.py``.
"""

from __future__ import annotations

import copy
import json
import os
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from helpers import BUNDLED, BUNDLED_BYTES

import achterhoek_inkoop as ai

BUNDLED_TEXT = BUNDLED_BYTES.decode("utf-8")
OLD_MTIME_NS = 1_600_000_000_000_000_000  # 2020-09-13: a time no test run can produce


def write_json(path: Path, data: Any) -> Path:
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False), encoding="utf-8")
    os.utime(path, ns=(OLD_MTIME_NS, OLD_MTIME_NS))
    return path


def folder_state(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in folder.iterdir()}


# -- round trip -----------------------------------------------------------------

def test_inkoop2022_round_trips_through_a_file(tmp_path: Path) -> None:
    proc = ai.inkoop2022()
    path = tmp_path / "inkoop2022.json"
    proc.save(path)
    loaded = ai.load_procedure(path)
    assert loaded == proc
    assert loaded.events == proc.events
    assert loaded.check() == []
    assert loaded.intervals() == proc.intervals()
    for seg in proc.data.segment_ids:
        assert loaded.intervals(seg) == proc.intervals(seg)
    # The saved text is what to_json gives, and saving again writes the same bytes.
    saved = path.read_text(encoding="utf-8")
    assert saved == proc.to_json()
    again = tmp_path / "again.json"
    loaded.save(again)
    assert again.read_bytes() == path.read_bytes()


def test_saved_text_is_the_same_json_as_the_bundled_file(tmp_path: Path) -> None:
    path = tmp_path / "inkoop2022.json"
    ai.inkoop2022().save(path)
    saved = json.loads(path.read_text(encoding="utf-8"))
    assert saved == json.loads(ai.load_procedure(path).to_json())
    # Nothing is lost against the bundled data: every field written in the bundled file is kept.
    assert saved["segments"] == BUNDLED["segments"]
    assert saved["plans"] == BUNDLED["plans"]
    for ours, theirs in zip(saved["events"], BUNDLED["events"], strict=True):
        assert {k: v for k, v in ours.items() if k in theirs} == theirs


def test_bundled_file_loads_to_the_bundled_procedure(tmp_path: Path) -> None:
    path = tmp_path / "copy.json"
    path.write_text(BUNDLED_TEXT, encoding="utf-8")
    assert ai.load_procedure(path) == ai.inkoop2022()
    assert ai.load_procedure(str(path)) == ai.inkoop2022()  # a str path works too


def test_recorded_event_survives_save_and_load(tmp_path: Path) -> None:
    proc = ai.inkoop2022()
    proc.record(ai.NotaVanInlichtingen(on=date(2021, 5, 3), number=2, note="Vragenronde 2"))
    path = tmp_path / "p.json"
    proc.save(path)
    loaded = ai.load_procedure(path)
    assert loaded == proc
    assert loaded.events[-1] == ai.NotaVanInlichtingen(on=date(2021, 5, 3), number=2, note="Vragenronde 2")


def test_save_overwrites_an_existing_file_only_when_told(tmp_path: Path) -> None:
    path = tmp_path / "p.json"
    path.write_text("old", encoding="utf-8")
    with pytest.raises(ai.ConflictError, match="was not loaded from it"):
        ai.inkoop2022().save(path)  # a file it never read: what it holds is not lost unasked
    assert path.read_text(encoding="utf-8") == "old"
    ai.inkoop2022().save(path, overwrite=True)
    assert ai.load_procedure(path) == ai.inkoop2022()
    assert [p.name for p in tmp_path.iterdir()] == ["p.json"]


# -- atomic save ------------------------------------------------------------------

def test_save_is_atomic_when_the_rename_fails(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "procedure.json"
    template = ai.Procedure(ai.procedure_template())
    template.save(path)
    os.utime(path, ns=(OLD_MTIME_NS, OLD_MTIME_NS))
    before = folder_state(tmp_path)

    def crash(src: Any, dst: Any) -> None:
        raise OSError("disk pulled out mid-save")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(OSError, match="mid-save"):
        ai.inkoop2022().save(path, overwrite=True)
    monkeypatch.undo()
    assert folder_state(tmp_path) == before  # the old file intact, no temporary file left
    assert ai.load_procedure(path) == template


def test_save_is_atomic_when_writing_fails(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "procedure.json"
    ai.inkoop2022().save(path)
    before = folder_state(tmp_path)

    def crash(fd: int) -> None:
        raise OSError("no space left")

    monkeypatch.setattr(os, "fsync", crash)
    with pytest.raises(OSError, match="no space"):
        ai.Procedure(ai.procedure_template()).save(path, overwrite=True)
    monkeypatch.undo()
    assert folder_state(tmp_path) == before


def test_failed_save_of_a_new_file_leaves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def crash(src: Any, dst: Any) -> None:
        raise OSError("crash")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(OSError, match="crash"):
        ai.inkoop2022().save(tmp_path / "new.json")
    monkeypatch.undo()
    assert list(tmp_path.iterdir()) == []


# -- load errors ------------------------------------------------------------------

def _set(path: tuple[Any, ...], value: Any) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        target: Any = data
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value
    return change


def _pop(path: tuple[Any, ...]) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        target: Any = data
        for key in path[:-1]:
            target = target[key]
        del target[path[-1]]
    return change


# (change, the place the error must name, text of the value the error must show)
BAD_FILES: dict[str, tuple[Callable[[dict[str, Any]], None], str, str]] = {
    "unknown-top-level-field": (_set(("comment",), "edit me"), "comment", "'edit me'"),
    "unknown-field-in-a-segment": (_set(("segments", 1, "colour"), "blue"), "segments[1].colour", "'blue'"),
    "unknown-segment-in-an-event": (
        _set(("events", 9, "segments", 1), "wmo-vervoer"), "events[9].segments[1]", "'wmo-vervoer'"),
    "unknown-segment-in-a-municipality": (
        _set(("municipalities", 6, "segments", 0), "wmo-vervoer"), "municipalities[6].segments[0]",
        "'wmo-vervoer'"),
    "unknown-municipality-in-an-event": (
        _set(("events", 12, "municipalities"), ["aalten", "lochem"]), "events[12].municipalities[1]",
        "'lochem'"),
    "malformed-event-date": (_set(("events", 9, "on"), "2022-02-30"), "events[9]", "'2022-02-30'"),
    "malformed-plan-date": (
        _set(("plans", 0, "published"), "2020-13-01"), "plans[0].published", "'2020-13-01'"),
    "unknown-event-type": (_set(("events", 3, "type"), "gunning"), "events[3]", "'gunning'"),
    "field-of-another-event-type": (_set(("events", 3, "outcome"), "awarded"), "events[3]", "'awarded'"),
    "missing-event-field": (_pop(("events", 9, "outcome")), "events[9]", "outcome"),
    "wrong-value-in-an-event": (_set(("events", 9, "outcome"), "gegund"), "events[9]", "'gegund'"),
    "wrong-schema-version": (_set(("schema_version",), 2), "schema_version", "2"),
}


@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_bad_file_raises_naming_file_place_and_value_and_changes_nothing(tmp_path: Path, case: str) -> None:
    change, place, value = BAD_FILES[case]
    data = copy.deepcopy(BUNDLED)
    change(data)
    path = write_json(tmp_path / "bad procedure.json", data)
    before = folder_state(tmp_path)
    with pytest.raises(ai.DataFileError) as info:
        ai.load_procedure(path)
    err = info.value
    assert isinstance(err, ai.InkoopError)
    text = str(err)
    assert str(path) in text
    assert err.path == str(path)
    assert err.place.startswith(place), (err.place, place)
    assert place in text
    assert value in text
    assert folder_state(tmp_path) == before


@pytest.mark.parametrize(
    ("case", "place"),
    [
        ("malformed-event-date", "events[9].on"),
        ("field-of-another-event-type", "events[3].outcome"),
        ("missing-event-field", "events[9].outcome"),
    ],
)
def test_place_inside_an_event_is_a_json_path_of_the_file(tmp_path: Path, case: str, place: str) -> None:
    change, _place, _value = BAD_FILES[case]
    data = copy.deepcopy(BUNDLED)
    change(data)
    path = write_json(tmp_path / "bad.json", data)
    with pytest.raises(ai.DataFileError) as info:
        ai.load_procedure(path)
    assert info.value.place == place


def test_malformed_date_names_the_date_field(tmp_path: Path) -> None:
    data = copy.deepcopy(BUNDLED)
    data["events"][9]["on"] = "2022-02-30"
    path = write_json(tmp_path / "bad.json", data)
    with pytest.raises(ai.DataFileError) as info:
        ai.load_procedure(path)
    assert info.value.place.endswith(".on")
    assert info.value.value == "2022-02-30"


def test_duplicate_segment_id_names_the_place_and_the_id(tmp_path: Path) -> None:
    data = copy.deepcopy(BUNDLED)
    data["segments"].append(copy.deepcopy(data["segments"][0]))
    path = write_json(tmp_path / "dup.json", data)
    with pytest.raises(ai.DataFileError) as info:
        ai.load_procedure(path)
    assert "wmo-wonen" in str(info.value)
    assert info.value.place.startswith("segments")
    assert len(str(info.value)) < 400


@pytest.mark.parametrize("text", ['{"id": "x", ', "not json at all", "", '{"events": [1,]}'])
def test_invalid_json_raises_naming_the_file(tmp_path: Path, text: str) -> None:
    path = tmp_path / "broken.json"
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(OLD_MTIME_NS, OLD_MTIME_NS))
    before = folder_state(tmp_path)
    with pytest.raises(ai.DataFileError) as info:
        ai.load_procedure(path)
    assert str(path) in str(info.value)
    assert "JSON" in str(info.value)
    assert folder_state(tmp_path) == before


def test_missing_file_raises_naming_it_and_creates_nothing(tmp_path: Path) -> None:
    path = tmp_path / "nowhere.json"
    with pytest.raises(ai.DataFileError) as info:
        ai.load_procedure(path)
    assert str(path) in str(info.value)
    assert list(tmp_path.iterdir()) == []


def test_a_folder_is_not_a_procedure_file(tmp_path: Path) -> None:
    with pytest.raises(ai.DataFileError) as info:
        ai.load_procedure(tmp_path)
    assert str(tmp_path) in str(info.value)


def test_a_bad_file_can_be_caught_as_a_value_error_or_the_librarys_error(tmp_path: Path) -> None:
    # Callers that catch ValueError for bad input keep working.
    change, place, _value = BAD_FILES["wrong-value-in-an-event"]
    data = copy.deepcopy(BUNDLED)
    change(data)
    path = write_json(tmp_path / "bad.json", data)
    for caught in (ValueError, ai.InkoopError):
        with pytest.raises(caught) as info:
            ai.load_procedure(path)
        assert type(info.value) is ai.DataFileError
        assert info.value.place.startswith(place)


def test_a_saved_file_is_not_made_private(tmp_path: Path) -> None:
    # Written through a temporary file, but with the usual permissions (the umask), not 0600.
    old = os.umask(0o022)
    try:
        target = tmp_path / "proc.json"
        ai.inkoop2022().save(target)
    finally:
        os.umask(old)
    assert target.stat().st_mode & 0o777 == 0o644
