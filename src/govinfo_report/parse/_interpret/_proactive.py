"""Section 二: the tables of proactive disclosure, each row found by its label."""

from __future__ import annotations

from collections.abc import Sequence

from govinfo_report import catalog
from govinfo_report.catalog import FormatVersion, Grid
from govinfo_report.model import (
    Table,
)
from govinfo_report.parse._findings import AMBIGUOUS_SPLIT, CONFLICT, ROW_MISSING, TABLE_EMPTY
from govinfo_report.parse._interpret._labels import row_term
from govinfo_report.parse._interpret._rows import Resolved, run_text
from govinfo_report.parse._interpret._tables import (
    Reading,
    TableRead,
    apply,
    resolve_row,
    settle_ambiguous,
    stray,
)
from govinfo_report.parse._interpret._tokens import Unit, item_texts
from govinfo_report.parse._values import (
    TooManySplits,
    split_runs,
)
from govinfo_report.parse._vocabulary import (
    TermKind,
)

_PROACTIVE = catalog.SECTION_IDS[1]


def read_proactive(  # noqa: C901 - rows, duplicates, glued runs: one decision list
    reader: Reading, units: Sequence[Unit], version: FormatVersion
) -> tuple[Table, ...]:
    grids = catalog.format_spec(version).section(_PROACTIVE).grids
    tables = {grid.id: TableRead.of(grid) for grid in grids}
    found: dict[tuple[str, str], list[Unit]] = {}
    previous: Unit | None = None
    for unit in units:
        term, _exact = row_term(unit, version, grids)
        if term is None and unit.items and previous is not None and not previous.items:
            # One item per line, or a label on the line above its values.
            term, _exact = row_term(previous, version, grids)
        if term is not None and term.kind is TermKind.ROW and unit.items:
            found.setdefault((term.grid.id, term.item_id), []).append(unit)
        elif unit.has_values():
            stray(reader, unit, f"$.{_PROACTIVE}")
        previous = unit
    any_values = any(unit.has_values() for printed in found.values() for unit in printed)
    order = [(grid, row) for grid in grids for row in grid.rows]
    for position, (grid, row) in enumerate(order):
        table = tables[grid.id]
        row_index = grid.row_index(row.id)
        span = table.row_slice(row_index)
        printed = found.get((grid.id, row.id), [])
        if not printed:
            if any_values:
                reader.findings.add(
                    ROW_MISSING,
                    ROW_MISSING.message(label_zh=row.label.zh, label_en=row.label.en),
                    path=f"$.{catalog.grid_path(grid)}.{row.id}",
                )
            continue
        unit = printed[0]
        location = unit.items[0].location if unit.items else None
        if len(printed) > 1 and any(item_texts(u) != item_texts(unit) for u in printed[1:]):
            for path in table.paths[span]:
                reader.findings.add(CONFLICT, CONFLICT.message(), path=path, location=location)
            continue
        resolved = resolve_row(reader, table, row_index, unit)
        following = order[position + 1] if position + 1 < len(order) else None
        if unit.glued and following is not None and (following[0].id, following[1].id) not in found:
            resolved = _absorbed(unit, resolved, grid, following)
        apply(table, span.start, resolved, reader.findings, location)
    for grid in grids:
        settle_ambiguous(tables[grid.id], reader.findings, use_columns=False)
    if not any_values:
        reader.findings.add(TABLE_EMPTY, TABLE_EMPTY.message("section"), path=f"$.{_PROACTIVE}")
    return tuple(Table(grid, reader.record(tables[grid.id])) for grid in grids)


def _absorbed(
    unit: Unit, resolved: Resolved, grid: Grid, following: tuple[Grid, catalog.Row]
) -> Resolved:
    """Doubt a run glued to its label when the next row's label is missing.

    The run may hold that row's values too (a one-line report that lost a label): then this
    row cannot be told either.
    """
    runs = [run_text(item) for item in unit.items]
    if any(run is None for run in runs):
        return resolved
    next_grid, _next_row = following
    kinds = [column.kind for column in (*grid.columns, *next_grid.columns)]
    try:
        combined = split_runs(
            [run for run in runs if run is not None], kinds, width=len(kinds), limit=50
        )
    except TooManySplits:
        combined = []
    if not combined:
        return resolved
    width = len(grid.columns)
    own = resolved.candidates or (
        (tuple(cell.value if cell is not None else None for cell in resolved.cells),)
        if all(cell is not None for cell in resolved.cells)
        else ()
    )
    readings = tuple(dict.fromkeys((*own, *(row[:width] for row in combined))))
    label = following[1].label
    return resolved._replace(
        cells=(None,) * width,
        candidates=readings,
        kind=AMBIGUOUS_SPLIT,
        message=AMBIGUOUS_SPLIT.message("next-label", label_zh=label.zh, label_en=label.en),
    )
