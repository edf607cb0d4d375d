"""The public API is exactly ``achterhoek_inkoop.__all__`` (after httpx's test of the same name)."""

import re
import types

import pytest

import achterhoek_inkoop as ai
from achterhoek_inkoop import _exceptions, calendar


def _isort_style(name: str) -> tuple[int, list[str | int]]:
    """The order ruff's RUF022 (selected in pyproject.toml) keeps ``__all__`` in.

    SCREAMING_SNAKE_CASE names first, then CamelCase, then the rest, each group
    in natural order. A plain ``sorted()`` would contradict the project's own
    linter (it puts ``RULES`` after ``ProcedureData``), so the test uses the
    linter's order.
    """
    if len(name) > 1 and name.isupper():
        group = 0
    elif name[:1].isupper():
        group = 1
    else:
        group = 2
    natural = [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", name)]
    return group, natural


def _public_names() -> set[str]:
    # The door is lazy (issue 12, start-up): a name is in the package once asked for. Ask for all.
    for name in ai.__all__:
        getattr(ai, name)
    return {
        name
        for name, value in vars(ai).items()
        if not name.startswith("_")
        and not isinstance(value, types.ModuleType)
        and name != "annotations"
    }


def test_all_is_sorted() -> None:
    assert ai.__all__ == sorted(ai.__all__, key=_isort_style)


def test_all_has_no_duplicates() -> None:
    assert len(ai.__all__) == len(set(ai.__all__))


def test_all_equals_the_public_names() -> None:
    assert set(ai.__all__) == _public_names()


def test_every_name_in_all_exists() -> None:
    missing = [name for name in ai.__all__ if not hasattr(ai, name)]
    assert missing == []


def test_the_calendar_api_of_issue_2_is_exported() -> None:
    # Other municipal tools import these names (issue 2, "The public API this issue fixes"): each is
    # exported, and is the calendar's (or the error tree's) own object, not a copy.
    from_calendar = {
        "ALCATEL_DAYS", "Calendar", "Extension", "Holiday", "Period", "StandstillPeriod", "holidays_in",
        "is_holiday", "standstill_period", "statutory_period",
    }  # fmt: skip
    from_errors = {"DataFileError", "InkoopError", "InvalidInputError", "OutOfRangeError"}
    assert (from_calendar | from_errors) <= set(ai.__all__)
    for name in from_calendar:
        assert getattr(ai, name) is getattr(calendar, name), name
    for name in from_errors:
        assert getattr(ai, name) is getattr(_exceptions, name), name


#: The public names before the restructuring of issue 8: every one is still there.
BEFORE_ISSUE_8 = {
    "ALCATEL_DAYS", "RULES", "Announcement", "AwardDecision", "BestuurlijkOverlegSettings", "Calendar",
    "ClientTransfer", "Contract", "ContractExtension", "DataFileError", "DialogueActivity", "Event",
    "Extension", "FinalAward", "FollowUpResult", "Holiday", "InkoopError", "InvalidInputError", "KortGeding",
    "KortGedingRuling", "MissingExtraError", "Municipality", "NotaVanInlichtingen", "Objection",
    "OutOfRangeError", "Overgangsregeling", "Period", "Phase", "Plan", "Procedure", "ProcedureData",
    "Registration", "Rule", "RuleViolation", "Segment", "SegmentState", "StandstillPeriod", "TenderStart",
    "Violation", "Violations", "holidays_in", "inkoop2022", "is_holiday", "load_procedure",
    "mermaid_diagram", "procedure_schema", "procedure_template", "standstill_period", "statutory_period",
}  # fmt: skip
#: What issue 8 added: what may happen next, the labels people read, and the sources users can open.
ADDED_IN_ISSUE_8 = {"AllowedEvent", "Label", "Source", "check_citation", "sources"}
#: What issue 9 added: the events of withdrawn awards, cancellations and appeals, and the second
#: bundled procedure (the region's 2025 youth-care procurement).
ADDED_IN_ISSUE_9 = {"Appeal", "AwardWithdrawal", "Cancellation", "jeugdhulp2026"}


#: What issue 10 added for rulebooks and minimum periods (the calendar's own objects).
ADDED_IN_ISSUE_10_RULEBOOKS = {
    "RULEBOOKS", "DeadlineJudgement", "MinimumPeriod", "ProcedureType", "Rulebook", "minimum_period",
    "rulebook", "rulebook_names",
}  # fmt: skip


def test_the_public_api_keeps_every_name_and_shows_the_additions() -> None:
    assert set(ai.__all__) >= BEFORE_ISSUE_8
    added = set(ai.__all__) - BEFORE_ISSUE_8
    assert added >= ADDED_IN_ISSUE_8 | ADDED_IN_ISSUE_9 | ADDED_IN_ISSUE_10_RULEBOOKS
    for name in ADDED_IN_ISSUE_10_RULEBOOKS:
        assert getattr(ai, name) is getattr(calendar, name), name


def test_the_bundled_procedures_are_exported() -> None:
    assert {"inkoop2022", "jeugdhulp2026"} <= set(ai.__all__)
    assert ai.jeugdhulp2026 is ai.procedure.jeugdhulp2026


def test_the_procedure_keeps_its_methods_and_shows_the_additions() -> None:
    public = {name for name in dir(ai.Procedure) if not name.startswith("_")}
    assert {"phase_on", "segment_state_on", "dialogue_allowed", "standstill", "final_award_from",
            "municipality_segments", "actual", "planned", "slip", "intervals", "contract_end",
            "events_frame", "phases_frame", "plot_timeline", "check", "record", "to_json", "to_ics",
            "to_ocds", "save", "data", "events", "diagram"} <= public
    assert {"allowed_events", "as_known_on", "calendar", "segments_of"} <= public


#: What issue 11 added for the public status: the typed status and its parts (the procedure's objects).
ADDED_IN_ISSUE_11_STATUS = {"Deadline", "ExpectedState", "MilestoneStatus", "SegmentStatus", "Status"}


def test_the_status_types_of_issue_11_are_exported_with_the_procedure_s_methods() -> None:
    assert set(ai.__all__) >= ADDED_IN_ISSUE_11_STATUS
    for name in ADDED_IN_ISSUE_11_STATUS:
        assert getattr(ai, name) is getattr(ai.procedure, name), name
    assert {"status", "deadlines"} <= {name for name in dir(ai.Procedure) if not name.startswith("_")}


def test_the_lazy_door_lists_every_name_and_imports_each_from_its_home() -> None:
    # dir() lists __all__ before any name was used; each name is its subpackage's own object.
    assert set(ai.__all__) <= set(dir(ai))
    assert ai.standstill_period is ai.calendar.standstill_period
    assert ai.Procedure is ai.procedure.Procedure
    with pytest.raises(AttributeError, match="no_such_name"):
        ai.no_such_name  # noqa: B018
