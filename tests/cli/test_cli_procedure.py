"""The procedure commands of ``achterhoek-inkoop``: status, check, new, schema, diagram.

The command line runs in-process through ``achterhoek_inkoop.cli._main.main(argv)``:
it returns the exit status, or raises SystemExit for argparse errors.
"""

from __future__ import annotations

import copy
import json
import os
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from helpers import BUNDLED, amsterdam_today, hand_broken_inkoop2022, procedure
from helpers import run_cli as run

import achterhoek_inkoop as ai

AWARDED = [
    "wmo-wonen", "wmo-integrale-ondersteuning", "integrale-ambulante-jeugdhulp", "gezins-en-woonvormen",
]


def assert_one_line_error(err: str, *names: str) -> None:
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    for name in names:
        assert name in lines[0], (name, lines[0])


def write(path: Path, data: Any) -> Path:
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False), encoding="utf-8")
    return path


# -- status -------------------------------------------------------------------------

def test_status_of_the_bundled_procedure_in_the_standstill(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "status", "--on", "2022-03-20")
    assert code == 0
    assert err == ""
    assert "Inkoop 2022" in out
    assert "gunning since 2022-03-14" in out
    assert "wmo-wonen                             standstill since 2022-03-15" in out
    assert "niet gegund since 2022-03-14" in out
    assert "wmo-logeren                           niet gegund since 2022-03-14" in out
    assert "164" in out  # the slip of the award
    assert "2022-04-05" in out  # the award may become final
    for seg in ai.inkoop2022().data.segment_ids:
        assert seg in out


def test_status_says_a_final_award_only_a_contract_shows_is_an_assumption(
        capsys: pytest.CaptureFixture[str]) -> None:
    # No final award is recorded for Inkoop 2022; once the contracts of 1 July 2022 are known,
    # the award was final from the first day it could be, and status says that is assumed.
    code, out, _err = run(capsys, "status", "--on", "2022-08-01", "--json")
    assert code == 0
    info = json.loads(out)["segments"]["wmo-wonen"]
    assert info["final_award_on"] == "2022-04-05"
    assert info["final_award_assumption"].startswith("assumption:")
    code, out, _err = run(capsys, "status", "--on", "2022-05-01", "--json")
    info = json.loads(out)["segments"]["wmo-wonen"]
    assert (info["final_award_on"], info["final_award_assumption"]) == (None, None)
    code, out, _err = run(capsys, "status", "--on", "2022-08-01")
    assert "final award 2022-04-05 (assumption, from the contract)" in out


def test_status_json_of_the_bundled_procedure(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _err = run(capsys, "status", "--on", "2022-03-20", "--json")
    assert code == 0
    data = json.loads(out)
    keys = {"procedure", "on", "phase", "segments", "milestones", "next_deadlines", "dialogue_allowed"}
    assert keys <= set(data)
    assert data["procedure"] == "inkoop-2022"
    assert data["on"] == "2022-03-20"
    assert data["phase"] == "gunning"
    assert data["dialogue_allowed"] is False
    assert list(data["segments"]) == list(ai.inkoop2022().data.segment_ids)
    for seg in AWARDED:
        assert data["segments"][seg]["state"] == "gunning.standstill"
        assert data["segments"][seg]["since"] == "2022-03-15"
        assert data["segments"][seg]["dialogue_allowed"] is False
    assert data["segments"]["wmo-logeren"]["state"] == "gunning.niet_gegund"
    # Not awarded, and nothing more known on the 20th: its follow-up award came in November.
    assert data["segments"]["hoog-complexe-jeugdhulp-met-verblijf"] == {
        "state": "gunning.niet_gegund", "since": "2022-03-14", "dialogue_allowed": True,
        "standstill_end": None, "final_award_from": None, "final_award_on": None,
        "final_award_assumption": None, "standstill_exemption": None, "expected_state": None,
    }
    milestones = {m["milestone"]: m for m in data["milestones"]}
    assert list(milestones) == ["aanbesteding", "gunning", "contract_start"]
    assert milestones["aanbesteding"]["slip_days"] == 0
    assert milestones["gunning"]["planned"] == "2021-10-01"
    assert milestones["gunning"]["actual"] == "2022-03-14"
    assert milestones["gunning"]["slip_days"] == 164
    # On 2022-03-20 the contracts have not started yet.
    assert milestones["contract_start"]["planned"] == "2022-01-01"
    assert milestones["contract_start"]["actual"] is None
    assert milestones["contract_start"]["slip_days"] is None
    assert milestones["contract_start"]["plans"]["revision-2021-10-15"] == "2022-07-01"
    deadlines = data["next_deadlines"]
    assert [d["date"] for d in deadlines] == sorted(d["date"] for d in deadlines)
    assert deadlines[0]["date"] == "2022-04-04"
    assert sorted(deadlines[0]["subjects"]) == sorted(AWARDED)
    final = next(d for d in deadlines if d["date"] == "2022-04-05")
    assert sorted(final["subjects"]) == sorted(AWARDED)
    assert all(d["date"] >= "2022-03-20" for d in deadlines)


def test_status_long_after_says_afgerond(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _err = run(capsys, "status", "--on", "2026-11-23")
    assert code == 0
    assert "afgerond" in out
    assert "2025-06-30" in out
    assert "+181 days" in out
    code, out, _err = run(capsys, "status", "--on", "2026-11-23", "--json")
    data = json.loads(out)
    assert data["phase"] == "afgerond"
    assert data["last_contract_end"] == "2025-06-30"
    assert data["dialogue_allowed"] is True
    assert {info["state"] for info in data["segments"].values()} == {"beeindigd"}
    assert data["next_deadlines"] == []
    assert {m["milestone"]: m["slip_days"] for m in data["milestones"]} == {
        "aanbesteding": 0, "gunning": 164, "contract_start": 181,
    }


def test_status_against_a_later_baseline(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _err = run(capsys, "status", "--on", "2026-11-23", "--json",
                          "--baseline", "revision-2021-10-15")
    assert code == 0
    data = json.loads(out)
    assert data["baseline"] == "revision-2021-10-15"
    assert {m["milestone"]: m["slip_days"] for m in data["milestones"]}["contract_start"] == 0


def test_status_with_an_unknown_baseline_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "status", "--on", "2022-03-20", "--baseline", "plan-2030")
    assert code == 2
    assert out == ""
    assert_one_line_error(err, "plan-2030")


def test_status_of_a_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    proc = procedure(ai.TenderStart(on=date(2027, 4, 1)), record=True)
    path = tmp_path / "mine.json"
    proc.save(path)
    code, out, _err = run(capsys, "status", str(path), "--on", "2027-05-01", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["procedure"] == "nieuwe-inkoop"
    assert data["phase"] == "aanbesteding"
    assert data["segments"] == {"perceel-1": {"state": "aanbesteding", "since": "2027-04-01",
                                              "dialogue_allowed": False, "standstill_end": None,
                                              "final_award_from": None, "final_award_on": None,
                                              "final_award_assumption": None,
                                              "standstill_exemption": None, "expected_state": None}}
    code, out, _err = run(capsys, "status", str(path), "--on", "2027-05-01")
    assert code == 0
    assert "aanbesteding since 2027-04-01" in out


def test_status_defaults_to_today(capsys: pytest.CaptureFixture[str]) -> None:
    before = amsterdam_today()
    code, out, _err = run(capsys, "status", "--json")
    assert code == 0
    assert json.loads(out)["on"] in {before.isoformat(), amsterdam_today().isoformat()}


def test_status_with_an_impossible_date_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "status", "--on", "2022-02-30")
    assert code == 2
    assert out == ""
    assert_one_line_error(err, "2022-02-30")


def test_status_of_a_broken_file_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = copy.deepcopy(BUNDLED)
    data["events"][9]["on"] = "2022-02-30"
    path = write(tmp_path / "broken.json", data)
    code, out, err = run(capsys, "status", str(path), "--on", "2022-03-20")
    assert code == 2
    assert out == ""
    assert_one_line_error(err, str(path), "2022-02-30")


# -- check --------------------------------------------------------------------------

def test_check_of_a_clean_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "inkoop2022.json"
    ai.inkoop2022().save(path)
    code, out, err = run(capsys, "check", str(path))
    assert code == 0
    assert err == ""
    assert "no violations" in out
    code, out, _err = run(capsys, "check", str(path), "--json")
    assert code == 0
    assert json.loads(out) == []


def test_check_of_the_hand_broken_copy_reports_exactly_the_two_violations(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = hand_broken_inkoop2022(tmp_path / "broken.json")
    code, out, err = run(capsys, "check", str(path))
    assert code == 1
    assert err == ""
    lines = [line for line in out.splitlines() if line.strip()]
    violation_lines = lines[:-1]
    assert len(violation_lines) == 2, out
    assert "dialoog-tijdens-aanbesteding" in violation_lines[0]
    assert "2021-05-01" in violation_lines[0]
    assert "contractduur-maximum" in violation_lines[1]
    assert "2030-06-30" in violation_lines[1]
    assert lines[-1] == "2 error(s), 0 warning(s)"


def test_check_json_of_the_hand_broken_copy(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = hand_broken_inkoop2022(tmp_path / "broken.json")
    code, out, _err = run(capsys, "check", str(path), "--json")
    assert code == 1
    found = json.loads(out)
    assert len(found) == 2
    assert [(v["rule"], v["severity"], v["on"]) for v in found] == [
        ("dialoog-tijdens-aanbesteding", "error", "2021-05-01"),
        ("contractduur-maximum", "error", "2022-07-01"),
    ]
    assert set(found[0]["subject"].split(", ")) == set(ai.inkoop2022().data.segment_ids)
    assert set(found[1]["subject"].split(", ")) == set(AWARDED)
    for v in found:
        assert set(v) == {"rule", "severity", "on", "subject", "message", "source"}
        assert v["message"]
        assert v["source"] == ai.RULES[v["rule"]].source


def test_check_of_warnings_only_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = copy.deepcopy(BUNDLED)
    data["events"].append({"type": "registration", "on": "2020-12-01", "organisation": "Branche",
                           "delegation_size": 4, "domains": ["jeugdhulp", "wmo"]})
    path = write(tmp_path / "warn.json", data)
    code, out, _err = run(capsys, "check", str(path))
    assert code == 1
    assert "delegatie-afspiegeling" in out
    assert "0 error(s), 1 warning(s)" in out


def test_check_of_a_file_with_a_bad_date_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = copy.deepcopy(BUNDLED)
    data["events"][9]["on"] = "2022-02-30"
    path = write(tmp_path / "bad.json", data)
    before = path.read_bytes()
    code, out, err = run(capsys, "check", str(path))
    assert code == 2
    assert out == ""
    assert_one_line_error(err, str(path), "2022-02-30", "events[9]")
    assert path.read_bytes() == before


@pytest.mark.parametrize("text", ["{", "[]", '{"id": "x"}'])
def test_check_of_a_file_that_is_not_a_procedure_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str
) -> None:
    path = tmp_path / "odd.json"
    path.write_text(text, encoding="utf-8")
    code, out, err = run(capsys, "check", str(path))
    assert code == 2
    assert out == ""
    assert_one_line_error(err, str(path))


def test_check_of_a_missing_file_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "nowhere.json"
    code, out, err = run(capsys, "check", str(path))
    assert code == 2
    assert out == ""
    assert_one_line_error(err, str(path))


def test_check_needs_a_file(capsys: pytest.CaptureFixture[str]) -> None:
    code, _out, err = run(capsys, "check")
    assert code == 2
    assert "Traceback" not in err


# -- new ------------------------------------------------------------------------------

def test_new_creates_a_file_that_check_accepts(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "inkoop2028.json"
    code, out, _err = run(capsys, "new", str(path))
    assert code == 0
    assert str(path) in out
    assert ai.load_procedure(path) == ai.Procedure(ai.procedure_template().model_copy(
        update={"schema_url": "procedure.schema.json"}))
    code, out, _err = run(capsys, "check", str(path))
    assert code == 0
    assert "no violations" in out
    assert sorted(p.name for p in tmp_path.iterdir()) == ["inkoop2028.json", "procedure.schema.json"]


def test_new_refuses_to_overwrite_unless_forced(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "mine.json"
    path.write_text('{"my": "work"}', encoding="utf-8")
    os.utime(path, ns=(1_600_000_000_000_000_000,) * 2)
    code, out, err = run(capsys, "new", str(path))
    assert code == 2
    assert out == ""
    assert_one_line_error(err, str(path), "--force")
    assert path.read_text(encoding="utf-8") == '{"my": "work"}'
    assert path.stat().st_mtime_ns == 1_600_000_000_000_000_000
    code, _out, _err = run(capsys, "new", str(path), "--force")
    assert code == 0
    assert ai.load_procedure(path).data == ai.procedure_template().model_copy(
        update={"schema_url": "procedure.schema.json"})
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mine.json", "procedure.schema.json"]


# -- schema, diagram --------------------------------------------------------------------

def test_schema_prints_the_json_schema(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _err = run(capsys, "schema")
    assert code == 0
    schema = json.loads(out)
    assert schema == ai.procedure_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_diagram_prints_mermaid(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _err = run(capsys, "diagram")
    assert code == 0
    assert "stateDiagram" in out
    assert "gunning.standstill" in out
    assert "afgerond" in out
    assert out.strip() == ai.mermaid_diagram().strip()


def test_diagram_of_one_machine(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _err = run(capsys, "diagram", "--machine", "phases")
    assert code == 0
    assert "afgerond" in out
    assert "gunning.standstill" not in out
    assert out.strip() == ai.mermaid_diagram("phases").strip()
    code, out, _err = run(capsys, "diagram", "--machine", "segment")
    assert code == 0
    assert "gunning.standstill" in out
    assert "afgerond" not in out
    assert out.strip() == ai.mermaid_diagram("segment").strip()


def test_unknown_command_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "gunnen")
    assert code == 2
    assert out == ""
    assert_one_line_error(err, "gunnen")
