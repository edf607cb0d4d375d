"""The command line in Dutch: ``LANG=nl_NL.UTF-8 achterhoek-inkoop status`` (the README's quick start).

Only the command line follows the locale (``LC_ALL``, ``LC_MESSAGES``,
``LANG``); ``--lang nl|en`` overrides it. The English text is what it was
before the Dutch came, and the JSON is the same in both languages.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import run_cli

import achterhoek_inkoop as ai
from achterhoek_inkoop.exports import format_status
from achterhoek_inkoop.exports._status import deadline_text

ON = "2022-03-20"  # the four awarded segments in their standstill
BUNDLED = Path(ai.__file__).parent / "data" / "inkoop2022.json"
DUTCH = ("fase", "dialoog toegestaan", "percelen", "volgende termijnen", "Alcatel-termijn eindigt",
         "gunning kan definitief worden", "verwacht")


def _locale(monkeypatch: pytest.MonkeyPatch, value: str | None) -> None:
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    if value is not None:
        monkeypatch.setenv("LANG", value)


@pytest.fixture
def file(tmp_path: Path) -> Path:
    path = tmp_path / "inkoop.json"
    path.write_bytes(BUNDLED.read_bytes())
    return path


def test_a_dutch_locale_makes_status_dutch(monkeypatch: pytest.MonkeyPatch,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    _locale(monkeypatch, "nl_NL.UTF-8")
    code, out, err = run_cli(capsys, "status", "--on", ON)
    assert (code, err) == (0, "")
    for word in DUTCH:
        assert word in out, word
    for word in ("phase", "dialogue allowed", "next deadlines", "expected"):
        assert word not in out, word
    assert "  op                    zondag 2022-03-20\n" in out
    assert "  fase                  gunning sinds 2022-03-14" in out
    assert "dialoog toegestaan    nee" in out


@pytest.mark.parametrize("locale", [None, "C", "en_US.UTF-8", "nl_NL.UTF-8"])
def test_lang_en_gives_the_english_text_whatever_the_locale(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], locale: str | None) -> None:
    _locale(monkeypatch, locale)
    code, out, _ = run_cli(capsys, "status", "--on", ON, "--lang", "en")
    assert code == 0
    assert out == format_status(ai.inkoop2022().status(dt.date(2022, 3, 20))) + "\n"
    assert "  phase                 gunning since 2022-03-14\n" in out
    assert "  dialogue allowed      no\n" in out
    assert "segments (percelen)\n" in out
    assert "next deadlines (as known on 2022-03-20; expected: follows from the record so far" in out
    assert "expected  Alcatel standstill ends (24:00): " in out


def test_lang_nl_overrides_an_english_locale(monkeypatch: pytest.MonkeyPatch,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    _locale(monkeypatch, "en_GB.UTF-8")
    code, out, _ = run_cli(capsys, "status", "--on", ON, "--lang", "nl")
    assert code == 0
    assert out == format_status(ai.inkoop2022().status(dt.date(2022, 3, 20)), lang="nl") + "\n"
    assert "volgende termijnen" in out


def test_without_a_locale_status_stays_english(monkeypatch: pytest.MonkeyPatch,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    _locale(monkeypatch, None)
    _, out, _ = run_cli(capsys, "status", "--on", ON)
    _, english, _ = run_cli(capsys, "status", "--on", ON, "--lang", "en")
    assert out == english


def test_json_is_the_same_in_both_languages(monkeypatch: pytest.MonkeyPatch,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    found = []
    for locale, lang in (("nl_NL.UTF-8", None), ("C", None), ("C", "nl"), ("nl_NL.UTF-8", "en")):
        _locale(monkeypatch, locale)
        code, out, _ = run_cli(capsys, "status", "--on", ON, "--json", *(["--lang", lang] if lang else []))
        assert code == 0
        found.append(json.loads(out))
    assert all(data == found[0] for data in found)
    assert found[0] == ai.inkoop2022().status(dt.date(2022, 3, 20)).to_dict()
    # The deadlines stay English in the JSON: they are data.
    assert "Alcatel standstill ends (24:00)" in {d["what"] for d in found[0]["next_deadlines"]}


def test_the_quick_start_speaks_dutch_in_a_dutch_locale() -> None:
    # What `make run` runs: the real entry point, the locale from the environment.
    env = {k: v for k, v in os.environ.items() if k not in ("LC_ALL", "LC_MESSAGES", "LANG")}
    result = subprocess.run([sys.executable, "-m", "achterhoek_inkoop", "status", "--on", ON],
                            env=env | {"LANG": "nl_NL.UTF-8"}, capture_output=True, text=True, check=True)
    assert "dialoog toegestaan" in result.stdout
    assert "volgende termijnen" in result.stdout


def test_the_dutch_status_names_milestones_and_plans_in_dutch() -> None:
    text = format_status(ai.inkoop2022().status(dt.date(2022, 3, 20)), lang="nl")
    assert "planning tegenover wat er gebeurde (basisplanning plan-2020-11-24" in text
    assert "mijlpaal" in text
    assert "start contracten" in text
    assert "+164 dagen" in text
    assert "start contracten gepland (revision-2021-10-15)" in text


def test_a_safe_end_is_translated_with_its_dates() -> None:
    what = ("Alcatel standstill ends (24:00) (safe end 2031-04-22 under the usual decree pattern, "
            "no decree known; safe to conclude the contract from 2031-04-23)")
    dutch = deadline_text(what, lang="nl")
    assert dutch.startswith("Alcatel-termijn eindigt (24:00 uur) (veilig einde 2031-04-22")
    assert "2031-04-23" in dutch
    assert deadline_text(what, lang="en") == what
    assert deadline_text("something new", lang="nl") == "something new"


def test_format_status_refuses_another_language() -> None:
    with pytest.raises(ai.InvalidInputError):
        format_status(ai.inkoop2022().status(dt.date(2022, 3, 20)), lang="de")


def test_add_and_remove_speak_dutch(monkeypatch: pytest.MonkeyPatch, file: Path,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    _locale(monkeypatch, "nl_NL.UTF-8")
    code, out, _ = run_cli(capsys, "add", str(file), "kort_geding", "--on", "2022-03-20",
                           "--segments", "wmo-wonen", "--by", "Aanbieder X")
    assert code == 0
    assert "kort_geding kort-geding-1 op 2022-03-20 vastgelegd (gebeurtenis" in out
    assert "waarschuwingen:" in out
    index = next(i for i, e in enumerate(ai.load_procedure(file).events) if e.id == "kort-geding-1")
    code, out, _ = run_cli(capsys, "remove", str(file), str(index), "--lang", "nl")
    assert code == 0
    assert f"gebeurtenis {index} (kort_geding op 2022-03-20) verwijderd" in out


def test_add_in_english_is_unchanged(monkeypatch: pytest.MonkeyPatch, file: Path,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    _locale(monkeypatch, "nl_NL.UTF-8")
    code, out, _ = run_cli(capsys, "add", str(file), "kort_geding", "--on", "2022-03-20",
                           "--segments", "wmo-wonen", "--by", "Aanbieder X", "--lang", "en")
    assert code == 0
    assert "recorded kort_geding kort-geding-1 on 2022-03-20 (event " in out
    assert "warnings:" in out


def test_a_refused_event_in_dutch(monkeypatch: pytest.MonkeyPatch, file: Path,
                                  capsys: pytest.CaptureFixture[str]) -> None:
    _locale(monkeypatch, "nl_NL.UTF-8")
    before = file.read_bytes()
    code, out, _ = run_cli(capsys, "add", str(file), "dialogue_activity", "--on", "2021-05-03",
                           "--kind", "gesprekstafel")
    assert code == 1
    assert "geweigerd, het bestand is niet gewijzigd:" in out
    assert file.read_bytes() == before


def test_new_and_plot_messages_in_dutch(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    _locale(monkeypatch, "nl_NL.UTF-8")
    target = tmp_path / "nieuw.json"
    code, out, _ = run_cli(capsys, "new", str(target))
    assert code == 0
    assert f"{target} geschreven, met zijn JSON Schema" in out
    code, _, err = run_cli(capsys, "new", str(target))
    assert code == 2
    assert "bestaat al; gebruik --force" in err
    code, out, _ = run_cli(capsys, "new", str(target), "--force", "--lang", "en")
    assert out.startswith(f"wrote {target} and its JSON Schema")
