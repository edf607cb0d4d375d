"""`make run` installs what running needs, not the test tools (issue 11: it installed 517 MB of
mypy, jupyter and hypothesis just to print a status)."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: Packages only the tests and checks need.
TEST_TOOLS = {"pytest", "hypothesis", "mypy", "ruff", "nbclient", "nbformat", "babel", "playwright",
              "libcoveocds", "ocdskit", "jupyter", "ipykernel"}


def _extras() -> dict[str, list[str]]:
    extras: dict[str, list[str]] = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"][
        "optional-dependencies"]
    return extras


def _name(requirement: str) -> str:
    return re.split(r"[\[<>=!~; ]", requirement, maxsplit=1)[0].lower()


def test_make_run_installs_no_test_tool() -> None:
    makefile = (ROOT / "Makefile").read_text()
    run_stamp = makefile.split("$(RUN_STAMP):", 1)[1].split("\n\n", 1)[0]
    installed = re.findall(r"pip install [^\n]*'\.\[([a-z,]+)\]'", run_stamp)
    assert installed, run_stamp
    extras = _extras()
    chosen = installed[0].split(",")
    assert "test" not in chosen
    needs = {_name(r) for extra in chosen for r in extras[extra]}
    assert not needs & TEST_TOOLS, needs & TEST_TOOLS


def test_the_test_extra_holds_the_test_tools_and_make_test_installs_it() -> None:
    tools = {_name(r) for r in _extras()["test"]}
    assert {"pytest", "hypothesis", "mypy", "ruff"} <= tools
    makefile = (ROOT / "Makefile").read_text()
    assert "pip install --quiet -e '.[test]'" in makefile.split("$(TEST_STAMP):", 1)[1].split("\n\n", 1)[0]


def test_the_bundled_segment_names_are_the_announcement_s_dutch() -> None:
    # The plot labelled a segment "(formerly Beschermd Wonen)": the names are data, as announced.
    import achterhoek_inkoop as ai

    names = [s.name for s in ai.inkoop2022().data.segments]
    assert "Wmo Wonen (voorheen Beschermd Wonen)" in names
    assert not any("formerly" in name for name in names)
