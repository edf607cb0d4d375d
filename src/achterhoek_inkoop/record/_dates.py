"""The dates of a record: strict in a file, the library's forms in Python, intervals in order.

A date in a procedure file is a text ``YYYY-MM-DD`` and nothing else. pydantic
on its own would also read ``"2027-04-01T00:00:00+14:00"``, ``"2027-04-01
00:00"`` or ``1806537600`` as a date, silently choosing a day for a moment;
the library never guesses the day of a moment, so :data:`Day` refuses them.
In Python a date field takes what every date argument of the library takes
(:func:`~achterhoek_inkoop._validate.check_date`): a ``datetime.date``, a
``datetime`` or ``pandas.Timestamp`` at midnight, a ``numpy.datetime64`` of a
day, or the text ``YYYY-MM-DD``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Annotated, Any

from pydantic import GetCoreSchemaHandler, ValidationInfo, WithJsonSchema
from pydantic_core import CoreSchema, core_schema

from .._exceptions import InvalidInputError
from .._text import Text
from .._validate import check_date

__all__ = ["DATE_PATTERN", "Day", "not_before"]

#: The form of a date in a file, as the JSON Schema states it (``format: date`` alone is not
#: checked by most validators).
DATE_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
_ISO_SHAPED = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _python_day(value: object) -> object:
    """A date given in Python, in any form the library's date arguments take.

    A date, or a text shaped ``YYYY-MM-DD``, goes on to pydantic's own
    reading (whose message says what is wrong with ``"2021-13-01"``).
    """
    if type(value) is dt.date or (isinstance(value, str) and _ISO_SHAPED.fullmatch(value)):
        return value
    try:
        return check_date("", value, in_calendar=False)
    except InvalidInputError as exc:
        raise ValueError(exc.problem) from None


class _StrictInFiles:
    """A date: only ``YYYY-MM-DD`` in JSON, the forms of :func:`_python_day` in Python."""

    def __get_pydantic_core_schema__(self, source: Any, handler: GetCoreSchemaHandler) -> CoreSchema:
        date = core_schema.date_schema()
        return core_schema.json_or_python_schema(
            json_schema=core_schema.date_schema(strict=True),
            python_schema=core_schema.no_info_before_validator_function(_python_day, date),
            serialization=core_schema.plain_serializer_function_ser_schema(
                dt.date.isoformat, when_used="json"),
        )


#: A calendar day: a text ``YYYY-MM-DD`` in a file, see the module's docstring.
Day = Annotated[dt.date, _StrictInFiles(), WithJsonSchema({
    "type": "string", "format": "date", "pattern": DATE_PATTERN,
    "description": "a date YYYY-MM-DD"})]


def not_before(start: str) -> Callable[[dt.date | None, ValidationInfo], dt.date | None]:
    """A field validator: the field's date is not before the date of the field ``start``.

    For the end of an interval (an overgangsregeling's ``end`` is not before
    its ``start``): the error names the end's place and date, and the start's.
    Use it as ``_ends = field_validator("end")(not_before("start"))``.
    """
    def check(day: dt.date | None, info: ValidationInfo) -> dt.date | None:
        first = info.data.get(start)
        if day is not None and first is not None and day < first:
            raise ValueError(Text("is before %(name)s %(day)s", name=start, day=first.isoformat()))
        return day

    return check
