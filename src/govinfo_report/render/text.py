"""A report as plain text in a fixed-width layout that a terminal shows aligned.

Chinese characters take two terminal columns, so widths are measured in columns, not
characters. Cells are separated by at least two spaces; a blank value prints as ``—`` (never
as nothing, which would shift the numbers after it, nor as a zero). Headers that span several
columns stand over the first of them. Labels are printed in full (the terminal summary of
``show``, :func:`govinfo_report.render.render_report`, shortens them instead).

>>> from govinfo_report import Report
>>> text = render_text(Report.blank("2021", organ="某某县人民政府", year=2024))
>>> [line.split() for line in text.splitlines() if line.startswith("行政许可")]
[['行政许可', '—']]
"""

from __future__ import annotations

from govinfo_report.model import Report
from govinfo_report.render._document import document_blocks
from govinfo_report.render._layout import (
    CellRole,
    LayoutCell,
    LayoutTable,
    placed,
)
from govinfo_report.render._text import BLANK, display_width

__all__ = ["render_table_text", "render_text"]

_GAP = "  "


def _text(cell: LayoutCell) -> str:
    return BLANK if cell.role is CellRole.VALUE and cell.value is None else cell.text


def _widths(matrix: list[list[LayoutCell | None]], width: int) -> list[int]:
    """A column is as wide as its widest unspanned cell; a spanning header overhangs."""
    widths = [0] * width
    for row in matrix:
        for index, cell in enumerate(row):
            if cell is not None and cell.colspan == 1:
                widths[index] = max(widths[index], display_width(_text(cell)))
    return widths


def _line(row: list[LayoutCell | None], widths: list[int]) -> str:
    out = ""
    for index, cell in enumerate(row):
        if cell is None:
            if not out.strip():  # nothing printed yet: keep the place of the empty column
                out += " " * (widths[index] + len(_GAP))
            continue
        text = _text(cell)
        width = sum(widths[index : index + cell.colspan]) + len(_GAP) * (cell.colspan - 1)
        gap = " " * max(0, width - display_width(text))
        out += (gap + text if cell.role is CellRole.VALUE else text + gap) + _GAP
    return out.rstrip()


def render_table_text(table: LayoutTable) -> str:
    """One printed table as aligned lines; numbers are right-aligned in their columns."""
    matrix = placed(table)
    widths = _widths(matrix, table.width)
    return "\n".join(_line(row, widths) for row in matrix)


def render_text(report: Report, *, lang: str = "zh") -> str:
    """The whole report: title, section headings, paragraphs and aligned tables."""
    return "\n\n".join(document_blocks(report, lang, render_table_text)) + "\n"
