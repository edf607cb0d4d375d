"""A portfolio of procedure files: loading a folder (good, broken and schema files), its order,
and its answers against those of each procedure alone; parallel and serial loading agree."""

from __future__ import annotations

import gc
import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from helpers import BUNDLED, sample_dates
from hypothesis import HealthCheck, given, settings

import achterhoek_inkoop as ai
from achterhoek_inkoop import strategies as ais
from achterhoek_inkoop.exports import portfolio_rows
from achterhoek_inkoop.record import smallest_event

DAYS = [date(2021, 2, 10), date(2021, 5, 1), date(2022, 3, 20), date(2022, 4, 20), date(2022, 6, 1),
        date(2023, 1, 1), date(2026, 11, 23)]


def write(folder: Path, name: str, data: object) -> Path:
    path = folder / name
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return path


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """Inkoop 2022 twice under other names, Jeugdhulp 2026, a broken file, a schema and a hidden file."""
    write(tmp_path, "b-inkoop.json", {**BUNDLED, "name": "Inkoop B"})
    write(tmp_path, "a-inkoop.json", {**BUNDLED, "name": "Inkoop A"})
    ai.jeugdhulp2026().save(tmp_path / "c-jeugdhulp.json")
    write(tmp_path, "broken.json", '{"name": ')
    write(tmp_path, "procedure.schema.json", ai.procedure_schema())
    write(tmp_path, ".draft.json", "not even JSON")
    write(tmp_path, "notes.txt", "not a procedure")
    (tmp_path / "sub").mkdir()
    write(tmp_path / "sub", "d-inkoop.json", BUNDLED)
    return tmp_path


def test_a_folder_loads_its_procedure_files_by_name(folder: Path) -> None:
    portfolio = ai.load_portfolio(folder)
    names = ("a-inkoop.json", "b-inkoop.json", "c-jeugdhulp.json")
    assert list(portfolio) == [str(folder / n) for n in names]
    assert portfolio[str(folder / "a-inkoop.json")].data.name == "Inkoop A"
    assert portfolio[str(folder / "c-jeugdhulp.json")] == ai.jeugdhulp2026()
    assert len(portfolio) == 3


def test_a_broken_file_is_reported_and_the_others_load(folder: Path) -> None:
    portfolio = ai.load_portfolio(folder)
    [failure] = portfolio.failures
    broken = str(folder / "broken.json")
    with pytest.raises(ai.DataFileError) as raised:
        ai.load_procedure(broken)
    assert failure == ai.LoadFailure(broken, raised.value.message_in("en"), raised.value.message_in("nl"))
    assert failure.message_in("en").startswith(f"{broken}: ")
    assert "is not valid JSON" in failure.message
    assert "is geen geldige JSON" in failure.message_in("nl")


def test_paths_load_in_the_order_given(folder: Path) -> None:
    paths = [folder / "c-jeugdhulp.json", str(folder / "broken.json"), folder / "a-inkoop.json",
             folder / "missing.json"]
    portfolio = ai.load_portfolio(paths)
    assert list(portfolio) == [str(folder / "c-jeugdhulp.json"), str(folder / "a-inkoop.json")]
    assert [f.path for f in portfolio.failures] == [str(folder / "broken.json"), str(folder / "missing.json")]
    assert "cannot be read" in portfolio.failures[1].message


def test_parallel_and_serial_loading_give_equal_portfolios(folder: Path) -> None:
    serial = ai.load_portfolio(folder, workers=1)
    parallel = ai.load_portfolio(folder, workers=2, parallel_from=2)
    assert parallel == serial
    assert list(parallel) == list(serial)
    assert parallel.failures == serial.failures
    # The procedures came back whole: they answer, record, and share this process's calendar.
    key = str(folder / "a-inkoop.json")
    assert parallel[key].calendar is ai.inkoop2022().calendar
    for day in DAYS:
        assert parallel[key].status(day) == serial[key].status(day)
    assert parallel.on(DAYS[2]).equals(serial.on(DAYS[2]))


def test_on_answers_as_each_procedure_does(folder: Path) -> None:
    portfolio = ai.load_portfolio(folder)
    for day in DAYS:
        frame = portfolio.on(day)
        assert list(frame.columns) == ["file", "id", "name", "phase", "dialogue_allowed", "segments"]
        assert frame.file.tolist() == list(portfolio)
        for (key, proc), row in zip(portfolio.items(), frame.itertuples(), strict=True):
            status = proc.status(day)
            assert (row.id, row.name) == (proc.data.id, proc.data.name)
            assert (row.phase, row.dialogue_allowed) == (status.phase.value, status.dialogue_allowed)
            assert row.segments == {s.segment: s.state.value for s in status.segments}, (key, day)


def test_on_is_as_known_on_the_date() -> None:
    # Inkoop 2022 records no final award: its contracts (2022-07-01) show them, from 2022-04-05.
    proc = ai.inkoop2022()
    day = date(2022, 5, 1)
    assert proc.segment_state_on("wmo-wonen", day) is ai.SegmentState.DEFINITIEF_GEGUND
    row = ai.Portfolio({"p": proc}).on(day).iloc[0]
    assert row.segments["wmo-wonen"] == proc.status(day).segment("wmo-wonen").state.value
    assert row.segments["wmo-wonen"] == "gunning.standstill_verstreken"
    # After the contract the whole record and the record as known agree.
    assert ai.Portfolio({"p": proc}).on(date(2022, 7, 2)).iloc[0].segments["wmo-wonen"] == "in_uitvoering"


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ais.procedures())
def test_on_agrees_with_the_status_of_each_day(proc: ai.Procedure) -> None:
    portfolio = ai.Portfolio({"p": proc})
    for day in sample_dates(proc):
        [(_, _, _, phase, dialogue, segments)] = portfolio_rows(portfolio, day)
        status = proc.status(day)
        assert (phase, dialogue) == (status.phase.value, status.dialogue_allowed)
        assert segments == {s.segment: s.state.value for s in status.segments}


def test_the_frame_follows_a_procedure_recorded_into() -> None:
    proc = ai.inkoop2022()
    portfolio = ai.Portfolio({"p": proc})
    day = date(2022, 5, 1)
    assert portfolio.on(day).iloc[0].segments["wmo-wonen"] == "gunning.standstill_verstreken"
    proc.record(ai.FinalAward(on=date(2022, 4, 20), segments=["wmo-wonen"]))
    state = proc.status(day).segment("wmo-wonen").state.value
    assert portfolio.on(day).iloc[0].segments["wmo-wonen"] == state == "gunning.definitief_gegund"


def test_the_frame_follows_an_event_recorded_at_the_end() -> None:
    proc = ai.inkoop2022()
    portfolio = ai.Portfolio({"p": proc})
    seg = "wmo-wonen"
    end = proc.contract_end(seg)
    assert end is not None
    day = end + timedelta(days=10)
    assert portfolio.on(day).iloc[0].segments[seg] == "beeindigd"
    last = max(e.on for e in proc.events)
    proc.record(smallest_event("contract_extension", last + timedelta(days=1), (seg,),
                               extended_to=day + timedelta(days=365)))
    state = proc.status(day).segment(seg).state.value
    assert portfolio.on(day).iloc[0].segments[seg] == state == "in_uitvoering"


def test_a_row_changed_by_its_reader_changes_no_other_answer() -> None:
    portfolio = ai.Portfolio({"a": ai.inkoop2022(), "b": ai.inkoop2022()})
    day = date(2023, 1, 1)
    first = portfolio_rows(portfolio, day)
    first[0][5]["wmo-wonen"] = "changed"
    assert portfolio_rows(portfolio, day)[0][5]["wmo-wonen"] == first[1][5]["wmo-wonen"] == "in_uitvoering"


def test_loading_makes_no_garbage_cycles_and_leaves_the_collector_as_it_was(folder: Path) -> None:
    ai.load_portfolio(folder).on(DAYS[2])  # what is made once (validators, pandas) is made
    gc.collect()
    gc.disable()
    try:
        portfolio = ai.load_portfolio(folder)
        assert not gc.isenabled()
        portfolio.on(DAYS[2])
        del portfolio
        assert gc.collect() == 0
    finally:
        gc.enable()
    ai.load_portfolio(folder, workers=2, parallel_from=2).on(DAYS[2])
    assert gc.isenabled()


def test_deadlines_across_all(folder: Path) -> None:
    portfolio = ai.load_portfolio(folder)
    start, end = date(2022, 3, 20), date(2022, 7, 1)
    rows = portfolio.deadlines(start, end)
    expected = [(key, d) for key, proc in portfolio.items() for d in proc.deadlines(start) if d.date <= end]
    assert sorted(rows, key=lambda r: (r[1].date, list(portfolio).index(r[0]))) == rows
    assert sorted(rows, key=repr) == sorted(expected, key=repr)
    assert {d.what for _, d in rows} >= {"Alcatel standstill ends (24:00)", "award may become final"}
    # A procedure that records nothing after the date gives the same deadlines too.
    late = date(2026, 1, 1)
    assert portfolio.deadlines(late, late + timedelta(days=3650)) == [
        (key, d) for key, proc in portfolio.items() for d in proc.deadlines(late)]


def test_check_across_all(folder: Path) -> None:
    during = {"type": "dialogue_activity", "on": "2021-05-01", "kind": "bestuurlijk_overleg",
              "title": "During the tender"}
    bad = {**BUNDLED, "events": [*BUNDLED["events"], during]}
    write(folder, "e-bad.json", bad)
    portfolio = ai.load_portfolio(folder)
    found = portfolio.check()
    assert found == [(key, v) for key, proc in portfolio.items() for v in proc.check()]
    keys = {key for key, _ in found}
    assert str(folder / "e-bad.json") in keys
    assert str(folder / "a-inkoop.json") not in keys
    assert "dialoog-tijdens-aanbesteding" in {v.rule for key, v in found if key == str(folder / "e-bad.json")}


@pytest.mark.parametrize(("kwargs", "field"), [
    ({"source": 3}, "source"),
    ({"source": ["a.json", 3]}, "source[1]"),
    ({"source": ["a.json", "a.json"]}, "source[1]"),
    ({"source": "missing-folder"}, "folder"),
    ({"source": ".", "workers": 0}, "workers"),
    ({"source": ".", "workers": True}, "workers"),
    ({"source": ".", "parallel_from": "10"}, "parallel_from"),
    ({"source": ".", "calendar": "aw"}, "calendar"),
])
def test_bad_arguments(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kwargs: dict[str, object],
                       field: str) -> None:
    monkeypatch.chdir(tmp_path)
    source = kwargs.pop("source")
    with pytest.raises(ai.InvalidInputError) as raised:
        ai.load_portfolio(source, **kwargs)  # type: ignore[arg-type]
    assert raised.value.field == field


def test_bad_dates_and_a_window_backwards() -> None:
    portfolio = ai.Portfolio({"p": ai.inkoop2022()})
    with pytest.raises(ai.InvalidInputError) as raised:
        portfolio.on("2022-02-30")  # type: ignore[arg-type]
    assert raised.value.field == "on"
    with pytest.raises(ai.InvalidInputError) as raised:
        portfolio.deadlines(date(2022, 3, 1), date(2022, 2, 1))
    assert raised.value.field == "to"
    with pytest.raises(ai.InvalidInputError) as raised:
        ai.Portfolio({"p": "not a procedure"})  # type: ignore[dict-item]
    assert raised.value.field == "procedures['p']"
