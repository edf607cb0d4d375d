"""The command line's help and argument errors in Dutch: ``--lang nl``, or a Dutch locale.

The language is known before the arguments are parsed, so argparse's own texts
(``usage:``, ``options``, ``-h``'s help, its errors) and our checks of dates and
durations speak it too. argparse itself is left alone: another parser in the
same process stays English. English is what it was.

The tests marked ``needs the catalog`` compare with the Dutch of
``/tmp/i18n2/cli.json`` and pass once it is merged into the catalog.
"""

from __future__ import annotations

import argparse
import io
from contextlib import redirect_stderr
from pathlib import Path

import pytest
from helpers import run_cli

import achterhoek_inkoop as ai
from achterhoek_inkoop.cli import _main
from achterhoek_inkoop.cli._edit import FIELD_DESCRIPTIONS
from achterhoek_inkoop.cli._lang import lang_before_parsing
from achterhoek_inkoop.cli._parser import _ARGPARSE_ERRORS, CommandParser, argparse_message
from achterhoek_inkoop.record import EVENT_MODELS

BUNDLED = Path(ai.__file__).parent / "data" / "inkoop2022.json"


def _locale(monkeypatch: pytest.MonkeyPatch, value: str | None) -> None:
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    if value is not None:
        monkeypatch.setenv("LANG", value)


# -- help ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("how", ["locale", "option"])
def test_the_help_is_dutch_under_a_dutch_locale_or_lang_nl(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], how: str) -> None:
    # needs the catalog
    _locale(monkeypatch, "nl_NL.UTF-8" if how == "locale" else None)
    argv = ["status", "--help"] if how == "locale" else ["status", "--lang", "nl", "--help"]
    code, out, err = run_cli(capsys, *argv)
    assert (code, err) == (0, "")
    assert out.startswith("gebruik: achterhoek-inkoop status [-h] [--on DATE]")
    assert "\nargumenten:\n" in out
    assert "\nopties:\n" in out
    assert "  -h, --help       deze hulptekst tonen en stoppen\n" in out
    assert "de datum, zoals bekend aan het eind ervan (standaard:" in out
    for english in ("usage:", "options:", "show this help", "(default:"):
        assert english not in out, english


def test_the_main_help_is_dutch_under_a_dutch_locale(monkeypatch: pytest.MonkeyPatch,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    # needs the catalog
    _locale(monkeypatch, "nl_NL.UTF-8")
    code, out, _ = run_cli(capsys, "--help")
    assert code == 0
    assert "Waar een aanbesteding staat, wat daarin is toegestaan en wanneer de termijnen" in out
    assert "  --version   de versie van achterhoek_inkoop tonen en stoppen\n" in out
    assert "    deadline  de Alcatel-termijn na een gunningsbeslissing" in out


@pytest.mark.parametrize("locale", [None, "nl_NL.UTF-8"])
def test_lang_en_gives_the_english_help_whatever_the_locale(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], locale: str | None) -> None:
    _locale(monkeypatch, locale)
    code, out, _ = run_cli(capsys, "status", "--lang", "en", "--help")
    assert code == 0
    assert out.startswith("usage: achterhoek-inkoop status [-h] [--on DATE]")
    assert "\npositional arguments:\n" in out
    assert "\noptions:\n" in out
    assert "  -h, --help       show this help message and exit\n" in out
    assert "  --on DATE        the date, as known at its end (default: today)\n" in out


def _helps(parser: argparse.ArgumentParser) -> dict[str, str]:
    """Every help and description of ``parser`` and its subcommands, by where it is."""
    found = {parser.prog: parser.description or ""}
    for action in parser._actions:
        found[f"{parser.prog} {'/'.join(action.option_strings) or action.dest}"] = action.help or ""
        if isinstance(action, argparse._SubParsersAction):
            found |= {f"{parser.prog} > {c.dest}": c.help or "" for c in action._choices_actions}
            for sub in dict(action.choices).values():
                found |= _helps(sub)
    return found


def test_every_help_text_has_its_dutch() -> None:
    # needs the catalog
    english, dutch = _helps(_main._parser("en")), _helps(_main._parser("nl"))
    assert english.keys() == dutch.keys()
    same = [place for place in english if english[place] and english[place] == dutch[place]]
    assert same == []


def test_every_field_description_of_an_event_is_marked_for_the_catalog() -> None:
    descriptions = {info.description for model in EVENT_MODELS.values()
                    for info in model.model_fields.values() if info.description}
    assert descriptions <= FIELD_DESCRIPTIONS


# -- argument errors --------------------------------------------------------------------------------------

#: (argv, the Dutch line, the English line as it was before the Dutch came)
ERRORS = [
    pytest.param(["status", "--on", "2021-13-01"],
                 "achterhoek-inkoop status: fout: argument --on: '2021-13-01' is geen geldige datum "
                 "JJJJ-MM-DD (de maand moet tussen 1 en 12 liggen)",
                 "achterhoek-inkoop status: error: argument --on: '2021-13-01' is not a valid date "
                 "YYYY-MM-DD (month must be in 1..12)", id="bad-date"),
    pytest.param(["status", "--bogus"],
                 "achterhoek-inkoop: fout: onbekende argumenten: --bogus",
                 "achterhoek-inkoop: error: unrecognized arguments: --bogus", id="unknown-argument"),
    pytest.param(["deadline"],
                 "achterhoek-inkoop deadline: fout: deze argumenten zijn verplicht: --sent",
                 "achterhoek-inkoop deadline: error: the following arguments are required: --sent",
                 id="missing-argument"),
    pytest.param(["deadline", "--sent", "2022-03-14", "--rulebook", "x"],
                 "achterhoek-inkoop deadline: fout: argument --rulebook: ongeldige keuze: 'x' (kies uit ",
                 "achterhoek-inkoop deadline: error: argument --rulebook: invalid choice: 'x' (choose from ",
                 id="invalid-choice"),
    pytest.param(["deadline", "--sent"],
                 "achterhoek-inkoop deadline: fout: argument --sent: verwacht één waarde",
                 "achterhoek-inkoop deadline: error: argument --sent: expected one argument",
                 id="no-value"),
    pytest.param(["deadline", "--sent", "2022-03-14", "--days", "0"],
                 "achterhoek-inkoop deadline: fout: argument --days: '0' moet een geheel aantal dagen zijn, "
                 "minstens 1",
                 "achterhoek-inkoop deadline: error: argument --days: '0' must be a whole number of days, "
                 "at least 1", id="days"),
    pytest.param(["ics", "-o", "x.ics", "--alarm", "3y"],
                 "achterhoek-inkoop ics: fout: argument --alarm: '3y' is geen duur zoals 2d, 12h, 30m of 1w "
                 "(1 tot en met 9999 weken, dagen, uren of minuten)",
                 "achterhoek-inkoop ics: error: argument --alarm: '3y' is not a duration like 2d, 12h, 30m "
                 "or 1w (1 to 9999 weeks, days, hours or minutes)", id="alarm"),
]


def _error_line(capsys: pytest.CaptureFixture[str], argv: list[str]) -> str:
    code, out, err = run_cli(capsys, *argv)
    assert (code, out) == (2, "")
    assert err.endswith("\n")
    assert len(err.splitlines()) == 1, err
    return err[:-1]


@pytest.mark.parametrize(("argv", "dutch", "english"), ERRORS)
def test_an_argument_error_is_one_dutch_line_with_lang_nl(
        capsys: pytest.CaptureFixture[str], argv: list[str], dutch: str, english: str) -> None:
    # needs the catalog
    line = _error_line(capsys, [*argv, "--lang", "nl"])
    assert line == dutch or (dutch.endswith("(kies uit ") and line.startswith(dutch)), line


@pytest.mark.parametrize(("argv", "dutch", "english"), ERRORS)
def test_an_argument_error_is_dutch_under_a_dutch_locale(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], argv: list[str], dutch: str,
        english: str) -> None:
    # needs the catalog
    _locale(monkeypatch, "nl_NL.UTF-8")
    assert _error_line(capsys, argv).startswith(dutch)


@pytest.mark.parametrize(("argv", "dutch", "english"), ERRORS)
@pytest.mark.parametrize("lang", [None, "en"])
def test_the_english_argument_errors_are_as_they_were(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], argv: list[str], dutch: str,
        english: str, lang: str | None) -> None:
    _locale(monkeypatch, "nl_NL.UTF-8" if lang else None)
    line = _error_line(capsys, [*argv, "--lang", lang] if lang else argv)
    assert line.startswith(english), line
    assert line == english or english.endswith("(choose from "), line


def test_an_invalid_lang_gets_argparse_error_in_the_locale_language(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    _locale(monkeypatch, None)
    assert _error_line(capsys, ["status", "--lang", "de"]).startswith(
        "achterhoek-inkoop status: error: argument --lang: invalid choice: 'de' (choose from ")


# -- how the language is found, and what is left alone ------------------------------------------------


@pytest.mark.parametrize(("argv", "environ", "lang"), [
    (["status", "--lang", "nl"], {}, "nl"),
    (["status", "--lang=nl"], {}, "nl"),
    (["status", "--la", "nl"], {}, "nl"),  # argparse takes an unambiguous abbreviation
    (["status", "--lang", "nl", "--lang", "en"], {"LANG": "nl_NL.UTF-8"}, "en"),  # the last, as argparse
    (["status", "--lang", "de"], {"LANG": "nl_NL.UTF-8"}, "nl"),  # invalid: argparse says so, in Dutch
    (["status", "--lang"], {}, "en"),
    (["status"], {"LC_ALL": "nl_NL.UTF-8"}, "nl"),
    (["status", "--", "--lang", "nl"], {}, "en"),  # after --, an argument, not an option
    (["status", "-l", "nl"], {}, "en"),
])
def test_the_language_is_read_before_parsing(argv: list[str], environ: dict[str, str], lang: str) -> None:
    assert lang_before_parsing(argv, environ) == lang


def test_argparse_itself_stays_english(capsys: pytest.CaptureFixture[str]) -> None:
    run_cli(capsys, "deadline", "--lang", "nl")
    plain = argparse.ArgumentParser(prog="other")
    plain.add_argument("--x", required=True)
    assert plain.format_help().startswith("usage: other [-h] --x X\n\noptions:\n  -h, --help ")
    err = io.StringIO()
    with redirect_stderr(err), pytest.raises(SystemExit):
        plain.parse_args([])
    assert err.getvalue().endswith("other: error: the following arguments are required: --x\n")


def _argparse_errors() -> list[str]:
    """The errors this Python's argparse gives for what a user can get wrong here, in its English."""
    messages: list[str] = []

    class Recording(argparse.ArgumentParser):
        def error(self, message: str) -> None:  # type: ignore[override]
            messages.append(message)
            raise SystemExit(2)

    parser = Recording(prog="p")
    parser.add_argument("--one")
    parser.add_argument("--many", nargs="+")
    parser.add_argument("--flag", action="store_true")
    parser.add_argument("--number", type=int)
    parser.add_argument("--choice", choices=("a", "b"))
    parser.add_argument("--needed", required=True)
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--left", action="store_true")
    group.add_argument("--leftover", action="store_true")
    for argv in (["--one"], ["--many"], ["--flag=x"], ["--number", "x"], ["--choice", "c"], [],
                 ["--needed", "n", "--left", "--leftover"], ["--needed", "n", "--lef"],
                 ["--needed", "n", "stray"]):
        with pytest.raises(SystemExit):
            parser.parse_args(argv)
    return messages


def test_every_argparse_error_a_user_meets_here_is_one_we_translate() -> None:
    # Catches a Python whose argparse words an error differently: its message would stay English.
    errors = _argparse_errors()
    assert len(errors) == 9
    for message in errors:
        assert any(pattern.fullmatch(message) for pattern, _ in _ARGPARSE_ERRORS), message
        inner = message.split(": ", 1)[1] if message.startswith("argument ") else message
        assert any(pattern.fullmatch(inner) for pattern, _ in _ARGPARSE_ERRORS[1:]), inner


def test_an_error_argparse_does_not_know_stays_as_it_is() -> None:
    assert argparse_message("something new in a later Python", "nl") == "something new in a later Python"
    assert argparse_message("argument --on: '1' is geen datum", "en") == "argument --on: '1' is geen datum"


def test_subcommands_are_parsers_in_the_same_language() -> None:
    parser = _main._parser("nl")
    commands = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    add = commands.choices["add"]
    kinds = next(a for a in add._actions if isinstance(a, argparse._SubParsersAction))
    assert all(isinstance(p, CommandParser) and p.lang == "nl"
               for p in [*commands.choices.values(), *kinds.choices.values()])


def test_removing_an_event_that_is_not_there_is_said_in_dutch(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # needs the catalog: the library's error (InvalidInputError), not argparse's
    path = tmp_path / "inkoop.json"
    path.write_bytes(BUNDLED.read_bytes())
    dutch = _error_line(capsys, ["remove", str(path), "999", "--lang", "nl"])
    assert dutch == (f"achterhoek-inkoop remove: fout: index: 999 is geen gebeurtenis van {path} "
                     "(0 tot en met 18; zie `events`)")
    english = _error_line(capsys, ["remove", str(path), "999", "--lang", "en"])
    assert english == (f"achterhoek-inkoop remove: error: index: 999 is not an event of {path} "
                       "(0 to 18; see `events`)")
