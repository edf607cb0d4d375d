"""Every view of a date is the procedure as known on it: the status and OCDS agree (issue 9, item 1).

``status(proc, on)`` and ``procedure_to_ocds(proc, on)`` both read
``proc.as_known_on(on)``: what they say about a segment's standstill and the
day its award may become final is the same, and nothing recorded after ``on``
changes either.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import achterhoek_inkoop as ai
from achterhoek_inkoop import strategies as ais
from achterhoek_inkoop.exports import format_status, procedure_to_ocds, status

#: Days around every turn of Inkoop 2022, and long after it.
INKOOP_DATES = [date(2020, 12, 1), date(2021, 1, 10), date(2021, 5, 1), date(2021, 10, 15),
                date(2022, 3, 14), date(2022, 3, 20), date(2022, 4, 4), date(2022, 4, 5),
                date(2022, 7, 1), date(2022, 11, 16), date(2023, 6, 1), date(2026, 11, 23)]
_END = re.compile(r" to (\d{4}-\d{2}-\d{2}) \(24:00\)")
_FINAL_FROM = re.compile(r"may become final from (\d{4}-\d{2}-\d{2})")


def latest_decision(package: dict[str, Any], seg: str) -> dict[str, Any] | None:
    """The OCDS award of the latest award decision about ``seg`` (not a follow-up result)."""
    awards = [a for a in package["releases"][0].get("awards", [])
              if a["relatedLots"] == [seg] and "follow-up" not in a["title"]]
    return awards[-1] if awards else None


def assert_status_and_ocds_agree(proc: ai.Procedure, on: date) -> None:
    shown = status(proc, on)
    package = procedure_to_ocds(proc, on, lang="en")  # the descriptions read below are English
    known = proc.as_known_on(on)
    for seg, info in shown["segments"].items():
        period = known.standstill(seg)
        final = known.final_award_from(seg)
        assert info["standstill_end"] == (None if period is None else period.end.isoformat())
        assert info["final_award_from"] == (None if final is None else final.isoformat())
        award = latest_decision(package, seg)
        if award is None or award["status"] == "unsuccessful":  # not awarded: no standstill
            assert info["standstill_end"] is None, (seg, award)
            continue
        # The same standstill end, or none in either (a decision that needs no standstill).
        ends = [] if info["standstill_end"] is None else [info["standstill_end"]]
        assert _END.findall(award["description"]) == ends, (seg, award)
        if award["status"] == "pending" and (pending := _FINAL_FROM.findall(award["description"])):
            assert pending == [info["final_award_from"]], (seg, award)
        # The upcoming deadlines show the same dates.
        for deadline in shown["next_deadlines"]:
            if seg in deadline["subjects"] and deadline["what"].startswith("Alcatel standstill ends"):
                assert deadline["date"] == info["standstill_end"]
                assert deadline["expected"]
            if seg in deadline["subjects"] and deadline["what"] == "award may become final":
                assert deadline["date"] == info["final_award_from"]


@pytest.mark.parametrize("on", INKOOP_DATES, ids=str)
def test_status_and_ocds_agree_on_inkoop2022(on: date) -> None:
    assert_status_and_ocds_agree(ai.inkoop2022(), on)


@pytest.mark.parametrize("on", INKOOP_DATES, ids=str)
def test_the_status_of_a_date_is_that_of_the_record_known_then(on: date) -> None:
    proc = ai.inkoop2022()
    assert status(proc, on) == status(proc.as_known_on(on), on)
    text = format_status(status(proc, on))
    later = [e.on.isoformat() for e in proc.events if e.on > on]
    for day in later:  # no event recorded after the day shows, not even by its date
        assert day not in text or any(d["date"] == day for d in status(proc, on)["next_deadlines"])


def days_near_events(proc: ai.Procedure) -> list[date]:
    """The days of the record and the weeks after each: where standstills and kort gedingen run."""
    return sorted({e.on + timedelta(days=k) for e in proc.events for k in (-1, 0, 1, 7, 15, 21, 30)
                   if date(2000, 1, 1) <= e.on + timedelta(days=k) <= date(2099, 12, 31)})


@settings(max_examples=80)
@given(ais.procedures(max_segments=3, min_events=2), st.data())
def test_status_shows_the_standstill_end_ocds_and_the_known_procedure_give(proc: ai.Procedure,
                                                                           data: st.DataObject) -> None:
    near = days_near_events(proc)
    on = data.draw(st.sampled_from(near) if near else ais.dates(), label="on")
    assert_status_and_ocds_agree(proc, on)
    assert status(proc, on) == status(proc.as_known_on(on), on)


def test_status_names_the_ground_of_a_decision_exempt_from_the_standstill() -> None:
    # Aw 2012 art. 2.127 lid 4: with a single tenderer no standstill runs; status says why.
    proc = ai.inkoop2022().as_known_on(date(2022, 3, 13))
    proc.record(ai.AwardDecision(on=date(2022, 3, 14), outcome="awarded", providers=1,
                                standstill_exemption="single_tenderer"))
    info = status(proc, date(2022, 3, 20))["segments"]["wmo-wonen"]
    assert (info["standstill_exemption"], info["standstill_end"]) == ("single_tenderer", None)
    text = format_status(status(proc, date(2022, 3, 20)))
    assert "no standstill (" in text
    assert "art. 2.127 lid 4" in text
