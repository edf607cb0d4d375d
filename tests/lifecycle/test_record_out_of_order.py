"""Recording out of order (issue 13, item 9): an event dated before the last steps again only the
courses of the segments it concerns, not the whole record (its cost:
``test_record_out_of_order_cost``), and what comes out is what building the record at once gives,
refusals and the warnings each record returns included.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import random
from collections.abc import Callable

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from out_of_order import answers, bundled_with_what_reads_across_events

import achterhoek_inkoop as ai
from achterhoek_inkoop import strategies as ais
from achterhoek_inkoop.lifecycle import Replay, new_violations

FEW = settings(max_examples=25, deadline=None, database=None, derandomize=True,
               suppress_health_check=list(HealthCheck))


@FEW
@given(st.data())
def test_recording_in_any_order_answers_as_the_record_built_at_once(data: st.DataObject) -> None:
    walked = data.draw(ais.procedures(min_events=2, max_events=14))
    events = data.draw(st.permutations(walked.events))
    proc = ai.Procedure(walked.data.model_copy(update={"events": ()}))
    days = sorted({e.on for e in events} | {e.on + dt.timedelta(days=k) for e in events for k in (-1, 1, 30)})
    for event in events:
        before = answers(proc, days)
        try:
            proc.record(event)
        except ai.RuleViolation:
            # Refused: the procedure is exactly as it was.
            assert answers(proc, days) == before
        at_once = ai.Procedure(proc.data)
        assert answers(proc, days) == answers(at_once, days)
        assert proc.check() == at_once.check()


@FEW
@given(st.data())
def test_recording_several_at_once_out_of_order_answers_as_built_at_once(
        data: st.DataObject) -> None:
    walked = data.draw(ais.procedures(min_events=3, max_events=12))
    cut = data.draw(st.integers(1, len(walked.events) - 1))
    events = list(walked.events)
    late = data.draw(st.permutations(events[cut:]))
    proc = ai.Procedure(walked.data.model_copy(update={"events": ()}))
    for event in sorted(events[:cut], key=lambda e: -e.on.toordinal()):  # newest first
        with contextlib.suppress(ai.RuleViolation):
            proc.record(event)
    with contextlib.suppress(ai.RuleViolation):
        proc.record_many(late)
    days = sorted({e.on for e in events})
    assert answers(proc, days) == answers(ai.Procedure(proc.data), days)


def _outcome(record: Callable[[], list[ai.Violation]]) -> tuple[str, list[ai.Violation]]:
    try:
        return "recorded", record()
    except ai.RuleViolation as refused:
        return "refused", refused.violations


def _rebuilt_outcome(proc: ai.Procedure, events: list[ai.Event]) -> tuple[str, list[ai.Violation]]:
    """What recording ``events`` gives when the whole record is stepped again with them."""
    data = proc.data
    before = Replay(data, proc.calendar).violations()
    after = Replay(data.model_copy(update={"events": (*data.events, *events)}), proc.calendar).violations()
    new = new_violations(after, before)
    errors = [v for v in new if v.severity == "error"]
    return ("refused", errors) if errors else ("recorded", new)


@FEW
@given(st.data())
def test_each_record_out_of_order_adds_what_stepping_the_whole_record_again_adds(
        data: st.DataObject) -> None:
    # The warnings returned, or the errors refused, one event or several at once: the courses
    # stepped again are only those the events concern, the answer is the whole record's.
    walked = data.draw(ais.procedures(min_events=2, max_events=14))
    events = data.draw(st.permutations(walked.events))
    proc = ai.Procedure(walked.data.model_copy(update={"events": ()}))
    i = 0
    while i < len(events):
        batch = events[i:i + data.draw(st.integers(1, 3))]
        i += len(batch)
        expected = _rebuilt_outcome(proc, batch)
        if len(batch) == 1:
            assert _outcome(functools.partial(proc.record, batch[0])) == expected
        else:
            assert _outcome(functools.partial(proc.record_many, batch)) == expected


@pytest.mark.parametrize("seed", range(10))
def test_what_a_check_reads_of_other_events_is_checked_again_as_the_whole_record_would(seed: int) -> None:
    # Most of the record in date order, then a few of its events in random order: each answer
    # (the warnings, or the errors refused) is the one stepping the whole record again gives.
    start, events = bundled_with_what_reads_across_events()
    rng = random.Random(seed)
    rng.shuffle(events)
    late = rng.randint(3, 8)
    first = sorted(events[late:], key=lambda e: (e.on, e.type in ("contract", "contract_extension")))
    batches = [[e] for e in first] + [events[i:i + 1 + seed % 3] for i in range(0, late, 1 + seed % 3)]
    proc = ai.Procedure(start)
    for batch in batches:
        expected = _rebuilt_outcome(proc, batch)
        record = functools.partial(proc.record, batch[0]) if len(batch) == 1 else functools.partial(
            proc.record_many, batch)
        assert _outcome(record) == expected
    assert proc.check() == ai.Procedure(proc.data).check()
