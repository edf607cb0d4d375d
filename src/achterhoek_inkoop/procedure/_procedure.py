"""A procurement procedure: its data, its replay, and the questions an officer asks of it.

A :class:`Procedure` holds validated data (the record) and its
:class:`~achterhoek_inkoop.lifecycle.Replay`: the timeline the machine
computed from its events and the violations found in it. Recording an event
dated on or after the last one steps only that event; an earlier one makes
everything be computed again. Either way the event is kept only if it breaks
no rule, and a refused event (or one that fails for any other reason) leaves
the procedure exactly as it was.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from collections.abc import Iterable
from typing import Any, Literal

from pydantic import ValidationError

from .._exceptions import InvalidInputError
from .._files import json_place
from .._text import N_, Text, pydantic_problem
from .._validate import check_date
from ..calendar import Calendar, StandstillPeriod, check_calendar, default_calendar
from ..lifecycle import (
    ALLOWED,
    LIFECYCLE,
    NeedsRebuild,
    Phase,
    Replay,
    SegmentCourse,
    SegmentState,
    TrackView,
    Violation,
    Violations,
    mermaid_diagram,
    segments_of,
)
from ..record import (
    EVENT_TYPES,
    MILESTONES,
    Event,
    Plan,
    ProcedureData,
    event_adapter,
    event_reference_problems,
    reference_problems,
)
from ._allowed import AllowedEvent, allowed_events
from ._display import procedure_html
from ._exports import ExportsOfAProcedure
from ._guarded import GuardedProcedure, locked

__all__ = ["Procedure"]

_CLOSED = LIFECYCLE.where(closed_to_dialogue=True)


class Procedure(ExportsOfAProcedure, GuardedProcedure):
    """A procurement procedure that answers, for any date, where it stands.

    Build one from a file (:func:`load_procedure`), from the bundled data
    (``inkoop2022()``), or from a :class:`ProcedureData`.

    >>> import achterhoek_inkoop as ai
    >>> from datetime import date
    >>> proc = ai.inkoop2022()
    >>> proc.phase_on(date(2021, 5, 1))
    <Phase.AANBESTEDING: 'aanbesteding'>
    >>> proc.dialogue_allowed(date(2021, 2, 10))
    True

    Threads may share one: ``record``, ``record_many`` and ``save`` run one at a time, and a
    query answers for the record before or after a concurrent record, never half of one. To ask
    several questions of one record meanwhile, ask a copy: ``copy.copy(proc)`` is independent.
    """

    __slots__ = (
        "_calendar",
        "_data",
        "_dialogue_view",
        "_events",
        "_first_on",
        "_known_ids",
        "_last_on",
        "_phase_view",
        "_replay",
        "_scratch",
        "_segment_views",
    )

    def __init__(self, data: ProcedureData, *, calendar: Calendar | None = None) -> None:
        if not isinstance(data, ProcedureData):
            raise InvalidInputError("data", data, Text("is not a ProcedureData"))
        for place, value, problem in reference_problems(data):
            raise InvalidInputError(place, value, problem)
        self._start(data, calendar)

    @classmethod
    def _from_file_data(cls, data: ProcedureData, calendar: Calendar | None) -> Procedure:
        """A procedure of ``data`` the file reader validated, its references included: they
        are not checked twice (a quarter of loading a file)."""
        proc = cls.__new__(cls)
        proc._start(data, calendar)
        return proc

    def _start(self, data: ProcedureData, calendar: Calendar | None) -> None:
        self._guard()
        self._calendar = default_calendar() if calendar is None else check_calendar(calendar)
        self._known_ids = (set(data.segment_ids), {m.id for m in data.municipalities})
        self._rebuild(data)

    def _rebuild(self, data: ProcedureData) -> None:
        """Compute the timeline and the violations of ``data`` from scratch."""
        self._data = data
        self._events = list(data.events)
        self._last_on = max((e.on for e in self._events), default=None)
        self._replay = Replay(data, self._calendar)
        self._changed()

    def _changed(self) -> None:
        """Forget every answer kept for the record as it was."""
        # The tracks the frequent queries read, each as one lookup table (Track.view), taken
        # when first asked: a query is then a type check and one binary search.
        self._phase_view: TrackView[Phase] | None = None
        self._dialogue_view: TrackView[bool] | None = None
        self._segment_views: dict[str, TrackView[SegmentState]] = {}
        self._scratch: tuple[dt.date, Replay, list[Event]] | None = None
        self._first_on: tuple[dt.date | None] | None = None  # (first date of the record,), once asked

    # -- identity --------------------------------------------------------
    @property
    def data(self) -> ProcedureData:
        """The validated data of the procedure (immutable), its events included."""
        with self._lock:  # not half a record of another thread
            if len(self._data.events) != len(self._events):
                # Events recorded since the data was last asked for join it here, not on every record.
                self._data = self._data.model_copy(update={"events": tuple(self._events)})
            return self._data

    @property
    def events(self) -> tuple[Event, ...]:
        """The recorded events, in the order they were recorded."""
        return self.data.events

    def __repr__(self) -> str:
        return f"<Procedure {self._data.id!r}: {len(self._events)} events>"

    @property
    def calendar(self) -> Calendar:
        """The statutory calendar the procedure counts its periods with."""
        return self._calendar

    def as_known_on(self, on: dt.date) -> Procedure:
        """The procedure as it was known at the end of ``on``: only what was recorded by then.

        Events dated after ``on`` and plans published after it are left out;
        the calendar is the same. A view "as known on" a date never shows
        what was decided later.

        >>> import achterhoek_inkoop as ai
        >>> from datetime import date
        >>> known = ai.inkoop2022().as_known_on(date(2021, 5, 1))
        >>> len(known.events), [p.id for p in known.data.plans]
        (4, ['plan-2020-11-24'])
        """
        on = check_date("on", on, in_calendar=False)
        data = self.data
        return Procedure(data.model_copy(update={
            "events": tuple(e for e in data.events if e.on <= on),
            "plans": tuple(p for p in data.plans if p.published <= on),
        }), calendar=self._calendar)

    def segments_of(self, event: Event) -> tuple[str, ...]:
        """The ids of the segments ``event`` concerns: those it names, or every segment."""
        return segments_of(event, self._data.segment_ids)

    def to_html(self, *, lang: str = "en") -> str:
        """Plan against what happened, phases, segments, record and violations as HTML in ``lang``
        (``"en"`` or ``"nl"``, else :class:`InvalidInputError`); a notebook shows the English."""
        return procedure_html(self, lang=lang)

    def _repr_html_(self) -> str:
        return self.to_html()

    def diagram(self) -> str:
        """The Mermaid text of the state machines this procedure runs on."""
        return mermaid_diagram()

    # -- queries ---------------------------------------------------------
    def phase_on(self, on: dt.date) -> Phase:
        """The phase of the procedure at the end of ``on``."""
        view = self._phase_view
        if view is None or type(on) is not _date:  # a plain date needs no check (a hot path)
            on = check_date("on", on, in_calendar=False)
            with self._lock:  # taken from a replay no record is changing (so are the others)
                view = self._phase_view = self._replay.timeline.phase.view()
        return view[1][bisect_right(view[0], on)]

    def segment_state_on(self, segment: str, on: dt.date) -> SegmentState:
        """The state of ``segment`` at the end of ``on``."""
        view = self._segment_views.get(segment) if type(segment) is str else None
        if view is None or type(on) is not _date:
            with self._lock:
                track = self._course(segment).track
                on = check_date("on", on, in_calendar=False)
                view = self._segment_views[segment] = track.view()
        return view[1][bisect_right(view[0], on)]

    @locked
    def allowed_events(self, segment: str, on: dt.date) -> list[AllowedEvent]:
        """The events that may be recorded for ``segment`` on ``on``, each with the state it leads to.

        This is "what can happen next": every event type about segments, and
        every outcome that leads elsewhere, that ``record`` would accept on
        ``on`` (judged on the record as known that day), with the segment's
        state at the end of that day and any warning it would give.

        >>> import achterhoek_inkoop as ai
        >>> from datetime import date
        >>> proc = ai.inkoop2022()
        >>> [(e.type, dict(e.fields), e.state.value)
        ...  for e in proc.allowed_events("wmo-wonen", date(2022, 3, 20)) if e.type == "kort_geding"]
        [('kort_geding', {}, 'gunning.kort_geding')]
        """
        self._course(segment)
        on = check_date("on", on, in_calendar=False)
        if self._last_on is None or on >= self._last_on:
            return allowed_events(self._replay, self._events, segment, on)
        if self._scratch is None or self._scratch[0] != on:
            known = self.as_known_on(on)
            self._scratch = (on, known._replay, known._events)
        _, replay, events = self._scratch
        return allowed_events(replay, events, segment, on)

    def dialogue_allowed(self, on: dt.date, *, segments: Iterable[str] | None = None) -> bool:
        """Whether a Gesprekstafel, session or Bestuurlijk Overleg may be held on ``on``.

        Dialogue is not allowed while any segment concerned (default: all) is in
        the tender or in an award that is not yet final (invitation of 24-11-2020, ``SDA 2020-11-24``:
        no dialogue during the tender; equal treatment and transparency).
        """
        view = self._dialogue_view
        if segments is None and view is not None and type(on) is _date:  # the hot path first
            return view[1][bisect_right(view[0], on)]
        on = check_date("on", on, in_calendar=False)
        with self._lock:
            if segments is None:
                starts, states = self._replay.timeline.dialogue.view()
                view = self._dialogue_view = starts, [state == ALLOWED for state in states]
                return view[1][bisect_right(view[0], on)]
            return all(self._course(s).track.state_on(on) not in _CLOSED
                       for s in self._segment_list(segments))

    @locked
    def standstill(self, segment: str) -> StandstillPeriod | None:
        """The standstill after the latest award decision for ``segment``, if it was awarded."""
        return self._course(segment).standstill

    @locked
    def final_award_from(self, segment: str) -> dt.date | None:
        """The first date the award of ``segment`` may be (or became) final.

        The day after the standstill, or the day of a ruling that ended a kort
        geding, or of a decision that needed no standstill, or the result of a
        follow-up procedure; ``None`` while that is not known (no award, or a
        kort geding still pending).
        """
        return self._course(segment).final_from

    @locked
    def final_award_on(self, segment: str) -> dt.date | None:
        """The date the award of ``segment`` became final: the contract was concluded.

        The recorded final award; or, where none is recorded but a contract
        shows the award became final, the first day it could be, an assumption
        (:attr:`inferred_events` holds it); ``None`` while it is not final.

        >>> import achterhoek_inkoop as ai
        >>> ai.inkoop2022().final_award_on("wmo-wonen")     # no final award recorded: inferred
        datetime.date(2022, 4, 5)
        """
        return self._course(segment).final_on

    @property
    @locked
    def inferred_events(self) -> tuple[Event, ...]:
        """The final awards the record does not hold but its contracts show, each dated on the
        first day it could be and with a ``source`` that says it is an assumption."""
        return tuple(self._replay.inferred)

    def municipality_segments(self, municipality: str) -> set[str]:
        """The segments ``municipality`` joined."""
        for muni in self._data.municipalities:
            if muni.id == municipality:
                return set(muni.segments or self._data.segment_ids)
        raise InvalidInputError("municipality", municipality, self._known("municipalities",
                                [m.id for m in self._data.municipalities]))

    @locked
    def actual(self, milestone: str) -> dt.date | None:
        """When ``milestone`` happened according to the record (``None``: not yet)."""
        self._milestone(milestone)
        return self._replay.timeline.first_dates.get(milestone)

    def planned(self, milestone: str, *, baseline: str | None = None) -> dt.date | None:
        """The planned date of ``milestone`` in the plan ``baseline`` (default: the first plan).

        A later plan (a revision) keeps the dates of the plans before it that it did not change.
        """
        self._milestone(milestone)
        planned: dt.date | None = None
        for plan in self._plans_until(baseline):
            for name, day in plan.milestones.items():
                if name == milestone:
                    planned = day
        return planned

    def slip(self, milestone: str, *, baseline: str | None = None) -> int | None:
        """Days between the plan ``baseline`` (default: the first plan) and what happened.

        Positive is late. ``None`` if the milestone has not happened or was not planned.

        >>> import achterhoek_inkoop as ai
        >>> ai.inkoop2022().slip("gunning")
        164
        """
        planned = self.planned(milestone, baseline=baseline)
        actual = self.actual(milestone)
        if planned is None or actual is None:
            return None
        return (actual - planned).days

    @locked
    def intervals(self, segment: str | None = None
                  ) -> list[tuple[dt.date, dt.date | None, Phase | SegmentState]]:
        """The phases (or the states of ``segment``) as ``(start, end, state)``, end inclusive.

        The first is the initial ``dialoog``, from the first date the record
        holds (its earliest event, or the publication of its first plan if
        that is earlier) to the day before the first change. No record says
        when a dialogue began, so that start is where the record begins, not
        a fact about the dialogue: :meth:`phase_on` answers ``dialoog`` for
        earlier dates too. A record with no date at all has no intervals.

        >>> import achterhoek_inkoop as ai
        >>> ai.inkoop2022().intervals()[0]
        (datetime.date(2020, 11, 24), datetime.date(2021, 3, 31), <Phase.DIALOOG: 'dialoog'>)
        """
        track = self._replay.timeline.phase if segment is None else self._course(segment).track
        found: list[tuple[dt.date, dt.date | None, Any]] = list(track.intervals())
        if self._first_on is None:
            days = [e.on for e in self._events] + [plan.published for plan in self._data.plans]
            self._first_on = (min(days, default=None),)
        first = self._first_on[0]
        if first is not None and (not found or first < found[0][0]):
            found.insert(0, (first, found[0][0] - dt.timedelta(days=1) if found else None, track.initial))
        return found

    @locked
    def contract_end(self, segment: str) -> dt.date | None:
        """The last day of the contracts of ``segment``, with any extension."""
        return self._course(segment).contract_end

    # -- rules -----------------------------------------------------------
    @locked
    def check(self) -> Violations:
        """Every rule the record breaks, errors and warnings, in date order (a list).

        An event refused because an earlier one of its segment was (a contract
        after an award decision dated before the tender) is not reported apart:
        the earlier one, the root, names it.
        """
        return Violations(self._replay.reported())

    @locked
    def record(self, event: Event) -> list[Violation]:
        """Add ``event`` to the record, unless it breaks a rule.

        Returns the warnings it raised. Raises :class:`RuleViolation` (and
        changes nothing) if the event, or the record with it, breaks a rule
        with severity ``error`` that the record did not break before.

        An event dated on or after every recorded one costs only its own
        steps. An earlier one steps again only the course of each segment it
        concerns (none for an announcement); the phases and violations are
        then computed again once, when next asked.
        """
        event = self._checked_event(event, "event")
        if self._last_on is not None and event.on < self._last_on:
            return self._record_by_rebuild([event])
        try:
            return self._record_at_end(event)
        except NeedsRebuild:
            # It shows an award became final earlier than the record said: what came before changes.
            return self._record_by_rebuild([event])

    @locked
    def record_many(self, events: Iterable[Event]) -> list[Violation]:
        """Add ``events`` to the record at once: all of them, or none.

        Returns the warnings they raised together. Raises :class:`RuleViolation`
        (and changes nothing) if the record with all of them breaks a rule with
        severity ``error`` that it did not break before; so a kort geding and
        its ruling can be added to a finished record in one step.

        >>> import achterhoek_inkoop as ai
        >>> from datetime import date
        >>> proc = ai.inkoop2022()
        >>> proc.record_many([
        ...     ai.KortGedingRuling(on=date(2022, 3, 30), outcome="rejected", by="Aanbieder X",
        ...                         segments=("wmo-wonen",)),
        ...     ai.KortGeding(on=date(2022, 3, 21), by="Aanbieder X", segments=("wmo-wonen",))])
        []
        >>> proc.segment_state_on("wmo-wonen", date(2022, 3, 25)).value
        'gunning.kort_geding'
        """
        if isinstance(events, str | bytes | dict) or not isinstance(events, Iterable):
            raise InvalidInputError("events", events, Text("must be a list of events"))
        checked = [self._checked_event(e, f"events[{i}]") for i, e in enumerate(events)]
        ids = [e.id for e in checked if e.id is not None]
        for i, event in enumerate(checked):
            if event.id is not None and ids.count(event.id) > 1:
                raise InvalidInputError(f"events[{i}].id", event.id, Text("is given to more than one event"))
        return self._record_by_rebuild(checked) if checked else []

    def _checked_event(self, raw: object, place: str) -> Event:
        event = _coerce_event(raw, place)
        for where, value, problem in event_reference_problems(event, place, *self._known_ids):
            raise InvalidInputError(where, value, problem)
        if event.id is not None and any(e.id == event.id for e in self._events):
            # Ids are unique in a procedure file: its calendar entries are named by them.
            raise InvalidInputError(f"{place}.id", event.id, Text("is the id of an event already recorded"))
        return event

    def _record_by_rebuild(self, events: list[Event]) -> list[Violation]:
        """Record ``events`` dated anywhere: only the courses of the segments they concern are
        stepped again (:meth:`Replay.insert`), not the whole record; refused, nothing changed."""
        try:
            new = self._replay.insert(events, self._events)
        finally:
            self._changed()  # the replay answers differently (or, refused, was stepped back)
        self._events.extend(events)
        last = max(e.on for e in events)  # not the whole record's: a record costs its own steps
        self._last_on = last if self._last_on is None else max(self._last_on, last)
        return new

    def _record_at_end(self, event: Event) -> list[Violation]:
        new = self._replay.append(event, self._events)
        self._events.append(event)
        self._last_on = event.on
        self._changed()
        return new

    # -- helpers ---------------------------------------------------------
    def _course(self, segment: str) -> SegmentCourse:
        course = self._replay.timeline.courses.get(segment) if isinstance(segment, str) else None
        if course is None:
            raise InvalidInputError("segment", segment,
                                    self._known("segments", self._data.segment_ids))
        return course

    def _segment_list(self, segments: Iterable[str]) -> list[str]:
        if isinstance(segments, str):
            raise InvalidInputError("segments", segments, Text("must be a list of segment ids, not one"))
        try:
            chosen = list(segments)
        except TypeError:
            raise InvalidInputError("segments", segments, Text("must be a list of segment ids")) from None
        if not chosen:
            raise InvalidInputError("segments", chosen, Text("is empty; name at least one segment, "
                                                             "or leave it out for all"))
        for seg in chosen:
            self._course(seg)
        return chosen

    def _milestone(self, milestone: str) -> None:
        if milestone not in MILESTONES:
            raise InvalidInputError("milestone", milestone, self._known("milestones", MILESTONES))

    def _plans_until(self, baseline: str | None) -> list[Plan]:
        plans = sorted(self._data.plans, key=lambda p: p.published)
        if baseline is None:
            return plans[:1]
        for i, plan in enumerate(plans):
            if plan.id == baseline:
                return plans[: i + 1]
        raise InvalidInputError("baseline", baseline, self._known("plans", [p.id for p in plans]))

    @staticmethod
    def _known(kind: Literal["municipalities", "segments", "milestones", "plans"], ids: Iterable[str]
               ) -> str:
        return Text(_UNKNOWN[kind], ids=", ".join(ids) or Text("none"))


#: The type a query's fast path takes without a check (a global name: one lookup fewer than dt.date).
_date = dt.date

#: The problem of an unknown id, by what it should have been.
_UNKNOWN = {"municipalities": N_("is unknown; the municipalities are: %(ids)s"),
            "segments": N_("is unknown; the segments are: %(ids)s"),
            "milestones": N_("is unknown; the milestones are: %(ids)s"),
            "plans": N_("is unknown; the plans are: %(ids)s")}


def _coerce_event(raw: object, place: str = "event") -> Event:
    """An event model from an event model or its dict form, else an error naming the field."""
    try:
        return event_adapter.validate_python(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        raise InvalidInputError(f"{place}.{json_place(first['loc'], EVENT_TYPES)}".rstrip("."),
                                first.get("input"), pydantic_problem(first)) from None
