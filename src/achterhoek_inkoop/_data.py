"""The package's bundled data files, read without :mod:`importlib.resources`.

``importlib.resources`` imports ``tempfile``, ``zipfile`` and more: about a
tenth of the command line's start-up on the development machine. The data
files that a deadline reads (the decrees, the rulebooks) are read here
through the package's own loader instead, as :func:`pkgutil.get_data` does,
which works for a package on disk and in a zip file alike.
"""

from __future__ import annotations

import os

__all__ = ["bundled_bytes", "bundled_names"]

_ROOT = os.path.dirname(__file__)


def bundled_bytes(*parts: str) -> bytes:
    """The bytes of the package file at ``parts`` (``"data", "sources.json"``)."""
    loader = __spec__.loader  # the package's loader: a file loader, or zipimport's
    data: bytes = loader.get_data(os.path.join(_ROOT, *parts))  # type: ignore[union-attr]
    return data


def bundled_names(*parts: str) -> list[str]:
    """The names of the entries in the package folder at ``parts``."""
    try:
        return os.listdir(os.path.join(_ROOT, *parts))
    except NotADirectoryError:  # inside a zip file: ask importlib.resources, which can list it
        from importlib import resources

        return [entry.name for entry in resources.files(__package__).joinpath(*parts).iterdir()]
