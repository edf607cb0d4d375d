"""``deadline`` and ``minimum`` in Dutch: with ``--lang nl``, or a Dutch locale; English otherwise."""

from __future__ import annotations

import pytest

from achterhoek_inkoop.cli import main

LOCALE = ("LC_ALL", "LC_MESSAGES", "LANG")


@pytest.fixture(autouse=True)
def _no_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in LOCALE:
        monkeypatch.delenv(name, raising=False)


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    assert main(list(argv)) == 0
    return capsys.readouterr().out


def test_the_worked_example_in_dutch(capsys: pytest.CaptureFixture[str]) -> None:
    out = _run(capsys, "deadline", "--sent", "2022-03-14", "--lang", "nl")
    assert out.splitlines()[0] == "Alcatel-termijn (Aw 2012 art. 2.127), Algemene termijnenwet toegepast"
    assert "  beslissing verzonden  maandag 2022-03-14" in out
    assert "zondag 2022-04-03 (dag 20)" in out
    assert "  termijn eindigt       maandag 2022-04-04, 24:00" in out
    assert "  definitieve gunning   vanaf dinsdag 2022-04-05" in out
    assert "    - 2022-04-03 is een zondag (Atw art. 1)" in out
    assert "Het besluit over de gelijkgestelde dagen voor 2022 is niet gezien" in out
    assert "Sunday" not in out


def test_a_dutch_locale_makes_deadline_dutch(capsys: pytest.CaptureFixture[str],
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANG", "nl_NL.UTF-8")
    out = _run(capsys, "deadline", "--sent", "2022-03-14")
    assert "Alcatel-termijn" in out
    assert "zondag 2022-04-03" in out
    english = _run(capsys, "deadline", "--sent", "2022-03-14", "--lang", "en")
    assert "award decision sent   Monday 2022-03-14" in english


def test_english_without_a_dutch_locale(capsys: pytest.CaptureFixture[str]) -> None:
    out = _run(capsys, "deadline", "--sent", "2022-03-14")
    assert out.splitlines()[0] == "Alcatel standstill (Aw 2012 art. 2.127), Algemene termijnenwet applied"
    assert "    - 2022-04-03 is a Sunday (Atw art. 1)" in out


def test_a_short_standstill_warns_in_dutch(capsys: pytest.CaptureFixture[str]) -> None:
    out = _run(capsys, "deadline", "--sent", "2022-03-14", "--days", "10", "--lang", "nl")
    assert "waarschuwing: Aw 2012 art. 2.127 lid 3 vereist" in out
    assert "  waarom                dag 10 is een werkdag: geen verlenging (Atw art. 1)" in out


def test_minimum_in_dutch(capsys: pytest.CaptureFixture[str]) -> None:
    out = _run(capsys, "minimum", "--type", "openbaar", "--notice-sent", "2020-02-28",
               "--rulebook", "eu-minimum", "--lang", "nl")
    assert out.splitlines()[0].startswith("Minimumtermijn voor inschrijvingen: openbare procedure")
    assert "  aankondiging verzonden vrijdag 2020-02-28" in out
    assert "  vroegste sluitdatum   zondag 2020-03-29" in out
    assert "    - zondag 2020-03-29 is geen werkdag." in "\n".join(out.splitlines())


def test_the_json_stays_the_same_in_either_language(capsys: pytest.CaptureFixture[str]) -> None:
    english = _run(capsys, "deadline", "--sent", "2022-03-14", "--json")
    dutch = _run(capsys, "deadline", "--sent", "2022-03-14", "--json", "--lang", "nl")
    assert english == dutch
