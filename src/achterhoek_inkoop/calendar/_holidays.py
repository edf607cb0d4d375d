"""The statutory calendar of the Algemene termijnenwet (Atw).

Which days are ``algemeen erkende feestdagen`` (recognised holidays) decides
when a statutory period ends. The calendar is the statutory list of Atw
art. 3 lid 1 and 2, computed from Easter (``dateutil.easter``) and a few named
rules with the years they were valid, plus the ``gelijkgestelde dagen`` of
art. 3 lid 3, which are data with the decree that made them. Weekends are not
holidays; :meth:`Calendar.is_working_day` joins the two.

>>> from datetime import date
>>> cal = Calendar()
>>> cal.holiday(date(2022, 4, 15)).name
'Goede Vrijdag'
>>> cal.is_holiday(date(2022, 4, 17))      # Eerste Paasdag: a Sunday, not in the Atw
False
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Literal

from dateutil.easter import easter

from .. import _text
from .._exceptions import InvalidInputError, MissingExtraError
from .._i18n import N_
from .._validate import check_date, check_year
from ._decrees import DecreeBook, bundled_decrees
from ._texts import Gettext, Text, gettext_for

if TYPE_CHECKING:
    from zoneinfo import ZoneInfo

__all__ = [
    "AMSTERDAM",
    "Calendar",
    "Holiday",
    "amsterdam_zone",
    "check_calendar",
    "default_calendar",
    "holidays_in",
    "is_holiday",
]

_DAY = dt.timedelta(days=1)
_ART_3_1 = "Atw art. 3 lid 1"
_ART_3_2 = "Atw art. 3 lid 2"
_ART_3_3 = "Atw art. 3 lid 3"
#: Source of the Sunday rules of the King's birthday.
_KONINGSDAG_SOURCE = f"{_ART_3_1}; Besluit van 30 januari 2013, Stcrt. 2013, 4075"
#: 5 May was added to Atw art. 3 lid 1 by the amendment of 1981 (bill of 18 June 1981).
#: The in-force date was not seen; 1982 is the first year, as python-holidays has it.
LIBERATION_DAY_FIRST_YEAR = 1982

#: The time zone of the procurements' meetings and dates (Dutch local time).
AMSTERDAM = "Europe/Amsterdam"


@cache
def amsterdam_zone() -> ZoneInfo:
    """Europe/Amsterdam; where the system has no zone data, say which extra brings it."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError  # for the exports only: not on a deadline's path

    try:
        return ZoneInfo(AMSTERDAM)
    except ZoneInfoNotFoundError:
        raise MissingExtraError("tzdata", "ics") from None


WEEKDAYS = (N_("Monday"), N_("Tuesday"), N_("Wednesday"), N_("Thursday"), N_("Friday"), N_("Saturday"),
            N_("Sunday"))
#: Why a weekend day is off, by its weekday number.
_WEEKEND = {5: N_("a Saturday"), 6: N_("a Sunday")}
#: The words of the decrees' data that are not citations, marked so the catalog holds their Dutch.
_DATA_WORDS = (N_("a secondary source; the decree text was not seen"),)
#: A decreed day's reason in the data and the pattern: "Friday after Hemelvaartsdag".
_DAY_REASON = re.compile(r"(?P<weekday>[A-Z][a-z]+day) (?P<where>after|before) (?P<holiday>.+)")


@dataclass(frozen=True, slots=True)
class Holiday:
    """A recognised holiday (or a day equal to one) with its legal source."""

    date: dt.date
    name: str
    source: str


# Named shift rules for the King's birthday when it falls on a Sunday.
def sun_to_next_mon(day: dt.date) -> dt.date:
    """Koninginnedag before 1980: a Sunday 30 April moved to Monday 1 May."""
    return day + _DAY if day.weekday() == 6 else day


def sun_to_prev_sat(day: dt.date) -> dt.date:
    """Koninginnedag 1980-2013 and Koningsdag: a Sunday moves to the Saturday before."""
    return day - _DAY if day.weekday() == 6 else day


def _kings_birthday(year: int) -> tuple[str, dt.date]:
    if year >= 2014:
        return "Koningsdag", sun_to_prev_sat(dt.date(year, 4, 27))
    rule = sun_to_prev_sat if year >= 1980 else sun_to_next_mon
    return "Koninginnedag", rule(dt.date(year, 4, 30))


@dataclass(frozen=True, slots=True)
class _Rule:
    """One statutory holiday: how to find it in a year, and from which year it counts."""

    source: str
    find: Callable[[int, dt.date], tuple[str, dt.date]]
    first_year: int = 1949


def _fixed(name: str, month: int, day: int) -> Callable[[int, dt.date], tuple[str, dt.date]]:
    return lambda year, _easter: (name, dt.date(year, month, day))


def _from_easter(name: str, offset: int) -> Callable[[int, dt.date], tuple[str, dt.date]]:
    return lambda _year, easter_day: (name, easter_day + dt.timedelta(days=offset))


_RULES: tuple[_Rule, ...] = (
    _Rule(_ART_3_1, _fixed("Nieuwjaarsdag", 1, 1)),
    _Rule(_ART_3_2, _from_easter("Goede Vrijdag", -2)),
    _Rule(_ART_3_1, _from_easter("Tweede Paasdag", 1)),
    _Rule(_KONINGSDAG_SOURCE, lambda year, _e: _kings_birthday(year)),
    _Rule(_ART_3_1, _fixed("Bevrijdingsdag", 5, 5), LIBERATION_DAY_FIRST_YEAR),
    _Rule(_ART_3_1, _from_easter("Hemelvaartsdag", 39)),
    _Rule(_ART_3_1, _from_easter("Tweede Pinksterdag", 50)),
    _Rule(_ART_3_1, _fixed("Eerste Kerstdag", 12, 25)),
    _Rule(_ART_3_1, _fixed("Tweede Kerstdag", 12, 26)),
)

_BRIDGED = ("Nieuwjaarsdag", "Koningsdag", "Koninginnedag", "Bevrijdingsdag")
_BRIDGED_BEFORE = (*_BRIDGED, "Eerste Kerstdag")
_BRIDGED_AFTER = (*_BRIDGED, "Tweede Kerstdag")

_PATTERN_SOURCE = f"{_ART_3_3} (usual pattern of the decrees, no decree seen)"

Coverage = Literal["decree", "reported", "pattern", "statutory"]


def statutory_holidays(year: int) -> tuple[Holiday, ...]:
    """The holidays of Atw art. 3 lid 1 and 2 in ``year``, without decreed days."""
    easter_day = easter(year)
    found = []
    for rule in _RULES:
        if year >= rule.first_year:
            name, day = rule.find(year, easter_day)
            found.append(Holiday(day, name, rule.source))
    return tuple(found)


def pattern_days(year: int) -> tuple[Holiday, ...]:
    """The days a decree usually declares, for a year no decree covers.

    The Friday after Hemelvaartsdag; the Monday before Nieuwjaarsdag, the King's
    birthday, 5 May or Eerste Kerstdag when that day is a Tuesday; the Friday
    after Nieuwjaarsdag, the King's birthday, 5 May or Tweede Kerstdag when
    that day is a Thursday. An inference, never a substitute for a decree.
    """
    source = _PATTERN_SOURCE
    anchors: dict[dt.date, str] = {}
    for anchor_year in (year, year + 1):
        for holiday in statutory_holidays(anchor_year) if anchor_year <= dt.MAXYEAR else ():
            anchors[holiday.date] = holiday.name
    statutory = {h.date for h in statutory_holidays(year)}
    found: dict[dt.date, Holiday] = {}

    def add(day: dt.date, reason: str) -> None:
        if day.year == year and day not in statutory and day.weekday() < 5:
            found.setdefault(day, Holiday(day, f"gelijkgestelde dag ({reason})", source))

    for day, name in anchors.items():
        if name == "Hemelvaartsdag":
            add(day + _DAY, f"Friday after {name}")
        if day.weekday() == 1 and name in _BRIDGED_BEFORE:
            add(day - _DAY, f"Monday before {name}")
        if day.weekday() == 3 and name in _BRIDGED_AFTER:
            add(day + _DAY, f"Friday after {name}")
    return tuple(sorted(found.values(), key=lambda h: h.date))


@dataclass(frozen=True)
class Calendar:
    """The Atw calendar: statutory holidays plus the decreed days of ``decrees``.

    Args:
        decrees: the decrees of gelijkgestelde dagen; the bundled ones by default.
        uncovered: for a year no decree covers, count the statutory holidays
            only (``"statutory"``, the default) or add the days the decrees
            usually declare (``"pattern"``). Either way
            :meth:`coverage_note` says so.
    """

    decrees: DecreeBook = field(default_factory=bundled_decrees)
    uncovered: Literal["statutory", "pattern"] = "statutory"
    _years: dict[int, dict[dt.date, Holiday]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )
    _pattern: list[Calendar] = field(default_factory=list, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not isinstance(self.decrees, DecreeBook):
            raise InvalidInputError("decrees", self.decrees, _text.Text("is not a DecreeBook"))
        if self.uncovered not in ("statutory", "pattern"):
            raise InvalidInputError("uncovered", self.uncovered,
                                    _text.Text("must be 'statutory' or 'pattern'"))

    def _year(self, year: int) -> dict[dt.date, Holiday]:
        days = self._years.get(year)
        if days is None:
            found = list(statutory_holidays(year))
            decree = self.decrees.decree_for(year)
            if decree is not None:
                source = f"{decree.citation}; {_ART_3_3}"
                found += [
                    Holiday(d.date, f"gelijkgestelde dag ({d.reason})", source)
                    for d in decree.days
                    if d.date.year == year  # a decree covers several years: only this one's days
                ]
            elif self.uncovered == "pattern":
                found += pattern_days(year)
            days = {h.date: h for h in sorted(found, key=lambda h: h.date)}
            self._years[year] = days
        return days

    def with_pattern(self) -> Calendar:
        """This calendar, but with the usual pattern for years no decree covers (made once).

        The same decrees; itself when it already uses the pattern.

        >>> Calendar().with_pattern().is_holiday(dt.date(2021, 5, 14))   # Friday after Hemelvaartsdag
        True
        """
        if self.uncovered == "pattern":
            return self
        if not self._pattern:
            self._pattern.append(Calendar(self.decrees, "pattern"))
        return self._pattern[0]

    def holidays(self, year: int) -> tuple[Holiday, ...]:
        """Every holiday of ``year`` in date order, each with its source."""
        return tuple(self._year(check_year("year", year)).values())

    def holidays_in(self, year: int) -> dict[dt.date, str]:
        """``{date: name}`` of every holiday in ``year``, decreed days included."""
        return {day: h.name for day, h in self._year(check_year("year", year)).items()}

    def holiday(self, day: dt.date) -> Holiday | None:
        """The holiday on ``day``, or None."""
        day = check_date("day", day)
        return self._year(day.year).get(day)

    def is_holiday(self, day: dt.date) -> bool:
        """True if ``day`` is a recognised holiday or a day equal to one."""
        return self.holiday(day) is not None

    def is_working_day(self, day: dt.date) -> bool:
        """True unless ``day`` is a Saturday, a Sunday or a holiday (the Atw's test)."""
        return self.unchecked_is_working_day(check_date("day", day))

    def unchecked_is_working_day(self, day: dt.date) -> bool:
        """:meth:`is_working_day` of a ``day`` the caller has checked (a period counting its days)."""
        return day.weekday() < 5 and day not in self._year(day.year)

    def day_off_reason(self, day: dt.date, *, lang: str = "en") -> str | None:
        """Why ``day`` is not a working day in the Atw's sense, in ``lang``, or None if it is one.

        >>> Calendar().day_off_reason(dt.date(2022, 4, 18))
        'Tweede Paasdag, a recognised holiday (Atw art. 3 lid 1)'
        """
        _ = gettext_for(lang)
        text = self._day_off_text(day)
        return None if text is None else text(_)

    def _day_off_text(self, day: dt.date) -> Text | None:
        """:meth:`day_off_reason` as a sentence not yet in a language, or None for a working day."""
        day = check_date("day", day)
        holiday = self._year(day.year).get(day)
        if holiday is not None:
            found = holiday

            def why(_: Gettext) -> str:
                if _ART_3_3 in found.source:
                    return _("a %(name)s (%(source)s)") % {"name": holiday_name(_, found.name),
                                                           "source": _holiday_source(_, found.source)}
                return _("%(name)s, a recognised holiday (%(source)s)") % {"name": found.name,
                                                                          "source": found.source}
            return why
        weekend = _WEEKEND.get(day.weekday())
        if weekend is not None:
            off = weekend
            return lambda _: _(off)
        return None

    def coverage(self, year: int) -> Coverage:
        """How the decreed days of ``year`` are known: a decree, a report, the pattern, or not at all."""
        decree = self.decrees.decree_for(check_year("year", year))
        if decree is not None:
            return "decree" if decree.status == "confirmed" else "reported"
        return "pattern" if self.uncovered == "pattern" else "statutory"

    def coverage_note(self, year: int, *, lang: str = "en") -> str | None:
        """A sentence in ``lang`` for results that depend on ``year``, unless a decree covers it."""
        _ = gettext_for(lang)
        text = self._coverage_text(year)
        return None if text is None else text(_)

    def _coverage_text(self, year: int) -> Text | None:
        """:meth:`coverage_note` as a sentence not yet in a language."""
        coverage = self.coverage(year)
        if coverage == "decree":
            return None
        if coverage == "reported":
            decree = self.decrees.decree_for(year)
            assert decree is not None
            dates = [d.date.isoformat() for d in decree.days if d.date.year == year]
            source = decree.source

            def reported(_: Gettext) -> str:
                return _("The decree of gelijkgestelde dagen for %(year)s was not seen; its days "
                         "(%(days)s) are taken as reported (%(source)s).") % {
                    "year": year, "days": ", ".join(dates) or _("none"), "source": _(source)}
            return reported
        if coverage == "pattern":
            return lambda _: _(
                "No decree of gelijkgestelde dagen (%(article)s) is known for %(year)s: "
                "its decreed days are inferred from the usual pattern, not from a decree."
            ) % {"article": _ART_3_3, "year": year}
        return lambda _: _(
            "No decree of gelijkgestelde dagen (%(article)s) is known for %(year)s: "
            "days in %(year)s are counted with the statutory holidays of %(articles)s lid 1 and 2 only."
        ) % {"article": _ART_3_3, "year": year, "articles": "Atw art. 3"}


def holiday_name(_: Gettext, name: str) -> str:
    """A holiday's name in the language of ``_``: the Atw's names are Dutch already; a decreed day's
    reason ("gelijkgestelde dag (Friday after Hemelvaartsdag)") has its weekday and word translated."""
    inner = re.fullmatch(r"gelijkgestelde dag \((?P<reason>.+)\)", name)
    if inner is None:
        return name
    reason = _DAY_REASON.fullmatch(inner["reason"])
    if reason is None or reason["weekday"] not in WEEKDAYS:
        return name
    where = (_("%(weekday)s after %(holiday)s") if reason["where"] == "after"
             else _("%(weekday)s before %(holiday)s"))
    told = where % {"weekday": _(reason["weekday"]), "holiday": reason["holiday"]}
    return _("gelijkgestelde dag (%(reason)s)") % {"reason": told}


def _holiday_source(_: Gettext, source: str) -> str:
    """A holiday's source in the language of ``_``: citations as written, the pattern's words translated."""
    if source == _PATTERN_SOURCE:
        return _("%(article)s (usual pattern of the decrees, no decree seen)") % {"article": _ART_3_3}
    return source


@cache
def default_calendar() -> Calendar:
    """The calendar with the bundled decrees, shared by the module-level functions."""
    return Calendar()


def check_calendar(value: object) -> Calendar:
    """``value`` if it is a :class:`Calendar`, the default calendar for None, else the library's error."""
    if value is None:
        return default_calendar()
    if not isinstance(value, Calendar):
        raise InvalidInputError("calendar", value, _text.Text("is not an achterhoek_inkoop.Calendar"))
    return value


def is_holiday(day: dt.date, *, calendar: Calendar | None = None) -> bool:
    """True if ``day`` is an algemeen erkende feestdag or a day equal to one.

    Saturdays and Sundays are not holidays in this sense: they are days off
    in their own right (Atw art. 1).

    >>> from datetime import date
    >>> is_holiday(date(2022, 4, 15))     # Goede Vrijdag (Atw art. 3 lid 2)
    True
    >>> is_holiday(date(2022, 4, 16))     # a Saturday
    False
    """
    return check_calendar(calendar).is_holiday(day)


def holidays_in(year: int, *, calendar: Calendar | None = None) -> dict[dt.date, str]:
    """``{date: name}`` of the Atw holidays in ``year``, decreed days included.

    >>> from datetime import date
    >>> holidays_in(2025)[date(2025, 4, 26)]
    'Koningsdag'
    """
    return check_calendar(calendar).holidays_in(year)
