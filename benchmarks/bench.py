"""How fast achterhoek_inkoop is, beside baselines measured in the same run.

Run: make bench   (or .venv/bin/python benchmarks/bench.py [--quick])

Prints one table. Every library figure stands beside its baselines:
- dict machine: a bare dict of (state, trigger) -> state doing the same transitions (the floor);
- flat transitions: the same steps through one shared flat ``transitions.Machine``;
- HSM per procedure: a ``HierarchicalMachine`` bound to every procedure (the naive design).
Times are the best of a few repeats; memory is measured with tracemalloc in a separate run.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import os
import platform
import statistics
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable
from typing import Any

from transitions import Machine
from transitions.extensions.nesting import HierarchicalMachine

import achterhoek_inkoop as ai
from achterhoek_inkoop.lifecycle import LIFECYCLE, SEGMENT_MACHINE
from achterhoek_inkoop.lifecycle._machine import _build, _nested_states, _SegmentMachine, _transitions

START = dt.date(2030, 1, 7)
SEGMENTS = tuple(f"perceel-{i}" for i in range(1, 7))


def best(fn: Callable[[], Any], repeat: int = 3) -> float:
    """The best wall time of ``repeat`` runs of ``fn``, in seconds."""
    times = []
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def memory(fn: Callable[[], Any]) -> int:
    """Bytes still allocated by what ``fn`` returns, kept alive."""
    gc.collect()
    tracemalloc.start()
    kept = fn()
    size, _peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    del kept
    return size


# -- the workload ---------------------------------------------------------------------------

def base_data() -> ai.ProcedureData:
    return ai.ProcedureData(
        id="bench",
        name="Benchmark",
        segments=tuple(ai.Segment(id=s, name=s, domains=("wmo",)) for s in SEGMENTS),
        max_contract_years=7,
    )


def event_log(n: int) -> list[ai.Event]:
    """``n`` valid events: every segment goes round tender -> not awarded (verkort proces) ->
    re-tender, with a Nota van Inlichtingen in each round; a new day every few events."""
    events: list[ai.Event] = [ai.TenderStart(on=START)]
    day = START
    cycle = 0
    while len(events) < n:
        seg = (SEGMENTS[cycle % len(SEGMENTS)],)
        events += [
            ai.NotaVanInlichtingen(on=day, segments=seg),
            ai.AwardDecision(on=day, segments=seg, outcome="not_awarded", follow_up="verkort_proces"),
            ai.TenderStart(on=day, segments=seg),
        ]
        cycle += 1
        if cycle % 2 == 0:
            day += dt.timedelta(days=1)
    return events[:n]


def steps_of(events: list[ai.Event]) -> list[tuple[str, str]]:
    """The (segment, trigger) steps the library takes for ``events``: the baselines' input."""
    return [(seg, trigger.value) for e in events if (trigger := LIFECYCLE.trigger_of(e)) is not None
            for seg in (getattr(e, "segments", None) or SEGMENTS)]


# -- baselines ------------------------------------------------------------------------------

def dict_machine() -> dict[tuple[str, str], str]:
    return {(s.value, t.value): (SEGMENT_MACHINE.step(s, t) or s).value
            for s in SEGMENT_MACHINE.states for t in SEGMENT_MACHINE.triggers
            if SEGMENT_MACHINE.step(s, t) is not None}


def replay_dict(table: dict[tuple[str, str], str], steps: list[tuple[str, str]]) -> None:
    state = dict.fromkeys(SEGMENTS, "dialoog")
    for seg, trig in steps:
        state[seg] = table[state[seg], trig]


class _Model:
    state: str


def flat_machine() -> tuple[Machine, _Model]:
    """The segment machine as one flat Machine (dotted names as plain states), with its one model."""
    model = _Model()
    transitions = []
    for t in _transitions():
        if "conditions" not in t:
            transitions.append({"trigger": t["trigger"], "source": t["source"], "dest": t["dest"]})
    states = sorted({s for t in transitions for s in [*t["source"], t["dest"]] if s is not None})
    machine = Machine(model=model, states=states, transitions=transitions, initial="dialoog",
                      auto_transitions=False)
    return machine, model


def replay_flat(model: _Model, steps: list[tuple[str, str]]) -> None:
    state = dict.fromkeys(SEGMENTS, "dialoog")
    for seg, trig in steps:
        model.state = state[seg]
        getattr(model, trig)()
        state[seg] = model.state


# -- the table ------------------------------------------------------------------------------

ROWS: list[tuple[str, str, str]] = []


def row(what: str, figure: str, note: str = "") -> None:
    ROWS.append((what, figure, note))
    print(f"{what:<58} {figure:>18}  {note}", flush=True)


def rate(count: int, seconds: float, unit: str) -> str:
    return f"{count / seconds:,.0f} {unit}/s"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller sizes (a smoke test)")
    args = parser.parse_args()
    sizes = (10, 1_000, 10_000) if args.quick else (10, 1_000, 100_000)
    procs = 1_000 if args.quick else 10_000
    print(f"achterhoek_inkoop {ai.__version__}; Python {platform.python_version()} "
          f"({platform.python_implementation()}) on {platform.machine()}, {os.cpu_count()} cores, "
          f"{platform.system()} {platform.release()}")
    print(f"{'measure':<58} {'figure':>18}  baseline / note")
    print("-" * 110)

    # Standstill computations.
    days = [START + dt.timedelta(days=i) for i in range(2_000)]
    seconds = best(lambda: [ai.standstill_period(d) for d in days])
    row("standstill_period (Atw applied)", rate(len(days), seconds, "periods"))
    seconds = best(lambda: [ai.standstill_period(d, atw=False) for d in days])
    row("standstill_period (atw=False)", rate(len(days), seconds, "periods"))

    table = dict_machine()
    _machine, model = flat_machine()
    for n in sizes:
        events = event_log(n)
        steps = steps_of(events)
        data = base_data().model_copy(update={"events": tuple(events)})

        def record_all(events: list[ai.Event] = events) -> ai.Procedure:
            proc = ai.Procedure(base_data())
            for e in events:
                proc.record(e)
            return proc

        repeat = 1 if n >= 100_000 else 3
        t_record = best(record_all, repeat)
        t_replay = best(lambda data=data: ai.Procedure(data), repeat)
        t_dict = best(lambda steps=steps: replay_dict(table, steps), repeat)
        t_flat = best(lambda steps=steps: replay_flat(model, steps), repeat)
        row(f"record {n:,} events one by one", rate(n, t_record, "events"),
            f"{t_record / t_flat:.2f}x flat transitions ({rate(n, t_flat, 'events')}); "
            f"dict machine {rate(n, t_dict, 'events')}")
        row(f"replay a log of {n:,} events (Procedure(data))", rate(n, t_replay, "events"),
            f"{t_replay / t_flat:.2f}x flat transitions")

        proc = ai.Procedure(data)
        reps = 100_000
        # A year of dates asked again and again (a dashboard), and 100,000 distinct dates
        # (every query a first one: the per-date memo never helps).
        year = [events[0].on + dt.timedelta(days=i % 365) for i in range(reps)]
        distinct = [events[0].on + dt.timedelta(days=i) for i in range(reps)]
        lookup = {d: "aanbesteding" for d in year[:365]}
        t_lookup = best(lambda year=year, lookup=lookup: [lookup[d] for d in year])
        t_phase = best(lambda proc=proc, year=year: [proc.phase_on(d) for d in year])
        t_cold = best(lambda proc=proc, distinct=distinct: [proc.phase_on(d) for d in distinct])
        t_dialogue = best(lambda proc=proc, year=year: [proc.dialogue_allowed(d) for d in year])
        t_dcold = best(lambda proc=proc, distinct=distinct: [proc.dialogue_allowed(d) for d in distinct])
        floor = f"a dict lookup: {t_lookup / reps * 1e6:.3f} us"
        row(f"phase_on, a year of dates, log of {n:,} events", f"{t_phase / reps * 1e6:.3f} us",
            f"{t_phase / t_lookup:.1f}x a dict lookup ({floor})")
        row(f"phase_on, distinct dates, log of {n:,} events", f"{t_cold / reps * 1e6:.3f} us",
            f"{t_cold / t_lookup:.1f}x a dict lookup")
        row(f"dialogue_allowed, a year of dates, log of {n:,} events",
            f"{t_dialogue / reps * 1e6:.3f} us", f"{t_dialogue / t_lookup:.1f}x a dict lookup")
        row(f"dialogue_allowed, distinct dates, log of {n:,} events",
            f"{t_dcold / reps * 1e6:.3f} us", f"{t_dcold / t_lookup:.1f}x a dict lookup")

    # Many procedures sharing one machine, against a HierarchicalMachine bound to each.
    template = ai.procedure_template()
    t_ours = best(lambda: [ai.Procedure(template) for _ in range(procs)], 1)
    m_ours = memory(lambda: [ai.Procedure(template) for _ in range(procs)])

    def bind_each() -> list[object]:
        hsm: HierarchicalMachine = _build(_SegmentMachine, _nested_states(), _transitions(),
                                          "dialoog")
        models = [_Model() for _ in range(procs)]
        for m in models:
            hsm.add_model(m)
        return [hsm, models]

    t_hsm = best(bind_each, 1)
    m_hsm = memory(bind_each)
    row(f"build {procs:,} procedures (shared machine)", f"{t_ours / procs * 1e3:.3f} ms each",
        f"{m_ours / procs / 1024:.1f} KB each")
    row(f"bind {procs:,} models to one HierarchicalMachine", f"{t_hsm / procs * 1e3:.3f} ms each",
        f"{m_hsm / procs / 1024:.1f} KB each (the naive design, no events replayed)")

    # Start-up: import and the status command, in fresh processes.
    def run(argv: list[str]) -> float:
        start = time.perf_counter()
        subprocess.run(argv, check=True, capture_output=True)
        return time.perf_counter() - start

    bare = statistics.median(run([sys.executable, "-c", "pass"]) for _ in range(5))
    imp = statistics.median(run([sys.executable, "-c", "import achterhoek_inkoop"]) for _ in range(5))
    status = statistics.median(
        run([sys.executable, "-m", "achterhoek_inkoop", "status", "--on", "2022-03-20"])
        for _ in range(5))
    row("import achterhoek_inkoop", f"{(imp - bare) * 1e3:.0f} ms",
        f"beyond a bare interpreter start ({bare * 1e3:.0f} ms)")
    row("achterhoek-inkoop status (wall, whole process)", f"{status * 1e3:.0f} ms")


if __name__ == "__main__":
    main()
