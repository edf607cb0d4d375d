"""The segment machine built from the declaration: every state reachable, no dead state, shared."""

from __future__ import annotations

import re
from collections import deque
from concurrent.futures import ThreadPoolExecutor
from datetime import date

import pytest
from helpers import REPOSITORY

import achterhoek_inkoop as ai
from achterhoek_inkoop.lifecycle import (
    LIFECYCLE,
    NO_FACTS,
    SEGMENT_MACHINE,
    Guard,
    Phase,
    Trigger,
    _engine,
    _machine,
    phase_changes,
)
from achterhoek_inkoop.lifecycle._engine import segment_engine

S = ai.SegmentState
EVERY_GUARD = frozenset(Guard)


def walk(start: S) -> dict[S, set[tuple[Trigger, S]]]:
    """Breadth-first: every state reachable from ``start`` and its (trigger, destination) pairs."""
    edges: dict[S, set[tuple[Trigger, S]]] = {}
    todo = deque([start])
    while todo:
        state = todo.popleft()
        if state in edges:
            continue
        edges[state] = set()
        for trigger in SEGMENT_MACHINE.allowed(state, EVERY_GUARD):
            dest = SEGMENT_MACHINE.step(state, trigger, EVERY_GUARD)
            assert dest is not None, (state, trigger)
            edges[state].add((trigger, dest))
            todo.append(dest)
    return edges


# -- segment machine ----------------------------------------------------------------

def test_every_segment_state_is_reachable_from_dialoog() -> None:
    assert set(walk(S.DIALOOG)) == set(S)


def test_only_the_terminal_states_have_no_way_out() -> None:
    edges = walk(S.DIALOOG)
    dead = {state for state, out in edges.items() if all(dest == state for _t, dest in out)}
    assert dead == {S.BEEINDIGD, S.GESTAAKT}
    assert dead == LIFECYCLE.where(terminal=True)


def test_from_every_segment_state_the_course_can_still_end() -> None:
    for state in walk(S.DIALOOG):
        assert walk(state).keys() & {S.BEEINDIGD, S.GESTAAKT}, state


@pytest.mark.parametrize(
    ("state", "trigger", "dest"),
    [
        (S.DIALOOG, Trigger.TENDER_START, S.AANBESTEDING),
        (S.AANBESTEDING, Trigger.AWARD_DECISION_AWARDED, S.VOORLOPIG_GEGUND),
        (S.AANBESTEDING, Trigger.AWARD_DECISION_NOT_AWARDED, S.NIET_GEGUND),
        (S.AANBESTEDING, Trigger.AWARD_DECISION_EXEMPT, S.STANDSTILL_VERSTREKEN),
        (S.NIET_GEGUND, Trigger.TENDER_START, S.HERAANBESTEDING),
        (S.STANDSTILL, Trigger.AWARD_DECISION_AWARDED, S.VOORLOPIG_GEGUND),  # a correction
        (S.STANDSTILL, Trigger.AWARD_WITHDRAWAL, S.HERBEOORDELING),
        (S.STANDSTILL_VERSTREKEN, Trigger.FINAL_AWARD, S.DEFINITIEF_GEGUND),
        (S.STANDSTILL_VERSTREKEN, Trigger.CONTRACT, S.IN_UITVOERING),  # the award final, inferred
        (S.AANBESTEDING, Trigger.CANCELLATION, S.GESTAAKT),
        (S.GESTAAKT, Trigger.KORT_GEDING, S.GESTAAKT),
        (S.VOORLOPIG_GEGUND, Trigger.STANDSTILL_START, S.STANDSTILL),
        (S.STANDSTILL, Trigger.STANDSTILL_END, S.STANDSTILL_VERSTREKEN),
        (S.STANDSTILL, Trigger.KORT_GEDING, S.KORT_GEDING),
        (S.DEFINITIEF_GEGUND, Trigger.CONTRACT, S.IN_UITVOERING),
        (S.IN_UITVOERING, Trigger.CONTRACT_END, S.BEEINDIGD),
        # Internal transitions: accepted, the segment stays where it is.
        (S.IN_UITVOERING, Trigger.CONTRACT_EXTENSION, S.IN_UITVOERING),
        (S.DEFINITIEF_GEGUND, Trigger.KORT_GEDING, S.DEFINITIEF_GEGUND),
    ],
)
def test_segment_course_steps(state: S, trigger: Trigger, dest: S) -> None:
    assert SEGMENT_MACHINE.step(state, trigger) == dest


@pytest.mark.parametrize(
    ("state", "trigger"),
    [
        (S.DIALOOG, Trigger.STANDSTILL_END),
        (S.DIALOOG, Trigger.AWARD_DECISION_AWARDED),
        (S.AANBESTEDING, Trigger.FINAL_AWARD),  # no final award without an award decision
        (S.VOORLOPIG_GEGUND, Trigger.STANDSTILL_END),  # not before the standstill has started
        (S.VOORLOPIG_GEGUND, Trigger.CONTRACT),
        (S.STANDSTILL, Trigger.CONTRACT),  # no contract before the final award
        (S.KORT_GEDING, Trigger.STANDSTILL_END),  # a pending kort geding holds the standstill
        (S.BEEINDIGD, Trigger.TENDER_START),
        (S.DEFINITIEF_GEGUND, Trigger.AWARD_WITHDRAWAL),  # the contract is concluded
        (S.DEFINITIEF_GEGUND, Trigger.CANCELLATION),
        (S.GESTAAKT, Trigger.TENDER_START),
        (S.DIALOOG, Trigger.KORT_GEDING),
    ],
)
def test_segment_machine_forbids_steps_out_of_order(state: S, trigger: Trigger) -> None:
    for facts in SEGMENT_MACHINE.fact_sets:
        assert SEGMENT_MACHINE.step(state, trigger, facts) is None
        assert trigger not in SEGMENT_MACHINE.allowed(state, facts)


@pytest.mark.parametrize("state", [S.VOORLOPIG_GEGUND, S.STANDSTILL, S.KORT_GEDING])
def test_a_final_award_needs_the_standstill_to_be_over(state: S) -> None:
    assert SEGMENT_MACHINE.step(state, Trigger.FINAL_AWARD, NO_FACTS) is None
    assert SEGMENT_MACHINE.step(state, Trigger.FINAL_AWARD, frozenset({Guard.STANDSTILL_OVER})) == (
        S.DEFINITIEF_GEGUND)


def test_a_contract_during_a_kort_geding_needs_the_standstill_to_be_over() -> None:
    assert SEGMENT_MACHINE.step(S.KORT_GEDING, Trigger.CONTRACT, NO_FACTS) is None
    assert SEGMENT_MACHINE.step(S.KORT_GEDING, Trigger.CONTRACT, frozenset({Guard.STANDSTILL_OVER})) == (
        S.IN_UITVOERING)


def test_a_ruling_decides_the_award_only_when_no_other_kort_geding_holds_it() -> None:
    pending = frozenset({Guard.KORT_GEDING_PENDING})
    in_force = pending | {Guard.RULED_ON_DECISION_IN_FORCE}
    other = in_force | {Guard.OTHER_KORT_GEDING_PENDING}
    rejected, upheld = Trigger.KORT_GEDING_RULING_REJECTED, Trigger.KORT_GEDING_RULING_UPHELD
    assert SEGMENT_MACHINE.step(S.KORT_GEDING, rejected, other) == S.KORT_GEDING
    assert SEGMENT_MACHINE.step(S.KORT_GEDING, rejected, in_force) == S.STANDSTILL
    # Upheld, the award decision is void, whatever else is pending; also on a late kort geding.
    assert SEGMENT_MACHINE.step(S.KORT_GEDING, upheld, other) == S.HERBEOORDELING
    assert SEGMENT_MACHINE.step(S.KORT_GEDING, upheld, in_force) == S.HERBEOORDELING
    assert SEGMENT_MACHINE.step(S.STANDSTILL_VERSTREKEN, upheld, in_force) == S.HERBEOORDELING
    # A ruling on a kort geding about a decision a later one superseded changes nothing.
    for trigger in (rejected, upheld):
        assert SEGMENT_MACHINE.step(S.KORT_GEDING, trigger, pending) == S.KORT_GEDING
        assert LIFECYCLE.taken(S.KORT_GEDING, trigger, pending).warning is None  # type: ignore[union-attr]
    # A ruling on a kort geding not in the record moves nothing, with a warning.
    for trigger in (rejected, upheld):
        assert SEGMENT_MACHINE.step(S.KORT_GEDING, trigger, NO_FACTS) == S.KORT_GEDING
        assert LIFECYCLE.taken(S.KORT_GEDING, trigger,
                               NO_FACTS).warning == "uitspraak-zonder-kort-geding"  # type: ignore[union-attr]
    # Elsewhere a ruling is recorded and moves nothing; without its kort geding it warns.
    assert LIFECYCLE.taken(S.IN_UITVOERING, Trigger.KORT_GEDING_RULING_REJECTED,
                           frozenset({Guard.KORT_GEDING_PENDING})).warning is None  # type: ignore[union-attr]
    assert LIFECYCLE.taken(S.IN_UITVOERING, Trigger.KORT_GEDING_RULING_REJECTED,
                           NO_FACTS).warning == "uitspraak-zonder-kort-geding"  # type: ignore[union-attr]


# -- phases: a projection of the segments' states ----------------------------------------

def test_every_phase_is_reached() -> None:
    changes = phase_changes()
    assert {Phase.DIALOOG} | {dest for _source, dest in changes} == set(Phase)


def test_phases_only_move_forward_and_afgerond_is_the_end() -> None:
    order = list(Phase)
    for source, dest in phase_changes():
        assert order.index(dest) > order.index(source), (source, dest)
    assert not any(source == Phase.AFGEROND for source, _dest in phase_changes())


def test_the_tender_start_is_what_leaves_dialoog() -> None:
    assert phase_changes()[Phase.DIALOOG, Phase.AANBESTEDING] == {Trigger.TENDER_START}
    # A contract starts the execution; so does whatever settles the last segment that held it
    # back while another's contracts already ran (its final award, a decision not to award it,
    # its cancellation).
    assert phase_changes()[Phase.IMPLEMENTATIE, Phase.UITVOERING] == {
        Trigger.CONTRACT, Trigger.FINAL_AWARD, Trigger.AWARD_DECISION_NOT_AWARDED, Trigger.CANCELLATION}
    assert phase_changes()[Phase.GUNNING, Phase.UITVOERING] == {
        Trigger.CONTRACT, Trigger.FINAL_AWARD, Trigger.AWARD_DECISION_NOT_AWARDED, Trigger.CANCELLATION}


# -- one machine for all procedures ---------------------------------------------------

def test_procedures_share_the_one_machine_and_bind_no_model_to_it() -> None:
    # Binding a model per procedure costs time and memory (add_model is quadratic): procedures
    # read the step table, and the engine's one cursor stays its only model, however many run.
    engine = segment_engine()
    procs = [ai.inkoop2022() for _ in range(40)]
    procs += [ai.Procedure(ai.procedure_template()) for _ in range(10)]
    procs[0].record(ai.NotaVanInlichtingen(on=date(2021, 5, 3)))
    for proc in procs[:5]:
        proc.phase_on(date(2022, 3, 20))
        proc.allowed_events(proc.data.segment_ids[0], date(2022, 3, 20))
    ai.mermaid_diagram()
    assert engine.machine.models == [engine.cursor]
    assert segment_engine() is engine


def test_procedures_hold_no_machine_model() -> None:
    # Procedures are plain data: the 'transitions' engine never binds to them.
    proc = ai.inkoop2022()
    for name in ("to_dialoog", "may_tender_start", "tender_start", "trigger", "state"):
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


def test_the_step_table_is_what_the_transitions_engine_does() -> None:
    # The table is computed from the declaration, without the engine; every (state, trigger,
    # guards) combination must agree with the engine built from the same declaration, refused
    # ones included.
    engine = segment_engine()
    assert len(SEGMENT_MACHINE.fact_sets) == 2 ** len(Guard)
    for state in SEGMENT_MACHINE.states:
        for trigger in SEGMENT_MACHINE.triggers:
            for facts in SEGMENT_MACHINE.fact_sets:
                assert SEGMENT_MACHINE.step(state, trigger, facts) == engine.step(
                    state, trigger, facts), (state, trigger, facts)


def test_the_engine_refuses_a_machine_with_callbacks(monkeypatch: pytest.MonkeyPatch) -> None:
    # The table stands for the engine only while no callback can change where a step leads.
    with_callback = [{**t, "after": "noted"} for t in _machine._transitions()]
    monkeypatch.setattr(_engine, "_transitions", lambda: with_callback)
    with pytest.raises(ValueError, match="without callbacks"):
        _engine.SegmentEngine()


def test_out_of_order_events_log_no_warnings_from_the_engine(caplog: pytest.LogCaptureFixture) -> None:
    proc = ai.inkoop2022()
    with caplog.at_level("WARNING"), pytest.raises(ai.RuleViolation):
        proc.record(ai.AwardDecision(on=date(2021, 2, 1), outcome="awarded"))
    assert [r.getMessage() for r in caplog.records if r.name.startswith("transitions")] == []


# -- diagram --------------------------------------------------------------------------

def test_mermaid_diagram_names_every_state_phase_and_trigger() -> None:
    text = ai.mermaid_diagram()
    assert "stateDiagram" in text
    for state in S:
        assert state.value in text, state
    for phase in Phase:
        assert phase.value in text, phase
    for trigger in Trigger:
        assert trigger.value in text, trigger
    assert "final_award [standstill_over]" in text


def test_mermaid_diagram_of_each_machine() -> None:
    phases = ai.mermaid_diagram("phases")
    segment = ai.mermaid_diagram("segment")
    assert "implementatie" in phases
    assert "gunning.kort_geding" not in phases
    assert "gunning.kort_geding" in segment
    assert ai.mermaid_diagram() == f"{phases}\n\n{segment}"
    assert ai.mermaid_diagram() == ai.mermaid_diagram()  # the same text every call


def test_the_readme_shows_the_diagram_of_the_machines_as_they_are() -> None:
    # The README's Mermaid blocks are the output of `achterhoek-inkoop diagram`, never hand-written.
    readme = (REPOSITORY / "README.md").read_text(encoding="utf-8")
    blocks = [b.strip() for b in re.findall(r"```mermaid\n(.*?)```", readme, re.S) if "stateDiagram" in b]
    assert blocks == [ai.mermaid_diagram("phases").strip(), ai.mermaid_diagram("segment").strip()]


def test_mermaid_diagram_refuses_an_unknown_machine() -> None:
    with pytest.raises(ai.InvalidInputError, match="contracts"):
        ai.mermaid_diagram("contracts")  # type: ignore[arg-type]
