"""The lifecycle declaration: what each state means, checked when built, and the tables beside it."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from helpers import REPOSITORY
from hypothesis import given
from hypothesis import strategies as st

import achterhoek_inkoop as ai
from achterhoek_inkoop._exceptions import LifecycleDefinitionError
from achterhoek_inkoop.lifecycle import (
    LIFECYCLE,
    EventTrigger,
    Guard,
    Phase,
    StateSpec,
    Transition,
    Trigger,
    _course,
    _messages,
    _timeline,
)
from achterhoek_inkoop.record import EVENT_MODELS

S = ai.SegmentState


# -- what the states mean ----------------------------------------------------------------

def test_every_state_and_phase_has_a_dutch_label_and_an_english_gloss() -> None:
    for kind in (*S, *Phase):
        assert kind.label.nl, kind
        assert kind.label.en, kind
    assert S.VOORLOPIG_GEGUND.label == ai.Label("voorlopig gegund", "provisionally awarded")


def test_the_properties_nest() -> None:
    # An award decision not yet final is awaited; whatever is awaited is closed to dialogue.
    assert LIFECYCLE.where(award_pending=True) <= LIFECYCLE.where(awaiting_award=True)
    assert LIFECYCLE.where(awaiting_award=True) <= LIFECYCLE.where(closed_to_dialogue=True)
    assert not LIFECYCLE.where(award_final=True) & LIFECYCLE.where(closed_to_dialogue=True)
    assert LIFECYCLE.where(terminal=True) == {S.BEEINDIGD, S.GESTAAKT}
    assert not LIFECYCLE.where(terminal=True) & LIFECYCLE.where(closed_to_dialogue=True)


def test_dialogue_is_closed_in_the_tender_and_while_an_award_is_not_final() -> None:
    assert LIFECYCLE.where(closed_to_dialogue=True) == {
        S.AANBESTEDING, S.VOORLOPIG_GEGUND, S.STANDSTILL, S.STANDSTILL_VERSTREKEN, S.KORT_GEDING,
        S.HERBEOORDELING, S.HERAANBESTEDING}
    # Not awarded, a new tender to follow: market consultation is allowed until it starts.
    assert S.NIET_GEGUND not in LIFECYCLE.where(closed_to_dialogue=True)


def test_every_event_type_fires_a_trigger_or_is_declared_to_change_nothing() -> None:
    assert {e.event_type for e in LIFECYCLE.events} == set(EVENT_MODELS)


@pytest.mark.parametrize(("event", "trigger"), [
    (ai.AwardDecision(on=date(2022, 3, 14), outcome="awarded"), Trigger.AWARD_DECISION_AWARDED),
    (ai.AwardDecision(on=date(2022, 3, 14), outcome="not_awarded"), Trigger.AWARD_DECISION_NOT_AWARDED),
    (ai.AwardDecision(on=date(2022, 3, 14), outcome="not_awarded", follow_up="verkort_proces"),
     Trigger.AWARD_DECISION_NOT_AWARDED),
    (ai.ContractExtension(on=date(2024, 2, 2)), None),
    (ai.ContractExtension(on=date(2024, 2, 2), extended_to=date(2026, 6, 30)), Trigger.CONTRACT_EXTENSION),
    (ai.KortGedingRuling(on=date(2025, 7, 14), outcome="rejected"), Trigger.KORT_GEDING_RULING_REJECTED),
    (ai.Announcement(on=date(2020, 11, 24), title="Uitnodiging"), None),
])
def test_which_event_fires_which_trigger(event: ai.Event, trigger: Trigger | None) -> None:
    assert LIFECYCLE.trigger_of(event) == trigger


# -- checked when built ---------------------------------------------------------------------

def broken(**changes: object) -> list[str]:
    with pytest.raises(LifecycleDefinitionError) as caught:
        replace(LIFECYCLE, **changes)
    return caught.value.problems


def test_the_declaration_as_shipped_is_consistent() -> None:
    assert replace(LIFECYCLE) == LIFECYCLE   # building it again raises nothing


def test_an_unreachable_state_is_refused() -> None:
    transitions = tuple(t for t in LIFECYCLE.transitions if t.dest != S.HERBEOORDELING)
    problems = broken(transitions=transitions)
    assert any("gunning.herbeoordeling cannot be reached" in p for p in problems)


def test_a_trap_state_is_refused() -> None:
    transitions = tuple(t for t in LIFECYCLE.transitions if t.trigger != Trigger.CONTRACT_END)
    problems = broken(transitions=transitions)
    assert any("in_uitvoering is a trap" in p for p in problems)
    assert any("contract_end has no transition" in p for p in problems)


def test_a_terminal_state_with_a_way_out_is_refused() -> None:
    transitions = (*LIFECYCLE.transitions, Transition(Trigger.TENDER_START, (S.BEEINDIGD,), S.AANBESTEDING))
    assert any("terminal state beeindigd" in p for p in broken(transitions=transitions))


def test_an_event_type_without_a_trigger_is_refused() -> None:
    events = tuple(e for e in LIFECYCLE.events if e.event_type != "objection")
    assert any("event type objection" in p for p in broken(events=events))


def test_an_outcome_without_a_trigger_is_refused() -> None:
    events = tuple(e for e in LIFECYCLE.events if e.when != {"outcome": "upheld"})
    assert any("kort_geding_ruling with {'outcome': 'upheld'}" in p for p in broken(events=events))


def test_a_trigger_declared_twice_from_one_state_is_refused() -> None:
    transitions = (*LIFECYCLE.transitions, Transition(Trigger.CONTRACT, (S.DEFINITIEF_GEGUND,), S.BEEINDIGD))
    assert any("declared twice" in p for p in broken(transitions=transitions))


def test_a_warning_of_an_unknown_rule_is_refused() -> None:
    transitions = (*LIFECYCLE.transitions[:-1],
                   replace(LIFECYCLE.transitions[-1], warning="geen-regel"))
    assert any("geen-regel" in p for p in broken(transitions=transitions))


def test_a_state_without_its_properties_is_refused() -> None:
    states = {s: spec for s, spec in LIFECYCLE.states.items() if s != S.KORT_GEDING}
    assert any("not every SegmentState" in p for p in broken(states=states))


def test_an_event_type_that_does_not_exist_is_refused() -> None:
    events = (*LIFECYCLE.events, EventTrigger("bezwaarschrift", {}, None))
    assert any("bezwaarschrift does not exist" in p for p in broken(events=events))


# -- the tables the timeline keeps beside the declaration --------------------------------------

def test_every_rule_the_declaration_names_has_a_message() -> None:
    named = {t.warning for t in LIFECYCLE.transitions if t.warning}
    named |= {g.refused_by for g in LIFECYCLE.guards.values()} | {"volgorde"}
    assert named == set(_messages.MESSAGES)


def test_every_guard_is_decided_and_every_effect_is_a_trigger() -> None:
    assert set(_course._GUARDS) == set(Guard)
    assert set(_timeline._EFFECTS) <= set(Trigger)
    # A trigger fired by an event needs the text that says what it needs when refused.
    assert all(spec.needs or spec.delayed for spec in LIFECYCLE.triggers.values())


# -- the phase: a projection of the segments' states ------------------------------------------

STATES = st.lists(st.sampled_from(list(S)), min_size=1, max_size=5)


@given(STATES, st.sampled_from(list(Phase)))
def test_the_phase_never_goes_back(present: list[S], previous: Phase) -> None:
    order = list(Phase)
    assert order.index(LIFECYCLE.project_phase(previous, present)) >= order.index(previous)


@given(STATES)
def test_the_phase_is_the_furthest_segment_unless_one_holds_it(present: list[S]) -> None:
    phase = LIFECYCLE.project_phase(Phase.DIALOOG, present)
    specs: list[StateSpec] = [s.spec for s in present]
    live = [spec.phase for spec in specs if not spec.terminal]
    furthest = max(live, key=list(Phase).index, default=Phase.DIALOOG)
    if all(spec.terminal for spec in specs):
        assert phase == Phase.AFGEROND
    elif phase != furthest:
        assert (furthest, phase) in {(Phase.IMPLEMENTATIE, Phase.GUNNING), (Phase.UITVOERING, Phase.GUNNING)}
    if phase in (Phase.IMPLEMENTATIE, Phase.UITVOERING):
        assert not any(spec.awaiting_award for spec in specs)
    if phase == Phase.AFGEROND:
        assert all(spec.terminal for spec in specs)


def test_inkoop2022_enters_implementatie_while_a_segment_waits_for_its_follow_up() -> None:
    # Wmo Logeren was not awarded and a shortened procedure followed (no start of it is recorded);
    # the four awarded segments' implementation started when their award became final.
    proc = ai.inkoop2022()
    assert proc.segment_state_on("wmo-logeren", date(2022, 4, 5)) == S.NIET_GEGUND
    assert proc.phase_on(date(2022, 4, 5)) == Phase.IMPLEMENTATIE


def test_a_procedure_whose_segments_are_all_cancelled_is_afgerond() -> None:
    assert LIFECYCLE.project_phase(Phase.GUNNING, [S.GESTAAKT, S.GESTAAKT]) == Phase.AFGEROND
    # One segment cancelled, another still in its tender: the procedure is not over.
    assert LIFECYCLE.project_phase(Phase.AANBESTEDING, [S.GESTAAKT, S.AANBESTEDING]) == Phase.AANBESTEDING


def test_the_readme_table_of_states_is_the_declaration() -> None:
    readme = (REPOSITORY / "README.md").read_text()
    rows = [line for line in readme.splitlines() if line.startswith("| `") and "/" in line.split("|")[2]]
    table = {}
    for row in rows:
        cells = [c.strip() for c in row.strip("|").split("|")]
        if cells[0].strip("`") in {s.value for s in S}:
            table[S(cells[0].strip("`"))] = cells[1:]
    assert set(table) == set(S)
    for state, (label, phase, *flags) in table.items():
        spec = state.spec
        assert label == f"{spec.label.nl} / {spec.label.en}", state
        assert phase == spec.phase.value, state
        wanted = [spec.closed_to_dialogue, spec.awaiting_award, spec.award_pending, spec.award_final,
                  spec.terminal]
        assert [flag == "yes" for flag in flags] == wanted, state
