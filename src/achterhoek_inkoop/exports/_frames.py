"""A procedure's record and timeline as pandas DataFrames (the ``notebook`` extra).

Analysts work in notebooks: a DataFrame of the events and one of the phase
and segment-state intervals, with plan beside actual, lets them filter, group
and chart a procurement without reading the model. pandas is optional, so it
is imported inside the functions through :func:`require`: the core install
never imports it, and calling a function here without it raises
:class:`MissingExtraError` naming the extra ``notebook``.

Column types are fixed, whatever the data (also for a procedure with no
events, which gives empty frames with the same columns):

* dates are ``datetime64[s]`` (midnight of the day; ``NaT`` where there is
  none), so the ``.dt`` accessor, date arithmetic and plotting work on them;
* text is the ``string`` dtype (``pd.StringDtype()``, missing is ``pd.NA``) on
  pandas 2 and 3 alike;
* the event ``type`` is a ``category`` over every event type of the library;
* ``slip_days`` is the nullable ``Int64``;
* ``expected`` and ``assumed`` are ``bool``.

Both frames take ``on``: the procedure as known at the end of that day
(``proc.as_known_on(on)``: the events dated on or before it, the plans
published by then), so nothing recorded later appears. ``phases_frame`` then
marks with ``expected`` the intervals that are not facts yet on ``on``.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from .._exceptions import require
from .._validate import check_date
from ..lifecycle import Phase, SegmentState
from ..record import EVENT_TYPES, MILESTONES, Event
from ._known import is_expected, known_on

if TYPE_CHECKING:
    import pandas as pd

    from ..procedure import Procedure

__all__ = [
    "EVENT_COLUMNS",
    "PHASE_COLUMNS",
    "PHASE_MILESTONES",
    "SEGMENT_MILESTONES",
    "events_frame",
    "phases_frame",
]

_DAY = dt.timedelta(days=1)
# Seconds, not pandas' usual nanoseconds: those reach only 1677-2262, a procedure any date.
_DATE = "datetime64[s]"
_TEXT = "string"

#: The columns of :func:`events_frame`, in order.
EVENT_COLUMNS = ("on", "type", "id", "segments", "source", "note", "details")
#: The columns of :func:`phases_frame`, in order.
PHASE_COLUMNS = ("subject", "state", "label", "start", "end", "planned_start", "planned_end", "slip_days",
                 "expected", "assumed")
#: The fields every event has; the rest of an event's fields go into ``details``.
_COMMON_FIELDS = frozenset({"type", "on", "id", "source", "note", "segments"})

#: Which planned milestone a phase starts at, and which one the phase after it
#: starts at (so the phase's planned end is the day before).
PHASE_MILESTONES: dict[str, tuple[str | None, str | None]] = {
    Phase.DIALOOG: (None, "aanbesteding"),
    Phase.AANBESTEDING: ("aanbesteding", "gunning"),
    Phase.GUNNING: ("gunning", None),
    Phase.IMPLEMENTATIE: (None, "contract_start"),
    Phase.UITVOERING: ("contract_start", None),
}
#: The same for the states of a segment: the award decision (the ``gunning``
#: milestone) leads into ``voorlopig_gegund``, ``niet_gegund`` or, when it needs
#: no standstill, ``standstill_verstreken``.
SEGMENT_MILESTONES: dict[str, tuple[str | None, str | None]] = {
    SegmentState.DIALOOG: (None, "aanbesteding"),
    SegmentState.AANBESTEDING: ("aanbesteding", "gunning"),
    SegmentState.VOORLOPIG_GEGUND: ("gunning", None),
    SegmentState.NIET_GEGUND: ("gunning", None),
    SegmentState.STANDSTILL_VERSTREKEN: ("gunning", None),
    SegmentState.DEFINITIEF_GEGUND: (None, "contract_start"),
    SegmentState.IN_UITVOERING: ("contract_start", None),
}


def events_frame(proc: Procedure, on: dt.date | None = None) -> pd.DataFrame:
    """One row per recorded event, in record order (the index is the position in ``proc.events``).

    With ``on``, the events of ``proc.as_known_on(on)`` (dated on or before
    it), in record order, the index being the position among them.

    Columns:

    * ``on`` (``datetime64[s]``): the date of the event;
    * ``type`` (``category``): the event type, e.g. ``award_decision``;
    * ``id`` (``string``): the event's own stable name, ``<NA>`` when it has none;
    * ``segments`` (``object``): a list of the ids of the segments it concerns:
      those it names, or every segment in file order when it names none (it
      concerns them all); an empty list for an event that is not about
      segments (a registration, the overgangsregeling). So
      ``frame.explode("segments")`` gives one row per event and segment, and
      ``frame[frame.segments.map(lambda s: "wmo-wonen" in s)]`` the events
      about one segment;
    * ``source``, ``note`` (``string``): the event's own, ``<NA>`` when absent;
    * ``details`` (``object``): a dict of the fields only this type of event has
      (e.g. ``outcome``, ``follow_up``, ``providers``), with Python values, so
      ``pd.json_normalize(frame["details"].tolist())`` spreads them into columns.

    Raises :class:`MissingExtraError` (extra ``notebook``) without pandas.

    >>> import achterhoek_inkoop as ai
    >>> frame = events_frame(ai.inkoop2022())
    >>> frame.loc[frame.type == "award_decision", "segments"].tolist()[1:]
    [['wmo-logeren'], ['hoog-complexe-jeugdhulp-met-verblijf']]
    >>> frame.segments[0]                     # the announcement names no segment: all of them
    ['wmo-wonen', 'wmo-integrale-ondersteuning', 'integrale-ambulante-jeugdhulp', \
'gezins-en-woonvormen', 'wmo-logeren', 'hoog-complexe-jeugdhulp-met-verblijf']
    """
    require("pandas", "notebook")
    import pandas as pd

    events = proc.events if on is None else known_on(proc, on).events
    details: list[dict[str, Any]] = [
        event.model_dump(exclude=set(_COMMON_FIELDS)) for event in events
    ]
    frame = pd.DataFrame({
        "on": pd.Series([e.on for e in events], dtype=_DATE),
        "type": pd.Series([e.type for e in events],
                          dtype=pd.CategoricalDtype(sorted(EVENT_TYPES))),
        "id": pd.Series([e.id for e in events], dtype=_TEXT),
        "segments": pd.Series([_segment_list(proc, e) for e in events], dtype=object),
        "source": pd.Series([e.source for e in events], dtype=_TEXT),
        "note": pd.Series([e.note for e in events], dtype=_TEXT),
        "details": pd.Series(details, dtype=object),
    })
    frame.index.name = "event"
    return frame


def phases_frame(proc: Procedure, *, baseline: str | None = None, on: dt.date | None = None
                 ) -> pd.DataFrame:
    """One row per phase interval of the procedure, then per state interval of each segment.

    With ``on``, the intervals of the procedure as known at the end of that day
    (``proc.as_known_on(on)``), measured against the plans published by then:
    ``baseline`` must be one of them.

    The rows are those of ``proc.intervals()`` and ``proc.intervals(segment)``
    for the segments in file order, each starting with its ``dialoog``, from
    the first date the record holds (no record says when a dialogue began).
    Columns:

    * ``subject`` (``string``): ``"procedure"`` or the segment id;
    * ``state`` (``string``): the :class:`Phase` or :class:`SegmentState` value;
    * ``label`` (``string``): what a person reads for it, the Dutch term
      (``"voorlopig gegund"``; its English gloss is ``SegmentState(state).label.en``);
    * ``start``, ``end`` (``datetime64[s]``): first and last day (inclusive);
      ``end`` is ``NaT`` for the interval that is still open;
    * ``planned_start``, ``planned_end`` (``datetime64[s]``): from the plan
      ``baseline`` (default the first plan; a later one keeps the dates it did
      not change), else ``NaT``;
    * ``slip_days`` (``Int64``): ``start - planned_start`` in days, positive is
      late; ``<NA>`` without a planned start;
    * ``expected`` (``bool``): with ``on``, true for an interval still open at
      the end of ``on`` (its end, ``NaT`` or a date, is what the record known
      then implies, not a fact) and for one starting after ``on`` (a pending
      transition, such as the award that may become final when a standstill
      ends); false for an interval that ended before ``on``, and everywhere
      without ``on`` (the whole record);
    * ``assumed`` (``bool``): true for an interval that starts on a final award
      no event records but a later contract shows (``proc.inferred_events``,
      dated on the first day the award could be final), so its start is an
      assumption, not a fact.

    How a plan's milestones map to intervals (:data:`PHASE_MILESTONES`,
    :data:`SEGMENT_MILESTONES`): ``dialoog`` ends the day before the planned
    ``aanbesteding``, where the ``aanbesteding`` phase starts at the
    planned ``aanbesteding``, ``gunning`` at ``gunning``, ``uitvoering`` at
    ``contract_start``. A planned end is the day before the planned start of
    what follows: ``aanbesteding`` ends the day before the planned ``gunning``,
    ``implementatie`` the day before the planned ``contract_start``. A segment
    maps the same way: its ``aanbesteding`` like the phase; the state its award
    decision led into (``voorlopig_gegund``, ``niet_gegund`` or, re-tendered at
    once, ``heraanbesteding``) starts at ``gunning``; ``definitief_gegund``
    ends the day before ``contract_start``, where ``in_uitvoering`` starts. The
    milestones are the first tender start, award decision and contract start,
    so each maps to the first such interval of a subject only; a later re-tender
    has no plan to slip from. Other intervals have ``NaT``.

    Raises :class:`MissingExtraError` (extra ``notebook``) without pandas, and
    :class:`InvalidInputError` for an unknown ``baseline``.

    >>> import achterhoek_inkoop as ai
    >>> frame = phases_frame(ai.inkoop2022())
    >>> gunning = frame[(frame.subject == "procedure") & (frame.state == "gunning")]
    >>> int(gunning.slip_days.iloc[0]), str(gunning.planned_start.iloc[0].date())
    (164, '2021-10-01')
    """
    require("pandas", "notebook")
    import pandas as pd

    if on is not None:
        on = check_date("on", on, in_calendar=False)
        proc = known_on(proc, on, baseline=baseline)
    planned: dict[str, dt.date | None] = {m: proc.planned(m, baseline=baseline) for m in MILESTONES}
    rows: list[tuple[str, Phase | SegmentState, dt.date, dt.date | None, dt.date | None, dt.date | None]] = []
    subjects: list[tuple[str, str | None, dict[str, tuple[str | None, str | None]]]] = [
        ("procedure", None, PHASE_MILESTONES)]
    subjects += [(seg, seg, SEGMENT_MILESTONES) for seg in proc.data.segment_ids]
    for subject, segment, mapping in subjects:
        used: set[tuple[str, str]] = set()
        for start, end, state in proc.intervals(segment):
            start_milestone, next_milestone = mapping.get(state, (None, None))
            rows.append((subject, state, start, end,
                         _take(planned, start_milestone, "start", used),
                         _day_before(_take(planned, next_milestone, "end", used))))
    slips = [None if p is None else (start - p).days for _, _, start, _, p, _ in rows]
    frame = pd.DataFrame({
        "subject": pd.Series([r[0] for r in rows], dtype=_TEXT),
        "state": pd.Series([r[1].value for r in rows], dtype=_TEXT),
        "label": pd.Series([r[1].label.nl for r in rows], dtype=_TEXT),
        "start": pd.Series([r[2] for r in rows], dtype=_DATE),
        "end": pd.Series([r[3] for r in rows], dtype=_DATE),
        "planned_start": pd.Series([r[4] for r in rows], dtype=_DATE),
        "planned_end": pd.Series([r[5] for r in rows], dtype=_DATE),
        "slip_days": pd.Series(slips, dtype="Int64"),
        "expected": pd.Series([on is not None and is_expected(r[3], on) for r in rows], dtype=bool),
        "assumed": pd.Series([_assumed(proc, r[0], r[2]) for r in rows], dtype=bool),
    })
    return frame


def _assumed(proc: Procedure, subject: str, start: dt.date) -> bool:
    """Whether the interval of ``subject`` starting on ``start`` starts on an inferred final award
    alone: an inferred event concerns it that day, and no recorded event of that day does."""
    def concerns(event: Event) -> bool:
        return event.on == start and (subject == "procedure" or subject in proc.segments_of(event))
    return (any(concerns(e) for e in proc.inferred_events)
            and not any(concerns(e) for e in proc.events if _about_segments(e)))


def _about_segments(event: Event) -> bool:
    """Whether ``event`` is about segments at all (a registration, the overgangsregeling are not)."""
    return "segments" in type(event).model_fields


def _segment_list(proc: Procedure, event: Event) -> list[str]:
    """The ids of the segments ``event`` concerns (every one when it names none), ``[]`` when
    it is not about segments."""
    return list(proc.segments_of(event)) if _about_segments(event) else []


def _take(planned: dict[str, dt.date | None], milestone: str | None, role: str,
          used: set[tuple[str, str]]) -> dt.date | None:
    """The planned date of ``milestone``, the first time a subject uses it in ``role``."""
    if milestone is None or (milestone, role) in used:
        return None
    used.add((milestone, role))
    return planned[milestone]


def _day_before(day: dt.date | None) -> dt.date | None:
    # The first date there is has no day before it: the planned end is then unknown (NaT).
    return None if day is None or day == dt.date.min else day - _DAY
