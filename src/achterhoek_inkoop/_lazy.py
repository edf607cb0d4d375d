"""Lazy public doors: a package's names imported on first use (PEP 562).

``import achterhoek_inkoop`` used to import every subpackage, pydantic and
``transitions`` with them, so the command line paid for all of it before it
computed a deadline. A package door now names where each of its public names
lives (a table read from its ``__all__``) and imports that module the first
time the name is asked for; the name is then kept in the package, so the
second use costs nothing. ``if TYPE_CHECKING:`` imports beside the table let
mypy and editors see the names as before.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Iterable, Mapping
from typing import Any

__all__ = ["lazy_door"]


def lazy_door(package: str, homes: Mapping[str, Iterable[str]], public: Iterable[str]
              ) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """The ``__getattr__`` and ``__dir__`` of ``package``: each name of ``homes[module]`` is imported
    from ``module`` (relative to the package) when first asked for.

    A name the table does not know, but which is a submodule of the package
    (``achterhoek_inkoop.procedure``), is imported as the submodule, as an
    eager door made them attributes. ``__dir__`` lists ``public`` (the
    ``__all__``) and what the package holds already.

    Raises:
        ValueError: ``homes`` names a name twice, or lists a name ``public``
            does not (or leaves one out): the table and ``__all__`` must agree.
    """
    public = tuple(public)
    home_of: dict[str, str] = {}
    for module, names in homes.items():
        for name in names:
            if name in home_of:
                raise ValueError(f"{package}: {name!r} is listed in {home_of[name]!r} and {module!r}")
            home_of[name] = module
    if set(home_of) != set(public):
        raise ValueError(f"{package}: the lazy table and __all__ differ: "
                         f"{sorted(set(home_of).symmetric_difference(public))}")

    def __getattr__(name: str) -> Any:
        module = home_of.get(name)
        door = sys.modules[package]
        if module is None:
            if name.startswith("__"):
                raise AttributeError(f"module {package!r} has no attribute {name!r}")
            try:
                return importlib.import_module(f"{package}.{name}")
            except ModuleNotFoundError as exc:
                if exc.name != f"{package}.{name}":
                    raise
                raise AttributeError(f"module {package!r} has no attribute {name!r}") from None
        value = getattr(importlib.import_module(module, package), name)
        setattr(door, name, value)  # asked once: the next use is a plain attribute
        return value

    def __dir__() -> list[str]:
        return sorted({*public, *vars(sys.modules[package])})

    return __getattr__, __dir__
