"""Helpers shared by the test modules of every folder (pyproject puts ``tests/`` on the path).

Example-based tests build the procedures they need with :func:`procedure`:
the template procedure (``ai.procedure_template()``) with other segments,
municipalities or settings, and the events of the example. Property tests draw
theirs from the library's own strategies (``achterhoek_inkoop.strategies``).
"""

from __future__ import annotations

import copy
import json
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, timedelta
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

import achterhoek_inkoop as ai
from achterhoek_inkoop._exceptions import show
from achterhoek_inkoop.cli._main import main

#: The repository: README.md, examples/, docs/ and tools/ are found from here.
REPOSITORY = Path(__file__).resolve().parent.parent

#: The bundled Inkoop 2022 file as it is shipped; BUNDLED is its JSON (copy it before changing it).
BUNDLED_BYTES = (resources.files("achterhoek_inkoop") / "data" / "inkoop2022.json").read_bytes()
BUNDLED: dict[str, Any] = json.loads(BUNDLED_BYTES)

#: The worked example of DOMAIN.md B2 as ``StandstillPeriod.to_dict`` and ``deadline --json`` give it.
WORKED_EXAMPLE: dict[str, Any] = {
    "sent": "2022-03-14",
    "days": 20,
    "start": "2022-03-15",
    "nominal_end": "2022-04-03",
    "end": "2022-04-04",
    "final_from": "2022-04-05",
    "extensions": [
        {"date": "2022-04-03", "article": "Atw art. 1", "reason": "2022-04-03 is a Sunday (Atw art. 1)"}
    ],
    "atw": True,
    "source": "Aw 2012 art. 2.127",
}

DAY = timedelta(days=1)
MILESTONES = ("aanbesteding", "gunning", "contract_start")


def procedure(*events: ai.Event, segments: Sequence[str | ai.Segment] | None = None,
              municipalities: Mapping[str, Sequence[str] | None] | None = None,
              record: bool = False, **settings: Any) -> ai.Procedure:
    """The template procedure with ``events``, and with other segments, municipalities or settings.

    ``segments`` replaces the template's one segment: an id gives a segment
    ``Perceel <id>`` in the Wmo domain. ``municipalities`` replaces its one
    municipality: each id with the segments it joined (``None``: all of them).
    Other keyword arguments are fields of :class:`ai.ProcedureData`
    (``standstill_days=10``, ``max_contract_years=None``, ...).

    The events are the file's record, as ``load_procedure`` would read it: a
    record that breaks rules is possible and ``check()`` reports it. With
    ``record=True`` they are recorded one by one instead, and each must be
    accepted without a warning: the example is then one ``record`` allows.
    """
    fields = dict(ai.procedure_template())
    if segments is not None:
        fields["segments"] = tuple(
            s if isinstance(s, ai.Segment) else ai.Segment(id=s, name=f"Perceel {s}", domains=("wmo",))
            for s in segments)
    if municipalities is not None:
        fields["municipalities"] = tuple(
            ai.Municipality(id=m, name=m.replace("-", " ").title(),
                            segments=None if segs is None else tuple(segs))
            for m, segs in municipalities.items())
    fields.update(settings)
    if not record:
        return ai.Procedure(ai.ProcedureData.model_validate({**fields, "events": events}))
    proc = ai.Procedure(ai.ProcedureData.model_validate(fields))
    for event in events:
        assert proc.record(event) == [], event
    return proc


#: The settings of the small procedures the rule tests use (``procedure(*events, **TWO_SEGMENTS)``):
#: segments ``a`` and ``b``; ``m-all`` joined both, ``m-a`` only ``a``; contracts of at most 7 years;
#: registrations for the Bestuurlijk Overleg due before 2020-12-07, delegations of at most 10.
TWO_SEGMENTS: dict[str, Any] = {
    "segments": ("a", "b"),
    "municipalities": {"m-all": None, "m-a": ("a",)},
    "max_contract_years": 7,
    "bestuurlijk_overleg": ai.BestuurlijkOverlegSettings(registration_deadline=date(2020, 12, 7),
                                                         max_delegation_size=10),
}


def built_procedure() -> ai.Procedure:
    """The template with a second segment and a short record: a dialogue, a tender, two decisions.

    The exports are tested on it besides the bundled Inkoop 2022, so that what
    they show does not depend on one data file.
    """
    return procedure(
        ai.Registration(on=date(2027, 1, 20), organisation="Branche", delegation_size=5,
                        domains=("jeugdhulp", "wmo", "beschermd_wonen")),
        ai.DialogueActivity(on=date(2027, 2, 10), kind="bestuurlijk_overleg", title="BO 1"),
        ai.DialogueActivity(on=date(2027, 3, 1), kind="gesprekstafel", segments=("perceel-1",)),
        ai.TenderStart(on=date(2027, 4, 1), source="test"),
        ai.AwardDecision(on=date(2027, 10, 15), outcome="awarded", segments=("perceel-1",), providers=4),
        ai.AwardDecision(on=date(2027, 10, 15), outcome="not_awarded", follow_up="nader_onderzoek",
                         segments=("perceel-2",), note="no covering bids"),
        segments=(*ai.procedure_template().segments, ai.Segment(id="perceel-2", name="Perceel 2",
                                                                 domains=("wmo",))),
        record=True,
    )


def hand_broken_inkoop2022(path: Path) -> Path:
    """The bundled file with a Bestuurlijk Overleg in May 2021 (in the tender) and an 8-year contract.

    ``check`` finds exactly two errors in it: ``dialoog-tijdens-aanbesteding`` on
    2021-05-01 and ``contractduur-maximum`` on 2022-07-01.
    """
    data = copy.deepcopy(BUNDLED)
    data["events"].append({"type": "dialogue_activity", "on": "2021-05-01", "kind": "bestuurlijk_overleg",
                           "title": "Bestuurlijk Overleg 3"})
    first_contract = next(e for e in data["events"] if e["type"] == "contract")
    first_contract["max_end"] = "2030-06-30"
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False), encoding="utf-8")
    return path


def sample_dates(proc: ai.Procedure, *also: date) -> list[date]:
    """Every date a state changes and the days around it, every event's, ``also``, and far off."""
    found = set(also)
    for seg in (None, *proc.data.segment_ids):
        for start, _end, _state in proc.intervals(seg):
            found |= {start - DAY, start, start + DAY}
    for event in proc.events:
        found |= {event.on - DAY, event.on, event.on + DAY}
    if not found:
        found = {date(2022, 1, 3)}
    first, last = min(found), max(found)
    return sorted(found | {first - 400 * DAY, last + 365 * DAY, last + 4000 * DAY})


def observe(proc: ai.Procedure, days: Iterable[date] = ()) -> tuple[object, ...]:
    """Everything a procedure answers, on ``days`` for the questions about a date.

    What a refused event must leave as it was, and what recording events one by
    one must give as building the procedure from them at once does.
    """
    segs = proc.data.segment_ids
    return (
        proc.data,
        proc.events,
        list(proc.check()),
        proc.intervals(),
        {s: (proc.intervals(s), proc.final_award_from(s), proc.standstill(s), proc.contract_end(s))
         for s in segs},
        {m: proc.actual(m) for m in MILESTONES},
        # Asked every time: the per-date memo must follow the record.
        [(d, proc.phase_on(d), proc.dialogue_allowed(d)) for d in days],
    )


def run_cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """Run the command line in-process: (exit status, stdout, stderr)."""
    try:
        code = main(list(argv))
    except SystemExit as exc:  # argparse errors exit; library errors return 2
        code = exc.code if isinstance(exc.code, int) else 2
    out, err = capsys.readouterr()
    return code, out, err


def assert_invalid_input(err: BaseException, field: str, value: object) -> None:
    """``err`` is the library's invalid-input error naming ``field`` and ``value``."""
    assert isinstance(err, ai.InvalidInputError)
    assert isinstance(err, ValueError)
    assert isinstance(err, ai.InkoopError)
    assert err.field == field
    assert err.value == value
    assert type(err.value) is type(value)
    assert str(err).startswith(f"{field}: {show(value)} ")


def amsterdam_today() -> date:
    """Today in Europe/Amsterdam: the date the command line defaults to, whatever the machine's
    zone (between 23:00 and 24:00 UTC in winter it is already tomorrow there). A test takes it
    before and after the command and accepts either, for a run across midnight."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    return datetime.now(ZoneInfo("Europe/Amsterdam")).date()
