"""The ``achterhoek-inkoop`` command line.

Bad input ends in one line on stderr naming the value, and exit status 2;
never a traceback. The library itself never reads the clock: only the
command line defaults a date to today.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import sys
from collections.abc import Sequence
from functools import partial
from typing import TYPE_CHECKING

from .._exceptions import InkoopError
from .._i18n import translations
from .._text import N_, Text, in_lang
from ..calendar import LEGAL_SOURCE, RULEBOOKS, describe_day
from ._edit import add_edit_commands
from ._exports import add_export_commands
from ._files import STDIN_LABEL, STDIO, add_file_argument, check_output, read_procedure, write_output
from ._lang import add_lang_argument, lang_before_parsing, output_lang, violation_line
from ._minimum import add_minimum_command
from ._parser import CommandParser, one_line
from ._portfolio import add_portfolio_command
from ._report import add_report_command
from ._shown import shell_command, shown_name
from ._stdio import escaping_streams, finish_output, pipe_closed
from ._today import today

if TYPE_CHECKING:
    from ..calendar import StandstillPeriod

# Each command imports what it runs on when it runs (start-up: ``deadline`` never imports pydantic
# or ``transitions``; tests/cli/test_startup.py checks it), so the imports are in the functions.

__all__ = ["main"]

PROG = "achterhoek-inkoop"


#: Python's reasons for a date it refuses (the same in 3.11 to 3.13), marked so that the Dutch
#: message gives them in Dutch; another reason is shown as Python gives it.
_DATE_REASONS = frozenset({N_("month must be in 1..12"), N_("day is out of range for month"),
                           N_("year 0 is out of range")})


def _iso_date(text: str, lang: str = "en") -> dt.date:
    """A YYYY-MM-DD date option; the error in ``lang`` (the parser's), as argparse shows it."""
    # date.fromisoformat also takes '20220314' and week dates; the help promises YYYY-MM-DD.
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        raise argparse.ArgumentTypeError(in_lang(Text("%(value)s is not a date in the form YYYY-MM-DD",
                                                      value=repr(text)), lang))
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        reason = Text(str(exc)) if str(exc) in _DATE_REASONS else str(exc)
        raise argparse.ArgumentTypeError(in_lang(Text("%(value)s is not a valid date YYYY-MM-DD (%(reason)s)",
                                                      value=repr(text), reason=reason), lang)) from None


def _days(text: str, lang: str = "en") -> int:
    """A number of days, at least 1; the error in ``lang``."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(in_lang(Text("%(value)s is not a whole number of days",
                                                      value=repr(text)), lang)) from None
    if value < 1:
        raise argparse.ArgumentTypeError(in_lang(Text("%(value)s must be a whole number of days, at least 1",
                                                      value=repr(text)), lang))
    return value


def _version(lang: str) -> str:
    """The installed version of the package (the one ``pip`` reports)."""
    import importlib.metadata  # slow to import (email, zipfile): only for --version

    try:
        return importlib.metadata.version("achterhoek_inkoop")
    except importlib.metadata.PackageNotFoundError:  # a source tree that was never installed
        return translations(lang).gettext("(version unknown: not installed)")


class _VersionAction(argparse.Action):
    """``--version``: argparse's version action, but the version is looked up only when asked."""

    def __init__(self, option_strings: Sequence[str], dest: str = argparse.SUPPRESS, *, lang: str,
                 help: str | None = None) -> None:
        super().__init__(option_strings, dest=dest, default=argparse.SUPPRESS, nargs=0, help=help)
        self.lang = lang

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace, values: object,
                 option_string: str | None = None) -> None:
        sys.stdout.write(f"{parser.prog} {_version(self.lang)}\n")
        parser.exit()


def _parser(lang: str = "en", command: str | None = None) -> CommandParser:
    """The command line's parser: every command and option, its help and its errors in ``lang``.

    Help texts may use argparse's own placeholders (``%(default)s``, ``%(choices)s``), which it
    fills in when it shows them. ``command``, when given, is the command that will run: the event
    types of ``add`` (read from the event models) are then made only for ``add``.
    """
    _ = translations(lang).gettext
    iso_date = partial(_iso_date, lang=lang)
    parser = CommandParser(
        prog=PROG, lang=lang,
        description=_("Where a procurement stands, what is allowed in it, and when its deadlines fall."),
    )
    parser.add_argument("--version", action=_VersionAction, lang=lang,
                        help=_("print the version of achterhoek_inkoop and exit"))
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    deadline = commands.add_parser(
        "deadline",
        help=_("the Alcatel standstill after an award decision, and why it ends when it does"),
        description=_("The Alcatel standstill (%(source)s) after an award decision.") % {
            "source": LEGAL_SOURCE},
    )
    deadline.add_argument("--sent", type=iso_date, required=True, metavar="DATE",
                          help=_("the date the award decision was sent (YYYY-MM-DD)"))
    deadline.add_argument("--days", type=partial(_days, lang=lang), metavar="N",
                          help=_("length of the standstill in calendar days (default: the rulebook's, "
                                 "20 under the Aw)"))
    deadline.add_argument("--rulebook", choices=RULEBOOKS, default=RULEBOOKS[0],
                          help=_("the rulebook (default %(default)s; eu-minimum: the Remedies Directive)"))
    deadline.add_argument("--not-electronic", action="store_true",
                          help=_("the decision was not sent electronically (eu-minimum: 15 days, not 10)"))
    deadline.add_argument("--no-atw", action="store_true",
                          help=_("do not apply the Algemene termijnenwet (the older strict reading)"))
    deadline.add_argument("--json", action="store_true", help=_("print JSON instead of text"))
    add_lang_argument(deadline, lang, N_("the text (not the JSON)"))
    deadline.set_defaults(run=_run_deadline)
    add_minimum_command(commands, iso_date, lang)
    add_edit_commands(commands, iso_date, lang, event_types=command in (None, "add"))
    add_report_command(commands, iso_date, lang)
    add_portfolio_command(commands, iso_date, lang)
    add_export_commands(commands, iso_date, lang)

    stat = commands.add_parser(
        "status", help=_("where a procedure stands on a date, as known on that date"),
        description=_("Phase, segments, plan against actual, next deadlines, as known at the end of "
                      "DATE: events after it and plans published after it are left out, and what "
                      "lies ahead is marked expected."))
    add_file_argument(stat, lang)
    stat.add_argument("--on", type=iso_date, metavar="DATE",
                      help=_("the date, as known at its end (default: today)"))
    stat.add_argument("--baseline", metavar="PLAN",
                      help=_("plan id to measure slip against (a plan published by DATE)"))
    stat.add_argument("--json", action="store_true", help=_("print JSON instead of text"))
    add_lang_argument(stat, lang, N_("the text (not the JSON)"))
    stat.set_defaults(run=_run_status)

    check = commands.add_parser("check", help=_("list the rules a procedure file breaks"),
                                description=_("Exit 1 when there are violations, 2 for bad input."))
    add_file_argument(check, lang, optional=False)
    check.add_argument("--json", action="store_true", help=_("print JSON instead of text"))
    add_lang_argument(check, lang, N_("the messages (not the JSON)"))
    check.set_defaults(run=_run_check)

    diagram = commands.add_parser("diagram", help=_("print the state machines as Mermaid"))
    diagram.add_argument("--machine", choices=("phases", "segment"),
                         help=_("only this machine (default: both)"))
    diagram.set_defaults(run=_run_diagram)

    new = commands.add_parser("new", help=_("start a new procedure file from a template"))
    new.add_argument("file", help=_("the file to create"))
    new.add_argument("--force", action="store_true", help=_("overwrite an existing file"))
    add_lang_argument(new, lang)
    new.set_defaults(run=_run_new)

    schema = commands.add_parser("schema", help=_("print the JSON Schema of procedure files"))
    schema.set_defaults(run=_run_schema)
    return parser


def _run_status(args: argparse.Namespace) -> int:
    from ..exports import format_status

    proc = read_procedure(args.file)
    # A command line defaults to today (in Amsterdam); the library never reads the clock.
    on = args.on or today()
    found = proc.status(on, baseline=args.baseline)
    print(json.dumps(found.to_dict(), indent=2, ensure_ascii=False) if args.json
          else format_status(found, lang=output_lang(args)))
    return 0


def _run_check(args: argparse.Namespace) -> int:
    found = read_procedure(args.file).check()
    lang = output_lang(args)
    _ = translations(lang).gettext
    if args.json:
        print(json.dumps([v.to_dict() for v in found], indent=2, ensure_ascii=False))
    elif not found:
        shown = STDIN_LABEL if args.file == STDIO else shown_name(args.file)
        print(_("%(file)s: no violations") % {"file": shown})
    else:
        for v in found:
            print(violation_line(v, lang))
        errors = sum(v.severity == "error" for v in found)
        print(_("%(errors)s error(s), %(warnings)s warning(s)") % {
            "errors": errors, "warnings": len(found) - errors})
    return 1 if found else 0


def _run_diagram(args: argparse.Namespace) -> int:
    from ..lifecycle import mermaid_diagram

    print(mermaid_diagram(args.machine))
    return 0


def _run_new(args: argparse.Namespace) -> int:
    from pathlib import Path

    from ..procedure import Procedure
    from ..record import SCHEMA_FILE, procedure_template, write_schema_beside

    _ = translations(output_lang(args)).gettext
    check_output(args.file, (), force=args.force)
    if args.file == STDIO:  # the template alone, to stdout: no schema beside it
        write_output(STDIO, Procedure(procedure_template()).to_json(), force=args.force)
        return 0
    # The file names its JSON Schema, written beside it, so an editor checks it while it is typed.
    data = procedure_template().model_copy(update={"schema_url": SCHEMA_FILE})
    # Without --force the file is created exclusively: of two `new` at once, one is refused.
    write_output(args.file, Procedure(data).to_json(), force=args.force)
    # The schema is the same text for every file of a version: ours is written again (the version
    # installed), another file of that name is kept; neither is an error.
    target = Path(args.file)
    schema = write_schema_beside(target)
    then = {"file": shown_name(target), "command": shell_command(PROG, "check", args.file)}
    print(_("wrote %(file)s and its JSON Schema %(schema)s: edit it, then run: %(command)s")
          % {**then, "schema": shown_name(schema)} if schema is not None else
          _("wrote %(file)s (kept %(schema)s: it is not our schema): edit it, then run: %(command)s")
          % {**then, "schema": shown_name(target.with_name(SCHEMA_FILE))})
    return 0


def _run_schema(args: argparse.Namespace) -> int:
    from ..record import schema_text

    sys.stdout.write(schema_text())
    return 0


def format_standstill(period: StandstillPeriod, lang: str = "en") -> str:
    """The standstill as text for an officer, in ``lang``: the period, its end, and why."""
    _ = translations(lang).gettext

    def day(value: dt.date) -> str:
        return describe_day(value, lang=lang)

    words = {"law": "Algemene termijnenwet"} if period.counting == "atw" else {
        "law": _("Regulation %(regulation)s") % {"regulation": "1182/71 art. 3"}}
    applied = (_("%(law)s applied") if period.atw else
               _("strict reading, %(law)s not applied")) % words
    book = "" if period.rulebook == RULEBOOKS[0] else _(", rulebook %(rulebook)s") % {
        "rulebook": period.rulebook}
    lines = [_("Alcatel standstill (%(source)s)%(rulebook)s, %(applied)s") % {
        "source": period.source, "rulebook": book, "applied": applied}]
    warning = period.warning_in(lang)
    if warning:
        lines.append(_("warning: %(warning)s") % {"warning": warning})
    lines += [
        _("  award decision sent   %(day)s") % {"day": day(period.sent)},
        _("  period                %(days)s days: %(start)s (day 1) to %(end)s (day %(days)s)") % {
            "days": period.days, "start": day(period.start), "end": day(period.nominal_end)},
        _("  standstill ends       %(day)s, 24:00") % {"day": day(period.end)},
        _("  final award from      %(day)s") % {"day": day(period.final_from)},
    ]
    if period.safe_end is not None and period.safe_final_from is not None:
        lines += [
            _("  safe end              %(day)s, 24:00 (under the usual pattern of the decrees: no "
              "decree is known for that year)") % {"day": day(period.safe_end)},
            _("  safe final award from %(day)s (the safe date to conclude the contract)") % {
                "day": day(period.safe_final_from)},
        ]
    if period.extensions:
        lines.append(_("  why the end moved"))
        lines += [f"    - {e.reason_in(lang)}" for e in period.extensions]
    elif period.not_extended:
        lines.append(_("  why                   %(why)s") % {"why": period.not_extended_in(lang)})
    notes = [note for note in period.notes_in(lang) if note != warning]
    if notes:
        lines.append(_("  notes"))
        lines += [f"    - {note}" for note in notes]
    return "\n".join(lines)


def _run_deadline(args: argparse.Namespace) -> int:
    from ..calendar import standstill_period

    period = standstill_period(args.sent, args.days, atw=not args.no_atw, rulebook=args.rulebook,
                               electronic=not args.not_electronic)
    if args.json:
        print(json.dumps(period.to_dict(), indent=2, ensure_ascii=False))
    else:
        print(format_standstill(period, output_lang(args)))
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``); return the exit status.

    0: done; 1: the answer is "no" (violations, a refused event); 2: bad input or a file that
    cannot be read or written (one line on stderr); 141: the reader of stdout closed the pipe.
    """
    escaping_streams()
    try:
        try:
            return _main(argv)
        finally:
            finish_output()  # a closed pipe is met here, not in the interpreter's flush at exit
    except BrokenPipeError:
        # The reader stopped reading (``| head``): not an error of ours; quiet, as Unix tools are.
        return pipe_closed()


def _main(argv: Sequence[str] | None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    # The language is known before parsing: the help and the argument errors are in it too.
    lang = lang_before_parsing(argv, os.environ)
    parser = _parser(lang, command=next((a for a in argv if not a.startswith("-")), None))
    args = parser.parse_args(argv)
    for name, value in vars(args).items():
        # Python 3.11's argparse stores [] for "--opt=--" without calling the option's type.
        if value == []:  # an option of several values (import's FILE..., add's --segments) has one
            parser.error(translations(lang).gettext("argument %(argument)s: expected one value, got none")
                         % {"argument": name})
    try:
        code: int = args.run(args)
    except BrokenPipeError:
        raise  # an OSError, but not an error: main ends quietly
    except (InkoopError, OSError) as exc:
        lang = output_lang(args)
        message = exc.message_in(lang) if isinstance(exc, InkoopError) else str(exc)
        label = translations(lang).gettext("error")
        print(f"{PROG} {args.command}: {label}: {one_line(message)}", file=sys.stderr)
        return 2
    return code


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
