"""The ``achterhoek-inkoop deadline`` command (issue 2, item 5).

Most cases run in-process through ``_cli.main(argv)``; one runs the real
``python -m achterhoek_inkoop`` in a subprocess to prove the entry point works.
"""

import contextlib
import io
import json
import subprocess
import sys
from datetime import date

import pytest
from helpers import WORKED_EXAMPLE, run_cli
from hypothesis import given, settings
from hypothesis import strategies as st

import achterhoek_inkoop as ai
from achterhoek_inkoop import strategies as ais
from achterhoek_inkoop.cli._main import main

# The keys the issue fixes, plus atw, notes and source (documented in StandstillPeriod.to_dict), and
# those of issue 9: why an end did not move, the safe end in a year no decree covers, the warning.
JSON_KEYS = {
    "sent", "days", "start", "nominal_end", "end", "final_from", "extensions",
    "atw", "notes", "source", "not_extended", "safe_end", "safe_final_from", "warning", "rulebook",
    "counting",
}  # fmt: skip


def test_text_output_of_the_worked_example(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run_cli(capsys, "deadline", "--sent", "2022-03-14")
    assert status == 0
    assert err == ""
    assert "Algemene termijnenwet applied" in out
    assert "award decision sent   Monday 2022-03-14" in out
    assert "Tuesday 2022-03-15 (day 1)" in out
    assert "Sunday 2022-04-03 (day 20)" in out
    assert "standstill ends       Monday 2022-04-04, 24:00" in out
    assert "final award from      Tuesday 2022-04-05" in out
    assert "2022-04-03 is a Sunday (Atw art. 1)" in out
    assert "2022-05-27" in out  # the note: 2022's decreed day is only reported


def test_json_output_of_the_worked_example(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run_cli(capsys, "deadline", "--sent", "2022-03-14", "--json")
    assert status == 0
    assert err == ""
    data = json.loads(out)
    assert set(data) == JSON_KEYS
    assert {k: data[k] for k in WORKED_EXAMPLE} == WORKED_EXAMPLE


def test_no_atw(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run_cli(capsys, "deadline", "--sent", "2022-03-14", "--no-atw", "--json")
    assert status == 0
    data = json.loads(out)
    assert data["end"] == data["nominal_end"] == "2022-04-03"
    assert data["final_from"] == "2022-04-04"
    assert data["extensions"] == []
    assert data["atw"] is False
    status, out, _ = run_cli(capsys, "deadline", "--sent", "2022-03-14", "--no-atw")
    assert status == 0
    assert "standstill ends       Sunday 2022-04-03, 24:00" in out
    assert "Algemene termijnenwet not applied" in out


def test_days(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run_cli(capsys, "deadline", "--sent", "2022-03-14", "--days", "10", "--json")
    assert status == 0
    data = json.loads(out)
    assert data["days"] == 10
    assert data["nominal_end"] == data["end"] == "2022-03-24"  # a Thursday
    assert data["final_from"] == "2022-03-25"
    status, out, _ = run_cli(capsys, "deadline", "--sent", "2022-03-14", "--days", "10")
    assert status == 0
    assert "day 10 is a working day: no extension" in out


@settings(max_examples=50)
@given(ais.award_decision_dates(min_value=date(1950, 1, 1), max_value=date(2100, 12, 31)),
       st.integers(1, 120), st.booleans())
def test_deadline_json_is_the_standstill_period(sent: date, days: int, atw: bool) -> None:
    argv = ["deadline", "--sent", sent.isoformat(), "--days", str(days), "--json"]
    argv += [] if atw else ["--no-atw"]
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        assert main(argv) == 0
    assert err.getvalue() == ""
    assert json.loads(out.getvalue()) == ai.standstill_period(sent, days, atw=atw).to_dict()


@pytest.mark.parametrize(
    ("argv", "named"),
    [
        (["--sent", "2022-02-30"], "2022-02-30"),
        (["--sent", "14-03-2022"], "14-03-2022"),
        (["--sent", "1900-01-01"], "1900-01-01"),
        (["--sent", "2022-03-14", "--days", "0"], "'0'"),
        (["--sent", "2022-03-14", "--days", "-3"], "'-3'"),
        (["--sent", "2022-03-14", "--days", "abc"], "'abc'"),
        ([], "--sent"),
    ],
    ids=lambda v: " ".join(v) if isinstance(v, list) else v,
)
def test_invalid_input_is_one_line_and_status_2(
    capsys: pytest.CaptureFixture[str], argv: list[str], named: str
) -> None:
    status, out, err = run_cli(capsys, "deadline", *argv)
    assert status == 2
    assert out == ""
    assert err.endswith("\n")
    assert len(err.splitlines()) == 1, err
    assert named in err
    assert "Traceback" not in err
    assert err.startswith("achterhoek-inkoop deadline: error: ")


def test_the_module_runs_as_a_command() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "achterhoek_inkoop", "deadline", "--sent", "2022-03-14"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "2022-04-05" in done.stdout
    assert done.stderr == ""


def test_a_reader_that_stops_early_gets_no_error_message() -> None:
    # `achterhoek-inkoop diagram | head -1`: the closed pipe is the reader's choice, not an error.
    command = [sys.executable, "-m", "achterhoek_inkoop", "diagram"]
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as proc:
        assert proc.stdout is not None
        assert proc.stderr is not None
        proc.stdout.readline()
        proc.stdout.close()
        err = proc.stderr.read()
        proc.wait(timeout=60)
    assert err == b""
