"""The form's arithmetic on values: the one evaluator of its identities and bounds.

Everything in the package that needs the form's arithmetic asks this module: the rules engine
(E1–E4 and the bounds P3, P5, P6 on a whole report), the readers (cutting a run of digits into a
row's cells, choosing between readings) and the review. Nobody else adds operands up.

A declaration of the catalog (:class:`~govinfo_report.catalog.Identity`,
:class:`~govinfo_report.catalog.Bound`) holds in each line of its grid (each column for
``Axis.ROWS``, each row for ``Axis.COLUMNS``); :func:`instances` places it in each line as a
:class:`Relation` between positions of the grid's flat values (row after row). A relation with a
blank operand is *not assessable*: neither holds nor fails, its verdict is ``None``.

>>> from govinfo_report import catalog
>>> grid = catalog.REVIEW_LITIGATION_GRID
>>> (e4,) = grid.identities
>>> first_row = instances(grid, e4)[0]  # E4 in the first group (行政复议)
>>> width = len(grid.columns)
>>> first_row.holds([1, 2, 0, 0, 3] + [0] * (grid.size - width))
True
>>> first_row.holds([1, 2, 0, None, 3] + [0] * (grid.size - width))  # a blank: not assessable
>>> first_row.solve([1, 2, 0, 4], position=4)  # the total a blank 总计 takes from its parts
7

:class:`Relations` evaluates many relations at once, at C speed (the rules engine's and the
readers' hot paths): the same verdicts as each :class:`Relation` alone.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from functools import cache
from itertools import accumulate, chain
from operator import itemgetter, sub
from typing import Any

import attrs

from govinfo_report.catalog import Axis, Bound, Grid, Identity

__all__ = [
    "Relation",
    "Relations",
    "Values",
    "instances",
    "lines",
    "operand_cell",
    "read_blanks",
]

Values = Sequence[Any]
"""A flat sequence of cell values: ``int``, ``Decimal`` or ``None`` (blank)."""
_Getter = Callable[[Values], tuple[Any, ...]]


@attrs.frozen
class Relation:
    """One instance of a declaration: ``sum(left) == sum(right)`` (``<=`` for a bound).

    ``left`` and ``right`` are positions in a sequence of values (a grid's, a row's, a report's).
    """

    left: tuple[int, ...]
    right: tuple[int, ...]
    bound: bool = False
    """A plausibility bound (``sum(left) <= sum(right)``) rather than an identity."""

    def balance(self, values: Values) -> Any:  # noqa: ANN401 - int or Decimal, as the values
        """``sum(left) - sum(right)`` on ``values``; ``None`` when an operand is blank."""
        return _balance(values, self.left, self.right)

    def holds(self, values: Values) -> bool | None:
        """Whether the relation holds on ``values``; ``None`` (not assessable) with a blank."""
        balance = self.balance(values)
        if balance is None:
            return None
        return bool(balance <= 0 if self.bound else balance == 0)

    def solve(self, values: Values, position: int) -> Any:  # noqa: ANN401 - int or Decimal
        """The value the operand at ``position`` takes for the identity to hold, from the others.

        ``values[position]`` itself is never read (it may be blank, or past the end of a row
        read so far); ``None`` when another operand is blank. For a bound, the largest value
        the cell may take when it is on the left (the smallest when on the right).
        """
        if position not in self.left and position not in self.right:
            msg = f"position {position} is not an operand of {self}"
            raise ValueError(msg)
        left = tuple(index for index in self.left if index != position)
        right = tuple(index for index in self.right if index != position)
        balance = _balance(values, left, right)
        if balance is None:
            return None
        return -balance if position in self.left else balance


def _balance(values: Values, left: Sequence[int], right: Sequence[int]) -> Any:  # noqa: ANN401
    operands = [values[index] for index in (*left, *right)]
    if None in operands:
        return None
    return sum(operands[: len(left)]) - sum(operands[len(left) :])


def read_blanks(values: Values) -> tuple[Values, list[int]]:
    """``values`` with blanks read as 0 (for :meth:`Relations.balances`), and where they were."""
    if None not in values:  # the usual case: nothing left blank
        return values, []
    blank = [index for index, value in enumerate(values) if value is None]
    return [0 if value is None else value for value in values], blank


@attrs.frozen(eq=False)
class Relations:
    """Many relations of one kind (identities, or bounds) over ``size`` values, compiled once.

    Gives the verdicts of each :class:`Relation` alone, computed at once: the sums of each side
    at C speed from slices and item getters, blanks read as 0 and the relations using them set
    aside as not assessable.
    """

    relations: tuple[Relation, ...]
    size: int
    """The number of values evaluated (positions at or past it are never operands)."""
    bound: bool = attrs.field(init=False)
    left: _Side = attrs.field(init=False, repr=False)
    right: _Side = attrs.field(init=False, repr=False)
    users: tuple[frozenset[int], ...] = attrs.field(init=False, repr=False)
    """For each value, the positions in ``relations`` of the relations it is an operand of."""

    def __attrs_post_init__(self) -> None:
        kinds = {relation.bound for relation in self.relations}
        if len(kinds) > 1:
            msg = "Relations: identities and bounds are evaluated apart"
            raise ValueError(msg)
        object.__setattr__(self, "bound", kinds == {True})
        object.__setattr__(self, "left", _Side.of([r.left for r in self.relations]))
        object.__setattr__(self, "right", _Side.of([r.right for r in self.relations]))
        users: list[set[int]] = [set() for _ in range(self.size)]
        for number, relation in enumerate(self.relations):
            for index in (*relation.left, *relation.right):
                users[index].add(number)
        object.__setattr__(self, "users", tuple(frozenset(found) for found in users))

    def balances(self, zeroed: Values) -> list[Any]:
        """``sum(left) - sum(right)`` of every relation, in order (blanks read as 0 first)."""
        return list(map(sub, self.left.sums(zeroed), self.right.sums(zeroed)))

    def failing(self, balances: list[Any]) -> list[Any]:
        """For each balance, whether (truthy) its relation fails, when it is assessable."""
        return [balance > 0 for balance in balances] if self.bound else balances

    def unassessable(self, blank: Iterable[int]) -> set[int]:
        """The positions of the relations with an operand among the ``blank`` positions."""
        users = self.users
        return set().union(*(users[index] for index in blank if index < self.size))

    def verdicts(self, values: Values) -> list[bool | None]:
        """:meth:`Relation.holds` of every relation on ``values``, in order."""
        zeroed, blank = read_blanks(values)
        failing = self.failing(self.balances(zeroed))
        if not blank:
            return [not fails for fails in failing]
        unassessable = self.unassessable(blank)
        return [
            None if number in unassessable else not fails for number, fails in enumerate(failing)
        ]

    def refuted(self, values: Values) -> bool:
        """Whether some relation fails on ``values`` (one not assessable refutes nothing)."""
        return False in self.verdicts(values)


def lines(grid: Grid, axis: Axis) -> tuple[str, ...]:
    """The ids of the lines a declaration with ``axis`` holds in separately."""
    if axis is Axis.ROWS:
        return tuple(column.id for column in grid.columns)
    return tuple(row.id for row in grid.rows)


def operand_cell(axis: Axis, operand: str, line: str) -> tuple[str, str]:
    """(row id, column id) of an operand of a declaration along ``axis`` in ``line``."""
    return (operand, line) if axis is Axis.ROWS else (line, operand)


@cache
def instances(grid: Grid, declaration: Identity | Bound) -> tuple[Relation, ...]:
    """The relation of ``declaration`` in each of :func:`lines`, by position in the grid.

    Positions are those of the grid's flat values, row after row (``Table.values``).
    """
    width = len(grid.columns)

    def position(operand: str, line: str) -> int:
        row, column = operand_cell(declaration.axis, operand, line)
        return grid.row_index(row) * width + grid.column_index(column)

    return tuple(
        Relation(
            tuple(position(operand, line) for operand in declaration.left),
            tuple(position(operand, line) for operand in declaration.right),
            bound=isinstance(declaration, Bound),
        )
        for line in lines(grid, declaration.axis)
    )


def _tuple_getter(indexes: Sequence[int]) -> _Getter:
    """A function taking a sequence to the tuple of its items at ``indexes`` (C speed)."""
    if len(indexes) > 1:
        return itemgetter(*indexes)
    if indexes:
        (index,) = indexes
        return lambda values: (values[index],)
    return lambda _values: ()


def _terms(indexes: Sequence[int]) -> list[int | slice]:
    """``indexes`` as the terms of a sum: runs with one step as slices, lone cells as indexes.

    A run is a row's or a column's cells in the flat values. A sum does not depend on the
    order of its terms, so the indexes are sorted first.
    """
    ordered = sorted(indexes)
    terms: list[int | slice] = []
    start = 0
    while start < len(ordered):
        stop = start + 1
        step = ordered[stop] - ordered[start] if stop < len(ordered) else 0
        if step > 0:
            while stop < len(ordered) and ordered[stop] - ordered[stop - 1] == step:
                stop += 1
            terms.append(slice(ordered[start], ordered[stop - 1] + 1, step))
        else:  # the last cell, or a cell counted twice
            terms.append(ordered[start])
        start = stop
    return terms


def _identity_or(order: list[int]) -> _Getter | None:
    return None if order == list(range(len(order))) else _tuple_getter(order)


@attrs.frozen(eq=False)
class _Side:
    """One side (left or right) of every relation of a :class:`Relations`, summed at C speed.

    The operands of a side are lone cells or runs of cells with one step (a row's, a column's),
    so a side is a few terms: the lone cells' values come from one ``itemgetter``, the runs'
    sums from ``map`` and ``sum`` over slices. ``order`` puts those terms back in relation
    order, and where a relation has several terms, their running totals give its sum.
    """

    cells: _Getter
    runs: tuple[slice, ...]
    order: _Getter | None
    """From (lone cells, then runs) to the terms in relation order (None: already in order)."""
    ends: _Getter | None
    """Where each relation's terms end among the terms (None when each has one term)."""
    starts: _Getter | None

    @classmethod
    def of(cls, sides: Sequence[tuple[int, ...]]) -> _Side:
        """The side whose operand positions, relation by relation, are ``sides``."""
        per_relation = [_terms(side) for side in sides]
        terms = list(chain.from_iterable(per_relation))
        cells = [term for term in terms if isinstance(term, int)]
        runs = tuple(term for term in terms if isinstance(term, slice))
        cell_positions = iter(range(len(cells)))
        run_positions = iter(range(len(cells), len(terms)))
        order = [next(cell_positions if isinstance(term, int) else run_positions) for term in terms]
        if len(terms) == len(sides) and all(per_relation):
            return cls(_tuple_getter(cells), runs, _identity_or(order), None, None)
        ends = list(accumulate(len(own) for own in per_relation))
        starts = [end - len(own) for end, own in zip(ends, per_relation, strict=True)]
        return cls(
            _tuple_getter(cells),
            runs,
            _identity_or(order),
            _tuple_getter(ends),
            _tuple_getter(starts),
        )

    def sums(self, values: Values) -> Iterable[Any]:
        """The sum of this side of each relation, in relation order."""
        terms = (*self.cells(values), *map(sum, map(values.__getitem__, self.runs)))
        if self.order is not None:
            terms = self.order(terms)
        if self.ends is None or self.starts is None:
            return terms
        totals = tuple(accumulate(terms, initial=0))
        return map(sub, self.ends(totals), self.starts(totals))
