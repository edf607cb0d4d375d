"""Shared test configuration: the hypothesis profiles, and no locale.

``default`` keeps the whole suite fast enough for every ``make test``, and
derandomized: every run tries the same examples, so a CI run fails only for a
change, never for an unlucky draw. ``ci-long`` is random and much longer, for
a nightly or pre-release run that goes looking for new bugs::

    HYPOTHESIS_PROFILE=ci-long python -m pytest -q
"""

import os

import pytest
from hypothesis import settings

settings.register_profile("default", max_examples=200, deadline=None, derandomize=True,
                          database=None)
settings.register_profile("ci-long", max_examples=5000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


@pytest.fixture(autouse=True)
def _no_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test starts without a locale, so the command line speaks English whatever the
    developer's ``LANG`` is; a test about the language sets the locale it wants."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
