"""Minimum periods per procedure type and stage, from the rulebooks (aw2012 and eu-minimum).

Every figure is checked both ways: a deadline one day short of the minimum
is short, a deadline exactly at it keeps it.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from helpers import assert_invalid_input
from hypothesis import given
from hypothesis import strategies as st

import achterhoek_inkoop as ai
from achterhoek_inkoop import strategies as ais

D = dt.date
DAY = dt.timedelta(days=1)
SENT = D(2020, 2, 28)  # a Friday in a leap year
T = ai.ProcedureType
RL = "Richtlijn 2014/24/EU art. "
PRESELECTION = (T.NIET_OPENBAAR, T.MEDEDINGINGSPROCEDURE_MET_ONDERHANDELING, T.CONCURRENTIEGERICHTE_DIALOOG,
                T.INNOVATIEPARTNERSCHAP)
NO_MINIMUM = (T.SOCIALE_EN_ANDERE_SPECIFIEKE_DIENSTEN, T.ONDERHANDELINGSPROCEDURE_ZONDER_AANKONDIGING,
              T.MEERVOUDIG_ONDERHANDS, T.ENKELVOUDIG_ONDERHANDS)

#: (rulebook, type, stage, options, days, first article): every figure of both rulebooks.
FIGURES: list[tuple[str, T, str, dict[str, Any], int, str]] = [
    ("aw2012", T.OPENBAAR, "tenders", {"electronic_submission": False}, 45, "Aw 2012 art. 2.71"),
    ("aw2012", T.OPENBAAR, "tenders", {}, 40, "Aw 2012 art. 2.71"),
    ("aw2012", T.OPENBAAR, "tenders", {"free_access": False}, 45, "Aw 2012 art. 2.71"),
    ("aw2012", T.OPENBAAR, "tenders", {"electronic_submission": False, "free_access": False}, 50,
     "Aw 2012 art. 2.71"),
    ("aw2012", T.OPENBAAR, "tenders", {"accelerated": True}, 15, "Aw 2012 art. 2.74"),
    ("aw2012", T.OPENBAAR, "tenders", {"prior_information_notice": True}, 24, "Aw 2012 art. 2.71 lid 5"),
    ("aw2012", T.OPENBAAR, "tenders", {"prior_information_notice": True, "electronic_submission": False}, 29,
     "Aw 2012 art. 2.71 lid 5"),
    *[("aw2012", t, "requests", {}, 30, "Aw 2012 art. 2.71 lid 3") for t in PRESELECTION],
    ("aw2012", T.NIET_OPENBAAR, "tenders", {}, 40, "Aw 2012 art. 2.74a lid 2"),
    ("eu-minimum", T.OPENBAAR, "tenders", {"electronic_submission": False}, 35, RL + "27 lid 1"),
    ("eu-minimum", T.OPENBAAR, "tenders", {}, 30, RL + "27 lid 1"),
    ("eu-minimum", T.OPENBAAR, "tenders", {"free_access": False}, 35, RL + "27 lid 1"),
    ("eu-minimum", T.OPENBAAR, "tenders", {"accelerated": True}, 15, RL + "27 lid 3"),
    ("eu-minimum", T.OPENBAAR, "tenders", {"prior_information_notice": True}, 15,
     RL + "27 lid 2"),
    ("eu-minimum", T.OPENBAAR, "tenders", {"prior_information_notice": True, "free_access": False}, 20,
     RL + "27 lid 2"),
    ("eu-minimum", T.NIET_OPENBAAR, "requests", {}, 30, RL + "28 lid 1"),
    ("eu-minimum", T.NIET_OPENBAAR, "requests", {"accelerated": True}, 15, RL + "28 lid 6"),
    ("eu-minimum", T.NIET_OPENBAAR, "tenders", {"electronic_submission": False}, 30,
     RL + "28 lid 2"),
    ("eu-minimum", T.NIET_OPENBAAR, "tenders", {}, 25, RL + "28 lid 2"),
    ("eu-minimum", T.NIET_OPENBAAR, "tenders", {"free_access": False}, 30, RL + "28 lid 2"),
    ("eu-minimum", T.NIET_OPENBAAR, "tenders", {"accelerated": True}, 10, RL + "28 lid 6"),
    ("eu-minimum", T.NIET_OPENBAAR, "tenders", {"prior_information_notice": True}, 10,
     RL + "28 lid 3"),
    ("eu-minimum", T.MEDEDINGINGSPROCEDURE_MET_ONDERHANDELING, "requests", {}, 30,
     RL + "29 lid 1"),
    ("eu-minimum", T.CONCURRENTIEGERICHTE_DIALOOG, "requests", {}, 30, RL + "30 lid 1"),
    ("eu-minimum", T.INNOVATIEPARTNERSCHAP, "requests", {}, 30, RL + "31 lid 1"),
]


@pytest.mark.parametrize(("book", "kind", "stage", "options", "days", "article"), FIGURES, ids=repr)
def test_a_deadline_one_day_short_is_short_and_one_at_the_minimum_keeps_it(
    book: str, kind: T, stage: str, options: dict[str, Any], days: int, article: str
) -> None:
    m = ai.minimum_period(kind, SENT, stage=stage, rulebook=book, **options)  # type: ignore[arg-type]
    assert (m.days, m.stage, m.rulebook, m.procedure_type) == (days, stage, book, kind)
    assert m.earliest_deadline == SENT + days * DAY
    assert m.articles[0] == article
    assert m.confirmed
    for text in m.articles:
        assert ai.check_citation(text)
    short = m.judge(m.earliest_deadline - DAY)
    assert (short.verdict, short.severity) == ("short", "error")
    assert short.message is not None
    assert article in short.message
    assert "1 day short" in short.message
    at = m.judge(m.earliest_deadline)
    assert at.verdict in ("ok", "short_if_extended")
    assert at.severity in (None, "warning")
    if m.extended_deadline is None:
        assert at.verdict == "ok"
    assert m.judge(max(m.earliest_deadline, m.extended_deadline or m.earliest_deadline)).verdict == "ok"


def test_the_worked_examples() -> None:
    aw = ai.minimum_period("openbaar", SENT)
    assert (aw.days, aw.earliest_deadline, aw.extended_deadline) == (40, D(2020, 4, 8), None)
    assert aw.articles == ("Aw 2012 art. 2.71", "Aw 2012 art. 2.74a")
    eu = ai.minimum_period("openbaar", SENT, rulebook="eu-minimum")
    assert (eu.days, eu.earliest_deadline, eu.extended_deadline) == (30, D(2020, 3, 29), D(2020, 3, 30))
    assert [e.article for e in eu.extended_by] == ["Verordening 1182/71 art. 3 lid 4"]
    assert eu.atw_deadline == eu.extended_deadline


def test_an_end_on_a_day_off_is_a_warning_only() -> None:
    # 45 days after Friday 2020-02-21 is Monday 2020-04-06; after 2020-02-22 Tuesday... pick one on Easter:
    m = ai.minimum_period("openbaar", D(2022, 3, 1), electronic_submission=False)  # 45 days: Fri 15 Apr
    assert m.earliest_deadline == D(2022, 4, 15)  # Goede Vrijdag
    assert m.extended_deadline == D(2022, 4, 19)  # past the weekend and Tweede Paasdag (Atw art. 1)
    assert {e.article for e in m.extended_by} == {"Atw art. 1"}
    judged = m.judge(D(2022, 4, 15))
    assert (judged.verdict, judged.severity) == ("short_if_extended", "warning")
    assert judged.message is not None
    assert "unconfirmed" in judged.message
    assert m.judge(D(2022, 4, 19)).verdict == "ok"
    assert m.confirmed  # the minimum is; the extension is the unconfirmed part


@pytest.mark.parametrize("book", ai.RULEBOOKS)
@pytest.mark.parametrize("kind", NO_MINIMUM)
def test_no_statutory_minimum(book: str, kind: T) -> None:
    for stage in (None, "tenders", "requests"):
        m = ai.minimum_period(kind, SENT, rulebook=book, stage=stage)  # type: ignore[arg-type]
        assert (m.days, m.earliest_deadline, m.extended_deadline) == (None, None, None)
        assert m.confirmed is False
        assert m.notes[0].startswith("No statutory minimum period")
        assert ai.check_citation(m.articles[0])
        assert m.judge(SENT).verdict == "no_minimum"
        assert m.judge(SENT).severity is None


def test_an_unconfirmed_figure_turns_a_short_deadline_into_a_warning() -> None:
    data = ai.rulebook("aw2012").to_dict()
    data["minimum_periods"][0]["confirmed"] = False
    book = ai.Rulebook.model_validate(data)
    m = ai.minimum_period("openbaar", SENT, rulebook=book)
    assert m.confirmed is False
    judged = m.judge(SENT + DAY)
    assert (judged.verdict, judged.severity) == ("short", "warning")


def test_default_stages() -> None:
    assert ai.minimum_period("openbaar", SENT).stage == "tenders"
    for kind in PRESELECTION:
        assert ai.minimum_period(kind, SENT).stage == "requests"
    for kind in NO_MINIMUM:
        assert ai.minimum_period(kind, SENT).stage == "tenders"


def test_notes_say_what_was_asked_and_not_applied() -> None:
    m = ai.minimum_period("niet_openbaar", SENT, stage="tenders", free_access=False)
    assert m.days == 40
    assert any("adds no days" in n for n in m.notes)
    assert m.counted_from == "invitation"
    assert any("non-central" in n for n in m.notes)


BAD: list[tuple[dict[str, Any], str, object]] = [
    ({"procedure_type": "open"}, "procedure_type", "open"),
    ({"procedure_type": 1}, "procedure_type", 1),
    ({"procedure_type": None}, "procedure_type", None),
    ({"notice_sent": "28-02-2020"}, "notice_sent", "28-02-2020"),   # ISO text is a date; this is not
    ({"notice_sent": dt.datetime(2020, 2, 28, 9)}, "notice_sent", dt.datetime(2020, 2, 28, 9)),
    ({"stage": "requests"}, "stage", "requests"),  # an open procedure has no pre-selection
    ({"stage": "offers"}, "stage", "offers"),
    ({"procedure_type": "mededingingsprocedure_met_onderhandeling", "stage": "tenders"}, "stage", "tenders"),
    ({"accelerated": True, "procedure_type": "niet_openbaar"}, "accelerated", True),  # aw2012 has none
    ({"prior_information_notice": True, "procedure_type": "innovatiepartnerschap"},
     "prior_information_notice", True),
    ({"accelerated": True, "prior_information_notice": True}, "prior_information_notice", True),
    ({"accelerated": True, "procedure_type": "meervoudig_onderhands"}, "accelerated", True),
    ({"accelerated": "yes"}, "accelerated", "yes"),
    ({"free_access": 0}, "free_access", 0),
    ({"electronic_submission": None}, "electronic_submission", None),
    ({"rulebook": 2012}, "rulebook", 2012),
    ({"calendar": "nl"}, "calendar", "nl"),
    ({"notice_sent": D(9999, 12, 1)}, "notice_sent", D(9999, 12, 1)),
]


@pytest.mark.parametrize(("change", "field", "value"), BAD, ids=repr)
def test_bad_arguments_name_the_field_and_value(change: dict[str, Any], field: str, value: object) -> None:
    args: dict[str, Any] = {"procedure_type": "openbaar", "notice_sent": SENT, **change}
    with pytest.raises(ai.InvalidInputError) as info:
        ai.minimum_period(args.pop("procedure_type"), args.pop("notice_sent"), **args)
    assert_invalid_input(info.value, field, value)


def test_eu_minimum_has_no_accelerated_figure_for_the_dialogue() -> None:
    with pytest.raises(ai.InvalidInputError, match="has no figure for the requests to participate"):
        ai.minimum_period("concurrentiegerichte_dialoog", SENT, accelerated=True, rulebook="eu-minimum")


def test_to_dict_and_html() -> None:
    m = ai.minimum_period("openbaar", SENT, rulebook="eu-minimum")
    data = m.to_dict()
    assert json.loads(json.dumps(data)) == data
    assert data["earliest_deadline"] == "2020-03-29"
    assert data["extended_deadline"] == "2020-03-30"
    assert data["procedure_type"] == "openbaar"
    assert data["articles"] == [RL + "27 lid 1", RL + "27 lid 4"]
    html = m._repr_html_()
    assert "2020-03-29" in html
    assert "openbare procedure" in html
    assert "<script" not in ai.minimum_period("meervoudig_onderhands", SENT)._repr_html_()


@given(sent=ais.dates(min_value=D(1970, 1, 1), max_value=D(2090, 12, 31)),
       kind=st.sampled_from([T.OPENBAAR, *PRESELECTION]), book=st.sampled_from(ai.RULEBOOKS),
       electronic=st.booleans(), free=st.booleans())
def test_properties(sent: dt.date, kind: T, book: str, electronic: bool, free: bool) -> None:
    m = ai.minimum_period(kind, sent, rulebook=book, electronic_submission=electronic, free_access=free)
    assert m.days is not None
    assert m.earliest_deadline == sent + m.days * DAY
    if m.extended_deadline is not None:
        assert m.extended_deadline > m.earliest_deadline
        assert m.judge(m.earliest_deadline).verdict == "short_if_extended"
        cal = ai.Calendar()
        assert not cal.is_working_day(m.earliest_deadline)
        assert cal.is_working_day(m.extended_deadline)
    assert m.judge(m.earliest_deadline - DAY).verdict == "short"
