"""The sources the library cites: acts, case law, decrees and the region's publications.

Each source has a ``key`` that reads as a citation (``"Aw 2012"``, ``"Atw"``,
``"ECLI:NL:RBGEL:2025:5590"``, ``"SDA 2022-03-14"``), its full citation, and
where a reader can open it. The list is data, ``data/sources.json``; the
repository's ``docs/sources.md`` is generated from it.

Every source text the library writes (a rule's source, a holiday's, the
standstill's) is a *citation*: one or more parts separated by ``;``, each
starting with a key, e.g. ``"Aw 2012 art. 2.127 lid 3; Atw art. 1"``.

>>> check_citation("Aw 2012 art. 2.127 lid 3; Atw art. 1")
('Aw 2012', 'Atw')
>>> sources()["Atw"].location
'https://wetten.overheid.nl/BWBR0002448'
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from importlib import resources
from types import MappingProxyType
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from ._exceptions import InvalidInputError
from ._files import parse_model
from ._text import Text

__all__ = ["Source", "SourceKind", "SourceList", "check_citation", "citation_parts", "sources"]

SourceKind = Literal["law", "case law", "decree", "publication"]

#: The label of a part that states an assumption instead of citing a source.
ASSUMPTION = "assumption:"


class Source(BaseModel):
    """One source: its ``key``, ``kind``, full ``citation`` and where to open it.

    ``location`` is the address of the source itself, where it is known for
    certain; ``site`` the publisher's site, for a publication whose own
    address is not recorded; ``note`` says what was not seen or confirmed.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    key: str = Field(min_length=1, pattern=r"^[^;\s](?:[^;]*[^;\s])?$")
    kind: SourceKind
    citation: str = Field(min_length=1)
    location: str | None = Field(default=None, pattern=r"^https://\S+$")
    site: str | None = Field(default=None, pattern=r"^https://\S+$")
    note: str | None = None


class SourceList(BaseModel):
    """Every source, each key once."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    comment: str | None = Field(default=None, alias="$comment")
    sources: tuple[Source, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique_keys(self) -> SourceList:
        seen: set[str] = set()
        for source in self.sources:
            if source.key in seen:
                raise ValueError(Text("the key %(key)s is used more than once", key=repr(source.key)))
            seen.add(source.key)
        return self


_LABEL = "achterhoek_inkoop/data/sources.json"


@cache
def _bundled() -> Mapping[str, Source]:
    text = (resources.files("achterhoek_inkoop") / "data" / "sources.json").read_bytes()
    found = parse_model(SourceList, text, _LABEL)
    return MappingProxyType({s.key: s for s in found.sources})


def sources() -> Mapping[str, Source]:
    """Every source the library cites, by key, in the order of ``data/sources.json`` (read once)."""
    return _bundled()


def citation_parts(text: str) -> tuple[str, ...]:
    """The ``;``-separated parts of a citation, stripped; a ``;`` inside brackets does not split.

    >>> citation_parts("SDA 2020-11-24 (registration; delegation); Aw 2012 art. 2.127")
    ('SDA 2020-11-24 (registration; delegation)', 'Aw 2012 art. 2.127')
    """
    parts: list[str] = []
    depth = 0
    current = ""
    for char in text:
        if char in "([":
            depth += 1
        elif char in ")]":
            depth = max(depth - 1, 0)
        if char == ";" and depth == 0:
            parts.append(current.strip())
            current = ""
        else:
            current += char
    parts.append(current.strip())
    return tuple(parts)


def _key_of(part: str, known: Mapping[str, Source]) -> str | None:
    """The longest key ``part`` starts with, ending at a word boundary, or None."""
    best: str | None = None
    for key in known:
        if part.startswith(key):
            rest = part[len(key):]
            if (not rest or not (rest[0].isalnum() or rest[0] in "-/_.")) and (
                    best is None or len(key) > len(best)):
                best = key
    return best


def check_citation(text: str, *, assumptions: bool = False) -> tuple[str, ...]:
    """The keys a citation cites, in order, each once; raise if a part does not start with a key.

    Each ``;``-separated part of ``text`` (outside brackets) must start with a
    key of :func:`sources`. With ``assumptions=True`` a part may instead
    start with ``"assumption:"`` and state a fact the sources do not give.

    Raises:
        InvalidInputError: ``text`` is not a text, is empty, or has a part
            that does not start with a known key.

    >>> check_citation("SDA 2022-03-14; assumption: sent on the publication date", assumptions=True)
    ('SDA 2022-03-14',)
    >>> check_citation("Aanbestedingswet 2012 art. 2.127")
    Traceback (most recent call last):
    ...
    achterhoek_inkoop._exceptions.InvalidInputError: citation: 'Aanbestedingswet 2012 art. 2.127' \
has a part that starts with no known source key: 'Aanbestedingswet 2012 art. 2.127'
    """
    if not isinstance(text, str):
        raise InvalidInputError("citation", text, Text("is not a text"))
    known = sources()
    keys: list[str] = []
    for part in citation_parts(text):
        if assumptions and part.startswith(ASSUMPTION) and part[len(ASSUMPTION):].strip():
            continue
        key = _key_of(part, known)
        if key is None:
            problem = Text("has a part that starts with no known source key: %(part)s", part=repr(part))
            raise InvalidInputError("citation", text, problem)
        if key not in keys:
            keys.append(key)
    if not keys and not assumptions:
        raise InvalidInputError("citation", text, Text("cites no source"))
    return tuple(keys)
