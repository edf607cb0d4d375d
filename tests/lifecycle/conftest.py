"""Fixtures of the lifecycle tests."""

from collections.abc import Iterator

import pytest
from out_of_order import counting_steps


@pytest.fixture
def steps() -> Iterator[list[int]]:
    """The number of events the timeline steps while the test runs (see ``out_of_order``)."""
    yield from counting_steps()
