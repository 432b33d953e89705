"""Totals across organs: a report of the same format whose cells are the sums of the parts.

A county's departments add up to the county; a province's counties to the province. Blanks
are handled explicitly: a sum over any blank part is blank (``None``), unless the caller asks
to treat blanks as zero; either way :attr:`Aggregate.blank_parts` says, cell by cell, how many
parts were blank. The identities of the form are sums, so the aggregate of reports whose
identities hold satisfies them too (a property test checks it).

Format versions: each versioned table of every part must have one version, or the parts are
refused (:class:`AggregateError`). One mapping is made where the catalog says the cells are the
same: a 2019 table 三's single （六）其他处理 row is the row group of the same id in 2021 (its
three sub-rows), so a mix of 2019 and 2021 tables 三 is summed in the 2019 layout.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from types import MappingProxyType

import attrs

from govinfo_report import catalog
from govinfo_report.catalog import CellKind, FormatVersion, Grid
from govinfo_report.errors import GovinfoReportError
from govinfo_report.model import (
    CellValue,
    ProactiveDisclosure,
    Report,
    Requests,
    ReviewLitigation,
    Table,
)

__all__ = ["Aggregate", "AggregateError", "aggregate"]


class AggregateError(GovinfoReportError, ValueError):
    """The reports cannot be summed into one (no parts, or tables of different formats)."""

    default_message = "the reports cannot be summed into one report"


def _frozen(counts: Mapping[str, int]) -> Mapping[str, int]:
    return MappingProxyType(dict(counts))


@attrs.frozen
class Aggregate:
    """The sum of several reports, with how many parts were blank in each cell."""

    report: Report
    parts: int
    blank_parts: Mapping[str, int] = attrs.field(converter=_frozen)
    """Cell JSON path → the number of parts that left it blank (cells with none are absent)."""
    blanks_as_zero: bool


def _sum_cells(
    grid: Grid, columns: list[tuple[CellValue, ...]], *, blanks_as_zero: bool
) -> tuple[tuple[CellValue, ...], list[int]]:
    sums: list[CellValue] = []
    blanks: list[int] = []
    for (_row, column), *values in zip(grid.cells(), *columns, strict=True):
        present = [value for value in values if value is not None]
        blank = len(values) - len(present)
        blanks.append(blank)
        if blank and not blanks_as_zero:
            sums.append(None)
        else:
            # An amount column holds Decimals, even as a sum of nothing.
            zero = Decimal(0) if column.kind is CellKind.AMOUNT else 0
            sums.append(sum(present, start=zero))
    return tuple(sums), blanks


def _as_layout(requests: Requests, grid: Grid) -> tuple[CellValue, ...]:
    """Table 三 laid out by ``grid``.

    A row of ``grid`` that is a row group of the table's own grid (2019's other_handling) is
    the sum of the group's rows (blank if any is blank).
    """
    if requests.grid is grid:
        return requests.values
    own = requests.grid
    own_rows = {row.id for row in own.rows}
    values: list[CellValue] = []
    for row in grid.rows:
        if row.id in own_rows:
            values.extend(requests.row(row.id).values())
        else:
            values.extend(requests.subtotal(own.row_group(row.id).id).values())
    return tuple(values)


def _requests_grid(reports: list[Report]) -> Grid:
    versions = {report.requests.format for report in reports}
    if len(versions) == 1:
        return catalog.requests_grid(versions.pop())
    # The oldest layout: its rows are rows or row groups of every newer one.
    oldest = min(versions, key=lambda version: version.value)
    grid = catalog.requests_grid(oldest)
    for version in versions:
        newer = catalog.requests_grid(version)
        known = {row.id for row in newer.rows} | {group.id for group in newer.row_groups}
        if not {row.id for row in grid.rows} <= known:  # pragma: no cover - catalog invariant
            msg = f"table 三 of format {version} cannot be mapped to format {oldest}"
            raise AggregateError(msg)
    return grid


def _blank_paths(grid: Grid, blanks: list[int]) -> dict[str, int]:
    return {
        catalog.cell_path(grid, row.id, column.id): count
        for (row, column), count in zip(grid.cells(), blanks, strict=True)
        if count
    }


def aggregate(
    reports: Iterable[Report],
    *,
    organ: str | None = None,
    year: int | None = None,
    blanks_as_zero: bool = False,
) -> Aggregate:
    """The sum of ``reports``, cell by cell, as one report named ``organ`` for ``year``.

    ``year`` defaults to the parts' year when they all share one. Raises
    :class:`AggregateError` for no reports, or section 二 tables of different formats.
    """
    parts = list(reports)
    if not parts:
        raise AggregateError("no reports to sum")
    proactive_versions = sorted({part.proactive_disclosure.format.value for part in parts})
    if len(proactive_versions) > 1:
        msg = (
            "section 二 tables of different formats cannot be summed (their cells mean different "
            f"things): {', '.join(proactive_versions)}"
        )
        raise AggregateError(msg)
    blank_paths: dict[str, int] = {}
    tables = []
    for index, table in enumerate(parts[0].proactive_disclosure.tables):
        values, blanks = _sum_cells(
            table.grid,
            [part.proactive_disclosure.tables[index].values for part in parts],
            blanks_as_zero=blanks_as_zero,
        )
        tables.append(Table(table.grid, values))
        blank_paths.update(_blank_paths(table.grid, blanks))
    grid = _requests_grid(parts)
    request_values, blanks = _sum_cells(
        grid, [_as_layout(part.requests, grid) for part in parts], blanks_as_zero=blanks_as_zero
    )
    blank_paths.update(_blank_paths(grid, blanks))
    review_values, blanks = _sum_cells(
        catalog.REVIEW_LITIGATION_GRID,
        [part.review_litigation.values for part in parts],
        blanks_as_zero=blanks_as_zero,
    )
    blank_paths.update(_blank_paths(catalog.REVIEW_LITIGATION_GRID, blanks))
    years = {part.year for part in parts}
    report = Report(
        organ=organ,
        year=year if year is not None or len(years) != 1 else years.pop(),
        proactive_disclosure=ProactiveDisclosure(
            FormatVersion(proactive_versions[0]), tuple(tables)
        ),
        requests=Requests(_version_of(grid), request_values),  # type: ignore[arg-type]
        review_litigation=ReviewLitigation(review_values),  # type: ignore[arg-type]
    )
    return Aggregate(report, len(parts), blank_paths, blanks_as_zero)


def _version_of(grid: Grid) -> FormatVersion:
    for version in catalog.FORMATS:
        if catalog.requests_grid(version) is grid:
            return version
    msg = f"table {grid.id!r} is not declared in the catalog"  # pragma: no cover
    raise AggregateError(msg)  # pragma: no cover
