"""The OCDS export: schema-valid release packages whose statuses follow the procedure on a date.

The packages are validated with ``jsonschema`` against the official OCDS 1.1.5
release-package schema in ``../shared/ocds/`` (beside the repository; CI
always has it). The project does not copy the schema, so where the folder is
absent the schema tests skip and say where they looked; the tests of concrete
values run everywhere.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from helpers import REPOSITORY, assert_invalid_input, procedure
from jsonschema import Draft4Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4

import achterhoek_inkoop as ai
from achterhoek_inkoop.exports._ocds import (
    LOTS_EXTENSION,
    OCID_PREFIX,
    ocds_datetime,
    ocds_json,
    procedure_to_ocds,
    write_ocds,
)

#: shared/ is cloned beside the repository.
OCDS_DIR = REPOSITORY.parent / "shared" / "ocds"
PACKAGE_SCHEMA = OCDS_DIR / "release-package-schema.json"
RELEASE_SCHEMA = OCDS_DIR / "release-schema.json"

AWARDED = ("wmo-wonen", "wmo-integrale-ondersteuning", "integrale-ambulante-jeugdhulp",
           "gezins-en-woonvormen")
LOGEREN = "wmo-logeren"
HCJ = "hoog-complexe-jeugdhulp-met-verblijf"
# During the tender, the standstill, after the final award, in the contracts, after them.
INKOOP_DATES = (date(2020, 10, 1), date(2021, 5, 1), date(2021, 11, 1), date(2022, 3, 14),
                date(2022, 3, 20), date(2022, 4, 4), date(2022, 4, 5), date(2022, 4, 10),
                date(2022, 7, 15), date(2023, 2, 1), date(2025, 7, 1))
BUILT_DATES = (date(2022, 12, 1), date(2023, 5, 15), date(2023, 5, 25), date(2023, 6, 20),
               date(2023, 7, 15), date(2025, 2, 1), date(2025, 4, 1), date(2025, 7, 1),
               date(2026, 7, 1))


# -- the schema --------------------------------------------------------------
_RFC3339 = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})", re.ASCII)


def _format_checker() -> FormatChecker:
    """A format checker that really checks ``date-time`` and ``uri``.

    ``jsonschema`` checks these two formats only with optional packages
    (rfc3339-validator, rfc3987); without them it silently accepts anything.
    Where they are missing, strict stand-ins are registered.
    """
    checker = FormatChecker()
    if "date-time" not in checker.checkers:
        def is_date_time(value: object) -> bool:
            if not isinstance(value, str):
                return True
            if not _RFC3339.fullmatch(value):
                return False
            dt.datetime.fromisoformat(value.replace("Z", "+00:00"))  # raises for 2022-02-30
            return True

        checker.checks("date-time", raises=ValueError)(is_date_time)
    if "uri" not in checker.checkers:
        def is_uri(value: object) -> bool:
            if not isinstance(value, str):
                return True
            parts = urlsplit(value)
            return bool(re.fullmatch(r"[A-Za-z][A-Za-z0-9+.-]*", parts.scheme)) and not re.search(
                r"\s", value)

        checker.checks("uri")(is_uri)
    return checker


@pytest.fixture(scope="module")
def validator() -> Draft4Validator:
    """The release-package schema, its $ref to the release schema resolved locally (no network)."""
    if not (PACKAGE_SCHEMA.is_file() and RELEASE_SCHEMA.is_file()):
        pytest.skip(f"the OCDS 1.1.5 schemas are not in {OCDS_DIR} (the project does not copy "
                    "them; CI clones shared/ beside the repository, see shared/ocds/README.md)")
    package = json.loads(PACKAGE_SCHEMA.read_text(encoding="utf-8"))
    release = json.loads(RELEASE_SCHEMA.read_text(encoding="utf-8"))
    registry: Registry[Any] = Registry().with_resource(
        release["id"], Resource.from_contents(release, default_specification=DRAFT4))
    return Draft4Validator(package, registry=registry, format_checker=_format_checker())


def _errors(validator: Draft4Validator, package: dict[str, Any]) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
            for e in validator.iter_errors(package)]


def _release(package: dict[str, Any]) -> dict[str, Any]:
    assert len(package["releases"]) == 1
    release: dict[str, Any] = package["releases"][0]
    return release


def _by_lot(items: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {}
    for item in items:
        (lot,) = item["relatedLots"]
        out.setdefault(lot, []).append(item)
    return out


def _export(proc: ai.Procedure, on: date) -> dict[str, Any]:
    """The release in English, whose texts these tests read (test_ocds_lang.py reads the Dutch)."""
    return _release(procedure_to_ocds(proc, on, lang="en"))


# -- procedures built by the tests ----------------------------------------------
def built_procedure() -> ai.Procedure:
    """Two segments, one municipality; a kort geding holds segment b; a extended later."""
    return procedure(
        ai.TenderStart(on=date(2023, 2, 1), procedure="open procedure"),
        ai.AwardDecision(on=date(2023, 5, 1), outcome="awarded", providers=5),
        ai.KortGeding(on=date(2023, 5, 10), segments=("perceel-b",), by="Aanbieder Z"),
        ai.KortGedingRuling(on=date(2023, 6, 15), outcome="rejected", segments=("perceel-b",)),
        ai.Contract(on=date(2023, 7, 1), initial_end=date(2025, 6, 30), max_end=date(2027, 6, 30),
                    providers=5),
        ai.ContractExtension(on=date(2025, 3, 3), extended_to=date(2026, 6, 30), segments=("perceel-a",)),
        id="test-inkoop",
        name="Test procurement",
        segments=(ai.Segment(id="perceel-a", name="Perceel A", domains=("wmo",)),
                  ai.Segment(id="perceel-b", name="Perceel B", domains=("jeugdhulp",))),
        municipalities={"gemeente-x": None},
        max_contract_years=4,
        plans=(ai.Plan(id="plan-1", published=date(2022, 10, 1), reason="First plan",
                       milestones={"aanbesteding": date(2023, 2, 1), "gunning": date(2023, 4, 15),
                                   "contract_start": date(2023, 7, 1)}),),
        record=True,
    )


def upheld_procedure() -> ai.Procedure:
    """The template: an award, a kort geding about it, and the court upholding it."""
    return procedure(
        ai.TenderStart(on=date(2027, 4, 1)),
        ai.AwardDecision(on=date(2027, 5, 3), outcome="awarded"),
        ai.KortGeding(on=date(2027, 5, 10)),
        ai.KortGedingRuling(on=date(2027, 6, 1), outcome="upheld"),
        record=True,
    )


def unsuccessful_procedure() -> ai.Procedure:
    """The template: its one segment not awarded, the authority investigates."""
    return procedure(
        ai.TenderStart(on=date(2027, 4, 1)),
        ai.AwardDecision(on=date(2027, 9, 1), outcome="not_awarded", follow_up="nader_onderzoek",
                         reason="No acceptable bids"),
        record=True,
    )


def early_contract_procedure() -> ai.Procedure:
    """A record the rules flag: a contract that starts inside the standstill."""
    return procedure(
        ai.TenderStart(on=date(2027, 4, 1)),
        ai.AwardDecision(on=date(2027, 5, 3), outcome="awarded"),
        ai.Contract(on=date(2027, 5, 10), initial_end=date(2029, 5, 9), max_end=date(2031, 5, 9)),
    )


def orphan_contract_procedure() -> ai.Procedure:
    """A record the rules flag: a contract with no award at all."""
    return procedure(ai.Contract(on=date(2027, 5, 10), initial_end=date(2029, 5, 9),
                                 max_end=date(2031, 5, 9)))


def _procedures() -> Iterator[tuple[str, ai.Procedure, date]]:
    for on in INKOOP_DATES:
        yield "inkoop2022", ai.inkoop2022(), on
    for on in BUILT_DATES:
        yield "built", built_procedure(), on
    yield "upheld", upheld_procedure(), date(2027, 6, 5)
    again = upheld_procedure()
    again.record(ai.AwardDecision(on=date(2027, 6, 14), outcome="awarded"))
    yield "upheld-again", again, date(2027, 6, 20)
    yield "unsuccessful", unsuccessful_procedure(), date(2027, 9, 2)
    yield "no-municipalities", procedure(municipalities={}), date(2027, 2, 1)
    yield "early-contract", early_contract_procedure(), date(2027, 6, 1)
    yield "orphan-contract", orphan_contract_procedure(), date(2027, 6, 1)


# -- schema validity ------------------------------------------------------------
@pytest.mark.parametrize(("label", "proc", "on"), list(_procedures()),
                         ids=[f"{label}-{on}" for label, _, on in _procedures()])
def test_package_is_valid_ocds(validator: Draft4Validator, label: str, proc: ai.Procedure,
                               on: date) -> None:
    package = procedure_to_ocds(proc, on)
    assert _errors(validator, package) == []
    assert package["version"] == "1.1"
    assert package["extensions"] == [LOTS_EXTENSION]


def test_validator_is_not_vacuous(validator: Draft4Validator) -> None:
    """The validator reaches into the release schema ($ref) and checks date-time formats."""
    good = procedure_to_ocds(ai.inkoop2022(), date(2022, 3, 20))
    assert _errors(validator, good) == []
    cases: list[tuple[list[str | int], object, str]] = [
        (["releases", 0, "date"], "2022-03-20", "date-time"),
        (["releases", 0, "date"], "2022-02-30T00:00:00+01:00", "date-time"),
        (["releases", 0, "awards", 0, "status"], "final", "is not one of"),
        (["releases", 0, "tender", "status"], "open", "is not one of"),
        (["releases", 0, "contracts"], [{"id": "c"}], "'awardID' is a required property"),
        (["uri"], "not a uri", "uri"),
    ]
    for path, value, message in cases:
        bad = copy.deepcopy(good)
        target: Any = bad
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value
        found = _errors(validator, bad)
        assert any(message in error for error in found), (path, value, found)
    bad = copy.deepcopy(good)
    del bad["releases"][0]["ocid"]
    assert any("'ocid' is a required property" in e for e in _errors(validator, bad))


def test_lot_statuses_come_from_the_tender_status_codelist(validator: Draft4Validator) -> None:
    """The Lots extension gives lots the tender status codelist, which the core schema does not check
    on lots: the codes are read from the release schema's Tender.status."""
    release = json.loads(RELEASE_SCHEMA.read_text(encoding="utf-8"))
    codes = {code for code in release["definitions"]["Tender"]["properties"]["status"]["enum"] if code}
    assert "complete" in codes
    for label, proc, on in _procedures():
        lots = _export(proc, on)["tender"]["lots"]
        assert {lot["status"] for lot in lots} <= codes, (label, on)
        assert [lot["id"] for lot in lots] == list(proc.data.segment_ids)


# -- Inkoop 2022 -----------------------------------------------------------------
def test_inkoop2022_during_the_tender() -> None:
    package = procedure_to_ocds(ai.inkoop2022(), date(2021, 5, 1))
    assert package["uri"] == "https://example.org/achterhoek-inkoop/ocds/inkoop-2022/2021-05-01.json"
    assert package["publishedDate"] == "2021-05-01T00:00:00+02:00"
    release = _release(package)
    assert release["ocid"] == f"{OCID_PREFIX}inkoop-2022" == "ocds-xxxxxx-inkoop-2022"
    assert release["id"] == "inkoop-2022-2021-05-01"
    assert release["date"] == "2021-05-01T00:00:00+02:00"
    assert release["tag"] == ["tender"]
    assert release["initiationType"] == "tender"
    assert [p["id"] for p in release["parties"]] == [
        "aalten", "berkelland", "bronckhorst", "doetinchem", "montferland", "oost-gelre",
        "oude-ijsselstreek", "winterswijk"]
    # Each municipality pays for its contracts; none is named the lead, so none manages the procedure.
    assert all(p["roles"] == ["buyer"] for p in release["parties"])
    assert "buyer" not in release  # eight buyers: OCDS 1.1 has room for one, none is picked
    assert "procuringEntity" not in release["tender"]
    assert release["language"] == "nl"
    tender = release["tender"]
    assert tender["id"] == "inkoop-2022"
    assert tender["title"].startswith("Inkoop 2022 Sociaal Domein Achterhoek")
    assert tender["status"] == "active"
    assert tender["tenderPeriod"] == {"startDate": "2021-04-01T00:00:00+02:00"}
    # Not happened yet: the first plan's dates.
    assert tender["awardPeriod"] == {"endDate": "2021-10-01T23:59:59+02:00"}
    assert tender["contractPeriod"] == {"startDate": "2022-01-01T00:00:00+01:00"}
    assert [(lot["id"], lot["status"]) for lot in tender["lots"]] == [
        (seg, "active") for seg in (*AWARDED, LOGEREN, HCJ)]
    assert tender["lots"][0]["title"] == "Wmo Wonen (voorheen Beschermd Wonen)"
    assert "awards" not in release
    assert "contracts" not in release


def test_inkoop2022_before_the_tender_is_a_planning_release() -> None:
    release = _export(ai.inkoop2022(), date(2020, 12, 1))
    assert release["tag"] == ["planning"]
    assert release["tender"]["status"] == "planning"
    assert release["tender"]["tenderPeriod"] == {"startDate": "2021-04-01T00:00:00+02:00"}
    assert {lot["status"] for lot in release["tender"]["lots"]} == {"planning"}
    # Before the first plan was published, no dates at all.
    before = _export(ai.inkoop2022(), date(2020, 10, 1))["tender"]
    assert not {"tenderPeriod", "awardPeriod", "contractPeriod"} & before.keys()


def test_inkoop2022_plan_revision_counts_from_its_publication() -> None:
    """Before 2021-10-15 the contracts were to start 2022-01-01; from then on 2022-07-01."""
    before = _export(ai.inkoop2022(), date(2021, 10, 14))["tender"]
    after = _export(ai.inkoop2022(), date(2021, 11, 1))["tender"]
    assert before["contractPeriod"] == {"startDate": "2022-01-01T00:00:00+01:00"}
    assert after["contractPeriod"] == {"startDate": "2022-07-01T00:00:00+02:00"}
    # The planned award date 2021-10-01 passed without an award: no awardPeriod.
    assert "awardPeriod" not in after


def test_inkoop2022_during_the_standstill_awards_are_pending() -> None:
    release = _export(ai.inkoop2022(), date(2022, 3, 20))
    assert release["tag"] == ["award"]
    assert release["tender"]["status"] == "active"
    assert release["tender"]["awardPeriod"] == {"endDate": "2022-03-14T23:59:59+01:00"}
    awards = _by_lot(release["awards"])
    assert list(awards) == [*AWARDED, LOGEREN, HCJ]
    for seg in AWARDED:
        (award,) = awards[seg]
        assert award["id"] == f"{seg}-award-2022-03-14"
        assert award["status"] == "pending"
        assert award["date"] == "2022-03-14T00:00:00+01:00"
        text = award["description"]
        assert award["title"].endswith(": provisional award")
        assert text.startswith("Provisional award (voorlopige gunning): the award decision "
                               "(gunningsbeslissing) was sent on 2022-03-14 to 61 providers for 4 "
                               "segments together (this one and ")
        assert "the record gives no count per segment" in text
        assert "Alcatel standstill (Aw 2012 art. 2.127): 20 days from 2022-03-15 to " \
               "2022-04-04 (24:00)" in text
        assert "2022-04-03 is a Sunday (Atw art. 1)" in text
        assert "may become final from 2022-04-05" in text
    lots = {lot["id"]: lot["status"] for lot in release["tender"]["lots"]}
    # Wmo Logeren is not awarded: its shortened procedure had not started by then.
    assert lots == {**dict.fromkeys(AWARDED, "active"), LOGEREN: "unsuccessful", HCJ: "unsuccessful"}
    assert "contracts" not in release


def test_inkoop2022_not_awarded_segments_are_unsuccessful() -> None:
    awards = _by_lot(_export(ai.inkoop2022(), date(2022, 3, 20))["awards"])
    (logeren,) = awards[LOGEREN]
    (hcj,) = awards[HCJ]
    assert logeren["status"] == hcj["status"] == "unsuccessful"
    assert logeren["date"] == hcj["date"] == "2022-03-14T00:00:00+01:00"
    assert "did not give a covering care landscape" in logeren["description"]
    assert "verkort proces" in logeren["description"]
    assert "nader onderzoek" in hcj["description"]
    assert hcj["title"] == "Hoog Complexe Jeugdhulp met Verblijf: not awarded"


def test_inkoop2022_award_status_changes_from_pending_to_active() -> None:
    proc = ai.inkoop2022()
    last_day = _by_lot(_export(proc, date(2022, 4, 4))["awards"])   # the standstill's last day
    first_day = _by_lot(_export(proc, date(2022, 4, 5))["awards"])  # it may become final from here
    later = _export(proc, date(2022, 7, 1))                           # the contracts show it was
    for seg in AWARDED:
        assert last_day[seg][0]["status"] == "pending"
        assert first_day[seg][0]["status"] == "pending"
        assert "may become final from 2022-04-05" in first_day[seg][0]["description"]
        (award,) = _by_lot(later["awards"])[seg]
        assert award["id"] == last_day[seg][0]["id"]  # the same award, now in force
        assert award["status"] == "active"
        assert award["title"] == last_day[seg][0]["title"].replace("provisional award", "award")
        assert award["description"].startswith("Award: the award decision")
        assert "Final (definitief) from 2022-04-05." in award["description"]
        assert "Assumption: no final award is recorded; the contract from 2022-07-01" in award["description"]
    lots = {lot["id"]: lot["status"] for lot in later["tender"]["lots"]}
    assert lots == {**dict.fromkeys(AWARDED, "complete"), LOGEREN: "complete", HCJ: "unsuccessful"}


def test_inkoop2022_contracts() -> None:
    release = _export(ai.inkoop2022(), date(2022, 7, 15))
    assert release["tag"] == ["contract"]
    contracts = {c["id"]: c for c in release["contracts"]}
    assert list(contracts) == [f"{seg}-contract-2022-07-01" for seg in (*AWARDED, LOGEREN)]
    for seg in AWARDED:
        contract = contracts[f"{seg}-contract-2022-07-01"]
        assert contract["awardID"] == f"{seg}-award-2022-03-14"
        assert contract["status"] == "active"
        assert contract["period"] == {"startDate": "2022-07-01T00:00:00+02:00",
                                      "endDate": "2025-06-30T23:59:59+02:00",
                                      "maxExtentDate": "2029-06-30T23:59:59+02:00"}
        # 61 providers over the four segments together: never "61" per lot (4 x 61 = 244).
        text = contract["description"]
        assert text.startswith("Contracts from 2022-07-01; ")
        assert "Concluded with 61 providers for 4 segments together (this one and " in text
        assert "Contracts with 61" not in text
    assert "Oude IJsselstreek" in contracts["wmo-wonen-contract-2022-07-01"]["description"]
    assert "Oude IJsselstreek" not in contracts[
        "wmo-integrale-ondersteuning-contract-2022-07-01"]["description"]
    # Wmo Logeren: awarded in the follow-up procedure; its contract follows that award.
    logeren = _by_lot(release["awards"])[LOGEREN]
    assert [(a["id"], a["status"]) for a in logeren] == [
        ("wmo-logeren-award-2022-03-14", "unsuccessful"), ("wmo-logeren-award-2022-07-01", "active")]
    assert "meervoudig onderhandse aanbesteding" in logeren[1]["description"]
    assert contracts["wmo-logeren-contract-2022-07-01"]["awardID"] == "wmo-logeren-award-2022-07-01"
    # One segment, its own count.
    assert contracts["wmo-logeren-contract-2022-07-01"]["description"].startswith(
        "Contracts with 3 providers from 2022-07-01")
    assert logeren[1]["title"] == "Wmo Logeren: award in a follow-up procedure"
    # Hoog Complexe Jeugdhulp: still not awarded, no contract yet.
    assert [a["status"] for a in _by_lot(release["awards"])[HCJ]] == ["unsuccessful"]


def test_inkoop2022_follow_up_award_and_contract_of_hoog_complexe_jeugdhulp() -> None:
    release = _export(ai.inkoop2022(), date(2023, 2, 1))
    hcj = _by_lot(release["awards"])[HCJ]
    assert [(a["id"], a["status"], a["date"]) for a in hcj] == [
        (f"{HCJ}-award-2022-03-14", "unsuccessful", "2022-03-14T00:00:00+01:00"),
        (f"{HCJ}-award-2022-11-16", "active", "2022-11-16T00:00:00+01:00")]
    (contract,) = [c for c in release["contracts"] if c["id"] == f"{HCJ}-contract-2023-01-01"]
    assert contract["awardID"] == f"{HCJ}-award-2022-11-16"
    assert contract["period"]["startDate"] == "2023-01-01T00:00:00+01:00"
    assert contract["status"] == "active"
    assert {lot["status"] for lot in release["tender"]["lots"]} == {"complete"}


def test_inkoop2022_after_the_contracts_ended() -> None:
    release = _export(ai.inkoop2022(), date(2025, 7, 1))
    assert release["tag"] == ["contractTermination"]
    assert release["tender"]["status"] == "complete"
    assert len(release["contracts"]) == 6
    for contract in release["contracts"]:
        assert contract["status"] == "terminated"
        assert contract["period"]["endDate"] == "2025-06-30T23:59:59+02:00"
        assert "On 2024-02-02 it was decided not to extend." in contract["description"]
    # The last day of the contracts they are still active; the decision not to extend is known.
    last = _export(ai.inkoop2022(), date(2025, 6, 30))
    assert {c["status"] for c in last["contracts"]} == {"active"}


def test_events_after_on_are_ignored() -> None:
    """An export equals the export of the record cut at ``on``."""
    proc = ai.inkoop2022()
    for on in INKOOP_DATES:
        known = tuple(e for e in proc.events if e.on <= on)
        cut = ai.Procedure(proc.data.model_copy(update={"events": known}))
        assert procedure_to_ocds(proc, on) == procedure_to_ocds(cut, on)
    assert "awards" not in _export(proc, date(2022, 3, 13))


# -- a procedure built by the test ------------------------------------------------
def test_built_procedure_has_its_one_municipality_as_buyer() -> None:
    proc = built_procedure()
    assert [v for v in proc.check() if v.severity == "error"] == []
    release = _export(proc, date(2022, 12, 1))
    assert release["ocid"] == "ocds-xxxxxx-test-inkoop"
    assert release["buyer"] == {"id": "gemeente-x", "name": "Gemeente X"}
    assert release["tender"]["procuringEntity"] == {"id": "gemeente-x", "name": "Gemeente X"}
    assert release["parties"] == [{"id": "gemeente-x", "name": "Gemeente X",
                                   "roles": ["buyer", "procuringEntity"]}]
    assert release["tag"] == ["planning"]
    tender = release["tender"]
    assert tender["status"] == "planning"
    assert tender["tenderPeriod"] == {"startDate": "2023-02-01T00:00:00+01:00"}
    assert tender["awardPeriod"] == {"endDate": "2023-04-15T23:59:59+02:00"}
    assert tender["contractPeriod"] == {"startDate": "2023-07-01T00:00:00+02:00"}
    assert tender["lots"] == [
        {"id": "perceel-a", "title": "Perceel A", "status": "planning",
         "description": "Domains: wmo. Municipalities: Gemeente X."},
        {"id": "perceel-b", "title": "Perceel B", "status": "planning",
         "description": "Domains: jeugdhulp. Municipalities: Gemeente X."},
    ]
    during = _export(proc, date(2023, 3, 1))["tender"]
    assert during["procurementMethodDetails"] == "open procedure"


def test_built_procedure_kort_geding_keeps_its_award_pending() -> None:
    proc = built_procedure()
    standstill = _by_lot(_export(proc, date(2023, 5, 15))["awards"])
    assert standstill["perceel-a"][0]["status"] == standstill["perceel-b"][0]["status"] == "pending"
    assert "from 2023-05-02 to 2023-05-22 (24:00)" in standstill["perceel-a"][0]["description"]
    assert "filed on 2023-05-10, is pending" in standstill["perceel-b"][0]["description"]

    after_standstill = _export(proc, date(2023, 5, 25))
    awards = _by_lot(after_standstill["awards"])
    assert awards["perceel-a"][0]["status"] == "pending"  # it may become final: no contract yet
    assert "may become final from 2023-05-23" in awards["perceel-a"][0]["description"]
    assert awards["perceel-b"][0]["status"] == "pending"  # the kort geding holds it
    assert after_standstill["tender"]["status"] == "active"
    assert after_standstill["tag"] == ["award"]

    ruled = _by_lot(_export(proc, date(2023, 6, 20))["awards"])["perceel-b"][0]
    assert ruled["status"] == "pending"
    assert "may become final from 2023-06-15" in ruled["description"]
    contracted = _by_lot(_export(proc, date(2023, 7, 1))["awards"])["perceel-b"][0]
    assert contracted["status"] == "active"
    assert "rejected the kort geding about it on 2023-06-15" in contracted["description"]
    assert "Final (definitief) from 2023-06-15." in contracted["description"]
    assert ruled["date"] == "2023-05-01T00:00:00+02:00"


def test_built_procedure_contract_end_as_known_on_the_date() -> None:
    proc = built_procedure()

    def periods(on: date) -> dict[str, tuple[str, dict[str, str]]]:
        return {c["awardID"]: (c["status"], c["period"]) for c in _export(proc, on)["contracts"]}

    running = periods(date(2023, 7, 15))
    assert running == {
        "perceel-a-award-2023-05-01": ("active", {"startDate": "2023-07-01T00:00:00+02:00",
                                                  "endDate": "2025-06-30T23:59:59+02:00",
                                                  "maxExtentDate": "2027-06-30T23:59:59+02:00"}),
        "perceel-b-award-2023-05-01": ("active", {"startDate": "2023-07-01T00:00:00+02:00",
                                                  "endDate": "2025-06-30T23:59:59+02:00",
                                                  "maxExtentDate": "2027-06-30T23:59:59+02:00"}),
    }
    # The extension of 2025-03-03 is not known on 2025-02-01.
    assert periods(date(2025, 2, 1)) == running
    extended = periods(date(2025, 4, 1))
    assert extended["perceel-a-award-2023-05-01"][1]["endDate"] == "2026-06-30T23:59:59+02:00"
    assert extended["perceel-b-award-2023-05-01"][1]["endDate"] == "2025-06-30T23:59:59+02:00"
    text = _export(proc, date(2025, 4, 1))["contracts"][0]["description"]
    assert "On 2025-03-03 extended to 2026-06-30." in text
    half = periods(date(2025, 7, 1))
    assert half["perceel-a-award-2023-05-01"][0] == "active"
    assert half["perceel-b-award-2023-05-01"][0] == "terminated"
    ended = _export(proc, date(2026, 7, 1))
    assert ended["tag"] == ["contractTermination"]
    assert {c["status"] for c in ended["contracts"]} == {"terminated"}


def test_template_procedure_upheld_kort_geding_cancels_the_award() -> None:
    proc = upheld_procedure()
    upheld = _export(proc, date(2027, 6, 5))
    (award,) = upheld["awards"]
    assert award["id"] == "perceel-1-award-2027-05-03"
    assert award["status"] == "cancelled"
    assert award["title"].endswith(": cancelled award")
    assert award["description"].startswith("Cancelled award: the award decision")
    assert "upheld the kort geding about it on 2027-06-01" in award["description"]
    assert upheld["tender"]["lots"][0]["status"] == "active"

    proc.record(ai.AwardDecision(on=date(2027, 6, 14), outcome="awarded"))
    first, second = _export(proc, date(2027, 6, 20))["awards"]
    assert (first["status"], second["status"]) == ("cancelled", "pending")
    assert "Replaced by the decision of 2027-06-14." in first["description"]
    assert second["id"] == "perceel-1-award-2027-06-14"
    assert "may become final from 2027-07-06" in second["description"]


def test_tender_with_no_segment_awarded_is_unsuccessful() -> None:
    release = _export(unsuccessful_procedure(), date(2027, 9, 2))
    assert release["tag"] == ["award"]
    assert release["tender"]["status"] == "unsuccessful"
    assert release["tender"]["lots"][0]["status"] == "unsuccessful"
    (award,) = release["awards"]
    assert award["status"] == "unsuccessful"
    assert "Reason: No acceptable bids." in award["description"]


def test_without_municipalities_there_are_no_parties() -> None:
    release = _export(procedure(municipalities={}), date(2027, 2, 1))
    assert not {"parties", "buyer"} & release.keys()
    assert "procuringEntity" not in release["tender"]
    assert release["tender"]["lots"][0]["description"] == "Domains: jeugdhulp."


def test_contract_out_of_order_is_pending_and_one_without_award_is_left_out() -> None:
    """Records the rules flag: a contract during the standstill, a contract with no award."""
    (contract,) = _export(early_contract_procedure(), date(2027, 6, 1))["contracts"]
    assert contract["status"] == "pending"
    assert contract["awardID"] == "perceel-1-award-2027-05-03"
    assert "Not in force" in contract["description"]

    release = _export(orphan_contract_procedure(), date(2027, 6, 1))
    assert "contracts" not in release
    assert "awards" not in release


# -- dates, errors, output ----------------------------------------------------------
@pytest.mark.parametrize(("day", "end", "expected"), [
    (date(2022, 3, 14), False, "2022-03-14T00:00:00+01:00"),
    (date(2022, 3, 27), False, "2022-03-27T00:00:00+01:00"),  # summer time starts at 02:00
    (date(2022, 3, 27), True, "2022-03-27T23:59:59+02:00"),
    (date(2022, 10, 30), False, "2022-10-30T00:00:00+02:00"),  # winter time from 03:00
    (date(2022, 10, 30), True, "2022-10-30T23:59:59+01:00"),
    (date(2025, 6, 30), True, "2025-06-30T23:59:59+02:00"),
])
def test_ocds_datetime_is_amsterdam_midnight_with_that_days_offset(day: date, end: bool,
                                                                   expected: str) -> None:
    assert ocds_datetime(day, end_of_day=end) == expected


@pytest.mark.parametrize("bad", ["2022-02-30", dt.datetime(2022, 3, 20, 12, 0), None, 20220320])
def test_bad_on_names_on(bad: object) -> None:
    for call in (procedure_to_ocds, ocds_json):
        with pytest.raises(ai.InvalidInputError) as info:
            call(ai.inkoop2022(), bad)  # type: ignore[arg-type]
        assert_invalid_input(info.value, "on", bad)


def test_bad_procedure_names_proc() -> None:
    data = ai.inkoop2022().data
    with pytest.raises(ai.InvalidInputError) as info:
        procedure_to_ocds(data, date(2022, 3, 20))  # type: ignore[arg-type]
    assert info.value.field == "proc"


def test_output_is_json_and_deterministic(tmp_path: Path) -> None:
    on = date(2022, 7, 15)
    first = procedure_to_ocds(ai.inkoop2022(), on)
    second = procedure_to_ocds(ai.inkoop2022(), on)
    assert first == second
    text = json.dumps(first, indent=2, ensure_ascii=False) + "\n"
    assert ocds_json(ai.inkoop2022(), on) == text == ocds_json(ai.inkoop2022(), on)
    assert json.loads(text) == first
    target = tmp_path / "inkoop.json"
    write_ocds(ai.inkoop2022(), on, target)
    assert target.read_text(encoding="utf-8") == text
    assert [p.name for p in tmp_path.iterdir()] == ["inkoop.json"]  # no temporary file left
    # Ids are unique where OCDS wants them unique.
    release = _release(first)
    for key in ("awards", "contracts"):
        ids = [item["id"] for item in release[key]]
        assert len(ids) == len(set(ids))
    assert {c["awardID"] for c in release["contracts"]} <= {a["id"] for a in release["awards"]}


def test_export_does_not_change_the_procedure() -> None:
    proc = ai.inkoop2022()
    before = proc.to_json()
    procedure_to_ocds(proc, date(2022, 3, 20))
    assert proc.to_json() == before
    assert proc == ai.inkoop2022()


def test_without_time_zone_data_the_error_names_the_package(monkeypatch: pytest.MonkeyPatch) -> None:
    """Where the system has no zone data and tzdata is missing, the library's error says what to install."""
    from zoneinfo import ZoneInfoNotFoundError


    def missing(key: str) -> None:
        raise ZoneInfoNotFoundError(key)

    from achterhoek_inkoop.calendar import _holidays

    _holidays.amsterdam_zone.cache_clear()
    monkeypatch.setattr("zoneinfo.ZoneInfo", missing)  # imported when amsterdam_zone is called
    try:
        with pytest.raises(ai.MissingExtraError) as info:
            procedure_to_ocds(ai.inkoop2022(), date(2022, 3, 20))
        assert info.value.package == "tzdata"
        assert "pip install 'achterhoek_inkoop[ics]'" in str(info.value)
    finally:
        monkeypatch.undo()
        _holidays.amsterdam_zone.cache_clear()
    assert ocds_datetime(date(2022, 3, 20)) == "2022-03-20T00:00:00+01:00"


def test_the_ocds_command_prints_or_writes_the_package(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from helpers import run_cli

    proc = ai.inkoop2022()
    # The placeholder identifiers are said on stderr (test_ocds_options.py); stdout is the package.
    code, out, err = run_cli(capsys, "ocds", "--on", "2022-03-20")
    assert code == 0
    assert {line.split(": warning: ")[0] for line in err.splitlines()} == {"achterhoek-inkoop ocds"}
    assert json.loads(out) == proc.to_ocds(date(2022, 3, 20), lang="en")  # the locale is English
    target = tmp_path / "ocds.json"
    code, out, err = run_cli(capsys, "ocds", "--on", "2022-04-10", "-o", str(target),
                             "--ocid-prefix", "ocds-abc123-", "--uri", "https://x.example.nl/{on}.json")
    assert (code, err) == (0, "")
    assert out.startswith(f"wrote {target}")
    assert json.loads(target.read_text(encoding="utf-8")) == proc.to_ocds(
        date(2022, 4, 10), ocid_prefix="ocds-abc123-", uri="https://x.example.nl/{on}.json", lang="en")
    code, out, err = run_cli(capsys, "ocds", "--on", "2022-02-30")
    assert code == 2
    assert len(err.strip().splitlines()) == 1
    assert "2022-02-30" in err


# -- the facts a published notice gives (the OCDS-for-eForms mapping) ---------------------------

def notice_facts() -> ai.Procedure:
    """Two lots with their own time limit for tenders (BT-131); lot a awarded, its contract concluded
    (BT-145) with no period; lot b awarded and its contract concluded before it starts."""
    return procedure(
        ai.TenderStart(on=date(2024, 1, 8), segments=("a",), deadline=date(2024, 2, 22)),
        ai.TenderStart(on=date(2024, 1, 8), segments=("b",), deadline=date(2024, 2, 29)),
        ai.AwardDecision(on=date(2024, 4, 2), outcome="awarded"),
        ai.FinalAward(on=date(2024, 4, 30)),
        ai.Contract(on=date(2024, 6, 1), initial_end=date(2026, 5, 31), max_end=date(2026, 5, 31),
                    segments=("b",)),
        segments=("a", "b"))


def test_the_time_limit_for_tenders_is_the_tender_period_end_and_each_lot_says_its_own(
        validator: Draft4Validator) -> None:
    package = notice_facts().to_ocds(date(2024, 3, 1), lang="en")
    validator.validate(package)
    tender = package["releases"][0]["tender"]
    assert tender["tenderPeriod"] == {"startDate": "2024-01-08T00:00:00+01:00",
                                      "endDate": "2024-02-29T00:00:00+01:00"}
    assert [lot["description"].split(". ")[-1] for lot in tender["lots"]] == [
        "Time limit for receipt of tenders: 2024-02-22.", "Time limit for receipt of tenders: 2024-02-29."]


def test_the_final_award_is_the_date_the_contract_was_signed(validator: Draft4Validator) -> None:
    package = notice_facts().to_ocds(date(2024, 7, 1))
    validator.validate(package)
    contracts = {c["awardID"].split("-")[0]: c for c in package["releases"][0]["contracts"]}
    assert contracts["b"]["dateSigned"] == "2024-04-30T00:00:00+02:00"
    assert contracts["b"]["period"]["startDate"] == "2024-06-01T00:00:00+02:00"
    # Lot a: concluded, with no period in the record: a contract with its date signed only.
    assert contracts["a"]["dateSigned"] == "2024-04-30T00:00:00+02:00"
    assert "period" not in contracts["a"]
    # Before the final award nothing is signed.
    early = notice_facts().to_ocds(date(2024, 4, 29))["releases"][0]
    assert "contracts" not in early


def test_a_final_award_only_a_contract_shows_gives_no_date_signed() -> None:
    end = date(2026, 5, 31)
    proc = procedure(ai.TenderStart(on=date(2024, 1, 8)),
                     ai.AwardDecision(on=date(2024, 4, 2), outcome="awarded"),
                     ai.Contract(on=date(2024, 6, 1), initial_end=end, max_end=end))
    contract = proc.to_ocds(date(2024, 7, 1))["releases"][0]["contracts"][0]
    assert "dateSigned" not in contract   # the final award is an assumption, not a signing date


@pytest.mark.parametrize(("kind", "method"), [
    ("openbaar", "open"), ("niet_openbaar", "selective"), ("concurrentiegerichte_dialoog", "selective"),
    ("onderhandelingsprocedure_zonder_aankondiging", "limited"), ("meervoudig_onderhands", "limited"),
    ("enkelvoudig_onderhands", "direct"), ("sociale_en_andere_specifieke_diensten", None)])
def test_the_procedure_type_is_the_procurement_method(validator: Draft4Validator, kind: str,
                                                       method: str | None) -> None:
    proc = ai.Procedure(notice_facts().data.model_copy(update={"procedure_type": ai.ProcedureType(kind)}))
    package = proc.to_ocds(date(2024, 3, 1), lang="en")
    validator.validate(package)
    tender = package["releases"][0]["tender"]
    assert tender.get("procurementMethod") == method
    assert tender["procurementMethodDetails"] == (f"{ai.ProcedureType(kind).label.nl} "
                                                  f"({ai.ProcedureType(kind).label.en})")
