"""The benchmark's workloads are what the README says they are: realistic logs, and baselines that step
the same log. No timing is asserted here (timing lives in ``make bench``)."""

from __future__ import annotations

import collections
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

import achterhoek_inkoop as ai

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"


@pytest.fixture(scope="module", autouse=True)
def _benchmarks_importable() -> Iterator[None]:
    sys.path.insert(0, str(BENCHMARKS))
    yield
    sys.path.remove(str(BENCHMARKS))


@pytest.mark.parametrize("n", [10, 300, 1_500])
def test_realistic_logs_reach_n_events_and_break_no_rule(n: int) -> None:
    from _workload import realistic_data

    data = realistic_data(n)
    proc = ai.Procedure(data)
    assert len(data.events) == n
    assert proc.check() == []  # no error, no warning
    days = [e.on for e in data.events]
    assert days == sorted(days)
    assert (max(days) - min(days)).days > 365


@pytest.mark.parametrize("n", [300, 1_500])
def test_realistic_logs_have_what_real_procedures_have(n: int) -> None:
    from _workload import realistic_data

    data = realistic_data(n)
    proc = ai.Procedure(data)
    types = collections.Counter(e.type for e in data.events)
    assert len(data.segments) >= 4
    for kind in ("tender_start", "nota_van_inlichtingen", "award_decision", "kort_geding",
                 "kort_geding_ruling", "final_award", "contract", "dialogue_activity"):
        assert types[kind] > 0, kind
    outcomes = collections.Counter(e.outcome for e in data.events
                                   if e.type in ("award_decision", "kort_geding_ruling"))
    assert set(outcomes) == {"awarded", "not_awarded", "upheld", "rejected"}
    visited = {state for seg in data.segment_ids for _, _, state in proc.intervals(seg)}
    states = ai.SegmentState
    for state in (states.STANDSTILL, states.STANDSTILL_VERSTREKEN, states.KORT_GEDING, states.HERBEOORDELING,
                  states.HERAANBESTEDING, states.IN_UITVOERING):
        assert state in visited, state
    # Several segments' courses overlap in time, and each is re-tendered.
    assert all(sum(1 for e in data.events if e.type == "tender_start" and e.segments == (seg,)) > 1
               for seg in data.segment_ids)


def test_every_event_of_a_log_is_one_the_procedure_allowed_then() -> None:
    """The walk agrees with ``allowed_events``: each event about a segment, recorded in order, is of a
    type (and outcome) ``allowed_events`` gave for that segment on its date."""
    from _workload import realistic_data

    data = realistic_data(120)
    proc = ai.Procedure(data.model_copy(update={"events": ()}))
    for event in data.events:
        for seg in getattr(event, "segments", None) or ():
            allowed = proc.allowed_events(seg, event.on)
            assert any(a.type == event.type and all(getattr(event, k) == v for k, v in a.fields.items())
                       for a in allowed), (event, seg)
        proc.record(event)


def test_logs_are_the_same_every_time() -> None:
    from _workload import realistic_data

    assert realistic_data(200) == realistic_data(200)
    assert realistic_data(200, seed=1) != realistic_data(200)


def test_the_degenerate_log_is_kept_apart() -> None:
    from _workload import degenerate_log

    data = degenerate_log(100)
    assert len(data.events) == 100
    assert {e.type for e in data.events} == {"tender_start", "nota_van_inlichtingen", "award_decision"}


def test_the_flat_baseline_steps_the_log_to_where_the_library_ends(tmp_path: Path) -> None:
    from _baselines import FlatMachine, json_and_flat
    from _workload import realistic_data

    proc = ai.Procedure(realistic_data(600))
    path = tmp_path / "log.json"
    proc.save(path)
    flat = FlatMachine()
    steps, start = flat.steps(proc)
    assert start == dict.fromkeys(proc.data.segment_ids, "dialoog")
    last = max(e.on for e in proc.events)
    ended = flat.run(steps, proc.data.segment_ids)
    assert ended == {s: proc.segment_state_on(s, last).value for s in proc.data.segment_ids}
    triggers = {t for _, t in steps}
    assert {"standstill_start", "standstill_end", "kort_geding", "kort_geding_ruling_upheld",
            "contract"} <= triggers
    assert json_and_flat(flat, path, steps, proc.data.segment_ids)["id"] == proc.data.id
    # Steps for the events from a place on start where the library's segments were before them.
    tail, before = flat.steps(proc, since=len(proc.events) - 50)
    assert flat.run(tail, proc.data.segment_ids, before) == ended


def test_logs_and_portfolios_are_cached_as_procedure_files(tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    import tempfile

    import _workload

    monkeypatch.setattr(tempfile, "gettempdir", lambda: str(tmp_path))
    path = _workload.log_file(40)
    assert path.is_relative_to(tmp_path)
    assert ai.load_procedure(path).data == _workload.realistic_data(40).model_copy(update={"id": "bench-40"})
    assert _workload.log_file(40) == path
    files = _workload.portfolio_files(5, events=20, distinct=2)
    loaded = [ai.load_procedure(p) for p in files]
    assert len({p.data.id for p in loaded}) == 5
    assert all(len(p.events) == 20 for p in loaded)


def test_the_quick_table_prints_goals_without_timing_anything() -> None:
    from _timing import Goal, Row, Table

    table = Table()
    table.section("queries")
    row = table.add(Row("phase_on", "us", 0.12, 0.03, "dict lookup", [4.2, 3.9, 4.0], Goal(4)))
    assert row.ratio == pytest.approx(4.0)
    assert row.goal is not None
    assert row.goal.met(row)
    assert Goal(100_000, what="figure", least=True).met(Row("rate", "/s", 28_000.0)) is False
    markdown = table.markdown()
    expected = "| phase_on | 0.120 us | 0.030 us dict lookup | 4.00x (3.90-4.20, 3 rounds) | <= 4x | yes |"
    assert expected in markdown
