"""The sources a user can open: one list as data, and every citation the library writes resolves to it.

A citation is one or more parts separated by ``;`` (outside brackets), each
starting with a key of ``data/sources.json``; ``docs/sources.md`` is generated
from that file by ``tools/make_sources.py``.
"""

from __future__ import annotations

import copy
import datetime as dt
import importlib.util
import json
import re
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from helpers import REPOSITORY, hand_broken_inkoop2022, run_cli

import achterhoek_inkoop as ai
from achterhoek_inkoop._files import parse_model
from achterhoek_inkoop._sources import SourceList, citation_parts
from achterhoek_inkoop.calendar import LEGAL_SOURCE
from achterhoek_inkoop.calendar._decrees import bundled_decrees

PACKAGE = Path(ai.__file__).resolve().parent
DATA = resources.files("achterhoek_inkoop") / "data"
SOURCES_TEXT = (DATA / "sources.json").read_text(encoding="utf-8")

#: What the package must never cite: the team's internal reference (also by its bare section
#: numbers, "(A1)", "(B1, B4)") and its announcements.
INTERNAL = re.compile(r"\bDOMAIN\b|DOMAIN\.md|(?i:\bseeds?\b)|\((?:[ABC][1-7](?:, )?)+\)")


def _tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_sources", REPOSITORY / "tools" / "make_sources.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# -- the list ----------------------------------------------------------------------------------

def test_the_sources_file_loads_and_every_key_is_unique() -> None:
    raw = json.loads(SOURCES_TEXT)["sources"]
    keys = [s["key"] for s in raw]
    assert len(keys) == len(set(keys))
    assert list(ai.sources()) == keys
    for key, source in ai.sources().items():
        assert isinstance(source, ai.Source)
        assert source.key == key
        assert source.citation.strip()


def test_a_repeated_key_is_a_data_file_error() -> None:
    data = json.loads(SOURCES_TEXT)
    data["sources"].append(copy.deepcopy(data["sources"][0]))
    with pytest.raises(ai.DataFileError, match="used more than once"):
        parse_model(SourceList, json.dumps(data), "sources.json")


@pytest.mark.parametrize("key", [
    "Aw 2012", "Atw", "Richtlijn 2014/24/EU", "Richtlijn 2007/66/EG", "Verordening 1182/71",
    "ECLI:NL:RBGEL:2025:5590", "ECLI:NL:RBDHA:2021:1251", "Hof Den Haag 20-04-2021",
    "Besluit van 30 januari 2013", "SDA 2020-11-24", "SDA 2022-03-14",
])
def test_the_sources_the_library_rests_on_are_listed(key: str) -> None:
    assert key in ai.sources()


def test_locations_are_only_the_certain_ones() -> None:
    for key, source in ai.sources().items():
        if key.startswith("ECLI:"):
            assert source.kind == "case law"
            assert source.location == f"https://uitspraken.rechtspraak.nl/details?id={key}"
        elif source.kind == "publication":
            # The region's own site is the publisher's, never the address of the item.
            assert source.location is None
            assert source.site == "https://www.sociaaldomeinachterhoek.nl"
        elif source.location is not None:
            assert source.location.startswith(("https://eur-lex.europa.eu/", "https://wetten.overheid.nl/BWBR"))
        if source.location is None and source.kind != "publication":
            assert source.note, f"{key}: say why there is no location"


def test_the_docs_page_is_what_the_tool_generates() -> None:
    committed = (REPOSITORY / "docs" / "sources.md").read_text(encoding="utf-8")
    assert committed == _tool().render(), "run: python tools/make_sources.py"


def test_the_docs_page_lists_every_source_once() -> None:
    text = _tool().render()
    for key, source in ai.sources().items():
        assert text.count(f"- **{key}**:") == 1
        if source.location is not None:
            assert f"<{source.location}>" in text


# -- checking a citation -----------------------------------------------------------------------

def test_check_citation_returns_the_keys_in_order_each_once() -> None:
    assert ai.check_citation("Aw 2012 art. 2.127 lid 3; Atw art. 1") == ("Aw 2012", "Atw")
    assert ai.check_citation("Aw 2012 art. 2.127 lid 1; Aw 2012 art. 2.127 lid 2") == ("Aw 2012",)
    assert ai.check_citation("ECLI:NL:RBGEL:2025:5590") == ("ECLI:NL:RBGEL:2025:5590",)
    assert ai.check_citation("SDA 2020-11-24 (a; b); SDA news") == ("SDA 2020-11-24", "SDA news")


def test_a_semicolon_in_brackets_does_not_split() -> None:
    assert citation_parts("Atw art. 1 (x; y); Aw 2012") == ("Atw art. 1 (x; y)", "Aw 2012")


@pytest.mark.parametrize("text", [
    "Aanbestedingswet 2012 art. 2.127",   # the full name is the citation, not the key
    "Atw art. 1; see above",              # every part must start with a key
    "Atwx art. 1",                        # a key ends at a word boundary
    "SDA 2020-11-2",
    "ECLI:NL:RBGEL:2025:55901",
    "",
    "Atw art. 1;",
    "assumption: sent on the publication date",  # an assumption only where allowed
])
def test_check_citation_refuses_a_part_without_a_key(text: str) -> None:
    with pytest.raises(ai.InvalidInputError) as info:
        ai.check_citation(text)
    assert info.value.field == "citation"
    assert info.value.value == text


def test_check_citation_refuses_what_is_not_text() -> None:
    with pytest.raises(ai.InvalidInputError, match="is not a text"):
        ai.check_citation(None)  # type: ignore[arg-type]


def test_an_assumption_part_is_allowed_only_when_asked_for() -> None:
    text = "SDA 2022-03-14; assumption: the award decision was sent on the publication date"
    assert ai.check_citation(text, assumptions=True) == ("SDA 2022-03-14",)
    with pytest.raises(ai.InvalidInputError):
        ai.check_citation(text)
    with pytest.raises(ai.InvalidInputError):
        ai.check_citation("SDA 2022-03-14; assumption:", assumptions=True)  # an empty reason


# -- every citation the library writes resolves -----------------------------------------------

@pytest.mark.parametrize("rule_id", sorted(ai.RULES))
def test_every_rule_cites_known_sources(rule_id: str) -> None:
    assert ai.check_citation(ai.RULES[rule_id].source)


def test_the_rules_cite_what_they_rest_on() -> None:
    cited = {rid: ai.check_citation(rule.source) for rid, rule in ai.RULES.items()}
    assert cited["dialoog-tijdens-aanbesteding"][0] == "SDA 2020-11-24"
    assert ai.RULES["definitieve-gunning-voor-einde-standstill"].source.startswith("Aw 2012 art. 2.127")
    assert "Aw 2012 art. 2.127 lid 3" in ai.RULES["standstill-minimum"].source
    assert "ECLI:NL:RBGEL:2025:5590" in cited["kort-geding-na-standstill"]
    assert cited["contractduur-maximum"] == ("SDA 2022-03-14", "Aw 2012")
    assert "Aw 2012 art. 2.140" in ai.RULES["contractduur-maximum"].source
    assert cited["volgorde"] == ("Aw 2012",)


def test_the_standstill_cites_its_article() -> None:
    assert ai.check_citation(LEGAL_SOURCE) == ("Aw 2012",)
    period = ai.standstill_period(dt.date(2022, 3, 14))
    assert ai.check_citation(period.to_dict()["source"]) == ("Aw 2012",)


def _periods() -> Iterator[ai.Period]:
    day = dt.date(2016, 12, 1)
    while day < dt.date(2029, 1, 31):
        yield ai.standstill_period(day)
        yield ai.statutory_period(day, 3)
        day += dt.timedelta(days=1)
    for calendar in (ai.Calendar(uncovered="pattern"), ai.Calendar()):
        for year in (1967, 1981, 2021, 2040):
            for month in range(1, 13):
                yield ai.statutory_period(dt.date(year, month, 1), 20, calendar=calendar)
                yield ai.statutory_period(dt.date(year, month, 24), 3, calendar=calendar)


def test_every_extension_article_cites_a_known_source() -> None:
    articles = {e.article for p in _periods() for e in p.extensions}
    assert articles == {"Atw art. 1", "Atw art. 2"}
    for article in articles:
        assert ai.check_citation(article) == ("Atw",)


@pytest.mark.parametrize("uncovered", ["statutory", "pattern"])
def test_every_holiday_cites_known_sources(uncovered: Any) -> None:
    calendar = ai.Calendar(uncovered=uncovered)
    found = {h.source for year in range(1949, 2101) for h in calendar.holidays(year)}
    for source in found:
        assert ai.check_citation(source)
    assert any("Besluit van 30 januari 2013" in s for s in found)


@pytest.mark.parametrize("decree", bundled_decrees().decrees, ids=lambda d: d.id)
def test_every_decree_citation_starts_with_its_key(decree: Any) -> None:
    (key,) = ai.check_citation(decree.citation)
    assert ai.sources()[key].kind == "decree"


def _source_fields(node: object, place: str = "") -> Iterator[tuple[str, str]]:
    if isinstance(node, dict):
        for name, value in node.items():
            if name == "source" and isinstance(value, str):
                yield f"{place}.{name}", value
            else:
                yield from _source_fields(value, f"{place}.{name}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _source_fields(value, f"{place}[{i}]")


#: Every bundled procedure file, with the fewest source fields it has (a file that lost its sources fails).
BUNDLED_FILES = {"inkoop2022.json": 30, "jeugdhulp2026.json": 15}


def test_the_bundled_files_are_every_procedure_file_in_the_package() -> None:
    found = {p.name for p in DATA.iterdir() if p.name.endswith(".json")}
    assert found - {"sources.json", "gelijkgestelde_dagen.json"} == set(BUNDLED_FILES)


@pytest.mark.parametrize(("name", "at_least"), BUNDLED_FILES.items())
def test_every_source_in_the_bundled_data_resolves(name: str, at_least: int) -> None:
    bundled = json.loads((DATA / name).read_text(encoding="utf-8"))
    fields = list(_source_fields(bundled))
    assert len(fields) > at_least
    listed = set(bundled["sources"])
    assert listed <= set(ai.sources())
    used: set[str] = set()
    for place, text in fields:
        keys = ai.check_citation(text, assumptions=True)
        assert keys, place
        used.update(keys)
    assert used == listed  # the file's own list names exactly the sources it uses


# -- nothing cites the team's internal reference ----------------------------------------------

def test_the_package_never_cites_the_internal_reference() -> None:
    found = []
    for path in sorted(PACKAGE.rglob("*")):
        if not path.is_file() or path.suffix not in (".py", ".json", ".typed", ".md", ".txt"):
            continue
        if "strategies" in path.relative_to(PACKAGE).parts:
            continue  # cleaned separately
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if INTERNAL.search(line):
                found.append(f"{path.relative_to(PACKAGE)}:{number}: {line.strip()}")
    assert found == []


def test_the_pattern_finds_what_it_must() -> None:
    assert INTERNAL.search("(DOMAIN.md A1)")
    assert INTERNAL.search("see DOMAIN B4")
    assert INTERNAL.search("seed 2020-11-24")
    assert INTERNAL.search("the Seeds")
    assert INTERNAL.search("a registration for a Bestuurlijk Overleg (A1)")
    assert INTERNAL.search("the only communication (B1, B4)")
    assert not INTERNAL.search("Atw art. 3 (lid 1)")
    assert not INTERNAL.search("DOMAIN_LABELS: the social domain")  # a name, not a reference


def test_the_command_line_never_cites_the_internal_reference(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bundled = tmp_path / "inkoop2022.json"
    ai.inkoop2022().save(bundled)
    broken = hand_broken_inkoop2022(tmp_path / "broken.json")
    runs = [
        ("check", str(bundled)), ("check", str(bundled), "--json"),
        ("check", str(broken)), ("check", str(broken), "--json"),
        ("deadline", "--sent", "2022-03-14"), ("deadline", "--sent", "2022-03-14", "--json"),
        ("deadline", "--sent", "2024-12-23", "--days", "3"),
    ]
    for on in ("2020-12-01", "2021-05-01", "2022-03-20", "2022-11-20", "2025-07-01"):
        runs += [("status", "--on", on), ("status", "--on", on, "--json")]
    outputs = []
    for argv in runs:
        code, out, err = run_cli(capsys, *argv)
        assert code in (0, 1), (argv, err)
        assert not INTERNAL.search(out + err), argv
        outputs.append(out)
    broken_json = json.loads(outputs[3])
    assert {v["rule"] for v in broken_json} == {"dialoog-tijdens-aanbesteding", "contractduur-maximum"}
    for v in broken_json:
        assert ai.check_citation(v["source"])
