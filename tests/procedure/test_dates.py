"""Every date argument of a procedure takes the forms analysts hold dates in.

Issue 11: ``phase_on(pd.Timestamp(...))`` raised ``InvalidInputError``. A
``datetime.date``, a ``pandas.Timestamp``, a ``numpy.datetime64`` and an ISO
text give the same answers; a time of day is refused, as before.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

import achterhoek_inkoop as ai

DAY = dt.date(2022, 3, 20)
FORMS = {"iso": "2022-03-20", "timestamp": pd.Timestamp("2022-03-20"),
         "datetime64": np.datetime64("2022-03-20"), "midnight": dt.datetime(2022, 3, 20)}


@pytest.fixture(scope="module")
def proc() -> ai.Procedure:
    return ai.inkoop2022()


@pytest.mark.parametrize("on", FORMS.values(), ids=FORMS.keys())
def test_every_query_takes_every_form_of_a_date(proc: ai.Procedure, on: object) -> None:
    day: dt.date = on  # type: ignore[assignment]
    assert proc.phase_on(day) == proc.phase_on(DAY) == ai.Phase.GUNNING
    assert proc.segment_state_on("wmo-wonen", day) == ai.SegmentState.STANDSTILL
    assert proc.dialogue_allowed(day) == proc.dialogue_allowed(DAY)
    assert proc.dialogue_allowed(day, segments=["wmo-logeren"]) == proc.dialogue_allowed(
        DAY, segments=["wmo-logeren"])
    assert proc.allowed_events("wmo-wonen", day) == proc.allowed_events("wmo-wonen", DAY)
    assert proc.as_known_on(day) == proc.as_known_on(DAY)
    assert proc.to_ocds(day) == proc.to_ocds(DAY)


@pytest.mark.parametrize("on", [dt.datetime(2022, 3, 20, 9, 30), pd.Timestamp("2022-03-20 09:30"),
                                np.datetime64("2022-03-20T09:30"), pd.NaT, "2022-03-20T09:30"])
def test_a_time_of_day_or_no_date_is_refused(proc: ai.Procedure, on: object) -> None:
    for query in (proc.phase_on, proc.dialogue_allowed, proc.as_known_on,
                  lambda d: proc.segment_state_on("wmo-wonen", d)):
        with pytest.raises(ai.InvalidInputError) as info:
            query(on)
        assert info.value.field == "on"


def test_the_memo_keeps_answers_by_the_day_whatever_form_asked_first() -> None:
    proc = ai.inkoop2022()
    assert proc.phase_on(pd.Timestamp("2021-05-01")) == ai.Phase.AANBESTEDING
    assert proc.phase_on("2021-05-01") == ai.Phase.AANBESTEDING
    assert proc.phase_on(dt.date(2021, 5, 1)) == ai.Phase.AANBESTEDING
    with pytest.raises(ai.InvalidInputError):
        proc.phase_on(pd.Timestamp("2021-05-01 12:00"))  # asked after the day: still refused


def test_events_take_iso_dates_through_the_model() -> None:
    proc = ai.inkoop2022()
    proc.record(ai.NotaVanInlichtingen(on="2021-05-03", number=1))  # type: ignore[arg-type]
    assert proc.events[-1].on == dt.date(2021, 5, 3)
