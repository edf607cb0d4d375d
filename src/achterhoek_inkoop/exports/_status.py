"""The status of a procedure on a date: what ``achterhoek-inkoop status`` shows.

A plain dict (JSON-ready) built from public queries, and its text form.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from ..calendar import ProcedureType, describe_day
from ..lifecycle import Phase, SegmentState
from ..procedure import Procedure
from ..record import MILESTONES, STANDSTILL_EXEMPTION_LABELS, AwardDecision, TenderStart
from ._known import expected_milestones, known_on, next_interval

__all__ = ["deadlines", "format_status", "status"]

#: The deadlines set in advance rather than following from the record: never "expected".
_REGISTRATION = "last day to register for the Bestuurlijk Overleg"
_TENDERS = "time limit for receipt of tenders"
_REQUESTS = "time limit for requests to participate"
_SET_IN_ADVANCE = frozenset({_REGISTRATION, _TENDERS, _REQUESTS})


def deadlines(proc: Procedure) -> list[tuple[dt.date, str, str]]:
    """Every dated deadline the record implies, as ``(date, subject, what)``, in date order."""
    found: list[tuple[dt.date, str, str]] = []
    settings = proc.data.bestuurlijk_overleg
    if settings.registration_deadline is not None and settings.registration_deadline > dt.date.min:
        found.append((settings.registration_deadline - dt.timedelta(days=1), "procedure",
                      _REGISTRATION))
    for event in proc.events:
        if isinstance(event, TenderStart):
            found += [(day, seg, what) for day, what in ((event.deadline, _TENDERS),
                                                         (event.requests_deadline, _REQUESTS))
                      if day is not None for seg in proc.segments_of(event)]
    for seg in proc.data.segment_ids:
        period = proc.standstill(seg)
        if period is not None:
            safe = "" if period.safe_end is None else (
                f" (safe end {period.safe_end} under the usual decree pattern, no decree known; "
                f"safe to conclude the contract from {period.safe_final_from})")
            found.append((period.end, seg, "Alcatel standstill ends (24:00)" + safe))
        final_from = proc.final_award_from(seg)
        if final_from is not None:
            # Follows a kort geding: not known while one is pending.
            found.append((final_from, seg, "award may become final"))
        end = proc.contract_end(seg)
        if end is not None:
            found.append((end, seg, "contracts end"))
    return sorted(found)


def status(proc: Procedure, on: dt.date, *, baseline: str | None = None) -> dict[str, Any]:
    """Where ``proc`` stands on ``on``, as known at the end of that day.

    Everything comes from ``proc.as_known_on(on)``: the events dated on or
    before ``on`` and the plans published by then, never what was recorded
    later. The phase, the segments' states and the plan against what happened
    are facts of that record; what it implies for later days is *expected*:
    the next phase and state its delayed transitions start (``expected_phase``,
    a segment's ``expected_state``), the milestones the plan in force
    (``plan_in_force``) still plans (a milestone's ``expected``), and every
    upcoming deadline that follows from the record (``expected`` true; false
    for a date set in advance, such as the last day to register). ``baseline``
    must be a plan published by ``on``.
    """
    known = known_on(proc, on, baseline=baseline)
    phase = known.phase_on(on)
    since = _since(known.intervals(), on)
    segments = {}
    for seg in known.data.segment_ids:
        intervals = known.intervals(seg)
        period = known.standstill(seg)
        segments[seg] = {
            "state": known.segment_state_on(seg, on),
            "since": _iso(_since(intervals, on)),
            "dialogue_allowed": known.dialogue_allowed(on, segments=[seg]),
            "standstill_end": _iso(None if period is None else period.end),
            "final_award_from": _iso(known.final_award_from(seg)),
            "final_award_on": _iso(known.final_award_on(seg)),
            "final_award_assumption": _inferred(known, seg),
            "standstill_exemption": _exemption(known, seg),
            "expected_state": _expected(intervals, on, "state"),
        }
    milestones = []
    plan_ids = [p.id for p in sorted(known.data.plans, key=lambda p: p.published)]
    ahead = {name: day for name, day, _plan in expected_milestones(known, on)}
    for name in MILESTONES:
        actual = known.actual(name)
        planned = known.planned(name, baseline=baseline)
        milestones.append({
            "milestone": name,
            "planned": _iso(planned),
            "actual": _iso(actual),
            "slip_days": (actual - planned).days if actual and planned else None,
            "plans": {pid: _iso(known.planned(name, baseline=pid)) for pid in plan_ids},
            "expected": _iso(ahead.get(name)),
        })
    grouped: dict[tuple[dt.date, str], list[str]] = {}
    for day, subject, what in deadlines(known):
        if day >= on:
            grouped.setdefault((day, what), []).append(subject)
    upcoming = [{"date": day.isoformat(), "what": what, "subjects": subjects,
                 "expected": what not in _SET_IN_ADVANCE}
                for (day, what), subjects in grouped.items()]
    upcoming += [{"date": day.isoformat(), "what": f"{name} planned ({plan})", "subjects": [],
                  "expected": True} for name, day, plan in expected_milestones(known, on)]
    upcoming.sort(key=lambda d: str(d["date"]))
    ends = [e for e in (known.contract_end(s) for s in known.data.segment_ids) if e is not None]
    return {
        "procedure": known.data.id,
        "name": known.data.name,
        "procedure_type": known.data.procedure_type,
        "rulebook": known.data.rulebook,
        "on": on.isoformat(),
        "phase": phase.value,
        "phase_since": _iso(since),
        "expected_phase": _expected(known.intervals(), on, "phase"),
        "last_contract_end": _iso(max(ends)) if ends else None,
        "dialogue_allowed": known.dialogue_allowed(on),
        "segments": segments,
        "baseline": baseline or (plan_ids[0] if plan_ids else None),
        "plan_in_force": plan_ids[-1] if plan_ids else None,
        "milestones": milestones,
        "next_deadlines": upcoming,
    }


def format_status(data: dict[str, Any]) -> str:
    """The status as text for a procurement officer; what lies ahead is marked "expected"."""
    on = dt.date.fromisoformat(data["on"])
    since = f" since {data['phase_since']}" if data["phase_since"] else ""
    if data["phase"] == "afgerond" and data["last_contract_end"]:
        since += f" (the last contracts ended on {data['last_contract_end']})"
    if ahead := data.get("expected_phase"):
        since += f"; expected: {Phase(ahead['phase']).label.nl} from {ahead['from']}"
    lines = [
        f"{data['name']}",
        f"  on                    {describe_day(on)}",
        *([f"  procedure type        {ProcedureType(data['procedure_type']).label.nl}"]
          if data.get("procedure_type") else []),
        *([f"  rulebook              {data['rulebook']}"] if data.get("rulebook", "aw2012") != "aw2012"
          else []),
        f"  phase                 {Phase(data['phase']).label.nl}{since}",
        f"  dialogue allowed      {'yes' if data['dialogue_allowed'] else 'no'}",
        "segments (percelen)",
    ]
    width = max(len(s) for s in data["segments"])
    for seg, info in data["segments"].items():
        since = f" since {info['since']}" if info["since"] else ""
        if info.get("standstill_exemption"):
            ground = STANDSTILL_EXEMPTION_LABELS[info["standstill_exemption"]]
            since += f"; no standstill ({ground.nl}, Aw 2012 art. 2.127 lid 4)"
        if info.get("final_award_assumption"):
            since += f"; final award {info['final_award_on']} (assumption, from the contract)"
        if ahead := info.get("expected_state"):
            since += f"; expected: {SegmentState(ahead['state']).label.nl} from {ahead['from']}"
        lines.append(f"  {seg:<{width}}  {SegmentState(info['state']).label.nl}{since}")
    if data["baseline"]:
        in_force = data.get("plan_in_force")
        lines.append(f"plan against what happened (baseline {data['baseline']}"
                     + (", the plan in force)" if in_force == data["baseline"]
                        else f"; plan in force {in_force})"))
        lines.append(f"  {'milestone':<16}{'planned':<12}{'actual':<12}slip")
        for m in data["milestones"]:
            slip = "-" if m["slip_days"] is None else f"{m['slip_days']:+d} days"
            later = [f"{pid}: {d}" for pid, d in m["plans"].items()
                     if pid != data["baseline"] and d != m["planned"]]
            notes = [f"later plan {'; '.join(later)}"] if later else []
            if m.get("expected"):
                notes.append(f"expected {m['expected']}")
            extra = f"   ({'; '.join(notes)})" if notes else ""
            lines.append(f"  {m['milestone']:<16}{m['planned'] or '-':<12}"
                         f"{m['actual'] or '-':<12}{slip}{extra}")
    lines.append(f"next deadlines (as known on {data['on']}; expected: follows from the record "
                 "so far, may still change)")
    if data["next_deadlines"]:
        lines += [f"  {d['date']}  {'expected' if d.get('expected') else '':<8}  {d['what']}"
                  + (f": {', '.join(d['subjects'])}" if d["subjects"] else "")
                  for d in data["next_deadlines"][:6]]
    else:
        lines.append(f"  none on or after {data['on']}")
    return "\n".join(lines)


def _since(intervals: Sequence[tuple[dt.date, dt.date | None, str]], on: dt.date) -> dt.date | None:
    for start, end, _state in intervals:
        if start <= on and (end is None or on <= end):
            return start
    return None


def _expected(intervals: Sequence[tuple[dt.date, dt.date | None, Phase | SegmentState]],
              on: dt.date, key: str) -> dict[str, str] | None:
    """The first interval starting after ``on``, as ``{key: value, "from": date}``: what the
    record known on ``on`` implies next (a delayed transition, such as a standstill's end)."""
    found = next_interval(intervals, on)
    return None if found is None else {key: found[1].value, "from": found[0].isoformat()}


def _inferred(proc: Procedure, seg: str) -> str | None:
    """Why the final award of ``seg`` is an assumption, when a contract showed it."""
    for event in proc.inferred_events:
        if seg in proc.segments_of(event):
            return event.source
    return None


def _exemption(proc: Procedure, seg: str) -> str | None:
    """The ground of Aw 2012 art. 2.127 lid 4 of the segment's latest award decision, if any."""
    decisions = [e for e in proc.events if isinstance(e, AwardDecision) and seg in proc.segments_of(e)]
    return decisions[-1].standstill_exemption if decisions else None


def _iso(day: dt.date | None) -> str | None:
    return None if day is None else day.isoformat()
