"""Section 四: administrative review and litigation, one run of fifteen values."""

from __future__ import annotations

from collections.abc import Sequence

from govinfo_report import catalog
from govinfo_report.model import (
    CellValue,
)
from govinfo_report.parse._findings import TABLE_EMPTY
from govinfo_report.parse._interpret._rows import resolve
from govinfo_report.parse._interpret._tables import Reading, TableRead, apply
from govinfo_report.parse._interpret._tokens import Item, Unit, splittable

_REVIEW = catalog.SECTION_IDS[3]


def read_review(reader: Reading, units: Sequence[Unit]) -> tuple[CellValue, ...]:
    grid = catalog.REVIEW_LITIGATION_GRID
    table = TableRead.of(grid)
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
