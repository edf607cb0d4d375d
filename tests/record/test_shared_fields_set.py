"""Events with the same fields given share pydantic's record of them (memory, issue 12); nothing a
user sees changes: what was given, what a copy was given, the JSON written."""

from __future__ import annotations

from datetime import date

import achterhoek_inkoop as ai


def test_equal_sets_of_given_fields_are_one_object() -> None:
    a = ai.TenderStart(on=date(2022, 1, 3), note="x")
    b = ai.TenderStart(on=date(2023, 5, 1), note="y")
    assert a.model_fields_set == b.model_fields_set == {"on", "note"}
    assert a.__pydantic_fields_set__ is b.__pydantic_fields_set__


def test_a_copy_with_changes_has_its_own_set_and_the_original_is_untouched() -> None:
    a = ai.TenderStart(on=date(2022, 1, 3))
    b = ai.TenderStart(on=date(2023, 5, 1))
    c = a.model_copy(update={"note": "later"})
    assert c.model_fields_set == {"on", "note"}
    assert a.model_fields_set == b.model_fields_set == {"on"}
    assert a.model_dump(exclude_unset=True) == {"on": date(2022, 1, 3)}


def test_a_file_reads_back_the_same() -> None:
    proc = ai.inkoop2022()
    again = ai.Procedure(ai.ProcedureData.model_validate_json(proc.to_json()))
    assert again.to_json() == proc.to_json()
    assert again.events == proc.events
