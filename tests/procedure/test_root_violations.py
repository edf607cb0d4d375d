"""One mistyped date gives one error, not a cascade: ``check()`` reports the root, once.

A step refused with an error leaves its segment without what the event would
have done; a later step of that segment refused as out of order follows from
it and is named in the root's message instead of being reported apart. An
independent error (another rule, another segment, or after what the root
lacked was made up) is still reported.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
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


def test_a_mistyped_award_date_is_reported_once_not_per_segment_nor_with_its_contracts() -> None:
    proc = with_events(mistyped_award())
    found = proc.check()
    assert [(v.on, v.rule, v.subject) for v in found] == [(date(2021, 3, 14), "volgorde", ", ".join(AWARDED))]
    v = found[0]
    assert v.message.startswith(f"The award decision (gunningsbeslissing) on 2021-03-14 for {v.subject} "
                                "is out of order (state: dialoog);")
    assert v.message.endswith(
        " Following from it, not reported apart: the contract start (contract) on 2022-07-01.")
    assert v.message_nl.startswith(f"De gebeurtenis \u2018gunningsbeslissing\u2019 op 2021-03-14 voor "
                                   f"{v.subject} komt niet in de juiste volgorde (fase: \u2018dialoog\u2019)")


def test_segments_in_different_states_are_reported_apart() -> None:
    # The same refusal in another state is another message: joined only when nothing but the segment differs.
    events = list(BUNDLED.events)
    tender = next(i for i, e in enumerate(events) if isinstance(e, ai.TenderStart))
    award = events[9]
    assert isinstance(award, ai.AwardDecision)
    early = award.model_copy(update={"on": events[tender].on - timedelta(days=1),
                                     "segments": AWARDED[:1]})
    late_but_early = award.model_copy(update={"on": events[tender].on - timedelta(days=1),
                                              "segments": AWARDED[1:]})
    found = [v for v in with_events([*events[:9], early, late_but_early, *events[10:]]).check()
             if v.rule == "volgorde" and v.on == early.on]
    assert [v.subject for v in found] == [AWARDED[0], ", ".join(AWARDED[1:])]


def test_the_file_with_the_mistyped_date_gives_one_line_not_eight(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = json.loads(BUNDLED.to_json())
    data["events"][9]["on"] = "2021-03-14"
    path = tmp_path / "inkoop.json"
    path.write_text(json.dumps(data, indent=2), encoding="utf-8")
    assert main(["check", str(path)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[-1] == "1 error(s), 0 warning(s)"
    assert not any("2022-07-01" in line.split()[0] for line in out[:-1])


def test_an_independent_error_of_another_rule_on_the_same_segments_is_still_reported() -> None:
    events = mistyped_award()
    assert isinstance(events[12], ai.Contract)
    events[12] = events[12].model_copy(update={"initial_end": date(2022, 1, 1)})  # ends before it starts
    found = with_events(events).check()
    assert len(found) == 2  # the root, once, and the contract's own error
    dates = found[-1]
    assert (dates.on, dates.rule, dates.subject) == (date(2022, 7, 1), "volgorde", ", ".join(AWARDED))
    assert "has its dates out of order" in dates.message


def test_an_independent_refusal_of_another_segment_is_still_reported() -> None:
    events = mistyped_award()
    assert isinstance(events[16], ai.Contract)
    events[16] = events[16].model_copy(update={"on": date(2022, 6, 1)})  # before its follow-up result
    found = with_events(events).check()
    assert [(v.on, v.rule, v.subject) for v in found if v.on != date(2021, 3, 14)] == [
        (date(2022, 6, 1), "volgorde", "hoog-complexe-jeugdhulp-met-verblijf"),
        (date(2022, 6, 1), "contractduur-maximum", "hoog-complexe-jeugdhulp-met-verblijf")]


def test_a_refusal_after_what_the_root_lacked_was_made_up_is_its_own() -> None:
    # wmo-wonen gets its award decision after all; a tender start during its contract is then
    # an error of its own, not one that follows from the mistyped date.
    redone = BUNDLED.events[9].model_copy(update={"segments": ("wmo-wonen",)})
    late_tender = ai.TenderStart(on=date(2024, 6, 1), segments=("wmo-wonen",))
    found = with_events([*mistyped_award(), redone, late_tender]).check()
    roots = [v for v in found if v.on == date(2021, 3, 14)]
    # wmo-wonen's root names no follow-on now, the others' still do: two messages.
    assert [v.subject for v in roots] == ["wmo-wonen", ", ".join(AWARDED[1:])]
    assert roots[0].message.endswith("first.")
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
    assert len(before) == 1
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
