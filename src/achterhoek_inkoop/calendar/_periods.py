"""Statutory periods counted in days, weeks or months, with the Algemene termijnenwet applied.

A period of N days after an event starts the day after the event (day 1) and
nominally ends on day N (N weeks: day 7N; N months: the same day of the month
N months later, or that month's last day). The Atw then moves the end:

- art. 1 lid 1: an end on a Saturday, Sunday or holiday moves to the next day
  that is none of these;
- art. 1 lid 2: a period counted back from an event is not extended; where
  its last day (the earliest) is a day off, one counts further back;
- art. 2: a period of 3 days or more is extended until it holds at least two
  such working days (the event's own day does not count);
- art. 4: periods longer than 90 days, 12 weeks or 3 months are not extended.

EU law counts its own periods with Regulation 1182/71 art. 3 instead
(``counting="verordening-1182-71"``): an end on a public holiday, Saturday or
Sunday moves to the next working day (lid 4), a period of two days or more
holds at least two working days (lid 5), and there is no 90-day limit. Its
art. 2 takes the public holidays of the member state where the act is done:
for a Dutch authority the same calendar.

Every day the end moves is recorded as an :class:`Extension` with its reason,
and an end that does not move says why (``not_extended``), so a result can
always be explained. Where a year no decree of gelijkgestelde dagen covers
would move the end under the usual pattern of the decrees, the period also
gives that later end (``safe_end``): the safe one to count with.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal, TypeVar

from .. import _text
from .._exceptions import InvalidInputError, OutOfRangeError, show
from .._i18n import N_
from .._validate import check_date, check_days
from ._holidays import Calendar, check_calendar
from ._period_texts import (
    ATW_MAX_DAYS,
    ATW_MAX_MONTHS,
    ATW_MAX_WEEKS,
    BACKWARDS_ARTICLE,
    _atw_length,
    _atw_limit,
    _beyond_the_atw,
    _counted_back,
    _describe,
    _moved_past,
    _safe_end_note,
    _too_few,
    describe_day,
)
from ._texts import Gettext, Text, both, both_all, pick

__all__ = [
    "ATW_IN_FORCE",
    "ATW_MAX_DAYS",
    "ATW_MAX_MONTHS",
    "ATW_MAX_WEEKS",
    "COUNTINGS",
    "Counting",
    "Extension",
    "Period",
    "compute_period",
    "describe_day",
    "statutory_period",
]

_DAY = dt.timedelta(days=1)
#: The Algemene termijnenwet came into force on 1 April 1965 (Stb. 1964, 314).
ATW_IN_FORCE = dt.date(1965, 4, 1)

#: How a period's end is moved past days off: the Atw (Dutch statutory periods) or
#: Regulation 1182/71 art. 3 (periods of EU law).
Counting = Literal["atw", "verordening-1182-71"]
COUNTINGS: tuple[Counting, ...] = ("atw", "verordening-1182-71")


@dataclass(frozen=True, slots=True)
class _ShiftRule:
    """A named way of moving a forward period's end (STYLE: shift rules have names).

    ``day_off`` moves an end on a day off to the next working day;
    ``two_days`` extends a period of at least ``two_days_from`` days until it
    holds two working days.
    """

    name: str
    day_off: str
    two_days: str
    two_days_from: int


_ATW = _ShiftRule(N_("the Algemene termijnenwet"), "Atw art. 1", "Atw art. 2", 3)
_EU = _ShiftRule(N_("Regulation 1182/71 art. 3"), "Verordening 1182/71 art. 3 lid 4",
                 "Verordening 1182/71 art. 3 lid 5", 2)
_RULES = {"atw": _ATW, "verordening-1182-71": _EU}


@dataclass(frozen=True, slots=True)
class Extension:
    """One day the end of a period moved past, and why.

    ``day`` is the day that could not be the end; ``article`` the Atw article
    that moved it; ``reason`` a sentence an officer can read, in English, and
    ``reason_nl`` the same in Dutch (:meth:`reason_in` picks one).
    """

    day: dt.date
    article: str
    reason: str
    reason_nl: str = ""

    def reason_in(self, lang: str) -> str:
        """``reason`` in ``lang`` (``"en"`` or ``"nl"``); the English where no Dutch was made."""
        return pick(lang, self.reason, self.reason_nl)

    def to_dict(self) -> dict[str, str]:
        """The extension as JSON-ready data, the date as ISO text (the reason in English)."""
        return {"date": self.day.isoformat(), "article": self.article, "reason": self.reason}

    @classmethod
    def made(cls, day: dt.date, article: str, reason: Text) -> Extension:
        """The extension with its ``reason`` built in English and in Dutch."""
        return cls(day, article, *both(reason))


@dataclass(frozen=True, slots=True)
class Period:
    """A statutory period of ``days`` days after ``event`` (or before it, ``backwards``).

    ``start`` is day 1; ``nominal_end`` is day ``days``; ``end`` is the last
    day of the period after the Atw (24:00 that day); ``extensions`` explain
    every day between the two; ``not_extended`` says why the end did not move
    when no day moved it; ``notes`` say where the result rests on something
    less than a decree or statute (a year no decree covers). Both are English;
    ``notes_nl`` and ``not_extended_nl`` are the same in Dutch, and
    :meth:`notes_in` and :meth:`not_extended_in` pick a language.

    ``safe_end`` is set only where a year no decree covers is counted with the
    statutory holidays alone, and the days the decrees usually declare
    (``Calendar(uncovered="pattern")``) would move the end: it is that later
    end, the safe one to count with (``None`` when it would be ``end``).

    A period given in ``weeks`` or ``months`` says so (``days`` is then its
    length in calendar days). ``counting`` names the rule that moved the end
    (``"atw"``, or ``"verordening-1182-71"`` for periods of EU law).

    A ``backwards`` period is counted back from ``event`` (Atw art. 1 lid 2):
    ``start`` is day 1, the day before the event; ``nominal_end`` is day
    ``days`` counted back; ``end`` is the day reached after counting further
    back past Saturdays, Sundays and holidays: the last day on which what must
    happen ``days`` days before the event can happen (until 24:00). So
    ``end <= nominal_end < event``, and ``first_day_after`` is the day before
    ``end`` (the first day beyond the period, counting back). A ``safe_end``
    of a backward period is earlier than ``end``.
    """

    event: dt.date
    days: int
    atw: bool
    start: dt.date
    nominal_end: dt.date
    end: dt.date
    extensions: tuple[Extension, ...]
    notes: tuple[str, ...]
    not_extended: str | None = None
    safe_end: dt.date | None = None
    weeks: int | None = None
    months: int | None = None
    backwards: bool = False
    counting: Counting = "atw"
    notes_nl: tuple[str, ...] = ()
    not_extended_nl: str | None = None

    def notes_in(self, lang: str) -> tuple[str, ...]:
        """``notes`` in ``lang`` (``"en"`` or ``"nl"``); the English where no Dutch was made."""
        if len(self.notes_nl) == len(self.notes):
            return tuple(pick(lang, en, nl) for en, nl in zip(self.notes, self.notes_nl, strict=True))
        return tuple(pick(lang, en, None) for en in self.notes)

    def not_extended_in(self, lang: str) -> str | None:
        """``not_extended`` in ``lang``; the English where no Dutch was made."""
        return None if self.not_extended is None else pick(lang, self.not_extended, self.not_extended_nl)

    @property
    def first_day_after(self) -> dt.date:
        """The first day after the period has ended (for a backward period: the day before ``end``)."""
        return self.end - _DAY if self.backwards else self.end + _DAY

    @property
    def safe_first_day_after(self) -> dt.date | None:
        """The first day after ``safe_end``; ``None`` when there is no separate safe end."""
        if self.safe_end is None:
            return None
        return self.safe_end - _DAY if self.backwards else self.safe_end + _DAY

    def to_html(self, *, lang: str = "en") -> str:
        """The period day by day as an HTML table in ``lang`` (``"en"`` or ``"nl"``, else
        :class:`InvalidInputError`); a notebook shows the English."""
        from ._period_html import period_html  # the display needs this module: imported when shown

        return period_html(self, lang=lang)

    def _repr_html_(self) -> str:
        return self.to_html()

    def to_dict(self) -> dict[str, Any]:
        """The period as JSON-ready data, dates as ISO text."""
        return {
            "event": self.event.isoformat(),
            "days": self.days,
            "atw": self.atw,
            "start": self.start.isoformat(),
            "nominal_end": self.nominal_end.isoformat(),
            "end": self.end.isoformat(),
            "first_day_after": self.first_day_after.isoformat(),
            "extensions": [e.to_dict() for e in self.extensions],
            "not_extended": self.not_extended,
            "safe_end": _iso(self.safe_end),
            "safe_first_day_after": _iso(self.safe_first_day_after),
            "notes": list(self.notes),
            **self._form(),
        }

    def _form(self) -> dict[str, Any]:
        """The keys of a period not plainly counted in days forward under the Atw, and only those
        (so the data of an ordinary period keeps its shape)."""
        form: dict[str, Any] = {}
        if self.weeks is not None:
            form["weeks"] = self.weeks
        if self.months is not None:
            form["months"] = self.months
        if self.backwards:
            form["backwards"] = True
        if self.counting != "atw":
            form["counting"] = self.counting
        return form


def _iso(day: dt.date | None) -> str | None:
    return None if day is None else day.isoformat()


def statutory_period(
    event: dt.date,
    days: int | None = None,
    *,
    weeks: int | None = None,
    months: int | None = None,
    backwards: bool = False,
    atw: bool = True,
    calendar: Calendar | None = None,
) -> Period:
    """The period of ``days`` days (or ``weeks``, or ``months``) after ``event``, extended by the
    Atw unless ``atw=False``; with ``backwards=True`` the period counted back from ``event``.

    Give exactly one of ``days``, ``weeks`` and ``months``. A month ends on the
    same day of the month, or on the month's last day where it has no such day.

    >>> from datetime import date
    >>> p = statutory_period(date(2024, 12, 24), 3)    # Atw art. 1 and 2 over Christmas 2024
    >>> p.nominal_end, p.end
    (datetime.date(2024, 12, 27), datetime.date(2024, 12, 31))
    >>> [e.article for e in p.extensions]
    ['Atw art. 1', 'Atw art. 1', 'Atw art. 1', 'Atw art. 2']
    >>> statutory_period(date(2024, 1, 31), months=1).nominal_end
    datetime.date(2024, 2, 29)
    >>> b = statutory_period(date(2022, 4, 20), 3, backwards=True)   # 3 days before Wednesday 20 April
    >>> b.nominal_end, b.end, [e.article for e in b.extensions]
    (datetime.date(2022, 4, 17), datetime.date(2022, 4, 14), ['Atw art. 1 lid 2', 'Atw art. 1 lid 2', \
'Atw art. 1 lid 2'])
    """
    return compute_period(Period, "event", event, days, atw, calendar, weeks=weeks, months=months,
                          backwards=backwards)


P = TypeVar("P", bound=Period)


def _length(event: dt.date, days: object, weeks: object, months: object, backwards: bool
            ) -> tuple[dt.date, int, int | None, int | None, bool]:
    """The nominal end, the length in days, the weeks and months given, and whether the Atw's
    art. 4 limit (90 days, 12 weeks, 3 months) is passed."""
    values = {"days": days, "weeks": weeks, "months": months}
    given = [name for name, value in values.items() if value is not None]
    if not given:
        raise InvalidInputError("days", days, _text.Text("is missing: give days, weeks or months"))
    if len(given) > 1:
        raise InvalidInputError(given[1], values[given[1]], _text.Text(
            "cannot be given with %(other)s: give one of days, weeks and months", other=given[0]))
    sign = -1 if backwards else 1
    if months is not None:
        n = _check_whole("months", months, "months")
        from dateutil.relativedelta import relativedelta  # months only: slow to import (start-up)

        nominal = event + relativedelta(months=sign * n)
        return nominal, abs((nominal - event).days), None, n, n > ATW_MAX_MONTHS
    if weeks is not None:
        n = _check_whole("weeks", weeks, "weeks")
        return event + sign * dt.timedelta(weeks=n), 7 * n, n, None, n > ATW_MAX_WEEKS
    n = check_days("days", days)
    return event + sign * dt.timedelta(days=n), n, None, None, n > ATW_MAX_DAYS


def _check_whole(field: str, value: object, unit: Literal["weeks", "months"]) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise InvalidInputError(field, value, _text.Text(
            N_("must be a whole number of weeks, at least %(least)s") if unit == "weeks" else
            N_("must be a whole number of months, at least %(least)s"), least=1))
    return value


def compute_period(
    cls: type[P],
    event_field: str,
    event: object,
    days: object,
    atw: object,
    calendar: Calendar | None,
    *,
    weeks: object = None,
    months: object = None,
    backwards: object = False,
    counting: object = "atw",
    lead_note: Text | None = None,
    extra: Mapping[str, Any] | None = None,
) -> P:
    """Validate the arguments (naming ``event_field`` in errors) and build a ``cls``.

    ``lead_note`` goes before the period's own notes (a standstill shorter than
    the law's), and ``extra`` holds the values of the fields ``cls`` adds.

    ``counting`` is the rule that moves a forward period's end: ``"atw"`` (Atw
    art. 1, 2 and 4) or ``"verordening-1182-71"`` (Regulation 1182/71 art. 3
    lid 4 and 5, no 90-day limit). ``atw=False`` applies neither.
    """
    event = check_date(event_field, event)
    if not isinstance(atw, bool):
        raise InvalidInputError("atw", atw, _text.Text("must be True or False"))
    if not isinstance(backwards, bool):
        raise InvalidInputError("backwards", backwards, _text.Text("must be True or False"))
    if counting not in COUNTINGS:
        raise InvalidInputError("counting", counting, _text.Text("must be one of %(choices)s",
                                                                 choices=", ".join(COUNTINGS)))
    rule: Counting = "atw" if counting == "atw" else "verordening-1182-71"
    cal = check_calendar(calendar)
    try:
        nominal_end, days, weeks_n, months_n, beyond = _length(event, days, weeks, months, backwards)
        form: dict[str, Any] = {"weeks": weeks_n, "months": months_n, "backwards": backwards,
                                "counting": rule, "lead_note": lead_note, **(extra or {})}
        if backwards:
            return _backwards(cls, event, days, atw, cal, nominal_end, beyond, form)
        start = event + _DAY
        if not atw:
            name = _RULES[rule].name

            def strict(_: Gettext) -> str:
                return _("%(rule)s is not applied (the strict reading): day %(days)s is the end, "
                         "whatever day it is") % {"rule": _(name), "days": days}
            return _made(cls, (event, days, False, start, nominal_end, nominal_end, ()), [], strict,
                         **form)
        if beyond and rule == "atw":
            length = _atw_length(days, weeks_n, months_n)

            def note(_: Gettext) -> str:
                return _("%(article)s: %(length)s, so the Atw does not extend it.") % {
                    "article": "Atw art. 4", "length": length(_)}
            return _made(cls, (event, days, True, start, nominal_end, nominal_end, ()), [note],
                         _beyond_the_atw(cal, nominal_end, days, _atw_limit(weeks_n, months_n)), **form)
        end, extensions = _extend(cal, start, nominal_end, days, _RULES[rule])
        safe_end = _safe_end(cal, start, nominal_end, end, days, _RULES[rule])
    except OverflowError:
        raise OutOfRangeError(
            event_field, event, _text.Text("plus the period is past the last date the calendar can hold")
        ) from None
    except OutOfRangeError as exc:
        if exc.field == event_field:
            raise
        # Counted back, the period reaches before the calendar's first year: name the caller's date.
        raise OutOfRangeError(
            event_field, event, _text.Text("minus the period reaches %(day)s, %(problem)s",
                                           day=show(exc.value), problem=exc.problem)
        ) from None
    notes: list[Text] = []
    if start < ATW_IN_FORCE and rule == "atw":
        notes.append(lambda _: _(
            "The Algemene termijnenwet is in force from %(day)s; "
            "it is applied here to a period that starts before then.") % {"day": ATW_IN_FORCE.isoformat()})
    if rule != "atw":
        notes.append(lambda _: _(
            "Counted under Regulation %(regulation)s with the Dutch public holidays "
            "(art. 2: the public holidays of the member state where the act is done).") % {
            "regulation": "1182/71 art. 3"})
    notes += [n for n in map(cal._coverage_text, range(start.year, end.year + 1)) if n is not None]
    if safe_end is not None:
        notes.append(_safe_end_note(cal, start, end, safe_end))
    day_off = _RULES[rule].day_off
    working: Text | None = None if extensions else (
        lambda _: _("day %(days)s is a working day: no extension (%(article)s)") % {
            "days": days, "article": day_off})
    return _made(cls, (event, days, True, start, nominal_end, end, tuple(extensions)), notes, working,
                 safe_end, **form)


_Fields = tuple[dt.date, int, bool, dt.date, dt.date, dt.date, tuple[Extension, ...]]


def _made(cls: type[P], fields: _Fields, notes: list[Text], not_extended: Text | None,
          safe_end: dt.date | None = None, **form: Any) -> P:
    """A ``cls`` of ``fields`` (event, days, atw, start, nominal end, end, extensions) with its notes
    and ``not_extended`` built in English and in Dutch."""
    event, days, atw, start, nominal_end, end, extensions = fields
    lead = form.pop("lead_note", None)
    notes_en, notes_nl = both_all([lead, *notes] if lead is not None else notes)
    why_en, why_nl = (None, None) if not_extended is None else both(not_extended)
    return cls(event, days, atw, start, nominal_end, end, extensions, notes_en, why_en, safe_end,
               notes_nl=notes_nl, not_extended_nl=why_nl, **form)


def _backwards(cls: type[P], event: dt.date, days: int, atw: bool, cal: Calendar,
               nominal_end: dt.date, beyond: bool, form: dict[str, Any]) -> P:
    """A period counted back from ``event``: not extended, but counted further back past days off
    (Atw art. 1 lid 2). Atw art. 2 extends periods and so has no part in it."""
    start = event - _DAY
    if not atw:
        def strict(_: Gettext) -> str:
            return _("the Algemene termijnenwet is not applied (the strict reading): day %(days)s "
                     "counted back is the end, whatever day it is") % {"days": days}
        return _made(cls, (event, days, False, start, nominal_end, nominal_end, ()), [], strict, **form)
    if form["counting"] != "atw":
        def eu(_: Gettext) -> str:
            return _("Regulation %(regulation)s does not apply to periods counted back from an event: "
                     "day %(days)s counted back is the end") % {"regulation": "1182/71 art. 3 lid 4",
                                                                "days": days}
        return _made(cls, (event, days, True, start, nominal_end, nominal_end, ()), [], eu, **form)
    if beyond:
        length = _atw_length(days, form["weeks"], form["months"])

        def note(_: Gettext) -> str:
            return _("%(article)s: %(length)s, so the Atw does not count it further back.") % {
                "article": "Atw art. 4", "length": length(_)}
        return _made(cls, (event, days, True, start, nominal_end, nominal_end, ()), [note],
                     _beyond_the_atw(cal, nominal_end, days, _atw_limit(form["weeks"], form["months"])),
                     **form)
    end, extensions = _previous_working_day(cal, nominal_end)
    later, _moved = _previous_working_day(cal.with_pattern(), nominal_end)
    safe_end = later if later != end else None
    notes = [n for n in map(cal._coverage_text, range(end.year, start.year + 1)) if n is not None]
    if safe_end is not None:
        safe, earliest = safe_end, end
        notes.append(lambda _: _(
            "Under the usual pattern of the decrees of gelijkgestelde dagen the period would reach "
            "back to %(safe)s, not %(end)s: no decree is known for %(year)s, so the earlier day is the "
            "safe one to count with (%(article)s).") % {
            "safe": _describe(_, safe), "end": _describe(_, earliest), "year": safe.year,
            "article": "Atw art. 3 lid 3"})
    working: Text | None = None if extensions else (
        lambda _: _("day %(days)s counted back is a working day: it is the end (%(article)s)") % {
            "days": days, "article": BACKWARDS_ARTICLE})
    return _made(cls, (event, days, True, start, nominal_end, end, tuple(extensions)), notes, working,
                 safe_end, **form)


def _previous_working_day(cal: Calendar, day: dt.date) -> tuple[dt.date, list[Extension]]:
    """Count back past Saturdays, Sundays and holidays (Atw art. 1 lid 2), recording each day."""
    moved: list[Extension] = []
    reason = cal._day_off_text(day)
    while reason is not None:
        moved.append(Extension.made(day, BACKWARDS_ARTICLE, _counted_back(day, reason)))
        day -= _DAY
        reason = cal._day_off_text(day)
    return day, moved


def _safe_end(cal: Calendar, start: dt.date, nominal_end: dt.date, end: dt.date, days: int,
              rule: _ShiftRule) -> dt.date | None:
    """The end under the usual pattern of the decrees, where a year counted with the statutory
    holidays alone would have it later than ``end``; else None."""
    if all(cal.coverage(year) != "statutory" for year in range(start.year, end.year + 1)):
        return None
    later, _moved = _extend(cal.with_pattern(), start, nominal_end, days, rule)
    return later if later != end else None


def _extend(
    cal: Calendar, start: dt.date, end: dt.date, days: int, rule: _ShiftRule = _ATW
) -> tuple[dt.date, list[Extension]]:
    extensions: list[Extension] = []
    end = _next_working_day(cal, end, extensions, rule.day_off)
    if days >= rule.two_days_from:
        # Atw art. 2 asks for two working days in the period: counting stops at the second.
        working, day = 0, start
        while working < 2 and day <= end:
            working += cal.unchecked_is_working_day(day)
            day += _DAY
        while working < 2:
            too_few = _too_few(start, end, working, rule.two_days)
            extensions.append(Extension.made(end, rule.two_days, too_few))
            end = _next_working_day(cal, end + _DAY, extensions, rule.two_days)
            working += 1
    return end, extensions


def _next_working_day(
    cal: Calendar, day: dt.date, extensions: list[Extension], article: str
) -> dt.date:
    """Move past Saturdays, Sundays and holidays (Atw art. 1 lid 1), recording each under ``article``."""
    reason = cal._day_off_text(day)
    while reason is not None:
        extensions.append(Extension.made(day, article, _moved_past(day, reason, article)))
        day += _DAY
        reason = cal._day_off_text(day)
    return day
