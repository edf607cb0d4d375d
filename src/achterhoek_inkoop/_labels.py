"""The words a person reads for a state, a phase or an event: the Dutch term and an English gloss."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Label"]


@dataclass(frozen=True, slots=True)
class Label:
    """A Dutch legal or domain term (``nl``) and its English gloss (``en``).

    The Dutch term is what an officer knows the thing by; the gloss explains it
    to a reader without Dutch procurement vocabulary.

    >>> Label("voorlopig gegund", "provisionally awarded").both
    'voorlopig gegund (provisionally awarded)'
    """

    nl: str
    en: str

    @property
    def both(self) -> str:
        """The Dutch term with the English gloss in brackets."""
        return f"{self.nl} ({self.en})"
