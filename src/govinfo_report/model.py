"""The typed model of a 政府信息公开工作年度报告: immutable values for every section.

Tables keep their cells as one tuple in official order (row by row, left to right), laid out by
the catalog grid of the table's format version; every accessor goes through the catalog, so no
row or column id is typed here. A cell is a number or ``None`` when the report left it blank: a
blank is never read as zero.

>>> from govinfo_report.model import Requests
>>> requests = Requests.blank("2021")
>>> len(requests.values), requests.cell("granted", "natural_person") is None
(175, True)
>>> requests = requests.with_cells({("granted", "natural_person"): 3, ("granted", "total"): 3})
>>> requests.row("granted")["natural_person"]
3
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from decimal import Decimal
from functools import cache
from typing import Any, Generic, TypeVar

import attrs

from govinfo_report import catalog
from govinfo_report.catalog import CellKind, Column, FormatVersion, Grid, Row
from govinfo_report.errors import (
    CellValueError,
    FieldTypeError,
    FieldValueError,
    Problem,
    UnknownIdError,
)

__all__ = [
    "Cell",
    "CellValue",
    "ProactiveDisclosure",
    "Report",
    "Requests",
    "ReviewLitigation",
    "Source",
    "Table",
]

CellValue = int | Decimal | None
"""What a cell holds: a count, a signed count, an amount of money, or ``None`` for a blank."""

V = TypeVar("V", int | None, int | Decimal | None)


@attrs.frozen
class Cell(Generic[V]):
    """One cell with its catalog row and column (official labels in both languages)."""

    row: Row
    column: Column
    value: V


@cache
def _cell_kinds(grid: Grid) -> tuple[CellKind, ...]:
    return tuple(column.kind for _row, column in grid.cells())


def _cell_problem(value: object, kind: CellKind) -> str | None:  # noqa: PLR0911 - one reason each
    """Why a value cannot stand in a cell of this kind, or None if it can."""
    if value is None:
        return None
    if kind is CellKind.AMOUNT:
        if not isinstance(value, Decimal):
            return "expected a Decimal amount or None"
        if not value.is_finite():
            return "expected a finite amount"
        if value < 0:
            return "expected an amount >= 0"
        return None
    # bool is an int subclass; True is not a count.
    if type(value) is not int:
        return "expected a whole number or None"
    if kind is CellKind.COUNT and value < 0:
        return "expected a count >= 0"
    return None


_COUNT_TYPES = frozenset({int, type(None)})


def _all_counts(values: tuple[object, ...]) -> bool:
    # The common case, checked at C speed before the slow path that explains. filter(None, ...)
    # drops blanks (and zeros, which are fine), so min() sees only the non-zero counts.
    if not _COUNT_TYPES.issuperset(map(type, values)):
        return False
    counts: filter[int] = filter(None, values)  # type: ignore[arg-type]
    return min(counts, default=0) >= 0


@cache
def _counts_only(grid: Grid) -> bool:
    return all(column.kind is CellKind.COUNT for column in grid.columns)


def validate_cells(grid: Grid, values: tuple[object, ...]) -> list[Problem]:
    """Every problem with ``values`` as the cells of ``grid``, with the JSON path of each."""
    if not isinstance(values, tuple):
        return [Problem(f"$.{catalog.grid_path(grid)}", "expected a tuple of cell values", values)]
    if len(values) != grid.size:
        return [
            Problem(
                f"$.{catalog.grid_path(grid)}",
                f"expected {grid.size} cell values for table {grid.id!r}",
                len(values),
            )
        ]
    if _counts_only(grid) and _all_counts(values):
        return []
    kinds = _cell_kinds(grid)
    problems = []
    for (row, column), kind, value in zip(grid.cells(), kinds, values, strict=True):
        message = _cell_problem(value, kind)
        if message is not None:
            problems.append(Problem(catalog.cell_path(grid, row.id, column.id), message, value))
    return problems


def _cells_validator(instance: _GridCells[V], _attribute: object, values: tuple[V, ...]) -> None:
    problems = validate_cells(instance.grid, values)
    if problems:
        raise CellValueError(problems)


def _replace_cells(
    grid: Grid, values: tuple[V, ...], cells: Mapping[tuple[str, str], V]
) -> tuple[V, ...]:
    """``values`` with the cells ``{(row, column): value}`` of ``grid`` replaced."""
    replaced = list(values)
    width = len(grid.columns)
    for (row_id, column_id), value in cells.items():
        replaced[grid.row_index(row_id) * width + grid.column_index(column_id)] = value
    return tuple(replaced)


class _GridCells(Generic[V]):
    """Accessors shared by every table: by id, in official order, with catalog labels."""

    __slots__ = ()

    values: tuple[V, ...]

    @property
    def grid(self) -> Grid:
        """The catalog declaration this table is laid out by."""
        raise NotImplementedError  # pragma: no cover - every subclass defines it

    def cell(self, row_id: str, column_id: str) -> V:
        """The value of one cell; ``KeyError`` names an id the table does not have."""
        grid = self.grid
        return self.values[
            grid.row_index(row_id) * len(grid.columns) + grid.column_index(column_id)
        ]

    def row(self, row_id: str) -> dict[str, V]:
        """One row as ``{column id: value}`` in official column order."""
        grid = self.grid
        width = len(grid.columns)
        start = grid.row_index(row_id) * width
        return {column.id: self.values[start + i] for i, column in enumerate(grid.columns)}

    def column(self, column_id: str) -> dict[str, V]:
        """One column as ``{row id: value}`` in official row order."""
        grid = self.grid
        width = len(grid.columns)
        offset = grid.column_index(column_id)
        return {row.id: self.values[i * width + offset] for i, row in enumerate(grid.rows)}

    def rows(self) -> dict[str, dict[str, V]]:
        """The whole table as ``{row id: {column id: value}}`` in official order."""
        return {row.id: self.row(row.id) for row in self.grid.rows}

    def __iter__(self) -> Iterator[Cell[V]]:
        """Every cell with its row and column, in official order."""
        for (row, column), value in zip(self.grid.cells(), self.values, strict=True):
            yield Cell(row, column, value)

    def subtotal(self, group_id: str) -> dict[str, V]:
        """The sum of a row group (e.g. ``withheld``: all （三）不予公开 reasons), per column.

        Derived, never stored. A column whose member cells include a blank has no subtotal
        (``None``): a blank is not a zero.
        """
        members = self.grid.row_group(group_id).members
        result: dict[str, V] = {}
        for column in self.grid.columns:
            column_values = self.column(column.id)
            parts = [column_values[member] for member in members]
            result[column.id] = None if any(p is None for p in parts) else sum(parts)  # type: ignore[arg-type]
        return result

    def subtotals(self) -> dict[str, dict[str, V]]:
        """:meth:`subtotal` of every row group of the table, by group id."""
        return {group.id: self.subtotal(group.id) for group in self.grid.row_groups}


@attrs.frozen
class Table(_GridCells[int | Decimal | None]):
    """One sub-table of section 二 (a 第二十条 item): a catalog grid and its cells."""

    grid: Grid = attrs.field(repr=lambda grid: repr(grid.id))
    values: tuple[int | Decimal | None, ...] = attrs.field(validator=_cells_validator)

    @classmethod
    def blank(cls, grid: Grid) -> Table:
        """The table with every cell blank."""
        return cls(grid, (None,) * grid.size)


def _to_format(value: FormatVersion | str) -> FormatVersion:
    try:
        return FormatVersion(value)
    except ValueError:
        return catalog.format_spec(value).version  # raises the explanatory error


@attrs.frozen
class ProactiveDisclosure:
    """二、主动公开政府信息情况: the 第二十条 sub-tables of one format version."""

    format: FormatVersion = attrs.field(converter=_to_format)
    tables: tuple[Table, ...] = attrs.field()

    @tables.validator
    def _check_tables(self, _attribute: object, tables: tuple[Table, ...]) -> None:
        expected = catalog.proactive_grids(self.format)
        if (
            not isinstance(tables, tuple)
            or tuple(t.grid for t in tables if isinstance(t, Table)) != expected
        ):
            ids = ", ".join(grid.id for grid in expected)
            msg = f"proactive_disclosure {self.format} needs one Table per grid, in order: {ids}"
            raise FieldValueError(msg)

    @classmethod
    def blank(cls, version: FormatVersion | str) -> ProactiveDisclosure:
        """Every sub-table of ``version`` with every cell blank."""
        grids = catalog.proactive_grids(version)
        return cls(_to_format(version), tuple(Table.blank(grid) for grid in grids))

    def table(self, table_id: str) -> Table:
        """The sub-table with this id (``art20_1``)."""
        for table in self.tables:
            if table.grid.id == table_id:
                return table
        msg = f"proactive_disclosure {self.format} has no table {table_id!r}"
        raise UnknownIdError(msg)

    def cell(self, table_id: str, row_id: str, column_id: str) -> int | Decimal | None:
        """The value of one cell of one sub-table."""
        return self.table(table_id).cell(row_id, column_id)

    def with_cells(self, cells: Mapping[tuple[str, str, str], CellValue]) -> ProactiveDisclosure:
        """A copy with the cells ``{(table, row, column): value}`` replaced."""
        by_table: dict[str, dict[tuple[str, str], CellValue]] = {}
        for (table_id, row_id, column_id), value in cells.items():
            self.table(table_id)  # unknown table ids fail here, by name
            by_table.setdefault(table_id, {})[row_id, column_id] = value
        tables = tuple(
            Table(table.grid, _replace_cells(table.grid, table.values, by_table[table.grid.id]))
            if table.grid.id in by_table
            else table
            for table in self.tables
        )
        return attrs.evolve(self, tables=tables)


class _WholeGrid(_GridCells[int | None]):
    """A section whose table is a single grid of counts (三 and 四)."""

    __slots__ = ()

    def _replaced(self, cells: Mapping[tuple[str, str], int | None]) -> tuple[int | None, ...]:
        return _replace_cells(self.grid, self.values, cells)


@attrs.frozen
class Requests(_WholeGrid):
    """三、收到和处理政府信息公开申请情况: the request matrix, rows × seven applicant columns."""

    format: FormatVersion = attrs.field(converter=_to_format)
    values: tuple[int | None, ...] = attrs.field(validator=_cells_validator)

    @property
    def grid(self) -> Grid:
        """The catalog table 三 of this table's format version."""
        return catalog.requests_grid(self.format)

    @classmethod
    def blank(cls, version: FormatVersion | str) -> Requests:
        """The matrix of ``version`` with every cell blank."""
        return cls(version, (None,) * catalog.requests_grid(version).size)

    def with_cells(self, cells: Mapping[tuple[str, str], int | None]) -> Requests:
        """A copy with the cells ``{(row, column): value}`` replaced."""
        return attrs.evolve(self, values=self._replaced(cells))


@attrs.frozen
class ReviewLitigation(_WholeGrid):
    """四、政府信息公开行政复议、行政诉讼情况: 3 groups × 5 outcomes, the same in every version."""

    values: tuple[int | None, ...] = attrs.field(validator=_cells_validator)

    @property
    def grid(self) -> Grid:
        """The catalog table 四."""
        return catalog.REVIEW_LITIGATION_GRID

    @classmethod
    def blank(cls) -> ReviewLitigation:
        """The table with every cell blank."""
        return cls((None,) * catalog.REVIEW_LITIGATION_GRID.size)

    def with_cells(self, cells: Mapping[tuple[str, str], int | None]) -> ReviewLitigation:
        """A copy with the cells ``{(group, outcome): value}`` replaced."""
        return attrs.evolve(self, values=self._replaced(cells))


def _optional_str(_instance: object, attribute: attrs.Attribute[str | None], value: object) -> None:
    if value is not None and not isinstance(value, str):
        msg = f"{attribute.name}: expected a string or None, got {value!r}"
        raise FieldTypeError(msg)


@attrs.frozen(kw_only=True)
class Source:
    """Where a report was published or read from."""

    title: str | None = attrs.field(default=None, validator=_optional_str)
    url: str | None = attrs.field(default=None, validator=_optional_str)
    file: str | None = attrs.field(default=None, validator=_optional_str)


def _instance_of(
    cls: type, *, optional: bool = False
) -> Callable[[Any, attrs.Attribute[Any], Any], None]:
    """A validator like ``attrs.validators.instance_of``, raising this library's error."""
    expected = f"a {cls.__name__}{' or None' if optional else ''}"

    def validate(_instance: object, attribute: attrs.Attribute[object], value: object) -> None:
        if not isinstance(value, cls) and not (optional and value is None):
            msg = f"{attribute.name}: expected {expected}, got {value!r}"
            raise FieldTypeError(msg)

    return validate


MIN_YEAR = 2008
"""The first year the 条例 required annual reports; earlier years are rejected as typos."""
MAX_YEAR = 2100


def _check_year(_instance: object, attribute: attrs.Attribute[int | None], value: object) -> None:
    if value is None:
        return
    if type(value) is not int or not MIN_YEAR <= value <= MAX_YEAR:
        expected = f"expected a year from {MIN_YEAR} to {MAX_YEAR} or None"
        msg = f"{attribute.name}: {expected}, got {value!r}"
        raise FieldValueError(msg)


@attrs.frozen(kw_only=True)
class Report:
    """政府信息公开工作年度报告: one organ's report for one year, every section.

    ``format`` is kept per versioned table, because real reports mix a 2021 section 二 with a
    2019 section 三. Narrative sections are text, or ``None`` when the report has none.
    """

    organ: str | None = attrs.field(default=None, validator=_optional_str)
    """The reporting organ as printed (e.g. 淮安市人民政府)."""
    year: int | None = attrs.field(default=None, validator=_check_year)
    """The reporting year (the year the statistics cover)."""
    source: Source | None = attrs.field(default=None, validator=_instance_of(Source, optional=True))
    overview: str | None = attrs.field(default=None, validator=_optional_str)
    """一、总体情况."""
    proactive_disclosure: ProactiveDisclosure = attrs.field(
        validator=_instance_of(ProactiveDisclosure)
    )
    """二、主动公开政府信息情况."""
    requests: Requests = attrs.field(validator=_instance_of(Requests))
    """三、收到和处理政府信息公开申请情况."""
    review_litigation: ReviewLitigation = attrs.field(validator=_instance_of(ReviewLitigation))
    """四、政府信息公开行政复议、行政诉讼情况."""
    problems_improvements: str | None = attrs.field(default=None, validator=_optional_str)
    """五、存在的主要问题及改进情况."""
    other_matters: str | None = attrs.field(default=None, validator=_optional_str)
    """六、其他需要报告的事项."""

    @classmethod
    def blank(cls, version: FormatVersion | str, **metadata: object) -> Report:
        """A report of ``version`` with every cell blank; ``metadata`` sets other fields."""
        return cls(
            proactive_disclosure=ProactiveDisclosure.blank(version),
            requests=Requests.blank(version),
            review_litigation=ReviewLitigation.blank(),
            **metadata,  # type: ignore[arg-type]
        )

    @property
    def formats(self) -> dict[str, FormatVersion]:
        """The format version of each versioned table, by section id."""
        return {
            catalog.PROACTIVE_DISCLOSURE_ID: self.proactive_disclosure.format,
            catalog.REQUESTS_ID: self.requests.format,
        }

    def tables(self) -> Iterable[_GridCells[int | Decimal | None] | _GridCells[int | None]]:
        """Every table of the report in official order (section 二's sub-tables, 三, 四)."""
        return (*self.proactive_disclosure.tables, self.requests, self.review_litigation)

    def cell_values(self) -> dict[str, CellValue]:
        """Every table cell by JSON path (``$.requests.granted.total``), in official order."""
        values: dict[str, CellValue] = {}
        for table in self.tables():
            values.update(zip(catalog.cell_paths(table.grid), table.values, strict=True))
        return values
