"""Section 四: administrative review and litigation, one run of fifteen values.

Most copies print the table's fifteen numbers on one row under a two-line header. OCR tools and
some converters print one small table per row instead (行政复议, 未经复议直接起诉, 复议后起诉),
each with its own header: when every row's values follow its own label, they are read by row.
"""

from __future__ import annotations

from collections.abc import Sequence

from govinfo_report import catalog
from govinfo_report.catalog import Grid
from govinfo_report.model import (
    CellValue,
)
from govinfo_report.parse._findings import TABLE_EMPTY
from govinfo_report.parse._interpret._rows import resolve
from govinfo_report.parse._interpret._tables import Reading, TableRead, apply, read_row
from govinfo_report.parse._interpret._tokens import Item, Unit, splittable
from govinfo_report.parse._vocabulary import TermKind

_REVIEW = catalog.SECTION_IDS[3]


def _named_row(unit: Unit, grid: Grid) -> int | None:
    """The row of ``grid`` the last label of a unit names, if it names one."""
    for token in reversed(unit.labels):
        for term in token.terms:
            if term.kind is TermKind.ROW and term.grid is grid:
                return grid.row_index(term.item_id)
    return None


def _rows_by_label(units: Sequence[Unit], grid: Grid) -> dict[int, Unit] | None:
    """Each row's values printed after its own label (one small table per row), if all are."""
    width = len(grid.columns)
    found: dict[int, Unit] = {}
    current: int | None = None
    for unit in units:
        named = _named_row(unit, grid)
        if named is not None:
            current = named
        if not unit.has_values() or current is None or current in found:
            continue
        if sum(not item.empty for item in unit.items) > width:
            return None
        found[current] = unit
        current = None
    return found if len(found) == len(grid.rows) else None


def read_review(reader: Reading, units: Sequence[Unit]) -> tuple[CellValue, ...]:
    grid = catalog.REVIEW_LITIGATION_GRID
    table = TableRead.of(grid)
    by_row = _rows_by_label(units, grid)
    if by_row is not None:
        for row_index, unit in sorted(by_row.items()):
            read_row(reader, table, row_index, unit)
        return reader.record(table)
    items: list[Item] = []
    glued = False
    chosen: list[Unit] = []
    for unit in units:
        if not unit.has_values():
            if chosen:
                break
            continue
        chosen.append(unit)
        items.extend(unit.items)
        glued = glued or splittable(unit)
        if sum(not item.empty for item in items) >= grid.size or len(items) >= grid.size:
            break
    if not items:
        reader.findings.add(TABLE_EMPTY, TABLE_EMPTY.message("table"), path=f"$.{_REVIEW}")
        return reader.record(table)
    kinds = [column.kind for _row, column in grid.cells()]
    resolved = resolve(items, grid, kinds, table.paths, reader.findings, splittable=glued)
    apply(table, 0, resolved, reader.findings, items[0].location)
    return reader.record(table)
