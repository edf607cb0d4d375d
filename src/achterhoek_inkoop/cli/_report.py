"""The ``report`` command: the report page of a procedure, in Dutch or English, to mail to an alderman."""

from __future__ import annotations

import argparse
from typing import Any

from .._i18n import N_, translations
from ._files import STDIO, add_file_argument, add_force_argument, check_output, read_procedure, write_output
from ._lang import add_lang_argument, output_lang
from ._shown import shown_name
from ._today import today

__all__ = ["add_report_command"]


def add_report_command(commands: argparse._SubParsersAction[Any], iso_date: object, lang: str) -> None:
    """Add ``report`` to the command line's subcommands, its help in ``lang``; ``iso_date`` parses a
    YYYY-MM-DD date."""
    _ = translations(lang).gettext
    report = commands.add_parser(
        "report", help=_("write the report page of a procedure (HTML) to mail to an alderman"),
        description=_("One self-contained HTML page of the procedure as known at the end of DATE: "
                      "status, next deadlines, violations, the standstill explained and the timeline. "
                      "Printable; it loads nothing from outside. Needs the 'report' extra."))
    add_file_argument(report, lang)
    report.add_argument("--on", type=iso_date, metavar="DATE",
                        help=_("the date, as known at its end (default: today)"))
    add_lang_argument(report, lang, N_("the page"))
    report.add_argument("-o", "--output", required=True, metavar="OUT.html",
                        help=_("the HTML file to write; - for stdout"))
    add_force_argument(report, lang)
    report.set_defaults(run=_run_report)


def _run_report(args: argparse.Namespace) -> int:
    from ..exports import report_html

    check_output(args.output, [args.file], force=args.force)
    proc = read_procedure(args.file)
    # The command line, not the library, looks at the clock and the locale.
    on = args.on or today()
    lang = output_lang(args)
    write_output(args.output, report_html(proc, on, lang=lang), force=args.force, inputs=[args.file])
    if args.output != STDIO:
        print(translations(lang).gettext("wrote %(file)s: the report as known on %(date)s (%(lang)s)")
              % {"file": shown_name(args.output), "date": on.isoformat(), "lang": lang})
    return 0
