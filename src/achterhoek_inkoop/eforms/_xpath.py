"""The small part of XPath the SDK's field paths use, evaluated on ElementTree elements.

The standard library's ``findall`` cannot read a predicate on a child's
attribute (``[cbc:ID/@schemeName='Lot']``) or a parent (``..``), both of
which the SDK's ``fields.json`` uses; lxml could, but is a compiled
dependency for a handful of paths. So the paths of ``_fields.FIELDS`` are
compiled here, once, into steps: a child name, ``*``, ``..``, ``@attr``
or ``text()``, each element step with predicates of the form
``path='literal'``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

__all__ = ["NAMESPACES", "Node", "Path", "compile_path"]

#: The prefixes of the SDK's XPaths (eForms SDK, ``fields/fields.json``).
NAMESPACES = {
    "cbc": "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2",
    "cac": "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2",
    "ext": "urn:oasis:names:specification:ubl:schema:xsd:CommonExtensionComponents-2",
    "efac": "http://data.europa.eu/p27/eforms-ubl-extension-aggregate-components/1",
    "efbc": "http://data.europa.eu/p27/eforms-ubl-extension-basic-components/1",
    "efext": "http://data.europa.eu/p27/eforms-ubl-extensions/1",
}

_PREDICATE = re.compile(r"^(?P<path>.+?)='(?P<literal>[^']*)'$")


class Node:
    """An element and the node it sits in (ElementTree keeps no parents)."""

    __slots__ = ("element", "parent")

    def __init__(self, element: Any, parent: Node | None) -> None:
        self.element = element
        self.parent = parent

    def text(self) -> str:
        return (self.element.text or "").strip()


@dataclass(frozen=True)
class _Step:
    kind: str  # "child", "any", "parent", "attribute", "text"
    name: str = ""
    predicates: tuple[tuple[Path, str], ...] = ()


@dataclass(frozen=True)
class Path:
    """A compiled path: ``nodes`` gives the elements it selects, ``values`` their text or attributes."""

    text: str
    steps: tuple[_Step, ...]

    def nodes(self, start: Node) -> list[Node]:
        """The elements the path selects from ``start`` (a path ending in ``@x`` or ``text()``: none)."""
        found = [start]
        for step in self.steps:
            found = [n for node in found for n in _apply(step, node) if isinstance(n, Node)]
        return found

    def values(self, start: Node) -> list[str]:
        """The stripped text of every element the path selects, or the attribute or text it ends in."""
        found: list[Node | str] = [start]
        for step in self.steps:
            found = [n for node in found if isinstance(node, Node) for n in _apply(step, node)]
        return [n if isinstance(n, str) else n.text() for n in found]

    def first(self, start: Node) -> str | None:
        """The first non-empty value, or ``None``."""
        return next((v for v in self.values(start) if v), None)


def _apply(step: _Step, node: Node) -> list[Node | str]:
    element = node.element
    if step.kind == "attribute":
        value = element.get(step.name)
        return [] if value is None else [value.strip()]
    if step.kind == "text":
        return [(element.text or "").strip()]
    if step.kind == "parent":
        return [] if node.parent is None else [node.parent]
    children = element if step.kind == "any" else element.iterfind(step.name)
    out: list[Node | str] = []
    for child in children:
        candidate = Node(child, node)
        if all(literal in path.values(candidate) for path, literal in step.predicates):
            out.append(candidate)
    return out


def _split(text: str, separator: str) -> list[str]:
    """``text`` split at ``separator`` outside brackets and quotes."""
    parts, depth, quoted, current = [], 0, False, ""
    for char in text:
        if char == "'":
            quoted = not quoted
        elif not quoted and char == "[":
            depth += 1
        elif not quoted and char == "]":
            depth -= 1
        if char == separator and depth == 0 and not quoted:
            parts.append(current)
            current = ""
        else:
            current += char
    parts.append(current)
    return parts


def _qualified(name: str) -> str:
    prefix, _, local = name.rpartition(":")
    if not prefix:
        raise ValueError(f"the name {name!r} has no namespace prefix")
    return f"{{{NAMESPACES[prefix]}}}{local}"


def _step(text: str) -> _Step:
    if text == "*":
        return _Step("any")
    if text == "..":
        return _Step("parent")
    if text == "text()":
        return _Step("text")
    if text.startswith("@"):
        return _Step("attribute", text[1:])
    name, bracket, rest = text.partition("[")
    predicates = []
    if bracket:
        for raw in ("[" + rest).split("]["):
            match = _PREDICATE.match(raw.strip("[]"))
            if match is None:
                raise ValueError(f"unsupported predicate {raw!r}")
            predicates.append((compile_path(match["path"]), match["literal"]))
    return _Step("child", _qualified(name), tuple(predicates))


def compile_path(text: str) -> Path:
    """Compile a relative path of the SDK's subset (no leading ``/``).

    >>> compile_path("cbc:ID[@schemeName='Lot']").steps[0].kind
    'child'
    """
    if text.startswith("/"):
        raise ValueError(f"{text!r}: give a path relative to its context")
    return Path(text, tuple(_step(part) for part in _split(text, "/")))
