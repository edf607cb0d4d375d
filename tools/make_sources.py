"""Write docs/sources.md from src/achterhoek_inkoop/data/sources.json (run: python tools/make_sources.py).

``--check`` writes nothing and exits 1 when docs/sources.md is not what this
tool would write. The test suite checks the same.
"""

from __future__ import annotations

import sys
from pathlib import Path

from achterhoek_inkoop import Source, sources

TARGET = Path(__file__).resolve().parent.parent / "docs" / "sources.md"

#: The sections of the page, in order, by kind.
SECTIONS = (
    ("law", "Acts and EU law"),
    ("case law", "Case law"),
    ("decree", "Decrees"),
    ("publication", "Publications of the Sociaal Domein Achterhoek"),
)

INTRO = """\
# Sources

Every source the library cites, once. A source text in the library's output
(a rule's `source`, a holiday's, the Alcatel standstill's, an event's in the
bundled data) is one or more parts separated by `;`, each starting with one of
the keys below, e.g. `Aw 2012 art. 2.127 lid 3; Atw art. 1`. A part starting
with `assumption:` states a fact the sources do not give.

`achterhoek_inkoop.sources()` gives the same list as data, and
`achterhoek_inkoop.check_citation()` checks a source text against it.

<!-- Generated from src/achterhoek_inkoop/data/sources.json by tools/make_sources.py; do not edit. -->
"""


def _entry(source: Source) -> str:
    lines = [f"- **{source.key}**: {source.citation}."]
    if source.location is not None:
        lines.append(f"  Location: <{source.location}>.")
    elif source.site is not None:
        lines.append(f"  Location: not recorded; publisher's site: <{source.site}>.")
    else:
        lines.append("  Location: not recorded.")
    if source.note:
        lines.append(f"  {source.note}")
    return "  \n".join(lines)


def render() -> str:
    """The text of docs/sources.md."""
    out = [INTRO]
    for kind, title in SECTIONS:
        entries = [_entry(s) for s in sources().values() if s.kind == kind]
        if entries:
            out.append(f"## {title}\n\n" + "\n".join(entries) + "\n")
    return "\n".join(out)


def main(argv: list[str]) -> int:
    text = render()
    if "--check" in argv:
        current = TARGET.read_text(encoding="utf-8") if TARGET.exists() else ""
        if current != text:
            print(f"{TARGET} is out of date: run python tools/make_sources.py", file=sys.stderr)
            return 1
        return 0
    TARGET.write_text(text, encoding="utf-8", newline="\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
