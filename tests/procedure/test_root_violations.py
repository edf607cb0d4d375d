"""One mistyped date gives one error per segment, not a cascade: ``check()`` reports the root.

A step refused with an error leaves its segment without what the event would
have done; a later step of that segment refused as out of order follows from
it and is named in the root's message instead of being reported apart. An
independent error (another rule, another segment, or after what the root
lacked was made up) is still reported.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

import achterhoek_inkoop as ai
from achterhoek_inkoop.cli._main import main

AWARDED = ("wmo-wonen", "wmo-integrale-ondersteuning", "integrale-ambulante-jeugdhulp",
           "gezins-en-woonvormen")
BUNDLED = ai.inkoop2022()


def with_events(events: list[ai.Event]) -> ai.Procedure:
    return ai.Procedure(BUNDLED.data.model_copy(update={"events": tuple(events)}))


def mistyped_award() -> list[ai.Event]:
    """Inkoop 2022 with its award decision of 14 March 2022 typed as 14 March 2021, before the tender."""
    events = list(BUNDLED.events)
    assert isinstance(events[9], ai.AwardDecision)
    assert events[9].segments == AWARDED
    events[9] = events[9].model_copy(update={"on": date(2021, 3, 14)})
    return events


def test_a_mistyped_award_date_is_reported_once_per_segment_not_with_its_contracts() -> None:
    proc = with_events(mistyped_award())
    found = proc.check()
    assert [(v.on, v.rule, v.subject) for v in found] == [
        (date(2021, 3, 14), "volgorde", seg) for seg in AWARDED]
    for v in found:
        assert v.message.startswith(f"The award decision (gunningsbeslissing) on 2021-03-14 for {v.subject} "
                                    "is out of order: the segment is in dialoog;")
        assert v.message.endswith(
            " Following from it, not reported apart: the contract start (contract) on 2022-07-01.")


def test_the_file_with_the_mistyped_date_gives_four_lines_not_eight(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = json.loads(BUNDLED.to_json())
    data["events"][9]["on"] = "2021-03-14"
    path = tmp_path / "inkoop.json"
    path.write_text(json.dumps(data, indent=2), encoding="utf-8")
    assert main(["check", str(path)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[-1] == "4 error(s), 0 warning(s)"
    assert not any("2022-07-01" in line.split()[0] for line in out[:-1])


def test_an_independent_error_of_another_rule_on_the_same_segments_is_still_reported() -> None:
    events = mistyped_award()
    assert isinstance(events[12], ai.Contract)
    events[12] = events[12].model_copy(update={"initial_end": date(2022, 1, 1)})  # ends before it starts
    found = with_events(events).check()
    assert len(found) == 5
    dates = found[-1]
    assert (dates.on, dates.rule, dates.subject) == (date(2022, 7, 1), "volgorde", ", ".join(AWARDED))
    assert "has its dates out of order" in dates.message


def test_an_independent_refusal_of_another_segment_is_still_reported() -> None:
    events = mistyped_award()
    assert isinstance(events[16], ai.Contract)
    events[16] = events[16].model_copy(update={"on": date(2022, 6, 1)})  # before its follow-up result
    found = with_events(events).check()
    assert [(v.on, v.rule, v.subject) for v in found if v.subject not in AWARDED] == [
        (date(2022, 6, 1), "volgorde", "hoog-complexe-jeugdhulp-met-verblijf"),
        (date(2022, 6, 1), "contractduur-maximum", "hoog-complexe-jeugdhulp-met-verblijf")]


def test_a_refusal_after_what_the_root_lacked_was_made_up_is_its_own() -> None:
    # wmo-wonen gets its award decision after all; a tender start during its contract is then
    # an error of its own, not one that follows from the mistyped date.
    redone = BUNDLED.events[9].model_copy(update={"segments": ("wmo-wonen",)})
    late_tender = ai.TenderStart(on=date(2024, 6, 1), segments=("wmo-wonen",))
    found = with_events([*mistyped_award(), redone, late_tender]).check()
    roots = [v for v in found if v.on == date(2021, 3, 14)]
    assert len(roots) == 4
    assert next(v for v in roots if v.subject == "wmo-wonen").message.endswith("first.")
    assert [(v.on, v.rule, v.subject) for v in found if v.on != date(2021, 3, 14)] == [
        (date(2024, 6, 1), "volgorde", "wmo-wonen")]


def test_many_follow_ons_are_named_up_to_three_then_counted() -> None:
    events = mistyped_award()
    more = [ai.ContractExtension(on=date(2023 + i, 2, 1), extended_to=date(2029, 6, 30),
                                 segments=("wmo-wonen",)) for i in range(3)]
    found = with_events([*events, *more]).check()
    root = next(v for v in found if v.subject == "wmo-wonen")
    assert root.message.endswith(
        "Following from it, not reported apart: the contract start (contract) on 2022-07-01, the "
        f"{more[0].label.en} ({more[0].label.nl}) on 2023-02-01, the {more[0].label.en} "
        f"({more[0].label.nl}) on 2024-02-01 and 1 more.")
    assert all(v.on == date(2021, 3, 14) for v in found if v.severity == "error")


def test_recording_a_follow_on_is_still_refused_and_the_report_kept() -> None:
    events = [e for e in mistyped_award() if not (isinstance(e, ai.Contract) and e.segments == AWARDED)]
    proc = with_events(events)
    before = proc.check()
    assert len(before) == 4
    assert all("Following from it" not in v.message for v in before)
    contract = BUNDLED.events[12]
    with pytest.raises(ai.RuleViolation) as info:
        proc.record(contract.model_copy(update={"on": date(2025, 1, 1), "initial_end": date(2026, 12, 31),
                                                "max_end": date(2028, 12, 31)}))
    assert {v.subject for v in info.value.violations} == set(AWARDED)
    assert proc.check() == before
    # An event that breaks nothing is recorded at the end; the report keeps its roots.
    proc.record(ai.Announcement(on=date(2025, 1, 2), title="Nieuws"))
    assert proc.check() == before


def test_the_bundled_record_and_its_rules_are_unchanged() -> None:
    assert BUNDLED.check() == []
    assert ai.jeugdhulp2026().check() == ai.jeugdhulp2026()._replay.violations()
