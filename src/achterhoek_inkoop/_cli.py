"""The ``achterhoek-inkoop`` command line.

Bad input ends in one line on stderr naming the value, and exit status 2;
never a traceback. The library itself never reads the clock: only the
command line defaults a date to today.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Sequence
from typing import NoReturn

from ._exceptions import InkoopError
from ._periods import describe_day
from ._standstill import ALCATEL_DAYS, LEGAL_SOURCE, StandstillPeriod, standstill_period

__all__ = ["main"]

PROG = "achterhoek-inkoop"


class _Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one line, not a usage block."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message}\n")


def _iso_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"{text!r} is not a valid date YYYY-MM-DD ({exc})") from None


def _days(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of days") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text!r} must be a whole number of days, at least 1")
    return value


def _parser() -> _Parser:
    parser = _Parser(
        prog=PROG,
        description="Where a procurement stands, what is allowed in it, and when its deadlines fall.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    deadline = commands.add_parser(
        "deadline",
        help="the Alcatel standstill after an award decision, and why it ends when it does",
        description=f"The Alcatel standstill ({LEGAL_SOURCE}) after an award decision.",
    )
    deadline.add_argument("--sent", type=_iso_date, required=True, metavar="DATE",
                          help="the date the award decision was sent (YYYY-MM-DD)")
    deadline.add_argument("--days", type=_days, default=ALCATEL_DAYS, metavar="N",
                          help=f"length of the standstill in calendar days (default {ALCATEL_DAYS})")
    deadline.add_argument("--no-atw", action="store_true",
                          help="do not apply the Algemene termijnenwet (the older strict reading)")
    deadline.add_argument("--json", action="store_true", help="print JSON instead of text")
    deadline.set_defaults(run=_run_deadline)
    return parser


def format_standstill(period: StandstillPeriod) -> str:
    """The standstill as text for an officer: the period, its end, and why."""
    atw = "Algemene termijnenwet applied" if period.atw else (
        "strict reading, Algemene termijnenwet not applied"
    )
    lines = [
        f"Alcatel standstill ({LEGAL_SOURCE}), {atw}",
        f"  award decision sent   {describe_day(period.sent)}",
        f"  period                {period.days} days: {describe_day(period.start)} (day 1)"
        f" to {describe_day(period.nominal_end)} (day {period.days})",
        f"  standstill ends       {describe_day(period.end)}, 24:00",
        f"  final award from      {describe_day(period.final_from)}",
    ]
    if period.extensions:
        lines.append("  why the end moved")
        lines += [f"    - {e.reason}" for e in period.extensions]
    elif period.atw:
        lines.append(f"  why                   day {period.days} is a working day: no extension")
    if period.notes:
        lines.append("  notes")
        lines += [f"    - {note}" for note in period.notes]
    return "\n".join(lines)


def _run_deadline(args: argparse.Namespace) -> int:
    period = standstill_period(args.sent, args.days, atw=not args.no_atw)
    if args.json:
        print(json.dumps(period.to_dict(), indent=2, ensure_ascii=False))
    else:
        print(format_standstill(period))
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``); return the exit status."""
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        status: int = args.run(args)
    except InkoopError as exc:
        print(f"{PROG} {args.command}: error: {exc}", file=sys.stderr)
        return 2
    return status


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
