"""A procedure from its published eForms notices: ``from_eforms``.

The notices of one procedure (one ``cbc:ContractFolderID``, BT-04) are
applied in order of dispatch (BT-05); a change notice (BT-758) replaces the
facts of the notice it changes. What the notices do not say stays absent;
where the import has to choose (which of several dates counts, an undated
decision not to award), the choice is written in the event's note or the
procedure's notes. Recording never refuses an import: the record is built
whole and ``Procedure.check()`` reports what breaks a rule.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Iterable
from typing import Literal

from dateutil.relativedelta import relativedelta

from .._exceptions import EformsError, InvalidInputError
from .._text import Text
from ..calendar import ProcedureType
from ..calendar import rulebook as load_rulebook
from ..procedure import Procedure
from ..record import (
    AwardDecision,
    Cancellation,
    Contract,
    Event,
    FinalAward,
    ProcedureData,
    Segment,
    TenderStart,
)
from ._notices import USED_KINDS, Lot, LotResult, Notice, notice_kind, notice_type_of, read_notice
from ._xml import parse_notice, read_source

__all__ = ["PROCEDURE_TYPES", "from_eforms", "read_notices"]

#: BT-105 (the SDK's procurement-procedure-type code list) onto the Dutch procedure types
#: (``ai.ProcedureType`` values). ``oth-single`` and ``oth-mult`` ("other single/multiple stage
#: procedure") name no Aw procedure: only on a notice of the light regime are they the
#: procedure for social and other specific services (Aw 2012 art. 2.38-2.39).
PROCEDURE_TYPES: dict[str, ProcedureType] = {
    "open": ProcedureType.OPENBAAR,
    "restricted": ProcedureType.NIET_OPENBAAR,
    "neg-w-call": ProcedureType.MEDEDINGINGSPROCEDURE_MET_ONDERHANDELING,
    "comp-dial": ProcedureType.CONCURRENTIEGERICHTE_DIALOOG,
    "innovation": ProcedureType.INNOVATIEPARTNERSCHAP,
    "neg-wo-call": ProcedureType.ONDERHANDELINGSPROCEDURE_ZONDER_AANKONDIGING,
}
_SOCIAL_TYPE = ProcedureType.SOCIALE_EN_ANDERE_SPECIFIEKE_DIENSTEN
_OTHER_CODES = ("oth-single", "oth-mult")
_SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
#: Events of one day in the order they happened.
_RANK = {"tender_start": 0, "cancellation": 1, "award_decision": 2, "final_award": 3, "contract": 4}
_UNITS = {"DAY": "days", "WEEK": "weeks", "MONTH": "months", "YEAR": "years"}

Unused = Literal["error", "skip"]


def read_notices(sources: object, *, unused: Unused = "error") -> tuple[list[Notice], list[str]]:
    """The used notices of ``sources`` in order of dispatch, and notes on the ones skipped."""
    if unused not in ("error", "skip"):
        raise InvalidInputError("unused", unused, Text("must be 'error' or 'skip'"))
    if isinstance(sources, str | bytes | bytearray | memoryview | os.PathLike):
        items: list[object] = [sources]
    elif isinstance(sources, Iterable) and not isinstance(sources, dict):
        items = list(sources)
    else:
        raise InvalidInputError("sources", sources, Text("must be a path, bytes, or a list of them"))
    if not items:
        raise InvalidInputError("sources", items, Text("is empty: give at least one notice"))
    notices: list[Notice] = []
    skipped: list[str] = []
    unused_codes: dict[str, str] = {}  # label: notice type, of the notices skipped
    for i, source in enumerate(items):
        data, label = read_source(source, i)
        root, document = parse_notice(data, label)
        notice_type = notice_type_of(root, label)
        if notice_type not in USED_KINDS:
            problem = Text("is a %(kind)s (%(code)s), which the import does not use: "
                           "it reads contract notices and contract award notices",
                           kind=notice_kind(notice_type), code=notice_type)
            if unused == "error":
                raise EformsError(label, problem, place="BT-02-notice")
            skipped.append(f"{label} skipped: it {problem}.")  # a note of the data: English
            unused_codes[label] = notice_type
            continue
        notices.append(read_notice(root, document, label))
    if not notices:
        raise EformsError(", ".join(unused_codes) or "sources", Text(
            "no notice to import was given: the import reads contract notices and contract award notices, "
            "not these (%(codes)s)", codes=", ".join(dict.fromkeys(unused_codes.values()))))
    first = notices[0]
    for notice in notices[1:]:
        if notice.folder != first.folder:
            raise EformsError(notice.label, Text(
                "is of another procedure than %(other)s (procedure identifier %(folder)s): notices are "
                "linked by it", other=first.label, folder=repr(first.folder)),
                              place="BT-04-notice", value=notice.folder)
    # Dispatch date, then time, then version: the order the notices were sent in.
    notices.sort(key=lambda n: (n.dispatched, n.dispatch_time or dt.time(0), n.version))
    return notices, skipped


def from_eforms(sources: object, *, rulebook: str = "aw2012", unused: Unused = "error") -> Procedure:
    """The procedure that one or more eForms notices of it describe.

    ``sources`` is a path, bytes, or a list of them: contract notices, change
    notices and contract award notices of one procedure (one BT-04). A notice
    of another kind (a prior information notice, a modification notice) is an
    :class:`EformsError` naming its file, or with ``unused="skip"`` is left
    out with a note in ``data.notes``.

    >>> import achterhoek_inkoop as ai
    >>> proc = ai.from_eforms("tests/eforms/data/cn_24_open.xml")          # doctest: +SKIP
    >>> [e.type for e in proc.events]                                       # doctest: +SKIP
    ['tender_start']
    """
    load_rulebook(rulebook)  # an unknown name: the library's error naming it, before any file is read
    notices, notes = read_notices(sources, unused=unused)
    return Procedure(_procedure_data(notices, notes, rulebook))


def _procedure_data(notices: list[Notice], notes: list[str], rulebook: str) -> ProcedureData:
    # A change notice replaces the notice it changes: the latest version of each chain counts.
    replaced_by: dict[str, Notice] = {}
    by_key = {n.key: n for n in notices}
    for notice in notices:
        if notice.changes is not None:
            if notice.changes in by_key:
                replaced_by[notice.changes] = notice
            else:
                notes.append(f"{_key(notice)} changes notice {notice.changes}, which is not among the "
                             "imported "
                             "notices: its facts are taken as they are.")
    current = [n for n in notices if n.key not in replaced_by]
    folder = notices[0].folder
    proc_id = folder.lower()
    if not _SLUG.match(proc_id):
        proc_id = re.sub(r"[^a-z0-9]+", "-", proc_id).strip("-") or "eforms"
        notes.append(f"The procedure identifier (BT-04) {folder!r} is not a valid id; "
                     f"it is {proc_id!r} here.")
    title = next((n.title for n in reversed(current) if n.title), None)
    lots = _lots(current)
    segments = tuple(Segment(id=_slug(lot.id), name=lot.title or lot.id, source=_key(src))
                     for lot, src in lots.values())
    if not segments:
        raise EformsError(notices[-1].label, Text("names no lot (BT-137): there is nothing to follow"),
                          place="BT-137-Lot")
    events: list[Event] = []
    events += _tender_starts(notices, replaced_by, lots, notes)
    events += _awards(current, lots, notes)
    events.sort(key=lambda e: (e.on, _RANK.get(e.type, 9)))
    events = _with_ids(events)
    return ProcedureData.model_validate({
        "procedure_type": _procedure_type(current, notes),
        "id": proc_id,
        "name": title or f"eForms procedure {folder}",
        "segments": segments,
        "rulebook": rulebook,
        "sources": {_key(n): f"{n.kind} {n.notice_id} version {n.version}, dispatched "
                    f"{n.dispatched.isoformat()} ({n.label.rsplit('/', 1)[-1]})" for n in notices},
        "notes": tuple(notes),
        "events": tuple(events),
    })


def _key(notice: Notice) -> str:
    return f"eForms {notice.key}"


def _slug(lot_id: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", lot_id.lower()).strip("-") or "lot"


def _lots(notices: list[Notice]) -> dict[str, tuple[Lot, Notice]]:
    """Every lot by id, as the latest notice describing it has it."""
    lots: dict[str, tuple[Lot, Notice]] = {}
    for notice in notices:
        for lot in notice.lots:
            lots[lot.id] = (lot, notice)
    return lots


def _procedure_type(notices: list[Notice], notes: list[str]) -> ProcedureType | None:
    code = next((n.procedure_code for n in reversed(notices) if n.procedure_code), None)
    if code is None:
        notes.append("The notices give no procedure type (BT-105).")
        return None
    if code in PROCEDURE_TYPES:
        return PROCEDURE_TYPES[code]
    if code in _OTHER_CODES and any(n.social for n in notices):
        return _SOCIAL_TYPE
    notes.append(f"The procedure type (BT-105) is {code!r}: it names no procedure of the Aanbestedingswet "
                 "outside the light regime for social and other specific services, so no Dutch procedure "
                 "type is chosen.")
    return None


def _tender_starts(notices: list[Notice], replaced_by: dict[str, Notice],
                   lots: dict[str, tuple[Lot, Notice]], notes: list[str]) -> list[Event]:
    """The tender start of the first contract notice, its facts from the latest version of it."""
    originals = [n for n in notices if not n.is_award and (n.changes is None or n.changes not in
                                                             {m.key for m in notices})]
    if not originals:
        return _assumed_start(notices, notes)
    original = originals[0]
    latest = original
    chain = [original]
    while latest.key in replaced_by:
        latest = replaced_by[latest.key]
        chain.append(latest)
    source = "; ".join(_key(n) for n in chain)
    events: list[Event] = []
    groups: dict[tuple[dt.date | None, dt.date | None, bool | None, bool | None, str | None], list[Lot]] = {}
    for lot in latest.lots:
        groups.setdefault((lot.deadline, lot.requests_deadline, lot.electronic_submission, lot.free_access,
                           lot.prior_notice), []).append(lot)
    all_lots = len(groups) == 1 and len(latest.lots) == len(lots)
    for (deadline, requests, electronic, free, prior), members in groups.items():
        notes_of_start = []
        if len(chain) > 1:
            notes_of_start.append(f"Started with {_key(original)} of {original.dispatched.isoformat()}; "
                                  f"the deadlines are those of the change notice {_key(latest)}.")
        if prior is not None:
            notes_of_start.append(f"Refers to the prior information notice {prior} (BT-125); whether it "
                                  "met the conditions of a shorter minimum period is not in the notice.")
        note = " ".join(notes_of_start) or None
        for name, day in (("BT-131", deadline), ("BT-1311", requests)):
            if day is not None and day < original.dispatched:
                notes.append(f"{source}: the {name} deadline {day.isoformat()} is before the notice was sent "
                             f"({original.dispatched.isoformat()}): left out.")
        deadline = deadline if deadline is not None and deadline >= original.dispatched else None
        requests = requests if requests is not None and requests >= original.dispatched else None
        events.append(TenderStart(
            on=original.dispatched, segments=None if all_lots else tuple(_slug(m.id) for m in members),
            deadline=deadline, requests_deadline=requests, electronic_submission=electronic,
            free_access=free, accelerated=latest.accelerated,
            prior_information_notice=True if prior is not None else None, source=source, note=note))
    if latest.change_reason == "cancel":
        events.append(Cancellation(
            on=latest.dispatched, source=_key(latest),
            reason="the change notice cancels the procedure (BT-140 'cancel')"))
    for lot in latest.lots:
        if lot.start is not None:
            notes.append(f"{_key(latest)} plans the contract period of {lot.id} from "
                         f"{lot.start.isoformat()}; "
                         "no contract is recorded before an award notice says the lot was awarded.")
    return events


def _assumed_start(notices: list[Notice], notes: list[str]) -> list[Event]:
    """An award notice without its contract notice: the tender started, but the notices do not say when."""
    award = notices[0]
    days = [d for n in notices for r in n.results for c in r.contracts for d in (c.decided, c.concluded) if d]
    on = min([*days, award.dispatched])
    notes.append("The imported notices hold no contract notice: the tender start is an assumption.")
    return [TenderStart(
        on=on, source=f"{_key(award)}; assumption: no contract notice was imported, so the tender is "
        "taken to "
        f"have started on {on.isoformat()}, the earliest date the award notice gives: it cannot have started "
        "later")]


def _awards(notices: list[Notice], lots: dict[str, tuple[Lot, Notice]], notes: list[str]) -> list[Event]:
    """Award decisions, final awards and contracts per lot, from the latest award notice on each lot."""
    results: dict[str, tuple[LotResult, Notice]] = {}
    for notice in notices:
        if notice.is_award:
            for result in notice.results:
                results[result.lot] = (result, notice)
    events: list[Event] = []
    for lot_id, (result, notice) in results.items():
        if lot_id not in lots:
            notes.append(f"{_key(notice)} gives a result for {lot_id}, which no notice describes: left out.")
            continue
        segment = (_slug(lot_id),)
        source = _key(notice)
        if result.status == "open-nw":
            notes.append(f"{lot_id}: {source} says the lot is still open (BT-142 'open-nw'): no award yet.")
            continue
        decided = sorted({c.decided for c in result.contracts if c.decided})
        concluded = sorted({c.concluded for c in result.contracts if c.concluded})
        if result.status == "clos-nw":
            events.append(_not_awarded(notice, segment, decided))
            continue
        if result.status != "selec-w":
            notes.append(f"{lot_id}: {source} gives the result {result.status!r} (BT-142), which the import "
                         "does not know: left out.")
            continue
        if not decided:
            notes.append(f"{lot_id}: {source} says a winner was chosen (BT-142 'selec-w') but gives "
                         "no winner "
                         "decision date (BT-1451): no award decision is recorded.")
        else:
            events.append(AwardDecision(on=decided[0], outcome="awarded", segments=segment, source=source,
                                        note=_award_note(notice, decided)))
        if concluded:
            dates = ", ".join(d.isoformat() for d in concluded)
            more = (f" The settled contracts were concluded on {dates}; "
                    "the earliest counts." if len(concluded) > 1 else "")
            events.append(FinalAward(on=concluded[0], segments=segment, source=source,
                                     note=f"The contract conclusion date (BT-145).{more}"))
        events += _contract(lots[lot_id][0], segment, source, notes)
    return events


def _award_note(notice: Notice, decided: list[dt.date]) -> str:
    note = "The winner decision date (BT-1451)."
    if len(decided) > 1:
        note += (f" The settled contracts give {', '.join(d.isoformat() for d in decided)}; the earliest "
                 "counts, as its standstill ends first.")
    if notice.social:
        note += (" A notice of the light regime (social and other specific services) does not say whether a "
                 "standstill was observed: the rulebook's is assumed.")
    return note


def _not_awarded(notice: Notice, segment: tuple[str, ...], decided: list[dt.date]) -> AwardDecision:
    if decided:
        return AwardDecision(on=decided[0], outcome="not_awarded", segments=segment, source=_key(notice),
                             note="Closed without a winner (BT-142 'clos-nw'), on the decision date given.")
    return AwardDecision(
        on=notice.dispatched, outcome="not_awarded", segments=segment, source=_key(notice),
        note="Closed without a winner (BT-142 'clos-nw'). The notice gives no decision date: the decision is "
             "dated on the notice's dispatch date (BT-05), the latest it can have been taken.")


def _contract(lot: Lot, segment: tuple[str, ...], source: str, notes: list[str]) -> list[Event]:
    if lot.start is None:
        notes.append(f"{lot.id}: the notices give no start of the contract period (BT-536): "
                     "no contract is recorded.")
        return []
    end = lot.end
    how = "BT-536 to BT-537"
    if end is None and lot.duration is not None and lot.duration[1] in _UNITS:
        amount, unit = lot.duration
        step = {"days": relativedelta(days=amount), "weeks": relativedelta(weeks=amount),
                "months": relativedelta(months=amount), "years": relativedelta(years=amount)}[_UNITS[unit]]
        end = lot.start + step - dt.timedelta(days=1)
        how = f"BT-536 and BT-36 ({amount} {_UNITS[unit]})"
    if end is None or end < lot.start:
        notes.append(f"{lot.id}: the notices give no usable end of the contract period (BT-537 or BT-36): "
                     "no contract is recorded.")
        return []
    return [Contract(on=lot.start, initial_end=end, max_end=end, segments=segment, source=source,
                     note=f"The contract period ({how}). The notice gives no extensions: the maximum end is "
                          "the initial one.")]


def _with_ids(events: list[Event]) -> list[Event]:
    """``events`` with a stable ``id`` each: the lot (the first, for a start of some lots) and the type.

    An id from the lot and what happened ("lot-0001-award-decision") rather
    than from a notice: a change notice or a corrected award notice has an id
    of its own, and a calendar made from a later import must update the
    entries of the earlier one (the procedure, BT-04, is in the UID already).
    """
    done: list[Event] = []
    taken: set[str] = set()
    for event in events:
        segments = getattr(event, "segments", None)
        base = "-".join([*(segments or ())[:1], event.type.replace("_", "-")])
        name, n = base, 1
        while name in taken:  # not expected from the notices; the id stays unique all the same
            n += 1
            name = f"{base}-{n}"
        taken.add(name)
        done.append(event.model_copy(update={"id": name}))
    return done
