"""The calendar export (issue 4, item 4): an RFC 5545 file that parses back, with stable UIDs.

Checked on Inkoop 2022 and on a procedure the test builds from the template:
the entries and their dates (the meetings in Europe/Amsterdam, the deadlines
all-day), the UIDs (unique, the same in two exports, unchanged when an
unrelated event is added), the line format (CRLF, folded at 75 octets), and
the error when the ``ics`` extra is missing.
"""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import icalendar
import pytest
from helpers import procedure

import achterhoek_inkoop as ai
from achterhoek_inkoop.exports import _ics
from achterhoek_inkoop.exports._ics import procedure_to_ics, write_ics
from achterhoek_inkoop.exports._status import deadlines

AMS = ZoneInfo("Europe/Amsterdam")
AWARDED = ("wmo-wonen", "wmo-integrale-ondersteuning", "integrale-ambulante-jeugdhulp",
           "gezins-en-woonvormen")


def built(award_sent: date = date(2027, 10, 4)) -> ai.Procedure:
    """The template procedure with a registration deadline and a record made with ``record``."""
    return procedure(
        # Winter time (CET, UTC+1) and summer time (CEST, UTC+2, from 2027-03-28), and one without times.
        ai.DialogueActivity(on=date(2027, 2, 15), kind="bestuurlijk_overleg",
                            start_time=time(16), end_time=time(17)),
        ai.DialogueActivity(on=date(2027, 3, 10), kind="gesprekstafel", title="Gesprekstafel jeugd"),
        ai.DialogueActivity(on=date(2027, 3, 30), kind="kennissessie", title="Kennissessie tarieven",
                            start_time=time(10), end_time=time(11, 30)),
        ai.TenderStart(on=date(2027, 4, 1), deadline=date(2027, 5, 20)),
        ai.AwardDecision(on=award_sent, outcome="awarded", providers=5),
        ai.Contract(on=date(2028, 1, 1), initial_end=date(2030, 12, 31), max_end=date(2034, 12, 31)),
        bestuurlijk_overleg=ai.BestuurlijkOverlegSettings(registration_deadline=date(2027, 2, 1)),
        record=True,
    )


PROCEDURES = {"inkoop2022": ai.inkoop2022, "built": built}


@pytest.fixture(params=sorted(PROCEDURES))
def proc(request: pytest.FixtureRequest) -> ai.Procedure:
    return PROCEDURES[request.param]()


def parse(raw: bytes) -> icalendar.Calendar:
    return icalendar.Calendar.from_ical(raw)


def vevents(proc: ai.Procedure) -> list[icalendar.Event]:
    return parse(procedure_to_ics(proc)).walk("VEVENT")


def by_uid(proc: ai.Procedure) -> dict[str, tuple[str, object, object]]:
    """UID -> (summary, start, end) of every entry."""
    return {str(e["UID"]): (str(e["SUMMARY"]), e.start, e.end) for e in vevents(proc)}


def named(events: list[icalendar.Event], text: str) -> list[icalendar.Event]:
    return [e for e in events if text in str(e["SUMMARY"])]


def in_category(events: list[icalendar.Event], category: str) -> list[icalendar.Event]:
    return [e for e in events if category in e["CATEGORIES"].cats]


# -- the file as a whole -----------------------------------------------------------

def test_the_calendar_parses_back_with_its_header_and_zone(proc: ai.Procedure) -> None:
    cal = parse(procedure_to_ics(proc))
    assert cal.name == "VCALENDAR"
    assert str(cal["VERSION"]) == "2.0"
    assert str(cal["PRODID"]) == _ics.PRODID
    assert str(cal["X-WR-CALNAME"]) == proc.data.name
    assert [str(tz["TZID"]) for tz in cal.walk("VTIMEZONE")] == ["Europe/Amsterdam"]
    assert cal.get_missing_tzids() == set()
    assert len(cal.walk("VEVENT")) > 0


def test_every_entry_has_uid_dtstamp_dtstart_and_a_deterministic_stamp(proc: ai.Procedure) -> None:
    latest = max([e.on for e in proc.events] + [p.published for p in proc.data.plans])
    for event in vevents(proc):
        for prop in ("UID", "DTSTAMP", "DTSTART", "SUMMARY"):
            assert prop in event, (prop, event.get("SUMMARY"))
        # DTSTAMP is a UTC date-time taken from the record, never from the clock.
        assert event["DTSTAMP"].dt == datetime.combine(latest, time(0), tzinfo=UTC)


def test_all_day_entries_are_dates_ending_the_next_day(proc: ai.Procedure) -> None:
    raw = procedure_to_ics(proc).decode("utf-8")
    all_day = [e for e in vevents(proc) if not isinstance(e.start, datetime)]
    assert all_day
    for event in all_day:
        assert type(event.start) is date
        assert event["DTEND"].dt == event.start + timedelta(days=1)
        assert str(event["TRANSP"]) == "TRANSPARENT"
    assert raw.count("DTSTART;VALUE=DATE:") == len(all_day)
    assert raw.count("DTEND;VALUE=DATE:") == len(all_day)


def test_two_exports_are_byte_for_byte_equal(proc: ai.Procedure) -> None:
    assert procedure_to_ics(proc) == procedure_to_ics(proc)


def test_uids_are_unique(proc: ai.Procedure) -> None:
    uids = [str(e["UID"]) for e in vevents(proc)]
    assert len(uids) == len(set(uids))
    assert all(uid.endswith(f"@{proc.data.id}.achterhoek-inkoop") for uid in uids)


def test_lines_end_in_crlf_and_are_folded_at_75_octets(proc: ai.Procedure) -> None:
    raw = procedure_to_ics(proc)
    assert raw.endswith(b"END:VCALENDAR\r\n")
    lines = raw.split(b"\r\n")
    assert lines[-1] == b""
    for line in lines[:-1]:
        assert b"\n" not in line
        assert b"\r" not in line
        assert len(line) <= 75, line
        line.decode("utf-8")  # a fold never splits a multi-byte character
    # Long summaries and descriptions are there, so folding is exercised, not just absent.
    assert any(line.startswith(b" ") for line in lines)


def test_folding_keeps_non_ascii_text_intact() -> None:
    # The registration deadline's source quotes 'vóór 7 december 2020' (DOMAIN.md A1).
    [entry] = named(vevents(ai.inkoop2022()), "register")
    assert "vóór 7 december 2020" in str(entry["DESCRIPTION"])


# -- the entries of Inkoop 2022 ----------------------------------------------------------

def test_the_bestuurlijk_overleg_meetings_are_timed_in_amsterdam() -> None:
    raw = procedure_to_ics(ai.inkoop2022()).decode("utf-8")
    assert "DTSTART;TZID=Europe/Amsterdam:20201221T160000\r\n" in raw
    assert "DTEND;TZID=Europe/Amsterdam:20201221T170000\r\n" in raw
    meetings = in_category(vevents(ai.inkoop2022()), "meeting")
    got = [(e.start.astimezone(UTC), e.end.astimezone(UTC)) for e in meetings]
    # 16:00-17:00 CET (UTC+1) on 21 December 2020 and 10 February 2021 (DOMAIN.md A1).
    assert got == [
        (datetime(2020, 12, 21, 15, tzinfo=UTC), datetime(2020, 12, 21, 16, tzinfo=UTC)),
        (datetime(2021, 2, 10, 15, tzinfo=UTC), datetime(2021, 2, 10, 16, tzinfo=UTC)),
    ]
    assert [str(e["SUMMARY"]) for e in meetings] == ["Bestuurlijk Overleg 1", "Bestuurlijk Overleg 2"]


def test_the_deadlines_of_inkoop2022_are_all_day_entries() -> None:
    events = vevents(ai.inkoop2022())
    [register] = named(events, "Last day to register for the Bestuurlijk Overleg")
    assert register.start == date(2020, 12, 6)  # registration "vóór 7 december 2020"
    standstill = named(events, "Alcatel standstill ends")
    assert len(standstill) == len(AWARDED)
    assert {e.start for e in standstill} == {date(2022, 4, 4)}  # DOMAIN.md B2 worked example
    assert all("Sunday (Atw art. 1)" in str(e["DESCRIPTION"]) for e in standstill)
    final = {str(e["SUMMARY"]).split(": ", 1)[1]: e.start for e in named(events, "Award may become final")}
    names = {s.id: s.name for s in ai.inkoop2022().data.segments}
    assert final == {
        **{names[seg]: date(2022, 4, 5) for seg in AWARDED},
        names["wmo-logeren"]: date(2022, 7, 1),  # the follow-up procedure
        names["hoog-complexe-jeugdhulp-met-verblijf"]: date(2022, 11, 16),
    }
    ends = named(events, "Contracts end")
    assert len(ends) == 6
    assert {e.start for e in ends} == {date(2025, 6, 30)}


def test_every_deadline_of_the_status_is_in_the_calendar(proc: ai.Procedure) -> None:
    entries = in_category(vevents(proc), "deadline")
    names = {s.id: s.name for s in proc.data.segments}
    for day, subject, _what in deadlines(proc):
        label = "register" if subject == "procedure" else names[subject]
        assert any(e.start == day and label in str(e["SUMMARY"]) for e in entries), (day, subject)
    assert len(entries) == len(deadlines(proc))


def test_the_planned_milestones_of_every_plan_are_there(proc: ai.Procedure) -> None:
    events = vevents(proc)
    for plan in proc.data.plans:
        for milestone, day in plan.milestones.items():
            [entry] = [e for e in named(events, f"(plan {plan.id})")
                       if milestone.replace("_", " ") in str(e["SUMMARY"])]
            assert entry.start == day
    expected = sum(len(p.milestones) for p in proc.data.plans)
    assert len(named(events, "Planned: ")) == expected


def test_tender_start_award_decisions_and_contract_starts_of_inkoop2022() -> None:
    events = vevents(ai.inkoop2022())
    assert [e.start for e in named(events, "Tender starts")] == [date(2021, 4, 1)]
    decisions = named(events, "Award decision")
    assert [e.start for e in decisions] == [date(2022, 3, 14)] * 3
    assert sum("not awarded" in str(e["SUMMARY"]) for e in decisions) == 2
    assert [e.start for e in named(events, "Contracts start")] == [
        date(2022, 7, 1), date(2022, 7, 1), date(2023, 1, 1)]


# -- the entries of a procedure built by the test ------------------------------------------

def test_the_built_procedure_has_its_meetings_in_winter_and_summer_time() -> None:
    events = vevents(built())
    [overleg] = named(in_category(events, "meeting"), "Bestuurlijk Overleg")
    assert overleg.start == datetime(2027, 2, 15, 16, tzinfo=AMS)
    assert overleg.start.astimezone(UTC) == datetime(2027, 2, 15, 15, tzinfo=UTC)  # CET
    [session] = named(events, "Kennissessie tarieven")
    assert session.start.astimezone(UTC) == datetime(2027, 3, 30, 8, tzinfo=UTC)  # CEST
    assert session.end.astimezone(UTC) == datetime(2027, 3, 30, 9, 30, tzinfo=UTC)
    [table] = named(events, "Gesprekstafel jeugd")  # no times recorded: all-day
    assert (table.start, table["DTEND"].dt) == (date(2027, 3, 10), date(2027, 3, 11))


def test_the_built_procedure_has_its_deadlines() -> None:
    events = vevents(built())
    assert [e.start for e in named(events, "Last day to register")] == [date(2027, 2, 1) - timedelta(days=1)]
    # Sent Monday 4 October 2027: day 20 is Sunday 24 October, so the standstill runs through Monday 25.
    assert [e.start for e in named(events, "Alcatel standstill ends")] == [date(2027, 10, 25)]
    assert [e.start for e in named(events, "Award may become final")] == [date(2027, 10, 26)]
    assert [e.start for e in named(events, "Contracts end")] == [date(2030, 12, 31)]
    assert [e.start for e in named(events, "Contracts start")] == [date(2028, 1, 1)]
    assert [e.start for e in named(events, "Tender starts")] == [date(2027, 4, 1)]


# -- as known on a date ----------------------------------------------------------------

ON = date(2022, 3, 20)


def test_the_calendar_on_a_date_has_only_what_was_known_then() -> None:
    proc = ai.inkoop2022()
    events = parse(procedure_to_ics(proc, ON)).walk("VEVENT")
    names = {s.id: s.name for s in proc.data.segments}
    # The contracts of July 2022 and the follow-up awards were decided later.
    assert named(events, "Contracts start") == []
    assert named(events, "Contracts end") == []
    final = {str(e["SUMMARY"]): e.start for e in named(events, "Award may become final")}
    assert final == {f"Award may become final: {names[seg]} (expected)": date(2022, 4, 5) for seg in AWARDED}
    standstill = named(events, "Alcatel standstill ends")
    assert {e.start for e in standstill} == {date(2022, 4, 4)}
    for entry in standstill + named(events, "Award may become final"):
        assert str(entry["SUMMARY"]).endswith(" (expected)")
        assert "Expected: follows from the record as known on 2022-03-20" in str(entry["DESCRIPTION"])
    # The registration deadline is set in advance, and passed: not expected.
    [register] = named(events, "Last day to register")
    assert "expected" not in str(register["SUMMARY"])
    assert [e.start for e in named(events, "Award decision")] == [date(2022, 3, 14)] * 3
    # Both plans were published by then; DTSTAMP is the latest date known then.
    assert len(named(events, "(plan revision-2021-10-15)")) == 1
    assert {e["DTSTAMP"].dt for e in events} == {datetime(2022, 3, 14, tzinfo=UTC)}


def test_the_calendar_of_2021_01_10_has_the_first_plan_only() -> None:
    events = parse(ai.inkoop2022().to_ics(date(2021, 1, 10))).walk("VEVENT")
    assert named(events, "(plan revision-2021-10-15)") == []
    assert len(named(events, "(plan plan-2020-11-24)")) == 3
    assert [str(e["SUMMARY"]) for e in in_category(events, "meeting")] == ["Bestuurlijk Overleg 1"]
    assert [str(e["SUMMARY"]) for e in in_category(events, "deadline")] == [
        "Last day to register for the Bestuurlijk Overleg"]


def test_expected_entries_keep_their_uids() -> None:
    proc = ai.inkoop2022()
    whole, known = by_uid(proc), by_uid_on(proc, ON)
    assert set(known) < set(whole)
    for uid, (summary, start, end) in known.items():
        assert whole[uid][0] in (summary, summary.removesuffix(" (expected)")), summary
        if "Award may become final" not in summary:  # the follow-ups were not known yet
            assert whole[uid][1:] == (start, end)


def test_a_kort_geding_filed_after_the_date_is_not_in_the_calendar() -> None:
    proc = procedure(ai.TenderStart(on=date(2025, 4, 1)),
                     ai.AwardDecision(on=date(2025, 10, 1), outcome="awarded"),
                     ai.KortGeding(on=date(2025, 10, 15)),
                     ai.KortGedingRuling(on=date(2025, 11, 20), outcome="rejected"), record=True)
    events = parse(procedure_to_ics(proc, date(2025, 10, 10))).walk("VEVENT")
    [final] = named(events, "Award may become final")
    assert final.start == date(2025, 10, 22)  # from the standstill, not the ruling of 20 November
    assert str(final["SUMMARY"]).endswith("(expected)")
    [end] = named(events, "Alcatel standstill ends")
    assert end.start == date(2025, 10, 21)
    [whole] = named(vevents(proc), "Award may become final")
    assert whole.start == date(2025, 11, 20)
    assert str(whole["UID"]) == str(final["UID"])


def test_without_a_date_nothing_is_labelled_expected(proc: ai.Procedure) -> None:
    assert not any("expected" in str(e["SUMMARY"]) for e in vevents(proc))


def test_the_ics_command_on_a_date(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from helpers import run_cli

    out = tmp_path / "inkoop.ics"
    code, _stdout, err = run_cli(capsys, "ics", "-o", str(out), "--on", "2022-03-20", "--stamp", "record")
    assert (code, err) == (0, "")
    assert out.read_bytes() == ai.inkoop2022().to_ics(ON)
    code, _stdout, err = run_cli(capsys, "ics", "-o", str(out), "--on", "2022-02-30")
    assert code == 2
    assert len(err.strip().splitlines()) == 1


def by_uid_on(proc: ai.Procedure, on: date) -> dict[str, tuple[str, object, object]]:
    return {str(e["UID"]): (str(e["SUMMARY"]), e.start, e.end)
            for e in parse(procedure_to_ics(proc, on)).walk("VEVENT")}


# -- stable UIDs ----------------------------------------------------------------------

@pytest.mark.parametrize("name", sorted(PROCEDURES))
def test_uids_survive_recording_an_unrelated_event(name: str) -> None:
    proc = PROCEDURES[name]()
    before = by_uid(proc)
    on = date(2021, 1, 15) if name == "inkoop2022" else date(2027, 3, 1)
    proc.record(ai.DialogueActivity(on=on, kind="gesprekstafel", title="Extra Gesprekstafel"))
    after = by_uid(proc)
    assert set(before) < set(after)
    assert {uid: after[uid] for uid in before} == before
    [new] = set(after) - set(before)
    assert after[new][1] == on


def test_uids_survive_an_event_inserted_before_the_others() -> None:
    # A hand-edited file may put a new event first: the UIDs do not depend on the position.
    proc = ai.inkoop2022()
    extra = ai.DialogueActivity(on=date(2020, 11, 30), kind="kennissessie", title="Kennissessie")
    moved = ai.Procedure(proc.data.model_copy(update={"events": (extra, *proc.events)}))
    before, after = by_uid(proc), by_uid(moved)
    assert len(after) == len(before) + 1
    assert {uid: after[uid] for uid in before} == before


def test_identical_events_get_distinct_uids_in_record_order() -> None:
    proc = built()
    same = ai.DialogueActivity(on=date(2027, 3, 10), kind="gesprekstafel", title="Gesprekstafel jeugd")
    first = by_uid(proc)
    proc.record(same)
    second = by_uid(proc)
    assert len(second) == len(first) + 1
    assert {uid: second[uid] for uid in first} == first


def test_a_moved_deadline_keeps_its_uid_so_the_entry_is_updated() -> None:
    # The award decision sent a week later: the standstill ends later, in the same entry.
    early, late = vevents(built(date(2027, 10, 4))), vevents(built(date(2027, 10, 11)))
    [a] = named(early, "Alcatel standstill ends")
    [b] = named(late, "Alcatel standstill ends")
    assert str(a["UID"]) == str(b["UID"])
    assert (a.start, b.start) == (date(2027, 10, 25), date(2027, 11, 1))


def test_a_corrected_meeting_time_keeps_its_uid() -> None:
    proc = ai.inkoop2022()
    events = list(proc.events)
    events[1] = events[1].model_copy(update={"start_time": time(15, 30)})
    moved = ai.Procedure(proc.data.model_copy(update={"events": tuple(events)}))
    assert set(by_uid(moved)) == set(by_uid(proc))


# -- files and errors ----------------------------------------------------------------

def test_write_ics_writes_the_same_bytes(tmp_path: Path) -> None:
    path = tmp_path / "inkoop.ics"
    write_ics(ai.inkoop2022(), path)
    assert path.read_bytes() == procedure_to_ics(ai.inkoop2022())
    assert [p.name for p in tmp_path.iterdir()] == ["inkoop.ics"]  # no temporary file left


def test_without_icalendar_the_export_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "icalendar", None)  # import icalendar now raises ImportError
    with pytest.raises(ai.MissingExtraError) as caught:
        procedure_to_ics(ai.inkoop2022())
    assert caught.value.extra == "ics"
    assert caught.value.package == "icalendar"
    assert "achterhoek_inkoop[ics]" in str(caught.value)


def test_without_zone_data_the_export_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_zone(key: str) -> ZoneInfo:
        raise ZoneInfoNotFoundError(key)

    from achterhoek_inkoop.calendar import _holidays

    _holidays.amsterdam_zone.cache_clear()
    # amsterdam_zone imports ZoneInfo when called (it is off the deadline's start-up path).
    monkeypatch.setattr("zoneinfo.ZoneInfo", no_zone)
    try:
        with pytest.raises(ai.MissingExtraError) as caught:
            procedure_to_ics(ai.inkoop2022())
    finally:
        monkeypatch.undo()
        _holidays.amsterdam_zone.cache_clear()
    assert (caught.value.package, caught.value.extra) == ("tzdata", "ics")


def test_importing_the_library_and_the_export_module_does_not_import_icalendar() -> None:
    code = ("import sys, achterhoek_inkoop, achterhoek_inkoop.exports._ics; "
            "sys.exit('icalendar' in sys.modules)")
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


def test_a_meeting_that_ends_before_it_starts_is_refused() -> None:
    # Refused when recorded, so no calendar ever holds it.
    proc = built()
    with pytest.raises(ai.InvalidInputError) as caught:
        proc.record({"type": "dialogue_activity", "on": date(2027, 3, 3), "kind": "kennissessie",
                     "start_time": time(11), "end_time": time(10)})
    assert caught.value.field == "event.end_time"
    assert caught.value.value == time(10)
    assert "start time 11:00:00" in str(caught.value)


def test_something_else_than_a_procedure_is_refused() -> None:
    with pytest.raises(ai.InvalidInputError) as caught:
        procedure_to_ics(ai.inkoop2022().data)  # type: ignore[arg-type]
    assert caught.value.field == "proc"


def test_a_procedure_with_nothing_dated_gives_a_calendar_with_only_the_zone() -> None:
    proc = procedure(plans=())
    cal = parse(procedure_to_ics(proc))
    assert cal.walk("VEVENT") == []
    assert [str(tz["TZID"]) for tz in cal.walk("VTIMEZONE")] == ["Europe/Amsterdam"]


def test_procedure_to_ics_is_the_method_and_the_command(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from helpers import run_cli

    proc = ai.inkoop2022()
    assert proc.to_ics() == procedure_to_ics(proc)
    out = tmp_path / "inkoop.ics"
    code, stdout, err = run_cli(capsys, "ics", "-o", str(out), "--stamp", "record")
    assert (code, err) == (0, "")
    assert out.read_bytes() == proc.to_ics()
    assert "wrote" in stdout


def test_the_time_limit_for_tenders_is_a_deadline_set_in_advance() -> None:
    proc = built()
    [entry] = named(vevents(proc), "Time limit for receipt of tenders")
    assert entry.start == date(2027, 5, 20)
    assert "(expected)" not in str(entry["SUMMARY"])   # set in the notice, not inferred
    [again] = named(parse(procedure_to_ics(proc, date(2027, 4, 2))).walk("VEVENT"), "Time limit")
    assert str(again["SUMMARY"]) == str(entry["SUMMARY"])
    assert again["UID"] == entry["UID"]


# -- calendars that update (issue 11, item 4) ------------------------------------------------

STAMP = datetime(2027, 3, 1, 9, 30, tzinfo=UTC)
LATER = datetime(2027, 3, 8, 14, 5, tzinfo=UTC)


def identified(meeting: date = date(2027, 3, 10), award_sent: date = date(2027, 10, 4),
               ids: bool = True) -> ai.Procedure:
    """The built procedure as a file holds it, each event with the id ``new_event_id`` gives it."""
    events = built(award_sent).events
    events = tuple(e.model_copy(update={"on": meeting}) if getattr(e, "title", None) == "Gesprekstafel jeugd"
                   else e for e in events)
    data = built().data.model_copy(update={"events": ()})
    for event in events:
        if ids:
            event = event.model_copy(update={"id": ai.record.new_event_id(data, event)})
        data = data.model_copy(update={"events": (*data.events, event)})
    return ai.Procedure(data)


def entries_of(raw: bytes) -> dict[str, icalendar.Event]:
    return {str(e["UID"]): e for e in parse(raw).walk("VEVENT")}


def test_new_event_id_names_the_kind_and_counts_up() -> None:
    proc = identified()
    assert [e.id for e in proc.events] == ["bestuurlijk-overleg-1", "gesprekstafel-1", "kennissessie-1",
                                           "tender-start-1", "award-decision-1", "contract-1"]
    again = ai.DialogueActivity(on=date(2027, 3, 11), kind="gesprekstafel")
    assert ai.record.new_event_id(proc.data, again) == "gesprekstafel-2"
    # A hand-written id of the same form counts: the new one never repeats it.
    seventh = again.model_copy(update={"id": "gesprekstafel-7"})
    data = proc.data.model_copy(update={"events": (*proc.events, seventh)})
    assert ai.record.new_event_id(data, again) == "gesprekstafel-8"
    with pytest.raises(ai.InvalidInputError) as caught:
        ai.record.new_event_id(proc, again)  # type: ignore[arg-type]
    assert caught.value.field == "data"


def test_a_moved_meeting_and_award_decision_keep_their_uids_and_raise_sequence() -> None:
    # The issue: a meeting and the award decision moved, the file re-exported, compared with icalendar.
    before = entries_of(procedure_to_ics(identified(), stamp=STAMP))
    after = entries_of(procedure_to_ics(identified(date(2027, 3, 12), date(2027, 10, 11)), stamp=LATER))
    assert set(after) == set(before)  # no entry disappears, none appears
    moved = {uid: (before[uid].start, after[uid].start) for uid in before
             if before[uid].start != after[uid].start}
    assert sorted(moved.values()) == [
        (date(2027, 3, 10), date(2027, 3, 12)),  # the Gesprekstafel
        (date(2027, 10, 4), date(2027, 10, 11)),  # the award decision
        (date(2027, 10, 25), date(2027, 11, 1)),  # its standstill's end
        (date(2027, 10, 26), date(2027, 11, 2)),  # the day the award may become final
    ]
    for uid, entry in after.items():
        # The later export is newer on both counts, so Outlook and Google replace the entry.
        assert entry["SEQUENCE"] > before[uid]["SEQUENCE"]
        assert entry["DTSTAMP"].dt > before[uid]["DTSTAMP"].dt
    assert {e["DTSTAMP"].dt for e in after.values()} == {LATER}
    assert {e["SEQUENCE"] for e in after.values()} == {_ics.sequence_of(LATER)}


def test_without_ids_a_moved_meeting_is_a_new_entry() -> None:
    # The id is what keeps an event's entry: without it the UID follows the date, as before.
    before = set(entries_of(procedure_to_ics(identified(ids=False))))
    after = set(entries_of(procedure_to_ics(identified(date(2027, 3, 12), ids=False))))
    assert len(before - after) == len(after - before) == 1


def test_an_id_keeps_the_entry_through_any_correction() -> None:
    proc = identified()
    events = [e.model_copy(update={"on": date(2027, 2, 16), "start_time": time(9), "end_time": time(10)})
              if e.id == "bestuurlijk-overleg-1" else e for e in proc.events]
    moved = ai.Procedure(proc.data.model_copy(update={"events": tuple(events)}))
    assert set(by_uid(moved)) == set(by_uid(proc))


def test_sequence_counts_minutes_and_rises_with_the_stamp() -> None:
    assert _ics.sequence_of(datetime(1970, 1, 1, tzinfo=UTC)) == 0
    assert _ics.sequence_of(datetime(1970, 1, 1, 1, 0, 59, tzinfo=UTC)) == 60
    assert _ics.sequence_of(STAMP) < _ics.sequence_of(STAMP + timedelta(minutes=1))
    assert _ics.sequence_of(datetime(1969, 1, 1, tzinfo=UTC)) == 0
    assert _ics.sequence_of(datetime.max.replace(tzinfo=UTC)) == 2**31 - 1  # RFC 5545's largest integer
    # The same moment in another zone is the same stamp.
    assert _ics.sequence_of(STAMP.astimezone(AMS)) == _ics.sequence_of(STAMP)


def test_the_stamp_is_dtstamp_in_utc_to_the_second() -> None:
    raw = procedure_to_ics(built(), stamp=datetime(2027, 3, 1, 10, 30, 15, 999, tzinfo=AMS))
    stamps = {e["DTSTAMP"].dt for e in parse(raw).walk("VEVENT")}
    assert stamps == {datetime(2027, 3, 1, 9, 30, 15, tzinfo=UTC)}
    assert b"DTSTAMP:20270301T093015Z\r\n" in raw


def test_without_a_stamp_sequence_follows_the_record() -> None:
    proc = built()
    events = vevents(proc)
    latest = datetime(2028, 1, 1, tzinfo=UTC)  # the contract start, the record's latest date
    assert {e["DTSTAMP"].dt for e in events} == {latest}
    assert {e["SEQUENCE"] for e in events} == {_ics.sequence_of(latest)}
    # Recording something later raises it.
    proc.record(ai.ContractExtension(on=date(2030, 6, 1), extended_to=date(2032, 12, 31)))
    assert {e["SEQUENCE"] for e in vevents(proc)} == {_ics.sequence_of(datetime(2030, 6, 1, tzinfo=UTC))}


@pytest.mark.parametrize("stamp", [datetime(2027, 3, 1, 9, 30), date(2027, 3, 1), "2027-03-01T09:30:00Z",
                                   datetime(1, 1, 1, tzinfo=ZoneInfo("Europe/Amsterdam"))])
def test_a_stamp_without_a_utc_offset_is_refused(stamp: object) -> None:
    with pytest.raises(ai.InvalidInputError) as caught:
        procedure_to_ics(built(), stamp=stamp)  # type: ignore[arg-type]
    assert caught.value.field == "stamp"
    assert caught.value.value == stamp


def test_two_exports_with_the_same_stamp_and_alarm_are_byte_for_byte_equal(proc: ai.Procedure) -> None:
    first = procedure_to_ics(proc, stamp=STAMP, alarm=timedelta(days=2))
    assert first == procedure_to_ics(proc, stamp=STAMP, alarm=timedelta(days=2))
    assert first != procedure_to_ics(proc, stamp=LATER, alarm=timedelta(days=2))


# -- kort geding, hearing, ruling and final award --------------------------------------

def test_the_kort_geding_ruling_and_final_award_of_jeugdhulp2026() -> None:
    events = vevents(ai.jeugdhulp2026())
    assert [(e.start, str(e["SUMMARY"])) for e in named(events, "Kort geding")] == [
        (date(2025, 6, 20), "Kort geding started by providers who had not bid: all segments")]
    [ruling] = named(events, "Ruling in kort geding")
    assert (ruling.start, str(ruling["SUMMARY"])) == (
        date(2025, 7, 14), "Ruling in kort geding (vonnis), rejected: all segments")
    assert "ECLI:NL:RBGEL:2025:5590" in str(ruling["DESCRIPTION"])
    [final] = named(events, "Final award (definitieve gunning)")
    assert final.start == date(2025, 6, 19)
    assert all(in_category([e], "milestone") for e in (ruling, final))


def kort_geding(hearing: date | None) -> ai.Procedure:
    return procedure(ai.TenderStart(on=date(2027, 4, 1)),
                     ai.AwardDecision(on=date(2027, 10, 4), outcome="awarded", id="gunning"),
                     ai.KortGeding(on=date(2027, 10, 12), by="Zorg BV", case="C/05/123456", id="kort-geding",
                                   hearing=hearing),
                     ai.KortGedingRuling(on=date(2027, 11, 30), outcome="upheld", by="Zorg BV",
                                         id="vonnis"))


def test_a_kort_geding_with_its_hearing_and_ruling() -> None:
    events = vevents(kort_geding(date(2027, 11, 9)))
    [started] = named(events, "Kort geding started")
    assert started.start == date(2027, 10, 12)
    assert "Case C/05/123456" in str(started["DESCRIPTION"])
    [hearing] = named(events, "Kort geding hearing (zitting)")
    assert (hearing.start, hearing["DTEND"].dt) == (date(2027, 11, 9), date(2027, 11, 10))
    assert in_category([hearing], "meeting")
    [ruling] = named(events, "Ruling in kort geding")
    assert str(ruling["SUMMARY"]) == "Ruling in kort geding (vonnis), upheld: all segments"
    assert "reconsidered" in str(ruling["DESCRIPTION"])


def test_a_moved_hearing_keeps_its_uid_and_one_set_later_appears() -> None:
    first, moved = by_uid(kort_geding(date(2027, 11, 9))), by_uid(kort_geding(date(2027, 11, 16)))
    assert set(first) == set(moved)
    without = by_uid(kort_geding(None))
    assert set(without) < set(first)
    assert len(set(first) - set(without)) == 1


def test_a_hearing_before_the_kort_geding_is_refused() -> None:
    with pytest.raises(ValueError, match="hearing 2027-10-11 is before the kort geding of 2027-10-12"):
        ai.KortGeding(on=date(2027, 10, 12), hearing=date(2027, 10, 11))


# -- reminders -----------------------------------------------------------------------

def test_an_alarm_reminds_before_every_deadline_and_nothing_else(proc: ai.Procedure) -> None:
    events = parse(procedure_to_ics(proc, alarm=timedelta(days=2))).walk("VEVENT")
    for event in events:
        alarms = event.walk("VALARM")
        if in_category([event], "deadline"):
            [alarm] = alarms
            assert str(alarm["ACTION"]) == "DISPLAY"
            assert alarm["TRIGGER"].dt == timedelta(days=-2)
            assert str(alarm["DESCRIPTION"]) == str(event["SUMMARY"])
        else:
            assert alarms == []
    assert any(in_category([e], "deadline") for e in events)
    assert b"TRIGGER:-P2D\r\n" in procedure_to_ics(proc, alarm=timedelta(days=2))
    assert b"VALARM" not in procedure_to_ics(proc)


@pytest.mark.parametrize("alarm", [timedelta(0), timedelta(hours=-1), 2, "2d"])
def test_an_alarm_that_is_not_a_positive_timedelta_is_refused(alarm: object) -> None:
    with pytest.raises(ai.InvalidInputError) as caught:
        procedure_to_ics(built(), alarm=alarm)  # type: ignore[arg-type]
    assert caught.value.field == "alarm"


# -- the id of an event ---------------------------------------------------------------

def test_an_event_id_is_a_slug_and_unique_in_the_procedure() -> None:
    with pytest.raises(ValueError, match="id"):
        ai.FinalAward(on=date(2027, 10, 26), id="Final award")
    twice = [ai.TenderStart(on=date(2027, 4, 1), id="start"),
             ai.FinalAward(on=date(2027, 10, 26), id="start")]
    with pytest.raises(ai.InvalidInputError) as caught:
        procedure(*twice)
    assert (caught.value.field, caught.value.value) == ("events[1].id", "start")
    assert "is used more than once" in str(caught.value)


def test_an_id_survives_saving_and_loading(tmp_path: Path) -> None:
    proc = identified()
    proc.save(tmp_path / "p.json")
    loaded = ai.load_procedure(tmp_path / "p.json")
    assert [e.id for e in loaded.events] == [e.id for e in proc.events]
    assert procedure_to_ics(loaded, stamp=STAMP) == procedure_to_ics(proc, stamp=STAMP)


def test_imported_events_have_ids_from_their_lot_and_type() -> None:
    data = Path(__file__).parents[1] / "eforms" / "data"
    proc = ai.from_eforms(data / "can_24_maximal.xml")
    ids = [e.id for e in proc.events]
    assert all(ids)
    assert len(set(ids)) == len(ids)
    for event in proc.events:
        segments = getattr(event, "segments", None)
        expected = event.type.replace("_", "-")
        assert event.id == (f"{segments[0]}-{expected}" if segments else expected)
    assert ai.from_eforms(data / "cn_24_open.xml").events[0].id == "tender-start"


# -- the command line ---------------------------------------------------------------

def test_the_ics_command_stamps_with_the_time_and_takes_an_alarm(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from helpers import run_cli

    out = tmp_path / "inkoop.ics"
    start = datetime.now(UTC).replace(microsecond=0)
    code, _stdout, err = run_cli(capsys, "ics", "-o", str(out), "--alarm", "2d")
    end = datetime.now(UTC)
    assert (code, err) == (0, "")
    events = parse(out.read_bytes()).walk("VEVENT")
    [stamp] = {e["DTSTAMP"].dt for e in events}
    assert start <= stamp <= end  # the command line's clock, not the record's latest date
    assert {e["SEQUENCE"] for e in events} == {_ics.sequence_of(stamp)}
    assert sum(len(e.walk("VALARM")) for e in events) == len(in_category(events, "deadline"))

    code, _stdout, err = run_cli(capsys, "ics", "-o", str(out), "--force", "--stamp",
                                 "2027-03-01T10:30:00+01:00", "--alarm", "12h")
    assert (code, err) == (0, "")
    assert out.read_bytes() == procedure_to_ics(ai.inkoop2022(), stamp=STAMP, alarm=timedelta(hours=12))


@pytest.mark.parametrize(("option", "value"), [
    ("--alarm", "2"), ("--alarm", "0d"), ("--alarm", "-2d"), ("--alarm", "2 days"), ("--alarm", "10000d"),
    ("--stamp", "2027-03-01"), ("--stamp", "2027-03-01T09:30:00"), ("--stamp", "now"),
    ("--stamp", "0001-01-01T00:00:00+01:00"),
])
def test_the_ics_command_refuses_a_bad_alarm_or_stamp(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], option: str, value: str
) -> None:
    from helpers import run_cli

    out = tmp_path / "inkoop.ics"
    code, _stdout, err = run_cli(capsys, "ics", "-o", str(out), f"{option}={value}")
    assert code == 2
    assert len(err.strip().splitlines()) == 1
    assert value in err
    assert not out.exists()
