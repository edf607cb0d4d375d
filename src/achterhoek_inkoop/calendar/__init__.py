"""The statutory calendar and period arithmetic.

Owns the recognised holidays of the Algemene termijnenwet (Atw art. 3), the
days declared equal to them by royal decree (bundled as data with their
decree), period arithmetic under Atw art. 1, 2 and 4 (forward and backward,
in days, weeks or months) and under Regulation 1182/71 art. 3, the Alcatel
standstill of the Aanbestedingswet 2012 art. 2.127, and the rulebooks (the
figures of a body of law as data: standstill, minimum periods per procedure
type). It knows nothing of procedures: everything here takes dates and gives dates.

Depends only on the package's foundation modules (errors, argument checks,
data files).
"""

import typing

from .._lazy import lazy_door as _lazy_door

if typing.TYPE_CHECKING:
    from .._validate import FIRST_YEAR
    from ._holidays import (
        AMSTERDAM,
        WEEKDAYS,
        Calendar,
        Holiday,
        amsterdam_zone,
        check_calendar,
        default_calendar,
        holidays_in,
        is_holiday,
    )
    from ._minimum import DeadlineJudgement, MinimumPeriod, minimum_period
    from ._periods import Extension, Period, describe_day, statutory_period
    from ._rulebook_index import RULEBOOKS, ProcedureType, rulebook_names
    from ._rulebooks import Rulebook, rulebook
    from ._standstill import ALCATEL_DAYS, LEGAL_SOURCE, StandstillPeriod, standstill_period

__all__ = [
    "ALCATEL_DAYS",
    "AMSTERDAM",
    "FIRST_YEAR",
    "LEGAL_SOURCE",
    "RULEBOOKS",
    "WEEKDAYS",
    "Calendar",
    "DeadlineJudgement",
    "Extension",
    "Holiday",
    "MinimumPeriod",
    "Period",
    "ProcedureType",
    "Rulebook",
    "StandstillPeriod",
    "amsterdam_zone",
    "check_calendar",
    "default_calendar",
    "describe_day",
    "holidays_in",
    "is_holiday",
    "minimum_period",
    "rulebook",
    "rulebook_names",
    "standstill_period",
    "statutory_period",
]

#: Where each name lives: imported when first used (a deadline needs neither pydantic nor the
#: minimum periods; see ``achterhoek_inkoop._lazy``).
_HOMES = {
    ".._validate": ("FIRST_YEAR",),
    "._holidays": ("AMSTERDAM", "WEEKDAYS", "Calendar", "Holiday", "amsterdam_zone", "check_calendar",
                   "default_calendar", "holidays_in", "is_holiday"),
    "._minimum": ("DeadlineJudgement", "MinimumPeriod", "minimum_period"),
    "._periods": ("Extension", "Period", "describe_day", "statutory_period"),
    "._rulebook_index": ("RULEBOOKS", "ProcedureType", "rulebook_names"),
    "._rulebooks": ("Rulebook", "rulebook"),
    "._standstill": ("ALCATEL_DAYS", "LEGAL_SOURCE", "StandstillPeriod", "standstill_period"),
}
__getattr__, __dir__ = _lazy_door(__name__, _HOMES, __all__)
