"""Render a report as text in the layouts found in the wild, from the catalog's labels.

The reader's tests print known reports in each layout and read them back: what is printed is
known exactly, so every cell read can be compared with the truth.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from govinfo_report import catalog
from govinfo_report.catalog import CellKind, FormatVersion, Grid

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Sequence

    from govinfo_report.model import CellValue, Report

LAYOUTS = ("tab", "pipe", "layout", "lines", "flat")
"""Tab-separated web copy, markdown pipes, pdftotext -layout, one item per line, one line."""


def format_value(value: CellValue, kind: CellKind, *, blank: str = "") -> str:
    """A cell as a report prints it."""
    if value is None:
        return blank
    if kind is CellKind.SIGNED_COUNT and isinstance(value, int) and value > 0:
        return f"+{value}"
    return str(value)


def _row_label_cells(grid: Grid, row_index: int) -> list[str]:
    """The label cells of a table-三 row as a merged-cell table prints them: group labels on the
    first row of their group, then the row's own label."""
    row = grid.rows[row_index]
    groups = [group.label.zh for group in grid.row_groups if group.members[:1] == (row.id,)]
    return [*groups, row.label.zh]


def _lines(report: Report, blank: str) -> Iterable[tuple[str, list[str], bool]]:
    """(kind, cells, is_values) for every line of the report: ``kind`` is ``text`` or ``row``."""
    headings = {
        section.id: section.heading.zh
        for section in catalog.format_spec(FormatVersion.V2021).sections
    }
    yield "text", [f"{report.organ or ''}{report.year}年政府信息公开工作年度报告"], False
    yield "text", [headings["overview"]], False
    yield "text", [report.overview or "本机关认真贯彻落实条例。"], False
    yield "text", [headings["proactive_disclosure"]], False
    for table in report.proactive_disclosure.tables:
        grid = table.grid
        yield "text", [grid.label.zh], False
        yield "row", [column.label.zh for column in grid.columns], False
        for row in grid.rows:
            values = table.row(row.id)
            yield (
                "row",
                [
                    row.label.zh,
                    *(format_value(values[c.id], c.kind, blank=blank) for c in grid.columns),
                ],
                True,
            )
    grid = report.requests.grid
    yield "text", [headings["requests"]], False
    assert grid.note is not None
    yield "row", [grid.note.zh, *(column.label.zh for column in grid.columns)], False
    for row_index, row in enumerate(grid.rows):
        counts = report.requests.row(row.id)
        yield (
            "row",
            [
                *_row_label_cells(grid, row_index),
                *(format_value(counts[c.id], c.kind, blank=blank) for c in grid.columns),
            ],
            True,
        )
    review = report.review_litigation
    yield "text", [headings["review_litigation"]], False
    yield "row", [row.label.zh for row in review.grid.rows], False
    yield "row", [column.label.zh for column in review.grid.columns] * 3, False
    yield "row", [format_value(value, CellKind.COUNT, blank=blank) for value in review.values], True
    yield "text", [headings["problems_improvements"]], False
    yield "text", [report.problems_improvements or "公开深度有待提高。"], False
    yield "text", [headings["other_matters"]], False
    yield "text", [report.other_matters or "本年度未收取信息处理费。"], False


def _join(layout: str) -> Callable[[Sequence[str], bool], str]:
    def tab(cells: Sequence[str], _values: bool) -> str:
        return "\t".join(cells)

    def pipe(cells: Sequence[str], _values: bool) -> str:
        return "| " + " | ".join(cells) + " |"

    def spaced(cells: Sequence[str], _values: bool) -> str:
        return "    ".join(cells)

    return {"tab": tab, "pipe": pipe, "layout": spaced}[layout]


def render(report: Report, layout: str) -> str:
    """The report as text in one of :data:`LAYOUTS`.

    Blanks print as empty cells where the layout keeps cells (tab, pipe), as ``-`` in layout
    text, and are dropped in one-item-per-line and one-line copies (as real copies do).
    """
    if layout in {"tab", "pipe", "layout"}:
        blank = "-" if layout == "layout" else ""
        join = _join(layout)
        out = []
        for kind, cells, values in _lines(report, blank):
            out.append(join(cells, values) if kind == "row" else cells[0])
            if layout == "pipe" and kind == "row" and not values:
                out.append("|" + "---|" * len(cells))
        return "\n".join(out) + "\n"
    lines = _lines(report, "")
    if layout == "lines":
        return "\n".join(cell for _kind, cells, _values in lines for cell in cells if cell) + "\n"
    if layout == "flat":
        return "".join(cell for _kind, cells, _values in lines for cell in cells)
    msg = f"unknown layout {layout!r}"
    raise ValueError(msg)


def cells_of(report: Report) -> dict[str, CellValue]:
    """Every cell of a report by JSON path."""
    return {
        catalog.cell_path(table.grid, cell.row.id, cell.column.id): cell.value
        for table in report.tables()
        for cell in table
    }


def same_value(left: CellValue, right: CellValue) -> bool:
    """Equal cells: both blank, or the same number (``Decimal('12.50') == Decimal('12.5')``)."""
    if left is None or right is None:
        return left is None and right is None
    return Decimal(left) == Decimal(right)
