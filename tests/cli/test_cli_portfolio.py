"""The ``portfolio`` command: the table of ``Portfolio.on``, in English or Dutch, and the failures."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from helpers import BUNDLED, run_cli

import achterhoek_inkoop as ai
from achterhoek_inkoop.cli._portfolio import format_portfolio
from achterhoek_inkoop.exports import portfolio_rows


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "inkoop.json").write_text(json.dumps(BUNDLED), encoding="utf-8")
    ai.jeugdhulp2026().save(tmp_path / "jeugdhulp.json")
    (tmp_path / "procedure.schema.json").write_text(json.dumps(ai.procedure_schema()), encoding="utf-8")
    return tmp_path


def test_the_table(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_cli(capsys, "portfolio", str(folder), "--on", "2022-03-20")
    assert (code, err) == (0, "")
    header, inkoop, jeugdhulp = out.splitlines()
    assert header.split() == ["file", "name", "phase", "dialogue", "allowed", "segments"]
    assert inkoop.startswith(str(folder / "inkoop.json"))
    assert "  gunning  " in inkoop
    assert "  no  " in inkoop
    assert "wmo-wonen: gunning.standstill, " in inkoop
    assert jeugdhulp.split()[0] == str(folder / "jeugdhulp.json")
    # The same rows as Portfolio.on.
    rows = portfolio_rows(ai.load_portfolio(folder), date(2022, 3, 20))
    assert out == format_portfolio(rows) + "\n"


def test_the_table_in_dutch(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(capsys, "portfolio", str(folder), "--on", "2021-02-10", "--lang", "nl")
    assert code == 0
    header, inkoop, _jeugdhulp = out.splitlines()
    assert header.split()[2:] == ["fase", "dialoog", "toegestaan", "percelen"]
    assert "  dialoog  " in inkoop
    assert "  ja  " in inkoop


def test_a_failure_is_named_on_stderr_and_exits_1(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (folder / "broken.json").write_text('{"name": ', encoding="utf-8")
    code, out, err = run_cli(capsys, "portfolio", str(folder), "--on", "2022-03-20", "--lang", "nl")
    assert code == 1
    assert len(out.splitlines()) == 3  # the header and the two that loaded
    assert err.startswith(f"achterhoek-inkoop portfolio: fout: {folder / 'broken.json'}: ")
    assert "is geen geldige JSON" in err


def test_a_folder_that_is_not_one(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_cli(capsys, "portfolio", str(tmp_path / "missing"), "--on", "2022-03-20")
    assert (code, out) == (2, "")
    assert "is not a folder" in err
