"""Write examples/inkoop2022.ipynb from the cells below (run: python tools/make_notebook.py).

The notebook is committed without outputs; the test suite executes it.
"""

from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

CELLS = [
    ("md", """# Inkoop 2022 of the Sociaal Domein Achterhoek

Where the procurement stood on any date, what was allowed, when the award could become final,
and how far the plan slipped. Every query takes its date: nothing here depends on today.
Needs the `notebook` extra: `pip install 'achterhoek_inkoop[notebook]'`."""),
    ("code", """from datetime import date, timedelta

import achterhoek_inkoop as ai

proc = ai.inkoop2022()
proc"""),
    ("md", "## Status on a date\n"
           "The phase, each segment (perceel) and whether dialogue with providers was allowed."),
    ("code", """on = date(2022, 3, 20)
print("phase:", proc.phase_on(on))
print("dialogue allowed:", proc.dialogue_allowed(on))
{seg: proc.segment_state_on(seg, on) for seg in proc.data.segment_ids}"""),
    ("md", "## Plan against what happened\nOne row per phase and per segment state, "
           "with the plan of 24 November 2020 and the slip in days."),
    ("code", """phases = proc.phases_frame()
phases[phases["subject"] == "procedure"]"""),
    ("code", """{m: proc.slip(m) for m in ("aanbesteding", "gunning", "contract_start")}"""),
    ("md", "## The timeline"),
    ("code", """ax = proc.plot_timeline(on=on)
ax.figure"""),
    ("md", """## The Alcatel standstill, day by day
The award decision was sent on Monday 14 March 2022. Day 20 is a Sunday, so the Algemene termijnenwet
extends the standstill to Monday 4 April; the award may become final on Tuesday 5 April 2022."""),
    ("code", """standstill = proc.standstill("wmo-wonen")
standstill"""),
    ("md", """## What if the award decision had been sent a week later?
A copy of the data with the award decision moved by seven days: the standstill, the final award
and the phase change move with it."""),
    ("code", """def award_sent_later(proc, days):
    events = tuple(
        e.model_copy(update={"on": e.on + timedelta(days=days)})
        if e.type == "award_decision" and e.outcome == "awarded" else e
        for e in proc.data.events
    )
    return ai.Procedure(proc.data.model_copy(update={"events": events}))

later = award_sent_later(proc, 7)
print("standstill ends:", later.standstill("wmo-wonen").end)
print("final award from:", later.final_award_from("wmo-wonen"),
      "instead of", proc.final_award_from("wmo-wonen"))
print("implementatie from:", [start for start, _end, phase in later.intervals() if phase == "implementatie"])
later.check()"""),
    ("md", "## The record and its rules\n"
           "Every event, and every rule the record breaks (none, for the bundled data)."),
    ("code", """proc.events_frame().head(10)"""),
    ("code", """proc.check()"""),
]


def main() -> None:
    nb = new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = [new_markdown_cell(src) if kind == "md" else new_code_cell(src) for kind, src in CELLS]
    path = Path(__file__).resolve().parents[1] / "examples" / "inkoop2022.ipynb"
    nbformat.write(nb, str(path))
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
