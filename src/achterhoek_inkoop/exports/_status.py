"""The status of a procedure on a date: what ``achterhoek-inkoop status`` shows.

A plain dict (JSON-ready) built from public queries, and its text form.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from ..calendar import describe_day
from ..lifecycle import Phase, SegmentState
from ..procedure import Procedure
from ..record import MILESTONES

__all__ = ["deadlines", "format_status", "status"]


def deadlines(proc: Procedure) -> list[tuple[dt.date, str, str]]:
    """Every dated deadline the record implies, as ``(date, subject, what)``, in date order."""
    found: list[tuple[dt.date, str, str]] = []
    settings = proc.data.bestuurlijk_overleg
    if settings.registration_deadline is not None and settings.registration_deadline > dt.date.min:
        found.append((settings.registration_deadline - dt.timedelta(days=1), "procedure",
                      "last day to register for the Bestuurlijk Overleg"))
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
    """Where ``proc`` stands on ``on``: phase, segments, plan against actual, next deadlines."""
    phase = proc.phase_on(on)
    since = _since(proc.intervals(), on)
    segments = {}
    for seg in proc.data.segment_ids:
        segments[seg] = {
            "state": proc.segment_state_on(seg, on),
            "since": _iso(_since(proc.intervals(seg), on)),
            "dialogue_allowed": proc.dialogue_allowed(on, segments=[seg]),
        }
    milestones = []
    plan_ids = [p.id for p in sorted(proc.data.plans, key=lambda p: p.published)]
    for name in MILESTONES:
        actual = proc.actual(name)
        known = actual if actual is not None and actual <= on else None
        planned = proc.planned(name, baseline=baseline)
        milestones.append({
            "milestone": name,
            "planned": _iso(planned),
            "actual": _iso(known),
            "slip_days": (known - planned).days if known and planned else None,
            "plans": {pid: _iso(proc.planned(name, baseline=pid)) for pid in plan_ids},
        })
    grouped: dict[tuple[dt.date, str], list[str]] = {}
    for day, subject, what in deadlines(proc):
        if day >= on:
            grouped.setdefault((day, what), []).append(subject)
    upcoming = [{"date": day.isoformat(), "what": what, "subjects": subjects}
                for (day, what), subjects in grouped.items()]
    ends = [e for e in (proc.contract_end(s) for s in proc.data.segment_ids) if e is not None]
    return {
        "procedure": proc.data.id,
        "name": proc.data.name,
        "on": on.isoformat(),
        "phase": phase.value,
        "phase_since": _iso(since),
        "last_contract_end": _iso(max(ends)) if ends else None,
        "dialogue_allowed": proc.dialogue_allowed(on),
        "segments": segments,
        "baseline": baseline or (plan_ids[0] if plan_ids else None),
        "milestones": milestones,
        "next_deadlines": upcoming,
    }


def format_status(data: dict[str, Any]) -> str:
    """The status as text for a procurement officer."""
    on = dt.date.fromisoformat(data["on"])
    since = f" since {data['phase_since']}" if data["phase_since"] else ""
    if data["phase"] == "afgerond" and data["last_contract_end"]:
        since += f" (the last contracts ended on {data['last_contract_end']})"
    lines = [
        f"{data['name']}",
        f"  on                    {describe_day(on)}",
        f"  phase                 {Phase(data['phase']).label.nl}{since}",
        f"  dialogue allowed      {'yes' if data['dialogue_allowed'] else 'no'}",
        "segments (percelen)",
    ]
    width = max(len(s) for s in data["segments"])
    for seg, info in data["segments"].items():
        since = f" since {info['since']}" if info["since"] else ""
        lines.append(f"  {seg:<{width}}  {SegmentState(info['state']).label.nl}{since}")
    if data["baseline"]:
        lines.append(f"plan against what happened (baseline {data['baseline']})")
        lines.append(f"  {'milestone':<16}{'planned':<12}{'actual':<12}slip")
        for m in data["milestones"]:
            slip = "-" if m["slip_days"] is None else f"{m['slip_days']:+d} days"
            later = [f"{pid}: {d}" for pid, d in m["plans"].items()
                     if pid != data["baseline"] and d != m["planned"]]
            extra = f"   (later plan {'; '.join(later)})" if later else ""
            lines.append(f"  {m['milestone']:<16}{m['planned'] or '-':<12}"
                         f"{m['actual'] or '-':<12}{slip}{extra}")
    lines.append("next deadlines")
    if data["next_deadlines"]:
        lines += [f"  {d['date']}  {d['what']}: {', '.join(d['subjects'])}"
                  for d in data["next_deadlines"][:6]]
    else:
        lines.append(f"  none on or after {data['on']}")
    return "\n".join(lines)


def _since(intervals: Sequence[tuple[dt.date, dt.date | None, str]], on: dt.date) -> dt.date | None:
    for start, end, _state in intervals:
        if start <= on and (end is None or on <= end):
            return start
    return None


def _iso(day: dt.date | None) -> str | None:
    return None if day is None else day.isoformat()
