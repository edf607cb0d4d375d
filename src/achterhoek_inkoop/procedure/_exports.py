"""Where the exports plug into :class:`Procedure`'s convenience methods.

``proc.to_ocds(on)``, ``proc.to_ics()``, ``proc.events_frame()`` and the
like are conveniences for notebooks and scripts. The exports themselves live
a layer above the procedure (``achterhoek_inkoop.exports``) and the procedure
never imports them: each export registers its function here when the
exports package is imported, which ``import achterhoek_inkoop`` does. Their
third-party libraries are imported only when an export is called.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, cast

from .._exceptions import InkoopError

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.axes import Axes

__all__ = ["ExportsOfAProcedure", "export", "register_export"]

_EXPORTS: dict[str, Callable[..., Any]] = {}


def register_export(name: str, function: Callable[..., Any]) -> None:
    """Make ``function`` the export called ``name`` (its first argument is the procedure)."""
    _EXPORTS[name] = function


def export(name: str) -> Callable[..., Any]:
    """The export called ``name``."""
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

    def plot_timeline(self, ax: Axes | None = None, on: dt.date | None = None) -> Axes:
        """Draw plan against actual as a Gantt chart on ``ax`` (or a new figure) and return the Axes.

        ``on``, when given, is drawn as a dashed line and the procedure as known
        on it (:meth:`as_known_on`), what it implies after ``on`` drawn lighter
        as expected; the plot never assumes today. In a notebook, end the cell
        with ``ax.figure`` to show a figure the library made. Needs matplotlib;
        what is drawn is described in :func:`achterhoek_inkoop.exports.plot_timeline`.
        """
        return cast("Axes", export("plot_timeline")(self, ax, on))

    def to_ics(self, on: dt.date | None = None) -> bytes:
        """The procedure as an iCalendar file (RFC 5545): milestones, meetings and deadlines.

        With ``on``, the calendar as known at the end of that day
        (:meth:`as_known_on`), the deadlines after it marked expected.

        Every entry has a stable UID, so importing an updated file updates entries
        instead of duplicating them. Needs the ``ics`` extra; without it raises
        :class:`MissingExtraError`.
        """
        return cast(bytes, export("ics")(self, on))

    def to_ocds(self, on: dt.date) -> dict[str, Any]:
        """An OCDS 1.1 release package of the procedure as known at the end of ``on``.

        Events after ``on`` are left out and the states on ``on`` decide the
        statuses: an award is ``pending`` while its standstill runs and
        ``active`` once final. The mapping is described in
        :func:`achterhoek_inkoop.exports.procedure_to_ocds`.

        >>> import achterhoek_inkoop as ai
        >>> from datetime import date
        >>> release = ai.inkoop2022().to_ocds(date(2022, 4, 10))["releases"][0]
        >>> [award["status"] for award in release["awards"]][:5]    # may become final: not yet
        ['pending', 'pending', 'pending', 'pending', 'unsuccessful']
        >>> release = ai.inkoop2022().to_ocds(date(2022, 7, 1))["releases"][0]
        >>> [award["status"] for award in release["awards"]][:5]    # the contracts show it was
        ['active', 'active', 'active', 'active', 'unsuccessful']
        """
        return cast("dict[str, Any]", export("ocds")(self, on))
