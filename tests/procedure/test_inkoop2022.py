"""The bundled Inkoop 2022 procedure: phases, segment courses and the questions an officer asks.

The dates come from DOMAIN.md A1-A4 and the worked standstill example in B2:
the award decision was sent on Monday 2022-03-14, day 20 of the standstill is
Sunday 2022-04-03, so the standstill runs through Monday 2022-04-04 and the
award may become final from Tuesday 2022-04-05.
"""

from __future__ import annotations

from datetime import date

import pytest

import achterhoek_inkoop as ai

AWARDED = (
    "wmo-wonen",
    "wmo-integrale-ondersteuning",
    "integrale-ambulante-jeugdhulp",
    "gezins-en-woonvormen",
)
LOGEREN = "wmo-logeren"
HOOG_COMPLEX = "hoog-complexe-jeugdhulp-met-verblijf"
ALL_SEGMENTS = (*AWARDED, LOGEREN, HOOG_COMPLEX)
MUNICIPALITIES = (
    "aalten",
    "berkelland",
    "bronckhorst",
    "doetinchem",
    "montferland",
    "oost-gelre",
    "oude-ijsselstreek",
    "winterswijk",
)


@pytest.fixture(scope="module")
def proc() -> ai.Procedure:
    # Read-only queries only: tests that record events build their own copy.
    return ai.inkoop2022()


# -- phases -------------------------------------------------------------------

PHASE_DATES = [
    (date(2019, 1, 1), ai.Phase.DIALOOG),  # before the first event: the initial phase
    (date(2020, 11, 24), ai.Phase.DIALOOG),  # the invitation
    (date(2021, 2, 10), ai.Phase.DIALOOG),  # the second Bestuurlijk Overleg
    (date(2021, 3, 31), ai.Phase.DIALOOG),  # the last day of the dialoog
    (date(2021, 4, 1), ai.Phase.AANBESTEDING),  # the tender starts
    (date(2022, 3, 13), ai.Phase.AANBESTEDING),  # the day before the award decision
    (date(2022, 3, 14), ai.Phase.GUNNING),  # the award decision is sent
    (date(2022, 4, 4), ai.Phase.GUNNING),  # the last day of the standstill (Atw art. 1)
    (date(2022, 4, 5), ai.Phase.IMPLEMENTATIE),  # the award becomes final
    (date(2022, 6, 30), ai.Phase.IMPLEMENTATIE),  # the day before the contracts start
    (date(2022, 7, 1), ai.Phase.UITVOERING),  # the contracts start
    (date(2025, 6, 30), ai.Phase.UITVOERING),  # the last day of the contracts
    (date(2025, 7, 1), ai.Phase.AFGEROND),  # the contracts have ended
    (date(2026, 11, 23), ai.Phase.AFGEROND),  # long after
]


@pytest.mark.parametrize(("on", "phase"), PHASE_DATES, ids=[d.isoformat() for d, _ in PHASE_DATES])
def test_phase_on_each_side_of_every_boundary(proc: ai.Procedure, on: date, phase: ai.Phase) -> None:
    assert proc.phase_on(on) is phase


def test_phase_is_a_str_enum_in_the_order_a_procedure_passes_the_phases(proc: ai.Procedure) -> None:
    # Inkoop 2022 went through every phase, in the order ai.Phase lists them.
    course = [phase for _start, _end, phase in proc.intervals()]  # from the dialoog on
    assert course == list(ai.Phase)
    assert proc.phase_on(date(2019, 1, 1)) is ai.Phase.DIALOOG
    assert [p.value for p in course] == [
        "dialoog", "aanbesteding", "gunning", "implementatie", "uitvoering", "afgerond",
    ]
    assert proc.phase_on(date(2021, 5, 1)) == "aanbesteding"


def test_phase_intervals_cover_the_whole_course(proc: ai.Procedure) -> None:
    assert proc.intervals() == [
        DIALOOG_ROW,
        (date(2021, 4, 1), date(2022, 3, 13), "aanbesteding"),
        (date(2022, 3, 14), date(2022, 4, 4), "gunning"),
        (date(2022, 4, 5), date(2022, 6, 30), "implementatie"),
        (date(2022, 7, 1), date(2025, 6, 30), "uitvoering"),
        (date(2025, 7, 1), None, "afgerond"),
    ]


def test_the_standstill_of_the_award_decision_follows_the_worked_example(proc: ai.Procedure) -> None:
    for seg in AWARDED:
        period = proc.standstill(seg)
        assert period is not None
        assert period.sent == date(2022, 3, 14)
        assert period.start == date(2022, 3, 15)
        assert period.nominal_end == date(2022, 4, 3)  # a Sunday
        assert period.end == date(2022, 4, 4)
        assert period.final_from == date(2022, 4, 5)
    assert proc.standstill(LOGEREN) is None
    assert proc.standstill(HOOG_COMPLEX) is None


# -- segment courses ----------------------------------------------------------

#: The dialoog as the record shows it: from the invitation of 24 November 2020, its first date.
DIALOOG_ROW = (date(2020, 11, 24), date(2021, 3, 31), "dialoog")

AWARDED_COURSE = [
    DIALOOG_ROW,
    (date(2021, 4, 1), date(2022, 3, 13), "aanbesteding"),
    (date(2022, 3, 14), date(2022, 3, 14), "gunning.voorlopig_gegund"),
    (date(2022, 3, 15), date(2022, 4, 4), "gunning.standstill"),
    (date(2022, 4, 5), date(2022, 6, 30), "gunning.definitief_gegund"),
    (date(2022, 7, 1), date(2025, 6, 30), "in_uitvoering"),
    (date(2025, 7, 1), None, "beeindigd"),
]


@pytest.mark.parametrize("segment", AWARDED)
def test_course_of_an_awarded_segment(proc: ai.Procedure, segment: str) -> None:
    assert proc.intervals(segment) == AWARDED_COURSE


AWARDED_STATES = [
    (date(2021, 3, 31), ai.SegmentState.DIALOOG),
    (date(2021, 4, 1), ai.SegmentState.AANBESTEDING),
    (date(2022, 3, 13), ai.SegmentState.AANBESTEDING),
    (date(2022, 3, 14), ai.SegmentState.VOORLOPIG_GEGUND),
    (date(2022, 3, 15), ai.SegmentState.STANDSTILL),
    (date(2022, 3, 20), ai.SegmentState.STANDSTILL),
    (date(2022, 4, 3), ai.SegmentState.STANDSTILL),  # nominal day 20, a Sunday
    (date(2022, 4, 4), ai.SegmentState.STANDSTILL),  # extended by Atw art. 1
    (date(2022, 4, 5), ai.SegmentState.DEFINITIEF_GEGUND),
    (date(2022, 6, 30), ai.SegmentState.DEFINITIEF_GEGUND),
    (date(2022, 7, 1), ai.SegmentState.IN_UITVOERING),
    (date(2025, 6, 30), ai.SegmentState.IN_UITVOERING),
    (date(2025, 7, 1), ai.SegmentState.BEEINDIGD),
    (date(2026, 11, 23), ai.SegmentState.BEEINDIGD),
]


@pytest.mark.parametrize(("on", "state"), AWARDED_STATES, ids=[d.isoformat() for d, _ in AWARDED_STATES])
def test_state_of_wmo_wonen_on_each_side_of_every_transition(
    proc: ai.Procedure, on: date, state: ai.SegmentState
) -> None:
    assert proc.segment_state_on("wmo-wonen", on) == state


def test_wmo_logeren_was_not_awarded_and_then_awarded_in_its_follow_up(proc: ai.Procedure) -> None:
    # Not awarded on 2022-03-14 with a verkort proces as follow-up; that procedure's start is not
    # recorded, so the segment is not awarded (open to market consultation) until its result:
    # contracts with 3 providers from 2022-07-01.
    assert proc.intervals(LOGEREN) == [
        DIALOOG_ROW,
        (date(2021, 4, 1), date(2022, 3, 13), "aanbesteding"),
        (date(2022, 3, 14), date(2022, 6, 30), "gunning.niet_gegund"),
        (date(2022, 7, 1), date(2025, 6, 30), "in_uitvoering"),
        (date(2025, 7, 1), None, "beeindigd"),
    ]
    assert proc.segment_state_on(LOGEREN, date(2022, 3, 13)) == "aanbesteding"
    assert proc.segment_state_on(LOGEREN, date(2022, 3, 14)) == "gunning.niet_gegund"
    assert proc.segment_state_on(LOGEREN, date(2022, 6, 30)) == "gunning.niet_gegund"
    assert proc.segment_state_on(LOGEREN, date(2022, 7, 1)) == "in_uitvoering"


def test_the_final_awards_of_2022_are_inferred_from_the_contracts(proc: ai.Procedure) -> None:
    # No final award is recorded; the contracts of 1 July 2022 show the awards became final, taken
    # on the first day they could (2022-04-05), an assumption the procedure names.
    assert [(e.segments, e.on) for e in proc.inferred_events] == [
        ((seg,), date(2022, 4, 5)) for seg in AWARDED]
    assert all((e.source or "").startswith("assumption:") for e in proc.inferred_events)
    assert proc.final_award_on("wmo-wonen") == date(2022, 4, 5)
    # As known on 2022-04-10 no contract had shown it: the award could become final, no more.
    known = proc.as_known_on(date(2022, 4, 10))
    assert known.segment_state_on("wmo-wonen", date(2022, 4, 10)) == "gunning.standstill_verstreken"
    assert known.final_award_on("wmo-wonen") is None


def test_final_award_from_wmo_logeren_is_its_follow_up_award(proc: ai.Procedure) -> None:
    # The meervoudig onderhandse aanbesteding was awarded with effect from 2022-07-01.
    assert proc.final_award_from(LOGEREN) == date(2022, 7, 1)


def test_hoog_complexe_jeugdhulp_was_not_awarded_then_awarded_in_a_follow_up(proc: ai.Procedure) -> None:
    assert proc.intervals(HOOG_COMPLEX) == [
        DIALOOG_ROW,
        (date(2021, 4, 1), date(2022, 3, 13), "aanbesteding"),
        (date(2022, 3, 14), date(2022, 11, 15), "gunning.niet_gegund"),
        (date(2022, 11, 16), date(2022, 12, 31), "gunning.definitief_gegund"),
        (date(2023, 1, 1), date(2025, 6, 30), "in_uitvoering"),
        (date(2025, 7, 1), None, "beeindigd"),
    ]
    assert proc.segment_state_on(HOOG_COMPLEX, date(2022, 11, 15)) == "gunning.niet_gegund"
    assert proc.segment_state_on(HOOG_COMPLEX, date(2022, 11, 16)) == "gunning.definitief_gegund"
    assert proc.segment_state_on(HOOG_COMPLEX, date(2022, 12, 31)) == "gunning.definitief_gegund"
    assert proc.segment_state_on(HOOG_COMPLEX, date(2023, 1, 1)) == "in_uitvoering"
    assert proc.final_award_from(HOOG_COMPLEX) == date(2022, 11, 16)


def test_every_segment_is_in_dialoog_before_the_tender(proc: ai.Procedure) -> None:
    # The courses after it are asserted whole above, segment by segment.
    for seg in ALL_SEGMENTS:
        assert proc.segment_state_on(seg, date(2019, 1, 1)) is ai.SegmentState.DIALOOG
        assert proc.segment_state_on(seg, date(2021, 3, 31)) is ai.SegmentState.DIALOOG
        assert proc.intervals(seg)[0] == DIALOOG_ROW
        assert proc.intervals(seg)[1][:2] == (date(2021, 4, 1), date(2022, 3, 13))


def test_contract_end_of_every_segment(proc: ai.Procedure) -> None:
    for seg in ALL_SEGMENTS:
        assert proc.contract_end(seg) == date(2025, 6, 30)


# -- questions ----------------------------------------------------------------

@pytest.mark.parametrize("segment", AWARDED)
def test_final_award_from_an_awarded_segment(proc: ai.Procedure, segment: str) -> None:
    assert proc.final_award_from(segment) == date(2022, 4, 5)


@pytest.mark.parametrize(
    ("on", "allowed"),
    [
        (date(2020, 12, 21), True),  # Bestuurlijk Overleg 1
        (date(2021, 2, 10), True),  # Bestuurlijk Overleg 2
        (date(2021, 3, 31), True),  # the last day of the dialoog
        (date(2021, 4, 1), False),  # "vanaf 1 april 2021 geen dialoog"
        (date(2021, 5, 1), False),
        (date(2022, 3, 20), False),  # standstill running
        (date(2026, 11, 23), True),  # all contracts have ended
    ],
)
def test_dialogue_allowed_for_all_segments(proc: ai.Procedure, on: date, allowed: bool) -> None:
    assert proc.dialogue_allowed(on) is allowed


def test_dialogue_allowed_narrowed_to_segments(proc: ai.Procedure) -> None:
    # Hoog Complexe Jeugdhulp is not awarded and under investigation (nader onderzoek):
    # no tender runs for it, so dialogue about it is allowed.
    assert proc.dialogue_allowed(date(2022, 6, 1), segments=[HOOG_COMPLEX]) is True
    # ... and nor is one for Wmo Logeren, not awarded with a new procedure to follow (market
    # consultation is allowed until it starts).
    assert proc.dialogue_allowed(date(2022, 6, 1), segments=[LOGEREN]) is True
    assert proc.dialogue_allowed(date(2022, 6, 1)) is True
    assert proc.dialogue_allowed(date(2022, 3, 20), segments=["wmo-wonen"]) is False
    # The award of Wmo Wonen is final from 2022-04-05.
    assert proc.dialogue_allowed(date(2022, 4, 5), segments=["wmo-wonen"]) is True
    assert proc.dialogue_allowed(date(2022, 4, 4), segments=["wmo-wonen"]) is False


def test_dialogue_allowed_refuses_an_unknown_segment(proc: ai.Procedure) -> None:
    with pytest.raises(ai.InvalidInputError, match="no-such-segment"):
        proc.dialogue_allowed(date(2022, 6, 1), segments=["no-such-segment"])


def test_municipality_segments(proc: ai.Procedure) -> None:
    assert proc.municipality_segments("oude-ijsselstreek") == {"gezins-en-woonvormen", "wmo-wonen"}
    for muni in MUNICIPALITIES:
        if muni != "oude-ijsselstreek":
            assert proc.municipality_segments(muni) == set(ALL_SEGMENTS), muni


def test_municipality_segments_refuses_an_unknown_municipality(proc: ai.Procedure) -> None:
    with pytest.raises(ai.InvalidInputError, match="lochem"):
        proc.municipality_segments("lochem")


def test_slip_against_the_first_plan(proc: ai.Procedure) -> None:
    assert proc.slip("aanbesteding") == 0
    assert proc.slip("gunning") == 164  # 2021-10-01 -> 2022-03-14
    assert proc.slip("contract_start") == 181  # 2022-01-01 -> 2022-07-01


def test_slip_against_the_revision(proc: ai.Procedure) -> None:
    assert proc.slip("contract_start", baseline="revision-2021-10-15") == 0
    # A revision keeps the milestones it did not change.
    assert proc.slip("gunning", baseline="revision-2021-10-15") == 164
    assert proc.planned("contract_start", baseline="revision-2021-10-15") == date(2022, 7, 1)
    assert proc.planned("contract_start") == date(2022, 1, 1)
    assert proc.actual("gunning") == date(2022, 3, 14)


def test_slip_refuses_unknown_milestones_and_plans(proc: ai.Procedure) -> None:
    with pytest.raises(ai.InvalidInputError, match="implementatie"):
        proc.slip("implementatie")
    with pytest.raises(ai.InvalidInputError, match="plan-2030"):
        proc.slip("gunning", baseline="plan-2030")


def test_bundled_data_breaks_no_rule(proc: ai.Procedure) -> None:
    assert proc.check() == []


def test_ids_of_segments_and_municipalities(proc: ai.Procedure) -> None:
    assert proc.data.segment_ids == ALL_SEGMENTS
    assert tuple(m.id for m in proc.data.municipalities) == MUNICIPALITIES
    assert proc.data.max_contract_years == 7
    assert proc.data.standstill_days == 20


def test_queries_refuse_unknown_segments_and_non_dates(proc: ai.Procedure) -> None:
    with pytest.raises(ai.InvalidInputError, match="wmo-vervoer"):
        proc.segment_state_on("wmo-vervoer", date(2022, 3, 20))
    with pytest.raises(ai.InvalidInputError):
        proc.phase_on("20-03-2022")  # type: ignore[arg-type]
    with pytest.raises(ai.InvalidInputError):
        proc.segment_state_on("wmo-wonen", "2022-03-20 12:00")  # type: ignore[arg-type]


def test_inkoop2022_returns_a_fresh_copy_each_call() -> None:
    first = ai.inkoop2022()
    second = ai.inkoop2022()
    assert first is not second
    assert first == second
    before = second.events
    first.record(ai.NotaVanInlichtingen(on=date(2021, 5, 3), number=1))
    assert len(first.events) == len(before) + 1
    assert second.events == before
    assert ai.inkoop2022().events == before
    assert first != second


def test_events_are_in_recorded_order(proc: ai.Procedure) -> None:
    events = proc.events
    assert events[0].type == "announcement"
    assert events[0].on == date(2020, 11, 24)
    awards = [e for e in events if e.type == "award_decision"]
    assert [(e.outcome, e.segments) for e in awards] == [
        ("awarded", AWARDED),
        ("not_awarded", (LOGEREN,)),
        ("not_awarded", (HOOG_COMPLEX,)),
    ]
    assert awards[0].providers == 61


def test_any_date_before_the_first_event_is_dialoog_even_before_the_calendar(proc: ai.Procedure) -> None:
    # The statutory calendar starts in 1949; a state query needs no calendar.
    assert proc.phase_on(date(1900, 1, 1)) == ai.Phase.DIALOOG
    assert proc.segment_state_on("wmo-wonen", date(1, 1, 1)) == "dialoog"
    assert proc.dialogue_allowed(date(1948, 12, 31)) is True
