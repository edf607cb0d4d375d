"""Hostile or wrong input is refused quickly, with the library's own error naming the file."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

import achterhoek_inkoop as ai
from achterhoek_inkoop.eforms import MAX_BYTES

DATA = Path(__file__).parent / "data"
_ROOT = ('<ContractNotice xmlns="urn:oasis:names:specification:ubl:schema:xsd:ContractNotice-2" '
         'xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">')
BILLION_LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10 if i > 1 else "&lol;" * 10}">'
              for i in range(1, 10))
    + ']>\n' + _ROOT + "<cbc:Note>&lol9;</cbc:Note></ContractNotice>")
EXTERNAL = ('<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
            + _ROOT + "<cbc:Note>&xxe;</cbc:Note></ContractNotice>")
DTD_ONLY = '<?xml version="1.0"?>\n<!DOCTYPE ContractNotice SYSTEM "http://example.com/x.dtd">\n' + _ROOT \
    + "</ContractNotice>"

BAD = [
    ("billion-laughs.xml", BILLION_LAUGHS, "DTD"),
    ("external-entity.xml", EXTERNAL, "DTD"),
    ("dtd.xml", DTD_ONLY, "DTD"),
    ("not-xml.xml", "this is { not xml", "not well-formed XML"),
    ("empty.xml", "", "not well-formed XML"),
    ("ubl-invoice.xml", '<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"/>',
     "not an eForms notice"),
    ("no-namespace.xml", "<ContractNotice/>", "not an eForms notice"),
]


@pytest.mark.parametrize(("name", "text", "says"), BAD, ids=[b[0] for b in BAD])
def test_bad_files_are_refused_naming_the_file(tmp_path: Path, name: str, text: str, says: str) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    started = time.perf_counter()
    with pytest.raises(ai.EformsError) as info:
        ai.from_eforms(path)
    assert time.perf_counter() - started < 5  # refused, not expanded
    assert str(path) in str(info.value)
    assert says in str(info.value)


@pytest.mark.parametrize(("name", "text", "says"), BAD, ids=[b[0] for b in BAD])
def test_bad_bytes_are_refused_naming_their_place(name: str, text: str, says: str) -> None:
    with pytest.raises(ai.EformsError, match=r"sources\[0\] \(bytes\)"):
        ai.from_eforms(text.encode())


def test_a_huge_file_is_refused_before_it_is_parsed(tmp_path: Path) -> None:
    path = tmp_path / "huge.xml"
    with path.open("wb") as handle:
        handle.truncate(MAX_BYTES + 1)  # sparse: costs no disk
    with pytest.raises(ai.EformsError, match=r"huge\.xml: is \d+ bytes, more than"):
        ai.from_eforms(path)


def test_the_error_is_a_data_file_error_and_a_value_error() -> None:
    with pytest.raises(ai.DataFileError):
        ai.from_eforms(b"<x/>")
    with pytest.raises(ValueError, match="not an eForms notice"):
        ai.from_eforms(b"<x/>")


def test_a_missing_file_is_the_librarys_error_naming_it() -> None:
    with pytest.raises(ai.EformsError, match=r"no-such-notice\.xml: cannot be read"):
        ai.from_eforms(DATA / "no-such-notice.xml")


def test_an_unknown_rulebook_is_refused_before_any_file_is_read() -> None:
    with pytest.raises(ai.InvalidInputError, match="rulebook: 'nl' is not a rulebook"):
        ai.from_eforms(DATA / "no-such-notice.xml", rulebook="nl")


@pytest.mark.parametrize("bad", [None, 3, [], [3], {"a": 1}])
def test_bad_sources_argument(bad: object) -> None:
    with pytest.raises(ai.InvalidInputError):
        ai.from_eforms(bad)


def test_bad_unused_argument() -> None:
    with pytest.raises(ai.InvalidInputError, match="unused"):
        ai.from_eforms(DATA / "cn_24_open.xml", unused="ignore")  # type: ignore[arg-type]


def test_missing_extra_names_it(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys
    monkeypatch.setitem(sys.modules, "lxml.etree", None)
    with pytest.raises(ai.MissingExtraError, match=r"achterhoek_inkoop\[eforms\]"):
        ai.from_eforms(DATA / "cn_24_open.xml")


# Paths lxml (libxml2) has that expat had not: parameter entities, XInclude, a DTD in an
# encoding a byte scan of the prolog cannot read, a document deeper than libxml2's limit.
PARAMETER_ENTITY = ('<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY % p SYSTEM "file:///etc/passwd"> %p;]>\n'
                    + _ROOT + "<cbc:Note>x</cbc:Note></ContractNotice>")
MORE_BAD = [
    ("parameter-entity.xml", PARAMETER_ENTITY.encode(), "DTD"),
    ("dtd-after-comment.xml", ('<?xml version="1.0"?>\n<!-- a comment -->\n<?pi x?>\n'
                               + DTD_ONLY.partition("\n")[2]).encode(), "DTD"),
    ("dtd-utf-16.xml", EXTERNAL.replace('version="1.0"', 'version="1.0" encoding="UTF-16"').encode("utf-16"),
     "DTD"),
    ("parameter-entity-utf-32.xml",
     PARAMETER_ENTITY.replace('version="1.0"', 'version="1.0" encoding="UTF-32"').encode("utf-32"), "DTD"),
    ("too-deep.xml", ("<a>" * 5000 + "</a>" * 5000).encode(), "not well-formed XML"),
]


@pytest.mark.parametrize(("name", "data", "says"), MORE_BAD, ids=[b[0] for b in MORE_BAD])
def test_lxml_paths_are_refused_naming_the_file(tmp_path: Path, name: str, data: bytes, says: str) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(ai.EformsError) as info:
        ai.from_eforms(path)
    assert str(path) in str(info.value)
    assert says in str(info.value)


def test_xinclude_is_never_processed(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET-FROM-DISK", encoding="utf-8")
    text = (DATA / "cn_24_open.xml").read_text(encoding="utf-8")
    start = text.index("<cac:ProcurementProject>")
    name_at = text.index("<cbc:Name", start)
    name_end = text.index(">", name_at) + 1
    include = (f'<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="{secret.as_uri()}" '
               'parse="text"/>')
    notice = tmp_path / "xinclude.xml"
    notice.write_text(text[:name_end] + include + text[name_end:], encoding="utf-8")
    proc = ai.from_eforms(notice)
    assert "SECRET-FROM-DISK" not in proc.data.model_dump_json()


def test_a_comment_inside_a_value_does_not_cut_it() -> None:
    text = (DATA / "cn_24_open.xml").read_bytes()
    folder = ai.from_eforms(text).data
    start = text.index(b"<cbc:ContractFolderID>") + len(b"<cbc:ContractFolderID>")
    commented = text[:start + 4] + b"<!-- a comment -->" + text[start + 4:]
    assert ai.from_eforms(commented).data.id == folder.id


def test_importing_the_package_does_not_import_lxml() -> None:
    import subprocess
    import sys
    code = ("import sys, achterhoek_inkoop, achterhoek_inkoop.eforms\n"
            "print([m for m in ('lxml', 'lxml.etree') if m in sys.modules])\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
