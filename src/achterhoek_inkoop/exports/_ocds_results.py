"""The awards and contracts of an OCDS export: statuses, titles and what their texts say.

Each award decision and follow-up result becomes an award per segment, each
contract event a contract per segment (:mod:`._ocds` builds the rest of the
release). An award's title follows its status: ``provisional award`` while
pending, ``award`` once active, ``cancelled award``, ``not awarded``.

A count the record gives for several segments together (61 providers over
four segments) is said as such, a total for the group: never per lot as if
each segment had that many.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, TypeVar

from ..calendar import LEGAL_SOURCE, StandstillPeriod
from ..lifecycle import SegmentState, decision_standstill
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
)
from ._ocds_codes import award_status, ocds_datetime

__all__ = ["Results"]

#: An award decision's title by the award's status; a follow-up result's adds where it came from.
AWARD_TITLES = {"pending": "provisional award", "active": "award", "cancelled": "cancelled award",
                "unsuccessful": "not awarded"}

S = SegmentState
_E = TypeVar("_E", KortGeding, KortGedingRuling, FinalAward)


class Results:
    """The awards and contracts of one export (a base of the export, which sets the attributes)."""

    on: dt.date
    proc: Procedure
    names: dict[str, str]
    events: list[Event]
    awards: dict[str, list[tuple[str, AwardDecision | FollowUpResult]]]

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
        title = AWARD_TITLES[status]
        if isinstance(event, AwardDecision):
            text = self.decision_text(seg, event, status, later)
        else:
            text = self.follow_up_text(seg, event, status)
            title += " in a follow-up procedure"
        return {
            "id": award_id,
            "title": f"{self.names[seg]}: {title}",
            "description": text,
            "status": status,
            "date": ocds_datetime(event.on),
            "relatedLots": [seg],
        }

    def decision_text(self, seg: str, event: AwardDecision, status: str,
                      later: AwardDecision | FollowUpResult | None) -> str:
        sent = event.on.isoformat()
        if event.outcome == "not_awarded":
            parts = [f"Not awarded (niet gegund): decided on {sent}."]
            if event.reason:
                parts.append(f"Reason: {event.reason}.")
            if event.follow_up:
                label = FOLLOW_UP_LABELS[event.follow_up]
                parts.append(f"Follow-up: {label.en} ({label.nl}).")
            return " ".join(parts)
        what = {"pending": "Provisional award (voorlopige gunning)", "active": "Award",
                "cancelled": "Cancelled award"}[status]
        parts = [f"{what}: the award decision (gunningsbeslissing) was sent on {sent}"
                 f"{self.providers(event, seg, 'to')}."]
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
        return " ".join(parts)

    def follow_up_text(self, seg: str, event: FollowUpResult, status: str) -> str:
        how = f" ({event.procedure})" if event.procedure else ""
        if event.outcome == "not_awarded":
            return f"Not awarded in a follow-up procedure{how}: result of {event.on.isoformat()}."
        text = (f"Awarded{self.providers(event, seg, 'to')} in a follow-up procedure{how}: result of "
                f"{event.on.isoformat()}. The follow-up's own award decision and standstill are "
                "not in this record; its award counts as final.")
        if status == "cancelled":
            text += " A later decision replaced it."
        return text

    def providers(self, event: AwardDecision | FollowUpResult | Contract, seg: str, word: str) -> str:
        """`` to 3 providers`` for an event of one segment; for an event of several, the count
        as the total of the group it is (never as if each segment had that many); ``""`` without one."""
        if event.providers is None:
            return ""
        group = self.proc.segments_of(event)
        if len(group) == 1:
            return f" {word} {event.providers} providers"
        others = ", ".join(self.names[s] for s in group if s != seg)
        return (f" {word} {event.providers} providers for {len(group)} segments together (this one and "
                f"{others}; the record gives no count per segment)")

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
        count = self.providers(event, seg, "with")
        group = len(self.proc.segments_of(event)) > 1
        providers = "Contracts" + ("" if group else count)
        muni = event.municipalities
        joined = [m.name for m in self.proc.data.municipalities
                  if (muni is None and (m.segments is None or seg in m.segments))
                  or (muni is not None and m.id in muni)]
        parts = [f"{providers} from {event.on.isoformat()}; initial period until "
                 f"{event.initial_end.isoformat()}, at most until {event.max_end.isoformat()}."]
        if group and count:
            parts.append(f"Concluded{count}.")
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
