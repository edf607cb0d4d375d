"""The OCDS export in Dutch or English: the release's ``language`` is the language of its texts.

Issue 11: a release said ``"language": "nl"`` while the titles and descriptions the
library made were English. ``lang`` (Dutch by default) now sets both; the names the
record gives (procedure, segments, municipalities, reasons) stay as written, the
citations as the law writes them. That both languages validate is checked with
libcoveocds in test_ocds_tools.py.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest
from helpers import assert_invalid_input, run_cli

import achterhoek_inkoop as ai
from achterhoek_inkoop.exports import ocds_json, ocds_warnings, procedure_to_ocds

STANDSTILL = date(2022, 3, 20)   # the awards pending in their standstill
CONTRACTS = date(2022, 7, 15)    # the contracts running, a follow-up award
AWARDED = "wmo-wonen"
HCJ = "hoog-complexe-jeugdhulp-met-verblijf"


def release(on: date, lang: str) -> dict[str, Any]:
    package = procedure_to_ocds(ai.inkoop2022(), on, lang=lang)
    found: dict[str, Any] = package["releases"][0]
    return found


def by_id(items: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {item["id"]: item for item in items}


def test_the_default_is_dutch() -> None:
    proc = ai.inkoop2022()
    assert procedure_to_ocds(proc, STANDSTILL) == procedure_to_ocds(proc, STANDSTILL, lang="nl")
    assert proc.to_ocds(STANDSTILL) == procedure_to_ocds(proc, STANDSTILL, lang="nl")
    assert json.loads(ocds_json(proc, STANDSTILL)) == procedure_to_ocds(proc, STANDSTILL)
    assert json.loads(ocds_json(proc, STANDSTILL, lang="en")) == proc.to_ocds(STANDSTILL, lang="en")


def test_a_dutch_release_has_dutch_award_titles_and_descriptions() -> None:
    dutch = release(STANDSTILL, "nl")
    assert dutch["language"] == "nl"
    award = by_id(dutch["awards"])[f"{AWARDED}-award-2022-03-14"]
    assert award["title"] == "Wmo Wonen (voorheen Beschermd Wonen): voorlopige gunning"
    assert award["description"].startswith(
        "Voorlopige gunning: de gunningsbeslissing is op 2022-03-14 verzonden aan 61 aanbieders voor 4 "
        "percelen samen (dit perceel en ")
    assert "Alcatel-termijn (Aw 2012 art. 2.127): 20 dagen van 2022-03-15 tot en met 2022-04-04 " \
           "(24:00 uur)" in award["description"]
    assert "2022-04-03 is een zondag (Atw art. 1)" in award["description"]
    assert "de gunning kan definitief worden vanaf 2022-04-05" in award["description"]
    assert by_id(dutch["awards"])[f"{HCJ}-award-2022-03-14"]["title"] == \
        "Hoog Complexe Jeugdhulp met Verblijf: niet gegund"
    lot = by_id(dutch["tender"]["lots"])[AWARDED]
    assert lot["title"] == "Wmo Wonen (voorheen Beschermd Wonen)"  # a name of the record, as given
    assert lot["description"].startswith("Domeinen: ")
    assert "Gemeenten: " in lot["description"]


def test_a_dutch_release_has_dutch_contracts_and_follow_up_awards() -> None:
    dutch = release(CONTRACTS, "nl")
    contract = by_id(dutch["contracts"])[f"{AWARDED}-contract-2022-07-01"]
    assert contract["title"] == "Wmo Wonen (voorheen Beschermd Wonen): contracten"
    assert contract["description"].startswith("Contracten vanaf 2022-07-01; oorspronkelijke looptijd")
    assert "Gesloten met 61 aanbieders voor 4 percelen samen" in contract["description"]
    award = by_id(dutch["awards"])[f"{AWARDED}-award-2022-03-14"]
    assert award["title"].endswith(": gunning")
    assert "Aanname: er is geen definitieve gunning vastgelegd; het contract vanaf 2022-07-01" \
        in award["description"]
    titles = [a["title"] for a in dutch["awards"]]
    assert "Wmo Logeren: gunning in een vervolgprocedure" in titles
    assert "onofficiële export" in procedure_to_ocds(ai.inkoop2022(), CONTRACTS)["publisher"]["name"]


def test_an_english_release_has_english_texts_and_says_so() -> None:
    english = release(STANDSTILL, "en")
    assert english["language"] == "en"
    award = by_id(english["awards"])[f"{AWARDED}-award-2022-03-14"]
    assert award["title"] == "Wmo Wonen (voorheen Beschermd Wonen): provisional award"
    assert award["description"].startswith("Provisional award (voorlopige gunning): the award decision")
    assert by_id(english["tender"]["lots"])[AWARDED]["description"].startswith("Domains: ")
    package = procedure_to_ocds(ai.inkoop2022(), STANDSTILL, lang="en")
    assert "unofficial export" in package["publisher"]["name"]


@pytest.mark.parametrize("on", [STANDSTILL, CONTRACTS, date(2026, 11, 23)])
def test_every_text_the_export_makes_is_in_the_language_and_nothing_else_differs(on: date) -> None:
    dutch, english = release(on, "nl"), release(on, "en")
    for kind in ("awards", "contracts"):
        for nl, en in zip(dutch.get(kind, []), english.get(kind, []), strict=True):
            assert nl["title"] != en["title"], (nl, en)
            assert nl["description"] != en["description"], (nl, en)
            assert {k: v for k, v in nl.items() if k not in ("title", "description")} == \
                   {k: v for k, v in en.items() if k not in ("title", "description")}
    for nl, en in zip(dutch["tender"]["lots"], english["tender"]["lots"], strict=True):
        assert nl["title"] == en["title"]
        assert nl["description"] != en["description"]
    # The record's own texts (its procedure's description) may be English: only the export's are checked.
    words = json.dumps(dutch, ensure_ascii=False)
    for english_word in ("provisional award", "Municipalities", "Domains", "Contracts", "Assumption",
                         "segments together", "days from", "Final (definitief)"):
        assert english_word not in words


def test_the_placeholder_warnings_in_both_languages() -> None:
    proc = ai.inkoop2022()
    assert ocds_warnings(proc) == ocds_warnings(proc, lang="en")
    dutch = ocds_warnings(proc, lang="nl")
    assert len(dutch) == 2
    assert dutch[0].startswith("het ocid-voorvoegsel 'ocds-xxxxxx-' is een plaatshouder")
    assert "--ocid-prefix" in dutch[0]
    assert "example.org" in dutch[1]
    assert "plaatshouder" in dutch[1]


@pytest.mark.parametrize("bad", ["de", "NL", "", None, 1])
def test_a_bad_lang_is_the_librarys_error_naming_lang(bad: object) -> None:
    proc = ai.inkoop2022()
    for call in (lambda: procedure_to_ocds(proc, STANDSTILL, lang=bad),  # type: ignore[arg-type]
                 lambda: proc.to_ocds(STANDSTILL, lang=bad),  # type: ignore[arg-type]
                 lambda: ocds_json(proc, STANDSTILL, lang=bad),  # type: ignore[arg-type]
                 lambda: ocds_warnings(proc, lang=bad)):  # type: ignore[arg-type]
        with pytest.raises(ai.InvalidInputError) as caught:
            call()
        assert_invalid_input(caught.value, "lang", bad)


def test_the_ocds_command_exports_and_warns_in_the_language_asked_for(
        capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_cli(capsys, "ocds", "--on", "2022-03-20", "--lang", "nl")
    assert code == 0
    assert json.loads(out) == procedure_to_ocds(ai.inkoop2022(), STANDSTILL, lang="nl")
    lines = err.splitlines()
    assert lines == [f"achterhoek-inkoop ocds: waarschuwing: {w}"
                     for w in ocds_warnings(ai.inkoop2022(), lang="nl")]
    code, out, err = run_cli(capsys, "ocds", "--on", "2022-03-20", "--lang", "en")
    assert json.loads(out)["releases"][0]["language"] == "en"
    assert err.splitlines()[0].startswith("achterhoek-inkoop ocds: warning: the ocid prefix")


def test_the_ocds_command_follows_a_dutch_locale(capsys: pytest.CaptureFixture[str],
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANG", "nl_NL.UTF-8")
    code, out, _err = run_cli(capsys, "ocds", "--on", "2022-03-20")
    assert code == 0
    assert json.loads(out)["releases"][0]["language"] == "nl"
