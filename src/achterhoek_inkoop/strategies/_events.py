"""One strategy per event type, :func:`events`, and the event kinds of the lifecycle's declaration.

A *kind* is an event type with the field values that decide where it leads
(``("award_decision", {"outcome": "awarded"})``): an entry of
:data:`~achterhoek_inkoop.lifecycle.LIFECYCLE`'s ``events``. The walk and
:func:`~achterhoek_inkoop.strategies.out_of_order_events` draw kinds in the
order :data:`KINDS` gives them, which derives from the declaration too.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal, get_args

from hypothesis import strategies as st
from hypothesis.strategies import SearchStrategy

from achterhoek_inkoop.calendar import ALCATEL_DAYS
from achterhoek_inkoop.lifecycle import LIFECYCLE, EventTrigger, Phase, SegmentState, Trigger
from achterhoek_inkoop.record import (
    EVENT_MODELS,
    Announcement,
    Appeal,
    AwardDecision,
    AwardWithdrawal,
    Cancellation,
    ClientTransfer,
    Contract,
    ContractExtension,
    DialogueActivity,
    DialogueKind,
    Event,
    FinalAward,
    FollowUp,
    FollowUpResult,
    KortGeding,
    KortGedingRuling,
    NotaVanInlichtingen,
    Objection,
    Overgangsregeling,
    Registration,
    StandstillExemption,
    TenderStart,
)

from ._values import (
    DOMAINS,
    LAST_END,
    check_choice,
    check_ids,
    check_int,
    check_strategy,
    contract_limit,
    dates,
    plus,
    some_of,
)

__all__ = [
    "announcements",
    "appeals",
    "award_decisions",
    "award_withdrawals",
    "cancellations",
    "client_transfers",
    "contract_extensions",
    "contracts",
    "dialogue_activities",
    "events",
    "final_awards",
    "follow_up_results",
    "kort_geding_rulings",
    "kort_gedingen",
    "notas_van_inlichtingen",
    "objections",
    "overgangsregelingen",
    "registrations",
    "tender_starts",
]

DIALOGUE_KINDS: tuple[DialogueKind, ...] = get_args(DialogueKind)
#: No follow-up first: a decision that is not awarded shrinks to the one with the fewest fields.
FOLLOW_UPS: tuple[FollowUp | None, ...] = (None, *get_args(FollowUp))
#: The grounds of Aw 2012 art. 2.127 lid 4 on which an award needs no standstill.
EXEMPTIONS: tuple[StandstillExemption, ...] = get_args(StandstillExemption)
#: Longer standstills than the law's that tender documents set, in days beyond it.
LONGER_STANDSTILLS = (5, 10, 25)
ORGANISATIONS = ("Aanbieder A", "Branchevereniging B", "Zorgcooperatie C")
TITLES = ("Uitnodiging", "Selectieresultaat", "Nieuwsbericht")
#: Small pools of plaintiffs and case numbers, so that a ruling sometimes names a kort geding drawn too.
PLAINTIFFS = ("Aanbieder A", "Aanbieder B")
CASES = ("C/05/412001 / KG ZA 22-101", "C/05/412002 / KG ZA 22-102")
ECLIS = ("ECLI:NL:RBGEL:2022:1001", "ECLI:NL:GHARL:2022:2002")
REASONS = ("Na bezwaar van een inschrijver", "Een rekenfout in de beoordeling", "Onvoldoende budget")
_AWARD_OUTCOMES = ("awarded", "not_awarded")
_RULINGS = ("rejected", "upheld")
Ids = tuple[str, ...]


# -- the kinds of event the lifecycle declares ------------------------------------------

def _events_to_contracts() -> dict[SegmentState, int]:
    """For every state from which a segment can still reach contracts, the fewest events that bring
    it to the end of a course in contracts (a terminal state that holds a final award).

    A transition an event fires counts one, one the passing of a period fires
    (a delayed trigger) none; a transition that gives a warning is not taken.
    A state from which no contract can follow (a cancelled tender) is left out.
    """
    fewest = {state: 0 for state in SegmentState if state.spec.terminal and state.spec.award_final}
    changed = True
    while changed:
        changed = False
        for t in LIFECYCLE.transitions:
            if t.dest is None or t.warning is not None or t.dest not in fewest:
                continue
            cost = fewest[t.dest] + (0 if LIFECYCLE.triggers[t.trigger].delayed else 1)
            for source in t.sources:
                if cost < fewest.get(source, cost + 1):
                    fewest[source] = cost
                    changed = True
    return fewest


_TO_END = _events_to_contracts()
#: Farther than any state from which contracts can follow.
_NEVER = len(SegmentState)
_PHASE_RANK = {phase: rank for rank, phase in enumerate(Phase)}
#: The triggers that keep a segment in its state wherever they are declared, and that no terminal
#: state takes: they move a segment on in time (an extension of its contracts does). A trigger
#: that keeps it where it is but a finished course takes too (an appeal) moves nothing.
_IN_TIME = frozenset(
    trigger for trigger in Trigger
    if all(t.dest is None and not any(s.spec.terminal for s in t.sources)
           for t in LIFECYCLE.transitions if t.trigger == trigger))
#: The triggers that can move a segment to another state, or on in time.
_MOVING = _IN_TIME | {t.trigger for t in LIFECYCLE.transitions if t.dest is not None}


def reaches_contracts(state: SegmentState) -> bool:
    """Whether contracts can still follow for a segment in ``state`` (not after a cancellation)."""
    return state in _TO_END


def onward(now: SegmentState, then: SegmentState) -> bool:
    """Whether going from ``now`` to ``then`` brings a segment on towards contracts: into a later
    phase, or nearer the end of a course in contracts within its phase (never into a state from
    which no contract can follow)."""
    if then not in _TO_END:
        return False
    ahead = _PHASE_RANK[then.spec.phase] - _PHASE_RANK[now.spec.phase]
    return ahead > 0 or (ahead == 0 and _TO_END[then] < _TO_END.get(now, _NEVER))


def _distance(trigger: Trigger) -> int:
    """How far from the end of a course in contracts ``trigger`` leaves a segment: the fewest events
    from the nearest state its transitions lead to (for a trigger that moves a segment on in time,
    the state it stays in)."""
    moves = [t for t in LIFECYCLE.transitions if t.trigger == trigger and t.warning is None]
    dests = [t.dest for t in moves if t.dest is not None] or [s for t in moves for s in t.sources]
    return min(_TO_END.get(state, _NEVER) for state in dests)


@dataclass(frozen=True, slots=True)
class Kind:
    """An event type and the field values that decide where it leads (an entry of the declaration)."""

    type: str
    fields: Mapping[str, object]
    trigger: Trigger | None
    about_segments: bool

    @property
    def key(self) -> KindKey:
        """What tells this kind apart: its type and deciding values."""
        return key_of(self.type, self.fields)

    @property
    def moving(self) -> bool:
        """Whether the kind can move a segment on: to another state, or on in time."""
        return self.trigger in _MOVING

    @property
    def in_time(self) -> bool:
        """Whether the kind's trigger keeps a segment in its state wherever it is declared, and
        moves it on in time (as an extension of its contracts does)."""
        return self.trigger in _IN_TIME


#: An event type and its deciding values, as something to compare and look up.
KindKey = tuple[str, tuple[tuple[str, object], ...]]


def key_of(event_type: str, fields: Mapping[str, object]) -> KindKey:
    """The key of the kind of ``event_type`` with the deciding values ``fields``."""
    return event_type, tuple(sorted(fields.items()))


def kind_of(event: Event) -> Kind:
    """The kind of ``event``: the first entry of the declaration that matches it."""
    return _kind(next(e for e in LIFECYCLE.entries(event.type) if e.matches(event)))


def _kind(entry: EventTrigger) -> Kind:
    return Kind(entry.event_type, dict(entry.when), entry.trigger,
                "segments" in EVENT_MODELS[entry.event_type].model_fields)


def _ranked(entries: Sequence[EventTrigger]) -> tuple[Kind, ...]:
    """The kinds that move a segment, those that leave it nearest the end of a course in contracts
    first, then those that change no state (or fire a trigger that moves nothing); each group in
    the declaration's order otherwise."""
    kinds = [_kind(e) for e in entries]
    moving = sorted(((_distance(k.trigger), i, k) for i, k in enumerate(kinds)
                     if k.trigger is not None and k.moving), key=lambda ranked: ranked[:2])
    return (*(k for *_, k in moving), *(k for k in kinds if not k.moving))


#: Every kind of event the declaration maps, the moving ones first, those that leave a segment
#: nearest the end of a course in contracts first (a cancellation, after which none can follow,
#: last of them): a walk that draws the first kind it may takes the shortest way on, and so does
#: a shrunk one.
KINDS: tuple[Kind, ...] = _ranked(LIFECYCLE.events)


# -- one strategy per event type -------------------------------------------------
# (A composite strategy is defined at module level: hypothesis reads the source of a composite
# function each time one is defined, which inside a strategy costs that on every call.)

def _event_args(on: SearchStrategy[dt.date] | None, segments: Sequence[str] | None
                ) -> tuple[SearchStrategy[dt.date], SearchStrategy[tuple[str, ...] | None]]:
    day = dates() if on is None else check_strategy("on", on)
    return day, some_of(check_ids("segments", segments))


def dialogue_activities(*, on: SearchStrategy[dt.date] | None = None,
                        segments: Sequence[str] | None = None) -> SearchStrategy[DialogueActivity]:
    """Gesprekstafels, kennissessies and Bestuurlijk Overleg meetings.

    ``on`` is a strategy of dates (default :func:`dates`); the event concerns all
    segments (``None``) or some of ``segments``. This and every other event
    strategy shrinks to the event with the fewest fields set.

    >>> from datetime import date
    >>> from hypothesis import find, settings
    >>> once = settings(database=None)    # find's examples are not saved between runs
    >>> find(dialogue_activities(on=dates(min_value=date(2021, 2, 10))), lambda e: True, settings=once)
    DialogueActivity(on=datetime.date(2021, 2, 10), source=None, note=None, segments=None, \
type='dialogue_activity', kind='gesprekstafel', title=None, start_time=None, end_time=None)
    """
    day, concerned = _event_args(on, segments)
    return st.builds(DialogueActivity, on=day, segments=concerned, kind=st.sampled_from(DIALOGUE_KINDS))


def registrations(*, on: SearchStrategy[dt.date] | None = None,
                  max_delegation_size: int = 10) -> SearchStrategy[Registration]:
    """Registrations of provider delegations for a Bestuurlijk Overleg (every domain represented)."""
    day, _ = _event_args(on, None)
    check_int("max_delegation_size", max_delegation_size, 1)
    return st.builds(Registration, on=day, organisation=st.sampled_from(ORGANISATIONS),
                     delegation_size=st.integers(1, max_delegation_size), domains=st.just(DOMAINS))


def tender_starts(*, on: SearchStrategy[dt.date] | None = None,
                  segments: Sequence[str] | None = None) -> SearchStrategy[TenderStart]:
    """Starts of the tender (aanbesteding) for all segments or some of ``segments``."""
    day, concerned = _event_args(on, segments)
    return st.builds(TenderStart, on=day, segments=concerned)


def notas_van_inlichtingen(*, on: SearchStrategy[dt.date] | None = None,
                           segments: Sequence[str] | None = None
                           ) -> SearchStrategy[NotaVanInlichtingen]:
    """Notas van Inlichtingen: written answers to tenderers' questions."""
    day, concerned = _event_args(on, segments)
    return st.builds(NotaVanInlichtingen, on=day, segments=concerned,
                     number=st.one_of(st.none(), st.integers(1, 20)))


def award_decisions(*, on: SearchStrategy[dt.date] | None = None,
                    segments: Sequence[str] | None = None,
                    outcome: Literal["awarded", "not_awarded"] | None = None
                    ) -> SearchStrategy[AwardDecision]:
    """Award decisions (gunningsbeslissingen); ``outcome`` fixes the outcome, else both occur.

    A decision that awards sometimes sets a longer standstill than the law's
    (``standstill_days``, at least 20) or names a ground on which it needs none
    (``standstill_exemption``, Aw 2012 art. 2.127 lid 4); one that is not
    awarded names a follow-up, or none.

    >>> from datetime import date
    >>> from hypothesis import find, settings
    >>> from achterhoek_inkoop.strategies import award_decision_dates
    >>> once = settings(database=None)    # find's examples are not saved between runs
    >>> e = find(award_decisions(on=award_decision_dates(min_value=date(2022, 3, 12)), segments=["a"],
    ...                          outcome="not_awarded"), lambda e: e.follow_up is not None, settings=once)
    >>> e.on, e.segments, e.outcome, e.follow_up
    (datetime.date(2022, 3, 14), None, 'not_awarded', 'verkort_proces')
    >>> e = find(award_decisions(outcome="awarded"), lambda e: e.standstill_days is not None, settings=once)
    >>> e.outcome, e.standstill_days, e.standstill_exemption
    ('awarded', 20, None)
    """
    day, concerned = _event_args(on, segments)
    check_choice("outcome", outcome, _AWARD_OUTCOMES)
    standstills: SearchStrategy[dict[str, Any]] = st.one_of(
        st.builds(dict),
        st.builds(dict, standstill_days=st.integers(ALCATEL_DAYS, ALCATEL_DAYS + 40)),
        st.builds(dict, standstill_exemption=st.sampled_from(EXEMPTIONS)))
    awarded = st.builds(lambda on, segments, standstill: AwardDecision(
        on=on, segments=segments, outcome="awarded", **standstill), day, concerned, standstills)
    not_awarded = st.builds(AwardDecision, on=day, segments=concerned, outcome=st.just("not_awarded"),
                            follow_up=st.sampled_from(FOLLOW_UPS))
    if outcome == "awarded":
        return awarded
    if outcome == "not_awarded":
        return not_awarded
    return st.one_of(awarded, not_awarded)


def _reasons() -> SearchStrategy[str | None]:
    return st.one_of(st.none(), st.sampled_from(REASONS))


def award_withdrawals(*, on: SearchStrategy[dt.date] | None = None,
                      segments: Sequence[str] | None = None) -> SearchStrategy[AwardWithdrawal]:
    """Withdrawals (intrekkingen) of the award decision: the bids are assessed again."""
    day, concerned = _event_args(on, segments)
    return st.builds(AwardWithdrawal, on=day, segments=concerned, reason=_reasons())


def cancellations(*, on: SearchStrategy[dt.date] | None = None,
                  segments: Sequence[str] | None = None) -> SearchStrategy[Cancellation]:
    """Cancellations (intrekking or staking) of the tender for all segments or some of them."""
    day, concerned = _event_args(on, segments)
    return st.builds(Cancellation, on=day, segments=concerned, reason=_reasons())


def objections(*, on: SearchStrategy[dt.date] | None = None,
               segments: Sequence[str] | None = None) -> SearchStrategy[Objection]:
    """Objections (bezwaren) of tenderers against an award decision."""
    day, concerned = _event_args(on, segments)
    return st.builds(Objection, on=day, segments=concerned)


def _maybe(pool: Sequence[str]) -> SearchStrategy[str | None]:
    return st.one_of(st.none(), st.sampled_from(pool))


def kort_gedingen(*, on: SearchStrategy[dt.date] | None = None,
                  segments: Sequence[str] | None = None) -> SearchStrategy[KortGeding]:
    """Summary proceedings (kort gedingen) about an award, by a plaintiff (``by``) and with a case
    number (``case``) from small pools, or without."""
    day, concerned = _event_args(on, segments)
    return st.builds(KortGeding, on=day, segments=concerned, by=_maybe(PLAINTIFFS), case=_maybe(CASES))


def kort_geding_rulings(*, on: SearchStrategy[dt.date] | None = None,
                        segments: Sequence[str] | None = None,
                        outcome: Literal["rejected", "upheld"] | None = None
                        ) -> SearchStrategy[KortGedingRuling]:
    """Rulings in kort geding; ``outcome`` fixes the outcome, else both occur.

    ``by`` and ``case`` come from the same small pools as those of
    :func:`kort_gedingen`, so a ruling sometimes names a kort geding drawn
    there (and sometimes one that is not in a record: a warning).

    >>> from datetime import date
    >>> from hypothesis import find, settings
    >>> once = settings(database=None)    # find's examples are not saved between runs
    >>> find(kort_geding_rulings(on=dates(min_value=date(2025, 7, 14))), lambda e: e.by is not None,
    ...      settings=once)     # doctest: +NORMALIZE_WHITESPACE
    KortGedingRuling(on=datetime.date(2025, 7, 14), source=None, note=None, segments=None,
    type='kort_geding_ruling', outcome='rejected', by='Aanbieder A', case=None, ecli=None)
    """
    day, concerned = _event_args(on, segments)
    check_choice("outcome", outcome, _RULINGS)
    outcomes = st.sampled_from(_RULINGS) if outcome is None else st.just(outcome)
    return st.builds(KortGedingRuling, on=day, segments=concerned, outcome=outcomes, by=_maybe(PLAINTIFFS),
                     case=_maybe(CASES), ecli=_maybe(ECLIS))


def appeals(*, on: SearchStrategy[dt.date] | None = None,
            segments: Sequence[str] | None = None) -> SearchStrategy[Appeal]:
    """Appeals (hoger beroep) against a ruling in kort geding, by and about a kort geding from the
    pools of :func:`kort_gedingen`."""
    day, concerned = _event_args(on, segments)
    return st.builds(Appeal, on=day, segments=concerned, by=_maybe(PLAINTIFFS), case=_maybe(CASES),
                     ecli=_maybe(ECLIS))


def final_awards(*, on: SearchStrategy[dt.date] | None = None,
                 segments: Sequence[str] | None = None) -> SearchStrategy[FinalAward]:
    """Final awards (definitieve gunningen)."""
    day, concerned = _event_args(on, segments)
    return st.builds(FinalAward, on=day, segments=concerned)


def follow_up_results(*, on: SearchStrategy[dt.date] | None = None,
                      segments: Sequence[str] | None = None,
                      outcome: Literal["awarded", "not_awarded"] | None = None
                      ) -> SearchStrategy[FollowUpResult]:
    """Results of follow-up procedures (a verkort proces, a heraanbesteding) run outside the record."""
    day, concerned = _event_args(on, segments)
    check_choice("outcome", outcome, _AWARD_OUTCOMES)
    outcomes = st.sampled_from(_AWARD_OUTCOMES) if outcome is None else st.just(outcome)
    return st.builds(FollowUpResult, on=day, segments=concerned, outcome=outcomes)


def contracts(*, on: SearchStrategy[dt.date] | None = None, segments: Sequence[str] | None = None,
              municipalities: Sequence[str] | None = None, max_years: int | None = 7
              ) -> SearchStrategy[Contract]:
    """Contracts in force from ``on``, with ``on <= initial_end <= max_end`` and at most ``max_years``.

    ``municipalities`` (if given) are drawn into the contract's ``municipalities``.

    >>> from datetime import date
    >>> from hypothesis import find, settings
    >>> once = settings(database=None)    # find's examples are not saved between runs
    >>> c = find(contracts(on=dates(min_value=date(2022, 7, 1))), lambda c: True, settings=once)
    >>> c.on, c.initial_end, c.max_end
    (datetime.date(2022, 7, 1), datetime.date(2022, 7, 1), datetime.date(2022, 7, 1))
    """
    day, concerned = _event_args(on, segments)
    chosen = some_of(check_ids("municipalities", municipalities))
    if max_years is not None:
        check_int("max_years", max_years, 1)
    return _contracts(day, concerned, chosen, max_years)


@st.composite
def _contracts(draw: st.DrawFn, day: SearchStrategy[dt.date], concerned: SearchStrategy[Ids | None],
               chosen: SearchStrategy[Ids | None], max_years: int | None) -> Contract:
    start = min(draw(day), LAST_END)
    limit = contract_limit(start, max_years)
    initial_end = plus(start, draw(st.integers(0, 4 * 366)), limit)
    max_end = plus(initial_end, draw(st.integers(0, 4 * 366)), limit)
    return Contract(on=start, initial_end=initial_end, max_end=max_end,
                    segments=draw(concerned), municipalities=draw(chosen))


def contract_extensions(*, on: SearchStrategy[dt.date] | None = None,
                        segments: Sequence[str] | None = None) -> SearchStrategy[ContractExtension]:
    """Decisions on extending contracts: to a date up to 4 years after ``on``, or not at all."""
    day, concerned = _event_args(on, segments)
    return _contract_extensions(day, concerned)


@st.composite
def _contract_extensions(draw: st.DrawFn, day: SearchStrategy[dt.date],
                         concerned: SearchStrategy[Ids | None]) -> ContractExtension:
    decided = draw(day)
    days = draw(st.one_of(st.none(), st.integers(0, 4 * 366)))
    to = None if days is None else plus(decided, days)
    return ContractExtension(on=decided, segments=draw(concerned), extended_to=to)


def overgangsregelingen(*, on: SearchStrategy[dt.date] | None = None
                        ) -> SearchStrategy[Overgangsregeling]:
    """Transitional arrangements (overgangsregelingen), decided on ``on``, with ``start <= end``."""
    day, _ = _event_args(on, None)
    return _overgangsregelingen(day)


@st.composite
def _overgangsregelingen(draw: st.DrawFn, day: SearchStrategy[dt.date]) -> Overgangsregeling:
    decided = draw(day)
    start = plus(decided, draw(st.integers(0, 366)))
    return Overgangsregeling(on=decided, start=start, end=plus(start, draw(st.integers(0, 366))))


def client_transfers(*, on: SearchStrategy[dt.date] | None = None, segments: Sequence[str] | None = None,
                     municipalities: Sequence[str] | None = None) -> SearchStrategy[ClientTransfer]:
    """Transfers of clients to a new provider under the overgangsregeling."""
    day, concerned = _event_args(on, segments)
    chosen = some_of(check_ids("municipalities", municipalities))
    return st.builds(ClientTransfer, on=day, segments=concerned, municipalities=chosen,
                     clients=st.one_of(st.none(), st.integers(0, 500)), completed=st.booleans())


def announcements(*, on: SearchStrategy[dt.date] | None = None,
                  segments: Sequence[str] | None = None) -> SearchStrategy[Announcement]:
    """Publications that change no state (an invitation, a selection result)."""
    day, concerned = _event_args(on, segments)
    return st.builds(Announcement, on=day, segments=concerned, title=st.sampled_from(TITLES))


def events(*, on: SearchStrategy[dt.date] | None = None, segments: Sequence[str] | None = None
           ) -> SearchStrategy[Event]:
    """Any one event, of any type, each type from its own strategy above.

    These events are well-formed, not necessarily valid for a procedure: for
    that, use :func:`~achterhoek_inkoop.strategies.event_sequences`.
    """
    day, _ = _event_args(on, segments)
    choices: list[SearchStrategy[Any]] = [
        tender_starts(on=day, segments=segments), award_decisions(on=day, segments=segments),
        award_withdrawals(on=day, segments=segments), cancellations(on=day, segments=segments),
        kort_gedingen(on=day, segments=segments), kort_geding_rulings(on=day, segments=segments),
        appeals(on=day, segments=segments),
        final_awards(on=day, segments=segments), follow_up_results(on=day, segments=segments),
        contracts(on=day, segments=segments), contract_extensions(on=day, segments=segments),
        dialogue_activities(on=day, segments=segments), notas_van_inlichtingen(on=day, segments=segments),
        objections(on=day, segments=segments), registrations(on=day), overgangsregelingen(on=day),
        client_transfers(on=day, segments=segments), announcements(on=day, segments=segments),
    ]
    return st.one_of(choices)
