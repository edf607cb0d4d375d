"""The errors the library raises on purpose.

::

    InkoopError                      every error raised on purpose
    ├── InvalidInputError (ValueError)   a caller's argument is wrong
    │   └── OutOfRangeError              a date outside what the calendar covers
    ├── DataFileError (ValueError)       a bundled or user data file is wrong
    │   └── EformsError                  an eForms notice is unsafe, not eForms, or not used
    ├── RuleViolation                    Procedure.record refused an event (in lifecycle._rules)
    ├── ConflictError                    a save would overwrite what changed on disk since the load
    ├── FileRefusedError                 a file the library will not write: read-only, taken, a folder
    ├── LifecycleDefinitionError         the declared lifecycle is inconsistent (a bug, found on import)
    └── MissingExtraError (ImportError)  an optional feature's extra is not installed

Each error names the field and the value it is about, and builds its own
message, so callers can both show it and inspect it. ``str(error)`` is the
message in English; ``error.message_in("nl")`` is the same message in Dutch
(the command line shows it in the language it speaks).
"""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Sequence
from types import ModuleType

from ._text import Text, in_lang

__all__ = [
    "ConflictError",
    "DataFileError",
    "EformsError",
    "FileRefusedError",
    "InkoopError",
    "InvalidInputError",
    "LifecycleDefinitionError",
    "MissingExtraError",
    "OutOfRangeError",
    "require",
    "show",
    "show_place",
]


class InkoopError(Exception):
    """Base of every error `achterhoek_inkoop` raises on purpose."""

    def message_in(self, lang: str) -> str:
        """The message in ``lang`` (``"nl"`` or ``"en"``); ``str(error)`` is the English."""
        return in_lang(self.args[0], lang) if self.args else ""


class InvalidInputError(InkoopError, ValueError):
    """An argument given to the library is not acceptable.

    >>> err = InvalidInputError("days", 0, "must be a whole number of at least 1")
    >>> str(err)
    'days: 0 must be a whole number of at least 1'
    >>> err.field, err.value
    ('days', 0)

    Where one call had several problems (a model built with two bad fields),
    ``field``, ``value`` and ``problem`` are the first, ``problems`` holds
    every one as ``(field, value, problem)``, and the message counts the others:

    >>> str(InvalidInputError("id", "A B", "is not a slug", others=[("name", "", "is empty")]))
    "id: 'A B' is not a slug (and 1 more problem: name)"

    A problem given as a :class:`~achterhoek_inkoop._text.Text` can be shown in Dutch:

    >>> InvalidInputError("days", 0, Text("should be at least %(ge)s", ge=1)).message_in("nl")
    'days: 0 moet minstens 1 zijn'
    """

    def __init__(self, field: str, value: object, problem: str, *,
                 others: Sequence[tuple[str, object, str]] = ()) -> None:
        self.field = field
        self.value = value
        self.problem = problem
        self.problems: tuple[tuple[str, object, str], ...] = ((field, value, problem), *others)
        super().__init__(self.message_in("en"))

    def message_in(self, lang: str) -> str:
        places = ", ".join(show_place(place, lang) for place, _value, _problem in self.problems[1:])
        more = "" if not places else " " + in_lang(
            Text("(and 1 more problem: %(places)s)", places=places) if len(self.problems) == 2 else
            Text("(and %(count)s more problems: %(places)s)", count=len(self.problems) - 1,
                 places=places), lang)
        return f"{show_place(self.field, lang)}: {show(self.value, lang)} {in_lang(self.problem, lang)}{more}"


class OutOfRangeError(InvalidInputError):
    """A date lies outside the years the statutory calendar can answer for."""


class DataFileError(InkoopError, ValueError):
    """A data file (bundled or the user's) does not match its model.

    ``path`` is the file, ``place`` the location inside it (a JSON path such
    as ``decrees[0].days[1].date``) and ``value`` the offending value. A
    missing field or a file in another encoding has no value to show: ``no_value``
    leaves it out of the message (``value`` is then ``None``).

    >>> str(DataFileError("p.json", "name", None, "is missing: add it", no_value=True))
    'p.json: name: is missing: add it'
    """

    def __init__(self, path: str, place: str, value: object, problem: str, *,
                 no_value: bool = False) -> None:
        self.path = path
        self.place = place
        self.value = value
        self.problem = problem
        self.no_value = no_value
        super().__init__(self.message_in("en"))

    def message_in(self, lang: str) -> str:
        where = f"{self.path}: {show_place(self.place, lang)}" if self.place else self.path
        shown = "" if self.no_value else f"{show(self.value, lang)}: "
        return f"{where}: {shown}{in_lang(self.problem, lang)}"


class EformsError(DataFileError):
    """An eForms notice the import refuses: unsafe or not XML, not eForms, not of one procedure
    with the others, or of a kind the import does not use.

    ``path`` names the file (or ``sources[i]`` for bytes); ``place`` is the
    business term or part of the notice concerned, if any.

    >>> str(EformsError("pin.xml", "is a prior information notice (pin-only), which the import does not use"))
    'pin.xml: is a prior information notice (pin-only), which the import does not use'
    """

    def __init__(self, path: str, problem: str, *, place: str = "", value: object = None) -> None:
        self.path = path
        self.place = place
        self.value = value
        self.problem = problem
        InkoopError.__init__(self, self.message_in("en"))

    def message_in(self, lang: str) -> str:
        where = f"{self.path}: {show_place(self.place, lang)}" if self.place else self.path
        shown = f"{show(self.value, lang)} " if self.value is not None else ""
        return f"{where}: {shown}{in_lang(self.problem, lang)}"


class ConflictError(InkoopError):
    """A save would replace a file that changed since the procedure read it, or that it never read.

    ``path`` is the file, ``problem`` what changed and ``advice`` what to do:
    load the file and make the change there, or save with
    ``overwrite=True`` to replace it (the command line says to run the
    command again). It is raised before anything is written.

    >>> str(ConflictError("p.json", Text("was saved by another program (revision 4 on disk, 3 here)")))
    'p.json: was saved by another program (revision 4 on disk, 3 here); load the file and make your \
change there, or save with overwrite=True to replace it'
    """

    def __init__(self, path: str, problem: str, *, advice: str | None = None) -> None:
        self.path = path
        self.problem = problem
        self.advice = advice if advice is not None else Text(
            "load the file and make your change there, or save with overwrite=True to replace it")
        super().__init__(self.message_in("en"))

    def message_in(self, lang: str) -> str:
        return f"{self.path}: {in_lang(self.problem, lang)}; {in_lang(self.advice, lang)}"


class FileRefusedError(InkoopError):
    """A file the library will not write as asked: it is read-only, it exists where only a new
    file may be made, or it is a folder. Raised before anything is written.

    ``path`` is the file as it was given; ``problem`` says what is wrong with
    it and what to do.

    >>> str(FileRefusedError("p.json", Text("exists already: give another name, or remove it first")))
    'p.json: exists already: give another name, or remove it first'
    """

    def __init__(self, path: str, problem: str) -> None:
        self.path = path
        self.problem = problem
        super().__init__(self.message_in("en"))

    def message_in(self, lang: str) -> str:
        return f"{self.path}: {in_lang(self.problem, lang)}"


class LifecycleDefinitionError(InkoopError):
    """The declared lifecycle breaks its own consistency rules: a bug in the library.

    Raised when the declaration is built (on import), never while a procedure
    is used; ``problems`` lists every inconsistency found.
    """

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("the lifecycle declaration is inconsistent: " + "; ".join(problems))


class MissingExtraError(InkoopError, ImportError):
    """An optional feature needs a package of an extra that is not installed.

    >>> str(MissingExtraError("pandas", "notebook"))
    "this needs the package 'pandas': pip install 'achterhoek_inkoop[notebook]'"
    """

    def __init__(self, package: str, extra: str) -> None:
        self.package = package
        self.extra = extra
        command = f"'achterhoek_inkoop[{extra}]'"
        super().__init__(Text("this needs the package %(package)s: pip install %(command)s",
                              package=repr(package), command=command))


def require(package: str, extra: str) -> ModuleType:
    """Import ``package`` for an optional feature, or say which extra installs it."""
    try:
        return importlib.import_module(package)
    except ImportError:
        raise MissingExtraError(package, extra) from None


def show(value: object, lang: str = "en") -> str:
    """A value as a message shows it: a date as ISO text, anything else as its repr; cut to
    :data:`SHOWN_LENGTH` characters with its length given, when longer (a whole file or a
    10 MB field would bury the message).

    >>> show(dt.date(2022, 2, 1)), show(dt.datetime(2022, 2, 1, 9, 30)), show("x")
    ('2022-02-01', 'datetime 2022-02-01T09:30:00', "'x'")
    >>> show("x" * 10_000_000)[-29:]
    'xxxx... (10000000 characters)'

    A text or bytes gives its own length; any other value the length of its repr.
    """
    if isinstance(value, dt.datetime):
        return f"datetime {value.isoformat()}"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str | bytes):
        text = repr(value[:SHOWN_LENGTH])  # never the repr of all 10 MB
        if len(text) <= SHOWN_LENGTH and len(value) <= SHOWN_LENGTH:
            return text
        size = Text("%(length)s bytes", length=len(value)) if isinstance(value, bytes) else \
            _characters(len(value))
    else:
        text = repr(value)
        if len(text) <= SHOWN_LENGTH:
            return text
        size = _characters(len(text))
    return f"{text[:SHOWN_LENGTH - 3]}... ({in_lang(size, lang)})"


def show_place(text: str, lang: str = "en") -> str:
    """A place or field named from the input as a message shows it: as it is, or cut to
    :data:`SHOWN_LENGTH` characters with its length given (a file's 10 MB key is its place).

    >>> show_place("events[3].on"), show_place("events[0]." + "k" * 1000)[-24:]
    ('events[3].on', 'kkk... (1010 characters)')
    """
    if len(text) <= SHOWN_LENGTH:
        return text
    return f"{text[:SHOWN_LENGTH - 3]}... ({in_lang(_characters(len(text)), lang)})"


def _characters(length: int) -> Text:
    return Text("%(length)s characters", length=length)


#: The most characters of a value an error message shows.
SHOWN_LENGTH = 80
