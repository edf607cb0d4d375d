"""Importing the SDK's example notices: the events they give, what they leave out, and the findings."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

import achterhoek_inkoop as ai

DATA = Path(__file__).parent / "data"
D = dt.date
OPEN = DATA / "cn_24_open.xml"
CAN_MAX = DATA / "can_24_maximal.xml"
CN_MIN = DATA / "cn_24_minimal.xml"
VOID = DATA / "change-cn_24_void.xml"

#: Every shared example: the procedure it gives (its event types) or the refusal (a phrase of it).
EXAMPLES = {
    "cn_24_open.xml": ["tender_start"],
    "cn_24_minimal.xml": ["tender_start"],
    "cn_24_maximal.xml": ["tender_start", "tender_start"],
    "cn_24_maximal_100_lots.xml": ["tender_start"],
    "cn_24_nego_accel.xml": ["tender_start"],
    "cn-social_24.xml": ["tender_start"],
    "can_24_maximal.xml": ["contract", "tender_start", "award_decision", "final_award", "award_decision"],
    "can_24_no_tenders.xml": ["tender_start", "award_decision"],
    "can-social_24.xml": ["tender_start", "award_decision"],
    "change-cn_24_void.xml": ["tender_start", "cancellation"],
    "can-modif_24_duration.xml":
        "is a contract modification notice (can-modif), which the import does not use",
    "pin-only_24.xml": "is a prior information notice (pin-only), which the import does not use",
    "INVALID_can_24_empty.xml": "BT-701-notice",
    "INVALID_cn_24_empty.xml": "BT-05(a)-notice",
}


@pytest.mark.parametrize(("name", "expected"), EXAMPLES.items(), ids=list(EXAMPLES))
def test_every_example_gives_a_procedure_or_a_clear_refusal(name: str, expected: list[str] | str) -> None:
    if isinstance(expected, str):
        with pytest.raises(ai.EformsError) as info:
            ai.from_eforms(DATA / name)
        assert str(DATA / name) in str(info.value)
        assert expected in str(info.value)
    else:
        proc = ai.from_eforms(DATA / name)
        assert [e.type for e in proc.events] == expected
        assert all(e.source and e.source.split(";")[0] in proc.data.sources for e in proc.events)


def test_cn_24_open_exactly() -> None:
    proc = ai.from_eforms(OPEN)
    data = proc.data
    key = "eForms c4c415ee-ac08-4465-8fa6-57568cf69462-01"
    assert data.id == "31f258b6-5eb2-4875-8997-affa3cdce27c"
    assert data.name.startswith("Term Contract for a Planned Programme of In-service Inspection")
    assert [(s.id, s.source) for s in data.segments] == [("lot-0000", key)]
    assert data.sources == {key: "contract notice c4c415ee-ac08-4465-8fa6-57568cf69462 version 01, "
                                 "dispatched 2020-02-28 (cn_24_open.xml)"}
    assert data.events == (ai.TenderStart(
        on=D(2020, 2, 28), deadline=D(2020, 4, 3), electronic_submission=True, free_access=True,
        accelerated=False, source=key, id="tender-start"),)
    assert data.notes == (f"{key} plans the contract period of LOT-0000 from 2020-09-01; no contract is "
                          "recorded before an award notice says the lot was awarded.",)
    assert data.procedure_type == ai.ProcedureType.OPENBAAR


def test_can_24_maximal_exactly() -> None:
    data = ai.from_eforms(CAN_MAX).data
    key = "eForms 15377ca1-6cf7-4060-90f0-9290128957a3-03"
    by_type = {(e.type, e.segments): e for e in data.events}
    # The dummy /*/cac:TenderResult/cbc:AwardDate (2000-01-01Z) is not the decision date.
    assert all(e.on.year == 2023 for e in data.events)
    award = by_type[("award_decision", ("lot-0001",))]
    assert (award.on, award.outcome, award.source) == (D(2023, 3, 23), "awarded", key)
    final = by_type[("final_award", ("lot-0001",))]
    assert final.on == D(2023, 3, 24)
    contract = by_type[("contract", ("lot-0001",))]
    assert (contract.on, contract.initial_end) == (D(2023, 1, 1), D(2023, 5, 23))
    assert contract.max_end == D(2023, 5, 23)
    assert "no extensions" in (contract.note or "")
    not_awarded = by_type[("award_decision", ("lot-0002",))]
    assert (not_awarded.on, not_awarded.outcome) == (D(2023, 4, 23), "not_awarded")
    assert "gives no decision date" in (not_awarded.note or "")
    start = by_type[("tender_start", None)]
    assert start.on == D(2023, 3, 23)
    assert "assumption" in (start.source or "")
    assert not any(e.type == "contract" and e.segments == ("lot-0002",) for e in data.events)


def test_finding_can_24_maximal_concluded_one_day_after_the_decision() -> None:
    found = ai.from_eforms(CAN_MAX).check()
    rules = {(v.rule, v.on) for v in found}
    assert ("definitieve-gunning-voor-einde-standstill", D(2023, 3, 24)) in rules
    # The notice's contract period starts before the award: reported too, never refused.
    assert ("volgorde", D(2023, 1, 1)) in rules


def test_finding_cn_24_open_deadline_short_under_the_aw_and_lawful_under_the_directive() -> None:
    # Sent 2020-02-28, tenders by 2020-04-03: 35 days. Aw 2012: 45 - 5 (electronic submission)
    # = 40, so at the earliest 2020-04-08; Directive 2014/24/EU: 35 - 5 = 30, 2020-03-29.
    proc = ai.from_eforms(OPEN)
    start = proc.events[0]
    assert isinstance(start, ai.TenderStart)
    assert (proc.data.procedure_type, start.deadline) == (ai.ProcedureType.OPENBAAR, D(2020, 4, 3))
    [v] = proc.check()
    assert (v.rule, v.severity, v.on, v.subject) == ("minimumtermijn", "error", D(2020, 2, 28), "lot-0000")
    assert v.source == "Aw 2012 art. 2.71; Aw 2012 art. 2.74a"
    assert "5 days short of the minimum of 40 days" in v.message
    assert "2020-04-08" in v.message
    assert ai.from_eforms(OPEN, rulebook="eu-minimum").check() == []


def test_finding_can_24_maximal_under_the_eu_rulebook_too() -> None:
    # The Remedies Directive's 10 days (Regulation 1182/71: 2023-04-02 is a Sunday) still end
    # after the contract of 2023-03-24.
    found = ai.from_eforms(CAN_MAX, rulebook="eu-minimum").check()
    [v] = [v for v in found if v.rule == "definitieve-gunning-voor-einde-standstill"]
    assert "2023-04-03" in v.message


def test_social_award_notes_and_open_lot() -> None:
    data = ai.from_eforms(DATA / "can-social_24.xml").data
    assert any("LOT-0003" in n and "open-nw" in n for n in data.notes)
    assert any("LOT-0002" in n and "no winner decision date" in n for n in data.notes)
    assert data.procedure_type is None  # can-social gives no BT-105


def test_oth_single_outside_the_light_regime_gets_no_type_and_a_note() -> None:
    data = ai.from_eforms(DATA / "can_24_no_tenders.xml").data
    assert any("'oth-single'" in n and "no Dutch procedure type" in n for n in data.notes)


def test_oth_single_on_a_social_notice_is_the_light_regime() -> None:
    data = ai.from_eforms(DATA / "cn-social_24.xml").data
    assert data.notes == ()
    assert data.procedure_type == ai.ProcedureType.SOCIALE_EN_ANDERE_SPECIFIEKE_DIENSTEN


def test_a_change_notice_replaces_the_notice_it_changes_in_any_order() -> None:
    for order in ([CN_MIN, VOID], [VOID, CN_MIN]):
        data = ai.from_eforms(order).data
        start, cancel = data.events
        assert start.on == D(2019, 11, 21)  # the tender started with the original notice
        assert start.source == ("eForms f42be27e-09cf-4f0e-a745-63ec689631e6-01; "
                                "eForms 1d192942-a4a3-4833-8775-ca38f7ec09ca-01")
        assert "change notice" in (start.note or "")
        assert isinstance(cancel, ai.Cancellation)
        assert cancel.on == D(2019, 12, 21)
        assert len(data.sources) == 2


def test_a_change_notice_alone_says_what_it_changes() -> None:
    data = ai.from_eforms(VOID).data
    assert any("not among the imported notices" in n for n in data.notes)


def test_notices_are_applied_in_order_of_dispatch(tmp_path: Path) -> None:
    # The award notice names the same procedure only if its folder id is the same: make it so.
    text = CAN_MAX.read_text(encoding="utf-8").replace(
        "2d2d24a2-df84-449e-8695-fb66ef504a5a", "aff2863e-b4cc-4e91-baba-b3b85f709117")
    can = tmp_path / "can.xml"
    can.write_text(text, encoding="utf-8")
    cn = DATA / "cn_24_maximal.xml"
    one = ai.from_eforms([can, cn]).data
    other = ai.from_eforms([cn, can]).data
    assert one == other
    assert [e.type for e in one.events][:2] == ["contract", "tender_start"]
    assert not any("assumption" in (e.source or "") for e in one.events)
    assert len(one.sources) == 2


def test_notices_of_two_procedures_are_refused_naming_both() -> None:
    with pytest.raises(ai.EformsError) as info:
        ai.from_eforms([OPEN, CAN_MAX])
    message = str(info.value)
    assert str(CAN_MAX) in message
    assert str(OPEN) in message
    assert "2d2d24a2-df84-449e-8695-fb66ef504a5a" in message
    assert "31f258b6" in message


def test_unused_notices_are_skipped_with_a_note_on_request() -> None:
    data = ai.from_eforms([OPEN, DATA / "pin-only_24.xml"], unused="skip").data
    assert data.events == ai.from_eforms(OPEN).data.events
    assert any("pin-only_24.xml skipped" in n for n in data.notes)
    with pytest.raises(ai.EformsError, match="no notice to import"):
        ai.from_eforms(DATA / "pin-only_24.xml", unused="skip")


def test_bytes_and_paths_give_the_same_events() -> None:
    assert ai.from_eforms(OPEN.read_bytes()).data.events == ai.from_eforms(str(OPEN)).data.events


@pytest.mark.parametrize("name", [n for n, e in EXAMPLES.items() if not isinstance(e, str)])
def test_round_trip_through_json(tmp_path: Path, name: str) -> None:
    proc = ai.from_eforms(DATA / name)
    path = tmp_path / "procedure.json"
    proc.save(path)
    again = ai.load_procedure(path)
    assert again == proc
    assert [(v.rule, v.on) for v in again.check()] == [(v.rule, v.on) for v in proc.check()]


def test_status_and_ocds_work_on_an_import() -> None:
    proc = ai.from_eforms(CAN_MAX)
    assert proc.phase_on(D(2023, 4, 1)) is not None
    assert proc.to_ocds(D(2023, 5, 1))


def test_the_files_are_not_changed(tmp_path: Path) -> None:
    copy = tmp_path / OPEN.name
    shutil.copy(OPEN, copy)
    ai.from_eforms(copy)
    assert copy.read_bytes() == OPEN.read_bytes()


def test_a_lot_that_refers_to_a_prior_information_notice_says_so() -> None:
    # BT-125: both lots of cn_24_maximal refer to the PIN 9c0fd704-...-01; cn_24_open refers to none.
    starts = [e for e in ai.from_eforms(DATA / "cn_24_maximal.xml").events if isinstance(e, ai.TenderStart)]
    assert [e.prior_information_notice for e in starts] == [True, True]
    assert all(e.note and "9c0fd704-64d3-4294-a3b6-6df45911ab9f-01 (BT-125)" in e.note for e in starts)
    [start] = ai.from_eforms(OPEN).events
    assert isinstance(start, ai.TenderStart)
    assert start.prior_information_notice is None
