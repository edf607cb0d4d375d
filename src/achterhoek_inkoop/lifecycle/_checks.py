"""Rules checked against the whole record once its timeline is known.

The machine finds what is out of order while it steps (``_timeline``); the
rules here need a finished timeline (is a segment in the tender on the day of
a dialogue?) or only the data (is a contract too long?).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import cast

from dateutil.relativedelta import relativedelta

from ..calendar import ALCATEL_DAYS
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
)
from ._declaration import LIFECYCLE
from ._rules import Violation, violation
from ._timeline import Timeline, segments_of

__all__ = ["DIALOGUE_RULE", "RecordChecker"]

DIALOGUE_RULE = "dialoog-tijdens-aanbesteding"
_CLOSED = LIFECYCLE.where(closed_to_dialogue=True)



class RecordChecker:
    """Checks the events of one procedure in date order, remembering what later checks need.

    The dialogue rule reads the finished timeline at the event's date; a later
    event can change that day's states only if it falls on the same day, so
    :meth:`recheck_day` re-runs the dialogue checks of that day alone.
    """

    def __init__(self, data: ProcedureData) -> None:
        self.data = data
        self.contracts: dict[str, Contract] = {}
        self.dialogues_on: dict[dt.date, list[int]] = {}

    def snapshot(self, day: dt.date) -> tuple[dict[str, Contract], dt.date, int]:
        """What :meth:`restore` needs to undo checking an event dated ``day``, the last day so far."""
        return dict(self.contracts), day, len(self.dialogues_on.get(day, ()))

    def restore(self, snap: tuple[dict[str, Contract], dt.date, int]) -> None:
        """Undo every :meth:`check` since ``snap`` was taken."""
        self.contracts, day, dialogues = snap
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
        elif isinstance(event, Contract):
            found += _contract_duration(data, event)
            for seg in segments_of(event, data.segment_ids):
                self.contracts[seg] = event
        elif isinstance(event, ContractExtension):
            found += _extension(data, event, self.contracts)
        elif isinstance(event, AwardDecision):
            found += _standstill_length(data, event)
        if isinstance(event, Contract | ClientTransfer):
            found += _municipalities(data, event)
        return found

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
    if data.standstill_days >= ALCATEL_DAYS or event.outcome != "awarded":
        return []
    return [violation(
        "standstill-minimum", event.on, "procedure",
        f"The procedure sets a standstill (Alcatel-termijn) of {data.standstill_days} "
        f"days; the law requires at least {ALCATEL_DAYS} calendar days (award decision of "
        f"{event.on.isoformat()}).",
    )]


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
    limit = settings.max_delegation_size
    if limit is not None and event.delegation_size > limit:
        found.append(violation(
            "delegatie-omvang", event.on, event.organisation,
            f"The delegation of {event.organisation} has {event.delegation_size} members, more "
            f"than the workable size of {limit} this procedure sets.",
        ))
    return found


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
