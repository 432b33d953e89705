"""Stage 7: the cells of a table being read, settled by identities across rows, recorded."""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from decimal import Decimal

import attrs

from govinfo_report import catalog
from govinfo_report.catalog import CellKind, Grid
from govinfo_report.model import (
    CellValue,
)
from govinfo_report.parse._document import (
    CellProvenance,
    Location,
    SourceDocument,
)
from govinfo_report.parse._findings import (
    AMBIGUOUS_SPLIT,
    BLANK_AS_ZERO,
    MERGED_CELLS,
    POSSIBLE_VALUES,
    SECTION_MISSING,
    SPLIT_BY_IDENTITY,
    STRAY_VALUE,
    Findings,
)
from govinfo_report.parse._interpret._identities import column_identities
from govinfo_report.parse._interpret._rows import Cell, Resolved, resolve
from govinfo_report.parse._interpret._tokens import Unit, splittable
from govinfo_report.parse._vocabulary import newest_spec

_MAX_COMBINATIONS = 4096


_CANDIDATES_SHOWN = 6


@attrs.define
class TableRead:
    """The cells of one grid as they are being read."""

    grid: Grid
    paths: list[str]
    cells: list[Cell | None]
    pending: dict[int, tuple[tuple[CellValue, ...], ...]] = attrs.Factory(dict)
    """Row index → the splits of its digit run that fit, while other rows may still decide."""
    possible: dict[int, tuple[CellValue, ...]] = attrs.Factory(dict)
    """Cell index → the values an undetermined cell could have."""
    located: dict[int, Location] = attrs.Factory(dict)
    """Row index → where the row was printed."""
    raws: dict[int, str] = attrs.Factory(dict)
    """Row index → the row's values as printed."""

    @classmethod
    def of(cls, grid: Grid) -> TableRead:
        return cls(grid, list(catalog.cell_paths(grid)), [None] * grid.size)

    def row_slice(self, row_index: int) -> slice:
        width = len(self.grid.columns)
        return slice(row_index * width, (row_index + 1) * width)

    def kinds(self) -> list[CellKind]:
        return [column.kind for column in self.grid.columns]

    def row_path(self, row_index: int) -> str:
        return f"$.{catalog.grid_path(self.grid)}.{self.grid.rows[row_index].id}"


def _possible_values(rows: Iterable[Sequence[CellValue]], offset: int) -> tuple[CellValue, ...]:
    return tuple(sorted({row[offset] for row in rows if row[offset] is not None}, key=_sort_key))


def apply(
    table: TableRead,
    start: int,
    resolved: Resolved,
    findings: Findings,
    location: Location | None,
) -> None:
    """Store a resolved row (or run of rows) from cell ``start``, reporting what was not read."""
    size = len(resolved.cells)
    table.cells[start : start + size] = list(resolved.cells)
    width = len(table.grid.columns)
    if location is not None:
        table.located[start // width] = location
        table.raws[start // width] = resolved.raw
    if resolved.kind is AMBIGUOUS_SPLIT and resolved.candidates and size == width:
        table.pending[start // width] = resolved.candidates
        return  # reported once the other rows are known: they may decide
    if resolved.kind is MERGED_CELLS:
        findings.add(MERGED_CELLS, resolved.message, path=table.paths[start], location=location)
    elif resolved.kind is not None:
        for offset in range(size):
            values = _possible_values(resolved.candidates, offset)
            if (
                resolved.kind is AMBIGUOUS_SPLIT
                and len(values) == 1
                and all(row[offset] is not None for row in resolved.candidates)
            ):
                table.cells[start + offset] = Cell(values[0], resolved.raw, location or Location())
                continue
            if values:
                table.possible[start + offset] = values
            message = resolved.message
            if values:
                message += POSSIBLE_VALUES.fill(values=_listing(values))
            findings.add(
                resolved.kind,
                message,
                path=table.paths[start + offset],
                location=location,
            )
    if resolved.by_identity:
        findings.add(
            SPLIT_BY_IDENTITY,
            SPLIT_BY_IDENTITY.message("row"),
            path=table.row_path(start // width)
            if size == width
            else f"$.{catalog.grid_path(table.grid)}",
            location=location,
        )


def _sort_key(value: CellValue) -> Decimal:
    return Decimal(value) if value is not None else Decimal(0)


def _listing(values: Iterable[CellValue]) -> str:
    values = list(values)
    shown = ", ".join(str(value) for value in values[:_CANDIDATES_SHOWN])
    return shown + (" …" if len(values) > _CANDIDATES_SHOWN else "")


def settle_ambiguous(table: TableRead, findings: Findings, *, use_columns: bool) -> None:
    """Choose among the splits of digit runs with the identities across rows (E1, E2).

    The identity instances that hold for some choices and fail for others must all hold. Cells
    on which every remaining choice agrees are read; the others stay undetermined.
    """
    ambiguous = sorted(table.pending)
    if not ambiguous:
        return
    grid = table.grid
    width = len(grid.columns)
    options = [table.pending[index] for index in ambiguous]
    surviving: list[tuple[tuple[CellValue, ...], ...]] = []
    if use_columns and _product_size(options) <= _MAX_COMBINATIONS:
        identities = column_identities(grid)
        combos = list(itertools.product(*options))
        base = [cell.value if cell is not None else None for cell in table.cells]
        outcomes = []
        for combo in combos:
            values = list(base)
            for index, row in zip(ambiguous, combo, strict=True):
                values[index * width : (index + 1) * width] = row
            outcomes.append(identities.verdicts(values))
        deciding = [
            position
            for position in range(len(identities.relations))
            if any(o[position] is True for o in outcomes)
            and any(o[position] is False for o in outcomes)
        ]
        if deciding:
            surviving = [
                combo
                for combo, outcome in zip(combos, outcomes, strict=True)
                if all(outcome[position] is True for position in deciding)
            ]
    for offset, index in enumerate(ambiguous):
        rows = {combo[offset] for combo in surviving} if surviving else set(options[offset])
        start = index * width
        location = table.located.get(index) or Location()
        raw = table.raws.get(index, "")
        if len(rows) == 1:
            (row,) = rows
            table.cells[start : start + width] = [Cell(value, raw, location) for value in row]
            findings.add(
                SPLIT_BY_IDENTITY,
                SPLIT_BY_IDENTITY.message("rows"),
                path=table.row_path(index),
                location=location,
            )
            continue
        for column in range(width):
            possible = _possible_values(rows, column)
            if len(possible) == 1 and all(row[column] is not None for row in rows):
                table.cells[start + column] = Cell(possible[0], raw, location)
                continue
            table.possible[start + column] = possible
            findings.add(
                AMBIGUOUS_SPLIT,
                AMBIGUOUS_SPLIT.message(
                    "cell", raw=raw, count=len(rows), values=_listing(possible)
                ),
                path=table.paths[start + column],
                location=location,
            )
    table.pending.clear()


def _product_size(options: Sequence[Sequence[object]]) -> int:
    size = 1
    for option in options:
        size *= len(option)
    return size


class Reading:
    """What a document's reading gathers besides the report: findings, provenance, doubts."""

    def __init__(self, document: SourceDocument, *, blanks_as_zero: bool) -> None:
        self.document = document
        self.blanks_as_zero = blanks_as_zero
        self.findings = Findings()
        self.provenance: dict[str, CellProvenance] = {}
        self.undetermined: dict[str, tuple[CellValue, ...]] = {}

    def record(self, table: TableRead) -> tuple[CellValue, ...]:
        """Final values of a table; provenance and undetermined cells recorded."""
        values: list[CellValue] = []
        converted = False
        for index, (cell, path) in enumerate(zip(table.cells, table.paths, strict=True)):
            if cell is None:
                values.append(None)
                if index in table.possible:
                    self.undetermined[path] = table.possible[index]
                row = index // len(table.grid.columns)
                if row in table.located:
                    self.provenance[path] = CellProvenance(
                        path=path, location=table.located[row], raw=table.raws.get(row, "")
                    )
                continue
            self.provenance[path] = CellProvenance(path=path, location=cell.location, raw=cell.raw)
            value = cell.value
            if cell.blank and self.blanks_as_zero:
                kind = table.grid.columns[index % len(table.grid.columns)].kind
                value = Decimal(0) if kind is CellKind.AMOUNT else 0
                converted = True
            values.append(value)
        if converted:
            self.findings.add(
                BLANK_AS_ZERO,
                BLANK_AS_ZERO.message(),
                path=f"$.{catalog.grid_path(table.grid)}",
            )
        return tuple(values)

    def missing_table(self, section_id: str) -> None:
        heading = newest_spec().section(section_id).heading
        self.findings.add(
            SECTION_MISSING,
            SECTION_MISSING.message(heading_zh=heading.zh, heading_en=heading.en),
            path=f"$.{section_id}",
        )


def resolve_row(reader: Reading, table: TableRead, row_index: int, unit: Unit) -> Resolved:
    """A printed row's values read into the cells of one row of ``table``."""
    return resolve(
        unit.items,
        table.grid,
        table.kinds(),
        table.paths[table.row_slice(row_index)],
        reader.findings,
        splittable=splittable(unit),
    )


def read_row(reader: Reading, table: TableRead, row_index: int, unit: Unit) -> None:
    """A printed row read into one row of ``table`` and stored, with what it could not read."""
    resolved = resolve_row(reader, table, row_index, unit)
    start = table.row_slice(row_index).start
    apply(table, start, resolved, reader.findings, unit.items[0].location)


def stray(reader: Reading, unit: Unit, path: str) -> None:
    values = " ".join(item.raw for item in unit.items if not item.empty)
    reader.findings.add(
        STRAY_VALUE,
        STRAY_VALUE.message(values=values),
        path=path,
        location=unit.items[0].location if unit.items else None,
    )
