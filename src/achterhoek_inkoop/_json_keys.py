"""Duplicate keys in a JSON file: a cheap proof that there are none, and the exact search.

JSON allows an object to give a key twice, and pydantic's parser keeps the
last value without a word: ``{"on": "2027-04-01", "on": "2027-05-01"}`` is an
event of 1 May, and the first date is lost unseen. The library refuses such a
file instead, naming the key and its place (:func:`duplicate_key`).

Searching every object of a file costs as much as parsing it again (a third
of loading a large procedure file). So the file is first checked cheaply,
after pydantic has validated it: :func:`key_bound` counts the keys of the
text from above (every key ends in ``":``), and :func:`keys_given` counts the
keys the validated models were given (each one key of the text, and no key
twice). When the two are equal, no object can give a key twice; only when
they differ (a file with a duplicate, with spaces before a colon, or with an
escaped quote before a colon inside a text) is the file searched exactly.
"""

from __future__ import annotations

import json
import operator
import re
import typing
from collections.abc import Iterator
from functools import cache
from typing import Any

from pydantic import BaseModel

__all__ = ["duplicate_key", "key_bound", "keys_given"]

#: A key written with white space before its colon: the cheap count does not see it.
_SPACED_KEY = re.compile(r'"[ \t\r\n]+:')


def key_bound(text: str) -> int | None:
    """At least as many as the keys of the valid JSON ``text``; ``None`` when it cannot tell cheaply.

    Every key that is followed directly by its colon ends in ``":``; inside a
    text the same two characters are an escaped quote, so the count is never
    below the number of keys. A key with white space before its colon is not
    counted: then the answer is ``None``.

    >>> key_bound('{"a": 1, "b": {"c": "x"}}')
    3
    >>> key_bound('{"a" : 1}') is None
    True
    """
    if _SPACED_KEY.search(text):
        return None
    return text.count('":')


def keys_given(value: object) -> int:
    """The keys the file gave the validated ``value`` (a model, or a list or dict of them).

    A model counts the fields its input set, a dict its keys; each is a
    distinct key of one object of the file. So the count is never above the
    number of keys of the file, and equals it when every object of the file
    became a model or a dict and gave no key twice.

    >>> from pydantic import BaseModel
    >>> class Inner(BaseModel):
    ...     x: int = 0
    >>> class Outer(BaseModel):
    ...     inner: tuple[Inner, ...] = ()
    ...     names: dict[str, str] = {}
    >>> keys_given(Outer.model_validate_json('{"inner": [{"x": 1}, {}], "names": {"a": "b"}}'))
    4
    """
    if isinstance(value, BaseModel):
        given = value.__pydantic_fields_set__
        count = len(given)
        for name in _nested(type(value)):
            if name in given:
                count += keys_given(getattr(value, name))
        return count
    if isinstance(value, tuple | list):
        kinds = set(map(type, value))
        if all(issubclass(kind, BaseModel) and not _nested(kind) for kind in kinds):
            # A file's events: models with nothing nested, counted in C (a tenth of the loop).
            return sum(map(len, map(_FIELDS_SET, value)))
        return sum(map(keys_given, value))
    if isinstance(value, dict):
        return len(value) + sum(keys_given(item) for item in value.values())
    return 0


#: The fields a model's input set (pydantic's attribute).
_FIELDS_SET = operator.attrgetter("__pydantic_fields_set__")


@cache
def _nested(model: type[BaseModel]) -> tuple[str, ...]:
    """The fields of ``model`` that may hold a model or a dict: the ones :func:`keys_given` opens."""
    return tuple(name for name, info in model.model_fields.items() if _holds_objects(info.annotation))


def _holds_objects(annotation: Any) -> bool:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return True
    if typing.get_origin(annotation) is dict:
        return True
    if typing.get_origin(annotation) is typing.Literal:
        return False
    return any(_holds_objects(arg) for arg in typing.get_args(annotation))


class _Twice(dict[str, Any]):
    """An object of the file that gives ``key`` ``count`` times."""

    key: str
    count: int


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    found = dict(pairs)
    if len(found) == len(pairs):
        return found
    counts: dict[str, int] = {}
    for key, _value in pairs:
        counts[key] = counts.get(key, 0) + 1
    twice = _Twice(found)
    twice.key, twice.count = next((key, count) for key, count in counts.items() if count > 1)
    return twice


def duplicate_key(text: str) -> tuple[str, str, int] | None:
    """The first object of the JSON ``text`` that gives a key more than once: its place (a
    JSON path, ``""`` for the whole file), the key, and how often; ``None`` if none does.

    Text that is not JSON has none (its own error is reported elsewhere).

    >>> duplicate_key('{"events": [{"on": "2027-04-01"}, {"on": "2027-04-01", "on": "2027-05-01"}]}')
    ('events[1]', 'on', 2)
    >>> duplicate_key('{"a": 1}') is None
    True
    """
    try:  # numbers stay text: nothing is converted, and a 5,000-digit number is no error here
        tree = json.loads(text, object_pairs_hook=_pairs, parse_int=str, parse_float=str,
                          parse_constant=str)
    except (ValueError, RecursionError):
        return None
    return next(_twice(tree, ""), None)


def _twice(node: object, place: str) -> Iterator[tuple[str, str, int]]:
    """Every object that gives a key more than once, in the file's order."""
    if isinstance(node, _Twice):
        yield place, node.key, node.count
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _twice(value, f"{place}.{key}" if place else key)
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _twice(value, f"{place}[{i}]")
