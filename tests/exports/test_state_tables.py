"""Every table an export keeps per state or phase covers them all, and follows the declaration."""

from __future__ import annotations

from datetime import date

import pytest

import achterhoek_inkoop as ai
from achterhoek_inkoop.exports import _frames, _ocds, _plot
from achterhoek_inkoop.lifecycle import LIFECYCLE, Phase
from achterhoek_inkoop.record import MILESTONE_EVENTS

S = ai.SegmentState
#: The codes of the OCDS 1.1 closed code lists the export uses.
OCDS_LOT_STATUSES = {"planning", "planned", "active", "cancelled", "unsuccessful", "complete", "withdrawn"}
OCDS_AWARD_STATUSES = {"pending", "active", "cancelled", "unsuccessful"}
OCDS_TAGS = {"planning", "tender", "award", "contract", "contractTermination"}


@pytest.mark.parametrize("state", list(S))
def test_every_state_has_an_ocds_lot_and_award_status(state: S) -> None:
    assert _ocds.lot_status(state) in OCDS_LOT_STATUSES
    assert _ocds.award_status(state) in OCDS_AWARD_STATUSES


def test_the_ocds_statuses_follow_what_a_state_means() -> None:
    for state in S:
        spec = state.spec
        assert (_ocds.award_status(state) == "pending") == spec.award_pending, state
        assert (_ocds.lot_status(state) == "complete") == spec.award_final, state
    assert _ocds.lot_status(S.DIALOOG) == "planning"
    assert _ocds.lot_status(S.NIET_GEGUND) == "unsuccessful"
    assert _ocds.lot_status(S.HERAANBESTEDING) == "active"


def test_every_phase_has_an_ocds_tag_and_tender_status() -> None:
    assert set(_ocds.RELEASE_TAGS) == set(Phase)
    assert set(_ocds.RELEASE_TAGS.values()) <= OCDS_TAGS
    assert set(_ocds.TENDER_STATUS) == set(Phase)
    assert set(_ocds.TENDER_STATUS.values()) <= OCDS_LOT_STATUSES


def test_every_state_and_phase_has_a_colour_and_its_declared_label_in_the_legend() -> None:
    values = {s.value for s in S} | {p.value for p in Phase}
    assert set(_plot.STATE_COLOURS) == values
    for value, (legend, _colour) in _plot.STATE_STYLES.items():
        kind = Phase(value) if value in {p.value for p in Phase} else S(value)
        assert kind.label.nl in legend.split(" / "), value


def test_the_frames_label_every_interval_with_its_declared_label() -> None:
    frame = _frames.phases_frame(ai.inkoop2022())
    for subject, state, label in zip(frame.subject, frame.state, frame.label, strict=True):
        kind = Phase(state) if subject == "procedure" else S(state)
        assert label == kind.label.nl


def test_the_frames_map_milestones_onto_states_the_declaration_links_them_to() -> None:
    # The state a milestone starts is one its event leads into; the one it ends, one its event leaves.
    for state, (starts, ends_before) in _frames.SEGMENT_MILESTONES.items():
        state = S(state)
        for milestone, role in ((starts, "dest"), (ends_before, "source")):
            if milestone is None:
                continue
            event_type = MILESTONE_EVENTS[milestone]
            transitions = [t for e in LIFECYCLE.entries(event_type) if e.trigger
                           for t in LIFECYCLE.transitions if t.trigger == e.trigger]
            linked = {t.dest for t in transitions} if role == "dest" else {
                s for t in transitions for s in t.sources}
            assert state in linked, (state, milestone, role)
    assert set(_frames.PHASE_MILESTONES) <= set(Phase)


def test_the_status_text_shows_every_segment_by_its_declared_label() -> None:
    from achterhoek_inkoop.exports import format_status, status

    proc = ai.inkoop2022()
    on = date(2022, 3, 20)
    text = format_status(status(proc, on))
    for seg in proc.data.segment_ids:
        line = next(line for line in text.splitlines() if line.strip().startswith(seg))
        assert proc.segment_state_on(seg, on).label.nl in line
    assert f"phase                 {proc.phase_on(on).label.nl}" in text
