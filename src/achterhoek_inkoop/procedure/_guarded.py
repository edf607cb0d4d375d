"""What makes a :class:`~achterhoek_inkoop.Procedure` safe to share and to save.

- **Threads.** A procedure has a lock of its own. ``record``, ``record_many``
  and ``save`` hold it (:func:`locked`), so two threads recording into one
  procedure lose nothing; so does every query that reads the replay while a
  record may change it. The frequent queries (``phase_on``,
  ``segment_state_on``, ``dialogue_allowed``) read a lookup table taken
  from the replay under the lock and never changed afterwards: reading one
  takes no lock, and answers for the record before or after a record running
  in another thread, never for one half done.
- **Copies and pickles.** ``copy.copy`` and ``copy.deepcopy`` give an
  independent procedure (the immutable data and the calendar shared, the
  replay its own). A pickle holds everything but the lock; unpickling makes a
  new one (a portfolio loads its files in worker processes and pickles them).
- **Files.** A procedure remembers each file it loaded or saved: the
  file's ``revision`` and the SHA-256 of its bytes. A save compares them with
  the file on disk under the file's advisory lock (:func:`~achterhoek_inkoop._locks.file_lock`)
  and refuses with :class:`ConflictError` when the file changed (another
  save, or an edit by hand that kept the revision), or when a file is there
  that the procedure never read, unless told to overwrite it.
"""

from __future__ import annotations

import json
import os
import stat
import threading
from collections.abc import Callable
from functools import wraps
from typing import TYPE_CHECKING, Any, Concatenate, ParamSpec, TypeVar, cast

from .._exceptions import ConflictError, DataFileError, InvalidInputError
from .._files import check_path
from .._text import Text

if TYPE_CHECKING:
    from ._procedure import Procedure

__all__ = ["GuardedProcedure", "locked"]

P = ParamSpec("P")
R = TypeVar("R")
G = TypeVar("G", bound="GuardedProcedure")

#: What a procedure knows of a file it loaded or saved: the file's revision and the SHA-256 of its bytes.
_Seen = tuple[int, bytes]


def locked(method: Callable[Concatenate[G, P], R]) -> Callable[Concatenate[G, P], R]:
    """``method`` run holding the procedure's lock: one thread at a time changes it or reads
    what a change may leave half done."""

    @wraps(method)
    def run(self: G, /, *args: P.args, **kwargs: P.kwargs) -> R:
        with self._lock:
            return method(self, *args, **kwargs)

    return run


class GuardedProcedure:
    """The lock, the copies, the pickles and the known files of a procedure (see the module)."""

    __slots__ = ("_files", "_lock")

    def _guard(self) -> None:
        """A lock of its own, and no file known yet: every constructor calls it first."""
        self._lock = threading.RLock()
        self._files: dict[str, _Seen] = {}

    def __eq__(self, other: object) -> bool:
        """The same record (the ``revision`` of the file it came from is not part of it)."""
        if not isinstance(other, GuardedProcedure):
            return False
        mine, theirs = cast("Procedure", self).data, cast("Procedure", other).data
        return mine == theirs.model_copy(update={"revision": mine.revision})

    __hash__ = None  # type: ignore[assignment]

    # -- copies and pickles ------------------------------------------------
    def __copy__(self: G) -> G:
        """An independent procedure with the same record, calendar and known files."""
        with self._lock:
            proc = cast("Procedure", self)
            twin = type(proc)._from_file_data(proc.data, proc.calendar)
            twin._files = dict(self._files)
        return cast("G", twin)

    def __deepcopy__(self: G, memo: dict[int, Any]) -> G:
        # The data is immutable and the calendar never changes: what a deep copy must not share
        # (the events, the replay, the cached tables) is the copy's own already.
        twin = memo[id(self)] = self.__copy__()
        return twin

    def __getstate__(self) -> dict[str, Any]:
        """Every attribute but the lock, taken under it (pickle a procedure no thread records
        into, or a copy: the replay is pickled after the lock is let go)."""
        with self._lock:
            return {name: getattr(self, name) for name in _slots(type(self))
                    if name != "_lock" and hasattr(self, name)}

    def __setstate__(self, state: dict[str, Any]) -> None:
        for name, value in state.items():
            object.__setattr__(self, name, value)
        self._lock = threading.RLock()

    # -- files ---------------------------------------------------------------
    def _remember(self, path: str | os.PathLike[str], text: bytes) -> None:
        """Note that ``text`` is what the file at ``path`` held when this procedure loaded it."""
        self._files[os.path.realpath(path)] = (cast("Procedure", self)._data.revision, _digest(text))

    def _knows_files_of(self, other: GuardedProcedure) -> None:
        """Take on the files ``other`` knows: this procedure replaces it there (``remove``)."""
        self._files = dict(other._files)

    def to_json(self) -> str:
        """The procedure as the JSON text of a procedure file."""
        return cast("Procedure", self).data.model_dump_json(indent=2, by_alias=True) + "\n"

    def save(self, path: str | os.PathLike[str], *, overwrite: bool = False) -> None:
        """Write the procedure to ``path`` atomically (a crash leaves the old file intact).

        The file's ``revision`` is one more than that of the file it replaces
        (a new file: 1). Nothing unseen is lost: the save refuses with
        :class:`ConflictError`, writing nothing, when the file changed since
        this procedure loaded or last saved it there (another save; an edit by
        hand, its revision kept or not), and when a file is there that it
        never loaded or saved. ``overwrite=True`` replaces it all the same (a
        read-only file too).
        The check and the write hold the file's advisory lock (``flock`` on
        its folder), as ``achterhoek-inkoop add`` and ``remove`` do: no writer
        comes between them. A target that is no regular file (``/dev/null``,
        a FIFO) is written without a check.
        """
        from .._locks import file_lock  # imported when a file is saved (start-up)
        from .._safe_io import write_atomic

        target = check_path("path", path)
        if not isinstance(overwrite, bool):
            raise InvalidInputError("overwrite", overwrite, Text("must be True or False"))
        proc = cast("Procedure", self)
        with self._lock:
            if not _regular_or_missing(target):  # nothing there to lose
                write_atomic(path, self.to_json())
                return
            with file_lock(target):
                real = os.path.realpath(target)
                revision = self._replaced_revision(target, real, overwrite) + 1
                before = proc.data
                proc._data = before.model_copy(update={"revision": revision})
                try:
                    text = self.to_json()
                    write_atomic(path, text, force=overwrite)
                except BaseException:
                    proc._data = before  # nothing written: the revision it had
                    raise
                self._files[real] = (revision, _digest(text.encode("utf-8")))

    def _replaced_revision(self, target: os.PathLike[str], real: str, overwrite: bool) -> int:
        """The revision of the file at ``real`` (0: none is there), if this procedure may replace it."""
        from .._safe_io import read_bounded

        try:
            current = read_bounded(real, os.fspath(target))
        except FileNotFoundError:
            return 0  # nothing to lose
        except DataFileError as exc:  # too big to be a procedure file this procedure wrote
            if overwrite:
                return 0
            raise ConflictError(os.fspath(target), Text(
                "cannot be compared with what this procedure loaded or saved (%(reason)s)",
                reason=exc.problem)) from None
        seen = self._files.get(real)
        if seen is not None and seen[1] == _digest(current):
            return seen[0]
        on_disk = _revision_in(current)
        if overwrite:
            return max(on_disk, seen[0] if seen else 0)
        if seen is None:
            problem = Text("is there, and this procedure was not loaded from it or saved to it")
        elif on_disk != seen[0]:
            problem = Text("was saved again since this procedure loaded or saved it (revision %(disk)s "
                           "on disk, %(here)s here)", disk=on_disk, here=seen[0])
        else:
            problem = Text("was changed since this procedure loaded or saved it (its revision, "
                           "%(revision)s, is the same, its text is not: edited by hand?)", revision=on_disk)
        raise ConflictError(os.fspath(target), problem)


def _digest(text: bytes) -> bytes:
    import hashlib  # when a file is loaded or saved: not on a command's start-up path

    return hashlib.sha256(text).digest()


def _revision_in(text: bytes) -> int:
    """The ``revision`` a procedure file's ``text`` holds; 0 where it holds none it could."""
    try:
        revision = json.loads(text).get("revision", 0)
    except (ValueError, RecursionError, AttributeError):
        return 0
    return revision if type(revision) is int and revision >= 0 else 0


def _regular_or_missing(path: os.PathLike[str]) -> bool:
    """Whether ``path`` is a regular file (a symlink followed) or nothing."""
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except FileNotFoundError:
        return True


def _slots(cls: type) -> tuple[str, ...]:
    """Every slot of ``cls`` and its bases."""
    found = _SLOTS.get(cls)
    if found is None:
        found = _SLOTS[cls] = tuple(name for klass in cls.__mro__ for name in getattr(klass, "__slots__", ()))
    return found


_SLOTS: dict[type, tuple[str, ...]] = {}
