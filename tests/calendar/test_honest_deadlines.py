"""Deadlines said honestly (issue 9, item 10): a standstill shorter than the law allows, a period
the Atw does not extend, and the safe end in a year no decree of gelijkgestelde dagen covers.

- Aw 2012 art. 2.127 lid 3: a standstill lasts at least 20 calendar days. Fewer are still
  computed, with a warning; in a procedure they are an error (``standstill-minimum``).
- Atw art. 4: a period longer than 90 days is never extended; the result says that is why,
  rather than that its last day is a working day.
- For 2020 and 2021 no decree is in the data. Sent Friday 2021-04-23, the standstill's day 20
  is Hemelvaartsdag (Thursday 13 May), so it ends Friday 14 May with the statutory holidays
  alone. The decrees usually declare the Friday after Hemelvaartsdag (as for 2019, 2023-2028),
  which would end it on Monday 17 May: that later end is the safe one.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from helpers import procedure
from hypothesis import given
from hypothesis import strategies as st

import achterhoek_inkoop as ai
from achterhoek_inkoop import strategies as ais

D = dt.date
CAL = ai.Calendar()
PATTERN = ai.Calendar(uncovered="pattern")


# -- fewer than 20 days --------------------------------------------------------------------

def test_a_10_day_standstill_is_computed_and_warns_that_the_law_requires_20() -> None:
    p = ai.standstill_period(D(2025, 3, 1), 10)
    assert (p.nominal_end, p.end, p.final_from) == (D(2025, 3, 11), D(2025, 3, 11), D(2025, 3, 12))
    assert p.warning is not None
    assert "Aw 2012 art. 2.127 lid 3" in p.warning
    assert "at least 20 calendar days" in p.warning
    assert "10 days" in p.warning
    assert p.notes[0] == p.warning
    data = p.to_dict()
    assert data["warning"] == p.warning
    assert data["notes"][0] == p.warning
    html = p._repr_html_()
    assert "<strong>warning:</strong> Aw 2012 art. 2.127 lid 3" in html
    assert html.count("Aw 2012 art. 2.127 lid 3 requires") == 1  # not repeated among the notes


def test_19_days_warn_and_20_or_more_do_not() -> None:
    assert ai.standstill_period(D(2022, 3, 14), 19).warning is not None
    assert "1 day is" in (ai.standstill_period(D(2022, 3, 14), 1).warning or "")
    for days in (20, 21, 30):
        p = ai.standstill_period(D(2022, 3, 14), days)
        assert p.warning is None
        assert p.to_dict()["warning"] is None
        assert not any("lid 3" in note for note in p.notes)


def test_a_short_statutory_period_is_not_a_standstill_and_does_not_warn() -> None:
    assert not any("2.127" in note for note in ai.statutory_period(D(2025, 3, 1), 10).notes)


def test_in_a_procedure_a_short_standstill_is_still_an_error() -> None:
    proc = procedure(ai.TenderStart(on=D(2022, 1, 3)), ai.AwardDecision(on=D(2022, 3, 14), outcome="awarded"),
                     standstill_days=10)
    [v] = proc.check()
    assert (v.rule, v.severity, v.on) == ("standstill-minimum", "error", D(2022, 3, 14))
    assert "10" in v.message
    assert v.source == ai.RULES["standstill-minimum"].source
    assert "Aw 2012 art. 2.127 lid 3" in v.message
    period = proc.standstill(proc.data.segment_ids[0])
    assert period is not None
    assert period.warning is not None


# -- Atw art. 4 --------------------------------------------------------------------------------

def test_a_120_day_period_ending_on_a_sunday_cites_atw_art_4_not_a_working_day() -> None:
    p = ai.standstill_period(D(2025, 3, 1), 120)
    assert p.nominal_end == p.end == D(2025, 6, 29)
    assert p.nominal_end.weekday() == 6  # a Sunday, and not extended
    assert p.not_extended == (
        "day 120 is a Sunday, but is not extended: the Atw does not apply to a period longer "
        "than 90 days (Atw art. 4)"
    )
    assert "working day" not in p.not_extended
    assert p.to_dict()["not_extended"] == p.not_extended
    assert p.safe_end is None  # the Atw does not apply, so no decree can move it either


def test_a_long_period_ending_on_a_working_day_cites_atw_art_4_too() -> None:
    p = ai.statutory_period(D(2025, 3, 1), 122)  # Tuesday 2025-07-01
    assert p.not_extended == (
        "day 122 is the end: the Atw does not apply to a period longer than 90 days (Atw art. 4)"
    )


def test_why_an_end_did_not_move() -> None:
    assert ai.standstill_period(D(2022, 3, 14), 10).not_extended == (
        "day 10 is a working day: no extension (Atw art. 1)")
    assert ai.standstill_period(D(2022, 3, 14)).not_extended is None  # it moved: see extensions
    strict = ai.standstill_period(D(2022, 3, 14), atw=False)
    assert strict.not_extended is not None
    assert "not applied" in strict.not_extended


@given(ais.dates(min_value=D(1950, 1, 1), max_value=D(2100, 12, 31)), st.integers(1, 400), st.booleans())
def test_an_end_either_moved_with_reasons_or_says_why_not(sent: dt.date, days: int, atw: bool) -> None:
    p = ai.statutory_period(sent, days, atw=atw)
    assert (p.not_extended is None) == bool(p.extensions)
    if atw and days > 90:
        assert p.not_extended is not None
        assert p.not_extended.endswith("(Atw art. 4)")


# -- the safe end in a year no decree covers -----------------------------------------------------

def test_sent_2021_04_23_ends_friday_14_may_and_safely_monday_17_may() -> None:
    p = ai.standstill_period(D(2021, 4, 23))
    assert p.nominal_end == D(2021, 5, 13)  # Hemelvaartsdag 2021
    assert (p.end, p.final_from) == (D(2021, 5, 14), D(2021, 5, 15))
    assert (p.safe_end, p.safe_final_from) == (D(2021, 5, 17), D(2021, 5, 18))
    assert p.notes[0] == CAL.coverage_note(2021)
    assert "2021-05-14 would be a gelijkgestelde dag (Friday after Hemelvaartsdag)" in p.notes[1]
    assert "Monday 2021-05-17" in p.notes[1]
    assert "safe" in p.notes[1]
    # the safe end is the end under the pattern, with everything else the same
    assert ai.standstill_period(D(2021, 4, 23), calendar=PATTERN).end == p.safe_end
    data = p.to_dict()
    assert (data["safe_end"], data["safe_final_from"]) == ("2021-05-17", "2021-05-18")
    html = p._repr_html_()
    assert "<td>2021-05-17</td><td>Monday</td><td>safe extension</td><td>safe last day" in html
    assert "<td>2021-05-18</td><td>Tuesday</td><td>safe first day after the period</td>" in html


def test_no_safe_end_where_a_decree_covers_the_year_or_the_pattern_is_already_used() -> None:
    assert ai.standstill_period(D(2022, 3, 14)).safe_end is None  # 2022: a reported decree
    assert ai.standstill_period(D(2025, 5, 9)).safe_end is None  # 2025: Friday 30 May is decreed
    assert ai.standstill_period(D(2021, 4, 23), calendar=PATTERN).safe_end is None
    assert ai.standstill_period(D(2021, 4, 23), atw=False).safe_end is None
    assert ai.standstill_period(D(2021, 3, 1)).safe_end is None  # 2021, but nothing moves it
    assert ai.standstill_period(D(2021, 3, 1)).to_dict()["safe_end"] is None


def test_the_safe_end_keeps_to_the_decrees_of_a_calendar_given() -> None:
    # Without any decree, 2025 is counted with the statutory holidays alone: Friday 30 May 2025,
    # decreed in the bundled data, is then the pattern's day and the safe end moves past it.
    bare = ai.Calendar(decrees=dataclasses.replace(ai.Calendar().decrees, decrees=()))
    p = ai.standstill_period(D(2025, 5, 9), calendar=bare)
    assert p.end == D(2025, 5, 30)
    assert p.safe_end == D(2025, 6, 2)
    assert ai.standstill_period(D(2025, 5, 9)).end == D(2025, 6, 2)  # what the decree says


def _covered(year: int) -> bool:
    return CAL.coverage(year) != "statutory"


@given(st.one_of(st.tuples(ais.award_decision_dates(), st.just(ai.ALCATEL_DAYS)),
                 st.tuples(ais.award_decision_dates(max_value=D(9899, 12, 31)), st.integers(1, 90))))
def test_the_safe_date_is_never_before_the_end_and_is_the_end_where_decrees_cover(
    case: tuple[dt.date, int]
) -> None:
    # Every award decision date with the law's 20 days; any length the Atw extends, up to 9899.
    sent, days = case
    p = ai.standstill_period(sent, days)
    safe_end = p.safe_end or p.end
    safe_final_from = p.safe_final_from or p.final_from
    assert safe_end >= p.end
    assert safe_final_from >= p.final_from
    assert safe_final_from == safe_end + dt.timedelta(days=1)
    if p.safe_end is not None:
        assert p.safe_end > p.end  # None when it would equal the end
        assert p.safe_end == ai.standstill_period(sent, days, calendar=PATTERN).end
    if all(_covered(year) for year in range(p.start.year, safe_end.year + 1)):
        assert p.safe_end is None
        assert p.safe_final_from is None
