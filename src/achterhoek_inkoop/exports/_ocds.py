"""A procedure as an OCDS 1.1 release package, as known on a given date.

Transparency and procurement-data tools speak the Open Contracting Data
Standard (OCDS). :func:`procedure_to_ocds` turns a :class:`Procedure` into one
OCDS 1.1 release package holding one release: a snapshot of the procedure as
it was known at the end of the day ``on``. Events dated after ``on`` are left
out (they were not known yet), so the release of a past date does not change
when later events are recorded; the states the library computes for ``on``
decide every status.

Identifiers and publisher (:mod:`._ocds_options`)
    ``ocid`` is the ocid prefix + the procedure id; the prefix, the package
    ``uri``, the ``publisher`` and the lead ``buyer`` come from the options,
    else from the procedure file's ``ocds`` settings. Without them the prefix
    is ``ocds-xxxxxx-``, the placeholder OCDS itself uses, and the ``uri`` lies
    under ``example.org``: :func:`ocds_warnings` says so. The release ``id`` is
    ``<procedure id>-<on>``: two exports of one date are identical. Other ids
    come from the data's ids and the events' dates.

Buyers
    Every municipality is a party with the role ``buyer`` (its budget pays for
    the contracts it joined). OCDS 1.1 has one ``buyer`` per release: it is the
    lead buyer (penvoerder) given as ``buyer``, or the only municipality; of
    several, none is picked. The lead buyer also manages the procedure, so it
    is the ``tender.procuringEntity`` and has that role too.

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

Language
    The release's ``language`` is ``lang`` (Dutch by default), and every text
    the export makes (titles, descriptions) is in it; the names and reasons
    the record gives stay as written, citations as the law writes them.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from typing import Any

from .._exceptions import InvalidInputError
from .._i18n import check_lang, translations
from .._safe_io import write_atomic
from .._validate import check_date
from ..lifecycle import Phase
from ..procedure import Procedure
from ..record import AwardDecision, Event, FollowUpResult, Segment, TenderStart
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
from ._ocds_options import OcdsOptions, ocds_options, ocds_warnings
from ._ocds_results import Results

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
    "ocds_warnings",
    "procedure_to_ocds",
    "write_ocds",
]


def procedure_to_ocds(proc: Procedure, on: dt.date, *, ocid_prefix: str | None = None,
                      publisher: str | None = None, uri: str | None = None,
                      buyer: str | None = None, lang: str = "nl") -> dict[str, Any]:
    """An OCDS 1.1 release package for ``proc`` as known at the end of ``on``.

    One release; events after ``on`` are ignored and the states on ``on``
    decide the statuses (see the module documentation for the mapping).
    ``ocid_prefix`` (registered with the Open Contracting Partnership),
    ``publisher`` (a name), ``uri`` (the package's address; ``{id}`` and
    ``{on}`` are filled in) and ``buyer`` (the lead buyer: a municipality id
    or an organisation's name) override the procedure file's ``ocds``
    settings; what neither gives stays a placeholder, which
    :func:`ocds_warnings` reports.

    ``lang`` (``"nl"``, the default, or ``"en"``) is the release's ``language``
    and the language of every text the export makes: award titles, the
    descriptions of lots, awards and contracts, the procurement method's
    details and the default publisher's name. The names the record gives
    (the procedure, segments, municipalities, reasons) stay as written, and
    citations as the law writes them.

    Raises:
        InvalidInputError: ``proc`` is not a Procedure, ``on`` not a date, ``lang``
            not ``"nl"`` or ``"en"``, or an option not of its form.
        MissingExtraError: the system has no time zone data (install ``tzdata``).

    >>> import achterhoek_inkoop as ai
    >>> package = procedure_to_ocds(ai.inkoop2022(), dt.date(2022, 3, 20))
    >>> release = package["releases"][0]
    >>> release["ocid"], release["tag"], release["tender"]["status"]
    ('ocds-xxxxxx-inkoop-2022', ['award'], 'active')
    >>> [award["status"] for award in release["awards"]]
    ['pending', 'pending', 'pending', 'pending', 'unsuccessful', 'unsuccessful']
    >>> english = procedure_to_ocds(ai.inkoop2022(), dt.date(2022, 3, 20), lang="en")["releases"][0]
    >>> english["language"], english["awards"][0]["title"]
    ('en', 'Wmo Wonen (voorheen Beschermd Wonen): provisional award')
    """
    if not isinstance(proc, Procedure):
        raise InvalidInputError("proc", proc, "is not a Procedure")
    on = check_date("on", on, in_calendar=False)
    lang = check_lang(lang)
    options = ocds_options(proc, ocid_prefix=ocid_prefix, publisher=publisher, uri=uri, buyer=buyer)
    return _Export(proc, on, options, lang).package()


def ocds_json(proc: Procedure, on: dt.date, *, lang: str = "nl", **options: str | None) -> str:
    """The release package of :func:`procedure_to_ocds` (same options and ``lang``) as indented
    JSON text (UTF-8, no escapes)."""
    return json.dumps(procedure_to_ocds(proc, on, lang=lang, **options), indent=2, ensure_ascii=False) + "\n"


def write_ocds(proc: Procedure, on: dt.date, path: str | os.PathLike[str], *, lang: str = "nl",
               force: bool = False, **options: str | None) -> None:
    """Write the release package (in ``lang``) to ``path`` atomically (a crash leaves the old file
    intact); a read-only file only with ``force=True``."""
    write_atomic(path, ocds_json(proc, on, lang=lang, **options), force=force)


class _Export(Results):
    """One export: the procedure cut at ``on`` and the OCDS objects built from it."""

    def __init__(self, proc: Procedure, on: dt.date, options: OcdsOptions, lang: str) -> None:
        self.on = on
        self.options = options
        self.lang = lang
        self._ = translations(lang).gettext
        # The procedure as it was recorded by ``on``: its timeline holds the
        # standstills and contract ends known then, and its plans those published by then.
        self.proc = proc.as_known_on(on)
        data = self.proc.data
        self.ocid = options.ocid_prefix + data.id
        self.names = {s.id: s.name for s in data.segments}
        # Events in the order the timeline applies them: by date, then as recorded.
        self.events: list[Event] = sorted(data.events, key=lambda e: e.on)
        self.awards: dict[str, list[tuple[str, AwardDecision | FollowUpResult]]] = {
            s: [] for s in data.segment_ids}

    # -- package ---------------------------------------------------------
    def package(self) -> dict[str, Any]:
        stamp = ocds_datetime(self.on)
        return {
            "uri": self.options.package_uri(self.proc.data.id, self.on),
            "version": OCDS_VERSION,
            "extensions": [LOTS_EXTENSION],
            "publishedDate": stamp,
            "publisher": {"name": self._(PUBLISHER) if self.options.publisher == PUBLISHER
                          else self.options.publisher},
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
            # The library's own texts are in ``lang``; the data's names stay as the record gives them.
            "language": self.lang,
        }
        parties, lead = self.parties()
        if parties:
            release["parties"] = parties
        if lead is not None:
            release["buyer"] = lead
        release["tender"] = self.tender(phase, lead)
        awards = self.award_list()
        if awards:
            release["awards"] = awards
        contracts = self.contract_list()
        if contracts:
            release["contracts"] = contracts
        return release

    def parties(self) -> tuple[list[dict[str, Any]], dict[str, str] | None]:
        """The parties, and the lead buyer's reference (``None`` when none is named).

        Every municipality buys (its budget pays for the contracts it joined);
        the lead buyer, given or the only municipality, also manages the procedure.
        """
        municipalities = self.proc.data.municipalities
        ids = {m.id for m in municipalities}
        lead = self.options.buyer
        if lead is None and len(municipalities) == 1:
            lead = municipalities[0].id
        # A municipality may be named by its id or its name.
        lead = next((m.id for m in municipalities if lead in (m.id, m.name)), lead)
        parties = [{"id": m.id, "name": m.name,
                    "roles": ["buyer", "procuringEntity"] if m.id == lead else ["buyer"]}
                   for m in municipalities]
        if lead is None:
            return parties, None
        if lead in ids:
            return parties, next({"id": m.id, "name": m.name} for m in municipalities if m.id == lead)
        # An organisation that buys for the municipalities (a joint body): a party of its own.
        party_id = re.sub(r"[^a-z0-9]+", "-", lead.lower()).strip("-") or "buyer"
        while party_id in ids:
            party_id += "-buyer"
        parties.insert(0, {"id": party_id, "name": lead, "roles": ["buyer", "procuringEntity"]})
        return parties, {"id": party_id, "name": lead}

    # -- tender and lots ---------------------------------------------------
    def tender(self, phase: Phase, lead: dict[str, str] | None) -> dict[str, Any]:
        data = self.proc.data
        states = [self.state(s) for s in data.segment_ids]
        status = TENDER_STATUS[phase]
        if phase == Phase.GUNNING and all(lot_status(s) == "unsuccessful" for s in states):
            status = "unsuccessful"
        tender: dict[str, Any] = {"id": data.id, "title": data.name, "status": status}
        if lead is not None:
            tender["procuringEntity"] = dict(lead)
        tender["mainProcurementCategory"] = "services"
        kind = data.procedure_type
        if kind is not None and PROCUREMENT_METHODS[kind] is not None:
            tender["procurementMethod"] = PROCUREMENT_METHODS[kind]
        details = [] if kind is None else [kind.label.nl if self.lang == "nl" else kind.label.both]
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
        _ = self._
        parts = [_("Domains: %(names)s.") % {"names": ", ".join(segment.domains)}] if segment.domains else []
        if joined:
            parts.append(_("Municipalities: %(names)s.") % {"names": ", ".join(joined)})
        deadline = self.deadlines().get(segment.id)
        if deadline is not None:
            parts.append(_("Time limit for receipt of tenders: %(date)s.") % {"date": deadline.isoformat()})
        if parts:
            lot["description"] = " ".join(parts)
        return lot
