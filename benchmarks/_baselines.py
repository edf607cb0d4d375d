"""The baseline the replay and record rows are measured against: one shared flat ``transitions.Machine``.

The segment lifecycle as one flat ``transitions.Machine`` (the dotted state
names as plain states, no guards), shared by every segment: a segment's
state lives in a dict, and each step sets the model's state, fires the
trigger and reads the state back. What it steps is what the library steps
for the same log: the trigger of each event, for each segment it concerns,
and the delayed ones (a standstill starting and ending, contracts ending)
where the next trigger needs them. Guards only decide, in the library,
whether a kort geding ruling or an appeal keeps the segment where it is and
with which warning: the flat machine takes one transition for each state and
trigger, the one that moves the segment where there is one.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from transitions import Machine

import achterhoek_inkoop as ai
from achterhoek_inkoop.lifecycle import LIFECYCLE
from achterhoek_inkoop.lifecycle._machine import _transitions

__all__ = ["FlatMachine", "json_and_flat"]

#: The triggers the library fires by itself when their day comes, in the order they can come.
_DELAYED = ("standstill_start", "standstill_end", "contract_end")


class _Model:
    state: str


class FlatMachine:
    """One flat ``transitions.Machine``, shared, with the steps of a log prepared for it."""

    def __init__(self) -> None:
        chosen: dict[tuple[str, str], str | None] = {}
        for t in _transitions():
            for source in t["source"]:
                key = (source, t["trigger"])
                if chosen.get(key) is None:
                    chosen[key] = t["dest"]  # a dest that moves the segment wins over an internal one
        self.model = _Model()
        transitions = [{"trigger": trig, "source": src, "dest": dest} for (src, trig), dest in chosen.items()]
        states = sorted({s for (src, _), dest in chosen.items() for s in (src, dest) if s is not None})
        self.machine = Machine(model=self.model, states=states, transitions=transitions,
                               initial=LIFECYCLE.initial.value, auto_transitions=False)
        self.table = chosen

    def steps(self, proc: ai.Procedure, since: int = 0) -> tuple[list[tuple[str, str]], dict[str, str]]:
        """The (segment, trigger) steps the library takes for ``proc``'s record, in date order: each
        event's trigger for each segment it concerns, and before a segment's first event of a day
        the delayed triggers that bring it where the library says it was the day before (and at
        the end, where it is on the last day). Prepared once, untimed.

        With ``since``, only the steps of the events from that place on (in date order), and
        the segments' states before them: what recording those events at the end steps.
        """
        ids = proc.data.segment_ids
        state = dict.fromkeys(ids, LIFECYCLE.initial.value)
        steps: list[tuple[str, str]] = []
        seen: dict[str, dt.date] = {}
        events = sorted(proc.events, key=lambda e: (e.on, e.type in ("contract", "contract_extension")))
        before = dict(state)
        for index, event in enumerate(events):
            if index == since:
                before, steps = dict(state), []
            trigger = LIFECYCLE.trigger_of(event)
            for seg in getattr(event, "segments", None) or ids:
                if seen.get(seg) != event.on:
                    seen[seg] = event.on
                    day_before = proc.segment_state_on(seg, event.on - dt.timedelta(days=1)).value
                    self._catch_up(steps, state, seg, day_before)
                if trigger is not None and (state[seg], trigger.value) in self.table:
                    steps.append((seg, trigger.value))
                    state[seg] = self.table[state[seg], trigger.value] or state[seg]
        if events:
            for seg in ids:
                self._catch_up(steps, state, seg, proc.segment_state_on(seg, events[-1].on).value)
        return steps, before

    def _catch_up(self, steps: list[tuple[str, str]], state: dict[str, str], seg: str, target: str) -> None:
        """Append the delayed triggers (at most three) that take ``seg`` from its state to ``target``."""
        paths: list[tuple[str, list[str]]] = [(state[seg], [])]
        for _ in range(3):
            found = next((path for at, path in paths if at == target), None)
            if found is not None:
                steps += [(seg, trigger) for trigger in found]
                state[seg] = target
                return
            paths = [(dest, [*path, d]) for at, path in paths for d in _DELAYED
                     if (dest := self.table.get((at, d))) is not None]

    def run(self, steps: list[tuple[str, str]], segment_ids: tuple[str, ...],
            start: dict[str, str] | None = None) -> dict[str, str]:
        """Step ``steps`` through the shared machine, each segment's state kept in a dict (from
        ``start``, or the initial state)."""
        model = self.model
        state = dict.fromkeys(segment_ids, LIFECYCLE.initial.value) if start is None else dict(start)
        for seg, trigger in steps:
            model.state = state[seg]
            model.trigger(trigger)
            state[seg] = model.state
        return state


def json_and_flat(flat: FlatMachine, path: Path, steps: list[tuple[str, str]], segment_ids: tuple[str, ...]
                  ) -> Any:
    """The baseline of loading and replaying a file: its bytes read and parsed, the steps stepped."""
    data = json.loads(path.read_bytes())
    flat.run(steps, segment_ids)
    return data
