"""A save writes into the file the user has, instead of replacing it with another (issue 13).

"Why" item 2: a save kept neither mode nor owner, overwrote read-only files, turned a symlink
into a regular file and broke hard links, replaced ``/dev/null`` as root, and failed on a
writable file in a folder the user cannot write. Item 8: temporary files stayed behind and
the folder was not synced. Each test here fails on the main branch before issue 13.

CI runs as root: the owner tests then give the file another owner and group, and the
"folder the user cannot write" test runs as ``nobody`` in a forked process. Every process
these tests start is bounded by a timeout.
"""

from __future__ import annotations

import errno
import multiprocessing
import os
import shutil
import signal
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import achterhoek_inkoop as ai
from achterhoek_inkoop import _safe_io
from achterhoek_inkoop._safe_io import write_atomic

ROOT = os.geteuid() == 0
#: How long a test waits for a process it started; it ends the process after.
WAIT = 10
FORK = multiprocessing.get_context("fork")
NOBODY = 65534


def _temporaries(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith((".inkoop-tmp", ".tmp")))


def _run(target: Callable[..., None], *args: object) -> multiprocessing.process.BaseProcess:
    """Start ``target(*args)`` in a forked process (fork: it sees this module as it is)."""
    process = FORK.Process(target=target, args=args)
    process.start()
    return process


def _finish(process: multiprocessing.process.BaseProcess) -> int | None:
    process.join(WAIT)
    if process.is_alive():
        process.kill()
        process.join(WAIT)
        pytest.fail("the process did not finish in time")
    return process.exitcode


# -- item 2: the file stays what it was --

def test_a_private_file_stays_private_and_keeps_its_owner_and_group(tmp_path: Path) -> None:
    path = tmp_path / "p.json"
    path.write_text("old")
    path.chmod(0o600)
    if ROOT:  # as root, the owner and group of anyone else are kept
        os.chown(path, 12345, 23456)
        owner, group = 12345, 23456
    else:  # otherwise a group this user belongs to, other than the one a new file gets
        groups = [g for g in os.getgroups() if g != os.getegid()] or [os.getegid()]
        os.chown(path, -1, groups[0])
        owner, group = os.geteuid(), groups[0]
    write_atomic(path, "new")
    found = path.stat()
    assert (stat.S_IMODE(found.st_mode), found.st_uid, found.st_gid) == (0o600, owner, group)
    assert path.read_text() == "new"


def test_a_new_file_gets_the_usual_mode(tmp_path: Path) -> None:
    mask = os.umask(0o022)
    try:
        write_atomic(tmp_path / "new.json", "{}")
    finally:
        os.umask(mask)
    assert stat.S_IMODE((tmp_path / "new.json").stat().st_mode) == 0o644


def test_a_read_only_file_is_refused_unless_forced(tmp_path: Path) -> None:
    path = tmp_path / "p.json"
    path.write_text("old")
    path.chmod(0o444)
    with pytest.raises(ai.FileRefusedError, match="read-only") as refused:
        write_atomic(path, "new")
    assert refused.value.path == str(path)
    assert "force" in str(refused.value)
    assert refused.value.message_in("nl").startswith(f"{path}: ")
    assert path.read_text() == "old"
    write_atomic(path, "new", force=True)
    assert path.read_text() == "new"
    assert stat.S_IMODE(path.stat().st_mode) == 0o444  # forced, it stays read-only


def test_a_symlink_stays_a_symlink_and_its_target_gets_the_data(tmp_path: Path) -> None:
    (tmp_path / "real").mkdir()
    target = tmp_path / "real" / "p.json"
    target.write_text("old")
    link = tmp_path / "link.json"
    link.symlink_to(Path("real") / "p.json")
    write_atomic(link, "new")
    assert link.is_symlink()
    assert os.readlink(link) == str(Path("real") / "p.json")
    assert target.read_text() == "new"
    assert _temporaries(tmp_path) == _temporaries(tmp_path / "real") == []


def test_a_hard_link_sees_the_new_content(tmp_path: Path) -> None:
    path = tmp_path / "p.json"
    path.write_text("old content")
    other = tmp_path / "other.json"
    os.link(path, other)
    write_atomic(path, "new")
    assert other.read_text() == "new"
    assert path.stat().st_ino == other.stat().st_ino
    assert path.stat().st_nlink == 2
    assert _temporaries(tmp_path) == []


def test_a_fifo_is_written_in_place(tmp_path: Path) -> None:
    fifo = tmp_path / "out.fifo"
    os.mkfifo(fifo)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)  # a reader, so the writer need not wait
    try:
        write_atomic(fifo, "through the pipe")
        assert os.read(reader, 100) == b"through the pipe"
    finally:
        os.close(reader)
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    assert _temporaries(tmp_path) == []


def test_dev_null_is_written_in_place(tmp_path: Path) -> None:
    devices = [Path("/dev/null")]
    if ROOT:  # a node of the same device first: a save that replaced it harms nothing
        node = tmp_path / "null"
        os.mknod(node, 0o666 | stat.S_IFCHR, os.stat("/dev/null").st_rdev)
        devices.insert(0, node)
    for device in devices:
        before = device.stat()
        write_atomic(device, "nothing")
        after = device.stat()
        assert stat.S_ISCHR(after.st_mode), device
        assert (after.st_ino, after.st_rdev, after.st_mode) == (before.st_ino, before.st_rdev, before.st_mode)


def _write_as_nobody(path: str, data: str) -> None:
    if os.geteuid() == 0:
        os.setgid(NOBODY)
        os.setgroups([])
        os.setuid(NOBODY)
    try:
        write_atomic(path, data)
    except OSError as exc:
        print(exc)
        os._exit(3)
    os._exit(0)


def test_a_writable_file_in_a_folder_it_cannot_write_is_written(tmp_path: Path) -> None:
    # As root, nobody writes its own file in root's folder (tmp_path is private: a folder of /tmp).
    folder = Path(tempfile.mkdtemp()) if ROOT else tmp_path / "closed"
    try:
        if not ROOT:
            folder.mkdir()
        path = folder / "p.json"
        path.write_text("old content, longer")
        if ROOT:
            os.chown(path, NOBODY, NOBODY)
        path.chmod(0o644)
        folder.chmod(0o555)
        assert _finish(_run(_write_as_nobody, str(path), "new")) == 0
        assert path.read_text() == "new"
    finally:
        folder.chmod(0o755)
        if ROOT:
            shutil.rmtree(folder)


@pytest.mark.parametrize("name", ["p.json/", "sub/p.json/"])
def test_a_path_ending_in_a_separator_is_refused(tmp_path: Path, name: str) -> None:
    (tmp_path / "sub").mkdir()
    with pytest.raises(ai.InvalidInputError, match="separator"):
        write_atomic(f"{tmp_path}/{name}", "{}")
    assert not (tmp_path / "p.json").exists()
    assert not (tmp_path / "sub" / "p.json").exists()


def test_a_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ai.FileRefusedError, match="is a folder"):
        write_atomic(tmp_path, "{}")
    assert tmp_path.is_dir()


def test_an_error_names_the_file_asked_for_not_the_temporary_one(tmp_path: Path) -> None:
    path = tmp_path / "missing" / "p.json"
    with pytest.raises(FileNotFoundError) as failed:
        write_atomic(path, "{}")
    assert failed.value.filename == str(path)
    assert "inkoop-tmp" not in str(failed.value)


# -- item 1 of "What to build" (exclusive creation) and item 2's "new ... both succeeded" --

def test_exclusive_refuses_what_is_there(tmp_path: Path) -> None:
    path = tmp_path / "p.json"
    path.write_text("old")
    with pytest.raises(ai.FileRefusedError, match="exists already"):
        write_atomic(path, "new", exclusive=True)
    assert path.read_text() == "old"
    dangling = tmp_path / "dangling.json"
    dangling.symlink_to(tmp_path / "nowhere.json")
    with pytest.raises(ai.FileRefusedError):
        write_atomic(dangling, "new", exclusive=True)
    assert not (tmp_path / "nowhere.json").exists()
    write_atomic(tmp_path / "fresh.json", "made", exclusive=True)
    assert (tmp_path / "fresh.json").read_text() == "made"
    assert _temporaries(tmp_path) == []


def _create_when_all_are_ready(path: str, who: int, barrier: Any, results: Any) -> None:
    barrier.wait(WAIT)
    try:
        write_atomic(path, f"written by {who}", exclusive=True)
    except ai.FileRefusedError:
        results.put(("refused", who))
    else:
        results.put(("created", who))


def test_two_processes_creating_at_once_exactly_one_succeeds(tmp_path: Path) -> None:
    for round_ in range(3):
        path = tmp_path / f"race{round_}.json"
        barrier, results = FORK.Barrier(2), FORK.Queue()
        processes = [_run(_create_when_all_are_ready, str(path), who, barrier, results) for who in (1, 2)]
        outcomes = sorted(results.get(timeout=WAIT) for _ in processes)
        assert [_finish(process) for process in processes] == [0, 0]
        assert [kind for kind, _who in outcomes] == ["created", "refused"]
        assert path.read_text() == f"written by {outcomes[0][1]}"
    assert _temporaries(tmp_path) == []


# -- item 8: leftovers, interrupted saves, the folder synced --

def test_stale_temporary_files_of_the_target_are_removed_fresh_ones_kept(tmp_path: Path) -> None:
    path = tmp_path / "p.json"
    path.write_text("old")
    stale = tmp_path / f".p.json.{'a' * 32}.inkoop-tmp"
    stale_of_old = tmp_path / f".p.json.{'b' * 32}.tmp"  # the name versions before issue 13 gave
    fresh = tmp_path / f".p.json.{'c' * 32}.inkoop-tmp"
    other = tmp_path / f".q.json.{'d' * 32}.inkoop-tmp"  # another file's: not this save's business
    for leftover in (stale, stale_of_old, fresh, other):
        leftover.write_text("half a save")
    now = fresh.stat().st_mtime  # the file system's clock, as the library's
    for leftover in (stale, stale_of_old, other):
        os.utime(leftover, (now - 3601, now - 3601))
    write_atomic(path, "new")
    assert _temporaries(tmp_path) == sorted([fresh.name, other.name])
    assert path.read_text() == "new"


def _save_slowly_until_terminated(path: str, ready: Any) -> None:
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    real_write_all = _safe_io._write_all

    def slow(fd: int, payload: bytes) -> None:
        real_write_all(fd, payload[:10])  # part of the data is in the temporary file
        ready.set()
        signal.pause()  # SIGTERM arrives here

    _safe_io._write_all = slow
    write_atomic(path, "new content " * 1000)
    os._exit(0)  # not reached: the save was terminated


def test_sigterm_during_a_save_leaves_no_temporary_file_and_the_old_file(tmp_path: Path) -> None:
    path = tmp_path / "p.json"
    path.write_text("old")
    ready = FORK.Event()
    process = _run(_save_slowly_until_terminated, str(path), ready)
    assert ready.wait(WAIT)
    assert len(_temporaries(tmp_path)) == 1  # the save is under way
    os.kill(process.pid or 0, signal.SIGTERM)
    assert _finish(process) == -signal.SIGTERM  # it still ends as SIGTERM ends a process
    assert _temporaries(tmp_path) == []
    assert path.read_text() == "old"


def test_ctrl_c_during_a_save_leaves_no_temporary_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                                       ) -> None:
    path = tmp_path / "p.json"
    path.write_text("old")

    def interrupted(fd: int, payload: bytes) -> None:
        os.write(fd, payload[:3])
        raise KeyboardInterrupt

    monkeypatch.setattr(_safe_io, "_write_all", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(path, "new content")
    assert _temporaries(tmp_path) == []
    assert path.read_text() == "old"
    assert signal.getsignal(signal.SIGTERM) == signal.SIG_DFL  # the handler is put back


def test_the_folder_is_synced_after_the_rename(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "p.json"
    path.write_text("old")
    real_fsync = os.fsync
    synced: list[tuple[bool, str]] = []

    def fsync(fd: int) -> None:
        synced.append((stat.S_ISDIR(os.fstat(fd).st_mode), path.read_text()))
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    write_atomic(path, "new")
    assert synced[0] == (False, "old")  # the temporary file, before the rename
    assert (True, "new") in synced  # the folder, after it


def test_a_full_disk_leaves_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "p.json"
    path.write_text("old")

    def full(fd: int, payload: bytes) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(_safe_io, "_write_all", full)
    with pytest.raises(OSError, match="No space") as failed:
        write_atomic(path, "new")
    assert failed.value.filename == str(path)
    assert path.read_text() == "old"
    assert _temporaries(tmp_path) == []
