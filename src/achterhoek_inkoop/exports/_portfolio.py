"""A portfolio on a date as a pandas DataFrame, and its deadlines, fast (the ``notebook`` extra).

A tool that watches many procedures asks the same question of each of
thousands on one date: a table an analyst can filter (``Portfolio.on``),
which ``achterhoek-inkoop portfolio`` prints too. Each answer is the
procedure as known at the end of the date, as every view of a date is
(``_known``). Each procedure's answers for every date are kept as one
lookup table, made the first time it is asked (``_Table``): a row is then
one binary search and a copy of its segments' dict, about 4 µs for each of
ten thousand procedures. A procedure is replayed as known on the date only
where that could answer otherwise.
"""

from __future__ import annotations

import datetime as dt
import weakref
from bisect import bisect_right
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .._exceptions import require
from .._gc import cycle_collection_paused
from .._validate import check_date
from ..calendar import Calendar
from ..lifecycle import Phase, SegmentState
from ..procedure import Deadline, Procedure
from ..record import ProcedureData
from ._known import known_on
from ._status import _upcoming, next_deadlines

if TYPE_CHECKING:
    import pandas as pd

    from ..procedure import Portfolio

__all__ = ["PORTFOLIO_COLUMNS", "portfolio_deadlines", "portfolio_frame", "portfolio_rows"]

#: The columns of :func:`portfolio_frame`, in order.
PORTFOLIO_COLUMNS = ("file", "id", "name", "phase", "dialogue_allowed", "segments")

_Row = tuple[str, str, str, str, bool, dict[str, str]]


def portfolio_frame(portfolio: Portfolio, on: dt.date) -> pd.DataFrame:
    """Where every procedure of ``portfolio`` stands at the end of ``on``, as known that day.

    One row per procedure, in portfolio order (the index is the position).
    Columns:

    * ``file`` (``string``): the key, the procedure file's path;
    * ``id``, ``name`` (``string``): the procedure's own;
    * ``phase`` (``string``): the :class:`Phase` value, e.g. ``"gunning"``;
    * ``dialogue_allowed`` (``bool``): whether dialogue may be held that day;
    * ``segments`` (``object``): a dict of each segment's id (in file order)
      and its :class:`SegmentState` value, e.g. ``{"wmo-wonen":
      "gunning.standstill"}``. So ``frame[frame.segments.map(lambda s:
      "gunning.standstill" in s.values())]`` are the procedures with a
      segment in its standstill, and
      ``frame.set_index("file").segments.apply(pd.Series)`` one column per
      segment id.

    As known at the end of ``on`` (``proc.as_known_on(on)``), as
    ``proc.status(on)`` answers: a final award a later contract shows is not
    final yet on a day before that contract. Raises
    :class:`MissingExtraError` (extra ``notebook``) without pandas.

    >>> import achterhoek_inkoop as ai
    >>> from datetime import date
    >>> frame = ai.Portfolio({"inkoop2022.json": ai.inkoop2022()}).on(date(2022, 3, 20))
    >>> frame.loc[0, "phase"], bool(frame.loc[0, "dialogue_allowed"]), frame.loc[0, "segments"]["wmo-wonen"]
    ('gunning', False, 'gunning.standstill')
    """
    require("pandas", "notebook")
    import pandas as pd

    rows = portfolio_rows(portfolio, on)
    files, ids, names, phases, dialogue, segments = zip(*rows, strict=True) if rows else ((),) * 6
    return pd.DataFrame({
        "file": pd.Series(files, dtype="string"),
        "id": pd.Series(ids, dtype="string"),
        "name": pd.Series(names, dtype="string"),
        "phase": pd.Series(phases, dtype="string"),
        "dialogue_allowed": pd.Series(dialogue, dtype=bool),
        "segments": pd.Series(segments, dtype=object),
    })


def portfolio_rows(portfolio: Portfolio, on: dt.date) -> list[_Row]:
    """The rows of :func:`portfolio_frame` as tuples, in :data:`PORTFOLIO_COLUMNS` order (no pandas)."""
    on = check_date("on", on, in_calendar=False)
    rows: list[_Row] = []
    append, tables = rows.append, _TABLES
    # The first time, each procedure's table is made: many objects that stay, and no garbage cycles.
    with cycle_collection_paused():
        for key, proc in portfolio.items():  # ten thousand times: one lookup table each (_Table)
            data = proc.data
            table = tables.get(id(data))
            if table is None or table.data() is not data or table.calendar is not proc.calendar:
                table = _table(proc)
            found = table.rows[bisect_right(table.starts, on)]
            if found is None:
                append(_known_row(key, known_on(proc, on), on))
            else:
                append((key, table.id, table.name, found[0], found[1], found[2].copy()))
    return rows


def _known_row(key: str, known: Procedure, on: dt.date) -> _Row:
    data = known.data
    return (key, data.id, data.name, known.phase_on(on).value, known.dialogue_allowed(on),
            {seg: known.segment_state_on(seg, on).value for seg in data.segment_ids})


#: A row's phase, whether dialogue is allowed and each segment's state (a dict to copy).
_Answer = tuple[str, bool, dict[str, str]]


@dataclass(frozen=True, slots=True)
class _Table:
    """The answers of one procedure for every date, as one lookup table: on a day ``d`` the
    answer is ``rows[bisect_right(starts, d)]`` (the first row holds before the first day), and
    ``None`` where the procedure as known on ``d`` must be replayed (see :data:`_Windows`).

    ``starts`` are the days any of the procedure's answers changes: the days its phase or a
    segment's state changes, and the windows' ends. Dialogue needs none of its own: whether it
    is allowed follows from the segments' states at the end of the day (the timeline closes it
    while a segment is in a state closed to dialogue), so it changes only where one of them does.
    """

    data: weakref.ref[ProcedureData]
    calendar: Calendar
    id: str
    name: str
    starts: list[dt.date]
    rows: list[_Answer | None]


#: The lookup table of each procedure's data, by the data's id while it lives: a procedure's
#: data is a new object whenever its record changes, and the same data on the same calendar
#: always gives the same answers.
_TABLES: dict[int, _Table] = {}


def _table(proc: Procedure) -> _Table:
    """The lookup table of ``proc``, made when first asked and kept while its data lives."""
    data = proc.data
    kept = _TABLES.get(id(data))
    if kept is not None and kept.data() is data and kept.calendar is proc.calendar:
        return kept
    key = id(data)
    table = _TABLES[key] = _make_table(proc, weakref.ref(data, lambda _: _TABLES.pop(key, None)))
    return table


def _make_table(proc: Procedure, ref: weakref.ref[ProcedureData]) -> _Table:
    data = proc.data
    segments = data.segment_ids
    windows = _windows(proc)
    days = {start for start, _, _ in proc.intervals()}
    for seg in segments:
        days.update(start for start, _, _ in proc.intervals(seg))
    days.update(day for window in windows for day in window if day is not None)
    starts = sorted(days)
    # The first row holds before the first day: ask the day before it (a day no window covers).
    first = starts[0] - _DAY if starts and starts[0] > dt.date.min else dt.date.min
    rows: list[_Answer | None] = []
    for day in (first, *starts):
        if any(start <= day and (shown is None or day < shown) for start, shown in windows):
            rows.append(None)
            continue
        answer = (_VALUES[proc.phase_on(day)], proc.dialogue_allowed(day),
                  {seg: _VALUES[proc.segment_state_on(seg, day)] for seg in segments})
        rows.append(_shared(answer))
    return _Table(ref, proc.calendar, data.id, data.name, starts, rows)


def _shared(answer: _Answer) -> _Answer:
    """The one answer equal to ``answer`` that the tables share (procedures alike in structure
    answer alike: ten thousand copies of one procedure keep a few answers, not one each)."""
    key = (answer[0], answer[1], tuple(answer[2].items()))
    if len(_ANSWERS) < _ANSWERS_KEPT:
        return _ANSWERS.setdefault(key, answer)
    return _ANSWERS.get(key, answer)


#: The answers the tables share (:func:`_shared`); bounded.
_ANSWERS: dict[tuple[str, bool, tuple[tuple[str, str], ...]], _Answer] = {}
_ANSWERS_KEPT = 4096
_DAY = dt.timedelta(days=1)

#: Each phase's and state's value, looked up faster than ``.value`` is read.
_VALUES: dict[Phase | SegmentState, str] = {s: s.value for s in (*Phase, *SegmentState)}

#: When the procedure as known on a day may differ from the whole record on that day: for each
#: final award the timeline infers from a contract (dated on the first day it could be), that
#: day and the first contract of its segment on or after it (``None``: none found, every later
#: day). The timeline steps events in date order, so a day's states follow from the events up
#: to it, but for these: until the contract, the procedure as known then has no final award.
_Windows = tuple[tuple[dt.date, dt.date | None], ...]


def _windows(proc: Procedure) -> _Windows:
    """The windows of ``proc`` (see :data:`_Windows`)."""
    data = proc.data
    return tuple((award.on, min((e.on for e in data.events if e.type == "contract" and e.on >= award.on
                                 and set(proc.segments_of(award)) & set(proc.segments_of(e))),
                                default=None))
                 for award in proc.inferred_events)


def portfolio_deadlines(proc: Procedure, on: dt.date) -> tuple[Deadline, ...]:
    """``proc.deadlines(on)``, without replaying the procedure as known on ``on`` when it records
    nothing after ``on`` (a portfolio asks this of thousands)."""
    on = check_date("on", on, in_calendar=False)
    data = proc.data
    if all(e.on <= on for e in data.events) and all(p.published <= on for p in data.plans):
        return _upcoming(proc, on)
    return next_deadlines(proc, on)
