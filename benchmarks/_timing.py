"""Timing in alternating rounds, the goals, and the table: what every benchmark row shares.

A row times the library and its baseline in the same process, one after
the other in each round (library, baseline, library, baseline, ...), so a
disturbance of the machine (other processes on the cores, a frequency
change) falls on both. Each round gives a ratio; a row reports the median
ratio and its spread (the lowest and highest ratio of the rounds), and the
median figures of each side.
"""

from __future__ import annotations

import datetime as dt
import gc
import os
import platform
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["Goal", "Row", "Table", "Timed", "alternate", "machine_line", "median", "ratios", "timed"]


@dataclass(frozen=True)
class Goal:
    """A goal of the issue's table: at most (or, ``least``, at least) ``limit`` of ``what``.

    ``what`` is ``"ratio"`` (the median ratio to the baseline), or ``"figure"``
    (the library's own median figure, in the row's unit).
    """

    limit: float
    what: str = "ratio"
    least: bool = False
    text: str = ""

    def met(self, row: Row) -> bool | None:
        value = row.ratio if self.what == "ratio" else row.figure
        if value is None:
            return None
        return value >= self.limit if self.least else value <= self.limit

    def describe(self) -> str:
        if self.text:
            return self.text
        sign = ">=" if self.least else "<="
        return f"{sign} {self.limit:g}x" if self.what == "ratio" else f"{sign} {self.limit:g}"


@dataclass
class Row:
    """One line of the table: the library's figure, the baseline's, their ratio and the goal."""

    name: str
    unit: str
    figure: float | None
    baseline: float | None = None
    baseline_name: str = ""
    ratios: list[float] = field(default_factory=list)
    goal: Goal | None = None
    note: str = ""

    @property
    def ratio(self) -> float | None:
        return statistics.median(self.ratios) if self.ratios else None

    def cells(self) -> list[str]:
        ratio = "" if self.ratio is None else (
            f"{self.ratio:.2f}x ({min(self.ratios):.2f}-{max(self.ratios):.2f}, {len(self.ratios)} rounds)")
        met = None if self.goal is None else self.goal.met(self)
        return [self.name, _fmt(self.figure, self.unit),
                "" if self.baseline is None else f"{_fmt(self.baseline, self.unit)} {self.baseline_name}",
                ratio, "" if self.goal is None else self.goal.describe(),
                "" if met is None else "yes" if met else "NO", self.note]


def _fmt(value: float | None, unit: str) -> str:
    if value is None:
        return "not available"
    if unit == "us":
        return f"{value:.3f} us" if value < 10 else f"{value:,.0f} us"
    if unit in ("ms", "s"):
        return f"{value:,.1f} {unit}" if value < 100 else f"{value:,.0f} {unit}"
    if unit == "KB":
        return f"{value:.1f} KB"
    return f"{value:,.0f} {unit}"


HEADER = ["measure", "library", "baseline", "ratio: median (min-max)", "goal", "met", "note"]


class Table:
    """The rows, printed as they come (the full run takes minutes) and as Markdown at the end."""

    def __init__(self) -> None:
        self.rows: list[Row] = []

    def add(self, row: Row) -> Row:
        self.rows.append(row)
        cells = row.cells()
        name, figure, baseline, ratio, goal, met, note = cells
        print(f"{name:<62} {figure:>16} | {baseline:<34} | {ratio:<36} | {goal:<10} {met:<3} {note}".rstrip(),
              flush=True)
        return row

    def section(self, title: str) -> None:
        print(f"\n-- {title}", flush=True)
        self.rows.append(Row(name=f"**{title}**", unit="", figure=None))

    def markdown(self) -> str:
        lines = ["| " + " | ".join(HEADER) + " |", "|" + "---|" * len(HEADER)]
        for row in self.rows:
            if row.name.startswith("**"):
                lines.append(f"| {row.name} |" + " |" * (len(HEADER) - 1))
            else:
                lines.append("| " + " | ".join(c.replace("|", "/") for c in row.cells()) + " |")
        return "\n".join(lines) + "\n"


Timed = Callable[[int], "float | None"]


def alternate(pairs: dict[str, tuple[Timed, Timed]], rounds: int, *,
              prepare: Callable[[int], object] | None = None, warm_up: bool = True
              ) -> dict[str, tuple[list[float], list[float]]]:
    """For each of ``pairs`` (name: library, baseline), the library's and the baseline's seconds.

    In each of ``rounds`` rounds, ``prepare(i)`` runs first (untimed: a fresh
    procedure, say), then each pair's library and baseline, one after the
    other (each is given the round and returns the seconds it took, or
    ``None`` when there is nothing to time). A warm-up round, not kept, comes
    first unless ``warm_up`` is False. The garbage collector runs before each
    timing, and stays on during it (as in a user's process).
    """
    out: dict[str, tuple[list[float], list[float]]] = {name: ([], []) for name in pairs}
    for i in range(-1 if warm_up else 0, rounds):
        if prepare is not None:
            prepare(i)
        for name, (library, baseline) in pairs.items():
            for fn, into in ((library, out[name][0]), (baseline, out[name][1])):
                gc.collect()
                took = fn(i)
                if i >= 0 and took is not None:
                    into.append(took)
    return out


def ratios(lib: list[float], base: list[float]) -> list[float]:
    """The per-round ratios of library to baseline (none if either side has no figure)."""
    return [a / b for a, b in zip(lib, base, strict=False)] if lib and base else []


def median(values: list[float], scale: float = 1.0) -> float | None:
    return statistics.median(values) * scale if values else None


def timed(fn: Callable[[], object]) -> float:
    """Seconds ``fn()`` takes (one run)."""
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def machine_line() -> str:
    """Cores, CPU model, Python and the date: what a reader needs to place the figures."""
    model = platform.processor() or platform.machine()
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text(errors="replace").splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    return (f"{os.cpu_count()} cores ({model}), {platform.system()} {platform.release()}; "
            f"Python {platform.python_version()} ({platform.python_implementation()}); "
            f"run on {dt.date.today().isoformat()}")
