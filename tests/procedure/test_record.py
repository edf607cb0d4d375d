"""``Procedure.record``: an event the rules refuse raises and changes nothing; a warning is recorded.

The small procedures are those of ``tests/lifecycle/test_rules.py``
(helpers.TWO_SEGMENTS): segments ``a`` and ``b``, the award decision sent on
2022-03-14, its standstill over after 2022-04-04.
"""

from __future__ import annotations

from datetime import date
from functools import partial
from typing import Any

import pytest
from helpers import TWO_SEGMENTS, observe, procedure

import achterhoek_inkoop as ai

SENT = date(2022, 3, 14)
TENDER = ai.TenderStart(on=date(2022, 1, 3))
AWARD_A = ai.AwardDecision(on=SENT, outcome="awarded", segments=("a",))
SAMPLE_DATES = [date(2020, 1, 1), date(2021, 3, 31), date(2021, 4, 1), date(2021, 5, 1), date(2022, 3, 14),
                date(2022, 3, 20), date(2022, 4, 5), date(2022, 7, 1), date(2025, 7, 1), date(2026, 11, 23)]

#: A procedure of the two segments a and b with ``events``; keywords change its settings.
ab = partial(procedure, **TWO_SEGMENTS)


def registration(on: date, size: int = 5, domains: tuple[str, ...] = ("jeugdhulp", "wmo", "beschermd_wonen"),
                 ) -> ai.Registration:
    return ai.Registration(on=on, organisation="Brancheorganisatie X", delegation_size=size, domains=domains)


def test_record_of_a_dialogue_in_the_tender_of_inkoop2022_is_refused() -> None:
    proc = ai.inkoop2022()
    before = observe(proc, SAMPLE_DATES)
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
    assert observe(proc, SAMPLE_DATES) == before


@pytest.mark.parametrize(
    ("event", "rule", "subject"),
    [
        (ai.FinalAward(on=date(2022, 3, 20), segments=("a",)),
         "definitieve-gunning-voor-einde-standstill", "a"),
        (ai.FinalAward(on=date(2022, 3, 20), segments=("b",)), "volgorde", "b"),
        (ai.Registration(on=date(2020, 12, 8), organisation="Laat", delegation_size=2,
                         domains=("jeugdhulp", "wmo", "beschermd_wonen")), "aanmelding-te-laat", "Laat"),
        (ai.Contract(on=date(2022, 7, 1), initial_end=date(2025, 6, 30), max_end=date(2030, 6, 30),
                     segments=("a",)), "contractduur-maximum", "a"),
        (ai.DialogueActivity(kind="gesprekstafel", on=date(2022, 3, 20), segments=("a",)),
         "dialoog-tijdens-aanbesteding", "a"),
    ],
    ids=lambda x: x if isinstance(x, str) else type(x).__name__,
)
def test_record_of_an_error_event_raises_and_changes_nothing(event: Any, rule: str, subject: str) -> None:
    proc = ab(TENDER, AWARD_A)
    before = observe(proc, SAMPLE_DATES)
    with pytest.raises(ai.RuleViolation) as info:
        proc.record(event)
    assert [(v.rule, v.severity, v.on, v.subject) for v in info.value.violations] == [
        (rule, "error", event.on, subject)]
    assert observe(proc, SAMPLE_DATES) == before


def test_record_of_a_short_standstill_award_is_refused() -> None:
    proc = ab(TENDER, standstill_days=10)
    with pytest.raises(ai.RuleViolation) as info:
        proc.record(AWARD_A)
    assert [v.rule for v in info.value.violations] == ["standstill-minimum"]
    assert proc.events == (TENDER,)


def test_record_of_an_unknown_segment_is_refused_with_an_input_error() -> None:
    proc = ab(TENDER)
    with pytest.raises(ai.InvalidInputError, match="'c'"):
        proc.record(ai.AwardDecision(on=SENT, outcome="awarded", segments=("c",)))
    with pytest.raises(ai.InvalidInputError, match="lochem"):
        proc.record(ai.ClientTransfer(on=SENT, municipalities=("lochem",)))
    assert proc.events == (TENDER,)


def test_record_of_a_warning_event_records_it_and_returns_the_warnings() -> None:
    proc = ab(TENDER, AWARD_A)
    kg = ai.KortGeding(on=date(2022, 5, 1), segments=("a",))
    warnings = proc.record(kg)
    assert [(v.rule, v.severity, v.on, v.subject) for v in warnings] == [
        ("kort-geding-na-standstill", "warning", date(2022, 5, 1), "a"),
    ]
    assert proc.events[-1] == kg
    assert proc.check() == warnings


def test_record_of_a_delegation_warning_records_it() -> None:
    proc = ab()
    warnings = proc.record(registration(date(2020, 12, 1), size=12, domains=("wmo",)))
    assert sorted(v.rule for v in warnings) == ["delegatie-afspiegeling", "delegatie-omvang"]
    assert len(proc.events) == 1


def test_record_of_a_valid_event_returns_no_warnings_and_moves_the_state() -> None:
    proc = ab(TENDER)
    assert proc.record(AWARD_A) == []
    assert proc.events == (TENDER, AWARD_A)
    assert proc.segment_state_on("a", SENT) == "gunning.voorlopig_gegund"
    assert proc.phase_on(SENT) == ai.Phase.GUNNING


def test_record_accepts_the_dict_form_of_an_event() -> None:
    proc = ab(TENDER)
    proc.record({"type": "award_decision", "on": "2022-03-14", "outcome": "awarded", "segments": ["a"]})
    assert proc.events[-1] == AWARD_A


def test_record_of_something_that_is_not_an_event_is_an_input_error() -> None:
    proc = ab(TENDER)
    with pytest.raises(ai.InvalidInputError, match="bogus"):
        proc.record({"type": "bogus", "on": "2022-02-01"})
    with pytest.raises(ai.InvalidInputError, match="2022-02-30"):
        proc.record({"type": "nota_van_inlichtingen", "on": "2022-02-30"})
    assert proc.events == (TENDER,)


def test_record_on_a_record_that_already_breaks_rules_accepts_unrelated_events() -> None:
    proc = ab(TENDER, ai.DialogueActivity(kind="gesprekstafel", on=date(2022, 2, 1)))
    assert len(proc.check()) == 1
    assert proc.record(AWARD_A) == []
    assert len(proc.events) == 3


def test_record_refuses_a_second_identical_dialogue_in_the_tender() -> None:
    dialogue = ai.DialogueActivity(kind="gesprekstafel", on=date(2022, 2, 1))
    proc = ab(TENDER, dialogue)
    with pytest.raises(ai.RuleViolation) as info:
        proc.record(dialogue)
    assert [(v.rule, v.on, v.subject) for v in info.value.violations] == [
        ("dialoog-tijdens-aanbesteding", date(2022, 2, 1), "a, b")]
    assert len(proc.events) == 2
