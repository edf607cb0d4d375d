"""The package's own procedure files read without validating them: start-up (issue 12).

``achterhoek-inkoop status`` without a file shows the bundled Inkoop 2022.
Validating it would build pydantic's validators for every model of a
procedure file, about a third of the command's start-up, to check a file
that ships with the package and cannot change. This module reads such a
file with :mod:`json` and makes the models with ``model_construct``, each
value converted as its field's type says (a date from its ISO text, a
tuple from a list, an event by its ``type``), and nothing checked.

That is safe for the bundled files alone: a test validates each of them with
the models and checks that both readings give equal objects, with the same
fields given (tests/record/test_bundled_procedures_light.py). A user's file always goes
through :func:`~._model.procedure_data_from_json`.
"""

from __future__ import annotations

import datetime as dt
import enum
import json
import types
import typing
from collections.abc import Callable
from functools import cache
from typing import Any, Literal, TypeVar

from pydantic import BaseModel

from ._events import EVENT_MODELS, shared_fields_set
from ._model import ProcedureData

__all__ = ["constructed", "light_procedure_data"]

M = TypeVar("M", bound=BaseModel)
_Convert = Callable[[Any], Any]


def light_procedure_data(text: bytes) -> ProcedureData:
    """A bundled procedure file's ``text`` as :class:`ProcedureData`, not validated."""
    return constructed(ProcedureData, json.loads(text))


def constructed(model: type[M], data: dict[str, Any]) -> M:
    """``model`` of the JSON object ``data``, each field converted as its type says, unchecked.

    The fields given are those ``data`` names, as validation would record
    them; an event's set is shared as validation shares it
    (:func:`~._events.shared_fields_set`). A key that is no field of
    ``model`` raises ``KeyError``: the reading is only for files that validate.
    """
    fields = _fields(model)
    values = {}
    for key, value in data.items():
        name, convert = fields[key]
        values[name] = convert(value)
    given = set(values)
    if model in _EVENT_CLASSES:
        given = shared_fields_set(given)
    return model.model_construct(given, **values)


_EVENT_CLASSES = frozenset(EVENT_MODELS.values())


@cache
def _fields(model: type[BaseModel]) -> dict[str, tuple[str, _Convert]]:
    """For each key a file may give (a field's name, and its alias): the field and its conversion."""
    found = {}
    for name, info in model.model_fields.items():
        field = (name, _converter(info.annotation))
        found[name] = field
        if info.alias:
            found[info.alias] = field
    return found


def _same(value: Any) -> Any:
    return value


def _converter(annotation: Any) -> _Convert:
    """How a JSON value becomes a value of ``annotation``, for the types procedure files use."""
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin is typing.Annotated:  # the union of events, a local time: the type comes first
        return _converter(args[0])
    if origin in (typing.Union, types.UnionType):
        options = [a for a in args if a is not type(None)]
        if len(options) > 1:  # the events, told apart by their ``type``
            by_type = {m.model_fields["type"].default: m for m in options}
            return lambda value: constructed(by_type[value["type"]], value)
        convert = _converter(options[0])
        return lambda value: None if value is None else convert(value)
    if origin is tuple:
        item = _converter(args[0])
        return lambda value: tuple(item(v) for v in value)
    if origin is dict:
        key, item = _converter(args[0]), _converter(args[1])
        return lambda value: {key(k): item(v) for k, v in value.items()}
    if origin is Literal or annotation in (str, int, bool):
        return _same
    if annotation is dt.date:
        return dt.date.fromisoformat
    if annotation is dt.time:
        return dt.time.fromisoformat
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        return annotation
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return lambda value: constructed(annotation, value)
    raise TypeError(f"no light reading of a field of type {annotation!r}")
