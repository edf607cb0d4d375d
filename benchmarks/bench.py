"""How fast achterhoek_inkoop is on realistic logs, each figure beside its baseline and its goal.

Run: make bench   (or .venv/bin/python benchmarks/bench.py [--quick] [--markdown FILE])

Every row times the library and a baseline in alternating rounds in this one
process and reports the median ratio with its spread (lowest-highest of the
rounds), then the goal of issue 12 and whether it is met:

- queries (``phase_on``, ``segment_state_on``, ``dialogue_allowed``): a dict
  lookup of the same keys; the first queries of a freshly loaded procedure
  (each date asked once) and the same dates asked again;
- loading a procedure file and replaying it: ``json.loads`` of the same file's
  bytes plus one shared flat ``transitions.Machine`` stepping the same
  triggers (``_baselines``);
- ``record`` of events at the end of a log: the flat machine stepping them;
- ``record`` of a log's events in random date order: the same events recorded in date order;
- ``standstill_period``: the same dates with ``atw=False``, and a bare loop
  of date arithmetic;
- start-up (``achterhoek-inkoop deadline`` and ``status``, as processes):
  ``python -c pass``;
- memory of a 50-event procedure: ``json.loads`` of its file;
- a portfolio of 10,000 files of 50 events: a plain loop of ``load_procedure``.

The logs (``_workload``) are realistic: several segments, awards, standstills,
kort gedingen and rulings, re-tenders, contracts, over years, at N = 10 to
100,000 events, built once with a fixed seed and cached as procedure files.
The old benchmark's degenerate log (each change undone the same day) is kept
as one labelled extra row. ``--quick`` (N up to 10,000, fewer rounds, 1,000
portfolio files) is the smoke run.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import random
import statistics
import time
from pathlib import Path
from typing import Any

from _baselines import FlatMachine, json_and_flat
from _rows_order import order_rows
from _rows_system import memory_rows, portfolio_rows, standstill_rows, startup_rows
from _timing import Goal, Row, Table, alternate, machine_line, median, ratios
from _workload import log_file

import achterhoek_inkoop as ai

#: Distinct dates asked per round of a query row (fewer where the log spans fewer days), and how many
#: queries at least the rows of dates asked again make per round (the same dates, pass after pass).
QUERIES = 5_000
AGAIN = 20_000
#: Keys per chunk: the library's chunk and the baseline's are timed in turn.
CHUNK = 100
QUERY_GOAL = Goal(4, text="<= 4x, flat")


class Settings:
    """What a run measures: sizes and rounds (``--quick`` fewer)."""

    def __init__(self, quick: bool) -> None:
        self.quick = quick
        self.sizes = (10, 100, 1_000, 10_000) if quick else (10, 100, 1_000, 10_000, 100_000)
        self.rounds = 5 if quick else 15
        self.portfolio = 1_000 if quick else 10_000
        #: Logs recorded in random date order, and the rounds (each round records the whole log).
        self.shuffled = (1_000,) if quick else (1_000, 4_000, 16_000)
        self.shuffled_rounds = 3 if quick else 5

    def rounds_for(self, n: int) -> int:
        """Fewer rounds for the largest log, whose rounds each take seconds."""
        return min(self.rounds, 9) if n >= 100_000 else self.rounds


def query_rows(table: Table, settings: Settings) -> None:
    """First-time and repeated queries against a dict lookup, at every N."""
    for n in settings.sizes:
        data = ai.load_procedure(log_file(n)).data
        days = sorted(e.on for e in data.events)
        first, span = days[0] - dt.timedelta(days=30), (days[-1] - days[0]).days + 60
        rng = random.Random(n)
        count = min(QUERIES, span)  # distinct dates
        again = -(-AGAIN // count)  # passes over them
        found: dict[str, tuple[list[float], list[float]]] = {}
        answers = ai.Procedure(data)  # the dicts' values (what they hold does not change their speed)
        for i in range(-1, settings.rounds_for(n)):  # a warm-up round, not kept
            proc = ai.Procedure(data)  # fresh: no query asked yet
            dates = [first + dt.timedelta(days=k) for k in rng.sample(range(span), count)]
            pairs = [(rng.choice(data.segment_ids), d) for d in dates]
            keys = {"phase_on": dates, "segment_state_on": pairs, "dialogue_allowed": dates}
            lookups: dict[str, dict[Any, Any]] = {
                "phase_on": {d: answers.phase_on(d) for d in dates},
                "segment_state_on": {p: answers.segment_state_on(*p) for p in pairs},
                "dialogue_allowed": {d: answers.dialogue_allowed(d) for d in dates}}
            # The very first query of the fresh procedure (it builds what later ones search), then
            # each date asked for the first time, then the same again.
            for kind in keys:
                lib, base = _queries(proc, kind, keys[kind][:1], lookups[kind], 1)
                if i >= 0:
                    both = found.setdefault(f"{kind} one", ([], []))
                    both[0].append(lib)
                    both[1].append(base)
            for when, passes in (("first", 1), ("again", again)):
                for kind in keys:
                    gc.collect()
                    lib, base = _queries(proc, kind, keys[kind], lookups[kind], passes)
                    if i >= 0:
                        both = found.setdefault(f"{kind} {when}", ([], []))
                        both[0].append(lib)
                        both[1].append(base)
        table.section(f"queries, realistic log of {n:,} events ({len(data.segments)} segments, "
                      f"{days[0].year}-{days[-1].year})")
        for kind in ("phase_on", "segment_state_on", "dialogue_allowed"):
            lib, base = found[f"{kind} one"]
            table.add(Row(f"{kind}, the first query of a loaded procedure, N={n:,}", "us", median(lib, 1e6),
                          median(base, 1e6), "dict lookup", ratios(lib, base), None,
                          "builds the lookup the later queries search"))
            for when, text in (("first", "each date the first time"), ("again", "the same dates again")):
                lib, base = found[f"{kind} {when}"]
                asked = count if when == "first" else count * again
                table.add(Row(f"{kind}, {text}, N={n:,}", "us", median(lib, 1e6), median(base, 1e6),
                              "dict lookup", ratios(lib, base), QUERY_GOAL, f"{asked:,} queries a round"))


def _queries(proc: ai.Procedure, kind: str, keys: list[Any], lookup: dict[Any, Any], passes: int
             ) -> tuple[float, float]:
    """The seconds per query of ``proc``'s queries of ``kind`` over ``keys`` (``passes`` times), and
    per lookup of the same keys in a dict: timed in chunks of ``CHUNK`` keys, library and baseline
    in turn, each side's median chunk taken, so that the other processes on the machine (which
    take the core for milliseconds at a time) do not decide the figure."""
    lib: list[float] = []
    base: list[float] = []
    clock = time.perf_counter
    for _ in range(passes):
        for at in range(0, len(keys), CHUNK):
            part = keys[at:at + CHUNK]
            if kind == "phase_on":
                start = clock()
                [proc.phase_on(d) for d in part]
                middle = clock()
                [lookup[d] for d in part]
            elif kind == "segment_state_on":
                start = clock()
                [proc.segment_state_on(s, d) for s, d in part]
                middle = clock()
                [lookup[s, d] for s, d in part]
            else:
                start = clock()
                [proc.dialogue_allowed(d) for d in part]
                middle = clock()
                [lookup[d] for d in part]
            end = clock()
            lib.append((middle - start) / len(part))
            base.append((end - middle) / len(part))
    return statistics.median(lib), statistics.median(base)


def replay_rows(table: Table, settings: Settings) -> None:
    """Loading a file and replaying it, and recording events at the end, against the flat machine."""
    flat = FlatMachine()
    table.section("loading a procedure file and replaying it (from the file's bytes)")
    for n in settings.sizes:
        _replay_row(table, flat, n, "realistic", settings.rounds_for(n), Goal(1.5))
    table.section("record, one event at a time, at the end of a realistic log")
    for n in settings.sizes:
        _record_row(table, flat, n, settings.rounds_for(n))
    table.section("extra: the old benchmark's degenerate log (each change undone the same day; no "
                  "award, no standstill): not a realistic figure")
    _replay_row(table, flat, 10_000, "degenerate", settings.rounds, None)


def _replay_row(table: Table, flat: FlatMachine, n: int, kind: str, rounds: int, goal: Goal | None) -> None:
    path = log_file(n, kind=kind)
    proc = ai.load_procedure(path)
    ids = proc.data.segment_ids
    steps, _ = flat.steps(proc)

    def library(_i: int) -> float:
        start = time.perf_counter()
        ai.load_procedure(path)
        return time.perf_counter() - start

    def baseline(_i: int) -> float:
        start = time.perf_counter()
        json_and_flat(flat, path, steps, ids)
        return time.perf_counter() - start

    lib, base = alternate({"load": (library, baseline)}, rounds)["load"]
    table.add(Row(f"load_procedure + replay, {kind} log, N={n:,}", "ms", median(lib, 1e3), median(base, 1e3),
                  "json.loads + flat", ratios(lib, base), goal,
                  f"{n / median(lib):,.0f} events/s; {len(steps):,} steps"))


def _record_row(table: Table, flat: FlatMachine, n: int, rounds: int) -> None:
    """``record`` of the last events of the log (up to 200), one by one, onto the rest of it."""
    data = ai.load_procedure(log_file(n)).data
    events = sorted(data.events, key=lambda e: (e.on, e.type in ("contract", "contract_extension")))
    tail = max(1, min(200, n // 2))
    head = data.model_copy(update={"events": tuple(events[:-tail])})
    ids = data.segment_ids
    tail_steps, before = flat.steps(ai.Procedure(data), since=len(events) - tail)
    state: dict[str, ai.Procedure] = {}

    def prepare(_i: int) -> None:
        state["proc"] = ai.Procedure(head)

    def library(_i: int) -> float:
        proc = state["proc"]
        start = time.perf_counter()
        for event in events[-tail:]:
            proc.record(event)
        return time.perf_counter() - start

    def baseline(_i: int) -> float:
        start = time.perf_counter()
        flat.run(tail_steps, ids, before)
        return time.perf_counter() - start

    lib, base = alternate({"record": (library, baseline)}, rounds, prepare=prepare)["record"]
    table.add(Row(f"record the last {tail} events, N={n:,}", "us", median(lib, 1e6 / tail),
                  median(base, 1e6 / tail), "flat machine", ratios(lib, base), Goal(2),
                  "per event"))


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="N up to 10,000, fewer rounds (the smoke run)")
    parser.add_argument("--markdown", type=Path, help="also write the table as Markdown to this file")
    parser.add_argument("--only", choices=("queries", "replay", "order", "system"), help="one group of rows")
    args = parser.parse_args()
    settings = Settings(args.quick)
    started = time.perf_counter()
    print(f"achterhoek_inkoop {ai.__version__}; {machine_line()}")
    print(f"{'quick run' if args.quick else 'full run'}: every row alternates library and baseline in one "
          f"process; ratio = library / baseline, median of the rounds (lowest-highest)")
    table = Table()
    if args.only in (None, "queries"):
        query_rows(table, settings)
    if args.only in (None, "replay"):
        replay_rows(table, settings)
    if args.only in (None, "order"):
        order_rows(table, settings.shuffled, settings.shuffled_rounds)
    if args.only in (None, "system"):
        standstill_rows(table, settings.rounds)
        startup_rows(table, settings.rounds)
        memory_rows(table)
        portfolio_rows(table, settings.portfolio, settings.rounds)
    took = time.perf_counter() - started
    measured = [row for row in table.rows if not row.name.startswith("**")]
    met = [row for row in measured if row.goal is not None and row.goal.met(row)]
    with_goal = [row for row in measured if row.goal is not None]
    print(f"\n{len(measured)} rows in {took:.0f} s; goals met: {len(met)} of {len(with_goal)}")
    if args.markdown:
        heading = f"achterhoek_inkoop {ai.__version__}; {machine_line()}"
        args.markdown.write_text(f"{heading}\n\n{table.markdown()}", encoding="utf-8")


if __name__ == "__main__":
    main()
