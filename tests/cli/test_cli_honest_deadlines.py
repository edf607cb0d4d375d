"""``achterhoek-inkoop deadline`` and ``status`` say deadlines honestly (issue 9, item 10).

The three reproductions of the issue, each as the command line prints it:
``--days 10`` warns that Aw 2012 art. 2.127 lid 3 requires at least 20 days (exit status 0);
``--days 120`` ends on Sunday 2025-06-29 because of Atw art. 4, not because day 120 is a
working day; ``--sent 2021-04-23`` names Monday 2021-05-17 as the safe end, since no decree of
gelijkgestelde dagen is known for 2021 and the usual one declares Friday 14 May.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from helpers import procedure, run_cli

import achterhoek_inkoop as ai


def test_a_10_day_standstill_prints_a_warning_line_and_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run_cli(capsys, "deadline", "--sent", "2025-03-01", "--days", "10")
    assert status == 0
    assert err == ""
    lines = out.splitlines()
    assert lines[1].startswith("warning: Aw 2012 art. 2.127 lid 3 requires a standstill of at least 20 "
                               "calendar days: this one of 10 days is shorter")
    assert out.count("art. 2.127 lid 3") == 1  # the warning, not again among the notes
    assert "standstill ends       Tuesday 2025-03-11, 24:00" in out
    status, out, _ = run_cli(capsys, "deadline", "--sent", "2025-03-01", "--days", "10", "--json")
    assert status == 0
    data = json.loads(out)
    assert data["warning"].startswith("Aw 2012 art. 2.127 lid 3 requires")
    assert data["notes"] == [data["warning"]]


def test_20_days_print_no_warning(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run_cli(capsys, "deadline", "--sent", "2025-03-01")
    assert "warning" not in out


def test_a_120_day_period_cites_atw_art_4(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run_cli(capsys, "deadline", "--sent", "2025-03-01", "--days", "120")
    assert status == 0
    assert err == ""
    assert "to Sunday 2025-06-29 (day 120)" in out
    assert "standstill ends       Sunday 2025-06-29, 24:00" in out
    assert ("  why                   day 120 is a Sunday, but is not extended: the Atw does not apply "
            "to a period longer than 90 days (Atw art. 4)") in out
    assert "is a working day" not in out


def test_sent_2021_04_23_names_the_safe_end(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run_cli(capsys, "deadline", "--sent", "2021-04-23")
    assert status == 0
    assert err == ""
    assert "standstill ends       Friday 2021-05-14, 24:00" in out
    assert "final award from      Saturday 2021-05-15" in out
    assert "safe end              Monday 2021-05-17, 24:00" in out
    assert "safe final award from Tuesday 2021-05-18 (the safe date to conclude the contract)" in out
    assert "2021-05-14 would be a gelijkgestelde dag (Friday after Hemelvaartsdag)" in out
    _, out, _ = run_cli(capsys, "deadline", "--sent", "2021-04-23", "--json")
    data = json.loads(out)
    assert (data["end"], data["safe_end"], data["safe_final_from"]) == (
        "2021-05-14", "2021-05-17", "2021-05-18")


def test_no_safe_end_where_a_decree_covers_the_year(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run_cli(capsys, "deadline", "--sent", "2022-03-14")
    assert "safe" not in out
    _, out, _ = run_cli(capsys, "deadline", "--sent", "2022-03-14", "--json")
    assert json.loads(out)["safe_end"] is None


def test_status_shows_the_safe_end_next_to_the_standstills_end(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    proc = procedure(ai.TenderStart(on=date(2021, 1, 4)),
                     ai.AwardDecision(on=date(2021, 4, 23), outcome="awarded"))
    path = tmp_path / "p.json"
    proc.save(path)
    status, out, err = run_cli(capsys, "status", str(path), "--on", "2021-05-01")
    assert status == 0, err
    [line] = [line for line in out.splitlines() if "Alcatel standstill ends" in line]
    assert line.lstrip().startswith("2021-05-14")
    assert "safe end 2021-05-17" in line
    assert "conclude the contract from 2021-05-18" in line
    _, out, _ = run_cli(capsys, "status", str(path), "--on", "2021-05-01", "--json")
    [entry] = [d for d in json.loads(out)["next_deadlines"] if "Alcatel standstill ends" in d["what"]]
    assert entry["date"] == "2021-05-14"
    assert "safe end 2021-05-17" in entry["what"]


def test_status_of_a_covered_year_shows_no_safe_end(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run_cli(capsys, "status", "--on", "2022-03-20")
    assert "safe end" not in out
