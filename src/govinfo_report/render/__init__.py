"""Reports back out in the official layout: Word, Excel, HTML, Markdown and plain text.

:func:`render` writes a report in one of :data:`FORMATS`; each format has its own module
(:mod:`~govinfo_report.render.html`, ``docx``, ``xlsx``, ``markdown``, ``text``), all laid out
from the catalog by :mod:`~govinfo_report.render._layout`. Word and Excel need the ``[write]``
extra (python-docx, openpyxl). What is written reads back with :func:`govinfo_report.parse.parse`
to the same report (docs/writing.md lists the little a format cannot carry).

>>> from govinfo_report import Report
>>> page = render(Report.blank("2021", organ="某某县人民政府", year=2024), to="html")
>>> "某某县人民政府2024年政府信息公开工作年度报告" in page
True

:func:`render_report` and :func:`render_table` are the terminal summary that ``show`` prints.
"""

from __future__ import annotations

from typing import Literal, overload

from govinfo_report.errors import FieldValueError
from govinfo_report.model import Report
from govinfo_report.render._text import (
    BLANK,
    MAX_LABEL_WIDTH,
    Language,
    render_report,
    render_table,
)

__all__ = [
    "BLANK",
    "FORMATS",
    "MAX_LABEL_WIDTH",
    "BinaryFormat",
    "Language",
    "TextFormat",
    "render",
    "render_report",
    "render_table",
]

TextFormat = Literal["html", "md", "txt"]
BinaryFormat = Literal["docx", "xlsx"]
FORMATS: tuple[str, ...] = ("docx", "xlsx", "html", "md", "txt")
"""Every format :func:`render` writes."""


@overload
def render(report: Report, *, to: TextFormat, lang: Language = "zh") -> str: ...
@overload
def render(report: Report, *, to: BinaryFormat, lang: Language = "zh") -> bytes: ...
@overload
def render(report: Report, *, to: str, lang: Language = "zh") -> str | bytes: ...


def render(report: Report, *, to: str, lang: Language = "zh") -> str | bytes:
    """``report`` written in format ``to``: text for html/md/txt, the file's bytes for docx/xlsx.

    ``lang="en"`` prints the catalog's English labels (such a document is for reading: the
    readers take the official Chinese layout).
    """
    if to == "html":
        from govinfo_report.render.html import render_html  # noqa: PLC0415 - one format loaded

        return render_html(report, lang=lang)
    if to == "md":
        from govinfo_report.render.markdown import render_markdown  # noqa: PLC0415

        return render_markdown(report, lang=lang)
    if to == "txt":
        from govinfo_report.render.text import render_text  # noqa: PLC0415

        return render_text(report, lang=lang)
    if to == "docx":
        from govinfo_report.render.docx import render_docx  # noqa: PLC0415 - needs [write]

        return render_docx(report, lang=lang)
    if to == "xlsx":
        from govinfo_report.render.xlsx import render_xlsx  # noqa: PLC0415 - needs [write]

        return render_xlsx(report, lang=lang)
    known = ", ".join(FORMATS)
    msg = f"unknown format {to!r}; formats: {known}"
    raise FieldValueError(msg)
