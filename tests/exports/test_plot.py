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
import pytest
from helpers import assert_invalid_input, built_procedure, procedure
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import PolyCollection
from matplotlib.colors import to_rgba
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

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


def test_initial_dialoog_runs_from_the_left_edge_to_the_first_interval(proc: ai.Procedure) -> None:
    ax = draw(proc)
    initial = collections(ax, "initial")
    assert len(initial) == len(subjects(proc))
    left = ax.get_xlim()[0]
    for subject, segment in subjects(proc):
        [(start, stop)] = bars(initial[subject])
        assert start == pytest.approx(left)
        assert stop == pytest.approx(num(proc.intervals(segment)[0][0]))


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
    assert lines(inkoop_ax, "planned")[0].get_markerfacecolor() == "white"
    assert to_rgba(lines(inkoop_ax, "actual")[0].get_markerfacecolor()) == to_rgba("black")


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
    facts = [*collections(ax, "states").values(), *collections(ax, "initial").values(),
             *collections(ax, "standstill").values()]
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
    assert len(states[hcj].get_paths()) == 2  # its tender and "not awarded", up to the 20th
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
    assert collections(ax, "states") == {}
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
    states = [s for s in legend_texts(inkoop_ax) if s in {label for label, _ in STATE_STYLES.values()}]
    assert legend_texts(inkoop_ax) == [
        *states, "Alcatel-termijn (standstill)", "verwacht na de peildatum (lichter, gestippeld)",
        "gepland (plan-2020-11-24)", "verwacht: gepland (revision-2021-10-15)",
        "werkelijk", "Bestuurlijk Overleg", "peildatum 2022-03-20",
    ]
    # The states of the procedure as known on 2022-03-20, and no others: no contracts yet.
    known = ai.inkoop2022().as_known_on(ON)
    drawn = {STATE_STYLES[str(state)][0] for segment in (None, *known.data.segment_ids)
             for _, _, state in known.intervals(segment)} | {"dialoog"}
    assert set(states) == drawn
    assert {"aanbesteding", "gunning", "voorlopig gegund", "standstill", "niet gegund"} <= drawn
    assert not any("uitvoering" in s or "afgerond" in s for s in states)
    assert legend_texts(draw(ai.inkoop2022())) == [
        "dialoog", "aanbesteding", "gunning", "voorlopig gegund", "standstill",
        "niet gegund", "definitief gegund / implementatie", "uitvoering / in uitvoering",
        "afgerond / beëindigd", "Alcatel-termijn (standstill)", "gepland (plan-2020-11-24)",
        "werkelijk", "Bestuurlijk Overleg",
    ]


def test_legend_of_the_built_procedure() -> None:
    texts = legend_texts(draw(built_procedure()))
    assert texts == [
        "dialoog", "aanbesteding", "gunning", "voorlopig gegund", "standstill", "standstill verstreken",
        "niet gegund", "Alcatel-termijn (standstill)",
        "gepland (plan-1)", "werkelijk", "Bestuurlijk Overleg", "Gesprekstafel / kennissessie",
    ]


def test_every_state_has_a_dutch_label_and_colour() -> None:
    assert set(STATE_STYLES) == {p.value for p in ai.Phase} | {s.value for s in ai.SegmentState}


# -- other procedures and arguments ---------------------------------------------
def test_a_procedure_without_events_shows_its_plan() -> None:
    ax = draw(procedure())
    assert collections(ax, "states") == {}
    left, right = ax.get_xlim()
    initial = collections(ax, "initial")
    assert sorted(initial) == ["perceel-1", "procedure"]
    for collection in initial.values():  # still in dialoog: across the whole chart
        assert bars(collection) == [pytest.approx((left, right))]
    assert len(markers(ax, "planned")) == 3
    assert markers(ax, "actual") == []
    assert left < num(D(2027, 4, 1)) < num(D(2028, 1, 1)) < right


def test_a_procedure_with_no_date_at_all_is_refused() -> None:
    proc = procedure(plans=())
    with pytest.raises(ai.InvalidInputError) as info:
        plot_timeline(proc)
    assert info.value.field == "proc"
    assert info.value.value is proc
    ax = plot_timeline(proc, on=D(2027, 1, 1))  # a date to show is enough
    assert len(collections(ax, "initial")) == 2
    assert ax.get_xlim()[0] < num(D(2027, 1, 1)) < ax.get_xlim()[1]


def test_on_must_be_a_date() -> None:
    with pytest.raises(ai.InvalidInputError) as info:
        plot_timeline(ai.inkoop2022(), on="2022-03-20")  # type: ignore[arg-type]
    assert_invalid_input(info.value, "on", "2022-03-20")


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
