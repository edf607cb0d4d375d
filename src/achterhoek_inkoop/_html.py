"""HTML tables for Jupyter's rich display (``_repr_html_``): plain HTML, every cell escaped, no dependency.

Each layer builds its own display (a period, violations, a procedure) from :func:`table`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from html import escape

__all__ = ["table"]

_STYLE = "border-collapse:collapse;text-align:left"


def table(headers: Sequence[str], rows: Iterable[Sequence[object]], caption: str = "") -> str:
    """An HTML table; every cell is escaped.

    >>> "<td>&lt;b&gt;</td>" in table(["a"], [["<b>"]])
    True
    """
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    body = "".join(
        "<tr>" + "".join(f"<td>{escape(_text(cell))}</td>" for cell in row) + "</tr>" for row in rows
    )
    cap = f"<caption>{escape(caption)}</caption>" if caption else ""
    return f'<table style="{_STYLE}">{cap}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def _text(cell: object) -> str:
    if cell is None:
        return "-"
    if isinstance(cell, dt.date):
        return cell.isoformat()
    return str(cell)
