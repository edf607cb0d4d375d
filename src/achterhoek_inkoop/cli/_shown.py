"""File names and commands as the command line prints them on stdout.

A file name may hold line breaks or terminal escape codes: printed raw, it
would forge lines or drive the terminal. On stdout it is escaped as errors
escape it (:func:`one_line`); a command to copy is quoted for the shell.
"""

from __future__ import annotations

import os
import shlex

from ._parser import one_line

__all__ = ["shell_command", "shown_name"]


def shown_name(path: str | os.PathLike[str]) -> str:
    """``path`` as a message shows it: control characters escaped, nothing else changed.

    >>> shown_name("inkoop.json"), shown_name("a\\nb.json")
    ('inkoop.json', 'a\\\\nb.json')
    """
    return one_line(os.fspath(path))


def shell_command(*words: str | os.PathLike[str]) -> str:
    """``words`` as one command a user can paste into a POSIX shell (bash, zsh, dash).

    A word with control characters is written in ANSI-C quotes (``$'...'``), so
    the pasted command names the same file and stays one line.

    >>> shell_command("achterhoek-inkoop", "check", "my file.json")
    "achterhoek-inkoop check 'my file.json'"
    >>> shell_command("achterhoek-inkoop", "check", "a\\nb.json")
    "achterhoek-inkoop check $'a\\\\nb.json'"
    """
    return " ".join(_quoted(os.fspath(word)) for word in words)


#: The escapes ANSI-C quoting reads; any other control character is written by its code.
_ESCAPES = {"\\": "\\\\", "'": "\\'", "\n": "\\n", "\t": "\\t", "\r": "\\r", "\x1b": "\\e"}


def _quoted(word: str) -> str:
    if all(c.isprintable() for c in word):
        return shlex.quote(word)
    return "$'" + "".join(_ESCAPES.get(c) or (c if c.isprintable() else _code(c)) for c in word) + "'"


def _code(c: str) -> str:
    n = ord(c)
    return f"\\x{n:02x}" if n < 0x100 else f"\\u{n:04x}" if n < 0x10000 else f"\\U{n:08x}"
