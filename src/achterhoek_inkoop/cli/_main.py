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
from ._ics_options import RECORD_STAMP, alarm_duration, export_stamp
from ._lang import add_lang_argument, lang_before_parsing, output_lang, violation_line
from ._minimum import add_minimum_command
from ._parser import CommandParser, one_line
from ._portfolio import add_portfolio_command
from ._report import add_report_command

if TYPE_CHECKING:
    from ..calendar import StandstillPeriod
    from ..procedure import Procedure

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


def _file_argument(command: argparse.ArgumentParser, lang: str) -> None:
    command.add_argument("file", nargs="?", help=translations(lang).gettext(
        "procedure file (default: the bundled Inkoop 2022)"))


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

    stat = commands.add_parser(
        "status", help=_("where a procedure stands on a date, as known on that date"),
        description=_("Phase, segments, plan against actual, next deadlines, as known at the end of "
                      "DATE: events after it and plans published after it are left out, and what "
                      "lies ahead is marked expected."))
    _file_argument(stat, lang)
    stat.add_argument("--on", type=iso_date, metavar="DATE",
                      help=_("the date, as known at its end (default: today)"))
    stat.add_argument("--baseline", metavar="PLAN",
                      help=_("plan id to measure slip against (a plan published by DATE)"))
    stat.add_argument("--json", action="store_true", help=_("print JSON instead of text"))
    add_lang_argument(stat, lang, N_("the text (not the JSON)"))
    stat.set_defaults(run=_run_status)

    check = commands.add_parser("check", help=_("list the rules a procedure file breaks"),
                                description=_("Exit 1 when there are violations, 2 for bad input."))
    check.add_argument("file", help=_("procedure file"))
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

    ics = commands.add_parser(
        "ics", help=_("write the milestones, meetings and deadlines as a calendar file (.ics)"),
        description=_("An iCalendar file (RFC 5545) with a stable UID per entry, so importing an "
                      "updated file updates entries instead of duplicating them. Needs the 'ics' extra."))
    _file_argument(ics, lang)
    ics.add_argument("-o", "--output", required=True, metavar="OUT.ics", help=_("the calendar file to write"))
    ics.add_argument("--on", type=iso_date, metavar="DATE",
                     help=_("the calendar as known at the end of DATE, the deadlines that follow "
                            "from it marked expected (default: the whole record)"))
    ics.add_argument("--alarm", type=partial(alarm_duration, lang=lang), metavar="DURATION",
                     help=_("a reminder this long before each deadline: 2d, 12h, 30m, 1w (default: none)"))
    ics.add_argument("--stamp", type=partial(export_stamp, lang=lang), metavar="TIME",
                     help=_("the time of the export, e.g. 2027-03-01T09:30:00Z: DTSTAMP and SEQUENCE, so "
                            "a re-import replaces older entries (default: now; 'record': the record's "
                            "latest date, the same file on every run)"))
    add_lang_argument(ics, lang)
    ics.set_defaults(run=_run_ics)

    ocds = commands.add_parser(
        "ocds", help=_("the procedure as an OCDS 1.1 release package, as known on a date"),
        description=_("An OCDS 1.1 release package (JSON) of the procedure as known on DATE: events "
                      "after it are left out, and the states on DATE decide the statuses. The options "
                      "override the file's 'ocds' settings; an identifier neither gives is a "
                      "placeholder, said on stderr."))
    _file_argument(ocds, lang)
    ocds.add_argument("--on", type=iso_date, metavar="DATE",
                      help=_("the date the package describes, as known at its end (default: today)"))
    ocds.add_argument("-o", "--output", metavar="OUT", help=_("write to this file (default: stdout)"))
    ocds.add_argument("--ocid-prefix", metavar="PREFIX",
                      help=_("the ocid prefix registered with the Open Contracting Partnership "
                             "(ocds-xxxxxx-; default: the file's, else a placeholder)"))
    ocds.add_argument("--publisher", metavar="NAME", help=_("the publisher's name (default: the file's, "
                                                            "else an unofficial export)"))
    ocds.add_argument("--uri", metavar="URI", help=_("the package's address; {id} and {on} are filled in "
                                                     "(default: the file's, else a placeholder)"))
    ocds.add_argument("--buyer", metavar="BUYER", help=_("the lead buyer: a municipality id or an "
                                                         "organisation's name (default: the file's, else "
                                                         "none)"))
    add_lang_argument(ocds, lang, N_("the package's texts (its 'language') and the messages"))
    ocds.set_defaults(run=_run_ocds)

    plot = commands.add_parser(
        "plot", help=_("draw the timeline of a procedure as a PNG, SVG or PDF"),
        description=_("A Gantt chart of plan against actual: phases, segments, standstill windows, "
                      "dialogue sessions. Needs the 'notebook' extra (matplotlib)."))
    _file_argument(plot, lang)
    plot.add_argument("-o", "--output", required=True, metavar="OUT",
                      help=_("the file to write: .png, .svg or .pdf, by its suffix"))
    plot.add_argument("--on", type=iso_date, metavar="DATE",
                      help=_("draw the procedure as known on DATE, the date as a line and what lies "
                             "after it lighter, as expected (default: the whole record, no line)"))
    add_lang_argument(plot, lang, N_("the picture's labels and the message"))
    plot.set_defaults(run=_run_plot)

    imp = commands.add_parser(
        "import", help=_("a procedure file from the eForms notices of one procedure"),
        description=_("Reads contract notices, change notices and contract award notices of one "
                      "procedure (one BT-04) and prints the procedure file (JSON), or writes it with "
                      "-o; a summary and the rules it breaks go to stderr. Needs the 'eforms' extra."))
    imp.add_argument("files", nargs="+", metavar="FILE", help=_("eForms notices (XML)"))
    imp.add_argument("--rulebook", default="aw2012", metavar="R",
                     help=_("the rulebook of the procedure (default %(default)s)"))
    imp.add_argument("--skip-unused", action="store_true",
                     help=_("skip notices of kinds the import does not use (a PIN), with a note, "
                            "instead of refusing them"))
    imp.add_argument("-o", "--output", metavar="OUT.json",
                     help=_("write the procedure file here (atomically)"))
    add_lang_argument(imp, lang, N_("the summary"))
    imp.set_defaults(run=_run_import)

    schema = commands.add_parser("schema", help=_("print the JSON Schema of procedure files"))
    schema.set_defaults(run=_run_schema)
    return parser


def _procedure(file: str | None) -> Procedure:
    from ..procedure import inkoop2022, load_procedure

    return inkoop2022() if file is None else load_procedure(file)


def _run_status(args: argparse.Namespace) -> int:
    from ..exports import format_status

    proc = _procedure(args.file)
    # The one place the library looks at the clock: a command line defaults to today.
    on = args.on or dt.date.today()
    found = proc.status(on, baseline=args.baseline)
    print(json.dumps(found.to_dict(), indent=2, ensure_ascii=False) if args.json
          else format_status(found, lang=output_lang(args)))
    return 0


def _run_check(args: argparse.Namespace) -> int:
    from ..procedure import load_procedure

    found = load_procedure(args.file).check()
    lang = output_lang(args)
    _ = translations(lang).gettext
    if args.json:
        print(json.dumps([v.to_dict() for v in found], indent=2, ensure_ascii=False))
    elif not found:
        print(_("%(file)s: no violations") % {"file": args.file})
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

    from .._files import write_atomic
    from ..procedure import Procedure
    from ..record import SCHEMA_FILE, procedure_template, write_schema_beside

    _ = translations(output_lang(args)).gettext
    target = Path(args.file)
    if target.exists() and not args.force:
        raise InkoopError(_("%(file)s: already exists; use --force to overwrite it") % {"file": target})
    # The file names its JSON Schema, written beside it, so an editor checks it while it is typed.
    data = procedure_template().model_copy(update={"schema_url": SCHEMA_FILE})
    write_atomic(target, Procedure(data).to_json())
    schema = write_schema_beside(target)
    then = {"file": target, "command": f"{PROG} check {target}"}
    print(_("wrote %(file)s and its JSON Schema %(schema)s: edit it, then run: %(command)s")
          % {**then, "schema": schema} if schema is not None else
          _("wrote %(file)s (kept %(schema)s: it is not our schema): edit it, then run: %(command)s")
          % {**then, "schema": target.with_name(SCHEMA_FILE)})
    return 0


def _run_ics(args: argparse.Namespace) -> int:
    from ..exports import write_ics

    proc = _procedure(args.file)
    # The clock, read here and not in the library: a re-import must see a newer export.
    stamp = None if args.stamp == RECORD_STAMP else args.stamp or dt.datetime.now(dt.UTC)
    write_ics(proc, args.output, args.on, stamp=stamp, alarm=args.alarm)
    _ = translations(output_lang(args)).gettext
    print(_("wrote %(file)s: import it in a calendar program; importing a newer one updates its entries")
          % {"file": args.output})
    return 0


def _run_ocds(args: argparse.Namespace) -> int:
    from .._files import write_atomic
    from ..exports import ocds_json, ocds_warnings

    proc = _procedure(args.file)
    # A command line defaults to today, as status does; the library never reads the clock.
    on = args.on or dt.date.today()
    options = {"ocid_prefix": args.ocid_prefix, "publisher": args.publisher, "uri": args.uri,
               "buyer": args.buyer}
    # The package's texts and language follow --lang (else the locale), as the messages do.
    lang = output_lang(args)
    _ = translations(lang).gettext
    text = ocds_json(proc, on, lang=lang, **options)
    if args.output is None:
        sys.stdout.write(text)
    else:
        write_atomic(args.output, text)
        print(_("wrote %(file)s: an OCDS 1.1 release package as known on %(date)s")
              % {"file": args.output, "date": on.isoformat()})
    label = _("warning")
    for warning in ocds_warnings(proc, lang=lang, **options):
        print(f"{PROG} ocds: {label}: {warning}", file=sys.stderr)
    return 0


def _run_plot(args: argparse.Namespace) -> int:
    from ..exports import write_timeline

    # No default date: a picture that changed by itself every day could not be committed.
    lang = output_lang(args)
    write_timeline(_procedure(args.file), args.output, on=args.on, lang=lang)
    print(translations(lang).gettext("wrote %(file)s") % {"file": args.output})
    return 0


def _run_import(args: argparse.Namespace) -> int:
    from .._files import write_atomic
    from ..eforms import from_eforms

    proc = from_eforms(args.files, rulebook=args.rulebook, unused="skip" if args.skip_unused else "error")
    if args.output is None:
        sys.stdout.write(proc.to_json())
    else:
        write_atomic(args.output, proc.to_json())
    lang = output_lang(args)
    _ = translations(lang).gettext
    data = proc.data
    found = proc.check()
    summary = _("%(id)s: %(segments)s segment(s), %(events)s event(s), %(notes)s note(s), "
                "%(findings)s finding(s) of check") % {
        "id": data.id, "segments": len(data.segments), "events": len(data.events),
        "notes": len(data.notes), "findings": len(found)}
    if args.output:
        summary += "; " + _("wrote %(file)s") % {"file": args.output}
    lines = [f"{PROG} import: {summary}"]
    lines += ["  " + _("note: %(note)s") % {"note": note} for note in data.notes]
    lines += ["  " + violation_line(v, lang) for v in found]
    print("\n".join(lines), file=sys.stderr)
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
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``); return the exit status."""
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
        # The reader stopped reading (``| head``): not an error of ours. Point stdout at
        # devnull so the interpreter's final flush does not fail again (Python docs, signal).
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except (InkoopError, OSError) as exc:
        lang = output_lang(args)
        message = exc.message_in(lang) if isinstance(exc, InkoopError) else str(exc)
        label = translations(lang).gettext("error")
        print(f"{PROG} {args.command}: {label}: {one_line(message)}", file=sys.stderr)
        return 2
    return code


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
