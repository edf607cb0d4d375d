"""Our statutory calendar checked against the ``holidays`` package (pinned: 0.109).

``holidays.NL`` is written by people who did not write ours, so agreement on the
days both lists share is evidence, and every disagreement is asserted exactly,
never ignored. The differences, and why each exists:

- **Eerste Paasdag and Eerste Pinksterdag** (Easter Sunday, Whit Sunday): ``holidays``
  lists them as public holidays; Atw art. 3 lid 1 does not name them (it names the
  *tweede* Paas- and Pinksterdag). Both are Sundays, so for a period's end the
  difference is harmless: a Sunday already extends a period under Atw art. 1.
- **5 May in the lustrum years before 1982** (1970, 1975, 1980): ``holidays`` keeps
  5 May as a public holiday every fifth year before 1990, as the national
  celebration was. The Atw only names 5 May since its amendment of 1981; our
  calendar counts it from 1982 (``LIBERATION_DAY_FIRST_YEAR``) and not before.
- **5 May in the other years from 1982**: the Atw counts 5 May every year (DOMAIN.md
  B2), while ``holidays`` 0.109 has it as a *public* holiday only in lustrum years
  (1970, 1975, ..., 2025) and puts it in its ``optional`` category every year from
  1982. So ours has 5 May where theirs (public) does not in the non-lustrum years
  from 1982, except 2016, when 5 May was also Hemelvaartsdag (Easter on 27 March;
  the other such year in range, 2005, is a lustrum year). Their ``optional``
  category has 5 May in exactly the years ours does.
- **Decreed days** (gelijkgestelde dagen, Atw art. 3 lid 3): Atw-specific data;
  ``holidays`` does not know them in any category.

The expected differences hold only for the pinned version: its Dutch categories
changed between releases (see pyproject.toml).
"""

import datetime as dt
from importlib.metadata import version

import pytest

# holidays.NL is a lazy loader of this class; importing the class itself keeps mypy informed.
from holidays.countries.netherlands import NL

import achterhoek_inkoop as ai
from achterhoek_inkoop.calendar._decrees import bundled_decrees
from achterhoek_inkoop.calendar._holidays import LIBERATION_DAY_FIRST_YEAR, statutory_holidays

# holidays.NL has no data before 1966 in this version; 1966-2100 spans every King's
# birthday rule (both Koninginnedag Sunday rules and Koningsdag).
YEARS = range(1966, 2101)
LUSTRUM_BEFORE_1982 = (1970, 1975, 1980)


def _easter_sunday_and_whit_sunday(year: int) -> set[dt.date]:
    by_name = {name: day for day, name in ai.holidays_in(year).items()}
    easter_monday = by_name["Tweede Paasdag"]
    whit_monday = by_name["Tweede Pinksterdag"]
    return {easter_monday - dt.timedelta(days=1), whit_monday - dt.timedelta(days=1)}


@pytest.fixture(scope="module")
def theirs() -> dict[int, tuple[set[dt.date], set[dt.date]]]:
    """``{year: (public days, optional days)}`` of holidays.NL."""
    return {
        year: (
            set(NL(years=year)),
            set(NL(years=year, categories=("optional",))),
        )
        for year in YEARS
    }


def test_the_pinned_version_is_installed() -> None:
    assert version("holidays") == "0.109"


def test_theirs_minus_our_statutory_list(
    theirs: dict[int, tuple[set[dt.date], set[dt.date]]],
) -> None:
    for year in YEARS:
        ours = {h.date for h in statutory_holidays(year)}
        public, _ = theirs[year]
        expected = _easter_sunday_and_whit_sunday(year)
        if year in LUSTRUM_BEFORE_1982:
            expected.add(dt.date(year, 5, 5))
        assert public - ours == expected, year


def test_our_statutory_list_minus_theirs(
    theirs: dict[int, tuple[set[dt.date], set[dt.date]]],
) -> None:
    for year in YEARS:
        ours = {h.date for h in statutory_holidays(year)}
        public, _ = theirs[year]
        # 5 May in non-lustrum years from 1982, but not 2016: 5 May 2016 was also
        # Hemelvaartsdag, which both lists have.
        only_ours = year >= 1982 and year % 5 != 0 and year != 2016
        expected = {dt.date(year, 5, 5)} if only_ours else set()
        assert ours - public == expected, year


def test_the_lustrum_years_before_1982_are_exactly_those_they_list() -> None:
    before = range(YEARS.start, LIBERATION_DAY_FIRST_YEAR)
    listed = {y for y in before if dt.date(y, 5, 5) in NL(years=y)}
    assert listed == set(LUSTRUM_BEFORE_1982)


def test_5_may_in_their_optional_category_equals_ours(
    theirs: dict[int, tuple[set[dt.date], set[dt.date]]],
) -> None:
    for year in YEARS:
        _, optional = theirs[year]
        ours_has_it = dt.date(year, 5, 5) in ai.holidays_in(year)
        assert (dt.date(year, 5, 5) in optional) == ours_has_it, year
        assert optional <= {dt.date(year, 5, 5)}, year  # nothing else is optional


def test_full_list_differs_only_by_the_decreed_days(
    theirs: dict[int, tuple[set[dt.date], set[dt.date]]],
) -> None:
    # holidays_in() is the statutory list plus the decreed days; with the statutory
    # differences above accounted for, what remains is exactly the decreed days.
    for year in YEARS:
        full = set(ai.holidays_in(year))
        statutory = {h.date for h in statutory_holidays(year)}
        public, optional = theirs[year]
        decreed = full - statutory
        assert all(ai.holidays_in(year)[d].startswith("gelijkgestelde dag") for d in decreed)
        assert full - public - optional == decreed, year
        assert public - full == public - statutory, year


@pytest.mark.parametrize(
    "day", [d.date for decree in bundled_decrees().decrees for d in decree.days], ids=str
)
def test_decreed_days_are_ours_and_never_theirs(day: dt.date) -> None:
    assert day in ai.holidays_in(day.year)
    assert day not in NL(years=day.year)
    assert day not in NL(years=day.year, categories=("optional",))
    assert day not in NL(
        years=day.year, categories=tuple(NL.supported_categories)
    )
