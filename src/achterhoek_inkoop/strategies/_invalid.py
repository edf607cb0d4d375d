"""Invalid input the library must refuse: malformed dates, unknown ids, events out of order, and
tender starts whose deadline is short of the minimum period."""

from __future__ import annotations

import calendar as _calendar_module
import datetime as dt
from collections.abc import Collection

from hypothesis import assume
from hypothesis import strategies as st
from hypothesis.strategies import SearchStrategy

from achterhoek_inkoop import InvalidInputError, RuleViolation
from achterhoek_inkoop.calendar import FIRST_YEAR, ProcedureType
from achterhoek_inkoop.procedure import Procedure
from achterhoek_inkoop.record import Event, TenderStart, smallest_event

from ._events import KINDS, Kind, key_of, kind_of
from ._procedure_types import FACTS, Stage, minimum
from ._values import (
    DAY,
    EARLIEST,
    LAST_PROCEDURE_DAY,
    PROCEDURE_START,
    SLUGS,
    check_bounds,
    check_procedure,
    plus,
)

__all__ = ["malformed_dates", "out_of_order_events", "short_deadlines", "unknown_ids"]


def malformed_dates() -> SearchStrategy[str]:
    """Date texts the library must refuse: ``date.fromisoformat`` rejects them, or the year
    lies before the statutory calendar (1949).

    Impossible days (``"2022-02-30"``), day-first (``"14-03-2022"``), other
    separators, missing zeros, stray spaces, words, the empty text.

    >>> from hypothesis import find, settings
    >>> once = settings(database=None)    # find's examples are not saved between runs
    >>> find(malformed_dates(), lambda s: True, settings=once)
    ''
    >>> find(malformed_dates(), lambda s: s[:1].isdigit() and len(s) == 10, settings=once)
    '0000-01-01'
    """
    years = st.integers(0, 9999)
    months = st.integers(1, 12)

    def impossible(year: int, month: int, extra: int) -> str:
        last = _calendar_module.monthrange(max(year, 1), month)[1]
        return f"{year:04d}-{month:02d}-{last + 1 + extra:02d}"

    return st.one_of(
        st.just(""),
        st.builds(lambda y, m, d: f"{y:04d}-{m:02d}-{d:02d}", st.just(0), months, st.integers(1, 28)),
        st.builds(impossible, years, months, st.integers(0, 60)),
        st.builds(lambda y, m: f"{y:04d}-{m:02d}-01", years, st.sampled_from((0, 13, 14, 20, 99))),
        st.builds(lambda y, m, d: f"{d:02d}-{m:02d}-{y:04d}", st.integers(1949, 9999), months,
                  st.integers(1, 28)),
        st.builds(lambda y, m, d, sep: f"{y:04d}{sep}{m:02d}{sep}{d:02d}", st.integers(1949, 9999),
                  months, st.integers(1, 28), st.sampled_from(("/", ".", " ", "--"))),
        st.builds(lambda y, m, d: f"{y}-{m}-{d}", st.integers(1949, 9999), st.integers(1, 9),
                  st.integers(1, 9)),
        st.builds(lambda y, m, d, pad: pad[0] + f"{y:04d}-{m:02d}-{d:02d}" + pad[1],
                  st.integers(1949, 9999), months, st.integers(1, 28),
                  st.sampled_from(((" ", ""), ("", " "), ("", "\n"), ("", "x"), ("", "T12:00")))),
        st.builds(lambda y, m, d: f"{y:04d}-{m:02d}-{d:02d}", st.integers(1, FIRST_YEAR - 1), months,
                  st.integers(1, 28)),
        st.sampled_from(("today", "gisteren", "14 maart 2022", "2022", "2022-03", "-", "None")),
    )


def unknown_ids(*, known: Collection[str]) -> SearchStrategy[str]:
    """Well-formed ids (slugs) that are not in ``known``: the library must answer "unknown".

    >>> from hypothesis import find, settings
    >>> once = settings(database=None)    # find's examples are not saved between runs
    >>> find(unknown_ids(known=["a"]), lambda s: len(s) == 1, settings=once)
    'b'
    """
    if isinstance(known, str) or not isinstance(known, Collection):
        raise InvalidInputError("known", known, "must be a list of ids, not one id or another value")
    taken = frozenset(known)
    return SLUGS.filter(lambda s: s not in taken)


def _judged(kind: Kind) -> bool:
    """Whether ``Procedure.allowed_events`` judges ``kind``: it is about segments, and its smallest
    event is of that kind (no earlier entry of its type takes its deciding values)."""
    if not kind.about_segments:
        return False
    probe = smallest_event(kind.type, PROCEDURE_START, ("a",), **kind.fields)
    return kind_of(probe).key == kind.key


#: Every kind of event about segments in the declaration, every outcome that leads elsewhere (each
#: ground of a standstill exemption too), in the order they shrink to: the walk's (those that would
#: leave a segment nearest the end of a course in contracts first, so an out-of-order event shrinks
#: to one far ahead of the segment's state).
_CANDIDATES: tuple[Kind, ...] = tuple(k for k in KINDS if _judged(k))


def out_of_order_events(procedure: Procedure, *, min_value: dt.date | None = None,
                        max_value: dt.date | None = None) -> SearchStrategy[Event]:
    """Events that ``procedure.record`` must refuse with a :class:`~achterhoek_inkoop.RuleViolation`.

    On a date from ``min_value`` to ``max_value`` (default: from a month before
    the first event to a year after the last), the smallest event about one
    segment whose kind (its type, and the values that decide where it leads)
    ``procedure.allowed_events`` does not give for that segment on that date:
    an award decision outside a tender, a final award in the standstill, a
    contract before the award may become final, the withdrawal of an award
    that is final, a cancellation after it, a kort geding, ruling or appeal
    before any award decision, dialogue while the segment is in the tender, an
    award decision that starts a standstill shorter than the law's, ... Every
    event type about segments and every outcome the lifecycle declares (each
    ground of a standstill exemption too) can occur. ``record`` refuses it with
    an error: ``volgorde`` (order), or the rule that the state or the
    procedure's settings break.

    >>> import achterhoek_inkoop as ai
    >>> from hypothesis import find, settings
    >>> once = settings(database=None)    # find's examples are not saved between runs
    >>> event = find(out_of_order_events(ai.inkoop2022()), lambda e: True, settings=once)
    >>> event.type, event.on, event.segments     # a month before the first event: nothing was awarded
    ('contract', datetime.date(2020, 10, 25), ('wmo-wonen',))
    """
    proc = check_procedure(procedure)
    first = min((e.on for e in proc.events), default=PROCEDURE_START)
    last = max((e.on for e in proc.events), default=PROCEDURE_START)
    if min_value is None:
        min_value = max(EARLIEST, first - 30 * DAY)
    if max_value is None:
        max_value = max(min_value, plus(last, 366, LAST_PROCEDURE_DAY))
    low, high = check_bounds(min_value, max_value, highest=LAST_PROCEDURE_DAY)
    return _out_of_order_events(proc, low, high)


@st.composite
def _out_of_order_events(draw: st.DrawFn, proc: Procedure, low: dt.date, high: dt.date) -> Event:
    day = low + draw(st.integers(0, (high - low).days)) * DAY
    seg = draw(st.sampled_from(proc.data.segment_ids))
    allowed = {key_of(a.type, a.fields) for a in proc.allowed_events(seg, day)}
    # Never empty: no state allows both a contract and a ruling, say.
    kind = draw(st.sampled_from([kind for kind in _CANDIDATES if kind.key not in allowed]))
    event = smallest_event(kind.type, day, (seg,), **kind.fields)
    if any(e.on > day for e in proc.events):
        # allowed_events judges the record as known that day; record judges a past day with
        # hindsight (a contract recorded later shows when the award became final): keep only
        # what record refuses too, tried on a copy.
        try:
            Procedure(proc.data, calendar=proc.calendar).record(event)
        except RuleViolation:
            return event
        assume(False)
    return event


def short_deadlines(procedure: Procedure, *, min_value: dt.date | None = None,
                    max_value: dt.date | None = None) -> SearchStrategy[TenderStart]:
    """Tender starts whose deadline is short of the minimum period: ``check()`` reports
    ``minimumtermijn``.

    A tender start about one segment of ``procedure``, its notice sent on a day
    from ``min_value`` to ``max_value`` (default: from the day after the
    procedure's last event, or 2000-01-01, to a year later), with a deadline
    (for tenders, or for requests to participate where the procedure type has
    a pre-selection) 1 day up to the whole minimum short of the earliest lawful
    one for the procedure's type under its rulebook. (Not the tenders of a
    restricted procedure: their minimum counts from the invitation to tender,
    which the record does not give, so a short one is only warned about.)
    What the notice says about electronic submission and free access is drawn
    (yes, no, or nothing: the deadline is short even on the reading most
    lenient to the contracting authority). ``check()`` of the
    procedure with it reports ``minimumtermijn`` (an error), and ``record``
    refuses it; on a day the procedure allows a tender start for the segment
    (``allowed_events``; any day for a procedure without events) that is the
    only rule it breaks, else the order of events (``volgorde``) is broken too.
    Shrinks to one day short, on the first day, yes to both.

    Raises :class:`~achterhoek_inkoop.InvalidInputError` (naming
    ``procedure``) if the procedure has no type, or its type no minimum period
    under its rulebook.

    >>> import achterhoek_inkoop as ai
    >>> from datetime import date
    >>> from hypothesis import find, settings
    >>> once = settings(database=None)    # find's examples are not saved between runs
    >>> open_procedure = ai.Procedure(ai.ProcedureData(
    ...     id="p", name="P", procedure_type="openbaar",
    ...     segments=(ai.Segment(id="a", name="A", domains=("wmo",)),)))
    >>> event = find(short_deadlines(open_procedure), lambda e: True, settings=once)
    >>> event.on, event.deadline, event.electronic_submission    # 40 days: 2000-02-10 is the first lawful
    (datetime.date(2000, 1, 1), datetime.date(2000, 2, 9), True)
    >>> [v.rule for v in ai.Procedure(open_procedure.data.model_copy(update={"events": (event,)})).check()]
    ['minimumtermijn']
    """
    proc = check_procedure(procedure)
    kind, book = proc.data.procedure_type, proc.data.rulebook
    stages: tuple[Stage, ...] = ()
    if kind is not None:
        # The stages with a minimum the check judges as an error: confirmed on every reading drawn,
        # and counted from the notice (the tender start's date; the record gives no invitation date).
        stages = tuple(stage for stage in ("requests", "tenders") if all(
            (found := minimum(kind, book, PROCEDURE_START, stage, electronic, free)) is not None
            and found.days is not None and found.confirmed and found.counted_from == "notice"
            for electronic in (True, False) for free in (True, False)))
    if not stages:
        what = "no procedure type" if kind is None else f"the procedure type {kind.value}, which has no " \
            f"confirmed minimum period in the rulebook {book}"
        raise InvalidInputError("procedure", proc, f"has {what}: no deadline can be short of one")
    last = max((e.on for e in proc.events), default=None)
    if min_value is None:
        min_value = PROCEDURE_START if last is None else plus(last, 1, LAST_PROCEDURE_DAY)
    if max_value is None:
        max_value = max(min_value, plus(min_value, 366, LAST_PROCEDURE_DAY))
    low, high = check_bounds(min_value, max_value, highest=LAST_PROCEDURE_DAY)
    assert kind is not None
    return _short_deadlines(proc, kind, book, stages, low, high)


@st.composite
def _short_deadlines(draw: st.DrawFn, proc: Procedure, kind: ProcedureType, book: str,
                     stages: tuple[Stage, ...], low: dt.date, high: dt.date) -> TenderStart:
    day = low + draw(st.integers(0, (high - low).days)) * DAY
    seg = draw(st.sampled_from(proc.data.segment_ids))
    stage = draw(st.sampled_from(stages))
    electronic, free = draw(st.sampled_from(FACTS)), draw(st.sampled_from(FACTS))
    # The reading most lenient to the authority (what the notice leaves out, read as yes): short on it.
    lenient = minimum(kind, book, day, stage, electronic is not False, free is not False)
    assert lenient is not None
    assert lenient.days is not None
    assert lenient.earliest_deadline is not None
    short = 1 + draw(st.integers(0, lenient.days - 1))
    deadline = lenient.earliest_deadline - short * DAY
    return TenderStart(on=day, segments=(seg,), electronic_submission=electronic, free_access=free,
                       deadline=deadline if stage == "tenders" else None,
                       requests_deadline=deadline if stage == "requests" else None)
