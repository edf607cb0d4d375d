"""The ``minimum`` command: the minimum period for a procedure's deadline, as an officer reads it."""

from __future__ import annotations

import argparse
import json
from typing import Any

from ..calendar import RULEBOOKS, MinimumPeriod, ProcedureType, describe_day, minimum_period

__all__ = ["add_minimum_command", "format_minimum"]


def add_minimum_command(commands: argparse._SubParsersAction[Any], iso_date: object) -> None:
    """Add ``minimum`` to the command line's subcommands; ``iso_date`` parses a YYYY-MM-DD date."""
    minimum = commands.add_parser(
        "minimum", help="the minimum period for the deadline for tenders or requests, by procedure type",
        description="The first lawful deadline for tenders (or requests to participate) after the "
                    "notice was sent, with every article applied, from a rulebook.")
    minimum.add_argument("--type", required=True, choices=[t.value for t in ProcedureType],
                         metavar="TYPE",
                         help="the procedure type: " + ", ".join(t.value for t in ProcedureType))
    minimum.add_argument("--notice-sent", type=iso_date, required=True, metavar="DATE",
                         help="the date the notice (for niet_openbaar tenders: the invitation) was sent")
    minimum.add_argument("--stage", choices=("tenders", "requests"),
                         help="deadline for tenders or for requests to participate (default: requests "
                              "where the procedure has a pre-selection, else tenders)")
    electronic = minimum.add_mutually_exclusive_group()
    electronic.add_argument("--electronic-submission", dest="electronic_submission", action="store_true",
                            default=True, help="tenders may be submitted electronically (the default)")
    electronic.add_argument("--no-electronic-submission", dest="electronic_submission",
                            action="store_false", help="tenders may not be submitted electronically")
    minimum.add_argument("--no-free-access", action="store_true",
                         help="the documents are not freely accessible electronically")
    shorter = minimum.add_mutually_exclusive_group()
    shorter.add_argument("--accelerated", action="store_true", help="the accelerated (urgent) minimum")
    shorter.add_argument("--prior-information-notice", action="store_true",
                         help="the minimum after a prior information notice")
    minimum.add_argument("--rulebook", choices=RULEBOOKS, default=RULEBOOKS[0],
                         help=f"the rulebook (default {RULEBOOKS[0]})")
    minimum.add_argument("--json", action="store_true", help="print JSON instead of text")
    minimum.set_defaults(run=run_minimum)


def run_minimum(args: argparse.Namespace) -> int:
    found = minimum_period(
        args.type, args.notice_sent, stage=args.stage, electronic_submission=args.electronic_submission,
        free_access=not args.no_free_access, accelerated=args.accelerated,
        prior_information_notice=args.prior_information_notice, rulebook=args.rulebook)
    print(json.dumps(found.to_dict(), indent=2, ensure_ascii=False) if args.json else format_minimum(found))
    return 0


def format_minimum(found: MinimumPeriod) -> str:
    """The minimum period as text: the figure, the earliest deadline, the articles, and the caveats."""
    stage = "tenders" if found.stage == "tenders" else "requests to participate"
    sure = "" if found.confirmed else " (not confirmed)"
    kind = found.procedure_type.label.both
    lines = [f"Minimum period for {stage}: {kind}, rulebook {found.rulebook}{sure}"]
    sent = "invitation sent" if found.counted_from == "invitation" else "notice sent"
    lines.append(f"  {sent:<22}{describe_day(found.notice_sent)}")
    if found.days is None or found.earliest_deadline is None:
        lines.append("  minimum               none set by law")
    else:
        lines += [
            f"  minimum               {found.days} days",
            f"  earliest deadline     {describe_day(found.earliest_deadline)}",
        ]
        if found.extended_deadline is not None:
            lines.append(f"  if extended           {describe_day(found.extended_deadline)} (unconfirmed: "
                         "a deadline before it is only warned about)")
    lines.append("  articles")
    lines += [f"    - {a}" for a in found.articles]
    if found.notes:
        lines.append("  notes")
        lines += [f"    - {n}" for n in found.notes]
    return "\n".join(lines)
