"""What a walk costs per example, counted, not timed (issue 12): the walk records each event it
draws in one procedure, with ``record``, and never builds the procedure again from its record.

Timing lives in ``benchmarks/``; these count the constructions and full replays instead.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

import achterhoek_inkoop as ai
from achterhoek_inkoop import strategies as ais
from achterhoek_inkoop.lifecycle import Replay

#: A long walk: the length at which rebuilding for each event would cost its square.
LONG = 60
ONCE = settings(database=None, derandomize=True, max_examples=3, phases=[Phase.generate], deadline=None,
                suppress_health_check=list(HealthCheck))


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """Counts of ``Procedure`` constructions, of ``record`` and ``record_many`` calls, and of full
    replays (``"replays"``) with the events they stepped (``"replayed"``)."""
    calls: Counter[str] = Counter()

    def counting(name: str, method: Any) -> Any:
        def wrapper(self: Any, *args: Any, **kwargs: Any) -> Any:
            calls[name] += 1
            return method(self, *args, **kwargs)
        return wrapper

    monkeypatch.setattr(ai.Procedure, "__init__", counting("built", ai.Procedure.__init__))
    monkeypatch.setattr(ai.Procedure, "record", counting("record", ai.Procedure.record))
    monkeypatch.setattr(ai.Procedure, "record_many", counting("record_many", ai.Procedure.record_many))
    replay = Replay.__init__

    def replaying(self: Replay, data: ai.ProcedureData, calendar: Any) -> None:
        calls["replays"] += 1
        calls["replayed"] += len(data.events)
        replay(self, data, calendar)

    monkeypatch.setattr(Replay, "__init__", replaying)
    return calls


def test_a_long_walk_builds_one_procedure_and_records_each_event(counted: Counter[str]) -> None:
    # procedures() gives the procedure the walk recorded in: built once, with no events, and
    # not built again from its record (neither per event nor at the end).
    @ONCE
    @given(st.data())
    def walk(data: st.DataObject) -> None:
        counted.clear()
        proc = data.draw(ais.procedures(min_events=LONG, max_events=LONG))
        assert len(proc.events) == LONG
        assert (counted["built"], counted["record"], counted["record_many"]) == (1, LONG, 0)

    walk()


def test_an_event_sequence_records_in_one_copy_of_the_procedure(counted: Counter[str]) -> None:
    # One copy of the procedure given (which is not changed), and each event recorded in it.
    start = ai.inkoop2022()

    @ONCE
    @given(st.data())
    def walk(data: st.DataObject) -> None:
        counted.clear()
        events = data.draw(ais.event_sequences(start, min_size=LONG, max_size=LONG))
        assert len(events) == LONG
        assert (counted["built"], counted["record"], counted["record_many"]) == (1, LONG, 0)

    walk()
    assert start == ai.inkoop2022()


def test_a_long_walk_steps_each_event_a_bounded_number_of_times(counted: Counter[str]) -> None:
    # Linear per example: the full replays of a walk step, all together, at most a few times
    # as many events as it draws (a contract that shows an earlier final award rebuilds once).
    # Procedure.allowed_events tries a decision on the day of a contract by stepping that day
    # again, not the whole record (Replay.trial), though the walk asks it 5-13 times per event.
    @ONCE
    @given(st.data())
    def walk(data: st.DataObject) -> None:
        counted.clear()
        data.draw(ais.procedures(min_events=LONG, max_events=LONG))
        assert counted["replayed"] <= 10 * LONG, counted

    walk()
