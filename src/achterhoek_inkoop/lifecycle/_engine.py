"""The ``transitions`` engine of the segment lifecycle, built only where it is needed.

Replaying a procedure never asks the engine: it reads the step table
:class:`~._machine.Stepper` computes from the declaration. The engine is
built from the same declaration to draw the machines (``mermaid_diagram``)
and for the test that checks the table against it, for every (state,
trigger, guards) combination. Importing ``transitions`` (which imports
``asyncio``) and building its machine is a fifth of the start-up of
``achterhoek-inkoop status``, so this module is imported only by those.

``transitions`` is wrapped here and in ``_machine`` and nowhere else: its
generated ``to_*``/``may_*`` names and its errors never leak.
"""

from __future__ import annotations

import threading
from functools import cache
from typing import Any

from transitions.extensions.nesting import HierarchicalMachine, NestedState

from ._declaration import LIFECYCLE, Guard, SegmentState, Trigger
from ._machine import NO_FACTS, _build, _nested_states, _transitions

__all__ = ["SegmentEngine", "segment_engine"]


class _DotState(NestedState):
    """Nested states joined by '.', so that names like ``voorlopig_gegund`` keep their '_'."""

    separator = "."


class _SegmentMachine(HierarchicalMachine):
    state_cls = _DotState


class _Cursor:
    """The one model a machine drives; ``state`` and ``facts`` are set before every step."""

    state: str
    facts: frozenset[Guard] = NO_FACTS


def _guard_check(guard: Guard) -> Any:
    def check(self: _Cursor) -> bool:
        return guard in self.facts

    check.__name__ = guard.value
    return check


# One method per guard, named as the guard: the machine's conditions name them.
for _guard in Guard:
    setattr(_Cursor, _guard.value, _guard_check(_guard))


class SegmentEngine:
    """The segment machine as a ``transitions`` ``HierarchicalMachine``, driving one cursor.

    The machine has no callbacks and its conditions read only the guards set
    on the cursor, so where a trigger leads depends on the state and the
    guards alone (about 45 us a step): what the step table holds.
    """

    def __init__(self) -> None:
        machine = _build(_SegmentMachine, _nested_states(), _transitions(), LIFECYCLE.initial.value)
        if any(t.before or t.after or t.prepare
               for event in machine.events.values()
               for transitions in event.transitions.values() for t in transitions):
            raise ValueError("a step table needs a machine without callbacks")
        self.machine = machine
        self.cursor = _Cursor()
        self._lock = threading.Lock()
        machine.add_model(self.cursor, initial=machine.initial)

    def step(self, state: SegmentState, trigger: Trigger,
             facts: frozenset[Guard] = NO_FACTS) -> SegmentState | None:
        """Where ``trigger`` leads from ``state`` with ``facts`` holding, as the engine says
        (``None``: refused); thread-safe."""
        with self._lock:
            self.cursor.state = state.value
            self.cursor.facts = facts
            moved: bool = self.cursor.trigger(trigger.value)  # type: ignore[attr-defined]
            return SegmentState(self.cursor.state) if moved else None


@cache
def segment_engine() -> SegmentEngine:
    """The one engine, built on first use."""
    return SegmentEngine()
