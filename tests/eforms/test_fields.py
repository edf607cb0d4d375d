"""The one table of fields matches the SDK's paths, and the codes it maps are the SDK's codes."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from achterhoek_inkoop.eforms import FIELDS, PROCEDURE_TYPES, Field
from achterhoek_inkoop.eforms._notices import USED_KINDS

DATA = Path(__file__).parent / "data"


def _sdk() -> dict[str, dict[str, str]]:
    fields = {}
    for name in ("fields-extract.json", "fields-extract-extra.json"):
        for item in json.loads((DATA / name).read_text(encoding="utf-8"))["fields"]:
            fields[item["id"]] = item
    return fields


SDK = _sdk()


@pytest.mark.parametrize("entry", FIELDS.values(), ids=list(FIELDS))
def test_every_path_is_the_sdks(entry: Field) -> None:
    assert entry.sdk_id in SDK, f"{entry.sdk_id} is in no copied extract"
    assert entry.absolute == SDK[entry.sdk_id]["xpathAbsolute"]
    assert entry.sdk_id.startswith(entry.bt + "-") or entry.sdk_id.startswith(entry.bt + "(")


def test_the_shared_extract_names_the_business_terms_as_the_table_does() -> None:
    for entry in FIELDS.values():
        bt = SDK[entry.sdk_id].get("btId")
        assert bt in (None, entry.bt)


def _codes(name: str) -> set[str]:
    text = (DATA / name).read_text(encoding="utf-8")
    return set(re.findall(r'<Value ColumnRef="code">\s*<SimpleValue>([^<]+)</SimpleValue>', text))


def test_procedure_type_codes_are_the_code_lists() -> None:
    assert set(PROCEDURE_TYPES) <= _codes("procurement-procedure-type.gc")
    assert {"oth-single", "oth-mult"} <= _codes("procurement-procedure-type.gc")


def test_used_notice_types_are_the_code_lists() -> None:
    assert set(USED_KINDS) <= _codes("notice-type.gc")
