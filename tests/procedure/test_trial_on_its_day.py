"""``allowed_events`` tries each candidate by stepping it in the procedure's replay and putting the
replay back (``Replay.trial``). An event that stands before events of its day already stepped (a
decision on the day of a contract: on one day decisions come first) is tried by stepping that day
again from a snapshot taken before it, not the whole record (issue 12). Whatever the path, the
answer must be the one stepping the whole record with the event gives, and the replay must be left
exactly as it was.
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import achterhoek_inkoop as ai
from achterhoek_inkoop import strategies as ais
from achterhoek_inkoop._exceptions import InkoopError
from achterhoek_inkoop.lifecycle import LIFECYCLE, Replay, new_violations
from achterhoek_inkoop.record import EVENT_MODELS, Event, smallest_event

#: The candidates ``allowed_events`` tries: every event type about segments, with each outcome.
CANDIDATES = [entry for entry in LIFECYCLE.events
              if "segments" in EVENT_MODELS[entry.event_type].model_fields]
#: An extension of a contract of Inkoop 2022: it comes after the decisions of its day.
EXTENSION = ai.ContractExtension(on=date(2024, 5, 1), extended_to=date(2026, 12, 31), segments=("wmo-wonen",))


def whole_record(replay: Replay, events: Sequence[Event], probe: Event, segment: str) -> tuple[Any, ...]:
    """What stepping the whole record with ``probe`` gives, as ``record`` would (the trial's answer
    before issue 12, for every event that stands before others of its day)."""
    data = replay.timeline.data.model_copy(update={"events": (*events, probe)})
    try:
        whole = Replay(data, replay.timeline.calendar)
    except InkoopError as exc:
        return "stopped", type(exc).__name__, str(exc)
    new = new_violations(whole.violations(), replay.violations())
    errors = [v for v in new if v.severity == "error"]
    if errors:
        return "refused", errors
    return "accepted", new, whole.timeline.courses[segment].track.state_on(probe.on)


def trial(replay: Replay, events: Sequence[Event], probe: Event, segment: str) -> tuple[Any, ...]:
    try:
        new, state = replay.trial(probe, events, segment)
    except ai.RuleViolation as exc:
        return "refused", exc.violations
    except InkoopError as exc:
        return "stopped", type(exc).__name__, str(exc)
    return "accepted", new, state


def fingerprint(replay: Replay) -> tuple[Any, ...]:
    """Everything of ``replay`` a later step, trial or query reads."""
    timeline, checker = replay.timeline, replay.checker
    tracks = [timeline.phase, timeline.dialogue, *timeline.tracks()]
    return (
        list(replay.found), list(replay.inferred), list(timeline.violations), list(timeline.refused),
        list(timeline.inferred), timeline.day, timeline.now, timeline.seq, timeline.current_phase,
        dict(timeline.present), timeline.closed, dict(timeline.first_dates),
        sorted((t.on, t.seq, t.segment, t.trigger, t.generation) for t in timeline.timers),
        [course.snapshot()[:-1] for course in timeline.courses.values()],
        [(t.starts, t.states, t.tail_starts, t.tail_states) for t in tracks],
        dict(checker.contracts), {day: list(i) for day, i in checker.dialogues_on.items() if i},
        checker.delegates,
    )


def probes(proc: ai.Procedure, on: date) -> list[tuple[Event, str]]:
    """Each candidate ``allowed_events`` tries on ``on``, for each segment, as it builds it."""
    out = []
    for segment in proc.data.segment_ids:
        for entry in CANDIDATES:
            probe = smallest_event(entry.event_type, on, (segment,), **entry.when)
            if LIFECYCLE.trigger_of(probe) == entry.trigger:
                out.append((probe, segment))
    return out


def assert_trials_as_the_whole_record(proc: ai.Procedure, on: date) -> int:
    """Every candidate on ``on`` answers as the whole record does; the replay stays as it was.
    Returns how many stood before events of their day already stepped."""
    replay, events = proc._replay, proc._events
    before = fingerprint(replay)
    standing_before = 0
    for probe, segment in probes(proc, on):
        standing_before += replay.comes_before_stepped(probe)
        expected = whole_record(replay, events, probe, segment)
        assert trial(replay, events, probe, segment) == expected, (probe, segment)
        assert fingerprint(replay) == before, (probe, segment)
    return standing_before


def record_what_it_takes(proc: ai.Procedure, extra: Sequence[Event]) -> None:
    """Record those of ``extra`` the procedure accepts (some with a warning); the others are refused."""
    for event in extra:
        with contextlib.suppress(InkoopError):
            proc.record(event)


@st.composite
def cut_procedures(draw: st.DrawFn) -> tuple[ai.Procedure, date]:
    """A drawn procedure up to an event of its walk (often a contract: decisions on its day stand
    before it), with now and then events of any kind added on that day; and that day.

    Half of them are recorded one by one (the snapshot of the day's start is kept while recording),
    half built from their record at once (the snapshot is taken when a trial first needs it).
    """
    walked = draw(ais.procedures(max_segments=3, min_events=1, max_events=14), label="walked")
    events = walked.events
    contracts = [i for i, e in enumerate(events) if e.type in ("contract", "contract_extension")]
    cut = draw(st.sampled_from(contracts) if contracts and draw(st.booleans()) else
               st.integers(0, len(events) - 1), label="cut") + 1
    day = events[cut - 1].on
    empty = walked.data.model_copy(update={"events": ()})
    if draw(st.booleans(), label="recorded one by one"):
        proc = ai.Procedure(empty)
        record_what_it_takes(proc, events[:cut])
    else:
        proc = ai.Procedure(empty.model_copy(update={"events": events[:cut]}))
    segments = walked.data.segment_ids
    extra = draw(st.lists(ais.events(on=st.just(day), segments=segments), max_size=2), label="extra")
    record_what_it_takes(proc, extra)
    return proc, day


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cut_procedures())
def test_a_trial_answers_as_stepping_the_whole_record(drawn: tuple[ai.Procedure, date]) -> None:
    proc, day = drawn
    assert_trials_as_the_whole_record(proc, day)
    # After the trials the procedure records, and answers, as one built from its record.
    assert proc == ai.Procedure(proc.data)
    assert proc.check() == ai.Procedure(proc.data).check()


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ais.procedures(max_segments=2, min_events=1, max_events=10), st.integers(0, 3))
def test_after_the_last_day_a_trial_answers_as_stepping_the_whole_record(proc: ai.Procedure,
                                                                        later: int) -> None:
    # A final award a contract showed is recorded after that contract: its own step tells.
    assert_trials_as_the_whole_record(proc, proc.events[-1].on + timedelta(days=later))


def test_a_decision_on_the_day_of_an_extension_steps_that_day_not_the_whole_record(
        monkeypatch: Any) -> None:
    built: list[int] = []
    replay = Replay.__init__

    def counting(self: Replay, data: ai.ProcedureData, calendar: Any) -> None:
        built.append(len(data.events))
        replay(self, data, calendar)

    for recorded in (True, False):
        proc = ai.inkoop2022()
        if recorded:
            proc.record(EXTENSION)
        else:
            proc = ai.Procedure(proc.data.model_copy(update={"events": (*proc.events, EXTENSION)}))
        monkeypatch.setattr(Replay, "__init__", counting)
        assert assert_trials_as_the_whole_record(proc, EXTENSION.on) > 0
        monkeypatch.undo()
        # The whole-record answers built one replay per candidate; the trials none.
        assert len(built) == len(probes(proc, EXTENSION.on))
        built.clear()
