"""The calendar's texts in Dutch: periods, their reasons and notes, the standstill, the minimum periods.

The English is the source and stays what it was; the Dutch is made beside it
when a period is made (``reason_nl``, ``notes_nl``, ``not_extended_nl``) and
picked with ``..._in(lang)``. Legal citations stay as the law writes them.
"""

from __future__ import annotations

from datetime import date as D

import pytest

import achterhoek_inkoop as ai
from achterhoek_inkoop._exceptions import InvalidInputError
from achterhoek_inkoop.calendar import describe_day


def test_a_day_is_described_with_its_dutch_weekday_and_its_iso_date() -> None:
    assert describe_day(D(2022, 3, 14), lang="nl") == "maandag 2022-03-14"
    assert describe_day(D(2022, 4, 3), lang="nl") == "zondag 2022-04-03"
    assert describe_day(D(2022, 3, 14)) == "Monday 2022-03-14"


def test_the_worked_example_in_dutch() -> None:
    p = ai.standstill_period(D(2022, 3, 14))
    (moved,) = p.extensions
    assert moved.reason == "2022-04-03 is a Sunday (Atw art. 1)"        # the English, unchanged
    assert moved.reason_in("en") == moved.reason
    assert moved.reason_in("nl") == "2022-04-03 is een zondag (Atw art. 1)"
    (note,) = p.notes_in("nl")
    assert note.startswith("Het besluit over de gelijkgestelde dagen voor 2022 is niet gezien")
    assert "2022-05-27" in note
    assert "een secundaire bron" in note
    assert p.notes_in("en") == p.notes


def test_not_extended_and_the_warning_of_a_short_standstill_in_dutch() -> None:
    p = ai.standstill_period(D(2022, 3, 14), 10)
    assert p.not_extended_in("nl") == "dag 10 is een werkdag: geen verlenging (Atw art. 1)"
    assert p.not_extended_in("en") == p.not_extended
    warning = p.warning_in("nl")
    assert warning is not None
    assert warning.startswith("Aw 2012 art. 2.127 lid 3 vereist een Alcatel-termijn van ten minste 20")
    assert p.notes_in("nl")[0] == warning
    assert p.warning_in("en") == p.warning


def test_a_holiday_and_the_safe_end_in_dutch() -> None:
    p = ai.standstill_period(D(2021, 4, 23))          # no decree known for 2021
    assert p.extensions[0].reason_in("nl") == (
        "2021-05-13 is Hemelvaartsdag, een algemeen erkende feestdag (Atw art. 3 lid 1) (Atw art. 1)")
    first, safe = p.notes_in("nl")
    assert first.startswith("Voor 2021 is geen besluit over gelijkgestelde dagen (Atw art. 3 lid 3) bekend")
    assert "gelijkgestelde dag (vrijdag na Hemelvaartsdag)" in safe
    assert "maandag 2021-05-17, niet vrijdag 2021-05-14" in safe


def test_a_backward_period_in_dutch() -> None:
    b = ai.statutory_period(D(2022, 4, 20), 3, backwards=True)
    assert b.extensions[0].reason_in("nl").endswith(
        "een teruggetelde termijn wordt niet verlengd maar verder teruggeteld (Atw art. 1 lid 2)")


def test_the_calendar_answers_in_dutch() -> None:
    cal = ai.Calendar()
    assert cal.day_off_reason(D(2022, 4, 16), lang="nl") == "een zaterdag"
    assert cal.day_off_reason(D(2022, 4, 16)) == "a Saturday"
    assert cal.coverage_note(2021, lang="nl") is not None
    assert cal.coverage_note(2024, lang="nl") is None


def test_a_minimum_period_and_its_judgement_in_dutch() -> None:
    m = ai.minimum_period("openbaar", D(2020, 2, 28), rulebook="eu-minimum")
    assert m.notes_in("nl")[0].startswith("zondag 2020-03-29 is geen werkdag.")
    assert m.notes_in("en") == m.notes
    short = m.judge(D(2020, 3, 20))
    assert short.message_in("en") == short.message
    assert short.message_in("nl") is not None
    assert "de vroegste rechtmatige sluitdatum is 2020-03-29" in short.message_in("nl")
    assert "inschrijvingen" in short.message_in("nl")


@pytest.mark.parametrize("lang", ["de", "NL", "", None, 1])
def test_another_language_is_refused(lang: object) -> None:
    p = ai.standstill_period(D(2022, 3, 14))
    with pytest.raises(InvalidInputError):
        describe_day(D(2022, 3, 14), lang=lang)  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError):
        p.notes_in(lang)  # type: ignore[arg-type]
