"""Settling after records out of order (issue 13, item 9): a query after an event recorded before
the last steps again only from a mark before the first day it may change, not the whole record
(see ``lifecycle/_marks.py``), and answers exactly as the record built at once.

Counted, not timed: timing lives in ``benchmarks/``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import random
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from out_of_order import answers, bundled_with_what_reads_across_events, many_segments

import achterhoek_inkoop as ai
from achterhoek_inkoop import strategies as ais
from achterhoek_inkoop.lifecycle import _marks

FEW = settings(max_examples=60, deadline=None, database=None, derandomize=True,
               suppress_health_check=list(HealthCheck))

#: A log of many segments, each going round a tender that is not awarded and a tender again.
SEGMENTS = 40
ROUNDS = 16


def _log() -> tuple[ai.ProcedureData, list[ai.Event]]:
    """A procedure of ``SEGMENTS`` segments, its log (1,921 events) without each segment's last
    tender start, and those tender starts, the latest first."""
    empty, events = many_segments(SEGMENTS, ROUNDS)
    late = events[-3 * SEGMENTS + 2::3]
    kept = [e for e in events if all(e is not t for t in late)]
    data = empty.model_copy(update={"events": tuple(kept)})
    return data, late[::-1]


def test_a_query_after_each_late_record_steps_from_a_mark_not_the_whole_record(steps: list[int]) -> None:
    # Each record steps its segment's course again (the ledger), and the query after it steps
    # from the last mark before the event: about 10,000 steps for the 40 rounds here, where
    # stepping the whole record again for each query took 76,714 (40 times the record).
    data, late = _log()
    proc = ai.Procedure(data)
    proc.check()
    whole = len(data.events) + len(late)
    steps[0] = 0
    for event in late:
        assert proc.record(event) == []
        proc.check()
    assert steps[0] <= len(late) * whole // 4, (steps[0], len(late) * whole)
    at_once = ai.Procedure(proc.data)
    assert proc.check() == at_once.check()
    assert [proc.segment_state_on(s, dt.date(2025, 12, 1)) for s in data.segment_ids] == [
        at_once.segment_state_on(s, dt.date(2025, 12, 1)) for s in data.segment_ids]


@FEW
@given(st.data())
def test_settling_from_marks_answers_as_the_record_built_at_once(data: st.DataObject) -> None:
    # A mark every two steps, so that these short records settle from marks in their middle; a
    # query after some records, not others (those between settle together, from the first day
    # any of them may change).
    walked = data.draw(ais.procedures(min_events=2, max_events=16))
    events = data.draw(st.permutations(walked.events))
    asks = data.draw(st.lists(st.booleans(), min_size=len(events), max_size=len(events)))
    days = sorted({e.on for e in events} | {e.on + dt.timedelta(days=k) for e in events for k in (-1, 1, 30)})
    with mock.patch.object(_marks, "every_for", return_value=2):
        proc = ai.Procedure(walked.data.model_copy(update={"events": ()}))
        for event, ask in zip(events, asks, strict=True):
            with contextlib.suppress(ai.RuleViolation):
                proc.record(event)
            if ask:
                assert answers(proc, days) == answers(ai.Procedure(proc.data), days)
        assert answers(proc, days) == answers(ai.Procedure(proc.data), days)


@FEW
@given(st.data())
def test_settling_after_records_at_the_end_and_trials_answers_as_built_at_once(data: st.DataObject) -> None:
    # Records at the end keep the marks (a whole snapshot where one is due); what may be recorded
    # next is asked between them (a trial steps the timeline and goes back).
    walked = data.draw(ais.procedures(min_events=3, max_events=14))
    events = sorted(walked.events, key=lambda e: e.on)
    late = data.draw(st.lists(st.integers(0, len(events) - 1), min_size=1, max_size=3, unique=True))
    first = [e for i, e in enumerate(events) if i not in late]
    days = sorted({e.on for e in events})
    with mock.patch.object(_marks, "every_for", return_value=2):
        proc = ai.Procedure(walked.data.model_copy(update={"events": ()}))
        for n, event in enumerate(first):
            with contextlib.suppress(ai.RuleViolation):
                proc.record(event)
            if n == len(first) // 2:
                with contextlib.suppress(ai.RuleViolation):
                    proc.record(events[late[0]])
                proc.check()
            proc.allowed_events(walked.data.segment_ids[0], event.on)
        for i in late[1:]:
            with contextlib.suppress(ai.RuleViolation):
                proc.record(events[i])
            assert answers(proc, days) == answers(ai.Procedure(proc.data), days)
        assert answers(proc, days) == answers(ai.Procedure(proc.data), days)


def _contracts_last(event: ai.Event) -> tuple[dt.date, bool]:
    return event.on, event.type in ("contract", "contract_extension")


@pytest.mark.parametrize("seed", range(8))
def test_each_query_after_late_records_answers_as_the_record_built_at_once(seed: int) -> None:
    # Most of the record in date order, then the rest one by one from the latest back, a query
    # after each (or after every second): marks every two steps, settled from the one before.
    start, events = bundled_with_what_reads_across_events(final_award=False, second_contract=False)
    rng = random.Random(seed)
    rng.shuffle(events)
    late = rng.randint(3, 9)
    days = sorted({e.on for e in events})
    with mock.patch.object(_marks, "every_for", return_value=2):
        proc = ai.Procedure(start)
        for event in sorted(events[late:], key=_contracts_last):
            with contextlib.suppress(ai.RuleViolation):
                proc.record(event)
        for n, event in enumerate(sorted(events[:late], key=lambda e: e.on, reverse=True)):
            with contextlib.suppress(ai.RuleViolation):
                proc.record(event)
            if n % (1 + seed % 2) == 0:
                assert answers(proc, days) == answers(ai.Procedure(proc.data), days)
        assert answers(proc, days) == answers(ai.Procedure(proc.data), days)
