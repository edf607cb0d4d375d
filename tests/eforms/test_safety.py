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


def test_a_missing_file_is_an_os_error() -> None:
    with pytest.raises(FileNotFoundError):
        ai.from_eforms(DATA / "no-such-notice.xml")


@pytest.mark.parametrize("bad", [None, 3, [], [3], {"a": 1}])
def test_bad_sources_argument(bad: object) -> None:
    with pytest.raises(ai.InvalidInputError):
        ai.from_eforms(bad)


def test_bad_unused_argument() -> None:
    with pytest.raises(ai.InvalidInputError, match="unused"):
        ai.from_eforms(DATA / "cn_24_open.xml", unused="ignore")  # type: ignore[arg-type]


def test_missing_extra_names_it(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys
    monkeypatch.setitem(sys.modules, "defusedxml.ElementTree", None)
    with pytest.raises(ai.MissingExtraError, match=r"achterhoek_inkoop\[eforms\]"):
        ai.from_eforms(DATA / "cn_24_open.xml")
