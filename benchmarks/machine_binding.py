"""Why the machine is shared: binding a HierarchicalMachine per procedure against our design.

Run: make bench-binding   (or .venv/bin/python benchmarks/machine_binding.py)

Prints, for N procedures: time and memory per procedure when every procedure is
bound to one HierarchicalMachine with add_model (the naive design), and when a
Procedure is built from the Inkoop 2022 data with the shared machines (ours: the
timeline of 19 events is computed once), and the cost of a phase query.
"""

from __future__ import annotations

import datetime as dt
import gc
import platform
import sys
import time
import tracemalloc
from collections.abc import Callable

from transitions.extensions.nesting import HierarchicalMachine

import achterhoek_inkoop as ai
from achterhoek_inkoop.lifecycle._engine import _SegmentMachine
from achterhoek_inkoop.lifecycle._machine import _build, _nested_states, _transitions


def per_item(make: Callable[[int], object], n: int) -> tuple[float, float]:
    """Seconds and bytes per item to make ``n`` items, kept alive together.

    Time and memory are measured in separate runs: tracemalloc slows allocation.
    """
    gc.collect()
    start = time.perf_counter()
    kept = [make(i) for i in range(n)]
    elapsed = time.perf_counter() - start
    del kept
    gc.collect()
    tracemalloc.start()
    kept = [make(i) for i in range(n)]
    size, _peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    del kept
    return elapsed / n, size / n


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    print(f"python {platform.python_version()} on {platform.machine()}, {n} procedures")

    class Model:
        pass

    machine: HierarchicalMachine = _build(_SegmentMachine, _nested_states(), _transitions(),
                                          "dialoog")

    def bind(_i: int) -> object:
        model = Model()
        machine.add_model(model)
        return model

    # A fresh machine for each run, so the second run's add_model does not search 2n models.
    def fresh_bind() -> Callable[[int], object]:
        nonlocal machine
        machine = _build(_SegmentMachine, _nested_states(), _transitions(), "dialoog")
        return bind

    t, m = per_item(fresh_bind(), n)
    print(f"HierarchicalMachine.add_model per procedure: {t * 1e3:7.3f} ms {m / 1024:7.1f} KB")

    data = ai.inkoop2022().data
    t, m = per_item(lambda _i: ai.Procedure(data), n)
    print(f"Procedure (shared machines, 19 events):      {t * 1e3:7.3f} ms {m / 1024:7.1f} KB")

    proc = ai.Procedure(data)
    day = dt.date(2022, 3, 20)
    lookup = {day: "gunning"}
    reps = 100_000
    start = time.perf_counter()
    for _ in range(reps):
        proc.phase_on(day)
    query = (time.perf_counter() - start) / reps
    start = time.perf_counter()
    for _ in range(reps):
        lookup[day]
    floor = (time.perf_counter() - start) / reps
    print(f"phase_on per query:                          {query * 1e6:7.3f} us "
          f"(a dict lookup: {floor * 1e6:.3f} us)")


if __name__ == "__main__":
    main()
