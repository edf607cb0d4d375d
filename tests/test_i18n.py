"""The gettext catalogs: every text the library marks has its Dutch, and what ships is what was translated.

English is the source language (the msgids); the Dutch is in
``locale/nl/LC_MESSAGES/achterhoek_inkoop.po`` and its compiled ``.mo``, which
ships in the wheel. ``tools/i18n.py`` extracts, updates and compiles them.
"""

from __future__ import annotations

import gettext
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

import achterhoek_inkoop as ai
from achterhoek_inkoop._exceptions import InvalidInputError
from achterhoek_inkoop._i18n import LANGUAGES, check_lang, lang_from_environment, translations

PACKAGE = Path(ai.__file__).resolve().parent
ROOT = PACKAGE.parents[1]
MESSAGES = PACKAGE / "locale" / "nl" / "LC_MESSAGES"
PO = MESSAGES / "achterhoek_inkoop.po"
MO = MESSAGES / "achterhoek_inkoop.mo"
FIX = "run: python tools/i18n.py (extract, update), translate, then python tools/i18n.py compile"


def _po() -> Catalog:
    with PO.open("rb") as handle:
        return read_po(handle)


def _messages(catalog: Catalog) -> dict[object, object]:
    """msgid -> msgstr, a plural's forms as tuples (the .mo reader gives lists, the .po reader tuples)."""
    def plain(value: object) -> object:
        return tuple(value) if isinstance(value, list | tuple) else value

    return {plain(m.id): plain(m.string) for m in catalog if m.id}


def test_every_message_has_its_dutch() -> None:
    untranslated = [m.id for m in _po() if m.id and not all(m.string if isinstance(m.string, tuple)
                                                            else [m.string])]
    assert untranslated == [], f"no Dutch for these texts: {FIX}"


def test_no_dutch_translation_is_fuzzy() -> None:
    catalog = _po()
    assert not catalog.fuzzy
    assert [m.id for m in catalog if m.id and m.fuzzy] == [], f"fuzzy (check the Dutch): {FIX}"


def test_the_placeholders_of_every_translation_match_its_text() -> None:
    # Babel's checks: the same %(name)s placeholders in msgid and msgstr, plural forms complete.
    problems = [(m.id, [str(e) for e in errors]) for m, errors in _po().check()]
    assert problems == []


def test_the_catalog_holds_exactly_the_texts_the_code_marks() -> None:
    with (ROOT / "babel.cfg").open() as handle:
        method_map, options_map = parse_mapping_cfg(handle)
    marked = {message for _file, _line, message, _comments, _context in extract_from_dir(
        str(ROOT / "src"), method_map, options_map, keywords={"_": None, "gettext": None,
                                                               "ngettext": (1, 2), "N_": None, "Text": None})}
    in_catalog = {m.id for m in _po() if m.id}
    assert sorted(map(str, marked - in_catalog)) == [], f"texts not in the catalog: {FIX}"
    assert sorted(map(str, in_catalog - marked)) == [], f"texts no longer in the code: {FIX}"


def test_the_compiled_catalog_is_the_po_file() -> None:
    with MO.open("rb") as handle:
        compiled = read_mo(handle)
    assert _messages(compiled) == _messages(_po()), f"the .mo is older than the .po: {FIX}"
    assert compiled.plural_forms == _po().plural_forms


def test_the_compiled_catalog_ships_as_package_data() -> None:
    pyproject = (ROOT / "pyproject.toml").read_text()
    assert '"locale/*/LC_MESSAGES/*.mo"' in pyproject
    assert '"exports/templates/*.j2"' in pyproject


def test_translations_speak_dutch_and_english() -> None:
    assert translations("nl").gettext("Next deadlines") == "Volgende termijnen"
    assert translations("en").gettext("Next deadlines") == "Next deadlines"
    assert translations("nl").ngettext("%(num)s day", "%(num)s days", 2) == "%(num)s dagen"
    assert isinstance(translations("en"), gettext.NullTranslations)
    assert translations("nl") is translations("nl")  # read once


@pytest.mark.parametrize("bad", ["de", "NL", "", None, 1, ["nl"]])
def test_another_language_is_refused_naming_lang(bad: object) -> None:
    with pytest.raises(InvalidInputError) as info:
        check_lang(bad)
    assert info.value.field == "lang"
    assert info.value.value == bad
    with pytest.raises(InvalidInputError):
        translations(bad)  # type: ignore[arg-type]


def test_languages() -> None:
    assert LANGUAGES == ("nl", "en")


@pytest.mark.parametrize(("environ", "lang"), [
    ({"LANG": "nl_NL.UTF-8"}, "nl"),
    ({"LANG": "nl_BE.UTF-8"}, "nl"),
    ({"LANG": "en_GB.UTF-8"}, "en"),
    ({"LANG": "C.UTF-8"}, "en"),
    ({}, "en"),
    ({"LANG": "en_US.UTF-8", "LC_MESSAGES": "nl_NL.UTF-8"}, "nl"),
    ({"LANG": "nl_NL.UTF-8", "LC_ALL": "C"}, "en"),
    ({"LANG": "nl_NL.UTF-8", "LC_ALL": ""}, "nl"),
])
def test_the_locale_decides_the_language_of_the_command_line(environ: dict[str, str], lang: str) -> None:
    assert lang_from_environment(environ) == lang
