"""Hypothesis strategies for tools that use ``achterhoek_inkoop``: dates, segments,
events and whole procedures, valid and deliberately invalid.

A municipal tool that builds on this library can check its own use of it in
property tests, the way hypothesis ships strategies for numpy and pandas. This
package imports ``hypothesis`` (the ``test`` extra) and is never imported by
``achterhoek_inkoop`` itself; it uses only the library's public API, as such a
tool would::

    from hypothesis import given
    import achterhoek_inkoop as ai
    from achterhoek_inkoop import strategies as ais

    @given(ais.procedures(), ais.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31)))
    def test_my_planner_agrees_with_the_library(proc, day):
        assert my_planner.may_hold_gesprekstafel(proc, day) == proc.dialogue_allowed(day)

Every strategy shrinks towards small, early, readable values: one segment
called ``"a"``, events on the first allowed day, no optional fields.

- values: :func:`dates`, :func:`award_decision_dates`, :func:`segment_ids`,
  :func:`municipality_ids`, :func:`segments`, :func:`municipalities`,
  :func:`procedure_types`, :func:`rulebooks`;
- one strategy per event type (:func:`tender_starts`, :func:`award_decisions`,
  ...), each drawing the segments it concerns from the ids it is given;
- whole valid procedures (:func:`procedure_data`, :func:`procedures`) and the
  events a given procedure accepts (:func:`event_sequences`): walks through the
  lifecycle, each event one that ``Procedure.allowed_events`` gives, mostly
  on towards contracts, now and then withdrawn or corrected award decisions,
  exemptions from the standstill, cancellations, several kort gedingen with
  their rulings and appeals, recorded final awards; procedures of every type
  under every rulebook, each tender start with a deadline that keeps the
  minimum period;
- invalid input: :func:`malformed_dates`, :func:`unknown_ids`,
  :func:`out_of_order_events` (an event ``Procedure.allowed_events`` does not
  give, which ``record`` refuses), :func:`short_deadlines` (a tender start
  whose deadline is short of the minimum period: ``minimumtermijn``).

An impossible argument raises :class:`~achterhoek_inkoop.InvalidInputError`
naming it, when the strategy is built, not when it is drawn from.
"""

from __future__ import annotations

from ._events import (
    announcements,
    appeals,
    award_decisions,
    award_withdrawals,
    cancellations,
    client_transfers,
    contract_extensions,
    contracts,
    dialogue_activities,
    events,
    final_awards,
    follow_up_results,
    kort_geding_rulings,
    kort_gedingen,
    notas_van_inlichtingen,
    objections,
    overgangsregelingen,
    registrations,
    tender_starts,
)
from ._invalid import malformed_dates, out_of_order_events, short_deadlines, unknown_ids
from ._procedure_types import procedure_types, rulebooks
from ._values import award_decision_dates, dates, municipalities, municipality_ids, segment_ids, segments
from ._walks import event_sequences, procedure_data, procedures

__all__ = [
    "announcements",
    "appeals",
    "award_decision_dates",
    "award_decisions",
    "award_withdrawals",
    "cancellations",
    "client_transfers",
    "contract_extensions",
    "contracts",
    "dates",
    "dialogue_activities",
    "event_sequences",
    "events",
    "final_awards",
    "follow_up_results",
    "kort_geding_rulings",
    "kort_gedingen",
    "malformed_dates",
    "municipalities",
    "municipality_ids",
    "notas_van_inlichtingen",
    "objections",
    "out_of_order_events",
    "overgangsregelingen",
    "procedure_data",
    "procedure_types",
    "procedures",
    "registrations",
    "rulebooks",
    "segment_ids",
    "segments",
    "short_deadlines",
    "tender_starts",
    "unknown_ids",
]
