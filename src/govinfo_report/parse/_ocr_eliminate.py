"""Numbers verified around the cells OCR could not read: the identities with those cells eliminated.

A seal or a smudge over one figure of table 三 leaves that cell unread, and every identity through
it (its row's E3, its column's E1 or E2) cannot be computed: read alone, the dozen figures of
that row and that column would all stay unverified. Yet the form checks each cell twice: the
unread cell is one unknown in two identities, so one identity gives its value and the other
checks it. Combined so that the unread cell cancels out (the row's E3 minus the column's E2),
they make an identity whose operands were all read, and which still holds or fails.

So, per table: the cells not read (and the figures read wrong: an identity through them fails,
and none holds) are *unknowns*; the identities through them are solved for them, exactly, and
must all hold with the one solution there is. A figure beside them is then verified when every
identity through it holds so, and a misreading of it would still break one, even were one more
figure of the table misread too (the guard the form gives a cell with no unknown beside it: its
row and its column check it apart). The unknowns themselves are never placed: their value is
solved, not read.

The arithmetic is the rules' evaluator's (:mod:`govinfo_report.rules.arithmetic`): each identity
in each line of a grid is a :class:`~govinfo_report.rules.arithmetic.Relation`; here they are
only written as the rows of a matrix, to tell which figures they determine.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from collections.abc import Set as AbstractSet
from functools import cache
from typing import NamedTuple

import numpy as np

from govinfo_report import catalog
from govinfo_report.catalog import Grid, Identity
from govinfo_report.model import CellValue, Report
from govinfo_report.rules.arithmetic import Relation, instances, lines, operand_cell

__all__ = ["Elimination", "eliminate", "sums_parts", "unsummed"]


def sums_parts(identity: Identity) -> bool:
    """Whether an identity is a total = the sum of its parts: E2, E3, E4.

    Not E1, whose target balances it: a blank carry-forward is a 0, not a total left unprinted.
    """
    return len(identity.left) == 1 and identity.target is None


def unsummed(total: str | None, operands: Iterable[str], blanks: AbstractSet[str]) -> bool:
    """Whether an identity says nothing with the page's blanks read as 0.

    So it is when it sums parts into a ``total`` (None: it sums nothing) the page left blank (a
    row not summed), or all of whose parts it left blank (a column of row totals not printed).
    """
    if total is None:
        return False
    return total in blanks or all(operand in blanks for operand in operands if operand != total)


@cache
def _relations(grid: Grid) -> tuple[tuple[Relation, int | None], ...]:
    """Every identity of ``grid`` in each of its lines, with the position of its total.

    The position is None for an identity that sums nothing (E1).
    """
    width = len(grid.columns)
    found: list[tuple[Relation, int | None]] = []
    for identity in grid.identities:
        for line, relation in zip(
            lines(grid, identity.axis), instances(grid, identity), strict=True
        ):
            row, column = operand_cell(identity.axis, identity.checked, line)
            total = grid.row_index(row) * width + grid.column_index(column)
            found.append((relation, total if sums_parts(identity) else None))
    return tuple(found)


def _matrix(relations: Sequence[Relation], size: int) -> np.ndarray:
    """The relations as rows of coefficients over the grid's positions: +1 left, -1 right."""
    matrix = np.zeros((len(relations), size))
    for number, relation in enumerate(relations):
        matrix[number, list(relation.left)] = 1
        matrix[number, list(relation.right)] = -1
    return matrix


def _rank(matrix: np.ndarray) -> int:
    return int(np.linalg.matrix_rank(matrix))


def _solved(
    relations: Sequence[Relation], values: Sequence[CellValue], unknowns: Sequence[int]
) -> dict[int, int] | None:
    """The unknowns' values solved from the relations; None unless one solution holds.

    The solution must be the only one, of whole non-negative numbers, and every relation must
    hold with it (checked by the evaluator, not by the solver).
    """
    matrix = _matrix(relations, len(values))
    on_unknowns = matrix[:, unknowns]
    if _rank(on_unknowns) < len(unknowns):
        return None
    known = np.array([0.0 if value is None else float(value) for value in values])
    solution, *_ = np.linalg.lstsq(on_unknowns, -matrix @ known, rcond=None)
    found = {
        position: round(value) for position, value in zip(unknowns, solution.tolist(), strict=True)
    }
    if any(value < 0 for value in found.values()):
        return None
    solved = [found.get(position, value) for position, value in enumerate(values)]
    if not all(relation.holds(solved) for relation in relations):
        return None
    return found


_TINY = 1e-6
"""Below this, a squared residual is 0: the coefficients are small integers, so a residual that
is not 0 is a fraction with a small denominator, far above it."""


def _caught(matrix: np.ndarray, unknowns: Sequence[int]) -> np.ndarray:
    """For each cell, whether the relations catch a misreading of it, even with one more.

    The unknowns are let go, and any one more cell may be misread too. A misreading of a cell
    changes the relations by its column of coefficients; the unknowns can absorb what of it
    lies in their columns' span. What they cannot absorb (the residual) is caught, unless one
    more misread cell's residual can make it up: the cell is caught when its residual is not 0
    and not a multiple of any other cell's.
    """
    basis, _triangle = np.linalg.qr(matrix[:, list(unknowns)])
    residuals = matrix - basis @ (basis.T @ matrix)
    gram = residuals.T @ residuals
    own = np.diag(gram).copy()
    alone = own > _TINY
    # Left after taking out the part along each other cell's residual: |r_y|² - (r_y·r_z)²/|r_z|².
    with_other = own[:, None] - np.divide(
        gram**2, own[None, :], out=np.zeros_like(gram), where=alone[None, :]
    )
    np.fill_diagonal(with_other, np.inf)
    caught: np.ndarray = alone & (with_other.min(axis=1) > _TINY)
    return caught


class Elimination(NamedTuple):
    """What the identities tell with the cells OCR could not read eliminated."""

    verified: set[str]
    """Figures read whose identities verify them so."""
    solved: dict[str, int]
    """The unknowns, by path, with the value the identities give them (never placed)."""


def _table(
    grid: Grid,
    paths: Sequence[str],
    values: Sequence[CellValue],
    blanks: AbstractSet[str],
    suspects: AbstractSet[str],
) -> Elimination:
    """One table's elimination (see the module)."""
    nothing = Elimination(set(), {})
    reading = [
        0 if value is None and path in blanks else value
        for path, value in zip(paths, values, strict=True)
    ]
    unknowns = [
        position
        for position, (path, value) in enumerate(zip(paths, reading, strict=True))
        if value is None or path in suspects
    ]
    if not unknowns:
        return nothing
    for position in unknowns:
        reading[position] = None
    # As for the checks with blanks read as 0 (parse/_ocr_verify.py).
    relations = [
        relation
        for relation, total in _relations(grid)
        if not unsummed(
            None if total is None else paths[total],
            (paths[operand] for operand in (*relation.left, *relation.right)),
            blanks,
        )
    ]
    unknown_set = set(unknowns)
    found = _solved(
        [relation for relation in relations if unknown_set & {*relation.left, *relation.right}],
        reading,
        unknowns,
    )
    if found is None:
        return nothing
    solved = [found.get(position, value) for position, value in enumerate(reading)]
    holding = [relation for relation in relations if relation.holds(solved)]
    broken = {
        position
        for relation in relations
        if not relation.holds(solved)
        for position in (*relation.left, *relation.right)
    }
    caught = _caught(_matrix(holding, len(values)), unknowns)
    verified = {
        paths[cell]
        for cell, value in enumerate(reading)
        if value is not None and cell not in broken and caught[cell]
    }
    return Elimination(verified, {paths[position]: value for position, value in found.items()})


def eliminate(report: Report, blanks: AbstractSet[str], suspects: AbstractSet[str]) -> Elimination:
    """The table figures of ``report`` verified with the cells it could not read eliminated.

    ``blanks``: the cells the page left blank (read as 0 here, as for the identities with blanks
    read as 0); ``suspects``: figures read wrong, by the identities (taken as unknowns).
    A cell left ``None`` that the page did not leave blank is an unknown.
    """
    verified: set[str] = set()
    solved: dict[str, int] = {}
    for table in report.tables():
        grid = table.grid
        if grid.identities:
            found = _table(grid, catalog.cell_paths(grid), table.values, blanks, suspects)
            verified |= found.verified
            solved.update(found.solved)
    return Elimination(verified, solved)
