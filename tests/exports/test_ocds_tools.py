"""The OCDS exports as OCDS's own tools read them: libcoveocds validates, ocdskit compiles.

``libcoveocds`` is the library behind the OCDS Data Review Tool: its schema
validation, its ``ocid`` prefix check and its additional checks (empty
fields) must find nothing. ``ocdskit`` merges a procedure's releases of
several dates into a record with a compiled release, which is read back the
same way.

Offline: libcoveocds reads the standard from a ZIP of its ``schema/`` folder
(its ``standard_zip`` setting); the test builds that ZIP in memory from the
OCDS 1.1.5 schemas in ``../shared/ocds/`` (skipped, saying where it looked,
where they are absent). What the ZIP cannot hold without copying files the
project does not keep is named here:

- The codelist CSVs: the closed codelists are the schema's own ``enum`` lists,
  so they are written from it; the open codelists (``partyRole``,
  ``releaseTag``, ``language``, ...) get no codes, so libcoveocds reports every
  open code as "additional", and the test checks those against the codes
  of the published OCDS 1.1 codelists listed below.
- ``versioned-release-validation-schema.json``: only record packages with
  versioned releases need it; an empty draft-4 schema stands in.
- The Lots extension cannot be fetched (libcoveocds would go to the network),
  so the package is checked without its ``extensions`` entry: the Lots fields
  are then reported as additional fields, and the test checks they are exactly
  the Lots extension's (``tender.lots``, ``awards.relatedLots``).
"""

from __future__ import annotations

import copy
import io
import json
import zipfile
from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
from helpers import REPOSITORY
from libcoveocds.api import ocds_json_output
from libcoveocds.config import LibCoveOCDSConfig
from ocdskit.combine import merge

import achterhoek_inkoop as ai
from achterhoek_inkoop.exports import procedure_to_ocds
from achterhoek_inkoop.exports._ocds import LOTS_EXTENSION

OCDS_DIR = REPOSITORY.parent / "shared" / "ocds"
SCHEMAS = ("release-schema.json", "release-package-schema.json")

#: The codes of the open codelists the export uses, as OCDS 1.1 publishes them
#: (schema/codelists/partyRole.csv, releaseTag.csv; language is ISO 639-1).
OPEN_CODES = {
    "partyRole.csv": {"buyer", "procuringEntity", "supplier", "tenderer", "funder", "enquirer",
                      "payer", "payee", "reviewBody", "interestedParty"},
    "releaseTag.csv": {"planning", "planningUpdate", "tender", "tenderAmendment", "tenderUpdate",
                       "tenderCancellation", "award", "awardUpdate", "awardCancellation", "contract",
                       "contractUpdate", "contractAmendment", "implementation",
                       "implementationUpdate", "contractTermination", "compiled"},
    "language.csv": {"nl", "en"},
}
#: The fields the Lots extension adds that the export uses.
LOTS_FIELDS = {("/releases/tender", "lots"), ("/releases/awards", "relatedLots")}

INKOOP_DATES = (date(2020, 12, 1), date(2021, 5, 1), date(2022, 3, 20), date(2022, 4, 10),
                date(2022, 7, 15), date(2023, 2, 1), date(2025, 7, 1))


def _codelists(schema: Any) -> Iterator[tuple[str, list[str]]]:
    """Every codelist the schema names, with its ``enum`` (empty for an open codelist)."""
    if isinstance(schema, dict):
        if "codelist" in schema:
            enum = schema.get("enum") or schema.get("items", {}).get("enum") or []
            yield schema["codelist"], [code for code in enum if code is not None]
        for value in schema.values():
            yield from _codelists(value)
    elif isinstance(schema, list):
        for value in schema:
            yield from _codelists(value)


@pytest.fixture(scope="module")
def standard_zip() -> bytes:
    """The standard's ``schema/`` folder as libcoveocds reads it, built from ../shared/ocds/."""
    if not all((OCDS_DIR / name).is_file() for name in SCHEMAS):
        pytest.skip(f"the OCDS 1.1.5 schemas are not in {OCDS_DIR} (the project does not copy them)")
    release = json.loads((OCDS_DIR / "release-schema.json").read_text(encoding="utf-8"))
    codes: dict[str, set[str]] = {}
    for name, enum in _codelists(release):
        codes.setdefault(name, set()).update(enum)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zipped:
        zipped.writestr("standard-1__1__5/", "")
        for name in SCHEMAS:
            zipped.writestr(f"standard-1__1__5/schema/{name}", (OCDS_DIR / name).read_text(encoding="utf-8"))
        zipped.writestr("standard-1__1__5/schema/versioned-release-validation-schema.json",
                        json.dumps({"$schema": "http://json-schema.org/draft-04/schema#"}))
        for name, values in codes.items():
            zipped.writestr(f"standard-1__1__5/schema/codelists/{name}",
                            "Code\n" + "".join(f"{code}\n" for code in sorted(values)))
    return buffer.getvalue()


def review(package: dict[str, Any], standard: bytes) -> dict[str, Any]:
    """What libcoveocds finds in ``package`` (its extensions left out: see the module docstring)."""
    offline = copy.deepcopy(package)
    assert offline.pop("extensions", None) in (None, [LOTS_EXTENSION])
    config = LibCoveOCDSConfig({"context": "api", "standard_zip": standard})
    result: dict[str, Any] = ocds_json_output(json_data=offline, lib_cove_ocds_config=config)
    return result


def assert_accepted(result: dict[str, Any]) -> None:
    """No schema error, no closed-codelist addition, no bad ocid prefix, no additional-check finding;
    open codes and additional fields only as OCDS and the Lots extension define them."""
    assert result["validation_errors"] == []
    assert result["additional_closed_codelist_values"] == {}
    assert "conformance_errors" not in result
    assert result.get("additional_checks", {}) == {}
    for info in result["additional_open_codelist_values"].values():
        assert set(info["values"]) <= OPEN_CODES[info["codelist"]], info
    assert {(f["path"], f["field"]) for f in result["additional_fields"]} <= LOTS_FIELDS


def test_the_offline_review_is_not_vacuous(standard_zip: bytes) -> None:
    package = procedure_to_ocds(ai.inkoop2022(), date(2022, 7, 15))
    bad = copy.deepcopy(package)
    release = bad["releases"][0]
    release["ocid"] = "inkoop-2022"
    release["awards"][0]["status"] = "provisional"
    release["awards"][1]["description"] = " "
    release["contracts"][0]["period"]["startDate"] = "2022-07-01"
    result = review(bad, standard_zip)
    assert [tuple(bad) for bad in result["conformance_errors"]["ocds_prefixes_bad_format"]] == [
        ("inkoop-2022", "releases/0/ocid")]
    assert result["additional_checks"]["empty_field"] == [
        {"json_location": "releases/0/awards/1/description"}]
    found = {(error["type"], error["path"]) for error in result["validation_errors"]}
    assert found == {("date-time", "releases/0/contracts/0/period/startDate")}
    # A code outside a closed codelist is reported apart from the schema errors.
    (closed,) = result["additional_closed_codelist_values"].values()
    assert (closed["codelist"], closed["values"]) == ("awardStatus.csv", ["provisional"])


@pytest.mark.parametrize("on", INKOOP_DATES)
def test_libcoveocds_accepts_inkoop2022_on_every_date(standard_zip: bytes, on: date) -> None:
    assert_accepted(review(procedure_to_ocds(ai.inkoop2022(), on), standard_zip))


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("on", [date(2022, 3, 20), date(2022, 7, 15)])
def test_libcoveocds_accepts_the_release_in_dutch_and_in_english(standard_zip: bytes, on: date,
                                                                 lang: str) -> None:
    package = procedure_to_ocds(ai.inkoop2022(), on, lang=lang)
    assert package["releases"][0]["language"] == lang
    assert_accepted(review(package, standard_zip))


def test_libcoveocds_accepts_the_options_and_a_lead_buyer(standard_zip: bytes) -> None:
    package = procedure_to_ocds(ai.inkoop2022(), date(2022, 7, 15), ocid_prefix="ocds-abc123-",
                                publisher="Sociaal Domein Achterhoek",
                                uri="https://data.example.nl/{id}/{on}.json", buyer="doetinchem")
    result = review(package, standard_zip)
    assert_accepted(result)
    assert result["unique_ocids_count"] == 1


def _releases(on_dates: tuple[date, ...]) -> list[dict[str, Any]]:
    return [procedure_to_ocds(ai.inkoop2022(), on) for on in on_dates]


def test_ocdskit_compiles_the_releases_of_several_dates(standard_zip: bytes) -> None:
    schema = json.loads((OCDS_DIR / "release-schema.json").read_text(encoding="utf-8"))
    dates = (date(2022, 3, 20), date(2022, 4, 10), date(2022, 7, 15), date(2023, 2, 1))
    packages = _releases(dates)
    (record_package,) = merge(packages, schema=schema, return_package=True,
                              uri="https://data.example.nl/records/inkoop-2022.json",
                              published_date="2023-02-01T00:00:00+01:00")
    (record,) = record_package["records"]
    assert record["ocid"] == "ocds-xxxxxx-inkoop-2022"
    assert [r["id"] for r in record["releases"]] == [f"inkoop-2022-{on.isoformat()}" for on in dates]
    compiled = record["compiledRelease"]
    assert compiled["tag"] == ["compiled"]
    latest = packages[-1]["releases"][0]
    # Every release is a full snapshot: the compiled release has the latest statuses and titles.
    for key in ("awards", "contracts"):
        assert [(a["id"], a["status"], a["title"]) for a in compiled[key]] == [
            (a["id"], a["status"], a["title"]) for a in latest[key]]
    assert [(lot["id"], lot["status"]) for lot in compiled["tender"]["lots"]] == [
        (lot["id"], lot["status"]) for lot in latest["tender"]["lots"]]
    assert compiled["parties"] == latest["parties"]
    assert compiled["language"] == "nl"
    # The compiled release, as a release package of its own, passes the same review.
    package = {**packages[-1], "releases": [{**compiled, "id": "inkoop-2022-compiled"}]}
    assert_accepted(review(package, standard_zip))


def test_ocdskit_compiles_one_release_to_itself() -> None:
    schema_path = OCDS_DIR / "release-schema.json"
    if not schema_path.is_file():
        pytest.skip(f"the OCDS 1.1.5 release schema is not in {OCDS_DIR}")
    package = procedure_to_ocds(ai.inkoop2022(), date(2022, 4, 10))
    (compiled,) = merge([package], schema=json.loads(schema_path.read_text(encoding="utf-8")))
    release = package["releases"][0]
    assert {**compiled, "tag": release["tag"], "id": release["id"]} == release
