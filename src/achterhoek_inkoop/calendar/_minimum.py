"""Minimum periods for tenders and requests to participate, per procedure type, from a rulebook.

The law sets the shortest time an authority must give between sending a
notice (or an invitation to tender) and the deadline for tenders or requests.
:func:`minimum_period` takes the figure for the procedure type and stage from
a rulebook (:mod:`._rulebooks`), applies the reductions and extensions that
hold, and gives the first lawful deadline with every article it applied.

The minimum itself is never moved past a Saturday, Sunday or holiday: whether
the Atw (or Regulation 1182/71) extends a minimum period was not confirmed.
The date it would move to is given apart (``extended_deadline``), for a
warning only.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from html import escape
from typing import Any, Literal

from .. import _text
from .._exceptions import InvalidInputError
from .._html import table
from .._i18n import N_
from .._validate import check_date
from ._holidays import Calendar
from ._period_texts import _describe
from ._periods import Extension, Period, compute_period
from ._rulebooks import (
    STAGES,
    MinimumEntry,
    ProcedureType,
    Rulebook,
    Stage,
    Variant,
    check_procedure_type,
)
from ._rulebooks import rulebook as load_rulebook
from ._texts import Gettext, Text, both, both_all, gettext_for, pick

__all__ = ["DeadlineJudgement", "MinimumPeriod", "minimum_period"]

Verdict = Literal["ok", "short", "short_if_extended", "no_minimum"]


@dataclass(frozen=True, slots=True)
class DeadlineJudgement:
    """What a deadline is worth against a minimum period.

    ``verdict``: ``ok``; ``short`` (before the earliest lawful deadline);
    ``short_if_extended`` (on or after it, but before the date the counting
    rule would move it to: unconfirmed, so a warning); ``no_minimum`` (the law
    sets none, nothing to judge). ``severity`` is ``"error"`` for a short
    deadline under a confirmed minimum, ``"warning"`` where it rests on
    something unconfirmed, ``None`` otherwise; ``message`` says why, citing
    the articles, in English, and ``message_nl`` in Dutch (:meth:`message_in`).
    """

    deadline: dt.date
    verdict: Verdict
    severity: Literal["error", "warning"] | None
    message: str | None
    message_nl: str | None = None

    def message_in(self, lang: str) -> str | None:
        """``message`` in ``lang`` (``"en"`` or ``"nl"``); the English where no Dutch was made."""
        return None if self.message is None else pick(lang, self.message, self.message_nl)


@dataclass(frozen=True, slots=True)
class MinimumPeriod:
    """The minimum period for the ``stage`` deadline of a ``procedure_type`` procedure.

    ``days`` is the minimum after every reduction and extension (``None``
    where the law sets none); ``earliest_deadline`` is ``notice_sent + days``,
    the first lawful date for the deadline. ``extended_deadline`` is the date
    the rulebook's counting rule (``extended_by``: the Atw for ``aw2012``,
    Regulation 1182/71 art. 3 for ``eu-minimum``) would move it to where that
    day is a Saturday, Sunday or holiday: whether it applies to a minimum is
    unconfirmed, so a deadline before it may only be warned about (``None``
    when it is the same day). ``articles`` are the citations applied, the
    base figure first; ``confirmed`` is False when a figure used is not;
    ``counted_from`` says whether ``notice_sent`` is the notice's date or the
    invitation to tender's. ``notes`` are English; ``notes_nl`` the same in
    Dutch (:meth:`notes_in`), where a rulebook's own note stays as the
    rulebook writes it.
    """

    procedure_type: ProcedureType
    stage: Stage
    rulebook: str
    notice_sent: dt.date
    days: int | None
    earliest_deadline: dt.date | None
    extended_deadline: dt.date | None
    extended_by: tuple[Extension, ...]
    articles: tuple[str, ...]
    confirmed: bool
    notes: tuple[str, ...]
    counted_from: Literal["notice", "invitation"] = "notice"
    variant: Literal["standard", "accelerated", "prior_information_notice"] = "standard"
    notes_nl: tuple[str, ...] = ()

    def notes_in(self, lang: str) -> tuple[str, ...]:
        """``notes`` in ``lang`` (``"en"`` or ``"nl"``); the English where no Dutch was made."""
        if len(self.notes_nl) == len(self.notes):
            return tuple(pick(lang, en, nl) for en, nl in zip(self.notes, self.notes_nl, strict=True))
        return tuple(pick(lang, en, None) for en in self.notes)

    @property
    def atw_deadline(self) -> dt.date | None:
        """``extended_deadline`` under the name of the Atw, for the ``aw2012`` rulebook's readers."""
        return self.extended_deadline

    def judge(self, deadline: dt.date) -> DeadlineJudgement:
        """Whether ``deadline`` keeps the minimum period, and how sure that is.

        >>> m = minimum_period("openbaar", dt.date(2020, 2, 28))
        >>> m.judge(dt.date(2020, 4, 7)).verdict, m.judge(dt.date(2020, 4, 8)).verdict
        ('short', 'ok')
        """
        deadline = check_date("deadline", deadline, in_calendar=False)
        if self.days is None or self.earliest_deadline is None:
            return DeadlineJudgement(deadline, "no_minimum", None, None)
        days, earliest, sent, confirmed = self.days, self.earliest_deadline, self.notice_sent, self.confirmed
        stage, kind, book = _STAGE_WORDS[self.stage], self.procedure_type.label.nl, self.rulebook
        cited = "; ".join(self.articles)

        def what(_: Gettext) -> str:
            return _("the deadline for %(stage)s (%(type)s, rulebook %(rulebook)s) is %(deadline)s") % {
                "stage": _(stage), "type": kind, "rulebook": book, "deadline": deadline.isoformat()}
        if deadline < earliest:
            short = (earliest - deadline).days

            def too_short(_: Gettext) -> str:
                missing = (_("%(n)s day short") if short == 1 else _("%(n)s days short")) % {"n": short}
                sure = "" if confirmed else _(" (a figure used is unconfirmed)")
                return _("%(what)s, %(missing)s of the minimum of %(days)s days after %(sent)s: the "
                         "earliest lawful deadline is %(earliest)s (%(articles)s)%(sure)s") % {
                    "what": what(_), "missing": missing, "days": days, "sent": sent.isoformat(),
                    "earliest": earliest.isoformat(), "articles": cited, "sure": sure}
            en, nl = both(too_short)
            return DeadlineJudgement(deadline, "short", "error" if confirmed else "warning", en, nl)
        extended = self.extended_deadline
        if extended is not None and deadline < extended:
            rule = self.extended_by[0].article if self.extended_by else None

            def if_extended(_: Gettext) -> str:
                return _("%(what)s: it keeps the minimum of %(days)s days (%(articles)s), but the minimum "
                         "ends on %(earliest)s, and if %(rule)s extends a minimum period the earliest "
                         "deadline is %(extended)s (unconfirmed)") % {
                    "what": what(_), "days": days, "articles": cited, "earliest": _describe(_, earliest),
                    "rule": rule or _("the counting rule"), "extended": extended.isoformat()}
            en, nl = both(if_extended)
            return DeadlineJudgement(deadline, "short_if_extended", "warning", en, nl)
        return DeadlineJudgement(deadline, "ok", None, None)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data, dates as ISO text."""
        return {
            "procedure_type": self.procedure_type.value,
            "stage": self.stage,
            "rulebook": self.rulebook,
            "notice_sent": self.notice_sent.isoformat(),
            "counted_from": self.counted_from,
            "variant": self.variant,
            "days": self.days,
            "earliest_deadline": _iso(self.earliest_deadline),
            "extended_deadline": _iso(self.extended_deadline),
            "extended_by": [e.to_dict() for e in self.extended_by],
            "articles": list(self.articles),
            "confirmed": self.confirmed,
            "notes": list(self.notes),
        }

    def to_html(self, *, lang: str = "en") -> str:
        """The minimum period as an HTML table in ``lang`` (``"en"`` or ``"nl"``, else
        :class:`InvalidInputError`): the figure, the earliest deadline, the articles and the
        caveats; a notebook shows the English."""
        _ = gettext_for(lang)
        sent = _("the invitation to tender was sent") if self.counted_from == "invitation" else _(
            "the notice was sent")
        days = _("none") if self.days is None else _("%(days)s days") % {"days": self.days}
        rows: list[tuple[object, ...]] = [
            (_("sent"), self.notice_sent, sent),
            (_("minimum"), days, "; ".join(self.articles)),
            (_("earliest deadline"), self.earliest_deadline, _("the first lawful date for the deadline")),
        ]
        if self.extended_deadline is not None:
            reasons = "; ".join(e.reason_in(lang) for e in self.extended_by)
            rows.append((_("if extended"), self.extended_deadline,
                         _("%(reasons)s (unconfirmed: a warning only)") % {"reasons": reasons}))
        kind = self.procedure_type.label.both if lang == "en" else self.procedure_type.label.nl
        caption = _("Minimum period: %(type)s, %(stage)s, rulebook %(rulebook)s") % {
            "type": kind, "stage": _(_STAGE_WORDS[self.stage]), "rulebook": self.rulebook}
        if not self.confirmed:
            caption += _(" (not confirmed)")
        notes = "".join(f"<p>{escape(n)}</p>" for n in self.notes_in(lang))
        return table(["", _("date or days"), _("why")], rows, caption) + notes

    def _repr_html_(self) -> str:
        return self.to_html()


_STAGE_WORDS = {"tenders": N_("tenders"), "requests": N_("requests to participate")}


def _iso(day: dt.date | None) -> str | None:
    return None if day is None else day.isoformat()


def minimum_period(
    procedure_type: ProcedureType | str,
    notice_sent: dt.date,
    *,
    stage: Stage | None = None,
    electronic_submission: bool = True,
    free_access: bool = True,
    accelerated: bool = False,
    prior_information_notice: bool = False,
    rulebook: str | Rulebook = "aw2012",
    calendar: Calendar | None = None,
) -> MinimumPeriod:
    """The minimum period for the deadline of a procedure whose notice was sent on ``notice_sent``.

    Args:
        procedure_type: a :class:`ProcedureType` or its value, e.g. ``"openbaar"``.
        notice_sent: the date the notice was sent; for the tenders of a
            ``niet_openbaar`` procedure, the date the invitation to tender was sent.
        stage: ``"tenders"`` or ``"requests"`` (to participate); by default
            ``requests`` where the procedure has a pre-selection, else ``tenders``.
        electronic_submission: tenders may be submitted electronically (a
            reduction where the rulebook has one).
        free_access: the documents are freely accessible electronically
            (``False`` adds days where the rulebook says so).
        accelerated: the accelerated (urgent) figure.
        prior_information_notice: the figure after a prior information notice.
        rulebook: ``"aw2012"`` (the default) or ``"eu-minimum"``, or a :class:`Rulebook`.
        calendar: the calendar for ``extended_deadline``; the bundled one by default.

    Raises:
        InvalidInputError: an unknown procedure type, stage or rulebook; a
            ``notice_sent`` that is not a date; a stage the rulebook has no
            figure for (``requests`` of an open procedure); ``accelerated``
            or ``prior_information_notice`` where the rulebook has no such
            figure for that type and stage, or both at once.

    >>> import datetime as dt
    >>> m = minimum_period("openbaar", dt.date(2020, 2, 28))         # electronic submission
    >>> m.days, m.earliest_deadline, m.articles
    (40, datetime.date(2020, 4, 8), ('Aw 2012 art. 2.71', 'Aw 2012 art. 2.74a'))
    >>> e = minimum_period("openbaar", dt.date(2020, 2, 28), rulebook="eu-minimum")
    >>> e.days, e.earliest_deadline, e.extended_deadline    # 29 March 2020 is a Sunday
    (30, datetime.date(2020, 3, 29), datetime.date(2020, 3, 30))
    """
    book = load_rulebook(rulebook)
    kind = check_procedure_type(procedure_type)
    sent = check_date("notice_sent", notice_sent)
    for name, flag in (("electronic_submission", electronic_submission), ("free_access", free_access),
                       ("accelerated", accelerated), ("prior_information_notice", prior_information_notice)):
        if not isinstance(flag, bool):
            raise InvalidInputError(name, flag, _text.Text("must be True or False"))
    entries = book.entries(kind)
    entry, chosen = _entry(book, kind, entries, stage)
    if entry.days is None:
        shorter = (("accelerated", accelerated), ("prior_information_notice", prior_information_notice))
        for name, flag in shorter:
            if flag:
                raise InvalidInputError(name, flag, _text.Text(
                    "has no meaning for the procedure type %(type)s: the rulebook %(rulebook)s sets no "
                    "minimum period to shorten", type=kind.value, rulebook=book.name))
        said = entry.note

        def none(_: Gettext) -> str:
            if said:
                return _("No statutory minimum period: %(note)s") % {"note": said}
            return _("No statutory minimum period.")
        en, nl = both(none)
        return MinimumPeriod(kind, chosen, book.name, sent, None, None, None, (), (entry.source,),
                             entry.confirmed, (en,), notes_nl=(nl,))
    variant_name, variant = _variant(book, kind, entry, chosen, accelerated, prior_information_notice)
    days = variant.days
    articles = [variant.source]
    confirmed = variant.confirmed
    notes: list[Text] = [_as_written(n) for n in (entry.note, variant.note if variant_name != "standard"
                                                   else None) if n]
    used: set[str] = set()
    for adj in variant.adjustments:
        if (adj.when == "electronic_submission" and electronic_submission) or (
                adj.when == "no_free_access" and not free_access):
            days += adj.days
            articles.append(adj.source)
            confirmed = confirmed and adj.confirmed
            used.add(adj.when)
    if not free_access and "no_free_access" not in used:
        name, source = book.name, variant.source
        notes.append(lambda _: _("Without free electronic access to the documents the rulebook "
                                 "%(rulebook)s adds no days to this minimum (%(article)s).") % {
            "rulebook": name, "article": source})
    if variant.floor is not None and days < variant.floor:
        days = variant.floor
        articles.append(f"{variant.source} (never less than {variant.floor} days)")
    # The minimum itself is never moved; the counting rule's end is the extended deadline.
    moved = compute_period(Period, "notice_sent", sent, days, True, calendar,
                           counting=book.minimum_counting.counting)
    earliest = moved.nominal_end
    extended = moved.end if moved.end != earliest else None
    if extended is not None:
        why = book.minimum_counting.note or ""
        notes.append(lambda _: (_("%(day)s is not a working day.") % {"day": _describe(_, earliest)}
                                + f" {why}").rstrip())
    notes_en, notes_nl = both_all(notes)
    if extended is not None:
        # The coverage notes of the years counted in, in both languages, chosen by their English.
        kept = [(en, nl) for en, nl in zip(moved.notes, moved.notes_in("nl"), strict=True)
                if en.startswith(("No decree", "The decree"))]
        notes_en += tuple(en for en, _ in kept)
        notes_nl += tuple(nl for _, nl in kept)
    return MinimumPeriod(kind, chosen, book.name, sent, days, earliest, extended,
                         moved.extensions if extended else (), tuple(articles), confirmed, notes_en,
                         entry.counted_from, variant_name, notes_nl)


def _as_written(note: str) -> Text:
    """A rulebook's own note: data, the same in every language."""
    return lambda _: note


def _entry(book: Rulebook, kind: ProcedureType, entries: tuple[MinimumEntry, ...], stage: object
           ) -> tuple[MinimumEntry, Stage]:
    """The entry for ``stage`` (or the default stage) of ``kind``, else the library's error."""
    if stage is not None and stage not in STAGES:
        raise InvalidInputError("stage", stage,
                                _text.Text("must be 'tenders' or 'requests' (to participate)"))
    asked: Stage | None = "tenders" if stage == "tenders" else "requests" if stage == "requests" else None
    if len(entries) == 1 and entries[0].stage is None:
        return entries[0], asked or "tenders"
    stages = [e.stage for e in entries]
    if asked is None:
        asked = "requests" if "requests" in stages else "tenders"
    for entry in entries:
        if entry.stage == asked:
            return entry, asked
    words = [_text.Text(_STAGE_WORDS[s]) for s in stages if s is not None]
    has = words[0] if len(words) == 1 else " and ".join(words)  # one: the other stage is the one asked
    raise InvalidInputError("stage", stage, _text.Text(
        "has no minimum for the procedure type %(type)s in the rulebook %(rulebook)s: it has one for "
        "%(has)s only", type=kind.value, rulebook=book.name, has=has))


def _variant(book: Rulebook, kind: ProcedureType, entry: MinimumEntry, stage: Stage, accelerated: bool,
             prior: bool) -> tuple[Literal["standard", "accelerated", "prior_information_notice"], Variant]:
    if accelerated and prior:
        raise InvalidInputError("prior_information_notice", prior, _text.Text(
            "cannot be combined with accelerated: give one of the two"))
    no_figure = _text.Text("has no figure for the %(stage)s of the procedure type %(type)s in the rulebook "
                           "%(rulebook)s", stage=_text.Text(_STAGE_WORDS[stage]), type=kind.value,
                           rulebook=book.name)
    if accelerated:
        if entry.accelerated is None:
            raise InvalidInputError("accelerated", accelerated, no_figure)
        return "accelerated", entry.accelerated
    if prior:
        if entry.prior_information_notice is None:
            raise InvalidInputError("prior_information_notice", prior, no_figure)
        return "prior_information_notice", entry.prior_information_notice
    standard = entry.standard
    assert standard is not None
    return "standard", standard
