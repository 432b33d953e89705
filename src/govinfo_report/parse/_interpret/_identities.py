"""The form's identities as the reader uses them to choose between readings.

The reader never states an identity: it takes the catalog's
:class:`~govinfo_report.catalog.Identity` declarations, the same the rules engine checks (E1–E4,
docs/format.md §7.1), and places their operands on its flat lists of cells. An identity is
``sum(left) == sum(right)``; with a blank operand it says nothing (the rules call that *not
assessable*), so a reading is refused only by an identity that fails, never by one that cannot be
assessed.

* within a row (``Axis.COLUMNS``: E3 in table 三, E4 in table 四): used to cut a run of digits
  into a row's cells (:func:`row_check`) and to compute a total printed after its parts
  (:func:`row_target`);
* across rows (``Axis.ROWS``: E1, E2 in table 三): used to choose between the cuts of several
  rows at once (:func:`column_balances`).
"""

from __future__ import annotations

import functools
from collections.abc import Sequence

import attrs

from govinfo_report.catalog import Axis, Grid
from govinfo_report.model import CellValue
from govinfo_report.parse._values import RowCheck, RowTarget

__all__ = ["Balance", "column_balances", "row_check", "row_fits", "row_target"]


@attrs.frozen
class Balance:
    """One instance of an identity: the positions of both sides' cells."""

    left: tuple[int, ...]
    right: tuple[int, ...]

    def holds(self, values: Sequence[CellValue]) -> bool | None:
        """Whether the identity holds on ``values``; ``None`` when an operand is blank."""
        left = [values[index] for index in self.left]
        right = [values[index] for index in self.right]
        if any(value is None for value in (*left, *right)):
            return None
        return sum(left) == sum(right)  # type: ignore[arg-type]


@functools.cache
def row_balances(grid: Grid) -> tuple[Balance, ...]:
    """The identities that hold within each row of ``grid``, by position in the row."""
    return tuple(
        Balance(
            tuple(grid.column_index(column) for column in identity.left),
            tuple(grid.column_index(column) for column in identity.right),
        )
        for identity in grid.identities
        if identity.axis is Axis.COLUMNS
    )


@functools.cache
def row_check(grid: Grid) -> RowCheck | None:
    """The identities within a row of ``grid`` as one test on a full row (no identity: None)."""
    balances = row_balances(grid)
    if not balances:
        return None

    def check(row: Sequence[CellValue]) -> bool:
        return all(balance.holds(row) is not False for balance in balances)

    return check


def row_fits(values: Sequence[CellValue], check: RowCheck, width: int) -> bool:
    """Whether every row of ``values`` (rows of ``width`` cells, in order) passes ``check``."""
    return all(check(values[i : i + width]) for i in range(0, len(values), width))


@functools.cache
def row_target(grid: Grid) -> RowTarget | None:
    """For a total printed after its parts (总计 in 三 and 四), its value from the parts."""
    totals: dict[int, tuple[int, ...]] = {}
    for balance in row_balances(grid):
        if len(balance.left) != 1:
            continue
        (total,) = balance.left
        if all(part < total for part in balance.right):
            totals[total] = balance.right
    if not totals:
        return None

    def target(row: Sequence[CellValue]) -> CellValue:
        parts = totals.get(len(row))
        if parts is None or any(row[part] is None for part in parts):
            return None
        return sum(row[part] for part in parts)  # type: ignore[misc]

    return target


@functools.cache
def column_balances(grid: Grid) -> tuple[Balance, ...]:
    """The identities between rows of ``grid``, one per column, by position in the grid."""
    width = len(grid.columns)
    return tuple(
        Balance(
            tuple(grid.row_index(row) * width + column for row in identity.left),
            tuple(grid.row_index(row) * width + column for row in identity.right),
        )
        for identity in grid.identities
        if identity.axis is Axis.ROWS
        for column in range(width)
    )
