"""Reading data files through pydantic models (writing a file safely is :mod:`._safe_io`'s).

Every file the library reads goes through :func:`parse_model`, so a wrong file
always ends in a :class:`DataFileError` naming the file, the place in it and
the value, never in a pydantic or JSON traceback.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from ._exceptions import SHOWN_LENGTH, DataFileError, InvalidInputError, show
from ._json_keys import duplicate_key, key_bound, keys_given
from ._text import N_, Text, pydantic_problem

__all__ = ["check_path", "json_place", "parse_model"]

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

    Bytes are read as UTF-8, with or without a byte order mark (Windows
    editors write one); bytes in another encoding are refused with a message
    that says to save the file as UTF-8. ``tags`` are the discriminator values
    of tagged unions in the model, left out of the places errors name.

    The file is read strictly (pydantic's strict mode): a date is a text
    ``YYYY-MM-DD`` and nothing else (not a moment, not a number of seconds), a
    yes or no is ``true`` or ``false`` (not ``"off"``), a number is a JSON
    number (not ``"20"``, and a whole number is written without a fraction).
    An object that gives a key twice is refused, naming the key and its place
    (JSON keeps the last value silently; see :mod:`._json_keys`).

    Only the first problem is reported: the one the others most often follow from.
    """
    source = decoded(text, label)
    try:
        found = model.model_validate_json(source, strict=True)
    except ValidationError as exc:
        first = exc.errors()[0]
        if first["type"] == "json_invalid":
            raise _invalid_json(text, label, first["msg"]) from None
        _refuse_duplicate_keys(source, label)  # a key given twice may be what the error is about
        place = json_place(first["loc"], tags)
        missing = first["type"] == "missing"
        raise DataFileError(label, place, None if missing else first.get("input"),
                            pydantic_problem(first), no_value=missing) from None
    if key_bound(source) != keys_given(found):  # equal: no key twice (the cheap proof)
        _refuse_duplicate_keys(source, label)
    return found


def _refuse_duplicate_keys(text: str, label: str) -> None:
    """Raise :class:`DataFileError` for the first object of ``text`` that gives a key twice."""
    found = duplicate_key(text)
    if found is not None:
        place, key, count = found
        problem = (Text("the key %(key)s is given twice", key=show(key)) if count == 2 else
                   Text("the key %(key)s is given %(count)s times", key=show(key), count=count))
        raise DataFileError(label, place, None, problem, no_value=True)


#: Byte order marks of the encodings JSON files are found in besides UTF-8 (UTF-32 first:
#: its little-endian mark starts with UTF-16's).
_BOMS = ((b"\xff\xfe\x00\x00", "UTF-32"), (b"\x00\x00\xfe\xff", "UTF-32"),
         (b"\xff\xfe", "UTF-16"), (b"\xfe\xff", "UTF-16"))
_SAVE_AS_UTF8 = Text("save the file as UTF-8 (in most editors: Save As, Encoding: UTF-8)")


def decoded(text: str | bytes, label: str) -> str:
    """A data file's ``text`` as a str: UTF-8, a leading byte order mark dropped.

    A file in another encoding raises :class:`DataFileError` saying which byte
    is not UTF-8, where, and to save the file as UTF-8.

    >>> decoded(b"\\xef\\xbb\\xbf{}", "p.json")
    '{}'
    >>> decoded('{"name": "Caf\\xe9"}'.encode("cp1252"), "p.json")
    Traceback (most recent call last):
    ...
    achterhoek_inkoop._exceptions.DataFileError: p.json: '{"name": "Caf\xe9"}': \
is not UTF-8 text: byte 0xE9 at line 1, column 14 (in Windows-1252 the character 'é'); \
save the file as UTF-8 (in most editors: Save As, Encoding: UTF-8)
    """
    if isinstance(text, str):
        return text.removeprefix("\ufeff")
    for bom, encoding in _BOMS:
        if text.startswith(bom):
            raise DataFileError(label, "", None, Text("is %(encoding)s text; %(fix)s", encoding=encoding,
                                                      fix=_SAVE_AS_UTF8), no_value=True)
    if b"\x00" in text[:4]:  # JSON starts with ASCII: NUL bytes there are UTF-16 or UTF-32
        raise DataFileError(label, "", None, Text("is UTF-16 or UTF-32 text; %(fix)s", fix=_SAVE_AS_UTF8),
                            no_value=True)
    try:
        return text.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        start = text.rfind(b"\n", 0, exc.start) + 1
        end = text.find(b"\n", exc.start)
        line = text[start:end if end >= 0 else len(text)]
        if len(line) > _LINE_SHOWN:  # a long line (a file on one line): the part around the byte
            first = max(0, min(exc.start - start - _LINE_SHOWN // 2, len(line) - _LINE_SHOWN))
            line = line[first:first + _LINE_SHOWN]
        byte = text[exc.start:exc.start + 1]
        number = text.count(b"\n", 0, exc.start) + 1
        reading = byte.decode("cp1252", "replace")
        hint = (Text(" (in Windows-1252 the character %(character)s)", character=repr(reading))
                if reading != "\ufffd" else "")
        raise DataFileError(
            label, "", line.decode("cp1252", "replace"),  # the line as such an editor shows it
            Text("is not UTF-8 text: byte %(byte)s at line %(line)s, column %(column)s%(hint)s; %(fix)s",
                 byte="0x" + byte.hex().upper(), line=number, column=exc.start - start + 1, hint=hint,
                 fix=_SAVE_AS_UTF8),
        ) from None


_AT = re.compile(r"^(?:Invalid JSON: )?(?P<what>.*?) at line (?P<line>\d+) column (?P<column>\d+)$")


def _invalid_json(text: str | bytes, label: str, message: str) -> DataFileError:
    """The error for text that is not JSON: the line it fails on (the part around the place,
    for a long line), and the line and column in the problem."""
    shown = text.decode("utf-8", "replace") if isinstance(text, bytes) else text
    shown = shown.removeprefix("\ufeff")
    found = _AT.match(message)
    if found is None:
        return DataFileError(label, "", _excerpt(shown), Text("is not valid JSON (%(message)s)",
                                                               message=message))
    number, column = int(found["line"]), int(found["column"])
    lines = shown.split("\n")
    line = lines[number - 1] if number <= len(lines) else ""
    if len(line) > _LINE_SHOWN:  # a long line (a file on one line): the part around the place
        first = max(0, min(column - _LINE_SHOWN // 2, len(line) - _LINE_SHOWN))
        line = line[first:first + _LINE_SHOWN]
    what = found["what"]
    return DataFileError(label, "", line, Text(
        "is not valid JSON: %(what)s (line %(line)s, column %(column)s)",
        what=Text(what) if what in _JSON_PROBLEMS else what, line=number, column=column))


#: What pydantic's JSON parser says is wrong, in its words, for the mistakes a person editing
#: a file by hand makes: shown in Dutch too (any other wording is shown as it is).
_JSON_PROBLEMS = frozenset({
    N_("EOF while parsing a value"), N_("EOF while parsing an object"), N_("EOF while parsing a list"),
    N_("EOF while parsing a string"), N_("expected value"), N_("expected `:`"),
    N_("expected `,` or `}`"), N_("expected `,` or `]`"), N_("expected ident"), N_("trailing comma"),
    N_("key must be a string"), N_("trailing characters"), N_("invalid escape"), N_("invalid number"),
    N_("control character (\\u0000-\\u001F) found while parsing a string"),
})


#: The most characters of the line an error is on that are shown: with its quotes, what
#: ``show`` shows whole.
_LINE_SHOWN = SHOWN_LENGTH - 4


def _excerpt(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[:limit] + "..."


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
        raise InvalidInputError(field, value, Text("is not a file path (give a str or a pathlib.Path)"))
    text = os.fspath(value)
    if not isinstance(text, str):
        raise InvalidInputError(field, value, Text("is not a file path (give a str or a pathlib.Path)"))
    if "\x00" in text:
        raise InvalidInputError(field, value, Text("contains a NUL character"))
    path = Path(text)
    if needs_name and not path.name:
        raise InvalidInputError(field, value, Text("has no file name"))
    return path

