"""A new procedure file to start from, and the JSON Schema that editors validate files with."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from ._model import Municipality, Plan, ProcedureData, Segment

__all__ = ["procedure_schema", "procedure_template"]


def procedure_template() -> ProcedureData:
    """A small valid procedure to edit: one segment, one municipality, one plan, no events.

    >>> procedure_template().segment_ids
    ('perceel-1',)
    """
    return ProcedureData(
        id="nieuwe-inkoop",
        name="New procurement (edit me)",
        segments=(Segment(id="perceel-1", name="Perceel 1", domains=("jeugdhulp",)),),
        municipalities=(Municipality(id="gemeente-1", name="Gemeente 1"),),
        max_contract_years=7,
        plans=(Plan(
            id="plan-1",
            published=dt.date(2027, 1, 1),
            reason="First plan",
            milestones={"aanbesteding": dt.date(2027, 4, 1), "gunning": dt.date(2027, 10, 1),
                        "contract_start": dt.date(2028, 1, 1)},
        ),),
    )


def procedure_schema() -> dict[str, Any]:
    """The JSON Schema of a procedure file (draft 2020-12), for editors and validators."""
    schema = ProcedureData.model_json_schema(by_alias=True)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "achterhoek_inkoop procedure file"
    return schema


def schema_text() -> str:
    """The schema as indented JSON text."""
    return json.dumps(procedure_schema(), indent=2, ensure_ascii=False) + "\n"
