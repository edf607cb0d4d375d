"""Procedure files: loading one from a path or from its text.

A wrong file ends in a :class:`DataFileError` naming the file, the place in
it and the value, never in a pydantic or JSON traceback.
"""

from __future__ import annotations

import os

from .._exceptions import DataFileError
from .._files import check_path
from .._safe_io import read_bounded
from .._text import Text
from ..calendar import Calendar
from ..record import procedure_data_from_json
from ._procedure import Procedure

__all__ = ["load_procedure", "procedure_from_json"]


def procedure_from_json(text: str | bytes, label: str, *, calendar: Calendar | None = None
                        ) -> Procedure:
    """Parse a procedure file's text; ``label`` names it in errors."""
    return Procedure._from_file_data(procedure_data_from_json(text, label), calendar)


def load_procedure(path: str | os.PathLike[str], *, calendar: Calendar | None = None
                   ) -> Procedure:
    """Load a procedure file; a wrong file raises :class:`DataFileError` naming the place.

    A file over :data:`~achterhoek_inkoop._safe_io.MAX_FILE_BYTES` (64 MiB) is refused
    before it is read, and a FIFO or device is read with that bound and a timeout.
    """
    file = check_path("path", path)
    try:
        text = read_bounded(file)  # at most MAX_FILE_BYTES; a FIFO that sends nothing times out
    except OSError as exc:
        raise DataFileError(str(file), "", str(file), Text("cannot be read (%(reason)s)",
                                                           reason=exc.strerror or str(exc))) from None
    proc = procedure_from_json(text, str(file), calendar=calendar)
    proc._remember(file, text)  # what ``save`` compares the file with (a conflict, or not)
    return proc
