"""Statutory periods with the Algemene termijnenwet (DOMAIN.md B2): art. 1, 2 and 4.

A period of N days after an event: day 1 is the day after the event, the nominal end
is day N, and the Atw moves the end past Saturdays, Sundays and holidays (art. 1),
until the period holds two working days (art. 2, periods of 3 days or more), but not
for periods over 90 days (art. 4). Every day the end moves is an Extension.
"""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

import achterhoek_inkoop as ai
from achterhoek_inkoop import strategies as ais
from achterhoek_inkoop.calendar._periods import ATW_IN_FORCE, ATW_MAX_DAYS

D = dt.date
DAY = dt.timedelta(days=1)
CAL = ai.Calendar()

#: The largest number of days the Atw moves the end of a period of 1 to 90 days, found
#: by computing every sent date 1950-01-01..2100-12-31 with every length 1..90 (the
#: bundled decrees; the statutory list alone gives the same maximum). It is 5, reached
#: by five nominal ends only: Sat 2018-12-22 (weekend, decreed 24 Dec, both Kerstdagen),
#: Wed 2019-12-25 and Wed 2024-12-25 (both Kerstdagen, decreed 27 Dec, weekend),
#: Wed 2027-05-05 (5 May, Hemelvaartsdag, decreed 7 May, weekend) and Fri 2038-04-23
#: (Goede Vrijdag, weekend, Tweede Paasdag, Koningsdag). Art. 2 never adds to it.
MAX_EXTENSION_DAYS = 5

sent_dates = ais.dates(min_value=D(1950, 1, 1), max_value=D(2100, 12, 31))
lengths = st.integers(min_value=1, max_value=120)


def _working_days(start: dt.date, end: dt.date) -> int:
    return sum(CAL.is_working_day(start + i * DAY) for i in range((end - start).days + 1))


# --- Atw art. 1: an end on a Saturday, Sunday or holiday moves to the next working day ---

def test_art_1_an_end_on_a_sunday() -> None:
    p = ai.statutory_period(D(2022, 3, 14), 20)
    assert p.start == D(2022, 3, 15)
    assert p.nominal_end == D(2022, 4, 3)
    assert p.end == D(2022, 4, 4)
    assert p.first_day_after == D(2022, 4, 5)
    assert [(e.day, e.article) for e in p.extensions] == [(D(2022, 4, 3), "Atw art. 1")]
    assert p.extensions[0].reason == "2022-04-03 is a Sunday (Atw art. 1)"


def test_art_1_an_end_on_a_saturday() -> None:
    p = ai.statutory_period(D(2022, 3, 13), 20)
    assert p.nominal_end == D(2022, 4, 2)
    assert p.end == D(2022, 4, 4)
    assert [e.reason for e in p.extensions] == [
        "2022-04-02 is a Saturday (Atw art. 1)",
        "2022-04-03 is a Sunday (Atw art. 1)",
    ]


def test_art_1_an_end_on_a_holiday() -> None:
    p = ai.statutory_period(D(2022, 4, 7), 20)
    assert p.nominal_end == D(2022, 4, 27)  # Koningsdag, a Wednesday
    assert p.end == D(2022, 4, 28)
    (extension,) = p.extensions
    assert extension.day == D(2022, 4, 27)
    assert extension.article == "Atw art. 1"
    assert extension.reason.startswith("2022-04-27 is Koningsdag, a recognised holiday (Atw art. 3")
    assert extension.reason.endswith("(Atw art. 1)")


def test_art_1_a_chain_across_easter() -> None:
    # Goede Vrijdag, Saturday, Eerste Paasdag (a Sunday), Tweede Paasdag: Tuesday.
    p = ai.statutory_period(D(2022, 3, 26), 20)
    assert p.nominal_end == D(2022, 4, 15)
    assert p.end == D(2022, 4, 19)
    assert p.end.weekday() == 1
    assert [e.day for e in p.extensions] == [D(2022, 4, d) for d in (15, 16, 17, 18)]
    assert all(e.article == "Atw art. 1" for e in p.extensions)
    reasons = [e.reason for e in p.extensions]
    assert reasons[0].startswith("2022-04-15 is Goede Vrijdag")
    assert "Atw art. 3 lid 2" in reasons[0]
    assert reasons[1] == "2022-04-16 is a Saturday (Atw art. 1)"
    assert reasons[2] == "2022-04-17 is a Sunday (Atw art. 1)"
    assert reasons[3].startswith("2022-04-18 is Tweede Paasdag")


def test_art_1_an_end_on_a_decreed_day() -> None:
    p = ai.statutory_period(D(2024, 4, 20), 20)
    assert p.nominal_end == D(2024, 5, 10)  # the Friday after Hemelvaartsdag 2024, decreed
    assert p.end == D(2024, 5, 13)
    first = p.extensions[0]
    assert first.day == D(2024, 5, 10)
    assert first.article == "Atw art. 1"
    assert "gelijkgestelde dag" in first.reason
    assert "Besluit gelijkstelling 2023-2025" in first.reason
    assert "Atw art. 3 lid 3" in first.reason
    assert p.notes == ()  # 2024 is covered by a decree


def test_art_1_no_extension_on_a_working_day() -> None:
    p = ai.statutory_period(D(2024, 3, 1), 20)
    assert p.nominal_end == p.end == D(2024, 3, 21)
    assert p.extensions == ()


@pytest.mark.parametrize(
    ("nominal_end", "end"),
    [
        (D(2018, 12, 22), D(2018, 12, 27)),
        (D(2019, 12, 25), D(2019, 12, 30)),
        (D(2024, 12, 25), D(2024, 12, 30)),
        (D(2027, 5, 5), D(2027, 5, 10)),
        (D(2038, 4, 23), D(2038, 4, 28)),
    ],
)
def test_the_longest_extensions(nominal_end: dt.date, end: dt.date) -> None:
    # The five nominal ends the Atw moves furthest (MAX_EXTENSION_DAYS), for any length.
    for days in (1, 3, 20, 90):
        p = ai.statutory_period(nominal_end - days * DAY, days)
        assert p.end == end
        assert (p.end - p.nominal_end).days == MAX_EXTENSION_DAYS


# --- Atw art. 2: a period of 3 days or more holds at least two working days -------------

def test_art_2_the_example_of_domain_b2() -> None:
    # Sent Tuesday 24 Dec 2024, 3 days: 25 and 26 (Kerst) and 27 (decreed) end on a
    # holiday; art. 1 moves the end to Monday 30 Dec; the period then holds one working
    # day, so art. 2 moves it to Tuesday 31 Dec.
    p = ai.statutory_period(D(2024, 12, 24), 3)
    assert p.start == D(2024, 12, 25)
    assert p.nominal_end == D(2024, 12, 27)
    assert p.end == D(2024, 12, 31)
    assert [(e.day, e.article) for e in p.extensions] == [
        (D(2024, 12, 27), "Atw art. 1"),
        (D(2024, 12, 28), "Atw art. 1"),
        (D(2024, 12, 29), "Atw art. 1"),
        (D(2024, 12, 30), "Atw art. 2"),
    ]
    assert p.extensions[-1].article == "Atw art. 2"
    assert p.extensions[-1].reason == (
        "the period 2024-12-25 to 2024-12-30 holds only 1 working day; "
        "it must hold at least two (Atw art. 2)"
    )
    assert _working_days(p.start, p.end) == 2


def test_art_2_does_not_apply_to_a_2_day_period() -> None:
    p = ai.statutory_period(D(2024, 12, 24), 2)
    assert p.nominal_end == D(2024, 12, 26)
    assert p.end == D(2024, 12, 30)  # art. 1 only
    assert all(e.article == "Atw art. 1" for e in p.extensions)
    assert _working_days(p.start, p.end) == 1  # would be too few under art. 2


def test_art_2_a_period_that_ends_on_a_holiday_moves_past_further_days_off() -> None:
    # Sent Tue 2018-12-18, 4 days: day 4 is Saturday 22 Dec; art. 1 moves it past the
    # weekend, the decreed 24 Dec and both Kerstdagen to Thursday 27 Dec. The period
    # 19..27 Dec holds 19, 20, 21 and 27: no art. 2 extension.
    p = ai.statutory_period(D(2018, 12, 18), 4)
    assert p.end == D(2018, 12, 27)
    assert all(e.article == "Atw art. 1" for e in p.extensions)


# --- Atw art. 4: no extension of periods over 90 days -----------------------------------

def test_art_4_a_90_day_period_is_extended() -> None:
    assert ATW_MAX_DAYS == 90
    p = ai.statutory_period(D(2024, 1, 1), 90)
    assert p.nominal_end == D(2024, 3, 31)  # Eerste Paasdag, a Sunday
    assert p.end == D(2024, 4, 2)  # past Tweede Paasdag
    assert [e.day for e in p.extensions] == [D(2024, 3, 31), D(2024, 4, 1)]
    assert not any("art. 4" in note for note in p.notes)


def test_art_4_a_91_day_period_is_never_extended() -> None:
    p = ai.statutory_period(D(2023, 12, 31), 91)
    assert p.nominal_end == D(2024, 3, 31)  # a Sunday
    assert p.end == p.nominal_end
    assert p.extensions == ()
    assert p.notes == (
        "Atw art. 4: a period of 91 days is longer than 90 days, so the Atw does not extend it.",
    )
    q = ai.statutory_period(D(2024, 1, 1), 91)
    assert q.nominal_end == q.end == D(2024, 4, 1)  # Tweede Paasdag, not extended either


@given(sent_dates, st.integers(min_value=91, max_value=400))
def test_art_4_never_extends_long_periods(sent: dt.date, days: int) -> None:
    p = ai.statutory_period(sent, days)
    assert p.end == p.nominal_end == sent + days * DAY
    assert p.extensions == ()
    assert len(p.notes) == 1
    assert p.notes[0].startswith("Atw art. 4")


# --- atw=False: the strict reading ------------------------------------------------------

def test_without_the_atw_the_period_is_exactly_n_days() -> None:
    p = ai.statutory_period(D(2024, 12, 24), 3, atw=False)
    assert p.atw is False
    assert p.nominal_end == p.end == D(2024, 12, 27)
    assert p.first_day_after == D(2024, 12, 28)
    assert p.extensions == ()
    assert p.notes == ()


# --- notes: where a result rests on less than a decree ----------------------------------

def test_a_period_in_an_uncovered_year_carries_the_statutory_note() -> None:
    p = ai.statutory_period(D(2021, 3, 1), 20)
    note = CAL.coverage_note(2021)
    assert note is not None
    assert "statutory holidays" in note
    assert p.notes == (note,)


def test_a_period_wholly_in_a_decreed_year_has_no_notes() -> None:
    assert ai.statutory_period(D(2024, 3, 1), 20).notes == ()
    assert ai.statutory_period(D(2024, 12, 24), 3).notes == ()


def test_a_period_across_two_years_carries_a_note_for_each_uncovered_one() -> None:
    p = ai.statutory_period(D(2021, 12, 20), 20)
    assert p.notes == (CAL.coverage_note(2021), CAL.coverage_note(2022))
    assert "2022-05-27" in p.notes[1]  # the reported day


def test_a_period_starting_before_the_atw_was_in_force_says_so() -> None:
    assert ATW_IN_FORCE.isoformat() == "1965-04-01"
    p = ai.statutory_period(D(1965, 3, 1), 20)
    assert p.notes[0] == (
        "The Algemene termijnenwet is in force from 1965-04-01; "
        "it is applied here to a period that starts before then."
    )
    assert p.end == D(1965, 3, 22)  # applied anyway
    later = ai.statutory_period(D(1965, 3, 31), 20)  # starts on 1965-04-01
    assert not any("in force" in note for note in later.notes)


def test_notes_come_from_the_calendar_given() -> None:
    pattern = ai.Calendar(uncovered="pattern")
    p = ai.statutory_period(D(2021, 4, 23), 20, calendar=pattern)
    assert p.nominal_end == D(2021, 5, 13)  # Hemelvaartsdag 2021
    assert p.end == D(2021, 5, 17)  # past Friday 14 May, a pattern day, and the weekend
    assert "pattern" in p.extensions[1].reason
    assert p.notes == (pattern.coverage_note(2021),)
    plain = ai.statutory_period(D(2021, 4, 23), 20)
    assert plain.end == D(2021, 5, 14)


# --- to_dict ----------------------------------------------------------------------------

def test_period_to_dict() -> None:
    data = ai.statutory_period(D(2022, 3, 14), 20).to_dict()
    assert data == {
        "event": "2022-03-14",
        "days": 20,
        "atw": True,
        "start": "2022-03-15",
        "nominal_end": "2022-04-03",
        "end": "2022-04-04",
        "first_day_after": "2022-04-05",
        "extensions": [
            {
                "date": "2022-04-03",
                "article": "Atw art. 1",
                "reason": "2022-04-03 is a Sunday (Atw art. 1)",
            }
        ],
        "not_extended": None,
        "safe_end": None,
        "safe_first_day_after": None,
        "notes": [CAL.coverage_note(2022)],
    }


# --- properties over 1950-2100 ----------------------------------------------------------

@given(sent_dates, lengths, st.booleans())
def test_start_is_the_day_after_and_the_end_is_never_before_the_nominal_end(
    sent: dt.date, days: int, atw: bool
) -> None:
    p = ai.statutory_period(sent, days, atw=atw)
    assert p.start == sent + DAY
    assert p.nominal_end == sent + days * DAY
    assert p.end >= p.nominal_end
    assert p.first_day_after == p.end + DAY


@given(sent_dates, st.integers(min_value=1, max_value=ATW_MAX_DAYS))
def test_with_the_atw_the_end_is_a_working_day(sent: dt.date, days: int) -> None:
    assert CAL.is_working_day(ai.statutory_period(sent, days).end)


@given(sent_dates, lengths)
def test_the_end_moves_at_most_the_empirical_maximum(sent: dt.date, days: int) -> None:
    p = ai.statutory_period(sent, days)
    assert (p.end - p.nominal_end).days <= MAX_EXTENSION_DAYS


@given(sent_dates, st.integers(min_value=3, max_value=ATW_MAX_DAYS))
def test_a_period_of_3_days_or_more_holds_two_working_days(sent: dt.date, days: int) -> None:
    p = ai.statutory_period(sent, days)
    assert _working_days(p.start, p.end) >= 2


@given(sent_dates, lengths)
def test_without_the_atw_the_end_is_exactly_sent_plus_days(sent: dt.date, days: int) -> None:
    p = ai.statutory_period(sent, days, atw=False)
    assert p.end == p.nominal_end == sent + days * DAY
    assert p.first_day_after == sent + (days + 1) * DAY
    assert p.extensions == ()
    assert p.notes == ()


@given(sent_dates, lengths)
def test_extensions_explain_every_day_the_end_moved(sent: dt.date, days: int) -> None:
    p = ai.statutory_period(sent, days)
    moved = [e.day for e in p.extensions]
    assert moved == sorted(set(moved))  # strictly increasing
    assert all(p.nominal_end <= day < p.end for day in moved)
    assert len(moved) == (p.end - p.nominal_end).days
    for extension in p.extensions:
        assert extension.article in ("Atw art. 1", "Atw art. 2")
        assert extension.reason.startswith((f"{extension.day.isoformat()} is ", "the period "))
        assert extension.reason.endswith(f"({extension.article})")


@given(sent_dates, st.integers(min_value=1, max_value=ATW_MAX_DAYS))
def test_the_end_is_the_first_day_the_rules_allow(sent: dt.date, days: int) -> None:
    # Minimality: no earlier day from the nominal end on would satisfy art. 1 (and art. 2).
    p = ai.statutory_period(sent, days)
    candidate = p.nominal_end
    while candidate < p.end:
        ok = CAL.is_working_day(candidate) and (
            days < 3 or _working_days(p.start, candidate) >= 2
        )
        assert not ok, candidate
        candidate += DAY


# --- bad input --------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("kwargs", "field", "value"),
    [
        ({"event": dt.datetime(2022, 3, 14, 9, 0), "days": 20}, "event",
         dt.datetime(2022, 3, 14, 9, 0)),
        ({"event": "14-03-2022", "days": 20}, "event", "14-03-2022"),   # ISO text is a date; this is not
        ({"event": D(2022, 3, 14), "days": 0}, "days", 0),
        ({"event": D(2022, 3, 14), "days": 20, "atw": 1}, "atw", 1),
    ],
)
def test_statutory_period_bad_input_names_the_event_field(
    kwargs: dict[str, object], field: str, value: object
) -> None:
    with pytest.raises(ai.InvalidInputError) as caught:
        ai.statutory_period(**kwargs)  # type: ignore[arg-type]
    assert caught.value.field == field
    assert caught.value.value == value


def test_a_period_past_the_last_date_is_out_of_range() -> None:
    with pytest.raises(ai.OutOfRangeError) as caught:
        ai.statutory_period(D(9999, 12, 25), 20)
    assert caught.value.field == "event"
    assert caught.value.value == D(9999, 12, 25)
    with pytest.raises(ai.OutOfRangeError):
        ai.statutory_period(D(2022, 3, 14), 10**10)
