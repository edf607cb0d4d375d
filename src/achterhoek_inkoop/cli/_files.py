"""The files a command reads and writes: ``-`` for stdin and stdout, and no clobbering.

- An input file ``-`` is stdin, read with the same bound as a file (``<stdin>`` in messages).
- An output ``-o -`` is stdout: only the output is printed there then.
- An output file is never one of the command's inputs (the same file, also through a
  symlink or a hard link): writing the OCDS package over the procedure it came from is
  never meant, so ``--force`` does not allow it either.
- An existing output file is refused unless ``--force`` is given; without it the file is
  created exclusively, so a file that appears while the command runs is refused too (two
  ``new race.json`` at once: one wins, the other is refused). A device or a FIFO
  (``-o /dev/null``) is not a file to lose and is written in place.
"""

from __future__ import annotations

import argparse
import os
import stat
import sys
from collections.abc import Iterable
from typing import TYPE_CHECKING

from .._i18n import translations
from .._text import Text

if TYPE_CHECKING:
    from ..procedure import Procedure

__all__ = ["STDIN_LABEL", "STDIO", "add_file_argument", "add_force_argument", "check_output",
           "exclusive", "read_procedure", "read_source", "write_output"]

#: The name of stdin (as an input file) and of stdout (as ``-o``).
STDIO = "-"
#: How messages name stdin.
STDIN_LABEL = "<stdin>"


def add_file_argument(command: argparse.ArgumentParser, lang: str, *, optional: bool = True) -> None:
    """The procedure file a command reads: ``-`` for stdin; optional: the bundled Inkoop 2022."""
    _ = translations(lang).gettext
    if optional:
        command.add_argument("file", nargs="?", help=_(
            "procedure file, - for stdin (default: the bundled Inkoop 2022)"))
    else:
        command.add_argument("file", help=_("procedure file, - for stdin"))


def add_force_argument(command: argparse.ArgumentParser, lang: str) -> None:
    """``--force``: overwrite an existing output file (never an input file)."""
    command.add_argument("--force", action="store_true", help=translations(lang).gettext(
        "overwrite the output file if it exists (never a file the command reads)"))


def _stdin() -> bytes:
    from .._safe_io import read_stream_bounded

    return read_stream_bounded(sys.stdin.buffer, STDIN_LABEL)


def read_procedure(file: str | None) -> Procedure:
    """The procedure of ``file``: ``None`` the bundled Inkoop 2022, ``-`` stdin."""
    from ..procedure import inkoop2022, load_procedure, procedure_from_json

    if file is None:
        return inkoop2022()
    if file == STDIO:
        return procedure_from_json(_stdin(), STDIN_LABEL)
    return load_procedure(file)


def read_source(file: str) -> str | bytes:
    """A file to hand to the library as it is (a path), or stdin's bytes for ``-``."""
    return _stdin() if file == STDIO else file


def check_output(output: str, inputs: Iterable[str | None], *, force: bool) -> None:
    """Refuse ``output`` before the work is done: one of ``inputs`` (always), or an existing
    file (without ``force``). ``-`` (stdout) and a path with nothing at it pass."""
    from .._exceptions import FileRefusedError

    if output == STDIO:
        return
    try:
        target = os.stat(output)  # through symlinks: the file that would be written
    except (OSError, ValueError):
        return  # nothing there (or unreachable): the write says what is wrong
    for name in inputs:
        if name is None or name == STDIO:
            continue
        try:
            if os.path.samestat(os.stat(name), target):
                raise FileRefusedError(output, Text(
                    "is also a file this command reads; write the output to another file (--force "
                    "never overwrites an input)"))
        except (OSError, ValueError):
            continue
    if not force and stat.S_ISREG(target.st_mode):
        raise FileRefusedError(output, Text("already exists; use --force to overwrite it"))


def write_output(output: str, data: str | bytes, *, force: bool, inputs: Iterable[str | None] = ()) -> None:
    """Write ``data`` to ``output``: stdout for ``-``, else the file, atomically, under the
    rules of :func:`check_output` (checked again here, just before the write)."""
    from .._safe_io import write_atomic
    from ._stdio import write_data

    if output == STDIO:
        write_data(data)
        return
    check_output(output, inputs, force=force)
    write_atomic(output, data, force=force, exclusive=exclusive(output, force=force))


def exclusive(output: str, *, force: bool) -> bool:
    """Whether to create ``output`` exclusively: without ``force``, unless it is a device or a
    FIFO (written in place). A file that appeared since :func:`check_output` is then refused."""
    try:
        special = not stat.S_ISREG(os.stat(output).st_mode)
    except (OSError, ValueError):
        special = False
    return not force and not special
