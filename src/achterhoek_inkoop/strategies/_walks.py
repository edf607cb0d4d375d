"""Whole valid procedures and the events a procedure accepts: walks through its lifecycle.

Each is a walk (``_walker``): it asks the procedure what may happen next
(``Procedure.allowed_events``) and draws one of those events, one date after
another, recording each.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from hypothesis import strategies as st
from hypothesis.strategies import SearchStrategy

from achterhoek_inkoop import InvalidInputError
from achterhoek_inkoop.calendar import ALCATEL_DAYS, ProcedureType
from achterhoek_inkoop.procedure import Procedure
from achterhoek_inkoop.record import (
    BestuurlijkOverlegSettings,
    Event,
    Municipality,
    Plan,
    ProcedureData,
    Segment,
)

from ._procedure_types import checked_rulebook, checked_type
from ._procedure_types import rulebooks as all_rulebooks
from ._values import (
    LAST_PROCEDURE_DAY,
    PROCEDURE_END,
    PROCEDURE_START,
    SLUGS,
    check_bounds,
    check_int,
    check_procedure,
    check_sizes,
    check_strategy,
    municipality_ids,
    plus,
    segments,
    subset,
)
from ._walker import Walk

__all__ = ["event_sequences", "procedure_data", "procedures"]


def procedure_data(*, min_segments: int = 1, max_segments: int = 4, min_events: int = 0,
                   max_events: int = 12, max_municipalities: int = 3,
                   min_value: dt.date = PROCEDURE_START, max_value: dt.date = PROCEDURE_END,
                   procedure_types: SearchStrategy[ProcedureType | None] | None = None,
                   rulebooks: SearchStrategy[str] | None = None
                   ) -> SearchStrategy[ProcedureData]:
    """Whole valid procedures as data: their events break no rule (``check()`` is empty).

    ``min_segments``..``max_segments`` segments, up to ``max_municipalities``
    municipalities (each joining all segments or some), the settings a
    procedure file may hold, and ``min_events``..``max_events`` events dated from
    ``min_value`` to ``max_value``, in date order, each one that the procedure
    with the events before it allows (``Procedure.allowed_events``) without a
    warning. The procedure type is drawn from ``procedure_types`` (default:
    every :class:`~achterhoek_inkoop.ProcedureType`, and now and then none) and
    the rulebook from ``rulebooks`` (default: every bundled one); each tender
    start of a typed procedure carries its deadline (for tenders, or for
    requests to participate where the type has a pre-selection) at or after the
    minimum period of the type under the rulebook, so ``check()`` reports no
    ``minimumtermijn`` either. Shrinks to one segment ``"a"``, no events, no
    procedure type and the rulebook ``aw2012``.

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=5)
    ... @given(procedure_data(max_segments=2))
    ... def test_generated_files_break_no_rule(data):
    ...     assert Procedure(data).check() == []
    >>> test_generated_files_break_no_rule()
    """
    return _walked(_shape(min_segments, max_segments, min_events, max_events, max_municipalities,
                          min_value, max_value, procedure_types, rulebooks)).map(_data_of)


def _shape(min_segments: int, max_segments: int, min_events: int, max_events: int, max_municipalities: int,
           min_value: dt.date, max_value: dt.date,
           procedure_types: SearchStrategy[ProcedureType | None] | None,
           rulebooks: SearchStrategy[str] | None) -> _Shape:
    """The arguments of :func:`procedure_data` checked, as the strategies and bounds it draws with."""
    min_segments, max_segments = check_sizes(min_segments, max_segments,
                                             names=("min_segments", "max_segments"), least=1)
    min_events, max_events = check_sizes(min_events, max_events, names=("min_events", "max_events"))
    check_int("max_municipalities", max_municipalities, 0)
    low, high = check_bounds(min_value, max_value, highest=LAST_PROCEDURE_DAY)
    types = _SOME_TYPES if procedure_types is None else check_strategy("procedure_types", procedure_types)
    books = all_rulebooks() if rulebooks is None else check_strategy("rulebooks", rulebooks)

    # Built once: a strategy built inside a draw is validated again on every draw.
    return _Shape(
        segment_lists=st.lists(segments(), min_size=min_segments, max_size=max_segments,
                               unique_by=lambda s: s.id),
        municipality_lists=st.lists(municipality_ids(), max_size=max_municipalities, unique=True),
        deadlines=st.one_of(st.none(), st.dates(min_value=low, max_value=high)),
        delegation_sizes=st.one_of(st.none(), st.integers(1, 12)),
        plans=st.one_of(st.just(()), _plans(low, high)),
        types=types, books=books,
        low=low, high=high, min_events=min_events, max_events=max_events,
    )


_STANDSTILL_DAYS = st.sampled_from((ALCATEL_DAYS, 25, 30))
_MAX_YEARS = st.sampled_from((7, None, 4))
#: No procedure type now and then (what procedures were before they had one), else any; shrinks to none.
_SOME_TYPES: SearchStrategy[ProcedureType | None] = st.integers(0, len(ProcedureType)).map(
    lambda n: None if n == 0 else tuple(ProcedureType)[n - 1])


@dataclass(frozen=True)
class _Shape:
    """What :func:`procedure_data` was asked for, as the strategies and bounds it draws with."""

    segment_lists: SearchStrategy[list[Segment]]
    municipality_lists: SearchStrategy[list[str]]
    deadlines: SearchStrategy[dt.date | None]
    delegation_sizes: SearchStrategy[int | None]
    plans: SearchStrategy[tuple[Plan, ...]]
    types: SearchStrategy[ProcedureType | None]
    books: SearchStrategy[str]
    low: dt.date
    high: dt.date
    min_events: int
    max_events: int


@st.composite
def _walked(draw: st.DrawFn, shape: _Shape) -> Procedure:
    """A procedure with settings drawn by ``shape`` and a walk recorded in it, event by event."""
    segs = tuple(draw(shape.segment_lists))
    ids = tuple(s.id for s in segs)
    munis = tuple(
        Municipality(id=mid, name=mid.replace("-", " ").title(),
                     segments=subset(draw, ids) if draw(st.booleans()) else None)
        for mid in draw(shape.municipality_lists))
    data = ProcedureData(
        id=draw(SLUGS), name="Generated procurement", segments=segs, municipalities=munis,
        standstill_days=draw(_STANDSTILL_DAYS), standstill_atw=not draw(st.booleans()),
        max_contract_years=draw(_MAX_YEARS),
        bestuurlijk_overleg=BestuurlijkOverlegSettings(
            registration_deadline=draw(shape.deadlines), max_delegation_size=draw(shape.delegation_sizes)),
        plans=draw(shape.plans),
        # Drawn last, so that what was drawn before keeps its place.
        procedure_type=checked_type(draw(shape.types)), rulebook=checked_rulebook(draw(shape.books)),
    )
    proc = Procedure(data)
    Walk(draw, proc).run(shape.low, shape.high, shape.min_events, shape.max_events)
    return proc


def _data_of(proc: Procedure) -> ProcedureData:
    return proc.data


@st.composite
def _plans(draw: st.DrawFn, low: dt.date, high: dt.date) -> tuple[Plan, ...]:
    days = sorted(draw(st.lists(st.dates(min_value=low, max_value=high), min_size=3, max_size=3)))
    return (Plan(id="plan", published=low, reason="De eerste planning",
                 milestones=dict(zip(("aanbesteding", "gunning", "contract_start"), days, strict=True))),)


def procedures(*, min_segments: int = 1, max_segments: int = 4, min_events: int = 0,
               max_events: int = 12, max_municipalities: int = 3,
               min_value: dt.date = PROCEDURE_START, max_value: dt.date = PROCEDURE_END,
               procedure_types: SearchStrategy[ProcedureType | None] | None = None,
               rulebooks: SearchStrategy[str] | None = None
               ) -> SearchStrategy[Procedure]:
    """Whole valid :class:`~achterhoek_inkoop.Procedure` objects: :func:`procedure_data`, built.

    Each is the procedure the walk recorded its events in (one by one, with
    ``record``), not built again from its data: the same procedure, without
    replaying its record once more.

    >>> from datetime import date
    >>> from hypothesis import given, settings
    >>> from achterhoek_inkoop.strategies import dates
    >>> @settings(max_examples=5)
    ... @given(procedures(), dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31)))
    ... def test_dialogue_is_allowed_only_outside_tenders(proc, day):
    ...     in_tender = any(proc.segment_state_on(s, day) == "aanbesteding" for s in proc.data.segment_ids)
    ...     assert not (in_tender and proc.dialogue_allowed(day))
    >>> test_dialogue_is_allowed_only_outside_tenders()
    """
    return _walked(_shape(min_segments, max_segments, min_events, max_events, max_municipalities,
                          min_value, max_value, procedure_types, rulebooks))


def event_sequences(procedure: Procedure, *, min_size: int = 0, max_size: int = 10,
                    min_value: dt.date | None = None, max_value: dt.date | None = None
                    ) -> SearchStrategy[list[Event]]:
    """Lists of events that ``procedure`` accepts: recording them in order never raises.

    The events are dated from ``min_value`` (default: the day after the
    procedure's last event, or 2000-01-01) to ``max_value`` (default: 2099-12-31,
    or ten years after ``min_value``), in date order, and break no rule: each
    ``record`` returns no warning either. The procedure itself is not changed.

    >>> import achterhoek_inkoop as ai
    >>> from hypothesis import given, settings
    >>> @settings(max_examples=5)
    ... @given(event_sequences(ai.inkoop2022(), max_size=3))
    ... def test_inkoop2022_takes_new_events(events):
    ...     proc = ai.inkoop2022()
    ...     for event in events:
    ...         assert proc.record(event) == []          # no error, and no warning either
    >>> test_inkoop2022_takes_new_events()
    """
    proc = check_procedure(procedure)
    min_size, max_size = check_sizes(min_size, max_size)
    last = max((e.on for e in proc.events), default=None)
    if min_value is None:
        min_value = PROCEDURE_START if last is None else plus(last, 1)
    if max_value is None:
        max_value = max(PROCEDURE_END, min(plus(min_value, 3653), LAST_PROCEDURE_DAY))
    low, high = check_bounds(min_value, max_value, highest=LAST_PROCEDURE_DAY)
    if last is not None and low <= last:
        raise InvalidInputError("min_value", low, f"must be after the procedure's last event "
                                f"({last.isoformat()}): new events follow the record")
    return _event_sequences(proc, low, high, min_size, max_size)


@st.composite
def _event_sequences(draw: st.DrawFn, proc: Procedure, low: dt.date, high: dt.date, min_size: int,
                     max_size: int) -> list[Event]:
    # A procedure of the walk's own to record into: the one given is not changed.
    return Walk(draw, Procedure(proc.data, calendar=proc.calendar)).run(low, high, min_size, max_size)
