"""The parts of the timeline plot that are not about the procedure: dates on the axis, the view,
the figure, the file formats and a layout that holds in a small subplot (the ``notebook`` extra).

matplotlib is imported inside the functions: the core install never imports it.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import textwrap
from collections.abc import Callable
from typing import TYPE_CHECKING, cast

from .._exceptions import InvalidInputError
from .._text import Text
from .._validate import check_date
from ..lifecycle import Phase

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.backend_bases import RendererBase
    from matplotlib.figure import Figure
    from matplotlib.legend import Legend
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    from ..procedure import Procedure

__all__ = ["DPI", "FIGSIZE", "FORMATS", "cell_size", "date_axis", "date_numbers", "file_format", "lay_out",
           "marker_handle", "measuring_renderer", "new_figure", "save_figure", "shift", "view"]

_DAY = dt.timedelta(days=1)
#: The size of the figure the library makes itself (inches) and its resolution.
FIGSIZE = (12.0, 5.0)
DPI = 100
#: The file formats the timeline is written in, by the suffix of the file's name.
FORMATS = {".png": "png", ".svg": "svg", ".pdf": "pdf"}
#: Metadata that would make the file change with the day or matplotlib's version: left out.
_NO_STAMP = {"png": {"Software": None}, "svg": {"Date": None, "Creator": None},
             "pdf": {"CreationDate": None, "Creator": None, "Producer": None}}
#: Room a date tick label needs across (inches), so labels never touch.
_INCH_PER_TICK = 0.9
#: The legend stands right of the axes while it takes at most this share of the subplot's width;
#: else it goes below, in columns.
_LEGEND_SHARE = 0.3


def date_numbers() -> Callable[[dt.date], float]:
    """matplotlib's number for a date (days since its epoch, ``rcParams['date.epoch']``)."""
    import matplotlib.dates as mdates

    def num(day: dt.date) -> float:
        return float(mdates.date2num(day))  # type: ignore[no-untyped-call]  # not annotated

    return num


def shift(day: dt.date, by: dt.timedelta) -> dt.date:
    """``day + by``, stopped at the first or last date there is."""
    try:
        return day + by
    except OverflowError:
        return dt.date.min if by < dt.timedelta(0) else dt.date.max


def view(proc: Procedure, xlim: object, around: object, limits: tuple[dt.date, dt.date],
         on: dt.date | None = None) -> tuple[dt.date, dt.date]:
    """The first day shown and the day after the last: ``xlim`` as given, the phase ``around``
    with a margin, or the whole chart (``limits``).

    A phase still open (as known on ``on``) is shown up to ``on`` and to the end of every
    standstill that started in it, so that what it waits for is in view.
    """
    if xlim is not None and around is not None:
        raise InvalidInputError("around", around, Text("cannot be given with xlim; give one of them"))
    if xlim is not None:
        if isinstance(xlim, str | bytes) or not isinstance(xlim, tuple | list) or len(xlim) != 2:
            raise InvalidInputError("xlim", xlim, Text("must be two dates: (first, last)"))
        first, last = check_date("xlim[0]", xlim[0], in_calendar=False), check_date(
            "xlim[1]", xlim[1], in_calendar=False)
        if last < first:
            raise InvalidInputError("xlim", xlim, Text("ends before it starts; give (first, last)"))
        return first, shift(last, _DAY)
    if around is None:
        return limits
    phases = [str(p) for p in Phase]
    if not isinstance(around, str) or around not in phases:
        raise InvalidInputError("around", around, Text("is not a phase; the phases are: %(phases)s",
                                                      phases=", ".join(phases)))
    found = [(start, end) for start, end, state in proc.intervals() if state == around]
    if not found:
        seen = [str(state) for _, _, state in proc.intervals()]
        raise InvalidInputError("around", around, Text(
            "is a phase this procedure was never in; its phases are: %(phases)s",
            phases=", ".join(seen) or Text("none")))
    start, end = found[0]
    if end is None:
        ends = [period.final_from for seg in proc.data.segment_ids
                if (period := proc.standstill(seg)) is not None and period.start >= start]
        ends += [] if on is None else [shift(on, _DAY)]
        stop = max(ends) if ends else limits[1]
    else:
        stop = shift(end, _DAY)
    margin = max(dt.timedelta(days=7), (stop - start) * 0.25)
    return shift(start, -margin), shift(stop, margin)


def date_axis(ax: Axes, width: float) -> None:
    """Dates on the x axis, labelled concisely (year once, then months), at most one label per
    :data:`_INCH_PER_TICK` of the axes' ``width`` (inches), so that labels never collide."""
    import matplotlib.dates as mdates

    most = max(3, int(width / _INCH_PER_TICK))
    # Below these counts a range has no interval of its kind (months of 22 months, days of 80
    # days) and matplotlib falls back to a warning; their labels are short ("Jul", "15").
    floor = {mdates.MONTHLY: 5, mdates.DAILY: 6}
    maxticks = {freq: max(most, floor.get(freq, 0)) for freq in
                (mdates.YEARLY, mdates.MONTHLY, mdates.DAILY, mdates.HOURLY, mdates.MINUTELY,
                 mdates.SECONDLY, mdates.MICROSECONDLY)}
    locator = mdates.AutoDateLocator(minticks=3, maxticks=maxticks)  # type: ignore[no-untyped-call]
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))  # type: ignore[no-untyped-call]
    ax.tick_params(axis="x", labelsize=8)


def marker_handle(line: Line2D, label: str) -> Line2D:
    """A legend handle that looks like ``line`` (its marker, no line)."""
    from matplotlib.lines import Line2D

    handle = Line2D([], [])
    handle.update_from(line)
    handle.set_label(label)
    return handle


def cell_size(ax: Axes) -> tuple[float, float]:
    """The width and height (inches) of the part of the figure the axes' subplot was given: its
    share of the grid it is in, labels and legend included (an axes of its own: the figure)."""
    figure = ax.get_figure(root=False)
    assert figure is not None
    width, height = figure.bbox.width / figure.dpi, figure.bbox.height / figure.dpi
    spec = ax.get_subplotspec()
    if spec is None:
        return float(width), float(height)
    grid = spec.get_gridspec()
    rows, columns = grid.get_geometry()
    # matplotlib types the ratios as any array-like; they are the numbers a grid was given.
    across = list(cast("list[float] | None", grid.get_width_ratios()) or [1.0] * columns)
    down = list(cast("list[float] | None", grid.get_height_ratios()) or [1.0] * rows)
    return (float(width * sum(across[c] for c in spec.colspan) / sum(across)),
            float(height * sum(down[r] for r in spec.rowspan) / sum(down)))


def wrap(text: str, width: float, fontsize: float) -> str:
    """``text`` in lines that fit ``width`` inches at ``fontsize`` points (about half an em a letter)."""
    letters = max(12, int(width * 72 / (fontsize * 0.55)))
    return "\n".join(textwrap.wrap(text, letters)) or text


def lay_out(ax: Axes, handles: list[Patch | Line2D], labels: list[str], title: str) -> Legend:
    """Rows, title and legend sized to the subplot, whatever its size.

    The legend stands right of the axes while it is narrow beside them (the
    chart of its own figure); in a smaller subplot it goes below the date
    labels, in as many columns as fit the subplot's width. Long row names and
    the title wrap, and the dates are spaced to the axes' width, so no label
    runs into another.
    """
    from matplotlib.transforms import offset_copy

    figure = ax.get_figure(root=True)
    assert figure is not None
    renderer = measuring_renderer(figure)
    width, height = cell_size(ax)
    legend = ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8,
                       frameon=False, borderaxespad=0.0)
    extent = legend.get_window_extent(renderer)
    legend_width = _inches(extent.width, figure.dpi)
    beside = legend_width <= _LEGEND_SHARE * width and _inches(extent.height, figure.dpi) <= 0.9 * height
    if not beside:
        row_size = 8 if width < 7 else 9
        ax.set_yticks(ax.get_yticks(), [wrap(label, 0.25 * width, row_size) for label in labels],
                      fontsize=row_size)
    # The row names, measured: the axes, its title and a legend below it start right of them.
    names = max((_inches(text.get_window_extent(renderer).width, figure.dpi)
                 for text in ax.get_yticklabels()), default=0.0) + 0.15
    room = width - names - 0.1
    date_axis(ax, max(1.0, room - (legend_width if beside else 0.0)))
    ax.set_title(wrap(title, room, 11 if beside else 10), fontsize=11 if beside else 10, loc="left")
    if beside:
        return legend
    legend.remove()
    # Below the date labels: as far down as they reach, measured with the same fonts.
    axis = ax.xaxis.get_tightbbox(renderer)
    below = 30.0 if axis is None else _inches(ax.bbox.y0 - axis.y0, figure.dpi) * 72 + 4
    anchor = offset_copy(ax.transAxes, figure, x=0.0, y=-below, units="points")
    columns = 4
    while True:
        legend = ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(0.0, 0.0),
                           bbox_transform=anchor, fontsize=7, frameon=False, ncols=columns,
                           borderaxespad=0.0, columnspacing=1.0, handlelength=1.5)
        # It starts at the axes' left edge too.
        if columns == 1 or _inches(legend.get_window_extent(renderer).width, figure.dpi) <= room:
            return legend
        legend.remove()
        columns -= 1


def _inches(pixels: float, dpi: float) -> float:
    return float(pixels) / dpi


def new_figure() -> Figure:
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


def file_format(path: str | os.PathLike[str], format: str | None) -> str:
    """The format to write ``path`` in: ``format`` if given, else from the suffix of its name."""
    if format is not None:
        if format not in FORMATS.values():
            raise InvalidInputError("format", format, Text("is not one of: %(formats)s",
                                                          formats=", ".join(FORMATS.values())))
        return format
    try:
        suffix = os.path.splitext(os.fspath(path))[1].lower()
    except TypeError:
        raise InvalidInputError("path", path, Text("is not a file name")) from None
    if suffix not in FORMATS:
        raise InvalidInputError("path", path, Text(
            "has the suffix %(suffix)s: the timeline is written as %(formats)s, by the suffix of the "
            "file's name", suffix=repr(suffix), formats=", ".join(FORMATS)))
    return FORMATS[suffix]


def save_figure(figure: Figure, format: str) -> bytes:
    """The figure as the bytes of a ``format`` file, the same on every run of the same version."""
    from matplotlib import rc_context

    buffer = io.BytesIO()
    # A fixed salt: SVG ids do not change from run to run.
    with rc_context({"svg.hashsalt": "achterhoek_inkoop", "svg.fonttype": "path"}):
        figure.savefig(buffer, format=format, dpi=DPI, metadata=_NO_STAMP[format])
    return buffer.getvalue()


def measuring_renderer(figure: Figure) -> RendererBase:
    """A renderer of ``figure``'s size and resolution, to measure text without drawing it."""
    from matplotlib.backends.backend_agg import RendererAgg

    return RendererAgg(int(figure.bbox.width), int(figure.bbox.height), figure.dpi)  # type: ignore[no-untyped-call]
