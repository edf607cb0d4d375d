"""Who publishes an OCDS export and under which identifiers: options, file settings, placeholders.

An ``ocid`` is meant to be unique in the world: its prefix is registered by
the publisher with the Open Contracting Partnership. The library cannot know
it, so the prefix, the package ``uri`` and the publisher come from the
caller's options, else from the procedure file's ``ocds`` settings, else
they are placeholders.

A placeholder is not an error: an export for a notebook or a test needs no
registered prefix. It is reported as data, by :func:`ocds_warnings`, which
the command line prints to stderr (stdout stays the JSON package). A Python
warning would be the wrong channel for a library that reports its findings
as values, and a note inside the package has no field to live in: OCDS 1.1
has no free-text field on a package or a release, and writing the note into
``tender.description`` would make it look like a fact about the procurement.
The default publisher's name says the export is unofficial.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from .._exceptions import InvalidInputError
from .._i18n import check_lang, translations
from ..procedure import Procedure
from ._ocds_codes import OCID_PREFIX, PACKAGE_URI_BASE, PUBLISHER

__all__ = ["OcdsOptions", "ocds_options", "ocds_warnings"]

_PREFIX = re.compile(r"ocds-[a-z0-9]{6}-", re.ASCII)
_PLACEHOLDER = re.compile(r"\{(id|on)\}")
#: The default package ``uri``: one address per procedure and date.
DEFAULT_URI = PACKAGE_URI_BASE + "{id}/{on}.json"


@dataclass(frozen=True)
class OcdsOptions:
    """The identifiers and publisher of one export, each from an option, the file or a default."""

    ocid_prefix: str
    publisher: str
    #: The package ``uri``; ``{id}`` and ``{on}`` stand for the procedure id and the date.
    uri: str
    #: The lead buyer: a municipality id or an organisation's name; ``None``: none named.
    buyer: str | None

    def package_uri(self, procedure_id: str, on: dt.date) -> str:
        """The ``uri`` with ``{id}`` and ``{on}`` filled in."""
        values = {"id": procedure_id, "on": on.isoformat()}
        return _PLACEHOLDER.sub(lambda m: values[m.group(1)], self.uri)

    @property
    def warnings(self) -> tuple[str, ...]:
        """What in the export is still a placeholder, one sentence each, in English."""
        return self.warnings_in("en")

    def warnings_in(self, lang: str) -> tuple[str, ...]:
        """What in the export is still a placeholder, one sentence each, in ``lang`` (``nl``, ``en``)."""
        _ = translations(lang).gettext
        found: list[str] = []
        if self.ocid_prefix == OCID_PREFIX:
            found.append(_("the ocid prefix %(prefix)s is a placeholder: register a prefix with the Open "
                           "Contracting Partnership and give it (--ocid-prefix, or ocds.ocid_prefix in the "
                           "procedure file) before publishing") % {"prefix": repr(OCID_PREFIX)})
        if self.uri == DEFAULT_URI:
            found.append(_("the package uri lies under %(base)s (a placeholder): give the address it will "
                           "be published at (--uri, or ocds.uri in the procedure file)")
                         % {"base": PACKAGE_URI_BASE})
        return tuple(found)


def ocds_options(proc: Procedure, *, ocid_prefix: str | None = None, publisher: str | None = None,
                 uri: str | None = None, buyer: str | None = None) -> OcdsOptions:
    """The options of an export of ``proc``: each argument, else the file's ``ocds``, else the default.

    Raises:
        InvalidInputError: an argument is not of its form (naming it and the value).

    >>> import achterhoek_inkoop as ai
    >>> options = ocds_options(ai.inkoop2022(), ocid_prefix="ocds-abc123-")
    >>> options.package_uri("inkoop-2022", dt.date(2022, 3, 20))
    'https://example.org/achterhoek-inkoop/ocds/inkoop-2022/2022-03-20.json'
    >>> len(options.warnings)
    1
    """
    _check(ocid_prefix, publisher, uri, buyer)
    settings = proc.data.ocds
    if settings is not None:
        ocid_prefix = ocid_prefix or settings.ocid_prefix
        publisher = publisher or settings.publisher
        uri = uri or settings.uri
        buyer = buyer or settings.buyer
    return OcdsOptions(ocid_prefix=ocid_prefix or OCID_PREFIX, publisher=publisher or PUBLISHER,
                       uri=uri or DEFAULT_URI, buyer=buyer)


def ocds_warnings(proc: Procedure, *, ocid_prefix: str | None = None, publisher: str | None = None,
                  uri: str | None = None, buyer: str | None = None, lang: str = "en") -> list[str]:
    """What an export of ``proc`` with these options still holds as a placeholder, one sentence each.

    Empty once the file or the options give a registered prefix and the
    package's address. ``achterhoek-inkoop ocds`` prints each on stderr.
    ``lang`` is the language of the sentences: ``"en"`` (the default, as for
    the library's other messages) or ``"nl"``; the options' names stay as written.

    Raises:
        InvalidInputError: ``proc`` is not a Procedure, an option is not of its form,
            or ``lang`` is not ``"nl"`` or ``"en"``.

    >>> import achterhoek_inkoop as ai
    >>> ocds_warnings(ai.inkoop2022(), ocid_prefix="ocds-abc123-", uri="https://x.nl/{on}.json")
    []
    """
    if not isinstance(proc, Procedure):
        raise InvalidInputError("proc", proc, "is not a Procedure")
    lang = check_lang(lang)
    return list(ocds_options(proc, ocid_prefix=ocid_prefix, publisher=publisher, uri=uri,
                             buyer=buyer).warnings_in(lang))


def _check(ocid_prefix: object, publisher: object, uri: object, buyer: object) -> None:
    if ocid_prefix is not None and not (isinstance(ocid_prefix, str) and _PREFIX.fullmatch(ocid_prefix)):
        raise InvalidInputError("ocid_prefix", ocid_prefix,
                                "is not an OCDS ocid prefix: 'ocds-', six lowercase letters or digits, "
                                "then '-' (e.g. 'ocds-213czf-'), as the Open Contracting Partnership "
                                "registers them")
    for name, value in (("publisher", publisher), ("buyer", buyer)):
        if value is not None and not (isinstance(value, str) and value.strip()):
            raise InvalidInputError(name, value, "is not a non-empty name")
    if uri is not None:
        if not isinstance(uri, str):
            raise InvalidInputError("uri", uri, "is not an http(s) address")
        parts = urlsplit(uri)
        if parts.scheme not in ("http", "https") or not parts.netloc or re.search(r"\s", uri):
            raise InvalidInputError("uri", uri, "is not an http(s) address")
        unknown = set(re.findall(r"\{([^}]*)\}", uri)) - {"id", "on"}
        if unknown:
            raise InvalidInputError("uri", uri, f"has {{{sorted(unknown)[0]}}}: only {{id}} and {{on}} "
                                                "are filled in")
