"""What may happen next to a segment: the events the record would accept on a date.

The candidates come from the lifecycle's declaration (every event type a
segment can have, and every outcome that fires a different trigger). Those
the machine refuses in the segment's state are out; each other one is tried
as the smallest event of its kind, exactly as ``Procedure.record`` would step
it (so the rules that read the whole record, such as dialogue on the day a
tender starts, count too), and the replay is put back afterwards.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from .._exceptions import InkoopError
from ..lifecycle import LIFECYCLE, SEGMENT_MACHINE, Replay, SegmentState, Violation
from ..record import EVENT_MODELS, Event, smallest_event

__all__ = ["AllowedEvent", "allowed_events"]

#: The event types about segments, in the order the declaration lists them.
_SEGMENT_EVENTS = tuple(entry for entry in LIFECYCLE.events
                        if "segments" in EVENT_MODELS[entry.event_type].model_fields)


@dataclass(frozen=True, slots=True)
class AllowedEvent:
    """An event that may be recorded for a segment on a date, and where it leads.

    ``type`` is the event type (``"award_decision"``) and ``model`` its class;
    ``fields`` the values that decide where it leads (``{"outcome":
    "awarded"}``), empty when any event of the type does; ``state`` the
    segment's state at the end of the day with the event recorded;
    ``warnings`` what recording it would warn about.
    """

    type: str
    model: Any
    fields: Mapping[str, object]
    state: SegmentState
    warnings: tuple[Violation, ...]

    def build(self, on: dt.date, segment: str, **more: object) -> Event:
        """This event about ``segment`` on ``on``, with ``fields`` and ``more`` set."""
        return smallest_event(self.type, on, (segment,), **{**self.fields, **more})


def allowed_events(replay: Replay, events: Sequence[Event], segment: str, on: dt.date
                   ) -> list[AllowedEvent]:
    """The events ``replay`` (of the record ``events``, all dated on or before ``on``) accepts."""
    out: list[AllowedEvent] = []
    now = replay.timeline.courses[segment].track.state_on(on)
    for entry in _SEGMENT_EVENTS:
        course = replay.timeline.courses[segment]  # (a trial may step the record again: read it anew)
        try:
            probe = smallest_event(entry.event_type, on, (segment,), **entry.when)
            if LIFECYCLE.trigger_of(probe) != entry.trigger:
                continue  # an earlier entry of its type takes these fields
            # Stepped after every event of its day, the probe meets the segment as it is at the end of it.
            if entry.trigger is not None and not replay.comes_before_stepped(probe) and SEGMENT_MACHINE.step(
                    now, entry.trigger, course.facts(on, probe)) is None:
                continue  # out of order: record refuses it
            warnings, leads_to = replay.trial(probe, events, segment)
        except InkoopError:
            continue  # refused: a rule, or a date the calendar cannot reach
        out.append(AllowedEvent(entry.event_type, EVENT_MODELS[entry.event_type], dict(entry.when),
                                leads_to, tuple(warnings)))
    return out
