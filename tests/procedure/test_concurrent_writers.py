"""Writers of one procedure file: revisions, conflicts and locks (issue 13, "Why" 3).

Two processes each loading, recording and saving one file in a loop kept 203
of 400 events: the second save silently replaced the first. A save now
refuses a file that changed since it was loaded (:class:`ConflictError`), so
a writer that loads again and retries loses nothing. The processes are real
ones, started together and bounded in time.
"""

from __future__ import annotations

import json
import threading
from datetime import date
from pathlib import Path

import pytest
from writers import TIMEOUT, run_together

import achterhoek_inkoop as ai

DAY = date(2027, 1, 15)  # in the template's dialogue: a dialogue activity is allowed


#: A writer: wait for the go file, then ``count`` times load, record one event, save; load again
#: and retry when the save is refused. Prints how often it was refused.
WRITER = """
import sys, time, datetime, pathlib
import achterhoek_inkoop as ai
path, name, count, go = sys.argv[1], sys.argv[2], int(sys.argv[3]), pathlib.Path(sys.argv[4])
print("ready", flush=True)
while not go.exists():
    time.sleep(0.001)
refused, day = 0, datetime.date(2027, 1, 15)
for i in range(count):
    while True:
        proc = ai.load_procedure(path)
        proc.record(ai.DialogueActivity(on=day, kind="gesprekstafel", id=f"{name}-{i}"))
        try:
            proc.save(path)
            break
        except ai.ConflictError:
            refused += 1
print(refused, flush=True)
"""


def run_writers(script: str, path: Path, names: list[str], count: int) -> list[str]:
    """The last line each writer printed (see :func:`writers.run_together`)."""
    return [out.strip().splitlines()[-1] if out.strip() else ""
            for out, _err in run_together(script, path, names, count)]


def event_ids(path: Path) -> list[str]:
    return [e.id or "" for e in ai.load_procedure(path).events]


def test_two_processes_saving_in_a_loop_lose_no_event(writers_folder: Path) -> None:
    folder = writers_folder
    path = folder / "p.json"
    ai.Procedure(ai.procedure_template()).save(path)
    refused = run_writers(WRITER, path, ["a", "b"], 20)
    ids = event_ids(path)
    assert sorted(ids) == sorted(f"{name}-{i}" for name in "ab" for i in range(20))  # each exactly once
    assert json.loads(path.read_text(encoding="utf-8"))["revision"] == 1 + 40 == ai.load_procedure(
        path).data.revision
    assert all(count.isdigit() for count in refused)


# -- revisions ----------------------------------------------------------------------------------------

def test_each_save_writes_one_revision_more(tmp_path: Path) -> None:
    path = tmp_path / "p.json"
    proc = ai.Procedure(ai.procedure_template())
    assert proc.data.revision == 0
    assert "revision" not in json.loads(proc.to_json())
    proc.save(path)
    proc.save(path)
    assert proc.data.revision == 2 == json.loads(path.read_text(encoding="utf-8"))["revision"]
    loaded = ai.load_procedure(path)
    assert loaded.data.revision == 2
    assert loaded == proc
    loaded.record(ai.DialogueActivity(on=DAY, kind="gesprekstafel"))
    loaded.save(path)
    assert ai.load_procedure(path).data.revision == 3
    other = tmp_path / "other.json"
    loaded.save(other)  # a new file: its first save
    assert ai.load_procedure(other).data.revision == 1
    assert ai.procedure_schema()["properties"]["revision"]["minimum"] == 0


# -- conflicts ----------------------------------------------------------------------------------------

def test_save_refuses_a_file_another_save_changed(tmp_path: Path) -> None:
    path = tmp_path / "p.json"
    ai.Procedure(ai.procedure_template()).save(path)
    first, second = ai.load_procedure(path), ai.load_procedure(path)
    first.record(ai.DialogueActivity(on=DAY, kind="gesprekstafel", id="first"))
    first.save(path)
    saved = path.read_bytes()
    second.record(ai.DialogueActivity(on=DAY, kind="gesprekstafel", id="second"))
    with pytest.raises(ai.ConflictError) as caught:
        second.save(path)
    assert path.read_bytes() == saved  # nothing written
    assert caught.value.path == str(path)
    assert str(caught.value) == (
        f"{path}: was saved again since this procedure loaded or saved it (revision 2 on disk, 1 here); "
        "load the file and make your change there, or save with overwrite=True to replace it")
    assert isinstance(caught.value, ai.InkoopError)
    assert second.data.revision == 1  # as it was
    second.save(path, overwrite=True)
    assert event_ids(path) == ["second"]
    assert ai.load_procedure(path).data.revision == 3  # past the revision it replaced


def test_save_refuses_a_file_edited_by_hand_that_kept_its_revision(tmp_path: Path) -> None:
    path = tmp_path / "p.json"
    ai.Procedure(ai.procedure_template()).save(path)
    proc = ai.load_procedure(path)
    edited = path.read_text(encoding="utf-8").replace("New procurement (edit me)", "Edited by hand")
    assert '"revision": 1' in edited
    path.write_text(edited, encoding="utf-8")
    proc.record(ai.DialogueActivity(on=DAY, kind="gesprekstafel"))
    with pytest.raises(ai.ConflictError, match="its revision, 1, is the same, its text is not"):
        proc.save(path)
    assert path.read_text(encoding="utf-8") == edited
    proc.save(path, overwrite=True)
    assert ai.load_procedure(path).data.name == "New procurement (edit me)"


def test_save_refuses_a_file_it_never_read_unless_told(tmp_path: Path) -> None:
    path = tmp_path / "p.json"
    ai.inkoop2022().save(path)
    with pytest.raises(ai.ConflictError, match="was not loaded from it or saved to it"):
        ai.jeugdhulp2026().save(path)
    assert ai.load_procedure(path) == ai.inkoop2022()
    ai.jeugdhulp2026().save(path, overwrite=True)
    assert ai.load_procedure(path) == ai.jeugdhulp2026()
    assert ai.load_procedure(path).data.revision == 2


def test_a_file_is_known_by_its_real_path_whatever_names_it(tmp_path: Path) -> None:
    path = tmp_path / "p.json"
    link = tmp_path / "link.json"
    ai.Procedure(ai.procedure_template()).save(path)
    link.symlink_to(path)
    through_the_link, by_its_name = ai.load_procedure(link), ai.load_procedure(path)
    by_its_name.record(ai.DialogueActivity(on=DAY, kind="gesprekstafel", id="by-its-name"))
    by_its_name.save(path)
    with pytest.raises(ai.ConflictError, match="revision 2 on disk, 1 here"):
        through_the_link.save(link)  # the same file, changed since
    again = ai.load_procedure(link)
    again.record(ai.DialogueActivity(on=DAY, kind="gesprekstafel", id="through-the-link"))
    again.save(path)  # loaded by one name, saved by the other: the same file, unchanged since
    assert event_ids(link) == ["by-its-name", "through-the-link"]


def test_a_bad_overwrite_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ai.InvalidInputError, match="overwrite: 'yes' must be True or False"):
        ai.inkoop2022().save(tmp_path / "p.json", overwrite="yes")  # type: ignore[arg-type]


# -- the lock ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("exclusive_file", [False, True], ids=["flock", "O_EXCL"])
def test_the_lock_keeps_writers_one_at_a_time(tmp_path: Path, exclusive_file: bool) -> None:
    from achterhoek_inkoop._locks import file_lock

    path = tmp_path / "counter.txt"
    path.write_text("0")

    def add_one() -> None:
        for _ in range(20):
            with file_lock(path, exclusive_file=exclusive_file):
                value = int(path.read_text())
                with file_lock(path, exclusive_file=exclusive_file):  # taken again by its holder
                    path.write_text(str(value + 1))

    threads = [threading.Thread(target=add_one) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(TIMEOUT)
    assert path.read_text() == "60"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["counter.txt"]  # no lock file left


def test_where_flock_is_refused_the_lock_file_locks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import errno
    import fcntl

    from achterhoek_inkoop._locks import file_lock, lock_file_of

    def refused(fd: int, operation: int) -> None:  # as NFS answers flock on a folder
        raise OSError(errno.EBADF, "Bad file descriptor")

    monkeypatch.setattr(fcntl, "flock", refused)
    path = tmp_path / "p.json"
    with file_lock(path):
        assert lock_file_of(path).exists()
    assert not lock_file_of(path).exists()


def test_a_lock_file_left_behind_is_named_after_the_wait(tmp_path: Path) -> None:
    from achterhoek_inkoop._locks import file_lock, lock_file_of

    path = tmp_path / "p.json"
    lock_file_of(path).touch()  # as a writer killed while it held the lock leaves it
    message = (r"is locked by another writer: its lock file .*\.p\.json\.lock is still there after 0\.05 "
               r"seconds; try again; if no other program is writing it, remove the lock file")
    with pytest.raises(ai.ConflictError, match=message), file_lock(path, exclusive_file=True, timeout=0.05):
        pass
