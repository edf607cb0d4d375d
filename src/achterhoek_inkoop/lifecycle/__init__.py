"""The lifecycle of a procurement: states and their meaning, machine, rules, timeline, checks.

Owns what a segment (perceel) state means, declared once in ``_declaration``
(:data:`LIFECYCLE`); the ``transitions`` machine built from it; the rules
with their sources; the timeline that steps a record's events through the
machine; the checks that need the finished timeline; and the replay that
keeps all three in step as events are recorded.

Depends on the record, the calendar and the foundation modules.
"""

from ._declaration import (
    LIFECYCLE,
    EventTrigger,
    Guard,
    GuardSpec,
    Lifecycle,
    Phase,
    SegmentState,
    StateSpec,
    Transition,
    Trigger,
    TriggerSpec,
)
from ._machine import NO_FACTS, SEGMENT_MACHINE, mermaid_diagram, phase_changes
from ._replay import Replay, new_violations
from ._rules import RULES, Rule, RuleViolation, Severity, Violation, Violations, violation, violations_html
from ._timeline import ALLOWED, SegmentCourse, Timeline, Track, segments_of

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
    "Transition",
    "Trigger",
    "TriggerSpec",
    "Violation",
    "Violations",
    "mermaid_diagram",
    "new_violations",
    "phase_changes",
    "segments_of",
    "violation",
    "violations_html",
]
