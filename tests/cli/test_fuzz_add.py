"""Fuzzing ``achterhoek-inkoop add`` (issue 13, item 11): any arguments give a result or the library's error.

``main(["add", FILE, TYPE, ...])`` runs in-process with drawn event types
(the real ones, read from the parser, and others), dates valid and not,
segments of the file and others, and values for every option of the event
(dates, numbers, booleans, codes, text; valid, odd and absent), in any
order, with stray options. The property: the exit status is 0 (recorded),
1 (refused by a rule: the violations on stdout) or 2 (the library's error in
one line on stderr); never another exception or a traceback. Unless it is 0
no file changes; when it is 0 the procedure file holds exactly one event
more, of the type and date asked for, once. A second property draws the
events ``allowed_events`` offers and asserts that each one lands.
"""

from __future__ import annotations

import argparse
import json
import typing
from collections import Counter
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from helpers import BUNDLED_BYTES
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from test_fuzz import DATE_TEXTS
from test_fuzz_cli import (
    ODD_TEXT,
    SAFE_TEXT,
    Run,
    assert_one_line_error,
    folder_state,
    known_bug,
    run,
    working_folder,
)

import achterhoek_inkoop as ai
from achterhoek_inkoop.cli import _main
from achterhoek_inkoop.procedure import procedure_from_json
from achterhoek_inkoop.record import EVENT_MODELS

#: 1 in the default profile (200 examples), more under ci-long.
SCALE = max(1, settings().max_examples // 200)
FUZZ = settings(max_examples=40 * SCALE, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

#: The procedure files ``add`` writes into: a new one (no events) and the bundled Inkoop 2022.
TEMPLATE_BYTES = ai.Procedure(ai.procedure_template()).to_json().encode()
FILES = {"template": TEMPLATE_BYTES, "inkoop2022": BUNDLED_BYTES}


def add_parser() -> argparse.ArgumentParser:
    parser = _main._parser()
    commands = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return typing.cast("argparse.ArgumentParser", commands.choices["add"])


def event_parsers() -> dict[str, argparse.ArgumentParser]:
    """The subcommand of ``add`` of each event type, as the parser has them."""
    kinds = next(a for a in add_parser()._actions if isinstance(a, argparse._SubParsersAction))
    return dict(kinds.choices)


EVENT_PARSERS = event_parsers()


# -- strategies ----------------------------------------------------------------------------------------------

def mostly(usual: st.SearchStrategy[Any], other: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """``usual`` four times in five, else ``other`` (``one_of`` would draw each half the time)."""
    return st.integers(0, 4).flatmap(lambda n: other if n == 0 else usual)


valid_dates = st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 12, 31)).map(date.isoformat)
date_texts = mostly(valid_dates, st.one_of(st.sampled_from([t for t in DATE_TEXTS if "\n" not in t]),
                                           ODD_TEXT))
numbers = st.one_of(st.integers(-3, 120).map(str), st.sampled_from(["0", "20", "1e3", "20.0", " 7", "٣", "x",
                                                                    "99999999999999999999", "-0", "NaN"]))
booleans = st.sampled_from(["true", "false", "True", "yes", "no", "1", "0", "off", "", "maybe"])
words = st.one_of(st.sampled_from(["x", "Gemeente Doetinchem", "ECLI:NL:RBGEL:2022:1", "c1", "10:00", "24:00",
                                   "10:00:00+01:00", "a" * 300]), SAFE_TEXT, ODD_TEXT)


def _annotation(event_type: str, field: str) -> str:
    info = EVENT_MODELS[event_type].model_fields.get(field)
    return str(info.annotation) if info is not None else ""


def values_for(event_type: str, field: str) -> st.SearchStrategy[str]:
    """Text for the option of ``field``, guided by the field's type and mixed with other text."""
    kind = _annotation(event_type, field)
    choices = typing.get_args(EVENT_MODELS[event_type].model_fields[field].annotation) \
        if field in EVENT_MODELS[event_type].model_fields else ()
    literals = [str(v) for c in choices for v in (typing.get_args(c) or ()) if isinstance(v, str)]
    literals += [str(c) for c in choices if isinstance(c, str)]
    guided: list[st.SearchStrategy[str]] = []
    if literals:
        guided.append(st.sampled_from(literals))
    if "date" in kind:
        guided.append(date_texts)
    if "int" in kind:
        guided.append(numbers)
    if "bool" in kind:
        guided.append(booleans)
    if "time" in kind:
        guided.append(st.sampled_from(["09:30", "23:59:59", "24:00", "9:30", "10:00+01:00", ""]))
    if field == "id":
        guided.append(st.from_regex(r"[a-z0-9]{1,8}(-[a-z0-9]{1,8})?", fullmatch=True))
    return mostly(st.one_of(*guided), words) if guided else words


@st.composite
def add_arguments(draw: st.DrawFn, segments: tuple[str, ...]) -> list[str]:
    """The arguments after ``add FILE``: an event type, ``--on``, maybe ``--segments``, its options."""
    others = st.one_of(st.sampled_from(["", "award", "Award_decision", "--on", "-h"]), SAFE_TEXT)
    event_type = draw(mostly(st.sampled_from(sorted(EVENT_PARSERS)), others))
    argv = [event_type]
    sub = EVENT_PARSERS.get(event_type)
    for action in sub._actions if sub is not None else ():
        if not action.option_strings or isinstance(action, argparse._HelpAction):
            continue
        if draw(st.integers(0, 9)) >= (9 if action.required else 3):
            continue  # left out: a required one (seldom) gives argparse's error
        flag = action.option_strings[0]
        field = action.dest.removeprefix("field_")
        if flag == "--on":
            values = [draw(date_texts)]
        elif flag == "--segments":
            values = draw(st.lists(mostly(st.sampled_from(segments), words), min_size=1, max_size=3))
        elif flag == "--lang":
            values = [draw(st.sampled_from(["en", "nl", "en", "nl", "de"]))]
        elif action.nargs == "+":
            values = draw(st.lists(values_for(event_type, field), min_size=1, max_size=3))
        else:
            values = [draw(values_for(event_type, field))]
        if len(values) == 1 and draw(st.integers(0, 4)) == 0:
            argv.append(f"{flag}={values[0]}")
        else:
            argv += [flag, *values]
    for _ in range(draw(st.sampled_from([0, 0, 0, 0, 0, 1]))):  # stray arguments
        argv.append(draw(st.one_of(st.sampled_from(["--force", "--on", "--segments", "-o", "--id"]), words)))
    return argv


# -- the property --------------------------------------------------------------------------------------------

def events_of(content: bytes) -> list[str]:
    """The events of a procedure file as the library reads them, each as JSON (comparable, countable)."""
    return [e.model_dump_json() for e in procedure_from_json(content, "p.json").data.events]


def _ignored(name: str) -> bool:
    """A lock sidecar (``.p.json.lock``, empty) may stay: it is how ``add`` keeps out other writers."""
    return Path(name).name.startswith(".") and name.endswith(".lock")


def check_add(content: bytes, arguments: list[str]) -> Run | None:
    """``add p.json ARGUMENTS`` on a file holding ``content``: a result or the library's error."""
    with working_folder() as folder:
        (folder / "p.json").write_bytes(content)
        (folder / "dir").mkdir()
        before = {k: v[0] for k, v in folder_state(folder).items() if not _ignored(k)}
        result = run(["add", "p.json", *arguments])
        after = {k: v[0] for k, v in folder_state(folder).items() if not _ignored(k)}
    if result.crash is not None:
        if known_bug(result.crash) is None:
            raise result.crash
        event("known bug")
        return None
    event(f"exit {result.code}")
    assert result.code in (0, 1, 2), result
    assert "Traceback" not in result.err, result
    if result.code != 0:
        assert after == before, result  # refused: the file unchanged, nothing left beside it
        if result.code == 1:  # the rule it breaks, in the language asked for
            assert result.out.startswith(("refused, the file is unchanged:",
                                          "geweigerd, het bestand is niet gewijzigd:")), result
        else:
            assert_one_line_error(result, line_breaks_in_input=any("\n" in a or "\r" in a for a in arguments))
        return result
    assert set(after) == set(before), result
    if after == before:  # -h or --help: the help, nothing recorded
        assert result.out.startswith("usage:"), result
        return result
    old, new = events_of(before["p.json"]), events_of(after["p.json"])
    added = Counter(new) - Counter(old)
    assert Counter(old) - Counter(new) == Counter(), result  # nothing lost
    assert sum(added.values()) == 1, (added, result)  # exactly one event more
    recorded = json.loads(next(iter(added)))
    assert recorded["type"] == arguments[0], (recorded, result)
    assert sum(json.loads(e).get("id") == recorded["id"] for e in new) == 1, (recorded, result)
    return result


@FUZZ
@given(name=st.sampled_from(sorted(FILES)), data=st.data())
def test_any_add_ends_in_a_result_or_the_librarys_error(name: str, data: st.DataObject) -> None:
    content = FILES[name]
    ids = tuple(s["id"] for s in json.loads(content)["segments"])
    check_add(content, data.draw(add_arguments(ids), label="arguments"))


def required_values(annotation: Any, day: date) -> st.SearchStrategy[object]:
    """A valid value of a required field (a code, a date after ``day``, a number, a text)."""
    if typing.get_origin(annotation) is typing.Literal:
        return st.sampled_from(typing.get_args(annotation))
    if annotation is date:
        return st.integers(0, 400).map(lambda n: day + timedelta(days=n))
    if annotation is bool:
        return st.booleans()
    if annotation is int:
        return st.integers(1, 50)
    if annotation is str:
        return SAFE_TEXT.filter(str.strip)
    raise AssertionError(f"no valid values for {annotation}: add them here")


def _option_text(value: object) -> list[str]:
    if isinstance(value, bool):
        return ["true" if value else "false"]
    if isinstance(value, date):
        return [value.isoformat()]
    if isinstance(value, tuple | list):
        return [str(v) for v in value]
    return [str(value)]


@FUZZ
@given(name=st.sampled_from(sorted(FILES)), data=st.data())
def test_an_allowed_event_lands_exactly_once(name: str, data: st.DataObject) -> None:
    content = FILES[name]
    proc = procedure_from_json(content, "p.json")
    last = max((e.on for e in proc.events), default=date(2025, 1, 6))
    day = last + timedelta(days=data.draw(st.integers(0, 400), label="days after the last event"))
    segment = data.draw(st.sampled_from(proc.data.segment_ids), label="segment")
    allowed = proc.allowed_events(segment, day)
    chosen = data.draw(st.sampled_from(allowed), label="event")
    arguments = [chosen.type, "--on", day.isoformat(), "--segments", segment]
    values = dict(chosen.fields)
    if chosen.type == "contract":
        initial_end = day + timedelta(days=data.draw(st.integers(1, 1500), label="initial term"))
        values["initial_end"] = initial_end
        values["max_end"] = initial_end + timedelta(days=data.draw(st.integers(0, 1500), label="options"))
    for field, info in chosen.model.model_fields.items():
        if info.is_required() and field not in values and field not in ("type", "on", "segments"):
            values[field] = data.draw(required_values(info.annotation, day), label=field)
    for field, value in values.items():
        if value is not None:
            flag, texts = f"--{field.replace('_', '-')}", _option_text(value)
            # --title=-x: a text starting with "-" given apart would be read as an option (argparse).
            arguments += [f"{flag}={texts[0]}"] if len(texts) == 1 else [flag, *texts]
    result = check_add(content, arguments)
    assert result is not None
    assert result.code == 0, result
