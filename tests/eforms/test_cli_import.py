"""``achterhoek-inkoop import``: the procedure file on stdout or in -o, a summary on stderr, and the
commands that read a procedure file work on what it wrote."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import achterhoek_inkoop as ai
from achterhoek_inkoop.cli import main

DATA = Path(__file__).parent / "data"
CAN_MAX = str(DATA / "can_24_maximal.xml")


def test_stdout_is_the_procedure_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert main(["import", str(DATA / "cn_24_open.xml")]) == 0
    out, err = capsys.readouterr()
    path = tmp_path / "p.json"
    path.write_text(out, encoding="utf-8")
    assert ai.load_procedure(path) == ai.from_eforms(DATA / "cn_24_open.xml")
    # The finding: the deadline for tenders is 5 days short of the minimum of Aw 2012 art. 2.71.
    assert "1 segment(s), 1 event(s), 1 note(s), 1 finding(s)" in err
    assert "[minimumtermijn]" in err or "minimumtermijn" in err


def test_output_file_then_check_status_ocds(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "procedure.json"
    assert main(["import", CAN_MAX, "-o", str(path)]) == 0
    out, err = capsys.readouterr()
    assert out == ""
    assert f"wrote {path}" in err
    assert "definitieve-gunning-voor-einde-standstill" in err
    assert main(["check", str(path)]) == 1
    assert "definitieve-gunning-voor-einde-standstill" in capsys.readouterr().out
    assert main(["status", str(path), "--on", "2023-04-01"]) == 0
    assert "Alcatel standstill ends" in capsys.readouterr().out
    assert main(["ocds", str(path), "--on", "2023-05-01"]) == 0
    assert json.loads(capsys.readouterr().out)["releases"]


def test_refusal_exits_2_naming_the_file(capsys: pytest.CaptureFixture[str]) -> None:
    pin = str(DATA / "pin-only_24.xml")
    assert main(["import", pin]) == 2
    err = capsys.readouterr().err
    assert err.startswith("achterhoek-inkoop import: error: ")
    assert pin in err
    assert err.count("\n") == 1


def test_skip_unused(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["import", "--skip-unused", str(DATA / "cn_24_open.xml"), str(DATA / "pin-only_24.xml")]) == 0
    assert "pin-only_24.xml skipped" in capsys.readouterr().err


def test_two_procedures_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["import", str(DATA / "cn_24_open.xml"), CAN_MAX]) == 2
    assert "is of another procedure" in capsys.readouterr().err
