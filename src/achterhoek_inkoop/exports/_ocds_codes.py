"""The codes of an OCDS export: identifiers, tags and statuses, and OCDS's date-times.

What each lifecycle state means in OCDS terms is derived from the state's
declared properties (:func:`lot_status`, :func:`award_status`); the phase of
the procedure gives the release tag and the tender status.
"""

from __future__ import annotations

import datetime as dt

from .._i18n import N_
from .._validate import check_date
from ..calendar import AMSTERDAM, ProcedureType, amsterdam_zone
from ..lifecycle import Phase, SegmentState

__all__ = [
    "LOTS_EXTENSION",
    "OCDS_VERSION",
    "OCID_PREFIX",
    "PACKAGE_URI_BASE",
    "PROCUREMENT_METHODS",
    "PUBLISHER",
    "RELEASE_TAGS",
    "TENDER_STATUS",
    "TIME_ZONE",
    "award_status",
    "lot_status",
    "ocds_datetime",
]

#: The OCDS version of the package (major.minor, as the schema wants it).
OCDS_VERSION = "1.1"
#: Placeholder ocid prefix (the one OCDS's own documentation uses); register a real one before publishing.
OCID_PREFIX = "ocds-xxxxxx-"
#: Placeholder base of the package ``uri`` (example.org is reserved for examples, RFC 2606).
PACKAGE_URI_BASE = "https://example.org/achterhoek-inkoop/ocds/"
#: The package publisher: the export is not an official publication of the contracting authorities
#: (in English; an export in Dutch names it in Dutch).
PUBLISHER = N_("achterhoek_inkoop (unofficial export, not published by the contracting authorities)")
#: The Lots extension (segments are lots: tender.lots, awards[].relatedLots).
LOTS_EXTENSION = (
    "https://raw.githubusercontent.com/open-contracting-extensions/ocds_lots_extension/v1.1.5/extension.json"
)
#: The time zone a calendar day is placed in.
TIME_ZONE = AMSTERDAM

RELEASE_TAGS: dict[Phase, str] = {
    Phase.DIALOOG: "planning",
    Phase.AANBESTEDING: "tender",
    Phase.GUNNING: "award",
    Phase.IMPLEMENTATIE: "award",
    Phase.UITVOERING: "contract",
    Phase.AFGEROND: "contractTermination",
}
TENDER_STATUS: dict[Phase, str] = {
    Phase.DIALOOG: "planning",
    Phase.AANBESTEDING: "active",
    Phase.GUNNING: "active",
    Phase.IMPLEMENTATIE: "complete",
    Phase.UITVOERING: "complete",
    Phase.AFGEROND: "complete",
}


def lot_status(state: SegmentState) -> str:
    """The OCDS status of a lot whose segment is in ``state``, from what the state means.

    >>> lot_status(SegmentState.STANDSTILL), lot_status(SegmentState.NIET_GEGUND)
    ('active', 'unsuccessful')
    """
    spec = state.spec
    if spec.award_final:
        return "complete"
    if spec.closed_to_dialogue:  # in a tender, or an award not yet final
        return "active"
    return "planning" if spec.phase == Phase.DIALOOG else "unsuccessful"


def award_status(state: SegmentState) -> str:
    """The OCDS status of a segment's latest award that awarded, its segment being in ``state``.

    ``pending`` while the decision is not yet final (OCDS: not yet in force),
    ``active`` once it is, ``cancelled`` when the segment left the award
    (a kort geding upheld it away).

    >>> award_status(SegmentState.STANDSTILL), award_status(SegmentState.IN_UITVOERING)
    ('pending', 'active')
    """
    spec = state.spec
    if spec.award_pending:
        return "pending"
    return "active" if spec.award_final else "cancelled"


def ocds_datetime(day: dt.date, *, end_of_day: bool = False) -> str:
    """``day`` as an OCDS date-time: its midnight (or ``23:59:59``) in Europe/Amsterdam.

    The offset is that day's: +01:00 in winter, +02:00 in summer time.

    >>> ocds_datetime(dt.date(2022, 3, 14))
    '2022-03-14T00:00:00+01:00'
    >>> ocds_datetime(dt.date(2025, 6, 30), end_of_day=True)
    '2025-06-30T23:59:59+02:00'
    """
    day = check_date("day", day, in_calendar=False)
    moment = dt.time(23, 59, 59) if end_of_day else dt.time(0, 0, 0)
    return dt.datetime.combine(day, moment, tzinfo=amsterdam_zone()).isoformat()


_P = ProcedureType
#: OCDS's ``tender.procurementMethod`` of each procedure type, as the OCDS-for-eForms mapping
#: gives it for the codes of BT-105 (open; restricted, negotiated with a call, competitive dialogue
#: and innovation partnership selective; negotiated without a call limited). The Dutch procedures
#: below the thresholds are our reading of the codelist (several invited: limited; one: direct);
#: the light regime for social services may use any procedure, so it has none.
PROCUREMENT_METHODS: dict[ProcedureType, str | None] = {
    _P.OPENBAAR: "open",
    _P.NIET_OPENBAAR: "selective",
    _P.MEDEDINGINGSPROCEDURE_MET_ONDERHANDELING: "selective",
    _P.CONCURRENTIEGERICHTE_DIALOOG: "selective",
    _P.INNOVATIEPARTNERSCHAP: "selective",
    _P.ONDERHANDELINGSPROCEDURE_ZONDER_AANKONDIGING: "limited",
    _P.MEERVOUDIG_ONDERHANDS: "limited",
    _P.ENKELVOUDIG_ONDERHANDS: "direct",
    _P.SOCIALE_EN_ANDERE_SPECIFIEKE_DIENSTEN: None,
}
