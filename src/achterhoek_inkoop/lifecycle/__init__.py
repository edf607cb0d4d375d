"""The lifecycle of a procurement: states and their meaning, machine, rules, timeline, checks.

Owns what a segment (perceel) state means, declared once in ``_declaration``
(:data:`LIFECYCLE`, its shape and checks in ``_lifecycle``); the
``transitions`` machine built from it; the rules with their sources; the
timeline that steps a record's events through the machine, one course per
segment; the checks that need the finished timeline; and the replay that
keeps all three in step as events are recorded.

Depends on the record, the calendar and the foundation modules.
"""

from ._course import PendingKortGeding, SegmentCourse
from ._declaration import LIFECYCLE, Guard, Phase, SegmentState, Trigger
from ._lifecycle import EventTrigger, GuardSpec, Lifecycle, StateSpec, Transition, TriggerSpec
from ._machine import NO_FACTS, SEGMENT_MACHINE, mermaid_diagram, phase_changes
from ._replay import NeedsRebuild, Replay, new_violations
from ._rules import (
    RULES,
    Rule,
    RuleViolation,
    Severity,
    Violation,
    Violations,
    severity_text,
    violation,
    violations_html,
)
from ._timeline import ALLOWED, Timeline, decision_standstill, segments_of
from ._track import Track, TrackView

__all__ = [
    "ALLOWED",
    "LIFECYCLE",
    "NO_FACTS",
    "RULES",
    "SEGMENT_MACHINE",
    "EventTrigger",
    "Guard",
    "GuardSpec",
    "Lifecycle",
    "NeedsRebuild",
    "PendingKortGeding",
    "Phase",
    "Replay",
    "Rule",
    "RuleViolation",
    "SegmentCourse",
    "SegmentState",
    "Severity",
    "StateSpec",
    "Timeline",
    "Track",
    "TrackView",
    "Transition",
    "Trigger",
    "TriggerSpec",
    "Violation",
    "Violations",
    "decision_standstill",
    "mermaid_diagram",
    "new_violations",
    "phase_changes",
    "segments_of",
    "severity_text",
    "violation",
    "violations_html",
]
