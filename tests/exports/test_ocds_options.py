"""The OCDS export's identifiers, publisher and buyers: options, procedure-file settings, placeholders.

Issue 11, item 8: the ocid prefix, publisher, uri and buyer are options of
``procedure_to_ocds``, ``Procedure.to_ocds`` and ``achterhoek-inkoop ocds``,
and a procedure file can hold them (``ocds``); a placeholder is reported by
``ocds_warnings`` and, on the command line, on stderr. ``ocds`` defaults to
today as ``status`` does.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from helpers import amsterdam_today, assert_invalid_input, procedure, run_cli

import achterhoek_inkoop as ai
from achterhoek_inkoop.exports import ocds_warnings, procedure_to_ocds
from achterhoek_inkoop.record import OcdsSettings

ON = date(2022, 7, 15)
PREFIX = "ocds-abc123-"
URI = "https://data.example.nl/ocds/{id}/{on}.json"


def _release(proc: ai.Procedure, **options: Any) -> dict[str, Any]:
    release: dict[str, Any] = procedure_to_ocds(proc, ON, **options)["releases"][0]
    return release


def with_settings(proc: ai.Procedure, **settings: Any) -> ai.Procedure:
    return ai.Procedure(proc.data.model_copy(update={"ocds": OcdsSettings(**settings)}))


# -- identifiers and publisher --------------------------------------------------------------
def test_without_options_the_identifiers_are_placeholders_and_said_so() -> None:
    proc = ai.inkoop2022()
    package = procedure_to_ocds(proc, ON, lang="en")
    assert package["releases"][0]["ocid"] == "ocds-xxxxxx-inkoop-2022"
    assert package["uri"] == "https://example.org/achterhoek-inkoop/ocds/inkoop-2022/2022-07-15.json"
    assert "unofficial" in package["publisher"]["name"]
    warnings = ocds_warnings(proc)
    assert len(warnings) == 2
    assert "'ocds-xxxxxx-' is a placeholder" in warnings[0]
    assert "--ocid-prefix" in warnings[0]
    assert "example.org" in warnings[1]


def test_options_set_the_identifiers_and_the_publisher() -> None:
    proc = ai.inkoop2022()
    package = proc.to_ocds(ON, ocid_prefix=PREFIX, publisher="Sociaal Domein Achterhoek", uri=URI)
    assert package["releases"][0]["ocid"] == "ocds-abc123-inkoop-2022"
    assert package["uri"] == "https://data.example.nl/ocds/inkoop-2022/2022-07-15.json"
    assert package["publisher"] == {"name": "Sociaal Domein Achterhoek"}
    assert ocds_warnings(proc, ocid_prefix=PREFIX, uri=URI) == []
    # A fixed address (no placeholders) is used as it is.
    fixed = proc.to_ocds(ON, uri="https://data.example.nl/inkoop.json")
    assert fixed["uri"] == "https://data.example.nl/inkoop.json"


def test_a_procedure_file_holds_the_settings_and_the_options_take_precedence(tmp_path: Path) -> None:
    proc = with_settings(ai.inkoop2022(), ocid_prefix=PREFIX, publisher="SDA", uri=URI)
    path = tmp_path / "p.json"
    proc.save(path)
    loaded = ai.load_procedure(path)
    assert loaded.data.ocds == OcdsSettings(ocid_prefix=PREFIX, publisher="SDA", uri=URI)
    package = loaded.to_ocds(ON)
    assert package["releases"][0]["ocid"] == "ocds-abc123-inkoop-2022"
    assert package["publisher"] == {"name": "SDA"}
    assert ocds_warnings(loaded) == []
    other = loaded.to_ocds(ON, ocid_prefix="ocds-zzz999-", publisher="Other")
    assert other["releases"][0]["ocid"] == "ocds-zzz999-inkoop-2022"
    assert other["publisher"] == {"name": "Other"}


@pytest.mark.parametrize(("field", "value"), [
    ("ocid_prefix", "ocds-xxxxxx"),          # no closing dash
    ("ocid_prefix", "ocds-ABC123-"),         # registered prefixes are lowercase
    ("ocid_prefix", "abc123-"),
    ("ocid_prefix", 7),
    ("publisher", ""),
    ("publisher", "   "),
    ("buyer", ""),
    ("uri", "example.org/x.json"),           # not absolute
    ("uri", "ftp://example.org/x.json"),
    ("uri", "https://example.org/{year}.json"),
    ("uri", "https://example.org/a b.json"),
])
def test_a_bad_option_names_itself_and_its_value(field: str, value: object) -> None:
    with pytest.raises(ai.InvalidInputError) as info:
        procedure_to_ocds(ai.inkoop2022(), ON, **{field: value})  # type: ignore[arg-type]
    assert_invalid_input(info.value, field, value)


@pytest.mark.parametrize(("settings", "place"), [
    ({"ocid_prefix": "ocds-xxxxxx"}, "ocds.ocid_prefix"),
    ({"uri": "not a uri"}, "ocds.uri"),
    ({"publisher": ""}, "ocds.publisher"),
    ({"prefix": "ocds-abc123-"}, "ocds.prefix"),
])
def test_a_bad_setting_in_the_file_names_its_place(tmp_path: Path, settings: dict[str, Any],
                                                   place: str) -> None:
    data = json.loads(ai.inkoop2022().to_json())
    data["ocds"] = settings
    path = tmp_path / "p.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ai.DataFileError) as info:
        ai.load_procedure(path)
    assert place in str(info.value)


# -- buyers -------------------------------------------------------------------------------
def test_several_municipalities_and_no_lead_buyer_all_buy_and_none_is_the_buyer() -> None:
    release = _release(ai.inkoop2022())
    assert {tuple(p["roles"]) for p in release["parties"]} == {("buyer",)}
    assert len(release["parties"]) == 8
    assert "buyer" not in release
    assert "procuringEntity" not in release["tender"]


def test_a_municipality_as_lead_buyer_is_the_buyer_and_the_procuring_entity() -> None:
    for proc, options in ((ai.inkoop2022(), {"buyer": "doetinchem"}),
                          (with_settings(ai.inkoop2022(), buyer="doetinchem"), {})):
        release = _release(proc, **options)
        assert release["buyer"] == {"id": "doetinchem", "name": "Doetinchem"}
        assert release["tender"]["procuringEntity"] == {"id": "doetinchem", "name": "Doetinchem"}
        roles = {p["id"]: p["roles"] for p in release["parties"]}
        assert roles.pop("doetinchem") == ["buyer", "procuringEntity"]
        assert set(map(tuple, roles.values())) == {("buyer",)}
        assert len(roles) == 7


def test_another_organisation_as_lead_buyer_is_a_party_of_its_own() -> None:
    release = _release(ai.inkoop2022(), buyer="Sociaal Domein Achterhoek")
    lead = {"id": "sociaal-domein-achterhoek", "name": "Sociaal Domein Achterhoek"}
    assert release["buyer"] == release["tender"]["procuringEntity"] == lead
    assert release["parties"][0] == {**lead, "roles": ["buyer", "procuringEntity"]}
    assert len(release["parties"]) == 9
    # Its id never takes a municipality's.
    clash = _release(procedure(municipalities={"gemeente-x": None}), buyer="Gemeente X")
    assert clash["buyer"] == {"id": "gemeente-x", "name": "Gemeente X"}  # named by its name
    named = _release(procedure(municipalities={"gemeente-x": None}), buyer="gemeente x!")
    assert named["buyer"]["id"] == "gemeente-x-buyer"
    assert [p["id"] for p in named["parties"]] == ["gemeente-x-buyer", "gemeente-x"]


# -- the command line ------------------------------------------------------------------------
def test_the_ocds_command_defaults_to_today(capsys: pytest.CaptureFixture[str]) -> None:
    before = amsterdam_today()
    code, out, _err = run_cli(capsys, "ocds")
    assert code == 0
    release = json.loads(out)["releases"][0]
    assert release["id"] in {f"inkoop-2022-{day.isoformat()}" for day in (before, amsterdam_today())}


def test_the_ocds_command_takes_the_options_and_warns_of_placeholders_on_stderr(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, out, err = run_cli(capsys, "ocds", "--on", "2022-07-15")
    assert code == 0
    assert json.loads(out) == procedure_to_ocds(ai.inkoop2022(), ON, lang="en")  # the locale is English
    lines = err.splitlines()
    assert len(lines) == 2
    assert all(line.startswith("achterhoek-inkoop ocds: warning: ") for line in lines)
    assert "ocds-xxxxxx-" in lines[0]

    code, out, err = run_cli(capsys, "ocds", "--on", "2022-07-15", "--ocid-prefix", PREFIX,
                             "--publisher", "SDA", "--uri", URI, "--buyer", "doetinchem")
    assert (code, err) == (0, "")
    assert json.loads(out) == procedure_to_ocds(ai.inkoop2022(), ON, ocid_prefix=PREFIX,
                                                publisher="SDA", uri=URI, buyer="doetinchem", lang="en")

    code, out, err = run_cli(capsys, "ocds", "--ocid-prefix", "ocds-xxxxxx")
    assert code == 2
    assert out == ""
    assert len(err.splitlines()) == 1
    assert "ocid_prefix" in err
    assert "ocds-xxxxxx" in err
