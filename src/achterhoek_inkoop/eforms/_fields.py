"""Every eForms field the import reads, in one table: business term, SDK field id, path, meaning.

Each path is relative to a context node of :data:`CONTEXTS`; the context's
path joined to the field's is the field's ``xpathAbsolute`` in the SDK's
``fields/fields.json`` (eForms SDK 1.16), so a reader can check each line
there (a test does, against the copy in ``tests/eforms/data``). The paths
are the SDK's text verbatim, evaluated by lxml's XPath (``lxml.etree.XPath``
with :data:`NAMESPACES`), each compiled once, when an import first needs it.

Left out on purpose: ``/*/cac:TenderResult/cbc:AwardDate`` is a dummy
every award notice carries (``2000-01-01Z``), not the winner decision date
(BT-1451 is per settled contract); BT-15 and BT-615 (the documents' URLs)
are not needed, since BT-14 already says whether access is restricted.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any, Literal

from .._exceptions import require

__all__ = [
    "CONTEXTS", "FIELDS", "NAMESPACES", "Context", "Field", "Path", "contexts", "element_text", "field",
    "lot_documents",
]

#: The prefixes of the SDK's XPaths (eForms SDK, ``fields/fields.json``).
NAMESPACES = {
    "cbc": "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2",
    "cac": "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2",
    "ext": "urn:oasis:names:specification:ubl:schema:xsd:CommonExtensionComponents-2",
    "efac": "http://data.europa.eu/p27/eforms-ubl-extension-aggregate-components/1",
    "efbc": "http://data.europa.eu/p27/eforms-ubl-extension-basic-components/1",
    "efext": "http://data.europa.eu/p27/eforms-ubl-extensions/1",
}

Context = Literal["notice", "extension", "lot", "document", "lot-result", "settled-contract", "lot-tender"]

_EXTENSION = "/*/ext:UBLExtensions/ext:UBLExtension/ext:ExtensionContent/efext:EformsExtension"
_LOT = "/*/cac:ProcurementProjectLot[cbc:ID/@schemeName='Lot']"
#: The absolute path of each context node, as the SDK writes it.
CONTEXTS: dict[Context, str] = {
    "notice": "/*",
    "extension": _EXTENSION,
    "lot": _LOT,
    "document": f"{_LOT}/cac:TenderingTerms/cac:CallForTendersDocumentReference",
    "lot-result": f"{_EXTENSION}/efac:NoticeResult/efac:LotResult",
    "settled-contract": f"{_EXTENSION}/efac:NoticeResult/efac:SettledContract",
    "lot-tender": f"{_EXTENSION}/efac:NoticeResult/efac:LotTender",
}


@dataclass(frozen=True)
class Field:
    """One field of the SDK: its business term, SDK id, context and relative path."""

    bt: str
    sdk_id: str
    context: Context
    xpath: str
    description: str

    @property
    def absolute(self) -> str:
        """The path from the document, as ``fields.json`` gives it."""
        return f"{CONTEXTS[self.context]}/{self.xpath}"


_F = Field
#: The fields read, by SDK field id.
FIELDS: dict[str, Field] = {f.sdk_id: f for f in (
    _F("BT-05", "BT-05(a)-notice", "notice", "cbc:IssueDate", "dispatch date of the notice"),
    _F("BT-05", "BT-05(b)-notice", "notice", "cbc:IssueTime", "dispatch time of the notice"),
    _F("BT-701", "BT-701-notice", "notice", "cbc:ID[@schemeName='notice-id']", "notice identifier"),
    _F("BT-757", "BT-757-notice", "notice", "cbc:VersionID", "notice version"),
    _F("BT-02", "BT-02-notice", "notice", "cbc:NoticeTypeCode", "notice type (cn-standard, can-social, ...)"),
    _F("BT-03", "BT-03-notice", "notice", "cbc:NoticeTypeCode/@listName",
       "form type (competition, result, ...)"),
    _F("OPP-070", "OPP-070-notice", "extension", "efac:NoticeSubType/cbc:SubTypeCode", "notice subtype"),
    _F("BT-04", "BT-04-notice", "notice", "cbc:ContractFolderID",
       "procedure identifier: the notices of one procedure share it"),
    _F("BT-21", "BT-21-Procedure", "notice", "cac:ProcurementProject/cbc:Name", "title of the procedure"),
    _F("BT-105", "BT-105-Procedure", "notice", "cac:TenderingProcess/cbc:ProcedureCode", "procedure type"),
    _F("BT-106", "BT-106-Procedure", "notice",
       "cac:TenderingProcess/cac:ProcessJustification[cbc:ProcessReasonCode/@listName='accelerated-procedure']"
       "/cbc:ProcessReasonCode", "procedure accelerated (true/false)"),
    _F("BT-758", "BT-758-notice", "extension", "efac:Changes/efbc:ChangedNoticeIdentifier",
       "change notice: the notice (identifier-version) it changes"),
    _F("BT-13716", "BT-13716-notice", "extension", "efac:Changes/efac:Change/efbc:ChangedSectionIdentifier",
       "change notice: the sections it changes"),
    _F("BT-140", "BT-140-notice", "extension", "efac:Changes/efac:ChangeReason/cbc:ReasonCode",
       "change notice: why (cancel, update-add, ...)"),
    _F("BT-137", "BT-137-Lot", "lot", "cbc:ID", "lot identifier"),
    _F("BT-21", "BT-21-Lot", "lot", "cac:ProcurementProject/cbc:Name", "title of the lot"),
    _F("BT-131", "BT-131(d)-Lot", "lot",
       "cac:TenderingProcess/cac:TenderSubmissionDeadlinePeriod/cbc:EndDate", "deadline for tenders (date)"),
    _F("BT-131", "BT-131(t)-Lot", "lot",
       "cac:TenderingProcess/cac:TenderSubmissionDeadlinePeriod/cbc:EndTime", "deadline for tenders (time)"),
    _F("BT-1311", "BT-1311(d)-Lot", "lot",
       "cac:TenderingProcess/cac:ParticipationRequestReceptionPeriod/cbc:EndDate",
       "deadline for requests to participate (date)"),
    _F("BT-17", "BT-17-Lot", "lot", "cac:TenderingProcess/cbc:SubmissionMethodCode[@listName='esubmission']",
       "electronic submission: required, allowed or not-allowed"),
    _F("BT-125", "BT-125(i)-Lot", "lot", "cac:TenderingProcess/cac:NoticeDocumentReference/cbc:ID",
       "previous planning identifier: the prior information notice the lot refers to"),
    _F("BT-14", "BT-14-Lot", "document", "cbc:DocumentType",
       "documents restricted: restricted-document or non-restricted-document"),
    _F("BT-536", "BT-536-Lot", "lot", "cac:ProcurementProject/cac:PlannedPeriod/cbc:StartDate",
       "start of the contract period"),
    _F("BT-537", "BT-537-Lot", "lot", "cac:ProcurementProject/cac:PlannedPeriod/cbc:EndDate",
       "end of the contract period"),
    _F("BT-36", "BT-36-Lot", "lot", "cac:ProcurementProject/cac:PlannedPeriod/cbc:DurationMeasure",
       "duration of the contract period (its unitCode: DAY, WEEK, MONTH, YEAR)"),
    _F("BT-142", "BT-142-LotResult", "lot-result", "cbc:TenderResultCode",
       "winner chosen: selec-w, clos-nw (closed, no winner) or open-nw (still open)"),
    _F("BT-13713", "BT-13713-LotResult", "lot-result", "efac:TenderLot/cbc:ID", "the lot of a lot result"),
    _F("OPT-315", "OPT-315-LotResult", "lot-result", "efac:SettledContract/cbc:ID",
       "the settled contracts of a lot result"),
    _F("OPT-320", "OPT-320-LotResult", "lot-result", "efac:LotTender/cbc:ID", "the tenders of a lot result"),
    _F("OPT-316", "OPT-316-Contract", "settled-contract", "cbc:ID", "settled contract identifier"),
    _F("BT-1451", "BT-1451-Contract", "settled-contract", "cbc:AwardDate",
       "winner decision date (per settled contract)"),
    _F("BT-145", "BT-145-Contract", "settled-contract", "cbc:IssueDate", "contract conclusion date"),
    _F("BT-3202", "BT-3202-Contract", "settled-contract", "efac:LotTender/cbc:ID",
       "the tenders a settled contract is based on"),
    _F("OPT-321", "OPT-321-Tender", "lot-tender", "cbc:ID", "tender identifier"),
    _F("BT-13714", "BT-13714-Tender", "lot-tender", "efac:TenderLot/cbc:ID", "the lot of a tender"),
)}


class Path:
    """An XPath of the table, compiled by lxml on first use: its elements, or their values.

    ``nodes`` gives the elements the path selects; ``values`` the stripped
    text of each (its own text nodes, so a comment inside a value does not
    cut it short), or the attribute it ends in; ``first`` the first
    non-empty value.
    """

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text

    def __repr__(self) -> str:
        return f"Path({self.text!r})"

    def nodes(self, start: Any) -> list[Any]:
        """The elements the path selects from ``start`` (an lxml element)."""
        return [n for n in _compiled(self.text)(start) if not isinstance(n, str)]

    def values(self, start: Any) -> list[str]:
        """The stripped text of every element the path selects, or the attribute it ends in."""
        return [n.strip() if isinstance(n, str) else element_text(n) for n in _compiled(self.text)(start)]

    def first(self, start: Any) -> str | None:
        """The first non-empty value, or ``None``."""
        return next((v for v in self.values(start) if v), None)


@functools.cache
def _compiled(path: str) -> Any:
    etree: Any = require("lxml.etree", "eforms")
    return etree.XPath(path, namespaces=NAMESPACES, smart_strings=False)


def element_text(element: Any) -> str:
    """The stripped text of an element: its own text nodes, joined."""
    return "".join(_compiled("text()")(element)).strip()


_CONTEXT_PATHS: dict[Context, Path] = {
    name: Path(path) for name, path in CONTEXTS.items() if name != "notice"
}
_FIELD_PATHS: dict[str, Path] = {sdk_id: Path(f.xpath) for sdk_id, f in FIELDS.items()}
_LOT_DOCUMENTS = Path(CONTEXTS["document"].removeprefix(CONTEXTS["lot"] + "/"))


def field(sdk_id: str) -> Path:
    """The relative path of the field ``sdk_id``."""
    return _FIELD_PATHS[sdk_id]


def contexts(root: Any, name: Context) -> list[Any]:
    """Every context node ``name`` of the notice whose root is ``root``, by the SDK's absolute path."""
    return [root] if name == "notice" else _CONTEXT_PATHS[name].nodes(root)


def lot_documents(lot: Any) -> list[Any]:
    """The "document" context nodes of one lot (BT-14 is read per lot)."""
    return _LOT_DOCUMENTS.nodes(lot)
