"""A report as Markdown: the title, the section headings and paragraphs, pipe tables.

Pipe tables have no merged cells, so each printed cell stands at the top-left position of its
span and the positions the span covers are left empty; a blank value is an empty cell too. The
readers take such tables back (the text front end keeps empty cells between pipes).

>>> from govinfo_report import Report
>>> page = render_markdown(Report.blank("2021", organ="某某县人民政府", year=2024))
>>> page.splitlines()[0]
'# 某某县人民政府2024年政府信息公开工作年度报告'
>>> page.splitlines()[2]
'一、总体情况'
>>> [line for line in page.splitlines() if line.startswith("| 行政许可")]
['| 行政许可 |  |']
"""

from __future__ import annotations

from govinfo_report.model import Report
from govinfo_report.render._document import document_blocks
from govinfo_report.render._layout import LayoutCell, LayoutTable, flat_texts, placed
from govinfo_report.render._template import field, literal, written_tables

__all__ = ["render_markdown"]


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def _cell_text(cell: LayoutCell) -> str:
    return literal(_escape(cell.text)) if cell.slot is None else field(cell.slot)


def _table_template(table: LayoutTable) -> str:
    """One printed table as a pipe table, a format string; the first printed row is its header."""
    lines = []
    rows = flat_texts(table, _cell_text)
    for index, (row, positions) in enumerate(zip(rows, placed(table), strict=True)):
        # A value spanning to the table's right edge leaves covered positions after it: printed
        # as empty cells they would read as one more (blank) value, so the row ends at its value
        # (the header row keeps the table's width: it sets the columns).
        width = len(row)
        while index > 0 and width > 1 and positions[width - 1] is None and not row[width - 1]:
            width -= 1
        lines.append("| " + " | ".join(row[:width]) + " |")
        if index == 0:
            lines.append("|" + "|".join(["---"] * table.width) + "|")
    return "\n".join(lines)


def render_markdown(report: Report, *, lang: str = "zh") -> str:
    """The whole report as a Markdown document.

    The section headings stay plain paragraphs, as the form prints them: a heading marker would
    be read as the last words of the section before.
    """
    blocks = document_blocks(report, lang, written_tables(report, lang, _table_template))
    blocks[0] = f"# {blocks[0]}"
    return "\n\n".join(blocks) + "\n"
