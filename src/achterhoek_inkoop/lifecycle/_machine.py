"""The segment machine built from the declaration and shared by every procedure, and its diagrams.

Where a trigger leads from a state, given the guards that hold, is read from
a table (:class:`Stepper`) computed once from :data:`~._declaration.LIFECYCLE`:
of the trigger's transitions from the state, the first whose guard holds is
taken, as ``transitions`` does. Replaying a procedure is a dict lookup per
step, without importing ``transitions``. The ``transitions`` engine
(``HierarchicalMachine``, the award states nested in ``gunning``) is built
from the same declaration in ``_engine``, only to draw the machines
(:func:`mermaid_diagram`) and for the test that checks the table against it
for every (state, trigger, guards) combination.

The phases of a procedure are a projection of its segments' states, not a
machine of their own; their diagram is derived by exploring which phase
changes the segment machine can cause (:func:`phase_changes`).
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, Literal

from .._exceptions import InvalidInputError
from .._text import Text
from ._declaration import LIFECYCLE, Guard, Phase, SegmentState, Trigger

if TYPE_CHECKING:
    from transitions import Machine

__all__ = ["NO_FACTS", "SEGMENT_MACHINE", "Stepper", "mermaid_diagram", "phase_changes"]

#: No guard holds.
NO_FACTS: frozenset[Guard] = frozenset()


def _nested_states() -> list[Any]:
    """The states as ``transitions`` wants them: ``gunning.x`` becomes child ``x`` of ``gunning``."""
    out: list[Any] = []
    for state in SegmentState:
        parent, dot, child = state.value.partition(".")
        if not dot:
            out.append(state.value)
            continue
        if not out or not isinstance(out[-1], dict) or out[-1]["name"] != parent:
            out.append({"name": parent, "children": []})
        out[-1]["children"].append(child)
    return out


def _transitions() -> list[dict[str, Any]]:
    return [
        {"trigger": t.trigger.value, "source": [s.value for s in t.sources],
         "dest": None if t.dest is None else t.dest.value,
         **({"conditions": [t.guard.value]} if t.guard else {})}
        for t in LIFECYCLE.transitions
    ]


def _build(cls: type[Machine], states: list[Any], transitions: list[dict[str, Any]], initial: str,
           **extra: Any) -> Machine:
    return cls(model=None, states=states, transitions=transitions, initial=initial,
               auto_transitions=False, ignore_invalid_triggers=True, **extra)


class Stepper:
    """The segment machine as a table of steps, computed from the declaration once.

    For each declared (state, trigger), the table holds where it leads under
    every combination of the guards its transitions read: the destination of
    the first transition whose guard holds (a transition without destination
    keeps the segment where it is). :meth:`step` reads it. A test checks the
    table against the ``transitions`` engine built from the same declaration
    (``_engine``), for every combination, refused ones included.

    >>> SEGMENT_MACHINE.step(SegmentState.AANBESTEDING, Trigger.AWARD_DECISION_AWARDED)
    <SegmentState.VOORLOPIG_GEGUND: 'gunning.voorlopig_gegund'>
    >>> SEGMENT_MACHINE.step(SegmentState.DIALOOG, Trigger.STANDSTILL_END) is None   # not allowed
    True
    """

    def __init__(self) -> None:
        self.states = tuple(SegmentState)
        self.triggers = tuple(Trigger)
        self.fact_sets = tuple(frozenset(c) for n in range(len(Guard) + 1)
                               for c in itertools.combinations(Guard, n))
        # For each declared (state, trigger), the guards its transitions read; the table holds
        # its destination for every combination of those alone.
        self._guards: dict[tuple[SegmentState, Trigger], frozenset[Guard]] = {}
        for transition in LIFECYCLE.transitions:
            for source in transition.sources:
                key = (source, transition.trigger)
                added = {transition.guard} if transition.guard else set()
                self._guards[key] = self._guards.get(key, NO_FACTS) | added
        self._table: dict[tuple[SegmentState, Trigger, frozenset[Guard]], SegmentState] = {}
        for (state, trigger), guards in self._guards.items():
            for n in range(len(guards) + 1):
                for combination in itertools.combinations(sorted(guards), n):
                    facts = frozenset(combination)
                    taken = LIFECYCLE.taken(state, trigger, facts)
                    if taken is not None:
                        self._table[state, trigger, facts] = state if taken.dest is None else taken.dest

    def step(self, state: SegmentState, trigger: Trigger,
             facts: frozenset[Guard] = NO_FACTS) -> SegmentState | None:
        """The state after ``trigger`` from ``state`` with ``facts`` holding, or None if refused.

        A transition that keeps the segment where it is (an internal one)
        gives ``state`` itself.
        """
        guards = self._guards.get((state, trigger))
        if guards is None:
            return None
        return self._table.get((state, trigger, facts & guards if guards else NO_FACTS))

    def allowed(self, state: SegmentState, facts: frozenset[Guard] = NO_FACTS) -> list[Trigger]:
        """The triggers allowed from ``state`` with ``facts`` holding, in declaration order."""
        return [t for t in self.triggers if self.step(state, t, facts) is not None]


SEGMENT_MACHINE = Stepper()


def phase_changes(segments: int = 2) -> dict[tuple[Phase, Phase], set[Trigger]]:
    """Every change of phase the segment machine can cause, with the triggers that cause it.

    Explores every reachable combination of ``segments`` segments' states
    (a trigger moving one segment, or several at once as one event does),
    under every combination of guards, and projects each onto the phase. Two segments show
    every kind of change: one can be ahead of or behind the other.
    """
    start = (Phase.DIALOOG, (LIFECYCLE.initial,) * segments)
    seen = {start}
    todo = [start]
    changes: dict[tuple[Phase, Phase], set[Trigger]] = {}
    groups = [c for n in range(1, segments + 1) for c in itertools.combinations(range(segments), n)]
    while todo:
        phase, states = todo.pop()
        for trigger in Trigger:
            for group, facts in itertools.product(groups, SEGMENT_MACHINE.fact_sets):
                moved = list(states)
                for i in group:
                    dest = SEGMENT_MACHINE.step(states[i], trigger, facts)
                    if dest is None:
                        break
                    moved[i] = dest
                else:
                    new = LIFECYCLE.project_phase(phase, moved)
                    if new != phase:
                        changes.setdefault((phase, new), set()).add(trigger)
                    node = (new, tuple(moved))
                    if node not in seen:
                        seen.add(node)
                        todo.append(node)
    return changes


def _phase_transitions() -> list[dict[str, Any]]:
    return [{"trigger": trigger.value, "source": source.value, "dest": dest.value}
            for (source, dest), triggers in sorted(phase_changes().items(),
                                                   key=lambda kv: (list(Phase).index(kv[0][0]),
                                                                   list(Phase).index(kv[0][1])))
            for trigger in Trigger if trigger in triggers]


def mermaid_diagram(machine: Literal["phases", "segment"] | None = None) -> str:
    """Mermaid text of the phases, the segment machine, or both (blank-line separated).

    Drawn from the declaration that runs, on separate instances (a
    GraphMachine keeps a graph per model); the phases from the changes the
    segment machine can cause.
    """
    if machine not in (None, "phases", "segment"):
        raise InvalidInputError("machine", machine, Text("must be 'phases', 'segment' or None"))
    from transitions.extensions import GraphMachine, HierarchicalGraphMachine

    from ._engine import _Cursor, _DotState

    class _SegmentGraph(HierarchicalGraphMachine):
        state_cls = _DotState

    # transitions logs warnings while it falls back from Graphviz to Mermaid.
    previous = logging.getLogger("transitions").level
    logging.getLogger("transitions").setLevel(logging.ERROR)
    try:
        parts = []
        drawings: Iterable[tuple[str, str, type[Machine], list[Any], list[dict[str, Any]]]] = (
            ("phases", "Procedure phases (a projection of the segments' states)", GraphMachine,
             [p.value for p in Phase], _phase_transitions()),
            ("segment", "Segment (perceel) course", _SegmentGraph, _nested_states(), _transitions()),
        )
        for name, title, cls, states, transitions in drawings:
            if machine not in (None, name):
                continue
            graph = _build(cls, states, transitions, LIFECYCLE.initial.value, graph_engine="mermaid",
                           title=title, show_state_attributes=False, show_conditions=True)
            model = _Cursor()
            graph.add_model(model)
            text = str(model.get_graph().draw(None))  # type: ignore[attr-defined]
            parts.append(_without_active_marking(text))
        return "\n\n".join(parts)
    finally:
        logging.getLogger("transitions").setLevel(previous)


def _without_active_marking(text: str) -> str:
    """Drop the styling of the drawing model's current state: the diagram is of the machine."""
    return "\n".join(line for line in text.splitlines() if not line.strip().startswith("Class "))
