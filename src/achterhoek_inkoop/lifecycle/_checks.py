"""Rules checked against the whole record once its timeline is known.

The machine finds what is out of order while it steps (``_timeline``); the
rules here need a finished timeline (is a segment in the tender on the day of
a dialogue?) or only the data (is a contract too long?).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Literal, cast

from dateutil.relativedelta import relativedelta

from .._exceptions import InvalidInputError
from ..calendar import MinimumPeriod, minimum_period, rulebook
from ..record import (
    DIALOGUE_KIND_LABELS,
    DOMAIN_LABELS,
    AwardDecision,
    ClientTransfer,
    Contract,
    ContractExtension,
    DialogueActivity,
    Event,
    ProcedureData,
    Registration,
    TenderStart,
)
from ._declaration import LIFECYCLE
from ._rules import Violation, violation
from ._timeline import Timeline, segments_of

__all__ = ["DIALOGUE_RULE", "CheckerSnapshot", "RecordChecker"]

DIALOGUE_RULE = "dialoog-tijdens-aanbesteding"
#: What :meth:`RecordChecker.restore` needs: the contracts, the day, its dialogues, the delegates.
CheckerSnapshot = tuple[dict[str, Contract], dt.date, int, dict[dt.date | None, int]]
_CLOSED = LIFECYCLE.where(closed_to_dialogue=True)



class RecordChecker:
    """Checks the events of one procedure in date order, remembering what later checks need.

    The dialogue rule reads the finished timeline at the event's date; a later
    event can change that day's states only if it falls on the same day, so
    :meth:`recheck_day` re-runs the dialogue checks of that day alone.

    The size of the Bestuurlijk Overleg adds up the registrations in date
    order, per meeting (``delegates``): a registration with a ``meeting`` date
    counts for that meeting; one without counts for every meeting, as the
    registration the invitation of 24-11-2020 asked for (one, before
    7 December, for the Bestuurlijk Overleg as a whole) did.
    """

    def __init__(self, data: ProcedureData) -> None:
        self.data = data
        self.contracts: dict[str, Contract] = {}
        self.dialogues_on: dict[dt.date, list[int]] = {}
        #: Members registered per meeting date (``None``: without a date, for every meeting).
        #: Replaced on each registration, never changed in place, so a snapshot need not copy it.
        self.delegates: dict[dt.date | None, int] = {}

    def snapshot(self, day: dt.date) -> CheckerSnapshot:
        """What :meth:`restore` needs to undo checking an event dated ``day``, the last day so far."""
        return dict(self.contracts), day, len(self.dialogues_on.get(day, ())), self.delegates

    def restore(self, snap: CheckerSnapshot) -> None:
        """Undo every :meth:`check` since ``snap`` was taken."""
        self.contracts, day, dialogues, self.delegates = snap
        if day in self.dialogues_on:
            del self.dialogues_on[day][dialogues:]

    def check(self, index: int, event: Event, timeline: Timeline) -> list[Violation]:
        """The violations of the event at ``index``, checked after every event before it."""
        data = self.data
        found: list[Violation] = []
        if isinstance(event, DialogueActivity):
            self.dialogues_on.setdefault(event.on, []).append(index)
            found += _dialogue(data, timeline, event)
        elif isinstance(event, Registration):
            found += _registration(data, event)
            found += self._meeting_size(event)
        elif isinstance(event, Contract):
            found += _contract_duration(data, event)
            for seg in segments_of(event, data.segment_ids):
                self.contracts[seg] = event
        elif isinstance(event, ContractExtension):
            found += _extension(data, event, self.contracts)
        elif isinstance(event, AwardDecision):
            found += _standstill_length(data, event)
        elif isinstance(event, TenderStart):
            found += _minimum_periods(data, event)
        if isinstance(event, Contract | ClientTransfer):
            found += _municipalities(data, event)
        return found

    def _meeting_size(self, event: Registration) -> list[Violation]:
        """Add ``event`` to its meeting's total; a warning if a meeting's total is then too large."""
        delegates = dict(self.delegates)
        delegates[event.meeting] = delegates.get(event.meeting, 0) + event.delegation_size
        self.delegates = delegates
        limit = self.data.bestuurlijk_overleg.max_delegation_size
        if limit is None:
            return []
        return _meeting_size(event, delegates, limit)

    def recheck_day(
        self, day: dt.date, events: Sequence[Event], timeline: Timeline
    ) -> list[tuple[Violation, int]]:
        """The dialogue violations of ``day``, against the timeline as it is now."""
        return [
            (v, index)
            for index in self.dialogues_on.get(day, ())
            for v in _dialogue(self.data, timeline, cast(DialogueActivity, events[index]))
        ]


def _standstill_length(data: ProcedureData, event: AwardDecision) -> list[Violation]:
    """A standstill shorter than the rulebook's, set by the procedure or by this decision itself."""
    if event.outcome != "awarded" or event.standstill_exemption is not None:
        return []
    days, who = ((event.standstill_days, "The award decision") if event.standstill_days is not None
                 else (data.standstill_days, "The procedure"))
    rule = rulebook(data.rulebook).standstill
    electronic = event.sent_electronically is not False
    minimum = rule.days if electronic else rule.days_not_electronic
    if days is None or days >= minimum:
        return []
    sent = "" if electronic else ", sent by other than electronic means"
    return [violation(
        "standstill-minimum", event.on, "procedure",
        f"{who} sets a standstill (Alcatel-termijn) of {days} days; rulebook {data.rulebook} requires "
        f"at least {minimum} calendar days ({rule.days_source}; award decision of "
        f"{event.on.isoformat()}{sent}).",
    )]


#: The deadlines of a tender start, and the stage of the procedure each closes.
_DEADLINES: tuple[tuple[str, Literal["tenders", "requests"], str], ...] = (
    ("deadline", "tenders", "time limit for receipt of tenders"),
    ("requests_deadline", "requests", "time limit for requests to participate"))


def _minimum_periods(data: ProcedureData, event: TenderStart) -> list[Violation]:
    """Each deadline of ``event`` against the minimum period of the procedure's type.

    What the record does not say (electronic submission, free access) is judged
    both ways, and so is a prior information notice it refers to (whether it
    met the conditions of the shorter period is not in the record): short on
    the reading most lenient to the authority is a violation; short only on the
    other a warning that names what was assumed. An accelerated procedure
    counts only where the record says so.
    """
    if data.procedure_type is None:
        return []
    subject = ", ".join(segments_of(event, data.segment_ids))
    found = []
    for field, stage, label in _DEADLINES:
        deadline: dt.date | None = getattr(event, field)
        if deadline is None:
            continue
        try:
            lenient = _minimum(data, event, stage, lenient=True)
            strict = _minimum(data, event, stage, lenient=False)
        except InvalidInputError as exc:
            found.append(violation(
                "minimumtermijn-onzeker", event.on, subject,
                f"The {label} {deadline.isoformat()} is not judged against a minimum period: "
                f"{exc.field} {exc.value!r} {exc.problem}.", rulebook(data.rulebook).source))
            continue
        found += _judged(event, subject, lenient, strict, deadline)
    return found


def _minimum(data: ProcedureData, event: TenderStart, stage: Literal["tenders", "requests"], *,
             lenient: bool) -> MinimumPeriod:
    """The minimum for ``stage`` on the reading most (or least) lenient to the authority."""
    assert data.procedure_type is not None
    electronic = lenient if event.electronic_submission is None else event.electronic_submission
    free = lenient if event.free_access is None else event.free_access
    pin = lenient and bool(event.prior_information_notice)
    while True:
        try:
            return minimum_period(data.procedure_type, event.on, stage=stage, rulebook=data.rulebook,
                                  electronic_submission=electronic, free_access=free,
                                  accelerated=bool(event.accelerated), prior_information_notice=pin)
        except InvalidInputError:
            if not pin:
                raise
            # No shorter period after a prior information notice for this type and stage (or not
            # with an accelerated one): the notice it refers to changes nothing here.
            pin = False


def _judged(event: TenderStart, subject: str, lenient: MinimumPeriod, strict: MinimumPeriod,
            deadline: dt.date) -> list[Violation]:
    on = event.on
    cited = "; ".join(lenient.articles)
    judged = lenient.judge(deadline)
    if judged.message is not None and lenient.counted_from == "invitation":
        # Counted here from the notice, the only date the record gives; the law counts from the
        # invitation to tender, and lets the authority agree another period with the candidates.
        return [violation(
            "minimumtermijn-onzeker", on, subject,
            _sentence(judged.message) + " The minimum counts from the invitation to tender, which "
            "the record does not give (here: from the notice), and the authority may have agreed "
            "another period with the selected candidates; see the rulebook's note.", cited)]
    if judged.message is not None:
        rule = "minimumtermijn" if judged.severity == "error" else "minimumtermijn-onzeker"
        return [violation(rule, on, subject, _sentence(judged.message), cited)]
    otherwise = strict.judge(deadline)
    if otherwise.verdict != "short" or otherwise.message is None:
        return []
    assumed = [what for what, unsaid in (
        ("whether tenders could be submitted electronically", event.electronic_submission is None),
        ("whether the documents were freely accessible", event.free_access is None),
        ("whether the prior information notice it refers to met the conditions of the shorter "
         "period", lenient.variant == "prior_information_notice")) if unsaid]
    return [violation(
        "minimumtermijn-onzeker", on, subject,
        _sentence(otherwise.message) + f" The record does not say {' or '.join(assumed)}: on the "
        "reading most lenient to the contracting authority the deadline keeps the minimum.",
        "; ".join(strict.articles))]


def _sentence(text: str) -> str:
    return text[0].upper() + text[1:] + ("" if text.endswith(".") else ".")


def _dialogue(data: ProcedureData, timeline: Timeline, event: DialogueActivity) -> list[Violation]:
    states = [(seg, timeline.courses[seg].track.state_on(event.on))
              for seg in segments_of(event, data.segment_ids)]
    blocked = [(seg, state) for seg, state in states if state in _CLOSED]
    if not blocked:
        return []
    where = ", ".join(f"{seg} ({state.label.nl})" for seg, state in blocked)
    kind = DIALOGUE_KIND_LABELS[event.kind].nl
    return [violation(
        DIALOGUE_RULE, event.on, ", ".join(seg for seg, _ in blocked),
        f"The {kind} of {event.on.isoformat()} is dialogue while {where} "
        f"{'is' if len(blocked) == 1 else 'are'} in the tender or an award that is not yet "
        "final: no dialogue is allowed then; questions go in a Nota van Inlichtingen.",
    )]


def _registration(data: ProcedureData, event: Registration) -> list[Violation]:
    settings = data.bestuurlijk_overleg
    found = []
    deadline = settings.registration_deadline
    if deadline is not None and event.on >= deadline:
        found.append(violation(
            "aanmelding-te-laat", event.on, event.organisation,
            f"The registration of {event.organisation} for the Bestuurlijk Overleg on "
            f"{event.on.isoformat()} is late: registrations were due before "
            f"{deadline.isoformat()}.",
        ))
    missing = [d for d in settings.required_domains if d not in event.domains]
    if missing:
        names = ", ".join(DOMAIN_LABELS[d].nl for d in missing)
        found.append(violation(
            "delegatie-afspiegeling", event.on, event.organisation,
            f"The delegation of {event.organisation} does not represent {names}: the branch "
            "was asked for a delegation that reflects Jeugdhulp, Wmo and Beschermd Wonen.",
        ))
    return found


def _meeting_size(event: Registration, delegates: dict[dt.date | None, int], limit: int
                  ) -> list[Violation]:
    """The warning for ``event`` if, with it, the registrations for a meeting it counts for add
    up to more than ``limit``; ``delegates`` holds the totals with it, per meeting date."""
    undated = delegates.get(None, 0)
    totals: dict[dt.date | None, int]
    if event.meeting is not None:
        totals = {event.meeting: delegates[event.meeting] + undated}
    else:  # every meeting a registration names, or the Bestuurlijk Overleg as a whole
        totals = {day: size + undated for day, size in delegates.items() if day is not None}
        totals = totals or {None: undated}
    over = sorted((day or dt.date.min, size) for day, size in totals.items() if size > limit)
    if not over:
        return []
    meetings = " and ".join(
        f"{size} members for the Bestuurlijk Overleg"
        + ("" if day == dt.date.min else f" of {day.isoformat()}") for day, size in over)
    size = event.delegation_size
    every = " (a registration without a meeting date counts for every meeting)" if undated else ""
    return [violation(
        "delegatie-omvang", event.on, event.organisation,
        f"With the registration of {event.organisation} ({size} member{'s' if size != 1 else ''}), "
        f"the delegations registered add up to {meetings}: more than the {limit} this procedure "
        f"sets as workable for one meeting{every}.",
    )]


def _contract_duration(data: ProcedureData, event: Contract) -> list[Violation]:
    subject = ", ".join(segments_of(event, data.segment_ids))
    found = []
    if not event.on <= event.initial_end <= event.max_end:
        found.append(violation(
            "volgorde", event.on, subject,
            f"The contract of {event.on.isoformat()} has its dates out of order: it must start "
            f"({event.on.isoformat()}) before its initial end ({event.initial_end.isoformat()}), "
            f"and that must not be after its maximum end ({event.max_end.isoformat()}).",
        ))
    limit = _last_allowed_day(event.on, data.max_contract_years)
    if limit is not None and event.max_end > limit:
        found.append(violation(
            "contractduur-maximum", event.on, subject,
            f"The contract from {event.on.isoformat()} may run until "
            f"{event.max_end.isoformat()}: longer than the maximum of {data.max_contract_years} "
            f"years (at most until {limit.isoformat()}).",
        ))
    return found


def _last_allowed_day(start: dt.date, years: int | None) -> dt.date | None:
    """The last day a contract from ``start`` may run; None when no maximum can be passed.

    >>> _last_allowed_day(dt.date(2022, 7, 1), 7)
    datetime.date(2029, 6, 30)
    >>> _last_allowed_day(dt.date(9999, 1, 1), 7) is None    # past the last date there is
    True
    """
    if years is None:
        return None
    try:
        return start + relativedelta(years=years, days=-1)
    except (OverflowError, ValueError):
        return None


def _extension(
    data: ProcedureData, event: ContractExtension, contracts: dict[str, Contract]
) -> list[Violation]:
    if event.extended_to is None:
        return []
    found = []
    if event.extended_to < event.on:
        found.append(violation(
            "volgorde", event.on, ", ".join(segments_of(event, data.segment_ids)),
            f"The extension decided on {event.on.isoformat()} runs to "
            f"{event.extended_to.isoformat()}, a day already past: an extension cannot end a "
            "contract before it was decided.",
        ))
    for seg in segments_of(event, data.segment_ids):
        contract = contracts.get(seg)
        if contract is not None and event.extended_to > contract.max_end:
            found.append(violation(
                "contractduur-maximum", event.on, seg,
                f"The extension of {seg} to {event.extended_to.isoformat()} goes past the "
                f"contract's maximum end {contract.max_end.isoformat()}.",
            ))
    return found


def _municipalities(data: ProcedureData, event: Contract | ClientTransfer) -> list[Violation]:
    joined = {m.id: m.segments for m in data.municipalities}
    found = []
    for muni in event.municipalities or ():
        allowed = joined.get(muni)
        if allowed is None:
            continue
        outside = [s for s in segments_of(event, data.segment_ids) if s not in allowed]
        if outside:
            found.append(violation(
                "gemeente-perceel", event.on, muni,
                f"{muni} takes part only in {', '.join(sorted(allowed))}, not in "
                f"{', '.join(outside)}.",
            ))
    return found
