"""Sentences kept on results in both languages, built once by one builder per sentence.

A builder takes a language's ``gettext`` and returns the sentence in that
language; :func:`both` calls it with the English and the Dutch catalog, so a
period's reasons and notes are made in the two languages where they are made
at all, and the English stays the text it always was.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from .._i18n import check_lang, translations

__all__ = ["Gettext", "Text", "both", "both_all", "gettext_for", "pick"]

#: A language's ``gettext``: the English msgid in, the text in that language out.
Gettext = Callable[[str], str]
#: A sentence not yet in a language: built by calling it with a :data:`Gettext`.
Text = Callable[[Gettext], str]


def gettext_for(lang: str) -> Gettext:
    """The ``gettext`` of ``lang`` (checked: ``"nl"`` or ``"en"``)."""
    return translations(check_lang(lang)).gettext


def both(text: Text) -> tuple[str, str]:
    """``text`` in English and in Dutch."""
    return text(gettext_for("en")), text(gettext_for("nl"))


def both_all(texts: Iterable[Text]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Each of ``texts`` in English, and each in Dutch, in the same order."""
    built = [both(t) for t in texts]
    return tuple(en for en, _ in built), tuple(nl for _, nl in built)


def pick(lang: str, english: str, dutch: str | None) -> str:
    """``english`` or ``dutch`` by ``lang``; the English where no Dutch was made."""
    return dutch if check_lang(lang) == "nl" and dutch else english
