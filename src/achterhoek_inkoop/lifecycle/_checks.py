"""Rules checked against the whole record once its timeline is known.

The machine finds what is out of order while it steps (``_timeline``); the
rules here need a finished timeline (is a segment in the tender on the day of
a dialogue?) or only the data (is a contract too long?).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Literal, cast

from dateutil.relativedelta import relativedelta

from .._exceptions import InvalidInputError
from .._i18n import N_, translations
from ..calendar._rulebook_index import standstill_rulebook
from ..record import (
    DIALOGUE_KIND_LABELS,
    DOMAIN_LABELS,
    AwardDecision,
    ClientTransfer,
    Contract,
    ContractExtension,
    DialogueActivity,
    Event,
    ProcedureData,
    Registration,
    TenderStart,
)
from ._declaration import LIFECYCLE
from ._messages import Gettext
from ._rules import Violation, violation
from ._timeline import ALLOWED, Timeline, segments_of

if TYPE_CHECKING:  # the minimum periods' module builds the rulebooks' models: imported when used
    from ..calendar import DeadlineJudgement, MinimumPeriod

__all__ = ["DIALOGUE_RULE", "CheckerSnapshot", "RecordChecker"]

DIALOGUE_RULE = "dialoog-tijdens-aanbesteding"
#: What :meth:`RecordChecker.restore` needs: the contracts, the day, its dialogues, the delegates.
CheckerSnapshot = tuple[dict[str, Contract], dt.date, int, dict[dt.date | None, int]]
_CLOSED = LIFECYCLE.where(closed_to_dialogue=True)
#: A message not yet in a language: called with a language's ``gettext``, it gives the text in it.
_Text = Callable[[Gettext], str]


def _found(rule_id: str, on: dt.date, subject: str, message: _Text | tuple[str, str],
           source: str | None = None) -> Violation:
    """The violation of ``rule_id`` with its message in English and in Dutch (``message``: rendered
    with each language's ``gettext``, or the two texts already made)."""
    english, dutch = (message if isinstance(message, tuple) else
                      (message(translations("en").gettext), message(translations("nl").gettext)))
    return violation(rule_id, on, subject, english, source, message_nl=dutch)


class RecordChecker:
    """Checks the events of one procedure in date order, remembering what later checks need.

    The dialogue rule reads the finished timeline at the event's date; a later
    event can change that day's states only if it falls on the same day, so
    :meth:`recheck_day` re-runs the dialogue checks of that day alone.

    The size of the Bestuurlijk Overleg adds up the registrations in date
    order, per meeting (``delegates``): a registration with a ``meeting`` date
    counts for that meeting; one without counts for every meeting, as the
    registration the invitation of 24-11-2020 asked for (one, before
    7 December, for the Bestuurlijk Overleg as a whole) did.
    """

    def __init__(self, data: ProcedureData) -> None:
        self.data = data
        self.contracts: dict[str, Contract] = {}
        self.dialogues_on: dict[dt.date, list[int]] = {}
        #: Members registered per meeting date (``None``: without a date, for every meeting).
        #: Replaced on each registration, never changed in place, so a snapshot need not copy it.
        self.delegates: dict[dt.date | None, int] = {}

    def snapshot(self, day: dt.date) -> CheckerSnapshot:
        """What :meth:`restore` needs to undo checking an event dated ``day``, the last day so far."""
        return dict(self.contracts), day, len(self.dialogues_on.get(day, ())), self.delegates

    def restore(self, snap: CheckerSnapshot) -> None:
        """Undo every :meth:`check` since ``snap`` was taken."""
        self.contracts, day, dialogues, self.delegates = snap
        if day in self.dialogues_on:
            del self.dialogues_on[day][dialogues:]

    def check(self, index: int, event: Event, timeline: Timeline) -> list[Violation]:
        """The violations of the event at ``index``, checked after every event before it."""
        data = self.data
        found: list[Violation] = []
        self.keep(index, event)
        if isinstance(event, DialogueActivity):
            found += _dialogue(data, timeline, event)
        elif isinstance(event, Registration):
            found += _registration(data, event)
            found += self._meeting_size(event)
        elif isinstance(event, Contract):
            found += _contract_duration(data, event)
        elif isinstance(event, ContractExtension):
            found += _extension(data, event, self.contracts)
        elif isinstance(event, AwardDecision):
            found += _standstill_length(data, event)
        elif isinstance(event, TenderStart):
            found += _minimum_periods(data, event)
        if isinstance(event, Contract | ClientTransfer):
            found += _municipalities(data, event)
        return found

    def keep(self, index: int, event: Event) -> None:
        """Keep what the checks of later events read of the event at ``index``: a dialogue's day,
        a registration's delegates added to its meeting's total, a contract as its segments' latest
        (a new dict each time: a snapshot keeps the old one)."""
        if isinstance(event, DialogueActivity):
            self.dialogues_on.setdefault(event.on, []).append(index)
        elif isinstance(event, Registration):
            meeting, delegates = event.meeting, self.delegates
            self.delegates = {**delegates, meeting: delegates.get(meeting, 0) + event.delegation_size}
        elif isinstance(event, Contract):
            for seg in segments_of(event, self.data.segment_ids):
                self.contracts[seg] = event

    def _meeting_size(self, event: Registration) -> list[Violation]:
        """A warning if a meeting's total, with ``event`` kept (:meth:`keep`), is too large."""
        limit = self.data.bestuurlijk_overleg.max_delegation_size
        if limit is None:
            return []
        return _meeting_size(event, self.delegates, limit)

    def recheck_day(
        self, day: dt.date, events: Sequence[Event], timeline: Timeline
    ) -> list[tuple[Violation, int]]:
        """The dialogue violations of ``day``, against the timeline as it is now."""
        return [
            (v, index)
            for index in self.dialogues_on.get(day, ())
            for v in _dialogue(self.data, timeline, cast(DialogueActivity, events[index]))
        ]


def _standstill_length(data: ProcedureData, event: AwardDecision) -> list[Violation]:
    """A standstill shorter than the rulebook's, set by the procedure or by this decision itself."""
    if event.outcome != "awarded" or event.standstill_exemption is not None:
        return []
    days, who = ((event.standstill_days, N_("The award decision")) if event.standstill_days is not None
                 else (data.standstill_days, N_("The procedure")))
    # The figures read lightly: a rulebook's models are built only for a minimum period.
    rule = standstill_rulebook(data.rulebook).standstill
    electronic = event.sent_electronically is not False
    minimum = rule.days if electronic else rule.days_not_electronic
    if days is None or days >= minimum:
        return []

    def message(_: Gettext) -> str:
        return _("%(who)s sets a standstill (Alcatel-termijn) of %(days)s days; rulebook %(rulebook)s "
                 "requires at least %(minimum)s calendar days (%(source)s; award decision of "
                 "%(day)s%(sent)s).") % {
            "who": _(who), "days": days, "rulebook": data.rulebook, "minimum": minimum,
            "source": rule.days_source, "day": event.on.isoformat(),
            "sent": "" if electronic else _(", sent by other than electronic means")}

    return [_found("standstill-minimum", event.on, "procedure", message)]


#: The deadlines of a tender start, and the stage of the procedure each closes.
_DEADLINES: tuple[tuple[str, Literal["tenders", "requests"], str], ...] = (
    ("deadline", "tenders", N_("time limit for receipt of tenders")),
    ("requests_deadline", "requests", N_("time limit for requests to participate")))


def _minimum_periods(data: ProcedureData, event: TenderStart) -> list[Violation]:
    """Each deadline of ``event`` against the minimum period of the procedure's type.

    What the record does not say (electronic submission, free access) is judged
    both ways, and so is a prior information notice it refers to (whether it
    met the conditions of the shorter period is not in the record): short on
    the reading most lenient to the authority is a violation; short only on the
    other a warning that names what was assumed. An accelerated procedure
    counts only where the record says so.
    """
    if data.procedure_type is None:
        return []
    from ..calendar import rulebook

    subject = ", ".join(segments_of(event, data.segment_ids))
    found = []
    for field, stage, label in _DEADLINES:
        deadline: dt.date | None = getattr(event, field)
        if deadline is None:
            continue
        try:
            lenient = _minimum(data, event, stage, lenient=True)
            strict = _minimum(data, event, stage, lenient=False)
        except InvalidInputError as exc:
            found.append(_found(
                "minimumtermijn-onzeker", event.on, subject, _not_judged(label, deadline, exc),
                rulebook(data.rulebook).source))
            continue
        found += _judged(event, subject, lenient, strict, deadline)
    return found


def _not_judged(label: str, deadline: dt.date, exc: InvalidInputError) -> _Text:
    def message(_: Gettext) -> str:
        return _("The %(deadline_label)s %(deadline)s is not judged against a minimum period: "
                 "%(field)s %(value)s %(problem)s.") % {
            "deadline_label": _(label), "deadline": deadline.isoformat(), "field": exc.field,
            "value": repr(exc.value), "problem": exc.problem}
    return message


def _minimum(data: ProcedureData, event: TenderStart, stage: Literal["tenders", "requests"], *,
             lenient: bool) -> MinimumPeriod:
    """The minimum for ``stage`` on the reading most (or least) lenient to the authority."""
    assert data.procedure_type is not None
    electronic = lenient if event.electronic_submission is None else event.electronic_submission
    free = lenient if event.free_access is None else event.free_access
    pin = lenient and bool(event.prior_information_notice)
    from ..calendar import minimum_period

    while True:
        try:
            return minimum_period(data.procedure_type, event.on, stage=stage, rulebook=data.rulebook,
                                  electronic_submission=electronic, free_access=free,
                                  accelerated=bool(event.accelerated), prior_information_notice=pin)
        except InvalidInputError:
            if not pin:
                raise
            # No shorter period after a prior information notice for this type and stage (or not
            # with an accelerated one): the notice it refers to changes nothing here.
            pin = False


def _judged(event: TenderStart, subject: str, lenient: MinimumPeriod, strict: MinimumPeriod,
            deadline: dt.date) -> list[Violation]:
    on = event.on
    cited = "; ".join(lenient.articles)
    judged = lenient.judge(deadline)
    if judged.message is not None and lenient.counted_from == "invitation":
        # Counted here from the notice, the only date the record gives; the law counts from the
        # invitation to tender, and lets the authority agree another period with the candidates.
        return [_found(
            "minimumtermijn-onzeker", on, subject,
            _judgement(judged, _fixed(N_(
                "The minimum counts from the invitation to tender, which the record does not give "
                "(here: from the notice), and the authority may have agreed another period with the "
                "selected candidates; see the rulebook's note."))),
            cited)]
    if judged.message is not None:
        rule = "minimumtermijn" if judged.severity == "error" else "minimumtermijn-onzeker"
        return [_found(rule, on, subject, _judgement(judged), cited)]
    otherwise = strict.judge(deadline)
    if otherwise.verdict != "short" or otherwise.message is None:
        return []
    assumed = [what for what, unsaid in (
        (N_("whether tenders could be submitted electronically"), event.electronic_submission is None),
        (N_("whether the documents were freely accessible"), event.free_access is None),
        (N_("whether the prior information notice it refers to met the conditions of the shorter "
            "period"), lenient.variant == "prior_information_notice")) if unsaid]

    def unsaid(_: Gettext) -> str:
        return _("The record does not say %(what)s: on the reading most lenient to the contracting "
                 "authority the deadline keeps the minimum.") % {
            "what": _(" or ").join(_(what) for what in assumed)}

    return [_found("minimumtermijn-onzeker", on, subject,
                   _judgement(otherwise, unsaid), "; ".join(strict.articles))]


def _fixed(text: str) -> _Text:
    """``text`` (marked with ``N_``), translated when the message is rendered."""
    return lambda gettext: gettext(text)


def _with(text: str, words: Mapping[str, object]) -> _Text:
    """``text`` (marked with ``N_``), translated when the message is rendered, ``words`` filled in."""
    return lambda gettext: gettext(text) % words


def _judgement(judged: DeadlineJudgement, then: _Text | None = None) -> tuple[str, str]:
    """The calendar's judgement of a deadline as a sentence, ``then`` after it: English, Dutch."""
    def sentence(lang: str) -> str:
        text = judged.message_in(lang)
        assert text is not None
        return _sentence(text) + ("" if then is None else " " + then(translations(lang).gettext))
    return sentence("en"), sentence("nl")


def _sentence(text: str) -> str:
    return text[0].upper() + text[1:] + ("" if text.endswith(".") else ".")


def _dialogue(data: ProcedureData, timeline: Timeline, event: DialogueActivity) -> list[Violation]:
    if timeline.dialogue.state_on(event.on) == ALLOWED:
        return []  # no segment is closed to dialogue that day (most dialogue: one lookup, not one each)
    states = [(seg, timeline.courses[seg].track.state_on(event.on))
              for seg in segments_of(event, data.segment_ids)]
    blocked = [(seg, state) for seg, state in states if state in _CLOSED]
    if not blocked:
        return []
    words = {"kind": DIALOGUE_KIND_LABELS[event.kind].nl, "day": event.on.isoformat(),
             "where": ", ".join(f"{seg} ({state.label.nl})" for seg, state in blocked)}

    def message(_: Gettext) -> str:
        if len(blocked) == 1:
            return _("The %(kind)s of %(day)s is dialogue while %(where)s is in the tender or an award "
                     "that is not yet final: no dialogue is allowed then; questions go in a Nota van "
                     "Inlichtingen.") % words
        return _("The %(kind)s of %(day)s is dialogue while %(where)s are in the tender or an award "
                 "that is not yet final: no dialogue is allowed then; questions go in a Nota van "
                 "Inlichtingen.") % words

    return [_found(DIALOGUE_RULE, event.on, ", ".join(seg for seg, _ in blocked), message)]


def _registration(data: ProcedureData, event: Registration) -> list[Violation]:
    settings = data.bestuurlijk_overleg
    found = []
    deadline = settings.registration_deadline
    if deadline is not None and event.on >= deadline:
        words = {"organisation": event.organisation, "day": event.on.isoformat(),
                 "deadline": deadline.isoformat()}
        found.append(_found(
            "aanmelding-te-laat", event.on, event.organisation,
            lambda _: _("The registration of %(organisation)s for the Bestuurlijk Overleg on %(day)s "
                        "is late: registrations were due before %(deadline)s.") % words,
        ))
    missing = [d for d in settings.required_domains if d not in event.domains]
    if missing:
        names = {"organisation": event.organisation,
                 "names": ", ".join(DOMAIN_LABELS[d].nl for d in missing)}
        found.append(_found(
            "delegatie-afspiegeling", event.on, event.organisation,
            lambda _: _("The delegation of %(organisation)s does not represent %(names)s: the branch "
                        "was asked for a delegation that reflects Jeugdhulp, Wmo and Beschermd "
                        "Wonen.") % names,
        ))
    return found


def _meeting_size(event: Registration, delegates: dict[dt.date | None, int], limit: int
                  ) -> list[Violation]:
    """The warning for ``event`` if, with it, the registrations for a meeting it counts for add
    up to more than ``limit``; ``delegates`` holds the totals with it, per meeting date."""
    undated = delegates.get(None, 0)
    totals: dict[dt.date | None, int]
    if event.meeting is not None:
        totals = {event.meeting: delegates[event.meeting] + undated}
    else:  # every meeting a registration names, or the Bestuurlijk Overleg as a whole
        totals = {day: size + undated for day, size in delegates.items() if day is not None}
        totals = totals or {None: undated}
    over = sorted((day or dt.date.min, size) for day, size in totals.items() if size > limit)
    if not over:
        return []
    size = event.delegation_size

    def message(_: Gettext) -> str:
        meetings = _(" and ").join(
            _("%(size)s members for the Bestuurlijk Overleg") % {"size": total} if day == dt.date.min
            else _("%(size)s members for the Bestuurlijk Overleg of %(day)s") % {
                "size": total, "day": day.isoformat()}
            for day, total in over)
        words = {"organisation": event.organisation, "size": size, "meetings": meetings,
                 "limit": limit,
                 "every": _(" (a registration without a meeting date counts for every meeting)")
                 if undated else ""}
        if size == 1:
            return _("With the registration of %(organisation)s (1 member), the delegations registered "
                     "add up to %(meetings)s: more than the %(limit)s this procedure sets as workable "
                     "for one meeting%(every)s.") % words
        return _("With the registration of %(organisation)s (%(size)s members), the delegations "
                 "registered add up to %(meetings)s: more than the %(limit)s this procedure sets as "
                 "workable for one meeting%(every)s.") % words

    return [_found("delegatie-omvang", event.on, event.organisation, message)]


def _contract_duration(data: ProcedureData, event: Contract) -> list[Violation]:
    subject = ", ".join(segments_of(event, data.segment_ids))
    found = []
    if not event.on <= event.initial_end <= event.max_end:
        dates = {"day": event.on.isoformat(), "initial_end": event.initial_end.isoformat(),
                 "max_end": event.max_end.isoformat()}
        found.append(_found(
            "volgorde", event.on, subject,
            lambda _: _("The contract of %(day)s has its dates out of order: it must start (%(day)s) "
                        "before its initial end (%(initial_end)s), and that must not be after its "
                        "maximum end (%(max_end)s).") % dates,
        ))
    limit = _last_allowed_day(event.on, data.max_contract_years)
    if limit is not None and event.max_end > limit:
        words = {"day": event.on.isoformat(), "max_end": event.max_end.isoformat(),
                 "years": data.max_contract_years, "limit": limit.isoformat()}
        found.append(_found(
            "contractduur-maximum", event.on, subject,
            lambda _: _("The contract from %(day)s may run until %(max_end)s: longer than the maximum "
                        "of %(years)s years (at most until %(limit)s).") % words,
        ))
    return found


def _last_allowed_day(start: dt.date, years: int | None) -> dt.date | None:
    """The last day a contract from ``start`` may run; None when no maximum can be passed.

    >>> _last_allowed_day(dt.date(2022, 7, 1), 7)
    datetime.date(2029, 6, 30)
    >>> _last_allowed_day(dt.date(9999, 1, 1), 7) is None    # past the last date there is
    True
    """
    if years is None:
        return None
    try:
        return start + relativedelta(years=years, days=-1)
    except (OverflowError, ValueError):
        return None


def _extension(
    data: ProcedureData, event: ContractExtension, contracts: dict[str, Contract]
) -> list[Violation]:
    if event.extended_to is None:
        return []
    found = []
    if event.extended_to < event.on:
        dates = {"day": event.on.isoformat(), "extended_to": event.extended_to.isoformat()}
        found.append(_found(
            "volgorde", event.on, ", ".join(segments_of(event, data.segment_ids)),
            lambda _: _("The extension decided on %(day)s runs to %(extended_to)s, a day already past: "
                        "an extension cannot end a contract before it was decided.") % dates,
        ))
    for seg in segments_of(event, data.segment_ids):
        contract = contracts.get(seg)
        if contract is not None and event.extended_to > contract.max_end:
            words = {"segment": seg, "extended_to": event.extended_to.isoformat(),
                     "max_end": contract.max_end.isoformat()}
            found.append(_found(
                "contractduur-maximum", event.on, seg,
                _with(N_("The extension of %(segment)s to %(extended_to)s goes past the contract's "
                         "maximum end %(max_end)s."), words),
            ))
    return found


def _municipalities(data: ProcedureData, event: Contract | ClientTransfer) -> list[Violation]:
    joined = {m.id: m.segments for m in data.municipalities}
    found = []
    for muni in event.municipalities or ():
        allowed = joined.get(muni)
        if allowed is None:
            continue
        outside = [s for s in segments_of(event, data.segment_ids) if s not in allowed]
        if outside:
            words = {"municipality": muni, "joined": ", ".join(sorted(allowed)),
                     "outside": ", ".join(outside)}
            found.append(_found(
                "gemeente-perceel", event.on, muni,
                _with(N_("%(municipality)s takes part only in %(joined)s, not in %(outside)s."), words),
            ))
    return found
