"""Writing a user's file without harming it, and reading one without being harmed by it.

:func:`write_atomic` saves so that a crash leaves the old file or the new one,
never a mix, and so that the file stays what it was: its mode, owner and group
are kept, a symlink stays a symlink (its target gets the data), hard links
keep sharing the new content, and what is not a regular file (``/dev/null``, a
FIFO, ``/dev/stdout``) is written in place, never replaced. A read-only file
is refused unless forced. The folder is synced after the rename, so the new
name survives a power cut as well as the new data.

A save writes a temporary file beside the target, named
``.<name>.<32 hex digits>.inkoop-tmp``; an interrupted save removes it (on an
exception, Ctrl-C, SIGTERM or SIGHUP), and a save of the same target removes
those older than an hour that a killed process left behind.

:func:`read_bounded` and :func:`read_stream_bounded` read at most
:data:`MAX_FILE_BYTES`: a bigger regular file is refused before it is read,
anything else (``/dev/zero``, a FIFO, a pipe) is read in chunks and refused
past the bound, and a source that sends nothing for
:data:`READ_TIMEOUT_SECONDS` is given up on.

The library never reads the wall clock: an hour is measured by the
modification time of the temporary file just made (the file system's clock).
"""

from __future__ import annotations

import errno
import os
import re
import secrets
import select
import signal
import stat
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from types import FrameType
from typing import BinaryIO, cast

from ._exceptions import DataFileError, FileRefusedError, InvalidInputError
from ._text import Text

__all__ = ["MAX_FILE_BYTES", "READ_TIMEOUT_SECONDS", "is_read_only", "read_bounded", "read_stream_bounded",
           "write_atomic"]

#: The most bytes a file the library reads may have (64 MiB): far more than any procedure
#: file (a large one is well under 1 MiB), and little enough that ``/dev/zero`` or a runaway
#: file cannot fill the memory.
MAX_FILE_BYTES = 64 * 1024 * 1024
#: How long a read waits for a FIFO, pipe or terminal that sends nothing, in seconds.
READ_TIMEOUT_SECONDS = 10.0
#: How old another save's temporary file of the same target must be to be removed, in seconds:
#: no save takes an hour, so such a file was left by a process that was killed.
STALE_AFTER_SECONDS = 3600
_SUFFIX = ".inkoop-tmp"
_CHUNK = 1024 * 1024
#: Errors creating the temporary file after which the file itself is written in place: the
#: folder may not be written (EACCES, or EPERM from an immutable folder) while the file may.
#: Not ENOSPC or EDQUOT: writing in place would then cut the old file short and fail too.
_IN_PLACE_WHEN = frozenset({errno.EACCES, errno.EPERM})
#: Names that are doors to other files (``/dev/stdout``, ``/proc/self/fd/1``): what is behind
#: them is written in place, never replaced by a rename.
_DOORS = ("/dev/fd/", "/dev/stdin", "/dev/stdout", "/dev/stderr", "/proc/")


def write_atomic(path: str | os.PathLike[str], data: str | bytes, *, force: bool = False,
                 exclusive: bool = False) -> None:
    """Write ``data`` (text as UTF-8, or bytes) to ``path``: a crash leaves the old file or the new one.

    The data goes to a temporary file beside the real target (through any
    symlinks), which gets the target's mode, owner and group (the owner where
    permitted: as root always), is flushed to disk, and then replaces the
    target in one rename; the folder is then synced. Text is written as it
    is, line ends included (an iCalendar file keeps its CRLF).

    Where a rename would harm the file, it is written in place instead: a
    file with hard links (after a full copy was written beside it, so a full
    disk is found before the file is touched), a target that is not a regular
    file (``/dev/null``, a FIFO, ``/dev/stdout``), and a writable file in a
    folder this process cannot write.

    Args:
        force: write a read-only file too (one without a write bit, or that this process may
            not write); it keeps its mode.
        exclusive: create the file only if nothing is at ``path``; of two processes trying at
            once, exactly one succeeds.

    Raises:
        InvalidInputError: ``path`` is not a file path, or ends in a path separator.
        FileRefusedError: ``path`` is a folder, is read-only (without ``force``), or exists
            (with ``exclusive``).
        OSError: the file could not be written; it names ``path``, never the temporary file.
    """
    name = _file_name(path)
    target = Path(name)
    payload = data.encode("utf-8") if isinstance(data, str) else bytes(data)
    with _terminating_cleanly():
        try:
            if exclusive:
                _create(target, name, payload)
                return
            try:
                found: os.stat_result | None = os.stat(target)
            except FileNotFoundError:
                found = None
            real = Path(os.path.realpath(target))
            if found is not None:
                if stat.S_ISDIR(found.st_mode):
                    raise FileRefusedError(name, Text("is a folder: give the name of a file in it"))
                if not stat.S_ISREG(found.st_mode) or _behind_door(target, real, found):
                    _write_in_place(target, payload, regular=stat.S_ISREG(found.st_mode))
                    return
                if not force and _read_only(real, found):
                    raise FileRefusedError(name, Text(
                        "is read-only: make it writable, or write it anyway with force=True "
                        "(Procedure.save: overwrite=True; on the command line: --force)"))
                if found.st_nlink > 1:
                    _write_linked(real, payload)
                    return
            _replace(real, payload, found)
        except OSError as exc:
            raise _named(exc, name) from None


def read_bounded(path: str | os.PathLike[str], label: str | None = None) -> bytes:
    """The bytes of the file at ``path``, at most :data:`MAX_FILE_BYTES`; ``label`` names it in
    errors (the path, if not given).

    A bigger regular file is refused before it is read. A FIFO, pipe or
    device is read in chunks up to the bound, and one that sends nothing
    for :data:`READ_TIMEOUT_SECONDS` is given up on.

    Raises:
        DataFileError: the file is too big, or sent nothing in time.
        OSError: the file cannot be read; it names ``path``.
    """
    name = _file_name(path, needs_name=False)
    label = name if label is None else label
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:  # non-blocking: opening a FIFO nobody writes to must not wait forever
        fd = os.open(name, flags | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise _named(exc, name) from None
    try:
        found = os.fstat(fd)
        if stat.S_ISDIR(found.st_mode):
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), name)
        if stat.S_ISREG(found.st_mode):
            _refuse_size(found.st_size, label)
            return _read_chunks(lambda size: os.read(fd, size), None, label, found.st_size + 1)
        return _read_chunks(lambda size: os.read(fd, size), fd, label, _CHUNK)
    except OSError as exc:
        raise _named(exc, name) from None
    finally:
        os.close(fd)


def read_stream_bounded(stream: BinaryIO, label: str) -> bytes:
    """The bytes left in ``stream`` (standard input, mostly), at most :data:`MAX_FILE_BYTES`.

    As :func:`read_bounded`: a stream that sends nothing for
    :data:`READ_TIMEOUT_SECONDS` is given up on (where it has a file
    descriptor to wait on). Give it a stream nothing was read from yet: what
    an earlier read left in its buffer is only seen once more data arrives.

    Raises:
        DataFileError: the stream is too big, or sent nothing in time.
    """
    try:
        fd: int | None = stream.fileno()
    except (AttributeError, OSError, ValueError):  # io.UnsupportedOperation is both
        fd = None
    read1 = getattr(stream, "read1", stream.read)
    if fd is not None:
        found = os.fstat(fd)
        if stat.S_ISREG(found.st_mode):
            _refuse_size(found.st_size, label)
            fd = None  # a regular file never blocks
    return _read_chunks(read1, fd, label, _CHUNK)


def _read_chunks(read: Callable[[int], bytes], wait_on: int | None, label: str, first: int) -> bytes:
    """Read with ``read`` up to the end, refusing more than :data:`MAX_FILE_BYTES`; before each
    read, wait for ``wait_on`` to have data (a FIFO or pipe), at most :data:`READ_TIMEOUT_SECONDS`.

    A terminal is not timed: a person types into it.
    """
    poller = None
    if wait_on is not None and hasattr(select, "poll") and not os.isatty(wait_on):
        poller = select.poll()
        poller.register(wait_on, select.POLLIN)
    parts: list[bytes] = []
    total = 0
    size = min(first, MAX_FILE_BYTES + 1)
    while True:
        if poller is not None and not poller.poll(max(0, int(READ_TIMEOUT_SECONDS * 1000))):
            raise DataFileError(label, "", None, Text(
                "sent nothing for %(seconds)s seconds: is anything writing to it?",
                seconds=format(READ_TIMEOUT_SECONDS, "g")), no_value=True)
        try:
            chunk = read(size)
        except BlockingIOError:
            continue
        if not chunk:
            return b"".join(parts)
        parts.append(chunk)
        total += len(chunk)
        if total > MAX_FILE_BYTES:
            raise DataFileError(label, "", None, Text(
                "is more than %(most)s bytes, the most a file may have: refused without reading "
                "further", most=MAX_FILE_BYTES), no_value=True)
        size = min(_CHUNK, MAX_FILE_BYTES + 1 - total)


def _refuse_size(size: int, label: str) -> None:
    if size > MAX_FILE_BYTES:
        raise DataFileError(label, "", None, Text(
            "is %(size)s bytes, more than the %(most)s a file may have: refused unread",
            size=size, most=MAX_FILE_BYTES), no_value=True)


def _file_name(path: object, *, needs_name: bool = True) -> str:
    """``path`` as a file name, after the library's checks; a name ending in a separator
    names a folder and is refused."""
    from ._files import check_path  # (imported here: _files is the older module, this one newer)

    check_path("path", path, needs_name=needs_name)
    name = os.fspath(cast("str | os.PathLike[str]", path))  # a str: check_path said so
    if needs_name and name.endswith(tuple(sep for sep in (os.sep, os.altsep) if sep)):
        raise InvalidInputError("path", path, Text(
            "ends in a path separator, so it names a folder: give a file name without it"))
    return name


def _behind_door(target: Path, real: Path, found: os.stat_result) -> bool:
    """Whether ``target`` is reached through ``/dev`` or ``/proc`` (``/dev/stdout`` redirected to
    a file), or its resolved name is not the file itself: then it is written in place."""
    if os.name == "posix" and any(str(p.absolute()).startswith(_DOORS) for p in (target, real)):
        return True
    try:
        resolved = os.stat(real)
    except OSError:
        return True
    return (resolved.st_dev, resolved.st_ino) != (found.st_dev, found.st_ino)


def is_read_only(path: str | os.PathLike[str]) -> bool:
    """Whether ``path`` is a regular file a save refuses unless forced (see :func:`write_atomic`)."""
    try:
        found = os.stat(path)
    except (OSError, ValueError):
        return False
    return stat.S_ISREG(found.st_mode) and _read_only(Path(os.path.realpath(path)), found)


def _read_only(real: Path, found: os.stat_result) -> bool:
    """Whether the file is read-only: no write bit at all (root may write anything, so the mode
    says it, not ``os.access``), or not writable by this process."""
    return not found.st_mode & 0o222 or not os.access(real, os.W_OK)


def _replace(real: Path, payload: bytes, found: os.stat_result | None) -> None:
    """Write a temporary file beside ``real`` with its mode, owner and group, and rename it over."""
    written = _written_temporary(real, payload, found, in_place_otherwise=found is not None)
    if written is None:
        return
    tmp, now = written
    try:
        os.replace(tmp, real)
    except BaseException:
        _remove(tmp)
        raise
    _sync_folder(real.parent)
    _remove_stale(real, now)


def _write_linked(real: Path, payload: bytes) -> None:
    """Write a file with hard links in place, so every link sees the data: after a full copy
    was written and synced beside it, so a full disk is found before the file is touched."""
    written = _written_temporary(real, payload, None, in_place_otherwise=True)
    if written is None:
        return
    tmp, now = written
    try:
        _write_in_place(real, payload, regular=True)
    finally:
        _remove(tmp)
    _remove_stale(real, now)


def _create(target: Path, name: str, payload: bytes) -> None:
    """Create ``target`` only if nothing is there: the finished temporary file is hard-linked
    to the name, which fails if anything took it meanwhile."""
    if os.path.lexists(target):
        raise _exists(name)
    written = _written_temporary(target, payload, None, in_place_otherwise=False)
    assert written is not None  # never None without in_place_otherwise
    tmp, now = written
    try:
        try:
            os.link(tmp, target)
        except FileExistsError:
            raise _exists(name) from None
        except OSError as exc:  # no hard links here (FAT, some network shares): O_EXCL
            if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EMLINK):
                raise
            _create_in_place(target, name, payload)
    finally:
        _remove(tmp)
    _sync_folder(target.parent)
    _remove_stale(target, now)


def _written_temporary(beside: Path, payload: bytes, found: os.stat_result | None, *,
                       in_place_otherwise: bool) -> tuple[Path, float] | None:
    """A temporary file beside ``beside`` holding ``payload``, synced, with the mode, owner and
    group of ``found`` (the target's; a new file's mode otherwise), and the file system's time
    it was made.

    Where the folder cannot be written but the file can, and ``in_place_otherwise``, the file
    is written in place instead and the answer is ``None``.
    """
    tmp = beside.with_name(f"{_prefix(beside.name)}{secrets.token_hex(16)}{_SUFFIX}")
    flags = (os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
             | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0))
    try:
        # os.open, not mkstemp: mkstemp makes every file private (0600); a new file is not. A
        # replacement starts private, and gets the target's mode before any data goes in.
        fd = os.open(tmp, flags, 0o600 if found is not None else 0o666)
    except OSError as exc:
        if not in_place_otherwise or exc.errno not in _IN_PLACE_WHEN:
            raise
        _write_in_place(beside, payload, regular=True)
        return None
    try:
        try:
            now = os.fstat(fd).st_mtime
            if found is not None:
                _keep_owner_and_mode(fd, found)
            _write_all(fd, payload)
            os.fsync(fd)
        finally:
            os.close(fd)
    except BaseException:
        _remove(tmp)
        raise
    return tmp, now


def _create_in_place(target: Path, name: str, payload: bytes) -> None:
    try:
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
    except FileExistsError:
        raise _exists(name) from None
    try:
        _write_all(fd, payload)
        os.fsync(fd)
    finally:
        os.close(fd)


def _exists(name: str) -> FileRefusedError:
    return FileRefusedError(name, Text("exists already: give another name, or remove it first"))


def _prefix(name: str) -> str:
    """The start of the temporary files' names of the file ``name``: the name cut so the whole
    fits a file system's 255 bytes."""
    return "." + os.fsdecode(os.fsencode(name)[:180]) + "."


def _keep_owner_and_mode(fd: int, found: os.stat_result) -> None:
    """Give the temporary file the target's owner and group (where permitted) and its mode;
    where the group cannot be kept, the group's bits are dropped: they were meant for another."""
    mode = stat.S_IMODE(found.st_mode)
    if hasattr(os, "fchown"):
        try:
            os.fchown(fd, found.st_uid, found.st_gid)  # before fchmod: chown clears set-id bits
        except PermissionError:
            try:
                os.fchown(fd, -1, found.st_gid)
            except PermissionError:
                mode &= ~0o070
    if hasattr(os, "fchmod"):
        os.fchmod(fd, mode)


def _write_all(fd: int, payload: bytes) -> None:
    """Write every byte of ``payload`` to ``fd`` (a write may take only part)."""
    view = memoryview(payload)
    while view:
        view = view[os.write(fd, view[:_CHUNK]):]


def _write_in_place(path: Path, payload: bytes, *, regular: bool) -> None:
    """Open ``path`` and write into it: a regular file is cut to the new length and synced; a
    device or FIFO just gets the bytes (a FIFO waits for its reader, as the shell's ``>`` does)."""
    fd = os.open(path, os.O_WRONLY | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0))
    try:
        _write_all(fd, payload)
        if regular:
            os.ftruncate(fd, len(payload))
            os.fsync(fd)
    finally:
        os.close(fd)


def _sync_folder(folder: Path) -> None:
    """Flush the folder to disk, so the rename survives a power cut (POSIX; a file system that
    cannot sync a folder says EINVAL and is left as it is)."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_CLOEXEC", 0))
    try:
        os.fsync(fd)
    except OSError as exc:
        if exc.errno not in (errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP):
            raise
    finally:
        os.close(fd)


def _remove_stale(target: Path, now: float) -> None:
    """Remove the temporary files of ``target`` older than :data:`STALE_AFTER_SECONDS` by the
    clock ``now`` (a fresh file's modification time); also those of earlier versions (``.tmp``)."""
    stale = re.compile(re.escape(_prefix(target.name)) + r"[0-9a-f]{32}(?:\.inkoop-tmp|\.tmp)")
    try:
        with os.scandir(target.parent) as entries:
            for entry in entries:
                if not stale.fullmatch(entry.name):
                    continue
                found = entry.stat(follow_symlinks=False)
                if stat.S_ISREG(found.st_mode) and now - found.st_mtime > STALE_AFTER_SECONDS:
                    _remove(Path(entry.path))
    except OSError:
        pass  # tidying up is a kindness: never a reason for a save to fail


def _remove(path: Path) -> None:
    with suppress(OSError):
        os.unlink(path)


def _named(exc: OSError, name: str) -> OSError:
    """``exc`` naming the file asked for (not a temporary file); its kind and reason kept."""
    if exc.errno is None or (exc.filename == name and exc.filename2 is None):
        return exc
    return OSError(exc.errno, exc.strerror, name)  # OSError picks the subclass of the errno


class _Terminated(BaseException):
    """SIGTERM or SIGHUP arrived during a save: unwinds it, so its temporary file is removed."""


@contextmanager
def _terminating_cleanly() -> Iterator[None]:
    """While saving, let SIGTERM and SIGHUP unwind the save (removing its temporary file), then
    end the process by the same signal as it would have ended.

    Only in the main thread (where Python runs signal handlers) and only for a signal left at
    its default: a handler the program set is its own business, and an ignored signal stays so.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    kinds = [getattr(signal, kind) for kind in ("SIGTERM", "SIGHUP") if hasattr(signal, kind)]
    taken = [kind for kind in kinds if signal.getsignal(kind) == signal.SIG_DFL]
    arrived: list[int] = []
    saving = True

    def stop(signum: int, frame: FrameType | None) -> None:
        arrived.append(signum)
        if saving and len(arrived) == 1:  # once: a second signal must not cut the clean-up short
            raise _Terminated

    for kind in taken:
        signal.signal(kind, stop)
    try:
        yield
    except _Terminated:
        pass
    finally:
        saving = False
        for kind in taken:
            signal.signal(kind, signal.SIG_DFL)
    if arrived:  # the save is undone (or done, if the signal came at its very end): now end
        os.kill(os.getpid(), arrived[0])
        raise SystemExit(128 + arrived[0])
