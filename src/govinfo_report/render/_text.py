"""Reports back out in the official layout, as plain text for terminals and logs.

Labels come from the catalog, in Chinese (``lang="zh"``, the default) or English; a blank cell
prints as ``—`` so that it is never mistaken for a zero.

>>> from govinfo_report import Report
>>> from govinfo_report.render import render_table
>>> render_table(Report.blank("2021").review_litigation, lang="en").splitlines()[1].split("  ")[-5:]
['Upheld', 'Corrected', 'Other result', 'Pending', 'Total']
"""

from __future__ import annotations

import unicodedata
from typing import Literal

from govinfo_report import catalog
from govinfo_report.catalog import Label
from govinfo_report.model import CellValue, Report, Requests, ReviewLitigation, Table

__all__ = ["BLANK", "Language", "display_width", "render_report", "render_table"]


Language = Literal["zh", "en"]
BLANK = "—"
"""How a blank cell prints."""


def _label(label: Label, lang: Language) -> str:
    return label.zh if lang == "zh" else label.en


def display_width(text: str) -> int:
    """How many terminal columns ``text`` takes."""
    # East Asian wide characters take two terminal columns.
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int, *, right: bool = False) -> str:
    gap = " " * max(0, width - display_width(text))
    return gap + text if right else text + gap


MAX_LABEL_WIDTH = 40
"""Row labels longer than this many terminal columns are cut, ending in …."""


def _shorten(text: str, width: int = MAX_LABEL_WIDTH) -> str:
    if display_width(text) <= width:
        return text
    while display_width(text) > width - 1:
        text = text[:-1]
    return text + "…"


def _cell(value: CellValue) -> str:
    return BLANK if value is None else str(value)


def render_table(table: Table | Requests | ReviewLitigation, *, lang: Language = "zh") -> str:
    """One table: its caption, a header of column labels, and a line per row."""
    grid = table.grid
    headers = [_label(column.label, lang) for column in grid.columns]
    labels = [_shorten(_label(row.label, lang)) for row in grid.rows]
    rows = [[_cell(v) for v in table.row(row.id).values()] for row in grid.rows]
    widths = [
        max(display_width(header), *(display_width(row[i]) for row in rows))
        for i, header in enumerate(headers)
    ]
    label_width = max(display_width(label) for label in labels)
    lines = [_label(grid.label, lang)]
    header = "  ".join(_pad(h, w, right=True) for h, w in zip(headers, widths, strict=True))
    lines.append(f"{_pad('', label_width)}  {header}")
    for label, row in zip(labels, rows, strict=True):
        cells = "  ".join(_pad(c, w, right=True) for c, w in zip(row, widths, strict=True))
        lines.append(f"{_pad(label, label_width)}  {cells}")
    return "\n".join(lines)


def render_report(report: Report, *, lang: Language = "zh") -> str:
    """The whole report: metadata, then every table in official order."""
    organ = report.organ or ("（未注明）" if lang == "zh" else "(organ not named)")
    year = BLANK if report.year is None else str(report.year)
    versions = ", ".join(f"{section}: {version}" for section, version in report.formats.items())
    parts = [f"{organ} {year}", f"format {versions}"]
    proactive_heading = catalog.format_spec(report.proactive_disclosure.format).section(
        catalog.PROACTIVE_DISCLOSURE_ID
    )
    parts.append(_label(proactive_heading.heading, lang))
    parts.extend(render_table(table, lang=lang) for table in report.proactive_disclosure.tables)
    parts.append(render_table(report.requests, lang=lang))
    parts.append(render_table(report.review_litigation, lang=lang))
    return "\n\n".join(parts)
