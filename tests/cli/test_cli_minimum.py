"""The ``minimum`` command and ``deadline --rulebook``."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from helpers import run_cli

import achterhoek_inkoop as ai


def test_minimum_text(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_cli(capsys, "minimum", "--type", "openbaar", "--notice-sent", "2020-02-28")
    assert (code, err) == (0, "")
    assert "openbare procedure (open procedure), rulebook aw2012" in out
    assert "minimum               40 days" in out
    assert "earliest deadline     Wednesday 2020-04-08" in out
    assert "- Aw 2012 art. 2.74a" in out


def test_minimum_eu_shows_the_extended_date(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(capsys, "minimum", "--type", "openbaar", "--notice-sent", "2020-02-28",
                           "--rulebook", "eu-minimum")
    assert code == 0
    assert "earliest deadline     Sunday 2020-03-29" in out
    assert "if extended           Monday 2020-03-30 (unconfirmed" in out


@pytest.mark.parametrize("argv", [
    ("--type", "openbaar", "--notice-sent", "2020-02-28"),
    ("--type", "openbaar", "--notice-sent", "2020-02-28", "--no-electronic-submission", "--no-free-access"),
    ("--type", "openbaar", "--notice-sent", "2020-02-28", "--accelerated"),
    ("--type", "openbaar", "--notice-sent", "2020-02-28", "--prior-information-notice"),
    ("--type", "niet_openbaar", "--notice-sent", "2020-02-28", "--stage", "tenders"),
    ("--type", "niet_openbaar", "--notice-sent", "2020-02-28", "--rulebook", "eu-minimum", "--accelerated"),
    ("--type", "sociale_en_andere_specifieke_diensten", "--notice-sent", "2020-02-28"),
])
def test_minimum_json_is_the_library_result(capsys: pytest.CaptureFixture[str], argv: tuple[str, ...]
                                            ) -> None:
    code, out, _ = run_cli(capsys, "minimum", *argv, "--json")
    assert code == 0
    data = json.loads(out)
    args = dict(zip(argv[::2], argv[1::2], strict=False))
    expected = ai.minimum_period(
        args["--type"], dt.date.fromisoformat(args["--notice-sent"]),
        stage=args.get("--stage"),  # type: ignore[arg-type]
        electronic_submission="--no-electronic-submission" not in argv,
        free_access="--no-free-access" not in argv,
        accelerated="--accelerated" in argv, prior_information_notice="--prior-information-notice" in argv,
        rulebook=args.get("--rulebook", "aw2012"))
    assert data == expected.to_dict()


def test_minimum_without_a_statutory_minimum(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(capsys, "minimum", "--type", "meervoudig_onderhands",
                           "--notice-sent", "2020-02-28")
    assert code == 0
    assert "none set by law" in out
    assert "(not confirmed)" in out


@pytest.mark.parametrize(("argv", "names"), [
    (("--type", "open", "--notice-sent", "2020-02-28"), ("--type", "'open'")),
    (("--type", "openbaar", "--notice-sent", "28-02-2020"), ("--notice-sent", "'28-02-2020'")),
    (("--type", "openbaar", "--notice-sent", "2020-02-28", "--stage", "requests"), ("stage", "'requests'")),
    (("--type", "niet_openbaar", "--notice-sent", "2020-02-28", "--accelerated"), ("accelerated", "True")),
    (("--type", "openbaar", "--notice-sent", "2020-02-28", "--rulebook", "aw2013"),
     ("--rulebook", "'aw2013'")),
    (("--type", "openbaar", "--notice-sent", "2020-02-28", "--accelerated", "--prior-information-notice"),
     ("--prior-information-notice",)),
])
def test_minimum_errors_name_the_option_and_value(
        capsys: pytest.CaptureFixture[str], argv: tuple[str, ...], names: tuple[str, ...]) -> None:
    code, out, err = run_cli(capsys, "minimum", *argv)
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1
    assert "Traceback" not in err
    for name in names:
        assert name in err


def test_deadline_with_a_rulebook(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(capsys, "deadline", "--sent", "2022-03-10", "--rulebook", "eu-minimum")
    assert code == 0
    assert "Alcatel standstill (Richtlijn 2007/66/EG art. 2a), rulebook eu-minimum" in out
    assert "standstill ends       Monday 2022-03-21, 24:00" in out
    assert "Verordening 1182/71 art. 3 lid 4" in out
    code, out, _ = run_cli(capsys, "deadline", "--sent", "2022-03-14", "--rulebook", "eu-minimum",
                           "--not-electronic", "--json")
    assert code == 0
    data = json.loads(out)
    assert (data["days"], data["end"], data["rulebook"]) == (15, "2022-03-29", "eu-minimum")
    code, out, _ = run_cli(capsys, "deadline", "--sent", "2022-03-14")
    assert code == 0
    assert out.startswith("Alcatel standstill (Aw 2012 art. 2.127), Algemene termijnenwet applied")
