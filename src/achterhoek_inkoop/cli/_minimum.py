"""The ``minimum`` command: the minimum period for a procedure's deadline, as an officer reads it."""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING, Any

from .._i18n import translations
from .._text import N_
from ..calendar import RULEBOOKS, ProcedureType, describe_day
from ._lang import add_lang_argument, output_lang

if TYPE_CHECKING:
    from ..calendar import MinimumPeriod

__all__ = ["add_minimum_command", "format_minimum"]


def add_minimum_command(commands: argparse._SubParsersAction[Any], iso_date: object, lang: str) -> None:
    """Add ``minimum`` to the command line's subcommands, its help in ``lang``; ``iso_date`` parses a
    YYYY-MM-DD date."""
    _ = translations(lang).gettext
    minimum = commands.add_parser(
        "minimum", help=_("the minimum period for the deadline for tenders or requests, by procedure type"),
        description=_("The first lawful deadline for tenders (or requests to participate) after the "
                      "notice was sent, with every article applied, from a rulebook."))
    minimum.add_argument("--type", required=True, choices=[t.value for t in ProcedureType],
                         metavar="TYPE", help=_("the procedure type: %(choices)s"))
    minimum.add_argument("--notice-sent", type=iso_date, required=True, metavar="DATE",
                         help=_("the date the notice (for niet_openbaar tenders: the invitation) was sent"))
    minimum.add_argument("--stage", choices=("tenders", "requests"),
                         help=_("deadline for tenders or for requests to participate (default: requests "
                                "where the procedure has a pre-selection, else tenders)"))
    electronic = minimum.add_mutually_exclusive_group()
    electronic.add_argument("--electronic-submission", dest="electronic_submission", action="store_true",
                            default=True, help=_("tenders may be submitted electronically (the default)"))
    electronic.add_argument("--no-electronic-submission", dest="electronic_submission",
                            action="store_false", help=_("tenders may not be submitted electronically"))
    minimum.add_argument("--no-free-access", action="store_true",
                         help=_("the documents are not freely accessible electronically"))
    shorter = minimum.add_mutually_exclusive_group()
    shorter.add_argument("--accelerated", action="store_true", help=_("the accelerated (urgent) minimum"))
    shorter.add_argument("--prior-information-notice", action="store_true",
                         help=_("the minimum after a prior information notice"))
    minimum.add_argument("--rulebook", choices=RULEBOOKS, default=RULEBOOKS[0],
                         help=_("the rulebook (default %(default)s)"))
    minimum.add_argument("--json", action="store_true", help=_("print JSON instead of text"))
    add_lang_argument(minimum, lang, N_("the text (not the JSON)"))
    minimum.set_defaults(run=run_minimum)


def run_minimum(args: argparse.Namespace) -> int:
    from ..calendar import minimum_period  # the rulebooks' pydantic models: imported when it runs

    found = minimum_period(
        args.type, args.notice_sent, stage=args.stage, electronic_submission=args.electronic_submission,
        free_access=not args.no_free_access, accelerated=args.accelerated,
        prior_information_notice=args.prior_information_notice, rulebook=args.rulebook)
    print(json.dumps(found.to_dict(), indent=2, ensure_ascii=False) if args.json
          else format_minimum(found, output_lang(args)))
    return 0


def format_minimum(found: MinimumPeriod, lang: str = "en") -> str:
    """The minimum period as text in ``lang``: the figure, the earliest deadline, the articles, and
    the caveats."""
    _ = translations(lang).gettext
    stage = _("tenders") if found.stage == "tenders" else _("requests to participate")
    sure = "" if found.confirmed else _(" (not confirmed)")
    kind = found.procedure_type.label.both if lang == "en" else found.procedure_type.label.nl
    lines = [_("Minimum period for %(stage)s: %(type)s, rulebook %(rulebook)s%(sure)s") % {
        "stage": stage, "type": kind, "rulebook": found.rulebook, "sure": sure}]
    sent = _("invitation sent") if found.counted_from == "invitation" else _("notice sent")
    lines.append(f"  {sent:<21} {describe_day(found.notice_sent, lang=lang)}")
    if found.days is None or found.earliest_deadline is None:
        lines.append(_("  minimum               none set by law"))
    else:
        lines += [
            _("  minimum               %(days)s days") % {"days": found.days},
            _("  earliest deadline     %(day)s") % {"day": describe_day(found.earliest_deadline, lang=lang)},
        ]
        if found.extended_deadline is not None:
            lines.append(_("  if extended           %(day)s (unconfirmed: a deadline before it is only "
                           "warned about)") % {"day": describe_day(found.extended_deadline, lang=lang)})
    lines.append(_("  articles"))
    lines += [f"    - {a}" for a in found.articles]
    notes = found.notes_in(lang)
    if notes:
        lines.append(_("  notes"))
        lines += [f"    - {n}" for n in notes]
    return "\n".join(lines)
