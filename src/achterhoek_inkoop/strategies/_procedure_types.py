"""Procedure types, rulebooks, and the deadlines of a tender start that keep (or miss) the minimum.

A procedure's type and rulebook decide the minimum period each deadline of
its tender starts must keep (``minimum_period``); ``check()`` judges them by
the rules ``minimumtermijn`` and ``minimumtermijn-onzeker``. The walk gives
each tender start of a typed procedure deadlines at or after the first date
those rules accept (:func:`lawful_deadline`); :func:`short_deadlines` gives
one short of it.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from hypothesis import strategies as st
from hypothesis.strategies import SearchStrategy

from achterhoek_inkoop import InvalidInputError
from achterhoek_inkoop.calendar import RULEBOOKS, MinimumPeriod, ProcedureType, minimum_period

__all__ = ["procedure_types", "rulebooks"]

Stage = Literal["tenders", "requests"]
#: The field of a tender start that holds the deadline of each stage.
DEADLINE_FIELDS: dict[Stage, str] = {"tenders": "deadline", "requests": "requests_deadline"}
#: What a notice may say about electronic submission and free access: yes, no, or nothing
#: (``None``). Yes first: the shortest minimum, so a deadline shrinks to the earliest lawful one.
FACTS: tuple[bool | None, ...] = (True, False, None)


def procedure_types() -> SearchStrategy[ProcedureType]:
    """Every :class:`~achterhoek_inkoop.ProcedureType`; shrinks to ``openbaar`` (the open procedure).

    >>> from hypothesis import find, settings
    >>> once = settings(database=None)    # find's examples are not saved between runs
    >>> find(procedure_types(), lambda t: True, settings=once)
    <ProcedureType.OPENBAAR: 'openbaar'>
    """
    return st.sampled_from(tuple(ProcedureType))


def rulebooks() -> SearchStrategy[str]:
    """The name of every bundled rulebook (``ai.RULEBOOKS``); shrinks to ``aw2012``, the default.

    >>> from hypothesis import find, settings
    >>> once = settings(database=None)    # find's examples are not saved between runs
    >>> find(rulebooks(), lambda r: r != "aw2012", settings=once)
    'eu-minimum'
    """
    return st.sampled_from(RULEBOOKS)


def checked_type(value: object) -> ProcedureType | None:
    """A drawn procedure type (``None``: no type), else the library's error naming the argument."""
    if value is None or isinstance(value, ProcedureType):
        return value
    if isinstance(value, str) and value in {t.value for t in ProcedureType}:
        return ProcedureType(value)
    raise InvalidInputError("procedure_types", value, "drew a value that is not a procedure type (give "
                            "a strategy of ai.ProcedureType members, or None for a procedure without one)")


def checked_rulebook(value: object) -> str:
    """A drawn rulebook name, else the library's error naming the argument."""
    if isinstance(value, str) and value in RULEBOOKS:
        return value
    raise InvalidInputError("rulebooks", value, f"drew a value that is not a rulebook name; give a "
                            f"strategy of {', '.join(RULEBOOKS)}")


def minimum(kind: ProcedureType, book: str, sent: dt.date, stage: Stage | None,
            electronic: bool, free: bool) -> MinimumPeriod | None:
    """``minimum_period`` for a notice sent on ``sent``; ``None`` where the rulebook has no figure for
    the combination (``check()`` then cannot judge that deadline: it is left out)."""
    try:
        return minimum_period(kind, sent, stage=stage, rulebook=book, electronic_submission=electronic,
                              free_access=free)
    except InvalidInputError:
        return None


def default_stage(kind: ProcedureType, book: str, sent: dt.date) -> Stage:
    """The stage a tender start of ``kind`` is mostly about: requests to participate where the
    procedure has a pre-selection, else tenders (``minimum_period``'s default)."""
    found = minimum(kind, book, sent, None, True, True)
    assert found is not None  # every type has an entry (the rulebook is validated so)
    return found.stage


def lawful_deadline(kind: ProcedureType, book: str, sent: dt.date, stage: Stage,
                    electronic: bool | None, free: bool | None) -> dt.date | None:
    """The first deadline for ``stage`` that ``check()`` accepts without an error or a warning, for a
    notice sent on ``sent`` that says ``electronic`` and ``free`` (``None``: it does not say);
    ``None`` where the rulebook has no figure for the stage.

    As the check does, a fact the notice leaves out is read both ways; and where the minimum ends
    on a day the counting rule would move (unconfirmed, a warning), the moved date is taken.
    """
    first = sent
    for known in (True, False):
        found = minimum(kind, book, sent, stage, known if electronic is None else electronic,
                        known if free is None else free)
        if found is None:
            return None
        first = max(first, found.extended_deadline or found.earliest_deadline or sent)
    return first
