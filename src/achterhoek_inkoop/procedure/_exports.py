"""Where the exports plug into :class:`Procedure`'s convenience methods.

``proc.to_ocds(on)``, ``proc.to_ics()``, ``proc.events_frame()`` and the
like are conveniences for notebooks and scripts. The exports themselves live
a layer above the procedure (``achterhoek_inkoop.exports``) and the procedure
never imports them: each export registers its function here when the
exports package is imported, which the first call of one does (:func:`export`). Their
third-party libraries are imported only when an export is called.
"""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, cast

from .._exceptions import InkoopError
from ._status import Deadline, Status

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.axes import Axes

__all__ = ["ExportsOfAProcedure", "export", "register_export"]

_EXPORTS: dict[str, Callable[..., Any]] = {}


def register_export(name: str, function: Callable[..., Any]) -> None:
    """Make ``function`` the export called ``name`` (its first argument is the procedure)."""
    _EXPORTS[name] = function


def export(name: str) -> Callable[..., Any]:
    """The export called ``name``.

    ``import achterhoek_inkoop`` imports nothing eagerly (start-up), so the
    first export asked for imports the exports package, which registers them all.
    """
    if name not in _EXPORTS:
        importlib.import_module(__name__.split(".")[0] + ".exports")
    try:
        return _EXPORTS[name]
    except KeyError:
        raise InkoopError(f"the export {name!r} is not registered: import achterhoek_inkoop.exports"
                          ) from None


class ExportsOfAProcedure:
    """The convenience methods of :class:`~achterhoek_inkoop.Procedure` that call an export."""

    __slots__ = ()

    def events_frame(self, on: dt.date | None = None) -> pd.DataFrame:
        """One row per recorded event, in record order, with typed columns.

        With ``on``, only the events known at the end of that day
        (:meth:`as_known_on`). Needs pandas (``pip install 'achterhoek_inkoop[notebook]'``);
        the columns and their types are described in :func:`achterhoek_inkoop.exports.events_frame`.
        """
        return cast("pd.DataFrame", export("events_frame")(self, on))

    def phases_frame(self, *, baseline: str | None = None, on: dt.date | None = None) -> pd.DataFrame:
        """One row per phase interval and per segment-state interval, with plan and slip.

        ``baseline`` is the plan to measure against (default: the first plan).
        With ``on``, the intervals as known at the end of that day
        (:meth:`as_known_on`), those not yet facts then marked ``expected``.
        Needs pandas; how milestones map to intervals is described in
        :func:`achterhoek_inkoop.exports.phases_frame`.

        >>> import achterhoek_inkoop as ai
        >>> frame = ai.inkoop2022().phases_frame()
        >>> int(frame.loc[(frame.subject == "procedure") & (frame.state == "gunning"), "slip_days"].iloc[0])
        164
        """
        return cast("pd.DataFrame", export("phases_frame")(self, baseline=baseline, on=on))

    def plot_timeline(self, ax: Axes | None = None, on: dt.date | None = None, *,
                      xlim: tuple[dt.date, dt.date] | None = None, around: str | None = None,
                      lang: str = "nl") -> Axes:
        """Draw plan against actual as a Gantt chart on ``ax`` (or a new figure) and return the Axes.

        ``on``, when given, is drawn as a dashed line and the procedure as known
        on it (:meth:`as_known_on`), what it implies after ``on`` drawn lighter
        as expected; the plot never assumes today. ``xlim`` (first and last day)
        or ``around`` (a phase, e.g. ``"gunning"``) zoom in. ``lang`` is the
        language of the labels, ``"nl"`` (the default) or ``"en"``. In a
        notebook, end the cell with ``ax.figure`` to show a figure the library
        made. Needs matplotlib; what is drawn is described in
        :func:`achterhoek_inkoop.exports.plot_timeline`.
        """
        return cast("Axes", export("plot_timeline")(self, ax, on, xlim=xlim, around=around, lang=lang))

    def report_html(self, on: dt.date, *, lang: str = "nl") -> str:
        """The report page as known at the end of ``on``: one self-contained HTML page in ``lang``.

        Status, next deadlines, violations, the standstill explained and the
        timeline as inline SVG, printable, loading nothing from outside;
        ``lang`` is ``"nl"`` or ``"en"``. Needs the ``report`` extra; what the
        page holds is described in :func:`achterhoek_inkoop.exports.report_html`.
        """
        return cast(str, export("report_html")(self, on, lang=lang))

    def to_ics(self, on: dt.date | None = None) -> bytes:
        """The procedure as an iCalendar file (RFC 5545): milestones, meetings and deadlines.

        With ``on``, the calendar as known at the end of that day
        (:meth:`as_known_on`), the deadlines after it marked expected.

        Every entry has a stable UID, so importing an updated file updates entries
        instead of duplicating them. Needs the ``ics`` extra; without it raises
        :class:`MissingExtraError`.
        """
        return cast(bytes, export("ics")(self, on))

    def to_ocds(self, on: dt.date, *, ocid_prefix: str | None = None, publisher: str | None = None,
                uri: str | None = None, buyer: str | None = None, lang: str = "nl") -> dict[str, Any]:
        """An OCDS 1.1 release package of the procedure as known at the end of ``on``.

        Events after ``on`` are left out and the states on ``on`` decide the
        statuses: an award is ``pending`` while its standstill runs and
        ``active`` once final. ``ocid_prefix``, ``publisher``, ``uri`` and the
        lead ``buyer`` override the file's ``ocds`` settings; what neither gives
        is a placeholder (``achterhoek_inkoop.exports.ocds_warnings`` says which).
        ``lang`` (``"nl"``, the default, or ``"en"``) is the release's
        ``language`` and that of the titles and descriptions the export makes.
        The mapping is described in :func:`achterhoek_inkoop.exports.procedure_to_ocds`.

        >>> import achterhoek_inkoop as ai
        >>> from datetime import date
        >>> release = ai.inkoop2022().to_ocds(date(2022, 4, 10))["releases"][0]
        >>> [award["status"] for award in release["awards"]][:5]    # may become final: not yet
        ['pending', 'pending', 'pending', 'pending', 'unsuccessful']
        >>> release = ai.inkoop2022().to_ocds(date(2022, 7, 1))["releases"][0]
        >>> [award["status"] for award in release["awards"]][:5]    # the contracts show it was
        ['active', 'active', 'active', 'active', 'unsuccessful']
        """
        return cast("dict[str, Any]", export("ocds")(self, on, ocid_prefix=ocid_prefix,
                                                     publisher=publisher, uri=uri, buyer=buyer, lang=lang))

    def status(self, on: dt.date, *, baseline: str | None = None) -> Status:
        """Where the procedure stands at the end of ``on``, as known that day: a :class:`Status`.

        Its phase and segments, whether dialogue is allowed, the plan against
        what happened (each milestone's slip against ``baseline``, a plan
        published by ``on``; default the first plan) and the deadlines on or
        after ``on``. What the record then implies for later days is marked
        expected. ``status.to_dict()`` is what ``achterhoek-inkoop status --json`` prints.

        >>> import achterhoek_inkoop as ai
        >>> from datetime import date
        >>> s = ai.inkoop2022().status(date(2022, 3, 20))
        >>> s.phase.value, s.segment("wmo-wonen").final_award_from
        ('gunning', datetime.date(2022, 4, 5))
        """
        return cast(Status, export("status")(self, on, baseline=baseline))

    def deadlines(self, on: dt.date) -> tuple[Deadline, ...]:
        """The deadlines on or after ``on``, as known at the end of that day, in date order.

        One :class:`Deadline` per date and kind, naming the segments concerned;
        ``expected`` marks what follows from the record so far and may still
        change. The same as ``status(on).next_deadlines``, without the rest.

        >>> import achterhoek_inkoop as ai
        >>> from datetime import date
        >>> [(d.date.isoformat(), d.what) for d in ai.inkoop2022().deadlines(date(2022, 3, 20))][:2]
        [('2022-04-04', 'Alcatel standstill ends (24:00)'), ('2022-04-05', 'award may become final')]
        """
        return cast("tuple[Deadline, ...]", export("deadlines")(self, on))
