"""pydantic models whose constructor raises the library's own error.

``ai.TenderStart(on="2021-13-01")`` is a caller's argument that is wrong, so
it raises :class:`InvalidInputError` (a ``ValueError``, as pydantic's
``ValidationError`` is) naming the model, the field and the value, never
pydantic's multi-line error. Only the constructor is wrapped: validating data
(``model_validate``, ``model_validate_json``, a ``TypeAdapter``) keeps
pydantic's ``ValidationError``, which the file readers (``_files.parse_model``)
turn into a :class:`DataFileError` naming the file and the place.
"""

from __future__ import annotations

from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict, ValidationError
from pydantic_core import ErrorDetails

from ._exceptions import InvalidInputError
from ._files import json_place
from ._text import Text, pydantic_problem

__all__ = ["InputModel", "invalid_input"]


class InputModel(BaseModel):
    """A pydantic model whose constructor raises :class:`InvalidInputError` for bad fields.

    Its validators are built when first used, not when the class is defined:
    a process that validates nothing (``achterhoek-inkoop status`` on the
    bundled data) never pays for them.
    """

    model_config = ConfigDict(defer_build=True)

    #: The tags of tagged unions in the model, left out of the places errors name.
    _place_tags: ClassVar[frozenset[str]] = frozenset()

    def __init__(self, /, **data: Any) -> None:
        try:
            super().__init__(**data)
        except ValidationError as exc:
            raise invalid_input(exc, type(self).__name__, self._place_tags) from None

    # pydantic calls a model's own __init__ while validating data unless it is marked as its
    # base's (as pydantic's RootModel does): validation keeps giving ValidationError.
    __init__.__pydantic_base_init__ = True  # type: ignore[attr-defined]


def invalid_input(exc: ValidationError, model: str, tags: frozenset[str] = frozenset()
                  ) -> InvalidInputError:
    """pydantic's errors as one :class:`InvalidInputError`: the first, with the others counted.

    Each field is named ``Model.place`` (``TenderStart.on``,
    ``ProcedureData.segments[0].id``).
    """
    found = [_problem(error, model, tags) for error in exc.errors()]
    field, value, problem = found[0]
    return InvalidInputError(field, value, problem, others=found[1:])


def _problem(error: ErrorDetails, model: str, tags: frozenset[str]) -> tuple[str, object, str]:
    place = json_place(error["loc"], tags)
    field = f"{model}.{place}" if place else model
    kind = error["type"]
    if kind == "missing":
        return field, None, Text("was not given; it is required")
    if kind == "extra_forbidden":
        return field, error.get("input"), Text("is not a field of %(model)s", model=model)
    cause = error.get("ctx", {}).get("error")
    if isinstance(cause, InvalidInputError):  # a validator that uses the library's own check
        return field, error.get("input"), cause.problem
    return field, error.get("input"), pydantic_problem(error)
