"""A model-based test of the procedure machine: random events compared with an independent model.

:class:`Reference` is a second, independent model of a procedure, written in
plain Python from DOMAIN.md (sections B1, B2 and C) and issue 9, without
``transitions`` and without the library's private modules. It computes the
Alcatel standstill itself (from the day after sending, 20 calendar days or the
longer period of the decision, Atw art. 1 moving an end on a Saturday, Sunday
or holiday to the next working day, Atw art. 4 leaving a period of more than
90 days alone; it asks the library only which days are holidays), and
predicts, on every date, the phase, each segment's state, when each award may
become final and when it became final (recorded, or inferred from a contract),
whether each event is accepted and the warnings it gives, and whether dialogue
is allowed.

:class:`ProcedureMachine` records random events on a date that only moves
forward, and after every step compares the library with the model.
``test_the_model_catches_an_off_by_one_in_the_standstill`` shows that the
comparison catches a 19-day standstill, and how few steps it needs.

Where the library and the model disagreed and the model followed DOMAIN.md,
the library was fixed; the shrunk counterexample is kept at the end of this
module as a minimal example, so that it stays fixed.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any, NamedTuple

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
DIALOOG, AANBESTEDING, GUNNING, IMPLEMENTATIE, UITVOERING, AFGEROND = range(6)

AANB, HERAANB = "aanbesteding", "heraanbesteding"
VOORLOPIG, STANDSTILL = "gunning.voorlopig_gegund", "gunning.standstill"
VERSTREKEN = "gunning.standstill_verstreken"   # the standstill is over: the award may become final
KG, HERBEOORDELING = "gunning.kort_geding", "gunning.herbeoordeling"
DEFINITIEF, NIET_GEGUND = "gunning.definitief_gegund", "gunning.niet_gegund"
IN_UITVOERING, BEEINDIGD, GESTAAKT = "in_uitvoering", "beeindigd", "gestaakt"

#: An award decision is made and not yet final (B1: final only when the contract is concluded).
PENDING = {VOORLOPIG, STANDSTILL, VERSTREKEN, KG}
#: Waiting for its award in this procedure: in the tender, reassessed, or the award not yet final.
AWAITING = {AANB, HERBEOORDELING} | PENDING
#: No dialogue while a segment is in a tender or its award is not final (A1, B4); after "not
#: awarded" the market may be consulted until the new tender starts (C).
CLOSED = {AANB, HERAANB, HERBEOORDELING} | PENDING
FINAL = {DEFINITIEF, IN_UITVOERING, BEEINDIGD}
#: The segment's course has ended: its contracts ended, or its tender was cancelled (C).
ENDED = {BEEINDIGD, GESTAAKT}
#: Where a decision can still be taken: a new one, in the tender or after a void one (B1).
DECIDING = {AANB, HERBEOORDELING, HERAANB}
#: The phase (C) each state of a segment whose course has not ended belongs to.
PHASE_OF = {"dialoog": DIALOOG, AANB: AANBESTEDING, HERAANB: GUNNING, NIET_GEGUND: GUNNING,
            HERBEOORDELING: GUNNING, **dict.fromkeys(PENDING, GUNNING), DEFINITIEF: IMPLEMENTATIE,
            IN_UITVOERING: UITVOERING}
EXEMPTIONS = ["no_electronic_publication", "single_tenderer", "framework_call_off",
              "dynamic_purchasing_system"]
PLAINTIFFS = [None, "X", "Y"]
CASES = [None, "c1", "c2"]


def working_day(day: date) -> bool:
    return day.weekday() < 5 and not ai.is_holiday(day)


def standstill_final_from(sent: date, days: int = 20) -> date:
    """B1/B2: from the day after sending, ``days`` calendar days; an end on a day off moves on."""
    end = sent + days * DAY
    if days <= 90:   # Atw art. 4: not applied to a period longer than 90 days
        while not working_day(end):   # Atw art. 1 lid 1
            end += DAY
    # Atw art. 2 (two working days in the period) never bites on 20 days or more.
    return end + DAY


class KortGedingFiled(NamedTuple):
    on: date
    by: str | None
    case: str | None
    generation: int   # of the award decision it is about
    suspends: bool    # started while the award could still be held (B1)


class Reference:
    """The procedure as DOMAIN.md C describes it, one day at a time."""

    def __init__(self, ids: tuple[str, ...]) -> None:
        self.ids = ids
        self.state = dict.fromkeys(ids, "dialoog")
        self.phase = DIALOOG
        self.today = date.min
        #: After each projection of the phase: its day, the segments' states and the phase. A
        #: contract that shows an earlier final award projects the phase again from that day (B1:
        #: the award was final from then, so the days since show it too).
        self.history: list[tuple[date, dict[str, str], int]] = []
        self.timers: list[tuple[date, int, str, str, int]] = []   # (on, order, segment, what, generation)
        self.scheduled = 0
        #: Counts the decisions that void what came before (a new decision, a withdrawal, an
        #: upheld ruling, a cancellation): a standstill of an older one no longer counts.
        self.generation = dict.fromkeys(ids, 0)
        self.standstill: dict[str, tuple[date, date] | None] = dict.fromkeys(ids)   # (start, final_from)
        self.final_from: dict[str, date | None] = dict.fromkeys(ids)
        self.final_on: dict[str, date | None] = dict.fromkeys(ids)
        self.inferred: dict[str, bool] = dict.fromkeys(ids, False)
        #: The kort gedingen without a ruling yet; and all that were started.
        self.kort_gedingen: dict[str, tuple[KortGedingFiled, ...]] = dict.fromkeys(ids, ())
        self.started: dict[str, tuple[KortGedingFiled, ...]] = dict.fromkeys(ids, ())
        self.dialogues: list[tuple[date, tuple[str, ...]]] = []
        # The contracts recorded today, and the model before the first of them: on one day the
        # other events come before the contracts (the decisions before the contracts they allow,
        # B1: the contract is concluded, the final award, before it starts), whatever the order
        # they are recorded in.
        self.contracts_today: list[Any] = []
        self.before_contracts: Reference | None = None
        # Of the last event applied: whether it must be refused, the warnings (rule, segment) it
        # gives, the segments for which the library may take it or refuse it (DOMAIN.md does not
        # say).
        self.refused = False
        self.warnings: list[tuple[str, str]] = []
        self.either: set[str] = set()
        self.reordered = False

    # time
    def advance(self, to: date) -> None:
        """Let the deadlines up to ``to`` pass (they come before the events of their day)."""
        self.timers.sort()
        while self.timers and self.timers[0][0] <= to:
            day = self.timers[0][0]
            while self.timers and self.timers[0][0] == day:
                _, _, seg, what, generation = self.timers.pop(0)
                if what == "end":
                    if self.state[seg] == IN_UITVOERING:
                        self.state[seg] = BEEINDIGD
                elif generation != self.generation[seg]:
                    continue
                elif what == "begin" and self.state[seg] == VOORLOPIG:
                    self.state[seg] = STANDSTILL
                elif what == "final" and self.state[seg] == STANDSTILL:   # not while a kort geding holds it
                    self.state[seg] = VERSTREKEN
            self.update_phase(day)
        if to > self.today:
            self.contracts_today, self.before_contracts = [], None
        self.today = max(self.today, to)

    def schedule(self, on: date, seg: str, what: str) -> None:
        self.scheduled += 1
        self.timers.append((on, self.scheduled, seg, what, self.generation[seg]))

    def update_phase(self, day: date | None = None) -> None:
        """C and README: the furthest phase of the segments still in course, never going back; not
        implementatie or uitvoering while one awaits its award; afgerond once every segment has
        ended its course."""
        states = list(self.state.values())
        self.phase = max(self.phase, target_phase(states))
        self.history.append((self.today if day is None else day, dict(self.state), self.phase))

    def final_since(self, seg: str, first: date) -> None:
        """Project the phase again from the end of ``first`` on (the final award a contract shows
        comes after the decisions of its day), ``seg`` final wherever its award was pending."""
        kept = [entry for entry in self.history if entry[0] < first]
        phase = kept[-1][2] if kept else DIALOOG
        later = self.history[len(kept):]
        for n, (day, states, _phase) in enumerate(later):
            at_its_end = day > first or n + 1 == len(later) or later[n + 1][0] > first
            if at_its_end and states[seg] in PENDING:
                states = {**states, seg: DEFINITIEF}
            phase = max(phase, target_phase(list(states.values())))
            kept.append((day, states, phase))
        self.history, self.phase = kept, phase

    # events
    def copy(self) -> Reference:
        new = Reference.__new__(Reference)
        new.__dict__ = {key: value.copy() if isinstance(value, dict | list | set) else value
                        for key, value in self.__dict__.items()}
        return new

    def after(self, event: Any) -> Reference:
        """The model after ``event`` (dated today); ``refused`` says if it must be refused."""
        if event.type == "contract" or not self.contracts_today:
            new = self.copy()
            new.warnings, new.either, new.reordered = [], set(), False
            accepted = new.apply(event)
            new.update_phase()
            if event.type == "contract":
                new.before_contracts = self.before_contracts or self
                new.contracts_today = [*self.contracts_today, event]
        else:
            # After a contract of the same day: the day again, the event before the contracts.
            before = self.before_contracts
            assert before is not None
            middle = before.copy()
            middle.warnings, middle.either, middle.reordered = [], set(), True
            accepted = middle.apply(event)
            middle.update_phase()
            new = middle.copy()
            new.before_contracts, new.contracts_today = middle, list(self.contracts_today)
            for contract in self.contracts_today:
                accepted = accepted and new.apply(contract)
                new.update_phase()
        new.refused = not accepted or not new.dialogue_is_allowed()
        return new

    def dialogue_is_allowed(self) -> bool:
        return all(self.state[s] not in CLOSED for on, segs in self.dialogues if on == self.today
                   for s in segs)

    def apply(self, event: Any) -> bool:
        day, segs = event.on, tuple(event.segments or self.ids)
        kind = event.type
        if kind == "dialogue_activity":
            self.dialogues.append((day, segs))
            return True
        if kind == "nota_van_inlichtingen":
            return True
        return all([self.move(kind, event, seg, day) for seg in segs])

    def void(self, seg: str) -> None:
        """A decision that voids what came before: its standstill and its kort gedingen hold nothing."""
        self.generation[seg] += 1
        self.standstill[seg] = self.final_from[seg] = None

    def suspending(self, seg: str) -> list[KortGedingFiled]:
        """The kort gedingen that hold the award of ``seg`` now."""
        return [k for k in self.kort_gedingen[seg]
                if k.suspends and k.generation == self.generation[seg] and self.state[seg] == KG]

    def move(self, kind: str, event: Any, seg: str, day: date) -> bool:
        state = self.state[seg]
        if kind == "tender_start":
            # A tender starts from dialogue; after "not awarded", the segment's new tender (C).
            if state == "dialoog":
                self.state[seg] = AANB
            elif state == NIET_GEGUND:
                self.state[seg] = HERAANB
            else:
                return False
        elif kind == "award_decision":
            # A decision in the tender, after a void one, or correcting one not yet final (B1).
            days = event.standstill_days or 20
            if state not in DECIDING | PENDING or days < 20:   # Aw art. 2.127 lid 3: at least 20
                return False
            self.void(seg)
            if event.outcome == "not_awarded":
                self.state[seg] = NIET_GEGUND
            elif event.standstill_exemption is not None:   # Aw art. 2.127 lid 4: no standstill
                self.final_from[seg] = day
                self.state[seg] = VERSTREKEN
            else:
                final_from = standstill_final_from(day, days)
                self.standstill[seg], self.final_from[seg] = (day + DAY, final_from), final_from
                self.schedule(day + DAY, seg, "begin")
                self.schedule(final_from, seg, "final")
                self.state[seg] = VOORLOPIG
        elif kind == "award_withdrawal":
            if state not in PENDING:   # only a decision not yet final can be withdrawn (B1)
                return False
            self.void(seg)
            self.state[seg] = HERBEOORDELING
        elif kind == "cancellation":
            if state in FINAL or state in ENDED:   # a tender in course, before the award is final
                return False
            self.void(seg)
            self.state[seg] = GESTAAKT
        elif kind == "kort_geding":
            return self.kort_geding(event, seg, day, state)
        elif kind == "kort_geding_ruling":
            return self.ruling(event, seg, day, state)
        elif kind == "final_award":
            return self.final_award(seg, day, state)
        elif kind == "follow_up_result":
            # A follow-up procedure runs for a segment that was not awarded or is re-tendered.
            if state not in (NIET_GEGUND, HERAANB):
                return False
            awarded = event.outcome == "awarded"
            self.final_from[seg] = self.final_on[seg] = day if awarded else None
            self.state[seg] = DEFINITIEF if awarded else NIET_GEGUND
        elif kind == "contract":
            return self.contract(event, seg, day, state)
        return True

    def kort_geding(self, event: Any, seg: str, day: date, state: str) -> bool:
        if state in (VOORLOPIG, STANDSTILL, KG):
            # In the standstill, or while another holds the award: it holds the award (B1).
            filed = KortGedingFiled(day, event.by, event.case, self.generation[seg], True)
            self.final_from[seg] = None
            self.state[seg] = KG
        elif state in {VERSTREKEN} | FINAL:
            # After the standstill: recorded, with a warning; it suspends nothing (B1, A4).
            filed = KortGedingFiled(day, event.by, event.case, self.generation[seg], False)
            self.warnings.append(("kort-geding-na-standstill", seg))
        elif state in (NIET_GEGUND, GESTAAKT, HERBEOORDELING, AANB, HERAANB):
            # Against a decision not to award, a cancellation, a withdrawal: it suspends nothing.
            # In a tender (against its documents, the Grossmann line of A4) DOMAIN.md does not
            # say whether it can be recorded: either is right, and if it is, it suspends nothing.
            filed = KortGedingFiled(day, event.by, event.case, self.generation[seg], False)
            if state in (AANB, HERAANB):
                self.either.add(seg)
        else:
            return False
        self.kort_gedingen[seg] += (filed,)
        self.started[seg] += (filed,)
        return True

    def ruling(self, event: Any, seg: str, day: date, state: str) -> bool:
        if state == "dialoog":
            return False
        if state in (AANB, HERAANB):
            self.either.add(seg)   # as for a kort geding there: if recorded, it decides its own
        filed = self.kort_gedingen[seg]
        # Matched by case, else by plaintiff, else the earliest pending (issue 9).
        if event.case is not None:
            fits = [k for k in filed if k.case == event.case]
        elif event.by is not None:
            fits = [k for k in filed if k.by == event.by]
        else:
            fits = list(filed)
        if not fits:
            # Its kort geding is not recorded: accepted with a warning; it decides nothing.
            self.warnings.append(("uitspraak-zonder-kort-geding", seg))
            return True
        decided = fits[0]
        self.kort_gedingen[seg] = tuple(k for k in filed if k is not decided)
        # About the award decision in force, not yet final (not one a later decision superseded).
        current = decided.generation == self.generation[seg] and state in PENDING
        if event.outcome == "upheld" and current:
            # Upheld: the award decision it is about is void, whatever else is pending, and
            # also on a kort geding started after the standstill (B1).
            self.void(seg)
            self.state[seg] = HERBEOORDELING
        elif event.outcome == "upheld":
            pass   # about a decision void already, or final: nothing changes
        elif state == KG and decided.suspends and current and not self.suspending(seg):
            # Rejected, the last one holding the award: the standstill resumes, and ends at
            # once if it has passed (B1).
            period = self.standstill[seg]
            assert period is not None
            start, final_from = period
            if day >= final_from:
                self.final_from[seg] = day
                self.state[seg] = VERSTREKEN
            else:
                self.final_from[seg] = final_from
                self.state[seg] = STANDSTILL if day >= start else VOORLOPIG
        return True

    def final_award(self, seg: str, day: date, state: str) -> bool:
        period = self.standstill[seg]
        if state == VERSTREKEN:
            pass
        elif state == KG and period is not None and day >= period[1]:
            # After the standstill, while a kort geding is pending: a warning only (the
            # statutory basis of the hold is unconfirmed, B intro and B1).
            self.warnings.append(("definitieve-gunning-tijdens-kort-geding", seg))
        else:
            # Final already: nothing changes; else before the standstill has ended, or without
            # an award decision: refused.
            return state in FINAL
        self.final_on[seg] = day
        if self.final_from[seg] is None or self.final_from[seg] > day:
            self.final_from[seg] = day
        self.state[seg] = DEFINITIEF
        return True

    def contract(self, event: Any, seg: str, day: date, state: str) -> bool:
        # At most 7 years: until the day before the start's 7th anniversary (from 29 February,
        # the anniversary is taken as 28 February: a reading, as DOMAIN.md does not say).
        anniversary = date(day.year + 7, day.month, min(day.day, 28 if day.month == 2 else 31))
        last_day = anniversary - DAY
        if not day <= event.initial_end <= event.max_end <= last_day:   # at most 7 years (A2)
            return False
        period = self.standstill[seg]
        if state == DEFINITIEF:
            pass
        elif state == VERSTREKEN or (state == KG and period is not None and day >= period[1]):
            # No final award recorded, but the contract shows the award became final: on the
            # first day it could be, an assumption (B1).
            first = self.final_from[seg] if period is None or state == VERSTREKEN else period[1]
            assert first is not None
            if state == KG:
                self.warnings.append(("definitieve-gunning-tijdens-kort-geding", seg))
                # Seen again with the award final from then, a kort geding started after that
                # day was started after the final award.
                self.warnings += [("kort-geding-na-standstill", seg) for k in self.started[seg]
                                  if k.generation == self.generation[seg] and k.on > first]
            self.final_on[seg] = self.final_from[seg] = first
            self.inferred[seg] = True
            self.final_since(seg, first)
        else:
            return False
        self.schedule(event.initial_end + DAY, seg, "end")
        self.state[seg] = IN_UITVOERING
        return True


def target_phase(states: list[str]) -> int:
    """The phase the segments' states point to (README "The phase is a projection"; C)."""
    in_course = [s for s in states if s not in ENDED]
    if not in_course:   # C: a procedure whose segments are all cancelled or ended
        return AFGEROND
    target = max(PHASE_OF[s] for s in in_course)
    if target > GUNNING and any(s in AWAITING for s in states):   # C: never ahead of one awaiting
        return GUNNING
    return target


# -- the state machine ------------------------------------------------------------------

SEGMENTS = st.one_of(st.none(), st.lists(st.sampled_from(IDS), min_size=1, max_size=3, unique=True)
                     .map(lambda segs: tuple(sorted(segs))))
GAPS = st.one_of(st.integers(0, 3), st.integers(0, 45), st.integers(0, 900))
STANDSTILL_DAYS = st.one_of(st.none(), st.none(), st.integers(19, 23), st.integers(88, 95))


class ProcedureMachine(RuleBasedStateMachine):
    """Records random events on a date that only moves forward; compares the library with the model."""

    #: Compare ``final_award_from`` too (the mutation test also runs without it).
    compare_final_from = True

    def __init__(self) -> None:
        super().__init__()
        self.proc: ai.Procedure | None = None
        self.model = Reference(IDS)
        self.today = date(2021, 1, 4)

    @initialize(start=st.integers(0, 3000), tendered=st.booleans())
    def create(self, start: int, tendered: bool) -> None:
        """A procedure of three segments; with ``tendered``, its tender starts on the first day."""
        self.proc = procedure(segments=IDS, max_contract_years=7)
        self.today = date(2021, 1, 4) + start * DAY
        self.model.advance(self.today)
        if tendered:
            self.record(ai.TenderStart(on=self.today))

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
            warnings = self.proc.record(event)
            accepted = True
        except ai.RuleViolation as exc:
            accepted, why = False, str(exc)
        if not accepted:
            assert expected.refused or expected.either, \
                f"the library refused {event!r} ({why}); the model accepts it"
            return
        assert not expected.refused, f"the library accepted {event!r}; the model refuses it"
        if not expected.reordered:   # (after a contract of its day, the whole day is stepped again)
            given = sorted((w.rule, w.subject) for w in warnings if w.subject not in expected.either)
            assert given == sorted(w for w in expected.warnings if w[1] not in expected.either), event
        self.model = expected

    def segments_in(self, data: st.DataObject, states: set[str]) -> tuple[str, ...] | None:
        """Some of the segments the model has in ``states`` (None: all of them, if that is all)."""
        eligible = [s for s in IDS if self.model.state[s] in states]
        chosen = tuple(sorted(data.draw(st.lists(st.sampled_from(eligible), min_size=1, unique=True))))
        return None if chosen == IDS and data.draw(st.booleans()) else chosen

    def can(*states: str) -> Any:
        return precondition(lambda self: any(self.model.state[s] in states for s in IDS))

    # Rules that follow the model: each names segments whose state allows the event (by the
    # model), so that runs get far; the library must agree that it is accepted.
    @can("dialoog", NIET_GEGUND)
    @rule(data=st.data())
    def tender_start(self, data: st.DataObject) -> None:
        segs = self.segments_in(data, {"dialoog", NIET_GEGUND})
        self.record(ai.TenderStart(on=self.today, segments=segs))

    @can(*DECIDING, *PENDING)
    @rule(data=st.data(), outcome=st.sampled_from(["awarded", "awarded", "not_awarded"]),
          follow_up=st.sampled_from([None, "verkort_proces", "nader_onderzoek", "heraanbesteding"]),
          days=STANDSTILL_DAYS, exemption=st.one_of(st.none(), st.none(), st.sampled_from(EXEMPTIONS)))
    def award_decision(self, data: st.DataObject, outcome: Any, follow_up: Any, days: int | None,
                       exemption: Any) -> None:
        """A decision in the tender, after a void one, or a correction of one not yet final."""
        segs = self.segments_in(data, DECIDING | PENDING)
        awarded = outcome == "awarded"
        self.record(ai.AwardDecision(
            on=self.today, segments=segs, outcome=outcome, follow_up=None if awarded else follow_up,
            standstill_days=days if awarded and exemption is None else None,
            standstill_exemption=exemption if awarded else None))

    @can(*PENDING, HERBEOORDELING, NIET_GEGUND, HERAANB)
    @rule(data=st.data(), cancel=st.booleans())
    def withdrawal_or_cancellation(self, data: st.DataObject, cancel: bool) -> None:
        """An award decision withdrawn, or the tender cancelled in its award (before the award
        decision, ``any_event`` does it)."""
        if cancel:
            segs = self.segments_in(data, {HERBEOORDELING, NIET_GEGUND, HERAANB} | PENDING)
            self.record(ai.Cancellation(on=self.today, segments=segs))
        elif any(self.model.state[s] in PENDING for s in IDS):
            self.record(ai.AwardWithdrawal(on=self.today, segments=self.segments_in(data, PENDING)))

    @can(VOORLOPIG, STANDSTILL, KG, VERSTREKEN, DEFINITIEF, IN_UITVOERING, NIET_GEGUND, HERBEOORDELING)
    @rule(data=st.data(), by=st.sampled_from(PLAINTIFFS), case=st.sampled_from(CASES))
    def kort_geding(self, data: st.DataObject, by: str | None, case: str | None) -> None:
        """In the standstill or beside another (it holds the award), after the standstill, or
        against a decision not to award or a withdrawal (against a cancellation, or after the
        contracts ended: ``any_event`` does it)."""
        segs = self.segments_in(data, {VOORLOPIG, STANDSTILL, KG, VERSTREKEN, DEFINITIEF, IN_UITVOERING,
                                       NIET_GEGUND, HERBEOORDELING})
        self.record(ai.KortGeding(on=self.today, segments=segs, by=by, case=case))

    @precondition(lambda self: any(self.model.kort_gedingen[s] for s in IDS))
    @rule(data=st.data(), outcome=st.sampled_from(["rejected", "upheld"]),
          names=st.sampled_from(["case", "by", "both", "neither", "other"]))
    def ruling(self, data: st.DataObject, outcome: Any, names: str) -> None:
        """A ruling on a recorded kort geding, named as the court's ruling would name it."""
        with_one = [s for s in IDS if self.model.kort_gedingen[s]]
        segs = tuple(sorted(data.draw(st.lists(st.sampled_from(with_one), min_size=1, unique=True))))
        filed = data.draw(st.sampled_from(self.model.kort_gedingen[segs[0]]))
        by, case = {"case": (None, filed.case), "by": (filed.by, None), "both": (filed.by, filed.case),
                    "neither": (None, None),
                    "other": (data.draw(st.sampled_from(PLAINTIFFS)), data.draw(st.sampled_from(CASES)))
                    }[names]
        self.record(ai.KortGedingRuling(on=self.today, segments=segs, outcome=outcome, by=by, case=case))

    @can(VERSTREKEN, KG, *FINAL)
    @rule(data=st.data())
    def final_award(self, data: st.DataObject) -> None:
        segs = self.segments_in(data, {VERSTREKEN, KG} | FINAL)
        self.record(ai.FinalAward(on=self.today, segments=segs))

    @can(NIET_GEGUND, HERAANB)
    @rule(data=st.data(), outcome=st.sampled_from(["awarded", "not_awarded"]))
    def follow_up_result(self, data: st.DataObject, outcome: Any) -> None:
        segs = self.segments_in(data, {NIET_GEGUND, HERAANB})
        self.record(ai.FollowUpResult(on=self.today, segments=segs, outcome=outcome))

    @can(DEFINITIEF, VERSTREKEN, KG)
    @rule(data=st.data(), initial=st.integers(0, 900), extension=st.integers(0, 1500))
    def contract(self, data: st.DataObject, initial: int, extension: int) -> None:
        """With a final award recorded, or without one (then inferred), or while a kort geding holds it."""
        segs = self.segments_in(data, {DEFINITIEF, VERSTREKEN, KG})
        initial_end = self.today + initial * DAY
        self.record(ai.Contract(on=self.today, segments=segs, initial_end=initial_end,
                                max_end=initial_end + extension * DAY))

    @can(NIET_GEGUND, DEFINITIEF, IN_UITVOERING)
    @rule(data=st.data(), kind=st.sampled_from(["gesprekstafel", "kennissessie", "bestuurlijk_overleg"]))
    def dialogue(self, data: st.DataObject, kind: Any) -> None:
        """Dialogue where it is open after the tender: market consultation after "not awarded",
        implementation with the providers (before the tender: ``any_event`` does it)."""
        segs = self.segments_in(data, {NIET_GEGUND, DEFINITIEF, IN_UITVOERING})
        self.record(ai.DialogueActivity(on=self.today, segments=segs, kind=kind))

    # A rule that ignores the model: any event for any segments, often refused; and dialogue.
    @rule(kind=st.sampled_from(["dialogue_activity", "tender_start", "award_decision", "award_withdrawal",
                                "cancellation", "kort_geding", "kort_geding_ruling", "final_award",
                                "follow_up_result", "contract", "nota_van_inlichtingen"]),
          segments=SEGMENTS, outcome=st.booleans(), days=st.integers(-2, 3000),
          by=st.sampled_from(PLAINTIFFS), case=st.sampled_from(CASES))
    def any_event(self, kind: str, segments: tuple[str, ...] | None, outcome: bool, days: int,
                  by: str | None, case: str | None) -> None:
        on, segs = self.today, segments
        event: Any
        if kind == "dialogue_activity":
            kind_of = "gesprekstafel" if outcome else "kennissessie"
            event = ai.DialogueActivity(on=on, segments=segs, kind=kind_of)
        elif kind == "tender_start":
            event = ai.TenderStart(on=on, segments=segs)
        elif kind == "award_decision":   # sometimes with a standstill the law does not allow
            event = (ai.AwardDecision(on=on, segments=segs, outcome="awarded",
                                      standstill_days=days % 40 or None)
                     if outcome else ai.AwardDecision(on=on, segments=segs, outcome="not_awarded"))
        elif kind == "award_withdrawal":
            event = ai.AwardWithdrawal(on=on, segments=segs)
        elif kind == "cancellation":
            event = ai.Cancellation(on=on, segments=segs)
        elif kind == "kort_geding":
            event = ai.KortGeding(on=on, segments=segs, by=by, case=case)
        elif kind == "kort_geding_ruling":
            event = ai.KortGedingRuling(on=on, segments=segs, outcome="rejected" if outcome else "upheld",
                                        by=by, case=case)
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
        model = self.model
        phase = self.proc.phase_on(self.today)
        assert phase == PHASES[model.phase], self.today
        for seg in IDS:
            assert self.proc.segment_state_on(seg, self.today) == model.state[seg], (seg, self.today)
            assert self.proc.dialogue_allowed(self.today, segments=[seg]) == (model.state[seg] not in CLOSED)
        assert self.proc.dialogue_allowed(self.today) == all(model.state[s] not in CLOSED for s in IDS)

    @invariant()
    def final_award_dates_agree(self) -> None:
        if self.proc is None or not self.compare_final_from:
            return
        model = self.model
        for seg in IDS:
            assert self.proc.final_award_from(seg) == model.final_from[seg], seg
            final_on = model.final_on[seg]
            assert self.proc.final_award_on(seg) == final_on, seg
            if final_on is not None:
                # Final from that day on, and not the day before (B1: the final award is a fact).
                assert self.proc.segment_state_on(seg, final_on) in FINAL, seg
                assert self.proc.segment_state_on(seg, final_on - DAY) not in FINAL, seg
        # The final awards inferred from contracts, each on the first day it could be (B1).
        assert sorted((e.on, e.segments) for e in self.proc.inferred_events) == sorted(
            (model.final_on[s], (s,)) for s in IDS if model.inferred[s])
        assert all(e.type == "final_award" and e.source and "assumption" in e.source
                   for e in self.proc.inferred_events)


DEFAULT = settings(max_examples=100 * SCALE, stateful_step_count=40 if SCALE == 1 else 50,
                   suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])

TestProcedureMachine = ProcedureMachine.TestCase
TestProcedureMachine.settings = DEFAULT


# -- the reference model's own checks ----------------------------------------------------

def test_the_reference_standstill_matches_the_worked_example() -> None:
    assert standstill_final_from(date(2022, 3, 14)) == date(2022, 4, 5)   # DOMAIN.md B2


@pytest.mark.parametrize("sent", [date(2022, 3, 14) + n * DAY for n in range(0, 800, 3)])
def test_the_reference_standstill_agrees_with_the_library(sent: date) -> None:
    assert standstill_final_from(sent) == ai.standstill_period(sent).final_from


@pytest.mark.parametrize("days", [21, 45, 89, 90, 91, 120])
def test_a_longer_standstill_of_the_reference_agrees_with_the_library(days: int) -> None:
    for sent in [date(2023, 3, 1) + n * DAY for n in range(0, 400, 7)]:
        assert standstill_final_from(sent, days) == ai.standstill_period(sent, days).final_from, sent


def test_the_reference_phase_follows_the_segments() -> None:
    # C and README: not implementatie while a segment awaits its award; afgerond once every
    # segment has ended its course; a segment not awarded is still in course.
    assert target_phase([DEFINITIEF, HERBEOORDELING]) == GUNNING
    assert target_phase([DEFINITIEF, HERAANB]) == IMPLEMENTATIE
    assert target_phase([GESTAAKT, BEEINDIGD]) == AFGEROND
    assert target_phase([GESTAAKT, "dialoog"]) == DIALOOG
    assert target_phase([GESTAAKT, NIET_GEGUND]) == GUNNING


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

    def nineteen_days(sent: date, days: int | None = None, **kwargs: Any) -> Any:
        return real(sent, max(real(sent, days, **kwargs).days - 1, 1), **kwargs)

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
    assert any("award_decision" in s for s in rules)
    assert len(rules) <= 12  # shrinking is not fully deterministic across runs: 3 to 9 steps seen


# -- disagreements the model found (library bugs, fixed): their shrunk counterexamples -------

START = date(2021, 1, 4)
BUG_1 = [ai.TenderStart(on=START), ai.FollowUpResult(on=START, outcome="not_awarded")]


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


def test_a_contract_while_a_kort_geding_holds_the_award_shows_when_it_may_become_final() -> None:
    # Shrunk counterexample: create(start=0); award_decision(a); kort_geding(a) (the same day);
    # advance_to_a_deadline() twice (to 2021-01-26, the day the standstill has ended);
    # contract(a, 0 days). B1: the contract shows the award became final, on the first day it
    # could be (2021-01-26, inferred and labelled an assumption); final_award_from ("the first
    # date the award may be, or became, final") stayed None, as if a kort geding were pending.
    final = ai.standstill_period(START).final_from
    proc = procedure(ai.TenderStart(on=START), ai.AwardDecision(on=START, outcome="awarded"),
                     ai.KortGeding(on=START), segments=("a",), record=True)
    warnings = proc.record(ai.Contract(on=final, initial_end=final, max_end=final))
    assert [w.rule for w in warnings] == ["definitieve-gunning-tijdens-kort-geding"]
    assert proc.final_award_on("a") == final
    assert proc.final_award_from("a") == final



def test_a_final_award_recorded_after_the_contract_of_its_day_is_the_final_award() -> None:
    # Shrunk counterexample: create(start=0, tendered=True); award_decision(a, b); advance(22);
    # withdrawal(a); contract(b, 0 days); final_award(b), the same day. B1: the final award is the
    # conclusion of the contract, on its own date; only where the record does not give that date
    # is the first day it could be assumed. On one day the contract is concluded before it starts.
    final = ai.standstill_period(START).final_from
    day = final + 5 * DAY
    proc = procedure(ai.TenderStart(on=START), ai.AwardDecision(on=START, outcome="awarded"),
                     ai.Contract(on=day, initial_end=day, max_end=day), segments=("a",), record=True)
    assert [e.on for e in proc.inferred_events] == [final]
    assert proc.record(ai.FinalAward(on=day)) == []
    assert (proc.final_award_on("a"), proc.final_award_from("a"), proc.inferred_events) == (day, final, ())
    assert proc.segment_state_on("a", day - DAY) == ai.SegmentState.STANDSTILL_VERSTREKEN


# -- what the model found, fixed in the library: each shrunk counterexample -----------------

def awarded_with_kort_geding(*more: ai.Event) -> ai.Procedure:
    """Segment ``a`` awarded on 2021-01-05 (standstill until 2021-01-25, final from the 26th) and
    a kort geding by X on the 10th: the award is held; then ``more``."""
    proc = procedure(ai.TenderStart(on=START), segments=("a",), record=True)
    for event in (ai.AwardDecision(on=START + DAY, outcome="awarded"),
                  ai.KortGeding(on=START + 6 * DAY, by="X"), *more):
        proc.record(event)
    return proc


def test_an_upheld_ruling_voids_the_award_decision_while_another_kort_geding_is_pending() -> None:
    # Shrunk from the machine: award_decision(a); kort_geding(X); kort_geding(Y); ruling(upheld, X).
    # B1: an upheld ruling means the award decision must be reconsidered (the ruling's docstring
    # says so too); the other kort geding was about the same decision, which is now void, so it
    # holds nothing: the segment is reassessed at once (gunning.herbeoordeling).
    proc = awarded_with_kort_geding(ai.KortGeding(on=START + 7 * DAY, by="Y"),
                                    ai.KortGedingRuling(on=START + 8 * DAY, by="X", outcome="upheld"))
    assert proc.segment_state_on("a", START + 8 * DAY) == ai.SegmentState.HERBEOORDELING


def test_a_ruling_after_an_upheld_one_is_recorded_not_crashed() -> None:
    # The same, and then the court rejects Y's claim: record() raises a bare AssertionError from
    # inside the library (Timeline.ruling_rejected: `assert period is not None`), not a
    # RuleViolation. Whatever the reading, the decision X's ruling voided stays void.
    proc = awarded_with_kort_geding(ai.KortGeding(on=START + 7 * DAY, by="Y"),
                                    ai.KortGedingRuling(on=START + 8 * DAY, by="X", outcome="upheld"))
    proc.record(ai.KortGedingRuling(on=START + 9 * DAY, by="Y", outcome="rejected"))
    assert proc.segment_state_on("a", START + 9 * DAY) == ai.SegmentState.HERBEOORDELING


def test_an_upheld_ruling_about_a_superseded_decision_leaves_the_new_one_alone() -> None:
    # Shrunk from the machine: award_decision(a); kort_geding(X); award_decision(a) (a correction,
    # its own standstill); kort_geding(Y); ruling(upheld, by=X). B1: "a superseded decision's
    # standstill no longer counts"; X's kort geding was about that decision, so its ruling changes
    # nothing about the new one: Y's kort geding still holds it, and its standstill still counts
    # (the library drops it, and then refuses a final award after it as "before the standstill").
    corrected = START + 7 * DAY
    proc = awarded_with_kort_geding(ai.AwardDecision(on=corrected, outcome="awarded"),
                                    ai.KortGeding(on=corrected + DAY, by="Y"),
                                    ai.KortGedingRuling(on=corrected + 2 * DAY, by="X", outcome="upheld"))
    assert proc.segment_state_on("a", corrected + 2 * DAY) == ai.SegmentState.KORT_GEDING
    period = proc.standstill("a")
    assert period is not None
    assert period.sent == corrected


def test_a_ruling_that_decides_no_recorded_kort_geding_changes_nothing_and_warns() -> None:
    # Shrunk from the machine: award_decision(a); kort_geding(X); ruling(upheld, by=Z).
    # Issue 9: a ruling whose kort geding is not recorded is accepted with a warning; it decides
    # nothing, so X's kort geding still holds the award, and the standstill still counts.
    proc = awarded_with_kort_geding()
    warnings = proc.record(ai.KortGedingRuling(on=START + 8 * DAY, by="Z", outcome="upheld"))
    assert [w.rule for w in warnings] == ["uitspraak-zonder-kort-geding"]
    assert proc.segment_state_on("a", START + 8 * DAY) == ai.SegmentState.KORT_GEDING
    assert proc.standstill("a") is not None


def test_a_rejected_ruling_on_the_day_of_the_decision_resumes_before_the_standstill() -> None:
    # Shrunk from the machine: award_decision(a); kort_geding(a); ruling(rejected, a), all on one day.
    # B1 (Aw art. 2.127 lid 2): the standstill starts the day after the decision was sent; on the
    # day itself the award is provisional (gunning.voorlopig_gegund), as it was before the kort geding.
    sent = START + DAY
    proc = procedure(ai.TenderStart(on=START), ai.AwardDecision(on=sent, outcome="awarded"),
                     ai.KortGeding(on=sent), segments=("a",), record=True)
    proc.record(ai.KortGedingRuling(on=sent, outcome="rejected"))
    assert proc.segment_state_on("a", sent) == ai.SegmentState.VOORLOPIG_GEGUND
    assert proc.segment_state_on("a", sent + DAY) == ai.SegmentState.STANDSTILL


def test_an_upheld_late_kort_geding_voids_an_award_decision_not_yet_final() -> None:
    # Shrunk from the machine: award_decision(a); advance past the standstill; late_kort_geding(a);
    # ruling(upheld, a). B1: a kort geding after the standstill suspends nothing, but the court may
    # still hear it; while the contract is not concluded, an upheld ruling means the award decision
    # must be reconsidered (gunning.herbeoordeling). After the final award it could change nothing.
    late = START + 30 * DAY
    proc = procedure(ai.TenderStart(on=START), ai.AwardDecision(on=START + DAY, outcome="awarded"),
                     segments=("a",), record=True)
    assert [w.rule for w in proc.record(ai.KortGeding(on=late, by="X"))] == ["kort-geding-na-standstill"]
    proc.record(ai.KortGedingRuling(on=late + DAY, by="X", outcome="upheld"))
    assert proc.segment_state_on("a", late + DAY) == ai.SegmentState.HERBEOORDELING
    assert proc.final_award_from("a") is None


def test_a_procedure_is_not_closed_while_a_segment_not_awarded_is_still_in_course() -> None:
    # The shrunk counterexample of the old model (BUG_2, fixed once when "not awarded, a new
    # procedure follows" went straight to heraanbesteding): create(start=0); tender_start(all);
    # award_decision(not_awarded, a and b); follow_up_result(awarded, a); contract(a, 0 days);
    # advance_to_a_deadline() (a's contract ends on 2021-01-05); award_decision(not_awarded,
    # verkort_proces, c). C: "afgerond (closed, after the last contract has ended)"; "a procedure
    # whose segments are all cancelled or ended is afgerond"; b and c are neither: c's new
    # procedure is still to come, and b's course ends only with a cancellation (issue 9, item 6).
    day = START + DAY
    proc = procedure(
        ai.TenderStart(on=START),
        ai.AwardDecision(on=START, outcome="not_awarded", segments=("a", "b")),
        ai.FollowUpResult(on=START, outcome="awarded", segments=("a",)),
        ai.Contract(on=START, initial_end=START, max_end=START, segments=("a",)),
        ai.AwardDecision(on=day, outcome="not_awarded", follow_up="verkort_proces", segments=("c",)),
        segments=IDS, record=True)
    assert [proc.segment_state_on(s, day) for s in IDS] == [
        ai.SegmentState.BEEINDIGD, ai.SegmentState.NIET_GEGUND, ai.SegmentState.NIET_GEGUND]
    phases = [proc.phase_on(day)]
    proc.record(ai.TenderStart(on=day + DAY, segments=("c",)))   # c's new tender: surely in course
    phases.append(proc.phase_on(day + DAY))
    # a's contract ran for a day while c was still in its tender: never ahead of c (C), so gunning;
    # never afgerond while b and c are in course (it was afgerond, afgerond).
    assert phases == [ai.Phase.GUNNING, ai.Phase.GUNNING]



def test_a_contract_showing_an_earlier_final_award_projects_the_phase_again_from_then() -> None:
    # Found by the first random long run (issue 13): a and b awarded with an exemption on D, c's
    # tender starting on D1, then a and b's contract on D1. The contract shows a and b final from D,
    # when c was still in its dialogue: implementatie on D (rule 2 holds nothing back), and on D1
    # it stays (rule 4), although c's tender started. The model projected the phase only forward,
    # from the day of the contract: gunning. It now projects it again from D, as the library does.
    day = date(2021, 1, 4)
    machine = ProcedureMachine()
    machine.create(start=0, tendered=False)
    machine.record(ai.TenderStart(on=day, segments=("a", "b")))
    machine.record(ai.AwardDecision(on=day, segments=("a", "b"), outcome="awarded",
                                    standstill_exemption="no_electronic_publication"))
    machine.today += DAY
    machine.model.advance(machine.today)
    machine.record(ai.TenderStart(on=day + DAY, segments=("c",)))
    machine.record(ai.Contract(on=day + DAY, segments=("a", "b"), initial_end=day + DAY, max_end=day + DAY))
    machine.phase_and_states_agree()
    assert machine.proc is not None
    assert [machine.proc.phase_on(day), machine.proc.phase_on(day + DAY)] == [ai.Phase.IMPLEMENTATIE] * 2
