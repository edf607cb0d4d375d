"""The benchmark rows beyond one procedure's log: the standstill, start-up, memory and portfolios."""

from __future__ import annotations

import datetime as dt
import gc
import json
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

from _timing import Goal, Row, Table, alternate, median, ratios
from _workload import log_file, portfolio_files

import achterhoek_inkoop as ai

__all__ = ["memory_rows", "portfolio_rows", "standstill_rows", "startup_rows"]

#: The issue's figure for loading 10,000 files of 50 events with a loop of ``load_procedure`` (s).
PORTFOLIO_TODAY = 30.0


def standstill_rows(table: Table, rounds: int) -> None:
    """``standstill_period`` with the Atw against the same dates without it and bare arithmetic."""
    per_round = 2_000
    first = dt.date(2000, 1, 3)
    twenty = dt.timedelta(days=20)

    def dates(i: int) -> list[dt.date]:  # new dates in every round: no answer can be remembered
        return [first + dt.timedelta(days=(i + 1) * per_round + k) for k in range(per_round)]

    def atw(i: int) -> float:
        days = dates(i)
        start = time.perf_counter()
        [ai.standstill_period(d) for d in days]
        return time.perf_counter() - start

    def strict(i: int) -> float:
        days = dates(i)
        start = time.perf_counter()
        [ai.standstill_period(d, atw=False) for d in days]
        return time.perf_counter() - start

    def bare(i: int) -> float:
        days = dates(i)
        start = time.perf_counter()
        [(d, d + twenty) for d in days]
        return time.perf_counter() - start

    found = alternate({"strict": (atw, strict), "bare": (atw, bare)}, rounds)
    table.section("standstill_period (a new date each call)")
    lib, base = found["strict"]
    table.add(Row("standstill_period(d), Atw applied", "us", median(lib, 1e6 / per_round),
                  median(base, 1e6 / per_round), "atw=False", ratios(lib, base), Goal(3)))
    lib, base = found["bare"]
    table.add(Row("standstill_period(d), Atw applied: periods per second", "/s", per_round / min(lib),
                  per_round / min(base), "bare date arithmetic", ratios(lib, base),
                  Goal(100_000, what="figure", least=True, text=">= 100,000/s"),
                  "rates: the best round (one core); ratio: time to the bare loop's"))


def _command(*argv: str) -> list[str]:
    script = Path(sys.executable).with_name("achterhoek-inkoop")
    return [str(script), *argv] if script.exists() else [sys.executable, "-m", "achterhoek_inkoop", *argv]


def startup_rows(table: Table, rounds: int) -> None:
    """The two commands people run first, as whole processes, against a bare interpreter."""
    def process(argv: list[str]) -> Callable[[int], float]:
        def run(_i: int) -> float:
            start = time.perf_counter()
            subprocess.run(argv, check=True, capture_output=True)
            return time.perf_counter() - start
        return run

    bare = process([sys.executable, "-c", "pass"])
    deadline = _command("deadline", "--sent", "2022-03-14")
    status = _command("status")
    found = alternate({"deadline": (process(deadline), bare), "status": (process(status), bare)}, rounds)
    table.section("start-up: whole processes (wall time)")
    for name, argv, goal in (("deadline", deadline, 4), ("status", status, 12)):
        lib, base = found[name]
        shown = "achterhoek-inkoop " + " ".join(argv[-3:] if name == "deadline" else argv[-1:])
        table.add(Row(shown, "ms", median(lib, 1e3), median(base, 1e3), "python -c pass", ratios(lib, base),
                      Goal(goal)))


def _kept_bytes(make: Callable[[], Any], copies: int) -> float:
    """Bytes per copy still allocated when ``copies`` results of ``make()`` are kept alive."""
    make()  # warm: whatever is built once (modules, caches) is not counted
    gc.collect()
    tracemalloc.start()
    kept = [make() for _ in range(copies)]
    size, _peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    del kept
    return size / copies


def memory_rows(table: Table) -> None:
    """A loaded 50-event procedure, kept alive, against its file's ``json.loads``."""
    path = log_file(50)
    copies = 200
    lib = _kept_bytes(lambda: ai.load_procedure(path), copies) / 1024
    base = _kept_bytes(lambda: json.loads(path.read_bytes()), copies) / 1024
    table.section("memory (tracemalloc, kept alive)")
    table.add(Row("a loaded procedure of 50 events", "KB", lib, base, "json.loads of its file", [lib / base],
                  Goal(25, what="figure", text="< 25 KB"),
                  f"{copies} copies; file {path.stat().st_size:,} bytes"))


def portfolio_rows(table: Table, count: int, rounds: int) -> None:
    """``ai.load_portfolio`` and ``portfolio.on(date)`` against plain loops over the same files."""
    paths = portfolio_files(count)
    folder = paths[0].parent
    load_portfolio = getattr(ai, "load_portfolio", None)
    kept: dict[str, Any] = {}

    def library(_i: int) -> float | None:
        if load_portfolio is None:
            return None
        start = time.perf_counter()
        kept["portfolio"] = load_portfolio(folder)
        return time.perf_counter() - start

    def baseline(_i: int) -> float:
        start = time.perf_counter()
        kept["procedures"] = [ai.load_procedure(p) for p in paths]
        return time.perf_counter() - start

    load_rounds = 2 if count >= 10_000 else 3
    lib, base = alternate({"load": (library, baseline)}, load_rounds, warm_up=False)["load"]
    table.section(f"a portfolio of {count:,} files of 50 events")
    today = PORTFOLIO_TODAY * count / 10_000
    table.add(Row(f"load {count:,} files", "s", median(lib), median(base), "loop of load_procedure",
                  ratios(lib, base), Goal(today / 3, what="figure", text=f"< {today / 3:g} s"),
                  "" if load_portfolio is not None else "ai.load_portfolio is not available"))

    procedures = [(p, p.data.segment_ids) for p in kept["procedures"]]
    day0 = min(e.on for e in procedures[0][0].events)

    def on(i: int) -> float | None:
        portfolio = kept.get("portfolio")
        if portfolio is None:
            return None
        start = time.perf_counter()
        portfolio.on(day0 + dt.timedelta(days=37 * (i + 2)))
        return time.perf_counter() - start

    def loop(i: int) -> float:
        day = day0 + dt.timedelta(days=37 * (i + 2))
        start = time.perf_counter()
        [(p.phase_on(day), [p.segment_state_on(s, day) for s in ids], p.dialogue_allowed(day))
         for p, ids in procedures]
        return time.perf_counter() - start

    lib, base = alternate({"on": (on, loop)}, rounds)["on"]
    table.add(Row(f"query all {count:,} on one date", "ms", median(lib, 1e3), median(base, 1e3),
                  "loop of phase_on, segment_state_on, dialogue_allowed", ratios(lib, base),
                  Goal(50 * count / 10_000, what="figure", text=f"< {50 * count / 10_000:g} ms"),
                  "portfolio.on(date), a DataFrame" if load_portfolio is not None else "not available"))
