"""The timeline of a procedure as a Gantt chart (matplotlib, the ``notebook`` extra).

One picture of plan against what happened says more to an analyst than a
table: a row for the procedure's phases and one per segment with its states
as coloured bars, the planned milestones of the first plan (hollow) beside the
actual ones (filled) with the slip between them, the Alcatel standstill
windows hatched on the awarded segments' rows, the dialogue activities and
Bestuurlijk Overleg meetings as markers, and a chosen date as a line. A
procedure that has not left its ``dialoog`` shows the phases its plan in
force plans ahead, as outlined bars.

With that date (``on``) the chart is the procedure as known at the end of
it (``proc.as_known_on(on)``): nothing recorded later is drawn. What that
record implies after ``on`` (the rest of an open interval, the states its
pending delayed transitions start, such as the award that may become final
when a standstill ends, and the milestones the plan in force still plans) is
drawn lighter and labelled "expected" in the legend.

The labels speak Dutch (``lang="nl"``, the default, as the pictures always
did) or English (``lang="en"``): legend, row names, slips, title. The names
of the phases and states (``dialoog``, ``voorlopig gegund``, ...) and of the
Achterhoek's dialogue sessions (Bestuurlijk Overleg, Gesprekstafel) are
domain terms and stay Dutch in both; the milestones are named as the status
and the report page name them (``award (gunning)`` in English).

matplotlib is optional: it is imported inside the functions through
:func:`require`, so the core install never imports it and a call without it
raises :class:`MissingExtraError` naming the extra ``notebook``. The library
never touches pyplot's global state: it draws on the ``ax`` it is given, or
on a new :class:`matplotlib.figure.Figure` of its own, and writes files
through the Agg canvas. Like every query of the library, the plot never reads
the clock: without ``on`` there is no date line, never "today".

The artists carry a ``gid`` so that tests (and callers) can find what was
drawn: ``states:<subject>`` (bar collections, the subject being
``procedure`` or a segment id), ``planned:<subject>`` (the phases a plan
still plans), ``standstill:<segment>``, ``planned``, ``actual``, ``slip``,
``milestone_name``, ``bestuurlijk_overleg``, ``dialogue_activity`` and
``on``; with ``on``, what is expected after it: ``expected:<subject>`` (the
lighter bars), ``expected_standstill:<segment>`` and ``expected_milestones``.
The legend lists only what is drawn inside the view.
"""

from __future__ import annotations

import datetime as dt
import os
from typing import TYPE_CHECKING, Any

from .._exceptions import InvalidInputError, require
from .._i18n import check_lang, translations
from .._safe_io import write_atomic
from .._text import Text
from .._validate import check_date
from ..lifecycle import Phase, SegmentState
from ..record import MILESTONES, DialogueActivity, Milestone
from ._known import expected_milestones, known_on, plan_in_force
from ._plot_parts import (
    date_numbers,
    file_format,
    lay_out,
    marker_handle,
    new_figure,
    save_figure,
    shift,
    view,
)
from ._status import MILESTONE_NAMES

if TYPE_CHECKING:
    from collections.abc import Callable

    from matplotlib.axes import Axes
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    from ..procedure import Procedure

__all__ = ["STATE_COLOURS", "STATE_STYLES", "plot_timeline", "timeline_picture", "write_timeline",
           "write_timeline_png"]

_DAY = dt.timedelta(days=1)
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
#: The phase a planned milestone starts (a plan says no more: not when an award becomes final).
_PLANNED_PHASES: dict[str, str] = {"aanbesteding": Phase.AANBESTEDING, "gunning": Phase.GUNNING,
                                   "contract_start": Phase.UITVOERING}


def plot_timeline(proc: Procedure, ax: Axes | None = None, on: dt.date | None = None, *,
                  xlim: tuple[dt.date, dt.date] | None = None, around: str | None = None,
                  lang: str = "nl") -> Axes:
    """Draw the timeline of ``proc`` as a Gantt chart on ``ax`` and return the Axes.

    Rows, top to bottom: the procedure's phases, then each segment (by name,
    in file order) with its states. Each interval of ``proc.intervals()`` is one
    bar, the first being the ``dialoog`` from the first date the record holds;
    an interval still open runs to the edge of the chart. The x axis runs from
    the first known date (event, interval, planned milestone, ``on``) to the
    last, with a margin. On the procedure row: the milestones of the first
    plan as hollow diamonds, drawn over the filled ones of what happened (so a
    milestone kept on plan shows both), an arrow between them with the slip in
    days, the name of every milestone no arrow names, and the dialogue
    activities (Bestuurlijk Overleg as stars, Gesprekstafels and kennissessies
    as triangles). Hatched: the Alcatel standstill (day 1 to its last day, Atw
    extension included) of every awarded segment. ``on``, when given, is a
    dashed vertical line. A row that has not left its ``dialoog`` shows the
    phases the plan in force still plans ahead of the record as outlined
    bars, labelled "planned phase" in the legend: a plan-only file shows its plan.

    With ``on`` the procedure is drawn as known at the end of that day
    (``proc.as_known_on(on)``: the events dated by then, the plans published
    by then). Everything left of the end of ``on`` is fact; right of it is
    what that record implies (the rest of an open interval, the intervals its
    pending delayed transitions start, the rest of a standstill), drawn in the
    same colours but lighter, and the milestones the plan in force still plans
    after ``on``, as grey diamonds; the legend labels both "expected".
    Without ``on`` the whole record is drawn, as facts.

    ``lang`` is the language of the labels: ``"nl"`` (the default) or
    ``"en"``. The names of phases, states and dialogue sessions stay Dutch in
    both, as the domain's terms.

    ``xlim`` (first and last day) or ``around`` (a phase, e.g. ``"gunning"``:
    the phase with a margin of a quarter of its length, at least a week, so a
    20-day standstill fills half the width) zoom in; the legend lists only
    what is drawn inside the view. Every date (``on``, ``xlim``) may be a
    ``datetime.date``, a ``pandas.Timestamp``, a ``numpy.datetime64`` or an
    ISO text ``YYYY-MM-DD``.

    Without ``ax`` a new figure of 12 x 5 inches is made (not through pyplot,
    so nothing shows by itself): in a notebook, end the cell with
    ``ax.figure`` to show it, or pass an ``ax`` from
    ``plt.subplots(figsize=(12, 5), layout="constrained")``. The legend stands
    to the right of the axes when there is room, else below them in columns;
    the dates and names are sized to the subplot, so the chart also holds in
    one panel of several. A figure with the constrained layout makes room for
    the legend.

    Raises :class:`MissingExtraError` (extra ``notebook``) without matplotlib,
    and :class:`InvalidInputError` when ``on`` or ``xlim`` is not a date (or
    pair of dates), ``around`` is not a phase the procedure was in, both are
    given, ``lang`` is not ``"nl"`` or ``"en"``, or the procedure has no date
    at all to draw.
    """
    _ = translations(check_lang(lang)).gettext
    require("matplotlib", "notebook")
    from matplotlib.axes import Axes
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    if on is not None:
        on = check_date("on", on, in_calendar=False)
        proc = known_on(proc, on)
    if ax is not None and not isinstance(ax, Axes):
        raise InvalidInputError("ax", ax, Text("is not a matplotlib Axes"))
    num = date_numbers()
    left, right = _limits(proc, on)
    shown = view(proc, xlim, around, (left, right), on)
    if ax is None:
        ax = new_figure().add_subplot()
    x_right = num(right)
    v_left, v_right = num(shown[0]), num(shown[1])
    # Facts run to the end of the day ``on``; what lies right of it is expected.
    cut = None if on is None else num(shift(on, _DAY))

    def span(start: dt.date, end: dt.date | None) -> tuple[float, float]:
        """A bar from the start of ``start`` to the end of ``end`` (the chart's edge when open)."""
        stop = x_right if end is None else num(end + _DAY)
        return num(start), stop - num(start)

    def visible(bars: list[_Bar]) -> list[_Bar]:
        return [bar for bar in bars if bar[0][0] < v_right and bar[0][0] + bar[0][1] > v_left]

    drawn: list[str] = []  # the states whose colour shows inside the view
    flags: set[str] = set()  # the other legend entries drawn inside the view
    ahead_of_plan = _planned_phases(proc, on, span)
    subjects: list[tuple[str, str | None, str]] = [("procedure", None, _("Procedure (phase)"))]
    subjects += [(s.id, s.id, s.name) for s in proc.data.segments]
    for row, (subject, segment, _name) in enumerate(subjects):  # ``_`` is the gettext
        intervals = proc.intervals(segment)
        bars = [(span(start, end), str(state)) for start, end, state in intervals]
        planned: list[_Bar] = []
        if (ahead_of_plan and len(intervals) == 1 and intervals[0][1] is None
                and str(intervals[0][2]) == Phase.DIALOOG):
            # Still in its dialoog: up to what the plan plans next, then the plan.
            (start, _width), state = bars[0]
            planned = [bar for bar in ahead_of_plan if bar[0][0] > start]
            if planned:
                bars = [((start, planned[0][0][0] - start), state)]
        fact, ahead = _split(bars, cut)
        for gid, group, style in ((f"states:{subject}", fact, {}),
                                  (f"expected:{subject}", ahead, _EXPECTED_STYLE),
                                  (f"planned:{subject}", planned, _PLANNED_STYLE)):
            if group:
                ax.broken_barh([bar for bar, _ in group], (row - _BAR / 2, _BAR),
                               facecolors=[STATE_STYLES[state][1] for _, state in group],
                               edgecolor=style.get("edgecolor", "white"), linewidth=0.8, gid=gid,
                               **{k: v for k, v in style.items() if k != "edgecolor"})
                drawn += [state for _, state in visible(group)]
        flags |= {name for name, group in (("expected", ahead), ("planned", planned))
                  if visible(group)}
        period = None if segment is None else proc.standstill(segment)
        if period is not None:
            done, pending = _split([(span(period.start, period.end), "")], cut)
            for gid, group, alpha in ((f"standstill:{segment}", done, 1.0),
                                      (f"expected_standstill:{segment}", pending, _EXPECTED_ALPHA)):
                if group:
                    ax.broken_barh([group[0][0]], (row - _HATCH / 2, _HATCH), facecolors="none",
                                   edgecolor="#222222", hatch="/////", linewidth=0.8, alpha=alpha,
                                   gid=gid)
            flags |= {"standstill"} if visible(done + pending) else set()
            flags |= {"expected"} if visible(pending) else set()

    handles: list[Patch | Line2D] = [Patch(facecolor=colour, label=label)
                                     for label, colour in _state_entries(drawn)]
    if "standstill" in flags:
        handles.append(Patch(facecolor="none", edgecolor="#222222", hatch="/////",
                             label=_("Alcatel standstill")))
    if "expected" in flags:
        handles.append(Patch(facecolor="#777777", alpha=_EXPECTED_ALPHA, edgecolor="white",
                             hatch=_EXPECTED_HATCH, label=_("expected (after the reference date)")))
    plan = plan_in_force(proc)
    if "planned" in flags and plan is not None:
        handles.append(Patch(facecolor="#777777", alpha=_PLANNED_ALPHA, edgecolor=_PLANNED_EDGE,
                             linestyle="--", label=_("planned phase (%(plan)s)") % {"plan": plan.id}))

    def in_view(days: list[float]) -> bool:
        return any(v_left <= x <= v_right for x in days)

    # Plan against actual on the procedure row: the hollow planned diamond over the filled one.
    first_plan = sorted(proc.data.plans, key=lambda p: p.published)[:1]
    planned_days = {m: proc.planned(m) for m in MILESTONES}
    actual = {m: proc.actual(m) for m in MILESTONES}
    still_planned = [] if on is None else expected_milestones(proc, on)
    points = [
        ("planned", [d for d in planned_days.values() if d is not None],
         {"marker": "D", "markersize": 11, "markerfacecolor": "none", "markeredgecolor": "black",
          "markeredgewidth": 1.3, "zorder": 5.5},
         _("planned (%(plan)s)") % {"plan": first_plan[0].id} if first_plan else ""),
        ("expected_milestones", [day for _, day, _ in still_planned],
         {"marker": "D", "markersize": 6, "markerfacecolor": "#bbbbbb", "markeredgecolor": "#777777",
          "markeredgewidth": 1.0, "zorder": 4.5},
         _("expected: planned (%(plan)s)") % {"plan": still_planned[0][2]} if still_planned else ""),
        ("actual", [d for d in actual.values() if d is not None],
         {"marker": "D", "markersize": 7, "color": "black", "zorder": 5}, _("actual")),
    ]
    dialogue = [e for e in proc.events if isinstance(e, DialogueActivity)]
    points += [
        ("bestuurlijk_overleg", [e.on for e in dialogue if e.kind == "bestuurlijk_overleg"],
         {"marker": "*", "markersize": 13, "color": "#6a3d9a", "markeredgecolor": "white",
          "markeredgewidth": 0.6, "zorder": 5}, "Bestuurlijk Overleg"),
        ("dialogue_activity", [e.on for e in dialogue if e.kind != "bestuurlijk_overleg"],
         {"marker": "^", "markersize": 7, "color": "#6a3d9a", "markeredgecolor": "white",
          "markeredgewidth": 0.5, "zorder": 5}, "Gesprekstafel / kennissessie"),
    ]
    for gid, days, style, label in points:
        if days:
            xs = [num(d) for d in days]
            line = ax.plot(xs, [0.0] * len(xs), linestyle="none", gid=gid, **style)[0]  # type: ignore[arg-type]
            if in_view(xs):
                handles.append(marker_handle(line, label))
    levels = _slip_arrows(ax, planned_days, actual, num, (v_left, v_right), _)
    unnamed = {(m, d) for m, d in planned_days.items() if d is not None and actual[m] is None}
    unnamed |= {(m, d) for m, d, _ in still_planned}
    for milestone, day in sorted(unnamed):
        ax.annotate(_(MILESTONE_NAMES[milestone]), xy=(num(day), _level_y(levels)), ha="center",
                    va="center", fontsize=7, color="#333333", gid="milestone_name", zorder=7)
    levels += bool(unnamed)

    if on is not None:
        ax.axvline(num(on), color="#c0392b", linestyle="--", linewidth=1.4, zorder=6, gid="on")
        if in_view([num(on)]):
            handles.append(Line2D([], [], color="#c0392b", linestyle="--", linewidth=1.4,
                                  label=_("reference date %(date)s") % {"date": on.isoformat()}))

    ax.set_xlim(v_left, v_right)
    # The top row first, with room above it for the slip arrows.
    ax.set_ylim(len(subjects) - 0.5, min(-0.5, _level_y(levels - 1) - 0.16))
    ax.set_yticks(range(len(subjects)), [label for _, _, label in subjects], fontsize=9)
    ax.tick_params(axis="y", length=0)
    ax.axhline(0.5, color="#999999", linewidth=0.8)
    ax.grid(axis="x", color="#dddddd", linewidth=0.6)
    ax.set_axisbelow(True)
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    title = proc.data.name if on is None else _("%(name)s, reference date %(date)s") % {
        "name": proc.data.name, "date": on.isoformat()}
    lay_out(ax, handles, [label for _, _, label in subjects], title)
    return ax


def write_timeline(proc: Procedure, path: str | os.PathLike[str], on: dt.date | None = None, *,
                   xlim: tuple[dt.date, dt.date] | None = None, around: str | None = None,
                   format: str | None = None, lang: str = "nl", force: bool = False) -> None:
    """Write the timeline of ``proc`` to ``path`` (12 x 5 inches): PNG (100 dpi), SVG or PDF,
    by the suffix of its name (``.png``, ``.svg``, ``.pdf``) unless ``format`` says.

    Drawn on the Agg canvas, written to a temporary file in the same folder
    and moved over ``path`` in one rename, so a crash leaves the old file or
    the new one, never half a picture. Another suffix, or a ``lang`` other
    than ``"nl"`` and ``"en"`` (the language of the labels, see
    :func:`plot_timeline`), raises :class:`InvalidInputError` before anything
    is drawn. A read-only file is written only with ``force=True``.
    """
    lang = check_lang(lang)
    kind = file_format(path, format)
    write_atomic(path, timeline_picture(proc, on, xlim=xlim, around=around, format=kind, lang=lang),
                 force=force)


def timeline_picture(proc: Procedure, on: dt.date | None = None, *,
                     xlim: tuple[dt.date, dt.date] | None = None, around: str | None = None,
                     format: str = "png", lang: str = "nl") -> bytes:
    """The timeline of :func:`write_timeline` as the bytes of a ``format`` file (``"png"``,
    ``"svg"`` or ``"pdf"``), for a caller that writes them itself (the command line's ``-o -``)."""
    lang = check_lang(lang)
    require("matplotlib", "notebook")
    kind = file_format("", format)
    figure = new_figure()
    plot_timeline(proc, figure.add_subplot(), on=on, xlim=xlim, around=around, lang=lang)
    return save_figure(figure, kind)


def write_timeline_png(proc: Procedure, path: str | os.PathLike[str],
                       on: dt.date | None = None, *, lang: str = "nl") -> None:
    """Write the timeline of ``proc`` to ``path`` as a PNG, whatever its suffix, its labels in
    ``lang`` (see :func:`write_timeline`, which reads the format from the suffix)."""
    write_timeline(proc, path, on, format="png", lang=lang)


_Bar = tuple[tuple[float, float], str]
_PLANNED_ALPHA = 0.3  # the phases a plan plans ahead: lighter still, outlined dashed
_PLANNED_EDGE = "#333333"
_EXPECTED_STYLE: dict[str, Any] = {"alpha": _EXPECTED_ALPHA, "hatch": _EXPECTED_HATCH}
_PLANNED_STYLE: dict[str, Any] = {"alpha": _PLANNED_ALPHA, "edgecolor": _PLANNED_EDGE, "linestyle": "--"}


def _state_entries(drawn: list[str]) -> list[tuple[str, str]]:
    """``(label, colour)`` of each colour drawn, in the order of :data:`STATE_COLOURS`; a colour
    several states share names only those of them drawn."""
    names: dict[str, list[str]] = {}
    for value, colour in STATE_COLOURS.items():
        if value in drawn:
            kind = Phase(value) if value in _PHASES else S(value)
            found = names.setdefault(colour, [])
            if kind.label.nl not in found:
                found.append(kind.label.nl)
    return [(" / ".join(labels), colour) for colour, labels in names.items()]


def _planned_phases(proc: Procedure, on: dt.date | None,
                    span: Callable[[dt.date, dt.date | None], tuple[float, float]]) -> list[_Bar]:
    """The phases the plan in force plans after the record (after ``on``, or after the last
    date the record holds), each to the day before the next: bars for a row still in dialoog."""
    days = [e.on for e in proc.events] + [p.published for p in proc.data.plans]
    horizon = on if on is not None else max(days, default=None)
    if horizon is None:
        return []
    ahead = [(milestone, day) for milestone, day, _ in expected_milestones(proc, horizon)]
    return [(span(day, None if i + 1 == len(ahead) else ahead[i + 1][1] - _DAY),
             str(_PLANNED_PHASES[milestone])) for i, (milestone, day) in enumerate(ahead)]


def _limits(proc: Procedure, on: dt.date | None) -> tuple[dt.date, dt.date]:
    """The first and last date the chart shows: every known date, with a margin."""
    days: list[dt.date] = [e.on for e in proc.events] + [p.published for p in proc.data.plans]
    for segment in (None, *proc.data.segment_ids):
        for start, end, _ in proc.intervals(segment):
            days.append(start)
            if end is not None:
                days.append(shift(end, _DAY))
        if segment is not None and (period := proc.standstill(segment)) is not None:
            days.append(period.final_from)
    days += [d for m in MILESTONES if (d := proc.planned(m)) is not None]
    plan = plan_in_force(proc)
    if plan is not None:
        days += [d for m in MILESTONES if (d := proc.planned(m, baseline=plan.id)) is not None]
    if on is not None:
        days.append(on)
    if not days:
        raise InvalidInputError("proc", proc, Text("has no date to draw: no events, no planned "
                                                      "milestones and no 'on'"))
    first, last = min(days), max(days)
    margin = max(dt.timedelta(days=30), (last - first) * 0.04)
    return shift(first, -margin), shift(last, margin)


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


def _slip_arrows(ax: Axes, planned: dict[Milestone, dt.date | None],
                 actual: dict[Milestone, dt.date | None],
                 num: Callable[[dt.date], float], window: tuple[float, float],
                 _: Callable[[str], str]) -> int:
    """Above the procedure row, one level per milestone that was planned and happened: an
    arrow from the planned date to the actual one, labelled (through the gettext ``_``) with
    the milestone and the slip in days. The earliest milestone goes highest, so that each
    label, which runs to the right, passes above the later milestones' arrows rather than
    through them. Returns the number of levels used."""
    shown = [(m, plan_day, real_day) for m in MILESTONES
             if (plan_day := planned[m]) is not None and (real_day := actual[m]) is not None]
    for level, (milestone, plan_day, real_day) in enumerate(reversed(shown)):
        slip = (real_day - plan_day).days
        x0, x1 = num(plan_day), num(real_day)
        y = _level_y(level)
        for x in {x0, x1}:
            ax.plot([x, x], [y, -_BAR / 2], color="#777777", linewidth=0.7, linestyle=":",
                    zorder=3, gid="slip")
        # Held inside the view: zoomed in, an arrow from a day out of view must not run into
        # the next panel.
        a0, a1 = (min(max(x, window[0]), window[1]) for x in (x0, x1))
        if slip != 0 and a0 != a1:
            ax.annotate("", xy=(a1, y), xytext=(a0, y), gid="slip",
                        arrowprops={"arrowstyle": "-|>", "color": "#333333", "linewidth": 1.1,
                                    "shrinkA": 0, "shrinkB": 0, "mutation_scale": 9})
        name = _(MILESTONE_NAMES[milestone])
        text = (_("%(milestone)s: on plan") % {"milestone": name} if slip == 0 else
                _("%(milestone)s: %(days)s days") % {"milestone": name, "days": f"{slip:+d}"})
        ax.annotate(text, xy=(max(x0, x1), y), xytext=(4, 0), textcoords="offset points",
                    ha="left", va="center", fontsize=8, color="#333333", gid="slip", zorder=7,
                    bbox={"boxstyle": "square,pad=0.1", "facecolor": "white", "edgecolor": "none"})
    return len(shown)


def _level_y(level: int) -> float:
    """The height of the ``level``-th slip arrow above the procedure row (rows are 1 apart)."""
    return -_BAR / 2 - 0.2 - 0.24 * level
