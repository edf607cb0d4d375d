"""Reading a notice's bytes safely: no DTD, no entities, no network, no huge files.

A notice comes from outside (a download, an e-mail), so it is untrusted.
``defusedxml`` (the ``eforms`` extra) parses it with the standard library's
expat, refusing any DTD outright (which also refuses every entity
declaration, internal or external: no billion laughs, no ``file://``),
and expat itself never fetches anything. Files above :data:`MAX_BYTES` are
refused before a byte is parsed. Every failure is an :class:`EformsError`
naming the file.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import ParseError

from .._exceptions import EformsError, InvalidInputError, require
from ._xpath import Node

__all__ = ["MAX_BYTES", "NOTICE_ROOTS", "Source", "parse_notice", "read_source"]

#: The largest notice read, in bytes. The SDK's 100-lot example is 1.7 MB; a
#: notice a hundred times that is not a notice.
MAX_BYTES = 20 * 1024 * 1024
#: The UBL document elements of eForms notices, by namespace, and what they are.
NOTICE_ROOTS = {
    "urn:oasis:names:specification:ubl:schema:xsd:ContractNotice-2": "ContractNotice",
    "urn:oasis:names:specification:ubl:schema:xsd:ContractAwardNotice-2": "ContractAwardNotice",
    "urn:oasis:names:specification:ubl:schema:xsd:PriorInformationNotice-2": "PriorInformationNotice",
}

Source = str | os.PathLike[str] | bytes


def read_source(source: object, index: int) -> tuple[bytes, str]:
    """The bytes of a notice given as a path or as bytes, and the label errors name it by."""
    if isinstance(source, bytes | bytearray | memoryview):
        data = bytes(source)
        label = f"sources[{index}] (bytes)"
        if len(data) > MAX_BYTES:
            raise EformsError(label, f"is {len(data)} bytes, more than the {MAX_BYTES} a notice may have")
        return data, label
    if not isinstance(source, str | os.PathLike):
        raise InvalidInputError(f"sources[{index}]", source, "is not a file path or bytes")
    path = Path(source)
    label = str(path)
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise EformsError(label, f"is {size} bytes, more than the {MAX_BYTES} a notice may have")
    with path.open("rb") as handle:
        data = handle.read(MAX_BYTES + 1)  # a file that grew since stat is still refused
    if len(data) > MAX_BYTES:
        raise EformsError(label, f"is more than the {MAX_BYTES} bytes a notice may have")
    return data, label


def parse_notice(data: bytes, label: str) -> tuple[Node, str]:
    """The root of an eForms notice and its document type (``ContractNotice``, ...).

    Raises :class:`EformsError` naming ``label`` for a DTD or entity, XML
    that is not well formed, or a document that is not an eForms notice.
    """
    defused: Any = require("defusedxml.ElementTree", "eforms")
    errors: Any = require("defusedxml", "eforms")
    try:
        root = defused.fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except errors.DTDForbidden:
        raise EformsError(label, "has a DTD (<!DOCTYPE>), which a notice never needs: "
                          "refused unread") from None
    except (errors.EntitiesForbidden, errors.ExternalReferenceForbidden):
        raise EformsError(label, "declares or references an entity: refused unread") from None
    except errors.DefusedXmlException as exc:
        raise EformsError(label, f"is refused as unsafe XML ({exc})") from None
    except ParseError as exc:
        raise EformsError(label, f"is not well-formed XML ({exc})") from None
    namespace, _, local = str(root.tag)[1:].partition("}") if str(root.tag).startswith("{") else ("", "", "")
    kind = NOTICE_ROOTS.get(namespace)
    if kind is None or kind != local:
        raise EformsError(label, "is not an eForms notice: its root is not a UBL ContractNotice, "
                          "ContractAwardNotice or PriorInformationNotice", value=str(root.tag))
    return Node(root, None), kind
