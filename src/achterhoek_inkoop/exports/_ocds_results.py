"""The awards and contracts of an OCDS export: statuses, titles and what their texts say.

Each award decision and follow-up result becomes an award per segment, each
contract event a contract per segment (:mod:`._ocds` builds the rest of the
release). An award's title follows its status: ``provisional award`` while
pending, ``award`` once active, ``cancelled award``, ``not awarded``. Every
text the export makes is in the export's language (``lang``: Dutch or
English); what the record gives (names, reasons) stays as written, and the
citations as the law writes them.

A count the record gives for several segments together (61 providers over
four segments) is said as such, a total for the group: never per lot as if
each segment had that many.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, Literal, TypeVar

from .._i18n import N_
from .._labels import Label
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

#: An award decision's title by the award's status, translated when exported.
AWARD_TITLES = {"pending": N_("provisional award"), "active": N_("award"), "cancelled": N_("cancelled award"),
                "unsuccessful": N_("not awarded")}
#: A follow-up result's title by the award's status: where it came from is part of it.
FOLLOW_UP_TITLES = {"pending": N_("provisional award in a follow-up procedure"),
                    "active": N_("award in a follow-up procedure"),
                    "cancelled": N_("cancelled award in a follow-up procedure"),
                    "unsuccessful": N_("not awarded in a follow-up procedure")}
#: The providers of an award (``to``) or a contract (``with``): of one segment, and of several together.
_PROVIDERS = {"to": N_("to %(count)s providers"), "with": N_("with %(count)s providers")}
_GROUP_PROVIDERS = {
    "to": N_("to %(count)s providers for %(segments)s segments together (this one and %(others)s; the "
             "record gives no count per segment)"),
    "with": N_("with %(count)s providers for %(segments)s segments together (this one and %(others)s; "
               "the record gives no count per segment)"),
}
#: How an award decision's description opens, by the award's status.
_DECISION_OPENINGS = {"pending": N_("Provisional award (voorlopige gunning)"), "active": N_("Award"),
                      "cancelled": N_("Cancelled award")}

S = SegmentState
_E = TypeVar("_E", KortGeding, KortGedingRuling, FinalAward)


class Results:
    """The awards and contracts of one export (a base of the export, which sets the attributes).

    ``lang`` is the language of the texts the export makes; ``_`` its ``gettext``.
    """

    on: dt.date
    proc: Procedure
    names: dict[str, str]
    events: list[Event]
    awards: dict[str, list[tuple[str, AwardDecision | FollowUpResult]]]
    lang: str
    _: Callable[[str], str]

    def label(self, label: Label) -> str:
        """A term of the record in the export's language: the Dutch term, glossed in English."""
        return label.nl if self.lang == "nl" else f"{label.en} ({label.nl})"

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
        _ = self._
        history = self.awards[seg]
        position = next(i for i, (a, _e) in enumerate(history) if a == award_id)
        later = history[position + 1][1] if position + 1 < len(history) else None
        state = self.state(seg)
        if event.outcome == "not_awarded":
            status = "unsuccessful"
        elif later is not None:
            status = "cancelled"
        else:
            status = award_status(state)
        if isinstance(event, AwardDecision):
            title = _(AWARD_TITLES[status])
            text = self.decision_text(seg, event, status, later)
        else:
            title = _(FOLLOW_UP_TITLES[status])
            text = self.follow_up_text(seg, event, status)
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
        _ = self._
        sent = event.on.isoformat()
        if event.outcome == "not_awarded":
            parts = [_("Not awarded (niet gegund): decided on %(date)s.") % {"date": sent}]
            if event.reason:
                parts.append(_("Reason: %(reason)s.") % {"reason": event.reason})
            if event.follow_up:
                parts.append(_("Follow-up: %(follow_up)s.") % {
                    "follow_up": self.label(FOLLOW_UP_LABELS[event.follow_up])})
            return " ".join(parts)
        parts = [_("%(what)s: the award decision (gunningsbeslissing) was sent on %(date)s%(providers)s.") % {
            "what": _(_DECISION_OPENINGS[status]), "date": sent,
            "providers": self.providers(event, seg, "to")}]
        if event.reason:
            parts.append(f"{event.reason}.")
        # The latest decision's standstill and final date are the procedure's own (what the
        # status shows too); a replaced decision's standstill is counted as it was set.
        period = self.proc.standstill(seg) if later is None else self.standstill(event)
        if event.standstill_exemption is not None:
            parts.append(_("No standstill (%(article)s): %(ground)s.") % {
                "article": "Aw 2012 art. 2.127 lid 4",
                "ground": self.label(STANDSTILL_EXEMPTION_LABELS[event.standstill_exemption])})
        elif period is not None:
            parts.append(self.standstill_text(period))
        final_from = (self.proc.final_award_from(seg) if later is None else None) or (
            None if period is None else period.final_from)
        ruling = self.last(KortGedingRuling, seg, event.on)
        if status == "pending":
            filed = self.last(KortGeding, seg, event.on)
            if self.state(seg) == S.KORT_GEDING and filed is not None:
                parts.append(_("A kort geding about the award, filed on %(date)s, is pending: the award is "
                               "not in force until the court has ruled.") % {"date": filed.on.isoformat()})
            elif final_from is None:
                parts.append(_("Not yet in force."))
            else:
                parts.append(_("Not yet in force: the award may become final from %(date)s; it is final once "
                               "the contract is concluded (the final award).") % {
                    "date": final_from.isoformat()})
        elif status == "active":
            parts += self.active_text(seg, event, later, ruling)
        elif later is not None:
            parts.append(_("Replaced by the decision of %(date)s.") % {"date": later.on.isoformat()})
        elif ruling is not None and ruling.outcome == "upheld":
            parts.append(_("The court upheld the kort geding about it on %(date)s: the award decision must "
                           "be reconsidered.") % {"date": ruling.on.isoformat()})
        return " ".join(parts)

    def active_text(self, seg: str, event: AwardDecision, later: AwardDecision | FollowUpResult | None,
                    ruling: KortGedingRuling | None) -> list[str]:
        """What the description of an award in force says: the ruling, since when it is final, and
        whether that final award is recorded or an assumption."""
        _ = self._
        parts = []
        if ruling is not None and ruling.outcome == "rejected":
            parts.append(_("The court rejected the kort geding about it on %(date)s.") % {
                "date": ruling.on.isoformat()})
        final_on = self.proc.final_award_on(seg) if later is None else None
        recorded = self.last(FinalAward, seg, event.on)
        inferred = [e for e in self.proc.inferred_events if seg in self.proc.segments_of(e)]
        if final_on is not None:
            parts.append(_("Final (definitief) from %(date)s.") % {"date": final_on.isoformat()})
        if recorded is not None:
            parts.append(_("The final award (definitieve gunning) was recorded on %(date)s.") % {
                "date": recorded.on.isoformat()})
        elif inferred:
            shown = inferred[-1].on
            contract = next((c for c in self.events if isinstance(c, Contract) and c.on >= shown
                             and seg in self.proc.segments_of(c)), None)
            if contract is not None:
                parts.append(_("Assumption: no final award is recorded; the contract from %(date)s shows the "
                               "award became final; it is taken as final from the first day it could be.")
                             % {"date": contract.on.isoformat()})
            else:
                parts.append(_("Assumption: no final award is recorded; it is taken as final from %(date)s.")
                             % {"date": shown.isoformat()})
        return parts

    def follow_up_text(self, seg: str, event: FollowUpResult, status: str) -> str:
        _ = self._
        how = f" ({event.procedure})" if event.procedure else ""
        if event.outcome == "not_awarded":
            return _("Not awarded in a follow-up procedure%(how)s: result of %(date)s.") % {
                "how": how, "date": event.on.isoformat()}
        text = _("Awarded%(providers)s in a follow-up procedure%(how)s: result of %(date)s. The follow-up's "
                 "own award decision and standstill are not in this record; its award counts as final.") % {
            "providers": self.providers(event, seg, "to"), "how": how, "date": event.on.isoformat()}
        if status == "cancelled":
            text += " " + _("A later decision replaced it.")
        return text

    def providers(self, event: AwardDecision | FollowUpResult | Contract, seg: str,
                  word: Literal["to", "with"]) -> str:
        """`` to 3 providers`` (or `` with``) for an event of one segment; for an event of several,
        the count as the total of the group it is (never as if each segment had that many); ``""``
        without one."""
        _ = self._
        if event.providers is None:
            return ""
        group = self.proc.segments_of(event)
        if len(group) == 1:
            return " " + _(_PROVIDERS[word]) % {"count": event.providers}
        others = ", ".join(self.names[s] for s in group if s != seg)
        return " " + _(_GROUP_PROVIDERS[word]) % {"count": event.providers, "segments": len(group),
                                                  "others": others}

    def standstill(self, event: AwardDecision) -> StandstillPeriod | None:
        """The standstill ``event`` set: its own length if it declares one, none if exempt."""
        if event.standstill_exemption is not None:
            return None
        return decision_standstill(self.proc.data, event, self.proc.calendar)

    def standstill_text(self, period: StandstillPeriod) -> str:
        """The standstill in a sentence: its days, start and end, why the end moved, and its notes."""
        _ = self._
        text = _("Alcatel standstill (%(source)s): %(days)s days from %(start)s to %(end)s (24:00)") % {
            "source": LEGAL_SOURCE, "days": period.days, "start": period.start.isoformat(),
            "end": period.end.isoformat()}
        if period.extensions:
            text += _(", extended by the Atw: %(reasons)s") % {
                "reasons": "; ".join(e.reason_in(self.lang) for e in period.extensions)}
        if not period.atw:
            text += _(", Algemene termijnenwet not applied")
        text += "."
        notes = period.notes_in(self.lang)
        if notes:
            text += " " + " ".join(notes)
        return text

    # -- contracts ---------------------------------------------------------
    def contract_list(self) -> list[dict[str, Any]]:
        _ = self._
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
                            "awardID": award_id, "title": self.contracts_title(seg),
                            "description": _("Concluded; the record gives no contract period."),
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
        _ = self._
        count = self.providers(event, seg, "with")
        group = len(self.proc.segments_of(event)) > 1
        muni = event.municipalities
        joined = [m.name for m in self.proc.data.municipalities
                  if (muni is None and (m.segments is None or seg in m.segments))
                  or (muni is not None and m.id in muni)]
        parts = [_("Contracts%(providers)s from %(start)s; initial period until %(initial_end)s, at most "
                   "until %(max_end)s.") % {
            "providers": "" if group else count, "start": event.on.isoformat(),
            "initial_end": event.initial_end.isoformat(), "max_end": event.max_end.isoformat()}]
        if group and count:
            parts.append(_("Concluded%(providers)s.") % {"providers": count})
        if joined:
            parts.append(_("Municipalities: %(names)s.") % {"names": ", ".join(joined)})
        for ext in self.events:
            if (isinstance(ext, ContractExtension) and ext.on >= event.on
                    and seg in self.proc.segments_of(ext)):
                parts.append(_("On %(date)s it was decided not to extend.") % {"date": ext.on.isoformat()}
                             if ext.extended_to is None else
                             _("On %(date)s extended to %(end)s.") % {
                                 "date": ext.on.isoformat(), "end": ext.extended_to.isoformat()})
        if status == "pending":
            parts.append(_("Not in force: the record has no final award for the segment by its start."))
        signed = self.last(FinalAward, seg, dt.date.min)
        dated = {} if signed is None or signed.on > event.on else {"dateSigned": ocds_datetime(signed.on)}
        return {
            **dated,
            "id": contract_id,
            "awardID": award_id,
            "title": self.contracts_title(seg),
            "description": " ".join(parts),
            "status": status,
            "period": {
                "startDate": ocds_datetime(event.on),
                "endDate": ocds_datetime(end, end_of_day=True),
                "maxExtentDate": ocds_datetime(event.max_end, end_of_day=True),
            },
        }

    # -- helpers -----------------------------------------------------------
    def contracts_title(self, seg: str) -> str:
        """The title of a segment's contracts: its name, then "contracts" in the export's language."""
        return f"{self.names[seg]}: " + self._("contracts")

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


def _unique(candidate: str, used: set[str]) -> str:
    """``candidate``, or it with ``-2``, ``-3``... if it was used already; marks it used."""
    chosen, n = candidate, 1
    while chosen in used:
        n += 1
        chosen = f"{candidate}-{n}"
    used.add(chosen)
    return chosen
