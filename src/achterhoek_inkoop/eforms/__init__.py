"""Importing a procedure from its published eForms notices (the ``eforms`` extra: lxml).

Owns the eForms import: ``_xml`` parses a notice safely with lxml (no DTD,
no entities, no XInclude, no network), ``_fields`` is the one table of the
business terms read and their XPaths (the SDK's, evaluated by lxml),
``_notices`` reads a notice into plain facts, and ``_import`` builds the
procedure from the notices of one procedure. lxml is imported only when an
import runs: ``import achterhoek_inkoop`` does not need it.
"""

from ._fields import CONTEXTS, FIELDS, Field
from ._import import PROCEDURE_TYPES, from_eforms, read_notices
from ._notices import Lot, LotResult, Notice, SettledContract
from ._xml import MAX_BYTES

__all__ = [
    "CONTEXTS",
    "FIELDS",
    "MAX_BYTES",
    "PROCEDURE_TYPES",
    "Field",
    "Lot",
    "LotResult",
    "Notice",
    "SettledContract",
    "from_eforms",
    "read_notices",
]
