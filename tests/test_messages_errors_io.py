"""The errors of the eForms import and the exports can be shown in Dutch (issue 11).

Each test takes an error a user can hit, and checks that ``message_in("nl")``
is the Dutch of the message while ``str(error)`` stays the English one: names
from the data (a file, a business term, a plan id) are the same in both.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import achterhoek_inkoop as ai
from achterhoek_inkoop.exports import phases_frame, procedure_to_ics

DATA = Path(__file__).parent / "eforms" / "data"
_ENTITY = (b'<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
           b'<ContractNotice xmlns="urn:oasis:names:specification:ubl:schema:xsd:ContractNotice-2">'
           b'&xxe;</ContractNotice>')
_INVOICE = b'<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"/>'


def test_a_document_that_is_no_eforms_notice() -> None:
    pytest.importorskip("lxml")
    with pytest.raises(ai.EformsError) as caught:
        ai.from_eforms(_INVOICE)
    tag = "'{urn:oasis:names:specification:ubl:schema:xsd:Invoice-2}Invoice'"
    assert str(caught.value) == (
        f"sources[0] (bytes): {tag} is not an eForms notice: its root is not a UBL ContractNotice, "
        "ContractAwardNotice or PriorInformationNotice")
    assert caught.value.message_in("nl") == (
        f"sources[0] (bytes): {tag} is geen eForms-aankondiging: het hoofdelement is geen UBL "
        "ContractNotice, ContractAwardNotice of PriorInformationNotice")


def test_a_notice_with_an_entity_declaration(tmp_path: Path) -> None:
    pytest.importorskip("lxml")
    path = tmp_path / "xxe.xml"
    path.write_bytes(_ENTITY)
    with pytest.raises(ai.EformsError) as caught:
        ai.from_eforms(path)
    assert str(caught.value) == f"{path}: has a DTD (<!DOCTYPE>), which a notice never needs: refused unread"
    assert caught.value.message_in("nl") == (
        f"{path}: heeft een DTD (<!DOCTYPE>), die een aankondiging nooit nodig heeft: ongelezen geweigerd")


def test_a_prior_information_notice_names_its_kind_in_dutch() -> None:
    pytest.importorskip("lxml")
    pin = DATA / "pin-only_24.xml"
    with pytest.raises(ai.EformsError) as caught:
        ai.from_eforms(pin)
    assert str(caught.value) == (
        f"{pin}: BT-02-notice: is a prior information notice (pin-only), which the import does not use: "
        "it reads contract notices and contract award notices")
    assert caught.value.message_in("nl") == (
        f"{pin}: BT-02-notice: is een vooraankondiging (pin-only), die de import niet gebruikt: de import "
        "leest aankondigingen van opdrachten en aankondigingen van gegunde opdrachten")


def test_only_skipped_notices_leave_nothing_to_import() -> None:
    pytest.importorskip("lxml")
    pin = DATA / "pin-only_24.xml"
    with pytest.raises(ai.EformsError) as caught:
        ai.from_eforms(pin, unused="skip")
    assert str(caught.value) == (
        f"{pin}: no notice to import was given: the import reads contract notices and contract award "
        "notices, not these (pin-only)")
    assert caught.value.message_in("nl") == (
        f"{pin}: er is geen aankondiging gegeven die kan worden geïmporteerd: de import leest "
        "aankondigingen van opdrachten en aankondigingen van gegunde opdrachten, niet deze (pin-only)")


@pytest.mark.parametrize("alarm", [dt.timedelta(0), dt.timedelta(days=-1)])
def test_an_ics_alarm_that_is_not_positive(alarm: dt.timedelta) -> None:
    with pytest.raises(ai.InvalidInputError) as caught:
        procedure_to_ics(ai.inkoop2022(), alarm=alarm)
    shown = repr(alarm)
    assert str(caught.value) == (
        f"alarm: {shown} is not a positive timedelta (a reminder before a deadline)")
    assert caught.value.message_in("nl") == (
        f"alarm: {shown} is geen positieve timedelta (een herinnering vóór een uiterste datum)")


def test_a_frame_baseline_published_after_the_day_asked_about() -> None:
    pytest.importorskip("pandas")
    with pytest.raises(ai.InvalidInputError) as caught:
        phases_frame(ai.inkoop2022(), baseline="revision-2021-10-15", on=dt.date(2021, 1, 1))
    assert str(caught.value) == (
        "baseline: 'revision-2021-10-15' was published on 2021-10-15, after 2021-01-01, so it was not "
        "known then; the plans known on 2021-01-01 are: plan-2020-11-24")
    assert caught.value.message_in("nl") == (
        "baseline: 'revision-2021-10-15' is gepubliceerd op 2021-10-15, na 2021-01-01, en was toen dus "
        "nog niet bekend; de planningen die op 2021-01-01 bekend waren: plan-2020-11-24")


def test_no_plan_known_yet_reads_none_in_either_language() -> None:
    pytest.importorskip("pandas")
    with pytest.raises(ai.InvalidInputError) as caught:
        phases_frame(ai.inkoop2022(), baseline="plan-2020-11-24", on=dt.date(2020, 1, 1))
    assert str(caught.value).endswith("the plans known on 2020-01-01 are: none")
    assert caught.value.message_in("nl").endswith("de planningen die op 2020-01-01 bekend waren: geen")
