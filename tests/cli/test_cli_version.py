"""``achterhoek-inkoop --version`` prints the installed version (issue 11, item 7)."""

from __future__ import annotations

import importlib.metadata
import subprocess
import sys

import pytest
from helpers import run_cli

import achterhoek_inkoop as ai


def test_version_prints_the_installed_version_and_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_cli(capsys, "--version")
    assert (code, err) == (0, "")
    assert out == f"achterhoek-inkoop {importlib.metadata.version('achterhoek_inkoop')}\n"


def test_the_package_and_its_metadata_agree_on_the_version() -> None:
    # pyproject.toml and __version__ are typed twice: a release that bumps one must bump the other.
    assert ai.__version__ == importlib.metadata.version("achterhoek_inkoop")


def test_version_needs_no_command() -> None:
    done = subprocess.run([sys.executable, "-m", "achterhoek_inkoop", "--version"],
                          capture_output=True, text=True, check=False)
    assert (done.returncode, done.stdout.split()[0]) == (0, "achterhoek-inkoop")
    assert done.stdout.split()[1] == ai.__version__
