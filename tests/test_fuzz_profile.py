"""The long fuzz run looks for new bugs (issue 13, item 11): ``ci-long`` is random and remembers failures.

``tests/conftest.py`` registers the profiles. ``ci-long`` (``make fuzz``)
must not inherit ``derandomize=True`` and ``database=None`` from
``default``: then every long run replayed the same examples and a failure
it found was forgotten. These tests read the registered profiles, whichever
one this run loaded.
"""

from __future__ import annotations

import re
from pathlib import Path

from helpers import REPOSITORY
from hypothesis import settings
from hypothesis.database import DirectoryBasedExampleDatabase


def test_ci_long_is_random() -> None:
    assert settings.get_profile("ci-long").derandomize is False


def test_ci_long_keeps_its_examples_under_the_repositorys_hypothesis_folder() -> None:
    database = settings.get_profile("ci-long").database
    assert isinstance(database, DirectoryBasedExampleDatabase), database
    path = Path(database.path)
    # The repository's, wherever pytest was started from: a run in tests/ replays the same failures.
    assert path.is_absolute(), path
    assert path.resolve().is_relative_to(REPOSITORY / ".hypothesis"), path


def test_the_example_database_is_not_committed() -> None:
    ignored = (REPOSITORY / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert ".hypothesis/" in ignored


def test_the_default_profile_stays_derandomized_and_forgets() -> None:
    # make test: the same examples every run, so it fails only for a change; nothing written.
    default = settings.get_profile("default")
    assert default.derandomize is True
    assert default.database is None


def test_make_fuzz_runs_the_tests_under_ci_long() -> None:
    makefile = (REPOSITORY / "Makefile").read_text(encoding="utf-8")
    recipe = re.search(r"^fuzz:.*\n((?:\t.*\n)+)", makefile, re.MULTILINE)
    assert recipe is not None, "no fuzz target in the Makefile"
    assert "HYPOTHESIS_PROFILE=ci-long" in recipe[1]
    assert "pytest" in recipe[1]
