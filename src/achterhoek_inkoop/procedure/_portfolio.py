"""A portfolio: many procedure files loaded at once, for tools that watch many procedures.

An officer's tool watches every procedure of a region: thousands of files in
a folder. :func:`load_portfolio` loads them all, in parallel processes when
there are enough of them to pay for starting the processes, and a file that
fails to load is reported (:attr:`Portfolio.failures`) instead of stopping
the others. The :class:`Portfolio` answers across all of them: where each
stands on a date (``on``, a pandas DataFrame from the exports layer), the
deadlines in a window and the rules they break.

A procedure in a portfolio is identified by its file: the key is the path as
a string, the folder joined with the file name (or the path as given). Two
files may hold the same procedure ``id`` (a copy, a draft): they are two
entries.
"""

from __future__ import annotations

import copyreg
import datetime as dt
import io
import os
import pickle
import sys
from collections.abc import ItemsView, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast

from .._exceptions import InkoopError, InvalidInputError
from .._files import check_path
from .._gc import cycle_collection_paused
from .._i18n import check_lang
from .._text import Text
from .._validate import check_date
from ..calendar import Calendar, check_calendar, default_calendar
from ..lifecycle import Violation
from ._exports import export
from ._files import load_procedure
from ._procedure import Procedure
from ._status import Deadline

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["PARALLEL_FROM", "LoadFailure", "Portfolio", "load_portfolio"]

#: From how many files on :func:`load_portfolio` loads in parallel by default. Starting a
#: worker process and importing the library in it takes about half a second, and the loaded
#: procedures must be sent back, which costs this process about two fifths of loading them:
#: below this many files one process is faster.
PARALLEL_FROM = 1000
#: The files a worker loads per task: large enough that sending a task costs little, small
#: enough that the workers finish together.
_CHUNK = 64
#: What ``achterhoek-inkoop new`` writes beside a procedure file: never a procedure.
_SCHEMA_SUFFIX = ".schema.json"


@dataclass(frozen=True)
class LoadFailure:
    """A file :func:`load_portfolio` could not load: its ``path`` and why, in English
    (``message``) and Dutch (``message_nl``), as the library's error says it."""

    path: str
    message: str
    message_nl: str

    @classmethod
    def of(cls, path: str, error: InkoopError) -> LoadFailure:
        """The failure to load ``path`` that ``error`` (a :class:`DataFileError`, mostly) reports."""
        return cls(path, error.message_in("en"), error.message_in("nl"))

    def message_in(self, lang: str) -> str:
        """The message in ``lang`` (``"nl"`` or ``"en"``)."""
        return self.message_nl if check_lang(lang) == "nl" else self.message


class Portfolio(Mapping[str, Procedure]):
    """Many procedures, each by its file's path, in a stable order; and the files that failed.

    A read-only mapping from key (the file's path as a string) to
    :class:`Procedure`, in the order they were loaded: a folder's files by
    name, or the paths in the order given. ``failures`` lists the files
    that did not load, in the same order.

    >>> import achterhoek_inkoop as ai
    >>> portfolio = ai.Portfolio({"inkoop2022.json": ai.inkoop2022()})
    >>> list(portfolio), portfolio.failures
    (['inkoop2022.json'], ())
    """

    __slots__ = ("_procedures", "failures")

    def __init__(self, procedures: Mapping[str, Procedure],
                 failures: Iterable[LoadFailure] = ()) -> None:
        self._procedures: dict[str, Procedure] = {}
        for key, proc in procedures.items():
            if not isinstance(key, str):
                raise InvalidInputError("procedures", key,
                                        Text("is not a key (give the file's path as a str)"))
            if not isinstance(proc, Procedure):
                raise InvalidInputError(f"procedures[{key!r}]", proc, Text("is not a Procedure"))
            self._procedures[key] = proc
        #: The files that failed to load, each with its path and the library's message.
        self.failures: tuple[LoadFailure, ...] = tuple(failures)

    def __getitem__(self, key: str) -> Procedure:
        return self._procedures[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._procedures)

    def __len__(self) -> int:
        return len(self._procedures)

    def items(self) -> ItemsView[str, Procedure]:
        # The dict's own view: a query across ten thousand procedures steps it without a
        # ``__getitem__`` call for each (what ``Mapping.items`` would do).
        return self._procedures.items()

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Portfolio):
            return NotImplemented
        return (list(self._procedures.items()) == list(other._procedures.items())
                and self.failures == other.failures)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"<Portfolio: {len(self)} procedures, {len(self.failures)} failed to load>"

    def on(self, on: dt.date) -> pd.DataFrame:
        """Where every procedure stands at the end of ``on``, as known that day: one row each.

        Columns ``file`` (the key), ``id``, ``name``, ``phase``,
        ``dialogue_allowed`` and ``segments`` (a dict of each segment's
        state); described in :func:`achterhoek_inkoop.exports.portfolio_frame`.
        Needs pandas (the ``notebook`` extra).
        """
        return cast("pd.DataFrame", export("portfolio_frame")(self, on))

    def deadlines(self, from_: dt.date, to: dt.date) -> list[tuple[str, Deadline]]:
        """The deadlines from ``from_`` to ``to`` (both included) of every procedure, with its key.

        Each procedure's deadlines as known at the end of ``from_``
        (``proc.deadlines(from_)``, those after ``to`` left out), as
        ``(key, deadline)`` in date order, procedures of one date in
        portfolio order.
        """
        from_ = check_date("from_", from_, in_calendar=False)
        to = check_date("to", to, in_calendar=False)
        if to < from_:
            raise InvalidInputError("to", to, Text("is before from_ (%(start)s)", start=from_.isoformat()))
        upcoming = export("portfolio_deadlines")
        found = [(key, d) for key, proc in self._procedures.items()
                 for d in cast("tuple[Deadline, ...]", upcoming(proc, from_)) if d.date <= to]
        return sorted(found, key=lambda row: row[1].date)

    def check(self) -> list[tuple[str, Violation]]:
        """Every rule each procedure breaks (``proc.check()``), as ``(key, violation)`` in
        portfolio order, each procedure's in date order."""
        return [(key, v) for key, proc in self._procedures.items() for v in proc.check()]


def load_portfolio(source: str | os.PathLike[str] | Iterable[str | os.PathLike[str]], *,
                   workers: int | None = None, calendar: Calendar | None = None,
                   parallel_from: int = PARALLEL_FROM) -> Portfolio:
    """Load every procedure file of a folder, or the files of an iterable of paths, as a :class:`Portfolio`.

    A folder gives its ``*.json`` files (not those of its subfolders), by
    name; files whose name starts with a dot (hidden, an editor's) and the
    schemas ``achterhoek-inkoop new`` writes beside a file (``*.schema.json``)
    are skipped. Every other file is taken as a procedure file: one that is
    not, or is broken, is reported in ``failures`` with its path and the
    library's message, and the others load. Paths given one by one are loaded
    in the order given, whatever their name; a path given twice is refused.

    ``workers`` is the number of processes to load with, from
    ``parallel_from`` files on (below that, one process is faster); ``1``
    loads in this process. The default is one fewer than the CPUs this
    process may use: this process needs one to take in what the workers send
    (taking in a procedure costs it about two fifths of loading it), so on two
    CPUs the default loads in this process. The result is the same either
    way. ``calendar`` is the statutory calendar of every procedure (default:
    the library's).

    Python's cycle collector is paused while the files load: loading makes
    no reference cycles, and looking for them among everything loaded so far,
    again and again, took a third of the time.

    Raises :class:`InvalidInputError` for a folder or path that is not one, or
    a bad ``workers`` or ``parallel_from``.
    """
    paths = _paths(source)
    # The parent unpickles what the workers send while they load: it needs a CPU of its own.
    workers = max(1, len(_cpus()) - 1) if workers is None else _count("workers", workers)
    parallel_from = _count("parallel_from", parallel_from)
    calendar = default_calendar() if calendar is None else check_calendar(calendar)
    loaded: list[Procedure | LoadFailure] | None = None
    with cycle_collection_paused():  # loading makes no garbage cycles: no need to look for them
        if workers > 1 and len(paths) >= max(parallel_from, 2):
            loaded = _load_in_parallel(paths, workers, calendar)
        if loaded is None:
            loaded = [_load(path, calendar) for path in paths]
    procedures = {path: found for path, found in zip(paths, loaded, strict=True)
                  if isinstance(found, Procedure)}
    return Portfolio(procedures, [found for found in loaded if isinstance(found, LoadFailure)])


def _paths(source: object) -> list[str]:
    """The keys of the files to load: a folder's procedure files by name, or the paths given."""
    if isinstance(source, str | os.PathLike):
        folder = check_path("folder", source, needs_name=False)
        if not folder.is_dir():
            raise InvalidInputError("folder", source, Text("is not a folder"))
        return [str(p) for p in sorted(folder.glob("*.json"), key=lambda p: p.name)
                if not p.name.startswith(".") and not p.name.endswith(_SCHEMA_SUFFIX) and not p.is_dir()]
    if not isinstance(source, Iterable) or isinstance(source, bytes):
        raise InvalidInputError("source", source, Text("is not a folder or an iterable of file paths"))
    paths: list[str] = []
    seen: set[str] = set()
    for index, value in enumerate(source):
        path = str(check_path(f"source[{index}]", value))
        if path in seen:
            raise InvalidInputError(f"source[{index}]", value, Text("is given twice"))
        seen.add(path)
        paths.append(path)
    return paths


def _count(field: str, value: object) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise InvalidInputError(field, value, Text("is not a whole number, at least 1"))
    return value


def _cpus() -> set[int] | range:
    """The CPUs this process may run on."""
    try:
        return os.sched_getaffinity(0)
    except AttributeError:  # not on Linux
        return range(os.cpu_count() or 1)


def _load(path: str, calendar: Calendar) -> Procedure | LoadFailure:
    try:
        return load_procedure(path, calendar=calendar)
    except InkoopError as exc:
        return LoadFailure.of(path, exc)


def _load_in_parallel(paths: list[str], workers: int, calendar: Calendar
                      ) -> list[Procedure | LoadFailure] | None:
    """Load ``paths`` in ``workers`` processes, in chunks, in order; ``None`` where the processes
    could not run (a script read from stdin cannot be started again in a new process)."""
    # Imported here: the process machinery costs a command's start-up 5 ms it rarely needs.
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool
    from multiprocessing import get_context

    chunks = [paths[i:i + _CHUNK] for i in range(0, len(paths), _CHUNK)]
    try:
        with ProcessPoolExecutor(min(workers, len(chunks)), mp_context=get_context(_start_method())) as pool:
            sent = pool.map(_load_chunk, chunks, [calendar] * len(chunks))
            return [found for payload in sent for found in _received(payload, calendar)]
    except BrokenProcessPool:
        return None


def _start_method() -> str:
    """How to start the workers: fork a process that runs one thread (on Linux), which starts at
    once with the library loaded and runs no code of the main module again. A process with more
    threads (a notebook's) may hang in a forked child: there, and on other systems, a fresh
    process (forkserver, else spawn) that imports the main module, so a script must guard its
    code with ``if __name__ == "__main__":`` (as multiprocessing asks)."""
    from multiprocessing import get_all_start_methods

    methods = get_all_start_methods()
    if sys.platform == "linux" and "fork" in methods and len(os.listdir("/proc/self/task")) == 1:
        return "fork"
    return "forkserver" if "forkserver" in methods else "spawn"


def _load_chunk(paths: list[str], calendar: Calendar) -> bytes:
    """Load ``paths`` in a worker: the procedures and failures, pickled with ``calendar`` left out
    (each procedure refers to it, and the parent has its own)."""
    out = io.BytesIO()
    with cycle_collection_paused():
        _CalendarPickler(out, calendar).dump([_load(path, calendar) for path in paths])
    return out.getvalue()


def _received(payload: bytes, calendar: Calendar) -> list[Procedure | LoadFailure]:
    return cast("list[Procedure | LoadFailure]", _CalendarUnpickler(io.BytesIO(payload), calendar).load())


class _CalendarPickler(pickle.Pickler):
    """Pickles the procedures without their calendar: one calendar, shared, not one copy each.

    The calendar is pickled as a call of :func:`_the_calendar`, which the
    parent's :class:`_CalendarUnpickler` answers with its own calendar. A
    ``dispatch_table`` entry is asked only of a calendar, where a
    ``persistent_id`` method would be called in Python for every one of the
    thousands of objects of a procedure (a third of the time pickling it).
    """

    def __init__(self, file: io.BytesIO, calendar: Calendar) -> None:
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self.calendar = calendar
        self.dispatch_table = {**copyreg.dispatch_table, type(calendar): self._reduce_calendar}

    def _reduce_calendar(self, obj: Calendar) -> str | tuple[Any, ...]:
        return (_the_calendar, ()) if obj is self.calendar else obj.__reduce_ex__(pickle.HIGHEST_PROTOCOL)


def _the_calendar() -> Calendar:
    """Stands for the calendar of the load in a pickle; only :class:`_CalendarUnpickler` reads it."""
    raise pickle.UnpicklingError("a portfolio's pickle is read with its calendar only")


class _CalendarUnpickler(pickle.Unpickler):
    def __init__(self, file: io.BytesIO, calendar: Calendar) -> None:
        super().__init__(file)
        self.calendar = calendar

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) == (__name__, _the_calendar.__name__):
            return lambda: self.calendar
        return super().find_class(module, name)
