"""What every view for people shares: the procedure as known on a date, and what lies ahead of it.

A view "on" a date (the status, the plot, the frames, the calendar, OCDS)
shows :meth:`Procedure.as_known_on`: the events dated on or before that day
and the plans published by then, never what was recorded later. What the
record known then implies for later days (a standstill's end from a decision
already sent, the intervals its delayed transitions start, the milestones
the plan in force still plans) is *expected*: it may change, and every view
labels it so. Which intervals are expected is read from the intervals
themselves, never from a list of states, so it follows the declared
lifecycle as it grows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TypeVar

from .._exceptions import InvalidInputError
from .._text import Text
from .._validate import check_date
from ..procedure import Procedure
from ..record import MILESTONES, Milestone, Plan

__all__ = ["expected_milestones", "is_expected", "known_on", "next_interval", "plan_in_force"]

_S = TypeVar("_S")


def known_on(proc: Procedure, on: dt.date, *, baseline: str | None = None) -> Procedure:
    """``proc`` as known at the end of ``on``; a ``baseline`` plan published after ``on`` is refused.

    A plan published later was not known on ``on``, so no view of that date
    can measure against it: the error names the plan, its publication date and
    the plans known then. An id that names no plan at all is left to the query
    that reads it (its error lists the plans).
    """
    on = check_date("on", on, in_calendar=False)
    known = proc.as_known_on(on)
    if baseline is not None and all(p.id != baseline for p in known.data.plans):
        later = next((p for p in proc.data.plans if p.id == baseline), None)
        if later is not None:
            ids = ", ".join(p.id for p in _by_publication(known.data.plans)) or Text("none")
            raise InvalidInputError("baseline", baseline, Text(
                "was published on %(published)s, after %(on)s, so it was not known then; the plans known "
                "on %(on)s are: %(ids)s", published=later.published.isoformat(), on=on.isoformat(), ids=ids))
    return known


def plan_in_force(proc: Procedure) -> Plan | None:
    """The latest plan of ``proc`` by publication (the first of equals in file order), if any."""
    plans = _by_publication(proc.data.plans)
    return plans[-1] if plans else None


def expected_milestones(known: Procedure, on: dt.date) -> list[tuple[Milestone, dt.date, str]]:
    """The milestones that had not happened by ``on`` and that the plan in force still plans
    after it, as ``(milestone, planned date, plan id)`` in milestone order."""
    plan = plan_in_force(known)
    if plan is None:
        return []
    found: list[tuple[Milestone, dt.date, str]] = []
    for milestone in MILESTONES:
        day = known.planned(milestone, baseline=plan.id)
        if known.actual(milestone) is None and day is not None and day > on:
            found.append((milestone, day, plan.id))
    return found


def is_expected(end: dt.date | None, on: dt.date) -> bool:
    """Whether an interval ending on ``end`` (``None``: open) is still expected at the end of ``on``.

    An interval that had not ended before ``on`` is open then: where and
    whether it ends is what the record implies, not a fact yet. So is one
    that starts after ``on`` (its end is later still).
    """
    return end is None or end >= on


def next_interval(intervals: Sequence[tuple[dt.date, dt.date | None, _S]], on: dt.date
                  ) -> tuple[dt.date, _S] | None:
    """The first interval starting after ``on`` (its start and state): the next expected change."""
    for start, _end, state in intervals:
        if start > on:
            return start, state
    return None


def _by_publication(plans: Sequence[Plan]) -> list[Plan]:
    return sorted(plans, key=lambda p: p.published)
