"""What real procedures do (issue 9): each case an officer met, with the legally right answer.

Kort gedingen late, several and out of order; withdrawn and corrected award
decisions; the exemptions of Aw 2012 art. 2.127 lid 4 and longer standstills;
the actual final award; cancellations; market consultation before a
re-tender; the phase after an upheld kort geding.
"""

from __future__ import annotations

from datetime import date

import pytest
from helpers import procedure

import achterhoek_inkoop as ai

S = ai.SegmentState
ECLI = "ECLI:NL:RBGEL:2025:5590"
TENDER = ai.TenderStart(on=date(2025, 1, 6))
SENT = date(2025, 5, 12)  # a Monday; the standstill ends 2025-06-02, the award may be final from 06-03
AWARD = ai.AwardDecision(on=SENT, outcome="awarded", providers=50)
MAY_BE_FINAL = date(2025, 6, 3)


def rules(proc: ai.Procedure) -> list[tuple[str, str]]:
    return [(v.rule, v.severity) for v in proc.check()]


# -- kort gedingen ------------------------------------------------------------------------

def test_a_late_kort_geding_and_its_ruling_are_recorded() -> None:
    # The region's 2025 case: providers who had not bid started a kort geding after the final
    # award; the court rejected it on 2025-07-14 (ECLI:NL:RBGEL:2025:5590).
    proc = procedure(TENDER, AWARD, ai.FinalAward(on=date(2025, 6, 19)), record=True)
    warnings = proc.record(ai.KortGeding(on=date(2025, 6, 30), by="niet-inschrijvers"))
    assert [w.rule for w in warnings] == ["kort-geding-na-standstill"]
    assert proc.record(ai.KortGedingRuling(on=date(2025, 7, 14), outcome="rejected",
                                           by="niet-inschrijvers", ecli=ECLI)) == []
    assert proc.segment_state_on("perceel-1", date(2025, 7, 14)) == S.DEFINITIEF_GEGUND
    assert rules(proc) == [("kort-geding-na-standstill", "warning")]


@pytest.mark.parametrize("kort_geding_first", [True, False], ids=["kort-geding-first", "ruling-first"])
def test_a_kort_geding_and_its_ruling_join_a_finished_record_in_either_order(kort_geding_first: bool) -> None:
    proc = ai.inkoop2022()
    kort_geding = ai.KortGeding(on=date(2022, 3, 21), by="Aanbieder X", segments=("wmo-wonen",))
    ruling = ai.KortGedingRuling(on=date(2022, 3, 30), outcome="rejected", by="Aanbieder X",
                                 segments=("wmo-wonen",))
    first, second = (kort_geding, ruling) if kort_geding_first else (ruling, kort_geding)
    proc.record(first)   # a warning (the contract while it is pending, or the ruling without it)
    assert proc.record(second) == []
    assert proc.check() == []
    assert proc.segment_state_on("wmo-wonen", date(2022, 3, 25)) == S.KORT_GEDING
    assert proc.segment_state_on("wmo-wonen", date(2022, 3, 30)) == S.STANDSTILL
    assert proc.final_award_on("wmo-wonen") == date(2022, 4, 5)


def test_record_many_adds_a_kort_geding_and_its_ruling_at_once_or_not_at_all() -> None:
    proc = ai.inkoop2022()
    events = [ai.KortGeding(on=date(2022, 3, 21), by="X", segments=("wmo-wonen",)),
              ai.KortGedingRuling(on=date(2022, 3, 30), outcome="upheld", by="X", segments=("wmo-wonen",))]
    # Upheld, the award is void: the contract of 2022-07-01 is then out of order, so neither is kept.
    with pytest.raises(ai.RuleViolation):
        proc.record_many(events)
    assert proc == ai.inkoop2022()
    assert proc.record_many([events[0], events[1].model_copy(update={"outcome": "rejected"})]) == []
    assert len(proc.events) == len(ai.inkoop2022().events) + 2


def test_several_kort_gedingen_hold_the_award_until_none_is_pending() -> None:
    proc = procedure(TENDER, AWARD,
                     ai.KortGeding(on=date(2025, 5, 20), by="A"),
                     ai.KortGeding(on=date(2025, 5, 22), by="B"),
                     ai.KortGedingRuling(on=date(2025, 6, 20), outcome="rejected", by="A"),
                     record=True)
    assert proc.segment_state_on("perceel-1", date(2025, 6, 20)) == S.KORT_GEDING  # B still pending
    assert proc.final_award_from("perceel-1") is None
    proc.record(ai.KortGedingRuling(on=date(2025, 7, 1), outcome="rejected", by="B"))
    assert proc.segment_state_on("perceel-1", date(2025, 7, 1)) == S.STANDSTILL_VERSTREKEN
    assert proc.final_award_from("perceel-1") == date(2025, 7, 1)
    assert proc.check() == []


def test_a_ruling_names_its_kort_geding_by_case_number_when_the_plaintiff_is_not_enough() -> None:
    # One tenderer starts two kort gedingen (say one per ground); the ruling names its case.
    proc = procedure(TENDER, AWARD,
                     ai.KortGeding(on=date(2025, 5, 20), by="A", case="C/05/1"),
                     ai.KortGeding(on=date(2025, 5, 22), by="A", case="C/05/2"),
                     ai.KortGedingRuling(on=date(2025, 6, 20), outcome="rejected", by="A", case="C/05/2"),
                     record=True)
    assert proc.segment_state_on("perceel-1", date(2025, 6, 20)) == S.KORT_GEDING  # C/05/1 pending
    proc.record(ai.KortGedingRuling(on=date(2025, 6, 24), outcome="rejected", case="C/05/1"))
    assert proc.final_award_from("perceel-1") == date(2025, 6, 24)


def test_an_upheld_ruling_voids_the_award_while_another_kort_geding_is_pending() -> None:
    # Upheld, the award decision is void: the bids are reassessed, whatever else is pending.
    proc = procedure(TENDER, AWARD,
                     ai.KortGeding(on=date(2025, 5, 20), by="A"),
                     ai.KortGeding(on=date(2025, 5, 22), by="B"),
                     ai.KortGedingRuling(on=date(2025, 6, 20), outcome="upheld", by="A"),
                     record=True)
    assert proc.segment_state_on("perceel-1", date(2025, 6, 20)) == S.HERBEOORDELING
    # B's kort geding was about the void decision: its ruling is recorded and moves nothing.
    assert proc.record(ai.KortGedingRuling(on=date(2025, 7, 1), outcome="rejected", by="B")) == []
    assert proc.segment_state_on("perceel-1", date(2025, 7, 1)) == S.HERBEOORDELING
    proc.record(ai.AwardDecision(on=date(2025, 7, 7), outcome="awarded"))
    # 20 days from 07-08 end on Sunday 07-27, so on Monday 07-28 (Atw art. 1): final from 07-29.
    assert proc.final_award_from("perceel-1") == date(2025, 7, 29)
    assert proc.check() == []


def test_a_ruling_on_a_kort_geding_not_in_the_record_warns_and_holds_nothing() -> None:
    proc = procedure(TENDER, AWARD, ai.KortGeding(on=date(2025, 5, 20), by="A"), record=True)
    warnings = proc.record(ai.KortGedingRuling(on=date(2025, 6, 20), outcome="rejected", by="Z"))
    assert [w.rule for w in warnings] == ["uitspraak-zonder-kort-geding"]
    assert proc.segment_state_on("perceel-1", date(2025, 6, 20)) == S.KORT_GEDING  # A still holds it


def test_an_appeal_without_its_ruling_warns() -> None:
    proc = procedure(TENDER, AWARD, ai.FinalAward(on=MAY_BE_FINAL), record=True)
    warnings = proc.record(ai.Appeal(on=date(2025, 7, 1), by="A"))
    assert [(w.rule, w.severity) for w in warnings] == [("hoger-beroep-zonder-vonnis", "warning")]
    assert "record the ruling it appeals" in warnings[0].message


def test_an_appeal_against_a_ruling_is_recorded_and_suspends_nothing() -> None:
    proc = procedure(TENDER, AWARD, ai.KortGeding(on=date(2025, 5, 20), by="A"),
                     ai.KortGedingRuling(on=date(2025, 6, 20), outcome="rejected", by="A", ecli=ECLI),
                     ai.Appeal(on=date(2025, 7, 1), by="A"),
                     record=True)
    assert proc.check() == []
    assert proc.segment_state_on("perceel-1", date(2025, 7, 1)) == S.STANDSTILL_VERSTREKEN
    assert proc.record(ai.FinalAward(on=date(2025, 7, 2))) == []


def test_a_kort_geding_against_a_decision_not_to_award_is_recorded() -> None:
    not_awarded = ai.AwardDecision(on=SENT, outcome="not_awarded", follow_up="nader_onderzoek")
    proc = procedure(TENDER, not_awarded, ai.KortGeding(on=date(2025, 5, 20), by="A"),
                     ai.KortGedingRuling(on=date(2025, 6, 20), outcome="rejected", by="A"),
                     record=True)
    assert proc.check() == []
    assert proc.segment_state_on("perceel-1", date(2025, 6, 20)) == S.NIET_GEGUND


def test_an_upheld_kort_geding_holds_the_phase_in_gunning() -> None:
    segments = ("a", "b")
    proc = procedure(TENDER, AWARD, ai.FinalAward(on=MAY_BE_FINAL, segments=("a",)),
                     ai.KortGeding(on=date(2025, 5, 20), segments=("b",)),
                     ai.KortGedingRuling(on=date(2025, 6, 20), outcome="upheld", segments=("b",)),
                     segments=segments)
    assert proc.segment_state_on("b", date(2025, 6, 20)) == S.HERBEOORDELING
    assert proc.phase_on(date(2025, 6, 20)) == ai.Phase.GUNNING  # not implementatie: b is reassessed


# -- withdrawn and corrected decisions --------------------------------------------------------

def test_a_withdrawn_award_decision_goes_back_to_assessment_and_a_new_one_has_its_own_standstill() -> None:
    proc = procedure(TENDER, AWARD, ai.AwardWithdrawal(on=date(2025, 5, 20), reason="bezwaar"),
                     record=True)
    assert proc.segment_state_on("perceel-1", date(2025, 5, 20)) == S.HERBEOORDELING
    assert proc.standstill("perceel-1") is None
    new = ai.AwardDecision(on=date(2025, 6, 2), outcome="awarded")
    proc.record(new)
    period = proc.standstill("perceel-1")
    assert period is not None
    assert period.sent == date(2025, 6, 2)
    # The withdrawn decision's standstill no longer counts: a final award on its end is refused.
    with pytest.raises(ai.RuleViolation, match="definitieve-gunning-voor-einde-standstill"):
        proc.record(ai.FinalAward(on=MAY_BE_FINAL))
    assert [e.type for e in proc.events].count("award_decision") == 2   # the history keeps both


def test_a_corrected_award_decision_supersedes_the_running_standstill() -> None:
    corrected = ai.AwardDecision(on=date(2025, 5, 19), outcome="awarded", reason="correction")
    proc = procedure(TENDER, AWARD, corrected, record=True)
    assert proc.standstill("perceel-1").sent == date(2025, 5, 19)  # type: ignore[union-attr]
    assert proc.segment_state_on("perceel-1", MAY_BE_FINAL) == S.STANDSTILL  # the old end no longer counts


# -- the standstill per decision -----------------------------------------------------------------

def test_no_standstill_is_needed_for_a_single_tenderer() -> None:
    # Aw 2012 art. 2.127 lid 4: the only tenderer concerned is the winner, no candidates concerned.
    exempt = ai.AwardDecision(on=SENT, outcome="awarded", providers=1, standstill_exemption="single_tenderer")
    proc = procedure(TENDER, exempt, ai.FinalAward(on=date(2025, 5, 13)), record=True)
    assert proc.check() == []
    assert proc.standstill("perceel-1") is None
    assert proc.final_award_on("perceel-1") == date(2025, 5, 13)


def test_a_longer_standstill_set_in_the_tender_documents_moves_the_final_award() -> None:
    longer = ai.AwardDecision(on=SENT, outcome="awarded", standstill_days=30)
    proc = procedure(TENDER, longer)
    assert proc.final_award_from("perceel-1") == date(2025, 6, 12)  # 30 days from 05-13: Wednesday 06-11
    with pytest.raises(ai.RuleViolation, match="definitieve-gunning-voor-einde-standstill"):
        proc.record(ai.FinalAward(on=MAY_BE_FINAL))


def test_a_standstill_shorter_than_the_law_allows_is_an_error() -> None:
    short = ai.AwardDecision(on=SENT, outcome="awarded", standstill_days=10)
    assert ("standstill-minimum", "error") in rules(procedure(TENDER, short))


def test_an_exemption_and_a_standstill_on_one_decision_are_refused() -> None:
    with pytest.raises(ValueError, match="not both"):
        ai.AwardDecision(on=SENT, outcome="awarded", standstill_days=30,
                         standstill_exemption="framework_call_off")


# -- the actual final award ------------------------------------------------------------------

def test_the_award_is_final_on_the_recorded_final_award_not_at_the_end_of_the_standstill() -> None:
    proc = procedure(TENDER, AWARD, ai.FinalAward(on=date(2025, 6, 19)))
    assert proc.segment_state_on("perceel-1", MAY_BE_FINAL) == S.STANDSTILL_VERSTREKEN
    assert proc.segment_state_on("perceel-1", date(2025, 6, 18)) == S.STANDSTILL_VERSTREKEN
    assert proc.segment_state_on("perceel-1", date(2025, 6, 19)) == S.DEFINITIEF_GEGUND
    assert proc.phase_on(date(2025, 6, 18)) == ai.Phase.GUNNING
    assert proc.phase_on(date(2025, 6, 19)) == ai.Phase.IMPLEMENTATIE
    assert proc.dialogue_allowed(date(2025, 6, 18)) is False
    assert proc.final_award_from("perceel-1") == MAY_BE_FINAL
    assert proc.final_award_on("perceel-1") == date(2025, 6, 19)
    award = proc.to_ocds(date(2025, 6, 18))["releases"][0]["awards"][0]
    assert award["status"] == "pending"
    assert proc.inferred_events == ()


def test_a_contract_without_a_final_award_shows_it_became_final_on_the_first_day_it_could() -> None:
    proc = procedure(TENDER, AWARD, ai.Contract(on=date(2026, 1, 1), initial_end=date(2028, 12, 31),
                                                max_end=date(2028, 12, 31)))
    assert proc.final_award_on("perceel-1") == MAY_BE_FINAL
    assert proc.segment_state_on("perceel-1", MAY_BE_FINAL) == S.DEFINITIEF_GEGUND
    (inferred,) = proc.inferred_events
    assert (inferred.type, inferred.on) == ("final_award", MAY_BE_FINAL)
    assert (inferred.source or "").startswith("assumption:")
    assert proc.check() == []


# -- cancellation and market consultation ---------------------------------------------------------

def test_a_cancelled_procurement_ends() -> None:
    proc = procedure(TENDER, ai.Cancellation(on=date(2025, 3, 3), reason="no budget"), segments=("a", "b"))
    assert proc.phase_on(date(2025, 3, 3)) == ai.Phase.AFGEROND
    assert proc.segment_state_on("a", date(2035, 1, 1)) == S.GESTAAKT
    assert proc.dialogue_allowed(date(2025, 3, 3)) is True


def test_a_procurement_not_awarded_for_further_study_ends_when_it_is_cancelled() -> None:
    # Not awarded "nader onderzoek" keeps the segment open (a follow-up may still award it);
    # the authority ends it by a cancellation (intrekking of the tender).
    not_awarded = ai.AwardDecision(on=SENT, outcome="not_awarded", follow_up="nader_onderzoek")
    proc = procedure(TENDER, not_awarded, record=True)
    assert proc.phase_on(date(2035, 1, 1)) == ai.Phase.GUNNING
    proc.record(ai.Cancellation(on=date(2025, 9, 1), reason="geen vervolg"))
    assert proc.phase_on(date(2025, 9, 1)) == ai.Phase.AFGEROND
    assert proc.phase_on(date(2025, 8, 31)) == ai.Phase.GUNNING


def test_a_cancellation_can_be_challenged() -> None:
    proc = procedure(TENDER, ai.Cancellation(on=date(2025, 3, 3)),
                     ai.KortGeding(on=date(2025, 3, 10), by="Aanbieder Y"),
                     ai.KortGedingRuling(on=date(2025, 4, 1), outcome="rejected", by="Aanbieder Y"),
                     record=True)
    assert proc.check() == []


def test_the_market_may_be_consulted_before_a_re_tender_starts() -> None:
    not_awarded = ai.AwardDecision(on=SENT, outcome="not_awarded", follow_up="heraanbesteding")
    consultation = ai.DialogueActivity(on=date(2025, 6, 10), kind="gesprekstafel")
    proc = procedure(TENDER, not_awarded, consultation, record=True)   # allowed (Dir. 2014/24/EU art. 40)
    assert proc.segment_state_on("perceel-1", date(2025, 6, 10)) == S.NIET_GEGUND
    proc.record(ai.TenderStart(on=date(2025, 7, 1)))
    assert proc.segment_state_on("perceel-1", date(2025, 7, 1)) == S.HERAANBESTEDING
    with pytest.raises(ai.RuleViolation, match="dialoog-tijdens-aanbesteding"):
        proc.record(ai.DialogueActivity(on=date(2025, 7, 2), kind="gesprekstafel"))
