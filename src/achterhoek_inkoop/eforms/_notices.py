"""One eForms notice read into plain facts: what it is, when it was sent, its lots and results.

Nothing here interprets the law: a :class:`Notice` holds what the notice
says, by business term, and ``None`` where it says nothing. Building a
procedure from notices is ``_import``'s work.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, NoReturn, TypeVar

from .._exceptions import EformsError
from .._text import N_, Text
from ._fields import contexts, element_text, field, lot_documents

__all__ = ["USED_KINDS", "Lot", "LotResult", "Notice", "SettledContract", "notice_kind", "read_notice"]

#: The notice types (BT-02) the import reads, and what they are (msgids: shown in Dutch in messages).
USED_KINDS = {
    "cn-standard": N_("contract notice"),
    "cn-social": N_("contract notice (social and other specific services)"),
    "can-standard": N_("contract award notice"),
    "can-social": N_("contract award notice (social and other specific services)"),
}
#: Names of notice types the import does not use, for its messages (the SDK's notice-type code list).
_UNUSED_KINDS = {
    "pin-only": N_("prior information notice"), "pin-buyer": N_("prior information notice (buyer profile)"),
    "pin-rtl": N_("prior information notice (shortening time limits)"),
    "pin-tran": N_("prior information notice (public passenger transport)"),
    "pin-cfc-standard": N_("prior information notice used as a call for competition"),
    "pin-cfc-social": N_("prior information notice used as a call for competition (social services)"),
    "qu-sy": N_("qualification system notice"), "cn-desg": N_("design contest notice"),
    "can-desg": N_("design contest result notice"), "can-tran": N_("public passenger transport award notice"),
    "can-modif": N_("contract modification notice"), "veat": N_("voluntary ex-ante transparency notice"),
    "subco": N_("subcontracting notice"), "compl": N_("contract completion notice"),
}

# eForms dates and times carry a UTC offset ("2020-02-28+01:00", "2023-05-26Z"). The offset
# says where the writer's clock was, not another day: the calendar date is the part as written
# (Python 3.11's date.fromisoformat refuses the offset, so it is cut off here).
_DATE = re.compile(r"(\d{4}-\d{2}-\d{2})(?:Z|[+-]\d{2}:\d{2})?")
_TIME = re.compile(r"(\d{2}:\d{2}:\d{2})(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})?")


@dataclass(frozen=True)
class Lot:
    """A lot (BT-137) as one notice describes it."""

    id: str
    title: str | None
    deadline: dt.date | None  # BT-131
    deadline_time: dt.time | None
    requests_deadline: dt.date | None  # BT-1311
    electronic_submission: bool | None  # BT-17
    free_access: bool | None  # BT-14
    prior_notice: str | None  # BT-125: the prior information notice it refers to
    start: dt.date | None  # BT-536
    end: dt.date | None  # BT-537
    duration: tuple[int, str] | None  # BT-36: amount and unit


@dataclass(frozen=True)
class SettledContract:
    """A settled contract: its winner decision date (BT-1451) and conclusion date (BT-145)."""

    id: str
    decided: dt.date | None
    concluded: dt.date | None
    tenders: tuple[str, ...]


@dataclass(frozen=True)
class LotResult:
    """The result of one lot (BT-142) and the settled contracts it names."""

    lot: str
    status: str
    contracts: tuple[SettledContract, ...]


@dataclass(frozen=True)
class Notice:
    """The facts of one notice, as written."""

    label: str
    document: str  # ContractNotice, ContractAwardNotice, PriorInformationNotice
    notice_type: str  # BT-02
    form_type: str | None  # BT-03
    subtype: str | None  # OPP-070
    notice_id: str  # BT-701
    version: str  # BT-757
    dispatched: dt.date  # BT-05(a)
    dispatch_time: dt.time | None  # BT-05(b)
    folder: str  # BT-04
    title: str | None  # BT-21 of the procedure
    procedure_code: str | None  # BT-105
    accelerated: bool | None  # BT-106
    changes: str | None  # BT-758
    changed_sections: tuple[str, ...]  # BT-13716
    change_reason: str | None  # BT-140
    lots: tuple[Lot, ...]
    results: tuple[LotResult, ...]

    @property
    def key(self) -> str:
        """How the notice is named in a procedure's sources; also how a change notice names it."""
        return f"{self.notice_id}-{self.version}"

    @property
    def kind(self) -> str:
        """What the notice is, in words."""
        return notice_kind(self.notice_type)

    @property
    def social(self) -> bool:
        """Whether the notice is of the light regime for social and other specific services."""
        return self.notice_type.endswith("-social")

    @property
    def is_award(self) -> bool:
        return self.document == "ContractAwardNotice"


def notice_kind(notice_type: str) -> Text:
    """The notice type code (BT-02) in words: English as a ``str``, Dutch with ``in_lang``."""
    known = USED_KINDS.get(notice_type) or _UNUSED_KINDS.get(notice_type)
    return Text(known) if known else Text("notice of type %(code)s", code=repr(notice_type))


_T = TypeVar("_T")


def _date(text: str | None, label: str, place: str) -> dt.date | None:
    return _parsed(text, _DATE, dt.date.fromisoformat, label, place)


def _time(text: str | None, label: str, place: str) -> dt.time | None:
    return _parsed(text, _TIME, dt.time.fromisoformat, label, place)


def _parsed(text: str | None, pattern: re.Pattern[str], parse: Callable[[str], _T], label: str,
            place: str) -> _T | None:
    """``text`` as ``pattern`` reads it (its offset cut off) and ``parse`` makes it; refused otherwise."""
    if text is None:
        return None
    match = pattern.fullmatch(text)
    try:
        return parse(match[1]) if match else _refuse(label, place, text)
    except ValueError:
        return _refuse(label, place, text)


def _refuse(label: str, place: str, text: str) -> NoReturn:
    raise EformsError(label, Text("is not a date or time as eForms writes them"), place=place, value=text)


def _yes_no(text: str | None) -> bool | None:
    return {"true": True, "false": False}.get(text or "")


def _required(root: Any, sdk_id: str, label: str) -> str:
    value = field(sdk_id).first(root)
    if value is None:
        raise EformsError(label, Text("is missing or empty: the notice cannot be placed in a procedure"),
                          place=f"{sdk_id} ({field(sdk_id).text})")
    return value


def notice_type_of(root: Any, label: str) -> str:
    """BT-02, read first: it decides whether the rest is read at all."""
    return _required(root, "BT-02-notice", label)


def read_notice(root: Any, document: str, label: str) -> Notice:
    """The facts of the notice whose root is ``root``; ``label`` names its file in errors."""
    extensions = contexts(root, "extension")
    extension = extensions[0] if extensions else None

    def ext(sdk_id: str) -> list[str]:
        return [] if extension is None else [v for v in field(sdk_id).values(extension) if v]

    dispatched = _date(_required(root, "BT-05(a)-notice", label), label, "BT-05(a)-notice")
    assert dispatched is not None
    return Notice(
        label=label,
        document=document,
        notice_type=notice_type_of(root, label),
        form_type=field("BT-03-notice").first(root),
        subtype=next(iter(ext("OPP-070-notice")), None),
        notice_id=_required(root, "BT-701-notice", label),
        version=field("BT-757-notice").first(root) or "01",
        dispatched=dispatched,
        dispatch_time=_time(field("BT-05(b)-notice").first(root), label, "BT-05(b)-notice"),
        folder=_required(root, "BT-04-notice", label),
        title=field("BT-21-Procedure").first(root),
        procedure_code=field("BT-105-Procedure").first(root),
        accelerated=_yes_no(field("BT-106-Procedure").first(root)),
        changes=next(iter(ext("BT-758-notice")), None),
        changed_sections=tuple(ext("BT-13716-notice")),
        change_reason=next(iter(ext("BT-140-notice")), None),
        lots=tuple(_lot(node, label) for node in contexts(root, "lot")),
        results=_results(root, label),
    )


def _lot(node: Any, label: str) -> Lot:
    lot_id = field("BT-137-Lot").first(node) or ""

    def day(sdk_id: str) -> dt.date | None:
        return _date(field(sdk_id).first(node), label, f"{sdk_id} of {lot_id}")

    submission = field("BT-17-Lot").first(node)
    documents = [v for doc in _documents(node) for v in field("BT-14-Lot").values(doc)]
    free_access = (False if "restricted-document" in documents
                   else True if "non-restricted-document" in documents else None)
    duration = None
    for measure in field("BT-36-Lot").nodes(node):
        amount = element_text(measure)
        if amount.isdigit():
            duration = (int(amount), measure.get("unitCode", ""))
    return Lot(
        id=lot_id,
        title=field("BT-21-Lot").first(node),
        deadline=day("BT-131(d)-Lot"),
        deadline_time=_time(field("BT-131(t)-Lot").first(node), label, f"BT-131(t)-Lot of {lot_id}"),
        requests_deadline=day("BT-1311(d)-Lot"),
        electronic_submission={"required": True, "allowed": True, "not-allowed": False}.get(submission or ""),
        free_access=free_access,
        prior_notice=field("BT-125(i)-Lot").first(node),
        start=day("BT-536-Lot"),
        end=day("BT-537-Lot"),
        duration=duration,
    )


def _documents(lot: Any) -> list[Any]:
    """The document references of this lot (the "document" context, below the lot's)."""
    return lot_documents(lot)


def _results(root: Any, label: str) -> tuple[LotResult, ...]:
    contracts = {}
    for node in contexts(root, "settled-contract"):
        cid = field("OPT-316-Contract").first(node) or ""
        contracts[cid] = SettledContract(
            id=cid,
            decided=_date(field("BT-1451-Contract").first(node), label, f"BT-1451-Contract of {cid}"),
            concluded=_date(field("BT-145-Contract").first(node), label, f"BT-145-Contract of {cid}"),
            tenders=tuple(field("BT-3202-Contract").values(node)),
        )
    tender_lots = {field("OPT-321-Tender").first(n): field("BT-13714-Tender").first(n)
                   for n in contexts(root, "lot-tender")}
    results = []
    for node in contexts(root, "lot-result"):
        lot = field("BT-13713-LotResult").first(node) or ""
        named = [contracts[c] for c in field("OPT-315-LotResult").values(node) if c in contracts]
        if not named:
            # No reference from the result: the contracts whose tenders are for this lot.
            named = [c for c in contracts.values() if any(tender_lots.get(t) == lot for t in c.tenders)]
        results.append(LotResult(lot=lot, status=field("BT-142-LotResult").first(node) or "",
                                 contracts=tuple(named)))
    return tuple(results)
