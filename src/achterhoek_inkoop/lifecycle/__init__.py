"""The lifecycle of a procurement: states and their meaning, machine, rules, timeline, checks.

Owns what a segment (perceel) state means (declared once), the ``transitions``
machine built from that declaration, the rules with their sources, the
timeline that steps a record's events through the machine, and the checks
that need the finished timeline.

Depends on the record, the calendar and the foundation modules.
"""

from ._checks import DIALOGUE_RULE, RecordChecker
from ._machine import (
    FINAL_STATES,
    NO_DIALOGUE_STATES,
    PHASE_MACHINE,
    SEGMENT_MACHINE,
    Phase,
    SegmentState,
    mermaid_diagram,
)
from ._rules import RULES, Rule, RuleViolation, Severity, Violation, Violations, violation, violations_html
from ._timeline import ALLOWED, Track, build_timeline, segments_of

__all__ = [
    "ALLOWED",
    "DIALOGUE_RULE",
    "FINAL_STATES",
    "NO_DIALOGUE_STATES",
    "PHASE_MACHINE",
    "RULES",
    "SEGMENT_MACHINE",
    "Phase",
    "RecordChecker",
    "Rule",
    "RuleViolation",
    "SegmentState",
    "Severity",
    "Track",
    "Violation",
    "Violations",
    "build_timeline",
    "mermaid_diagram",
    "segments_of",
    "violation",
    "violations_html",
]
