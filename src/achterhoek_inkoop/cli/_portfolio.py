"""The ``portfolio`` command: where every procedure file of a folder stands on a date, one line each."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import Any

from .._i18n import N_, translations
from ._lang import add_lang_argument, output_lang
from ._shown import shown_name
from ._today import today

__all__ = ["add_portfolio_command", "format_portfolio"]

#: The table's headers: the columns of ``Portfolio.on`` (``file``, ``name``, ``phase``,
#: ``dialogue_allowed``, ``segments``), translated when shown.
_HEADERS = (N_("file"), N_("name"), N_("phase"), N_("dialogue allowed"), N_("segments"))


def add_portfolio_command(commands: argparse._SubParsersAction[Any], iso_date: object, lang: str) -> None:
    """Add ``portfolio`` to the command line's subcommands, its help in ``lang``; ``iso_date``
    parses a YYYY-MM-DD date."""
    _ = translations(lang).gettext
    portfolio = commands.add_parser(
        "portfolio", help=_("where every procedure file of a folder stands on a date"),
        description=_("One line per procedure file of FOLDER (its *.json files, by name; *.schema.json "
                      "skipped), as known at the end of DATE: phase, whether dialogue is allowed, and "
                      "the state of each segment. A file that fails to load is named on stderr, and "
                      "the exit status is then 1."))
    portfolio.add_argument("folder", metavar="FOLDER", help=_("the folder of procedure files"))
    portfolio.add_argument("--on", type=iso_date, metavar="DATE",
                           help=_("the date, as known at its end (default: today)"))
    add_lang_argument(portfolio, lang, N_("the table and the messages"))
    portfolio.set_defaults(run=_run_portfolio)


def _run_portfolio(args: argparse.Namespace) -> int:
    from ..exports import portfolio_rows
    from ..procedure import load_portfolio

    lang = output_lang(args)
    # The command line, not the library, looks at the clock: today in Amsterdam.
    on = args.on or today()
    portfolio = load_portfolio(args.folder)
    print(format_portfolio(portfolio_rows(portfolio, on), lang))
    label = translations(lang).gettext("error")
    for failure in portfolio.failures:
        print(f"achterhoek-inkoop portfolio: {label}: {failure.message_in(lang)}", file=sys.stderr)
    return 1 if portfolio.failures else 0


def format_portfolio(rows: Sequence[tuple[str, str, str, str, bool, dict[str, str]]], lang: str = "en"
                     ) -> str:
    """The rows of ``Portfolio.on`` as a plain text table in ``lang``: file, name, phase, dialogue
    allowed (yes or no) and the segments as ``id: state``, separated by commas."""
    _ = translations(lang).gettext
    table = [tuple(_(h) for h in _HEADERS)]
    # A file name may hold line breaks or escape codes: shown escaped, as errors show it.
    table += [(shown_name(file), name, phase, _("yes") if dialogue else _("no"),
               ", ".join(f"{seg}: {state}" for seg, state in segments.items()))
              for file, _id, name, phase, dialogue, segments in rows]
    widths = [max(len(row[i]) for row in table) for i in range(len(_HEADERS) - 1)]
    return "\n".join("  ".join([*(cell.ljust(w) for cell, w in zip(row, widths, strict=False)), row[-1]])
                     .rstrip() for row in table)
