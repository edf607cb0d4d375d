"""Shared test configuration: the hypothesis profiles.

``default`` keeps the whole suite fast enough for every ``make test``;
``ci-long`` is for a nightly or pre-release run::

    HYPOTHESIS_PROFILE=ci-long python -m pytest -q
"""

import os

from hypothesis import settings

settings.register_profile("default", max_examples=200, deadline=None)
settings.register_profile("ci-long", max_examples=5000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))
