"""The lifecycle of a segment (perceel), declared once: states, triggers, transitions, events.

Everything the library knows about what a state *means* is in this module:

* every :class:`SegmentState` with its properties (:class:`StateSpec`): the
  label a person reads, the :class:`Phase` of the procedure it belongs to,
  and whether it is closed to dialogue, holds an award decision that is not
  yet final, holds a final award, or ends the segment's course;
* every :class:`Trigger`, fired by an event or by the passing of a period
  (a *delayed transition*), with what it needs when it is refused;
* every :class:`Transition`, with the guard it needs and the warning it gives;
* which event (type and field values) fires which trigger.

The ``transitions`` machine is built from this declaration (``_machine``);
the timeline's legality checks, the strategies, the OCDS statuses, the frame
labels, the plot styles and the status text all derive from it. The
declaration is validated when the module is imported, in the style of
python-statemachine: every state is reachable, only a terminal state has no
way out, every event type is mapped, every trigger is used.

The procedure's :class:`Phase` is not a second machine: it is a projection of
its segments' states (:meth:`Lifecycle.project_phase`).
"""

from __future__ import annotations

import itertools
import types
import typing
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Literal

from .._exceptions import LifecycleDefinitionError
from .._labels import Label
from ..record import EVENT_MODELS, Event
from ._rules import RULES

__all__ = [
    "LIFECYCLE",
    "EventTrigger",
    "Guard",
    "GuardSpec",
    "Lifecycle",
    "Phase",
    "SegmentState",
    "StateSpec",
    "Transition",
    "Trigger",
    "TriggerSpec",
]


class Phase(StrEnum):
    """The phase of a procedure as a whole: a projection of its segments' states."""

    DIALOOG = "dialoog"
    AANBESTEDING = "aanbesteding"
    GUNNING = "gunning"
    IMPLEMENTATIE = "implementatie"
    UITVOERING = "uitvoering"
    AFGEROND = "afgerond"

    @property
    def label(self) -> Label:
        """What a person reads for this phase."""
        return LIFECYCLE.phase_labels[self]


class SegmentState(StrEnum):
    """Where one segment (perceel) stands; the award states are nested in ``gunning``."""

    DIALOOG = "dialoog"
    AANBESTEDING = "aanbesteding"
    VOORLOPIG_GEGUND = "gunning.voorlopig_gegund"
    STANDSTILL = "gunning.standstill"
    KORT_GEDING = "gunning.kort_geding"
    HERBEOORDELING = "gunning.herbeoordeling"
    DEFINITIEF_GEGUND = "gunning.definitief_gegund"
    NIET_GEGUND = "gunning.niet_gegund"
    HERAANBESTEDING = "heraanbesteding"
    IN_UITVOERING = "in_uitvoering"
    BEEINDIGD = "beeindigd"

    @property
    def spec(self) -> StateSpec:
        """The declared properties of this state."""
        return LIFECYCLE.states[self]

    @property
    def label(self) -> Label:
        """What a person reads for this state."""
        return LIFECYCLE.states[self].label


class Trigger(StrEnum):
    """What moves a segment: named after the event (and outcome) that fires it, or the period that ends."""

    TENDER_START = "tender_start"
    AWARD_DECISION_AWARDED = "award_decision_awarded"
    AWARD_DECISION_NOT_AWARDED = "award_decision_not_awarded"
    AWARD_DECISION_HERAANBESTEDING = "award_decision_heraanbesteding"
    STANDSTILL_START = "standstill_start"
    KORT_GEDING = "kort_geding"
    KORT_GEDING_RULING_REJECTED = "kort_geding_ruling_rejected"
    KORT_GEDING_RULING_UPHELD = "kort_geding_ruling_upheld"
    STANDSTILL_END = "standstill_end"
    FINAL_AWARD = "final_award"
    FOLLOW_UP_RESULT_AWARDED = "follow_up_result_awarded"
    FOLLOW_UP_RESULT_NOT_AWARDED = "follow_up_result_not_awarded"
    CONTRACT = "contract"
    CONTRACT_EXTENSION = "contract_extension"
    CONTRACT_END = "contract_end"


class Guard(StrEnum):
    """A fact about a segment on a date that a transition may need (``transitions``' condition)."""

    STANDSTILL_OVER = "standstill_over"


@dataclass(frozen=True, slots=True)
class StateSpec:
    """What a segment state means.

    ``phase`` is the phase of the procedure this state belongs to;
    ``closed_to_dialogue``: no dialogue about the segment is allowed;
    ``awaiting_award``: the segment waits for its award in this procedure
    (its bids are assessed, or its award decision is not yet final), so the
    procedure cannot move on to implementation;
    ``award_pending``: an award decision is made but not yet final;
    ``award_final``: the award is final (or its contracts run or ran);
    ``terminal``: the segment's course has ended, nothing moves it on.
    """

    state: SegmentState
    label: Label
    phase: Phase
    closed_to_dialogue: bool = False
    awaiting_award: bool = False
    award_pending: bool = False
    award_final: bool = False
    terminal: bool = False

    @property
    def open(self) -> bool:
        """Whether the segment is still on its way to, or in, a contract (it keeps a procedure open)."""
        return self.closed_to_dialogue or (self.award_final and not self.terminal)


@dataclass(frozen=True, slots=True)
class TriggerSpec:
    """A trigger, whether an event fires it or the passing of a period, and what it needs."""

    trigger: Trigger
    delayed: bool = False
    needs: str = ""


@dataclass(frozen=True, slots=True)
class Transition:
    """``trigger`` moves a segment from any of ``sources`` to ``dest`` (``None``: it stays).

    ``guard``, when set, must hold or the trigger is refused by the guard's
    rule; ``warning`` is the rule whose warning taking the transition gives.
    """

    trigger: Trigger
    sources: tuple[SegmentState, ...]
    dest: SegmentState | None
    guard: Guard | None = None
    warning: str | None = None


@dataclass(frozen=True, slots=True)
class GuardSpec:
    """A guard, what it means, and the rule that refuses a trigger when it does not hold."""

    guard: Guard
    meaning: str
    refused_by: str


@dataclass(frozen=True, slots=True)
class EventTrigger:
    """Events of ``event_type`` whose fields equal ``when`` fire ``trigger`` (``None``: no state changes).

    The first entry of an event type that matches an event decides; an entry
    with an empty ``when`` matches every event of its type.
    """

    event_type: str
    when: Mapping[str, object]
    trigger: Trigger | None

    def matches(self, event: Event) -> bool:
        """Whether ``event`` is of this entry's type and has the field values it names."""
        return event.type == self.event_type and all(
            getattr(event, name) == value for name, value in self.when.items())


#: Stands for "any value but None" of a field that is not a choice of literals.
_ANY = object()


@dataclass(frozen=True)
class Lifecycle:
    """The whole declaration, validated when built, with the tables derived from it."""

    initial: SegmentState
    states: Mapping[SegmentState, StateSpec]
    phase_labels: Mapping[Phase, Label]
    triggers: Mapping[Trigger, TriggerSpec]
    guards: Mapping[Guard, GuardSpec]
    transitions: tuple[Transition, ...]
    events: tuple[EventTrigger, ...]
    _by_type: dict[str, tuple[EventTrigger, ...]] = field(init=False, repr=False)
    _from: dict[tuple[SegmentState, Trigger], Transition] = field(init=False, repr=False)
    _rank: dict[Phase, int] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        by_type: dict[str, list[EventTrigger]] = {}
        for entry in self.events:
            by_type.setdefault(entry.event_type, []).append(entry)
        object.__setattr__(self, "_by_type", {t: tuple(e) for t, e in by_type.items()})
        duplicates = []
        from_: dict[tuple[SegmentState, Trigger], Transition] = {}
        for transition in self.transitions:
            for source in transition.sources:
                if (source, transition.trigger) in from_:
                    duplicates.append(f"trigger {transition.trigger} is declared twice from {source}")
                from_[source, transition.trigger] = transition
        object.__setattr__(self, "_from", from_)
        object.__setattr__(self, "_rank", {phase: rank for rank, phase in enumerate(Phase)})
        problems = duplicates + list(self._problems())
        if problems:
            raise LifecycleDefinitionError(problems)

    # -- what the rest of the library reads ------------------------------------------
    def trigger_of(self, event: Event) -> Trigger | None:
        """The trigger ``event`` fires, or ``None`` if it changes no state.

        >>> from datetime import date
        >>> from achterhoek_inkoop import AwardDecision
        >>> LIFECYCLE.trigger_of(AwardDecision(on=date(2022, 3, 14), outcome="awarded"))
        <Trigger.AWARD_DECISION_AWARDED: 'award_decision_awarded'>
        """
        entries = self._by_type[event.type]
        if len(entries) == 1:  # most types: no field decides, so no field need be read
            return entries[0].trigger
        for entry in entries:
            if entry.matches(event):
                return entry.trigger
        return None  # unreachable for a validated declaration: every combination is mapped

    def entries(self, event_type: str) -> tuple[EventTrigger, ...]:
        """The declared entries of ``event_type``, in the order they are matched."""
        return self._by_type[event_type]

    def where(self, **properties: bool) -> frozenset[SegmentState]:
        """The states whose declared properties have the given values.

        >>> sorted(state.value for state in LIFECYCLE.where(award_pending=True))
        ['gunning.kort_geding', 'gunning.standstill', 'gunning.voorlopig_gegund']
        """
        return frozenset(s for s, spec in self.states.items()
                         if all(getattr(spec, name) == value for name, value in properties.items()))

    def guard_of(self, state: SegmentState, trigger: Trigger) -> Guard | None:
        """The guard the transition of ``trigger`` from ``state`` needs, if any."""
        transition = self._from.get((state, trigger))
        return None if transition is None else transition.guard

    def warning_of(self, state: SegmentState, trigger: Trigger) -> str | None:
        """The rule whose warning taking ``trigger`` from ``state`` gives, if any."""
        transition = self._from.get((state, trigger))
        return None if transition is None else transition.warning

    def project_phase(self, previous: Phase, present: Iterable[SegmentState]) -> Phase:
        """The phase of a procedure whose segments are in ``present``, having been in ``previous``.

        The procedure is in the furthest phase any of its segments is in, and
        never goes back; but it is not in ``implementatie`` while a segment
        still awaits its award (in the tender, under assessment, or an award
        decision not yet final), and not ``afgerond`` while a segment is still
        on its way to, or in, a contract.

        >>> S = SegmentState
        >>> LIFECYCLE.project_phase(Phase.GUNNING, [S.DEFINITIEF_GEGUND, S.STANDSTILL])
        <Phase.GUNNING: 'gunning'>
        >>> LIFECYCLE.project_phase(Phase.GUNNING, [S.DEFINITIEF_GEGUND, S.HERAANBESTEDING])
        <Phase.IMPLEMENTATIE: 'implementatie'>
        """
        rank = self._rank
        specs = [self.states[s] for s in present]
        target = max((spec.phase for spec in specs), key=rank.__getitem__, default=Phase.DIALOOG)
        if rank[target] <= rank[previous]:
            return previous  # it never goes back, whatever holds it
        if target == Phase.IMPLEMENTATIE and any(spec.awaiting_award for spec in specs):
            target = Phase.GUNNING
        if target == Phase.AFGEROND and any(spec.open for spec in specs):
            target = Phase.UITVOERING
        return target if rank[target] > rank[previous] else previous

    # -- validation -------------------------------------------------------------------
    def _problems(self) -> Iterable[str]:
        if set(self.states) != set(SegmentState):
            yield f"states declared {sorted(self.states)} are not every SegmentState"
        for state, spec in self.states.items():
            if spec.state != state:
                yield f"state {state} is declared with the properties of {spec.state}"
        if set(self.phase_labels) != set(Phase):
            yield "every phase needs a label"
        if set(self.triggers) != set(Trigger):
            yield "every trigger needs a TriggerSpec"
        if set(self.guards) != set(Guard):
            yield "every guard needs a GuardSpec"
        used = {t.trigger for t in self.transitions}
        for trigger in Trigger:
            if trigger not in used:
                yield f"trigger {trigger} has no transition"
        fired = {e.trigger for e in self.events} | {t for t, s in self.triggers.items() if s.delayed}
        for trigger in Trigger:
            if trigger not in fired:
                yield f"trigger {trigger} is fired by no event and is not delayed"
        moves = self._moves()
        reachable = {self.initial}
        todo = [self.initial]
        while todo:
            for dest in moves.get(todo.pop(), ()):
                if dest not in reachable:
                    reachable.add(dest)
                    todo.append(dest)
        for state in SegmentState:
            if state not in reachable:
                yield f"state {state} cannot be reached from {self.initial}"
            terminal = self.states[state].terminal if state in self.states else False
            if not terminal and not moves.get(state):
                yield f"state {state} is a trap: no transition leaves it and it is not terminal"
            if terminal and moves.get(state):
                yield f"terminal state {state} has transitions to {sorted(moves[state])}"
        yield from self._unmapped_events()
        named = ({t.warning for t in self.transitions if t.warning}
                 | {g.refused_by for g in self.guards.values()})
        for rule in sorted(named - set(RULES)):
            yield f"rule {rule} is named in the declaration but not declared in RULES"

    def _moves(self) -> dict[SegmentState, set[SegmentState]]:
        """For every state, the other states a transition leads to."""
        moves: dict[SegmentState, set[SegmentState]] = {}
        for t in self.transitions:
            for source in t.sources:
                if t.dest is not None and t.dest != source:
                    moves.setdefault(source, set()).add(t.dest)
        return moves

    def _unmapped_events(self) -> Iterable[str]:
        """Every event type, and every combination of the field values its entries name, is mapped."""
        for event_type, model in EVENT_MODELS.items():
            entries = self._by_type.get(event_type)
            if not entries:
                yield f"event type {event_type} fires no trigger and is not declared as changing no state"
                continue
            names = sorted({name for e in entries for name in e.when})
            for values in itertools.product(*(_field_values(model, name) for name in names)):
                combination = dict(zip(names, values, strict=True))
                if not any(all(combination[n] == v for n, v in e.when.items()) for e in entries):
                    shown = {n: ("<any>" if v is _ANY else v) for n, v in combination.items()}
                    yield f"event type {event_type} with {shown} fires no declared trigger"
        for event_type in self._by_type:
            if event_type not in EVENT_MODELS:
                yield f"event type {event_type} does not exist"


def _field_values(model: type[Any], name: str) -> tuple[object, ...]:
    """The values a field can take: its literals (and ``None`` if optional), else any value (and ``None``)."""
    annotation = model.model_fields[name].annotation
    args = typing.get_args(annotation)
    optional = type(None) in args
    union = typing.get_origin(annotation) in (typing.Union, types.UnionType)
    options = [a for a in args if a is not type(None)] if union else [annotation]
    values: list[object] = []
    for option in options:
        if typing.get_origin(option) is Literal:
            values += typing.get_args(option)
        else:
            values.append(_ANY)
    return (*values, *((None,) if optional else ()))


S = SegmentState
T = Trigger
_L = Label
_FINAL = (S.DEFINITIEF_GEGUND, S.IN_UITVOERING, S.BEEINDIGD)
_DECIDING = (S.AANBESTEDING, S.HERBEOORDELING, S.HERAANBESTEDING)
_AWARD_NEEDS = "an award decision needs a tender (aanbesteding) first"
_FOLLOW_UP_NEEDS = "a follow-up result needs a segment that was not awarded or is re-tendered"
_RULING_NEEDS = "a ruling needs a pending kort geding"

#: The lifecycle of a segment and the phases of a procedure.
LIFECYCLE = Lifecycle(
    initial=S.DIALOOG,
    states={spec.state: spec for spec in (
        StateSpec(S.DIALOOG, _L("dialoog", "dialogue with the market"), Phase.DIALOOG),
        StateSpec(S.AANBESTEDING, _L("aanbesteding", "in the tender"), Phase.AANBESTEDING,
                  closed_to_dialogue=True, awaiting_award=True),
        StateSpec(S.VOORLOPIG_GEGUND, _L("voorlopig gegund", "provisionally awarded"), Phase.GUNNING,
                  closed_to_dialogue=True, awaiting_award=True, award_pending=True),
        StateSpec(S.STANDSTILL, _L("standstill", "Alcatel standstill running"), Phase.GUNNING,
                  closed_to_dialogue=True, awaiting_award=True, award_pending=True),
        StateSpec(S.KORT_GEDING, _L("kort geding", "summary proceedings pending"), Phase.GUNNING,
                  closed_to_dialogue=True, awaiting_award=True, award_pending=True),
        StateSpec(S.HERBEOORDELING, _L("herbeoordeling", "bids reassessed after a kort geding"),
                  Phase.GUNNING, closed_to_dialogue=True, awaiting_award=True),
        StateSpec(S.DEFINITIEF_GEGUND, _L("definitief gegund", "award final"), Phase.IMPLEMENTATIE,
                  award_final=True),
        StateSpec(S.NIET_GEGUND, _L("niet gegund", "not awarded"), Phase.GUNNING),
        StateSpec(S.HERAANBESTEDING, _L("heraanbesteding", "re-tendered"), Phase.GUNNING,
                  closed_to_dialogue=True),
        StateSpec(S.IN_UITVOERING, _L("in uitvoering", "contracts in force"), Phase.UITVOERING,
                  award_final=True),
        StateSpec(S.BEEINDIGD, _L("beëindigd", "contracts ended"), Phase.AFGEROND,
                  award_final=True, terminal=True),
    )},
    phase_labels={
        Phase.DIALOOG: _L("dialoog", "dialogue with the market"),
        Phase.AANBESTEDING: _L("aanbesteding", "tender"),
        Phase.GUNNING: _L("gunning", "award"),
        Phase.IMPLEMENTATIE: _L("implementatie", "implementation before the contracts start"),
        Phase.UITVOERING: _L("uitvoering", "contracts in force"),
        Phase.AFGEROND: _L("afgerond", "closed: the last contracts have ended"),
    },
    triggers={spec.trigger: spec for spec in (
        TriggerSpec(T.TENDER_START,
                    needs="a tender starts only for a segment in dialoog, or one not awarded"),
        TriggerSpec(T.AWARD_DECISION_AWARDED, needs=_AWARD_NEEDS),
        TriggerSpec(T.AWARD_DECISION_NOT_AWARDED, needs=_AWARD_NEEDS),
        TriggerSpec(T.AWARD_DECISION_HERAANBESTEDING, needs=_AWARD_NEEDS),
        TriggerSpec(T.STANDSTILL_START, delayed=True),
        TriggerSpec(T.KORT_GEDING, needs="a kort geding about the award needs an award decision first"),
        TriggerSpec(T.KORT_GEDING_RULING_REJECTED, needs=_RULING_NEEDS),
        TriggerSpec(T.KORT_GEDING_RULING_UPHELD, needs=_RULING_NEEDS),
        TriggerSpec(T.STANDSTILL_END, delayed=True),
        TriggerSpec(T.FINAL_AWARD, needs="a final award needs an award decision (voorlopige gunning) first"),
        TriggerSpec(T.FOLLOW_UP_RESULT_AWARDED, needs=_FOLLOW_UP_NEEDS),
        TriggerSpec(T.FOLLOW_UP_RESULT_NOT_AWARDED, needs=_FOLLOW_UP_NEEDS),
        TriggerSpec(T.CONTRACT, needs="a contract starts only after the award is final"),
        TriggerSpec(T.CONTRACT_EXTENSION, needs="only a contract in force can be extended"),
        TriggerSpec(T.CONTRACT_END, delayed=True),
    )},
    guards={spec.guard: spec for spec in (
        GuardSpec(Guard.STANDSTILL_OVER, "the standstill of the segment's award decision has ended",
                  refused_by="definitieve-gunning-voor-einde-standstill"),
    )},
    transitions=(
        Transition(T.TENDER_START, (S.DIALOOG, S.NIET_GEGUND, S.HERAANBESTEDING), S.AANBESTEDING),
        Transition(T.AWARD_DECISION_AWARDED, _DECIDING, S.VOORLOPIG_GEGUND),
        Transition(T.AWARD_DECISION_NOT_AWARDED, _DECIDING, S.NIET_GEGUND),
        Transition(T.AWARD_DECISION_HERAANBESTEDING, _DECIDING, S.HERAANBESTEDING),
        Transition(T.STANDSTILL_START, (S.VOORLOPIG_GEGUND,), S.STANDSTILL),
        Transition(T.KORT_GEDING, (S.VOORLOPIG_GEGUND, S.STANDSTILL), S.KORT_GEDING),
        # Started after the standstill it suspends nothing; the court may still hear it.
        Transition(T.KORT_GEDING, _FINAL, None, warning="kort-geding-na-standstill"),
        # The standstill resumes; if it has ended meanwhile, it ends at once.
        Transition(T.KORT_GEDING_RULING_REJECTED, (S.KORT_GEDING,), S.STANDSTILL),
        Transition(T.KORT_GEDING_RULING_UPHELD, (S.KORT_GEDING,), S.HERBEOORDELING),
        Transition(T.STANDSTILL_END, (S.STANDSTILL,), S.DEFINITIEF_GEGUND),
        Transition(T.FINAL_AWARD, (S.VOORLOPIG_GEGUND, S.STANDSTILL), S.DEFINITIEF_GEGUND,
                   guard=Guard.STANDSTILL_OVER),
        Transition(T.FINAL_AWARD, (S.KORT_GEDING,), S.DEFINITIEF_GEGUND, guard=Guard.STANDSTILL_OVER,
                   warning="definitieve-gunning-tijdens-kort-geding"),
        Transition(T.FINAL_AWARD, _FINAL, None),
        Transition(T.FOLLOW_UP_RESULT_AWARDED, (S.NIET_GEGUND, S.HERAANBESTEDING), S.DEFINITIEF_GEGUND),
        Transition(T.FOLLOW_UP_RESULT_NOT_AWARDED, (S.NIET_GEGUND, S.HERAANBESTEDING), S.NIET_GEGUND),
        Transition(T.CONTRACT, (S.DEFINITIEF_GEGUND,), S.IN_UITVOERING),
        Transition(T.CONTRACT_EXTENSION, (S.IN_UITVOERING,), None),
        Transition(T.CONTRACT_END, (S.IN_UITVOERING,), S.BEEINDIGD),
    ),
    events=(
        EventTrigger("dialogue_activity", {}, None),
        EventTrigger("registration", {}, None),
        EventTrigger("tender_start", {}, T.TENDER_START),
        EventTrigger("nota_van_inlichtingen", {}, None),
        EventTrigger("award_decision", {"outcome": "awarded"}, T.AWARD_DECISION_AWARDED),
        EventTrigger("award_decision", {"outcome": "not_awarded", "follow_up": "verkort_proces"},
                     T.AWARD_DECISION_HERAANBESTEDING),
        EventTrigger("award_decision", {"outcome": "not_awarded", "follow_up": "heraanbesteding"},
                     T.AWARD_DECISION_HERAANBESTEDING),
        EventTrigger("award_decision", {"outcome": "not_awarded", "follow_up": "nader_onderzoek"},
                     T.AWARD_DECISION_NOT_AWARDED),
        EventTrigger("award_decision", {"outcome": "not_awarded", "follow_up": None},
                     T.AWARD_DECISION_NOT_AWARDED),
        EventTrigger("objection", {}, None),
        EventTrigger("kort_geding", {}, T.KORT_GEDING),
        EventTrigger("kort_geding_ruling", {"outcome": "rejected"}, T.KORT_GEDING_RULING_REJECTED),
        EventTrigger("kort_geding_ruling", {"outcome": "upheld"}, T.KORT_GEDING_RULING_UPHELD),
        EventTrigger("final_award", {}, T.FINAL_AWARD),
        EventTrigger("follow_up_result", {"outcome": "awarded"}, T.FOLLOW_UP_RESULT_AWARDED),
        EventTrigger("follow_up_result", {"outcome": "not_awarded"}, T.FOLLOW_UP_RESULT_NOT_AWARDED),
        EventTrigger("contract", {}, T.CONTRACT),
        EventTrigger("contract_extension", {"extended_to": None}, None),
        EventTrigger("contract_extension", {}, T.CONTRACT_EXTENSION),
        EventTrigger("overgangsregeling", {}, None),
        EventTrigger("client_transfer", {}, None),
        EventTrigger("announcement", {}, None),
    ),
)

