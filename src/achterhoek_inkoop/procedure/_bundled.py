"""The procedures bundled with the package: Inkoop 2022 of the Sociaal Domein Achterhoek."""

from __future__ import annotations

from functools import cache
from importlib import resources

from ..record import ProcedureData, procedure_data_from_json
from ._procedure import Procedure

__all__ = ["inkoop2022"]

_LABEL = "achterhoek_inkoop/data/inkoop2022.json"


@cache
def _inkoop2022_data() -> ProcedureData:
    text = (resources.files("achterhoek_inkoop") / "data" / "inkoop2022.json").read_bytes()
    return procedure_data_from_json(text, _LABEL)


def inkoop2022() -> Procedure:
    """A fresh copy of the bundled Inkoop 2022 procedure (its sources: ``achterhoek_inkoop.sources()``).

    Each call returns a new :class:`Procedure`; recording events in one does
    not change another. The file is read and validated once.

    >>> from datetime import date
    >>> inkoop2022().phase_on(date(2022, 3, 20))
    <Phase.GUNNING: 'gunning'>
    """
    return Procedure(_inkoop2022_data())
