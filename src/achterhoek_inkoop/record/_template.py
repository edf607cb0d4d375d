"""A new procedure file to start from, the id of an event added to one, and the JSON Schema
that editors validate files with."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

from .._exceptions import InvalidInputError
from .._safe_io import read_bounded, write_atomic
from .._text import Text
from ._events import DialogueActivity, Event
from ._model import Municipality, Plan, ProcedureData, Segment

__all__ = ["SCHEMA_FILE", "new_event_id", "procedure_schema", "procedure_template", "write_schema_beside"]


def new_event_id(data: ProcedureData, event: Event) -> str:
    """An ``id`` for ``event`` that no event of ``data`` has: its kind and the next number.

    The kind is a dialogue activity's ``kind`` or else the event's ``type``,
    with hyphens; the number is one more than the highest any event of that
    kind has in ``data``, so it is unique there. The id says what the event
    is, not when: its calendar entry keeps its UID when the date moves.

    >>> new_event_id(procedure_template(), DialogueActivity(on=dt.date(2027, 2, 15), kind="gesprekstafel"))
    'gesprekstafel-1'
    """
    if not isinstance(data, ProcedureData):
        raise InvalidInputError("data", data, Text("is not a ProcedureData (pass proc.data)"))
    kind = event.kind if isinstance(event, DialogueActivity) else event.type
    base = kind.replace("_", "-")
    taken = re.compile(rf"{re.escape(base)}-([0-9]+)")
    numbers = [int(found[1]) for e in data.events if e.id and (found := taken.fullmatch(e.id))]
    return f"{base}-{max(numbers, default=0) + 1}"


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
    """The JSON Schema of a procedure file (draft 2020-12), for editors and validators.

    It states the strict reading of a file: a date is a text matching
    ``YYYY-MM-DD`` (a ``pattern``, as most validators do not check ``format``),
    a yes or no a boolean, a number a JSON number. What JSON Schema cannot
    state, its ``$comment`` says: the library also refuses a key given twice,
    an interval that ends before it starts, and a whole number written with a
    fraction (``20.0``, which JSON Schema counts as an integer).
    """
    schema = ProcedureData.model_json_schema(by_alias=True)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "achterhoek_inkoop procedure file"
    schema["$comment"] = (
        "Read strictly by achterhoek_inkoop, which also refuses what this schema cannot state: "
        "an object that gives a key twice, an interval that ends before it starts (a contract's "
        "initial_end before on, max_end before initial_end; an overgangsregeling's end before its "
        "start; a plan's milestones out of order), and a whole number written with a fraction (20.0).")
    return schema


def schema_text() -> str:
    """The schema as indented JSON text."""
    return json.dumps(procedure_schema(), indent=2, ensure_ascii=False) + "\n"


#: The name of the schema file ``achterhoek-inkoop new`` writes beside a new procedure file; the
#: file's ``"$schema"`` names it, and editors (VS Code, JetBrains) read it relative to the file.
SCHEMA_FILE = "procedure.schema.json"


def write_schema_beside(path: Path) -> Path | None:
    """Write the JSON Schema as :data:`SCHEMA_FILE` in the folder of the procedure file ``path``.

    Returns the schema file written, or ``None`` when a file of that name is
    there that is not a schema of ours (it is kept). One of ours is written
    again, so it is the schema of the version installed.
    """
    target = path.with_name(SCHEMA_FILE)
    if target == path:  # the procedure file itself has the name
        return None
    if target.exists():
        try:
            title = json.loads(read_bounded(target)).get("title")
        except (OSError, ValueError, AttributeError):
            return None
        if title != procedure_schema()["title"]:
            return None
    write_atomic(target, schema_text())
    return target
