"""The bundled Jeugdhulp 2026 procedure: the region's 2025 youth-care procurement and its late kort geding.

What the sources give: the final award to 50 providers on 2025-06-19 (``SDA 2025-06-19``); a
kort geding by providers who had not bid, started after the final award and rejected on
2025-07-14 because they objected too late (``ECLI:NL:RBGEL:2025:5590``); contracts for 2026
onwards. Every other date is an assumption, labelled so in the file: the award decision was
sent on Wednesday 2025-05-28, the last working day from which the standstill (20 days, Atw
applied) ends before 2025-06-19, so the standstill runs through Tuesday 2025-06-17 and the award
may become final from Wednesday 2025-06-18; it is final on the recorded 2025-06-19.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from helpers import run_cli

import achterhoek_inkoop as ai

SEGMENT = "jeugdhulp"
ECLI = "ECLI:NL:RBGEL:2025:5590"
MUNICIPALITIES = (
    "aalten", "berkelland", "bronckhorst", "doetinchem", "montferland", "oost-gelre",
    "oude-ijsselstreek", "winterswijk",
)  # fmt: skip


@pytest.fixture(scope="module")
def proc() -> ai.Procedure:
    # Read-only queries only.
    return ai.jeugdhulp2026()


# -- it loads ------------------------------------------------------------------------------------

def test_it_loads_as_a_fresh_copy_each_time() -> None:
    first, second = ai.jeugdhulp2026(), ai.jeugdhulp2026()
    assert first is not second
    assert first == second
    assert first.data.id == "jeugdhulp-2026"
    first.record(ai.Announcement(on=date(2026, 2, 1), title="a note"))
    assert first != second  # recording in one copy does not change another
    assert ai.jeugdhulp2026() == second


def test_it_is_one_jeugdhulp_segment_in_the_eight_municipalities(proc: ai.Procedure) -> None:
    assert proc.data.segment_ids == (SEGMENT,)
    assert proc.data.segments[0].domains == ("jeugdhulp",)
    assert tuple(m.id for m in proc.data.municipalities) == MUNICIPALITIES
    for muni in MUNICIPALITIES:
        assert proc.municipality_segments(muni) == {SEGMENT}
    # Both are assumptions, and say so.
    assert "assumption:" in (proc.data.segments[0].source or "")
    assert all("assumption:" in (m.source or "") for m in proc.data.municipalities)


def test_it_round_trips_through_a_file(tmp_path: Path, proc: ai.Procedure) -> None:
    path = tmp_path / "jeugdhulp2026.json"
    proc.save(path)
    assert ai.load_procedure(path) == proc


# -- check() ---------------------------------------------------------------------------------------

def test_check_has_no_errors_and_only_the_late_kort_geding_warning(proc: ai.Procedure) -> None:
    found = proc.check()
    assert [v for v in found if v.severity == "error"] == []
    assert [(v.rule, v.severity, v.on, v.subject) for v in found] == [
        ("kort-geding-na-standstill", "warning", date(2025, 6, 20), SEGMENT),
    ]
    assert ECLI in ai.check_citation(found[0].source)


def test_record_accepts_every_event_in_order_with_only_that_warning(proc: ai.Procedure) -> None:
    # What the sources say happened is accepted by record, not only by check: the kort geding
    # after the final award, and its ruling.
    empty = ai.Procedure(proc.data.model_copy(update={"events": ()}))
    warnings = [(event.type, [v.rule for v in empty.record(event)]) for event in proc.events]
    assert warnings == [
        ("announcement", []),
        ("tender_start", []),
        ("award_decision", []),
        ("final_award", []),
        ("kort_geding", ["kort-geding-na-standstill"]),
        ("kort_geding_ruling", []),
        ("contract", []),
    ]
    assert empty == proc


# -- the state of the segment ------------------------------------------------------------------------

def test_the_standstill_ends_before_the_final_award(proc: ai.Procedure) -> None:
    period = proc.standstill(SEGMENT)
    assert period is not None
    assert period == ai.standstill_period(date(2025, 5, 28))
    assert (period.sent, period.start) == (date(2025, 5, 28), date(2025, 5, 29))
    assert period.end == date(2025, 6, 17)  # day 20, a Tuesday: no extension
    assert period.final_from == date(2025, 6, 18)
    assert proc.final_award_from(SEGMENT) == date(2025, 6, 18)
    assert proc.final_award_on(SEGMENT) == date(2025, 6, 19)  # the recorded final award


STATES = [
    (date(2025, 1, 1), ai.SegmentState.DIALOOG, ai.Phase.DIALOOG),
    (date(2025, 1, 2), ai.SegmentState.AANBESTEDING, ai.Phase.AANBESTEDING),
    (date(2025, 5, 28), ai.SegmentState.VOORLOPIG_GEGUND, ai.Phase.GUNNING),
    (date(2025, 6, 17), ai.SegmentState.STANDSTILL, ai.Phase.GUNNING),
    # The standstill is over, the award may become final but is not final yet.
    (date(2025, 6, 18), ai.SegmentState.STANDSTILL_VERSTREKEN, ai.Phase.GUNNING),
    # Final on the date of the recorded final award.
    (date(2025, 6, 19), ai.SegmentState.DEFINITIEF_GEGUND, ai.Phase.IMPLEMENTATIE),
    # The kort geding started after the final award suspends nothing.
    (date(2025, 7, 1), ai.SegmentState.DEFINITIEF_GEGUND, ai.Phase.IMPLEMENTATIE),
    (date(2025, 7, 14), ai.SegmentState.DEFINITIEF_GEGUND, ai.Phase.IMPLEMENTATIE),
    (date(2025, 12, 31), ai.SegmentState.DEFINITIEF_GEGUND, ai.Phase.IMPLEMENTATIE),
    (date(2026, 1, 1), ai.SegmentState.IN_UITVOERING, ai.Phase.UITVOERING),
]


@pytest.mark.parametrize(("on", "state", "phase"), STATES, ids=[d.isoformat() for d, _s, _p in STATES])
def test_the_state_of_the_segment_on_a_date(
    proc: ai.Procedure, on: date, state: ai.SegmentState, phase: ai.Phase
) -> None:
    assert proc.segment_state_on(SEGMENT, on) is state
    assert proc.phase_on(on) is phase
    # The record as known on the date says the same.
    assert proc.as_known_on(on).segment_state_on(SEGMENT, on) is state


def test_dialogue_is_closed_until_the_final_award(proc: ai.Procedure) -> None:
    assert proc.dialogue_allowed(date(2025, 1, 1))
    assert not proc.dialogue_allowed(date(2025, 1, 2))
    assert not proc.dialogue_allowed(date(2025, 6, 18))  # the award may become final, but is not
    assert proc.dialogue_allowed(date(2025, 6, 19))


def test_the_contracts_start_on_1_january_2026(proc: ai.Procedure) -> None:
    assert proc.actual("contract_start") == date(2026, 1, 1)
    (contract,) = [e for e in proc.events if isinstance(e, ai.Contract)]
    assert contract.providers == 50
    assert "assumption:" in (contract.source or "")  # the end dates are not in the sources


# -- the kort geding and its ruling -------------------------------------------------------------------

def test_the_kort_geding_and_its_ruling_are_recorded_with_the_ecli(proc: ai.Procedure) -> None:
    (final,) = [e for e in proc.events if isinstance(e, ai.FinalAward)]
    (kort_geding,) = [e for e in proc.events if isinstance(e, ai.KortGeding)]
    (ruling,) = [e for e in proc.events if isinstance(e, ai.KortGedingRuling)]
    assert final.on == date(2025, 6, 19)
    assert kort_geding.on > final.on  # started after the final award
    assert kort_geding.by == "providers who had not bid"
    assert (ruling.on, ruling.outcome, ruling.ecli, ruling.by) == (
        date(2025, 7, 14), "rejected", ECLI, kort_geding.by)
    assert ai.check_citation(ruling.source or "") == (ECLI,)
    assert ai.sources()[ECLI].kind == "case law"


def test_the_kort_geding_is_pending_until_the_ruling(proc: ai.Procedure) -> None:
    # As known on 2025-07-01 the ruling is not yet there: recording it then gives no warning;
    # a day after the ruling, a second ruling has no kort geding left to decide.
    def ruling_warnings(on: date) -> list[str]:
        (rejected,) = [e for e in proc.as_known_on(on).allowed_events(SEGMENT, on)
                       if e.type == "kort_geding_ruling" and e.fields == {"outcome": "rejected"}]
        return [w.rule for w in rejected.warnings]

    assert ruling_warnings(date(2025, 7, 1)) == []
    assert ruling_warnings(date(2025, 7, 15)) == ["uitspraak-zonder-kort-geding"]


# -- sources ---------------------------------------------------------------------------------------

def test_every_fact_carries_a_source_that_resolves(proc: ai.Procedure) -> None:
    items = [*proc.data.segments, *proc.data.municipalities, *proc.events]
    for item in items:
        assert item.source, item
        assert ai.check_citation(item.source, assumptions=True), item
    assert set(proc.data.sources) <= set(ai.sources())
    assert "SDA 2025-06-19" in ai.sources()


ASSUMED = {
    "tender_start": date(2025, 1, 2),
    "award_decision": date(2025, 5, 28),
    "kort_geding": date(2025, 6, 20),
    "contract": date(2026, 1, 1),
}


def test_every_date_the_sources_do_not_give_is_labelled_an_assumption(proc: ai.Procedure) -> None:
    for event in proc.events:
        labelled = "assumption:" in (event.source or "")
        assert labelled == (event.type in ASSUMED), event
        if labelled:
            assert event.on == ASSUMED[event.type]


# -- the command line ------------------------------------------------------------------------------

@pytest.fixture
def saved(tmp_path: Path, proc: ai.Procedure) -> str:
    # `status` takes a file: there is no option to name a bundled procedure.
    path = tmp_path / "jeugdhulp2026.json"
    proc.save(path)
    return str(path)


@pytest.mark.parametrize(("on", "phase", "line"), [
    ("2025-06-18", "gunning since 2025-05-28", "jeugdhulp  standstill verstreken since 2025-06-18"),
    ("2025-06-19", "implementatie since 2025-06-19", "jeugdhulp  definitief gegund since 2025-06-19"),
    ("2025-07-01", "implementatie since 2025-06-19", "jeugdhulp  definitief gegund since 2025-06-19"),
    ("2026-01-01", "uitvoering since 2026-01-01", "jeugdhulp  in uitvoering since 2026-01-01"),
])
def test_status_of_the_file(
    saved: str, capsys: pytest.CaptureFixture[str], on: str, phase: str, line: str
) -> None:
    code, out, err = run_cli(capsys, "status", saved, "--on", on)
    assert (code, err) == (0, "")
    assert out.startswith("Jeugdhulp 2026 Sociaal Domein Achterhoek")
    assert phase in out
    assert line in out


def test_status_json_of_the_file(saved: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _err = run_cli(capsys, "status", saved, "--on", "2025-06-18", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["procedure"] == "jeugdhulp-2026"
    assert data["phase"] == "gunning"
    assert data["dialogue_allowed"] is False
    segment = data["segments"][SEGMENT]
    assert segment["state"] == "gunning.standstill_verstreken"
    assert (segment["standstill_end"], segment["final_award_from"]) == ("2025-06-17", "2025-06-18")


def test_check_command_on_the_file(saved: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _err = run_cli(capsys, "check", saved, "--json")
    assert code == 1  # `check` exits 1 on any violation, a warning too
    assert [v["rule"] for v in json.loads(out)] == ["kort-geding-na-standstill"]
