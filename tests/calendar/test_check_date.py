"""``check_date``: the one place dates are checked, and every form of a date it takes.

Analysts hold dates as ``pandas.Timestamp`` and ``numpy.datetime64`` and type
ISO texts; all of them are taken, each as the plain ``datetime.date`` of its
day. A moment with a time of day is refused, as is a missing value or a month
without its day: the library never guesses a day.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest
from helpers import assert_invalid_input

import achterhoek_inkoop as ai
from achterhoek_inkoop._validate import check_date

DAY = dt.date(2022, 3, 14)

TAKEN = {
    "date": DAY,
    "iso": "2022-03-14",
    "timestamp": pd.Timestamp("2022-03-14"),
    "timestamp-tz": pd.Timestamp("2022-03-14", tz="Europe/Amsterdam"),
    "datetime64-day": np.datetime64("2022-03-14"),
    "datetime64-ns": np.datetime64("2022-03-14T00:00:00.000000000"),
    "midnight": dt.datetime(2022, 3, 14),
    "series-value": pd.Series(pd.to_datetime(["2022-03-14"])).iloc[0],
    "array-value": pd.to_datetime(["2022-03-14"]).values[0],
}


@pytest.mark.parametrize("value", TAKEN.values(), ids=TAKEN.keys())
def test_every_form_of_a_date_is_taken_as_the_plain_date(value: object) -> None:
    found = check_date("sent", value)
    assert found == DAY
    assert type(found) is dt.date


REFUSED = {
    "time-of-day": dt.datetime(2022, 3, 14, 9, 30),
    "timestamp-time": pd.Timestamp("2022-03-14 09:30"),
    "timestamp-nanosecond": pd.Timestamp("2022-03-14") + pd.Timedelta(1, "ns"),
    "datetime64-time": np.datetime64("2022-03-14T09:30"),
    "nat": pd.NaT,
    "datetime64-nat": np.datetime64("NaT"),
    "month": np.datetime64("2022-03"),
    "year": np.datetime64("2022"),
    "iso-datetime": "2022-03-14T00:00",
    "day-first": "14-03-2022",
    "basic-iso": "20220314",
    "impossible": "2022-02-30",
    "padded": " 2022-03-14",
    "number": 20220314,
    "bool": True,
    "none": None,
}


@pytest.mark.parametrize("value", REFUSED.values(), ids=REFUSED.keys())
def test_what_is_not_a_day_is_refused_naming_the_field_and_value(value: object) -> None:
    with pytest.raises(ai.InvalidInputError) as info:
        check_date("sent", value)
    assert info.value.field == "sent"
    assert info.value.value is value or info.value.value == value or value != value


def test_the_messages_say_what_to_give() -> None:
    with pytest.raises(ai.InvalidInputError) as info:
        check_date("sent", dt.datetime(2022, 3, 14, 9, 30))
    assert "is a datetime, not a date; give value.date()" in str(info.value)
    with pytest.raises(ai.InvalidInputError) as info:
        check_date("sent", "14-03-2022")
    assert_invalid_input(info.value, "sent", "14-03-2022")
    assert "ISO date 'YYYY-MM-DD'" in str(info.value)
    with pytest.raises(ai.InvalidInputError) as info:
        check_date("sent", "2022-02-30")
    assert "day is out of range for month" in str(info.value)


def test_the_calendar_range_holds_for_every_form() -> None:
    for value in ("1948-12-31", pd.Timestamp("1948-12-31"), np.datetime64("1948-12-31")):
        with pytest.raises(ai.OutOfRangeError):
            check_date("sent", value)
        assert check_date("on", value, in_calendar=False) == dt.date(1948, 12, 31)
    with pytest.raises(ai.InvalidInputError, match="outside the dates Python can hold"):
        check_date("on", np.datetime64("10000-01-01"), in_calendar=False)


def test_the_public_functions_take_them() -> None:
    assert ai.standstill_period("2022-03-14") == ai.standstill_period(DAY)
    assert ai.standstill_period(pd.Timestamp("2022-03-14")).final_from == dt.date(2022, 4, 5)
    assert ai.is_holiday(np.datetime64("2022-04-15"))


def test_checking_a_date_imports_neither_pandas_nor_numpy() -> None:
    code = ("import sys, achterhoek_inkoop as ai\n"
            "ai.standstill_period('2022-03-14'); ai.inkoop2022().phase_on('2022-03-20')\n"
            "print(sorted(m for m in ('pandas', 'numpy') if m in sys.modules))\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
