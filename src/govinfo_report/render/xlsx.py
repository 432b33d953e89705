"""A report as an Excel workbook: one sheet per section, the tables in the official layout.

Sheets follow the report: 一、总体情况 (with the title above it), 二, 三, 四 (the three tables),
五 and 六; each is named by its section heading and starts with it. The tables have the official
merged headers and labels from the catalog; numbers are numbers, a blank is an empty cell, an
amount shows its unit (``96171.6 万元``) while the cell holds the number. A spreadsheet number is
a binary double: an amount with more than 15 significant digits cannot be held exactly, so such
an amount is written as text (every digit kept) rather than rounded.

Which cell of a table holds which label, value and style, and which cells merge, is the same for
every report of a pair of format versions and a language: it is worked out once
(:func:`sheet_tables`), and a report only puts its values in.

:func:`filing_workbook` is the workbook a clerk fills in (:mod:`govinfo_report.render.filing`
adds its validation and live checks). Both read back with :func:`govinfo_report.parse.parse`.
Needs openpyxl (``pip install 'govinfo-report[write]'``).

>>> import io, openpyxl
>>> from govinfo_report import Report
>>> book = openpyxl.load_workbook(io.BytesIO(render_xlsx(Report.blank("2021", year=2024))))
>>> book.sheetnames[:3]
['一、总体情况', '二、主动公开政府信息情况', '三、收到和处理政府信息公开申请情况']
>>> book.worksheets[3]["A3"].value, book.worksheets[3]["F3"].value
('结果维持', '未经复议直接起诉')
"""

from __future__ import annotations

import functools
import io
from collections.abc import Hashable, Mapping
from decimal import Decimal
from types import MappingProxyType
from typing import NamedTuple

import attrs
from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.cell_range import CellRange
from openpyxl.worksheet.worksheet import Worksheet

from govinfo_report.catalog import CellKind, FormatVersion, SectionKind
from govinfo_report.model import CellValue, Report
from govinfo_report.render._document import narrative_sections, title_text
from govinfo_report.render._layout import (
    CellRole,
    LayoutCell,
    LayoutTable,
    blank_layout,
    column_widths,
    label_text,
    placed,
    value_texts,
)

__all__ = [
    "MAX_EXACT_DIGITS",
    "CellStyles",
    "SheetTable",
    "TablePlacement",
    "render_xlsx",
    "save_workbook",
    "sheet_tables",
    "write_workbook",
]

MAX_EXACT_DIGITS = 15
"""The most significant digits a spreadsheet number keeps exactly."""
_SHEET_NAME_LENGTH = 31
_THIN = Side(style="thin", color="000000")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEADER_ALIGNMENT = Alignment(horizontal="center", vertical="center", wrap_text=True)
_LABEL_ALIGNMENT = Alignment(horizontal="left", vertical="center", wrap_text=True)
_TEXT_ALIGNMENT = Alignment(wrap_text=True, vertical="top")
_BOLD = Font(bold=True)
_NARRATIVE_WIDTH = 100
TABLE_TOP = 2
"""The sheet row a table's first printed row is written in (the heading is in row 1)."""


@attrs.frozen
class TablePlacement:
    """Where a printed table landed: its sheet, and the sheet cell of every value by JSON path."""

    table: LayoutTable
    sheet: Worksheet
    cells: Mapping[str, tuple[int, int]]
    """JSON path → (row, column), 1-based sheet coordinates."""


def _cell_value(value: CellValue, text: str) -> CellValue | str:
    """What a value cell holds: the value, or its printed ``text`` if a double cannot hold it."""
    if isinstance(value, Decimal):
        digits = len(value.normalize().as_tuple().digits)
        # Written as text when a double cannot hold it: every digit is kept.
        return text if digits > MAX_EXACT_DIGITS else value
    return value


def _number_format(cell: LayoutCell, lang: str) -> str | None:
    if cell.kind is CellKind.AMOUNT and cell.unit is not None:
        return f'General" {label_text(cell.unit, lang)}"'
    if cell.kind is CellKind.SIGNED_COUNT:
        return "+0;-0;0"
    return None


def _sheet_name(text: str) -> str:
    for character in "[]:*?/\\":
        text = text.replace(character, " ")
    return text[:_SHEET_NAME_LENGTH]


class CellStyles:
    """The cell styles of one workbook, each built once by name and then copied.

    Setting ``font``/``border``/``alignment``/``number_format`` through openpyxl hashes the whole
    style on every cell, which costs more than writing the file; a finished cell's style array
    (its indexes into the workbook's style tables) is copied to the next cell of that name.
    """

    def __init__(self) -> None:
        self._built: dict[Hashable, StyleArray] = {}

    def apply(self, target: Cell, name: Hashable, attributes: Mapping[str, object]) -> None:
        """Give ``target`` the style called ``name``, built from ``attributes`` the first time."""
        built = self._built.get(name)
        if built is not None:
            target._style = StyleArray(built)  # noqa: SLF001 - see the class docstring
            return
        for attribute, value in attributes.items():
            setattr(target, attribute, value)
        self._built[name] = StyleArray(target._style)  # noqa: SLF001


@functools.cache
def _table_style(role: str, number_format: str | None = None) -> Mapping[str, object]:
    """The attributes of a table cell's style: bordered, labels aligned, numbers formatted."""
    style: dict[str, object] = {"border": _BORDER}
    if role == CellRole.ROW_HEADER.value:
        style["alignment"] = _LABEL_ALIGNMENT
    elif role != CellRole.VALUE.value:
        style["alignment"] = _HEADER_ALIGNMENT
    if number_format is not None:
        style["number_format"] = number_format
    return style


def _merge(sheet: Worksheet, top: int, left: int, bottom: int, right: int) -> None:
    # Recorded directly: merge_cells() would also restyle every covered cell.
    sheet.merged_cells.add(CellRange(min_row=top, min_col=left, max_row=bottom, max_col=right))


class _SheetCell(NamedTuple):
    """One cell of a table on its sheet: a label (its text), a value (its slot) or covered."""

    row: int
    column: int
    text: str | None
    slot: int | None
    style: tuple[str, str | None]
    """The cell's style name: its role and number format."""


class SheetTable(NamedTuple):
    """A table as it lands on its sheet, the same for every report of its format versions."""

    layout: LayoutTable
    cells: tuple[_SheetCell, ...]
    """Every grid position of the table, row by row (covered positions too: they take the
    border)."""
    merges: tuple[tuple[int, int, int, int], ...]
    """Each spanned cell's (top, left, bottom, right)."""
    positions: Mapping[str, tuple[int, int]]
    """JSON path → (row, column) of each value."""
    widths: tuple[int, ...]
    """Each column's width, in characters."""


@functools.cache
def sheet_tables(
    proactive: FormatVersion, requests: FormatVersion, lang: str
) -> tuple[SheetTable, ...]:
    """The three tables on their sheets, laid out once per version pair and language.

    Which cell holds which label, value slot and style and which cells merge is the same for
    every report; working it out from the layout costs about as much as writing the cells.
    """
    tables = []
    for table in blank_layout(proactive, requests, lang):
        cells, merges, positions = [], [], {}
        for row_offset, row in enumerate(placed(table)):
            for column_offset, cell in enumerate(row):
                sheet_row, sheet_column = TABLE_TOP + row_offset, 1 + column_offset
                if cell is None:
                    cells.append(_SheetCell(sheet_row, sheet_column, None, None, ("covered", None)))
                    continue
                if cell.role is CellRole.VALUE:
                    assert cell.path is not None  # noqa: S101 - every value cell has its path
                    positions[cell.path] = (sheet_row, sheet_column)
                    style = (cell.role.value, _number_format(cell, lang))
                    cells.append(_SheetCell(sheet_row, sheet_column, None, cell.slot, style))
                else:
                    style = (cell.role.value, None)
                    cells.append(_SheetCell(sheet_row, sheet_column, cell.text, None, style))
                if cell.colspan > 1 or cell.rowspan > 1:
                    bottom = sheet_row + cell.rowspan - 1
                    merges.append(
                        (sheet_row, sheet_column, bottom, sheet_column + cell.colspan - 1)
                    )
        widths = tuple(column_widths(table))
        tables.append(
            SheetTable(table, tuple(cells), tuple(merges), MappingProxyType(positions), widths)
        )
    return tuple(tables)


def _write_table(
    sheet: Worksheet,
    table: SheetTable,
    values: tuple[list[CellValue], list[str]],
    lang: str,
    styles: CellStyles,
) -> TablePlacement:
    """Write ``table`` with a report's ``values`` (and their printed texts), by slot."""
    numbers, texts = values
    layout = table.layout
    heading = sheet.cell(1, 1, label_text(layout.heading, lang))
    styles.apply(heading, "heading", {"font": _BOLD})
    _merge(sheet, 1, 1, 1, layout.width)
    for cell in table.cells:
        slot = cell.slot
        value = cell.text if slot is None else _cell_value(numbers[slot], texts[slot])
        target = sheet.cell(cell.row, cell.column, value)
        styles.apply(target, cell.style, _table_style(*cell.style))
    for merge in table.merges:
        _merge(sheet, *merge)
    for column, width in enumerate(table.widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.freeze_panes = sheet.cell(TABLE_TOP + layout.header_rows, 1)
    sheet.print_options.gridLines = False
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0  # as many pages down as needed, one page across
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    return TablePlacement(layout, sheet, table.positions)


_NARRATIVE_STYLES = {
    "narrative heading": {"font": _BOLD, "alignment": _TEXT_ALIGNMENT},
    "narrative": {"alignment": _TEXT_ALIGNMENT},
}


def _write_narrative(sheet: Worksheet, lines: list[str], headings: int, styles: CellStyles) -> None:
    """The lines one to a row, the first ``headings`` of them in bold."""
    sheet.column_dimensions["A"].width = _NARRATIVE_WIDTH
    for row, line in enumerate(lines, start=1):
        name = "narrative heading" if row <= headings else "narrative"
        styles.apply(sheet.cell(row, 1, line), name, _NARRATIVE_STYLES[name])


def write_workbook(report: Report, lang: str = "zh") -> tuple[Workbook, list[TablePlacement]]:
    """The workbook of a report (not yet saved) and where each table's values landed."""
    book = Workbook()
    book.remove(book.active)
    formats = (report.proactive_disclosure.format, report.requests.format)
    tables = {table.layout.section_id: table for table in sheet_tables(*formats, lang)}
    values = ([value for table in report.tables() for value in table.values], value_texts(report))
    placements = []
    styles = CellStyles()
    for index, (section, text) in enumerate(narrative_sections(report)):
        sheet = book.create_sheet(_sheet_name(label_text(section.heading, lang)))
        if section.kind is SectionKind.TABLES:
            placements.append(_write_table(sheet, tables[section.id], values, lang, styles))
            continue
        lines = [label_text(section.heading, lang)]
        if index == 0:
            lines.insert(0, title_text(report, lang))
        headings = len(lines)
        lines.extend(line for line in (text or "").split("\n") if line.strip())
        _write_narrative(sheet, lines, headings, styles)
    book.properties.title = title_text(report, lang)
    return book, placements


def save_workbook(book: Workbook) -> bytes:
    """The workbook as the bytes of an .xlsx file."""
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def render_xlsx(report: Report, *, lang: str = "zh") -> bytes:
    """The report as the bytes of an .xlsx workbook."""
    book, _placements = write_workbook(report, lang)
    return save_workbook(book)
