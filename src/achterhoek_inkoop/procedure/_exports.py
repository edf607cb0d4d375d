"""Where the exports plug into :class:`Procedure`'s convenience methods.

``proc.to_ocds(on)``, ``proc.to_ics()``, ``proc.events_frame()`` and the
like are conveniences for notebooks and scripts. The exports themselves live
a layer above the procedure (``achterhoek_inkoop.exports``) and the procedure
never imports them: each export registers its function here when the
exports package is imported, which ``import achterhoek_inkoop`` does. Their
third-party libraries are imported only when an export is called.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .._exceptions import InkoopError

__all__ = ["export", "register_export"]

_EXPORTS: dict[str, Callable[..., Any]] = {}


def register_export(name: str, function: Callable[..., Any]) -> None:
    """Make ``function`` the export called ``name`` (its first argument is the procedure)."""
    _EXPORTS[name] = function


def export(name: str) -> Callable[..., Any]:
    """The export called ``name``."""
    try:
        return _EXPORTS[name]
    except KeyError:
        raise InkoopError(f"the export {name!r} is not registered: import achterhoek_inkoop.exports"
                          ) from None
