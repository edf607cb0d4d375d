"""Periods counted back (Atw art. 1 lid 2), periods in weeks and months (Atw art. 4), and the counting
of Regulation 1182/71 art. 3."""

from __future__ import annotations

import calendar as pycal
import datetime as dt

import pytest
from helpers import assert_invalid_input
from hypothesis import given
from hypothesis import strategies as st

import achterhoek_inkoop as ai
from achterhoek_inkoop import strategies as ais
from achterhoek_inkoop.calendar._periods import Period, compute_period

D = dt.date
DAY = dt.timedelta(days=1)
CAL = ai.Calendar()
events = ais.dates(min_value=D(1960, 1, 1), max_value=D(2090, 12, 31))


# -- backwards -----------------------------------------------------------------------------------

def test_counted_back_past_goede_vrijdag_and_the_weekend() -> None:
    p = ai.statutory_period(D(2022, 4, 20), 3, backwards=True)
    assert (p.start, p.nominal_end, p.end, p.first_day_after) == (
        D(2022, 4, 19), D(2022, 4, 17), D(2022, 4, 14), D(2022, 4, 13))
    assert [e.day for e in p.extensions] == [D(2022, 4, 17), D(2022, 4, 16), D(2022, 4, 15)]
    assert {e.article for e in p.extensions} == {"Atw art. 1 lid 2"}
    assert ai.check_citation("Atw art. 1 lid 2") == ("Atw",)
    assert p.backwards
    assert p.to_dict()["backwards"] is True
    assert "counted back" in p._repr_html_()


def test_a_backward_end_on_a_working_day_stays() -> None:
    p = ai.statutory_period(D(2022, 4, 20), 7, backwards=True)
    assert p.end == p.nominal_end == D(2022, 4, 13)
    assert p.extensions == ()
    assert p.not_extended is not None
    assert "Atw art. 1 lid 2" in p.not_extended


def test_backwards_without_the_atw_and_beyond_90_days() -> None:
    strict = ai.statutory_period(D(2022, 4, 20), 3, backwards=True, atw=False)
    assert strict.end == D(2022, 4, 17)
    long = ai.statutory_period(D(2022, 7, 18), 92, backwards=True)  # day 92 back: Sunday 2022-04-17
    assert long.nominal_end == long.end == D(2022, 4, 17)
    assert "Atw art. 4" in long.notes[0]


def test_an_ordinary_period_keeps_its_data_shape() -> None:
    data = ai.statutory_period(D(2022, 3, 14), 20).to_dict()
    assert not {"weeks", "months", "backwards", "counting"} & set(data)


@given(event=events, days=st.integers(1, 90))
def test_a_backward_end_is_never_a_day_off_nor_later_than_the_nominal_one(event: dt.date, days: int) -> None:
    p = ai.statutory_period(event, days, backwards=True)
    assert p.end <= p.nominal_end <= p.start < p.event
    assert CAL.is_working_day(p.end)
    assert (p.nominal_end - p.end).days == len(p.extensions)
    assert all(not CAL.is_working_day(e.day) for e in p.extensions)
    if p.safe_end is not None:
        assert p.safe_end < p.end


@given(event=events, days=st.integers(1, 200))
def test_forward_and_backward_are_symmetric_without_extensions(event: dt.date, days: int) -> None:
    back = ai.statutory_period(event, days, backwards=True, atw=False)
    forward = ai.statutory_period(back.end, days, atw=False)
    assert forward.end == event
    # With the Atw: where neither end moves, the same holds.
    b = ai.statutory_period(event, days, backwards=True)
    if not b.extensions and CAL.is_working_day(event) and days <= 90:
        f = ai.statutory_period(b.end, days)
        assert f.nominal_end == event
        assert f.end == event or days >= 3  # art. 2 can only move a period of 3 days or more


# -- weeks and months ------------------------------------------------------------------------------

def test_weeks_are_seven_days() -> None:
    p = ai.statutory_period(D(2022, 3, 14), weeks=3)
    q = ai.statutory_period(D(2022, 3, 14), 21)
    assert (p.days, p.nominal_end, p.end, p.extensions) == (21, q.nominal_end, q.end, q.extensions)
    assert p.weeks == 3
    assert p.to_dict()["weeks"] == 3


def test_months_end_on_the_same_day_or_the_last_day_of_the_month() -> None:
    assert ai.statutory_period(D(2024, 1, 31), months=1).nominal_end == D(2024, 2, 29)
    assert ai.statutory_period(D(2023, 1, 31), months=1).nominal_end == D(2023, 2, 28)
    assert ai.statutory_period(D(2022, 3, 14), months=2).nominal_end == D(2022, 5, 14)  # a Saturday
    assert ai.statutory_period(D(2022, 3, 14), months=2).end == D(2022, 5, 16)
    assert ai.statutory_period(D(2024, 3, 31), months=1, backwards=True).nominal_end == D(2024, 2, 29)


def test_atw_art_4_limits_by_unit() -> None:
    # 3 months may be 92 days: still within the Atw, which counts it as 3 months.
    three = ai.statutory_period(D(2022, 6, 30), months=3)   # nominal Friday 2022-09-30
    assert three.days == 92
    sat = ai.statutory_period(D(2022, 7, 31), months=3)     # nominal Monday 2022-10-31
    assert sat.days == 92
    moved = ai.statutory_period(D(2022, 7, 1), months=3)    # Saturday 2022-10-01: extended
    assert moved.end == D(2022, 10, 3)
    four = ai.statutory_period(D(2022, 7, 1), months=4)     # Tuesday 2022-11-01 either way
    assert four.notes[0].startswith("Atw art. 4: a period of 4 months")
    weeks12 = ai.statutory_period(D(2022, 1, 8), weeks=12)  # Saturday 2022-04-02: extended
    assert weeks12.end == D(2022, 4, 4)
    weeks13 = ai.statutory_period(D(2022, 1, 1), weeks=13)  # Saturday 2022-04-02: not extended
    assert weeks13.end == D(2022, 4, 2)
    assert "12 weeks" in (weeks13.not_extended or "")


@given(event=events, months=st.integers(1, 40), backwards=st.booleans())
def test_months_land_on_the_same_day_of_the_month_or_its_last_day(
        event: dt.date, months: int, backwards: bool) -> None:
    p = ai.statutory_period(event, months=months, backwards=backwards, atw=False)
    last = pycal.monthrange(p.nominal_end.year, p.nominal_end.month)[1]
    assert p.nominal_end.day == event.day or (p.nominal_end.day == last and event.day > last)
    moved = (p.nominal_end.year - event.year) * 12 + p.nominal_end.month - event.month
    assert moved == (-months if backwards else months)


@pytest.mark.parametrize(("kwargs", "field", "value"), [
    ({}, "days", None),
    ({"days": 3, "weeks": 1}, "weeks", 1),
    ({"weeks": 1, "months": 1}, "months", 1),
    ({"weeks": 0}, "weeks", 0),
    ({"months": -1}, "months", -1),
    ({"months": 1.5}, "months", 1.5),
    ({"weeks": True}, "weeks", True),
    ({"days": 3, "backwards": "yes"}, "backwards", "yes"),
    ({"days": 30, "backwards": True, "event": D(1949, 1, 20)}, "event", D(1949, 1, 20)),
])
def test_bad_arguments(kwargs: dict[str, object], field: str, value: object) -> None:
    event = kwargs.pop("event", D(2022, 3, 14))
    with pytest.raises(ai.InvalidInputError) as info:
        ai.statutory_period(event, **kwargs)  # type: ignore[arg-type]
    assert_invalid_input(info.value, field, value)


# -- Regulation 1182/71 art. 3 ---------------------------------------------------------------------

def test_regulation_1182_71_moves_an_end_on_a_sunday() -> None:
    p = compute_period(Period, "event", D(2020, 2, 28), 30, True, None, counting="verordening-1182-71")
    assert (p.nominal_end, p.end) == (D(2020, 3, 29), D(2020, 3, 30))
    assert [e.article for e in p.extensions] == ["Verordening 1182/71 art. 3 lid 4"]
    assert p.to_dict()["counting"] == "verordening-1182-71"
    assert ai.check_citation("Verordening 1182/71 art. 3 lid 4; Verordening 1182/71 art. 3 lid 5")


def test_regulation_1182_71_two_working_days_from_two_days() -> None:
    # Two days after Wednesday 2024-12-25: 26 (Tweede Kerstdag) and 27 (decreed), then the weekend:
    # lid 4 moves the end to Monday 30; lid 5 needs a second working day: Tuesday 31. The Atw's
    # art. 2 starts at 3 days, so under the Atw a 2-day period ends on Monday 30.
    eu = compute_period(Period, "event", D(2024, 12, 25), 2, True, None, counting="verordening-1182-71")
    atw = ai.statutory_period(D(2024, 12, 25), 2)
    assert atw.end == D(2024, 12, 30)
    assert eu.end == D(2024, 12, 31)
    assert eu.extensions[-1].article == "Verordening 1182/71 art. 3 lid 5"


def test_regulation_1182_71_has_no_90_day_limit() -> None:
    eu = compute_period(Period, "event", D(2022, 1, 1), 92, True, None, counting="verordening-1182-71")
    atw = ai.statutory_period(D(2022, 1, 1), 92)                   # day 92: Sunday 2022-04-03
    assert atw.end == D(2022, 4, 3)
    assert eu.end == D(2022, 4, 4)


def test_an_unknown_counting_rule() -> None:
    with pytest.raises(ai.InvalidInputError) as info:
        compute_period(Period, "event", D(2022, 1, 1), 3, True, None, counting="gregorian")
    assert_invalid_input(info.value, "counting", "gregorian")
