"""A portfolio on a date as a pandas DataFrame, and its deadlines, fast (the ``notebook`` extra).

A tool that watches many procedures asks the same question of each of
thousands on one date: a table an analyst can filter (``Portfolio.on``),
which ``achterhoek-inkoop portfolio`` prints too. Each answer is the
procedure as known at the end of the date, as every view of a date is
(``_known``); the frame asks each procedure's lookup tables directly, and
replays a procedure as known on the date only where that could answer
otherwise.
"""

from __future__ import annotations

import datetime as dt
import weakref
from typing import TYPE_CHECKING

from .._exceptions import require
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
    frame = pd.DataFrame({
        "file": pd.Series([r[0] for r in rows], dtype="string"),
        "id": pd.Series([r[1] for r in rows], dtype="string"),
        "name": pd.Series([r[2] for r in rows], dtype="string"),
        "phase": pd.Series([r[3] for r in rows], dtype="string"),
        "dialogue_allowed": pd.Series([r[4] for r in rows], dtype=bool),
        "segments": pd.Series([r[5] for r in rows], dtype=object),
    })
    return frame


def portfolio_rows(portfolio: Portfolio, on: dt.date) -> list[_Row]:
    """The rows of :func:`portfolio_frame` as tuples, in :data:`PORTFOLIO_COLUMNS` order (no pandas)."""
    on = check_date("on", on, in_calendar=False)
    return [_row(key, proc, on) for key, proc in portfolio.items()]


def _row(key: str, proc: Procedure, on: dt.date) -> _Row:
    segments, windows = _facts(proc)
    if any(start <= on and (shown is None or on < shown) for start, shown in windows):
        return _known_row(key, known_on(proc, on), on)
    data = proc.data
    return (key, data.id, data.name, _VALUES[proc.phase_on(on)], proc.dialogue_allowed(on),
            {seg: _VALUES[proc.segment_state_on(seg, on)] for seg in segments})


def _known_row(key: str, known: Procedure, on: dt.date) -> _Row:
    data = known.data
    return (key, data.id, data.name, known.phase_on(on).value, known.dialogue_allowed(on),
            {seg: known.segment_state_on(seg, on).value for seg in data.segment_ids})


#: Each phase's and state's value, looked up faster than ``.value`` is read (a portfolio asks
#: this of ten thousand procedures at once).
_VALUES: dict[Phase | SegmentState, str] = {s: s.value for s in (*Phase, *SegmentState)}

#: When the procedure as known on a day may differ from the whole record on that day: for each
#: final award the timeline infers from a contract (dated on the first day it could be), that
#: day and the first contract of its segment on or after it (``None``: none found, every later
#: day). The timeline steps events in date order, so a day's states follow from the events up
#: to it, but for these: until the contract, the procedure as known then has no final award.
_Windows = tuple[tuple[dt.date, dt.date | None], ...]
#: The segment ids and the windows of each procedure's data, by the data's id while it lives:
#: a procedure's data is a new object whenever its record changes.
_FACTS: dict[int, tuple[weakref.ref[ProcedureData], Calendar, tuple[str, ...], _Windows]] = {}


def _facts(proc: Procedure) -> tuple[tuple[str, ...], _Windows]:
    """The segment ids of ``proc`` and its windows (see :data:`_Windows`), kept while its data is."""
    data, calendar = proc.data, proc.calendar
    kept = _FACTS.get(id(data))
    if kept is not None and kept[0]() is data and kept[1] is calendar:
        return kept[2], kept[3]
    windows = tuple((award.on, min((e.on for e in data.events if e.type == "contract" and e.on >= award.on
                                    and set(proc.segments_of(award)) & set(proc.segments_of(e))),
                                   default=None))
                    for award in proc.inferred_events)
    key = id(data)
    _FACTS[key] = (weakref.ref(data, lambda _: _FACTS.pop(key, None)), calendar, data.segment_ids, windows)
    return data.segment_ids, windows


def portfolio_deadlines(proc: Procedure, on: dt.date) -> tuple[Deadline, ...]:
    """``proc.deadlines(on)``, without replaying the procedure as known on ``on`` when it records
    nothing after ``on`` (a portfolio asks this of thousands)."""
    on = check_date("on", on, in_calendar=False)
    data = proc.data
    if all(e.on <= on for e in data.events) and all(p.published <= on for p in data.plans):
        return _upcoming(proc, on)
    return next_deadlines(proc, on)
