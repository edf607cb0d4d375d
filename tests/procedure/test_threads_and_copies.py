"""One procedure shared by threads, copied, and pickled (issue 13, "Why" 4).

Two threads recording into one procedure lost events and raised ``IndexError``;
``copy.copy(p)`` shared its record with ``p``. Each threaded test switches
threads as often as the interpreter can (``sys.setswitchinterval``), so that
a race shows within a few trials, and joins every thread with a timeout.
"""

from __future__ import annotations

import copy
import pickle
import sys
import threading
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest

import achterhoek_inkoop as ai

DAY = date(2027, 1, 15)  # in the template's dialogue: a dialogue activity is allowed
JOIN_SECONDS = 30


@pytest.fixture(autouse=True)
def switch_often() -> Iterator[None]:
    before = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    try:
        yield
    finally:
        sys.setswitchinterval(before)


def run_threads(*targets: Callable[[], None]) -> list[BaseException]:
    """Run ``targets`` in threads started together; what they raised (each joined, bounded)."""
    raised: list[BaseException] = []
    start = threading.Barrier(len(targets))

    def run(target: Callable[[], None]) -> None:
        start.wait()
        try:
            target()
        except BaseException as exc:  # collected: the test reports it
            raised.append(exc)

    threads = [threading.Thread(target=run, args=(t,), daemon=True) for t in targets]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(JOIN_SECONDS)
    assert not any(thread.is_alive() for thread in threads), "a thread did not finish"
    return raised


def activity(name: str, on: date = DAY) -> ai.DialogueActivity:
    return ai.DialogueActivity(on=on, kind="gesprekstafel", id=name)


def recording(proc: ai.Procedure, prefix: str, count: int) -> Callable[[], None]:
    """What a thread runs: record ``count`` dialogue activities named ``{prefix}-{i}`` into ``proc``."""
    def run() -> None:
        for i in range(count):
            proc.record(activity(f"{prefix}-{i}"))
    return run


# -- two threads recording -----------------------------------------------------------------------

@pytest.mark.parametrize("trial", range(3))
def test_two_threads_recording_300_events_each_lose_nothing(trial: int) -> None:
    proc = ai.Procedure(ai.procedure_template())
    assert run_threads(recording(proc, "w0", 300), recording(proc, "w1", 300)) == []
    expected = sorted(f"w{w}-{i}" for w in (0, 1) for i in range(300))
    assert sorted(e.id or "" for e in proc.events) == expected
    # The record is the one recording them one by one gives, in the order they landed.
    assert proc == ai.Procedure(proc.data)
    assert proc.check() == ai.Procedure(proc.data).check()


def test_record_many_from_two_threads_is_all_or_nothing_each() -> None:
    proc = ai.Procedure(ai.procedure_template())

    def batches(worker: int) -> Callable[[], None]:
        def run() -> None:
            for n in range(20):
                proc.record_many([activity(f"w{worker}-{n}-{i}", DAY + timedelta(days=i)) for i in range(5)])
        return run

    assert run_threads(batches(0), batches(1)) == []
    assert len(proc.events) == 200
    assert len({e.id for e in proc.events}) == 200


# -- queries while another thread records --------------------------------------------------------

BUNDLED = ai.inkoop2022().data
EMPTY = BUNDLED.model_copy(update={"events": ()})
SEGMENT = BUNDLED.segment_ids[0]
DAYS = [date(2020, 12, 1), date(2021, 5, 1), date(2022, 3, 20), date(2022, 4, 10), date(2022, 12, 1),
        date(2024, 1, 1)]


def answers(proc: ai.Procedure) -> dict[str, list[object]]:
    return {"phase": [proc.phase_on(d) for d in DAYS],
            "dialogue": [proc.dialogue_allowed(d) for d in DAYS],
            "segment": [proc.segment_state_on(SEGMENT, d) for d in DAYS],
            "dialogue of the segment": [proc.dialogue_allowed(d, segments=[SEGMENT]) for d in DAYS],
            "standstill": [proc.standstill(SEGMENT)],
            "intervals": [proc.intervals()]}


#: What a procedure with the first k events of Inkoop 2022 answers, for each k.
EXPECTED = [answers(ai.Procedure(BUNDLED.model_copy(update={"events": BUNDLED.events[:k]})))
            for k in range(len(BUNDLED.events) + 1)]


@pytest.mark.parametrize("trial", range(3))
def test_queries_during_recording_answer_for_the_record_before_or_after(trial: int) -> None:
    proc = ai.Procedure(EMPTY)
    done = threading.Event()
    asked = 0

    def record() -> None:
        try:
            for event in BUNDLED.events:
                proc.record(event)
                # A refused event changes the replay and puts it back: never seen half done.
                with pytest.raises(ai.RuleViolation):
                    proc.record(ai.AwardWithdrawal(on=event.on))
        finally:
            done.set()

    def ask() -> None:
        nonlocal asked
        while not done.is_set():
            before = len(proc.events)
            found = answers(proc)
            after = len(proc.events)
            for kind, got in found.items():  # each answer is one query: it sees one record
                for i, answer in enumerate(got):
                    assert any(EXPECTED[k][kind][i] == answer for k in range(before, after + 1)), (
                        kind, i, answer)
            asked += 1

    assert run_threads(record, ask, ask) == []
    assert asked > 0
    assert answers(proc) == EXPECTED[-1]


def test_allowed_events_and_check_during_recording_raise_nothing() -> None:
    proc = ai.Procedure(EMPTY)
    done = threading.Event()

    def record() -> None:
        try:
            for event in BUNDLED.events:
                proc.record(event)
        finally:
            done.set()

    def ask() -> None:
        while not done.is_set():
            proc.allowed_events(SEGMENT, date(2022, 3, 20))
            proc.allowed_events(SEGMENT, date(2021, 2, 1))
            proc.check()
            proc.final_award_on(SEGMENT)
            proc.to_json()

    assert run_threads(record, ask) == []
    assert proc == ai.inkoop2022()


# -- copies --------------------------------------------------------------------------------------

@pytest.mark.parametrize("copier", [copy.copy, copy.deepcopy], ids=["copy", "deepcopy"])
def test_a_copy_is_independent(copier: Callable[[ai.Procedure], ai.Procedure]) -> None:
    proc = ai.Procedure(ai.procedure_template())
    proc.record(activity("first"))
    proc.phase_on(DAY)  # a lookup table taken before the copy
    before = proc.data
    twin = copier(proc)
    assert twin == proc
    assert twin is not proc
    tender = date(2027, 4, 1)
    twin.record(ai.TenderStart(on=tender))  # after every event: stepped onto what it has
    twin.record(activity("earlier", DAY - timedelta(days=1)))  # before: the record stepped again
    assert proc.data == before
    assert proc.events == before.events
    assert proc.phase_on(tender) is ai.Phase.DIALOOG
    assert twin.phase_on(tender) is ai.Phase.AANBESTEDING
    proc.record(activity("only-in-the-original", tender))
    assert [e.id for e in twin.events] == ["first", None, "earlier"]
    assert twin.dialogue_allowed(tender) is False
    assert proc.dialogue_allowed(tender) is True


def test_a_copy_can_be_recorded_into_while_the_original_is() -> None:
    proc = ai.Procedure(ai.procedure_template())
    twin = copy.copy(proc)
    assert run_threads(recording(proc, "a", 100), recording(twin, "b", 100)) == []
    assert {e.id[0] for e in proc.events if e.id} == {"a"}
    assert {e.id[0] for e in twin.events if e.id} == {"b"}


# -- pickles -------------------------------------------------------------------------------------

def test_a_pickled_procedure_still_records_and_saves(tmp_path: Path) -> None:
    path = tmp_path / "p.json"
    ai.Procedure(ai.procedure_template()).save(path)
    proc = ai.load_procedure(path)
    proc.phase_on(DAY)
    again = pickle.loads(pickle.dumps(proc))
    assert again == proc
    assert run_threads(recording(again, "a", 50), recording(again, "b", 50)) == []
    assert len(again.events) == 100
    assert proc.events == ()
    again.save(path)  # it knows the file it was loaded from, as the original does
    assert len(ai.load_procedure(path).events) == 100
    with pytest.raises(ai.ConflictError):
        proc.save(path)  # the original loaded the file before the copy saved it
