"""The command line's argument parser, in the language it speaks: argparse's own texts too.

argparse writes its headings (``usage:``, ``positional arguments``,
``options``), ``-h``'s help and its errors in English, through gettext's
``argparse`` domain. Changing that domain, or patching the module, would
change every parser in the process (``main()`` is also called in-process by
tests and other tools), so :class:`CommandParser`, used only here, replaces
the texts it shows, with as little of argparse overridden as will do:

- the group titles and ``-h``'s help are set where the parser is made;
- the usage prefix is a parameter argparse already has (:class:`_Formatter`);
- an error reaches :meth:`CommandParser.error` as argparse's finished English
  message, which is matched against argparse's wording (the same from Python
  3.11 to 3.13) and rendered from our catalog. A message it does not know (a
  newer Python's, or our own, already in the language) is shown as it is.

Subcommands are parsers of the same class in the same language.
"""

from __future__ import annotations

import argparse
import functools
import re
from typing import Any, NoReturn

from .._i18n import translations
from .._text import N_

__all__ = ["CommandParser", "argparse_message", "one_line"]


def one_line(text: str) -> str:
    """``text`` with line breaks and other control characters escaped, so an error stays one line.

    >>> one_line("a.json: 'x\\ny' is not valid")
    "a.json: 'x\\\\ny' is not valid"
    """
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


class _Formatter(argparse.HelpFormatter):
    """argparse's help formatter with the usage prefix (``usage: ``) in the parser's language."""

    def __init__(self, prog: str, *, usage_prefix: str) -> None:
        super().__init__(prog)
        self._usage_prefix = usage_prefix

    def add_usage(self, usage: str | None, actions: Any, groups: Any, prefix: str | None = None) -> None:
        # argparse passes no prefix for a parser's own usage (then its English 'usage: '), and ''
        # where it builds a subcommand's prog: only the first is replaced.
        super().add_usage(usage, actions, groups, self._usage_prefix if prefix is None else prefix)


class CommandParser(argparse.ArgumentParser):
    """An argument parser that speaks ``lang``, and whose errors are one line, not a usage block.

    Its declaration marks its texts and translates them itself (``help=_("...")``): this class
    only supplies what argparse writes on its own.
    """

    def __init__(self, *args: Any, lang: str = "en", **kwargs: Any) -> None:
        _ = translations(lang).gettext
        kwargs.setdefault("formatter_class", functools.partial(_Formatter, usage_prefix=_("usage: ")))
        kwargs["add_help"] = False  # -h is added below, with its help in the language
        super().__init__(*args, **kwargs)
        self.lang = lang
        # The two groups argparse makes in __init__, titled with its English.
        self._positionals.title = _("positional arguments")
        self._optionals.title = _("options")
        self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS,
                          help=_("show this help message and exit"))

    def add_subparsers(self, **kwargs: Any) -> Any:
        """argparse's subcommands, made by this class in this language (argparse's default is
        ``type(self)``, which would not know the language)."""
        kwargs.setdefault("parser_class", functools.partial(CommandParser, lang=self.lang))
        return super().add_subparsers(**kwargs)

    def error(self, message: str) -> NoReturn:
        label = translations(self.lang).gettext("error")
        self.exit(2, f"{self.prog}: {label}: {one_line(argparse_message(message, self.lang))}\n")


#: argparse's error messages that a user of this command line can meet, as argparse words them
#: (a pattern whose groups are the values) and as our catalog does (the msgid, with placeholders
#: named as the groups). The English msgid reads as argparse's own message.
_ARGPARSE_ERRORS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.DOTALL), msgid) for pattern, msgid in (
        # ArgumentError: the argument's name (options joined by '/', or a metavar) and the problem.
        (r"argument (?P<argument>\S+): (?P<message>.*)", N_("argument %(argument)s: %(message)s")),
        (r"the following arguments are required: (?P<arguments>.*)",
         N_("the following arguments are required: %(arguments)s")),
        (r"unrecognized arguments: (?P<arguments>.*)", N_("unrecognized arguments: %(arguments)s")),
        # The value as repr; the choices as reprs (3.11 to 3.13.0) or as they are (later releases).
        (r"invalid choice: (?P<value>.*) \(choose from (?P<choices>.*)\)",
         N_("invalid choice: %(value)s (choose from %(choices)s)")),
        (r"expected one argument", N_("expected one argument")),
        (r"expected at least one argument", N_("expected at least one argument")),
        (r"invalid int value: (?P<value>.*)", N_("invalid int value: %(value)s")),
        (r"not allowed with argument (?P<argument>.*)", N_("not allowed with argument %(argument)s")),
        (r"ambiguous option: (?P<option>\S+) could match (?P<matches>.*)",
         N_("ambiguous option: %(option)s could match %(matches)s")),
        (r"ignored explicit argument (?P<value>.*)", N_("ignored explicit argument %(value)s")),
    ))


def argparse_message(message: str, lang: str) -> str:
    """argparse's English error ``message`` in ``lang``; a message it does not know as it is.

    >>> argparse_message("argument --on: expected one argument", "en")
    'argument --on: expected one argument'
    """
    if lang == "en":
        return message
    for pattern, msgid in _ARGPARSE_ERRORS:
        found = pattern.fullmatch(message)
        if found is not None:
            values = found.groupdict()
            if "message" in values:  # an argument's problem: argparse's (translated here) or ours
                values["message"] = argparse_message(values["message"], lang)
            return translations(lang).gettext(msgid) % values
    return message
