"""Fuzzing of the command line (issue 5, item 3): random argument lists, in-process.

Arguments are built from the real subcommands and options, read from the
parser itself (so a command added later is fuzzed too), mixed with random
text, numbers, dates valid and not, files that do not exist, folders, and
procedure files with garbage in them (the strategies of ``test_fuzz.py``).

The property: the exit status is 0, 1 (``check`` with violations) or 2; on 2,
stderr is exactly one line naming the error, never a traceback; no other
exception leaves ``main``; no file changes unless the command was asked to
write it (``new --force``, ``-o``), and ``new`` never overwrites without
``--force``.

Each example runs in a fresh temporary folder that is the working directory,
and generated paths are relative and never contain ``..``: the suite may run
as root, so a fuzzed ``new``, ``ics`` or ``plot`` must not write outside it.
stdout and stderr go to ``io.StringIO`` rather than capsys: a hypothesis test
runs many examples in one call, and StringIO takes any text the process could
be given (capsys's buffer refuses lone surrogates that a real stderr, with
``backslashreplace``, prints).
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from helpers import BUNDLED, BUNDLED_BYTES
from hypothesis import event, example, given
from hypothesis import strategies as st
from test_fuzz import (
    DATE_TEXTS,
    OLD_MTIME_NS,
    known_bug,
    line_breaks_in_json_strings,
    procedure_files,
    scaled,
)

from achterhoek_inkoop import strategies as ais
from achterhoek_inkoop.cli import _main

PROG = "achterhoek-inkoop"


def subcommands() -> dict[str, argparse.ArgumentParser]:
    parser = _main._parser()
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(action.choices)


COMMANDS = subcommands()

# -- running -------------------------------------------------------------------------------------------------


@dataclass
class Run:
    argv: list[str]
    code: int
    out: str
    err: str
    crash: BaseException | None = None


def run(argv: list[str]) -> Run:
    """``main(argv)`` with stdout and stderr captured; SystemExit (argparse) gives its code."""
    out, err = io.StringIO(), io.StringIO()
    crash: BaseException | None = None
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = _main.main(argv)
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 2
        except Exception as exc:  # judged by the caller: a known bug, or a failure
            code, crash = -1, exc
    return Run(argv, code, out.getvalue(), err.getvalue(), crash)


@contextlib.contextmanager
def working_folder() -> Iterator[Path]:
    """A fresh temporary folder as the working directory."""
    before = os.getcwd()
    with tempfile.TemporaryDirectory() as tmp:
        os.chdir(tmp)
        try:
            yield Path(tmp)
        finally:
            os.chdir(before)


def folder_state(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {str(p.relative_to(folder)): (p.read_bytes(), p.stat().st_mtime_ns)
            for p in folder.rglob("*") if p.is_file()}


def assert_one_line_error(result: Run, *, line_breaks_in_input: bool) -> None:
    err = result.err
    assert "Traceback" not in err, err
    assert err.startswith(PROG), err
    assert "error: " in err or "fout: " in err, err  # a drawn --lang nl gives the Dutch label
    assert err.endswith("\n"), err
    body = err[:-1]
    if "\n" in body or "\r" in body:
        # An argument or a JSON key with a line break in it is echoed raw: a known bug.
        assert line_breaks_in_input, err
        return
    assert body.strip()


def written_targets(argv: list[str], existed: set[str]) -> set[str]:
    """The files ``argv`` asks to write: ``new FILE`` (an existing one only with --force) and the
    schema beside it, ``-o OUT``."""
    try:
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            args = _main._parser().parse_args(argv)
    except SystemExit:
        return set()
    targets = set()
    if args.command == "new" and (args.force or os.path.normpath(args.file) not in existed):
        targets.add(args.file)
        targets.add(str(Path(args.file).with_name("procedure.schema.json")))
    if getattr(args, "output", None) is not None:
        targets.add(args.output)
    return {os.path.normpath(t) for t in targets}


# -- strategies ----------------------------------------------------------------------------------------------

SAFE_TEXT = st.text(
    st.characters(exclude_categories=("Cs",), exclude_characters="\x00"), max_size=12,
).filter(lambda t: not t.startswith("/") and ".." not in t)
# argv can hold lone surrogates (undecodable bytes of a file name, surrogateescape), never NUL
ODD_TEXT = st.sampled_from(["", " ", "-", "--", "-x", "--x", "x\ny", "\udcff.json", "é", "=", "-1", "--=",
                            "\u2028", "\x1b[31m"])
PATHS = ["p.json", "q.json", "dir", "dir/", "dir/r.json", "out.ics", "missing.json", "dir/missing/x.json",
         ".", "p.json/", "./p.json", "new.json", "dir/new.json", "x\ny.json"]
paths = st.one_of(st.sampled_from(PATHS), SAFE_TEXT, ODD_TEXT)
date_texts = st.one_of(st.sampled_from(DATE_TEXTS).filter(lambda t: "\n" not in t),
                       st.dates().map(date.isoformat), SAFE_TEXT, ODD_TEXT,
                       ais.malformed_dates().filter(lambda t: "\x00" not in t))
numbers = st.one_of(st.integers(-5, 100).map(str), st.integers().map(str),
                    st.sampled_from(["1_000", " 20", "20 ", "0x14", "1e3", "20.0", "+20", "٣"]), SAFE_TEXT)
words = st.one_of(st.sampled_from(["plan-2020-11-24", "revision-2021-10-15", "phases", "segment"]), SAFE_TEXT,
                  ODD_TEXT)


def values_for(action: argparse.Action) -> st.SearchStrategy[str]:
    if action.choices:
        return st.one_of(st.sampled_from(sorted(map(str, action.choices))), words)
    # The parser binds its language to the type functions (functools.partial): name the function.
    name = getattr(getattr(action.type, "func", action.type), "__name__", "")
    if name == "_iso_date":
        return date_texts
    if name == "_days":
        return numbers
    if action.dest in ("file", "output"):
        return paths
    return st.one_of(words, paths, numbers)


ALL_OPTIONS = sorted({s for sub in COMMANDS.values() for a in sub._actions for s in a.option_strings})


@st.composite
def argument_lists(draw: st.DrawFn) -> list[str]:
    command = draw(st.one_of(st.sampled_from(sorted(COMMANDS)), st.sampled_from(sorted(COMMANDS)),
                             st.sampled_from(["", "-h", "Status", "chec", "--json", "help"]), SAFE_TEXT))
    argv: list[str] = []
    sub = COMMANDS.get(command)
    for action in sub._actions if sub is not None else ():
        if isinstance(action, argparse._HelpAction) and draw(st.integers(0, 15)) != 0:
            continue
        if not draw(st.sampled_from([True, True, False])):
            continue  # left out: a required one gives argparse's error
        if not action.option_strings:
            argv.append(draw(values_for(action)))
            continue
        flag = draw(st.sampled_from(action.option_strings))
        if action.nargs == 0:
            argv.append(flag)
        elif draw(st.booleans()):
            argv += [flag, draw(values_for(action))]
        else:
            argv.append(f"{flag}={draw(values_for(action))}")
    for _ in range(draw(st.sampled_from([0, 0, 0, 1, 2]))):  # stray arguments
        argv.append(draw(st.one_of(st.sampled_from(ALL_OPTIONS), paths, date_texts, numbers)))
    if draw(st.booleans()):
        argv = draw(st.permutations(argv))
    return [command, *argv]


def make_files(folder: Path, content: bytes) -> None:
    """``p.json`` (the fuzzed content), a good ``q.json`` and ``dir/r.json``, an ``out.ics``; all old."""
    (folder / "dir").mkdir()
    files = {"p.json": content, "q.json": BUNDLED_BYTES, "dir/r.json": BUNDLED_BYTES, "out.ics": b"old\n"}
    for name, data in files.items():
        (folder / name).write_bytes(data)
        os.utime(folder / name, ns=(OLD_MTIME_NS, OLD_MTIME_NS))


# -- the property --------------------------------------------------------------------------------------------

def check_command_line(argv: list[str], content: bytes) -> Run | None:
    with working_folder() as folder:
        make_files(folder, content)
        before = folder_state(folder)
        result = run(argv)
        after = folder_state(folder)
    if result.crash is not None:
        bug_test = known_bug(result.crash)
        if bug_test is None:
            raise result.crash
        event(f"known bug: {bug_test}")
        return None
    event(f"exit {result.code}")
    assert result.code in (0, 1, 2), result
    line_breaks = any("\n" in a or "\r" in a for a in argv) or line_breaks_in_json_strings(content)
    if result.code == 1:
        assert argv[0] == "check", result
    if result.code == 2:
        assert_one_line_error(result, line_breaks_in_input=line_breaks)
    else:
        assert "Traceback" not in result.err, result
    # No temporary file left behind, whatever happened.
    assert not [name for name in after if Path(name).name.endswith((".tmp", ".inkoop-tmp"))], sorted(after)
    targets = written_targets(argv, set(before)) if result.code == 0 else set()
    changed = {name for name in before if after.get(name) != before[name]}
    assert changed <= targets, (changed, targets, result)
    assert set(after) - set(before) <= targets, (set(after) - set(before), targets, result)
    return result


@scaled(1.0)
@given(argv=argument_lists(), content=procedure_files)
@example(argv=["status", "p.json", "--on", "2022-03-20"], content=BUNDLED_BYTES)
@example(argv=["check", "p.json"], content=b"\xff\xfe")
@example(argv=["deadline", "--sent", "9999-12-31"], content=b"")
@example(argv=["new", "p.json"], content=BUNDLED_BYTES)
@example(argv=["new", "dir", "--force"], content=b"")
@example(argv=["ocds", "p.json", "--on", "0001-01-01"], content=BUNDLED_BYTES)
@example(argv=["deadline", "--sent", "2022-03-14", "--days", "99999999999999999999"], content=b"")
@example(argv=["ics", "-o", "."], content=b"")
@example(argv=["ics", "-o=--"], content=b"")
def test_any_command_line_ends_in_a_result_or_one_line(argv: list[str], content: bytes) -> None:
    check_command_line(argv, content)


@scaled(0.5)
@given(content=st.one_of(procedure_files, st.just(BUNDLED_BYTES)),
       command=st.sampled_from(sorted({"status", "check", "ics", "ocds", "plot"} & set(COMMANDS))),
       on=st.one_of(st.none(), date_texts))
def test_every_file_command_on_any_file(content: bytes, command: str, on: str | None) -> None:
    argv = [command, "p.json"]
    if command in ("ics", "ocds", "plot"):
        argv += ["-o", "out.ics"]
    if on is not None and command in ("status", "ocds", "plot", "ics"):
        argv += ["--on", on]
    elif command == "ocds":
        argv += ["--on", "2022-04-10"]
    check_command_line(argv, content)


@scaled(0.5)
@given(target=st.sampled_from(["p.json", "q.json", "dir/r.json", "out.ics", "./p.json", "dir/../p.json"]),
       content=st.binary(max_size=50), extra=st.lists(st.sampled_from(["--json", "--on", "x"]), max_size=2),
       force=st.sampled_from([None, "--force", "--f", "--forc"]))
def test_new_never_overwrites_without_force(target: str, content: bytes, extra: list[str],
                                             force: str | None) -> None:
    with working_folder() as folder:
        make_files(folder, content)
        before = folder_state(folder)
        argv = ["new", target, *extra] + ([force] if force else [])
        result = run(argv)
        after = folder_state(folder)
    assert result.crash is None, result
    name = os.path.normpath(target)
    if force is None or extra:
        assert result.code == 2, result
        assert after == before  # nothing written, nothing left behind
        assert_one_line_error(result, line_breaks_in_input=False)
    else:
        assert result.code == 0, result
        assert json.loads(after[name][0])["id"] == "nieuwe-inkoop"
        written = {name, os.path.normpath(Path(target).with_name("procedure.schema.json"))}
        assert {k: v for k, v in after.items() if k not in written} == {
            k: v for k, v in before.items() if k not in written}


def test_new_into_a_folder_or_a_missing_folder_changes_nothing() -> None:
    for argv in (["new", "dir"], ["new", "dir", "--force"], ["new", "dir/missing/x.json"],
                 ["new", "dir/missing/x.json", "--force"], ["new", ""], ["new", ".", "--force"]):
        with working_folder() as folder:
            make_files(folder, b"{}")
            before = folder_state(folder)
            result = run(argv)
            assert folder_state(folder) == before, argv
        assert result.crash is None or known_bug(result.crash), result
        if result.crash is None:
            assert result.code == 2, result
            assert_one_line_error(result, line_breaks_in_input=False)


# -- bugs found ----------------------------------------------------------------------------------------------



def test_edge_status_registration_deadline() -> None:
    settings = dict(BUNDLED["bestuurlijk_overleg"], registration_deadline="0001-01-01")
    data = dict(BUNDLED, bestuurlijk_overleg=settings)
    with working_folder() as folder:
        (folder / "p.json").write_text(json.dumps(data), encoding="utf-8")
        result = run(["status", "p.json", "--on", "2022-01-01"])
    if result.crash is not None:
        raise result.crash
    assert (result.code, result.err) == (0, ""), result
    assert "phase                 aanbesteding since 2021-04-01" in result.out


@pytest.mark.parametrize("argv", [
    pytest.param(["check", "a\nb.json"], id="check-missing-file"),
    pytest.param(["status", "a\nb.json"], id="status-missing-file"),
    pytest.param(["new", "x\ny.json"], id="new-existing-file"),
    pytest.param(["diagram", "x\ny"], id="argparse-unrecognized"),
    pytest.param(["check", "bad-key.json"], id="json-key"),
    pytest.param(["check", "bad-tag.json"], id="json-event-type"),
])

def test_edge_line_break_in_an_argument_or_key(argv: list[str]) -> None:
    with working_folder() as folder:
        (folder / "x\ny.json").write_bytes(BUNDLED_BYTES)
        (folder / "bad-key.json").write_text(json.dumps({**BUNDLED, "x\ny": 1}), encoding="utf-8")
        events: list[Any] = [{**BUNDLED["events"][0], "type": "a\nb"}, *BUNDLED["events"][1:]]
        (folder / "bad-tag.json").write_text(json.dumps({**BUNDLED, "events": events}), encoding="utf-8")
        result = run(argv)
    assert result.crash is None
    assert result.code == 2, result
    assert_one_line_error(result, line_breaks_in_input=False)


@pytest.mark.parametrize("argv", [
    pytest.param(["new", ".", "--force"], id="new-dot"),
    pytest.param(["new", "", "--force"], id="new-empty"),
    *[pytest.param([command, *(["--on", "2022-04-10"] if command == "ocds" else []), "-o", output],
                   id=f"{command}-{output or 'empty'}")
      for command in ("ics", "ocds", "plot") if command in COMMANDS for output in (".", "")],
])

def test_edge_output_path_without_a_name(argv: list[str]) -> None:
    with working_folder() as folder:
        make_files(folder, BUNDLED_BYTES)
        before = folder_state(folder)
        result = run(argv)
        assert folder_state(folder) == before
    if result.crash is not None:
        raise result.crash
    assert result.code == 2, result
    assert_one_line_error(result, line_breaks_in_input=False)


def argparse_drops_double_dash() -> bool:
    """Whether this Python's argparse turns ``--opt=--`` into ``[]`` (3.11 does) instead of ``"--"``."""
    parser = argparse.ArgumentParser()
    parser.add_argument("-o")
    return parser.parse_args(["-o=--"]).o != "--"


@pytest.mark.parametrize(("argv", "raises"), [
    *[pytest.param([command, *(["--on", "2022-04-10"] if command == "ocds" else []), "-o=--"], TypeError,
                   id=f"{command}-output") for command in ("ics", "ocds", "plot") if command in COMMANDS],
    pytest.param(["status", "--on=--"], AssertionError, id="status-on"),
])
def test_edge_option_equals_double_dash(argv: list[str], raises: type[BaseException]) -> None:
    with working_folder() as folder:
        make_files(folder, BUNDLED_BYTES)
        before = folder_state(folder)
        result = run(argv)
        after = folder_state(folder)
    if result.crash is not None:
        raise result.crash
    if not argparse_drops_double_dash() and argv[0] != "status":
        # '--' is taken as the name of the output file, and written.
        assert result.code == 0, result
        assert set(after) - set(before) == {"--"}
        return
    # argparse gives no value (3.11), or '--' is no date: one line, nothing written.
    assert after == before
    assert result.code == 2, result
    assert_one_line_error(result, line_breaks_in_input=False)
    assert "expected one value" in result.err or "--" in result.err
