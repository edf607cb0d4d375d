"""Recording from the command line: `add` an event, list the `events`, `remove` one."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

import achterhoek_inkoop as ai
from achterhoek_inkoop.cli import main

BUNDLED = Path(ai.__file__).parent / "data" / "inkoop2022.json"


@pytest.fixture
def file(tmp_path: Path) -> Path:
    path = tmp_path / "inkoop.json"
    path.write_bytes(BUNDLED.read_bytes())
    return path


def test_add_records_an_event_and_saves_the_file(file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["add", str(file), "kort_geding", "--on", "2022-03-20", "--segments", "wmo-wonen",
                 "--by", "Aanbieder X", "--case", "C/05/1"]) == 0
    out = capsys.readouterr().out
    assert "recorded kort_geding kort-geding-1 on 2022-03-20" in out
    assert "definitieve-gunning-tijdens-kort-geding" in out   # the warning it gives is shown
    proc = ai.load_procedure(file)
    assert ai.KortGeding(on=date(2022, 3, 20), segments=("wmo-wonen",), by="Aanbieder X",
                         case="C/05/1", id="kort-geding-1") in proc.events
    assert len(proc.events) == len(ai.inkoop2022().events) + 1


def test_add_takes_several_values_and_any_field(file: Path) -> None:
    assert main(["add", str(file), "dialogue_activity", "--on", "2021-03-01", "--kind", "gesprekstafel",
                 "--segments", "wmo-wonen", "wmo-logeren", "--title", "Gesprekstafel Wmo"]) == 0
    [event] = [e for e in ai.load_procedure(file).events if getattr(e, "title", None) == "Gesprekstafel Wmo"]
    assert event.segments == ("wmo-wonen", "wmo-logeren")


def test_a_refused_event_prints_the_rule_and_leaves_the_file_unchanged(
        file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = file.read_bytes()
    # During the tender no dialogue is allowed.
    assert main(["add", str(file), "dialogue_activity", "--on", "2021-05-03", "--kind", "gesprekstafel"]) == 1
    out = capsys.readouterr().out
    assert "refused, the file is unchanged" in out
    assert "dialoog-tijdens-aanbesteding" in out
    assert file.read_bytes() == before


@pytest.mark.parametrize(("argv", "text"), [
    (["award_decision", "--on", "2022-03-01", "--outcome", "maybe"], "--outcome: 'maybe' is not accepted"),
    (["award_decision", "--on", "2022-13-01", "--outcome", "awarded"], "not a valid date"),
    (["kort_geding", "--on", "2022-03-20", "--segments", "nope"], "nope"),
    (["award_decision", "--on", "2022-03-01"], "--outcome"),
])
def test_a_bad_value_is_one_line_naming_it_and_leaves_the_file_unchanged(
        file: Path, capsys: pytest.CaptureFixture[str], argv: list[str], text: str) -> None:
    before = file.read_bytes()
    try:
        code = main(["add", str(file), *argv])
    except SystemExit as exc:   # refused by the argument parser itself
        code = exc.code   # type: ignore[assignment]
    assert code == 2
    err = capsys.readouterr().err
    assert text in err
    assert len(err.strip().splitlines()) == 1
    assert file.read_bytes() == before


def test_events_lists_each_event_with_its_index(file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["events", str(file)]) == 0
    lines = capsys.readouterr().out.splitlines()
    events = ai.inkoop2022().events
    assert len(lines) == len(events)
    assert lines[3].split()[:3] == ["3", "2021-04-01", "tender_start"]


def test_remove_takes_an_event_out(file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    events = ai.inkoop2022().events
    last = len(events) - 1
    assert main(["remove", str(file), str(last)]) == 0
    assert "removed event" in capsys.readouterr().out
    assert ai.load_procedure(file).events == events[:last]


def test_a_removal_that_breaks_a_rule_is_refused(file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = file.read_bytes()
    assert main(["remove", str(file), "3"]) == 1   # the tender start: every award is then out of order
    out = capsys.readouterr().out
    assert "is refused, the file is unchanged" in out
    assert "volgorde" in out
    assert file.read_bytes() == before


def test_remove_a_missing_index_is_an_error(file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["remove", str(file), "999"]) == 2
    assert "index: 999 is not an event" in capsys.readouterr().err


def test_add_gives_each_event_a_stable_id_and_refuses_one_taken(
        file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for day in ("2021-01-11", "2021-01-12"):
        assert main(["add", str(file), "dialogue_activity", "--on", day, "--kind", "gesprekstafel"]) == 0
    ids = [e.id for e in ai.load_procedure(file).events if e.id]
    assert ids == ["gesprekstafel-1", "gesprekstafel-2"]
    before = file.read_bytes()
    assert main(["add", str(file), "dialogue_activity", "--on", "2021-01-13", "--kind", "kennissessie",
                 "--id", "gesprekstafel-1"]) == 2
    assert "is the id of an event already recorded" in capsys.readouterr().err
    assert file.read_bytes() == before
