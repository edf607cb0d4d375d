"""Argument checks, date arithmetic and the value strategies: dates, ids, segments, municipalities."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Sequence
from typing import Any, get_args

from dateutil.relativedelta import relativedelta
from hypothesis import strategies as st
from hypothesis.strategies import SearchStrategy

from achterhoek_inkoop import InvalidInputError
from achterhoek_inkoop.calendar import FIRST_YEAR, is_holiday
from achterhoek_inkoop.procedure import Procedure
from achterhoek_inkoop.record import Domain, Municipality, Segment

__all__ = [
    "award_decision_dates",
    "dates",
    "municipalities",
    "municipality_ids",
    "segment_ids",
    "segments",
]

DAY = dt.timedelta(days=1)
#: The statutory calendar's range: the library answers for these dates.
EARLIEST = dt.date(FIRST_YEAR, 1, 1)
LATEST = dt.date.max
#: Procedures need room after their last event for standstills and contracts.
LAST_PROCEDURE_DAY = dt.date(9899, 12, 31)
#: The last day an award decision leaves room for its standstill.
LAST_AWARD_DAY = dt.date(9999, 11, 30)
#: Contract ends stay a day short of the last date, whose next day does not exist.
LAST_END = LATEST - DAY
#: The default window of generated procedures.
PROCEDURE_START = dt.date(2000, 1, 1)
PROCEDURE_END = dt.date(2099, 12, 31)

DOMAINS: tuple[Domain, ...] = get_args(Domain)
_ACHTERHOEK = ("aalten", "berkelland", "bronckhorst", "doetinchem", "montferland", "oost-gelre",
               "oude-ijsselstreek", "winterswijk")
#: Letters before digits, so that ids shrink to "a" (text would shrink to "0").
_SLUG_PART = st.lists(st.sampled_from("abcdefghijklmnopqrstuvwxyz0123456789"), min_size=1, max_size=8
                      ).map("".join)
SLUGS = st.lists(_SLUG_PART, min_size=1, max_size=3).map("-".join)


# -- argument checks ------------------------------------------------------------

def check_date(name: str, value: object, lowest: dt.date = EARLIEST, highest: dt.date = LATEST) -> dt.date:
    if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
        raise InvalidInputError(name, value, "is not a datetime.date")
    if not lowest <= value <= highest:
        raise InvalidInputError(name, value, f"is outside {lowest.isoformat()} to {highest.isoformat()}")
    return value


def check_bounds(min_value: object, max_value: object, lowest: dt.date = EARLIEST,
                 highest: dt.date = LATEST) -> tuple[dt.date, dt.date]:
    low = check_date("min_value", min_value, lowest, highest)
    high = check_date("max_value", max_value, lowest, highest)
    if low > high:
        raise InvalidInputError("max_value", high, f"is before min_value {low.isoformat()}")
    return low, high


def check_sizes(min_size: object, max_size: object, *, names: tuple[str, str] = ("min_size", "max_size"),
                least: int = 0) -> tuple[int, int]:
    min_size = check_int(names[0], min_size, least)
    max_size = check_int(names[1], max_size, least)
    if min_size > max_size:
        raise InvalidInputError(names[1], max_size, f"is less than {names[0]} {min_size}")
    return min_size, max_size


def check_strategy(name: str, value: object) -> SearchStrategy[Any]:
    if not isinstance(value, SearchStrategy):
        raise InvalidInputError(name, value, "is not a hypothesis strategy (give e.g. dates(...), "
                                "not a value)")
    return value


def check_ids(name: str, value: object, *, allow_none: bool = True) -> tuple[str, ...] | None:
    if value is None and allow_none:
        return None
    if isinstance(value, str) or not isinstance(value, Collection):
        raise InvalidInputError(name, value, "must be a list of ids, not one id or another value")
    ids = tuple(value)
    if not ids:
        raise InvalidInputError(name, value, "is empty; give at least one id")
    if not all(isinstance(i, str) and i for i in ids):
        raise InvalidInputError(name, value, "must hold non-empty strings only")
    if len(set(ids)) != len(ids):
        raise InvalidInputError(name, value, "names an id more than once")
    return ids


def check_int(name: str, value: object, least: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < least:
        raise InvalidInputError(name, value, f"must be a whole number of at least {least}")
    return value


def check_choice(name: str, value: object, allowed: Sequence[object]) -> None:
    if value is not None and value not in allowed:
        raise InvalidInputError(name, value, f"must be one of {', '.join(map(repr, allowed))} or None")


def check_procedure(value: object) -> Procedure:
    if not isinstance(value, Procedure):
        raise InvalidInputError("procedure", value, "is not an achterhoek_inkoop.Procedure")
    return value


# -- date arithmetic ---------------------------------------------------------------

def plus(day: dt.date, days: int, limit: dt.date = LAST_END) -> dt.date:
    """``days`` after ``day``, or ``limit`` if that comes first."""
    return day + dt.timedelta(days=days) if (limit - day).days >= days else limit


def contract_limit(start: dt.date, max_years: int | None) -> dt.date:
    """The last day a contract from ``start`` may run with ``max_years`` (``contractduur-maximum``)."""
    if max_years is None:
        return LAST_END
    try:
        return min(start + relativedelta(years=max_years) - DAY, LAST_END)
    except (OverflowError, ValueError):
        return LAST_END


def _working_day(day: dt.date, low: dt.date, high: dt.date) -> dt.date | None:
    """The first working day from ``day`` on, else the last before it, within [low, high]."""
    for step, limit in ((DAY, high), (-DAY, low)):
        probe = day
        while low <= probe <= high:
            if probe.weekday() < 5 and not is_holiday(probe):
                return probe
            if probe == limit:
                break
            probe += step
    return None


# -- values ------------------------------------------------------------------------

def dates(*, min_value: dt.date = EARLIEST, max_value: dt.date = LATEST) -> SearchStrategy[dt.date]:
    """Dates from ``min_value`` to ``max_value`` (default: the years the statutory calendar covers).

    Shrinks towards 2000-01-01, or the bound nearest to it.

    >>> from datetime import date
    >>> from hypothesis import find, settings
    >>> once = settings(database=None)    # find's examples are not saved between runs
    >>> find(dates(min_value=date(2022, 3, 1), max_value=date(2022, 3, 31)), lambda d: True, settings=once)
    datetime.date(2022, 3, 1)
    """
    low, high = check_bounds(min_value, max_value)
    return st.dates(min_value=low, max_value=high)


def award_decision_dates(*, min_value: dt.date = EARLIEST,
                         max_value: dt.date = LAST_AWARD_DAY) -> SearchStrategy[dt.date]:
    """Working days (no weekend, no Atw holiday) on which an award decision may be sent.

    The default range ends where a standstill still fits before the last date
    Python can hold. Raises :class:`~achterhoek_inkoop.InvalidInputError` if
    the range holds no working day.

    >>> from datetime import date
    >>> from hypothesis import find, settings
    >>> once = settings(database=None)    # find's examples are not saved between runs
    >>> find(award_decision_dates(min_value=date(2022, 4, 15)), lambda d: True, settings=once)
    datetime.date(2022, 4, 19)

    (Goede Vrijdag, the weekend and Tweede Paasdag come first.)
    """
    low, high = check_bounds(min_value, max_value, highest=LAST_AWARD_DAY)
    if _working_day(low, low, min(high, low + 30 * DAY)) is None:
        raise InvalidInputError("max_value", high, f"leaves no working day after min_value {low.isoformat()}")
    offsets = st.integers(0, (high - low).days)
    return offsets.map(lambda n: _working_day(low + n * DAY, low, high) or low)


def segment_ids() -> SearchStrategy[str]:
    """Valid segment (perceel) ids: lowercase slugs such as ``"a"`` or ``"wmo-wonen"``.

    >>> from hypothesis import find, settings
    >>> once = settings(database=None)    # find's examples are not saved between runs
    >>> find(segment_ids(), lambda s: True, settings=once)
    'a'
    """
    return SLUGS


def municipality_ids() -> SearchStrategy[str]:
    """Valid municipality ids: the eight Achterhoek municipalities, or any slug.

    >>> from hypothesis import find, settings
    >>> once = settings(database=None)    # find's examples are not saved between runs
    >>> find(municipality_ids(), lambda m: True, settings=once)
    'aalten'
    """
    return st.one_of(st.sampled_from(_ACHTERHOEK), SLUGS)


def segments(*, ids: SearchStrategy[str] | None = None) -> SearchStrategy[Segment]:
    """Segments with an id drawn from ``ids`` (default :func:`segment_ids`) and 1-3 domains.

    >>> from hypothesis import find, settings
    >>> once = settings(database=None)    # find's examples are not saved between runs
    >>> find(segments(), lambda s: True, settings=once)
    Segment(id='a', name='Perceel a', domains=('jeugdhulp',), source=None)
    """
    id_strategy = segment_ids() if ids is None else check_strategy("ids", ids)
    return st.builds(
        lambda sid, domains: Segment(id=sid, name=f"Perceel {sid}", domains=tuple(domains)),
        id_strategy, st.lists(st.sampled_from(DOMAINS), min_size=1, max_size=3, unique=True))


def subset(draw: st.DrawFn, eligible: tuple[str, ...]) -> tuple[str, ...]:
    """A non-empty part of ``eligible`` in its order, by one cheap flag per id; shrinks to the first id."""
    chosen = tuple(s for s in eligible if draw(st.booleans()))
    return chosen or eligible[:1]


def sub_tuples(ids: tuple[str, ...]) -> SearchStrategy[tuple[str, ...]]:
    """Non-empty sub-tuples of ``ids``, in the order of ``ids``."""
    order = {v: i for i, v in enumerate(ids)}
    return st.lists(st.sampled_from(ids), min_size=1, max_size=len(ids), unique=True).map(
        lambda chosen: tuple(sorted(chosen, key=order.__getitem__)))


def some_of(ids: tuple[str, ...] | None) -> SearchStrategy[tuple[str, ...] | None]:
    """``None`` (all), or, if ``ids`` are given, a non-empty sub-tuple of them."""
    return st.none() if ids is None else st.one_of(st.none(), sub_tuples(ids))


def municipalities(*, segments: Sequence[str] | None = None,
                   ids: SearchStrategy[str] | None = None) -> SearchStrategy[Municipality]:
    """Municipalities with ids from ``ids``, joining all segments or some of ``segments``.

    Without ``segments`` a municipality joins every segment (``segments=None``).

    >>> from hypothesis import find, settings
    >>> once = settings(database=None)    # find's examples are not saved between runs
    >>> find(municipalities(segments=["a", "b"]), lambda m: m.segments is not None, settings=once)
    Municipality(id='aalten', name='Aalten', segments=('a',), source=None)
    """
    known = check_ids("segments", segments)
    id_strategy = municipality_ids() if ids is None else check_strategy("ids", ids)
    return st.builds(
        lambda mid, segs: Municipality(id=mid, name=mid.replace("-", " ").title(), segments=segs),
        id_strategy, some_of(known))
