"""Every rule in ai.RULES: a record that breaks it and one that keeps it; record() refusing events.

The small procedures here have two segments, ``a`` and ``b``, two
municipalities (``m-all`` joined every segment, ``m-a`` only ``a``), a maximum
contract duration of 7 years, and a Bestuurlijk Overleg whose registrations are
due before 2020-12-07 with delegations of at most 10 people. Award decisions
are sent on Monday 2022-03-14, so the standstill runs 2022-03-15 .. 2022-04-04
and the award may become final from 2022-04-05 (DOMAIN.md B2).
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

import achterhoek_inkoop as ai

SENT = date(2022, 3, 14)
STANDSTILL_START = date(2022, 3, 15)
STANDSTILL_END = date(2022, 4, 4)
FINAL_FROM = date(2022, 4, 5)

BASE = ai.ProcedureData(
    id="test-inkoop",
    name="Test procurement",
    segments=(
        ai.Segment(id="a", name="Segment A", domains=("wmo",)),
        ai.Segment(id="b", name="Segment B", domains=("jeugdhulp",)),
    ),
    municipalities=(
        ai.Municipality(id="m-all", name="Municipality of everything"),
        ai.Municipality(id="m-a", name="Municipality of A", segments=("a",)),
    ),
    max_contract_years=7,
    bestuurlijk_overleg=ai.BestuurlijkOverlegSettings(
        registration_deadline=date(2020, 12, 7), max_delegation_size=10
    ),
)

TENDER = ai.TenderStart(on=date(2022, 1, 3))
AWARD = ai.AwardDecision(on=SENT, outcome="awarded")
AWARD_A = ai.AwardDecision(on=SENT, outcome="awarded", segments=("a",))


def build(*events: Any, **fields: Any) -> ai.Procedure:
    return ai.Procedure(BASE.model_copy(update={"events": tuple(events), **fields}))


def contract(on: date = date(2022, 7, 1), **fields: Any) -> ai.Contract:
    values: dict[str, Any] = {"initial_end": date(2025, 6, 30), "max_end": date(2029, 6, 30)}
    values.update(fields)
    return ai.Contract(on=on, **values)


def ruling(on: date, outcome: str) -> ai.KortGedingRuling:
    return ai.KortGedingRuling(on=on, outcome=outcome, segments=("a",))


def only(proc: ai.Procedure) -> ai.Violation:
    found = proc.check()
    assert len(found) == 1, found
    return found[0]


def assert_violation(v: ai.Violation, rule: str, on: date, subject: str, *in_message: str) -> None:
    assert v.rule == rule
    assert v.severity == ai.RULES[rule].severity
    assert v.source == ai.RULES[rule].source
    assert v.on == on
    assert v.subject == subject
    for text in in_message:
        assert text in v.message, (text, v.message)


# -- the rulebook itself ------------------------------------------------------

#: The rules this file tests; a new rule in ai.RULES must get tests here too.
TESTED_RULES = {
    "dialoog-tijdens-aanbesteding": "error",
    "definitieve-gunning-voor-einde-standstill": "error",
    "definitieve-gunning-tijdens-kort-geding": "warning",
    "kort-geding-na-standstill": "warning",
    "standstill-minimum": "error",
    "contractduur-maximum": "error",
    "aanmelding-te-laat": "error",
    "delegatie-afspiegeling": "warning",
    "delegatie-omvang": "warning",
    "gemeente-perceel": "error",
    "volgorde": "error",
}


def test_every_rule_is_tested_here_with_its_severity() -> None:
    assert {rid: rule.severity for rid, rule in ai.RULES.items()} == TESTED_RULES


@pytest.mark.parametrize("rule_id", sorted(ai.RULES))
def test_every_rule_has_an_id_source_and_requirement(rule_id: str) -> None:
    rule = ai.RULES[rule_id]
    assert isinstance(rule, ai.Rule)
    assert rule.id == rule_id
    assert rule.source.strip()
    assert rule.requirement.strip()
    assert rule.term.strip()
    assert rule.severity in ("error", "warning")


def test_rules_on_an_unconfirmed_basis_are_warnings_that_say_so() -> None:
    # DOMAIN.md B: an unconfirmed rule must say so and never be the only basis of a hard error.
    rule = ai.RULES["definitieve-gunning-tijdens-kort-geding"]
    assert rule.severity == "warning"
    assert "unconfirmed" in rule.requirement
    assert "unconfirmed" in rule.source


def test_violation_to_dict() -> None:
    v = only(build(TENDER, ai.DialogueActivity(kind="gesprekstafel", on=date(2022, 2, 1))))
    assert v.to_dict() == {
        "rule": "dialoog-tijdens-aanbesteding",
        "severity": "error",
        "on": "2022-02-01",
        "subject": "a, b",
        "message": v.message,
        "source": v.source,
    }


def test_check_lists_violations_in_date_order() -> None:
    proc = build(
        TENDER,
        ai.DialogueActivity(kind="gesprekstafel", on=date(2022, 2, 1), segments=("a",)),
        ai.Registration(on=date(2020, 12, 8), organisation="Branche", delegation_size=3,
                        domains=("jeugdhulp", "wmo", "beschermd_wonen")),
    )
    assert [(v.rule, v.on) for v in proc.check()] == [
        ("aanmelding-te-laat", date(2020, 12, 8)),
        ("dialoog-tijdens-aanbesteding", date(2022, 2, 1)),
    ]


# -- dialoog-tijdens-aanbesteding ---------------------------------------------

@pytest.mark.parametrize("kind", ["gesprekstafel", "kennissessie", "bestuurlijk_overleg"])
def test_dialogue_during_the_tender_breaks_the_rule(kind: str) -> None:
    v = only(build(TENDER, ai.DialogueActivity(kind=kind, on=date(2022, 2, 1), segments=("a",))))
    assert_violation(v, "dialoog-tijdens-aanbesteding", date(2022, 2, 1), "a", "2022-02-01",
                     "a (aanbesteding)", "Nota van Inlichtingen")
    assert v.severity == "error"


def test_dialogue_on_the_day_the_tender_starts_breaks_the_rule() -> None:
    # "vanaf 1 april 2021 geen dialoog": the day of the tender start is already in the tender.
    v = only(build(TENDER, ai.DialogueActivity(kind="bestuurlijk_overleg", on=TENDER.on)))
    assert_violation(v, "dialoog-tijdens-aanbesteding", TENDER.on, "a, b", "2022-01-03", "a (aanbesteding)",
                     "b (aanbesteding)")


@pytest.mark.parametrize(
    ("on", "state"),
    [(SENT, "gunning.voorlopig_gegund"), (date(2022, 3, 20), "gunning.standstill"),
     (STANDSTILL_END, "gunning.standstill")],
)
def test_dialogue_while_the_award_is_not_final_breaks_the_rule(on: date, state: str) -> None:
    proc = build(TENDER, AWARD_A, ai.DialogueActivity(kind="gesprekstafel", on=on, segments=("a",)))
    assert proc.segment_state_on("a", on) == state
    assert_violation(only(proc), "dialoog-tijdens-aanbesteding", on, "a", on.isoformat(),
                     f"a ({ai.SegmentState(state).label.nl})")


def test_dialogue_while_a_kort_geding_is_pending_breaks_the_rule() -> None:
    v = only(build(TENDER, AWARD_A, ai.KortGeding(on=date(2022, 3, 20), segments=("a",)),
                   ai.DialogueActivity(kind="gesprekstafel", on=date(2022, 4, 20), segments=("a",))))
    assert_violation(v, "dialoog-tijdens-aanbesteding", date(2022, 4, 20), "a", "2022-04-20",
                     "a (kort geding)")


def test_dialogue_names_only_the_blocked_segments() -> None:
    proc = build(ai.TenderStart(on=date(2022, 1, 3), segments=("b",)),
                 ai.DialogueActivity(kind="kennissessie", on=date(2022, 2, 1)))
    assert_violation(only(proc), "dialoog-tijdens-aanbesteding", date(2022, 2, 1), "b",
                     "2022-02-01", "b (aanbesteding)")


@pytest.mark.parametrize(
    "events",
    [
        # before the tender starts
        (TENDER, ai.DialogueActivity(kind="bestuurlijk_overleg", on=date(2022, 1, 2))),
        # once the award is final
        (TENDER, AWARD, ai.DialogueActivity(kind="gesprekstafel", on=FINAL_FROM)),
        # about a segment that is not in the tender
        (ai.TenderStart(on=date(2022, 1, 3), segments=("a",)),
         ai.DialogueActivity(kind="gesprekstafel", on=date(2022, 2, 1), segments=("b",))),
        # a Nota van Inlichtingen is the communication allowed in the tender
        (TENDER, ai.NotaVanInlichtingen(on=date(2022, 2, 1), number=1)),
    ],
    ids=["before-tender", "after-final-award", "other-segment", "nota-van-inlichtingen"],
)
def test_dialogue_outside_the_tender_keeps_the_rule(events: tuple[Any, ...]) -> None:
    assert build(*events).check() == []


# -- definitieve-gunning-voor-einde-standstill --------------------------------

@pytest.mark.parametrize("on", [SENT, STANDSTILL_START, STANDSTILL_END])
def test_final_award_in_the_standstill_breaks_the_rule(on: date) -> None:
    proc = build(TENDER, AWARD_A, ai.FinalAward(on=on, segments=("a",)))
    v = only(proc)
    assert_violation(v, "definitieve-gunning-voor-einde-standstill", on, "a", on.isoformat(),
                     FINAL_FROM.isoformat())
    assert v.severity == "error"
    # The refused final award does not make the award final early.
    assert proc.segment_state_on("a", STANDSTILL_END) != "gunning.definitief_gegund"
    assert proc.segment_state_on("a", FINAL_FROM) == "gunning.definitief_gegund"


def test_final_award_after_the_standstill_keeps_the_rule() -> None:
    proc = build(TENDER, AWARD_A, ai.FinalAward(on=FINAL_FROM, segments=("a",)))
    assert proc.check() == []
    assert proc.segment_state_on("a", FINAL_FROM) == "gunning.definitief_gegund"


def test_standstill_that_is_longer_than_the_minimum_moves_the_final_award() -> None:
    proc = build(TENDER, AWARD_A, ai.FinalAward(on=FINAL_FROM, segments=("a",)), standstill_days=30)
    # 30 days from 2022-03-15 end on Wednesday 2022-04-13.
    assert proc.final_award_from("a") == date(2022, 4, 14)
    assert_violation(only(proc), "definitieve-gunning-voor-einde-standstill", FINAL_FROM, "a",
                     "2022-04-05", "2022-04-14")


def test_strict_reading_without_the_atw_ends_the_standstill_on_the_sunday() -> None:
    proc = build(TENDER, AWARD_A, standstill_atw=False)
    assert proc.final_award_from("a") == date(2022, 4, 4)
    assert proc.segment_state_on("a", date(2022, 4, 4)) == "gunning.definitief_gegund"


# -- standstill-minimum -------------------------------------------------------

def test_standstill_shorter_than_20_days_breaks_the_rule() -> None:
    v = only(build(TENDER, AWARD_A, standstill_days=10))
    assert_violation(v, "standstill-minimum", SENT, "procedure", "10 days", "20")
    assert v.severity == "error"


@pytest.mark.parametrize("days", [20, 30])
def test_standstill_of_at_least_20_days_keeps_the_rule(days: int) -> None:
    assert build(TENDER, AWARD_A, standstill_days=days).check() == []


def test_short_standstill_without_an_award_breaks_nothing() -> None:
    proc = build(TENDER, ai.AwardDecision(on=SENT, outcome="not_awarded", follow_up="nader_onderzoek"),
                 standstill_days=10)
    assert proc.check() == []


# -- contractduur-maximum -----------------------------------------------------

def test_contract_longer_than_the_maximum_breaks_the_rule() -> None:
    v = only(build(TENDER, AWARD, contract(max_end=date(2029, 7, 1))))
    assert_violation(v, "contractduur-maximum", date(2022, 7, 1), "a, b", "2022-07-01", "2029-07-01",
                     "7 years", "2029-06-30")


def test_contract_of_exactly_the_maximum_keeps_the_rule() -> None:
    assert build(TENDER, AWARD, contract(max_end=date(2029, 6, 30))).check() == []


def test_contract_with_its_dates_out_of_order_breaks_the_rule() -> None:
    v = only(build(TENDER, AWARD, contract(initial_end=date(2030, 6, 30), max_end=date(2029, 6, 30))))
    assert_violation(v, "volgorde", date(2022, 7, 1), "a, b", "2022-07-01", "2030-06-30",
                     "2029-06-30")


def test_extension_past_the_maximum_end_breaks_the_rule() -> None:
    proc = build(TENDER, AWARD_A, contract(segments=("a",)),
                 ai.ContractExtension(on=date(2024, 2, 2), extended_to=date(2029, 12, 31), segments=("a",)))
    assert_violation(only(proc), "contractduur-maximum", date(2024, 2, 2), "a", "extension of a",
                     "2029-12-31", "2029-06-30")


def test_extension_within_the_maximum_keeps_the_rule_and_moves_the_end() -> None:
    proc = build(TENDER, AWARD_A, contract(segments=("a",)),
                 ai.ContractExtension(on=date(2024, 2, 2), extended_to=date(2027, 6, 30), segments=("a",)))
    assert proc.check() == []
    assert proc.contract_end("a") == date(2027, 6, 30)
    assert proc.segment_state_on("a", date(2027, 6, 30)) == "in_uitvoering"
    assert proc.segment_state_on("a", date(2027, 7, 1)) == "beeindigd"


def test_no_declared_maximum_allows_any_duration() -> None:
    assert build(TENDER, AWARD, contract(max_end=date(2040, 1, 1)), max_contract_years=None).check() == []


# -- aanmelding-te-laat, delegatie-afspiegeling, delegatie-omvang -------------

def registration(on: date, size: int = 5, domains: tuple[str, ...] = ("jeugdhulp", "wmo", "beschermd_wonen"),
                 ) -> ai.Registration:
    return ai.Registration(on=on, organisation="Brancheorganisatie X", delegation_size=size, domains=domains)


@pytest.mark.parametrize("on", [date(2020, 12, 7), date(2020, 12, 10)])
def test_registration_on_or_after_the_deadline_breaks_the_rule(on: date) -> None:
    v = only(build(registration(on)))
    assert_violation(v, "aanmelding-te-laat", on, "Brancheorganisatie X", on.isoformat(), "2020-12-07")
    assert v.severity == "error"


def test_registration_before_the_deadline_keeps_the_rule() -> None:
    assert build(registration(date(2020, 12, 6))).check() == []


def test_registration_without_a_deadline_is_never_late() -> None:
    settings = ai.BestuurlijkOverlegSettings(max_delegation_size=10)
    assert build(registration(date(2021, 1, 1)), bestuurlijk_overleg=settings).check() == []


def test_delegation_not_representing_every_domain_breaks_the_rule() -> None:
    v = only(build(registration(date(2020, 12, 1), domains=("jeugdhulp", "wmo"))))
    assert_violation(v, "delegatie-afspiegeling", date(2020, 12, 1), "Brancheorganisatie X",
                     "Beschermd Wonen")
    assert v.severity == "warning"
    assert "does not represent Beschermd Wonen:" in v.message  # only the missing domain


def test_delegation_larger_than_the_procedure_sets_breaks_the_rule() -> None:
    v = only(build(registration(date(2020, 12, 1), size=11)))
    assert_violation(v, "delegatie-omvang", date(2020, 12, 1), "Brancheorganisatie X", "11", "10")
    assert v.severity == "warning"


def test_delegation_of_exactly_the_size_keeps_the_rule() -> None:
    assert build(registration(date(2020, 12, 1), size=10)).check() == []


# -- gemeente-perceel ---------------------------------------------------------

def test_contract_of_a_municipality_outside_its_segments_breaks_the_rule() -> None:
    v = only(build(TENDER, AWARD, contract(segments=("b",), municipalities=("m-a",))))
    assert_violation(v, "gemeente-perceel", date(2022, 7, 1), "m-a", "m-a", "not in b")
    assert v.severity == "error"


def test_client_transfer_of_a_municipality_outside_its_segments_breaks_the_rule() -> None:
    proc = build(TENDER, AWARD, contract(),
                 ai.ClientTransfer(on=date(2022, 8, 1), segments=("a", "b"), municipalities=("m-a", "m-all")))
    assert_violation(only(proc), "gemeente-perceel", date(2022, 8, 1), "m-a", "m-a", "not in b")


def test_municipality_inside_its_segments_keeps_the_rule() -> None:
    proc = build(TENDER, AWARD, contract(segments=("a",), municipalities=("m-a", "m-all")),
                 contract(segments=("b",), municipalities=("m-all",)),
                 ai.ClientTransfer(on=date(2022, 8, 1), segments=("a",), municipalities=("m-a",)))
    assert proc.check() == []


def test_bundled_oude_ijsselstreek_only_in_its_two_segments() -> None:
    proc = ai.inkoop2022()
    proc.record(ai.ClientTransfer(on=date(2022, 8, 1), segments=("wmo-wonen",),
                                  municipalities=("oude-ijsselstreek",)))
    with pytest.raises(ai.RuleViolation) as info:
        proc.record(ai.ClientTransfer(on=date(2022, 8, 1), segments=("wmo-logeren",),
                                      municipalities=("oude-ijsselstreek",)))
    assert [(v.rule, v.subject) for v in info.value.violations] == [("gemeente-perceel", "oude-ijsselstreek")]


# -- volgorde -----------------------------------------------------------------

def test_award_decision_before_the_tender_starts_breaks_the_order() -> None:
    proc = build(AWARD_A, ai.TenderStart(on=date(2022, 4, 1)))
    v = only(proc)
    assert_violation(v, "volgorde", SENT, "a", "2022-03-14 for a", "aanbesteding")
    assert v.severity == "error"
    # The refused award changed nothing: the segment is in dialoog until the tender.
    assert proc.segment_state_on("a", SENT) == "dialoog"
    assert proc.phase_on(SENT) == ai.Phase.DIALOOG


def test_final_award_without_an_award_decision_breaks_the_order() -> None:
    proc = build(TENDER, ai.FinalAward(on=date(2022, 4, 10), segments=("a",)))
    assert_violation(only(proc), "volgorde", date(2022, 4, 10), "a", "2022-04-10 for a",
                     "award decision")
    assert proc.segment_state_on("a", date(2022, 4, 10)) == "aanbesteding"


def test_contract_before_the_final_award_breaks_the_order() -> None:
    proc = build(TENDER, AWARD_A, contract(on=date(2022, 3, 20), segments=("a",), max_end=date(2027, 3, 19)))
    assert_violation(only(proc), "volgorde", date(2022, 3, 20), "a", "2022-03-20 for a",
                     "the segment is in standstill")
    assert proc.segment_state_on("a", date(2022, 3, 20)) == "gunning.standstill"


def test_ruling_without_a_kort_geding_breaks_the_order() -> None:
    proc = build(TENDER, AWARD_A, ruling(date(2022, 3, 20), "rejected"))
    assert_violation(only(proc), "volgorde", date(2022, 3, 20), "a", "2022-03-20 for a", "kort geding")


def test_events_in_a_sensible_order_keep_the_rule() -> None:
    proc = build(
        TENDER,
        ai.NotaVanInlichtingen(on=date(2022, 2, 1), number=1),
        AWARD,
        ai.FinalAward(on=FINAL_FROM),
        contract(),
    )
    assert proc.check() == []
    assert proc.phase_on(date(2022, 7, 1)) == ai.Phase.UITVOERING


def test_events_are_judged_in_date_order_not_file_order() -> None:
    # The record may list events in any order; the machine steps them by date.
    proc = build(contract(), AWARD, TENDER)
    assert proc.check() == []
    assert proc.phase_on(date(2022, 7, 1)) == ai.Phase.UITVOERING


# -- kort geding ----------------------------------------------------------------

KG = ai.KortGeding(on=date(2022, 3, 20), segments=("a",), by="Zorgaanbieder X")


def test_kort_geding_in_the_standstill_holds_the_award_until_the_ruling() -> None:
    proc = build(TENDER, AWARD_A, KG)
    assert proc.check() == []
    assert proc.segment_state_on("a", date(2022, 3, 19)) == "gunning.standstill"
    assert proc.segment_state_on("a", date(2022, 3, 20)) == "gunning.kort_geding"
    assert proc.segment_state_on("a", FINAL_FROM) == "gunning.kort_geding"
    assert proc.segment_state_on("a", date(2023, 1, 1)) == "gunning.kort_geding"
    assert proc.final_award_from("a") is None  # not known while the kort geding is pending
    assert proc.dialogue_allowed(date(2023, 1, 1), segments=["a"]) is False
    assert proc.phase_on(date(2023, 1, 1)) == ai.Phase.GUNNING


def test_kort_geding_rejected_after_final_from_makes_the_award_final_on_the_ruling() -> None:
    decided = date(2022, 4, 20)
    proc = build(TENDER, AWARD_A, KG, ruling(decided, "rejected"))
    assert proc.check() == []
    assert proc.intervals("a")[-2:] == [
        (date(2022, 3, 20), date(2022, 4, 19), "gunning.kort_geding"),
        (decided, None, "gunning.definitief_gegund"),
    ]
    assert proc.final_award_from("a") == decided


def test_kort_geding_rejected_within_the_standstill_lets_the_standstill_run_out() -> None:
    proc = build(TENDER, AWARD_A, KG,
                 ruling(date(2022, 3, 30), "rejected"))
    assert proc.check() == []
    assert proc.segment_state_on("a", date(2022, 3, 30)) == "gunning.standstill"
    assert proc.segment_state_on("a", STANDSTILL_END) == "gunning.standstill"
    assert proc.segment_state_on("a", FINAL_FROM) == "gunning.definitief_gegund"
    assert proc.final_award_from("a") == FINAL_FROM


def test_kort_geding_upheld_sends_the_award_back_for_reconsideration() -> None:
    proc = build(TENDER, AWARD_A, KG, ruling(date(2022, 4, 20), "upheld"))
    assert proc.check() == []
    assert proc.segment_state_on("a", date(2022, 4, 20)) == "gunning.herbeoordeling"
    assert proc.segment_state_on("a", date(2023, 1, 1)) == "gunning.herbeoordeling"
    assert proc.dialogue_allowed(date(2022, 5, 1), segments=["a"]) is False
    # A new award decision starts a new standstill.
    new = date(2022, 5, 2)
    proc.record(ai.AwardDecision(on=new, outcome="awarded", segments=("a",)))
    assert proc.segment_state_on("a", new) == "gunning.voorlopig_gegund"
    period = proc.standstill("a")
    assert period is not None
    assert period.sent == new
    assert proc.final_award_from("a") == period.final_from
    assert proc.segment_state_on("a", period.final_from) == "gunning.definitief_gegund"


def test_final_award_from_is_unknown_after_a_kort_geding_is_upheld() -> None:
    proc = build(TENDER, AWARD_A, KG, ruling(date(2022, 4, 20), "upheld"))
    assert proc.final_award_from("a") is None


@pytest.mark.parametrize("follow_up", [None, "verkort_proces", "nader_onderzoek", "heraanbesteding"])
def test_final_award_from_a_segment_not_awarded(follow_up: str | None) -> None:
    rejected = ai.AwardDecision(on=SENT, outcome="not_awarded", follow_up=follow_up, segments=("a",))
    proc = build(TENDER, rejected)
    assert proc.final_award_from("a") is None
    assert proc.standstill("a") is None
    expected = "gunning.niet_gegund" if follow_up in (None, "nader_onderzoek") else "heraanbesteding"
    assert proc.segment_state_on("a", SENT) == expected
    proc.record(ai.FollowUpResult(on=date(2022, 9, 1), outcome="awarded", segments=("a",)))
    assert proc.final_award_from("a") == date(2022, 9, 1)
    assert proc.segment_state_on("a", date(2022, 9, 1)) == "gunning.definitief_gegund"


def test_final_award_while_a_kort_geding_is_pending_is_a_warning() -> None:
    on = date(2022, 4, 20)
    proc = build(TENDER, AWARD_A, KG, ai.FinalAward(on=on, segments=("a",)))
    v = only(proc)
    assert_violation(v, "definitieve-gunning-tijdens-kort-geding", on, "a", "of a on 2022-04-20",
                     "unconfirmed")
    assert v.severity == "warning"


def test_final_award_after_the_ruling_keeps_the_kort_geding_rule() -> None:
    proc = build(TENDER, AWARD_A, KG, ruling(date(2022, 4, 20), "rejected"),
                 ai.FinalAward(on=date(2022, 4, 21), segments=("a",)))
    assert proc.check() == []


def test_final_award_in_the_standstill_during_a_kort_geding_is_still_an_error() -> None:
    on = date(2022, 3, 25)
    proc = build(TENDER, AWARD_A, KG, ai.FinalAward(on=on, segments=("a",)))
    assert "definitieve-gunning-voor-einde-standstill" in {v.rule for v in proc.check()}
    assert proc.segment_state_on("a", on) != "gunning.definitief_gegund"


@pytest.mark.parametrize("on", [FINAL_FROM, date(2022, 6, 1)])
def test_kort_geding_after_the_standstill_is_a_warning_and_holds_nothing(on: date) -> None:
    proc = build(TENDER, AWARD_A, ai.KortGeding(on=on, segments=("a",)))
    v = only(proc)
    assert_violation(v, "kort-geding-na-standstill", on, "a", on.isoformat(), "about a",
                     "after the standstill")
    assert v.severity == "warning"
    assert proc.segment_state_on("a", on) == "gunning.definitief_gegund"


def test_kort_geding_on_the_last_day_of_the_standstill_keeps_the_rule() -> None:
    proc = build(TENDER, AWARD_A, ai.KortGeding(on=STANDSTILL_END, segments=("a",)))
    assert proc.check() == []
    assert proc.segment_state_on("a", FINAL_FROM) == "gunning.kort_geding"


def test_kort_geding_holds_only_the_segment_it_concerns() -> None:
    proc = build(TENDER, AWARD, KG)
    assert proc.segment_state_on("a", FINAL_FROM) == "gunning.kort_geding"
    assert proc.segment_state_on("b", FINAL_FROM) == "gunning.definitief_gegund"
    assert proc.phase_on(FINAL_FROM) == ai.Phase.GUNNING


# -- record() -------------------------------------------------------------------

SAMPLE_DATES = [date(2020, 1, 1), date(2021, 3, 31), date(2021, 4, 1), date(2021, 5, 1), date(2022, 3, 14),
                date(2022, 3, 20), date(2022, 4, 5), date(2022, 7, 1), date(2025, 7, 1), date(2026, 11, 23)]


def snapshot(proc: ai.Procedure) -> tuple[Any, ...]:
    segs = proc.data.segment_ids
    return (
        proc.events,
        proc.data,
        proc.check(),
        proc.intervals(),
        [proc.intervals(s) for s in segs],
        [proc.phase_on(d) for d in SAMPLE_DATES],
        [proc.dialogue_allowed(d) for d in SAMPLE_DATES],
        [proc.final_award_from(s) for s in segs],
        [proc.contract_end(s) for s in segs],
        [proc.actual(m) for m in ("aanbesteding", "gunning", "contract_start")],
    )


def test_record_of_a_dialogue_in_the_tender_of_inkoop2022_is_refused() -> None:
    proc = ai.inkoop2022()
    before = snapshot(proc)
    with pytest.raises(ai.RuleViolation) as info:
        proc.record(ai.DialogueActivity(kind="bestuurlijk_overleg", on=date(2021, 5, 1)))
    err = info.value
    assert isinstance(err, ai.InkoopError)
    assert [v.rule for v in err.violations] == ["dialoog-tijdens-aanbesteding"]
    v = err.violations[0]
    assert v.severity == "error"
    assert v.on == date(2021, 5, 1)
    assert "2021-05-01" in v.message
    assert "dialoog-tijdens-aanbesteding" in str(err)
    assert snapshot(proc) == before


@pytest.mark.parametrize(
    ("event", "rule"),
    [
        (ai.FinalAward(on=date(2022, 3, 20), segments=("a",)), "definitieve-gunning-voor-einde-standstill"),
        (ai.FinalAward(on=date(2022, 3, 20), segments=("b",)), "volgorde"),
        (ai.Registration(on=date(2020, 12, 8), organisation="Laat", delegation_size=2,
                         domains=("jeugdhulp", "wmo", "beschermd_wonen")), "aanmelding-te-laat"),
        (ai.Contract(on=date(2022, 7, 1), initial_end=date(2025, 6, 30), max_end=date(2030, 6, 30),
                     segments=("a",)), "contractduur-maximum"),
        (ai.DialogueActivity(kind="gesprekstafel", on=date(2022, 3, 20), segments=("a",)),
         "dialoog-tijdens-aanbesteding"),
    ],
    ids=lambda x: x if isinstance(x, str) else type(x).__name__,
)
def test_record_of_an_error_event_raises_and_changes_nothing(event: Any, rule: str) -> None:
    proc = build(ai.TenderStart(on=date(2022, 1, 3)), AWARD_A)
    before = snapshot(proc)
    with pytest.raises(ai.RuleViolation) as info:
        proc.record(event)
    assert rule in [v.rule for v in info.value.violations]
    assert all(v.severity == "error" for v in info.value.violations)
    assert snapshot(proc) == before


def test_record_of_a_short_standstill_award_is_refused() -> None:
    proc = build(TENDER, standstill_days=10)
    with pytest.raises(ai.RuleViolation) as info:
        proc.record(AWARD_A)
    assert [v.rule for v in info.value.violations] == ["standstill-minimum"]
    assert proc.events == (TENDER,)


def test_record_of_an_unknown_segment_is_refused_with_an_input_error() -> None:
    proc = build(TENDER)
    with pytest.raises(ai.InvalidInputError, match="'c'"):
        proc.record(ai.AwardDecision(on=SENT, outcome="awarded", segments=("c",)))
    with pytest.raises(ai.InvalidInputError, match="lochem"):
        proc.record(ai.ClientTransfer(on=SENT, municipalities=("lochem",)))
    assert proc.events == (TENDER,)


def test_record_of_a_warning_event_records_it_and_returns_the_warnings() -> None:
    proc = build(TENDER, AWARD_A)
    kg = ai.KortGeding(on=date(2022, 5, 1), segments=("a",))
    warnings = proc.record(kg)
    assert [(v.rule, v.severity, v.on, v.subject) for v in warnings] == [
        ("kort-geding-na-standstill", "warning", date(2022, 5, 1), "a"),
    ]
    assert proc.events[-1] == kg
    assert proc.check() == warnings


def test_record_of_a_delegation_warning_records_it() -> None:
    proc = build()
    warnings = proc.record(registration(date(2020, 12, 1), size=12, domains=("wmo",)))
    assert sorted(v.rule for v in warnings) == ["delegatie-afspiegeling", "delegatie-omvang"]
    assert len(proc.events) == 1


def test_record_of_a_valid_event_returns_no_warnings_and_moves_the_state() -> None:
    proc = build(TENDER)
    assert proc.record(AWARD_A) == []
    assert proc.events == (TENDER, AWARD_A)
    assert proc.segment_state_on("a", SENT) == "gunning.voorlopig_gegund"
    assert proc.phase_on(SENT) == ai.Phase.GUNNING


def test_record_accepts_the_dict_form_of_an_event() -> None:
    proc = build(TENDER)
    proc.record({"type": "award_decision", "on": "2022-03-14", "outcome": "awarded", "segments": ["a"]})
    assert proc.events[-1] == AWARD_A


def test_record_of_something_that_is_not_an_event_is_an_input_error() -> None:
    proc = build(TENDER)
    with pytest.raises(ai.InvalidInputError, match="bogus"):
        proc.record({"type": "bogus", "on": "2022-02-01"})
    with pytest.raises(ai.InvalidInputError, match="2022-02-30"):
        proc.record({"type": "nota_van_inlichtingen", "on": "2022-02-30"})
    assert proc.events == (TENDER,)


def test_record_on_a_record_that_already_breaks_rules_accepts_unrelated_events() -> None:
    proc = build(TENDER, ai.DialogueActivity(kind="gesprekstafel", on=date(2022, 2, 1)))
    assert len(proc.check()) == 1
    assert proc.record(AWARD_A) == []
    assert len(proc.events) == 3


def test_record_refuses_a_second_identical_dialogue_in_the_tender() -> None:
    dialogue = ai.DialogueActivity(kind="gesprekstafel", on=date(2022, 2, 1))
    proc = build(TENDER, dialogue)
    with pytest.raises(ai.RuleViolation):
        proc.record(dialogue)
    assert len(proc.events) == 2
