"""A model-based test of the procedure machine: random events compared with an independent model.

:class:`Reference` is a second, independent model of a procedure, written in
plain Python from DOMAIN.md (sections B1, B2 and C), without ``transitions``
and without the library's private modules. It computes the Alcatel standstill
itself (20 calendar days from the day after sending, Atw art. 1 moving an end
on a Saturday, Sunday or holiday to the next working day; it asks the library
only which days are holidays), and predicts, on every date, the phase, each
segment's state, when each award may become final, and whether each event is
accepted.

:class:`ProcedureMachine` records random events on a date that only moves
forward, and after every step compares the library with the model.
``test_the_model_catches_an_off_by_one_in_the_standstill`` shows that the
comparison catches a 19-day standstill, and how few steps it needs.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

import pytest
from helpers import procedure
from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)

import achterhoek_inkoop as ai

DAY = timedelta(days=1)
IDS = ("a", "b", "c")
#: 1 in the default profile, 25 under HYPOTHESIS_PROFILE=ci-long.
SCALE = max(1, settings().max_examples // 200)

# -- the reference model -------------------------------------------------------------

PHASES = ["dialoog", "aanbesteding", "gunning", "implementatie", "uitvoering", "afgerond"]
#: No dialogue while a segment is in a tender or in an award that is not final (A1, B4).
NO_DIALOGUE = {"aanbesteding", "heraanbesteding", "gunning.voorlopig_gegund", "gunning.standstill",
               "gunning.kort_geding", "gunning.herbeoordeling"}
FINAL = {"gunning.definitief_gegund", "in_uitvoering", "beeindigd"}
#: Still waiting for an award in this procedure: in the tender, under assessment, award not yet final.
AWAITING = {"aanbesteding", "gunning.voorlopig_gegund", "gunning.standstill", "gunning.kort_geding",
            "gunning.herbeoordeling"}
#: Segments still on their way to, or in, a contract: the procedure is not closed (C: afgerond).
OPEN = NO_DIALOGUE | {"gunning.definitief_gegund", "in_uitvoering"}


def working_day(day: date) -> bool:
    return day.weekday() < 5 and not ai.is_holiday(day)


def standstill_final_from(sent: date, days: int = 20) -> date:
    """B1/B2: from the day after sending, ``days`` calendar days; an end on a day off moves on."""
    end = sent + days * DAY
    while not working_day(end):   # Atw art. 1 lid 1
        end += DAY
    # Atw art. 2 (two working days in the period) never bites on 20 days.
    return end + DAY


class Reference:
    """The procedure as DOMAIN.md C describes it, one day at a time."""

    def __init__(self, ids: tuple[str, ...]) -> None:
        self.ids = ids
        self.state = dict.fromkeys(ids, "dialoog")
        self.phase = 0
        self.today = date.min
        self.timers: list[tuple[date, int, str, str, int]] = []   # (on, order, segment, what, generation)
        self.scheduled = 0
        self.generation = dict.fromkeys(ids, 0)
        self.standstill: dict[str, date] = {}        # segment -> first day after its standstill
        self.final_from: dict[str, date | None] = dict.fromkeys(ids)
        self.any_award = False
        self.dialogues: list[tuple[date, tuple[str, ...]]] = []

    # time
    def advance(self, to: date) -> None:
        """Let the deadlines up to ``to`` pass (they come before the events of their day)."""
        self.timers.sort()
        while self.timers and self.timers[0][0] <= to:
            _, _, seg, what, generation = self.timers.pop(0)
            if generation != self.generation[seg]:
                continue
            if what == "begin" and self.state[seg] == "gunning.voorlopig_gegund":
                self.set(seg, "gunning.standstill")
            elif what == "final" and self.state[seg] == "gunning.standstill":
                self.set(seg, "gunning.definitief_gegund")
            elif what == "end" and self.state[seg] == "in_uitvoering":
                self.set(seg, "beeindigd")
        self.today = max(self.today, to)

    def schedule(self, on: date, seg: str, what: str) -> None:
        self.scheduled += 1
        self.timers.append((on, self.scheduled, seg, what, self.generation[seg]))

    def set(self, seg: str, state: str) -> None:
        self.state[seg] = state
        states = set(self.state.values())
        target = 0 if states == {"dialoog"} else 1
        if self.any_award:
            target = 2
        # Implementation once an award is final and no segment still awaits one here (DOMAIN C).
        if states & FINAL and not states & AWAITING:
            target = 3
        if states & {"in_uitvoering", "beeindigd"}:
            target = 5 if not states & OPEN else 4
        self.phase = max(self.phase, target)

    # events
    def after(self, event: Any) -> Reference | None:
        """The model after ``event`` (dated today), or None if the event must be refused."""
        new = Reference.__new__(Reference)
        new.__dict__ = {key: value.copy() if isinstance(value, dict | list | set) else value
                        for key, value in self.__dict__.items()}
        return new if new.apply(event) and new.dialogue_is_allowed() else None

    def dialogue_is_allowed(self) -> bool:
        return all(self.state[s] not in NO_DIALOGUE for on, segs in self.dialogues if on == self.today
                   for s in segs)

    def apply(self, event: Any) -> bool:
        day, segs = event.on, tuple(event.segments or self.ids)
        kind = event.type
        if kind == "dialogue_activity":
            self.dialogues.append((day, segs))
            return True
        if kind == "nota_van_inlichtingen":
            return True
        return all(self.move(kind, event, seg, day) for seg in segs)

    def move(self, kind: str, event: Any, seg: str, day: date) -> bool:
        state = self.state[seg]
        if kind == "tender_start":
            if state not in ("dialoog", "gunning.niet_gegund", "heraanbesteding"):
                return False
            self.set(seg, "aanbesteding")
        elif kind == "award_decision":
            if state not in ("aanbesteding", "gunning.herbeoordeling", "heraanbesteding"):
                return False
            self.any_award = True
            self.generation[seg] += 1
            if event.outcome == "awarded":
                self.standstill[seg] = self.final_from[seg] = standstill_final_from(day)
                self.schedule(day + DAY, seg, "begin")
                self.schedule(self.standstill[seg], seg, "final")
                self.set(seg, "gunning.voorlopig_gegund")
            else:
                self.final_from[seg] = None
                again = event.follow_up in ("verkort_proces", "heraanbesteding")
                self.set(seg, "heraanbesteding" if again else "gunning.niet_gegund")
        elif kind == "kort_geding":
            if state in FINAL:
                return True   # too late to suspend anything: a warning, not a refusal
            if state not in ("gunning.voorlopig_gegund", "gunning.standstill"):
                return False
            self.final_from[seg] = None
            self.set(seg, "gunning.kort_geding")
        elif kind == "kort_geding_ruling":
            if state != "gunning.kort_geding":
                return False
            if event.outcome == "upheld":
                self.generation[seg] += 1
                self.set(seg, "gunning.herbeoordeling")
            elif day >= self.standstill[seg]:
                self.final_from[seg] = day
                self.set(seg, "gunning.definitief_gegund")
            else:
                self.final_from[seg] = self.standstill[seg]
                self.set(seg, "gunning.standstill")
        elif kind == "final_award":
            if state == "gunning.kort_geding" and day >= self.standstill[seg]:
                self.final_from[seg] = day   # during a kort geding: a warning (unconfirmed basis)
                self.set(seg, "gunning.definitief_gegund")
            elif state not in FINAL:
                return False
        elif kind == "follow_up_result":
            # A follow-up procedure runs for a segment that was not awarded or is re-tendered.
            awarded = event.outcome == "awarded"
            allowed = {"gunning.niet_gegund", "heraanbesteding"}
            if state not in allowed:
                return False
            self.final_from[seg] = day if awarded else None
            self.set(seg, "gunning.definitief_gegund" if awarded else "gunning.niet_gegund")
        elif kind == "contract":
            # At most 7 years: until the day before the start's 7th anniversary (from 29 February,
            # the anniversary is taken as 28 February: a reading, as DOMAIN.md does not say).
            anniversary = date(day.year + 7, day.month, min(day.day, 28 if day.month == 2 else 31))
            last_day = anniversary - DAY
            in_order = day <= event.initial_end <= event.max_end <= last_day   # at most 7 years (A2)
            if state != "gunning.definitief_gegund" or not in_order:
                return False
            self.schedule(event.initial_end + DAY, seg, "end")
            self.set(seg, "in_uitvoering")
        return True


# -- the state machine ------------------------------------------------------------------

SEGMENTS = st.one_of(st.none(), st.lists(st.sampled_from(IDS), min_size=1, max_size=3, unique=True)
                     .map(lambda segs: tuple(sorted(segs))))
GAPS = st.one_of(st.integers(0, 3), st.integers(0, 45), st.integers(0, 900))


class ProcedureMachine(RuleBasedStateMachine):
    """Records random events on a date that only moves forward; compares the library with the model."""

    #: Compare ``final_award_from`` too (the mutation test also runs without it).
    compare_final_from = True

    def __init__(self) -> None:
        super().__init__()
        self.proc: ai.Procedure | None = None
        self.model = Reference(IDS)
        self.today = date(2021, 1, 4)

    @initialize(start=st.integers(0, 3000))
    def create(self, start: int) -> None:
        self.proc = procedure(segments=IDS, max_contract_years=7)
        self.today = date(2021, 1, 4) + start * DAY
        self.model.advance(self.today)

    # time
    @rule(days=GAPS)
    def advance(self, days: int) -> None:
        self.today += days * DAY
        self.model.advance(self.today)

    @precondition(lambda self: any(t[0] > self.model.today for t in self.model.timers))
    @rule(day_before=st.booleans())
    def advance_to_a_deadline(self, day_before: bool) -> None:
        """Jump to the model's next deadline, or the day before it: where an off-by-one shows."""
        upcoming = min(t[0] for t in self.model.timers if t[0] > self.model.today)
        self.today = max(self.today, upcoming - DAY if day_before else upcoming)
        self.model.advance(self.today)

    # events
    def record(self, event: Any) -> None:
        assert self.proc is not None
        expected = self.model.after(event)
        try:
            self.proc.record(event)
            accepted = True
        except ai.RuleViolation as exc:
            accepted, why = False, str(exc)
        if accepted:
            assert expected is not None, f"the library accepted {event!r}; the model refuses it"
            self.model = expected
        else:
            assert expected is None, f"the library refused {event!r} ({why}); the model accepts it"

    def segments_in(self, data: st.DataObject, states: set[str]) -> tuple[str, ...] | None:
        """Some of the segments the model has in ``states`` (None: all of them, if that is all)."""
        eligible = [s for s in IDS if self.model.state[s] in states]
        chosen = tuple(sorted(data.draw(st.lists(st.sampled_from(eligible), min_size=1, unique=True))))
        return None if chosen == IDS and data.draw(st.booleans()) else chosen

    def can(*states: str) -> Any:
        return precondition(lambda self: any(self.model.state[s] in states for s in IDS))

    # Rules that follow the model: each names segments whose state allows the event (by the
    # model), so that runs get far; the library must agree that it is accepted.
    @can("dialoog", "gunning.niet_gegund", "heraanbesteding")
    @rule(data=st.data())
    def tender_start(self, data: st.DataObject) -> None:
        segs = self.segments_in(data, {"dialoog", "gunning.niet_gegund", "heraanbesteding"})
        self.record(ai.TenderStart(on=self.today, segments=segs))

    @can("aanbesteding", "gunning.herbeoordeling", "heraanbesteding")
    @rule(data=st.data(), outcome=st.sampled_from(["awarded", "not_awarded"]),
          follow_up=st.sampled_from([None, "verkort_proces", "nader_onderzoek", "heraanbesteding"]))
    def award_decision(self, data: st.DataObject, outcome: Any, follow_up: Any) -> None:
        segs = self.segments_in(data, {"aanbesteding", "gunning.herbeoordeling", "heraanbesteding"})
        self.record(ai.AwardDecision(on=self.today, segments=segs, outcome=outcome,
                                     follow_up=follow_up if outcome == "not_awarded" else None))

    @can("gunning.voorlopig_gegund", "gunning.standstill")
    @rule(data=st.data())
    def kort_geding(self, data: st.DataObject) -> None:
        segs = self.segments_in(data, {"gunning.voorlopig_gegund", "gunning.standstill"})
        self.record(ai.KortGeding(on=self.today, segments=segs))

    @can("gunning.kort_geding")
    @rule(data=st.data(), outcome=st.sampled_from(["rejected", "upheld"]))
    def ruling(self, data: st.DataObject, outcome: Any) -> None:
        segs = self.segments_in(data, {"gunning.kort_geding"})
        self.record(ai.KortGedingRuling(on=self.today, segments=segs, outcome=outcome))

    @can("gunning.definitief_gegund", "gunning.kort_geding")
    @rule(data=st.data())
    def final_award(self, data: st.DataObject) -> None:
        segs = self.segments_in(data, {"gunning.definitief_gegund", "gunning.kort_geding"})
        self.record(ai.FinalAward(on=self.today, segments=segs))

    @can("gunning.niet_gegund", "heraanbesteding")
    @rule(data=st.data(), outcome=st.sampled_from(["awarded", "not_awarded"]))
    def follow_up_result(self, data: st.DataObject, outcome: Any) -> None:
        segs = self.segments_in(data, {"gunning.niet_gegund", "heraanbesteding"})
        self.record(ai.FollowUpResult(on=self.today, segments=segs, outcome=outcome))

    @can("gunning.definitief_gegund")
    @rule(data=st.data(), initial=st.integers(0, 900), extension=st.integers(0, 1500))
    def contract(self, data: st.DataObject, initial: int, extension: int) -> None:
        segs = self.segments_in(data, {"gunning.definitief_gegund"})
        initial_end = self.today + initial * DAY
        self.record(ai.Contract(on=self.today, segments=segs, initial_end=initial_end,
                                max_end=initial_end + extension * DAY))

    # A rule that ignores the model: any event for any segments, often refused; and dialogue.
    @rule(kind=st.sampled_from(["dialogue_activity", "tender_start", "award_decision", "kort_geding",
                                "kort_geding_ruling", "final_award", "follow_up_result", "contract",
                                "nota_van_inlichtingen"]),
          segments=SEGMENTS, outcome=st.booleans(), days=st.integers(-2, 3000))
    def any_event(self, kind: str, segments: tuple[str, ...] | None, outcome: bool, days: int) -> None:
        on, segs = self.today, segments
        event: Any
        if kind == "dialogue_activity":
            kind_of = "gesprekstafel" if outcome else "kennissessie"
            event = ai.DialogueActivity(on=on, segments=segs, kind=kind_of)
        elif kind == "tender_start":
            event = ai.TenderStart(on=on, segments=segs)
        elif kind == "award_decision":
            event = ai.AwardDecision(on=on, segments=segs, outcome="awarded" if outcome else "not_awarded")
        elif kind == "kort_geding":
            event = ai.KortGeding(on=on, segments=segs)
        elif kind == "kort_geding_ruling":
            event = ai.KortGedingRuling(on=on, segments=segs, outcome="rejected" if outcome else "upheld")
        elif kind == "final_award":
            event = ai.FinalAward(on=on, segments=segs)
        elif kind == "follow_up_result":
            event = ai.FollowUpResult(on=on, segments=segs, outcome="awarded" if outcome else "not_awarded")
        elif kind == "contract":   # with its dates out of order, or longer than 7 years
            end = on + days * DAY
            event = ai.Contract(on=on, segments=segs, initial_end=min(end, on + 400 * DAY), max_end=end)
        else:
            event = ai.NotaVanInlichtingen(on=on, segments=segs)
        self.record(event)

    # what must agree after every step
    @invariant()
    def phase_and_states_agree(self) -> None:
        if self.proc is None:
            return
        assert self.proc.phase_on(self.today) == PHASES[self.model.phase], self.today
        for seg in IDS:
            assert self.proc.segment_state_on(seg, self.today) == self.model.state[seg], (seg, self.today)
        assert self.proc.dialogue_allowed(self.today) == all(
            self.model.state[s] not in NO_DIALOGUE for s in IDS)

    @invariant()
    def final_award_dates_agree(self) -> None:
        if self.proc is None or not self.compare_final_from:
            return
        for seg in IDS:
            assert self.proc.final_award_from(seg) == self.model.final_from[seg], seg


DEFAULT = settings(max_examples=50 * SCALE, stateful_step_count=30 if SCALE == 1 else 50,
                   suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])

TestProcedureMachine = ProcedureMachine.TestCase
TestProcedureMachine.settings = DEFAULT


# -- the reference model's own checks ----------------------------------------------------

def test_the_reference_standstill_matches_the_worked_example() -> None:
    assert standstill_final_from(date(2022, 3, 14)) == date(2022, 4, 5)   # DOMAIN.md B2


@pytest.mark.parametrize("sent", [date(2022, 3, 14) + n * DAY for n in range(0, 800, 3)])
def test_the_reference_standstill_agrees_with_the_library(sent: date) -> None:
    assert standstill_final_from(sent) == ai.standstill_period(sent).final_from


# -- the model catches a mutation --------------------------------------------------------

INVARIANTS = ("phase_and_states_agree", "final_award_dates_agree")


def steps_of(failure: BaseException) -> list[str]:
    """The steps (rules, and the draws they made) of the shrunk failing example, as hypothesis reports it."""
    notes: Iterator[str] = iter(getattr(failure, "__notes__", []))
    lines = [line.strip() for note in notes for line in note.splitlines()]
    return [line for line in lines if (line.startswith("state.") or line.startswith("Draw "))
            and not line.startswith(("state.teardown", *(f"state.{name}" for name in INVARIANTS)))]


@pytest.mark.parametrize("compare_final_from", [True, False], ids=["all-invariants", "states-only"])
def test_the_model_catches_an_off_by_one_in_the_standstill(
        monkeypatch: pytest.MonkeyPatch, compare_final_from: bool,
        capsys: pytest.CaptureFixture[str]) -> None:
    # The mutation: the library computes a standstill of 19 days instead of 20. Patched on the
    # module object for this test only; the source files stay as they are.
    timeline = importlib.import_module("achterhoek_inkoop.lifecycle._timeline")
    real = timeline.standstill_period

    def nineteen_days(sent: date, days: int = 20, **kwargs: Any) -> Any:
        return real(sent, days - 1, **kwargs)

    monkeypatch.setattr(timeline, "standstill_period", nineteen_days)
    monkeypatch.setattr(ProcedureMachine, "compare_final_from", compare_final_from)
    # Hypothesis stops at the first disagreement; with states only, random runs of 200 examples
    # missed it about one time in twelve (and the derandomized one did, after an unrelated edit of
    # this module), 600 never did: the budget is well above that.
    with pytest.raises(AssertionError) as info:
        run_state_machine_as_test(ProcedureMachine, settings=settings(
            DEFAULT, max_examples=1000, database=None, derandomize=True, report_multiple_bugs=False,
            phases=[Phase.generate, Phase.shrink]))
    steps = steps_of(info.value)
    rules = [s for s in steps if s.startswith("state.")]
    with capsys.disabled():
        which = "all invariants" if compare_final_from else "states only"
        print(f"\nmutation (a 19-day standstill), {which}: "
              f"caught; the shrunk counterexample has {len(rules)} steps:\n  " + "\n  ".join(steps))
    assert rules[0].startswith("state.create(")
    assert any(s.startswith("state.award_decision(") for s in rules)
    assert len(rules) <= 12  # shrinking is not fully deterministic across runs: 3 to 9 steps seen


# -- disagreements the model found (library bugs, fixed): their shrunk counterexamples -------

START = date(2021, 1, 4)
BUG_1 = [ai.TenderStart(on=START), ai.FollowUpResult(on=START, outcome="not_awarded")]
BUG_2 = [
    ai.TenderStart(on=START),
    ai.AwardDecision(on=START, outcome="not_awarded", segments=("a", "b")),
    ai.FollowUpResult(on=START, outcome="awarded", segments=("a",)),
    ai.Contract(on=START, initial_end=START, max_end=START, segments=("a",)),
    ai.AwardDecision(on=START + DAY, outcome="not_awarded", follow_up="verkort_proces", segments=("c",)),
]


def test_a_follow_up_result_needs_a_segment_not_awarded_or_re_tendered() -> None:
    # Shrunk counterexample (BUG_1): create(start=0); tender_start(a, b, c);
    # follow_up_result(not_awarded, all).
    proc = procedure(BUG_1[0], segments=IDS, record=True)
    with pytest.raises(ai.RuleViolation):
        proc.record(BUG_1[1])


def test_a_failed_follow_up_of_a_segment_not_awarded_is_accepted() -> None:
    # Shrunk counterexample: create(start=0); tender_start(a, b, c); award_decision(not_awarded, all);
    # follow_up_result(not_awarded, all).
    proc = procedure(ai.TenderStart(on=START), ai.AwardDecision(on=START, outcome="not_awarded"),
                     segments=IDS, record=True)
    assert proc.record(ai.FollowUpResult(on=START, outcome="not_awarded")) == []
    assert {proc.segment_state_on(s, START) for s in IDS} == {ai.SegmentState.NIET_GEGUND}


def test_a_procedure_is_not_closed_while_a_segment_is_re_tendered() -> None:
    # Shrunk counterexample (the model says uitvoering, the library afgerond), BUG_2 above:
    # create(start=0); tender_start(c, a); any_event(tender_start, b);
    # award_decision(not_awarded, a and b); follow_up_result(awarded, a); contract(a, 0 days);
    # advance_to_a_deadline() (a's contract ends on 2021-01-05);
    # award_decision(not_awarded, verkort_proces, c).
    day = START + DAY
    proc = procedure(*BUG_2, segments=IDS, record=True)
    assert proc.segment_state_on("a", day) == ai.SegmentState.BEEINDIGD
    assert proc.segment_state_on("b", day) == ai.SegmentState.NIET_GEGUND
    assert proc.segment_state_on("c", day) == ai.SegmentState.HERAANBESTEDING
    assert proc.phase_on(day) == ai.Phase.UITVOERING   # the library says afgerond
