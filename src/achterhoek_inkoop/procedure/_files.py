"""Procedure files: loading one from a path or from its text.

A wrong file ends in a :class:`DataFileError` naming the file, the place in
it and the value, never in a pydantic or JSON traceback.
"""

from __future__ import annotations

import os

from .._exceptions import DataFileError
from .._files import check_path
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
    """Load a procedure file; a wrong file raises :class:`DataFileError` naming the place."""
    file = check_path("path", path)
    try:
        text = file.read_bytes()
    except OSError as exc:
        raise DataFileError(str(file), "", str(file), Text("cannot be read (%(reason)s)",
                                                           reason=exc.strerror or str(exc))) from None
    return procedure_from_json(text, str(file), calendar=calendar)
