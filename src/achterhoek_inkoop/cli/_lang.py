"""The language of the command line's output: ``--lang nl|en``, else the locale's.

The command line, not the library, looks at the locale: ``LANG=nl_NL.UTF-8``
gives Dutch, any other English (:func:`lang_from_environment`). The help and
the argument errors are in the same language, so it is known before the
arguments are parsed (:func:`lang_before_parsing`).
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, get_args

from .._i18n import LANGUAGES, lang_from_environment, translations
from .._text import N_

if TYPE_CHECKING:
    from ..lifecycle import Violation

__all__ = ["add_lang_argument", "lang_before_parsing", "output_lang", "violation_line"]


def add_lang_argument(command: argparse.ArgumentParser, lang: str, what: str = N_("the output")) -> None:
    """Give ``command`` the option ``--lang nl|en`` for the language of ``what`` (a marked text),
    its help in ``lang``."""
    _ = translations(lang).gettext
    command.add_argument("--lang", choices=LANGUAGES,
                         help=_("the language of %(what)s (default: the locale's: LANG=nl_NL.UTF-8 gives "
                                "Dutch, any other English)") % {"what": _(what)})


def output_lang(args: argparse.Namespace) -> str:
    """The language ``args`` asks for with ``--lang``, else the one the locale asks for."""
    lang: str | None = getattr(args, "lang", None)
    return lang or lang_from_environment(os.environ)


def lang_before_parsing(argv: Sequence[str], environ: Mapping[str, str]) -> str:
    """The language ``argv`` will ask for with ``--lang``, read before parsing; else the locale's.

    The parser is built in this language, so that its help and its errors are (the checks
    of dates and durations run while parsing). It reads ``--lang X`` and ``--lang=X``, and
    the abbreviations argparse accepts (``--la nl``), up to ``--``; the last valid one counts,
    as in argparse. An invalid value is left to argparse, whose error then comes in the
    locale's language.

    >>> lang_before_parsing(["status", "--lang", "nl"], {})
    'nl'
    >>> lang_before_parsing(["status", "--lang=de"], {"LANG": "nl_NL.UTF-8"})
    'nl'
    >>> lang_before_parsing(["status", "--", "--lang", "nl"], {})
    'en'
    """
    found = None
    for index, arg in enumerate(argv):
        if arg == "--":
            break
        name, equals, value = arg.partition("=")
        if len(name) > len("--") and "--lang".startswith(name):
            if not equals:
                value = argv[index + 1] if index + 1 < len(argv) else ""
            if value in LANGUAGES:
                found = value
    return found or lang_from_environment(environ)


def violation_line(v: Violation, lang: str) -> str:
    """A violation as the one line ``check``, ``import``, ``add`` and ``remove`` print for it.

    The severity is in ``lang`` and padded to the longest severity word of that language
    (``waarschuwing``), so the rule ids stand in one column whatever the severity.
    """
    from ..lifecycle import Severity, severity_text  # the commands that print violations load it anyway

    width = max(len(severity_text(severity, lang)) for severity in get_args(Severity))
    severity = v.severity_in(lang)
    return f"{v.on.isoformat()}  {severity:<{width}}  {v.rule}  [{v.subject}]  {v.message_in(lang)}"
