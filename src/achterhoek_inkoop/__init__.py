"""achterhoek_inkoop: where a public procurement stands on any date, what is
allowed in it, and when each legal deadline falls.

The public API is exactly what ``__all__`` lists; the ``_``-modules behind it
may change.

>>> from datetime import date
>>> import achterhoek_inkoop as ai
>>> ai.standstill_period(date(2022, 3, 14)).final_from
datetime.date(2022, 4, 5)
"""

from ._calendar import Calendar, Holiday, holidays_in, is_holiday
from ._exceptions import DataFileError, InkoopError, InvalidInputError, OutOfRangeError
from ._periods import Extension, Period, statutory_period
from ._standstill import ALCATEL_DAYS, StandstillPeriod, standstill_period

__all__ = [
    "ALCATEL_DAYS",
    "Calendar",
    "DataFileError",
    "Extension",
    "Holiday",
    "InkoopError",
    "InvalidInputError",
    "OutOfRangeError",
    "Period",
    "StandstillPeriod",
    "holidays_in",
    "is_holiday",
    "standstill_period",
    "statutory_period",
]

__version__ = "0.1.0"
