"""The status of a procedure of any type: its type, its rulebook and the time limits of its notice."""

from __future__ import annotations

from datetime import date

from helpers import procedure

import achterhoek_inkoop as ai
from achterhoek_inkoop.exports._status import format_status, status

NOTICE = ai.TenderStart(on=date(2024, 1, 8), deadline=date(2024, 2, 22), requests_deadline=date(2024, 1, 29))


def test_the_status_names_the_procedure_type_and_a_rulebook_other_than_the_default() -> None:
    proc = procedure(NOTICE, procedure_type="niet_openbaar", rulebook="eu-minimum")
    data = status(proc, date(2024, 1, 10))
    assert (data["procedure_type"], data["rulebook"]) == ("niet_openbaar", "eu-minimum")
    text = format_status(data)
    assert "procedure type        niet-openbare procedure" in text
    assert "rulebook              eu-minimum" in text
    assert "rulebook" not in format_status(status(procedure(NOTICE), date(2024, 1, 10)))


def test_the_time_limits_of_the_notice_are_deadlines_set_in_advance() -> None:
    data = status(procedure(NOTICE), date(2024, 1, 10))
    limits = [(d["date"], d["what"], d["expected"]) for d in data["next_deadlines"]]
    assert limits == [("2024-01-29", "time limit for requests to participate", False),
                      ("2024-02-22", "time limit for receipt of tenders", False)]
    # As known before the notice was sent there is none.
    assert status(procedure(NOTICE), date(2024, 1, 7))["next_deadlines"] == []
