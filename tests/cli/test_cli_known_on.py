"""``status --on``, ``ocds --on`` and ``ics --on`` show the procedure as known on the date (issue 9, item 1).

Nothing recorded after the date appears as fact; what the record known then
implies for later days is marked expected. The questions about the whole
record (``proc.phase_on``, ``proc.final_award_from`` on the full procedure)
stay as they were.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from helpers import procedure
from helpers import run_cli as run

import achterhoek_inkoop as ai

AWARDED = ["gezins-en-woonvormen", "integrale-ambulante-jeugdhulp", "wmo-integrale-ondersteuning",
           "wmo-wonen"]
HCJ = "hoog-complexe-jeugdhulp-met-verblijf"


def status_json(capsys: pytest.CaptureFixture[str], *argv: str) -> dict[str, object]:
    code, out, err = run(capsys, "status", *argv, "--json")
    assert (code, err) == (0, ""), err
    data: dict[str, object] = json.loads(out)
    return data


# -- Inkoop 2022 on 2022-03-20: the follow-ups and contracts were decided later ---------------

def test_status_on_2022_03_20_shows_nothing_decided_later(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "status", "--on", "2022-03-20")
    assert (code, err) == (0, "")
    # The follow-up award of Hoog Complexe Jeugdhulp (16 November 2022), the follow-up of Wmo
    # Logeren and the contracts of July 2022 (ending 2025-06-30) were not known on 20 March.
    assert "2022-11-16" not in out
    assert "award may become final: hoog-complexe-jeugdhulp-met-verblijf" not in out
    assert "award may become final: wmo-logeren" not in out
    assert "2025-06-30" not in out
    assert "contracts end" not in out
    # What lies ahead is marked expected.
    assert f"  2022-04-04  expected  Alcatel standstill ends (24:00): {', '.join(AWARDED)}" in out
    assert f"  2022-04-05  expected  award may become final: {', '.join(AWARDED)}" in out
    assert "  2022-07-01  expected  contract_start planned (revision-2021-10-15)" in out
    assert "standstill since 2022-03-15; expected: " in out
    # The phase and states the standstill's end leads to are the lifecycle's to say.
    known = ai.inkoop2022().as_known_on(date(2022, 3, 20))
    state = next(s for start, _, s in known.intervals("wmo-wonen") if start > date(2022, 3, 20))
    assert f"wmo-wonen                             standstill since 2022-03-15; expected: " \
           f"{state.label.nl} from 2022-04-05\n" in out
    phase_line = next(line for line in out.splitlines() if line.startswith("  phase "))
    later = [(start, p) for start, _, p in known.intervals() if start > date(2022, 3, 20)]
    assert phase_line.startswith("  phase                 gunning since 2022-03-14")
    assert phase_line.endswith(f"; expected: {later[0][1].label.nl} from {later[0][0]}" if later
                               else "gunning since 2022-03-14")
    # The facts of the day stay.
    assert "+164 days" in out
    assert "niet gegund since 2022-03-14\n" in out


def test_status_json_on_2022_03_20(capsys: pytest.CaptureFixture[str]) -> None:
    data = status_json(capsys, "--on", "2022-03-20")
    deadlines = data["next_deadlines"]
    assert isinstance(deadlines, list)
    assert all(d["expected"] for d in deadlines)
    assert [(d["date"], d["what"]) for d in deadlines] == [
        ("2022-04-04", "Alcatel standstill ends (24:00)"),
        ("2022-04-05", "award may become final"),
        ("2022-07-01", "contract_start planned (revision-2021-10-15)"),
    ]
    assert not any(HCJ in d["subjects"] for d in deadlines)
    segments = data["segments"]
    assert isinstance(segments, dict)
    for seg in AWARDED:
        assert segments[seg]["standstill_end"] == "2022-04-04"
        assert segments[seg]["final_award_from"] == "2022-04-05"
        assert segments[seg]["expected_state"]["from"] == "2022-04-05"
    assert segments[HCJ]["final_award_from"] is None
    assert segments[HCJ]["expected_state"] is None
    assert data["plan_in_force"] == "revision-2021-10-15"
    # The phase after the standstill's end, if it changes then, is the lifecycle's to say.
    later = [(start, p) for start, _, p in ai.inkoop2022().as_known_on(date(2022, 3, 20)).intervals()
             if start > date(2022, 3, 20)]
    assert data["expected_phase"] == (
        {"phase": later[0][1].value, "from": later[0][0].isoformat()} if later else None)
    milestones = {m["milestone"]: m for m in data["milestones"]}  # type: ignore[attr-defined]
    assert milestones["contract_start"]["expected"] == "2022-07-01"
    assert milestones["gunning"]["expected"] is None  # it happened


def test_the_whole_record_still_answers_as_before() -> None:
    proc = ai.inkoop2022()
    assert proc.final_award_from(HCJ) == date(2022, 11, 16)
    assert proc.contract_end("wmo-wonen") == date(2025, 6, 30)
    assert proc.phase_on(date(2022, 3, 20)) == ai.Phase.GUNNING
    assert proc.phase_on(date(2026, 11, 23)) == ai.Phase.AFGEROND


# -- Inkoop 2022 on 2021-01-10: the plan revision came in October 2021 --------------------------

def test_status_on_2021_01_10_does_not_mention_the_later_plan(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "status", "--on", "2021-01-10")
    assert (code, err) == (0, "")
    assert "revision-2021-10-15" not in out
    assert "2022-07-01" not in out
    assert "plan against what happened (baseline plan-2020-11-24, the plan in force)" in out
    assert "  contract_start  2022-01-01  -           -   (expected 2022-01-01)" in out
    assert "  2021-04-01  expected  aanbesteding planned (plan-2020-11-24)" in out
    # No award decision was known: no standstill, no contracts.
    assert "standstill" not in out
    assert "contracts end" not in out
    data = status_json(capsys, "--on", "2021-01-10")
    assert data["plan_in_force"] == "plan-2020-11-24"
    for m in data["milestones"]:  # type: ignore[attr-defined]
        assert list(m["plans"]) == ["plan-2020-11-24"]
        assert m["expected"] == m["planned"]


def test_a_baseline_published_after_the_date_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "status", "--on", "2021-01-10", "--baseline", "revision-2021-10-15")
    assert code == 2
    assert out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1
    assert "revision-2021-10-15" in lines[0]
    assert "published on 2021-10-15" in lines[0]
    code, _out, _err = run(capsys, "status", "--on", "2021-10-15", "--baseline", "revision-2021-10-15")
    assert code == 0


# -- a kort geding filed after the date ---------------------------------------------------------

def kort_geding_file(tmp_path: Path) -> Path:
    """A decision sent 2025-10-01 (standstill to 2025-10-21), a kort geding filed 2025-10-15,
    rejected on 2025-11-20."""
    proc = procedure(ai.TenderStart(on=date(2025, 4, 1)),
                     ai.AwardDecision(on=date(2025, 10, 1), outcome="awarded"),
                     ai.KortGeding(on=date(2025, 10, 15)),
                     ai.KortGedingRuling(on=date(2025, 11, 20), outcome="rejected"), record=True)
    assert proc.final_award_from("perceel-1") == date(2025, 11, 20)  # the whole record: the ruling
    path = tmp_path / "kort-geding.json"
    proc.save(path)
    return path


def ocds_award(capsys: pytest.CaptureFixture[str], path: Path, on: str) -> str:
    # With a registered prefix and an address: no placeholder to warn of on stderr.
    code, out, err = run(capsys, "ocds", str(path), "--on", on, "--ocid-prefix", "ocds-abc123-",
                         "--uri", "https://data.example.nl/{id}/{on}.json")
    assert (code, err) == (0, "")
    [award] = json.loads(out)["releases"][0]["awards"]
    text: str = award["description"]
    return text


def test_status_before_a_kort_geding_does_not_show_its_ruling(tmp_path: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    path = kort_geding_file(tmp_path)
    code, out, _err = run(capsys, "status", str(path), "--on", "2025-10-10")
    assert code == 0
    assert "2025-11-20" not in out
    assert "  2025-10-21  expected  Alcatel standstill ends (24:00): perceel-1" in out
    assert "  2025-10-22  expected  award may become final: perceel-1" in out
    data = status_json(capsys, str(path), "--on", "2025-10-10")
    info = data["segments"]["perceel-1"]  # type: ignore[index]
    assert (info["standstill_end"], info["final_award_from"]) == ("2025-10-21", "2025-10-22")
    # The OCDS release of the same date says the same.
    award = ocds_award(capsys, path, "2025-10-10")
    assert "to 2025-10-21 (24:00)" in award
    assert "may become final from 2025-10-22" in award
    assert "2025-11-20" not in award


def test_status_during_the_kort_geding(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = kort_geding_file(tmp_path)
    data = status_json(capsys, str(path), "--on", "2025-10-20")
    info = data["segments"]["perceel-1"]  # type: ignore[index]
    assert info["state"] == "gunning.kort_geding"
    assert info["standstill_end"] == "2025-10-21"
    assert info["final_award_from"] is None  # not known while the kort geding is pending
    assert "2025-11-20" not in json.dumps(data)
    assert not any(d["what"] == "award may become final" for d in data["next_deadlines"])  # type: ignore[attr-defined]
    award = ocds_award(capsys, path, "2025-10-20")
    assert "to 2025-10-21 (24:00)" in award
    assert "is pending" in award
