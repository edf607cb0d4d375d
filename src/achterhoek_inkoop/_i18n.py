"""The languages the library speaks: Dutch and English, through gettext catalogs.

English is the source language: a text is written in English in the code,
marked for translation, and the Dutch of it lives in the catalog
``locale/nl/LC_MESSAGES/achterhoek_inkoop.po``, compiled to the ``.mo`` next
to it that ships in the wheel (setuptools does not compile catalogs, so the
compiled file is committed and a test checks that it matches the ``.po``).
Legal citations (``Aw 2012 art. 2.127``) stay as the law writes them and are
never marked.

Where the library renders text it takes ``lang=`` and asks
:func:`translations` for the catalog of that language; it never looks at the
environment itself. Only the command line follows the locale
(:func:`lang_from_environment`), as only the command line defaults a date to
today.

``tools/i18n.py`` extracts the marked texts (``pybabel extract``, with
``babel.cfg``), updates the catalogs and compiles them.

>>> translations("nl").gettext("Next deadlines")
'Volgende termijnen'
>>> translations("en").gettext("Next deadlines")
'Next deadlines'
"""

from __future__ import annotations

import functools
import gettext
import io
from collections.abc import Mapping

from ._data import bundled_bytes
from ._exceptions import InkoopError, InvalidInputError
from ._text import N_, Text

__all__ = ["CATALOG", "LANGUAGES", "N_", "check_lang", "lang_from_environment", "translations"]

#: The languages the library speaks; the first is the default where a function takes ``lang``.
LANGUAGES = ("nl", "en")
#: The gettext domain: the catalogs are ``locale/<lang>/LC_MESSAGES/achterhoek_inkoop.mo``.
CATALOG = "achterhoek_inkoop"
#: The source language: its texts are the msgids, so it needs no catalog.
_SOURCE = "en"


def check_lang(value: object) -> str:
    """``value`` if it is a language of the library, else the library's error naming ``lang``.

    >>> check_lang("nl")
    'nl'
    >>> check_lang("de")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    achterhoek_inkoop._exceptions.InvalidInputError: lang: 'de' is not a language of the library ...
    """
    if not isinstance(value, str) or value not in LANGUAGES:
        raise InvalidInputError("lang", value, Text("is not a language of the library (give 'nl' or 'en')"))
    return value


def translations(lang: str) -> gettext.NullTranslations:
    """The catalog of ``lang`` (``"nl"`` or ``"en"``): its ``gettext`` and ``ngettext``.

    English, the source language, is the texts as written. The Dutch catalog
    is read from the package data once and kept.

    Raises :class:`InvalidInputError` for another language, and
    :class:`InkoopError` when the package was installed without its compiled
    catalog.
    """
    return _load(check_lang(lang))


@functools.cache
def _load(lang: str) -> gettext.NullTranslations:
    if lang == _SOURCE:
        return gettext.NullTranslations()
    place = ("locale", lang, "LC_MESSAGES", f"{CATALOG}.mo")
    try:
        data = bundled_bytes(*place)  # not importlib.resources: slow to import (see _data)
    except OSError:
        # English only: the Dutch of this message would come from the very catalog that is missing.
        raise InkoopError(f"the compiled catalog for {lang!r} is missing from the package "
                          f"({'/'.join(place)}): run tools/i18n.py compile") from None
    return gettext.GNUTranslations(io.BytesIO(data))


def lang_from_environment(environ: Mapping[str, str]) -> str:
    """The language the locale in ``environ`` asks for: ``nl`` when it is Dutch, else ``en``.

    The first of ``LC_ALL``, ``LC_MESSAGES`` and ``LANG`` that is set decides,
    in the order POSIX gives them precedence; a value starting with ``nl``
    (``nl_NL.UTF-8``, ``nl_BE``) is Dutch. For the command line, which passes
    ``os.environ``: the library itself never reads the environment.

    >>> lang_from_environment({"LANG": "nl_NL.UTF-8"})
    'nl'
    >>> lang_from_environment({"LANG": "nl_NL.UTF-8", "LC_ALL": "C"})
    'en'
    >>> lang_from_environment({})
    'en'
    """
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name, "")
        if value:
            return "nl" if value.lower().startswith("nl") else "en"
    return "en"
