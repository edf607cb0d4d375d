"""Two `add` commands on one file at once both land (issue 13, "Why" 3).

`add` and `remove` hold the file's advisory lock from the load to the end of
the save: two real processes each running `add` in a loop, started together
and bounded in time, leave every event in the file exactly once.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from writers import run_together

import achterhoek_inkoop as ai
from achterhoek_inkoop.cli import main

#: ``count`` times ``achterhoek-inkoop add`` of one dialogue activity, after the go file appears.
ADDER = """
import contextlib, io, sys, time, pathlib
from achterhoek_inkoop.cli import main
path, name, count, go = sys.argv[1], sys.argv[2], int(sys.argv[3]), pathlib.Path(sys.argv[4])
print("ready", flush=True)
while not go.exists():
    time.sleep(0.001)
for i in range(count):
    with contextlib.redirect_stdout(io.StringIO()):
        code = main(["add", path, "dialogue_activity", "--on", "2027-01-15", "--kind", "gesprekstafel",
                     "--id", f"{name}-{i}"])
    assert code == 0, code
print("done", flush=True)
"""


def test_two_add_commands_in_a_loop_both_land(writers_folder: Path) -> None:
    folder = writers_folder
    path = folder / "p.json"
    ai.Procedure(ai.procedure_template()).save(path)
    outputs = run_together(ADDER, path, ["a", "b"], 12)
    assert outputs == [("done\n", "")] * 2
    loaded = ai.load_procedure(path)
    assert sorted(e.id or "" for e in loaded.events) == sorted(f"{n}-{i}" for n in "ab" for i in range(12))
    assert loaded.data.revision == 1 + 24
    assert sorted(p.name for p in folder.iterdir()) == ["go", "p.json"]  # no lock file left


def test_add_refuses_a_file_changed_meanwhile_and_says_to_run_it_again(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "p.json"
    ai.Procedure(ai.procedure_template()).save(path)
    load = ai.load_procedure

    def load_then_edit(file: str) -> ai.Procedure:  # an editor writes the file right after the load
        proc = load(file)
        path.write_text(path.read_text(encoding="utf-8").replace("edit me", "edited"), encoding="utf-8")
        return proc

    monkeypatch.setattr("achterhoek_inkoop.procedure.load_procedure", load_then_edit)
    assert main(["add", str(path), "dialogue_activity", "--on", "2027-01-15", "--kind", "gesprekstafel"]) == 2
    err = capsys.readouterr().err
    assert "its revision, 1, is the same, its text is not" in err
    assert "run the command again: it reads the file as it is now" in err
    assert "edited" in path.read_text(encoding="utf-8")  # the edit is kept
    monkeypatch.undo()
    assert main(["add", str(path), "dialogue_activity", "--on", "2027-01-15", "--kind", "gesprekstafel"]) == 0
    assert len(ai.load_procedure(path).events) == 1


def test_remove_saves_over_the_file_it_loaded(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "p.json"
    ai.Procedure(ai.procedure_template()).save(path)
    add = ["add", str(path), "dialogue_activity", "--on", "2027-01-15", "--kind", "gesprekstafel"]
    assert main(add) == 0
    assert main(add) == 0
    assert main(["remove", str(path), "0"]) == 0
    loaded = ai.load_procedure(path)
    assert [e.id for e in loaded.events] == ["gesprekstafel-2"]
    assert loaded.data.revision == 4
    assert "removed event 0" in capsys.readouterr().out


def test_add_refuses_a_read_only_file_saying_to_make_it_writable(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # add and remove have no --force (they exist to change their file): the advice must not name it.
    path = tmp_path / "p.json"
    ai.Procedure(ai.procedure_template()).save(path)
    before = path.read_bytes()
    path.chmod(0o444)
    assert main(["add", str(path), "dialogue_activity", "--on", "2027-01-15", "--kind", "gesprekstafel"]) == 2
    err = capsys.readouterr().err
    assert "is read-only: make it writable (chmod u+w), then run the command again" in err
    assert "--force" not in err
    assert path.read_bytes() == before
