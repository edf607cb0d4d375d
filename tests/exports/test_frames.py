"""The DataFrames of a procedure (``_frames``): columns, types, rows and plan against actual.

Tested on the bundled Inkoop 2022 and on ``helpers.built_procedure()`` (the
template with a second segment and a short record), so that the column types
do not depend on one data file.
"""

from __future__ import annotations

import datetime as dt
import sys
from typing import Any

import numpy as np
import pandas as pd
import pytest
from helpers import assert_invalid_input, built_procedure, procedure
from hypothesis import given, settings

import achterhoek_inkoop as ai
from achterhoek_inkoop import strategies as ais
from achterhoek_inkoop.exports._frames import EVENT_COLUMNS, PHASE_COLUMNS, events_frame, phases_frame
from achterhoek_inkoop.record._events import EVENT_TYPES

D = dt.date


PROCEDURES = {"inkoop2022": ai.inkoop2022, "built": built_procedure}
EVENT_DTYPES = {"on": "datetime64[s]", "type": "category", "id": "string", "segments": "object",
                "source": "string", "note": "string", "details": "object"}
PHASE_DTYPES = {"subject": "string", "state": "string", "label": "string", "start": "datetime64[s]",
                "end": "datetime64[s]", "planned_start": "datetime64[s]",
                "planned_end": "datetime64[s]", "slip_days": "Int64", "expected": "bool",
                "assumed": "bool"}


def all_intervals(proc: ai.Procedure) -> list[tuple[str, dt.date, dt.date | None, str]]:
    rows = [("procedure", start, end, str(state)) for start, end, state in proc.intervals()]
    for seg in proc.data.segment_ids:
        rows += [(seg, start, end, state) for start, end, state in proc.intervals(seg)]
    return rows


def as_date(value: Any) -> dt.date | None:
    return None if pd.isna(value) else pd.Timestamp(value).date()


def column(frame: pd.DataFrame, name: str) -> dict[Any, Any]:
    """A column as a dict by the frame's index, for reading single cells."""
    return frame[name].to_dict()


@pytest.fixture(params=sorted(PROCEDURES))
def proc(request: pytest.FixtureRequest) -> ai.Procedure:
    return PROCEDURES[request.param]()


# -- events_frame ------------------------------------------------------------
def test_events_frame_has_the_documented_columns_and_dtypes(proc: ai.Procedure) -> None:
    frame = events_frame(proc)
    assert tuple(frame.columns) == EVENT_COLUMNS
    assert {name: str(dtype) for name, dtype in frame.dtypes.items()} == EVENT_DTYPES
    assert isinstance(frame["source"].dtype, pd.StringDtype)
    assert frame["type"].cat.categories.tolist() == sorted(EVENT_TYPES)


def test_events_frame_has_one_row_per_event_in_record_order(proc: ai.Procedure) -> None:
    frame = events_frame(proc)
    assert len(frame) == len(proc.events)
    assert frame.index.name == "event"
    assert frame.index.tolist() == list(range(len(proc.events)))
    assert [as_date(v) for v in frame["on"]] == [e.on for e in proc.events]
    assert frame["type"].astype(str).tolist() == [e.type for e in proc.events]


def test_events_frame_common_fields_and_details(proc: ai.Procedure) -> None:
    frame = events_frame(proc)
    for i, event in enumerate(proc.events):
        row = frame.loc[i]
        assert (None if pd.isna(row["source"]) else row["source"]) == event.source
        assert (None if pd.isna(row["note"]) else row["note"]) == event.note
        assert (None if pd.isna(row["id"]) else row["id"]) == event.id
        details = row["details"]
        assert isinstance(details, dict)
        assert not {"type", "on", "id", "source", "note", "segments"} & set(details)
        for key, value in details.items():
            assert getattr(event, key) == value


def test_events_frame_segments_are_lists_of_segment_ids() -> None:
    # Issue 11: a comma-joined text with a literal "all" in it could not be filtered or exploded.
    built = column(events_frame(built_procedure()), "segments")
    assert built[0] == []  # a registration is not about segments
    both = ["perceel-1", "perceel-2"]
    assert [built[i] for i in range(1, 6)] == [both, ["perceel-1"], both, ["perceel-1"], ["perceel-2"]]
    assert all(type(value) is list for value in built.values())
    inkoop = events_frame(ai.inkoop2022())
    segments, details = column(inkoop, "segments"), column(inkoop, "details")
    assert segments[9] == ["wmo-wonen", "wmo-integrale-ondersteuning",
                           "integrale-ambulante-jeugdhulp", "gezins-en-woonvormen"]
    assert segments[0] == list(ai.inkoop2022().data.segment_ids)  # names none: all of them
    assert not any("all" in value for value in segments.values())
    assert segments[8] == []  # the overgangsregeling
    # What lists are for: one row per event and segment, and the events about one segment.
    exploded = inkoop.explode("segments")
    assert set(exploded["segments"].dropna()) == set(ai.inkoop2022().data.segment_ids)
    logeren = inkoop[inkoop["segments"].map(lambda s: "wmo-logeren" in s)]
    assert "award_decision" in set(logeren["type"].astype(str))
    assert details[9]["outcome"] == "awarded"
    assert details[9]["providers"] == 61
    assert details[18] == {"extended_to": None}  # None is kept: "not extended"


# -- phases_frame ------------------------------------------------------------
def test_phases_frame_has_the_documented_columns_and_dtypes(proc: ai.Procedure) -> None:
    frame = phases_frame(proc)
    assert tuple(frame.columns) == PHASE_COLUMNS
    assert {name: str(dtype) for name, dtype in frame.dtypes.items()} == PHASE_DTYPES


def test_phases_frame_has_one_row_per_interval(proc: ai.Procedure) -> None:
    frame = phases_frame(proc)
    assert not frame["expected"].any()  # the whole record: nothing is expected
    expected = all_intervals(proc)
    assert len(frame) == len(expected)
    got = [(row.subject, as_date(row.start), as_date(row.end), row.state)
           for row in frame.itertuples()]
    assert got == expected


def test_open_ended_interval_has_nat_end(proc: ai.Procedure) -> None:
    frame = phases_frame(proc)
    last_of_each = frame.groupby("subject", sort=False).tail(1)
    assert last_of_each["end"].isna().all()
    assert frame["end"].isna().sum() == 1 + len(proc.data.segment_ids)


def test_inkoop2022_slip_of_the_gunning_phase_is_164_days() -> None:
    frame = phases_frame(ai.inkoop2022()).set_index(["subject", "state"])
    slip, planned_start = column(frame, "slip_days"), column(frame, "planned_start")
    planned_end = column(frame, "planned_end")
    assert slip[("procedure", "gunning")] == 164
    assert as_date(planned_start[("procedure", "gunning")]) == D(2021, 10, 1)
    assert slip[("procedure", "aanbesteding")] == 0
    assert slip[("procedure", "uitvoering")] == 181  # DOMAIN.md A3
    assert as_date(planned_end[("procedure", "aanbesteding")]) == D(2021, 9, 30)
    assert as_date(planned_end[("procedure", "implementatie")]) == D(2021, 12, 31)
    assert pd.isna(planned_start[("procedure", "implementatie")])
    assert pd.isna(slip[("procedure", "implementatie")])
    assert pd.isna(slip[("procedure", "afgerond")])


def test_an_interval_starting_on_an_inferred_final_award_is_marked_assumed() -> None:
    # Inkoop 2022 records no final award; the contracts of 1 July 2022 show the four awarded
    # segments' awards final from 5 April, the day after the standstill: an assumption.
    frame = phases_frame(ai.inkoop2022())
    assumed = frame[frame["assumed"]]
    assert set(assumed["subject"]) == {"procedure", "wmo-wonen", "wmo-integrale-ondersteuning",
                                       "integrale-ambulante-jeugdhulp", "gezins-en-woonvormen"}
    assert set(assumed["state"]) == {"implementatie", "gunning.definitief_gegund"}
    assert (assumed["start"] == pd.Timestamp("2022-04-05")).all()
    # Recorded, the final award is a fact: nothing is assumed.
    proc = ai.inkoop2022()
    awarded = tuple(assumed.loc[assumed["subject"] != "procedure", "subject"])
    proc.record(ai.FinalAward(on=D(2022, 4, 5), segments=awarded, source="test: recorded"))
    assert not phases_frame(proc)["assumed"].any()


def test_segment_states_map_to_the_milestones() -> None:
    frame = phases_frame(ai.inkoop2022()).set_index(["subject", "state"])
    slip = column(frame, "slip_days")
    assert slip[("wmo-wonen", "gunning.voorlopig_gegund")] == 164
    assert pd.isna(slip[("wmo-wonen", "gunning.standstill")])
    assert slip[("wmo-logeren", "gunning.niet_gegund")] == 164
    assert slip[("hoog-complexe-jeugdhulp-met-verblijf", "gunning.niet_gegund")] == 164
    assert slip[("hoog-complexe-jeugdhulp-met-verblijf", "in_uitvoering")] == 365
    planned_end = column(frame, "planned_end")
    assert as_date(planned_end[("wmo-wonen", "gunning.definitief_gegund")]) == D(2021, 12, 31)


def test_built_procedure_slips() -> None:
    frame = phases_frame(built_procedure())
    by_state = frame.set_index(["subject", "state"])["slip_days"]
    assert by_state[("procedure", "aanbesteding")] == 0
    assert by_state[("procedure", "gunning")] == 14  # planned 2027-10-01, sent 2027-10-15
    assert by_state[("perceel-2", "gunning.niet_gegund")] == 14
    # No final award is recorded: the award of perceel-1 may become final, the phase stays gunning.
    assert ("procedure", "implementatie") not in by_state.index
    assert ("perceel-1", "gunning.standstill_verstreken") in by_state.index


def test_a_milestone_maps_to_the_first_interval_only() -> None:
    # perceel-1 is not awarded, then re-tendered: only its first tender has a plan to slip from.
    proc = procedure(ai.TenderStart(on=D(2027, 4, 1)),
                     ai.AwardDecision(on=D(2027, 10, 1), outcome="not_awarded", follow_up="heraanbesteding"),
                     ai.TenderStart(on=D(2027, 12, 1)), record=True)
    frame = phases_frame(proc)
    seg = frame[frame["subject"] == "perceel-1"]
    assert seg["state"].tolist() == ["dialoog", "aanbesteding", "gunning.niet_gegund", "heraanbesteding"]
    assert seg["slip_days"].tolist() == [pd.NA, 0, 0, pd.NA]


def test_baseline_measures_against_a_later_plan() -> None:
    frame = phases_frame(ai.inkoop2022(), baseline="revision-2021-10-15")
    procedure = frame[frame["subject"] == "procedure"].set_index("state")
    assert procedure.loc["uitvoering", "slip_days"] == 0
    assert procedure.loc["gunning", "slip_days"] == 164  # the revision kept the award date


def test_unknown_baseline_is_refused() -> None:
    with pytest.raises(ai.InvalidInputError) as info:
        phases_frame(ai.inkoop2022(), baseline="no-such-plan")
    assert_invalid_input(info.value, "baseline", "no-such-plan")


def test_a_procedure_without_any_date_gives_empty_frames_of_the_same_types() -> None:
    proc = procedure(plans=())
    events, phases = events_frame(proc), phases_frame(proc)
    assert events.empty
    assert phases.empty
    assert {name: str(dtype) for name, dtype in events.dtypes.items()} == EVENT_DTYPES
    assert {name: str(dtype) for name, dtype in phases.dtypes.items()} == PHASE_DTYPES


# -- without pandas ----------------------------------------------------------
@pytest.mark.parametrize("function", [events_frame, phases_frame])
def test_without_pandas_the_error_names_the_extra(monkeypatch: pytest.MonkeyPatch,
                                                  function: object) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)  # makes `import pandas` fail
    with pytest.raises(ai.MissingExtraError) as info:
        function(ai.inkoop2022())  # type: ignore[operator]
    assert info.value.extra == "notebook"
    assert info.value.package == "pandas"
    assert "achterhoek_inkoop[notebook]" in str(info.value)
    assert isinstance(info.value, ImportError)


# -- as known on a date --------------------------------------------------------
ON = D(2022, 3, 20)


def test_events_frame_on_a_date_has_only_the_events_known_then() -> None:
    proc = ai.inkoop2022()
    frame = events_frame(proc, on=ON)
    known = proc.as_known_on(ON).events
    assert len(frame) == len(known) == 12
    assert [as_date(v) for v in frame["on"]] == [e.on for e in known]
    assert all(day <= ON for day in (as_date(v) for v in frame["on"]))
    assert {name: str(dtype) for name, dtype in frame.dtypes.items()} == EVENT_DTYPES
    assert frame.index.tolist() == list(range(12))
    assert proc.events_frame(ON).equals(frame)
    assert proc.events_frame().equals(events_frame(proc))


def test_phases_frame_on_a_date_draws_nothing_recorded_later_and_marks_what_is_expected() -> None:
    proc = ai.inkoop2022()
    frame = phases_frame(proc, on=ON)
    assert {name: str(dtype) for name, dtype in frame.dtypes.items()} == PHASE_DTYPES
    assert [(row.subject, as_date(row.start), as_date(row.end), row.state) for row in frame.itertuples()
            ] == all_intervals(proc.as_known_on(ON))
    for row in frame.itertuples():  # expected: not ended before the day (open then, or later)
        end = as_date(row.end)
        assert row.expected == (end is None or end >= ON), row
    rows = {(row.subject, row.state): (as_date(row.start), as_date(row.end), row.expected)
            for row in frame.itertuples()}
    assert rows[("procedure", "aanbesteding")] == (D(2021, 4, 1), D(2022, 3, 13), False)
    assert rows[("procedure", "gunning")][::2] == (D(2022, 3, 14), True)  # open on the 20th
    assert rows[("wmo-wonen", "gunning.voorlopig_gegund")] == (D(2022, 3, 14), D(2022, 3, 14), False)
    # The standstill as the record then implies it: to 4 April, what follows it expected.
    assert rows[("wmo-wonen", "gunning.standstill")] == (D(2022, 3, 15), D(2022, 4, 4), True)
    after = frame[(frame["subject"] == "wmo-wonen") & (frame["start"] > pd.Timestamp(ON))]
    assert [as_date(v) for v in after["start"]] == [D(2022, 4, 5)]
    assert after["expected"].all()
    hcj = "hoog-complexe-jeugdhulp-met-verblijf"
    # The follow-up award of November 2022 and the contracts of July 2022 were not known yet.
    assert rows[(hcj, "gunning.niet_gegund")] == (D(2022, 3, 14), None, True)
    assert (frame["subject"] == hcj).sum() == 3  # its dialoog, tender and "not awarded"
    assert not frame["state"].isin(["in_uitvoering", "beeindigd", "uitvoering", "afgerond"]).any()
    assert proc.phases_frame(on=ON).equals(frame)


def test_phases_frame_on_a_date_measures_against_the_plans_published_by_then() -> None:
    proc = ai.inkoop2022()
    early = phases_frame(proc, on=D(2021, 5, 1))
    tender = early[early["subject"] == "procedure"].set_index("state")
    assert tender.loc["aanbesteding", "slip_days"] == 0
    assert bool(tender.loc["aanbesteding", "expected"])  # still in the tender on 1 May 2021
    dialogue = phases_frame(proc, on=D(2021, 1, 10))  # still in the dialoog: only its rows
    assert set(dialogue["state"]) == {"dialoog"}
    assert dialogue["end"].isna().all()
    assert dialogue["expected"].all()
    assert {name: str(dtype) for name, dtype in dialogue.dtypes.items()} == PHASE_DTYPES
    with pytest.raises(ai.InvalidInputError) as info:
        phases_frame(proc, on=D(2021, 1, 10), baseline="revision-2021-10-15")
    assert_invalid_input(info.value, "baseline", "revision-2021-10-15")
    assert "published on 2021-10-15" in str(info.value)
    assert "plan-2020-11-24" in str(info.value)


@pytest.mark.parametrize("bad", ["20-03-2022", "2022-03-20T12:00", dt.datetime(2022, 3, 20, 12, 0),
                                 pd.Timestamp("2022-03-20 12:00"), 20220320])
def test_frames_refuse_an_on_that_is_not_a_date(bad: object) -> None:
    for call in (lambda: events_frame(ai.inkoop2022(), on=bad),  # type: ignore[arg-type]
                 lambda: phases_frame(ai.inkoop2022(), on=bad)):  # type: ignore[arg-type]
        with pytest.raises(ai.InvalidInputError) as info:
            call()
        assert info.value.field == "on"


@pytest.mark.parametrize("on", ["2022-03-20", pd.Timestamp("2022-03-20"), np.datetime64("2022-03-20"),
                                dt.datetime(2022, 3, 20)], ids=["iso", "timestamp", "datetime64", "midnight"])
def test_frames_take_every_form_of_a_date(on: object) -> None:
    proc = ai.inkoop2022()
    assert events_frame(proc, on=on).equals(events_frame(proc, on=ON))  # type: ignore[arg-type]
    assert phases_frame(proc, on=on).equals(phases_frame(proc, on=ON))  # type: ignore[arg-type]
    assert proc.phases_frame(on=on).equals(phases_frame(proc, on=ON))  # type: ignore[arg-type]


# -- the dialoog -----------------------------------------------------------------
def test_the_dialoog_has_its_rows() -> None:
    # Issue 11: the plot and the status showed the dialoog, the frames had no row for it.
    proc = ai.inkoop2022()
    frame = phases_frame(proc)
    dialoog = frame[frame["state"] == "dialoog"]
    assert dialoog["subject"].tolist() == ["procedure", *proc.data.segment_ids]
    # From the first date of the record (the invitation) to the day before the tender.
    assert {as_date(v) for v in dialoog["start"]} == {D(2020, 11, 24)}
    assert {as_date(v) for v in dialoog["end"]} == {D(2021, 3, 31)}
    assert {as_date(v) for v in dialoog["planned_end"]} == {D(2021, 3, 31)}  # the planned tender, -1
    assert dialoog["planned_start"].isna().all()
    assert dialoog["slip_days"].isna().all()
    assert set(dialoog["label"]) == {"dialoog"}
    first = frame.groupby("subject", sort=False).head(1)
    assert set(first["state"]) == {"dialoog"}  # every subject starts with it


def test_a_plan_only_procedure_has_its_dialoog_rows() -> None:
    proc = procedure()  # a plan published 2027-01-01, nothing recorded
    frame = phases_frame(proc)
    assert frame[["subject", "state"]].values.tolist() == [["procedure", "dialoog"],
                                                            ["perceel-1", "dialoog"]]
    assert {as_date(v) for v in frame["start"]} == {proc.data.plans[0].published}
    assert frame["end"].isna().all()
    planned = proc.planned("aanbesteding")
    assert planned is not None
    assert {as_date(v) for v in frame["planned_end"]} == {planned - dt.timedelta(days=1)}


@settings(max_examples=40)
@given(ais.procedures(max_segments=2), ais.dates(min_value=D(2000, 1, 1), max_value=D(2099, 12, 31)))
def test_the_facts_on_a_date_are_those_of_the_whole_record(proc: ai.Procedure, day: dt.date) -> None:
    whole, known = phases_frame(proc), phases_frame(proc, on=day)
    ended = known[~known["expected"]]
    # What had ended before the day is fact: the same intervals as in the whole record.
    before = whole[whole["end"].notna() & (whole["end"] < pd.Timestamp(day))]
    assert ended[["subject", "state", "start", "end"]].reset_index(drop=True).equals(
        before[["subject", "state", "start", "end"]].reset_index(drop=True))
    assert (known["start"] <= pd.Timestamp(day)).sum() >= len(ended)
