"""Every rule in ai.RULES: a record that breaks it and the nearest one that keeps it.

The table :data:`RULE_CASES` holds, for every rule, the record that breaks it,
the nearest record that keeps it and the violation expected; a rule added to
``ai.RULES`` without its cases fails ``test_every_rule_has_a_breaking_and_a_keeping_case``.
The tests after it go into each rule's edges, and into the kort geding.

The small procedures here (helpers.TWO_SEGMENTS) have two segments, ``a`` and
``b``, two municipalities (``m-all`` joined every segment, ``m-a`` only ``a``),
a maximum contract duration of 7 years, and a Bestuurlijk Overleg whose
registrations are due before 2020-12-07 with delegations of at most 10 people.
Award decisions are sent on Monday 2022-03-14, so the standstill runs
2022-03-15 .. 2022-04-04 and the award may become final from 2022-04-05
(DOMAIN.md B2). What ``Procedure.record`` does with them is in
``tests/procedure/test_record.py``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import partial
from typing import Any

import pytest
from helpers import TWO_SEGMENTS, procedure

import achterhoek_inkoop as ai

SENT = date(2022, 3, 14)
STANDSTILL_START = date(2022, 3, 15)
STANDSTILL_END = date(2022, 4, 4)
FINAL_FROM = date(2022, 4, 5)

#: A procedure of the two segments a and b with ``events``; keywords change its settings.
ab = partial(procedure, **TWO_SEGMENTS)

TENDER = ai.TenderStart(on=date(2022, 1, 3))
#: A Thursday: its minimum of 40 days for an open procedure ends on a Tuesday.
NOTICE = date(2022, 1, 6)


def notice(deadline: date, electronic_submission: bool | None = True) -> ai.TenderStart:
    """The contract notice sent on NOTICE, its time limit for receipt of tenders ``deadline``."""
    return ai.TenderStart(on=NOTICE, deadline=deadline, electronic_submission=electronic_submission,
                          free_access=True)
AWARD = ai.AwardDecision(on=SENT, outcome="awarded")
AWARD_A = ai.AwardDecision(on=SENT, outcome="awarded", segments=("a",))
KG = ai.KortGeding(on=date(2022, 3, 20), segments=("a",), by="Zorgaanbieder X")


def contract(on: date = date(2022, 7, 1), **fields: Any) -> ai.Contract:
    values: dict[str, Any] = {"initial_end": date(2025, 6, 30), "max_end": date(2029, 6, 30)}
    values.update(fields)
    return ai.Contract(on=on, **values)


def ruling(on: date, outcome: str) -> ai.KortGedingRuling:
    return ai.KortGedingRuling(on=on, outcome=outcome, segments=("a",))


def registration(on: date, size: int = 5, domains: tuple[str, ...] = ("jeugdhulp", "wmo", "beschermd_wonen"),
                 ) -> ai.Registration:
    return ai.Registration(on=on, organisation="Brancheorganisatie X", delegation_size=size, domains=domains)


#: The two Bestuurlijk Overleg meetings of the invitation of 2020-11-24.
BO_1, BO_2 = date(2020, 12, 21), date(2021, 2, 10)


def delegation(organisation: str, size: int, meeting: date | None, on: date | None = None) -> ai.Registration:
    """A registration of ``organisation``'s delegation of ``size`` for ``meeting`` (None: every meeting),
    dated 2020-12-01 for Branche A, 2020-12-02 for Branche B, 2020-12-03 for others."""
    days = {"Branche A": date(2020, 12, 1), "Branche B": date(2020, 12, 2)}
    day = on or days.get(organisation, date(2020, 12, 3))
    return ai.Registration(on=day, organisation=organisation, delegation_size=size,
                           domains=("jeugdhulp", "wmo", "beschermd_wonen"), meeting=meeting)


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


# -- every rule: a record that breaks it, the nearest one that keeps it ------------------------

@dataclass(frozen=True)
class Record:
    """Events in date order (the last one is what breaks the rule, if anything does) and settings."""

    events: tuple[ai.Event, ...]
    settings: dict[str, Any] = field(default_factory=dict)

    def procedure(self) -> ai.Procedure:
        return ab(*self.events, **self.settings)


@dataclass(frozen=True)
class RuleCase:
    breaks: Record
    keeps: Record
    on: date
    subject: str
    #: The violation cites the articles it applied (some of the rule's), not the rule's source.
    cites_articles: bool = False


#: For every rule id of ai.RULES: the record that breaks it, the nearest record that keeps it,
#: and the date and subject of the one violation the broken record gives.
RULE_CASES: dict[str, RuleCase] = {
    "dialoog-tijdens-aanbesteding": RuleCase(  # on the tender's first day, or the day before
        Record((TENDER, ai.DialogueActivity(kind="gesprekstafel", on=TENDER.on, segments=("a",)))),
        Record((ai.DialogueActivity(kind="gesprekstafel", on=date(2022, 1, 2), segments=("a",)), TENDER)),
        TENDER.on, "a"),
    "definitieve-gunning-voor-einde-standstill": RuleCase(  # on the standstill's last day, or the day after
        Record((TENDER, AWARD_A, ai.FinalAward(on=STANDSTILL_END, segments=("a",)))),
        Record((TENDER, AWARD_A, ai.FinalAward(on=FINAL_FROM, segments=("a",)))),
        STANDSTILL_END, "a"),
    "definitieve-gunning-tijdens-kort-geding": RuleCase(  # before the ruling, or after it
        Record((TENDER, AWARD_A, KG, ai.FinalAward(on=date(2022, 4, 20), segments=("a",)))),
        Record((TENDER, AWARD_A, KG, ruling(date(2022, 4, 19), "rejected"),
                ai.FinalAward(on=date(2022, 4, 20), segments=("a",)))),
        date(2022, 4, 20), "a"),
    "kort-geding-na-standstill": RuleCase(  # the day after the standstill, or its last day
        Record((TENDER, AWARD_A, ai.KortGeding(on=FINAL_FROM, segments=("a",)))),
        Record((TENDER, AWARD_A, ai.KortGeding(on=STANDSTILL_END, segments=("a",)))),
        FINAL_FROM, "a"),
    "uitspraak-zonder-kort-geding": RuleCase(  # a ruling without its kort geding, or with it
        Record((TENDER, AWARD_A, ruling(date(2022, 4, 20), "rejected"))),
        Record((TENDER, AWARD_A, KG, ruling(date(2022, 4, 20), "rejected"))),
        date(2022, 4, 20), "a"),
    "hoger-beroep-zonder-vonnis": RuleCase(  # an appeal without its ruling, or with it
        Record((TENDER, AWARD_A, KG, ai.Appeal(on=date(2022, 5, 2), segments=("a",)))),
        Record((TENDER, AWARD_A, KG, ruling(date(2022, 4, 20), "rejected"),
                ai.Appeal(on=date(2022, 5, 2), segments=("a",)))),
        date(2022, 5, 2), "a"),
    "standstill-minimum": RuleCase(  # 19 days, or 20
        Record((TENDER, AWARD_A), {"standstill_days": 19}),
        Record((TENDER, AWARD_A), {"standstill_days": 20}),
        SENT, "procedure"),
    "minimumtermijn": RuleCase(  # an open procedure: 39 days with electronic submission, or 40
        Record((notice(date(2022, 2, 14)),), {"procedure_type": "openbaar"}),
        Record((notice(date(2022, 2, 15)),), {"procedure_type": "openbaar"}),
        NOTICE, "a, b", cites_articles=True),
    "minimumtermijn-onzeker": RuleCase(  # 40 days, the record silent on electronic submission, or not
        Record((notice(date(2022, 2, 15), electronic_submission=None),), {"procedure_type": "openbaar"}),
        Record((notice(date(2022, 2, 15)),), {"procedure_type": "openbaar"}),
        NOTICE, "a, b", cites_articles=True),
    "contractduur-maximum": RuleCase(  # 7 years and a day, or exactly 7 years
        Record((TENDER, AWARD, contract(max_end=date(2029, 7, 1)))),
        Record((TENDER, AWARD, contract(max_end=date(2029, 6, 30)))),
        date(2022, 7, 1), "a, b"),
    "aanmelding-te-laat": RuleCase(  # on the deadline, or the day before
        Record((registration(date(2020, 12, 7)),)),
        Record((registration(date(2020, 12, 6)),)),
        date(2020, 12, 7), "Brancheorganisatie X"),
    "delegatie-afspiegeling": RuleCase(  # one domain missing, or every domain
        Record((registration(date(2020, 12, 1), domains=("jeugdhulp", "wmo")),)),
        Record((registration(date(2020, 12, 1)),)),
        date(2020, 12, 1), "Brancheorganisatie X"),
    "delegatie-omvang": RuleCase(  # 6 + 5 members for one meeting, or 6 and 5 for two meetings
        Record((delegation("Branche A", 6, BO_1), delegation("Branche B", 5, BO_1))),
        Record((delegation("Branche A", 6, BO_1), delegation("Branche B", 5, BO_2))),
        date(2020, 12, 2), "Branche B"),
    "gemeente-perceel": RuleCase(  # m-a in a contract for b, or for a
        Record((TENDER, AWARD, contract(segments=("b",), municipalities=("m-a",)))),
        Record((TENDER, AWARD, contract(segments=("a",), municipalities=("m-a",)))),
        date(2022, 7, 1), "m-a"),
    "volgorde": RuleCase(  # an award for a while only b is in the tender, or while a is
        Record((ai.TenderStart(on=TENDER.on, segments=("b",)), AWARD_A)),
        Record((ai.TenderStart(on=TENDER.on, segments=("a",)), AWARD_A)),
        SENT, "a"),
}


def test_every_rule_has_a_breaking_and_a_keeping_case() -> None:
    assert set(RULE_CASES) == set(ai.RULES)


@pytest.mark.parametrize("rule_id", sorted(RULE_CASES))
def test_the_breaking_record_gives_exactly_that_violation_and_the_nearest_keeping_one_none(
        rule_id: str) -> None:
    case = RULE_CASES[rule_id]
    rule = ai.RULES[rule_id]
    v = only(case.breaks.procedure())
    assert (v.rule, v.severity, v.on, v.subject) == (rule_id, rule.severity, case.on, case.subject)
    if case.cites_articles:
        ai.check_citation(v.source)
    else:
        assert v.source == rule.source
    assert v.message
    assert case.keeps.procedure().check() == []


@pytest.mark.parametrize("rule_id", sorted(RULE_CASES))
def test_recording_the_breaking_event_refuses_an_error_and_returns_a_warning(rule_id: str) -> None:
    case = RULE_CASES[rule_id]
    *before, last = case.breaks.events
    proc = ab(*before, record=True, **case.breaks.settings)
    expected = [only(case.breaks.procedure())]
    if ai.RULES[rule_id].severity == "error":
        with pytest.raises(ai.RuleViolation) as info:
            proc.record(last)
        assert info.value.violations == expected
        assert proc.events == tuple(before)
    else:
        assert proc.record(last) == expected
        assert proc.events == case.breaks.events
    kept = ab(*case.keeps.events[:-1], record=True, **case.keeps.settings)
    assert kept.record(case.keeps.events[-1]) == []


# -- the rulebook itself ------------------------------------------------------

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
    v = only(ab(TENDER, ai.DialogueActivity(kind="gesprekstafel", on=date(2022, 2, 1))))
    assert v.to_dict() == {
        "rule": "dialoog-tijdens-aanbesteding",
        "severity": "error",
        "on": "2022-02-01",
        "subject": "a, b",
        "message": v.message,
        "source": v.source,
    }


def test_check_lists_violations_in_date_order() -> None:
    proc = ab(
        TENDER,
        ai.DialogueActivity(kind="gesprekstafel", on=date(2022, 2, 1), segments=("a",)),
        ai.Registration(on=date(2020, 12, 8), organisation="Branche", delegation_size=3,
                        domains=("jeugdhulp", "wmo", "beschermd_wonen")),
    )
    assert [(v.rule, v.on) for v in proc.check()] == [
        ("aanmelding-te-laat", date(2020, 12, 8)),
        ("dialoog-tijdens-aanbesteding", date(2022, 2, 1)),
    ]


def test_violations_display_as_a_table_and_stay_a_list() -> None:
    found = ab(TENDER, ai.DialogueActivity(kind="gesprekstafel", on=date(2022, 2, 1))).check()
    assert isinstance(found, list)
    assert [v.rule for v in found.errors] == ["dialoog-tijdens-aanbesteding"]
    assert found.warnings == []
    html = found._repr_html_()
    assert "1 violation(s)" in html
    assert "dialoog-tijdens-aanbesteding" in html
    assert "&lt;" not in ai.Violations()._repr_html_()


# -- dialoog-tijdens-aanbesteding ---------------------------------------------

@pytest.mark.parametrize("kind", ["gesprekstafel", "kennissessie", "bestuurlijk_overleg"])
def test_dialogue_during_the_tender_breaks_the_rule(kind: str) -> None:
    v = only(ab(TENDER, ai.DialogueActivity(kind=kind, on=date(2022, 2, 1), segments=("a",))))
    assert_violation(v, "dialoog-tijdens-aanbesteding", date(2022, 2, 1), "a", "2022-02-01",
                     "a (aanbesteding)", "Nota van Inlichtingen")
    assert v.severity == "error"


def test_dialogue_on_the_day_the_tender_starts_breaks_the_rule() -> None:
    # "vanaf 1 april 2021 geen dialoog": the day of the tender start is already in the tender.
    v = only(ab(TENDER, ai.DialogueActivity(kind="bestuurlijk_overleg", on=TENDER.on)))
    assert_violation(v, "dialoog-tijdens-aanbesteding", TENDER.on, "a, b", "2022-01-03", "a (aanbesteding)",
                     "b (aanbesteding)")


@pytest.mark.parametrize(
    ("on", "state"),
    [(SENT, "gunning.voorlopig_gegund"), (date(2022, 3, 20), "gunning.standstill"),
     (STANDSTILL_END, "gunning.standstill")],
)
def test_dialogue_while_the_award_is_not_final_breaks_the_rule(on: date, state: str) -> None:
    proc = ab(TENDER, AWARD_A, ai.DialogueActivity(kind="gesprekstafel", on=on, segments=("a",)))
    assert proc.segment_state_on("a", on) == state
    assert_violation(only(proc), "dialoog-tijdens-aanbesteding", on, "a", on.isoformat(),
                     f"a ({ai.SegmentState(state).label.nl})")


def test_dialogue_while_a_kort_geding_is_pending_breaks_the_rule() -> None:
    v = only(ab(TENDER, AWARD_A, ai.KortGeding(on=date(2022, 3, 20), segments=("a",)),
                   ai.DialogueActivity(kind="gesprekstafel", on=date(2022, 4, 20), segments=("a",))))
    assert_violation(v, "dialoog-tijdens-aanbesteding", date(2022, 4, 20), "a", "2022-04-20",
                     "a (kort geding)")


def test_dialogue_names_only_the_blocked_segments() -> None:
    proc = ab(ai.TenderStart(on=date(2022, 1, 3), segments=("b",)),
                 ai.DialogueActivity(kind="kennissessie", on=date(2022, 2, 1)))
    assert_violation(only(proc), "dialoog-tijdens-aanbesteding", date(2022, 2, 1), "b",
                     "2022-02-01", "b (aanbesteding)")


@pytest.mark.parametrize(
    "events",
    [
        # before the tender starts
        (TENDER, ai.DialogueActivity(kind="bestuurlijk_overleg", on=date(2022, 1, 2))),
        # once the award is final (the contract concluded)
        (TENDER, AWARD, ai.FinalAward(on=FINAL_FROM),
         ai.DialogueActivity(kind="gesprekstafel", on=FINAL_FROM)),
        # about a segment that is not in the tender
        (ai.TenderStart(on=date(2022, 1, 3), segments=("a",)),
         ai.DialogueActivity(kind="gesprekstafel", on=date(2022, 2, 1), segments=("b",))),
        # a Nota van Inlichtingen is the communication allowed in the tender
        (TENDER, ai.NotaVanInlichtingen(on=date(2022, 2, 1), number=1)),
    ],
    ids=["before-tender", "after-final-award", "other-segment", "nota-van-inlichtingen"],
)
def test_dialogue_outside_the_tender_keeps_the_rule(events: tuple[Any, ...]) -> None:
    assert ab(*events).check() == []


# -- definitieve-gunning-voor-einde-standstill --------------------------------

@pytest.mark.parametrize("on", [SENT, STANDSTILL_START, STANDSTILL_END])
def test_final_award_in_the_standstill_breaks_the_rule(on: date) -> None:
    proc = ab(TENDER, AWARD_A, ai.FinalAward(on=on, segments=("a",)))
    v = only(proc)
    assert_violation(v, "definitieve-gunning-voor-einde-standstill", on, "a", on.isoformat(),
                     FINAL_FROM.isoformat())
    assert v.severity == "error"
    # The refused final award does not make the award final early, nor at all: it may
    # become final once the standstill has ended.
    assert proc.segment_state_on("a", STANDSTILL_END) == "gunning.standstill"
    assert proc.segment_state_on("a", FINAL_FROM) == "gunning.standstill_verstreken"


def test_final_award_after_the_standstill_keeps_the_rule() -> None:
    proc = ab(TENDER, AWARD_A, ai.FinalAward(on=FINAL_FROM, segments=("a",)))
    assert proc.check() == []
    assert proc.segment_state_on("a", FINAL_FROM) == "gunning.definitief_gegund"


def test_standstill_that_is_longer_than_the_minimum_moves_the_final_award() -> None:
    proc = ab(TENDER, AWARD_A, ai.FinalAward(on=FINAL_FROM, segments=("a",)), standstill_days=30)
    # 30 days from 2022-03-15 end on Wednesday 2022-04-13.
    assert proc.final_award_from("a") == date(2022, 4, 14)
    assert_violation(only(proc), "definitieve-gunning-voor-einde-standstill", FINAL_FROM, "a",
                     "2022-04-05", "2022-04-14")


def test_strict_reading_without_the_atw_ends_the_standstill_on_the_sunday() -> None:
    proc = ab(TENDER, AWARD_A, standstill_atw=False)
    assert proc.final_award_from("a") == date(2022, 4, 4)
    assert proc.segment_state_on("a", date(2022, 4, 3)) == "gunning.standstill"
    assert proc.segment_state_on("a", date(2022, 4, 4)) == "gunning.standstill_verstreken"


# -- standstill-minimum -------------------------------------------------------

def test_standstill_shorter_than_20_days_breaks_the_rule() -> None:
    v = only(ab(TENDER, AWARD_A, standstill_days=10))
    assert_violation(v, "standstill-minimum", SENT, "procedure", "10 days", "20")
    assert v.severity == "error"


@pytest.mark.parametrize("days", [20, 30])
def test_standstill_of_at_least_20_days_keeps_the_rule(days: int) -> None:
    assert ab(TENDER, AWARD_A, standstill_days=days).check() == []


def test_short_standstill_without_an_award_breaks_nothing() -> None:
    proc = ab(TENDER, ai.AwardDecision(on=SENT, outcome="not_awarded", follow_up="nader_onderzoek"),
                 standstill_days=10)
    assert proc.check() == []


# -- contractduur-maximum -----------------------------------------------------

def test_contract_longer_than_the_maximum_breaks_the_rule() -> None:
    v = only(ab(TENDER, AWARD, contract(max_end=date(2029, 7, 1))))
    assert_violation(v, "contractduur-maximum", date(2022, 7, 1), "a, b", "2022-07-01", "2029-07-01",
                     "7 years", "2029-06-30")


def test_contract_with_its_dates_out_of_order_breaks_the_rule() -> None:
    v = only(ab(TENDER, AWARD, contract(initial_end=date(2030, 6, 30), max_end=date(2029, 6, 30))))
    assert_violation(v, "volgorde", date(2022, 7, 1), "a, b", "2022-07-01", "2030-06-30",
                     "2029-06-30")


def test_extension_past_the_maximum_end_breaks_the_rule() -> None:
    proc = ab(TENDER, AWARD_A, contract(segments=("a",)),
                 ai.ContractExtension(on=date(2024, 2, 2), extended_to=date(2029, 12, 31), segments=("a",)))
    assert_violation(only(proc), "contractduur-maximum", date(2024, 2, 2), "a", "extension of a",
                     "2029-12-31", "2029-06-30")


def test_extension_within_the_maximum_keeps_the_rule_and_moves_the_end() -> None:
    proc = ab(TENDER, AWARD_A, contract(segments=("a",)),
                 ai.ContractExtension(on=date(2024, 2, 2), extended_to=date(2027, 6, 30), segments=("a",)))
    assert proc.check() == []
    assert proc.contract_end("a") == date(2027, 6, 30)
    assert proc.segment_state_on("a", date(2027, 6, 30)) == "in_uitvoering"
    assert proc.segment_state_on("a", date(2027, 7, 1)) == "beeindigd"


def test_no_declared_maximum_allows_any_duration() -> None:
    assert ab(TENDER, AWARD, contract(max_end=date(2040, 1, 1)), max_contract_years=None).check() == []


# -- aanmelding-te-laat, delegatie-afspiegeling, delegatie-omvang -------------

@pytest.mark.parametrize("on", [date(2020, 12, 7), date(2020, 12, 10)])
def test_registration_on_or_after_the_deadline_breaks_the_rule(on: date) -> None:
    v = only(ab(registration(on)))
    assert_violation(v, "aanmelding-te-laat", on, "Brancheorganisatie X", on.isoformat(), "2020-12-07")
    assert v.severity == "error"


def test_registration_without_a_deadline_is_never_late() -> None:
    settings = ai.BestuurlijkOverlegSettings(max_delegation_size=10)
    assert ab(registration(date(2021, 1, 1)), bestuurlijk_overleg=settings).check() == []


def test_delegation_not_representing_every_domain_breaks_the_rule() -> None:
    v = only(ab(registration(date(2020, 12, 1), domains=("jeugdhulp", "wmo"))))
    assert_violation(v, "delegatie-afspiegeling", date(2020, 12, 1), "Brancheorganisatie X",
                     "Beschermd Wonen")
    assert v.severity == "warning"
    assert "does not represent Beschermd Wonen:" in v.message  # only the missing domain


def test_delegation_larger_than_the_procedure_sets_breaks_the_rule() -> None:
    v = only(ab(registration(date(2020, 12, 1), size=11)))
    assert_violation(v, "delegatie-omvang", date(2020, 12, 1), "Brancheorganisatie X", "11", "10")
    assert v.severity == "warning"


def test_the_registrations_for_one_meeting_add_up_and_the_one_that_passes_the_total_is_named() -> None:
    v = only(ab(delegation("Branche A", 6, BO_1), delegation("Branche B", 5, BO_1)))
    assert_violation(v, "delegatie-omvang", date(2020, 12, 2), "Branche B",
                     "With the registration of Branche B (5 members)",
                     "add up to 11 members for the Bestuurlijk Overleg of 2020-12-21",
                     "more than the 10 this procedure sets as workable for one meeting")
    assert "without a meeting date" not in v.message


def test_registrations_for_different_meetings_do_not_add_up() -> None:
    assert ab(delegation("Branche A", 10, BO_1), delegation("Branche B", 10, BO_2)).check() == []


def test_a_registration_without_a_meeting_date_counts_for_every_meeting() -> None:
    # Branche A registers for the Bestuurlijk Overleg as a whole (as the 2020 invitation asked).
    v = only(ab(delegation("Branche A", 6, None), delegation("Branche B", 5, BO_2)))
    assert_violation(v, "delegatie-omvang", date(2020, 12, 2), "Branche B",
                     "add up to 11 members for the Bestuurlijk Overleg of 2021-02-10",
                     "(a registration without a meeting date counts for every meeting)")
    # and, registered after the dated ones, it passes the total of each meeting it reaches
    v = only(ab(delegation("Branche A", 4, BO_1), delegation("Branche B", 6, BO_2),
                delegation("Branche C", 5, None)))
    assert_violation(v, "delegatie-omvang", date(2020, 12, 3), "Branche C",
                     "add up to 11 members for the Bestuurlijk Overleg of 2021-02-10:")
    assert "2020-12-21" not in v.message  # 4 + 5 = 9 stays within 10
    both = only(ab(delegation("Branche A", 6, BO_1), delegation("Branche B", 6, BO_2),
                   delegation("Branche C", 5, None)))
    assert "11 members for the Bestuurlijk Overleg of 2020-12-21 and 11 members for the Bestuurlijk " \
           "Overleg of 2021-02-10" in both.message


def test_registrations_without_any_meeting_date_add_up_for_the_bestuurlijk_overleg() -> None:
    v = only(ab(delegation("Branche A", 6, None), delegation("Branche B", 5, None)))
    assert_violation(v, "delegatie-omvang", date(2020, 12, 2), "Branche B",
                     "add up to 11 members for the Bestuurlijk Overleg:")
    assert ab(delegation("Branche A", 5, None), delegation("Branche B", 5, None)).check() == []


def test_each_registration_past_the_total_warns_naming_the_total_with_it() -> None:
    found = ab(delegation("Branche A", 6, BO_1), delegation("Branche B", 5, BO_1),
               delegation("Branche C", 2, BO_1), delegation("Branche D", 1, BO_2)).check()
    assert [(v.rule, v.subject) for v in found] == [("delegatie-omvang", "Branche B"),
                                                    ("delegatie-omvang", "Branche C")]
    assert "add up to 13 members" in found[1].message


def test_without_a_total_set_no_meeting_is_too_large() -> None:
    settings = ai.BestuurlijkOverlegSettings(registration_deadline=date(2020, 12, 7))
    assert ab(delegation("Branche A", 600, BO_1), delegation("Branche B", 500, BO_1),
              bestuurlijk_overleg=settings).check() == []


def test_recording_registrations_one_by_one_warns_as_the_whole_record_does() -> None:
    events = [delegation("Branche A", 6, None), delegation("Branche B", 3, BO_1),
              delegation("Branche C", 2, BO_1), delegation("Branche D", 9, BO_2)]
    proc = ab()
    warnings = [proc.record(e) for e in events]
    assert [[v.subject for v in w] for w in warnings] == [[], [], ["Branche C"], ["Branche D"]]
    assert proc.check() == ab(*events).check() == [v for w in warnings for v in w]


def test_a_refused_registration_leaves_the_meeting_totals_as_they_were() -> None:
    from achterhoek_inkoop.lifecycle import Replay

    first = delegation("Branche A", 6, BO_1)
    data = ab(first).data
    replay = Replay(data, None)
    before = dict(replay.checker.delegates)
    late = delegation("Te laat", 5, BO_1, on=date(2020, 12, 7))  # on the deadline: an error
    with pytest.raises(ai.RuleViolation, match="aanmelding-te-laat"):
        replay.append(late, data.events)
    assert replay.checker.delegates == before == {BO_1: 6}


# -- gemeente-perceel ---------------------------------------------------------

def test_contract_of_a_municipality_outside_its_segments_breaks_the_rule() -> None:
    v = only(ab(TENDER, AWARD, contract(segments=("b",), municipalities=("m-a",))))
    assert_violation(v, "gemeente-perceel", date(2022, 7, 1), "m-a", "m-a", "not in b")
    assert v.severity == "error"


def test_client_transfer_of_a_municipality_outside_its_segments_breaks_the_rule() -> None:
    proc = ab(TENDER, AWARD, contract(),
                 ai.ClientTransfer(on=date(2022, 8, 1), segments=("a", "b"), municipalities=("m-a", "m-all")))
    assert_violation(only(proc), "gemeente-perceel", date(2022, 8, 1), "m-a", "m-a", "not in b")


def test_municipality_inside_its_segments_keeps_the_rule() -> None:
    proc = ab(TENDER, AWARD, contract(segments=("a",), municipalities=("m-a", "m-all")),
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
    proc = ab(AWARD_A, ai.TenderStart(on=date(2022, 4, 1)))
    v = only(proc)
    assert_violation(v, "volgorde", SENT, "a", "2022-03-14 for a", "aanbesteding")
    assert v.severity == "error"
    # The refused award changed nothing: the segment is in dialoog until the tender.
    assert proc.segment_state_on("a", SENT) == "dialoog"
    assert proc.phase_on(SENT) == ai.Phase.DIALOOG


def test_final_award_without_an_award_decision_breaks_the_order() -> None:
    proc = ab(TENDER, ai.FinalAward(on=date(2022, 4, 10), segments=("a",)))
    assert_violation(only(proc), "volgorde", date(2022, 4, 10), "a", "2022-04-10 for a",
                     "award decision")
    assert proc.segment_state_on("a", date(2022, 4, 10)) == "aanbesteding"


def test_contract_before_the_final_award_breaks_the_order() -> None:
    proc = ab(TENDER, AWARD_A, contract(on=date(2022, 3, 20), segments=("a",), max_end=date(2027, 3, 19)))
    assert_violation(only(proc), "volgorde", date(2022, 3, 20), "a", "2022-03-20 for a",
                     "(state: standstill)")
    assert proc.segment_state_on("a", date(2022, 3, 20)) == "gunning.standstill"


def test_ruling_without_its_kort_geding_in_the_record_is_a_warning() -> None:
    # History may be filled in in any order: the ruling is kept, and the warning asks for its kort geding.
    proc = ab(TENDER, AWARD_A, ruling(date(2022, 3, 20), "rejected"))
    v = only(proc)
    assert_violation(v, "uitspraak-zonder-kort-geding", date(2022, 3, 20), "a", "2022-03-20", "about a")
    assert v.severity == "warning"
    assert proc.segment_state_on("a", date(2022, 3, 20)) == "gunning.standstill"


def test_ruling_before_any_award_decision_breaks_the_order() -> None:
    proc = ab(TENDER, ruling(date(2022, 3, 20), "rejected"))
    assert_violation(only(proc), "volgorde", date(2022, 3, 20), "a", "2022-03-20 for a", "kort geding")


def test_events_in_a_sensible_order_keep_the_rule() -> None:
    proc = ab(
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
    proc = ab(contract(), AWARD, TENDER)
    assert proc.check() == []
    assert proc.phase_on(date(2022, 7, 1)) == ai.Phase.UITVOERING


# -- kort geding ----------------------------------------------------------------

def test_kort_geding_in_the_standstill_holds_the_award_until_the_ruling() -> None:
    proc = ab(TENDER, AWARD_A, KG)
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
    proc = ab(TENDER, AWARD_A, KG, ruling(decided, "rejected"))
    assert proc.check() == []
    assert proc.intervals("a")[-2:] == [
        (date(2022, 3, 20), date(2022, 4, 19), "gunning.kort_geding"),
        (decided, None, "gunning.standstill_verstreken"),
    ]
    assert proc.final_award_from("a") == decided
    assert proc.final_award_on("a") is None  # it may become final; no contract is concluded yet


def test_kort_geding_rejected_within_the_standstill_lets_the_standstill_run_out() -> None:
    proc = ab(TENDER, AWARD_A, KG,
                 ruling(date(2022, 3, 30), "rejected"))
    assert proc.check() == []
    assert proc.segment_state_on("a", date(2022, 3, 30)) == "gunning.standstill"
    assert proc.segment_state_on("a", STANDSTILL_END) == "gunning.standstill"
    assert proc.segment_state_on("a", FINAL_FROM) == "gunning.standstill_verstreken"
    assert proc.final_award_from("a") == FINAL_FROM


def test_kort_geding_upheld_sends_the_award_back_for_reconsideration() -> None:
    proc = ab(TENDER, AWARD_A, KG, ruling(date(2022, 4, 20), "upheld"))
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
    assert proc.segment_state_on("a", period.final_from) == "gunning.standstill_verstreken"


def test_final_award_from_is_unknown_after_a_kort_geding_is_upheld() -> None:
    proc = ab(TENDER, AWARD_A, KG, ruling(date(2022, 4, 20), "upheld"))
    assert proc.final_award_from("a") is None


@pytest.mark.parametrize("follow_up", [None, "verkort_proces", "nader_onderzoek", "heraanbesteding"])
def test_final_award_from_a_segment_not_awarded(follow_up: str | None) -> None:
    rejected = ai.AwardDecision(on=SENT, outcome="not_awarded", follow_up=follow_up, segments=("a",))
    proc = ab(TENDER, rejected)
    assert proc.final_award_from("a") is None
    assert proc.standstill("a") is None
    # Whatever follows, the segment is not awarded until a new tender of its own starts.
    assert proc.segment_state_on("a", SENT) == "gunning.niet_gegund"
    proc.record(ai.FollowUpResult(on=date(2022, 9, 1), outcome="awarded", segments=("a",)))
    assert proc.final_award_from("a") == date(2022, 9, 1)
    assert proc.segment_state_on("a", date(2022, 9, 1)) == "gunning.definitief_gegund"


def test_final_award_while_a_kort_geding_is_pending_is_a_warning() -> None:
    on = date(2022, 4, 20)
    proc = ab(TENDER, AWARD_A, KG, ai.FinalAward(on=on, segments=("a",)))
    v = only(proc)
    assert_violation(v, "definitieve-gunning-tijdens-kort-geding", on, "a", "of a on 2022-04-20",
                     "unconfirmed")
    assert v.severity == "warning"


def test_final_award_after_the_ruling_keeps_the_kort_geding_rule() -> None:
    proc = ab(TENDER, AWARD_A, KG, ruling(date(2022, 4, 20), "rejected"),
                 ai.FinalAward(on=date(2022, 4, 21), segments=("a",)))
    assert proc.check() == []


def test_final_award_in_the_standstill_during_a_kort_geding_is_still_an_error() -> None:
    on = date(2022, 3, 25)
    proc = ab(TENDER, AWARD_A, KG, ai.FinalAward(on=on, segments=("a",)))
    assert "definitieve-gunning-voor-einde-standstill" in {v.rule for v in proc.check()}
    assert proc.segment_state_on("a", on) != "gunning.definitief_gegund"


@pytest.mark.parametrize("on", [FINAL_FROM, date(2022, 6, 1)])
def test_kort_geding_after_the_standstill_is_a_warning_and_holds_nothing(on: date) -> None:
    proc = ab(TENDER, AWARD_A, ai.KortGeding(on=on, segments=("a",)))
    v = only(proc)
    assert_violation(v, "kort-geding-na-standstill", on, "a", on.isoformat(), "about a",
                     "after the standstill")
    assert v.severity == "warning"
    assert proc.segment_state_on("a", on) == "gunning.standstill_verstreken"  # not suspended


def test_kort_geding_on_the_last_day_of_the_standstill_keeps_the_rule() -> None:
    proc = ab(TENDER, AWARD_A, ai.KortGeding(on=STANDSTILL_END, segments=("a",)))
    assert proc.check() == []
    assert proc.segment_state_on("a", FINAL_FROM) == "gunning.kort_geding"


def test_kort_geding_holds_only_the_segment_it_concerns() -> None:
    proc = ab(TENDER, AWARD, KG)
    assert proc.segment_state_on("a", FINAL_FROM) == "gunning.kort_geding"
    assert proc.segment_state_on("b", FINAL_FROM) == "gunning.standstill_verstreken"
    assert proc.phase_on(FINAL_FROM) == ai.Phase.GUNNING


def test_the_readme_lists_every_rule_with_its_severity_and_source() -> None:
    from helpers import REPOSITORY

    readme = (REPOSITORY / "README.md").read_text(encoding="utf-8")
    for rule in ai.RULES.values():
        assert f"| `{rule.id}` | {rule.severity} | {rule.requirement} | {rule.source} |" in readme, rule.id


def test_a_restricted_procedures_time_limit_for_tenders_short_of_40_days_only_warns() -> None:
    # Aw 2012: 40 days from the invitation to tender (which the record does not give), and a
    # non-central authority may agree another period with the candidates: a warning, not an error.
    start = ai.TenderStart(on=NOTICE, requests_deadline=date(2022, 2, 7), deadline=date(2022, 2, 14))
    [v] = ab(start, procedure_type="niet_openbaar").check()
    assert (v.rule, v.severity) == ("minimumtermijn-onzeker", "warning")
    assert "invitation to tender" in v.message
    assert "Aw 2012 art. 2.74a lid 2" in v.source
    kept = ai.TenderStart(on=NOTICE, requests_deadline=date(2022, 2, 7), deadline=date(2022, 2, 15))
    assert ab(kept, procedure_type="niet_openbaar").check() == []


def test_a_prior_information_notice_shortens_the_minimum_only_as_a_warning() -> None:
    # Aw 2012 art. 2.71 lid 5: 29 days after a prior information notice (24 with electronic
    # submission), if it met the conditions, which the record does not show: a deadline that
    # keeps only that shorter minimum is a warning; one short of it too, an error.
    def start(deadline: date, pin: bool | None) -> ai.TenderStart:
        return ai.TenderStart(on=NOTICE, deadline=deadline, electronic_submission=True, free_access=True,
                              prior_information_notice=pin)

    [v] = ab(start(date(2022, 1, 31), True), procedure_type="openbaar").check()
    assert (v.rule, v.severity) == ("minimumtermijn-onzeker", "warning")
    assert "prior information notice" in v.message
    [v] = ab(start(date(2022, 1, 29), True), procedure_type="openbaar").check()
    assert (v.rule, v.severity) == ("minimumtermijn", "error")
    assert "Aw 2012 art. 2.71 lid 5" in v.source
    # Without the notice (or not said) the standard minimum of 40 days holds.
    for pin in (False, None):
        [v] = ab(start(date(2022, 1, 31), pin), procedure_type="openbaar").check()
        assert (v.rule, v.severity) == ("minimumtermijn", "error")
