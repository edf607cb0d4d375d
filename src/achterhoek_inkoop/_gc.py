"""Pausing Python's cycle collector while many procedures are made at once (a portfolio).

CPython's cycle collector runs after every so many new objects, and from
time to time it walks every object the process holds. Loading ten thousand
procedure files makes tens of millions of objects that stay: the collector
walks them again and again as they grow, a third of the time of loading them
all, and finds nothing, since loading makes no reference cycles (a test
checks that). :func:`cycle_collection_paused` pauses it for such a bulk job;
plain reference counting still frees everything the job drops at once.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["cycle_collection_paused"]


@contextmanager
def cycle_collection_paused() -> Iterator[None]:
    """Pause the cycle collector inside the ``with`` block; it runs again after it if it did before."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
