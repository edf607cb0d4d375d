"""Advisory file locks: one writer of a file at a time, across processes and threads.

Saving a procedure file replaces it by a rename (see ``write_atomic``), so a
lock on the file itself would be a lock on the old file: a second writer
opening the path after the rename would lock the new one and go ahead. The
lock is therefore on something no rename replaces:

- On POSIX, ``fcntl.flock`` on the folder that holds the real target (a
  symlink resolved). Nothing is created, so nothing is left behind; the
  kernel releases the lock when its process ends, even by ``kill -9``. One
  lock per folder: a writer of another file in the same folder waits for
  it too, for the milliseconds a save takes. Where the folder cannot be
  opened, the file itself is locked (it is then written in place).
- Elsewhere, a lock file ``.{name}.lock`` beside the target, created with
  ``O_EXCL`` and removed on release: it exists only while a writer holds it.
  One left by a crashed writer is reported after :data:`LOCK_TIMEOUT_SECONDS`
  with its name, to remove by hand.

Locks are advisory: they keep out the writers that take them (``Procedure.save``,
``achterhoek-inkoop add`` and ``remove``), not an editor. A thread may take a
lock it holds again (``add`` holds it while ``save`` takes it).
"""

from __future__ import annotations

import errno
import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ._exceptions import ConflictError
from ._text import Text

__all__ = ["LOCK_TIMEOUT_SECONDS", "file_lock", "lock_file_of"]

#: How long a writer waits for a lock file (``O_EXCL``, not POSIX) before it says which file
#: holds it; ``flock`` waits as long as its holder runs (a save takes milliseconds).
LOCK_TIMEOUT_SECONDS = 30.0

#: The lock files each thread holds, with how often it took each (a thread may take one again).
_held = threading.local()


def lock_file_of(path: str | os.PathLike[str]) -> Path:
    """The lock file that locks ``path`` where there is no ``flock``: ``.{name}.lock`` beside the
    file a symlink points to.

    >>> lock_file_of("/tmp/procedures/p.json").name
    '.p.json.lock'
    """
    real = Path(os.path.realpath(path))
    return real.with_name(f".{real.name}.lock")


@contextmanager
def file_lock(path: str | os.PathLike[str], *, timeout: float = LOCK_TIMEOUT_SECONDS,
              exclusive_file: bool | None = None) -> Iterator[None]:
    """Hold the advisory lock of ``path`` while the block runs.

    ``exclusive_file`` chooses the lock file created with ``O_EXCL`` (by
    default where the system is not POSIX); a test uses it on POSIX too.
    Raises :class:`ConflictError` when that file is still there after
    ``timeout`` seconds.
    """
    if exclusive_file is None:
        exclusive_file = os.name != "posix"
    real = os.path.realpath(path)
    key = lock_file_of(real) if exclusive_file else Path(real).parent
    held: dict[Path, int] = _held.__dict__.setdefault("locks", {})
    if held.get(key):
        held[key] += 1  # this thread holds it already
        try:
            yield
        finally:
            held[key] -= 1
        return
    with _created(key, timeout) if exclusive_file else _flocked(key, real, timeout):
        held[key] = 1
        try:
            yield
        finally:
            del held[key]


@contextmanager
def _flocked(folder: Path, real: str, timeout: float) -> Iterator[None]:
    """``flock`` on ``folder``; where it cannot be opened, on the file ``real`` itself; where the
    file system has no ``flock`` for it (NFS emulates it with locks a folder cannot take), the
    lock file of :func:`_created`."""
    import fcntl  # POSIX only: imported when a lock is taken (start-up)

    flags = os.O_RDONLY | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(folder, flags | getattr(os, "O_DIRECTORY", 0))
    except PermissionError:
        fd = os.open(real, flags)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
        except OSError as exc:
            if exc.errno not in _NO_FLOCK:
                raise
            with _created(lock_file_of(real), timeout):
                yield
            return
        try:
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


#: What ``flock`` says on a file system that cannot lock so.
_NO_FLOCK = frozenset({errno.EBADF, errno.ENOLCK, errno.EOPNOTSUPP, errno.ENOTSUP, errno.EINVAL})


@contextmanager
def _created(sidecar: Path, timeout: float) -> Iterator[None]:
    """``sidecar`` created with ``O_EXCL`` (waiting while another writer has it), removed after."""
    deadline = time.monotonic() + timeout
    pause = 0.001
    while True:
        try:
            fd = os.open(sidecar, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
            break
        except FileExistsError:
            pass
        except OSError as exc:  # a folder that refuses it on some systems says "access denied"
            if exc.errno != errno.EACCES or not sidecar.exists():
                raise
        if time.monotonic() >= deadline:
            raise ConflictError(str(sidecar.with_name(sidecar.name[1:-5])), Text(
                "is locked by another writer: its lock file %(lock)s is still there after %(seconds)s "
                "seconds", lock=str(sidecar), seconds=format(timeout, "g")), advice=Text(
                "try again; if no other program is writing it, remove the lock file"))
        time.sleep(pause)
        pause = min(pause * 2, 0.05)
    os.close(fd)
    try:
        yield
    finally:
        sidecar.unlink(missing_ok=True)
