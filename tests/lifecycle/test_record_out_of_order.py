"""Recording out of order (issue 13, item 9): an event dated before the last is stepped from the
last mark before it, not with the whole record (its cost: ``test_record_out_of_order_cost``), and
what comes out is what building the record at once gives, refusals included.
"""

from __future__ import annotations

import contextlib
import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import achterhoek_inkoop as ai
from achterhoek_inkoop import strategies as ais
from achterhoek_inkoop.lifecycle import _marks

FEW = settings(max_examples=25, deadline=None, database=None, derandomize=True,
               suppress_health_check=list(HealthCheck))


@pytest.fixture
def close_marks(monkeypatch: pytest.MonkeyPatch) -> None:
    """A mark every 2 steps, so that small records restart from marks in their middle too."""
    monkeypatch.setattr(_marks, "EVERY", 2)


def _answers(proc: ai.Procedure, days: list[dt.date]) -> dict[str, object]:
    segments = proc.data.segment_ids
    return {
        "check": proc.check(),
        "intervals": [proc.intervals(), *(proc.intervals(s) for s in segments)],
        "inferred": proc.inferred_events,
        "finals": [(proc.final_award_on(s), proc.final_award_from(s), proc.standstill(s),
                    proc.contract_end(s)) for s in segments],
        "on": [(proc.phase_on(d), proc.dialogue_allowed(d), [proc.segment_state_on(s, d) for s in segments])
               for d in days],
    }


@FEW
@given(st.data())
def test_recording_in_any_order_answers_as_the_record_built_at_once(close_marks: None,
                                                                     data: st.DataObject) -> None:
    walked = data.draw(ais.procedures(min_events=2, max_events=14))
    events = data.draw(st.permutations(walked.events))
    proc = ai.Procedure(walked.data.model_copy(update={"events": ()}))
    days = sorted({e.on for e in events} | {e.on + dt.timedelta(days=k) for e in events for k in (-1, 1, 30)})
    for event in events:
        before = _answers(proc, days)
        try:
            proc.record(event)
        except ai.RuleViolation:
            # Refused: the procedure is exactly as it was.
            assert _answers(proc, days) == before
        at_once = ai.Procedure(proc.data)
        assert _answers(proc, days) == _answers(at_once, days)
        assert proc.check() == at_once.check()


@FEW
@given(st.data())
def test_recording_several_at_once_out_of_order_answers_as_built_at_once(
        close_marks: None, data: st.DataObject) -> None:
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
    assert _answers(proc, days) == _answers(ai.Procedure(proc.data), days)
