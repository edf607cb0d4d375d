"""The rules of a procurement: each with an id, its source, and officer-readable messages.

A broken rule is data, a :class:`Violation`; :class:`RuleViolation` is the
exception ``Procedure.record`` raises with those data when it refuses an
event. Rules whose legal basis is unconfirmed are warnings and say so: they
are never the only basis of a refusal. A rule's ``source`` is a citation: each
``;``-separated part starts with a key of ``achterhoek_inkoop.sources()``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from .._exceptions import InkoopError
from .._html import table
from .._i18n import N_, check_lang, translations

__all__ = [
    "RULES",
    "Rule",
    "RuleViolation",
    "Severity",
    "Violation",
    "Violations",
    "join_segments",
    "severity_text",
    "violation",
    "violations_html",
]

Severity = Literal["error", "warning"]


@dataclass(frozen=True, slots=True)
class Rule:
    """A rule: ``id``, the Dutch ``term`` it is about, what it requires, and its ``source``.

    ``requirement`` is the English; :meth:`requirement_in` gives it in Dutch too.
    """

    id: str
    term: str
    requirement: str
    source: str
    severity: Severity

    def requirement_in(self, lang: str) -> str:
        """What the rule requires, in ``lang`` (``"nl"`` or ``"en"``).

        >>> RULES["gemeente-perceel"].requirement_in("en")
        'A municipality takes part only in the segments it joined.'
        """
        return translations(lang).gettext(self.requirement)


_RULE_LIST = (
    Rule("dialoog-tijdens-aanbesteding", "dialoog",
         N_("No dialogue activity (Gesprekstafel, kennissessie, Bestuurlijk Overleg) while a segment "
            "it concerns is in the aanbesteding or in an award that is not yet final."),
         "SDA 2020-11-24: during the tender 'op basis van de aanbestedingsregels helaas geen dialoog "
         "mogelijk', 'vanaf 1 april 2021' (equal treatment and transparency)", "error"),
    Rule("definitieve-gunning-voor-einde-standstill", "Alcatel-termijn",
         N_("The award becomes final (definitieve gunning) only after the standstill has ended."),
         "Aw 2012 art. 2.127 lid 1; Aw 2012 art. 2.127 lid 2", "error"),
    Rule("definitieve-gunning-tijdens-kort-geding", "kort geding",
         N_("No final award while a kort geding about it is pending (practice and case law; "
            "the statutory basis is unconfirmed, so this is a warning)."),
         "Aw 2012 art. 2.127 (that a kort geding extends the standstill rests on practice and "
         "case law; the statutory basis is unconfirmed)", "warning"),
    Rule("kort-geding-na-standstill", "kort geding",
         N_("A kort geding started after the standstill does not suspend the final award."),
         "ECLI:NL:RBGEL:2025:5590 (a kort geding started after the final award, rejected: "
         "the objections came too late, as in the Grossmann line of case law)", "warning"),
    Rule("uitspraak-zonder-kort-geding", "kort geding",
         N_("A ruling in kort geding decides a kort geding in the record: record the kort geding it "
            "decides (a ruling recorded first is kept, and counts once its kort geding is recorded)."),
         "Aw 2012 art. 2.127 (a kort geding in the standstill holds the award until the ruling)",
         "warning"),
    Rule("hoger-beroep-zonder-vonnis", "hoger beroep",
         N_("An appeal (hoger beroep) is against a ruling in the record: record the ruling in kort "
            "geding it appeals (an appeal recorded first is kept, and counts once its ruling is recorded)."),
         "Rv art. 332 (appeal lies against a judgment of the court, a ruling in kort geding "
         "included)", "warning"),
    Rule("standstill-minimum", "Alcatel-termijn",
         N_("The standstill lasts at least the days the procedure's rulebook sets (aw2012: 20 "
            "calendar days)."),
         "Aw 2012 art. 2.127 lid 3; Richtlijn 2007/66/EG art. 2a lid 2", "error"),
    Rule("minimumtermijn", "minimumtermijn",
         N_("The time limit for receipt of tenders, or of requests to participate, is at least the "
            "minimum period the procedure's rulebook sets for its type (a violation cites the "
            "articles applied)."),
         "Aw 2012 art. 2.71; Aw 2012 art. 2.72; Aw 2012 art. 2.74; Aw 2012 art. 2.74a; "
         "Richtlijn 2014/24/EU art. 27; Richtlijn 2014/24/EU art. 28; Richtlijn 2014/24/EU art. 53",
         "error"),
    Rule("minimumtermijn-onzeker", "minimumtermijn",
         N_("A time limit that keeps the minimum period only on a reading that is not confirmed: a "
            "figure of the rulebook no official text was seen for, an end on a day off that the Atw "
            "(or Regulation 1182/71) may extend, or a fact the record does not give."),
         "Aw 2012 art. 2.71; Atw art. 1; Verordening 1182/71 art. 3", "warning"),
    Rule("contractduur-maximum", "contractduur",
         N_("A contract, with every extension, runs no longer than the maximum the procedure declares."),
         "SDA 2022-03-14: 'maximaal 7 jaar'; Aw 2012 art. 2.140 "
         "(framework agreements: at most 4 years save well-founded exceptions)", "error"),
    Rule("aanmelding-te-laat", "aanmelding Bestuurlijk Overleg",
         N_("A registration for the Bestuurlijk Overleg dated on or after the deadline is late."),
         "SDA 2020-11-24: 'vóór 7 december 2020'", "error"),
    Rule("delegatie-afspiegeling", "afvaardiging",
         N_("The delegation represents Jeugdhulp, Wmo and Beschermd Wonen."),
         "SDA 2020-11-24: 'werkbare afspiegeling'", "warning"),
    Rule("delegatie-omvang", "afvaardiging",
         N_("The delegations registered for one Bestuurlijk Overleg add up to no more than the total "
            "the procedure sets (a registration without a meeting date counts for every meeting)."),
         "SDA 2020-11-24: 'werkbare afvaardiging', more than 300 providers in one meeting "
         "'zal niet erg werkbaar zijn'", "warning"),
    Rule("gemeente-perceel", "perceel",
         N_("A municipality takes part only in the segments it joined."),
         "SDA 2022-03-14: Oude IJsselstreek 'alleen voor de onderdelen Gezins- en Woonvormen "
         "en Wonen'", "error"),
    Rule("volgorde", "volgorde",
         N_("Events come in a sensible order: a tender before its award decision, an award "
            "decision before its final award, a final award before the contract."),
         "Aw 2012 art. 2.127 lid 1 (the contract intended by the award decision is concluded after "
         "the standstill)", "error"),
)

#: Every rule the library checks, by id.
RULES: dict[str, Rule] = {rule.id: rule for rule in _RULE_LIST}


@dataclass(frozen=True, slots=True)
class Violation:
    """A broken rule, as data: which ``rule``, how bad, on which date, about what, and why.

    ``subject`` is a segment id, a municipality id, an organisation, or
    ``"procedure"``; ``message`` is a sentence for a procurement officer, in
    English, and ``message_nl`` the same in Dutch (rendered both when the
    violation is found; left out, it is the English). :meth:`message_in`
    picks one.
    """

    rule: str
    severity: Severity
    on: dt.date
    subject: str
    message: str
    source: str
    message_nl: str = ""

    def __post_init__(self) -> None:
        if not self.message_nl:
            object.__setattr__(self, "message_nl", self.message)

    def message_in(self, lang: str) -> str:
        """The message in ``lang`` (``"nl"`` or ``"en"``)."""
        return self.message_nl if check_lang(lang) == "nl" else self.message

    def severity_in(self, lang: str) -> str:
        """The severity as a person reads it in ``lang`` (:func:`severity_text`)."""
        return severity_text(self.severity, lang)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data, the date as ISO text."""
        return {"rule": self.rule, "severity": self.severity, "on": self.on.isoformat(),
                "subject": self.subject, "message": self.message, "source": self.source}


class Violations(list[Violation]):
    """The list ``Procedure.check`` returns: a plain list that also displays as a table in Jupyter."""

    def to_html(self, *, lang: str = "en") -> str:
        """The violations as an HTML table in ``lang`` (``"nl"`` or ``"en"``): :func:`violations_html`."""
        return violations_html(self, lang=lang)

    def _repr_html_(self) -> str:
        return self.to_html()

    @property
    def errors(self) -> list[Violation]:
        """The violations with severity ``error``."""
        return [v for v in self if v.severity == "error"]

    @property
    def warnings(self) -> list[Violation]:
        """The violations with severity ``warning``."""
        return [v for v in self if v.severity == "warning"]


def violation(rule_id: str, on: dt.date, subject: str, message: str, source: str | None = None, *,
              message_nl: str = "") -> Violation:
    """A :class:`Violation` of the rule ``rule_id`` with its severity and source filled in
    (``source``: the articles this violation rests on, where the rule's are several;
    ``message_nl``: the message in Dutch, the English when left out)."""
    rule = RULES[rule_id]
    return Violation(rule.id, rule.severity, on, subject, message, source or rule.source, message_nl)


class RuleViolation(InkoopError):
    """``Procedure.record`` refused an event: it breaks the rules in ``violations``."""

    def __init__(self, violations: list[Violation]) -> None:
        self.violations = violations
        super().__init__(self.message_in("en"))

    def message_in(self, lang: str) -> str:
        """The first violation's message in ``lang``, with the others counted."""
        first = self.violations[0]
        others = len(self.violations) - 1
        more = " " + translations(lang).gettext("(and %(count)s more)") % {"count": others} if others else ""
        return f"[{first.rule}] {first.message_in(lang)}{more}"


#: The severities as a table shows them, translated where rendered.
_SEVERITIES = {"error": N_("error"), "warning": N_("warning")}


def severity_text(severity: Severity, lang: str) -> str:
    """``severity`` as a person reads it in ``lang``: ``error``, ``warning``; ``fout``, ``waarschuwing``.

    >>> severity_text("warning", "en")
    'warning'
    """
    return translations(lang).gettext(_SEVERITIES[severity])


def violations_html(violations: Sequence[Violation], *, lang: str = "en") -> str:
    """The violations as a table in ``lang`` (``"nl"`` or ``"en"``), or a sentence when there are none.

    >>> violations_html([], lang="en")
    '<p>No rule is broken.</p>'
    """
    _ = translations(lang).gettext
    if not violations:
        return "<p>" + _("No rule is broken.") + "</p>"
    rows = [(v.on, v.severity_in(lang), v.rule, v.subject, v.message_in(lang), v.source)
            for v in violations]
    headers = [_("date"), _("severity"), _("rule"), _("subject"), _("message"), _("source")]
    return table(headers, rows, _("%(count)s violation(s)") % {"count": len(violations)})


def join_segments(found: Sequence[tuple[Violation, int]], segments: Sequence[str]) -> list[Violation]:
    """The violations of ``found``, the same violation of one event for several segments once,
    its subject the segments joined (``"wmo-wonen, gezins-en-woonvormen"``).

    One mistyped date of an award decision for four segments is one mistake:
    it is reported once, not four times. Violations are the same when they
    have one event, rule, severity, date and source, and their messages in
    both languages differ only in the segment they name.
    """
    groups: dict[tuple[object, ...], list[Violation]] = {}
    for v, index in found:
        key: tuple[object, ...] = (id(v),)
        if v.subject in segments:
            key = (index, v.rule, v.severity, v.on, v.source,
                   *(text.replace(v.subject, "\0") for text in (v.message, v.message_nl)))
        groups.setdefault(key, []).append(v)
    return [_joined(group) for group in groups.values()]


def _joined(group: list[Violation]) -> Violation:
    first = group[0]
    if len(group) == 1:
        return first
    subject = ", ".join(v.subject for v in group)
    return dataclasses.replace(first, subject=subject,
                               message=first.message.replace(first.subject, subject),
                               message_nl=first.message_nl.replace(first.subject, subject))
