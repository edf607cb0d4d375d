"""Procedures of every type under every rulebook (issue 10): generated, lawful, shrunk; short deadlines.

The walk gives each tender start of a typed procedure its deadline at or after
the minimum period of the type under the procedure's rulebook;
``short_deadlines`` gives one short of it, which ``check()`` reports.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, find, given, settings
from hypothesis import strategies as st

import achterhoek_inkoop as ai
from achterhoek_inkoop import strategies as ais

#: 1 in the default profile (200 examples), 25 under ci-long (5000).
SCALE = max(1, settings().max_examples // 200)
SLOW = settings(max_examples=15 * SCALE, suppress_health_check=[HealthCheck.too_slow])
#: For find(): no saved examples, a bounded search.
FIND = settings(database=None, derandomize=True, max_examples=30, phases=[Phase.generate, Phase.shrink],
                suppress_health_check=[HealthCheck.too_slow])
#: Generation only, the same examples in every profile: what is reached must not depend on luck.
SURVEY = settings(database=None, derandomize=True, phases=[Phase.generate], deadline=None,
                  suppress_health_check=list(HealthCheck))

T = ai.ProcedureType
DAY = date(2000, 1, 1)
MINIMUM_RULES = {"minimumtermijn", "minimumtermijn-onzeker"}
#: The types whose first deadline is for requests to participate (a pre-selection).
PRE_SELECTION = {T.NIET_OPENBAAR, T.MEDEDINGINGSPROCEDURE_MET_ONDERHANDELING, T.CONCURRENTIEGERICHTE_DIALOOG,
                 T.INNOVATIEPARTNERSCHAP}
#: The types with a minimum period under both rulebooks: short_deadlines takes a procedure of one.
WITH_MINIMUM = (T.OPENBAAR, *sorted(PRE_SELECTION))


def typed(kind: ai.ProcedureType | None, rulebook: str = "aw2012", *events: ai.Event) -> ai.Procedure:
    segment = ai.Segment(id="a", name="Perceel a", domains=("wmo",))
    return ai.Procedure(ai.ProcedureData(id="p", name="P", segments=(segment,), procedure_type=kind,
                                         rulebook=rulebook, events=events))


def deadline_fields(event: ai.TenderStart) -> frozenset[str]:
    return frozenset(f for f in ("deadline", "requests_deadline") if getattr(event, f) is not None)


# -- the value strategies ------------------------------------------------------------

def test_procedure_types_and_rulebooks_give_every_one_and_shrink_to_the_first() -> None:
    seen: set[Any] = set()

    @settings(SURVEY, max_examples=60)
    @given(ais.procedure_types(), ais.rulebooks())
    def survey(kind: ai.ProcedureType, rulebook: str) -> None:
        seen.update((kind, rulebook))

    survey()
    assert seen == set(ai.ProcedureType) | set(ai.RULEBOOKS)
    assert find(ais.procedure_types(), lambda t: True, settings=FIND) is T.OPENBAAR
    assert find(ais.rulebooks(), lambda r: True, settings=FIND) == "aw2012"


# -- every type under every rulebook ---------------------------------------------------

@functools.cache
def surveyed() -> tuple[ai.Procedure, ...]:
    """Generated procedures with a tender start (generated once for the survey tests)."""
    found: list[ai.Procedure] = []

    # 1000: with 400 the rarest pair of type and rulebook came 1 to 5 times, so a change in how
    # the strategies are composed (not in what they draw) could leave one out; now 6 to 16 times.
    @settings(SURVEY, max_examples=1000)
    @given(ais.procedures(max_segments=1, min_events=1, max_events=2, max_municipalities=0))
    def survey(proc: ai.Procedure) -> None:
        found.append(proc)

    survey()
    return tuple(found)


def test_generated_procedures_have_every_type_under_every_rulebook() -> None:
    # Each pair with a tender start, and now and then a procedure without a type, as before issue 10.
    reached = {(p.data.procedure_type, p.data.rulebook) for p in surveyed()
               if any(e.type == "tender_start" for e in p.events)}
    assert reached == {(kind, book) for kind in (None, *ai.ProcedureType) for book in ai.RULEBOOKS}


def test_each_type_gets_the_deadlines_it_has() -> None:
    # Tenders for the open procedure and the types without a minimum; requests to participate for
    # the pre-selection types, and for the restricted procedure sometimes tenders too; none without
    # a type.
    fields: dict[ai.ProcedureType | None, set[frozenset[str]]] = {}
    for proc in surveyed():
        for event in proc.events:
            if isinstance(event, ai.TenderStart):
                fields.setdefault(proc.data.procedure_type, set()).add(deadline_fields(event))
    tenders, requests = frozenset({"deadline"}), frozenset({"requests_deadline"})
    expected = {kind: {requests} if kind in PRE_SELECTION else {tenders} for kind in ai.ProcedureType}
    expected[T.NIET_OPENBAAR] = {requests, tenders | requests}
    expected[None] = {frozenset()}
    assert fields == expected


@SLOW
@given(ais.procedures(procedure_types=ais.procedure_types(), max_events=8))
def test_typed_procedures_keep_every_minimum_period_and_record_without_a_warning(proc: ai.Procedure) -> None:
    assert proc.check() == []
    incremental = ai.Procedure(proc.data.model_copy(update={"events": ()}))
    for event in proc.events:
        assert incremental.record(event) == []
    for event in proc.events:
        if isinstance(event, ai.TenderStart):
            assert event.electronic_submission in (True, False, None)
            assert deadline_fields(event)


@SLOW
@given(st.data())
def test_event_sequences_of_a_typed_procedure_record_without_a_warning(data: st.DataObject) -> None:
    proc = data.draw(ais.procedures(procedure_types=ais.procedure_types(), max_events=3), label="procedure")
    events = data.draw(ais.event_sequences(proc, max_size=5), label="events")
    for event in events:
        assert proc.record(event) == []
    assert not {v.rule for v in proc.check()} & MINIMUM_RULES


# -- short deadlines ------------------------------------------------------------------

@SLOW
@given(st.data())
def test_short_deadlines_are_reported_as_minimumtermijn(data: st.DataObject) -> None:
    proc = data.draw(ais.procedures(procedure_types=st.sampled_from(WITH_MINIMUM), max_events=6),
                     label="procedure")
    event = data.draw(ais.short_deadlines(proc), label="event")
    with_it = ai.Procedure(proc.data.model_copy(update={"events": (*proc.events, event)}))
    assert any(v.rule == "minimumtermijn" and v.on == event.on for v in with_it.check())
    with pytest.raises(ai.RuleViolation) as info:
        proc.record(event)
    assert "minimumtermijn" in {v.rule for v in info.value.violations}


@SLOW
@given(st.data())
def test_a_short_deadline_in_an_empty_procedure_breaks_that_rule_only(data: st.DataObject) -> None:
    kind = data.draw(st.sampled_from(WITH_MINIMUM), label="type")
    proc = typed(kind, data.draw(ais.rulebooks(), label="rulebook"))
    event = data.draw(ais.short_deadlines(proc), label="event")
    with pytest.raises(ai.RuleViolation) as info:
        proc.record(event)
    assert {v.rule for v in info.value.violations} == {"minimumtermijn"}


# -- shrinking -------------------------------------------------------------------------

def has_tender_start(proc: ai.Procedure) -> bool:
    return any(e.type == "tender_start" for e in proc.events)


def test_by_default_a_procedure_shrinks_to_one_without_a_type() -> None:
    data = find(ais.procedure_data(), lambda d: True, settings=FIND)
    assert (data.procedure_type, data.rulebook, data.events) == (None, "aw2012", ())


@pytest.mark.parametrize(
    ("kind", "rulebook", "min_value", "smallest"),
    [
        # 40 days with electronic submission (Aw 2012 art. 2.71, art. 2.74a).
        (None, None, DAY, ai.TenderStart(on=DAY, segments=("a",), deadline=date(2000, 2, 10),
                                          electronic_submission=True, free_access=True)),
        # 2022-02-28 + 40 days is Saturday 9 April: the Atw would move it to Monday (a warning only).
        (T.OPENBAAR, "aw2012", date(2022, 2, 28), ai.TenderStart(
            on=date(2022, 2, 28), segments=("a",), deadline=date(2022, 4, 11), electronic_submission=True,
            free_access=True)),
        # 30 days for requests to participate (Richtlijn 2014/24/EU art. 28 lid 1).
        (T.NIET_OPENBAAR, "eu-minimum", DAY, ai.TenderStart(
            on=DAY, segments=("a",), requests_deadline=date(2000, 1, 31), electronic_submission=True,
            free_access=True)),
        # No minimum: the deadline may be the day of the notice.
        (T.SOCIALE_EN_ANDERE_SPECIFIEKE_DIENSTEN, "aw2012", DAY, ai.TenderStart(
            on=DAY, segments=("a",), deadline=DAY, electronic_submission=True, free_access=True)),
    ],
    ids=["any-type", "openbaar-atw", "niet-openbaar-eu", "sociale-diensten"],
)
def test_a_tender_start_shrinks_to_the_earliest_lawful_deadline(kind: ai.ProcedureType | None,
                                                               rulebook: str | None, min_value: date,
                                                               smallest: ai.TenderStart) -> None:
    proc = find(ais.procedures(
        procedure_types=ais.procedure_types() if kind is None else st.just(kind),
        rulebooks=None if rulebook is None else st.just(rulebook),
        min_value=min_value, max_value=min_value + timedelta(days=3650)), has_tender_start, settings=FIND)
    assert (proc.data.procedure_type, proc.data.rulebook) == (kind or T.OPENBAAR, rulebook or "aw2012")
    assert proc.events == (smallest,)


def test_a_short_deadline_shrinks_to_one_day_short_on_the_first_day() -> None:
    event = find(ais.short_deadlines(typed(T.NIET_OPENBAAR)), lambda e: True, settings=FIND)
    assert event == ai.TenderStart(on=DAY, segments=("a",), requests_deadline=date(2000, 1, 30),
                                   electronic_submission=True, free_access=True)
    proc = typed(T.NIET_OPENBAAR, "aw2012", event)
    assert [v.rule for v in proc.check()] == ["minimumtermijn"]


# -- impossible arguments -----------------------------------------------------------------

BAD_ARGS: list[tuple[Callable[[], Any], str]] = [
    (lambda: ais.procedure_data(procedure_types=T.OPENBAAR), "procedure_types"),  # type: ignore[arg-type]
    (lambda: ais.procedures(rulebooks="aw2012"), "rulebooks"),  # type: ignore[arg-type]
    (lambda: ais.short_deadlines(typed(None)), "procedure"),
    (lambda: ais.short_deadlines(typed(T.SOCIALE_EN_ANDERE_SPECIFIEKE_DIENSTEN)), "procedure"),
    (lambda: ais.short_deadlines("inkoop2022"), "procedure"),  # type: ignore[arg-type]
    (lambda: ais.short_deadlines(typed(T.OPENBAAR), min_value=date(2022, 1, 2), max_value=date(2022, 1, 1)),
     "max_value"),
]


@pytest.mark.parametrize(("call", "field"), BAD_ARGS,
                         ids=["types-not-a-strategy", "rulebooks-not-a-strategy", "no-type", "no-minimum",
                              "not-a-procedure", "bounds"])
def test_impossible_arguments_raise_naming_the_argument(call: Callable[[], Any], field: str) -> None:
    with pytest.raises(ai.InvalidInputError) as info:
        call()   # when the strategy is built, not when it is drawn from
    assert info.value.field == field


@pytest.mark.parametrize(("kwargs", "field"), [({"procedure_types": st.just("open")}, "procedure_types"),
                                               ({"rulebooks": st.just("nl")}, "rulebooks")])
def test_a_drawn_value_that_is_no_type_or_rulebook_raises_naming_the_argument(kwargs: dict[str, Any],
                                                                               field: str) -> None:
    with pytest.raises(ai.InvalidInputError) as info:
        find(ais.procedure_data(**kwargs), lambda d: True, settings=FIND)
    assert info.value.field == field
