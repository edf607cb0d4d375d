"""Where a procedure stands on a date, as typed values: what ``Procedure.status(on)`` returns.

The objects are plain frozen dataclasses: the command line's ``status`` (its
text and its ``--json``) and a notebook's display render them, and
:meth:`Status.to_dict` gives the JSON form (:meth:`Status.from_dict` reads it
back). They hold facts of the record as known at the end of ``on`` and what
that record implies for later days, marked *expected*. The exports build them
(``achterhoek_inkoop.exports``): the procedure only defines them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, cast

from ..calendar import ProcedureType
from ..lifecycle import Phase, SegmentState
from ..record import Milestone, StandstillExemption

__all__ = ["Deadline", "ExpectedState", "MilestoneStatus", "SegmentStatus", "Status"]


@dataclass(frozen=True)
class ExpectedState:
    """The next phase (or segment state) the record implies, and the day it starts.

    It follows from a delayed transition already under way, such as a
    standstill that will end: expected, not yet a fact.
    """

    state: Phase | SegmentState
    start: dt.date

    def to_dict(self, key: str) -> dict[str, str]:
        """``{key: state, "from": date}``, as the status JSON has it."""
        return {key: self.state.value, "from": self.start.isoformat()}


@dataclass(frozen=True)
class Deadline:
    """A deadline on or after the status date: its date, what ends, and the segments concerned.

    ``subjects`` are segment ids (or ``"procedure"``), empty for a planned
    milestone. ``expected`` is true for what follows from the record so far
    (a standstill's end, a milestone the plan in force still plans) and may
    still change; false for a date set in advance (the last day to register,
    the time limit for tenders).
    """

    date: dt.date
    what: str
    subjects: tuple[str, ...]
    expected: bool

    def to_dict(self) -> dict[str, Any]:
        """The JSON form: ``date`` (ISO), ``what``, ``subjects`` (a list), ``expected``."""
        return {"date": self.date.isoformat(), "what": self.what, "subjects": list(self.subjects),
                "expected": self.expected}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Deadline:
        """The deadline from its JSON form."""
        return cls(dt.date.fromisoformat(data["date"]), data["what"], tuple(data["subjects"]),
                   bool(data["expected"]))


@dataclass(frozen=True)
class SegmentStatus:
    """Where one segment (perceel) stands: its state, since when, and its award dates."""

    segment: str
    state: SegmentState
    since: dt.date | None
    dialogue_allowed: bool
    standstill_end: dt.date | None
    final_award_from: dt.date | None
    final_award_on: dt.date | None
    #: Why ``final_award_on`` is an assumption (a contract showed it), else ``None``.
    final_award_assumption: str | None
    #: The ground of Aw 2012 art. 2.127 lid 4 of the latest award decision, if it needed no standstill.
    standstill_exemption: StandstillExemption | None
    expected_state: ExpectedState | None

    def to_dict(self) -> dict[str, Any]:
        """The JSON form, as in the status JSON's ``segments`` (without the id, its key)."""
        return {
            "state": self.state.value,
            "since": _iso(self.since),
            "dialogue_allowed": self.dialogue_allowed,
            "standstill_end": _iso(self.standstill_end),
            "final_award_from": _iso(self.final_award_from),
            "final_award_on": _iso(self.final_award_on),
            "final_award_assumption": self.final_award_assumption,
            "standstill_exemption": self.standstill_exemption,
            "expected_state": None if self.expected_state is None else self.expected_state.to_dict("state"),
        }

    @classmethod
    def from_dict(cls, segment: str, data: Mapping[str, Any]) -> SegmentStatus:
        """The segment's status from its JSON form."""
        ahead = data.get("expected_state")
        return cls(
            segment, SegmentState(data["state"]), _date(data["since"]), bool(data["dialogue_allowed"]),
            _date(data["standstill_end"]), _date(data["final_award_from"]),
            _date(data["final_award_on"]), data.get("final_award_assumption"),
            data.get("standstill_exemption"),
            None if not ahead else ExpectedState(SegmentState(ahead["state"]),
                                                 dt.date.fromisoformat(ahead["from"])))


@dataclass(frozen=True)
class MilestoneStatus:
    """A milestone's plan against what happened, as known on the status date.

    ``planned`` is the date in the baseline plan, ``slip_days`` the days
    between it and ``actual`` (positive is late), ``plans`` the date in each
    plan known then as ``(plan id, date)`` in publication order, and
    ``expected`` the date the plan in force still plans, while it has not happened.
    """

    milestone: Milestone
    planned: dt.date | None
    actual: dt.date | None
    slip_days: int | None
    plans: tuple[tuple[str, dt.date | None], ...]
    expected: dt.date | None

    def to_dict(self) -> dict[str, Any]:
        """The JSON form; ``plans`` becomes an object of plan id to date."""
        return {
            "milestone": self.milestone,
            "planned": _iso(self.planned),
            "actual": _iso(self.actual),
            "slip_days": self.slip_days,
            "plans": {pid: _iso(day) for pid, day in self.plans},
            "expected": _iso(self.expected),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> MilestoneStatus:
        """The milestone's status from its JSON form."""
        return cls(data["milestone"], _date(data["planned"]), _date(data["actual"]), data["slip_days"],
                   tuple((pid, _date(day)) for pid, day in data["plans"].items()),
                   _date(data.get("expected")))


@dataclass(frozen=True)
class Status:
    """Where a procedure stands at the end of ``on``, as known that day (``Procedure.status(on)``).

    The phase and the segments' states, dialogue, the plan against what
    happened (``milestones``, each with its slip) and the deadlines on or after
    ``on``. Nothing recorded after ``on`` shows; what the record then implies
    for later days is marked expected.

    >>> import achterhoek_inkoop as ai
    >>> from datetime import date
    >>> s = ai.inkoop2022().status(date(2022, 3, 20))
    >>> s.phase, s.dialogue_allowed, s.segment("wmo-wonen").state
    (<Phase.GUNNING: 'gunning'>, False, <SegmentState.STANDSTILL: 'gunning.standstill'>)
    >>> s.slips["gunning"], s.next_deadlines[0].date
    (164, datetime.date(2022, 4, 4))
    """

    procedure: str
    name: str
    procedure_type: ProcedureType | None
    rulebook: str
    on: dt.date
    phase: Phase
    phase_since: dt.date | None
    expected_phase: ExpectedState | None
    #: The last day of the contracts that run longest, with any extension (``None``: none yet).
    last_contract_end: dt.date | None
    dialogue_allowed: bool
    segments: tuple[SegmentStatus, ...]
    #: The plan the slips are measured against (the first plan, unless chosen).
    baseline: str | None
    #: The latest plan published by ``on``.
    plan_in_force: str | None
    milestones: tuple[MilestoneStatus, ...]
    next_deadlines: tuple[Deadline, ...]

    def segment(self, segment: str) -> SegmentStatus:
        """The status of ``segment``; a ``KeyError`` naming the segments if it is not one."""
        for found in self.segments:
            if found.segment == segment:
                return found
        raise KeyError(f"{segment!r} is not a segment; the segments are: "
                       + ", ".join(s.segment for s in self.segments))

    @property
    def slips(self) -> dict[Milestone, int | None]:
        """Each milestone's slip in days against the baseline (positive is late; ``None``: not
        measurable yet)."""
        return {m.milestone: m.slip_days for m in self.milestones}

    def to_dict(self) -> dict[str, Any]:
        """The JSON form: what ``achterhoek-inkoop status --json`` prints (dates as ISO text)."""
        return {
            "procedure": self.procedure,
            "name": self.name,
            "procedure_type": None if self.procedure_type is None else self.procedure_type.value,
            "rulebook": self.rulebook,
            "on": self.on.isoformat(),
            "phase": self.phase.value,
            "phase_since": _iso(self.phase_since),
            "expected_phase": None if self.expected_phase is None else self.expected_phase.to_dict("phase"),
            "last_contract_end": _iso(self.last_contract_end),
            "dialogue_allowed": self.dialogue_allowed,
            "segments": {s.segment: s.to_dict() for s in self.segments},
            "baseline": self.baseline,
            "plan_in_force": self.plan_in_force,
            "milestones": [m.to_dict() for m in self.milestones],
            "next_deadlines": [d.to_dict() for d in self.next_deadlines],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Status:
        """The status from its JSON form (:meth:`to_dict`, or ``status --json``)."""
        ahead = data.get("expected_phase")
        kind = data.get("procedure_type")
        return cls(
            procedure=data["procedure"], name=data["name"],
            procedure_type=None if kind is None else ProcedureType(kind),
            rulebook=data.get("rulebook", "aw2012"), on=dt.date.fromisoformat(data["on"]),
            phase=Phase(data["phase"]), phase_since=_date(data["phase_since"]),
            expected_phase=None if not ahead else ExpectedState(Phase(ahead["phase"]),
                                                                dt.date.fromisoformat(ahead["from"])),
            last_contract_end=_date(data["last_contract_end"]),
            dialogue_allowed=bool(data["dialogue_allowed"]),
            segments=tuple(SegmentStatus.from_dict(seg, info) for seg, info in data["segments"].items()),
            baseline=data["baseline"], plan_in_force=data.get("plan_in_force"),
            milestones=tuple(MilestoneStatus.from_dict(m) for m in data["milestones"]),
            next_deadlines=tuple(Deadline.from_dict(d) for d in data["next_deadlines"]),
        )

    def to_html(self, *, lang: str = "en") -> str:
        """The status as HTML tables in ``lang`` (``"en"`` or ``"nl"``, else
        :class:`InvalidInputError`): where it stands, the segments, the plan against what
        happened and the next deadlines. The phases and states are their Dutch terms in both
        languages, as in :func:`~achterhoek_inkoop.exports.format_status`; a notebook shows the English.

        >>> import achterhoek_inkoop as ai
        >>> from datetime import date
        >>> html = ai.inkoop2022().status(date(2022, 3, 20)).to_html(lang="en")
        >>> "<caption>Next deadlines</caption>" in html
        True
        """
        from ._exports import export  # the exports render it (they know the deadlines' texts)

        return cast(str, export("status_html")(self, lang=lang))

    def _repr_html_(self) -> str:
        return self.to_html()


def _iso(day: dt.date | None) -> str | None:
    return None if day is None else day.isoformat()


def _date(text: str | None) -> dt.date | None:
    return None if text is None else dt.date.fromisoformat(text)
