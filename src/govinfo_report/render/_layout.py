"""The official printed layout of the report's tables, computed from the catalog.

Every writer (HTML, Word, Excel, Markdown, text) lays the tables out the same way, so the layout
is worked out once here as rows of :class:`LayoutCell`: header cells with their spans, label
cells, and value cells that carry the JSON path of the model cell they print. Nothing here types
a label: captions, groups, rows and columns come from the catalog grids, and the two header
cells that name no row or column from :data:`~govinfo_report.catalog.TABLE_LAYOUT_LABELS`.

The three printed tables:

* section 二: one table, a caption row per 第二十条 item (the grid label across the table), a
  header row (信息内容 and the column labels), then the grid's rows; a grid with fewer columns
  than the widest one lets its last column span the rest, as the official form does;
* section 三: the requests grid with its row groups as nested label columns (三、本年度办理结果
  over （三）不予公开 over 1.属于国家秘密) and a three-row column header (申请人情况, then
  自然人 / 法人或其他组织 / 总计, then the five organisation columns);
* section 四: the review/litigation grid turned into one row of fifteen cells, its rows and row
  groups becoming a three-row header (行政复议 | 行政诉讼, then 未经复议直接起诉 | 复议后起诉,
  then the outcome columns), as printed on paper.

>>> from govinfo_report import Report
>>> tables = layout_tables(Report.blank("2021"))
>>> [table.section_id for table in tables]
['proactive_disclosure', 'requests', 'review_litigation']
>>> [cell.text for cell in tables[2].rows[0]]
['行政复议', '行政诉讼']
>>> tables[2].rows[3][0].path
'$.review_litigation.review.upheld'
"""

from __future__ import annotations

import enum
import functools
from collections.abc import Callable, Sequence

import attrs

from govinfo_report import catalog
from govinfo_report.catalog import CellKind, Column, FormatVersion, Grid, Label
from govinfo_report.model import (
    CellValue,
    ProactiveDisclosure,
    Report,
    Requests,
    ReviewLitigation,
)
from govinfo_report.render._text import display_width

__all__ = [
    "CellRole",
    "LayoutCell",
    "LayoutTable",
    "blank_layout",
    "label_text",
    "layout_tables",
    "value_texts",
]


class CellRole(enum.Enum):
    """What a printed cell is."""

    CAPTION = "caption"
    """A caption across the table (第二十条第（一）项)."""
    COLUMN_HEADER = "column_header"
    """A column label or a band over several columns."""
    ROW_HEADER = "row_header"
    """A row label or a group label over several rows."""
    VALUE = "value"
    """A cell of the model."""


@attrs.frozen
class LayoutCell:
    """One printed cell: its text (Chinese or English), spans and, for values, what it prints."""

    text: str
    role: CellRole
    colspan: int = 1
    rowspan: int = 1
    path: str | None = None
    """The JSON path of the model cell a value cell prints (``$.requests.granted.total``)."""
    value: CellValue = None
    kind: CellKind | None = None
    """The kind of a value cell (count, signed count, amount)."""
    unit: Label | None = None
    slot: int | None = None
    """A value cell's place among the report's values (:func:`value_texts`).

    Every value cell has one, and it is the same in every report of the same format versions:
    a writer can lay a table out once and put each report's values in by slot."""


@attrs.frozen
class LayoutTable:
    """One printed table: the section it belongs to and its rows of cells (spans resolved)."""

    section_id: str
    heading: Label
    width: int
    """The number of grid columns the table spans."""
    header_rows: int
    """How many leading rows are header rows (repeated on each printed page)."""
    rows: tuple[tuple[LayoutCell, ...], ...]


def label_text(label: Label, lang: str) -> str:
    """A catalog label in ``lang`` (``zh`` or ``en``)."""
    return label.zh if lang == "zh" else label.en


def value_texts(report: Report, *, blank: str = "") -> list[str]:
    """Every value of the report as printed, by slot (:attr:`LayoutCell.slot`).

    A count prints as digits, an amount in plain notation (never an exponent), a blank as
    ``blank``: digits, a sign and a point, nothing any format has to escape.

    >>> from decimal import Decimal
    >>> from govinfo_report import Report
    >>> blank = Report.blank("2021")
    >>> fees = blank.proactive_disclosure.with_cells(
    ...     {("art20_8", "admin_fees", "fee_amount"): Decimal("1E+2")}
    ... )
    >>> report = attrs.evolve(
    ...     blank,
    ...     proactive_disclosure=fees,
    ...     requests=blank.requests.with_cells({("granted", "total"): 7}),
    ... )
    >>> texts = value_texts(report, blank="—")
    >>> texts[9], texts.count("7"), texts.count("—") == len(texts) - 2
    ('100', 1, True)
    """
    return [
        blank if value is None else str(value) if type(value) is int else format(value, "f")
        for table in report.tables()
        for value in table.values
    ]


def _value_cell(grid: Grid, row: str, column: Column, colspan: int = 1) -> LayoutCell:
    """A value cell with no value yet: :func:`layout_tables` puts each report's in."""
    return LayoutCell(
        "",
        CellRole.VALUE,
        colspan=colspan,
        path=catalog.cell_path(grid, row, column.id),
        kind=column.kind,
        unit=column.unit,
    )


def _spans(count: int, width: int) -> list[int]:
    """How ``count`` columns share ``width`` printed columns: one each, the last takes the rest."""
    return [1] * (count - 1) + [width - count + 1]


def _proactive(report: Report, lang: str) -> LayoutTable:
    section = catalog.format_spec(report.proactive_disclosure.format).section(
        catalog.PROACTIVE_DISCLOSURE_ID
    )
    width = max(len(grid.columns) for grid in section.grids)
    corner = label_text(catalog.TABLE_LAYOUT_LABELS["item_header"], lang)
    rows: list[tuple[LayoutCell, ...]] = []
    for table in report.proactive_disclosure.tables:
        grid = table.grid
        spans = _spans(len(grid.columns), width)
        rows.append(
            (LayoutCell(label_text(grid.label, lang), CellRole.CAPTION, colspan=width + 1),)
        )
        rows.append(
            (
                LayoutCell(corner, CellRole.COLUMN_HEADER),
                *(
                    LayoutCell(label_text(column.label, lang), CellRole.COLUMN_HEADER, colspan=span)
                    for column, span in zip(grid.columns, spans, strict=True)
                ),
            )
        )
        rows.extend(
            (
                LayoutCell(label_text(row.label, lang), CellRole.ROW_HEADER),
                *(
                    _value_cell(grid, row.id, column, span)
                    for column, span in zip(grid.columns, spans, strict=True)
                ),
            )
            for row in grid.rows
        )
    return LayoutTable(section.id, section.heading, width + 1, 0, tuple(rows))


def _requests(report: Report, lang: str) -> LayoutTable:
    table = report.requests
    grid = table.grid
    section = catalog.format_spec(table.format).section(catalog.REQUESTS_ID)
    depth = {row.id: sum(row.id in g.members for g in grid.row_groups) for row in grid.rows}
    label_columns = 1 + max(depth.values())
    assert grid.note is not None  # noqa: S101 - declared on every version's table 三
    columns = grid.columns
    grouped = {member for group in grid.column_groups for member in group.members}
    top = (
        LayoutCell(
            label_text(grid.note, lang), CellRole.COLUMN_HEADER, colspan=label_columns, rowspan=3
        ),
        LayoutCell(
            label_text(catalog.TABLE_LAYOUT_LABELS["applicants"], lang),
            CellRole.COLUMN_HEADER,
            colspan=len(columns),
        ),
    )
    middle: list[LayoutCell] = []
    for column in columns:
        if column.id not in grouped:
            middle.append(
                LayoutCell(label_text(column.label, lang), CellRole.COLUMN_HEADER, rowspan=2)
            )
        middle.extend(
            LayoutCell(
                label_text(group.label, lang), CellRole.COLUMN_HEADER, colspan=len(group.members)
            )
            for group in grid.column_groups
            if group.members[0] == column.id
        )
    bottom = tuple(
        LayoutCell(label_text(column.label, lang), CellRole.COLUMN_HEADER)
        for column in columns
        if column.id in grouped
    )
    rows: list[tuple[LayoutCell, ...]] = [top, tuple(middle), bottom]
    for row in grid.rows:
        opened = [
            LayoutCell(
                label_text(group.label, lang), CellRole.ROW_HEADER, rowspan=len(group.members)
            )
            for group in grid.row_groups
            if group.members[0] == row.id
        ]
        label = LayoutCell(
            label_text(row.label, lang), CellRole.ROW_HEADER, colspan=label_columns - depth[row.id]
        )
        values = [_value_cell(grid, row.id, column) for column in columns]
        rows.append((*opened, label, *values))
    return LayoutTable(section.id, section.heading, label_columns + len(columns), 3, tuple(rows))


def _review(report: Report, lang: str) -> LayoutTable:
    table = report.review_litigation
    grid = table.grid
    width = len(grid.columns)
    grouped = {member for group in grid.row_groups for member in group.members}
    top: list[LayoutCell] = []
    middle: list[LayoutCell] = []
    bottom: list[LayoutCell] = []
    values: list[LayoutCell] = []
    column_labels = [label_text(column.label, lang) for column in grid.columns]
    for row in grid.rows:
        if row.id not in grouped:
            top.append(
                LayoutCell(label_text(row.label, lang), CellRole.COLUMN_HEADER, colspan=width)
            )
            middle.extend(
                LayoutCell(text, CellRole.COLUMN_HEADER, rowspan=2) for text in column_labels
            )
        else:
            top.extend(
                LayoutCell(
                    label_text(group.label, lang),
                    CellRole.COLUMN_HEADER,
                    colspan=width * len(group.members),
                )
                for group in grid.row_groups
                if group.members[0] == row.id
            )
            middle.append(
                LayoutCell(label_text(row.label, lang), CellRole.COLUMN_HEADER, colspan=width)
            )
            bottom.extend(LayoutCell(text, CellRole.COLUMN_HEADER) for text in column_labels)
        values.extend(_value_cell(grid, row.id, column) for column in grid.columns)
    rows = (tuple(top), tuple(middle), tuple(bottom), tuple(values))
    return LayoutTable(
        catalog.REVIEW_LITIGATION.id, catalog.REVIEW_LITIGATION.heading, len(values), 3, rows
    )


@functools.cache
def blank_layout(
    proactive: FormatVersion, requests: FormatVersion, lang: str = "zh"
) -> tuple[LayoutTable, ...]:
    """The printed tables (sections 二, 三, 四) of every report of these format versions, empty.

    Each value cell has an empty text, no value, and its slot: the place of its value in
    :func:`value_texts` of any such report. Laying the tables out walks the catalog: done once
    per version pair and language, each report then only puts its values in, by slot.
    """
    blank = Report(
        proactive_disclosure=ProactiveDisclosure.blank(proactive),
        requests=Requests.blank(requests),
        review_litigation=ReviewLitigation.blank(),
    )
    paths = [path for table in blank.tables() for path in catalog.cell_paths(table.grid)]
    slots = {path: slot for slot, path in enumerate(paths)}

    def with_slot(cell: LayoutCell) -> LayoutCell:
        return cell if cell.path is None else attrs.evolve(cell, slot=slots[cell.path])

    return tuple(
        attrs.evolve(table, rows=tuple(tuple(map(with_slot, row)) for row in table.rows))
        for table in (_proactive(blank, lang), _requests(blank, lang), _review(blank, lang))
    )


def layout_tables(report: Report, lang: str = "zh") -> Sequence[LayoutTable]:
    """The report's three printed tables (sections 二, 三, 四) in the official layout."""
    values = [value for table in report.tables() for value in table.values]
    texts = value_texts(report)

    def filled(cell: LayoutCell) -> LayoutCell:
        if cell.slot is None:
            return cell
        return LayoutCell(
            texts[cell.slot],
            CellRole.VALUE,
            cell.colspan,
            cell.rowspan,
            cell.path,
            values[cell.slot],
            cell.kind,
            cell.unit,
            cell.slot,
        )

    return tuple(
        attrs.evolve(table, rows=tuple(tuple(map(filled, row)) for row in table.rows))
        for table in blank_layout(report.proactive_disclosure.format, report.requests.format, lang)
    )


MAX_LABEL_WIDTH = 48
"""The widest a label column is made, in terminal columns (a longer label wraps)."""
VALUE_WIDTH = 11
"""The width of a value column, in terminal columns."""


def column_widths(table: LayoutTable) -> list[int]:
    """Each printed column's width in terminal columns (a Chinese character counts two).

    A label column is as wide as its longest unspanned label, up to :data:`MAX_LABEL_WIDTH`;
    value columns are :data:`VALUE_WIDTH`.
    """
    widths = [VALUE_WIDTH] * table.width
    for row in placed(table):
        for index, cell in enumerate(row):
            if cell is not None and cell.colspan == 1 and cell.role is not CellRole.VALUE:
                wanted = min(MAX_LABEL_WIDTH, display_width(cell.text) + 2)
                widths[index] = max(widths[index], wanted)
    return widths


def _text(cell: LayoutCell) -> str:
    return cell.text


def flat_texts(table: LayoutTable, text: Callable[[LayoutCell], str] = _text) -> list[list[str]]:
    """The table's texts without spans, for writers that have none (Markdown, text, CSV).

    A span's positions stay empty, except that a row label stands at the *last* position of its
    span, next to the values: an empty cell between a label and its numbers would read as a
    blank value. ``text`` gives a cell's text (its own by default).
    """
    rows = []
    for row in placed(table):
        texts = ["" if cell is None else text(cell) for cell in row]
        for index, cell in enumerate(row):
            if cell is not None and cell.role is CellRole.ROW_HEADER and cell.colspan > 1:
                texts[index], texts[index + cell.colspan - 1] = "", texts[index]
        rows.append(texts)
    return rows


def placed(table: LayoutTable) -> list[list[LayoutCell | None]]:
    """The table as a dense matrix, each cell at its top-left position.

    ``None`` stands where a span covers the position (the HTML table model, resolved once for
    the writers that place cells on a grid).

    >>> from govinfo_report import Report
    >>> matrix = placed(layout_tables(Report.blank("2021"))[2])
    >>> [len(row) for row in matrix], matrix[1][5] is None, matrix[2][0] is None
    ([15, 15, 15, 15], False, True)
    """
    matrix: list[list[LayoutCell | None]] = [[None] * table.width for _ in table.rows]
    covered = [[False] * table.width for _ in table.rows]
    for row_index, row in enumerate(table.rows):
        column = 0
        for cell in row:
            while covered[row_index][column]:
                column += 1
            matrix[row_index][column] = cell
            for down in range(row_index, row_index + cell.rowspan):
                for across in range(column, column + cell.colspan):
                    covered[down][across] = True
            column += cell.colspan
    return matrix
