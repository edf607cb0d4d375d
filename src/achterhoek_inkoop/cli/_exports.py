"""The commands that write a procedure in another form: ``ics``, ``ocds``, ``plot`` and ``import``.

Each reads its input (``-``: stdin) and writes ``-o`` (``-``: stdout, and
then nothing else is printed there) under the rules of :mod:`._files`: never
over a file it reads, and over an existing file only with ``--force``. The
output is checked before the work is done, so a refused command is quick.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from functools import partial
from typing import Any

from .._i18n import translations
from .._text import N_
from ._files import (
    STDIO,
    add_file_argument,
    add_force_argument,
    check_output,
    read_procedure,
    read_source,
    write_output,
)
from ._ics_options import RECORD_STAMP, alarm_duration, export_stamp
from ._lang import add_lang_argument, output_lang, violation_line
from ._shown import shown_name
from ._today import today

__all__ = ["add_export_commands"]

PROG = "achterhoek-inkoop"


def add_export_commands(commands: argparse._SubParsersAction[Any], iso_date: object, lang: str) -> None:
    """Add ``ics``, ``ocds``, ``plot`` and ``import`` to the command line, their help in ``lang``;
    ``iso_date`` parses a YYYY-MM-DD date."""
    _ = translations(lang).gettext
    ics = commands.add_parser(
        "ics", help=_("write the milestones, meetings and deadlines as a calendar file (.ics)"),
        description=_("An iCalendar file (RFC 5545) with a stable UID per entry, so importing an "
                      "updated file updates entries instead of duplicating them. Needs the 'ics' extra."))
    add_file_argument(ics, lang)
    ics.add_argument("-o", "--output", required=True, metavar="OUT.ics",
                     help=_("the calendar file to write; - for stdout"))
    add_force_argument(ics, lang)
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
    add_file_argument(ocds, lang)
    ocds.add_argument("--on", type=iso_date, metavar="DATE",
                      help=_("the date the package describes, as known at its end (default: today)"))
    ocds.add_argument("-o", "--output", metavar="OUT", help=_("write to this file (default: stdout)"))
    add_force_argument(ocds, lang)
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
    add_file_argument(plot, lang)
    plot.add_argument("-o", "--output", required=True, metavar="OUT",
                      help=_("the file to write: .png, .svg or .pdf, by its suffix; - for stdout"))
    add_force_argument(plot, lang)
    plot.add_argument("--format", choices=("png", "svg", "pdf"),
                      help=_("the picture's format (default: by the suffix of OUT; png for stdout)"))
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
    imp.add_argument("files", nargs="+", metavar="FILE", help=_("eForms notices (XML); - for stdin"))
    imp.add_argument("--rulebook", default="aw2012", metavar="R",
                     help=_("the rulebook of the procedure (default %(default)s)"))
    imp.add_argument("--skip-unused", action="store_true",
                     help=_("skip notices of kinds the import does not use (a PIN), with a note, "
                            "instead of refusing them"))
    imp.add_argument("-o", "--output", metavar="OUT.json",
                     help=_("write the procedure file here (atomically)"))
    add_force_argument(imp, lang)
    add_lang_argument(imp, lang, N_("the summary"))
    imp.set_defaults(run=_run_import)


def _wrote(output: str, message: str, **values: str) -> None:
    """The line saying what was written, on stdout; none when the output itself went there."""
    if output != STDIO:
        print(message % {"file": shown_name(output), **values})


def _run_ics(args: argparse.Namespace) -> int:
    from ..exports import procedure_to_ics

    check_output(args.output, [args.file], force=args.force)
    proc = read_procedure(args.file)
    # The clock, read here and not in the library: a re-import must see a newer export.
    stamp = None if args.stamp == RECORD_STAMP else args.stamp or dt.datetime.now(dt.UTC)
    write_output(args.output, procedure_to_ics(proc, args.on, stamp=stamp, alarm=args.alarm),
                 force=args.force, inputs=[args.file])
    _ = translations(output_lang(args)).gettext
    _wrote(args.output, _("wrote %(file)s: import it in a calendar program; importing a newer one "
                          "updates its entries"))
    return 0


def _run_ocds(args: argparse.Namespace) -> int:
    from ..exports import ocds_json, ocds_warnings

    output = STDIO if args.output is None else args.output
    check_output(output, [args.file], force=args.force)
    proc = read_procedure(args.file)
    # A command line defaults to today, as status does; the library never reads the clock.
    on = args.on or today()
    options = {"ocid_prefix": args.ocid_prefix, "publisher": args.publisher, "uri": args.uri,
               "buyer": args.buyer}
    # The package's texts and language follow --lang (else the locale), as the messages do.
    lang = output_lang(args)
    _ = translations(lang).gettext
    write_output(output, ocds_json(proc, on, lang=lang, **options), force=args.force, inputs=[args.file])
    _wrote(output, _("wrote %(file)s: an OCDS 1.1 release package as known on %(date)s"), date=on.isoformat())
    label = _("warning")
    for warning in ocds_warnings(proc, lang=lang, **options):
        print(f"{PROG} ocds: {label}: {warning}", file=sys.stderr)
    return 0


def _run_plot(args: argparse.Namespace) -> int:
    from ..exports import timeline_picture
    from ..exports._plot_parts import file_format

    check_output(args.output, [args.file], force=args.force)
    kind = "png" if args.output == STDIO and args.format is None else file_format(args.output, args.format)
    proc = read_procedure(args.file)
    # No default date: a picture that changed by itself every day could not be committed.
    lang = output_lang(args)
    picture = timeline_picture(proc, args.on, format=kind, lang=lang)
    write_output(args.output, picture, force=args.force, inputs=[args.file])
    _wrote(args.output, translations(lang).gettext("wrote %(file)s"))
    return 0


def _run_import(args: argparse.Namespace) -> int:
    from ..eforms import from_eforms

    if args.files.count(STDIO) > 1:
        from .._exceptions import InvalidInputError
        from .._text import Text

        raise InvalidInputError("FILE", STDIO, Text("is given more than once: stdin can be read once"))
    output = STDIO if args.output is None else args.output
    check_output(output, args.files, force=args.force)
    sources = [read_source(file) for file in args.files]
    proc = from_eforms(sources, rulebook=args.rulebook, unused="skip" if args.skip_unused else "error")
    write_output(output, proc.to_json(), force=args.force, inputs=args.files)
    lang = output_lang(args)
    _ = translations(lang).gettext
    data = proc.data
    found = proc.check()
    summary = _("%(id)s: %(segments)s segment(s), %(events)s event(s), %(notes)s note(s), "
                "%(findings)s finding(s) of check") % {
        "id": data.id, "segments": len(data.segments), "events": len(data.events),
        "notes": len(data.notes), "findings": len(found)}
    if output != STDIO:
        summary += "; " + _("wrote %(file)s") % {"file": shown_name(output)}
    lines = [f"{PROG} import: {summary}"]
    lines += ["  " + _("note: %(note)s") % {"note": note} for note in data.notes]
    lines += ["  " + violation_line(v, lang) for v in found]
    print("\n".join(lines), file=sys.stderr)
    return 0
