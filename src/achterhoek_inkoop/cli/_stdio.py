"""The command line's standard streams: text any terminal can show, and a reader that stops early.

Two things a command line meets that the library never does:

- stdout or stderr in an encoding that cannot hold every character
  (``PYTHONIOENCODING=ascii``, an old Windows console): a euro sign or an
  ë is then written as an escape (``\\u20ac``), never a ``UnicodeEncodeError``;
- a reader that closes the pipe before the end (``| head``, ``| true``): the
  command ends quietly with the status Unix tools give (141, 128 + SIGPIPE),
  also when the output only reaches the pipe when it is flushed at the end.
"""

from __future__ import annotations

import contextlib
import os
import sys
from typing import TextIO

__all__ = ["PIPE_CLOSED", "escaping_streams", "finish_output", "pipe_closed", "write_data"]

#: The exit status of a command whose reader closed the pipe: 128 + SIGPIPE (13), as a shell
#: reports a Unix tool killed by SIGPIPE (``cat``, ``grep``).
PIPE_CLOSED = 128 + 13


def escaping_streams() -> None:
    """Let stdout and stderr write any character: one their encoding lacks as a backslash escape.

    A stream that is not a text file of the interpreter's (a test's capture, a caller's
    ``io.StringIO``) is left as it is.
    """
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None and getattr(stream, "errors", "strict") == "strict":
            with contextlib.suppress(ValueError, OSError):  # one that cannot change keeps its errors
                reconfigure(errors="backslashreplace")


def finish_output() -> None:
    """Flush stdout now, inside the command, so a closed pipe is met where it can be handled.

    Output to a pipe is buffered: without this the data first reaches the pipe in the
    interpreter's flush at exit, after the command ended, and a closed pipe then prints
    ``Exception ignored ... BrokenPipeError`` and exits 120.
    """
    if sys.stdout is not None:
        sys.stdout.flush()


def pipe_closed() -> int:
    """The reader of stdout has gone: point stdout at the null device, so nothing written later
    (the interpreter's own flush at exit) fails again, and return :data:`PIPE_CLOSED`."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (AttributeError, ValueError, OSError):  # stdout has no file descriptor (a test's capture)
        pass
    return PIPE_CLOSED


def write_data(data: str | bytes, stream: TextIO | None = None) -> None:
    """Write a file's contents to stdout (``-o -``): as UTF-8 bytes, the encoding of the formats
    written (JSON, HTML, iCalendar, PNG), whatever the terminal's encoding.

    Text already waiting in the text layer is flushed first, so the order is kept.
    """
    stream = sys.stdout if stream is None else stream
    payload = data.encode("utf-8") if isinstance(data, str) else data
    buffer = getattr(stream, "buffer", None)
    if buffer is None:  # a text-only stream (io.StringIO): the text as it is
        stream.write(payload.decode("utf-8", "replace") if isinstance(data, bytes) else data)
        return
    stream.flush()
    buffer.write(payload)
    buffer.flush()
