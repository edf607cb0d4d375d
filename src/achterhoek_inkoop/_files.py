"""Reading data files through pydantic models, and writing files atomically.

Every file the library reads goes through :func:`parse_model`, so a wrong file
always ends in a :class:`DataFileError` naming the file, the place in it and
the value, never in a pydantic or JSON traceback.
"""

from __future__ import annotations

import os
import uuid
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from ._exceptions import DataFileError, InvalidInputError

__all__ = ["check_path", "json_place", "parse_model", "write_atomic"]

M = TypeVar("M", bound=BaseModel)


def json_place(loc: tuple[int | str, ...], tags: frozenset[str] = frozenset()) -> str:
    """Render a pydantic error location as a JSON path of the file.

    pydantic puts the tag of a discriminated union member (``tags``) after a
    list index (or first, for a lone event) and ``[key]`` after a bad dict
    key; neither is in the file.

    >>> json_place(("events", 9, "award_decision", "on"), frozenset({"award_decision"}))
    'events[9].on'
    >>> json_place(("plans", 0, "milestones", "implementatie", "[key]"))
    'plans[0].milestones.implementatie'
    """
    out = ""
    previous: int | str | None = None
    for part in loc:
        skip = part == "[key]" or ((previous is None or isinstance(previous, int)) and part in tags)
        previous = part
        if skip:
            continue
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def parse_model(
    model: type[M], text: str | bytes, label: str, tags: frozenset[str] = frozenset()
) -> M:
    """Validate JSON ``text`` as ``model``; ``label`` names the file in errors.

    ``tags`` are the discriminator values of tagged unions in the model, left
    out of the places errors name.
    """
    try:
        return model.model_validate_json(text)
    except ValidationError as exc:
        first = exc.errors()[0]
        if first["type"] == "json_invalid":
            raise DataFileError(label, "", _excerpt(text), f"is not valid JSON ({first['msg']})") from None
        raise DataFileError(label, json_place(first["loc"], tags), first.get("input"), first["msg"]) from None


def _excerpt(text: str | bytes, limit: int = 40) -> str:
    shown = text.decode("utf-8", "replace") if isinstance(text, bytes) else text
    return shown if len(shown) <= limit else shown[:limit] + "..."


def check_path(field: str, value: object, *, needs_name: bool = True) -> Path:
    """``value`` as a Path if it is a usable file path, else the library's error naming ``field``.

    >>> check_path("path", "inkoop.json")
    PosixPath('inkoop.json')
    >>> check_path("path", ".")
    Traceback (most recent call last):
    ...
    achterhoek_inkoop._exceptions.InvalidInputError: path: '.' has no file name
    """
    if not isinstance(value, str | os.PathLike):
        raise InvalidInputError(field, value, "is not a file path (give a str or a pathlib.Path)")
    text = os.fspath(value)
    if not isinstance(text, str):
        raise InvalidInputError(field, value, "is not a file path (give a str or a pathlib.Path)")
    if "\x00" in text:
        raise InvalidInputError(field, value, "contains a NUL character")
    path = Path(text)
    if needs_name and not path.name:
        raise InvalidInputError(field, value, "has no file name")
    return path


def write_atomic(path: str | os.PathLike[str], data: str | bytes) -> None:
    """Write ``data`` (text as UTF-8, or bytes) to ``path``: a crash leaves the old file or the new one.

    The data goes to a temporary file in the same folder, is flushed to disk,
    and then replaces ``path`` in one rename. Text is written as it is, line
    ends included (an iCalendar file keeps its CRLF).
    """
    target = check_path("path", path)
    tmp = target.with_name(f".{target.name}.{uuid.uuid4().hex}.tmp")
    payload = data.encode("utf-8") if isinstance(data, str) else data
    # os.open, not mkstemp: mkstemp makes the file private (0600); these files are not.
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
    except OSError as exc:  # name the file asked for, not the temporary one
        raise type(exc)(exc.errno, exc.strerror, str(target)) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
