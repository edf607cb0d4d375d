"""Hypothesis strategies for tools that use ``achterhoek_inkoop``: dates, segments,
events and whole procedures, valid and deliberately invalid.

A municipal tool that builds on this library can check its own use of it in
property tests, the way hypothesis ships strategies for numpy and pandas. This
module imports ``hypothesis`` (the ``test`` extra) and is never imported by
``achterhoek_inkoop`` itself::

    from hypothesis import given
    import achterhoek_inkoop as ai
    from achterhoek_inkoop import strategies as ais

    @given(ais.procedures(), ais.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31)))
    def test_my_planner_agrees_with_the_library(proc, day):
        assert my_planner.may_hold_gesprekstafel(proc, day) == proc.dialogue_allowed(day)

Every strategy shrinks towards small, early, readable values: one segment
called ``"a"``, events on the first allowed day, no optional fields.

- values: :func:`dates`, :func:`award_decision_dates`, :func:`segment_ids`,
  :func:`municipality_ids`, :func:`segments`, :func:`municipalities`;
- one strategy per event type (:func:`tender_starts`, :func:`award_decisions`,
  ...), each drawing the segments it concerns from the ids it is given;
- whole valid procedures (:func:`procedure_data`, :func:`procedures`) and the
  events a given procedure accepts (:func:`event_sequences`);
- invalid input: :func:`malformed_dates`, :func:`unknown_ids`,
  :func:`out_of_order_events`.

An impossible argument raises :class:`~achterhoek_inkoop.InvalidInputError`
naming it, when the strategy is built, not when it is drawn from.
"""

from __future__ import annotations

import calendar as _calendar_module
import datetime as dt
from collections.abc import Collection, Sequence
from typing import Any, Literal

from dateutil.relativedelta import relativedelta
from hypothesis import strategies as st
from hypothesis.strategies import SearchStrategy

from .._exceptions import InvalidInputError
from .._validate import FIRST_YEAR
from ..calendar._holidays import is_holiday
from ..calendar._standstill import ALCATEL_DAYS, StandstillPeriod, standstill_period
from ..lifecycle import LIFECYCLE, SegmentState
from ..lifecycle._timeline import segments_of
from ..procedure._procedure import Procedure
from ..record._events import (
    Announcement,
    AwardDecision,
    ClientTransfer,
    Contract,
    ContractExtension,
    DialogueActivity,
    Domain,
    Event,
    FinalAward,
    FollowUpResult,
    KortGeding,
    KortGedingRuling,
    NotaVanInlichtingen,
    Objection,
    Overgangsregeling,
    Registration,
    TenderStart,
)
from ..record._model import BestuurlijkOverlegSettings, Municipality, Plan, ProcedureData, Segment

NO_DIALOGUE_STATES = LIFECYCLE.where(closed_to_dialogue=True)

__all__ = [
    "announcements",
    "award_decision_dates",
    "award_decisions",
    "client_transfers",
    "contract_extensions",
    "contracts",
    "dates",
    "dialogue_activities",
    "event_sequences",
    "events",
    "final_awards",
    "follow_up_results",
    "kort_geding_rulings",
    "kort_gedingen",
    "malformed_dates",
    "municipalities",
    "municipality_ids",
    "notas_van_inlichtingen",
    "objections",
    "out_of_order_events",
    "overgangsregelingen",
    "procedure_data",
    "procedures",
    "registrations",
    "segment_ids",
    "segments",
    "tender_starts",
    "unknown_ids",
]

_DAY = dt.timedelta(days=1)
#: The statutory calendar's range: the library answers for these dates.
_EARLIEST = dt.date(FIRST_YEAR, 1, 1)
_LATEST = dt.date.max
#: Procedures need room after their last event for standstills and contracts.
_LAST_PROCEDURE_DAY = dt.date(9899, 12, 31)
#: The last day an award decision leaves room for its standstill.
_LAST_AWARD_DAY = dt.date(9999, 11, 30)
#: Contract ends stay a day short of the last date, whose next day does not exist.
_LAST_END = _LATEST - _DAY
#: The default window of generated procedures.
_PROCEDURE_START = dt.date(2000, 1, 1)
_PROCEDURE_END = dt.date(2099, 12, 31)

_DOMAINS: tuple[Domain, ...] = ("jeugdhulp", "wmo", "beschermd_wonen")
_KINDS = ("gesprekstafel", "kennissessie", "bestuurlijk_overleg")
_AWARD_OUTCOMES: tuple[Literal["awarded"], Literal["not_awarded"]] = ("awarded", "not_awarded")
_RULINGS: tuple[Literal["rejected"], Literal["upheld"]] = ("rejected", "upheld")
_FOLLOW_UPS = (None, "verkort_proces", "nader_onderzoek", "heraanbesteding")
_ACHTERHOEK = ("aalten", "berkelland", "bronckhorst", "doetinchem", "montferland", "oost-gelre",
               "oude-ijsselstreek", "winterswijk")
_ORGANISATIONS = ("Aanbieder A", "Branchevereniging B", "Zorgcooperatie C")
_TITLES = ("Uitnodiging", "Selectieresultaat", "Nieuwsbericht")
#: Letters before digits, so that ids shrink to "a" (text would shrink to "0").
_SLUG_PART = st.lists(st.sampled_from("abcdefghijklmnopqrstuvwxyz0123456789"), min_size=1, max_size=8
                      ).map("".join)
#: Days between consecutive generated events: mostly few, sometimes a standstill, rarely years.
_GAPS = st.one_of(st.integers(0, 3), st.integers(0, 45), st.integers(0, 800))

S = SegmentState
_TENDER_FROM = frozenset({S.DIALOOG, S.NIET_GEGUND, S.HERAANBESTEDING})
_AWARD_FROM = frozenset({S.AANBESTEDING, S.HERBEOORDELING, S.HERAANBESTEDING})
_KORT_GEDING_FROM = frozenset({S.VOORLOPIG_GEGUND, S.STANDSTILL})
_FOLLOW_UP_FROM = frozenset({S.NIET_GEGUND, S.HERAANBESTEDING})
_FINAL = frozenset({S.DEFINITIEF_GEGUND, S.IN_UITVOERING, S.BEEINDIGD})
_MOVING = frozenset({"tender_start", "award_decision", "kort_geding", "ruling", "final_award", "follow_up",
                     "contract", "extension"})
#: In the order they shrink to: the kinds that need no further draw first.
_OUT_OF_ORDER_KINDS = ("final_award", "tender_start", "kort_geding", "follow_up", "award_decision", "ruling",
                       "contract", "extension")


# -- argument checks ------------------------------------------------------------

def _check_date(name: str, value: object, lowest: dt.date = _EARLIEST,
                highest: dt.date = _LATEST) -> dt.date:
    if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
        raise InvalidInputError(name, value, "is not a datetime.date")
    if not lowest <= value <= highest:
        raise InvalidInputError(name, value, f"is outside {lowest.isoformat()} to {highest.isoformat()}")
    return value


def _check_bounds(min_value: object, max_value: object, lowest: dt.date = _EARLIEST,
                  highest: dt.date = _LATEST) -> tuple[dt.date, dt.date]:
    low = _check_date("min_value", min_value, lowest, highest)
    high = _check_date("max_value", max_value, lowest, highest)
    if low > high:
        raise InvalidInputError("max_value", high, f"is before min_value {low.isoformat()}")
    return low, high


def _check_sizes(min_size: object, max_size: object, *, names: tuple[str, str] = ("min_size", "max_size"),
                 least: int = 0) -> tuple[int, int]:
    min_size = _check_int(names[0], min_size, least)
    max_size = _check_int(names[1], max_size, least)
    if min_size > max_size:
        raise InvalidInputError(names[1], max_size, f"is less than {names[0]} {min_size}")
    return min_size, max_size


def _check_strategy(name: str, value: object) -> SearchStrategy[Any]:
    if not isinstance(value, SearchStrategy):
        raise InvalidInputError(name, value, "is not a hypothesis strategy (give e.g. dates(...), "
                                "not a value)")
    return value


def _check_ids(name: str, value: object, *, allow_none: bool = True) -> tuple[str, ...] | None:
    if value is None and allow_none:
        return None
    if isinstance(value, str) or not isinstance(value, Collection):
        raise InvalidInputError(name, value, "must be a list of ids, not one id or another value")
    ids = tuple(value)
    if not ids:
        raise InvalidInputError(name, value, "is empty; give at least one id")
    if not all(isinstance(i, str) and i for i in ids):
        raise InvalidInputError(name, value, "must hold non-empty strings only")
    if len(set(ids)) != len(ids):
        raise InvalidInputError(name, value, "names an id more than once")
    return ids


def _check_int(name: str, value: object, least: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < least:
        raise InvalidInputError(name, value, f"must be a whole number of at least {least}")
    return value


def _check_choice(name: str, value: object, allowed: Sequence[object]) -> None:
    if value is not None and value not in allowed:
        raise InvalidInputError(name, value, f"must be one of {', '.join(map(repr, allowed))} or None")


def _check_procedure(value: object) -> Procedure:
    if not isinstance(value, Procedure):
        raise InvalidInputError("procedure", value, "is not an achterhoek_inkoop.Procedure")
    return value


# -- values ------------------------------------------------------------------------

def dates(*, min_value: dt.date = _EARLIEST, max_value: dt.date = _LATEST) -> SearchStrategy[dt.date]:
    """Dates from ``min_value`` to ``max_value`` (default: the years the statutory calendar covers).

    Shrinks towards 2000-01-01, or the bound nearest to it.

    >>> from datetime import date
    >>> from hypothesis import find, settings
    >>> once = settings(database=None)    # find's examples are not saved between runs
    >>> find(dates(min_value=date(2022, 3, 1), max_value=date(2022, 3, 31)), lambda d: True, settings=once)
    datetime.date(2022, 3, 1)
    """
    low, high = _check_bounds(min_value, max_value)
    return st.dates(min_value=low, max_value=high)


def _working_day(day: dt.date, low: dt.date, high: dt.date) -> dt.date | None:
    """The first working day from ``day`` on, else the last before it, within [low, high]."""
    for step, limit in ((_DAY, high), (-_DAY, low)):
        probe = day
        while low <= probe <= high:
            if probe.weekday() < 5 and not is_holiday(probe):
                return probe
            if probe == limit:
                break
            probe += step
    return None


def award_decision_dates(*, min_value: dt.date = _EARLIEST,
                         max_value: dt.date = _LAST_AWARD_DAY) -> SearchStrategy[dt.date]:
    """Working days (no weekend, no Atw holiday) on which an award decision may be sent.

    The default range ends where a standstill still fits before the last date
    Python can hold. Raises :class:`InvalidInputError` if the range holds no
    working day.

    >>> from datetime import date
    >>> from hypothesis import find, settings
    >>> once = settings(database=None)    # find's examples are not saved between runs
    >>> find(award_decision_dates(min_value=date(2022, 4, 15)), lambda d: True, settings=once)
    datetime.date(2022, 4, 19)

    (Goede Vrijdag, the weekend and Tweede Paasdag come first.)
    """
    low, high = _check_bounds(min_value, max_value, highest=_LAST_AWARD_DAY)
    if _working_day(low, low, min(high, low + 30 * _DAY)) is None:
        raise InvalidInputError("max_value", high, f"leaves no working day after min_value {low.isoformat()}")
    offsets = st.integers(0, (high - low).days)
    return offsets.map(lambda n: _working_day(low + n * _DAY, low, high) or low)


_SLUGS = st.lists(_SLUG_PART, min_size=1, max_size=3).map("-".join)


def _slugs() -> SearchStrategy[str]:
    return _SLUGS


def segment_ids() -> SearchStrategy[str]:
    """Valid segment (perceel) ids: lowercase slugs such as ``"a"`` or ``"wmo-wonen"``.

    >>> from hypothesis import find, settings
    >>> once = settings(database=None)    # find's examples are not saved between runs
    >>> find(segment_ids(), lambda s: True, settings=once)
    'a'
    """
    return _slugs()


def municipality_ids() -> SearchStrategy[str]:
    """Valid municipality ids: the eight Achterhoek municipalities, or any slug.

    >>> from hypothesis import find, settings
    >>> once = settings(database=None)    # find's examples are not saved between runs
    >>> find(municipality_ids(), lambda m: True, settings=once)
    'aalten'
    """
    return st.one_of(st.sampled_from(_ACHTERHOEK), _slugs())


def segments(*, ids: SearchStrategy[str] | None = None) -> SearchStrategy[Segment]:
    """Segments with an id drawn from ``ids`` (default :func:`segment_ids`) and 1-3 domains.

    >>> from hypothesis import find, settings
    >>> once = settings(database=None)    # find's examples are not saved between runs
    >>> find(segments(), lambda s: True, settings=once)
    Segment(id='a', name='Perceel a', domains=('jeugdhulp',), source=None)
    """
    id_strategy = segment_ids() if ids is None else _check_strategy("ids", ids)
    return st.builds(
        lambda sid, domains: Segment(id=sid, name=f"Perceel {sid}", domains=tuple(domains)),
        id_strategy, st.lists(st.sampled_from(_DOMAINS), min_size=1, max_size=3, unique=True))


def _subset(draw: st.DrawFn, eligible: tuple[str, ...]) -> tuple[str, ...]:
    """A non-empty part of ``eligible`` in its order, by one cheap flag per id; shrinks to the first id."""
    chosen = tuple(s for s in eligible if draw(st.booleans()))
    return chosen or eligible[:1]


def _sub_tuple(ids: tuple[str, ...], *, min_size: int = 1) -> SearchStrategy[tuple[str, ...]]:
    """Non-empty sub-tuples of ``ids``, in the order of ``ids``."""
    order = {v: i for i, v in enumerate(ids)}
    return st.lists(st.sampled_from(ids), min_size=min_size, max_size=len(ids), unique=True).map(
        lambda chosen: tuple(sorted(chosen, key=order.__getitem__)))


def municipalities(*, segments: Sequence[str] | None = None,
                   ids: SearchStrategy[str] | None = None) -> SearchStrategy[Municipality]:
    """Municipalities with ids from ``ids``, joining all segments or some of ``segments``.

    Without ``segments`` a municipality joins every segment (``segments=None``).

    >>> from hypothesis import find, settings
    >>> once = settings(database=None)    # find's examples are not saved between runs
    >>> find(municipalities(segments=["a", "b"]), lambda m: m.segments is not None, settings=once)
    Municipality(id='aalten', name='Aalten', segments=('a',), source=None)
    """
    known = _check_ids("segments", segments)
    id_strategy = municipality_ids() if ids is None else _check_strategy("ids", ids)
    joined: SearchStrategy[tuple[str, ...] | None] = (
        st.none() if known is None else st.one_of(st.none(), _sub_tuple(known)))
    return st.builds(
        lambda mid, segs: Municipality(id=mid, name=mid.replace("-", " ").title(), segments=segs),
        id_strategy, joined)


# -- one strategy per event type -------------------------------------------------

def _event_args(on: SearchStrategy[dt.date] | None, segments: Sequence[str] | None
                ) -> tuple[SearchStrategy[dt.date], SearchStrategy[tuple[str, ...] | None]]:
    day = dates() if on is None else _check_strategy("on", on)
    known = _check_ids("segments", segments)
    concerned: SearchStrategy[tuple[str, ...] | None] = (
        st.none() if known is None else st.one_of(st.none(), _sub_tuple(known)))
    return day, concerned


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
    return st.builds(DialogueActivity, on=day, segments=concerned, kind=st.sampled_from(_KINDS))


def registrations(*, on: SearchStrategy[dt.date] | None = None,
                  max_delegation_size: int = 10) -> SearchStrategy[Registration]:
    """Registrations of provider delegations for a Bestuurlijk Overleg (every domain represented)."""
    day, _ = _event_args(on, None)
    _check_int("max_delegation_size", max_delegation_size, 1)
    return st.builds(Registration, on=day, organisation=st.sampled_from(_ORGANISATIONS),
                     delegation_size=st.integers(1, max_delegation_size), domains=st.just(_DOMAINS))


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

    A decision that is not awarded names a follow-up, or none.

    >>> from datetime import date
    >>> from hypothesis import find, settings
    >>> once = settings(database=None)    # find's examples are not saved between runs
    >>> e = find(award_decisions(on=award_decision_dates(min_value=date(2022, 3, 12)), segments=["a"],
    ...                          outcome="not_awarded"), lambda e: e.follow_up is not None, settings=once)
    >>> e.on, e.segments, e.outcome, e.follow_up
    (datetime.date(2022, 3, 14), None, 'not_awarded', 'verkort_proces')
    """
    day, concerned = _event_args(on, segments)
    _check_choice("outcome", outcome, ("awarded", "not_awarded"))
    awarded = st.builds(AwardDecision, on=day, segments=concerned, outcome=st.just("awarded"))
    not_awarded = st.builds(AwardDecision, on=day, segments=concerned, outcome=st.just("not_awarded"),
                            follow_up=st.sampled_from(_FOLLOW_UPS))
    if outcome == "awarded":
        return awarded
    if outcome == "not_awarded":
        return not_awarded
    return st.one_of(awarded, not_awarded)


def objections(*, on: SearchStrategy[dt.date] | None = None,
               segments: Sequence[str] | None = None) -> SearchStrategy[Objection]:
    """Objections (bezwaren) of tenderers against an award decision."""
    day, concerned = _event_args(on, segments)
    return st.builds(Objection, on=day, segments=concerned)


def kort_gedingen(*, on: SearchStrategy[dt.date] | None = None,
                  segments: Sequence[str] | None = None) -> SearchStrategy[KortGeding]:
    """Summary proceedings (kort gedingen) about an award."""
    day, concerned = _event_args(on, segments)
    return st.builds(KortGeding, on=day, segments=concerned)


def kort_geding_rulings(*, on: SearchStrategy[dt.date] | None = None,
                        segments: Sequence[str] | None = None,
                        outcome: Literal["rejected", "upheld"] | None = None
                        ) -> SearchStrategy[KortGedingRuling]:
    """Rulings in kort geding; ``outcome`` fixes the outcome, else both occur."""
    day, concerned = _event_args(on, segments)
    _check_choice("outcome", outcome, ("rejected", "upheld"))
    outcomes = st.sampled_from(("rejected", "upheld")) if outcome is None else st.just(outcome)
    return st.builds(KortGedingRuling, on=day, segments=concerned, outcome=outcomes)


def final_awards(*, on: SearchStrategy[dt.date] | None = None,
                 segments: Sequence[str] | None = None) -> SearchStrategy[FinalAward]:
    """Final awards (definitieve gunningen)."""
    day, concerned = _event_args(on, segments)
    return st.builds(FinalAward, on=day, segments=concerned)


def follow_up_results(*, on: SearchStrategy[dt.date] | None = None,
                      segments: Sequence[str] | None = None,
                      outcome: Literal["awarded", "not_awarded"] | None = None
                      ) -> SearchStrategy[FollowUpResult]:
    """Results of follow-up procedures (a verkort proces, a new tender) run outside the record."""
    day, concerned = _event_args(on, segments)
    _check_choice("outcome", outcome, ("awarded", "not_awarded"))
    outcomes = st.sampled_from(("awarded", "not_awarded")) if outcome is None else st.just(outcome)
    return st.builds(FollowUpResult, on=day, segments=concerned, outcome=outcomes)


def _plus(day: dt.date, days: int, limit: dt.date = _LAST_END) -> dt.date:
    return day + dt.timedelta(days=days) if (limit - day).days >= days else limit


def _contract_limit(start: dt.date, max_years: int | None) -> dt.date:
    """The last day a contract from ``start`` may run with ``max_years`` (``contractduur-maximum``)."""
    if max_years is None:
        return _LAST_END
    try:
        return min(start + relativedelta(years=max_years) - _DAY, _LAST_END)
    except (OverflowError, ValueError):
        return _LAST_END


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
    munis = _check_ids("municipalities", municipalities)
    if max_years is not None:
        _check_int("max_years", max_years, 1)
    chosen: SearchStrategy[tuple[str, ...] | None] = (
        st.none() if munis is None else st.one_of(st.none(), _sub_tuple(munis)))

    @st.composite
    def build(draw: st.DrawFn) -> Contract:
        start = min(draw(day), _LAST_END)
        limit = _contract_limit(start, max_years)
        initial_end = _plus(start, draw(st.integers(0, 4 * 366)), limit)
        max_end = _plus(initial_end, draw(st.integers(0, 4 * 366)), limit)
        return Contract(on=start, initial_end=initial_end, max_end=max_end,
                        segments=draw(concerned), municipalities=draw(chosen))

    return build()


def contract_extensions(*, on: SearchStrategy[dt.date] | None = None,
                        segments: Sequence[str] | None = None) -> SearchStrategy[ContractExtension]:
    """Decisions on extending contracts: to a date up to 4 years after ``on``, or not at all."""
    day, concerned = _event_args(on, segments)

    @st.composite
    def build(draw: st.DrawFn) -> ContractExtension:
        decided = draw(day)
        days = draw(st.one_of(st.none(), st.integers(0, 4 * 366)))
        to = None if days is None else _plus(decided, days)
        return ContractExtension(on=decided, segments=draw(concerned), extended_to=to)

    return build()


def overgangsregelingen(*, on: SearchStrategy[dt.date] | None = None
                        ) -> SearchStrategy[Overgangsregeling]:
    """Transitional arrangements (overgangsregelingen), decided on ``on``, with ``start <= end``."""
    day, _ = _event_args(on, None)

    @st.composite
    def build(draw: st.DrawFn) -> Overgangsregeling:
        decided = draw(day)
        start = _plus(decided, draw(st.integers(0, 366)))
        return Overgangsregeling(on=decided, start=start, end=_plus(start, draw(st.integers(0, 366))))

    return build()


def client_transfers(*, on: SearchStrategy[dt.date] | None = None, segments: Sequence[str] | None = None,
                     municipalities: Sequence[str] | None = None) -> SearchStrategy[ClientTransfer]:
    """Transfers of clients to a new provider under the overgangsregeling."""
    day, concerned = _event_args(on, segments)
    munis = _check_ids("municipalities", municipalities)
    chosen: SearchStrategy[tuple[str, ...] | None] = (
        st.none() if munis is None else st.one_of(st.none(), _sub_tuple(munis)))
    return st.builds(ClientTransfer, on=day, segments=concerned, municipalities=chosen,
                     clients=st.one_of(st.none(), st.integers(0, 500)), completed=st.booleans())


def announcements(*, on: SearchStrategy[dt.date] | None = None,
                  segments: Sequence[str] | None = None) -> SearchStrategy[Announcement]:
    """Publications that change no state (an invitation, a selection result)."""
    day, concerned = _event_args(on, segments)
    return st.builds(Announcement, on=day, segments=concerned, title=st.sampled_from(_TITLES))


def events(*, on: SearchStrategy[dt.date] | None = None, segments: Sequence[str] | None = None
           ) -> SearchStrategy[Event]:
    """Any one event, of any type, each type from its own strategy above.

    These events are well-formed, not necessarily valid for a procedure: for
    that, use :func:`event_sequences`.
    """
    day, _ = _event_args(on, segments)
    choices: list[SearchStrategy[Any]] = [
        tender_starts(on=day, segments=segments), award_decisions(on=day, segments=segments),
        kort_gedingen(on=day, segments=segments), kort_geding_rulings(on=day, segments=segments),
        final_awards(on=day, segments=segments), follow_up_results(on=day, segments=segments),
        contracts(on=day, segments=segments), contract_extensions(on=day, segments=segments),
        dialogue_activities(on=day, segments=segments), notas_van_inlichtingen(on=day, segments=segments),
        objections(on=day, segments=segments), registrations(on=day), overgangsregelingen(on=day),
        client_transfers(on=day, segments=segments), announcements(on=day, segments=segments),
    ]
    return st.one_of(choices)


# -- valid procedures and event sequences ------------------------------------------

@st.composite
def _one_event(draw: st.DrawFn, walk: _Walk, previous: dt.date, end: dt.date, *, optional: bool
               ) -> tuple[dt.date, Event] | None:
    """One event of a walk, or ``None`` to end it, as one draw: the shrinker can delete it whole.

    Like ``st.lists``: another event unless three flags are all False, so a walk
    shrinks by ending earlier, and by losing an event in the middle.
    """
    if optional and not (draw(st.booleans()) or draw(st.booleans()) or draw(st.booleans())):
        return None
    outer = walk.draw
    walk.draw = draw
    try:
        day = _plus(previous, draw(_GAPS), end)
        return day, walk.next_event(day)
    finally:
        walk.draw = outer


class _Walk:
    """Draws events that a procedure accepts, one date after another, by the states the procedure reports.

    Each event is chosen from the kinds the segments' states allow on its date
    (``Procedure.segment_state_on`` at the end of that day, which is what an
    event added last on that day sees), so it breaks no rule: no error, no
    warning. Draws are plain integers and booleans (cheap, and each shrinks to
    its first choice).
    """

    def __init__(self, draw: st.DrawFn, data: ProcedureData, proc: Procedure) -> None:
        self.draw = draw
        self.data = data
        self.calendar = proc.calendar
        self.events: list[Event] = list(data.events)
        self.proc = proc
        self.ids = data.segment_ids

    def run(self, start: dt.date, end: dt.date, min_size: int, max_size: int) -> list[Event]:
        new: list[Event] = []
        day = start
        while len(new) < max_size:
            drawn = self.draw(_one_event(self, day, end, optional=len(new) >= min_size))
            if drawn is None:
                break
            day, event = drawn
            new.append(event)
            self.events.append(event)
            self.proc = Procedure(self.data.model_copy(update={"events": tuple(self.events)}),
                                  calendar=self.calendar)
        return new

    def flag(self) -> bool:
        return self.draw(st.booleans())

    def pick(self, options: Sequence[Any]) -> Any:
        return options[self.draw(st.integers(0, len(options) - 1))]

    def number(self, low: int, high: int) -> int:
        return self.draw(st.integers(low, high))

    def subset(self, eligible: tuple[str, ...]) -> tuple[str, ...]:
        """A non-empty part of ``eligible``: one flag per segment of the procedure, eligible or not,
        so that the draws keep their meaning when an earlier event is shrunk away."""
        chosen = tuple(s for s in self.ids if self.flag() and s in eligible)
        return chosen or eligible[:1]

    def state(self, segment: str, day: dt.date) -> str:
        return self.proc.segment_state_on(segment, day)

    def having(self, day: dt.date, wanted: Collection[str]) -> tuple[str, ...]:
        return tuple(s for s in self.ids if self.state(s, day) in wanted)

    def concerned(self, eligible: tuple[str, ...]) -> tuple[str, ...] | None:
        chosen = self.subset(eligible)
        return None if chosen == self.ids and self.flag() else chosen

    def municipalities_for(self, segs: tuple[str, ...] | None) -> tuple[str, ...] | None:
        wanted = set(segs or self.ids)
        fitting = tuple(m.id for m in self.data.municipalities
                        if m.segments is None or wanted <= set(m.segments))
        return self.subset(fitting) if fitting and self.flag() else None

    def next_event(self, day: dt.date) -> Event:
        dialogue_today = {s for e in self.events if e.on == day and isinstance(e, DialogueActivity)
                          for s in segments_of(e, self.ids)}
        final = self.having(day, {S.DEFINITIEF_GEGUND})
        deadline = self.data.bestuurlijk_overleg.registration_deadline
        # The kinds that move a segment furthest first: a shrunk walk takes the shortest way on.
        options: list[tuple[str, tuple[str, ...]]] = [
            ("contract", final), ("extension", self.having(day, {S.IN_UITVOERING})),
            ("final_award", final), ("ruling", self.having(day, {S.KORT_GEDING})),
            ("kort_geding", self.having(day, _KORT_GEDING_FROM)),
            ("follow_up", self.having(day, _FOLLOW_UP_FROM)),
            ("award_decision", self.having(day, _AWARD_FROM)),
            # A tender start would put the day's dialogue about the segment inside the tender.
            ("tender_start", tuple(s for s in self.having(day, _TENDER_FROM) if s not in dialogue_today)),
            ("dialogue", tuple(s for s in self.ids if self.state(s, day) not in NO_DIALOGUE_STATES)),
            ("nota", self.ids), ("objection", self.ids),
            ("registration", self.ids if deadline is None or day < deadline else ()),
            ("overgangsregeling", self.ids), ("client_transfer", self.ids), ("announcement", self.ids),
        ]
        # Mostly an event that moves a segment on, else one that changes no state. The kinds are
        # drawn by their place in a fixed list (the next usable one if that one is not), so that
        # a draw keeps its meaning when the shrinker deletes an earlier event.
        usable = dict(options)
        moving = [k for k, _ in options if k in _MOVING]
        other = [k for k, _ in options if k not in _MOVING]
        pool = moving if self.number(0, 3) != 3 and any(usable[k] for k in moving) else other
        first = self.number(0, len(pool) - 1)
        kind = next(k for k in pool[first:] + pool[:first] if usable[k])
        eligible = usable[kind]
        segs = self.concerned(eligible)
        if kind == "tender_start":
            return TenderStart(on=day, segments=segs)
        if kind == "award_decision":
            if self.data.standstill_days >= ALCATEL_DAYS and not self.flag():
                return AwardDecision(on=day, segments=segs, outcome="awarded")
            return AwardDecision(on=day, segments=segs, outcome="not_awarded",
                                 follow_up=self.pick(_FOLLOW_UPS))
        if kind == "kort_geding":
            return KortGeding(on=day, segments=segs)
        if kind == "ruling":
            return KortGedingRuling(on=day, segments=segs, outcome=self.pick(_RULINGS))
        if kind == "final_award":
            return FinalAward(on=day, segments=segs)
        if kind == "follow_up":
            # "not awarded" only ends a re-tender: a segment already not awarded stays so without an event.
            retendered = all(self.state(s, day) == S.HERAANBESTEDING for s in segs or self.ids)
            return FollowUpResult(on=day, segments=segs,
                                  outcome="not_awarded" if retendered and self.flag() else "awarded")
        if kind == "contract":
            return self.contract(day, segs)
        if kind == "extension":
            return self.extension(day, segs)
        if kind == "dialogue":
            return DialogueActivity(on=day, segments=segs, kind=self.pick(_KINDS))
        if kind == "nota":
            return NotaVanInlichtingen(on=day, segments=segs)
        if kind == "objection":
            return Objection(on=day, segments=segs)
        if kind == "registration":
            limit = self.data.bestuurlijk_overleg.max_delegation_size or 10
            return Registration(on=day, organisation=self.pick(_ORGANISATIONS),
                                delegation_size=self.number(1, limit), domains=_DOMAINS)
        if kind == "overgangsregeling":
            start = _plus(day, self.number(0, 366))
            return Overgangsregeling(on=day, start=start, end=_plus(start, self.number(0, 366)))
        if kind == "client_transfer":
            return ClientTransfer(on=day, segments=segs, municipalities=self.municipalities_for(segs))
        return Announcement(on=day, segments=segs, title=self.pick(_TITLES))

    def contract(self, day: dt.date, segs: tuple[str, ...] | None) -> Contract:
        limit = _contract_limit(day, self.data.max_contract_years)
        initial_end = _plus(day, self.number(0, 3 * 366), limit)
        max_end = _plus(initial_end, self.number(0, 3 * 366), limit)
        return Contract(on=day, initial_end=initial_end, max_end=max_end, segments=segs,
                        municipalities=self.municipalities_for(segs))

    def extension(self, day: dt.date, segs: tuple[str, ...] | None) -> ContractExtension:
        # The rule compares with the contract recorded last for each segment (record order).
        latest: dict[str, Contract] = {}
        for event in self.events:
            if isinstance(event, Contract):
                for seg in segments_of(event, self.ids):
                    latest[seg] = event
        chosen = segs or self.ids
        low = max([day, *(self.proc.contract_end(s) or day for s in chosen)])
        high = min(latest[s].max_end for s in chosen)
        if low > high or not self.flag():
            return ContractExtension(on=day, segments=segs, extended_to=None)
        to = _plus(low, self.number(0, (high - low).days))
        return ContractExtension(on=day, segments=segs, extended_to=to)


def procedure_data(*, min_segments: int = 1, max_segments: int = 4, min_events: int = 0,
                   max_events: int = 12, max_municipalities: int = 3,
                   min_value: dt.date = _PROCEDURE_START, max_value: dt.date = _PROCEDURE_END
                   ) -> SearchStrategy[ProcedureData]:
    """Whole valid procedures as data: their events break no rule (``check()`` is empty).

    ``min_segments``..``max_segments`` segments, up to ``max_municipalities``
    municipalities (each joining all segments or some), the settings a
    procedure file may hold, and ``min_events``..``max_events`` events dated from
    ``min_value`` to ``max_value``, in date order, each allowed by the states the
    events before it led to. Shrinks to one segment ``"a"`` and no events.

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=5)
    ... @given(procedure_data(max_segments=2))
    ... def test_generated_files_break_no_rule(data):
    ...     assert Procedure(data).check() == []
    >>> test_generated_files_break_no_rule()
    """
    min_segments, max_segments = _check_sizes(min_segments, max_segments,
                                              names=("min_segments", "max_segments"), least=1)
    min_events, max_events = _check_sizes(min_events, max_events, names=("min_events", "max_events"))
    _check_int("max_municipalities", max_municipalities, 0)
    low, high = _check_bounds(min_value, max_value, highest=_LAST_PROCEDURE_DAY)

    # Built once: a strategy built inside a draw is validated again on every draw.
    segment_lists = st.lists(segments(), min_size=min_segments, max_size=max_segments,
                             unique_by=lambda s: s.id)
    municipality_lists = st.lists(municipality_ids(), max_size=max_municipalities, unique=True)
    deadlines = st.one_of(st.none(), st.dates(min_value=low, max_value=high))
    delegation_sizes = st.one_of(st.none(), st.integers(1, 12))
    plans = st.one_of(st.just(()), _plans(low, high))
    standstill_days = st.sampled_from((ALCATEL_DAYS, 25, 30))
    max_years = st.sampled_from((7, None, 4))

    @st.composite
    def build(draw: st.DrawFn) -> ProcedureData:
        segs = tuple(draw(segment_lists))
        ids = tuple(s.id for s in segs)
        munis = tuple(
            Municipality(id=mid, name=mid.replace("-", " ").title(),
                         segments=_subset(draw, ids) if draw(st.booleans()) else None)
            for mid in draw(municipality_lists))
        data = ProcedureData(
            id=draw(_SLUGS), name="Generated procurement", segments=segs, municipalities=munis,
            standstill_days=draw(standstill_days), standstill_atw=not draw(st.booleans()),
            max_contract_years=draw(max_years),
            bestuurlijk_overleg=BestuurlijkOverlegSettings(
                registration_deadline=draw(deadlines), max_delegation_size=draw(delegation_sizes)),
            plans=draw(plans),
        )
        found = _Walk(draw, data, Procedure(data)).run(low, high, min_events, max_events)
        return data.model_copy(update={"events": tuple(found)})

    return build()


def _plans(low: dt.date, high: dt.date) -> SearchStrategy[tuple[Plan, ...]]:
    @st.composite
    def build(draw: st.DrawFn) -> tuple[Plan, ...]:
        days = sorted(draw(st.lists(st.dates(min_value=low, max_value=high), min_size=3, max_size=3)))
        return (Plan(id="plan", published=low, reason="De eerste planning",
                     milestones=dict(zip(("aanbesteding", "gunning", "contract_start"), days, strict=True))),)

    return build()


def procedures(*, min_segments: int = 1, max_segments: int = 4, min_events: int = 0,
               max_events: int = 12, max_municipalities: int = 3,
               min_value: dt.date = _PROCEDURE_START, max_value: dt.date = _PROCEDURE_END
               ) -> SearchStrategy[Procedure]:
    """Whole valid :class:`Procedure` objects: :func:`procedure_data`, built.

    >>> from datetime import date
    >>> from hypothesis import given, settings
    >>> @settings(max_examples=5)
    ... @given(procedures(), dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31)))
    ... def test_dialogue_is_allowed_only_outside_tenders(proc, day):
    ...     in_tender = any(proc.segment_state_on(s, day) == "aanbesteding" for s in proc.data.segment_ids)
    ...     assert not (in_tender and proc.dialogue_allowed(day))
    >>> test_dialogue_is_allowed_only_outside_tenders()
    """
    return procedure_data(min_segments=min_segments, max_segments=max_segments, min_events=min_events,
                          max_events=max_events, max_municipalities=max_municipalities,
                          min_value=min_value, max_value=max_value).map(Procedure)


def event_sequences(procedure: Procedure, *, min_size: int = 0, max_size: int = 10,
                    min_value: dt.date | None = None, max_value: dt.date | None = None
                    ) -> SearchStrategy[list[Event]]:
    """Lists of events that ``procedure`` accepts: recording them in order never raises.

    The events are dated from ``min_value`` (default: the day after the
    procedure's last event, or 2000-01-01) to ``max_value`` (default: 2099-12-31,
    or ten years after ``min_value``), in date order, and break no rule: each
    ``record`` returns no warning either. The procedure itself is not changed.

    >>> import achterhoek_inkoop as ai
    >>> from hypothesis import given, settings
    >>> @settings(max_examples=5)
    ... @given(event_sequences(ai.inkoop2022(), max_size=3))
    ... def test_inkoop2022_takes_new_events(events):
    ...     proc = ai.inkoop2022()
    ...     for event in events:
    ...         assert proc.record(event) == []          # no error, and no warning either
    >>> test_inkoop2022_takes_new_events()
    """
    proc = _check_procedure(procedure)
    min_size, max_size = _check_sizes(min_size, max_size)
    last = max((e.on for e in proc.events), default=None)
    if min_value is None:
        min_value = _PROCEDURE_START if last is None else _plus(last, 1)
    if max_value is None:
        max_value = max(_PROCEDURE_END, min(_plus(min_value, 3653), _LAST_PROCEDURE_DAY))
    low, high = _check_bounds(min_value, max_value, highest=_LAST_PROCEDURE_DAY)
    if last is not None and low <= last:
        raise InvalidInputError("min_value", low, f"must be after the procedure's last event "
                                f"({last.isoformat()}): new events follow the record")

    @st.composite
    def build(draw: st.DrawFn) -> list[Event]:
        return _Walk(draw, proc.data, proc).run(low, high, min_size, max_size)

    return build()


# -- invalid input -------------------------------------------------------------------

def malformed_dates() -> SearchStrategy[str]:
    """Date texts the library must refuse: ``date.fromisoformat`` rejects them, or the year
    lies before the statutory calendar (1949).

    Impossible days (``"2022-02-30"``), day-first (``"14-03-2022"``), other
    separators, missing zeros, stray spaces, words, the empty text.

    >>> from hypothesis import find, settings
    >>> once = settings(database=None)    # find's examples are not saved between runs
    >>> find(malformed_dates(), lambda s: True, settings=once)
    ''
    >>> find(malformed_dates(), lambda s: s[:1].isdigit() and len(s) == 10, settings=once)
    '0000-01-01'
    """
    years = st.integers(0, 9999)
    months = st.integers(1, 12)

    def impossible(year: int, month: int, extra: int) -> str:
        last = _calendar_module.monthrange(max(year, 1), month)[1]
        return f"{year:04d}-{month:02d}-{last + 1 + extra:02d}"

    return st.one_of(
        st.just(""),
        st.builds(lambda y, m, d: f"{y:04d}-{m:02d}-{d:02d}", st.just(0), months, st.integers(1, 28)),
        st.builds(impossible, years, months, st.integers(0, 60)),
        st.builds(lambda y, m: f"{y:04d}-{m:02d}-01", years, st.sampled_from((0, 13, 14, 20, 99))),
        st.builds(lambda y, m, d: f"{d:02d}-{m:02d}-{y:04d}", st.integers(1949, 9999), months,
                  st.integers(1, 28)),
        st.builds(lambda y, m, d, sep: f"{y:04d}{sep}{m:02d}{sep}{d:02d}", st.integers(1949, 9999),
                  months, st.integers(1, 28), st.sampled_from(("/", ".", " ", "--"))),
        st.builds(lambda y, m, d: f"{y}-{m}-{d}", st.integers(1949, 9999), st.integers(1, 9),
                  st.integers(1, 9)),
        st.builds(lambda y, m, d, pad: pad[0] + f"{y:04d}-{m:02d}-{d:02d}" + pad[1],
                  st.integers(1949, 9999), months, st.integers(1, 28),
                  st.sampled_from(((" ", ""), ("", " "), ("", "\n"), ("", "x"), ("", "T12:00")))),
        st.builds(lambda y, m, d: f"{y:04d}-{m:02d}-{d:02d}", st.integers(1, FIRST_YEAR - 1), months,
                  st.integers(1, 28)),
        st.sampled_from(("today", "gisteren", "14 maart 2022", "2022", "2022-03", "-", "None")),
    )


def unknown_ids(*, known: Collection[str]) -> SearchStrategy[str]:
    """Well-formed ids (slugs) that are not in ``known``: the library must answer "unknown".

    >>> from hypothesis import find, settings
    >>> once = settings(database=None)    # find's examples are not saved between runs
    >>> find(unknown_ids(known=["a"]), lambda s: len(s) == 1, settings=once)
    'b'
    """
    if isinstance(known, str) or not isinstance(known, Collection):
        raise InvalidInputError("known", known, "must be a list of ids, not one id or another value")
    taken = frozenset(known)
    return _slugs().filter(lambda s: s not in taken)


def _standstills_until(proc: Procedure, seg: str, day: dt.date) -> list[StandstillPeriod]:
    """The standstills of the awards of ``seg`` sent on or before ``day``, oldest first."""
    data = proc.data
    return [
        standstill_period(e.on, data.standstill_days, atw=data.standstill_atw)
        for e in data.events
        if isinstance(e, AwardDecision) and e.outcome == "awarded" and e.on <= day
        and seg in (e.segments or data.segment_ids)
    ]


def out_of_order_events(procedure: Procedure, *, min_value: dt.date | None = None,
                        max_value: dt.date | None = None) -> SearchStrategy[Event]:
    """Events that ``procedure.record`` must refuse with a ``volgorde`` (order) or standstill error.

    On a date from ``min_value`` to ``max_value`` (default: from a month before
    the first event to a year after the last), an event for one segment whose
    state on that date forbids it: an award decision outside a tender, a final
    award in the standstill, a ruling without a kort geding, a contract before
    the final award, ...

    >>> import achterhoek_inkoop as ai
    >>> from hypothesis import find, settings
    >>> once = settings(database=None)    # find's examples are not saved between runs
    >>> event = find(out_of_order_events(ai.inkoop2022()), lambda e: True, settings=once)
    >>> event.type, event.on, event.segments     # a month before the first event: nothing was awarded
    ('final_award', datetime.date(2020, 10, 25), ('wmo-wonen',))
    """
    proc = _check_procedure(procedure)
    first = min((e.on for e in proc.events), default=_PROCEDURE_START)
    last = max((e.on for e in proc.events), default=_PROCEDURE_START)
    if min_value is None:
        min_value = max(_EARLIEST, first - 30 * _DAY)
    if max_value is None:
        max_value = max(min_value, _plus(last, 366, _LAST_PROCEDURE_DAY))
    low, high = _check_bounds(min_value, max_value, highest=_LAST_PROCEDURE_DAY)
    ids = proc.data.segment_ids

    @st.composite
    def build(draw: st.DrawFn) -> Event:
        day = low + draw(st.integers(0, (high - low).days)) * _DAY
        options: list[tuple[str, str]] = []
        for seg in ids:
            state = proc.segment_state_on(seg, day)
            # The standstill of the award the segment is in on ``day`` (not a later one).
            periods = _standstills_until(proc, seg, day)
            early = state == S.KORT_GEDING and bool(periods) and day < periods[-1].final_from
            refused = {
                "award_decision": state not in _AWARD_FROM,
                "tender_start": state not in _TENDER_FROM,
                "kort_geding": state not in _KORT_GEDING_FROM | _FINAL,
                "ruling": state != S.KORT_GEDING,
                "final_award": state not in _FINAL | {S.KORT_GEDING} or early,
                "follow_up": state not in _FOLLOW_UP_FROM,
                "contract": state != S.DEFINITIEF_GEGUND,
                "extension": state != S.IN_UITVOERING,
            }
            options += [(kind, seg) for kind, bad in refused.items() if bad]
        kinds = list(_OUT_OF_ORDER_KINDS)
        options.sort(key=lambda pair: kinds.index(pair[0]))
        kind, seg = draw(st.sampled_from(options))
        one = (seg,)
        if kind == "tender_start":
            return TenderStart(on=day, segments=one)
        if kind == "award_decision":
            return AwardDecision(on=day, segments=one, outcome=draw(st.sampled_from(_AWARD_OUTCOMES)))
        if kind == "kort_geding":
            return KortGeding(on=day, segments=one)
        if kind == "ruling":
            return KortGedingRuling(on=day, segments=one, outcome=draw(st.sampled_from(_RULINGS)))
        if kind == "final_award":
            return FinalAward(on=day, segments=one)
        if kind == "follow_up":
            return FollowUpResult(on=day, segments=one, outcome="awarded")
        if kind == "contract":
            end = _plus(day, draw(st.integers(0, 366)))
            return Contract(on=day, segments=one, initial_end=end, max_end=end)
        return ContractExtension(on=day, segments=one, extended_to=_plus(day, draw(st.integers(0, 366))))

    return build()
