"""Whole valid procedures and the events a procedure accepts: a walk through its lifecycle.

The walk asks the procedure what may happen next (``Procedure.allowed_events``)
and draws one of those events, one date after another, recording each.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, cast

from hypothesis import strategies as st
from hypothesis.strategies import SearchStrategy

from achterhoek_inkoop import InvalidInputError
from achterhoek_inkoop.calendar import ALCATEL_DAYS
from achterhoek_inkoop.procedure import Procedure
from achterhoek_inkoop.record import (
    EVENT_MODELS,
    BestuurlijkOverlegSettings,
    Contract,
    Event,
    Municipality,
    Plan,
    ProcedureData,
    Segment,
)

from ._events import DIALOGUE_KINDS, KINDS, ORGANISATIONS, TITLES, Kind, KindKey, key_of
from ._values import (
    DOMAINS,
    LAST_PROCEDURE_DAY,
    PROCEDURE_END,
    PROCEDURE_START,
    SLUGS,
    check_bounds,
    check_int,
    check_procedure,
    check_sizes,
    contract_limit,
    municipality_ids,
    plus,
    segments,
    subset,
)

__all__ = ["event_sequences", "procedure_data", "procedures"]

#: Days between consecutive generated events: mostly few, sometimes a standstill, rarely years.
_GAPS = st.one_of(st.integers(0, 3), st.integers(0, 45), st.integers(0, 800))


def _by_type(kinds: Sequence[Kind]) -> tuple[tuple[Kind, ...], ...]:
    """``kinds`` grouped by event type, each type where its first kind is, in the order of ``kinds``."""
    types = dict.fromkeys(k.type for k in kinds)
    return tuple(tuple(k for k in kinds if k.type == t) for t in types)


#: The event types whose kinds can move a segment on (those nearest the end of its course first),
#: and every event type; each with its kinds in the order of :data:`KINDS`.
_MOVING = _by_type([k for k in KINDS if k.moving])
_ALL = _by_type(KINDS)
#: For each kind, whether it moves a segment on in time only (see ``Kind.in_place``).
_IN_PLACE = {k.key: k.in_place for k in KINDS}


def procedure_data(*, min_segments: int = 1, max_segments: int = 4, min_events: int = 0,
                   max_events: int = 12, max_municipalities: int = 3,
                   min_value: dt.date = PROCEDURE_START, max_value: dt.date = PROCEDURE_END
                   ) -> SearchStrategy[ProcedureData]:
    """Whole valid procedures as data: their events break no rule (``check()`` is empty).

    ``min_segments``..``max_segments`` segments, up to ``max_municipalities``
    municipalities (each joining all segments or some), the settings a
    procedure file may hold, and ``min_events``..``max_events`` events dated from
    ``min_value`` to ``max_value``, in date order, each one that the procedure
    with the events before it allows (``Procedure.allowed_events``) without a
    warning. Shrinks to one segment ``"a"`` and no events.

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=5)
    ... @given(procedure_data(max_segments=2))
    ... def test_generated_files_break_no_rule(data):
    ...     assert Procedure(data).check() == []
    >>> test_generated_files_break_no_rule()
    """
    min_segments, max_segments = check_sizes(min_segments, max_segments,
                                             names=("min_segments", "max_segments"), least=1)
    min_events, max_events = check_sizes(min_events, max_events, names=("min_events", "max_events"))
    check_int("max_municipalities", max_municipalities, 0)
    low, high = check_bounds(min_value, max_value, highest=LAST_PROCEDURE_DAY)

    # Built once: a strategy built inside a draw is validated again on every draw.
    shape = _Shape(
        segment_lists=st.lists(segments(), min_size=min_segments, max_size=max_segments,
                               unique_by=lambda s: s.id),
        municipality_lists=st.lists(municipality_ids(), max_size=max_municipalities, unique=True),
        deadlines=st.one_of(st.none(), st.dates(min_value=low, max_value=high)),
        delegation_sizes=st.one_of(st.none(), st.integers(1, 12)),
        plans=st.one_of(st.just(()), _plans(low, high)),
        low=low, high=high, min_events=min_events, max_events=max_events,
    )
    return _procedure_data(shape)


_STANDSTILL_DAYS = st.sampled_from((ALCATEL_DAYS, 25, 30))
_MAX_YEARS = st.sampled_from((7, None, 4))


@dataclass(frozen=True)
class _Shape:
    """What :func:`procedure_data` was asked for, as the strategies and bounds it draws with."""

    segment_lists: SearchStrategy[list[Segment]]
    municipality_lists: SearchStrategy[list[str]]
    deadlines: SearchStrategy[dt.date | None]
    delegation_sizes: SearchStrategy[int | None]
    plans: SearchStrategy[tuple[Plan, ...]]
    low: dt.date
    high: dt.date
    min_events: int
    max_events: int


@st.composite
def _procedure_data(draw: st.DrawFn, shape: _Shape) -> ProcedureData:
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
    )
    found = _Walk(draw, Procedure(data)).run(shape.low, shape.high, shape.min_events, shape.max_events)
    return data.model_copy(update={"events": tuple(found)})


@st.composite
def _plans(draw: st.DrawFn, low: dt.date, high: dt.date) -> tuple[Plan, ...]:
    days = sorted(draw(st.lists(st.dates(min_value=low, max_value=high), min_size=3, max_size=3)))
    return (Plan(id="plan", published=low, reason="De eerste planning",
                 milestones=dict(zip(("aanbesteding", "gunning", "contract_start"), days, strict=True))),)


def procedures(*, min_segments: int = 1, max_segments: int = 4, min_events: int = 0,
               max_events: int = 12, max_municipalities: int = 3,
               min_value: dt.date = PROCEDURE_START, max_value: dt.date = PROCEDURE_END
               ) -> SearchStrategy[Procedure]:
    """Whole valid :class:`~achterhoek_inkoop.Procedure` objects: :func:`procedure_data`, built.

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
    return procedure_data(min_segments=min_segments, max_segments=max_segments, min_events=min_events,
                          max_events=max_events, max_municipalities=max_municipalities,
                          min_value=min_value, max_value=max_value).map(Procedure)


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
    return _Walk(draw, Procedure(proc.data, calendar=proc.calendar)).run(low, high, min_size, max_size)


# -- the walk ---------------------------------------------------------------------------
# (Composite strategies are defined at module level: hypothesis reads the source of a composite
# function each time one is defined, which inside a strategy would cost that on every call.)

@st.composite
def _one_event(draw: st.DrawFn, walk: _Walk, previous: dt.date, end: dt.date, *, optional: bool
               ) -> tuple[dt.date, Event] | None:
    """One event of a walk, or ``None`` to end it, as one draw: the shrinker can delete it whole.

    Like ``st.lists``: another event unless three flags are all False, so a walk
    shrinks by ending earlier, and by losing an event in the middle.
    """
    if optional and not (draw(st.booleans()) or draw(st.booleans()) or draw(st.booleans())):
        return None
    outer = walk.draw
    walk.draw = draw
    try:
        day = plus(previous, draw(_GAPS), end)
        return day, walk.next_event(day)
    finally:
        walk.draw = outer


class _Walk:
    """Draws events that a procedure accepts, one date after another, and records each in it.

    Each event is of a kind that ``Procedure.allowed_events`` gives, without a
    warning, for every segment it concerns on its date (judged at the end of
    that day, which is what an event added last on that day sees). What that
    does not judge the walk keeps itself: contract ends within the procedure's
    maximum duration, extensions within the contract's ``max_end``, only
    municipalities that joined the segments, registrations before the
    deadline. (It does judge the rules that read the whole record: no tender
    starts on a day with dialogue about its segment, no award is decided with a
    standstill shorter than the law's.) Draws are plain integers and booleans
    (cheap, and each shrinks to its first choice).
    """

    def __init__(self, draw: st.DrawFn, proc: Procedure) -> None:
        self.draw = draw
        self.proc = proc
        self.ids = proc.data.segment_ids

    def run(self, start: dt.date, end: dt.date, min_size: int, max_size: int) -> list[Event]:
        new: list[Event] = []
        day = start
        while len(new) < max_size:
            drawn = self.draw(_one_event(self, day, end, optional=len(new) >= min_size))
            if drawn is None:
                break
            day, event = drawn
            new.append(event)
            self.proc.record(event)
        return new

    def flag(self) -> bool:
        return self.draw(st.booleans())

    def pick(self, options: Sequence[Any]) -> Any:
        return options[self.draw(st.integers(0, len(options) - 1))]

    def number(self, low: int, high: int) -> int:
        return self.draw(st.integers(low, high))

    def subset(self, eligible: tuple[str, ...]) -> tuple[str, ...]:
        """A non-empty part of ``eligible``: one flag per segment of the procedure, eligible or not,
        so that the draws keep their meaning when an earlier event is shrunk away."""
        chosen = tuple(s for s in self.ids if self.flag() and s in eligible)
        return chosen or eligible[:1]

    def concerned(self, eligible: tuple[str, ...]) -> tuple[str, ...] | None:
        chosen = self.subset(eligible)
        return None if chosen == self.ids and self.flag() else chosen

    def municipalities_for(self, segs: tuple[str, ...] | None) -> tuple[str, ...] | None:
        wanted = set(segs or self.ids)
        fitting = tuple(m.id for m in self.proc.data.municipalities
                        if m.segments is None or wanted <= set(m.segments))
        return self.subset(fitting) if fitting and self.flag() else None

    def allowed(self, day: dt.date) -> tuple[dict[KindKey, tuple[str, ...]], dict[KindKey, tuple[str, ...]]]:
        """For each kind about segments, the segments it moves on ``day`` (to another state, or on
        in time), and those it leaves as they are; allowed without a warning either way."""
        moves: dict[KindKey, list[str]] = {}
        keeps: dict[KindKey, list[str]] = {}
        for seg in self.ids:
            now = self.proc.segment_state_on(seg, day)
            for allowed in self.proc.allowed_events(seg, day):
                if not allowed.warnings:
                    key = key_of(allowed.type, allowed.fields)
                    moving = allowed.state != now or _IN_PLACE.get(key, False)
                    (moves if moving else keeps).setdefault(key, []).append(seg)
        return ({key: tuple(segs) for key, segs in moves.items()},
                {key: tuple(segs) for key, segs in keeps.items()})

    def next_event(self, day: dt.date) -> Event:
        moves, keeps = self.allowed(day)
        deadline = self.proc.data.bestuurlijk_overleg.registration_deadline

        def moving(kind: Kind) -> tuple[str, ...]:
            return moves.get(kind.key, ())

        def still(kind: Kind) -> tuple[str, ...]:
            if kind.about_segments:
                return keeps.get(kind.key, ())
            if kind.type == "registration" and deadline is not None and day >= deadline:
                return ()
            return self.ids

        # Mostly an event that moves a segment on, else one that leaves every segment it concerns
        # where it is. The event types are drawn by their place in a fixed list (the next usable
        # one if that one is not), so that a draw keeps its meaning when the shrinker deletes an
        # earlier event; then as often the type's first usable kind as another. The lists put the
        # kinds that leave a segment nearest the end of its course first, so a shrunk walk takes
        # the shortest way on.
        on = self.number(0, 3) != 3 and any(moving(k) for kinds in _MOVING for k in kinds)
        pool, eligible = (_MOVING, moving) if on else (_ALL, still)
        first = self.number(0, len(pool) - 1)
        usable = next(u for kinds in pool[first:] + pool[:first] if (u := [k for k in kinds if eligible(k)]))
        kind = self.pick(usable[1:]) if len(usable) > 1 and self.flag() else usable[0]
        segs = self.concerned(eligible(kind)) if kind.about_segments else None
        values: dict[str, Any] = {"on": day, **kind.fields, **self.details(kind, day, segs)}
        if kind.about_segments:
            values["segments"] = segs
        return cast(Event, EVENT_MODELS[kind.type](**values))

    def details(self, kind: Kind, day: dt.date, segs: tuple[str, ...] | None) -> dict[str, Any]:
        """The fields of an event of ``kind`` beyond its date, segments and deciding values."""
        if kind.type == "contract":
            return self.contract(day, segs)
        if kind.type == "contract_extension" and "extended_to" not in kind.fields:
            return {"extended_to": self.extended_to(day, segs)}
        if kind.type == "dialogue_activity":
            return {"kind": self.pick(DIALOGUE_KINDS)}
        if kind.type == "registration":
            limit = self.proc.data.bestuurlijk_overleg.max_delegation_size or 10
            return {"organisation": self.pick(ORGANISATIONS), "delegation_size": self.number(1, limit),
                    "domains": DOMAINS}
        if kind.type == "overgangsregeling":
            start = plus(day, self.number(0, 366))
            return {"start": start, "end": plus(start, self.number(0, 366))}
        if kind.type == "client_transfer":
            return {"municipalities": self.municipalities_for(segs)}
        if kind.type == "announcement":
            return {"title": self.pick(TITLES)}
        return {}

    def contract(self, day: dt.date, segs: tuple[str, ...] | None) -> dict[str, Any]:
        limit = contract_limit(day, self.proc.data.max_contract_years)
        initial_end = plus(day, self.number(0, 3 * 366), limit)
        max_end = plus(initial_end, self.number(0, 3 * 366), limit)
        return {"initial_end": initial_end, "max_end": max_end,
                "municipalities": self.municipalities_for(segs)}

    def extended_to(self, day: dt.date, segs: tuple[str, ...] | None) -> dt.date | None:
        """A date from the contracts' present end to their ``max_end``; ``None`` if there is no room."""
        # The rule compares with the contract recorded last for each segment (record order).
        latest: dict[str, Contract] = {}
        for event in self.proc.events:
            if isinstance(event, Contract):
                for seg in self.proc.segments_of(event):
                    latest[seg] = event
        chosen = segs or self.ids
        low = max([day, *(self.proc.contract_end(s) or day for s in chosen)])
        high = min(latest[s].max_end for s in chosen)
        if low > high:
            return None
        return plus(low, self.number(0, (high - low).days))
