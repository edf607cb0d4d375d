"""A procedure as an OCDS 1.1 release package, as known on a given date.

Transparency and procurement-data tools speak the Open Contracting Data
Standard (OCDS). :func:`procedure_to_ocds` turns a :class:`Procedure` into one
OCDS 1.1 release package holding one release: a snapshot of the procedure as
it was known at the end of the day ``on``. Events dated after ``on`` are left
out (they were not known yet), so the release of a past date does not change
when later events are recorded; the states the library computes for ``on``
decide every status.

Identifiers (placeholders until a publisher registers its own)
    ``ocid`` is :data:`OCID_PREFIX` + the procedure id. ``ocds-xxxxxx-`` is the
    placeholder OCDS itself uses: a publisher must register a prefix with the
    Open Contracting Partnership and replace it before publishing. The package
    ``uri`` lies under :data:`PACKAGE_URI_BASE` (``example.org``, reserved for
    examples by RFC 2606) and the ``publisher`` says the export is unofficial.
    The release ``id`` is ``<procedure id>-<on>``: two exports of one date are
    identical. Other ids come from the data's ids and the events' dates.

Dates
    OCDS wants date-times; a day becomes its midnight in Europe/Amsterdam with
    that day's UTC offset (``2022-03-14T00:00:00+01:00``), by :mod:`zoneinfo`;
    the last day of a period its ``23:59:59`` (it runs until 24:00). The release
    ``date`` and the ``publishedDate`` are ``on``; the wall clock is never read.

What maps to what
    ``docs/ocds.md`` in the repository has the whole mapping. In short: the
    municipalities are the parties, each segment (perceel) a lot, each award
    decision and follow-up result an award per segment, each contract event
    a contract per segment. The statuses come from what the states mean as
    the lifecycle declares them (:func:`lot_status`, :func:`award_status`):
    an award is ``pending`` until it is final and ``active`` from then on;
    the standstill (no OCDS 1.1 field) is told in its ``description``.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from typing import Any, TypeVar

from .._exceptions import InvalidInputError
from .._files import write_atomic
from .._validate import check_date
from ..calendar import LEGAL_SOURCE, StandstillPeriod
from ..lifecycle import Phase, SegmentState, decision_standstill
from ..procedure import Procedure
from ..record import (
    FOLLOW_UP_LABELS,
    STANDSTILL_EXEMPTION_LABELS,
    AwardDecision,
    Contract,
    ContractExtension,
    Event,
    FinalAward,
    FollowUpResult,
    KortGeding,
    KortGedingRuling,
    Segment,
    TenderStart,
)
from ._ocds_codes import (
    LOTS_EXTENSION,
    OCDS_VERSION,
    OCID_PREFIX,
    PACKAGE_URI_BASE,
    PROCUREMENT_METHODS,
    PUBLISHER,
    RELEASE_TAGS,
    TENDER_STATUS,
    TIME_ZONE,
    award_status,
    lot_status,
    ocds_datetime,
)

__all__ = [
    "LOTS_EXTENSION",
    "OCDS_VERSION",
    "OCID_PREFIX",
    "PACKAGE_URI_BASE",
    "PUBLISHER",
    "TIME_ZONE",
    "award_status",
    "lot_status",
    "ocds_datetime",
    "ocds_json",
    "procedure_to_ocds",
    "write_ocds",
]

S = SegmentState
_E = TypeVar("_E", KortGeding, KortGedingRuling, FinalAward)


def procedure_to_ocds(proc: Procedure, on: dt.date) -> dict[str, Any]:
    """An OCDS 1.1 release package for ``proc`` as known at the end of ``on``.

    One release; events after ``on`` are ignored and the states on ``on``
    decide the statuses (see the module documentation for the mapping).

    Raises:
        InvalidInputError: ``proc`` is not a Procedure or ``on`` not a date.
        MissingExtraError: the system has no time zone data (install ``tzdata``).

    >>> import achterhoek_inkoop as ai
    >>> package = procedure_to_ocds(ai.inkoop2022(), dt.date(2022, 3, 20))
    >>> release = package["releases"][0]
    >>> release["ocid"], release["tag"], release["tender"]["status"]
    ('ocds-xxxxxx-inkoop-2022', ['award'], 'active')
    >>> [award["status"] for award in release["awards"]]
    ['pending', 'pending', 'pending', 'pending', 'unsuccessful', 'unsuccessful']
    """
    if not isinstance(proc, Procedure):
        raise InvalidInputError("proc", proc, "is not a Procedure")
    on = check_date("on", on, in_calendar=False)
    return _Export(proc, on).package()


def ocds_json(proc: Procedure, on: dt.date) -> str:
    """The release package of :func:`procedure_to_ocds` as indented JSON text (UTF-8, no escapes)."""
    return json.dumps(procedure_to_ocds(proc, on), indent=2, ensure_ascii=False) + "\n"


def write_ocds(proc: Procedure, on: dt.date, path: str | os.PathLike[str]) -> None:
    """Write the release package to ``path`` atomically (a crash leaves the old file intact)."""
    write_atomic(path, ocds_json(proc, on))


class _Export:
    """One export: the procedure cut at ``on`` and the OCDS objects built from it."""

    def __init__(self, proc: Procedure, on: dt.date) -> None:
        self.on = on
        # The procedure as it was recorded by ``on``: its timeline holds the
        # standstills and contract ends known then, and its plans those published by then.
        self.proc = proc.as_known_on(on)
        data = self.proc.data
        self.ocid = OCID_PREFIX + data.id
        self.names = {s.id: s.name for s in data.segments}
        # Events in the order the timeline applies them: by date, then as recorded.
        self.events: list[Event] = sorted(data.events, key=lambda e: e.on)
        self.awards: dict[str, list[tuple[str, AwardDecision | FollowUpResult]]] = {
            s: [] for s in data.segment_ids}

    # -- package ---------------------------------------------------------
    def package(self) -> dict[str, Any]:
        stamp = ocds_datetime(self.on)
        return {
            "uri": f"{PACKAGE_URI_BASE}{self.proc.data.id}/{self.on.isoformat()}.json",
            "version": OCDS_VERSION,
            "extensions": [LOTS_EXTENSION],
            "publishedDate": stamp,
            "publisher": {"name": PUBLISHER},
            "releases": [self.release(stamp)],
        }

    def release(self, stamp: str) -> dict[str, Any]:
        data = self.proc.data
        phase = self.proc.phase_on(self.on)
        release: dict[str, Any] = {
            "ocid": self.ocid,
            "id": f"{data.id}-{self.on.isoformat()}",
            "date": stamp,
            "tag": [RELEASE_TAGS[phase]],
            "initiationType": "tender",
            "language": "en",
        }
        parties = [{"id": m.id, "name": m.name, "roles": ["buyer", "procuringEntity"]}
                   for m in data.municipalities]
        if parties:
            release["parties"] = parties
        if len(data.municipalities) == 1:
            only = data.municipalities[0]
            release["buyer"] = {"id": only.id, "name": only.name}
        release["tender"] = self.tender(phase)
        awards = self.award_list()
        if awards:
            release["awards"] = awards
        contracts = self.contract_list()
        if contracts:
            release["contracts"] = contracts
        return release

    # -- tender and lots ---------------------------------------------------
    def tender(self, phase: Phase) -> dict[str, Any]:
        data = self.proc.data
        states = [self.state(s) for s in data.segment_ids]
        status = TENDER_STATUS[phase]
        if phase == Phase.GUNNING and all(lot_status(s) == "unsuccessful" for s in states):
            status = "unsuccessful"
        tender: dict[str, Any] = {"id": data.id, "title": data.name, "status": status}
        if len(data.municipalities) == 1:
            only = data.municipalities[0]
            tender["procuringEntity"] = {"id": only.id, "name": only.name}
        tender["mainProcurementCategory"] = "services"
        kind = data.procedure_type
        if kind is not None and PROCUREMENT_METHODS[kind] is not None:
            tender["procurementMethod"] = PROCUREMENT_METHODS[kind]
        details = [f"{kind.label.nl} ({kind.label.en})"] if kind is not None else []
        details += [e.procedure for e in self.events if isinstance(e, TenderStart) and e.procedure][:1]
        if details:
            tender["procurementMethodDetails"] = "; ".join(details)
        for field, milestone, key, end in (
            ("tenderPeriod", "aanbesteding", "startDate", False),
            ("awardPeriod", "gunning", "endDate", True),
            ("contractPeriod", "contract_start", "startDate", False),
        ):
            day = self.milestone(milestone)
            if day is not None:
                tender[field] = {key: ocds_datetime(day, end_of_day=end)}
        deadlines = self.deadlines()
        if deadlines:
            # The time limit for receipt of tenders (eForms BT-131): of several lots, the last.
            tender.setdefault("tenderPeriod", {})["endDate"] = ocds_datetime(max(deadlines.values()))
        tender["lots"] = [self.lot(seg) for seg in data.segments]
        return tender

    def deadlines(self) -> dict[str, dt.date]:
        """Each segment's latest time limit for receipt of tenders known on ``on``."""
        found: dict[str, dt.date] = {}
        for event in self.events:
            if isinstance(event, TenderStart) and event.deadline is not None:
                found.update(dict.fromkeys(self.proc.segments_of(event), event.deadline))
        return found

    def milestone(self, milestone: str) -> dt.date | None:
        """The actual date of ``milestone`` if it happened by ``on``, else its planned date
        in the latest plan published by ``on`` if that still lies ahead."""
        actual = self.proc.actual(milestone)
        if actual is not None:
            return actual
        plans = sorted(self.proc.data.plans, key=lambda p: p.published)
        if not plans:
            return None
        planned = self.proc.planned(milestone, baseline=plans[-1].id)
        return planned if planned is not None and planned > self.on else None

    def lot(self, segment: Segment) -> dict[str, Any]:
        lot: dict[str, Any] = {"id": segment.id, "title": segment.name,
                               "status": lot_status(self.state(segment.id))}
        joined = [m.name for m in self.proc.data.municipalities
                  if m.segments is None or segment.id in m.segments]
        parts = [f"Domains: {', '.join(segment.domains)}."] if segment.domains else []
        if joined:
            parts.append(f"Municipalities: {', '.join(joined)}.")
        deadline = self.deadlines().get(segment.id)
        if deadline is not None:
            parts.append(f"Time limit for receipt of tenders: {deadline.isoformat()}.")
        if parts:
            lot["description"] = " ".join(parts)
        return lot

    # -- awards ------------------------------------------------------------
    def award_list(self) -> list[dict[str, Any]]:
        """One award per segment of every award decision and follow-up result known on ``on``."""
        used: set[str] = set()
        order: list[tuple[str, str, AwardDecision | FollowUpResult]] = []
        for event in self.events:
            if not isinstance(event, AwardDecision | FollowUpResult):
                continue
            for seg in self.proc.segments_of(event):
                award_id = _unique(f"{seg}-award-{event.on.isoformat()}", used)
                self.awards[seg].append((award_id, event))
                order.append((award_id, seg, event))
        return [self.award(award_id, seg, event) for award_id, seg, event in order]

    def award(self, award_id: str, seg: str, event: AwardDecision | FollowUpResult) -> dict[str, Any]:
        history = self.awards[seg]
        position = next(i for i, (a, _) in enumerate(history) if a == award_id)
        later = history[position + 1][1] if position + 1 < len(history) else None
        state = self.state(seg)
        if event.outcome == "not_awarded":
            status = "unsuccessful"
        elif later is not None:
            status = "cancelled"
        else:
            status = award_status(state)
        if isinstance(event, AwardDecision):
            title, text = self.decision_text(seg, event, status, later)
        else:
            title, text = self.follow_up_text(event, status)
        return {
            "id": award_id,
            "title": f"{self.names[seg]}: {title}",
            "description": text,
            "status": status,
            "date": ocds_datetime(event.on),
            "relatedLots": [seg],
        }

    def decision_text(self, seg: str, event: AwardDecision, status: str,
                      later: AwardDecision | FollowUpResult | None) -> tuple[str, str]:
        sent = event.on.isoformat()
        if event.outcome == "not_awarded":
            parts = [f"Not awarded (niet gegund): decided on {sent}."]
            if event.reason:
                parts.append(f"Reason: {event.reason}.")
            if event.follow_up:
                label = FOLLOW_UP_LABELS[event.follow_up]
                parts.append(f"Follow-up: {label.en} ({label.nl}).")
            return "not awarded", " ".join(parts)
        providers = (f" ({event.providers} providers over the segments of this decision)"
                     if event.providers is not None else "")
        parts = [f"Provisional award (voorlopige gunning): the award decision was sent on {sent}"
                 f"{providers}."]
        if event.reason:
            parts.append(f"{event.reason}.")
        # The latest decision's standstill and final date are the procedure's own (what the
        # status shows too); a replaced decision's standstill is counted as it was set.
        period = self.proc.standstill(seg) if later is None else self.standstill(event)
        if event.standstill_exemption is not None:
            ground = STANDSTILL_EXEMPTION_LABELS[event.standstill_exemption]
            parts.append(f"No standstill (Aw 2012 art. 2.127 lid 4): {ground.en} ({ground.nl}).")
        elif period is not None:
            parts.append(_standstill_text(period))
        final_from = (self.proc.final_award_from(seg) if later is None else None) or (
            None if period is None else period.final_from)
        ruling = self.last(KortGedingRuling, seg, event.on)
        if status == "pending":
            filed = self.last(KortGeding, seg, event.on)
            if self.state(seg) == S.KORT_GEDING and filed is not None:
                parts.append(f"A kort geding about the award, filed on {filed.on.isoformat()}, is "
                             "pending: the award is not in force until the court has ruled.")
            else:
                parts.append("Not yet in force" + ("." if final_from is None else
                             f": the award may become final from {final_from.isoformat()}"
                             "; it is final once the contract is concluded (the final award)."))
        elif status == "active":
            if ruling is not None and ruling.outcome == "rejected":
                parts.append(f"The court rejected the kort geding about it on "
                             f"{ruling.on.isoformat()}.")
            final_on = self.proc.final_award_on(seg) if later is None else None
            recorded = self.last(FinalAward, seg, event.on)
            inferred = [e for e in self.proc.inferred_events if seg in self.proc.segments_of(e)]
            if final_on is not None:
                parts.append(f"Final (definitief) from {final_on.isoformat()}.")
            if recorded is not None:
                parts.append(f"The final award (definitieve gunning) was recorded on "
                             f"{recorded.on.isoformat()}.")
            elif inferred:
                note = inferred[-1].note or ""
                parts.append(f"Assumption: no final award is recorded; {note[:1].lower()}{note[1:]}")
        elif later is not None:
            parts.append(f"Replaced by the decision of {later.on.isoformat()}.")
        elif ruling is not None and ruling.outcome == "upheld":
            parts.append(f"The court upheld the kort geding about it on {ruling.on.isoformat()}: "
                         "the award decision must be reconsidered.")
        return "provisional award", " ".join(parts)

    def follow_up_text(self, event: FollowUpResult, status: str) -> tuple[str, str]:
        how = f" ({event.procedure})" if event.procedure else ""
        providers = f" to {event.providers} providers" if event.providers is not None else ""
        if event.outcome == "not_awarded":
            return "not awarded in a follow-up procedure", (
                f"Not awarded in a follow-up procedure{how}: result of {event.on.isoformat()}.")
        text = (f"Awarded{providers} in a follow-up procedure{how}: result of "
                f"{event.on.isoformat()}. The follow-up's own award decision and standstill are "
                "not in this record; its award counts as final.")
        if status == "cancelled":
            text += " A later decision replaced it."
        return "award in a follow-up procedure", text

    def standstill(self, event: AwardDecision) -> StandstillPeriod | None:
        """The standstill ``event`` set: its own length if it declares one, none if exempt."""
        if event.standstill_exemption is not None:
            return None
        return decision_standstill(self.proc.data, event, self.proc.calendar)

    # -- contracts ---------------------------------------------------------
    def contract_list(self) -> list[dict[str, Any]]:
        used: set[str] = set()
        out: list[dict[str, Any]] = []
        contracts = [e for e in self.events if isinstance(e, Contract)]
        for event in contracts:
            for seg in self.proc.segments_of(event):
                award_id = self.award_for(seg, event.on)
                if award_id is None:
                    continue
                contract_id = _unique(f"{seg}-contract-{event.on.isoformat()}", used)
                latest = [c for c in contracts if seg in self.proc.segments_of(c)][-1]
                out.append(self.contract(contract_id, award_id, seg, event, event is latest))
        # A contract concluded (a recorded final award) whose period the record does not give.
        with_period = {seg for c in contracts for seg in self.proc.segments_of(c)}
        for seg in self.names:
            signed = self.last(FinalAward, seg, dt.date.min)
            award_id = None if signed is None else self.award_for(seg, signed.on)
            if signed is not None and award_id is not None and seg not in with_period:
                out.append({"id": _unique(f"{seg}-contract-{signed.on.isoformat()}", used),
                            "awardID": award_id, "title": f"{self.names[seg]}: contracts",
                            "description": "Concluded; the record gives no contract period.",
                            "status": "pending", "dateSigned": ocds_datetime(signed.on)})
        return out

    def award_for(self, seg: str, start: dt.date) -> str | None:
        """The award a contract of ``seg`` starting on ``start`` follows: the latest one that
        awarded the segment by then, else the latest of any outcome."""
        before = [(a, e) for a, e in self.awards[seg] if e.on <= start]
        awarded = [a for a, e in before if e.outcome == "awarded"]
        if awarded:
            return awarded[-1]
        return before[-1][0] if before else None

    def contract(self, contract_id: str, award_id: str, seg: str, event: Contract,
                 latest: bool) -> dict[str, Any]:
        started = any(start == event.on and state == S.IN_UITVOERING
                      for start, _end, state in self.proc.intervals(seg))
        state = self.state(seg)
        end = event.initial_end
        if not started:
            status = "pending"
        elif latest and state == S.IN_UITVOERING:
            status = "active"
        else:
            status = "terminated"
        if started and latest:
            end = self.proc.contract_end(seg) or end
        providers = (f"Contracts with {event.providers} providers" if event.providers is not None
                     else "Contracts")
        muni = event.municipalities
        joined = [m.name for m in self.proc.data.municipalities
                  if (muni is None and (m.segments is None or seg in m.segments))
                  or (muni is not None and m.id in muni)]
        parts = [f"{providers} from {event.on.isoformat()}; initial period until "
                 f"{event.initial_end.isoformat()}, at most until {event.max_end.isoformat()}."]
        if joined:
            parts.append(f"Municipalities: {', '.join(joined)}.")
        for ext in self.events:
            if (isinstance(ext, ContractExtension) and ext.on >= event.on
                    and seg in self.proc.segments_of(ext)):
                parts.append(f"On {ext.on.isoformat()} it was decided not to extend." if
                             ext.extended_to is None else
                             f"On {ext.on.isoformat()} extended to {ext.extended_to.isoformat()}.")
        if status == "pending":
            parts.append("Not in force: the record has no final award for the segment by its start.")
        signed = self.last(FinalAward, seg, dt.date.min)
        dated = {} if signed is None or signed.on > event.on else {"dateSigned": ocds_datetime(signed.on)}
        return {
            **dated,
            "id": contract_id,
            "awardID": award_id,
            "title": f"{self.names[seg]}: contracts",
            "description": " ".join(parts),
            "status": status,
            "period": {
                "startDate": ocds_datetime(event.on),
                "endDate": ocds_datetime(end, end_of_day=True),
                "maxExtentDate": ocds_datetime(event.max_end, end_of_day=True),
            },
        }

    # -- helpers -----------------------------------------------------------
    def state(self, seg: str) -> SegmentState:
        return self.proc.segment_state_on(seg, self.on)

    def last(self, kind: type[_E], seg: str, since: dt.date) -> _E | None:
        """The last event of ``kind`` about ``seg`` dated on or after ``since`` (known on ``on``)."""
        found: _E | None = None
        for event in self.events:
            if (isinstance(event, kind) and event.on >= since
                    and seg in self.proc.segments_of(event)):
                found = event
        return found


def _standstill_text(period: StandstillPeriod) -> str:
    text = (f"Alcatel standstill ({LEGAL_SOURCE}): {period.days} days from "
            f"{period.start.isoformat()} to {period.end.isoformat()} (24:00)")
    if period.extensions:
        text += f", extended by the Atw: {'; '.join(e.reason for e in period.extensions)}"
    if not period.atw:
        text += ", Algemene termijnenwet not applied"
    text += "."
    if period.notes:
        text += " " + " ".join(period.notes)
    return text


def _unique(candidate: str, used: set[str]) -> str:
    """``candidate``, or it with ``-2``, ``-3``... if it was used already; marks it used."""
    chosen, n = candidate, 1
    while chosen in used:
        n += 1
        chosen = f"{candidate}-{n}"
    used.add(chosen)
    return chosen
