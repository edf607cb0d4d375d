"""Shared test configuration: the hypothesis profiles, and no locale.

``default`` keeps the whole suite fast enough for every ``make test``, and
derandomized: every run tries the same examples, so a CI run fails only for a
change, never for an unlucky draw. ``ci-long`` (``make fuzz``) is random and
longer, for a nightly or pre-release run that goes looking for new bugs::

    HYPOTHESIS_PROFILE=ci-long python -m pytest -q

It keeps its examples under the repository's ``.hypothesis/examples`` (ignored
by git, wherever pytest runs from): a failure found by one long run is tried
first by the next, until it passes. Its own settings are all given here, not
inherited from ``default``, whose ``derandomize`` and ``database=None`` would
make every long run replay the same examples (issue 13, item 11).
"""

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings
from hypothesis.database import DirectoryBasedExampleDatabase

#: Where ci-long keeps the examples it found failing, beside the repository's other caches.
EXAMPLES = Path(__file__).resolve().parent.parent / ".hypothesis" / "examples"

settings.register_profile("default", max_examples=200, deadline=None, derandomize=True,
                          database=None)
# Tests that set no count run 2000 examples; those that scale their own by the profile (``SCALE =
# max_examples // 200``, test_fuzz's ``scaled``) run ten times their default. Sized to fit 30
# minutes on 2 cores (see the README): at 5000, the mutated bundled file alone ran for 11 minutes.
settings.register_profile("ci-long", max_examples=2000, deadline=None, derandomize=False,
                          database=DirectoryBasedExampleDatabase(EXAMPLES), print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


@pytest.fixture(autouse=True)
def _no_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test starts without a locale, so the command line speaks English whatever the
    developer's ``LANG`` is; a test about the language sets the locale it wants."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def writers_folder(tmp_path: Path) -> Iterator[Path]:
    """A folder for the file of writers running at once (``writers.py``): in memory where the
    system has one (``/dev/shm``), so that their loops wait on the locks, not on the disk's fsync."""
    shm = Path("/dev/shm")
    if not (shm.is_dir() and os.access(shm, os.W_OK)):
        yield tmp_path
        return
    with tempfile.TemporaryDirectory(dir=shm) as name:
        yield Path(name)
