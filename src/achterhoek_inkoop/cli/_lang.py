"""The language of the command line's output: ``--lang nl|en``, else the locale's.

The command line, not the library, looks at the locale: ``LANG=nl_NL.UTF-8``
gives Dutch, any other English (:func:`lang_from_environment`).
"""

from __future__ import annotations

import argparse
import os

from .._i18n import LANGUAGES, lang_from_environment
from ..lifecycle import Violation

__all__ = ["add_lang_argument", "output_lang", "violation_line"]


def add_lang_argument(command: argparse.ArgumentParser, what: str = "the output") -> None:
    """Give ``command`` the option ``--lang nl|en`` for the language of ``what``."""
    command.add_argument("--lang", choices=LANGUAGES,
                         help=f"the language of {what} (default: the locale's: LANG=nl_NL.UTF-8 gives "
                              "Dutch, any other English)")


def output_lang(args: argparse.Namespace) -> str:
    """The language ``args`` asks for with ``--lang``, else the one the locale asks for."""
    lang: str | None = getattr(args, "lang", None)
    return lang or lang_from_environment(os.environ)


def violation_line(v: Violation, lang: str) -> str:
    """A violation as the one line ``check``, ``import``, ``add`` and ``remove`` print for it."""
    return f"{v.on.isoformat()}  {v.severity:<7}  {v.rule}  [{v.subject}]  {v.message_in(lang)}"
