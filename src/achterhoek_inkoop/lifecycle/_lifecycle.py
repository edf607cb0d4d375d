"""The shape of a lifecycle declaration, its checks when built, and the questions asked of it.

``_declaration`` holds the one declaration of this library (:data:`LIFECYCLE`);
this module holds what a declaration is made of (:class:`StateSpec`,
:class:`TriggerSpec`, :class:`Transition`, :class:`GuardSpec`,
:class:`EventTrigger`) and :class:`Lifecycle`, which checks it when it is
built, in the style of python-statemachine, and answers the questions the
rest of the library asks: which trigger an event fires, which states have a
property, which transition a trigger takes, and the phase the segments'
states project onto.
"""

from __future__ import annotations

import itertools
import types
import typing
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from .._exceptions import LifecycleDefinitionError
from .._labels import Label
from ..record import EVENT_MODELS, Event
from ._rules import RULES

if TYPE_CHECKING:
    from ._declaration import Guard, Phase, SegmentState, Trigger

__all__ = ["EventTrigger", "GuardSpec", "Lifecycle", "StateSpec", "Transition", "TriggerSpec"]

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


@dataclass(frozen=True, slots=True)
class TriggerSpec:
    """A trigger, whether an event fires it or the passing of a period, and what it needs."""

    trigger: Trigger
    delayed: bool = False
    needs: str = ""


@dataclass(frozen=True, slots=True)
class Transition:
    """``trigger`` moves a segment from any of ``sources`` to ``dest`` (``None``: it stays).

    ``guard``, when set, must hold for the transition to be taken; when no
    transition of a trigger from a state can be taken, the first guard that
    failed names the rule that refuses it. Of several transitions of one
    trigger from one state, the first whose guard holds is taken (as in
    ``transitions``). ``warning`` is the rule whose warning taking it gives.
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
    """A whole declaration, checked when built, with the tables derived from it.

    ``kinds`` are the enum classes of its phases, states, triggers and guards,
    in that order: every member of each must be declared.
    """

    kinds: tuple[type[Phase], type[SegmentState], type[Trigger], type[Guard]]
    initial: SegmentState
    states: Mapping[SegmentState, StateSpec]
    phase_labels: Mapping[Phase, Label]
    triggers: Mapping[Trigger, TriggerSpec]
    guards: Mapping[Guard, GuardSpec]
    transitions: tuple[Transition, ...]
    events: tuple[EventTrigger, ...]
    _by_type: dict[str, tuple[EventTrigger, ...]] = field(init=False, repr=False)
    _from: dict[tuple[SegmentState, Trigger], tuple[Transition, ...]] = field(init=False, repr=False)
    _rank: dict[Phase, int] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        by_type: dict[str, list[EventTrigger]] = {}
        for entry in self.events:
            by_type.setdefault(entry.event_type, []).append(entry)
        object.__setattr__(self, "_by_type", {t: tuple(e) for t, e in by_type.items()})
        from_: dict[tuple[SegmentState, Trigger], list[Transition]] = {}
        for transition in self.transitions:
            for source in transition.sources:
                from_.setdefault((source, transition.trigger), []).append(transition)
        object.__setattr__(self, "_from", {key: tuple(ts) for key, ts in from_.items()})
        object.__setattr__(self, "_rank", {phase: rank for rank, phase in enumerate(self.kinds[0])})
        problems = list(self._problems())
        if problems:
            raise LifecycleDefinitionError(problems)

    # -- what the rest of the library reads ------------------------------------------
    def trigger_of(self, event: Event) -> Trigger | None:
        """The trigger ``event`` fires, or ``None`` if it changes no state.

        >>> from datetime import date
        >>> from achterhoek_inkoop import AwardDecision
        >>> from achterhoek_inkoop.lifecycle import LIFECYCLE
        >>> LIFECYCLE.trigger_of(AwardDecision(on=date(2022, 3, 14), outcome="awarded"))
        <Trigger.AWARD_DECISION_AWARDED: 'award_decision_awarded'>
        """
        entries = self._by_type[event.type]
        if len(entries) == 1:  # most types: no field decides, so no field need be read
            return entries[0].trigger
        for entry in entries:
            if entry.matches(event):
                return entry.trigger
        return None  # unreachable for a checked declaration: every combination is mapped

    def entries(self, event_type: str) -> tuple[EventTrigger, ...]:
        """The declared entries of ``event_type``, in the order they are matched."""
        return self._by_type[event_type]

    def where(self, **properties: bool) -> frozenset[SegmentState]:
        """The states whose declared properties have the given values.

        >>> from achterhoek_inkoop.lifecycle import LIFECYCLE
        >>> sorted(state.value for state in LIFECYCLE.where(award_pending=True))
        ['gunning.kort_geding', 'gunning.standstill', 'gunning.standstill_verstreken', \
'gunning.voorlopig_gegund']
        """
        return frozenset(s for s, spec in self.states.items()
                         if all(getattr(spec, name) == value for name, value in properties.items()))

    def taken(self, state: SegmentState, trigger: Trigger, facts: frozenset[Guard]) -> Transition | None:
        """The transition ``trigger`` takes from ``state`` with ``facts`` holding, if any."""
        for transition in self._from.get((state, trigger), ()):
            if transition.guard is None or transition.guard in facts:
                return transition
        return None

    def failed_guard(self, state: SegmentState, trigger: Trigger) -> Guard | None:
        """The first guard of the transitions of ``trigger`` from ``state``: the one whose rule
        refuses the trigger when none can be taken (``None``: it is refused as out of order)."""
        return next((t.guard for t in self._from.get((state, trigger), ()) if t.guard), None)

    def project_phase(self, previous: Phase, present: Iterable[SegmentState]) -> Phase:
        """The phase of a procedure whose segments are in ``present``, having been in ``previous``.

        The procedure is in the furthest phase of its segments whose course has
        not ended, and never goes back; it is not in ``implementatie`` or
        ``uitvoering`` while a segment still awaits its award (in the tender,
        under assessment, or an award decision not yet final), even where the
        contracts of another already run; once every segment has ended its course
        (its contracts ended, or its tender cancelled) it is ``afgerond``. A
        segment not awarded has not ended its course: a new procedure or a
        cancellation is still to come.

        >>> from achterhoek_inkoop.lifecycle import LIFECYCLE, Phase, SegmentState as S
        >>> LIFECYCLE.project_phase(Phase.GUNNING, [S.DEFINITIEF_GEGUND, S.STANDSTILL])
        <Phase.GUNNING: 'gunning'>
        >>> LIFECYCLE.project_phase(Phase.GUNNING, [S.DEFINITIEF_GEGUND, S.NIET_GEGUND])
        <Phase.IMPLEMENTATIE: 'implementatie'>
        >>> LIFECYCLE.project_phase(Phase.AANBESTEDING, [S.GESTAAKT, S.GESTAAKT])
        <Phase.AFGEROND: 'afgerond'>
        >>> LIFECYCLE.project_phase(Phase.UITVOERING, [S.BEEINDIGD, S.NIET_GEGUND])
        <Phase.UITVOERING: 'uitvoering'>
        >>> LIFECYCLE.project_phase(Phase.GUNNING, [S.IN_UITVOERING, S.KORT_GEDING])
        <Phase.GUNNING: 'gunning'>
        """
        rank = self._rank
        phases = self.kinds[0]
        specs = [self.states[s] for s in present]
        if specs and all(spec.terminal for spec in specs):
            target = phases.AFGEROND
        else:
            target = max((spec.phase for spec in specs if not spec.terminal), key=rank.__getitem__,
                         default=phases.DIALOOG)
        if rank[target] <= rank[previous]:
            return previous  # it never goes back, whatever holds it
        if rank[target] > rank[phases.GUNNING] and any(spec.awaiting_award for spec in specs):
            # Never ahead of a segment still awaiting its award, even once another's contracts run.
            target = phases.GUNNING
        return target if rank[target] > rank[previous] else previous

    # -- checked when built -------------------------------------------------------------
    def _problems(self) -> Iterable[str]:
        phases, states, triggers, guards = self.kinds
        if set(self.states) != set(states):
            yield f"states declared {sorted(self.states)} are not every SegmentState"
        for state, spec in self.states.items():
            if spec.state != state:
                yield f"state {state} is declared with the properties of {spec.state}"
        if set(self.phase_labels) != set(phases):
            yield "every phase needs a label"
        if set(self.triggers) != set(triggers):
            yield "every trigger needs a TriggerSpec"
        if set(self.guards) != set(guards):
            yield "every guard needs a GuardSpec"
        used = {t.trigger for t in self.transitions}
        fired = {e.trigger for e in self.events} | {t for t, s in self.triggers.items() if s.delayed}
        for trigger in triggers:
            if trigger not in used:
                yield f"trigger {trigger} has no transition"
            if trigger not in fired:
                yield f"trigger {trigger} is fired by no event and is not delayed"
        for (state, trigger), taken in self._from.items():
            if any(t.guard is None for t in taken[:-1]):
                yield f"trigger {trigger} is declared twice from {state} without a guard to choose"
        yield from self._reachability()
        yield from self._unmapped_events()
        named = ({t.warning for t in self.transitions if t.warning}
                 | {g.refused_by for g in self.guards.values()})
        for rule in sorted(named - set(RULES)):
            yield f"rule {rule} is named in the declaration but not declared in RULES"

    def _reachability(self) -> Iterable[str]:
        moves: dict[SegmentState, set[SegmentState]] = {}
        for t in self.transitions:
            for source in t.sources:
                if t.dest is not None and t.dest != source:
                    moves.setdefault(source, set()).add(t.dest)
        reachable = {self.initial}
        todo = [self.initial]
        while todo:
            for dest in moves.get(todo.pop(), ()):
                if dest not in reachable:
                    reachable.add(dest)
                    todo.append(dest)
        for state in self.kinds[1]:
            if state not in reachable:
                yield f"state {state} cannot be reached from {self.initial}"
            terminal = self.states[state].terminal if state in self.states else False
            if not terminal and not moves.get(state):
                yield f"state {state} is a trap: no transition leaves it and it is not terminal"
            if terminal and moves.get(state):
                yield f"terminal state {state} has transitions to {sorted(moves[state])}"

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
