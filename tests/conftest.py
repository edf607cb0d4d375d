"""Shared test configuration: the hypothesis profiles.

``default`` keeps the whole suite fast enough for every ``make test``, and
derandomized: every run tries the same examples, so a CI run fails only for a
change, never for an unlucky draw. ``ci-long`` is random and much longer, for
a nightly or pre-release run that goes looking for new bugs::

    HYPOTHESIS_PROFILE=ci-long python -m pytest -q
"""

import os

from hypothesis import settings

settings.register_profile("default", max_examples=200, deadline=None, derandomize=True,
                          database=None)
settings.register_profile("ci-long", max_examples=5000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))
