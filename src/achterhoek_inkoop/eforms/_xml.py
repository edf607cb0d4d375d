"""Reading a notice's bytes safely: no DTD, no entities, no XInclude, no network, no huge files.

A notice comes from outside (a download, an e-mail), so it is untrusted.
``lxml`` (the ``eforms`` extra) parses it with a parser that resolves no
entities, loads no DTD, never touches the network and keeps libxml2's
limits on depth and size (``huge_tree=False``); XInclude is never
processed (nothing here calls ``xinclude()``). A notice never needs a DTD,
so one is refused outright: before parsing when the prolog shows
``<!DOCTYPE`` (every ASCII-compatible encoding, so every real notice),
and right after parsing from the tree's ``docinfo`` for any other encoding.
No entity, internal or external, is ever expanded: no billion laughs, no
``file://``. Files above :data:`MAX_BYTES` are refused before a byte is
parsed. Every failure is an :class:`EformsError` naming the file.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

from .._exceptions import DataFileError, EformsError, InvalidInputError, require
from .._safe_io import read_bounded
from .._text import Text

__all__ = ["MAX_BYTES", "NOTICE_ROOTS", "Source", "parse_notice", "read_source"]

#: The largest notice read, in bytes. The SDK's 100-lot example is 1.7 MB; a
#: notice a hundred times that is not a notice.
MAX_BYTES = 20 * 1024 * 1024
#: A document type declaration in the prolog (after an optional byte order mark, the XML
#: declaration, processing instructions, comments and white space), read before parsing;
#: possessive (``*+``), so a long prolog that has none costs one pass.
_DOCTYPE = re.compile(rb"\A(?:\xef\xbb\xbf)?(?:\s|<\?.*?\?>|<!--.*?-->)*+<!DOCTYPE", re.DOTALL)
_DTD_REFUSED = Text("has a DTD (<!DOCTYPE>), which a notice never needs: refused unread")
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
            raise EformsError(label, _too_big(len(data)))
        return data, label
    if not isinstance(source, str | os.PathLike):
        raise InvalidInputError(f"sources[{index}]", source, Text("is not a file path or bytes"))
    path = Path(source)
    label = str(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise EformsError(label, _too_big(size))
        data = read_bounded(path, label)  # bounded: a FIFO or /dev/zero is given up on too
    except OSError as exc:
        reason = str(exc.strerror or exc)  # the system's words, in the system's language
        raise EformsError(label, Text("cannot be read: %(reason)s", reason=reason)) from None
    except DataFileError as exc:  # too big, or sent nothing in time: a notice's error
        raise EformsError(label, exc.problem) from None
    if len(data) > MAX_BYTES:
        raise EformsError(label, Text("is more than the %(most)s bytes a notice may have", most=MAX_BYTES))
    return data, label


def _too_big(size: int) -> Text:
    """The problem of a notice of ``size`` bytes, more than :data:`MAX_BYTES`."""
    return Text("is %(size)s bytes, more than the %(most)s a notice may have", size=size, most=MAX_BYTES)


def parse_notice(data: bytes, label: str) -> tuple[Any, str]:
    """The root element (lxml) of an eForms notice and its document type (``ContractNotice``, ...).

    Raises :class:`EformsError` naming ``label`` for a DTD or entity, XML
    that is not well formed, or a document that is not an eForms notice.
    """
    etree: Any = require("lxml.etree", "eforms")
    if _DOCTYPE.match(data):
        raise EformsError(label, _DTD_REFUSED)
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False,
                             huge_tree=False, remove_comments=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise EformsError(label, Text("is not well-formed XML (%(error)s)", error=str(exc))) from None
    docinfo = root.getroottree().docinfo
    if docinfo.doctype or docinfo.internalDTD is not None or docinfo.externalDTD is not None:
        raise EformsError(label, _DTD_REFUSED)  # a DTD in an encoding the prolog check cannot read
    namespace, _, local = str(root.tag)[1:].partition("}") if str(root.tag).startswith("{") else ("", "", "")
    kind = NOTICE_ROOTS.get(namespace)
    if kind is None or kind != local:
        raise EformsError(label, Text("is not an eForms notice: its root is not a UBL ContractNotice, "
                                      "ContractAwardNotice or PriorInformationNotice"), value=str(root.tag))
    return root, kind
