"""The Alcatel standstill, Aanbestedingswet 2012 art. 2.127 (DOMAIN.md B1 and B2).

The worked example: award decision sent Monday 14 March 2022; day 1 is Tuesday
15 March; day 20 is Sunday 3 April; Atw art. 1 extends the standstill to Monday
4 April (24:00); the final award is possible from Tuesday 5 April 2022. Its
display in Jupyter counts the days one by one.
"""

import datetime as dt
import json

import pytest
from helpers import WORKED_EXAMPLE, assert_invalid_input
from hypothesis import given
from hypothesis import strategies as st

import achterhoek_inkoop as ai
from achterhoek_inkoop import strategies as ais

D = dt.date
DAY = dt.timedelta(days=1)
CAL = ai.Calendar()
SENT = D(2022, 3, 14)

sent_dates = ais.dates(min_value=D(1950, 1, 1), max_value=D(2100, 12, 31))
lengths = st.integers(min_value=1, max_value=120)


def test_the_worked_example() -> None:
    p = ai.standstill_period(SENT)
    assert isinstance(p, ai.StandstillPeriod)
    assert isinstance(p, ai.Period)
    assert p.sent == SENT
    assert p.days == 20
    assert p.atw is True
    assert p.start == D(2022, 3, 15)
    assert p.nominal_end == D(2022, 4, 3)
    assert p.end == D(2022, 4, 4)
    assert p.final_from == D(2022, 4, 5)
    assert len(p.extensions) == 1
    assert p.extensions[0].day == D(2022, 4, 3)
    assert p.extensions[0].article == "Atw art. 1"
    assert p.extensions[0].reason == "2022-04-03 is a Sunday (Atw art. 1)"


def test_the_worked_example_in_the_strict_reading() -> None:
    p = ai.standstill_period(SENT, atw=False)
    assert p.end == p.nominal_end == D(2022, 4, 3)
    assert p.final_from == D(2022, 4, 4)
    assert p.extensions == ()
    assert p.notes == ()


def test_the_default_is_20_days() -> None:
    assert ai.ALCATEL_DAYS == 20
    assert ai.standstill_period(SENT).days == 20
    assert ai.standstill_period(SENT) == ai.standstill_period(SENT, 20, atw=True)


def test_a_longer_standstill_may_be_set() -> None:
    p = ai.standstill_period(SENT, 30)
    assert p.nominal_end == D(2022, 4, 13)
    assert p.end == D(2022, 4, 13)  # a Wednesday
    assert p.final_from == D(2022, 4, 14)


def test_to_dict_keys_and_values() -> None:
    data = ai.standstill_period(SENT).to_dict()
    assert {"sent", "days", "start", "nominal_end", "end", "final_from", "extensions"} <= set(data)
    assert {k: data[k] for k in WORKED_EXAMPLE} == WORKED_EXAMPLE
    assert data["notes"] == [CAL.coverage_note(2022)]
    assert json.loads(json.dumps(data)) == data  # JSON-ready as it is


def test_the_standstill_is_the_statutory_period_of_its_length() -> None:
    p = ai.standstill_period(D(2024, 12, 24), 3)
    q = ai.statutory_period(D(2024, 12, 24), 3)
    assert (p.start, p.nominal_end, p.end, p.extensions, p.notes[1:]) == (
        q.start, q.nominal_end, q.end, q.extensions, q.notes
    )
    assert p.notes[0] == p.warning  # 3 days: shorter than Aw 2012 art. 2.127 lid 3 allows
    assert p.final_from == q.first_day_after == D(2025, 1, 1)


# --- properties over 1950-2100 ----------------------------------------------------------

@given(sent_dates, lengths, st.booleans())
def test_standstill_matches_the_period_arithmetic(sent: dt.date, days: int, atw: bool) -> None:
    p = ai.standstill_period(sent, days, atw=atw)
    q = ai.statutory_period(sent, days, atw=atw)
    assert p.sent == sent
    assert p.start == sent + DAY
    assert (p.nominal_end, p.end, p.extensions, p.safe_end) == (
        q.nominal_end, q.end, q.extensions, q.safe_end
    )
    # the standstill's notes are the period's, after the warning of a standstill under 20 days
    assert p.notes == ((p.warning,) if days < ai.ALCATEL_DAYS else ()) + q.notes
    assert p.final_from == p.end + DAY
    assert p.end >= p.nominal_end


@given(sent_dates, lengths)
def test_strict_standstill_is_sent_plus_days(sent: dt.date, days: int) -> None:
    p = ai.standstill_period(sent, days, atw=False)
    assert p.end == p.nominal_end == sent + days * DAY
    assert p.final_from == sent + (days + 1) * DAY


@given(sent_dates)
def test_the_20_day_standstill_ends_on_a_working_day(sent: dt.date) -> None:
    p = ai.standstill_period(sent)
    assert CAL.is_working_day(p.end)
    assert p.final_from > p.end
    assert (p.final_from - sent).days >= 21


# --- bad input: one table, one test -----------------------------------------------------

BAD_ARGS = [
    # (sent, days, atw, field, value)
    (SENT, 0, True, "days", 0),
    (SENT, -1, True, "days", -1),
    (SENT, True, True, "days", True),
    (SENT, 1.5, True, "days", 1.5),
    (SENT, "20", True, "days", "20"),
    (dt.datetime(2022, 3, 14, 9, 0), 20, True, "sent", dt.datetime(2022, 3, 14, 9, 0)),
    ("14-03-2022", 20, True, "sent", "14-03-2022"),   # ISO text is a date; this is not
    (None, 20, True, "sent", None),
    (20220314, 20, True, "sent", 20220314),
    (D(1948, 12, 31), 20, True, "sent", D(1948, 12, 31)),
    (SENT, 20, "yes", "atw", "yes"),
]


@pytest.mark.parametrize(("sent", "days", "atw", "field", "value"), BAD_ARGS, ids=repr)
def test_bad_arguments_raise_the_librarys_error_naming_the_value(
    sent: object, days: object, atw: object, field: str, value: object
) -> None:
    with pytest.raises(ai.InvalidInputError) as caught:
        ai.standstill_period(sent, days, atw=atw)  # type: ignore[arg-type]
    err = caught.value
    assert_invalid_input(err, field, value)
    if isinstance(value, dt.date) and value.year < 1949:
        assert isinstance(err, ai.OutOfRangeError)


# --- in Jupyter ---------------------------------------------------------------------------

def test_standstill_html_counts_day_by_day_with_the_extension_and_its_reason() -> None:
    html = ai.standstill_period(SENT)._repr_html_()
    assert "Alcatel standstill" in html
    for n in (1, 20):
        assert f"<td>day {n}</td>" in html
    sunday = "<td>2022-04-03</td><td>Sunday</td><td>day 20</td><td>2022-04-03 is a Sunday (Atw art. 1)</td>"
    assert sunday in html
    assert "<td>2022-04-04</td><td>Monday</td><td>extension</td><td>last day of the period" in html
    assert "<td>2022-04-05</td><td>Tuesday</td><td>first day after the period</td>" in html
    assert html.count("<tr>") == 1 + 22  # header, days 1-20, the extension, the day after


def test_standstill_html_without_atw_has_no_extension_row() -> None:
    html = ai.standstill_period(SENT, atw=False)._repr_html_()
    assert "not applied" in html
    assert "<td>extension</td>" not in html
