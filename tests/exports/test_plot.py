"""The timeline plot (``_plot``): what it draws, not only that it runs.

Every artist the plot makes carries a ``gid``; the tests count the bars of the
``broken_barh`` collections and the markers of the lines by it, and check
their places against the procedure's own intervals, standstills and plan.
Figures are made with ``matplotlib.figure.Figure`` on the Agg canvas: no
pyplot, no display.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import matplotlib.dates as mdates
import matplotlib.image as mimage
import numpy as np
import pandas as pd
import pytest
from helpers import assert_invalid_input, built_procedure, procedure
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import PolyCollection
from matplotlib.colors import to_rgba
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.transforms import Bbox

import achterhoek_inkoop as ai
from achterhoek_inkoop.exports._plot import STATE_STYLES, plot_timeline, write_timeline_png

D = dt.date
ON = D(2022, 3, 20)


def num(day: dt.date) -> float:
    return float(mdates.date2num(day))  # type: ignore[no-untyped-call]


def draw(proc: ai.Procedure, on: dt.date | None = None) -> Axes:
    figure = Figure(figsize=(12, 5), layout="constrained")
    FigureCanvasAgg(figure)
    ax = plot_timeline(proc, figure.add_subplot(), on=on)
    figure.canvas.draw()  # lays out and renders: drawing must not fail either
    return ax


def collections(ax: Axes, prefix: str) -> dict[str, PolyCollection]:
    """The bar collections whose gid starts with ``prefix:``, by the rest of the gid."""
    found = {}
    for artist in ax.collections:
        gid = artist.get_gid() or ""
        if gid.startswith(prefix + ":"):
            assert isinstance(artist, PolyCollection)
            found[gid.split(":", 1)[1]] = artist
    return found


def bars(collection: PolyCollection) -> list[tuple[float, float]]:
    """(left, right) of each rectangle in a broken_barh collection."""
    out = []
    for path in collection.get_paths():
        xs = np.asarray(path.vertices, dtype=float)[:, 0]
        out.append((float(xs.min()), float(xs.max())))
    return out


def lines(ax: Axes, gid: str) -> list[Line2D]:
    return [line for line in ax.lines if line.get_gid() == gid]


def markers(ax: Axes, gid: str) -> list[float]:
    found = lines(ax, gid)
    assert len(found) <= 1
    return np.asarray(found[0].get_xdata(), dtype=float).tolist() if found else []


def legend_texts(ax: Axes) -> list[str]:
    legend = ax.get_legend()
    assert legend is not None
    return [text.get_text() for text in legend.get_texts()]


def subjects(proc: ai.Procedure) -> list[tuple[str, str | None]]:
    return [("procedure", None)] + [(seg, seg) for seg in proc.data.segment_ids]


PROCEDURES = {"inkoop2022": ai.inkoop2022, "built": built_procedure}


@pytest.fixture(params=sorted(PROCEDURES))
def proc(request: pytest.FixtureRequest) -> ai.Procedure:
    return PROCEDURES[request.param]()


@pytest.fixture(scope="module")
def inkoop_ax() -> Axes:
    return draw(ai.inkoop2022(), on=ON)


# -- bars ----------------------------------------------------------------------
def test_one_bar_per_interval(proc: ai.Procedure) -> None:
    ax = draw(proc)
    states = collections(ax, "states")
    assert set(states) == {subject for subject, _ in subjects(proc)}
    total = sum(len(c.get_paths()) for c in states.values())
    assert total == sum(len(proc.intervals(segment)) for _, segment in subjects(proc))
    for subject, segment in subjects(proc):
        assert len(states[subject].get_paths()) == len(proc.intervals(segment))


def test_bars_are_where_the_intervals_are_and_coloured_by_state(proc: ai.Procedure) -> None:
    ax = draw(proc)
    states = collections(ax, "states")
    right = ax.get_xlim()[1]
    for subject, segment in subjects(proc):
        intervals = proc.intervals(segment)
        drawn = bars(states[subject])
        colours = states[subject].get_facecolor()
        for (start, end, state), (left, stop), colour in zip(intervals, drawn, colours,
                                                             strict=True):
            assert left == pytest.approx(num(start))
            # End inclusive: a bar runs to the end of its last day; an open one to the edge.
            assert stop == pytest.approx(right if end is None else num(end + dt.timedelta(days=1)))
            assert np.asarray(colour).tolist() == pytest.approx(to_rgba(STATE_STYLES[str(state)][1]))


def test_every_row_starts_with_its_dialoog_from_the_first_date_of_the_record(proc: ai.Procedure) -> None:
    ax = draw(proc)
    first = min([e.on for e in proc.events] + [p.published for p in proc.data.plans])
    colour = to_rgba(STATE_STYLES["dialoog"][1])
    for subject, segment in subjects(proc):
        start, end, state = proc.intervals(segment)[0]
        assert (start, state) == (first, "dialoog")
        (left, stop), *_ = bars(collections(ax, "states")[subject])
        assert (left, stop) == pytest.approx((num(first), num(end + dt.timedelta(days=1))))  # type: ignore[operator]
        assert tuple(collections(ax, "states")[subject].get_facecolor()[0]) == pytest.approx(colour)


def test_standstill_is_hatched_on_the_awarded_segments_only() -> None:
    proc = ai.inkoop2022()
    hatched = collections(draw(proc), "standstill")
    awarded = [seg for seg in proc.data.segment_ids if proc.standstill(seg) is not None]
    assert sorted(hatched) == sorted(awarded)
    assert len(awarded) == 4
    for seg in awarded:
        period = proc.standstill(seg)
        assert period is not None
        [(start, stop)] = bars(hatched[seg])
        assert (start, stop) == pytest.approx((num(D(2022, 3, 15)), num(D(2022, 4, 5))))
        assert hatched[seg].get_hatch()


# -- markers -------------------------------------------------------------------
def test_inkoop2022_markers(inkoop_ax: Axes) -> None:
    proc = ai.inkoop2022()
    planned = [proc.planned(m) for m in ("aanbesteding", "gunning", "contract_start")]
    assert markers(inkoop_ax, "planned") == [num(d) for d in planned if d is not None]
    assert len(markers(inkoop_ax, "planned")) == 3
    # On 2022-03-20 the contracts had not started: two milestones happened, the third is
    # expected on the date of the plan in force (the revision of October 2021).
    assert markers(inkoop_ax, "actual") == [num(D(2021, 4, 1)), num(D(2022, 3, 14))]
    assert markers(inkoop_ax, "expected_milestones") == [num(D(2022, 7, 1))]
    whole = draw(proc)
    actual = [proc.actual(m) for m in ("aanbesteding", "gunning", "contract_start")]
    assert markers(whole, "actual") == [num(d) for d in actual if d is not None]
    assert len(markers(whole, "actual")) == 3
    assert markers(whole, "expected_milestones") == []
    assert markers(inkoop_ax, "bestuurlijk_overleg") == [num(D(2020, 12, 21)), num(D(2021, 2, 10))]
    assert markers(inkoop_ax, "dialogue_activity") == []
    # The planned markers are hollow, the actual ones filled.
    assert lines(inkoop_ax, "planned")[0].get_markerfacecolor() == "none"
    assert to_rgba(lines(inkoop_ax, "actual")[0].get_markerfacecolor()) == to_rgba("black")


def test_a_milestone_kept_on_plan_shows_both_diamonds() -> None:
    # Issue 11: the tender started on the planned day and the actual diamond hid the planned one.
    ax = draw(ai.inkoop2022())
    [planned], [actual] = lines(ax, "planned"), lines(ax, "actual")
    assert num(D(2021, 4, 1)) in markers(ax, "planned")
    assert num(D(2021, 4, 1)) in markers(ax, "actual")
    # The hollow planned diamond is drawn over the filled one and around it: both show.
    assert planned.get_zorder() > actual.get_zorder()
    assert planned.get_markerfacecolor() == "none"
    assert planned.get_markersize() > actual.get_markersize() + 2
    # Measured: at the planned diamond's outline, beside the actual one, its edge is drawn.
    renderer = ax.figure.canvas.get_renderer()  # type: ignore[attr-defined]
    image = np.asarray(renderer.buffer_rgba())
    x, y = ax.transData.transform((num(D(2021, 4, 1)), 0.0))
    half = planned.get_markersize() / 72 * ax.figure.dpi / 2  # pixels from the centre to a corner
    row, column = image.shape[0] - round(y), round(x - half)
    edge = image[row - 1:row + 2, column - 1:column + 2, :3]
    assert edge.min() < 80  # dark: the outline, not the bar underneath


def test_built_procedure_markers() -> None:
    ax = draw(built_procedure())
    assert len(markers(ax, "planned")) == 3
    assert markers(ax, "actual") == [num(D(2027, 4, 1)), num(D(2027, 10, 15))]
    assert markers(ax, "bestuurlijk_overleg") == [num(D(2027, 2, 10))]
    assert markers(ax, "dialogue_activity") == [num(D(2027, 3, 1))]


def slip_labels(ax: Axes) -> list[str]:
    return [t.get_text() for t in ax.texts if t.get_gid() == "slip" and t.get_text()]


def test_slips_are_labelled(inkoop_ax: Axes) -> None:
    assert slip_labels(inkoop_ax) == ["gunning: +164 dagen", "aanbesteding: op plan"]
    assert slip_labels(draw(ai.inkoop2022())) == ["start contracten: +181 dagen", "gunning: +164 dagen",
                                                  "aanbesteding: op plan"]


# -- axes ----------------------------------------------------------------------
def test_rows_are_the_procedure_and_the_segments(proc: ai.Procedure) -> None:
    ax = draw(proc)
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels == ["Procedure (fase)"] + [s.name for s in proc.data.segments]
    assert list(ax.get_yticks()) == list(range(len(labels)))
    low, high = ax.get_ylim()
    assert high < 0 < len(labels) - 1 < low  # the procedure row on top


def test_x_axis_covers_every_event_and_interval(proc: ai.Procedure) -> None:
    ax = draw(proc)
    left, right = ax.get_xlim()
    days = [e.on for e in proc.events]
    days += [start for _, segment in subjects(proc) for start, _, _ in proc.intervals(segment)]
    assert left < num(min(days))
    assert right > num(max(days))
    assert isinstance(ax.xaxis.get_major_formatter(), mdates.ConciseDateFormatter)


def test_x_axis_of_inkoop2022(inkoop_ax: Axes) -> None:
    left, right = inkoop_ax.get_xlim()
    assert num(D(2020, 9, 1)) < left < num(D(2020, 11, 24))
    # As known on 2022-03-20: up to the contract start the plan in force expects, with a margin.
    assert num(D(2022, 7, 1)) < right < num(D(2022, 9, 1))
    left, right = draw(ai.inkoop2022()).get_xlim()
    assert num(D(2020, 9, 1)) < left < num(D(2020, 11, 24))
    assert num(D(2025, 7, 1)) < right < num(D(2025, 12, 31))


def test_title_names_the_procedure(inkoop_ax: Axes) -> None:
    title = inkoop_ax.get_title(loc="left")
    assert title.startswith(ai.inkoop2022().data.name)
    assert "2022-03-20" in title


# -- the date line -------------------------------------------------------------
def test_on_line_is_at_the_date(inkoop_ax: Axes) -> None:
    [line] = lines(inkoop_ax, "on")
    assert list(line.get_xdata()) == [num(ON), num(ON)]  # type: ignore[arg-type]
    assert "peildatum 2022-03-20" in legend_texts(inkoop_ax)


def test_no_on_line_without_on(proc: ai.Procedure) -> None:
    ax = draw(proc)
    assert lines(ax, "on") == []
    assert not any(text.startswith("peildatum") for text in legend_texts(ax))
    assert "peildatum" not in ax.get_title(loc="left")


def test_on_outside_the_record_widens_the_axis() -> None:
    ax = draw(ai.inkoop2022(), on=D(2026, 6, 1))
    assert ax.get_xlim()[1] > num(D(2026, 6, 1))


# -- as known on the date -----------------------------------------------------
def kort_geding_procedure() -> ai.Procedure:
    """A decision sent 2025-10-01 (standstill to 2025-10-21), a kort geding filed 2025-10-15,
    rejected on 2025-11-20."""
    return procedure(ai.TenderStart(on=D(2025, 4, 1)), ai.AwardDecision(on=D(2025, 10, 1), outcome="awarded"),
                     ai.KortGeding(on=D(2025, 10, 15)),
                     ai.KortGedingRuling(on=D(2025, 11, 20), outcome="rejected"), record=True)


def test_nothing_after_on_is_drawn_as_fact(proc: ai.Procedure) -> None:
    on = max(e.on for e in proc.events) - dt.timedelta(days=40)
    ax = draw(proc, on=on)
    cut = num(on + dt.timedelta(days=1))
    facts = [*collections(ax, "states").values(), *collections(ax, "standstill").values()]
    assert all(stop <= cut + 1e-9 for c in facts for _start, stop in bars(c))
    ahead = [*collections(ax, "expected").values(), *collections(ax, "expected_standstill").values()]
    assert ahead
    assert all(start >= cut - 1e-9 for c in ahead for start, _stop in bars(c))
    assert all(c.get_alpha() is not None and c.get_alpha() < 1 for c in ahead)  # drawn lighter
    assert all(c.get_hatch() for c in ahead)
    # Facts and what is expected together are the intervals of the procedure as known on the date.
    known = proc.as_known_on(on)
    right = ax.get_xlim()[1]
    for subject, segment in subjects(proc):
        drawn = sorted(bars(collections(ax, "states")[subject]) if subject in collections(ax, "states")
                       else [])
        drawn += bars(collections(ax, "expected")[subject]) if subject in collections(ax, "expected") else []
        edges = sorted({x for bar in drawn for x in bar} - {cut})
        wanted = sorted({num(start) for start, _, _ in known.intervals(segment)}
                        | {right if end is None else num(end + dt.timedelta(days=1))
                           for _, end, _ in known.intervals(segment)})
        assert edges == pytest.approx(wanted), subject


def test_inkoop2022_on_2022_03_20_draws_what_was_known_then(inkoop_ax: Axes) -> None:
    proc = ai.inkoop2022()
    known = proc.as_known_on(ON)
    states = collections(inkoop_ax, "states")
    ahead = collections(inkoop_ax, "expected")
    # The contracts of July 2022 and the follow-up award of November 2022 were not known yet.
    colours = {tuple(np.asarray(c).tolist()) for coll in states.values() for c in coll.get_facecolor()}
    for later in ("in_uitvoering", "beeindigd"):
        assert tuple(to_rgba(STATE_STYLES[later][1])) not in colours
    hcj = "hoog-complexe-jeugdhulp-met-verblijf"
    assert len(states[hcj].get_paths()) == 3  # its dialoog, tender and "not awarded", up to the 20th
    assert bars(ahead[hcj]) == [pytest.approx((num(ON + dt.timedelta(days=1)), inkoop_ax.get_xlim()[1]))]
    # The standstill is fact up to the end of the 20th, expected until it ends on 4 April.
    for seg in ("wmo-wonen", "gezins-en-woonvormen"):
        [(start, stop)] = bars(collections(inkoop_ax, "standstill")[seg])
        assert (start, stop) == pytest.approx((num(D(2022, 3, 15)), num(D(2022, 3, 21))))
        [(start, stop)] = bars(collections(inkoop_ax, "expected_standstill")[seg])
        assert (start, stop) == pytest.approx((num(D(2022, 3, 21)), num(D(2022, 4, 5))))
        period = known.standstill(seg)
        assert period is not None
        assert period.end == D(2022, 4, 4)


def test_inkoop2022_on_2021_01_10_shows_only_the_first_plan() -> None:
    ax = draw(ai.inkoop2022(), on=D(2021, 1, 10))
    # Only the dialoog, from the invitation of 24 November 2020 to the end of the 10th.
    states = collections(ax, "states")
    assert all(bars(c) == [pytest.approx((num(D(2020, 11, 24)), num(D(2021, 1, 11))))]
               for c in states.values())
    assert len(states) == 7
    assert collections(ax, "standstill") == {}
    assert markers(ax, "actual") == []
    assert markers(ax, "expected_milestones") == [num(D(2021, 4, 1)), num(D(2021, 10, 1)),
                                                  num(D(2022, 1, 1))]
    texts = legend_texts(ax)
    assert "verwacht: gepland (plan-2020-11-24)" in texts
    assert not any("revision-2021-10-15" in t for t in texts)  # published in October 2021
    assert markers(ax, "bestuurlijk_overleg") == [num(D(2020, 12, 21))]
    assert ax.get_xlim()[1] < num(D(2022, 3, 1))


def test_a_kort_geding_filed_after_on_is_not_drawn() -> None:
    proc = kort_geding_procedure()
    ax = draw(proc, on=D(2025, 10, 10))
    colour = to_rgba(STATE_STYLES["gunning.kort_geding"][1])
    for prefix in ("states", "expected"):
        for coll in collections(ax, prefix).values():
            assert all(tuple(np.asarray(c).tolist())[:3] != colour[:3] for c in coll.get_facecolor())
    # The standstill as the decision set it: to 2025-10-21, its last part expected.
    [(_, stop)] = bars(collections(ax, "expected_standstill")["perceel-1"])
    assert stop == pytest.approx(num(D(2025, 10, 22)))
    later = draw(proc, on=D(2025, 10, 20))
    assert any(tuple(np.asarray(c).tolist()) == pytest.approx(colour)
               for c in collections(later, "states")["perceel-1"].get_facecolor())


def test_without_on_nothing_is_expected(proc: ai.Procedure) -> None:
    ax = draw(proc)
    assert collections(ax, "expected") == {}
    assert collections(ax, "expected_standstill") == {}
    assert markers(ax, "expected_milestones") == []
    assert not any(t.startswith("verwacht") for t in legend_texts(ax))


# -- legend --------------------------------------------------------------------
def test_legend_of_inkoop2022(inkoop_ax: Axes) -> None:
    assert legend_texts(inkoop_ax) == [
        "dialoog", "aanbesteding", "gunning", "voorlopig gegund", "standstill", "standstill verstreken",
        "niet gegund", "Alcatel-termijn (standstill)", "verwacht (na de peildatum)",
        "gepland (plan-2020-11-24)", "verwacht: gepland (revision-2021-10-15)",
        "werkelijk", "Bestuurlijk Overleg", "peildatum 2022-03-20",
    ]
    assert legend_texts(draw(ai.inkoop2022())) == [
        "dialoog", "aanbesteding", "gunning", "voorlopig gegund", "standstill",
        "niet gegund", "definitief gegund / implementatie", "uitvoering / in uitvoering",
        "afgerond / beëindigd", "Alcatel-termijn (standstill)", "gepland (plan-2020-11-24)",
        "werkelijk", "Bestuurlijk Overleg",
    ]


def test_legend_of_the_built_procedure() -> None:
    texts = legend_texts(draw(built_procedure()))
    # Only perceel-1's award may become final: "definitief gegund" is never drawn, nor listed.
    assert texts == [
        "dialoog", "aanbesteding", "gunning", "voorlopig gegund", "standstill", "standstill verstreken",
        "niet gegund", "Alcatel-termijn (standstill)",
        "gepland (plan-1)", "werkelijk", "Bestuurlijk Overleg", "Gesprekstafel / kennissessie",
    ]


def drawn_states(ax: Axes) -> set[str]:
    """The values of the states whose bars show inside the axes' view, read from the colours."""
    low, high = ax.get_xlim()
    by_colour: dict[tuple[float, ...], set[str]] = {}
    for value, (_label, colour) in STATE_STYLES.items():
        by_colour.setdefault(tuple(to_rgba(colour)[:3]), set()).add(value)
    found: set[str] = set()
    for prefix in ("states", "expected", "planned"):
        for coll in collections(ax, prefix).values():
            for (left, right), colour in zip(bars(coll), coll.get_facecolor(), strict=True):
                if left < high and right > low:
                    found |= by_colour[tuple(np.asarray(colour).tolist()[:3])]
    return found


VIEWS = {"whole": {}, "on": {"on": ON}, "around": {"around": "gunning"},
         "xlim": {"xlim": (D(2022, 3, 1), D(2022, 5, 1))}, "later": {"on": D(2023, 2, 1)}}


@pytest.mark.parametrize("view", sorted(VIEWS))
def test_the_legend_lists_only_what_is_drawn(proc: ai.Procedure, view: str) -> None:
    # Issue 11: the legend listed states that never occur (and "definitief gegund / implementatie"
    # where only one of them occurs).
    figure = Figure(figsize=(12, 5), layout="constrained")
    FigureCanvasAgg(figure)
    ax = plot_timeline(proc, figure.add_subplot(), **VIEWS[view])  # type: ignore[arg-type]
    drawn = drawn_states(ax)
    labels = {STATE_STYLES[value][1]: set() for value in drawn}  # type: ignore[var-annotated]
    for value in drawn:
        kind = ai.Phase(value) if value in {p.value for p in ai.Phase} else ai.SegmentState(value)
        labels[STATE_STYLES[value][1]].add(kind.label.nl)
    legend = ax.get_legend()
    assert legend is not None
    state_entries = {text.get_text(): handle
                     for text, handle in zip(legend.get_texts(), legend.legend_handles, strict=True)
                     if text.get_text().split(" / ")[0] in {lab for v in STATE_STYLES
                                                              for lab in STATE_STYLES[v][0].split(" / ")}}
    listed = {entry: set(entry.split(" / ")) for entry in state_entries}
    # Every state listed is drawn in the colour beside it, and every colour drawn is listed.
    for entry, handle in state_entries.items():
        colour = to_rgba(handle.get_facecolor())  # type: ignore[union-attr]
        matching = [names for hex_colour, names in labels.items() if to_rgba(hex_colour)[:3] == colour[:3]]
        assert matching == [listed[entry]], entry
    assert sorted(map(sorted, listed.values())) == sorted(map(sorted, labels.values()))
    texts = legend_texts(ax)
    low, high = ax.get_xlim()
    hatched = [c for prefix in ("standstill", "expected_standstill")
               for c in collections(ax, prefix).values() if any(a < high and b > low for a, b in bars(c))]
    assert ("Alcatel-termijn (standstill)" in texts) == bool(hatched)
    for gid, label in (("planned", "gepland ("), ("actual", "werkelijk"),
                       ("bestuurlijk_overleg", "Bestuurlijk Overleg")):
        shown = any(low <= x <= high for x in markers(ax, gid))
        assert any(t.startswith(label) for t in texts) == shown, gid


def test_every_state_has_a_dutch_label_and_colour() -> None:
    assert set(STATE_STYLES) == {p.value for p in ai.Phase} | {s.value for s in ai.SegmentState}


# -- other procedures and arguments ---------------------------------------------
def test_a_plan_only_procedure_shows_its_planned_phases_and_names_its_milestones() -> None:
    # Issue 11: a plan-only file plotted as grey bars with unlabelled diamonds.
    proc = procedure()  # plan-1, published 2027-01-01: tender 2027-04-01, award 2027-10-01, contracts 2028
    ax = draw(proc)
    right = ax.get_xlim()[1]
    planned = collections(ax, "planned")
    assert sorted(planned) == ["perceel-1", "procedure"]
    for subject in ("procedure", "perceel-1"):
        # The dialoog, from the plan's publication to the day before the planned tender ...
        assert bars(collections(ax, "states")[subject]) == [
            pytest.approx((num(D(2027, 1, 1)), num(D(2027, 4, 1))))]
        # ... then the phases the plan plans, each to the next milestone, outlined and lighter.
        assert bars(planned[subject]) == [pytest.approx(b) for b in (
            (num(D(2027, 4, 1)), num(D(2027, 10, 1))), (num(D(2027, 10, 1)), num(D(2028, 1, 1))),
            (num(D(2028, 1, 1)), right))]
        colours = [tuple(np.asarray(c).tolist()[:3]) for c in planned[subject].get_facecolor()]
        assert colours == [pytest.approx(to_rgba(STATE_STYLES[s][1])[:3])
                           for s in ("aanbesteding", "gunning", "uitvoering")]
        assert planned[subject].get_alpha() < 1  # type: ignore[operator]
    assert len(markers(ax, "planned")) == 3
    assert markers(ax, "actual") == []
    names = sorted((t.get_text(), t.xy[0]) for t in ax.texts if t.get_gid() == "milestone_name")  # type: ignore[attr-defined]
    assert names == sorted([("aanbesteding", num(D(2027, 4, 1))), ("gunning", num(D(2027, 10, 1))),
                            ("start contracten", num(D(2028, 1, 1)))])
    assert legend_texts(ax) == ["dialoog", "aanbesteding", "gunning", "uitvoering",
                                "geplande fase (plan-1)", "gepland (plan-1)"]


def test_a_procedure_under_way_has_no_planned_phases(proc: ai.Procedure) -> None:
    assert collections(draw(proc), "planned") == {}


def test_a_procedure_with_no_date_at_all_is_refused() -> None:
    proc = procedure(plans=())
    with pytest.raises(ai.InvalidInputError) as info:
        plot_timeline(proc)
    assert info.value.field == "proc"
    assert info.value.value is proc
    ax = plot_timeline(proc, on=D(2027, 1, 1))  # a date to show is enough
    assert collections(ax, "states") == {}  # nothing recorded: no bar
    assert ax.get_xlim()[0] < num(D(2027, 1, 1)) < ax.get_xlim()[1]


def test_on_must_be_a_date() -> None:
    with pytest.raises(ai.InvalidInputError) as info:
        plot_timeline(ai.inkoop2022(), on="20-03-2022")  # type: ignore[arg-type]
    assert_invalid_input(info.value, "on", "20-03-2022")


def test_draws_on_the_given_axes_and_returns_them() -> None:
    figure = Figure()
    ax = figure.add_subplot()
    assert plot_timeline(ai.inkoop2022(), ax) is ax
    assert len(figure.axes) == 1


def test_without_axes_it_makes_its_own_figure() -> None:
    ax = plot_timeline(ai.inkoop2022())
    figure = ax.get_figure()
    assert isinstance(figure, Figure)
    assert tuple(figure.get_size_inches()) == (12.0, 5.0)


# -- the PNG file --------------------------------------------------------------
def test_write_timeline_png(tmp_path: Path) -> None:
    target = tmp_path / "timeline.png"
    write_timeline_png(ai.inkoop2022(), target, on=ON)
    assert target.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert mimage.imread(target).shape[:2] == (500, 1200)
    assert os.listdir(tmp_path) == ["timeline.png"]  # no temporary file left
    umask = os.umask(0)
    os.umask(umask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~umask  # not private like a mkstemp file


def test_write_timeline_png_replaces_or_keeps_the_old_file(tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "timeline.png"
    target.write_bytes(b"old")
    write_timeline_png(ai.inkoop2022(), target)
    assert target.read_bytes()[:4] == b"\x89PNG"

    target.write_bytes(b"old")

    def fail(*args: object, **kwargs: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(Figure, "savefig", fail)
    with pytest.raises(OSError, match="disk full"):
        write_timeline_png(ai.inkoop2022(), target)
    assert target.read_bytes() == b"old"
    assert os.listdir(tmp_path) == ["timeline.png"]


def test_a_missing_folder_is_named_as_given(tmp_path: Path) -> None:
    target = tmp_path / "no-such-folder" / "timeline.png"
    with pytest.raises(FileNotFoundError) as info:
        write_timeline_png(ai.inkoop2022(), target)
    assert info.value.filename == str(target)


# -- without matplotlib, and the core install ----------------------------------
@pytest.mark.parametrize("call", [
    lambda: plot_timeline(ai.inkoop2022()),
    lambda: write_timeline_png(ai.inkoop2022(), "never-written.png"),
], ids=["plot_timeline", "write_timeline_png"])
def test_without_matplotlib_the_error_names_the_extra(monkeypatch: pytest.MonkeyPatch,
                                                      call: object) -> None:
    monkeypatch.setitem(sys.modules, "matplotlib", None)  # makes `import matplotlib` fail
    with pytest.raises(ai.MissingExtraError) as info:
        call()  # type: ignore[operator]
    assert info.value.extra == "notebook"
    assert info.value.package == "matplotlib"
    assert not Path("never-written.png").exists()


def test_the_core_package_does_not_import_pandas_or_matplotlib() -> None:
    code = ("import sys, datetime, achterhoek_inkoop as ai, achterhoek_inkoop.exports._frames, "
            "achterhoek_inkoop.exports._plot\n"
            "p = ai.inkoop2022(); p.phase_on(datetime.date(2022, 3, 20)); p.check()\n"
            "print(sorted(m for m in ('pandas', 'matplotlib') if m in sys.modules))\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip() == "[]"


def test_the_plot_never_touches_pyplot(tmp_path: Path) -> None:
    code = ("import sys, achterhoek_inkoop as ai\n"
            "from achterhoek_inkoop.exports._plot import plot_timeline, write_timeline_png\n"
            "plot_timeline(ai.inkoop2022())\n"
            f"write_timeline_png(ai.inkoop2022(), {str(tmp_path / 't.png')!r})\n"
            "print('matplotlib.pyplot' in sys.modules)\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip() == "False"


def test_its_own_figure_shows_itself_in_jupyter() -> None:
    figure = plot_timeline(ai.inkoop2022()).get_figure()
    png = figure._repr_png_()  # type: ignore[union-attr]
    assert png[:8] == b"\x89PNG\r\n\x1a\n"


def test_ax_must_be_axes() -> None:
    with pytest.raises(ai.InvalidInputError) as info:
        plot_timeline(ai.inkoop2022(), ax="left")  # type: ignore[arg-type]
    assert_invalid_input(info.value, "ax", "left")


def test_the_plot_command_writes_the_png(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from helpers import run_cli

    target = tmp_path / "timeline.png"
    code, _out, err = run_cli(capsys, "plot", "-o", str(target), "--on", "2022-03-20")
    assert (code, err) == (0, "")
    assert target.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    assert [p.name for p in tmp_path.iterdir()] == ["timeline.png"]  # no temporary file left
    code, _out, err = run_cli(capsys, "plot", "-o", str(tmp_path / "missing" / "t.png"))
    assert code == 2
    assert len(err.strip().splitlines()) == 1


# -- dates in every form -------------------------------------------------------
@pytest.mark.parametrize("on", ["2022-03-20", pd.Timestamp("2022-03-20"), np.datetime64("2022-03-20"),
                                dt.datetime(2022, 3, 20)], ids=["iso", "timestamp", "datetime64", "midnight"])
def test_on_takes_every_form_of_a_date(on: object) -> None:
    # Issue 11: plot_timeline(on="2027-10-20") and a pandas.Timestamp raised InvalidInputError.
    ax = draw(ai.inkoop2022(), on=on)  # type: ignore[arg-type]
    assert list(lines(ax, "on")[0].get_xdata()) == [num(ON), num(ON)]  # type: ignore[arg-type]
    assert legend_texts(ax) == legend_texts(draw(ai.inkoop2022(), on=ON))


@pytest.mark.parametrize("on", [dt.datetime(2022, 3, 20, 9, 30), pd.Timestamp("2022-03-20 09:30"),
                                np.datetime64("2022-03-20T09:30"), "2022-03-20T09:30"])
def test_on_with_a_time_of_day_is_refused(on: object) -> None:
    with pytest.raises(ai.InvalidInputError) as info:
        plot_timeline(ai.inkoop2022(), on=on)  # type: ignore[arg-type]
    assert info.value.field == "on"


# -- zooming in ------------------------------------------------------------------
def standstill_share(ax: Axes, segment: str = "wmo-wonen") -> float:
    """The share of the axes' width the standstill of ``segment`` takes, in pixels."""
    hatched = [*bars(collections(ax, "standstill").get(segment, PolyCollection([]))),
               *bars(collections(ax, "expected_standstill").get(segment, PolyCollection([])))]
    low, high = ax.get_xlim()
    left, right = min(a for a, _ in hatched), max(b for _, b in hatched)
    to_pixels = ax.transData.transform
    width = to_pixels((min(right, high), 0))[0] - to_pixels((max(left, low), 0))[0]
    return float(width / ax.bbox.width)


def test_around_a_phase_makes_the_standstill_readable() -> None:
    # Issue 11: on a 5-year axis the 21-day standstill was a sliver (about 1% of the width).
    assert standstill_share(draw(ai.inkoop2022())) < 0.02
    for on in (None, ON):
        ax = draw(ai.inkoop2022(), on=on)
        zoomed = plot_timeline(ai.inkoop2022(), ax.figure.add_subplot(), on=on, around="gunning")
        zoomed.figure.canvas.draw()
        assert standstill_share(zoomed) > 0.4
        low, high = zoomed.get_xlim()
        assert low < num(D(2022, 3, 14))
        assert num(D(2022, 4, 5)) < high < num(D(2022, 5, 1))
    # The day ticks are labelled, and concise.
    ax = draw_with(around="gunning")
    assert len([t for t in ax.get_xticklabels() if t.get_text()]) >= 2


def draw_with(**options: object) -> Axes:
    figure = Figure(figsize=(12, 5), layout="constrained")
    FigureCanvasAgg(figure)
    ax = plot_timeline(ai.inkoop2022(), figure.add_subplot(), **options)  # type: ignore[arg-type]
    figure.canvas.draw()
    return ax


def test_xlim_shows_the_days_given_in_any_form() -> None:
    ax = draw_with(xlim=("2022-03-01", pd.Timestamp("2022-04-30")))
    assert ax.get_xlim() == pytest.approx((num(D(2022, 3, 1)), num(D(2022, 5, 1))))
    assert draw_with(xlim=(D(2022, 3, 1), np.datetime64("2022-04-30"))).get_xlim() == ax.get_xlim()
    # The slip arrow from the planned award (October 2021) stays inside the view.
    low, high = ax.get_xlim()
    for text in ax.texts:
        if text.get_gid() == "slip" and not text.get_text():
            assert low <= text.xy[0] <= high  # type: ignore[attr-defined]
            assert low <= text.xyann[0] <= high  # type: ignore[attr-defined]


@pytest.mark.parametrize(("options", "field"), [
    ({"around": "standstill"}, "around"),
    ({"around": ai.Phase.DIALOOG, "xlim": (D(2022, 1, 1), D(2022, 2, 1))}, "around"),
    ({"xlim": (D(2022, 2, 1), D(2022, 1, 1))}, "xlim"),
    ({"xlim": "2022-01-01"}, "xlim"),
    ({"xlim": (D(2022, 1, 1),)}, "xlim"),
    ({"xlim": ("2022-01-01", "1 feb 2022")}, "xlim[1]"),
])
def test_bad_zooms_are_refused(options: dict[str, object], field: str) -> None:
    with pytest.raises(ai.InvalidInputError) as info:
        plot_timeline(ai.inkoop2022(), **options)  # type: ignore[arg-type]
    assert info.value.field == field


def test_around_a_phase_the_procedure_never_reached() -> None:
    with pytest.raises(ai.InvalidInputError) as info:
        plot_timeline(ai.inkoop2022(), on=D(2021, 1, 10), around="gunning")
    assert_invalid_input(info.value, "around", "gunning")
    assert "its phases are: dialoog" in str(info.value)


# -- a small subplot -------------------------------------------------------------
def extents(artists: list[object], renderer: object) -> list[object]:
    return [a.get_window_extent(renderer) for a in artists if a.get_visible() and a.get_text()]  # type: ignore[attr-defined]


def overlapping(boxes: list[object]) -> list[tuple[object, object]]:

    found = []
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert isinstance(a, Bbox)
            assert isinstance(b, Bbox)
            if a.x0 < b.x1 - 0.5 and b.x0 < a.x1 - 0.5 and a.y0 < b.y1 - 0.5 and b.y0 < a.y1 - 0.5:
                found.append((a, b))
    return found


@pytest.mark.parametrize("shape", [(1, 2), (2, 1), (2, 2)])
def test_the_layout_holds_in_a_panel_of_a_larger_figure(shape: tuple[int, int]) -> None:
    # Issue 11: on a two-panel figure the legend took 40% of the width and tick labels collided.
    figure = Figure(figsize=(12, 5) if shape != (2, 2) else (12, 8), layout="constrained")
    FigureCanvasAgg(figure)
    axes = figure.subplots(*shape).ravel().tolist()
    options = [{"on": ON}, {"around": "gunning"}, {}, {"on": D(2021, 1, 10)}]
    for ax, more in zip(axes, options, strict=False):
        plot_timeline(ai.inkoop2022(), ax, **more)  # type: ignore[arg-type]
    figure.canvas.draw()
    renderer = figure.canvas.get_renderer()  # type: ignore[attr-defined]
    column_width = figure.bbox.width / shape[1]
    panels = []
    for ax in axes:
        legend = ax.get_legend()
        assert legend is not None
        box = legend.get_window_extent(renderer)
        # The legend stays in the figure, in the panel's own column ...
        assert -1 <= box.x0 < box.x1 <= figure.bbox.width + 1, box
        assert -1 <= box.y0 < box.y1 <= figure.bbox.height + 1, box
        spec = ax.get_subplotspec()
        assert spec is not None
        column = spec.colspan.start * column_width
        assert column - 2 <= box.x0 < box.x1 <= column + column_width + 2, (box, column)
        # ... and leaves most of the width to the chart.
        assert ax.bbox.width > 0.55 * column_width
        assert overlapping(extents(ax.get_xticklabels(), renderer)) == []
        assert overlapping(extents(ax.get_yticklabels(), renderer)) == []
        panels.append(ax.get_tightbbox(renderer))  # the axes with its labels, title and legend
    # No panel runs into another: legends, titles and labels included.
    assert overlapping(panels) == []


def test_its_own_figure_keeps_the_legend_beside_the_chart() -> None:
    ax = draw(ai.inkoop2022(), on=ON)
    renderer = ax.figure.canvas.get_renderer()  # type: ignore[attr-defined]
    legend = ax.get_legend()
    assert legend is not None
    assert legend.get_window_extent(renderer).x0 >= ax.bbox.x1  # right of the axes
    assert overlapping(extents(ax.get_xticklabels(), renderer)) == []


# -- file formats ----------------------------------------------------------------
@pytest.mark.parametrize(("name", "start"), [
    ("t.png", (b"\x89PNG\r\n\x1a\n",)), ("t.svg", (b"<?xml", b"<svg")), ("t.pdf", (b"%PDF",)),
    ("T.SVG", (b"<?xml", b"<svg")),
])
def test_write_timeline_writes_the_format_of_the_suffix(tmp_path: Path, name: str,
                                                        start: tuple[bytes, ...]) -> None:
    # Issue 11: plot -o x.svg wrote PNG bytes.
    from achterhoek_inkoop.exports import write_timeline

    target = tmp_path / name
    write_timeline(ai.inkoop2022(), target, on=ON)
    assert target.read_bytes().startswith(start)
    assert [p.name for p in tmp_path.iterdir()] == [name]
    again = tmp_path / ("again" + target.suffix)
    write_timeline(ai.inkoop2022(), again, on=ON)
    assert again.read_bytes() == target.read_bytes()  # the same file on every run


def test_write_timeline_refuses_another_suffix_before_drawing(tmp_path: Path) -> None:
    from achterhoek_inkoop.exports import write_timeline

    for name in ("t.jpg", "timeline"):
        with pytest.raises(ai.InvalidInputError) as info:
            write_timeline(ai.inkoop2022(), tmp_path / name)
        assert info.value.field == "path"
        assert ".png, .svg, .pdf" in str(info.value)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(("name", "start"), [("x.svg", (b"<?xml", b"<svg")), ("x.pdf", (b"%PDF",)),
                                             ("x.png", (b"\x89PNG",))])
def test_the_plot_command_writes_the_format_of_the_suffix(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                          name: str, start: tuple[bytes, ...]) -> None:
    from helpers import run_cli

    target = tmp_path / name
    code, _out, err = run_cli(capsys, "plot", "-o", str(target), "--on", "2022-03-20")
    assert (code, err) == (0, "")
    assert target.read_bytes().startswith(start)


def test_the_plot_command_refuses_an_unknown_suffix(tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    from helpers import run_cli

    code, _out, err = run_cli(capsys, "plot", "-o", str(tmp_path / "x.jpg"))
    assert code == 2
    assert "x.jpg" in err
    assert ".svg" in err
    assert list(tmp_path.iterdir()) == []
