"""The command line never writes over its input, nor over an existing file without ``--force``;
``-`` is stdin and stdout (issue 13, "Why" 1 and 7).

In-process (``main(argv)``): what these test is the command's, not the process's. The
refusals come before any work, so even ``plot`` and ``report`` refuse without drawing.
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from helpers import BUNDLED_BYTES
from helpers import run_cli as run

from achterhoek_inkoop.cli._main import main

#: Each writing command with its input file named ``IN``, as a user would run it.
WRITERS = {
    "ocds": ["ocds", "IN", "--on", "2027-06-01"],
    "ics": ["ics", "IN"],
    "plot": ["plot", "IN"],
    "report": ["report", "IN", "--on", "2022-03-20"],
    "import": ["import", "IN"],
}


def _procedure_file(folder: Path, name: str = "p.json") -> Path:
    path = folder / name
    path.write_bytes(BUNDLED_BYTES)
    return path


def _argv(command: str, source: Path, output: str, *more: str) -> list[str]:
    return [str(source) if word == "IN" else word for word in WRITERS[command]] + ["-o", output, *more]


@pytest.mark.parametrize("command", WRITERS)
@pytest.mark.parametrize("force", [False, True])
def test_a_command_refuses_to_write_onto_its_input(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                   command: str, force: bool) -> None:
    # `ocds p.json -o p.json` replaced the procedure with its OCDS package; --force never means that.
    # A procedure file named .png: `plot p.png -o p.png` drew the timeline over it.
    source = _procedure_file(tmp_path, "p.png" if command == "plot" else "p.json")
    code, out, err = run(capsys, *_argv(command, source, str(source), *(["--force"] if force else [])))
    assert code == 2, (out, err)
    assert "Traceback" not in err
    assert str(source) in err, err
    assert "reads" in err, err
    assert source.read_bytes() == BUNDLED_BYTES


def test_the_input_is_recognised_through_a_symlink(tmp_path: Path, capsys: pytest.CaptureFixture[str]
                                                   ) -> None:
    source = _procedure_file(tmp_path)
    link = tmp_path / "link.json"
    link.symlink_to(source.name)
    code, _out, err = run(capsys, *_argv("ocds", source, str(link), "--force"))
    assert code == 2
    assert "reads" in err, err
    assert source.read_bytes() == BUNDLED_BYTES
    assert link.is_symlink()


@pytest.mark.parametrize("command", ["ocds", "ics"])
def test_an_existing_output_is_refused_without_force_and_written_with_it(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str) -> None:
    source = _procedure_file(tmp_path)
    existing = tmp_path / "existing.out"
    existing.write_text("someone's file\n", encoding="utf-8")
    code, out, err = run(capsys, *_argv(command, source, str(existing)))
    assert code == 2, (out, err)
    assert "--force" in err
    assert str(existing) in err
    assert existing.read_text(encoding="utf-8") == "someone's file\n"
    code, out, err = run(capsys, *_argv(command, source, str(existing), "--force"))
    assert code == 0, err
    assert existing.read_text(encoding="utf-8") != "someone's file\n"
    assert source.read_bytes() == BUNDLED_BYTES


@pytest.mark.parametrize("argv", [["ocds", "--on", "2027-06-01", "-o", "OUT/"], ["new", "OUT/"]])
def test_an_output_path_ending_in_a_slash_is_an_error(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                      argv: list[str]) -> None:
    # `-o x.json/` wrote x.json: the slash says a folder was meant.
    output = f"{tmp_path / 'x.json'}/"
    code, _out, err = run(capsys, *[output if word == "OUT/" else word for word in argv])
    assert code == 2
    assert output in err
    assert "Traceback" not in err
    assert not (tmp_path / "x.json").exists()


def _stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


def test_dash_is_stdin_for_an_input_file(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
                                         ) -> None:
    # `check - < p.json` looked for a file named "-".
    _stdin(monkeypatch, BUNDLED_BYTES)
    code, out, err = run(capsys, "check", "-")
    assert (code, err) == (0, "")
    assert out == "<stdin>: no violations\n"


def test_a_broken_stdin_is_named_stdin(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
                                       ) -> None:
    _stdin(monkeypatch, b'{"id": ')
    code, _out, err = run(capsys, "status", "-", "--on", "2022-03-20")
    assert code == 2
    assert err.startswith("achterhoek-inkoop status: error: <stdin>: ")


def test_dash_output_is_stdout_and_no_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    # `ocds -o -` wrote a file named "-"; only the package is on stdout (no "wrote ..." line).
    monkeypatch.chdir(tmp_path)
    source = _procedure_file(tmp_path)
    code, out, _err = run(capsys, "ocds", str(source), "--on", "2022-03-20", "-o", "-")
    assert code == 0
    assert json.loads(out)["releases"]
    assert list(tmp_path.iterdir()) == [source]


def test_a_picture_to_stdout_is_its_bytes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                          capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    monkeypatch.chdir(tmp_path)
    source = _procedure_file(tmp_path)
    try:
        code = main(["plot", str(source), "--on", "2022-03-20", "-o", "-"])
    except SystemExit as exc:  # argparse: an option main does not know
        code = exc.code
    out, err = capsysbinary.readouterr()
    assert code == 0, err
    assert out.startswith(b"\x89PNG\r\n")
    assert list(tmp_path.iterdir()) == [source]


def test_file_names_on_stdout_are_escaped_and_the_next_command_quoted(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    # A name with a line break and a terminal escape code forged lines and coloured the terminal.
    monkeypatch.chdir(tmp_path)
    name = "a\nb\x1b[31m.json"
    code, out, err = run(capsys, "new", name)
    assert code == 0, err
    assert (tmp_path / name).exists()
    assert "\x1b" not in out
    assert out.count("\n") == 1, out
    assert "a\\nb\\x1b[31m.json" in out
    assert "edit it, then run: achterhoek-inkoop check $'a\\nb" in out  # ANSI-C quoted for the shell
    code, out, _err = run(capsys, "check", name)
    assert "\x1b" not in out
    assert out.count("\n") == 1, out


def test_the_portfolio_shows_file_names_escaped(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _procedure_file(tmp_path, "x\x1b]0;owned\x07.json")
    code, out, err = run(capsys, "portfolio", str(tmp_path), "--on", "2022-03-20")
    assert (code, err) == (0, "")
    assert "\x1b" not in out
    assert "x\\x1b]0;owned\\x07.json" in out


#: Two processes run `new race.json` at the same moment: each loads everything, says so, and
#: waits for the word to go, so both look for the file before either has written it.
_RACER = """
import sys
from achterhoek_inkoop.cli._main import main
import achterhoek_inkoop.record, achterhoek_inkoop.procedure
print("ready", flush=True)
sys.stdin.readline()
sys.exit(main(["new", "race.json"]))
"""


def test_two_new_at_once_one_wins(tmp_path: Path) -> None:
    # Two `new race.json` started together both succeeded in 5 of 20 tries: new now creates its
    # file exclusively (O_EXCL).
    racers = [subprocess.Popen([sys.executable, "-c", _RACER], cwd=tmp_path, stdin=subprocess.PIPE,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    watchdog = threading.Timer(60, lambda: [racer.kill() for racer in racers])  # bounded: no hang
    watchdog.start()
    try:
        for racer in racers:
            assert racer.stdout is not None
            assert racer.stdout.readline() == "ready\n"
        for racer in racers:
            assert racer.stdin is not None
            racer.stdin.write("go\n")
            racer.stdin.flush()
        results = []
        for racer in racers:
            out, err = racer.communicate(timeout=60)
            results.append((racer.returncode, out, err))
    finally:
        watchdog.cancel()
        for racer in racers:
            racer.kill()
    assert sorted(code for code, _out, _err in results) == [0, 2], results
    loser = next(err for code, _out, err in results if code == 2)
    assert "race.json" in loser
    assert "Traceback" not in loser
    json.loads((tmp_path / "race.json").read_text(encoding="utf-8"))
