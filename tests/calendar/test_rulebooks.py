"""Rulebooks as data: the bundled files load, every figure cites a source, and every figure is used.

"Used" is checked by mutation: each number in a rulebook file is changed, the
file is validated again, and a fixed set of calls covering every procedure
type, stage and option (``minimum_period``) and the standstill
(``standstill_period``) must give a different result. A figure no call reads
would leave every result the same.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
from collections.abc import Iterator
from importlib import resources
from typing import Any

import pytest
from helpers import assert_invalid_input

import achterhoek_inkoop as ai
from achterhoek_inkoop._files import parse_model
from achterhoek_inkoop.calendar._rulebooks import Rulebook

D = dt.date
DATA = resources.files("achterhoek_inkoop") / "data" / "rulebooks"
RAW = {name: json.loads((DATA / f"{name}.json").read_text(encoding="utf-8")) for name in ai.RULEBOOKS}
OPTIONS = [
    {"electronic_submission": e, "free_access": f, "accelerated": a, "prior_information_notice": p}
    for e in (True, False) for f in (True, False) for a, p in ((False, False), (True, False), (False, True))
]


def test_the_bundled_rulebooks_are_the_files() -> None:
    files = sorted(p.name.removesuffix(".json") for p in DATA.iterdir() if p.name.endswith(".json"))
    assert sorted(ai.rulebook_names()) == files
    assert ai.RULEBOOKS[0] == "aw2012"
    for name in ai.RULEBOOKS:
        book = ai.rulebook(name)
        assert isinstance(book, ai.Rulebook)
        assert book.name == name
        assert ai.rulebook(name) is book  # read once


def test_an_unknown_rulebook_names_the_value_and_the_known_ones() -> None:
    with pytest.raises(ai.InvalidInputError) as info:
        ai.rulebook("aw2013")
    assert_invalid_input(info.value, "rulebook", "aw2013")
    assert "aw2012, eu-minimum" in str(info.value)
    for call in (lambda: ai.minimum_period("openbaar", D(2020, 2, 28), rulebook="x"),
                 lambda: ai.standstill_period(D(2022, 3, 14), rulebook="x")):
        with pytest.raises(ai.InvalidInputError) as info:
            call()
        assert_invalid_input(info.value, "rulebook", "x")


def _sources(node: object) -> Iterator[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key.endswith("source") and isinstance(value, str):
                yield value
            else:
                yield from _sources(value)
    elif isinstance(node, list):
        for value in node:
            yield from _sources(value)


@pytest.mark.parametrize("name", ai.RULEBOOKS)
def test_every_source_in_a_rulebook_is_a_citation(name: str) -> None:
    found = list(_sources(RAW[name]))
    assert len(found) > 20
    for text in found:
        assert ai.check_citation(text)


def test_the_figures_of_the_law() -> None:
    aw, eu = ai.rulebook("aw2012"), ai.rulebook("eu-minimum")
    assert (aw.standstill.days, aw.standstill.days_not_electronic, aw.standstill.counting) == (20, 20, "atw")
    assert aw.standstill.days_source == "Aw 2012 art. 2.127 lid 3"
    assert (eu.standstill.days, eu.standstill.days_not_electronic) == (10, 15)
    assert eu.standstill.counting == "verordening-1182-71"
    assert eu.standstill.source.startswith("Richtlijn 2007/66/EG art. 2a")
    assert "member state" in (eu.calendar.note or "")
    assert eu.calendar.source.startswith("Verordening 1182/71 art. 2")
    for book in (aw, eu):
        assert {e.procedure_type for e in book.minimum_periods} == set(ai.ProcedureType)
        assert book.minimum_counting.confirmed is False  # may only warn
        social = book.entries(ai.ProcedureType.SOCIALE_EN_ANDERE_SPECIFIEKE_DIENSTEN)
        assert [(e.days, e.confirmed) for e in social] == [(None, False)]
    assert aw.entries(ai.ProcedureType.SOCIALE_EN_ANDERE_SPECIFIEKE_DIENSTEN)[0].source.startswith(
        "Aw 2012 art. 2.38")


def test_procedure_types_and_labels() -> None:
    assert [t.value for t in ai.ProcedureType] == [
        "openbaar", "niet_openbaar", "mededingingsprocedure_met_onderhandeling",
        "concurrentiegerichte_dialoog", "innovatiepartnerschap",
        "onderhandelingsprocedure_zonder_aankondiging",
        "sociale_en_andere_specifieke_diensten", "meervoudig_onderhands", "enkelvoudig_onderhands",
    ]
    for kind in ai.ProcedureType:
        assert isinstance(kind.label, ai.Label)
        assert kind.label.nl
        assert kind.label.en
        assert kind == kind.value  # a StrEnum


# -- the files are checked when read ------------------------------------------------------------

def _broken(name: str, change: Any) -> str:
    data = copy.deepcopy(RAW[name])
    change(data)
    return json.dumps(data)


@pytest.mark.parametrize(("change", "problem"), [
    (lambda d: d["minimum_periods"][0].update(source="Aanbestedingswet art. 2.71"), "no known source key"),
    (lambda d: d["minimum_periods"].append(copy.deepcopy(d["minimum_periods"][0])), "given twice"),
    (lambda d: d["minimum_periods"].pop(), "no entry for the procedure types"),
    (lambda d: d["standstill"].update(counting="gregorian"), "counting"),
    # Working days are not counted (yet): such a rulebook is refused, never counted in calendar days.
    (lambda d: d["standstill"].update(unit="working-days"), "unit"),
    (lambda d: d["minimum_periods"][0].update(days=0), "should be at least 1"),
    (lambda d: d["minimum_periods"][0]["adjustments"][0].update(days=0), "changes nothing"),
    (lambda d: d["minimum_periods"][-1].update(stage="tenders"), "no stage"),
    (lambda d: d.update(extra=1), "extra inputs are not permitted"),
])
def test_a_wrong_rulebook_file_is_a_data_file_error(change: Any, problem: str) -> None:
    with pytest.raises(ai.DataFileError, match=problem):
        parse_model(Rulebook, _broken("aw2012", change), "aw2012.json")


# -- every figure is used -----------------------------------------------------------------------

def _results(book: Rulebook) -> list[object]:
    """What a fixed set of calls gives under ``book``: every type, stage and option, and the standstill."""
    out: list[object] = []
    sent = D(2020, 2, 28)
    for kind in ai.ProcedureType:
        for stage in ("tenders", "requests"):
            for options in OPTIONS:
                try:
                    out.append(ai.minimum_period(kind, sent, stage=stage, rulebook=book, **options).to_dict())
                except ai.InvalidInputError as exc:
                    out.append(str(exc))
    for electronic in (True, False):
        period = ai.standstill_period(D(2022, 3, 14), rulebook=book, electronic=electronic)
        out.append((period.days, period.end, period.warning, [e.article for e in period.extensions]))
        short = ai.standstill_period(D(2022, 3, 11), 1, rulebook=book, electronic=electronic)
        out.append((short.warning, short.end))
    return out


def _numbers(node: object, path: tuple[str | int, ...] = ()) -> Iterator[tuple[str | int, ...]]:
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _numbers(value, (*path, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _numbers(value, (*path, i))
    elif isinstance(node, int) and not isinstance(node, bool):
        yield path


def _figures() -> Iterator[tuple[str, tuple[str | int, ...]]]:
    for name in ai.RULEBOOKS:
        for path in _numbers(RAW[name]):
            yield name, path


@pytest.mark.parametrize(("name", "path"), list(_figures()), ids=lambda v: str(v))
def test_every_figure_is_used(name: str, path: tuple[str | int, ...]) -> None:
    data = copy.deepcopy(RAW[name])
    node: Any = data
    for part in path[:-1]:
        node = node[part]
    node[path[-1]] += 10  # enough to move a floor past what the reductions leave
    changed = parse_model(Rulebook, json.dumps(data), f"{name}.json")
    assert _results(changed) != _results(ai.rulebook(name)), f"{name}: {path} is read by nothing"


def test_every_confirmed_flag_is_used() -> None:
    # A figure marked unconfirmed turns an error into a warning: flipping each flag changes a result.
    for name in ai.RULEBOOKS:
        for i, entry in enumerate(RAW[name]["minimum_periods"]):
            data = copy.deepcopy(RAW[name])
            data["minimum_periods"][i]["confirmed"] = not entry.get("confirmed", True)
            changed = parse_model(Rulebook, json.dumps(data), f"{name}.json")
            assert _results(changed) != _results(ai.rulebook(name)), (name, i)


def test_there_are_enough_figures_to_mean_something() -> None:
    figures = list(_figures())
    assert len([f for f in figures if f[0] == "aw2012"]) >= 14
    assert len([f for f in figures if f[0] == "eu-minimum"]) >= 18


# -- the standstill under a rulebook --------------------------------------------------------------

def test_the_aw2012_standstill_is_unchanged() -> None:
    p = ai.standstill_period(D(2022, 3, 14))
    assert (p.days, p.end, p.final_from, p.rulebook, p.counting) == (20, D(2022, 4, 4), D(2022, 4, 5),
                                                                     "aw2012", "atw")
    assert ai.standstill_period(D(2022, 3, 14), 20, electronic=False).end == p.end
    data = p.to_dict()
    assert (data["rulebook"], data["source"], data["counting"]) == ("aw2012", "Aw 2012 art. 2.127", "atw")


def test_the_eu_minimum_standstill() -> None:
    p = ai.standstill_period(D(2022, 3, 14), rulebook="eu-minimum")
    assert (p.days, p.nominal_end, p.end, p.warning) == (10, D(2022, 3, 24), D(2022, 3, 24), None)
    q = ai.standstill_period(D(2022, 3, 14), rulebook="eu-minimum", electronic=False)
    assert (q.days, q.end) == (15, D(2022, 3, 29))
    sunday = ai.standstill_period(D(2022, 3, 10), rulebook="eu-minimum")  # day 10: Sunday 2022-03-20
    assert sunday.end == D(2022, 3, 21)
    assert [e.article for e in sunday.extensions] == ["Verordening 1182/71 art. 3 lid 4"]
    data = sunday.to_dict()
    assert (data["rulebook"], data["counting"]) == ("eu-minimum", "verordening-1182-71")
    assert ai.check_citation(data["source"]) == ("Richtlijn 2007/66/EG",)
    assert "Richtlijn 2007/66/EG" in sunday._repr_html_()


def test_the_minimum_warning_follows_the_rulebook() -> None:
    eu = ai.standstill_period(D(2022, 3, 14), 12, rulebook="eu-minimum")
    assert eu.warning is None  # 12 >= 10
    short = ai.standstill_period(D(2022, 3, 14), 12, rulebook="eu-minimum", electronic=False)
    assert short.warning is not None
    assert short.warning.startswith("Richtlijn 2007/66/EG art. 2a lid 2 requires a standstill of at least 15")
    assert short.notes[0] == short.warning
    aw = ai.standstill_period(D(2022, 3, 14), 12)
    assert aw.warning is not None
    assert aw.warning.startswith("Aw 2012 art. 2.127 lid 3 requires a standstill of at least 20")


def test_a_bad_electronic_flag() -> None:
    with pytest.raises(ai.InvalidInputError) as info:
        ai.standstill_period(D(2022, 3, 14), electronic="no")  # type: ignore[arg-type]
    assert_invalid_input(info.value, "electronic", "no")
