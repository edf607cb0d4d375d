"""The walk: one event after another, each one the procedure allows, recorded as it is drawn.

The walk asks the procedure what may happen next (``Procedure.allowed_events``)
and draws one of those events, one date after another, recording each. It
mostly goes on towards contracts, waiting for a standstill to end where nothing
else can; now and then it takes a segment aside (a kort geding, a withdrawn or
corrected award decision, an exemption, a new tender), keeps it where it is (a
second kort geding, a ruling on one of several, an appeal), or ends its course
without contracts (a cancellation). Which way an event takes a segment derives
from the lifecycle's declaration (its phases, and how far each state is from
the end of a course in contracts).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any, cast

from hypothesis import strategies as st

from achterhoek_inkoop.calendar import ALCATEL_DAYS
from achterhoek_inkoop.lifecycle import LIFECYCLE, PendingKortGeding, SegmentCourse, SegmentState, Track
from achterhoek_inkoop.procedure import AllowedEvent, Procedure
from achterhoek_inkoop.record import (
    EVENT_MODELS,
    Contract,
    Event,
    KortGeding,
    KortGedingRuling,
    Registration,
)

from ._events import (
    CASES,
    DIALOGUE_KINDS,
    KINDS,
    LONGER_STANDSTILLS,
    ORGANISATIONS,
    PLAINTIFFS,
    TITLES,
    Kind,
    KindKey,
    key_of,
    onward,
    reaches_contracts,
)
from ._procedure_types import DEADLINE_FIELDS, FACTS, default_stage, lawful_deadline
from ._values import DOMAINS, contract_limit, plus

__all__ = ["Walk"]

#: Days between consecutive generated events: mostly few, sometimes a standstill, rarely years.
_GAPS = st.one_of(st.integers(0, 3), st.integers(0, 45), st.integers(0, 800))
#: Days a tender start's deadline lies beyond the earliest lawful one: mostly few, sometimes months.
_SLACK = st.one_of(st.integers(0, 10), st.integers(0, 120))


def _by_type(kinds: Sequence[Kind]) -> tuple[tuple[Kind, ...], ...]:
    """``kinds`` grouped by event type, each type where its first kind is, in the order of ``kinds``."""
    types = dict.fromkeys(k.type for k in kinds)
    return tuple(tuple(k for k in kinds if k.type == t) for t in types)


#: Every event type with its kinds, in the order of :data:`KINDS` (the types whose kinds leave a
#: segment nearest the end of a course in contracts first).
_TYPES = _by_type(KINDS)
_KIND = {k.key: k for k in KINDS}

#: The ways an event can take a segment: on towards contracts (``onward``: a later phase, or nearer
#: the end within one; or on in time), to another state from which contracts can still follow
#: (``aside``: a kort geding, a withdrawal, a correction, ...), to one from which none can
#: (``away``: a cancellation), a trigger that leaves it in its state (``held``: another kort
#: geding, a ruling on one of several, an appeal), or no trigger (``still``).
ONWARD, ASIDE, AWAY, HELD, STILL = "onward", "aside", "away", "held", "still"
#: And the kinds about a kort geding (filing one, a ruling, an appeal) that take a segment aside or
#: leave it where it is: the walk prefers them now and then, since going onward it would mostly
#: wait out the standstill they belong to.
DISPUTE = "dispute"
_DISPUTE_TYPES = ("kort_geding", "kort_geding_ruling", "appeal")  # in the order the walk prefers them
#: And the rulings on a kort geding that holds the award (in whatever way they take it): going
#: onward, the walk mostly takes one of those where it can.
SETTLE = "settle"
_ALL_WAYS = (ONWARD, ASIDE, AWAY, HELD, STILL, DISPUTE, SETTLE)
#: Which way the walk goes for each draw of a number from 0 to 19. Onward has few places, but it
#: is the first choice (the one the search favours, and shrinks to) and where a way with nothing
#: to draw falls back, so most events still go onward; away (a cancellation) is rare.
_WAYS = (ONWARD,) * 3 + (DISPUTE,) * 6 + (ASIDE,) * 5 + (HELD,) * 4 + (STILL, AWAY)


# -- the walk ---------------------------------------------------------------------------
# (Composite strategies are defined at module level: hypothesis reads the source of a composite
# function each time one is defined, which inside a strategy would cost that on every call.)

@st.composite
def _one_event(draw: st.DrawFn, walk: Walk, previous: dt.date, end: dt.date, *, optional: bool
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
        event = walk.next_event(plus(previous, draw(_GAPS), end), end)
        return event.on, event
    finally:
        walk.draw = outer


class Walk:
    """Draws events that a procedure accepts, one date after another, and records each in it.

    Each event is of a kind that ``Procedure.allowed_events`` gives, without a
    warning, for every segment it concerns on its date (judged at the end of
    that day, which is what an event added last on that day sees). What that
    does not judge the walk keeps itself: contract ends within the procedure's
    maximum duration, decisions on extending only contracts in force and
    extensions within their ``max_end``, only municipalities that joined the
    segments, registrations before the deadline and within the members a
    meeting may have, a ruling that names (by its case, or its plaintiff) only
    a kort geding still pending about every segment it concerns, an appeal
    only where a ruling was given. (It does judge the rules that read the
    whole record: no tender starts on a day with dialogue about its segment,
    no award is decided with a standstill shorter than the law's.) Draws are plain
    integers and booleans (cheap, and each shrinks to its first choice).
    """

    def __init__(self, draw: st.DrawFn, proc: Procedure) -> None:
        self.draw = draw
        self.proc = proc
        #: The procedure's settings, segments and municipalities, read from its data once: recording
        #: changes none of them, and ``proc.data`` joins the events recorded since it was last read
        #: (a copy of the whole record, on every event drawn).
        self.settings = proc.data
        self.ids = self.settings.segment_ids
        #: Per segment, the kort gedingen not yet ruled on, and those ruled on.
        self.pending: dict[str, tuple[PendingKortGeding, ...]] = dict.fromkeys(self.ids, ())
        self.ruled: dict[str, tuple[PendingKortGeding, ...]] = dict.fromkeys(self.ids, ())
        #: Per segment, the contract recorded last (the rule on extensions compares with it).
        self.contracts: dict[str, Contract] = {}
        #: The members registered per meeting date (``None``: without one, for every meeting).
        self.delegates: dict[dt.date | None, int] = {}
        #: How many events about each segment were recorded, and what allowed_events answered.
        self.version = dict.fromkeys(self.ids, 0)
        self.asked: dict[tuple[str, dt.date, int], list[AllowedEvent]] = {}
        #: Where the walk starts counting the kinds of an outcome (0 to 11: any number of them).
        self.turn = draw(st.integers(0, 11))
        for _, _, event in sorted((e.on, i, e) for i, e in enumerate(proc.events)):
            self.note(event)

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
            self.note(event)
        return new

    def note(self, event: Event) -> None:
        """Keep the contracts and the kort gedingen of a recorded event: filed, or ruled on."""
        if "segments" in type(event).model_fields:
            for seg in self.proc.segments_of(event):
                self.version[seg] += 1
        if isinstance(event, Registration):
            self.delegates[event.meeting] = self.delegates.get(event.meeting, 0) + event.delegation_size
        elif isinstance(event, Contract):
            self.contracts.update(dict.fromkeys(self.proc.segments_of(event), event))
        elif isinstance(event, KortGeding):
            for seg in self.proc.segments_of(event):
                self.pending[seg] = (*self.pending[seg], PendingKortGeding.of(event, suspends=False))
        elif isinstance(event, KortGedingRuling):
            for seg in self.proc.segments_of(event):
                decided = _decided(event, self.pending[seg])
                if decided is not None:
                    self.pending[seg] = tuple(p for p in self.pending[seg] if p is not decided)
                    self.ruled[seg] = (*self.ruled[seg], decided)

    def flag(self) -> bool:
        return self.draw(st.booleans())

    def pick(self, options: Sequence[Any]) -> Any:
        return options[self.draw(st.integers(0, len(options) - 1))] if len(options) > 1 else options[0]

    def turned(self, options: Sequence[Any]) -> Any:
        """One of ``options``, counted on from the walk's own turn: the search favours a first
        choice, and this way no kind of an outcome (no ground of an exemption) is left behind."""
        return options[(self.number(0, len(options) - 1) + self.turn) % len(options)] if len(options) > 1 \
            else options[0]

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
        fitting = tuple(m.id for m in self.settings.municipalities
                        if m.segments is None or wanted <= set(m.segments))
        return self.subset(fitting) if fitting and self.flag() else None

    def allowed(self, day: dt.date) -> _Ways:
        """For each way (``ONWARD``, ...), each kind about segments that takes a segment that way on
        ``day``, allowed without a warning, with the segments it takes so."""
        return _Ways(self, day)

    def ways_of(self, seg: str, day: dt.date) -> list[tuple[str, KindKey]]:
        """The kinds ``allowed_events`` gives for ``seg`` on ``day`` without a warning and that the
        walk draws, each with the way it takes the segment (``DISPUTE`` too, or instead of
        ``ASIDE``, for a kind about a kort geding that does not take it onward)."""
        now = self.proc.segment_state_on(seg, day)
        found: list[tuple[str, KindKey]] = []
        for allowed in self.allowed_events(seg, day):
            key = key_of(allowed.type, allowed.fields)
            if allowed.warnings or not self.fits(key, seg, now, allowed.state):
                continue
            way = _way(_KIND[key], now, allowed.state)
            if allowed.type == "kort_geding_ruling" and now == SegmentState.KORT_GEDING:
                found.append((SETTLE, key))
            if allowed.type in _DISPUTE_TYPES and way == HELD:
                found.append((DISPUTE, key))  # another kort geding, a ruling on one of several, an appeal
            elif allowed.type in _DISPUTE_TYPES and way == ASIDE:
                way = DISPUTE  # a kort geding that holds the award, an upheld ruling: drawn there only
            found.append((way, key))
        return found

    def fits(self, key: KindKey, seg: str, now: SegmentState, then: SegmentState) -> bool:
        """Whether the walk draws an event of the kind ``key`` for ``seg`` (``allowed_events`` gives
        it): what that does not judge, the walk keeps itself."""
        if key[0] == "contract_extension":
            # Decisions on extending only contracts in force, and an extension only with room left.
            return seg in self.contracts and (key == _NOT_EXTENDED or self.has_room(seg))
        if key == _APPEAL:
            return bool(self.ruled[seg])  # an appeal is against a ruling
        return True

    def allowed_events(self, seg: str, day: dt.date) -> list[AllowedEvent]:
        """``Procedure.allowed_events``, asked again only for another day, or when an event about
        ``seg`` was recorded since: one about other segments changes nothing for it (a test
        checks that)."""
        key = (seg, day, self.version[seg])
        if key not in self.asked:
            self.asked[key] = self.proc.allowed_events(seg, day)
        return self.asked[key]

    def waited(self, day: dt.date, end: dt.date) -> dt.date | None:
        """The first day after ``day``, up to ``end``, on which the passing of time (a standstill
        starting or ending, contracts ending) brings a segment to where it can go onward."""
        changes = sorted((start, seg) for seg in self.ids for start, _, _ in self.proc.intervals(seg)
                         if day < start <= end)
        return next((start for start, seg in changes
                     if any(way == ONWARD for way, _ in self.ways_of(seg, start))), None)

    def next_event(self, day: dt.date, end: dt.date) -> Event:
        """An event on ``day``, or later: when the walk goes onward and nothing can, it waits for
        the next change the passing of time brings (the standstill ending, say), if any."""
        drawn = _WAYS[self.number(0, len(_WAYS) - 1)]
        ways = self.allowed(day)
        deadline = self.settings.bestuurlijk_overleg.registration_deadline

        def usable(way: str) -> list[list[Kind]]:
            return [u for kinds in _TYPES if (u := [k for k in kinds if eligible(k, way)])]

        def eligible(kind: Kind, way: str) -> tuple[str, ...]:
            if kind.about_segments:
                return tuple(ways[way].get(kind.key, ()))
            if way != STILL or (kind.type == "registration" and (
                    (deadline is not None and day >= deadline) or self.seats() < 1)):
                return ()
            return self.ids

        # Mostly an event that brings a segment on towards contracts, sometimes one that takes it
        # elsewhere, keeps it where it is, or is about a kort geding; a way with nothing to draw
        # falls back on going onward, then on the events that change no state. The event types
        # are drawn by their place in a fixed list, counting round the usable ones, so that a draw
        # keeps its meaning when the shrinker deletes an earlier event; then one of the type's
        # outcomes (the triggers it fires), and of an outcome's kinds one counted from the walk's
        # turn. The list puts the kinds that leave a segment nearest the end of a course in
        # contracts first, so a shrunk walk takes the shortest way on.
        for way in dict.fromkeys((drawn, ONWARD, STILL)):
            if way == ONWARD and not ways[ONWARD] and (later := self.waited(day, end)) is not None:
                day, ways = later, self.allowed(later)
            if choices := usable(way):
                break
        if way == ONWARD and ways[SETTLE] and self.number(0, 3) != 3:
            way = SETTLE  # where a kort geding holds the award, going on is mostly its ruling
            choices = usable(way)
        if way == DISPUTE:  # filing first (rulings mostly come going onward), then rulings, appeals
            choices.sort(key=lambda kinds: _DISPUTE_TYPES.index(kinds[0].type))
        kinds = choices[self.number(0, len(_TYPES) - 1) % len(choices)]
        outcomes = _by_trigger(kinds)
        outcome = self.pick(outcomes)
        kind: Kind = self.turned(outcome)
        segs = self.concerned(eligible(kind, way)) if kind.about_segments else None
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
            return {"organisation": self.pick(ORGANISATIONS), "delegation_size": self.number(1, self.seats()),
                    "domains": DOMAINS}
        if kind.type == "overgangsregeling":
            start = plus(day, self.number(0, 366))
            return {"start": start, "end": plus(start, self.number(0, 366))}
        if kind.type == "client_transfer":
            return {"municipalities": self.municipalities_for(segs)}
        if kind.type == "announcement":
            return {"title": self.pick(TITLES)}
        if kind.type == "tender_start":
            return self.tender_start(day)
        if kind.type == "award_decision" and kind.fields.get("outcome") == "awarded":
            if kind.fields.get("standstill_exemption") is None and self.flag():
                # A longer standstill than the procedure's, set in the tender documents.
                longest = max(ALCATEL_DAYS, self.settings.standstill_days or ALCATEL_DAYS)
                return {"standstill_days": longest + self.pick(LONGER_STANDSTILLS)}
            return {}
        if kind.type == "kort_geding":
            # A case number names one kort geding: only one not yet in the record.
            used = {k.case for seg in self.ids for k in (*self.pending[seg], *self.ruled[seg])}
            return {"by": self.pick((None, *PLAINTIFFS)),
                    "case": self.pick((None, *(c for c in CASES if c not in used)))}
        if kind.type == "kort_geding_ruling":
            return self.ruling(kind, day, segs)
        if kind.type == "appeal":
            ruled = self.ruled[(segs or self.ids)[0]]
            against = self.pick((None, *ruled))
            return {} if against is None else {"by": against.by, "case": against.case}
        return {}

    def ruling(self, kind: Kind, day: dt.date, segs: tuple[str, ...] | None) -> dict[str, Any]:
        """The kort geding a ruling names: mostly one pending about the first segment it concerns,
        by its case or else its plaintiff, if that names one still pending about every segment it
        concerns; else none (the earliest pending)."""
        concerned = segs or self.ids
        if kind.key == _UPHELD:
            return {}  # the earliest pending, as allowed_events judged it (see fits)
        chosen = self.pick((*self.pending[concerned[0]], None))
        if chosen is None:
            return {}
        named = {"case": chosen.case} if chosen.case else {"by": chosen.by} if chosen.by else {}
        probe = EVENT_MODELS[kind.type](on=day, **kind.fields, **named)
        return named if all(_decided(probe, self.pending[s]) is not None for s in concerned) else {}

    def tender_start(self, day: dt.date) -> dict[str, Any]:
        """The deadlines of a tender start whose notice is sent on ``day``, for the procedure's type
        under its rulebook, at or after the first date ``check()`` accepts without a warning.

        What the notice says about electronic submission and free access is drawn (yes, no, or
        nothing). The deadline of the stage the procedure type opens with (requests to participate
        where there is a pre-selection, else tenders) is always given; where the rulebook also has
        a figure for tenders (the restricted procedure), sometimes a deadline for tenders after it.
        A procedure without a type gets none: nothing to judge them by.
        """
        kind = self.settings.procedure_type
        if kind is None:
            return {}
        book = self.settings.rulebook
        electronic, free = self.pick(FACTS), self.pick(FACTS)
        values: dict[str, Any] = {"electronic_submission": electronic, "free_access": free}
        stage = default_stage(kind, book, day)
        first = lawful_deadline(kind, book, day, stage, electronic, free)
        if first is None:
            return values
        values[DEADLINE_FIELDS[stage]] = chosen = plus(first, self.draw(_SLACK))
        if stage == "requests":
            tenders = lawful_deadline(kind, book, day, "tenders", electronic, free)
            if tenders is not None and self.flag():
                values[DEADLINE_FIELDS["tenders"]] = plus(max(tenders, chosen), self.draw(_SLACK))
        return values

    def contract(self, day: dt.date, segs: tuple[str, ...] | None) -> dict[str, Any]:
        limit = contract_limit(day, self.settings.max_contract_years)
        initial_end = plus(day, self.number(0, 3 * 366), limit)
        max_end = plus(initial_end, self.number(0, 3 * 366), limit)
        return {"initial_end": initial_end, "max_end": max_end,
                "municipalities": self.municipalities_for(segs)}

    def seats(self) -> int:
        """The most members a registration without a meeting date may add (it counts for every
        meeting): what the largest meeting leaves of the procedure's limit, or up to 10 without one."""
        limit = self.settings.bestuurlijk_overleg.max_delegation_size
        if limit is None:
            return 10
        undated = self.delegates.get(None, 0)
        return limit - undated - max((n for day, n in self.delegates.items() if day is not None), default=0)

    def has_room(self, seg: str) -> bool:
        """Whether the contracts of ``seg`` end before their ``max_end`` (the rule compares with the
        contract recorded last, in date order)."""
        present = self.proc.contract_end(seg)
        return present is not None and present < self.contracts[seg].max_end

    def extended_to(self, day: dt.date, segs: tuple[str, ...] | None) -> dt.date | None:
        """A date from the contracts' present end to their ``max_end``; ``None`` if there is no room."""
        chosen = segs or self.ids
        low = max([day, *(self.proc.contract_end(s) or day for s in chosen)])
        high = min(self.contracts[s].max_end for s in chosen)
        if low > high:
            return None
        return plus(low, self.number(0, (high - low).days))


class _Ways:
    """What a walk may draw on a day, per way: the kinds and the segments each takes that way.

    A segment whose course has ended is asked about only when a way that can take it is: a
    terminal state takes a segment nowhere (the declaration's check), so only another kort
    geding, a ruling, an appeal or an event that changes no state can concern it.
    """

    def __init__(self, walk: Walk, day: dt.date) -> None:
        self.walk, self.day = walk, day
        self.kinds: dict[str, dict[KindKey, list[str]]] = {way: {} for way in _ALL_WAYS}
        self.ended = [s for s in walk.ids if walk.proc.segment_state_on(s, day).spec.terminal]
        for seg in walk.ids:
            if seg not in self.ended:
                self.add(seg)

    def add(self, seg: str) -> None:
        for way, key in self.walk.ways_of(seg, self.day):
            self.kinds[way].setdefault(key, []).append(seg)

    def __getitem__(self, way: str) -> dict[KindKey, list[str]]:
        if way in (HELD, DISPUTE, STILL) and self.ended:
            for seg in self.ended:
                self.add(seg)
            self.ended = []
        return self.kinds[way]


_APPEAL = key_of("appeal", {})
_UPHELD = key_of("kort_geding_ruling", {"outcome": "upheld"})
_NOT_EXTENDED = key_of("contract_extension", {"extended_to": None})


def _way(kind: Kind, now: SegmentState, then: SegmentState) -> str:
    """The way an event of ``kind`` takes a segment from ``now`` to ``then``."""
    if kind.trigger is None:
        return STILL
    if kind.in_time or onward(now, then):
        return ONWARD
    if then == now:
        return HELD
    return ASIDE if reaches_contracts(then) else AWAY


def _by_trigger(kinds: Sequence[Kind]) -> tuple[tuple[Kind, ...], ...]:
    """``kinds`` (of one type) grouped by the trigger they fire, in their order: the outcomes of the
    type (the four grounds of a standstill exemption are one)."""
    triggers = dict.fromkeys(k.trigger for k in kinds)
    return tuple(tuple(k for k in kinds if k.trigger == t) for t in triggers)


def _decided(ruling: Event, pending: tuple[PendingKortGeding, ...]) -> PendingKortGeding | None:
    """The kort geding of ``pending`` that ``ruling`` decides, as the lifecycle matches it."""
    return SegmentCourse("", Track(LIFECYCLE.initial), kort_gedingen=pending).ruled_on(ruling)
