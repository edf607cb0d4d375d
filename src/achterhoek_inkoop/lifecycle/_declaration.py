"""The lifecycle of a segment (perceel), declared once: states, triggers, guards, transitions, events.

Everything the library knows about what a state *means* is in this module:

* every :class:`SegmentState` with its properties (``StateSpec``): the label a
  person reads, the :class:`Phase` of the procedure it belongs to, and
  whether it is closed to dialogue, awaits its award, holds an award decision
  that is not yet final, holds a final award, or ends the segment's course;
* every :class:`Trigger`, fired by an event or by the passing of a period
  (a *delayed transition*), with what it needs when it is refused;
* every :class:`Guard`, the fact about a segment on a date a transition may
  need, with the rule that refuses the trigger when it does not hold;
* every transition, with its guard and the warning it gives;
* which event (type and field values) fires which trigger.

The ``transitions`` machine is built from this declaration (``_machine``);
the timeline's legality checks, the strategies, the OCDS statuses, the frame
labels, the plot styles and the status text all derive from it. The
declaration is checked when the module is imported (``_lifecycle``): every
state is reachable, only a terminal state has no way out, every event type and
outcome is mapped, every trigger is used, every rule named is declared.

The procedure's :class:`Phase` is not a second machine: it is a projection of
its segments' states (:meth:`Lifecycle.project_phase`).
"""

from __future__ import annotations

import typing
from enum import StrEnum

from .._i18n import N_
from .._labels import Label
from ..record import StandstillExemption
from ._lifecycle import EventTrigger, GuardSpec, Lifecycle, StateSpec, Transition, TriggerSpec

__all__ = ["LIFECYCLE", "Guard", "Phase", "SegmentState", "Trigger"]


class Phase(StrEnum):
    """The phase of a procedure as a whole: a projection of its segments' states."""

    DIALOOG = "dialoog"
    AANBESTEDING = "aanbesteding"
    GUNNING = "gunning"
    IMPLEMENTATIE = "implementatie"
    UITVOERING = "uitvoering"
    AFGEROND = "afgerond"

    @property
    def label(self) -> Label:
        """What a person reads for this phase."""
        return LIFECYCLE.phase_labels[self]


class SegmentState(StrEnum):
    """Where one segment (perceel) stands; the award states are nested in ``gunning``."""

    DIALOOG = "dialoog"
    AANBESTEDING = "aanbesteding"
    VOORLOPIG_GEGUND = "gunning.voorlopig_gegund"
    STANDSTILL = "gunning.standstill"
    STANDSTILL_VERSTREKEN = "gunning.standstill_verstreken"
    KORT_GEDING = "gunning.kort_geding"
    HERBEOORDELING = "gunning.herbeoordeling"
    DEFINITIEF_GEGUND = "gunning.definitief_gegund"
    NIET_GEGUND = "gunning.niet_gegund"
    HERAANBESTEDING = "heraanbesteding"
    IN_UITVOERING = "in_uitvoering"
    BEEINDIGD = "beeindigd"
    GESTAAKT = "gestaakt"

    @property
    def spec(self) -> StateSpec:
        """The declared properties of this state."""
        return LIFECYCLE.states[self]

    @property
    def label(self) -> Label:
        """What a person reads for this state."""
        return LIFECYCLE.states[self].label


class Trigger(StrEnum):
    """What moves a segment: named after the event (and outcome) that fires it, or the period that ends."""

    TENDER_START = "tender_start"
    AWARD_DECISION_AWARDED = "award_decision_awarded"
    AWARD_DECISION_EXEMPT = "award_decision_exempt"
    AWARD_DECISION_NOT_AWARDED = "award_decision_not_awarded"
    AWARD_WITHDRAWAL = "award_withdrawal"
    STANDSTILL_START = "standstill_start"
    STANDSTILL_END = "standstill_end"
    KORT_GEDING = "kort_geding"
    KORT_GEDING_RULING_REJECTED = "kort_geding_ruling_rejected"
    KORT_GEDING_RULING_UPHELD = "kort_geding_ruling_upheld"
    APPEAL = "appeal"
    FINAL_AWARD = "final_award"
    FOLLOW_UP_RESULT_AWARDED = "follow_up_result_awarded"
    FOLLOW_UP_RESULT_NOT_AWARDED = "follow_up_result_not_awarded"
    CANCELLATION = "cancellation"
    CONTRACT = "contract"
    CONTRACT_EXTENSION = "contract_extension"
    CONTRACT_END = "contract_end"


class Guard(StrEnum):
    """A fact about a segment on a date that a transition may need (``transitions``' condition)."""

    STANDSTILL_OVER = "standstill_over"
    KORT_GEDING_PENDING = "kort_geding_pending"
    OTHER_KORT_GEDING_PENDING = "other_kort_geding_pending"
    RULING_RECORDED = "ruling_recorded"
    RULED_ON_DECISION_IN_FORCE = "ruled_on_decision_in_force"


S = SegmentState
T = Trigger
G = Guard
_L = Label
_FINAL = (S.DEFINITIEF_GEGUND, S.IN_UITVOERING, S.BEEINDIGD)
_DECIDING = (S.AANBESTEDING, S.HERBEOORDELING, S.HERAANBESTEDING)
#: An award decision is made and not yet final: a new decision corrects it.
_DECIDED = (S.VOORLOPIG_GEGUND, S.STANDSTILL, S.STANDSTILL_VERSTREKEN, S.KORT_GEDING)
#: Where a kort geding is recorded without suspending anything.
_UNSUSPENDED = (S.STANDSTILL_VERSTREKEN, *_FINAL, S.NIET_GEGUND, S.GESTAAKT, S.HERBEOORDELING)
#: Where a ruling or an appeal can be recorded: after an award decision or a cancellation.
_RULED = (*_UNSUSPENDED, S.VOORLOPIG_GEGUND, S.STANDSTILL, S.HERAANBESTEDING)
_AWARD_NEEDS = N_("an award decision needs a tender (aanbesteding) first")
_FOLLOW_UP_NEEDS = N_("a follow-up result needs a segment that was not awarded or is re-tendered")
_RULING_NEEDS = N_("a ruling needs an award decision or a cancellation it can be about")


def _ruling(trigger: Trigger, sources: tuple[SegmentState, ...], dest: SegmentState, *,
            others_hold: bool) -> tuple[Transition, ...]:
    """A ruling: on a kort geding about the award decision in force, in ``sources``, it decides
    where the award goes (with ``others_hold``, once no other kort geding holds it); anywhere
    else, or on a kort geding about a decision a later one superseded, it is recorded; a ruling
    on a kort geding not in the record is kept with a warning."""
    held = (Transition(trigger, (S.KORT_GEDING,), None, guard=G.OTHER_KORT_GEDING_PENDING),)
    return (
        *(held if others_hold else ()),
        Transition(trigger, sources, dest, guard=G.RULED_ON_DECISION_IN_FORCE),
        Transition(trigger, (*_RULED, S.KORT_GEDING), None, guard=G.KORT_GEDING_PENDING),
        Transition(trigger, (*_RULED, S.KORT_GEDING), None, warning="uitspraak-zonder-kort-geding"),
    )


#: The lifecycle of a segment and the phases of a procedure.
LIFECYCLE = Lifecycle(
    kinds=(Phase, SegmentState, Trigger, Guard),
    initial=S.DIALOOG,
    states={spec.state: spec for spec in (
        StateSpec(S.DIALOOG, _L("dialoog", "dialogue with the market"), Phase.DIALOOG),
        StateSpec(S.AANBESTEDING, _L("aanbesteding", "in the tender"), Phase.AANBESTEDING,
                  closed_to_dialogue=True, awaiting_award=True),
        StateSpec(S.VOORLOPIG_GEGUND, _L("voorlopig gegund", "provisionally awarded"), Phase.GUNNING,
                  closed_to_dialogue=True, awaiting_award=True, award_pending=True),
        StateSpec(S.STANDSTILL, _L("standstill", "Alcatel standstill running"), Phase.GUNNING,
                  closed_to_dialogue=True, awaiting_award=True, award_pending=True),
        StateSpec(S.STANDSTILL_VERSTREKEN,
                  _L("standstill verstreken", "standstill over: the award may become final"),
                  Phase.GUNNING, closed_to_dialogue=True, awaiting_award=True, award_pending=True),
        StateSpec(S.KORT_GEDING, _L("kort geding", "summary proceedings pending"), Phase.GUNNING,
                  closed_to_dialogue=True, awaiting_award=True, award_pending=True),
        StateSpec(S.HERBEOORDELING, _L("herbeoordeling", "bids reassessed: the award decision is void"),
                  Phase.GUNNING, closed_to_dialogue=True, awaiting_award=True),
        StateSpec(S.DEFINITIEF_GEGUND, _L("definitief gegund", "award final: the contract is concluded"),
                  Phase.IMPLEMENTATIE, award_final=True),
        StateSpec(S.NIET_GEGUND, _L("niet gegund", "not awarded"), Phase.GUNNING),
        StateSpec(S.HERAANBESTEDING, _L("heraanbesteding", "in a new tender of its own"), Phase.GUNNING,
                  closed_to_dialogue=True),
        StateSpec(S.IN_UITVOERING, _L("in uitvoering", "contracts in force"), Phase.UITVOERING,
                  award_final=True),
        StateSpec(S.BEEINDIGD, _L("beëindigd", "contracts ended"), Phase.AFGEROND,
                  award_final=True, terminal=True),
        StateSpec(S.GESTAAKT, _L("gestaakt", "tender cancelled"), Phase.AFGEROND, terminal=True),
    )},
    phase_labels={
        Phase.DIALOOG: _L("dialoog", "dialogue with the market"),
        Phase.AANBESTEDING: _L("aanbesteding", "tender"),
        Phase.GUNNING: _L("gunning", "award"),
        Phase.IMPLEMENTATIE: _L("implementatie", "implementation before the contracts start"),
        Phase.UITVOERING: _L("uitvoering", "contracts in force"),
        Phase.AFGEROND: _L("afgerond", "closed: no segment is left in course"),
    },
    triggers={spec.trigger: spec for spec in (
        TriggerSpec(T.TENDER_START,
                    needs=N_("a tender starts only for a segment in dialoog, or one not awarded")),
        TriggerSpec(T.AWARD_DECISION_AWARDED, needs=_AWARD_NEEDS),
        TriggerSpec(T.AWARD_DECISION_EXEMPT, needs=_AWARD_NEEDS),
        TriggerSpec(T.AWARD_DECISION_NOT_AWARDED, needs=_AWARD_NEEDS),
        TriggerSpec(T.AWARD_WITHDRAWAL,
                    needs=N_("only an award decision that is not yet final can be withdrawn")),
        TriggerSpec(T.STANDSTILL_START, delayed=True),
        TriggerSpec(T.STANDSTILL_END, delayed=True),
        TriggerSpec(T.KORT_GEDING,
                    needs=N_("a kort geding needs an award decision or a cancellation first")),
        TriggerSpec(T.KORT_GEDING_RULING_REJECTED, needs=_RULING_NEEDS),
        TriggerSpec(T.KORT_GEDING_RULING_UPHELD, needs=_RULING_NEEDS),
        TriggerSpec(T.APPEAL, needs=N_("an appeal needs an award decision or a cancellation first")),
        TriggerSpec(T.FINAL_AWARD,
                    needs=N_("a final award needs an award decision (voorlopige gunning) first")),
        TriggerSpec(T.FOLLOW_UP_RESULT_AWARDED, needs=_FOLLOW_UP_NEEDS),
        TriggerSpec(T.FOLLOW_UP_RESULT_NOT_AWARDED, needs=_FOLLOW_UP_NEEDS),
        TriggerSpec(T.CANCELLATION, needs=N_("a tender can be cancelled only before the award is final")),
        TriggerSpec(T.CONTRACT, needs=N_("a contract starts only after the award is final")),
        TriggerSpec(T.CONTRACT_EXTENSION, needs=N_("only a contract in force can be extended")),
        TriggerSpec(T.CONTRACT_END, delayed=True),
    )},
    guards={spec.guard: spec for spec in (
        GuardSpec(G.STANDSTILL_OVER, "the standstill of the segment's award decision has ended",
                  refused_by="definitieve-gunning-voor-einde-standstill"),
        GuardSpec(G.KORT_GEDING_PENDING, "a kort geding about the segment is pending",
                  refused_by="uitspraak-zonder-kort-geding"),
        GuardSpec(G.OTHER_KORT_GEDING_PENDING,
                  "another kort geding than the one ruled on still suspends the award",
                  refused_by="uitspraak-zonder-kort-geding"),
        GuardSpec(G.RULED_ON_DECISION_IN_FORCE,
                  "the kort geding ruled on is about the award decision in force",
                  refused_by="uitspraak-zonder-kort-geding"),
        GuardSpec(G.RULING_RECORDED, "a ruling in kort geding about the segment is recorded",
                  refused_by="hoger-beroep-zonder-vonnis"),
    )},
    transitions=(
        Transition(T.TENDER_START, (S.DIALOOG,), S.AANBESTEDING),
        Transition(T.TENDER_START, (S.NIET_GEGUND,), S.HERAANBESTEDING),
        # A new decision while one is not yet final corrects it: its own standstill starts.
        Transition(T.AWARD_DECISION_AWARDED, (*_DECIDING, *_DECIDED), S.VOORLOPIG_GEGUND),
        Transition(T.AWARD_DECISION_EXEMPT, (*_DECIDING, *_DECIDED), S.STANDSTILL_VERSTREKEN),
        Transition(T.AWARD_DECISION_NOT_AWARDED, (*_DECIDING, *_DECIDED), S.NIET_GEGUND),
        Transition(T.AWARD_WITHDRAWAL, _DECIDED, S.HERBEOORDELING),
        Transition(T.STANDSTILL_START, (S.VOORLOPIG_GEGUND,), S.STANDSTILL),
        Transition(T.STANDSTILL_END, (S.STANDSTILL,), S.STANDSTILL_VERSTREKEN),
        Transition(T.KORT_GEDING, (S.VOORLOPIG_GEGUND, S.STANDSTILL), S.KORT_GEDING),
        Transition(T.KORT_GEDING, (S.KORT_GEDING,), None),  # another tenderer's
        # After the standstill it suspends nothing; the court may still hear it.
        Transition(T.KORT_GEDING, (S.STANDSTILL_VERSTREKEN, *_FINAL), None,
                   warning="kort-geding-na-standstill"),
        # Against a decision not to award, or a cancellation.
        Transition(T.KORT_GEDING, (S.NIET_GEGUND, S.GESTAAKT, S.HERBEOORDELING), None),
        # Rejected: the standstill resumes (and ends at once if it has passed) once no other
        # kort geding holds it; upheld: the award decision is void and the bids are reassessed,
        # whatever else is pending (those kort gedingen were about the void decision), and also
        # on a kort geding started after the standstill while the award is not yet final.
        *_ruling(T.KORT_GEDING_RULING_REJECTED, (S.KORT_GEDING,), S.STANDSTILL, others_hold=True),
        *_ruling(T.KORT_GEDING_RULING_UPHELD, (S.KORT_GEDING, S.STANDSTILL_VERSTREKEN), S.HERBEOORDELING,
                 others_hold=False),
        Transition(T.APPEAL, (*_RULED, S.KORT_GEDING), None, guard=G.RULING_RECORDED),
        Transition(T.APPEAL, (*_RULED, S.KORT_GEDING), None, warning="hoger-beroep-zonder-vonnis"),
        Transition(T.FINAL_AWARD, (S.STANDSTILL_VERSTREKEN,), S.DEFINITIEF_GEGUND),
        Transition(T.FINAL_AWARD, (S.VOORLOPIG_GEGUND, S.STANDSTILL), S.DEFINITIEF_GEGUND,
                   guard=G.STANDSTILL_OVER),
        Transition(T.FINAL_AWARD, (S.KORT_GEDING,), S.DEFINITIEF_GEGUND, guard=G.STANDSTILL_OVER,
                   warning="definitieve-gunning-tijdens-kort-geding"),
        Transition(T.FINAL_AWARD, _FINAL, None),
        Transition(T.FOLLOW_UP_RESULT_AWARDED, (S.NIET_GEGUND, S.HERAANBESTEDING), S.DEFINITIEF_GEGUND),
        Transition(T.FOLLOW_UP_RESULT_NOT_AWARDED, (S.NIET_GEGUND, S.HERAANBESTEDING), S.NIET_GEGUND),
        Transition(T.CANCELLATION, (S.DIALOOG, *_DECIDING, *_DECIDED, S.NIET_GEGUND), S.GESTAAKT),
        # A contract concluded shows the award became final: without a recorded final award
        # the timeline takes it as final from the first day it could be (an assumption).
        Transition(T.CONTRACT, (S.DEFINITIEF_GEGUND, S.STANDSTILL_VERSTREKEN), S.IN_UITVOERING),
        Transition(T.CONTRACT, (S.KORT_GEDING,), S.IN_UITVOERING, guard=G.STANDSTILL_OVER,
                   warning="definitieve-gunning-tijdens-kort-geding"),
        Transition(T.CONTRACT_EXTENSION, (S.IN_UITVOERING,), None),
        Transition(T.CONTRACT_END, (S.IN_UITVOERING,), S.BEEINDIGD),
    ),
    events=(
        EventTrigger("dialogue_activity", {}, None),
        EventTrigger("registration", {}, None),
        EventTrigger("tender_start", {}, T.TENDER_START),
        EventTrigger("nota_van_inlichtingen", {}, None),
        EventTrigger("award_decision", {"outcome": "awarded", "standstill_exemption": None},
                     T.AWARD_DECISION_AWARDED),
        *(EventTrigger("award_decision", {"outcome": "awarded", "standstill_exemption": ground},
                       T.AWARD_DECISION_EXEMPT)
          for ground in typing.get_args(StandstillExemption)),
        EventTrigger("award_decision", {"outcome": "not_awarded"}, T.AWARD_DECISION_NOT_AWARDED),
        EventTrigger("award_withdrawal", {}, T.AWARD_WITHDRAWAL),
        EventTrigger("cancellation", {}, T.CANCELLATION),
        EventTrigger("objection", {}, None),
        EventTrigger("kort_geding", {}, T.KORT_GEDING),
        EventTrigger("kort_geding_ruling", {"outcome": "rejected"}, T.KORT_GEDING_RULING_REJECTED),
        EventTrigger("kort_geding_ruling", {"outcome": "upheld"}, T.KORT_GEDING_RULING_UPHELD),
        EventTrigger("appeal", {}, T.APPEAL),
        EventTrigger("final_award", {}, T.FINAL_AWARD),
        EventTrigger("follow_up_result", {"outcome": "awarded"}, T.FOLLOW_UP_RESULT_AWARDED),
        EventTrigger("follow_up_result", {"outcome": "not_awarded"}, T.FOLLOW_UP_RESULT_NOT_AWARDED),
        EventTrigger("contract", {}, T.CONTRACT),
        EventTrigger("contract_extension", {"extended_to": None}, None),
        EventTrigger("contract_extension", {}, T.CONTRACT_EXTENSION),
        EventTrigger("overgangsregeling", {}, None),
        EventTrigger("client_transfer", {}, None),
        EventTrigger("announcement", {}, None),
    ),
)
