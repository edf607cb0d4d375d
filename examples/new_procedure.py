"""Start a procedure, record its events, and check it: a procurement officer's walk-through.

Run: python examples/new_procedure.py [FILE]   (writes FILE, default ./mijn-inkoop.json)
"""

import sys
from datetime import date

import achterhoek_inkoop as ai

path = sys.argv[1] if len(sys.argv) > 1 else "mijn-inkoop.json"
proc = ai.Procedure(ai.procedure_template())
proc.record(ai.DialogueActivity(kind="gesprekstafel", on=date(2027, 2, 1)))
proc.record(ai.TenderStart(on=date(2027, 4, 1)))
try:
    proc.record(ai.DialogueActivity(kind="bestuurlijk_overleg", on=date(2027, 5, 1)))
except ai.RuleViolation as refused:
    print(f"refused: {refused}")
proc.record(ai.AwardDecision(on=date(2027, 10, 4), outcome="awarded", providers=12))
print(f"award may become final on {proc.final_award_from('perceel-1')}")
print(f"phase on 2027-10-10: {proc.phase_on(date(2027, 10, 10))}")
proc.save(path)
print(f"saved {path}; violations: {ai.load_procedure(path).check()}")
