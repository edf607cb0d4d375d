"""The state machines of a procedure, declared once and shared by every procedure.

Two machines, both built with ``transitions``: the procedure's phases (flat)
and the course of one segment (hierarchical: the award course lives inside
``gunning``). Neither is bound to a procedure. A single cursor object per
machine is stepped through a procedure's events once, when they are recorded;
the states it passes through are kept as plain data (see ``_timeline``), so
queries never touch the engine. ``transitions`` is wrapped here and nowhere
else: its generated ``to_*``/``may_*`` names and its errors never leak.
"""

from __future__ import annotations

import logging
import threading
from enum import StrEnum
from typing import Any, Literal

from transitions import Machine
from transitions.extensions.nesting import HierarchicalMachine, NestedState

from .._exceptions import InvalidInputError

__all__ = [
    "PHASE_MACHINE",
    "SEGMENT_MACHINE",
    "Phase",
    "SegmentState",
    "Stepper",
    "mermaid_diagram",
]


class Phase(StrEnum):
    """The phase of a procedure as a whole (DOMAIN.md C)."""

    DIALOOG = "dialoog"
    AANBESTEDING = "aanbesteding"
    GUNNING = "gunning"
    IMPLEMENTATIE = "implementatie"
    UITVOERING = "uitvoering"
    AFGEROND = "afgerond"


class SegmentState(StrEnum):
    """Where one segment (perceel) stands; award states are nested in ``gunning``."""

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


#: Segment states in which no dialogue about the segment is allowed (A1, B4).
NO_DIALOGUE_STATES = frozenset({
    SegmentState.AANBESTEDING,
    SegmentState.HERAANBESTEDING,
    SegmentState.VOORLOPIG_GEGUND,
    SegmentState.STANDSTILL,
    SegmentState.KORT_GEDING,
    SegmentState.HERBEOORDELING,
})
#: Segment states in which the award of the segment is final or beyond.
FINAL_STATES = frozenset({
    SegmentState.DEFINITIEF_GEGUND, SegmentState.IN_UITVOERING, SegmentState.BEEINDIGD,
})

S = SegmentState
_PHASE_TRANSITIONS: list[dict[str, Any]] = [
    {"trigger": "start_tender", "source": Phase.DIALOOG, "dest": Phase.AANBESTEDING},
    {"trigger": "decide_award", "source": Phase.AANBESTEDING, "dest": Phase.GUNNING},
    {"trigger": "finalise_awards", "source": Phase.GUNNING, "dest": Phase.IMPLEMENTATIE},
    {"trigger": "start_contracts", "source": [Phase.GUNNING, Phase.IMPLEMENTATIE],
     "dest": Phase.UITVOERING},
    {"trigger": "end_contracts", "source": Phase.UITVOERING, "dest": Phase.AFGEROND},
]

_SEGMENT_STATES: list[Any] = [
    "dialoog",
    "aanbesteding",
    {"name": "gunning", "children": [
        "voorlopig_gegund", "standstill", "kort_geding", "herbeoordeling",
        "definitief_gegund", "niet_gegund",
    ]},
    "heraanbesteding",
    "in_uitvoering",
    "beeindigd",
]
_SEGMENT_TRANSITIONS: list[dict[str, Any]] = [
    {"trigger": "start_tender", "source": [S.DIALOOG, S.NIET_GEGUND, S.HERAANBESTEDING],
     "dest": S.AANBESTEDING},
    {"trigger": "send_award", "source": [S.AANBESTEDING, S.HERBEOORDELING, S.HERAANBESTEDING],
     "dest": S.VOORLOPIG_GEGUND},
    {"trigger": "reject_bids", "source": [S.AANBESTEDING, S.HERBEOORDELING, S.HERAANBESTEDING],
     "dest": S.NIET_GEGUND},
    {"trigger": "retender", "source": S.NIET_GEGUND, "dest": S.HERAANBESTEDING},
    {"trigger": "begin_standstill", "source": S.VOORLOPIG_GEGUND, "dest": S.STANDSTILL},
    {"trigger": "file_kort_geding", "source": [S.VOORLOPIG_GEGUND, S.STANDSTILL],
     "dest": S.KORT_GEDING},
    {"trigger": "resume_standstill", "source": S.KORT_GEDING, "dest": S.STANDSTILL},
    {"trigger": "uphold_kort_geding", "source": S.KORT_GEDING, "dest": S.HERBEOORDELING},
    {"trigger": "finalise", "source": [S.STANDSTILL, S.KORT_GEDING], "dest": S.DEFINITIEF_GEGUND},
    {"trigger": "award_in_follow_up", "source": [S.NIET_GEGUND, S.HERAANBESTEDING],
     "dest": S.DEFINITIEF_GEGUND},
    {"trigger": "fail_in_follow_up", "source": [S.NIET_GEGUND, S.HERAANBESTEDING],
     "dest": S.NIET_GEGUND},
    {"trigger": "start_contract", "source": S.DEFINITIEF_GEGUND, "dest": S.IN_UITVOERING},
    {"trigger": "end_contract", "source": S.IN_UITVOERING, "dest": S.BEEINDIGD},
]


class _DotState(NestedState):
    """Nested states joined by '.', so that names like ``voorlopig_gegund`` keep their '_'."""

    separator = "."


class _SegmentMachine(HierarchicalMachine):
    state_cls = _DotState


class _Cursor:
    """The one model each machine drives; its ``state`` is set before every step."""

    state: str


class Stepper:
    """One shared ``transitions`` machine, run once per (state, trigger) when it is built.

    The machines have no conditions and no callbacks, so where a trigger leads
    depends on the state alone. :meth:`engine_step` asks the engine itself;
    at build time every allowed (state, trigger) pair is run through it once
    and the result kept in a table, which :meth:`step` reads. Replaying a
    procedure is then a dict lookup per step instead of an engine call
    (about 45 us each for the hierarchical machine), and a test checks the
    table against the engine for every pair.

    >>> SEGMENT_MACHINE.step(SegmentState.AANBESTEDING, "send_award")
    'gunning.voorlopig_gegund'
    >>> SEGMENT_MACHINE.step(SegmentState.DIALOOG, "finalise") is None   # not allowed
    True
    """

    def __init__(self, machine: Machine) -> None:
        if any(t.conditions or t.before or t.after or t.prepare
               for event in machine.events.values()
               for transitions in event.transitions.values() for t in transitions):
            raise ValueError("a Stepper table needs a machine without conditions or callbacks")
        self._machine = machine
        self._cursor = _Cursor()
        self._lock = threading.Lock()
        machine.add_model(self._cursor, initial=machine.initial)
        self.triggers = frozenset(machine.events)
        self.states = tuple(machine.get_nested_state_names()
                            if isinstance(machine, HierarchicalMachine) else machine.states)
        self._table: dict[tuple[str, str], str] = {}
        for state in self.states:
            # Only allowed pairs: the engine logs a warning for every refused trigger.
            for trigger in machine.get_triggers(state):
                dest = self.engine_step(state, trigger)
                if dest is not None:
                    self._table[state, trigger] = dest

    def engine_step(self, state: str, trigger: str) -> str | None:
        """Ask the ``transitions`` engine where ``trigger`` leads from ``state`` (thread-safe)."""
        with self._lock:
            self._cursor.state = str(state)
            moved: bool = getattr(self._cursor, trigger)()
            return self._cursor.state if moved else None

    def step(self, state: str, trigger: str) -> str | None:
        """The state after ``trigger`` from ``state``, or None if the machine forbids it."""
        if trigger not in self.triggers:
            raise ValueError(f"unknown trigger {trigger!r}")  # a bug in this library, not input
        return self._table.get((str(state), trigger))

    def allowed(self, state: str) -> list[str]:
        """The triggers allowed from ``state``."""
        return sorted(t for s, t in self._table if s == str(state))


def _plain(value: Any) -> Any:
    """Enum members as their plain text: ``transitions`` would name an Enum state by its key."""
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value.value if isinstance(value, StrEnum) else value


def _build(cls: type[Machine], states: list[Any], transitions: list[dict[str, Any]],
           initial: str, **extra: Any) -> Machine:
    plain = [{key: _plain(value) for key, value in t.items()} for t in transitions]
    return cls(model=None, states=states, transitions=plain, initial=initial,
               auto_transitions=False, ignore_invalid_triggers=True, **extra)


PHASE_MACHINE = Stepper(_build(Machine, [p.value for p in Phase], _PHASE_TRANSITIONS, "dialoog"))
SEGMENT_MACHINE = Stepper(
    _build(_SegmentMachine, _SEGMENT_STATES, _SEGMENT_TRANSITIONS, "dialoog")
)


def mermaid_diagram(machine: Literal["phases", "segment"] | None = None) -> str:
    """Mermaid text of the phase machine, the segment machine, or both (blank-line separated).

    Drawn from the same definitions that run, on separate instances (a
    GraphMachine keeps a graph per model).
    """
    if machine not in (None, "phases", "segment"):
        raise InvalidInputError("machine", machine, "must be 'phases', 'segment' or None")
    from transitions.extensions import GraphMachine, HierarchicalGraphMachine

    class _SegmentGraph(HierarchicalGraphMachine):
        state_cls = _DotState

    # transitions logs warnings while it falls back from Graphviz to Mermaid.
    previous = logging.getLogger("transitions").level
    logging.getLogger("transitions").setLevel(logging.ERROR)
    try:
        parts = []
        for name, title, cls, states, transitions in (
            ("phases", "Procedure phases", GraphMachine, [p.value for p in Phase],
             _PHASE_TRANSITIONS),
            ("segment", "Segment (perceel) course", _SegmentGraph, _SEGMENT_STATES,
             _SEGMENT_TRANSITIONS),
        ):
            if machine not in (None, name):
                continue
            graph = _build(cls, states, transitions, "dialoog", graph_engine="mermaid",
                           title=title, show_state_attributes=False)
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
