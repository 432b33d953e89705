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
['| 行政许可 |  |  |  |']
"""

from __future__ import annotations

from govinfo_report.model import Report
from govinfo_report.render._document import document_blocks
from govinfo_report.render._layout import LayoutTable, flat_texts

__all__ = ["render_markdown"]


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def render_table_markdown(table: LayoutTable) -> str:
    """One printed table as a pipe table; the first printed row is the Markdown header row."""
    lines = []
    for index, row in enumerate(flat_texts(table)):
        cells = [_escape(text) for text in row]
        lines.append("| " + " | ".join(cells) + " |")
        if index == 0:
            lines.append("|" + "|".join(["---"] * table.width) + "|")
    return "\n".join(lines)


def render_markdown(report: Report, *, lang: str = "zh") -> str:
    """The whole report as a Markdown document.

    The section headings stay plain paragraphs, as the form prints them: a heading marker would
    be read as the last words of the section before.
    """
    blocks = document_blocks(report, lang, render_table_markdown)
    blocks[0] = f"# {blocks[0]}"
    return "\n\n".join(blocks) + "\n"
