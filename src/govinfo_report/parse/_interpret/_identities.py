"""The form's identities as the reader uses them to choose between readings.

The reader neither states an identity nor does its arithmetic: it takes the catalog's
:class:`~govinfo_report.catalog.Identity` declarations placed in each line of the grid by the
rules' evaluator (:mod:`govinfo_report.rules.arithmetic`, the one the rules engine checks E1–E4
with, docs/format.md §7.1), and asks that evaluator for verdicts. With a blank operand an identity
says nothing (*not assessable*), so a reading is refused only by an identity that fails, never
by one that cannot be assessed.

* within a row (``Axis.COLUMNS``: E3 in table 三, E4 in table 四): used to cut a run of digits
  into a row's cells (:func:`row_check`) and to compute a total printed after its parts
  (:func:`row_target`);
* across rows (``Axis.ROWS``: E1, E2 in table 三): used to choose between the cuts of several
  rows at once (:func:`column_identities`).
"""

from __future__ import annotations

import functools
from collections.abc import Sequence

from govinfo_report.catalog import Axis, Grid
from govinfo_report.model import CellValue
from govinfo_report.parse._values import RowCheck, RowTarget
from govinfo_report.rules.arithmetic import Relation, Relations, instances

__all__ = ["column_identities", "row_check", "row_fits", "row_target"]


@functools.cache
def _row_relations(grid: Grid) -> tuple[Relation, ...]:
    """The identities that hold within each row of ``grid``, by position in the row.

    Each is its instance in the grid's first row, whose positions are the columns'.
    """
    return tuple(
        instances(grid, identity)[0]
        for identity in grid.identities
        if identity.axis is Axis.COLUMNS
    )


@functools.cache
def row_check(grid: Grid) -> RowCheck | None:
    """The identities within a row of ``grid`` as one test on a full row (no identity: None)."""
    relations = _row_relations(grid)
    if not relations:
        return None
    compiled = Relations(relations, len(grid.columns))

    def check(row: Sequence[CellValue]) -> bool:
        return not compiled.refuted(row)

    return check


def row_fits(values: Sequence[CellValue], check: RowCheck, width: int) -> bool:
    """Whether every row of ``values`` (rows of ``width`` cells, in order) passes ``check``."""
    return all(check(values[i : i + width]) for i in range(0, len(values), width))


@functools.cache
def row_target(grid: Grid) -> RowTarget | None:
    """For a total printed after its parts (总计 in 三 and 四), its value from the parts."""
    totals: dict[int, Relation] = {}
    for relation in _row_relations(grid):
        if len(relation.left) != 1:
            continue
        (total,) = relation.left
        if all(part < total for part in relation.right):
            totals[total] = relation
    if not totals:
        return None

    def target(row: Sequence[CellValue]) -> CellValue:
        # ``row`` holds the cells before the next one: the next is a total when its parts
        # are all among them.
        relation = totals.get(len(row))
        if relation is None:
            return None
        value: CellValue = relation.solve(row, len(row))
        return value

    return target


@functools.cache
def column_identities(grid: Grid) -> Relations:
    """The identities between rows of ``grid``, one per column, by position in the grid."""
    return Relations(
        tuple(
            relation
            for identity in grid.identities
            if identity.axis is Axis.ROWS
            for relation in instances(grid, identity)
        ),
        grid.size,
    )
