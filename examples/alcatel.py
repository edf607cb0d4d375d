"""When may the award of Inkoop 2022 become final? The Alcatel standstill, explained.

Run: python examples/alcatel.py
"""

from datetime import date

import achterhoek_inkoop as ai

period = ai.standstill_period(date(2022, 3, 14))  # award decision sent Monday 14 March 2022
print(f"day 1 of the standstill:  {period.start}")
print(f"day {period.days}:                  {period.nominal_end}")
print(f"standstill ends:          {period.end} (24:00)")
print(f"final award possible on:  {period.final_from}")
for extension in period.extensions:
    print(f"  because {extension.reason}")

strict = ai.standstill_period(date(2022, 3, 14), atw=False)
print(f"without the Algemene termijnenwet the final award would be possible on {strict.final_from}")
assert period.final_from == date(2022, 4, 5)
