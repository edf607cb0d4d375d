"""Extract, update and compile the gettext catalogs (run: python tools/i18n.py [extract|update|compile]).

English is the source language: the texts marked in the code (``_()``,
``gettext``, ``ngettext``, ``N_``, ``Text``, and ``{{ _() }}`` in the Jinja2 templates)
are the msgids. The steps, each a ``pybabel`` command (Babel, in the ``test``
extra):

- ``extract``: read ``src/`` as ``babel.cfg`` says, write the template
  ``src/achterhoek_inkoop/locale/achterhoek_inkoop.pot``;
- ``update``: merge the template into every language's ``.po`` (a new text
  arrives untranslated, a changed one fuzzy: the tests fail until a person
  has translated it);
- ``compile``: write each ``.po`` as the ``.mo`` next to it, which ships in
  the wheel (setuptools does not compile catalogs) and is committed.

Without an argument all three run, in that order. After translating, run
``compile`` again; ``tests/test_i18n.py`` fails while a text has no Dutch, a
translation is fuzzy, or a ``.mo`` is older than its ``.po``.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from babel.messages.frontend import CommandLineInterface

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "src" / "achterhoek_inkoop" / "locale"
CATALOG = "achterhoek_inkoop"
TEMPLATE = LOCALE / f"{CATALOG}.pot"
#: The languages with a catalog: not English, the source language.
TRANSLATED = ("nl",)


def pybabel(*args: str) -> None:
    """Run one ``pybabel`` command in the repository's root (the catalogs name files from there)."""
    here = Path.cwd()
    os.chdir(ROOT)
    try:
        CommandLineInterface().run(["pybabel", "--quiet", *args])
    finally:
        os.chdir(here)


def extract() -> None:
    pybabel("extract", "--mapping-file", str(ROOT / "babel.cfg"), "--output-file", str(TEMPLATE),
            "--project", CATALOG, "--copyright-holder", "Sociaal Domein Achterhoek",
            "--msgid-bugs-address", "-", "--sort-by-file", "--no-wrap", "--add-comments", "TRANSLATORS:",
            "--keywords", "N_", "--keywords", "Text", "src")


def update() -> None:
    for lang in TRANSLATED:
        po = LOCALE / lang / "LC_MESSAGES" / f"{CATALOG}.po"
        if po.exists():
            pybabel("update", "--input-file", str(TEMPLATE), "--output-dir", str(LOCALE),
                    "--domain", CATALOG, "--locale", lang, "--no-wrap", "--ignore-obsolete")
        else:
            pybabel("init", "--input-file", str(TEMPLATE), "--output-dir", str(LOCALE),
                    "--domain", CATALOG, "--locale", lang, "--no-wrap")


def compile_catalogs() -> None:
    pybabel("compile", "--directory", str(LOCALE), "--domain", CATALOG, "--statistics")


STEPS = {"extract": [extract], "update": [update], "compile": [compile_catalogs],
         "all": [extract, update, compile_catalogs]}


def main(argv: list[str]) -> int:
    step = argv[0] if argv else "all"
    if step not in STEPS or len(argv) > 1:
        print(f"usage: python tools/i18n.py [{'|'.join(STEPS)}]", file=sys.stderr)
        return 2
    for run in STEPS[step]:
        run()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
