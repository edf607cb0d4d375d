"""The rules and their violations in Dutch and English.

Every violation is rendered in both languages when it is found: ``message``
is the English it always was, ``message_nl`` the Dutch, and
``message_in(lang)`` picks one. A rule's ``requirement`` is the English,
``requirement_in(lang)`` either. The Dutch comes from the catalog
(``locale/nl``); these tests name words of it.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from helpers import hand_broken_inkoop2022, run_cli
from test_rules import RULE_CASES, ab, only

import achterhoek_inkoop as ai
from achterhoek_inkoop.cli import main
from achterhoek_inkoop.lifecycle import violation, violations_html

#: English words that no Dutch sentence holds (a crude check that a text was translated).
ENGLISH = (" the ", " and ", " before ", " after ", " must ", " which ", " while ", " with ")
#: A Dutch word each rule's message holds, from the catalog.
DUTCH = {
    "dialoog-tijdens-aanbesteding": "dialoog is dan niet toegestaan",
    "definitieve-gunning-voor-einde-standstill": "vóór het einde van de Alcatel-termijn",
    "definitieve-gunning-tijdens-kort-geding": "wacht de uitspraak af",
    "kort-geding-na-standstill": "schort de definitieve gunning niet op",
    "uitspraak-zonder-kort-geding": "niet in het dossier",
    "hoger-beroep-zonder-vonnis": "niet in het dossier",
    "standstill-minimum": "kalenderdagen",
    "minimumtermijn": "de minimumtermijn van 40 dagen",
    "minimumtermijn-onzeker": "Het dossier vermeldt niet",
    "contractduur-maximum": "langer dan het maximum",
    "aanmelding-te-laat": "is te laat",
    "delegatie-afspiegeling": "vertegenwoordigt",
    "delegatie-omvang": "deelnemers voor het Bestuurlijk Overleg",
    "gemeente-perceel": "neemt alleen deel aan",
    "volgorde": "niet in de juiste volgorde",
}


def test_every_rule_has_its_dutch_word() -> None:
    assert set(DUTCH) == set(ai.RULES)


def _english_words(text: str) -> list[str]:
    return [word for word in ENGLISH if word in f" {text} "]


@pytest.mark.parametrize("rule_id", sorted(RULE_CASES))
def test_the_violation_of_every_rule_is_in_dutch_and_english(rule_id: str) -> None:
    v = only(RULE_CASES[rule_id].breaks.procedure())
    assert v.message_in("en") == v.message
    assert v.message_in("nl") == v.message_nl
    assert v.message_nl != v.message
    assert _english_words(v.message_nl) == [], v.message_nl
    assert DUTCH[rule_id] in v.message_nl


@pytest.mark.parametrize("rule_id", sorted(RULE_CASES))
def test_a_refused_event_carries_the_dutch_too(rule_id: str) -> None:
    case = RULE_CASES[rule_id]
    *before, last = case.breaks.events
    proc = ab(*before, record=True, **case.breaks.settings)
    expected = only(case.breaks.procedure())
    if ai.RULES[rule_id].severity == "error":
        with pytest.raises(ai.RuleViolation) as info:
            proc.record(last)
        found = info.value.violations
    else:
        found = proc.record(last)
    assert [(v.message, v.message_nl) for v in found] == [(expected.message, expected.message_nl)]


@pytest.mark.parametrize("rule_id", sorted(ai.RULES))
def test_every_requirement_is_in_dutch_and_english(rule_id: str) -> None:
    rule = ai.RULES[rule_id]
    assert rule.requirement_in("en") == rule.requirement
    dutch = rule.requirement_in("nl")
    assert dutch != rule.requirement
    assert _english_words(dutch) == [], dutch


def test_the_dutch_names_the_law_as_the_law_writes_it() -> None:
    v = only(RULE_CASES["standstill-minimum"].breaks.procedure())
    assert "Aw 2012 art. 2.127 lid 3" in v.message_nl
    assert "Alcatel-termijn van 19 dagen" in v.message_nl


def test_a_violation_made_without_dutch_has_the_english() -> None:
    v = ai.Violation("volgorde", "error", date(2022, 3, 14), "a", "An English sentence.", "Aw 2012")
    assert v.message_nl == v.message_in("nl") == "An English sentence."
    assert violation("volgorde", date(2022, 3, 14), "a", "English.", message_nl="Nederlands.") \
        .message_in("nl") == "Nederlands."


def test_message_in_takes_only_the_library_languages() -> None:
    v = only(RULE_CASES["volgorde"].breaks.procedure())
    with pytest.raises(ai.InvalidInputError):
        v.message_in("de")
    with pytest.raises(ai.InvalidInputError):
        ai.RULES["volgorde"].requirement_in("de")


def test_the_refusal_is_english_and_dutch_on_request() -> None:
    proc = RULE_CASES["volgorde"].keeps.procedure()
    with pytest.raises(ai.RuleViolation) as info:
        proc.record(ai.FinalAward(on=date(2022, 3, 1), segments=("b",)))
    assert str(info.value).startswith("[volgorde] The final award (definitieve gunning) on 2022-03-01 for b")
    assert "De gebeurtenis \u2018definitieve gunning\u2019" in info.value.violations[0].message_nl
    assert info.value.message_in("nl").startswith("[volgorde] De gebeurtenis \u2018definitieve gunning\u2019")


def test_the_follow_ons_are_named_in_both_languages() -> None:
    # Inkoop 2022 with its award decision of 14 March 2022 typed as 14 March 2021, before the tender.
    proc = ai.inkoop2022()
    events = list(proc.events)
    assert isinstance(events[9], ai.AwardDecision)
    events[9] = events[9].model_copy(update={"on": date(2021, 3, 14)})
    found = ai.Procedure(proc.data.model_copy(update={"events": tuple(events)})).check()
    assert len(found) == 1  # one mistake, reported once for its four segments
    for v in found:
        assert " Following from it, not reported apart: the contract start (contract) on " in v.message
        assert " Hieruit volgend, niet apart gemeld: contract op " in v.message_nl


def test_the_table_in_dutch() -> None:
    found = RULE_CASES["gemeente-perceel"].breaks.procedure().check()
    html = violations_html(found, lang="nl")
    assert "<th>ernst</th>" in html
    assert "1 overtreding(en)" in html
    assert "fout" in html
    assert "neemt alleen deel aan" in html
    assert violations_html(found) == violations_html(found, lang="en")
    assert "<th>severity</th>" in violations_html(found)
    assert violations_html([], lang="nl") == "<p>Er wordt geen regel overtreden.</p>"


# -- the command line -----------------------------------------------------------------------

def test_check_lang_nl_prints_the_dutch(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = hand_broken_inkoop2022(tmp_path / "broken.json")
    code, out, err = run_cli(capsys, "check", str(path), "--lang", "nl")
    assert (code, err) == (1, "")
    lines = out.splitlines()
    assert "dialoog is dan niet toegestaan" in lines[0]
    assert lines[-1] == "2 fout(en), 0 waarschuwing(en)"
    assert all(_english_words(line.split("]", 1)[1]) == [] for line in lines[:-1])
    code, english, _ = run_cli(capsys, "check", str(path), "--lang", "en")
    assert "error(s)" in english.splitlines()[-1]
    assert "no dialogue is allowed then" in english


def test_check_follows_a_dutch_locale(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "nl_NL.UTF-8")
    path = tmp_path / "inkoop2022.json"
    ai.inkoop2022().save(path)
    assert main(["check", str(path)]) == 0
    assert capsys.readouterr().out == f"{path}: geen overtredingen\n"
    assert main(["check", str(path), "--lang", "en"]) == 0
    assert capsys.readouterr().out == f"{path}: no violations\n"


def test_check_json_is_the_same_in_both_languages(tmp_path: Path, capsys: pytest.CaptureFixture[str]
                                                   ) -> None:
    path = hand_broken_inkoop2022(tmp_path / "broken.json")
    _code, dutch, _err = run_cli(capsys, "check", str(path), "--json", "--lang", "nl")
    _code, english, _err = run_cli(capsys, "check", str(path), "--json", "--lang", "en")
    assert dutch == english

