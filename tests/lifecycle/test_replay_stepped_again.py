"""A replay whose contracts show final awards steps the record again from a snapshot, not from
scratch: it gives what stepping from scratch gives (and falls back to that where the snapshot
comes too late). The dialogue check asks the dialogue track first: it says allowed exactly when
no segment is closed to dialogue."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

import achterhoek_inkoop as ai
from achterhoek_inkoop import strategies as ais
from achterhoek_inkoop.lifecycle import LIFECYCLE, Replay, _replay
from achterhoek_inkoop.lifecycle._timeline import ALLOWED, Timeline, build_timeline

CLOSED = LIFECYCLE.where(closed_to_dialogue=True)


def observed(timeline: Timeline) -> tuple[object, ...]:
    """Everything a timeline holds that queries and checks read."""
    return (timeline.phase.intervals(), timeline.dialogue.intervals(),
            {seg: (course.track.intervals(), course.snapshot()[:-1])
             for seg, course in timeline.courses.items()},
            timeline.violations, timeline.refused, timeline.first_dates, timeline.inferred, timeline.timers)


def assert_as_from_scratch(proc: ai.Procedure) -> None:
    replay = Replay(proc.data, proc.calendar)
    assert observed(replay.timeline) == observed(build_timeline(proc.data, proc.calendar, replay.inferred))


@pytest.mark.parametrize("proc", [ai.inkoop2022(), ai.jeugdhulp2026()], ids=["inkoop2022", "jeugdhulp2026"])
@pytest.mark.parametrize("snapshot_before", [None, frozenset({"contract"}), frozenset()],
                         ids=["default", "too-late", "none"])
def test_the_bundled_procedures_step_as_from_scratch(
        proc: ai.Procedure, snapshot_before: frozenset[str] | None, monkeypatch: pytest.MonkeyPatch) -> None:
    # Inkoop 2022's contracts show its final awards: it is stepped again. A snapshot taken before
    # its first contract comes after the inferred days: stepping starts over. Without one, too.
    assert ai.inkoop2022().inferred_events
    if snapshot_before is not None:
        monkeypatch.setattr(_replay, "_MAY_BE_FINAL_FROM", snapshot_before)
    from_scratch: list[object] = []

    def spied(*args: Any) -> Timeline:
        from_scratch.append(args)
        return build_timeline(*args)

    monkeypatch.setattr(_replay, "build_timeline", spied)
    assert_as_from_scratch(proc)
    if proc.inferred_events:
        assert len(from_scratch) == (0 if snapshot_before is None else 1)
    assert Replay(proc.data, proc.calendar).found == Replay(proc.data, proc.calendar).found


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ais.procedures(min_events=4, max_events=16))
def test_any_record_steps_as_from_scratch(proc: ai.Procedure) -> None:
    assert_as_from_scratch(proc)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ais.procedures(max_events=16))
def test_dialogue_is_allowed_exactly_when_no_segment_is_closed(proc: ai.Procedure) -> None:
    timeline = Replay(proc.data, proc.calendar).timeline
    days = {e.on + timedelta(days=k) for e in proc.data.events for k in (-1, 0, 1)}
    for course in timeline.courses.values():
        changes = course.track.starts + course.track.tail_starts
        days |= {d + timedelta(days=k) for d in changes for k in (-1, 0, 1)}
    for day in days:
        allowed = timeline.dialogue.state_on(day) == ALLOWED
        assert allowed == all(c.track.state_on(day) not in CLOSED for c in timeline.courses.values()), day
