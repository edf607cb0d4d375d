"""The statutory calendar of the Algemene termijnenwet (DOMAIN.md B2).

Each holiday rule of Atw art. 3 with a dated example, the King's birthday with
its Sunday rules in every era, the decreed days (gelijkgestelde dagen) as data
with their decree, what a year no decree covers says about itself, and the
errors for bad input and broken decree files.
"""

import datetime as dt
import json
from collections.abc import Callable
from typing import Any

import pytest
from helpers import assert_invalid_input
from hypothesis import given
from hypothesis import strategies as st

import achterhoek_inkoop as ai
from achterhoek_inkoop._exceptions import show
from achterhoek_inkoop.calendar._decrees import DecreeBook, bundled_decrees, read_decrees
from achterhoek_inkoop.calendar._holidays import LIBERATION_DAY_FIRST_YEAR, pattern_days, statutory_holidays

D = dt.date
KINGS_BIRTHDAY = ("Koningsdag", "Koninginnedag")
years = st.integers(min_value=1949, max_value=2100)


def _kings_birthday(year: int) -> dt.date:
    (day,) = [d for d, name in ai.holidays_in(year).items() if name in KINGS_BIRTHDAY]
    return day


# --- Atw art. 3 lid 1 and 2: one dated example per rule -----------------------------------

@pytest.mark.parametrize(
    ("day", "name", "source"),
    [
        (D(2022, 1, 1), "Nieuwjaarsdag", "Atw art. 3 lid 1"),
        (D(2022, 4, 15), "Goede Vrijdag", "Atw art. 3 lid 2"),  # the day of the issue
        (D(2022, 4, 18), "Tweede Paasdag", "Atw art. 3 lid 1"),
        (D(2022, 5, 26), "Hemelvaartsdag", "Atw art. 3 lid 1"),
        (D(2022, 6, 6), "Tweede Pinksterdag", "Atw art. 3 lid 1"),
        (D(2025, 6, 9), "Tweede Pinksterdag", "Atw art. 3 lid 1"),
        (D(2022, 12, 25), "Eerste Kerstdag", "Atw art. 3 lid 1"),
        (D(2022, 12, 26), "Tweede Kerstdag", "Atw art. 3 lid 1"),
        (D(2022, 5, 5), "Bevrijdingsdag", "Atw art. 3 lid 1"),  # 2022 is not a lustrum year
        (D(2022, 4, 27), "Koningsdag", "Atw art. 3 lid 1"),
    ],
)
def test_each_statutory_holiday_rule(day: dt.date, name: str, source: str) -> None:
    assert ai.is_holiday(day) is True
    holiday = ai.Calendar().holiday(day)
    assert holiday is not None
    assert holiday.date == day
    assert holiday.name == name
    assert holiday.source.startswith(source)
    assert ai.holidays_in(day.year)[day] == name
    assert not ai.Calendar().is_working_day(day)


@pytest.mark.parametrize(
    "day",
    [
        D(2022, 4, 17),  # Eerste Paasdag
        D(2022, 6, 5),  # Eerste Pinksterdag
        D(2025, 4, 20),  # Eerste Paasdag
        D(2025, 6, 8),  # Eerste Pinksterdag
    ],
)
def test_eerste_paasdag_and_eerste_pinksterdag_are_not_atw_holidays(day: dt.date) -> None:
    # Both are Sundays, so no period can end on them anyway; the Atw does not list them.
    assert not ai.is_holiday(day)
    assert day not in ai.holidays_in(day.year)
    assert not ai.Calendar().is_working_day(day)
    assert ai.Calendar().day_off_reason(day) == "a Sunday"


def test_the_2022_list_is_exactly_the_statute_plus_the_reported_day() -> None:
    assert ai.holidays_in(2022) == {
        D(2022, 1, 1): "Nieuwjaarsdag",
        D(2022, 4, 15): "Goede Vrijdag",
        D(2022, 4, 18): "Tweede Paasdag",
        D(2022, 4, 27): "Koningsdag",
        D(2022, 5, 5): "Bevrijdingsdag",
        D(2022, 5, 26): "Hemelvaartsdag",
        D(2022, 5, 27): "gelijkgestelde dag (Friday after Hemelvaartsdag)",
        D(2022, 6, 6): "Tweede Pinksterdag",
        D(2022, 12, 25): "Eerste Kerstdag",
        D(2022, 12, 26): "Tweede Kerstdag",
    }


def test_holidays_in_is_in_date_order() -> None:
    days = list(ai.holidays_in(2024))
    assert days == sorted(days)
    assert [h.date for h in ai.Calendar().holidays(2024)] == days


# --- weekends: days off, but not "holidays" ----------------------------------------------

@pytest.mark.parametrize(
    ("day", "weekday"), [(D(2022, 4, 16), "Saturday"), (D(2022, 4, 10), "Sunday")]
)
def test_weekends_are_not_holidays_but_not_working_days(day: dt.date, weekday: str) -> None:
    cal = ai.Calendar()
    assert not ai.is_holiday(day)
    assert not cal.is_working_day(day)
    assert cal.day_off_reason(day) == f"a {weekday}"


def test_an_ordinary_weekday_is_a_working_day() -> None:
    cal = ai.Calendar()
    assert cal.is_working_day(D(2022, 4, 14))
    assert cal.day_off_reason(D(2022, 4, 14)) is None


def test_a_holiday_on_a_saturday_is_still_a_holiday() -> None:
    assert D(2022, 1, 1).weekday() == 5
    assert ai.is_holiday(D(2022, 1, 1))
    assert ai.Calendar().day_off_reason(D(2022, 1, 1)) == (
        "Nieuwjaarsdag, a recognised holiday (Atw art. 3 lid 1)"
    )


# --- the King's birthday ------------------------------------------------------------------

@pytest.mark.parametrize(
    ("year", "name", "day"),
    [
        # Koningsdag: 27 April, or 26 April when 27 April is a Sunday.
        (2014, "Koningsdag", D(2014, 4, 26)),
        (2025, "Koningsdag", D(2025, 4, 26)),
        (2022, "Koningsdag", D(2022, 4, 27)),
        # Koninginnedag: 30 April; on a Sunday to Monday 1 May before 1980 ...
        (1967, "Koninginnedag", D(1967, 5, 1)),
        (1978, "Koninginnedag", D(1978, 5, 1)),
        # ... and to Saturday 29 April from 1980.
        (1989, "Koninginnedag", D(1989, 4, 29)),
        (2006, "Koninginnedag", D(2006, 4, 29)),
        # the boundary years, on both sides of each change
        (1979, "Koninginnedag", D(1979, 4, 30)),
        (1980, "Koninginnedag", D(1980, 4, 30)),
        (2013, "Koninginnedag", D(2013, 4, 30)),
        (1949, "Koninginnedag", D(1949, 4, 30)),
    ],
)
def test_kings_birthday(year: int, name: str, day: dt.date) -> None:
    assert ai.holidays_in(year)[day] == name
    assert _kings_birthday(year) == day


@pytest.mark.parametrize(
    "day",
    [
        D(2014, 4, 27),  # a Sunday: Koningsdag 2014 was on the 26th
        D(2025, 4, 27),  # idem 2025
        D(2013, 4, 27),  # before 2014 the day was 30 April
        D(1967, 4, 30),  # a Sunday before 1980: moved to 1 May
        D(1978, 4, 30),
        D(1989, 4, 30),  # a Sunday from 1980: moved to 29 April
        D(2006, 4, 30),
        D(2014, 4, 30),  # from 2014 the day is 27 April
    ],
)
def test_not_the_kings_birthday(day: dt.date) -> None:
    assert not ai.is_holiday(day)


def test_the_sunday_rule_changes_exactly_between_1979_and_1980() -> None:
    # 1979 and 1980 have no Sunday 30 April, so the rule of each era is shown by the
    # nearest Sunday years on either side of the boundary.
    sundays = [y for y in range(1949, 2014) if D(y, 4, 30).weekday() == 6]
    moved = {y: _kings_birthday(y) for y in sundays}
    assert moved == {
        y: (D(y, 5, 1) if y < 1980 else D(y, 4, 29)) for y in sundays
    }
    assert max(y for y in sundays if y < 1980) == 1978
    assert min(y for y in sundays if y >= 1980) == 1989


def test_koningsdag_replaces_koninginnedag_in_2014() -> None:
    assert "Koninginnedag" in ai.holidays_in(2013).values()
    assert "Koningsdag" not in ai.holidays_in(2013).values()
    assert "Koningsdag" in ai.holidays_in(2014).values()
    assert "Koninginnedag" not in ai.holidays_in(2014).values()
    assert not ai.is_holiday(D(2014, 4, 30))


# --- 5 May --------------------------------------------------------------------------------

def test_5_may_every_year_from_1982_not_before() -> None:
    # See LIBERATION_DAY_FIRST_YEAR in _calendar.py: 5 May entered Atw art. 3 lid 1 with
    # the amendment of 1981; 1982 is the first year (as python-holidays has it).
    assert LIBERATION_DAY_FIRST_YEAR == 1982
    assert ai.is_holiday(D(2022, 5, 5))  # not a lustrum year
    assert ai.is_holiday(D(1982, 5, 5))
    assert ai.is_holiday(D(1983, 5, 5))
    assert not ai.is_holiday(D(1981, 5, 5))
    assert not ai.is_holiday(D(1980, 5, 5))  # a lustrum year, but before the amendment
    assert not ai.is_holiday(D(1950, 5, 5))


# --- gelijkgestelde dagen (Atw art. 3 lid 3) ----------------------------------------------

def _decreed_days() -> list[tuple[dt.date, str, str]]:
    return [
        (day.date, decree.citation, decree.status)
        for decree in bundled_decrees().decrees
        for day in decree.days
    ]


def test_the_bundled_decreed_days_are_those_of_domain_b2() -> None:
    confirmed = {d for d, _, status in _decreed_days() if status == "confirmed"}
    reported = {d for d, _, status in _decreed_days() if status == "reported"}
    assert confirmed == {
        D(2017, 4, 28), D(2017, 5, 26),
        D(2018, 5, 11), D(2018, 12, 24), D(2018, 12, 31),
        D(2019, 5, 31), D(2019, 12, 27),
        D(2023, 4, 28), D(2023, 5, 19),
        D(2024, 5, 10), D(2024, 12, 27),
        D(2025, 5, 30),
        D(2026, 1, 2), D(2026, 5, 15),
        D(2027, 5, 7),
        D(2028, 4, 28), D(2028, 5, 26),
    }  # fmt: skip
    assert reported == {D(2022, 5, 27)}


@pytest.mark.parametrize(("day", "citation", "status"), _decreed_days(), ids=str)
def test_every_decreed_day_is_a_holiday_citing_its_decree(
    day: dt.date, citation: str, status: str
) -> None:
    cal = ai.Calendar()
    holiday = cal.holiday(day)
    assert holiday is not None
    assert citation in holiday.source
    assert holiday.source.endswith("Atw art. 3 lid 3")
    assert holiday.name.startswith("gelijkgestelde dag")
    assert ai.is_holiday(day)
    assert ai.holidays_in(day.year)[day] == holiday.name
    assert not cal.is_working_day(day)
    assert day.weekday() < 5
    assert day not in {h.date for h in statutory_holidays(day.year)}
    reason = cal.day_off_reason(day)
    assert reason is not None
    assert citation in reason


@pytest.mark.parametrize(
    ("day", "name", "citation"),
    [
        (D(2024, 12, 27), "Friday after Tweede Kerstdag", "Besluit gelijkstelling 2023-2025"),
        (D(2017, 5, 26), "Friday after Hemelvaartsdag", "Besluit van 24 oktober 2016"),
    ],
)
def test_named_decreed_days(day: dt.date, name: str, citation: str) -> None:
    assert ai.is_holiday(day)
    assert ai.holidays_in(day.year)[day] == f"gelijkgestelde dag ({name})"
    holiday = ai.Calendar().holiday(day)
    assert holiday is not None
    assert citation in holiday.source


def test_a_multi_year_decree_gives_each_year_only_its_own_days() -> None:
    # The decree of 2023-2025 lists days of three years; holidays_in(2023) holds 2023's.
    assert [d for d in ai.holidays_in(2023) if d.year != 2023] == []
    decreed = [d for d, name in ai.holidays_in(2023).items() if name.startswith("gelijk")]
    assert decreed == [D(2023, 4, 28), D(2023, 5, 19)]
    assert [h.date.year for h in ai.Calendar().holidays(2024)] == [2024] * 11


def test_a_decree_day_is_not_a_holiday_in_a_calendar_without_decrees() -> None:
    empty = DecreeBook(decrees=())
    cal = ai.Calendar(decrees=empty)
    assert not cal.is_holiday(D(2024, 12, 27))
    assert ai.is_holiday(D(2024, 12, 27))
    assert not ai.is_holiday(D(2024, 12, 27), calendar=cal)
    assert D(2024, 12, 27) not in ai.holidays_in(2024, calendar=cal)
    assert cal.coverage(2024) == "statutory"


# --- coverage: a year no decree covers says so --------------------------------------------

def test_coverage_of_a_year_no_decree_covers() -> None:
    cal = ai.Calendar()
    assert cal.coverage(2021) == "statutory"
    note = cal.coverage_note(2021)
    assert note is not None
    assert "2021" in note
    assert "statutory holidays" in note
    assert "Atw art. 3 lid 3" in note
    assert not cal.is_holiday(D(2021, 5, 14))  # what the pattern would add: not counted


def test_coverage_of_a_reported_year() -> None:
    cal = ai.Calendar()
    assert cal.coverage(2022) == "reported"
    note = cal.coverage_note(2022)
    assert note is not None
    assert "was not seen" in note
    assert "2022-05-27" in note


@pytest.mark.parametrize("year", [2017, 2018, 2019, 2023, 2024, 2025, 2026, 2027, 2028])
def test_coverage_of_a_decreed_year(year: int) -> None:
    cal = ai.Calendar()
    assert cal.coverage(year) == "decree"
    assert cal.coverage_note(year) is None


def test_pattern_calendar_adds_pattern_days_for_an_uncovered_year() -> None:
    cal = ai.Calendar(uncovered="pattern")
    holiday = cal.holiday(D(2021, 5, 14))  # the Friday after Hemelvaartsdag 2021-05-13
    assert holiday is not None
    assert holiday.name == "gelijkgestelde dag (Friday after Hemelvaartsdag)"
    assert "pattern" in holiday.source
    assert "no decree seen" in holiday.source
    assert cal.coverage(2021) == "pattern"
    note = cal.coverage_note(2021)
    assert note is not None
    assert "pattern" in note
    assert "not from a decree" in note


def test_pattern_calendar_still_follows_the_decree_where_there_is_one() -> None:
    cal = ai.Calendar(uncovered="pattern")
    # The pattern would make Monday 4 May 2026 a day off; the decree for 2026 does not.
    assert D(2026, 5, 4) in {h.date for h in pattern_days(2026)}
    assert not cal.is_holiday(D(2026, 5, 4))
    assert cal.coverage(2026) == "decree"
    assert cal.coverage_note(2026) is None
    assert cal.holidays_in(2022) == ai.holidays_in(2022)  # the reported day, not the pattern


def test_calendar_refuses_an_unknown_uncovered_mode() -> None:
    with pytest.raises(ai.InvalidInputError) as caught:
        ai.Calendar(uncovered="guess")  # type: ignore[arg-type]
    assert caught.value.field == "uncovered"
    assert caught.value.value == "guess"


def _pattern_vs_decree() -> tuple[set[dt.date], set[dt.date]]:
    pattern_only: set[dt.date] = set()
    decree_only: set[dt.date] = set()
    for decree in bundled_decrees().decrees:
        if decree.status != "confirmed":
            continue
        for year in decree.years:
            inferred = {h.date for h in pattern_days(year)}
            decreed = {d.date for d in decree.days if d.date.year == year}
            pattern_only |= inferred - decreed
            decree_only |= decreed - inferred
    return pattern_only, decree_only


def test_the_pattern_reproduces_the_confirmed_decrees_but_for_two_days() -> None:
    # Over every year a confirmed decree covers (2017-2019, 2023-2028) the pattern of
    # DOMAIN.md B2 finds every decreed day, and two days no decree declared: the Monday
    # before 5 May 2026 and the Monday before Koningsdag 2027 (both Tuesdays). If the
    # data or the pattern changes, this exact set changes and the test says so.
    pattern_only, decree_only = _pattern_vs_decree()
    assert decree_only == set()
    assert pattern_only == {D(2026, 5, 4), D(2027, 4, 26)}
    names = {h.date: h.name for y in (2026, 2027) for h in pattern_days(y)}
    assert names[D(2026, 5, 4)] == "gelijkgestelde dag (Monday before Bevrijdingsdag)"
    assert names[D(2027, 4, 26)] == "gelijkgestelde dag (Monday before Koningsdag)"


def test_pattern_days_for_the_reported_year() -> None:
    # 2022: the pattern adds Friday 6 May (after Bevrijdingsdag on a Thursday) to the
    # reported 27 May; the library counts only the reported day.
    assert {h.date for h in pattern_days(2022)} == {D(2022, 5, 6), D(2022, 5, 27)}
    assert not ai.is_holiday(D(2022, 5, 6))


@given(years)
def test_pattern_days_are_weekdays_of_their_year_and_not_statutory(year: int) -> None:
    statutory = {h.date for h in statutory_holidays(year)}
    for holiday in pattern_days(year):
        assert holiday.date.year == year
        assert holiday.date.weekday() in (0, 4)  # a Monday before or a Friday after
        assert holiday.date not in statutory


# --- properties over every year -----------------------------------------------------------

@given(years)
def test_exactly_one_kings_birthday(year: int) -> None:
    names = list(ai.holidays_in(year).values())
    assert sum(name in KINGS_BIRTHDAY for name in names) == 1


@given(years)
def test_goede_vrijdag_is_three_days_before_tweede_paasdag(year: int) -> None:
    by_name = {name: day for day, name in ai.holidays_in(year).items()}
    assert by_name["Tweede Paasdag"] - by_name["Goede Vrijdag"] == dt.timedelta(days=3)
    assert by_name["Goede Vrijdag"].weekday() == 4
    assert by_name["Tweede Paasdag"].weekday() == 0
    assert by_name["Hemelvaartsdag"].weekday() == 3
    assert by_name["Tweede Pinksterdag"].weekday() == 0


@given(years)
def test_every_holiday_lies_in_its_year(year: int) -> None:
    assert all(day.year == year for day in ai.holidays_in(year))
    assert all(h.date.year == year for h in ai.Calendar(uncovered="pattern").holidays(year))


@given(years)
def test_5_may_present_iff_from_1982(year: int) -> None:
    assert (D(year, 5, 5) in ai.holidays_in(year)) == (year >= 1982)


FIXED_DATE = {"Nieuwjaarsdag", "Bevrijdingsdag", "Eerste Kerstdag", "Tweede Kerstdag"}


@given(years)
def test_only_fixed_date_holidays_fall_on_a_sunday(year: int) -> None:
    for day, name in ai.holidays_in(year).items():
        if day.weekday() == 6:
            assert name in FIXED_DATE
    for holiday in statutory_holidays(year):  # every rule, even where two share a date
        if holiday.date.weekday() == 6:
            assert holiday.name in FIXED_DATE


@given(years)
def test_the_kings_birthday_is_never_on_a_sunday(year: int) -> None:
    assert _kings_birthday(year).weekday() != 6


def test_the_years_where_two_statutory_holidays_coincide() -> None:
    # Hemelvaartsdag falls on 5 May when Easter is on 27 March: in 1949-2100 that is 2005
    # and 2016. The date then appears once in holidays_in, under the later rule's name.
    collisions = {
        y
        for y in range(1949, 2101)
        if len({h.date for h in statutory_holidays(y)}) != len(statutory_holidays(y))
    }
    assert collisions == {2005, 2016}
    for year in collisions:
        assert ai.holidays_in(year)[D(year, 5, 5)] == "Hemelvaartsdag"


@given(years)
def test_statutory_list_has_nine_rules_from_1982_and_eight_before(year: int) -> None:
    assert len(statutory_holidays(year)) == (9 if year >= 1982 else 8)


# --- bad input ----------------------------------------------------------------------------

def _check_error(
    caught: pytest.ExceptionInfo[ai.InvalidInputError], field: str, value: object
) -> None:
    assert_invalid_input(caught.value, field, value)


@pytest.mark.parametrize(
    ("call", "field", "value", "error"),
    [
        (ai.is_holiday, "day", "15-04-2022", ai.InvalidInputError),
        (ai.is_holiday, "day", dt.datetime(2022, 4, 15, 9, 0), ai.InvalidInputError),
        (ai.is_holiday, "day", None, ai.InvalidInputError),
        (ai.is_holiday, "day", D(1948, 12, 31), ai.OutOfRangeError),
        (ai.holidays_in, "year", 1948, ai.OutOfRangeError),
        (ai.holidays_in, "year", "2022", ai.InvalidInputError),
        (ai.holidays_in, "year", True, ai.InvalidInputError),
        (ai.holidays_in, "year", 2022.0, ai.InvalidInputError),
        (ai.Calendar().holiday, "day", "2022-04-15T00:00", ai.InvalidInputError),
        (ai.Calendar().holidays, "year", 1948, ai.OutOfRangeError),
        (ai.Calendar().coverage, "year", "2022", ai.InvalidInputError),
        (ai.Calendar().is_working_day, "day", "2022-4-15", ai.InvalidInputError),
        (ai.Calendar().is_working_day, "day", dt.datetime(2022, 4, 15, 0, 0, 1), ai.InvalidInputError),
        (ai.Calendar().day_off_reason, "day", dt.datetime(2022, 4, 15, 12), ai.InvalidInputError),
    ],
    ids=lambda v: getattr(v, "__name__", repr(v)),
)
def test_bad_input_raises_the_librarys_error_naming_the_value(
    call: Callable[[Any], object], field: str, value: object, error: type[ai.InvalidInputError]
) -> None:
    with pytest.raises(error) as caught:
        call(value)
    assert type(caught.value) is error
    _check_error(caught, field, value)


# --- broken decree files ------------------------------------------------------------------

def _decree(**changes: object) -> dict[str, object]:
    decree: dict[str, object] = {
        "id": "a",
        "citation": "Besluit A",
        "title": "Besluit A houdende gelijkstelling",
        "source": "Staatscourant",
        "status": "confirmed",
        "years": [2022],
        "days": [{"date": "2022-05-27", "reason": "Friday after Hemelvaartsdag"}],
    }
    decree.update(changes)
    return decree


def _load(document: object) -> DecreeBook:
    text = document if isinstance(document, str) else json.dumps(document)
    return read_decrees(text, "decrees.json")


def test_a_well_formed_decree_file_loads() -> None:
    book = _load({"$comment": "test", "decrees": [_decree()]})
    cal = ai.Calendar(decrees=book)
    assert cal.is_holiday(D(2022, 5, 27))
    assert cal.coverage(2022) == "decree"
    assert cal.coverage(2023) == "statutory"


def test_the_bundled_file_is_what_the_calendar_uses() -> None:
    from importlib import resources

    text = (resources.files("achterhoek_inkoop") / "data" / "gelijkgestelde_dagen.json").read_text()
    assert _load(text) == bundled_decrees()
    assert ai.Calendar().decrees == bundled_decrees()


@pytest.mark.parametrize(
    ("document", "place", "value", "words"),
    [
        pytest.param(
            {"decrees": [_decree(extra="x")]}, "decrees[0].extra", "x", ["extra inputs are not permitted"],
            id="unknown-field",
        ),
        pytest.param(
            {"decrees": [_decree(days=[{"date": "2022-02-30", "reason": "r"}])]},
            "decrees[0].days[0].date", "2022-02-30", ["date"],
            id="malformed-date",
        ),
        pytest.param(
            {"decrees": [_decree(days=[{"date": "27-05-2022", "reason": "r"}])]},
            "decrees[0].days[0].date", "27-05-2022", ["date"],
            id="not-iso-date",
        ),
        pytest.param(
            {"decrees": [_decree(status="maybe")]}, "decrees[0].status", "maybe",
            ["confirmed", "reported"],
            id="unknown-status",
        ),
        pytest.param(
            {"decrees": [_decree(days=[{"date": "2022-05-27", "reason": ""}])]},
            "decrees[0].days[0].reason", "", ["at least 1 character"],
            id="empty-reason",
        ),
        pytest.param(
            {"decrees": [_decree(years=[])]}, "decrees[0].years", [], ["at least 1"],
            id="no-years",
        ),
    ],
)
def test_a_broken_decree_file_names_the_place_and_the_value(
    document: object, place: str, value: object, words: list[str]
) -> None:
    with pytest.raises(ai.DataFileError) as caught:
        _load(document)
    err = caught.value
    assert isinstance(err, ValueError)
    assert isinstance(err, ai.InkoopError)
    assert err.path == "decrees.json"
    assert err.place == place
    assert err.value == value
    assert str(err).startswith(f"decrees.json: {place}: {show(value)}: ")
    for word in words:
        assert word in str(err)


def test_a_decreed_day_outside_the_decrees_years() -> None:
    document = {"decrees": [_decree(days=[{"date": "2021-05-14", "reason": "r"}])]}
    with pytest.raises(ai.DataFileError) as caught:
        _load(document)
    err = caught.value
    # A check across fields: the place is the decree, the message names the day and years.
    assert err.place == "decrees[0]"
    assert err.value == document["decrees"][0]
    assert "day 2021-05-14 is outside the decree's years [2022]" in str(err)


def test_a_year_in_two_decrees() -> None:
    document = {"decrees": [_decree(id="a"), _decree(id="b")]}
    with pytest.raises(ai.DataFileError) as caught:
        _load(document)
    err = caught.value
    assert err.path == "decrees.json"
    assert "year 2022 is covered by both a and b" in str(err)


@pytest.mark.parametrize("text", ['{"decrees": [', "", "not json", "[1, 2"])
def test_invalid_json(text: str) -> None:
    with pytest.raises(ai.DataFileError) as caught:
        _load(text)
    err = caught.value
    assert err.place == ""
    assert err.value == text
    assert "is not valid JSON" in str(err)
    assert str(err).startswith(f"decrees.json: {show(text)}: ")
