"""The procedures bundled with the package: the Inkoop 2022 and the Jeugdhulp 2026 procurement of the
Sociaal Domein Achterhoek."""

from __future__ import annotations

from functools import cache

from .._data import bundled_bytes
from ..record import ProcedureData
from ..record._light import light_procedure_data
from ._procedure import Procedure

__all__ = ["inkoop2022", "jeugdhulp2026"]

#: The procedure files bundled in ``data/``.
BUNDLED = ("inkoop2022", "jeugdhulp2026")


@cache
def _bundled_data(name: str) -> ProcedureData:
    """The bundled file ``data/<name>.json``, read once.

    It is read without validation (``record._light``): building pydantic's
    validators would be a third of the start-up of ``achterhoek-inkoop
    status``. A test validates every bundled file as a user's file is, and
    checks that both readings are equal (tests/record/test_bundled_procedures_light.py).
    """
    return light_procedure_data(bundled_bytes("data", f"{name}.json"))


def inkoop2022() -> Procedure:
    """A fresh copy of the bundled Inkoop 2022 procedure (its sources: ``achterhoek_inkoop.sources()``).

    Each call returns a new :class:`Procedure`; recording events in one does
    not change another. The file is read once.

    >>> from datetime import date
    >>> inkoop2022().phase_on(date(2022, 3, 20))
    <Phase.GUNNING: 'gunning'>
    """
    return Procedure._from_file_data(_bundled_data("inkoop2022"), None)


def jeugdhulp2026() -> Procedure:
    """A fresh copy of the bundled procurement of youth care for 2026 onwards (its sources:
    ``achterhoek_inkoop.sources()``).

    The region's 2025 procurement under the social services regime: final
    award to 50 providers on 2025-06-19; a kort geding by providers who had
    not bid, started after the final award, rejected on 2025-07-14
    (ECLI:NL:RBGEL:2025:5590); contracts from 2026-01-01. Dates the sources
    do not give (the tender start, the sending of the award decision, the
    kort geding's start, the contracts' ends) are assumptions, each labelled
    so in its event's ``source``. Each call returns a new :class:`Procedure`.

    >>> from datetime import date
    >>> proc = jeugdhulp2026()
    >>> proc.segment_state_on("jeugdhulp", date(2025, 6, 18)).value    # the award may become final
    'gunning.standstill_verstreken'
    >>> proc.segment_state_on("jeugdhulp", date(2025, 6, 19)).value    # the recorded final award
    'gunning.definitief_gegund'
    >>> [v.rule for v in proc.check()]
    ['kort-geding-na-standstill']
    """
    return Procedure._from_file_data(_bundled_data("jeugdhulp2026"), None)
