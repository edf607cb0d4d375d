"""Texts the library builds in English that can be rendered in Dutch later: :class:`Text`.

An error is raised long before anyone knows the language it will be shown
in: the command line chooses it, a notebook may show it in either. So an
error's problem is a :class:`Text`, a ``str`` that reads as English (what
``str(error)`` and every existing caller see) and also keeps its msgid and
values, so that :func:`in_lang` can render it from the catalog in Dutch.

``Text`` is a keyword of the extraction (``tools/i18n.py``), like ``_`` and
``N_``: its first argument is a msgid of the catalog.

>>> problem = Text("should be at least %(ge)s", ge=1)
>>> problem
'should be at least 1'
>>> in_lang(problem, "nl")
'moet minstens 1 zijn'
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

__all__ = ["N_", "Text", "in_lang", "pydantic_problem"]


def N_(message: str) -> str:
    """Mark ``message`` for extraction without translating it yet (gettext's ``N_``).

    For texts kept in a table at import time and translated when rendered.
    """
    return message


class Text(str):
    """An English text (the ``str`` itself) with the msgid and values it was made from.

    A value that is itself a :class:`Text` is rendered in the same language;
    any other value is shown as it is. A msgid with values uses ``%(name)s``
    placeholders (a literal ``%`` is then written ``%%``), as gettext's do.
    """

    msgid: str
    values: Mapping[str, object]

    def __new__(cls, msgid: str, /, **values: object) -> Text:
        self = super().__new__(cls, _format(msgid, msgid, values, "en"))
        self.msgid = msgid
        self.values = values
        return self

    def in_lang(self, lang: str) -> str:
        """This text in ``lang`` (``"nl"`` or ``"en"``), from the catalog."""
        from ._i18n import translations  # _i18n raises the library's errors, which use Text

        return _format(translations(lang).gettext(self.msgid), self.msgid, self.values, lang)


def in_lang(text: object, lang: str) -> str:
    """``text`` in ``lang`` when it is a :class:`Text`; any other text as it is (a name, a
    date, a message of another library, which has no translation)."""
    return text.in_lang(lang) if isinstance(text, Text) else str(text)


def _format(template: str, msgid: str, values: Mapping[str, object], lang: str) -> str:
    if not values:
        return template
    return template % {name: in_lang(value, lang) if isinstance(value, Text) else value
                       for name, value in values.items()}


#: pydantic's errors by type, as a problem of a field: what the message says after the
#: field and the value. The English follows pydantic's own wording, so that a message
#: reads as it did before it could be rendered in Dutch.
_PYDANTIC: Mapping[str, str] = {
    "missing": N_("is missing: the file must have it"),
    "extra_forbidden": N_("is not a field here (extra inputs are not permitted)"),
    "string_type": N_("should be a text"),
    "int_type": N_("should be a whole number"),
    "int_parsing": N_("should be a whole number"),
    "int_from_float": N_("should be a whole number, without a fraction"),
    "bool_type": N_("should be true or false"),
    "bool_parsing": N_("should be true or false"),
    "date_type": N_("should be a date YYYY-MM-DD"),
    "date_parsing": N_("should be a date YYYY-MM-DD (%(error)s)"),
    "date_from_datetime_parsing": N_("should be a date YYYY-MM-DD (%(error)s)"),
    "date_from_datetime_inexact": N_("should be a date without a time of day"),
    "list_type": N_("should be a list"),
    "dict_type": N_("should be an object"),
    "model_type": N_("should be an object"),
    "model_attributes_type": N_("should be an object"),
    "literal_error": N_("should be %(expected)s"),
    "enum": N_("should be %(expected)s"),
    "string_too_short": N_("should have at least %(min_length)s character(s)"),
    "string_too_long": N_("should have at most %(max_length)s character(s)"),
    "too_short": N_("should have at least %(min_length)s item(s)"),
    "too_long": N_("should have at most %(max_length)s item(s)"),
    "string_pattern_mismatch": N_("should match the pattern %(pattern)s"),
    "greater_than_equal": N_("should be at least %(ge)s"),
    "less_than_equal": N_("should be at most %(le)s"),
    "greater_than": N_("should be greater than %(gt)s"),
    "union_tag_invalid": N_("is not a known %(discriminator)s; expected one of: %(expected_tags)s"),
    "union_tag_not_found": N_("has no %(discriminator)s to tell what it is"),
}


def pydantic_problem(error: Mapping[str, Any]) -> str:
    """The problem of one of pydantic's errors (an ``ErrorDetails``) as a :class:`Text`.

    A validator of ours that raised ``ValueError(Text(...))`` keeps its Text; a
    type of error the table does not know keeps pydantic's own (English) message.

    >>> pydantic_problem({"type": "int_parsing", "msg": "Input should be a valid integer"})
    'should be a whole number'

    A number or a yes/no given as a text (``"20"``, ``"off"``), which a file read
    strictly refuses, is told to drop the quotes:

    >>> pydantic_problem({"type": "bool_type", "input": "off"})
    'should be true or false, written without quotes'
    """
    kind = error.get("type", "")
    context = error.get("ctx") or {}
    cause = context.get("error")
    if kind == "value_error" and isinstance(cause, Exception) and cause.args:
        problem = getattr(cause, "problem", None)  # the library's own error: its problem alone
        reason = problem if isinstance(problem, str) else cause.args[0]
        if isinstance(reason, Text):
            return reason
        return _short(str(reason))
    if kind in _UNQUOTED and isinstance(error.get("input"), str):
        return Text(_UNQUOTED[kind])
    if kind == "int_type" and isinstance(error.get("input"), float):  # 20.0: strictly not a whole number
        kind = "int_from_float"
    template = _PYDANTIC.get(kind)
    if template is None:
        message = _short(str(error.get("msg", "is not valid")))
        return f"is not valid: {message[:1].lower()}{message[1:]}" if message[:1].isupper() else message
    values = {name: _short(str(value)) for name, value in context.items() if f"%({name})s" in template}
    return Text(template, **values)


#: The problems of a number or a yes/no written as a text, for a file read strictly.
_UNQUOTED: Mapping[str, str] = {
    "int_type": N_("should be a whole number, written without quotes"),
    "bool_type": N_("should be true or false, written without quotes"),
}


def _short(text: str, limit: int = 200) -> str:
    """A text of another library, which may quote the input, cut to ``limit`` characters."""
    return text if len(text) <= limit else text[:limit - 3] + "..."
