"""The errors the library raises on purpose.

::

    InkoopError                      every error raised on purpose
    ├── InvalidInputError (ValueError)   a caller's argument is wrong
    │   └── OutOfRangeError              a date outside what the calendar covers
    ├── DataFileError (ValueError)       a bundled or user data file is wrong
    │   └── EformsError                  an eForms notice is unsafe, not eForms, or not used
    ├── RuleViolation                    Procedure.record refused an event (in lifecycle._rules)
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
    "DataFileError",
    "EformsError",
    "InkoopError",
    "InvalidInputError",
    "LifecycleDefinitionError",
    "MissingExtraError",
    "OutOfRangeError",
    "require",
    "show",
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
        places = ", ".join(place for place, _value, _problem in self.problems[1:])
        more = "" if not places else " " + in_lang(
            Text("(and 1 more problem: %(places)s)", places=places) if len(self.problems) == 2 else
            Text("(and %(count)s more problems: %(places)s)", count=len(self.problems) - 1,
                 places=places), lang)
        return f"{self.field}: {show(self.value)} {in_lang(self.problem, lang)}{more}"


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
        where = f"{self.path}: {self.place}" if self.place else self.path
        shown = "" if self.no_value else f"{show(self.value)}: "
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
        where = f"{self.path}: {self.place}" if self.place else self.path
        shown = f"{show(self.value)} " if self.value is not None else ""
        return f"{where}: {shown}{in_lang(self.problem, lang)}"


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


def show(value: object) -> str:
    """A value as a message shows it: a date as ISO text, anything else as its repr, cut to
    :data:`SHOWN_LENGTH` characters (a whole file or a long note would bury the message).

    >>> show(dt.date(2022, 2, 1)), show(dt.datetime(2022, 2, 1, 9, 30)), show("x")
    ('2022-02-01', 'datetime 2022-02-01T09:30:00', "'x'")
    >>> len(show("x" * 200)), show("x" * 200)[-5:]
    (80, 'xx...')
    """
    if isinstance(value, dt.datetime):
        return f"datetime {value.isoformat()}"
    if isinstance(value, dt.date):
        return value.isoformat()
    text = repr(value)
    return text if len(text) <= SHOWN_LENGTH else text[:SHOWN_LENGTH - 3] + "..."


#: The most characters of a value an error message shows.
SHOWN_LENGTH = 80
