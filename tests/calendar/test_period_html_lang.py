"""Periods in a notebook, in Dutch or English: ``to_html(lang=)`` of a period, a standstill and a
minimum period (issue 11: every message speaks Dutch or English).

A notebook shows the English (``_repr_html_`` is ``to_html()``); ``to_html(lang="nl")`` gives
every header, label and sentence in Dutch, the reasons and notes in the period's own Dutch
(``reason_in``, ``notes_in``, ``warning_in``), the citations as the law writes them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from helpers import assert_invalid_input

import achterhoek_inkoop as ai

D = dt.date
SENT = D(2022, 3, 14)  # the worked example: day 20 is Sunday 3 April, the end Monday 4 April


def test_a_standstill_in_english_is_what_a_notebook_shows() -> None:
    period = ai.standstill_period(SENT)
    html = period.to_html(lang="en")
    assert html == period.to_html() == period._repr_html_()
    assert "<th>date</th><th>weekday</th><th>count</th><th>why</th>" in html
    assert "<caption>Alcatel standstill (Aw 2012 art. 2.127): 20 days after 2022-03-14, " \
           "the Algemene termijnenwet applied</caption>" in html
    assert "<td>2022-04-04</td><td>Monday</td><td>extension</td>" in html


def test_a_standstill_in_dutch() -> None:
    period = ai.standstill_period(SENT)
    html = period.to_html(lang="nl")
    assert "<th>datum</th><th>weekdag</th><th>telling</th><th>waarom</th>" in html
    assert "<caption>Alcatel-termijn (Aw 2012 art. 2.127): 20 dagen na 2022-03-14, " \
           "de Algemene termijnenwet toegepast</caption>" in html
    reason = period.extensions[0].reason_in("nl")
    sunday = f"<td>2022-04-03</td><td>zondag</td><td>dag 20</td><td>{reason}</td>"
    assert sunday in html
    assert "<td>2022-04-04</td><td>maandag</td><td>verlenging</td>" \
           "<td>laatste dag van de termijn (tot 24:00 uur)</td>" in html
    assert "<td>2022-04-05</td><td>dinsdag</td><td>eerste dag na de termijn</td>" in html
    for note in period.notes_in("nl"):
        assert note in html
    for english in ("Monday", "extension", "first day after", "weekday", "days after"):
        assert english not in html


def test_a_short_standstill_warns_in_the_language_asked_for() -> None:
    period = ai.standstill_period(SENT, 10)
    dutch = period.warning_in("nl")
    assert dutch is not None
    html = period.to_html(lang="nl")
    assert f"<p><strong>waarschuwing:</strong> {dutch}</p>" in html
    assert html.count(dutch) == 1  # not repeated among the notes
    assert f"<p><strong>warning:</strong> {period.warning}</p>" in period.to_html(lang="en")


def test_a_period_and_a_backward_period_in_dutch() -> None:
    html = ai.statutory_period(SENT, 20).to_html(lang="nl")
    assert "<caption>Wettelijke termijn: 20 dagen na 2022-03-14, de Algemene termijnenwet toegepast" in html
    assert "<caption>Statutory period: 20 days after 2022-03-14" in ai.statutory_period(SENT, 20).to_html()
    back = ai.statutory_period(D(2022, 4, 19), 1, backwards=True)  # counted back past Easter Monday
    html = back.to_html(lang="nl")
    assert "dagen vóór 2022-04-19" in html
    assert "<td>dag 1 teruggeteld</td>" in html
    assert "<td>verder teruggeteld</td>" in html
    assert "counted back" in back.to_html(lang="en")


def test_a_period_not_extended_says_why_in_dutch() -> None:
    period = ai.standstill_period(SENT, atw=False)
    html = period.to_html(lang="nl")
    assert "de Algemene termijnenwet niet toegepast" in html
    assert f"Waarom het einde niet verschoof: {period.not_extended_in('nl')}." in html


def test_a_minimum_period_in_both_languages() -> None:
    minimum = ai.minimum_period("openbaar", D(2020, 2, 28), rulebook="eu-minimum")
    english = minimum.to_html(lang="en")
    assert english == minimum._repr_html_()
    assert "<th>date or days</th><th>why</th>" in english
    assert "<caption>Minimum period: openbare procedure (open procedure), tenders, rulebook eu-minimum" \
           in english
    dutch = minimum.to_html(lang="nl")
    assert "<th>datum of dagen</th><th>waarom</th>" in dutch
    assert "<caption>Minimumtermijn: openbare procedure, inschrijvingen, regelset eu-minimum" in dutch
    assert "<td>verzonden</td><td>2020-02-28</td><td>de aankondiging is verzonden</td>" in dutch
    assert "<td>vroegste sluitdatum</td><td>2020-03-29</td>" in dutch
    assert "<td>indien verlengd</td><td>2020-03-30</td>" in dutch
    assert minimum.extended_by[0].reason_in("nl") in dutch
    assert "<th>why</th>" not in dutch
    for note in minimum.notes_in("nl"):  # a rulebook's own note stays as the rulebook writes it
        assert note in dutch


def test_the_texts_are_escaped_in_both_languages() -> None:
    for lang in ("nl", "en"):
        assert "<script" not in ai.minimum_period("meervoudig_onderhands", SENT).to_html(lang=lang)


DISPLAYS: list[tuple[str, Callable[[], Any]]] = [
    ("period", lambda: ai.statutory_period(SENT, 20)),
    ("standstill", lambda: ai.standstill_period(SENT)),
    ("minimum", lambda: ai.minimum_period("openbaar", SENT)),
]


@pytest.mark.parametrize(("kind", "make"), DISPLAYS, ids=[kind for kind, _ in DISPLAYS])
@pytest.mark.parametrize("bad", ["de", "NL", "", None, 1])
def test_a_bad_lang_is_the_librarys_error_naming_lang(kind: str, make: Callable[[], Any],
                                                      bad: object) -> None:
    with pytest.raises(ai.InvalidInputError) as caught:
        make().to_html(lang=bad)
    assert_invalid_input(caught.value, "lang", bad)
