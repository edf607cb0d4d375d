"""Start-up (issue 12, item 3): ``deadline`` imports neither pydantic nor ``transitions``.

The command line imports a command's modules only when it runs, the package
door is lazy, and the statutory calendar reads its bundled decrees and
rulebooks with :mod:`json` alone. ``python -X importtime`` lists every module
a process imports; this test fails when one of the heavy libraries is among
them. (How long start-up takes is measured in benchmarks/, not here.)
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from achterhoek_inkoop._data import bundled_bytes

HEAVY = ("pydantic", "pydantic_core", "transitions", "lxml", "matplotlib", "pandas")


def _imported(code: str) -> set[str]:
    """The modules ``code`` imports in a new interpreter: those ``-X importtime`` reports, and (as
    it leaves out some imported from a package's ``__getattr__``) those in ``sys.modules`` at the end."""
    code += "\nimport sys\nprint('MODULES', *sys.modules, file=sys.stderr)"
    done = subprocess.run([sys.executable, "-X", "importtime", "-c", code],
                          capture_output=True, text=True, check=True)
    lines = done.stderr.splitlines()
    timed = {line.rpartition("|")[2].strip() for line in lines if line.startswith("import time:")}
    (listed,) = [line.split()[1:] for line in lines if line.startswith("MODULES ")]
    assert timed, done.stderr
    return timed | set(listed)


def _heavy(modules: set[str]) -> list[str]:
    return sorted(m for m in modules if m.split(".")[0] in HEAVY)


@pytest.mark.parametrize("argv", [
    ["deadline", "--sent", "2022-03-14"],
    ["deadline", "--sent", "2022-03-14", "--rulebook", "eu-minimum", "--json"],
    ["deadline", "--sent", "2021-04-23", "--lang", "nl"],
])
def test_deadline_imports_no_heavy_library(argv: list[str]) -> None:
    modules = _imported(f"from achterhoek_inkoop.cli._main import main; main({argv!r})")
    assert "achterhoek_inkoop.calendar._standstill" in modules  # the test sees the imports at all
    assert _heavy(modules) == []


def test_the_entry_point_and_the_parser_import_no_heavy_library() -> None:
    # The entry point (pyproject.toml: achterhoek_inkoop.cli:main) and the whole parser, help included.
    code = "from achterhoek_inkoop.cli import main; from achterhoek_inkoop.cli._main import _parser; " \
           "_parser('nl', command='deadline').format_help()"
    assert _heavy(_imported(code)) == []


def test_importing_the_package_imports_nothing_heavy() -> None:
    modules = _imported("import achterhoek_inkoop as ai; ai.standstill_period; ai.is_holiday; ai.RULEBOOKS")
    assert _heavy(modules) == []
    assert "achterhoek_inkoop.procedure" not in modules


STATUS = "from achterhoek_inkoop.cli._main import main; main(['status', '--on', '2022-03-14'])"


def test_status_on_the_bundled_data_imports_no_engine_and_validates_nothing() -> None:
    # The step table is computed from the declaration, and the bundled Inkoop 2022 is read
    # without validation (a test proves it equal to the validated reading): neither
    # ``transitions`` nor a validator of a procedure file's models is needed.
    code = STATUS + ("\nfrom achterhoek_inkoop.record import EVENT_MODELS, ProcedureData"
                     "\nassert not ProcedureData.__pydantic_complete__"
                     "\nassert not EVENT_MODELS['tender_start'].__pydantic_complete__")
    modules = _imported(code)
    assert "achterhoek_inkoop.lifecycle._timeline" in modules
    assert [m for m in _heavy(modules) if m.split(".")[0] not in ("pydantic", "pydantic_core")] == []
    assert "achterhoek_inkoop.lifecycle._engine" not in modules


def test_status_on_a_user_s_file_validates_it(tmp_path: Path) -> None:
    path = tmp_path / "inkoop2022.json"  # the bundled data as a user's file
    path.write_bytes(bundled_bytes("data", "inkoop2022.json"))
    code = (f"from achterhoek_inkoop.cli._main import main; main(['status', {str(path)!r}, '--on', "
            "'2022-03-14'])\nfrom achterhoek_inkoop.record import ProcedureData"
            "\nassert ProcedureData.__pydantic_complete__")
    assert "pydantic" in _imported(code)


def test_the_diagram_still_draws_with_the_engine() -> None:
    modules = _imported("from achterhoek_inkoop.cli._main import main; main(['diagram'])")
    assert "transitions" in modules


def test_status_still_gets_what_it_needs() -> None:
    # The lazy door does not hide anything: a procedure's export is found without importing exports.
    modules = _imported("import achterhoek_inkoop as ai, datetime as dt; "
                        "ai.inkoop2022().status(dt.date(2022, 3, 14))")
    assert "achterhoek_inkoop.exports" in modules
