"""``check``'s one line per violation: the severity in the language of the output (issue 11).

``fout`` and ``waarschuwing`` in Dutch, ``error`` and ``warning`` in English, padded to the
longest word of the language so the rule ids stand in one column.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from helpers import hand_broken_inkoop2022, run_cli

from achterhoek_inkoop.cli._lang import violation_line
from achterhoek_inkoop.lifecycle import severity_text, violation

ON = dt.date(2022, 3, 14)
ERROR = violation("volgorde", ON, "perceel-1", "An error.", message_nl="Een fout.")
WARNING = violation("kort-geding-na-standstill", ON, "perceel-1", "A warning.",
                       message_nl="Een waarschuwing.")


@pytest.mark.parametrize(("lang", "error", "warning"), [("nl", "fout", "waarschuwing"),
                                                         ("en", "error", "warning")])
def test_the_severity_is_translated_and_the_rule_ids_stand_in_one_column(lang: str, error: str,
                                                                         warning: str) -> None:
    lines = [violation_line(ERROR, lang), violation_line(WARNING, lang)]
    assert lines[0].startswith(f"2022-03-14  {error} ")
    assert lines[1].startswith(f"2022-03-14  {warning}  kort-geding-na-standstill  [perceel-1]  ")
    assert lines[0].index("volgorde") == lines[1].index("kort-geding-na-standstill")
    assert lines[0].endswith(ERROR.message_in(lang))


def test_the_english_line_is_as_it_was() -> None:
    assert violation_line(ERROR, "en") == "2022-03-14  error    volgorde  [perceel-1]  An error."
    assert ERROR.severity_in("en") == "error"
    assert WARNING.severity_in("nl") == severity_text("warning", "nl") == "waarschuwing"


def test_check_prints_the_severity_in_dutch(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = hand_broken_inkoop2022(tmp_path / "broken.json")
    code, out, _err = run_cli(capsys, "check", str(path), "--lang", "nl")
    assert code == 1
    lines = [line for line in out.splitlines() if line.strip()][:-1]
    assert len(lines) == 2
    for line in lines:
        assert line.split()[1] == "fout"
        assert " error " not in line
    code, out, _err = run_cli(capsys, "check", str(path), "--lang", "en")
    assert all(line.split()[1] == "error" for line in out.splitlines()[:2])
