"""The errors of the checks, the calendar, the record and a procedure can be shown in Dutch (issue 11).

Each test takes an error a user can hit, and checks that ``message_in("nl")``
is the Dutch of the message while ``str(error)`` stays the English one: names
from the data (a file, a place, a segment id, a field) are the same in both.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from helpers import BUNDLED

import achterhoek_inkoop as ai


def refused(tmp_path: Path, content: bytes) -> tuple[str, str]:
    """The English and the Dutch of the error that loading ``content`` as a file raises, with the
    file's folder left out."""
    path = tmp_path / "inkoop.json"
    path.write_bytes(content)
    with pytest.raises(ai.DataFileError) as caught:
        ai.load_procedure(path)
    return (str(caught.value).replace(str(tmp_path), "DIR"),
            caught.value.message_in("nl").replace(str(tmp_path), "DIR"))


def with_event(event: dict[str, Any]) -> bytes:
    data = copy.deepcopy(BUNDLED)
    data["events"].append(event)
    return json.dumps(data).encode("utf-8")


def test_a_date_that_does_not_exist() -> None:
    with pytest.raises(ai.InvalidInputError) as caught:
        ai.standstill_period("2022-02-30")
    assert str(caught.value) == "sent: '2022-02-30' is not a date: day is out of range for month"
    assert caught.value.message_in("nl") == (
        "sent: '2022-02-30' is geen datum: die dag bestaat niet in die maand")


def test_a_date_in_words_says_which_forms_are_taken() -> None:
    with pytest.raises(ai.InvalidInputError) as caught:
        ai.standstill_period("1 maart")
    assert str(caught.value) == (
        "sent: '1 maart' is not a date; give a datetime.date, a pandas.Timestamp, a numpy.datetime64 "
        "or an ISO date 'YYYY-MM-DD'")
    assert caught.value.message_in("nl") == (
        "sent: '1 maart' is geen datum; geef een datetime.date, een pandas.Timestamp, een numpy.datetime64 "
        "of een ISO-datum 'JJJJ-MM-DD'")


def test_a_year_before_the_calendar() -> None:
    with pytest.raises(ai.OutOfRangeError) as caught:
        ai.holidays_in(1900)
    assert str(caught.value) == "year: 1900 is outside the statutory calendar (1949 to 9999)"
    assert caught.value.message_in("nl") == (
        "year: 1900 valt buiten de wettelijke kalender (1949 tot en met 9999)")


def test_a_standstill_of_no_days() -> None:
    with pytest.raises(ai.InvalidInputError) as caught:
        ai.standstill_period(dt.date(2022, 3, 1), days=0)
    assert str(caught.value) == "days: 0 must be a whole number of days, at least 1"
    assert caught.value.message_in("nl") == "days: 0 moet een geheel aantal dagen zijn, minstens 1"


def test_a_stage_the_procedure_type_has_no_minimum_for() -> None:
    with pytest.raises(ai.InvalidInputError) as caught:
        ai.minimum_period("openbaar", dt.date(2020, 2, 28), stage="requests")
    assert str(caught.value) == ("stage: 'requests' has no minimum for the procedure type openbaar in the "
                                 "rulebook aw2012: it has one for tenders only")
    assert caught.value.message_in("nl") == (
        "stage: 'requests' heeft geen minimumtermijn voor de soort procedure openbaar in de regelset "
        "aw2012: die is er alleen voor inschrijvingen")


def test_a_file_with_an_unknown_segment(tmp_path: Path) -> None:
    data = copy.deepcopy(BUNDLED)
    index, event = next((i, e) for i, e in enumerate(data["events"]) if e.get("segments"))
    event["segments"] = ["perceel-9"]
    english, dutch = refused(tmp_path, json.dumps(data).encode("utf-8"))
    place = f"DIR/inkoop.json: events[{index}].segments[0]: 'perceel-9': "
    assert english == place + "is not a segment of this procedure"
    assert dutch == place + "is geen perceel van deze procedure"


def test_a_hearing_before_the_kort_geding_in_a_file(tmp_path: Path) -> None:
    english, dutch = refused(tmp_path, with_event({"type": "kort_geding", "on": "2022-03-01",
                                                   "hearing": "2022-02-20"}))
    place = (f"DIR/inkoop.json: events[{len(BUNDLED['events'])}]: "
             "{'type': 'kort_geding', 'on': '2022-03-01', 'hearing': '2022-02-20'}: ")
    assert english == place + "hearing 2022-02-20 is before the kort geding of 2022-03-01"
    assert dutch == place + "de zitting (hearing) 2022-02-20 ligt vóór het kort geding van 2022-03-01"


def test_a_hearing_before_the_kort_geding_recorded() -> None:
    proc = ai.Procedure(ai.ProcedureData.model_validate(dict(ai.procedure_template())))
    with pytest.raises(ai.InvalidInputError) as caught:
        proc.record({"type": "kort_geding", "on": "2022-03-01", "hearing": "2022-02-20"})
    place = "event: {'type': 'kort_geding', 'on': '2022-03-01', 'hearing': '2022-02-20'} "
    assert str(caught.value) == place + "hearing 2022-02-20 is before the kort geding of 2022-03-01"
    assert caught.value.message_in("nl") == (
        place + "de zitting (hearing) 2022-02-20 ligt vóór het kort geding van 2022-03-01")


def test_an_unknown_milestone_lists_the_known_ones() -> None:
    with pytest.raises(ai.InvalidInputError) as caught:
        ai.inkoop2022().actual("start")
    assert str(caught.value) == (
        "milestone: 'start' is unknown; the milestones are: aanbesteding, gunning, contract_start")
    assert caught.value.message_in("nl") == (
        "milestone: 'start' is onbekend; de mijlpalen zijn: aanbesteding, gunning, contract_start")


def test_a_windows_1252_file(tmp_path: Path) -> None:
    data = copy.deepcopy(BUNDLED)
    data["name"] = "Zorg én Welzijn"
    english, dutch = refused(tmp_path, json.dumps(data, indent=2, ensure_ascii=False).encode("cp1252"))
    line = "DIR/inkoop.json: '  \"name\": \"Zorg én Welzijn\",': "
    assert english == line + (
        "is not UTF-8 text: byte 0xE9 at line 4, column 17 (in Windows-1252 the character 'é'); "
        "save the file as UTF-8 (in most editors: Save As, Encoding: UTF-8)")
    assert dutch == line + (
        "is geen UTF-8-tekst: byte 0xE9 op regel 4, kolom 17 (in Windows-1252 het teken 'é'); "
        "sla het bestand op als UTF-8 (in de meeste editors: Opslaan als, Codering: UTF-8)")


def test_a_trailing_comma(tmp_path: Path) -> None:
    english, dutch = refused(tmp_path, b'{"name": "x",}')
    line = "DIR/inkoop.json: '{\"name\": \"x\",}': "
    assert english == line + "is not valid JSON: trailing comma (line 1, column 14)"
    assert dutch == line + "is geen geldige JSON: een komma na het laatste element (regel 1, kolom 14)"


def test_a_json_problem_without_dutch_is_shown_as_pydantic_says_it(tmp_path: Path) -> None:
    # A wording of pydantic's JSON parser the library has no Dutch for stays as it is, in both.
    english, dutch = refused(tmp_path, b'{"name": "\\ud800"}')
    assert "unexpected end of hex escape (line 1, column" in english
    assert dutch.startswith("DIR/inkoop.json: '{\"name\": \"\\\\ud800\"}': is geen geldige JSON: "
                            "unexpected end of hex escape (regel 1, kolom")


def test_a_follow_up_of_version_0_1(tmp_path: Path) -> None:
    english, dutch = refused(tmp_path, with_event({"type": "award_decision", "on": "2022-03-01",
                                                   "outcome": "not_awarded", "follow_up": "new_tender"}))
    place = f"DIR/inkoop.json: events[{len(BUNDLED['events'])}].follow_up: 'new_tender': "
    assert english == place + "'new_tender' is now called 'heraanbesteding' (a new tender); change the file"
    assert dutch == place + "'new_tender' heet nu 'heraanbesteding'; pas het bestand aan"
