"""The ``achterhoek-inkoop`` command line.

Owns parsing arguments, the one place the package reads the clock (a date
defaults to today), and turning every error into one line on stderr. It
imports everything; nothing in the package imports it.
"""

from ._main import main

__all__ = ["main"]
