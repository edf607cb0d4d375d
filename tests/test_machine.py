"""The state machines: every state reachable, no dead state, one shared machine for every procedure."""

from __future__ import annotations

from collections import deque
from concurrent.futures import ThreadPoolExecutor
from datetime import date

import pytest

import achterhoek_inkoop as ai
from achterhoek_inkoop.lifecycle import _machine
from achterhoek_inkoop.lifecycle._machine import PHASE_MACHINE, SEGMENT_MACHINE, Stepper

SEGMENT_STATES = {s.value for s in ai.SegmentState}
PHASES = [p.value for p in ai.Phase]


def walk(machine: _machine.Stepper, start: str) -> dict[str, set[tuple[str, str]]]:
    """Breadth-first: every state reachable from ``start`` and its (trigger, destination) pairs."""
    edges: dict[str, set[tuple[str, str]]] = {}
    todo = deque([start])
    while todo:
        state = todo.popleft()
        if state in edges:
            continue
        edges[state] = set()
        for trigger in machine.allowed(state):
            dest = machine.step(state, trigger)
            assert dest is not None, (state, trigger)
            edges[state].add((trigger, dest))
            todo.append(dest)
    return edges


# -- segment machine ----------------------------------------------------------------

def test_every_segment_state_is_reachable_from_dialoog() -> None:
    edges = walk(_machine.SEGMENT_MACHINE, "dialoog")
    assert set(edges) == SEGMENT_STATES


def test_no_segment_state_but_beeindigd_is_a_dead_end() -> None:
    edges = walk(_machine.SEGMENT_MACHINE, "dialoog")
    dead = {state for state, out in edges.items() if not out}
    assert dead == {"beeindigd"}


def test_from_every_segment_state_the_contracts_can_still_end() -> None:
    # From every state some path leads to the end of the contracts.
    edges = walk(_machine.SEGMENT_MACHINE, "dialoog")
    for state in edges:
        seen = set(walk(_machine.SEGMENT_MACHINE, state))
        assert "beeindigd" in seen, state


def test_segment_transitions_land_on_leaf_states() -> None:
    # The parent state 'gunning' is never a state a segment is in.
    edges = walk(_machine.SEGMENT_MACHINE, "dialoog")
    for out in edges.values():
        for _trigger, dest in out:
            assert dest in SEGMENT_STATES


@pytest.mark.parametrize(
    ("state", "trigger", "dest"),
    [
        ("dialoog", "start_tender", "aanbesteding"),
        ("aanbesteding", "send_award", "gunning.voorlopig_gegund"),
        ("aanbesteding", "reject_bids", "gunning.niet_gegund"),
        ("gunning.voorlopig_gegund", "begin_standstill", "gunning.standstill"),
        ("gunning.standstill", "finalise", "gunning.definitief_gegund"),
        ("gunning.standstill", "file_kort_geding", "gunning.kort_geding"),
        ("gunning.kort_geding", "resume_standstill", "gunning.standstill"),
        ("gunning.kort_geding", "uphold_kort_geding", "gunning.herbeoordeling"),
        ("gunning.niet_gegund", "retender", "heraanbesteding"),
        ("gunning.definitief_gegund", "start_contract", "in_uitvoering"),
        ("in_uitvoering", "end_contract", "beeindigd"),
    ],
)
def test_segment_course_steps(state: str, trigger: str, dest: str) -> None:
    assert _machine.SEGMENT_MACHINE.step(state, trigger) == dest


@pytest.mark.parametrize(
    ("state", "trigger"),
    [
        ("dialoog", "finalise"),
        ("dialoog", "send_award"),
        ("aanbesteding", "finalise"),  # no final award without an award decision
        ("gunning.voorlopig_gegund", "finalise"),  # not before the standstill has started
        ("gunning.voorlopig_gegund", "start_contract"),
        ("gunning.standstill", "start_contract"),  # no contract before the final award
        ("gunning.kort_geding", "start_contract"),
        ("beeindigd", "start_tender"),
    ],
)
def test_segment_machine_forbids_steps_out_of_order(state: str, trigger: str) -> None:
    assert _machine.SEGMENT_MACHINE.step(state, trigger) is None
    assert trigger not in _machine.SEGMENT_MACHINE.allowed(state)


# -- phase machine --------------------------------------------------------------------

def test_every_phase_is_reachable_from_dialoog() -> None:
    edges = walk(_machine.PHASE_MACHINE, "dialoog")
    assert set(edges) == set(PHASES)


def test_no_phase_but_afgerond_is_a_dead_end() -> None:
    edges = walk(_machine.PHASE_MACHINE, "dialoog")
    assert {state for state, out in edges.items() if not out} == {"afgerond"}


def test_phases_only_move_forward() -> None:
    edges = walk(_machine.PHASE_MACHINE, "dialoog")
    for state, out in edges.items():
        for _trigger, dest in out:
            assert PHASES.index(dest) > PHASES.index(state), (state, dest)


# -- one machine for all procedures ---------------------------------------------------

def test_machines_are_shared_singletons() -> None:
    segment_machine = _machine.SEGMENT_MACHINE
    phase_machine = _machine.PHASE_MACHINE
    engine = segment_machine._machine
    procs = [ai.inkoop2022() for _ in range(40)]
    procs += [ai.Procedure(ai.procedure_template()) for _ in range(10)]
    procs[0].record(ai.NotaVanInlichtingen(on=date(2021, 5, 3)))
    for proc in procs[:5]:
        proc.phase_on(date(2022, 3, 20))
        proc.segment_state_on(proc.data.segment_ids[0], date(2022, 3, 20))
    ai.mermaid_diagram()
    assert _machine.SEGMENT_MACHINE is segment_machine
    assert _machine.PHASE_MACHINE is phase_machine
    assert _machine.SEGMENT_MACHINE._machine is engine
    assert len(_machine.SEGMENT_MACHINE._machine.models) == 1
    assert len(_machine.PHASE_MACHINE._machine.models) == 1


def test_procedures_hold_no_machine_model() -> None:
    # Procedures are plain data: the 'transitions' engine never binds to them.
    proc = ai.inkoop2022()
    for name in ("to_dialoog", "may_start_tender", "start_tender", "trigger", "state"):
        assert not hasattr(proc, name), name


def test_shared_machine_gives_the_same_answers_from_many_threads() -> None:
    expected = ai.inkoop2022()

    def build(_: int) -> list[object]:
        proc = ai.inkoop2022()
        return [proc.intervals(), *(proc.intervals(s) for s in proc.data.segment_ids)]

    want = [expected.intervals(), *(expected.intervals(s) for s in expected.data.segment_ids)]
    with ThreadPoolExecutor(max_workers=4) as pool:
        for got in pool.map(build, range(24)):
            assert got == want


# -- diagram --------------------------------------------------------------------------

def test_mermaid_diagram_names_every_state_and_phase() -> None:
    text = ai.mermaid_diagram()
    assert "stateDiagram" in text
    for state in SEGMENT_STATES:
        assert state in text, state
    for phase in PHASES:
        assert phase in text, phase
    for trigger in ("start_tender", "send_award", "finalise", "file_kort_geding", "end_contracts"):
        assert trigger in text, trigger


def test_mermaid_diagram_of_each_machine() -> None:
    phases = ai.mermaid_diagram("phases")
    segment = ai.mermaid_diagram("segment")
    assert "implementatie" in phases
    assert "gunning.kort_geding" not in phases
    assert "gunning.kort_geding" in segment
    assert ai.mermaid_diagram() == f"{phases}\n\n{segment}"
    assert ai.mermaid_diagram() == ai.mermaid_diagram()  # the same text every call


def test_mermaid_diagram_refuses_an_unknown_machine() -> None:
    with pytest.raises(ai.InvalidInputError, match="contracts"):
        ai.mermaid_diagram("contracts")  # type: ignore[arg-type]


def test_out_of_order_events_log_no_warnings_from_the_engine(caplog: pytest.LogCaptureFixture) -> None:
    proc = ai.inkoop2022()
    with caplog.at_level("WARNING"), pytest.raises(ai.RuleViolation):
        proc.record(ai.AwardDecision(on=date(2021, 2, 1), outcome="awarded"))
    assert [r.getMessage() for r in caplog.records if r.name.startswith("transitions")] == []


@pytest.mark.parametrize("stepper", [SEGMENT_MACHINE, PHASE_MACHINE], ids=["segment", "phase"])
def test_the_step_table_is_what_the_transitions_engine_does(stepper: Stepper) -> None:
    # The table is built by running the engine; every (state, trigger) pair must agree with it,
    # refused pairs included.
    for state in stepper.states:
        for trigger in stepper.triggers:
            assert stepper.step(state, trigger) == stepper.engine_step(state, trigger), (state, trigger)
