"""Recording out of order (issue 13): a realistic log's events recorded one by one in a random
date order, against the same events recorded in date order, alternating in one process.

In random order some events are refused (a contract before its award decision, say) and are
not recorded: the row gives how many. Each is asked of ``Procedure.record`` all the same, and
steps again only the courses of the segments it concerns (see ``lifecycle/_ledger.py``).
"""

from __future__ import annotations

import random
import time

from _timing import Goal, Row, Table, alternate, median, ratios
from _workload import log_file

import achterhoek_inkoop as ai

__all__ = ["order_rows"]


def _record_all(start: ai.ProcedureData, events: list[ai.Event]) -> tuple[float, int]:
    """The seconds it takes to record ``events`` one by one in a procedure of ``start``, and how
    many were refused."""
    proc = ai.Procedure(start)
    refused = 0
    began = time.perf_counter()
    for event in events:
        try:
            proc.record(event)
        except ai.RuleViolation:
            refused += 1
    return time.perf_counter() - began, refused


def order_rows(table: Table, sizes: tuple[int, ...], rounds: int) -> None:
    """One row per size: random date order against date order (each round a new random order)."""
    table.section("record in random date order, against the same events in date order")
    for n in sizes:
        _order_row(table, n, rounds)


def _order_row(table: Table, n: int, rounds: int) -> None:
    data = ai.load_procedure(log_file(n)).data
    start = data.model_copy(update={"events": ()})
    ordered = sorted(data.events, key=lambda e: (e.on, e.type in ("contract", "contract_extension")))
    refused: list[int] = []

    def library(i: int) -> float:
        shuffled = list(ordered)
        random.Random(f"order-{n}-{i}").shuffle(shuffled)
        took, count = _record_all(start, shuffled)
        refused.append(count)
        return took

    def baseline(_i: int) -> float:
        return _record_all(start, ordered)[0]

    lib, base = alternate({"order": (library, baseline)}, rounds)["order"]
    table.add(Row(f"record {n:,} events in random date order", "s", median(lib), median(base),
                  "in date order", ratios(lib, base),
                  Goal(30, what="figure", text="< 30 s") if n == 16_000 else None,  # issue 13
                  f"{n / median(lib):,.0f} events/s; {min(refused):,}-{max(refused):,} refused"))
