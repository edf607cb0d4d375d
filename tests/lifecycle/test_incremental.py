"""Recording events one by one gives exactly what computing the whole record at once gives.

Procedure.record steps an event dated on or after every earlier one on its own
(and undoes it when refused); an earlier event makes it compute everything
again. Both paths must agree with a procedure built from the same events.

The logs mix, from the library's strategies, events the procedure accepts
(``ais.event_sequences``: the cheap path, forward in time), events it must
refuse (``ais.out_of_order_events``), and any event on any date of the log's
span (``ais.events``, and contracts and client transfers that name
municipalities: often earlier than the last one, often refused, sometimes with
a warning).
"""

from __future__ import annotations

from datetime import date, timedelta

from helpers import observe, sample_dates
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import achterhoek_inkoop as ai
from achterhoek_inkoop import strategies as ais

START = date(2022, 1, 3)
STEPS = ("accepted", "refused", "any")
MAX_STEPS = 14
#: How far the accepted events of a log may go: at most 60 days a step.
SPAN = timedelta(days=60 * MAX_STEPS)
#: Registrations due before the 20th of January, delegations of at most 3: late and large ones warn.
BESTUURLIJK_OVERLEG = ai.BestuurlijkOverlegSettings(registration_deadline=date(2022, 1, 20),
                                                    max_delegation_size=3)


def any_event(base: ai.ProcedureData) -> st.SearchStrategy[ai.Event]:
    """Any event about the segments and municipalities of ``base``, dated within the logs' span."""
    on = ais.dates(min_value=START - timedelta(days=9), max_value=START + SPAN)
    segments = base.segment_ids
    municipalities = [m.id for m in base.municipalities]
    anything = [ais.events(on=on, segments=segments), ais.registrations(on=on)]
    if municipalities:  # a municipality outside its segments, a contract longer than the maximum
        anything += [ais.client_transfers(on=on, segments=segments, municipalities=municipalities),
                     ais.contracts(on=on, segments=segments, municipalities=municipalities, max_years=None)]
    return st.one_of(anything)


def next_event(proc: ai.Procedure, anything: st.SearchStrategy[ai.Event], data: st.DataObject) -> ai.Event:
    """One event for ``proc`` of the kind the log draws next."""
    step = data.draw(st.sampled_from(STEPS), label="step")
    if step == "accepted":
        last = max((e.on for e in proc.events), default=START - timedelta(days=1))
        found = data.draw(ais.event_sequences(proc, min_size=1, max_size=1,
                                              min_value=last + timedelta(days=1),
                                              max_value=last + timedelta(days=60)), label="accepted")
        return found[0]
    if step == "refused":
        return data.draw(ais.out_of_order_events(proc), label="refused")
    return data.draw(anything, label="any")


@settings(max_examples=settings.default.max_examples * 3 // 4, deadline=None,  # 150; 1,500 in ci-long
          suppress_health_check=[HealthCheck.too_slow])
@given(ais.procedure_data(min_segments=2, max_segments=3, max_events=0), st.integers(0, MAX_STEPS), st.data())
def test_recording_one_by_one_equals_building_at_once(drawn: ai.ProcedureData, steps: int,
                                                     data: st.DataObject) -> None:
    base = drawn.model_copy(update={"bestuurlijk_overleg": BESTUURLIJK_OVERLEG})
    proc = ai.Procedure(base)
    anything = any_event(base)
    for _ in range(steps):
        event = next_event(proc, anything, data)
        days = sample_dates(proc, event.on)
        before = observe(proc, days)
        try:
            proc.record(event)
        except ai.RuleViolation:
            assert observe(proc, days) == before  # a refused event changes nothing
    whole = ai.Procedure(base.model_copy(update={"events": proc.events}))
    days = sample_dates(whole)
    assert observe(proc, days) == observe(whole, days)
    assert proc == whole
    segments = proc.data.segment_ids
    for day in days:  # the all-segments answer is kept on its own track: it must be the conjunction
        assert proc.dialogue_allowed(day) == all(proc.dialogue_allowed(day, segments=[s]) for s in segments)
