"""The timeline of a procedure as a Gantt chart (matplotlib, the ``notebook`` extra).

One picture of plan against what happened says more to an analyst than a
table: a row for the procedure's phases and one per segment with its states
as coloured bars, the planned milestones of the first plan (hollow) beside the
actual ones (filled) with the slip between them, the Alcatel standstill
windows hatched on the awarded segments' rows, the dialogue activities and
Bestuurlijk Overleg meetings as markers, and a chosen date as a line.

With that date (``on``) the chart is the procedure as known at the end of
it (``proc.as_known_on(on)``): nothing recorded later is drawn. What that
record implies after ``on`` (the rest of an open interval, the states its
pending delayed transitions start, such as the award that may become final
when a standstill ends, and the milestones the plan in force still plans) is
drawn lighter and labelled "verwacht" in the legend.

matplotlib is optional: it is imported inside the functions through
:func:`require`, so the core install never imports it and a call without it
raises :class:`MissingExtraError` naming the extra ``notebook``. The library
never touches pyplot's global state: it draws on the ``ax`` it is given, or
on a new :class:`matplotlib.figure.Figure` of its own, and writes files
through the Agg canvas. Like every query of the library, the plot never reads
the clock: without ``on`` there is no date line, never "today".

The artists carry a ``gid`` so that tests (and callers) can find what was
drawn: ``states:<subject>`` and ``initial:<subject>`` (bar collections, the
subject being ``procedure`` or a segment id), ``standstill:<segment>``,
``planned``, ``actual``, ``slip``, ``bestuurlijk_overleg``,
``dialogue_activity`` and ``on``; with ``on``, what is expected after it:
``expected:<subject>`` (the lighter bars), ``expected_standstill:<segment>``
and ``expected_milestones``.
"""

from __future__ import annotations

import datetime as dt
import io
import os
from typing import TYPE_CHECKING

from .._exceptions import InvalidInputError, require
from .._files import write_atomic
from .._validate import check_date
from ..lifecycle import Phase, SegmentState
from ..record import MILESTONES, DialogueActivity, Milestone
from ._known import expected_milestones, known_on

if TYPE_CHECKING:
    from collections.abc import Callable

    from matplotlib.axes import Axes
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D

    from ..procedure import Procedure

__all__ = ["STATE_COLOURS", "STATE_STYLES", "plot_timeline", "write_timeline_png"]

_DAY = dt.timedelta(days=1)
#: The size of the figure the library makes itself (inches) and its resolution.
FIGSIZE = (12.0, 5.0)
DPI = 100
_BAR = 0.56  # height of a state bar, rows are 1 apart
_HATCH = 0.78  # height of a standstill window, a little taller than the bar
_EXPECTED_ALPHA = 0.35  # what is expected after ``on``: the same colours, lighter, dotted
_EXPECTED_HATCH = "..."

S = SegmentState
_PHASES = frozenset(p.value for p in Phase)
_DECLARED = _PHASES | {s.value for s in S}
#: The colour of every phase and segment state, in the order of a procurement's
#: course (the legend's order). A phase and a state that mean the same share a
#: colour, and so one legend entry. A state given by its value is one the
#: lifecycle is being extended with: it is coloured once it is declared (a
#: declared state without a colour fails the tests).
STATE_COLOURS: dict[str, str] = {value: colour for value, colour in {
    Phase.DIALOOG: "#c7c7c7",
    Phase.AANBESTEDING: "#4e79a7",
    S.HERAANBESTEDING: "#a0cbe8",
    Phase.GUNNING: "#f28e2b",
    S.VOORLOPIG_GEGUND: "#ffbe7d",
    S.STANDSTILL: "#f1ce63",
    "gunning.standstill_verstreken": "#c9d66b",
    S.KORT_GEDING: "#e15759",
    S.HERBEOORDELING: "#ff9d9a",
    S.NIET_GEGUND: "#9d7660",
    "gestaakt": "#b07aa1",
    S.DEFINITIEF_GEGUND: "#8cd17d",
    Phase.IMPLEMENTATIE: "#8cd17d",
    Phase.UITVOERING: "#2f7d32",
    S.IN_UITVOERING: "#2f7d32",
    Phase.AFGEROND: "#6e6e6e",
    S.BEEINDIGD: "#6e6e6e",
}.items() if value in _DECLARED}


def _legend_labels() -> dict[str, str]:
    """Each colour's legend text: the Dutch labels of the states drawn in it, each once."""
    labels: dict[str, list[str]] = {}
    for value, colour in STATE_COLOURS.items():
        kind = Phase(value) if value in _PHASES else S(value)
        names = labels.setdefault(colour, [])
        if kind.label.nl not in names:
            names.append(kind.label.nl)
    return {colour: " / ".join(names) for colour, names in labels.items()}


_LEGEND = _legend_labels()
#: The legend label and colour of every phase and segment state, from :data:`STATE_COLOURS`
#: and the states' declared labels.
STATE_STYLES: dict[str, tuple[str, str]] = {
    value: (_LEGEND[colour], colour) for value, colour in STATE_COLOURS.items()}
#: The state labels in legend order, each once.
_LABEL_ORDER = list(_LEGEND.values())
_MILESTONE_NAMES = {"aanbesteding": "aanbesteding", "gunning": "gunning",
                    "contract_start": "start contracten"}


def plot_timeline(proc: Procedure, ax: Axes | None = None, on: dt.date | None = None) -> Axes:
    """Draw the timeline of ``proc`` as a Gantt chart on ``ax`` and return the Axes.

    Rows, top to bottom: the procedure's phases, then each segment (by name,
    in file order) with its states. Each interval of ``proc.intervals()`` is one
    bar; the initial ``dialoog``, whose start is not recorded, and an interval
    still open run to the edge of the chart. The x axis runs from the first
    known date (event, interval, planned milestone, ``on``) to the last, with
    a margin. On the procedure row: the milestones of the first plan as hollow
    diamonds, those that happened as filled ones, an arrow between them with
    the slip in days, and the dialogue activities (Bestuurlijk Overleg as
    stars, Gesprekstafels and kennissessies as triangles). Hatched: the
    Alcatel standstill (day 1 to its last day, Atw extension included) of every
    awarded segment. ``on``, when given, is a dashed vertical line.

    With ``on`` the procedure is drawn as known at the end of that day
    (``proc.as_known_on(on)``: the events dated by then, the plans published
    by then). Everything left of the end of ``on`` is fact; right of it is
    what that record implies (the rest of an open interval, the intervals its
    pending delayed transitions start, the rest of a standstill), drawn in the
    same colours but lighter, and the milestones the plan in force still plans
    after ``on``, as grey diamonds; the legend labels both "verwacht".
    Without ``on`` the whole record is drawn, as facts.

    Without ``ax`` a new figure of 12 x 5 inches is made (not through pyplot,
    so nothing shows by itself): in a notebook, end the cell with
    ``ax.figure`` to show it, or pass an ``ax`` from
    ``plt.subplots(figsize=(12, 5), layout="constrained")``. The legend stands
    to the right of the axes; a figure with the constrained layout makes room
    for it.

    Raises :class:`MissingExtraError` (extra ``notebook``) without matplotlib,
    and :class:`InvalidInputError` when ``on`` is not a date or the procedure
    has no date at all to draw.
    """
    require("matplotlib", "notebook")
    from matplotlib.axes import Axes
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    if on is not None:
        on = check_date("on", on, in_calendar=False)
        proc = known_on(proc, on)
    if ax is None:
        ax = _new_figure().add_subplot()
    elif not isinstance(ax, Axes):
        raise InvalidInputError("ax", ax, "is not a matplotlib Axes")

    num = _date_numbers()
    left, right = _limits(proc, on)
    x_left, x_right = num(left), num(right)
    # Facts run to the end of the day ``on``; what lies right of it is expected.
    cut = None if on is None else num(_shift(on, _DAY))

    def span(start: dt.date, end: dt.date | None) -> tuple[float, float]:
        """A bar from the start of ``start`` to the end of ``end`` (the chart's edge when open)."""
        stop = x_right if end is None else num(end + _DAY)
        return num(start), stop - num(start)

    subjects: list[tuple[str, str | None, str]] = [("procedure", None, "Procedure (fase)")]
    subjects += [(s.id, s.id, s.name) for s in proc.data.segments]
    seen_states: set[str] = set()
    any_expected = False
    for row, (subject, segment, _) in enumerate(subjects):
        intervals = proc.intervals(segment)
        first = intervals[0][0] if intervals else None
        initial = str(Phase.DIALOOG)
        # The initial dialoog, whose start is not recorded, is a collection of its own.
        before, ahead = _split([((x_left, (x_right if first is None else num(first)) - x_left),
                                 initial)], cut)
        fact, later = _split([(span(start, end), str(state)) for start, end, state in intervals], cut)
        ahead += later
        if before:
            ax.broken_barh([before[0][0]], (row - _BAR / 2, _BAR), facecolors=STATE_STYLES[initial][1],
                           edgecolor="white", linewidth=0.8, gid=f"initial:{subject}")
        seen_states.add(STATE_STYLES[initial][0])
        if fact:
            ax.broken_barh([bar for bar, _ in fact], (row - _BAR / 2, _BAR),
                           facecolors=[STATE_STYLES[state][1] for _, state in fact],
                           edgecolor="white", linewidth=0.8, gid=f"states:{subject}")
        if ahead:
            ax.broken_barh([bar for bar, _ in ahead], (row - _BAR / 2, _BAR),
                           facecolors=[STATE_STYLES[state][1] for _, state in ahead],
                           alpha=_EXPECTED_ALPHA, edgecolor="white", linewidth=0.8,
                           hatch=_EXPECTED_HATCH, gid=f"expected:{subject}")
            any_expected = True
        seen_states.update(STATE_STYLES[state][0] for _, state in fact + ahead)
        if segment is not None:
            period = proc.standstill(segment)
            if period is not None:
                done, pending = _split([(span(period.start, period.end), "")], cut)
                if done:
                    ax.broken_barh([done[0][0]], (row - _HATCH / 2, _HATCH),
                                   facecolors="none", edgecolor="#222222", hatch="/////",
                                   linewidth=0.8, gid=f"standstill:{segment}")
                if pending:
                    ax.broken_barh([pending[0][0]], (row - _HATCH / 2, _HATCH),
                                   facecolors="none", edgecolor="#222222", hatch="/////",
                                   linewidth=0.8, alpha=_EXPECTED_ALPHA,
                                   gid=f"expected_standstill:{segment}")

    handles: list[Patch | Line2D] = []
    colours = {label: colour for label, colour in STATE_STYLES.values()}
    handles += [Patch(facecolor=colours[label], label=label)
                for label in _LABEL_ORDER if label in seen_states]
    if any(proc.standstill(seg) is not None for seg in proc.data.segment_ids):
        handles.append(Patch(facecolor="none", edgecolor="#222222", hatch="/////",
                             label="Alcatel-termijn (standstill)"))
    if any_expected:
        handles.append(Patch(facecolor="#777777", alpha=_EXPECTED_ALPHA, edgecolor="white",
                             hatch=_EXPECTED_HATCH, label="verwacht na de peildatum (lichter, gestippeld)"))

    # Plan against actual on the procedure row.
    plan = sorted(proc.data.plans, key=lambda p: p.published)[:1]
    planned = {m: proc.planned(m) for m in MILESTONES}
    actual = {m: proc.actual(m) for m in MILESTONES}
    planned_days = [d for d in planned.values() if d is not None]
    actual_days = [d for d in actual.values() if d is not None]
    if planned_days:
        line = ax.plot([num(d) for d in planned_days], [0.0] * len(planned_days), linestyle="none",
                       marker="D", markersize=8, markerfacecolor="white", markeredgecolor="black",
                       markeredgewidth=1.3, zorder=4, gid="planned")[0]
        handles.append(_marker_handle(line, f"gepland ({plan[0].id})"))
    still_planned = [] if on is None else expected_milestones(proc, on)
    if still_planned:
        line = ax.plot([num(day) for _, day, _ in still_planned], [0.0] * len(still_planned),
                       linestyle="none",
                       marker="D", markersize=6, markerfacecolor="#bbbbbb", markeredgecolor="#777777",
                       markeredgewidth=1.0, zorder=4.5, gid="expected_milestones")[0]
        handles.append(_marker_handle(line, f"verwacht: gepland ({still_planned[0][2]})"))
    if actual_days:
        line = ax.plot([num(d) for d in actual_days], [0.0] * len(actual_days), linestyle="none",
                       marker="D", markersize=7, color="black", zorder=5, gid="actual")[0]
        handles.append(_marker_handle(line, "werkelijk"))
    levels = _slip_arrows(ax, planned, actual, num)

    dialogue = [e for e in proc.events if isinstance(e, DialogueActivity)]
    meetings = [num(e.on) for e in dialogue if e.kind == "bestuurlijk_overleg"]
    sessions = [num(e.on) for e in dialogue if e.kind != "bestuurlijk_overleg"]
    if meetings:
        line = ax.plot(meetings, [0.0] * len(meetings), linestyle="none", marker="*",
                       markersize=13, color="#6a3d9a", markeredgecolor="white",
                       markeredgewidth=0.6, zorder=5, gid="bestuurlijk_overleg")[0]
        handles.append(_marker_handle(line, "Bestuurlijk Overleg"))
    if sessions:
        line = ax.plot(sessions, [0.0] * len(sessions), linestyle="none", marker="^",
                       markersize=7, color="#6a3d9a", markeredgecolor="white",
                       markeredgewidth=0.5, zorder=5, gid="dialogue_activity")[0]
        handles.append(_marker_handle(line, "Gesprekstafel / kennissessie"))

    if on is not None:
        line = ax.axvline(num(on), color="#c0392b", linestyle="--", linewidth=1.4, zorder=6,
                          gid="on")
        handles.append(Line2D([], [], color="#c0392b", linestyle="--", linewidth=1.4,
                              label=f"peildatum {on.isoformat()}"))

    ax.set_xlim(x_left, x_right)
    # The top row first, with room above it for the slip arrows.
    ax.set_ylim(len(subjects) - 0.5, min(-0.5, _level_y(levels - 1) - 0.16))
    ax.set_yticks(range(len(subjects)), [label for _, _, label in subjects], fontsize=9)
    ax.tick_params(axis="y", length=0)
    ax.axhline(0.5, color="#999999", linewidth=0.8)
    _date_axis(ax)
    ax.grid(axis="x", color="#dddddd", linewidth=0.6)
    ax.set_axisbelow(True)
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    title = proc.data.name if on is None else f"{proc.data.name}, peildatum {on.isoformat()}"
    ax.set_title(title, fontsize=11, loc="left")
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8,
              frameon=False, borderaxespad=0.0)
    return ax


def write_timeline_png(proc: Procedure, path: str | os.PathLike[str],
                       on: dt.date | None = None) -> None:
    """Write the timeline of ``proc`` to ``path`` as a PNG (12 x 5 inches, 100 dpi).

    Drawn on the Agg canvas, written to a temporary file in the same folder
    and moved over ``path`` in one rename, so a crash leaves the old file or
    the new one, never half a picture.
    """
    require("matplotlib", "notebook")
    figure = _new_figure()
    plot_timeline(proc, figure.add_subplot(), on=on)
    buffer = io.BytesIO()
    # No "Software" entry: the file does not change with matplotlib's version.
    figure.savefig(buffer, format="png", dpi=DPI, metadata={"Software": None})
    write_atomic(path, buffer.getvalue())


def _new_figure() -> Figure:
    """A figure of :data:`FIGSIZE` on the Agg canvas that Jupyter shows as a PNG.

    Not made through pyplot, so the library leaves pyplot's figures alone; the
    ``_repr_png_`` lets ``ax.figure`` display in a notebook even where pyplot
    (and with it the inline backend) was never imported.
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    class TimelineFigure(Figure):
        def _repr_png_(self) -> bytes:
            buffer = io.BytesIO()
            self.savefig(buffer, format="png", dpi=DPI)
            return buffer.getvalue()

    figure = TimelineFigure(figsize=FIGSIZE, dpi=DPI, layout="constrained")
    FigureCanvasAgg(figure)
    return figure


def _date_numbers() -> Callable[[dt.date], float]:
    """matplotlib's number for a date (days since its epoch, ``rcParams['date.epoch']``)."""
    import matplotlib.dates as mdates

    def num(day: dt.date) -> float:
        return float(mdates.date2num(day))  # type: ignore[no-untyped-call]  # not annotated

    return num


def _date_axis(ax: Axes) -> None:
    """Dates on the x axis: automatic ticks, labelled concisely (year once, then months)."""
    import matplotlib.dates as mdates

    locator = mdates.AutoDateLocator(minticks=6, maxticks=14)  # type: ignore[no-untyped-call]
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))  # type: ignore[no-untyped-call]


def _limits(proc: Procedure, on: dt.date | None) -> tuple[dt.date, dt.date]:
    """The first and last date the chart shows: every known date, with a margin."""
    days: list[dt.date] = [e.on for e in proc.events]
    for segment in (None, *proc.data.segment_ids):
        for start, end, _ in proc.intervals(segment):
            days.append(start)
            if end is not None:
                days.append(_shift(end, _DAY))
        if segment is not None and (period := proc.standstill(segment)) is not None:
            days.append(period.final_from)
    days += [d for m in MILESTONES if (d := proc.planned(m)) is not None]
    if on is not None:
        days.append(on)
        days += [day for _, day, _ in expected_milestones(proc, on)]
    if not days:
        raise InvalidInputError("proc", proc, "has no date to draw: no events, no planned "
                                "milestones and no 'on'")
    first, last = min(days), max(days)
    margin = max(dt.timedelta(days=30), (last - first) * 0.04)
    return _shift(first, -margin), _shift(last, margin)


_Bar = tuple[tuple[float, float], str]


def _split(bars: list[_Bar], cut: float | None) -> tuple[list[_Bar], list[_Bar]]:
    """``bars`` (``((left, width), state)``) cut at ``cut``: the parts left of it (facts) and
    right of it (expected). Without a cut every bar is a fact."""
    fact: list[_Bar] = []
    ahead: list[_Bar] = []
    for (left, width), state in bars:
        right = left + width
        if cut is None or right <= cut:
            fact.append(((left, width), state))
        elif left >= cut:
            ahead.append(((left, width), state))
        else:
            fact.append(((left, cut - left), state))
            ahead.append(((cut, right - cut), state))
    return fact, ahead


def _shift(day: dt.date, by: dt.timedelta) -> dt.date:
    """``day + by``, stopped at the first or last date there is."""
    try:
        return day + by
    except OverflowError:
        return dt.date.min if by < dt.timedelta(0) else dt.date.max


def _marker_handle(line: Line2D, label: str) -> Line2D:
    """A legend handle that looks like ``line`` (its marker, no line)."""
    from matplotlib.lines import Line2D

    handle = Line2D([], [])
    handle.update_from(line)
    handle.set_label(label)
    return handle


def _slip_arrows(ax: Axes, planned: dict[Milestone, dt.date | None],
                 actual: dict[Milestone, dt.date | None],
                 num: Callable[[dt.date], float]) -> int:
    """Above the procedure row, one level per milestone that was planned and happened: an
    arrow from the planned date to the actual one, labelled with the milestone and the slip
    in days. The earliest milestone goes highest, so that each label, which runs to the
    right, passes above the later milestones' arrows rather than through them. Returns the
    number of levels used."""
    shown = [(m, plan_day, real_day) for m in MILESTONES
             if (plan_day := planned[m]) is not None and (real_day := actual[m]) is not None]
    for level, (milestone, plan_day, real_day) in enumerate(reversed(shown)):
        slip = (real_day - plan_day).days
        x0, x1 = num(plan_day), num(real_day)
        y = _level_y(level)
        for x in {x0, x1}:
            ax.plot([x, x], [y, -_BAR / 2], color="#777777", linewidth=0.7, linestyle=":",
                    zorder=3, gid="slip")
        if slip != 0:
            ax.annotate("", xy=(x1, y), xytext=(x0, y), gid="slip",
                        arrowprops={"arrowstyle": "-|>", "color": "#333333", "linewidth": 1.1,
                                    "shrinkA": 0, "shrinkB": 0, "mutation_scale": 9})
        name = _MILESTONE_NAMES[milestone]
        text = f"{name}: op plan" if slip == 0 else f"{name}: {slip:+d} dagen"
        ax.annotate(text, xy=(max(x0, x1), y), xytext=(4, 0), textcoords="offset points",
                    ha="left", va="center", fontsize=8, color="#333333", gid="slip", zorder=7,
                    bbox={"boxstyle": "square,pad=0.1", "facecolor": "white", "edgecolor": "none"})
    return len(shown)


def _level_y(level: int) -> float:
    """The height of the ``level``-th slip arrow above the procedure row (rows are 1 apart)."""
    return -_BAR / 2 - 0.2 - 0.24 * level
