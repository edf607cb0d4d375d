"""Helpers shared by several test modules."""

from __future__ import annotations

from typing import Any

import pytest

import achterhoek_inkoop as ai
from achterhoek_inkoop._exceptions import show
from achterhoek_inkoop.cli._main import main

#: The worked example of DOMAIN.md B2 as ``StandstillPeriod.to_dict`` and ``deadline --json`` give it.
WORKED_EXAMPLE: dict[str, Any] = {
    "sent": "2022-03-14",
    "days": 20,
    "start": "2022-03-15",
    "nominal_end": "2022-04-03",
    "end": "2022-04-04",
    "final_from": "2022-04-05",
    "extensions": [
        {"date": "2022-04-03", "article": "Atw art. 1", "reason": "2022-04-03 is a Sunday (Atw art. 1)"}
    ],
    "atw": True,
    "source": "Aw 2012 art. 2.127",
}


def run_cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """Run the command line in-process: (exit status, stdout, stderr)."""
    try:
        code = main(list(argv))
    except SystemExit as exc:  # argparse errors exit; library errors return 2
        code = exc.code if isinstance(exc.code, int) else 2
    out, err = capsys.readouterr()
    return code, out, err


def assert_invalid_input(err: BaseException, field: str, value: object) -> None:
    """``err`` is the library's invalid-input error naming ``field`` and ``value``."""
    assert isinstance(err, ai.InvalidInputError)
    assert isinstance(err, ValueError)
    assert isinstance(err, ai.InkoopError)
    assert err.field == field
    assert err.value == value
    assert type(err.value) is type(value)
    assert str(err).startswith(f"{field}: {show(value)} ")
