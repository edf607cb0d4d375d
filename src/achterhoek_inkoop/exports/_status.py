"""The status of a procedure on a date: what ``Procedure.status(on)`` and ``achterhoek-inkoop status`` show.

Builds the typed :class:`~achterhoek_inkoop.Status` from public queries of
the procedure as known on the date, its upcoming deadlines
(``Procedure.deadlines(on)``), and its text form; ``to_dict()`` gives its JSON.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from typing import Any

from .._i18n import N_, check_lang, translations
from .._validate import check_date
from ..calendar import describe_day
from ..lifecycle import Phase, SegmentState
from ..procedure import Deadline, ExpectedState, MilestoneStatus, Procedure, SegmentStatus, Status
from ..record import (
    MILESTONES,
    STANDSTILL_EXEMPTION_LABELS,
    AwardDecision,
    StandstillExemption,
    TenderStart,
)
from ._known import expected_milestones, known_on, next_interval

__all__ = ["MILESTONE_NAMES", "deadline_text", "deadlines", "format_status", "next_deadlines",
           "procedure_status", "status"]

#: The deadlines set in advance rather than following from the record: never "expected".
_REGISTRATION = N_("last day to register for the Bestuurlijk Overleg")
_TENDERS = N_("time limit for receipt of tenders")
_REQUESTS = N_("time limit for requests to participate")
_SET_IN_ADVANCE = frozenset({_REGISTRATION, _TENDERS, _REQUESTS})
_STANDSTILL_ENDS = N_("Alcatel standstill ends (24:00)")
_FINAL = N_("award may become final")
_CONTRACTS_END = N_("contracts end")
#: The deadlines' texts, English in the status and its JSON (the msgids), translated when shown.
_DEADLINES = frozenset({*_SET_IN_ADVANCE, _STANDSTILL_ENDS, _FINAL, _CONTRACTS_END})
_SAFE_END = N_("(safe end %(safe_end)s under the usual decree pattern, no decree known; "
               "safe to conclude the contract from %(safe_final_from)s)")
_PLANNED = N_("%(milestone)s planned (%(plan)s)")
#: The milestones as a reader knows them, translated when shown (the Dutch is the term itself).
MILESTONE_NAMES = {"aanbesteding": N_("tender (aanbesteding)"), "gunning": N_("award (gunning)"),
                   "contract_start": N_("start of the contracts")}


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
            safe = "" if period.safe_end is None else " " + _SAFE_END % {
                "safe_end": period.safe_end, "safe_final_from": period.safe_final_from}
            found.append((period.end, seg, _STANDSTILL_ENDS + safe))
        final_from = proc.final_award_from(seg)
        if final_from is not None:
            # Follows a kort geding: not known while one is pending.
            found.append((final_from, seg, _FINAL))
        end = proc.contract_end(seg)
        if end is not None:
            found.append((end, seg, _CONTRACTS_END))
    return sorted(found)


def procedure_status(proc: Procedure, on: dt.date, *, baseline: str | None = None) -> Status:
    """Where ``proc`` stands on ``on``, as known at the end of that day (``proc.status(on)``).

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
    on = check_date("on", on, in_calendar=False)
    known = known_on(proc, on, baseline=baseline)
    segments = []
    for seg in known.data.segment_ids:
        intervals = known.intervals(seg)
        period = known.standstill(seg)
        segments.append(SegmentStatus(
            segment=seg,
            state=known.segment_state_on(seg, on),
            since=_since(intervals, on),
            dialogue_allowed=known.dialogue_allowed(on, segments=[seg]),
            standstill_end=None if period is None else period.end,
            final_award_from=known.final_award_from(seg),
            final_award_on=known.final_award_on(seg),
            final_award_assumption=_inferred(known, seg),
            standstill_exemption=_exemption(known, seg),
            expected_state=_expected(intervals, on),
        ))
    plan_ids = [p.id for p in sorted(known.data.plans, key=lambda p: p.published)]
    ahead = {name: day for name, day, _plan in expected_milestones(known, on)}
    milestones = []
    for name in MILESTONES:
        actual = known.actual(name)
        planned = known.planned(name, baseline=baseline)
        milestones.append(MilestoneStatus(
            milestone=name, planned=planned, actual=actual,
            slip_days=(actual - planned).days if actual and planned else None,
            plans=tuple((pid, known.planned(name, baseline=pid)) for pid in plan_ids),
            expected=ahead.get(name),
        ))
    ends = [e for e in (known.contract_end(s) for s in known.data.segment_ids) if e is not None]
    return Status(
        procedure=known.data.id,
        name=known.data.name,
        procedure_type=known.data.procedure_type,
        rulebook=known.data.rulebook,
        on=on,
        phase=known.phase_on(on),
        phase_since=_since(known.intervals(), on),
        expected_phase=_expected(known.intervals(), on),
        last_contract_end=max(ends) if ends else None,
        dialogue_allowed=known.dialogue_allowed(on),
        segments=tuple(segments),
        baseline=baseline or (plan_ids[0] if plan_ids else None),
        plan_in_force=plan_ids[-1] if plan_ids else None,
        milestones=tuple(milestones),
        next_deadlines=_upcoming(known, on),
    )


def next_deadlines(proc: Procedure, on: dt.date) -> tuple[Deadline, ...]:
    """The deadlines on or after ``on`` as known at the end of that day (``proc.deadlines(on)``).

    The same as ``procedure_status(proc, on).next_deadlines``: one entry per
    date and kind, naming the segments concerned, in date order.
    """
    on = check_date("on", on, in_calendar=False)
    return _upcoming(known_on(proc, on), on)


def _upcoming(known: Procedure, on: dt.date) -> tuple[Deadline, ...]:
    grouped: dict[tuple[dt.date, str], list[str]] = {}
    for day, subject, what in deadlines(known):
        if day >= on:
            grouped.setdefault((day, what), []).append(subject)
    upcoming = [Deadline(day, what, tuple(subjects), what not in _SET_IN_ADVANCE)
                for (day, what), subjects in grouped.items()]
    upcoming += [Deadline(day, _PLANNED % {"milestone": name, "plan": plan}, (), True)
                 for name, day, plan in expected_milestones(known, on)]
    return tuple(sorted(upcoming, key=lambda d: d.date))


def status(proc: Procedure, on: dt.date, *, baseline: str | None = None) -> dict[str, Any]:
    """The status as its JSON form: ``procedure_status(proc, on, baseline=baseline).to_dict()``.

    Kept for the scripts written before :class:`Status`; what ``status --json`` prints.
    """
    return procedure_status(proc, on, baseline=baseline).to_dict()


def format_status(status: Status | Mapping[str, Any], *, lang: str = "en") -> str:
    """The status as text for a procurement officer; what lies ahead is marked "expected".

    ``status`` is a :class:`Status` or its JSON form (:meth:`Status.to_dict`);
    ``lang`` is ``"en"`` (the default) or ``"nl"``. The states and phases are
    their Dutch terms in both languages, the deadlines' texts (English in the
    status) are translated.
    """
    lang = check_lang(lang)
    _ = translations(lang).gettext
    s = status if isinstance(status, Status) else Status.from_dict(status)
    since = ""
    if s.phase_since:
        since += " " + _("since %(date)s") % {"date": s.phase_since}
    if s.phase is Phase.AFGEROND and s.last_contract_end:
        since += " " + _("(the last contracts ended on %(date)s)") % {"date": s.last_contract_end}
    if s.expected_phase is not None:
        since += "; " + _("expected: %(state)s from %(date)s") % {
            "state": s.expected_phase.state.label.nl, "date": s.expected_phase.start}
    rows = [
        (_("on"), describe_day(s.on, lang=lang)),
        *([(_("procedure type"), s.procedure_type.label.nl)] if s.procedure_type else []),
        *([(_("rulebook"), s.rulebook)] if s.rulebook != "aw2012" else []),
        (_("phase"), s.phase.label.nl + since),
        (_("dialogue allowed"), _("yes") if s.dialogue_allowed else _("no")),
    ]
    lines = [s.name, *(f"  {head:<22}{value}" for head, value in rows), _("segments (percelen)")]
    width = max(len(seg.segment) for seg in s.segments)
    for seg in s.segments:
        since = " " + _("since %(date)s") % {"date": seg.since} if seg.since else ""
        if seg.standstill_exemption:
            ground = STANDSTILL_EXEMPTION_LABELS[seg.standstill_exemption]
            since += "; " + _("no standstill (%(ground)s, %(article)s)") % {
                "ground": ground.nl, "article": "Aw 2012 art. 2.127 lid 4"}
        if seg.final_award_assumption:
            since += "; " + _("final award %(date)s (assumption, from the contract)") % {
                "date": seg.final_award_on}
        if seg.expected_state is not None:
            since += "; " + _("expected: %(state)s from %(date)s") % {
                "state": seg.expected_state.state.label.nl, "date": seg.expected_state.start}
        lines.append(f"  {seg.segment:<{width}}  {seg.state.label.nl}{since}")
    if s.baseline:
        lines.append(_("plan against what happened (baseline %(baseline)s, the plan in force)")
                     % {"baseline": s.baseline} if s.plan_in_force == s.baseline else
                     _("plan against what happened (baseline %(baseline)s; plan in force %(plan)s)")
                     % {"baseline": s.baseline, "plan": s.plan_in_force})
        # The English text names them as the record does; the Dutch as an officer says them.
        names = {m.milestone: m.milestone if lang == "en" else _milestone(m.milestone, lang)
                 for m in s.milestones}
        first = max(16, *(len(name) + 2 for name in names.values()))
        heads = _("milestone"), _("planned"), _("actual"), _("slip")
        lines.append(f"  {heads[0]:<{first}}{heads[1]:<12}{heads[2]:<12}{heads[3]}")
        for m in s.milestones:
            slip = "-" if m.slip_days is None else _("%(days)s days") % {"days": f"{m.slip_days:+d}"}
            later = [f"{pid}: {_text(d)}" for pid, d in m.plans if pid != s.baseline and d != m.planned]
            notes = [_("later plan %(plans)s") % {"plans": "; ".join(later)}] if later else []
            if m.expected:
                notes.append(_("expected %(date)s") % {"date": m.expected})
            extra = f"   ({'; '.join(notes)})" if notes else ""
            lines.append(f"  {names[m.milestone]:<{first}}{_text(m.planned) or '-':<12}"
                         f"{_text(m.actual) or '-':<12}{slip}{extra}")
    lines.append(_("next deadlines (as known on %(date)s; expected: follows from the record so far, "
                   "may still change)") % {"date": s.on})
    if s.next_deadlines:
        expected = _("expected")
        lines += [f"  {d.date}  {expected if d.expected else '':<{max(8, len(expected))}}  "
                  + (d.what if lang == "en" else deadline_text(d.what, lang=lang))
                  + (f": {', '.join(d.subjects)}" if d.subjects else "")
                  for d in s.next_deadlines[:6]]
    else:
        lines.append("  " + _("none on or after %(date)s") % {"date": s.on})
    return "\n".join(lines)


def deadline_text(what: str, *, lang: str = "en", safe_end: bool = True) -> str:
    """A deadline's text (:attr:`Deadline.what`, English as in the JSON) in ``lang``.

    The status keeps its deadlines' texts in English, as data; they are
    translated where they are shown (the status text, the report page). A
    planned milestone is named as a reader knows it. ``safe_end=False`` leaves
    out a standstill's safe end under the decree pattern and points to the
    standstill explained below instead (the report page). A text it does not
    know is returned as it is.

    >>> deadline_text("award may become final", lang="nl")
    'gunning kan definitief worden'
    >>> deadline_text("gunning planned (plan-2021)")
    'award (gunning) planned (plan-2021)'
    """
    _ = translations(check_lang(lang)).gettext
    if what in _DEADLINES:
        return _(what)
    if what.startswith(_STANDSTILL_ENDS):
        if not safe_end:
            return _(_STANDSTILL_ENDS) + _(" (see the standstill below for a later, safe end)")
        safe = _SAFE_PATTERN.fullmatch(what.removeprefix(_STANDSTILL_ENDS + " "))
        if safe is not None:
            return _(_STANDSTILL_ENDS) + " " + _(_SAFE_END) % safe.groupdict()
    planned = _PLANNED_PATTERN.fullmatch(what)
    if planned is not None:
        return _(_PLANNED) % {"milestone": _milestone(planned["milestone"], lang),
                              "plan": planned["plan"]}
    return what


def _pattern(template: str) -> re.Pattern[str]:
    """A pattern matching ``template`` with its ``%(name)s`` placeholders filled in, as named groups."""
    parts = re.split(r"%\((\w+)\)s", template)
    return re.compile("".join(f"(?P<{part}>.+?)" if i % 2 else re.escape(part)
                              for i, part in enumerate(parts)))


_SAFE_PATTERN = _pattern(_SAFE_END)
_PLANNED_PATTERN = _pattern(_PLANNED)


def _milestone(name: str, lang: str) -> str:
    """A milestone as a reader knows it in ``lang``; one the library does not name as it is."""
    known = MILESTONE_NAMES.get(name)
    return name if known is None else translations(lang).gettext(known)


def _since(intervals: Sequence[tuple[dt.date, dt.date | None, str]], on: dt.date) -> dt.date | None:
    for start, end, _state in intervals:
        if start <= on and (end is None or on <= end):
            return start
    return None


def _expected(intervals: Sequence[tuple[dt.date, dt.date | None, Phase | SegmentState]],
              on: dt.date) -> ExpectedState | None:
    """The first interval starting after ``on``: what the record known on ``on`` implies next
    (a delayed transition, such as a standstill's end)."""
    found = next_interval(intervals, on)
    return None if found is None else ExpectedState(found[1], found[0])


def _inferred(proc: Procedure, seg: str) -> str | None:
    """Why the final award of ``seg`` is an assumption, when a contract showed it."""
    for event in proc.inferred_events:
        if seg in proc.segments_of(event):
            return event.source
    return None


def _exemption(proc: Procedure, seg: str) -> StandstillExemption | None:
    """The ground of Aw 2012 art. 2.127 lid 4 of the segment's latest award decision, if any."""
    decisions = [e for e in proc.events if isinstance(e, AwardDecision) and seg in proc.segments_of(e)]
    return decisions[-1].standstill_exemption if decisions else None


def _text(day: dt.date | None) -> str | None:
    return None if day is None else day.isoformat()
